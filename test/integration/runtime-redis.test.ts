/**
 * The Redis drivers (BullMQ queue and scheduler; ioredis dedupe, rate limiter, state) against the
 * port contracts on a real `redis-server`, plus what only they do: one run per tick across
 * replicas, jobs crossing replicas, and a clear error when Redis cannot be reached.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import { createBullmqQueue } from '../../src/runtime/bullmq-queue.js';
import { createBullmqScheduler } from '../../src/runtime/bullmq-scheduler.js';
import { createRuntime } from '../../src/runtime/index.js';
import { connectRedis, type RedisConnection } from '../../src/runtime/redis-connection.js';
import { createRedisDedupe } from '../../src/runtime/redis-dedupe.js';
import { createRedisRateLimiter } from '../../src/runtime/redis-rate-limiter.js';
import { createRedisStateStore } from '../../src/runtime/redis-state-store.js';
import type { Scheduler } from '../../src/runtime/scheduler.js';
import { testDedupe } from '../contracts/dedupe.contract.js';
import { testQueue, type TestJob } from '../contracts/queue.contract.js';
import { testRateLimiter } from '../contracts/rate-limiter.contract.js';
import { testScheduler } from '../contracts/scheduler.contract.js';
import { testStateStore } from '../contracts/state-store.contract.js';
import { sleep, waitFor } from '../contracts/wait-for.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let server: RedisServer;
let connection: RedisConnection;
const extraConnections: RedisConnection[] = [];
const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
const connect = async () => {
  const extra = await connectRedis({ url: server.url });
  extraConnections.push(extra);
  return extra;
};

beforeAll(async () => {
  server = await startRedisServer();
  connection = await connectRedis({ url: server.url });
});

afterAll(async () => {
  await Promise.all([connection, ...extraConnections].map((each) => each?.stop()));
  await server?.stop();
});

describe('bullmq queue', () => {
  testQueue({
    create: (options) =>
      createBullmqQueue<TestJob>({ connection, name: unique('answers'), prefix: 'test', ...options }),
  });

  it('hands a job enqueued on one replica to a worker on another', async () => {
    const name = unique('answers');
    const producer = await createBullmqQueue<TestJob>({ connection: await connect(), name, prefix: 'test' });
    const consumer = await createBullmqQueue<TestJob>({ connection: await connect(), name, prefix: 'test' });
    const seen: string[] = [];
    await producer.enqueue({ question: 'from replica A' }, { jobId: 'Ev42' });
    await producer.stop();
    consumer.process(async (payload, job) => void seen.push(`${payload.question} (${job.id})`), {
      concurrency: 1,
    });
    await waitFor(() => seen.length === 1, 'the job on the other replica');
    expect(seen).toEqual(['from replica A (Ev42)']);
    await consumer.stop();
  });
});

describe('bullmq scheduler', () => {
  testScheduler({
    create: ({ logger }) =>
      createBullmqScheduler({ connection, name: unique('schedules'), prefix: 'test', logger }),
  });

  it('runs each tick once across three replicas', async () => {
    const name = unique('schedules');
    const replicas: Scheduler[] = [];
    for (let index = 0; index < 3; index += 1) {
      replicas.push(await createBullmqScheduler({ connection: await connect(), name, prefix: 'test' }));
    }
    const runsBySlot = new Map<string, number>();
    const runsByReplica = [0, 0, 0];
    const startedAt = Date.now();
    await Promise.all(
      replicas.map((replica, index) =>
        replica.schedule('tip', { pattern: '* * * * * *' }, async (tick) => {
          runsBySlot.set(tick.slotKey, (runsBySlot.get(tick.slotKey) ?? 0) + 1);
          runsByReplica[index] = (runsByReplica[index] ?? 0) + 1;
        }),
      ),
    );
    await sleep(5_000);
    await Promise.all(replicas.map((replica) => replica.stop()));
    const elapsedSeconds = (Date.now() - startedAt) / 1_000;

    const runs = [...runsBySlot.values()].reduce((sum, count) => sum + count, 0);
    expect([...runsBySlot.values()].every((count) => count === 1)).toBe(true);
    expect(runs).toBe(runsByReplica.reduce((sum, count) => sum + count, 0));
    expect(runs).toBeGreaterThanOrEqual(Math.floor(elapsedSeconds) - 1);
    expect(runs).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
  });
});

describe('redis dedupe', () => {
  testDedupe({ create: () => createRedisDedupe({ connection, keyPrefix: `${unique('test')}:dedupe:` }) });

  it('shares claims between replicas', async () => {
    const keyPrefix = `${unique('test')}:dedupe:`;
    const first = createRedisDedupe({ connection, keyPrefix });
    const second = createRedisDedupe({ connection: await connect(), keyPrefix });
    expect(await first.claim('Ev7', 60_000)).toBe(true);
    expect(await second.claim('Ev7', 60_000)).toBe(false);
  });
});

describe('redis rate limiter', () => {
  testRateLimiter({
    create: () => createRedisRateLimiter({ connection, keyPrefix: `${unique('test')}:rate:` }),
  });

  it('counts takes from every replica against one limit', async () => {
    const keyPrefix = `${unique('test')}:rate:`;
    const limiters = [
      createRedisRateLimiter({ connection, keyPrefix }),
      createRedisRateLimiter({ connection: await connect(), keyPrefix }),
    ];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        limiters[index % 2]?.take('U1', { limit: 4, windowMs: 60_000 }),
      ),
    );
    expect(results.filter((result) => result?.allowed)).toHaveLength(4);
  });
});

describe('redis state store', () => {
  testStateStore({
    create: () => createRedisStateStore({ connection, keyPrefix: `${unique('test')}:state:` }),
  });
});

describe('createRuntime with Redis', () => {
  it('picks the Redis drivers, reports healthy, and namespaces keys by keyPrefix', async () => {
    const keyPrefix = unique('mentor');
    const runtime = await createRuntime<TestJob>({
      redisUrl: server.url,
      dataDir: '/nonexistent',
      keyPrefix,
    });
    expect(runtime.driver).toBe('redis');
    expect([runtime.queue.driver, runtime.scheduler.driver]).toEqual(['bullmq', 'bullmq']);
    expect([runtime.dedupe.driver, runtime.rateLimiter.driver, runtime.state.driver]).toEqual([
      'redis',
      'redis',
      'redis',
    ]);
    expect(await runtime.health()).toMatchObject({ ok: true });
    await runtime.state.set('tips:cursor', 3);
    expect(await connection.client.get(`${keyPrefix}:state:tips:cursor`)).toBe('3');
    const other = await createRuntime<TestJob>({
      redisUrl: server.url,
      dataDir: '/nonexistent',
      keyPrefix: unique('mentor'),
    });
    expect(await other.state.get('tips:cursor')).toBeUndefined();
    await Promise.all([runtime.stop(), other.stop()]);
  });

  it('refuses to start when Redis is unreachable, with the password redacted and a fix', async () => {
    const closedPort = server.port === 1 ? 2 : 1;
    const error = await createRuntime({
      redisUrl: `redis://:s3cret-pass@127.0.0.1:${closedPort}/0`,
      dataDir: '/nonexistent',
    }).catch((thrown: unknown) => thrown);
    expect(isMentorError(error, 'queue_unavailable')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`redis://:***@127.0.0.1:${closedPort}/0`);
    expect(message).not.toContain('s3cret-pass');
    expect(message).toMatch(/start Redis|unset REDIS_URL/);
  });

  it('names a wrong password in its error without showing it, and redacts the right one in health', async () => {
    const guarded = await startRedisServer({ password: 'right-pass' });
    try {
      const wrongUrl = guarded.url.replace('right-pass', 'wrong-pass');
      const error = await createRuntime({ redisUrl: wrongUrl, dataDir: '/nonexistent' }).catch(
        (thrown: unknown) => thrown,
      );
      expect(isMentorError(error, 'queue_unavailable')).toBe(true);
      expect((error as Error).message).toMatch(/WRONGPASS/);
      expect((error as Error).message).not.toContain('wrong-pass');
      const runtime = await createRuntime({ redisUrl: guarded.url, dataDir: '/nonexistent' });
      const health = await runtime.health();
      expect(health.ok).toBe(true);
      expect(health.detail).toContain(`redis://:***@127.0.0.1:${guarded.port}`);
      expect(health.detail).not.toContain('right-pass');
      await runtime.stop();
    } finally {
      await guarded.stop();
    }
  });
});
