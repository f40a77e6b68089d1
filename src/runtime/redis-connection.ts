/**
 * @module runtime/redis-connection — one Redis connection per replica: a fail-fast command client
 * shared by the Redis drivers, worker clients for BullMQ, outage logging and health.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { MentorError, type MentorErrorCode } from '../errors.js';
import type { RuntimeHealth } from './health.js';
import { asError, silentLogger, type RuntimeLogger } from './logger.js';
import { redactUrl } from './redact-url.js';

export interface RedisConnectionOptions {
  /** e.g. `redis://:password@host:6379/0`; the password never appears in messages. */
  url: string;
  logger?: RuntimeLogger;
  /** A command without a reply after this long (ms) fails; default 5,000. */
  commandTimeoutMs?: number;
  /** Longest pause (ms) between reconnect attempts while Redis is away; default 2,000. */
  maxReconnectDelayMs?: number;
}

/** A client handed to one BullMQ worker, which makes its own copies of it. */
export interface WorkerClient {
  readonly client: Redis;
  /** Drops this client and every copy made of it at once, without waiting for Redis (which may be gone). */
  disconnect(): void;
}

export type UnavailableCode = Extract<MentorErrorCode, 'queue_unavailable' | 'state_unavailable'>;

export interface RedisConnection {
  /** The URL with its password replaced by `***`. */
  readonly safeUrl: string;
  /**
   * The shared command client. It fails fast: no offline queue, commands cut off by a disconnect
   * are failed rather than resent, and it reconnects by itself in the background.
   */
  readonly client: Redis;
  /** True while the command client is connected. */
  isReady(): boolean;
  /** A new, unconnected client for a BullMQ worker (`maxRetriesPerRequest: null`, as BullMQ requires). */
  createWorkerClient(): WorkerClient;
  /**
   * Runs one Redis operation; when Redis is unreachable it rejects at once with
   * `MentorError(code)`, and any other failure is wrapped in the same code.
   */
  run<R>(code: UnavailableCode, what: string, operation: () => Promise<R>): Promise<R>;
  /** Calls `listener` whenever the command client is back after an outage; returns an unsubscribe. */
  onReconnect(listener: () => void): () => void;
  health(): Promise<RuntimeHealth>;
  /** Closes the command client and every worker client made here. */
  stop(): Promise<void>;
}

/**
 * Connects to Redis and resolves once it answers; rejects with `MentorError('queue_unavailable')`
 * (password redacted, with how to fix it) when it cannot be reached, so the app can exit non-zero.
 * @example const connection = await connectRedis({ url: 'redis://127.0.0.1:6379' });
 */
export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const { Redis: RedisClient } = await import('ioredis');
  const logger = options.logger ?? silentLogger;
  const safeUrl = redactUrl(options.url);
  const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 2_000;
  const shared: RedisOptions = {
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 100, maxReconnectDelayMs),
  };
  const client = new RedisClient(options.url, {
    ...shared,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 5_000,
  });
  const workerClients = new Set<WorkerClient>();
  const reconnectListeners = new Set<() => void>();
  let phase: 'connecting' | 'up' | 'lost' | 'stopping' = 'connecting';
  let connectError: Error | undefined;

  const markLost = (details: Record<string, unknown>) => {
    if (phase !== 'up') return;
    phase = 'lost';
    logger.warn({ url: safeUrl, ...details }, 'runtime: lost the connection to Redis; retrying');
  };
  client.on('error', (error: Error) => {
    if (phase === 'connecting') connectError ??= error;
    markLost({ error: error.message });
  });
  client.on('close', () => markLost({}));
  client.on('ready', () => {
    if (phase !== 'lost') return;
    phase = 'up';
    logger.info({ url: safeUrl }, 'runtime: reconnected to Redis');
    for (const listener of reconnectListeners) listener();
  });

  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const reason = (connectError ?? asError(error)).message;
    throw new MentorError(
      'queue_unavailable',
      `runtime: cannot reach Redis at ${safeUrl} (${reason}) — start Redis (e.g. \`redis-server\`), ` +
        'check REDIS_URL and its password, or unset REDIS_URL to run as one process with the in-memory drivers',
      { cause: connectError ?? error },
    );
  }
  phase = 'up';

  const isReady = () => client.status === 'ready';
  const unavailable = (code: UnavailableCode, what: string, cause?: unknown) =>
    new MentorError(
      code,
      `runtime: cannot ${what} — Redis at ${safeUrl} is unreachable; it reconnects by itself when Redis is back`,
      { cause },
    );

  return {
    safeUrl,
    client,
    isReady,
    createWorkerClient() {
      const worker = trackCopies(new RedisClient(options.url, { ...shared, maxRetriesPerRequest: null }));
      workerClients.add(worker);
      return worker;
    },
    async run(code, what, operation) {
      if (!isReady()) throw unavailable(code, what);
      try {
        return await operation();
      } catch (error) {
        if (error instanceof MentorError) throw error;
        if (!isReady() || isConnectionError(error)) throw unavailable(code, what, error);
        const message = error instanceof Error ? error.message : String(error);
        throw new MentorError(code, `runtime: cannot ${what} — Redis at ${safeUrl} answered: ${message}`, {
          cause: error,
        });
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async health() {
      if (!isReady()) {
        return { ok: false, detail: `Redis at ${safeUrl} is unreachable (${client.status}); reconnecting` };
      }
      try {
        await client.ping();
        return { ok: true, detail: `Redis at ${safeUrl}` };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, detail: `Redis at ${safeUrl} did not answer PING: ${message}` };
      }
    },
    async stop() {
      phase = 'stopping';
      reconnectListeners.clear();
      for (const worker of workerClients) worker.disconnect();
      workerClients.clear();
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}

/**
 * BullMQ duplicates a worker's client for its connections and, with Redis gone, waits forever to
 * close them; recording the copies lets shutdown drop them itself.
 */
function trackCopies(client: Redis): WorkerClient {
  const copies = new Set<Redis>([client]);
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => {
    const copy = duplicate(override);
    copy.on('error', () => undefined);
    copies.add(copy);
    return copy;
  };
  client.on('error', () => undefined);
  return {
    client,
    disconnect() {
      for (const copy of copies) dropNow(copy);
    },
  };
}

/**
 * Disconnects without waiting. ioredis parks a client that was already reconnecting: pending
 * commands (BullMQ's blocking read) never settle and `end` never comes, so BullMQ would wait
 * forever to close. Failing the commands and ending the client (ioredis internals, guarded) lets
 * BullMQ finish and the process exit.
 */
function dropNow(client: Redis): void {
  const parked = client.status === 'reconnecting';
  client.disconnect();
  if (!parked && client.status !== 'reconnecting') return;
  const internals = client as unknown as {
    flushQueue?: (error: Error) => void;
    setStatus?: (status: 'end') => void;
  };
  internals.flushQueue?.(new Error('Connection is closed.'));
  internals.setStatus?.('end');
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /Connection is closed|Stream isn't writeable|max retries per request|Command timed out|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/i.test(
    error.message,
  );
}
