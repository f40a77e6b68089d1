/**
 * @module runtime/runtime — the runtime as the app sees it, and its shutdown order.
 */
import type { Dedupe } from './dedupe.js';
import type { RuntimeHealth } from './health.js';
import type { RuntimeLogger } from './logger.js';
import type { Queue, StopOptions } from './queue.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Scheduler } from './scheduler.js';
import type { StateStore } from './state-store.js';

export interface RuntimeOptions {
  /** Redis URL; absent means one process with memory drivers and a state file. */
  redisUrl?: string;
  /** Where the file state store keeps `state.json` (without Redis). */
  dataDir: string;
  /** Prefix of every Redis key; default `node-mentor`. */
  keyPrefix?: string;
  /** Name of the answer-job queue (no `:`); default `answers`. */
  queueName?: string;
  /** Runs per job before it counts as failed; default 3. */
  jobAttempts?: number;
  /** Delay (ms) before a job's first retry, doubled for each later one; default 1,000. */
  jobBackoffMs?: number;
  /**
   * Redis only: how long (ms) a running job's lock lasts without renewal; a job whose worker died is
   * run again once it expires. Default 15,000. See `StalledJobOptions` in `bullmq-queue.ts`.
   */
  jobLockMs?: number;
  /** Redis only: how often (ms) each worker looks for jobs whose lock expired; default 5,000. */
  stalledCheckMs?: number;
  logger?: RuntimeLogger;
}

export interface Runtime<TJob> {
  /** `memory` or `redis`. */
  readonly driver: string;
  readonly queue: Queue<TJob>;
  readonly scheduler: Scheduler;
  readonly dedupe: Dedupe;
  readonly rateLimiter: RateLimiter;
  readonly state: StateStore;
  /** Not ok while the backend is unreachable (it reconnects by itself). */
  health(): Promise<RuntimeHealth>;
  /** Stops ticks and jobs (waiting up to `drainMs` for running ones), then closes connections. Idempotent. */
  stop(options?: StopOptions): Promise<void>;
}

export type RuntimeParts<TJob> = Pick<
  Runtime<TJob>,
  'queue' | 'scheduler' | 'dedupe' | 'rateLimiter' | 'state'
>;

/** Stops the parts in shutdown order: ticks and jobs (drained side by side, so `drainMs` bounds both), then the stores. */
export async function stopParts<TJob>(parts: RuntimeParts<TJob>, options?: StopOptions): Promise<void> {
  await Promise.all([parts.scheduler.stop(options), parts.queue.stop(options)]);
  await Promise.all([parts.dedupe.stop(), parts.rateLimiter.stop(), parts.state.stop()]);
}
