/**
 * @module runtime/queue — the port for background jobs (answers): enqueue now, process later, retry
 * with exponential backoff, and tell the app when a job finally fails.
 */
import { MentorError } from '../errors.js';

/** What a handler learns about the job it runs. */
export interface JobContext {
  /** The caller's `jobId`, or one the driver made up. */
  id: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

export type JobHandler<T> = (payload: T, job: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /**
   * Dedupes: while a job with this id is waiting, retrying or running, another enqueue with the same
   * id is ignored. Once the job has finished (done or finally failed) the id can be used again.
   */
  jobId?: string;
}

export interface ProcessOptions<T> {
  /** How many jobs this process runs at the same time (per replica). */
  concurrency: number;
  /**
   * Called once when a job has failed its last attempt, e.g. to send the asker a friendly message.
   * Errors it throws are logged, never rethrown.
   */
  onFailed?: (payload: T, error: Error, job: JobContext) => Promise<void> | void;
}

export interface StopOptions {
  /** How long (ms) to wait for running jobs before giving up on them; default 10,000. */
  drainMs?: number;
}

/** Jobs of one kind; `T` is the payload the app defines (it must be JSON-serialisable). */
export interface Queue<T> {
  /** The driver's name, e.g. `memory` or `bullmq`. */
  readonly driver: string;
  /**
   * Adds a job and resolves to its id. Rejects with `MentorError('queue_unavailable')` when the
   * queue is stopped or its backend cannot be reached.
   */
  enqueue(payload: T, options?: EnqueueOptions): Promise<string>;
  /**
   * Starts consuming. A handler that rejects is retried with exponential backoff (the driver's
   * `backoffMs`, doubled per retry) until `attempts` runs failed, then `onFailed` is called.
   * Call it once per queue.
   */
  process(handler: JobHandler<T>, options: ProcessOptions<T>): void;
  /** Jobs waiting (including those waiting to retry) plus jobs running — for a metric. */
  depth(): Promise<number>;
  /** Stops taking new jobs and waits up to `drainMs` for running ones. Idempotent. */
  stop(options?: StopOptions): Promise<void>;
}

/** Shared by both queue drivers. */
export interface QueueRetryOptions {
  /** Runs per job before it counts as failed (first run included); default 3. */
  attempts?: number;
  /** Delay (ms) before the first retry; doubles for each later retry. Default 1,000. */
  backoffMs?: number;
}

export const defaultAttempts = 3;
export const defaultBackoffMs = 1_000;
export const defaultDrainMs = 10_000;

/** The delay (ms) before retry number `failedAttempts` (1-based): `backoffMs · 2^(failedAttempts − 1)`. */
export function backoffDelayMs(backoffMs: number, failedAttempts: number): number {
  return backoffMs * 2 ** (failedAttempts - 1);
}

/** The error `enqueue` rejects with once `stop()` was called. */
export function queueStoppedError(): MentorError {
  return new MentorError(
    'queue_unavailable',
    'runtime: the queue is stopped (shutting down); the job was not added',
  );
}

/** The error `process` throws when it is called a second time. */
export function alreadyProcessingError(): MentorError {
  return new MentorError('internal', 'runtime: process() was already called on this queue');
}
