/**
 * The Redis runtime when Redis goes away mid-run and comes back: operations fail fast with a typed
 * error (no hanging), health says so, and everything — jobs, ticks, state — works again by itself.
 * Its own file because it stops and restarts its Redis server.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMentorError, type MentorErrorCode } from '../../src/errors.js';
import { createRuntime, type Runtime, type RuntimeLogger } from '../../src/runtime/index.js';
import type { TestJob } from '../contracts/queue.contract.js';
import { waitFor } from '../contracts/wait-for.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let server: RedisServer;
let runtime: Runtime<TestJob>;
const messages: string[] = [];
const logger: RuntimeLogger = {
  info: (_details, message) => void messages.push(message),
  warn: (_details, message) => void messages.push(message),
  error: (_details, message) => void messages.push(message),
};
const answered: string[] = [];
const slots: number[] = [];

/** Another replica, in its own process: it stops when told and must then exit by itself. */
function startReplica(url: string): ChildProcessWithoutNullStreams {
  const script = `
    import { createRuntime } from ${JSON.stringify(join(process.cwd(), 'src/runtime/index.ts'))};
    const runtime = await createRuntime({ redisUrl: ${JSON.stringify(url)}, dataDir: '/nonexistent', keyPrefix: 'replica' });
    runtime.queue.process(async () => undefined, { concurrency: 1 });
    await runtime.scheduler.schedule('tip', { pattern: '* * * * * *' }, async () => undefined);
    console.log('ready');
    process.stdin.once('data', async () => {
      process.stdin.destroy();
      await runtime.stop({ drainMs: 500 });
      console.log('stopped');
    });
  `;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
}
let replica: ChildProcessWithoutNullStreams;
let replicaOutput = '';

beforeAll(async () => {
  server = await startRedisServer();
  runtime = await createRuntime<TestJob>({ redisUrl: server.url, dataDir: '/nonexistent', logger });
  runtime.queue.process(async (payload) => void answered.push(payload.question), { concurrency: 2 });
  await runtime.scheduler.schedule(
    'tip',
    { pattern: '* * * * * *' },
    async (tick) => void slots.push(tick.slotTime.getTime()),
  );
  replica = startReplica(server.url);
  replica.stdout.on('data', (chunk: Buffer) => (replicaOutput += chunk.toString()));
  replica.stderr.on('data', (chunk: Buffer) => (replicaOutput += chunk.toString()));
  await waitFor(() => replicaOutput.includes('ready'), 'the replica process to start');
});

afterAll(async () => {
  if (replica?.exitCode === null) replica.kill('SIGKILL');
  await runtime?.stop({ drainMs: 1_000 });
  await server?.stop();
});

async function failureCode(
  operation: () => Promise<unknown>,
): Promise<MentorErrorCode | 'resolved' | 'not a MentorError'> {
  try {
    await operation();
    return 'resolved';
  } catch (error) {
    return isMentorError(error) ? error.code : 'not a MentorError';
  }
}

describe('Redis runtime across a Redis outage', () => {
  it('works before the outage', async () => {
    await runtime.queue.enqueue({ question: 'before' });
    await waitFor(() => answered.includes('before') && slots.length > 0, 'a job and a tick');
    expect(await runtime.health()).toMatchObject({ ok: true });
  });

  it('fails every operation fast with a typed error while Redis is down, and reports unhealthy', async () => {
    await server.stop();
    const codes = {
      claim: await failureCode(() => runtime.dedupe.claim('Ev1', 60_000)),
      take: await failureCode(() => runtime.rateLimiter.take('U1', { limit: 5, windowMs: 60_000 })),
      get: await failureCode(() => runtime.state.get('cursor')),
      set: await failureCode(() => runtime.state.set('cursor', 1)),
      increment: await failureCode(() => runtime.state.increment('feedback:up')),
      enqueue: await failureCode(() => runtime.queue.enqueue({ question: 'during' })),
      depth: await failureCode(() => runtime.queue.depth()),
      schedule: await failureCode(() =>
        runtime.scheduler.schedule('other', { pattern: '0 9 * * *' }, async () => undefined),
      ),
    };
    expect(codes).toEqual({
      claim: 'state_unavailable',
      take: 'state_unavailable',
      get: 'state_unavailable',
      set: 'state_unavailable',
      increment: 'state_unavailable',
      enqueue: 'queue_unavailable',
      depth: 'queue_unavailable',
      schedule: 'queue_unavailable',
    });
    const health = await runtime.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain(server.url);
    // ioredis announces the lost connection a tick after its status changes.
    await waitFor(
      () => messages.includes('runtime: lost the connection to Redis; retrying'),
      'the lost-connection log',
    );
  });

  it('stops within its drain while Redis is down, and the process then exits by itself', async () => {
    const exited = once(replica, 'exit');
    replica.stdin.write('stop\n');
    const [code] = (await exited) as [number | null];
    expect(replicaOutput).toBe('ready\nstopped\n');
    expect(code).toBe(0);
  });

  it('recovers by itself when Redis is back: state, jobs and ticks work again', async () => {
    await server.restart();
    await waitFor(async () => (await runtime.health()).ok, 'health to recover');
    expect(messages).toContain('runtime: reconnected to Redis');
    expect(await runtime.dedupe.claim('Ev1', 60_000)).toBe(true);
    expect((await runtime.rateLimiter.take('U1', { limit: 5, windowMs: 60_000 })).allowed).toBe(true);
    await runtime.state.set('cursor', 2);
    expect(await runtime.state.get('cursor')).toBe(2);
    expect(await runtime.state.increment('feedback:up')).toBe(1);
    await runtime.queue.enqueue({ question: 'after' });
    await waitFor(() => answered.includes('after'), 'a job enqueued after the restart');
    const restartedAt = Date.now();
    await waitFor(() => slots.some((slot) => slot > restartedAt), 'a tick after the restart');
    expect(answered.filter((question) => question === 'during')).toEqual([]);
  });
});
