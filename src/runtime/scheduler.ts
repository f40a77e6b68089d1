/**
 * @module runtime/scheduler — cron schedules (the tip of the day). Each tick names its slot time,
 * the same on every replica, so the work can be guarded with an idempotency key.
 */
import { Cron } from 'croner';
import { MentorError } from '../errors.js';
import type { StopOptions } from './queue.js';

export interface ScheduleOptions {
  /** Cron pattern: 5 fields, or 6 with seconds first (e.g. `0 0 9 * * 1-5`). */
  pattern: string;
  /** IANA time zone the pattern is read in, e.g. `Europe/Berlin`; default the process's zone. */
  timezone?: string;
}

export interface ScheduledTick {
  /** The schedule's id. */
  id: string;
  /** When this run was due (not when it started): identical on every replica for one tick. */
  slotTime: Date;
  /** `<id>@<ISO slot time>`, a ready-made idempotency key, e.g. for `dedupe.claim`. */
  slotKey: string;
}

export type TickHandler = (tick: ScheduledTick) => Promise<void>;

export interface Scheduler {
  /** The driver's name, e.g. `memory` or `bullmq`. */
  readonly driver: string;
  /**
   * Runs `handler` on every tick of the pattern; scheduling an id again replaces it. Errors the
   * handler throws are caught and logged. Rejects with `MentorError('config_invalid')` for a bad
   * pattern or time zone, `MentorError('queue_unavailable')` when the backend cannot be reached.
   */
  schedule(id: string, options: ScheduleOptions, handler: TickHandler): Promise<void>;
  /** Stops this process's schedules, waiting up to `drainMs` for runs in progress. Idempotent. */
  stop(options?: StopOptions): Promise<void>;
}

export function createTick(id: string, slotTime: Date): ScheduledTick {
  return { id, slotTime, slotKey: `${id}@${slotTime.toISOString()}` };
}

export function invalidScheduleError(id: string, options: ScheduleOptions, cause: unknown): MentorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new MentorError(
    'config_invalid',
    `runtime: schedule "${id}" has an invalid pattern "${options.pattern}" or time zone "${options.timezone ?? 'local'}": ${reason}`,
    { cause },
  );
}

/** Throws `invalidScheduleError` unless croner accepts the pattern and time zone; touches no backend. */
export function assertValidSchedule(id: string, options: ScheduleOptions): void {
  try {
    const cron = new Cron(options.pattern, { timezone: options.timezone, paused: true });
    cron.nextRun(); // reads the time zone, which the constructor alone does not check
    cron.stop();
  } catch (error) {
    throw invalidScheduleError(id, options, error);
  }
}

export function schedulerStoppedError(): MentorError {
  return new MentorError('queue_unavailable', 'runtime: the scheduler is stopped (shutting down)');
}
