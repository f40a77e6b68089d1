/**
 * @module test/support/redis-server — starts Debian's `redis-server` on a free loopback port for one
 * test file (no persistence), and can stop and restart it on the same port to test recovery.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';

export interface RedisServerOptions {
  /** Makes the server require this password (`--requirepass`); the url then carries it. */
  password?: string;
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, with `:<password>@` when one was set. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM) and waits for the process to exit; `restart()` brings it back. */
  stop(): Promise<void>;
  /** Starts the server again on the same port (stopping it first if it runs); data is gone. */
  restart(): Promise<void>;
}

const readyTimeoutMs = 10_000;

/**
 * Starts `redis-server --save "" --appendonly no` on 127.0.0.1 and resolves once it answers PING.
 * Throws (never skips) when `redis-server` is not installed.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  assertInstalled();
  const port = await findFreePort();
  const extra = options.password === undefined ? [] : ['--requirepass', options.password];
  let child: ChildProcess | undefined = await launch(port, extra);
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    const running = child;
    child = undefined;
    if (running) await terminate(running);
  };

  return {
    url: `redis://${options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`}127.0.0.1:${port}`,
    port,
    async stop() {
      await stop();
    },
    async restart() {
      await stop();
      child = await launch(port, extra);
    },
  };
}

function assertInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed: the Redis runtime tests need it. ' +
        'Install it with `sudo apt-get install -y redis-server` (CI does this in .ci/run).',
      { cause: probe.error },
    );
  }
}

async function launch(port: number, extra: string[]): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      tmpdir(),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited early (code ${code}):\n${output}`)));
    child.once('error', reject);
  });
  exited.catch(() => undefined);
  await Promise.race([waitForPong(port), exited]);
  return child;
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (await ping(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    // A server with a password answers NOAUTH: it is up all the same.
    socket.on('close', () => resolve(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH')));
    socket.on('error', () => undefined);
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
