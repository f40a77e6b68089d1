/**
 * @module runtime/redis-runtime — the scaled-out runtime: BullMQ for jobs and schedules, ioredis
 * for dedupe, rate limits and state, all on one Redis connection per replica.
 */
import { createBullmqQueue } from './bullmq-queue.js';
import { createBullmqScheduler } from './bullmq-scheduler.js';
import { silentLogger } from './logger.js';
import { connectRedis } from './redis-connection.js';
import { createRedisDedupe } from './redis-dedupe.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import { createRedisStateStore } from './redis-state-store.js';
import { stopParts, type Runtime, type RuntimeOptions } from './runtime.js';

export const DRIVER_NAME = 'redis';

/** Connects (rejecting with `MentorError('queue_unavailable')` when Redis is unreachable) and builds every driver. */
export async function createRedisRuntime<TJob>(
  options: RuntimeOptions & { redisUrl: string; queueName: string },
): Promise<Runtime<TJob>> {
  const logger = options.logger ?? silentLogger;
  const keyPrefix = options.keyPrefix ?? 'node-mentor';
  const prefix = `${keyPrefix}:bull`;
  const stalled = { lockMs: options.jobLockMs, stalledCheckMs: options.stalledCheckMs };
  const connection = await connectRedis({ url: options.redisUrl, logger });
  try {
    const parts = {
      queue: await createBullmqQueue<TJob>({
        connection,
        name: options.queueName,
        prefix,
        attempts: options.jobAttempts,
        backoffMs: options.jobBackoffMs,
        ...stalled,
        logger,
      }),
      scheduler: await createBullmqScheduler({
        connection,
        name: `${options.queueName}-schedules`,
        prefix,
        ...stalled,
        logger,
      }),
      dedupe: createRedisDedupe({ connection, keyPrefix: `${keyPrefix}:dedupe:` }),
      rateLimiter: createRedisRateLimiter({ connection, keyPrefix: `${keyPrefix}:rate:` }),
      state: createRedisStateStore({ connection, keyPrefix: `${keyPrefix}:state:` }),
    };
    return {
      driver: DRIVER_NAME,
      ...parts,
      health: () => connection.health(),
      async stop(stopOptions) {
        try {
          await stopParts(parts, stopOptions);
        } finally {
          await connection.stop();
        }
      },
    };
  } catch (error) {
    await connection.stop();
    throw error;
  }
}
