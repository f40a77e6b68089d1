/**
 * @module runtime — what changes when the app scales out. `createRuntime` picks in-process drivers
 * (memory + a state file) by default, or Redis + BullMQ when a Redis URL is given.
 */
import { join } from 'node:path';
import { MentorError } from '../errors.js';
import { createFileStateStore } from './file-state-store.js';
import { silentLogger } from './logger.js';
import { createMemoryDedupe } from './memory-dedupe.js';
import { createMemoryQueue } from './memory-queue.js';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { createMemoryScheduler } from './memory-scheduler.js';
import { stopParts, type Runtime, type RuntimeOptions } from './runtime.js';

export type { Dedupe } from './dedupe.js';
export type { RuntimeHealth } from './health.js';
export type { RuntimeLogger } from './logger.js';
export type { EnqueueOptions, JobContext, JobHandler, ProcessOptions, Queue, StopOptions } from './queue.js';
export type { RateLimiter, RateLimitOptions, RateLimitResult } from './rate-limiter.js';
export type { ScheduledTick, ScheduleOptions, Scheduler, TickHandler } from './scheduler.js';
export type { StateStore } from './state-store.js';
export type { Runtime, RuntimeOptions } from './runtime.js';
export { redactUrl } from './redact-url.js';
export {
  createFileStateStore,
  createMemoryDedupe,
  createMemoryQueue,
  createMemoryRateLimiter,
  createMemoryScheduler,
};

/**
 * Builds the runtime. With a Redis URL it connects first and rejects with
 * `MentorError('queue_unavailable')` (password redacted) when Redis cannot be reached.
 * @example const runtime = await createRuntime<AnswerJob>({ dataDir: '.data', redisUrl: config.redisUrl });
 */
export async function createRuntime<TJob>(options: RuntimeOptions): Promise<Runtime<TJob>> {
  const queueName = options.queueName ?? 'answers';
  if (queueName.includes(':')) {
    throw new MentorError('config_invalid', `runtime: queue name "${queueName}" must not contain ":"`);
  }
  if (options.redisUrl) {
    const { createRedisRuntime } = await import('./redis-runtime.js');
    return createRedisRuntime<TJob>({ ...options, redisUrl: options.redisUrl, queueName });
  }
  const logger = options.logger ?? silentLogger;
  const retry = { attempts: options.jobAttempts, backoffMs: options.jobBackoffMs };
  const parts = {
    queue: createMemoryQueue<TJob>({ ...retry, logger }),
    scheduler: createMemoryScheduler({ logger }),
    dedupe: createMemoryDedupe(),
    rateLimiter: createMemoryRateLimiter(),
    state: createFileStateStore({ dataDir: options.dataDir }),
  };
  return {
    driver: 'memory',
    ...parts,
    async health() {
      return {
        ok: true,
        detail: `in-process (memory queue, state file ${join(options.dataDir, 'state.json')})`,
      };
    },
    async stop(stopOptions) {
      await stopParts(parts, stopOptions);
    },
  };
}
