/**
 * @module runtime/memory-queue — the in-process `Queue`: jobs live in this process's memory.
 * Single-instance: replicas do not share jobs, and jobs still waiting at shutdown are lost
 * (use the BullMQ driver to scale out or to keep jobs across restarts).
 */
import { randomUUID } from 'node:crypto';
import { asError, silentLogger, type RuntimeLogger } from './logger.js';
import { settleWithin } from './settle-within.js';
import {
  alreadyProcessingError,
  backoffDelayMs,
  defaultAttempts,
  defaultBackoffMs,
  defaultDrainMs,
  queueStoppedError,
  type JobContext,
  type ProcessOptions,
  type JobHandler,
  type Queue,
  type QueueRetryOptions,
} from './queue.js';

export const DRIVER_NAME = 'memory';

export interface MemoryQueueOptions extends QueueRetryOptions {
  logger?: RuntimeLogger;
}

interface MemoryJob<T> {
  id: string;
  payload: T;
  /** Runs started so far. */
  attempts: number;
}

interface Consumer<T> extends ProcessOptions<T> {
  handler: JobHandler<T>;
}

/** @example const queue = createMemoryQueue<AnswerJob>(); queue.process(answer, { concurrency: 4 }); */
export function createMemoryQueue<T>(options: MemoryQueueOptions = {}): Queue<T> {
  const attempts = options.attempts ?? defaultAttempts;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const logger = options.logger ?? silentLogger;
  const waiting: MemoryJob<T>[] = [];
  const known = new Set<string>();
  const retryTimers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let consumer: Consumer<T> | undefined;
  let stopped = false;

  const pump = () => {
    while (consumer && !stopped && running.size < consumer.concurrency) {
      const job = waiting.shift();
      if (!job) return;
      const run = execute(consumer, job).finally(() => {
        running.delete(run);
        pump();
      });
      running.add(run);
    }
  };

  const execute = async (current: Consumer<T>, job: MemoryJob<T>) => {
    job.attempts += 1;
    const context: JobContext = { id: job.id, attempt: job.attempts };
    try {
      await current.handler(job.payload, context);
      known.delete(job.id);
    } catch (thrown) {
      const error = asError(thrown);
      if (job.attempts < attempts && !stopped) {
        logger.warn(
          { jobId: job.id, attempt: job.attempts, error: error.message },
          'runtime: job failed; retrying',
        );
        const timer = setTimeout(
          () => {
            retryTimers.delete(timer);
            waiting.push(job);
            pump();
          },
          backoffDelayMs(backoffMs, job.attempts),
        );
        timer.unref();
        retryTimers.add(timer);
        return;
      }
      known.delete(job.id);
      logger.error({ jobId: job.id, attempts: job.attempts, error: error.message }, 'runtime: job failed');
      try {
        await current.onFailed?.(job.payload, error, context);
      } catch (callbackError) {
        logger.error({ jobId: job.id, error: asError(callbackError).message }, 'runtime: onFailed threw');
      }
    }
  };

  return {
    driver: DRIVER_NAME,
    async enqueue(payload, { jobId } = {}) {
      if (stopped) throw queueStoppedError();
      const id = jobId ?? randomUUID();
      if (known.has(id)) return id;
      known.add(id);
      waiting.push({ id, payload, attempts: 0 });
      queueMicrotask(pump);
      return id;
    },
    process(handler, processOptions) {
      if (consumer) throw alreadyProcessingError();
      if (stopped) throw queueStoppedError();
      consumer = { ...processOptions, handler };
      queueMicrotask(pump);
    },
    async depth() {
      return waiting.length + retryTimers.size + running.size;
    },
    async stop({ drainMs = defaultDrainMs } = {}) {
      if (stopped) return;
      stopped = true;
      for (const timer of retryTimers) clearTimeout(timer);
      const dropped = waiting.length + retryTimers.size;
      retryTimers.clear();
      waiting.length = 0;
      if (dropped > 0) logger.warn({ dropped }, 'runtime: memory queue stopped with jobs that never ran');
      await settleWithin(Promise.allSettled(running), drainMs);
    },
  };
}
