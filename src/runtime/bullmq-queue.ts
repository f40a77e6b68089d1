/**
 * @module runtime/bullmq-queue — `Queue` on BullMQ: jobs live in Redis, any replica may run them,
 * and a job whose replica dies is picked up again (at-least-once).
 */
import type { Job, Worker } from 'bullmq';
import { closeWorker } from './close-worker.js';
import { asError, silentLogger, type RuntimeLogger } from './logger.js';
import {
  alreadyProcessingError,
  defaultAttempts,
  defaultBackoffMs,
  defaultDrainMs,
  queueStoppedError,
  type JobContext,
  type Queue,
  type QueueRetryOptions,
} from './queue.js';
import type { RedisConnection, WorkerClient } from './redis-connection.js';

export const DRIVER_NAME = 'bullmq';

/**
 * How BullMQ notices a worker that died mid-job: the worker holds a lock on each running job and
 * renews it every `lockMs / 2`; once a lock has expired, the next stalled-job check of any worker
 * moves the job back to waiting, so another worker runs it — within about
 * `lockMs + 2 × stalledCheckMs` of the death. A job that stalls twice fails for good (`onFailed`).
 */
export interface StalledJobOptions {
  /**
   * How long (ms) a running job's lock lasts without renewal; default 15,000 (BullMQ's is 30,000).
   * Shorter finds dead workers sooner, but an event loop blocked for longer than this makes a live
   * job look dead and run twice.
   */
  lockMs?: number;
  /** How often (ms) each worker looks for jobs whose lock expired; default 5,000 (BullMQ's is 30,000). */
  stalledCheckMs?: number;
}

export const defaultLockMs = 15_000;
export const defaultStalledCheckMs = 5_000;

/** BullMQ worker options for `StalledJobOptions` (shared with the scheduler's worker). */
export function stalledJobWorkerOptions(options: StalledJobOptions) {
  return {
    lockDuration: options.lockMs ?? defaultLockMs,
    stalledInterval: options.stalledCheckMs ?? defaultStalledCheckMs,
    maxStalledCount: 1,
  };
}

export interface BullmqQueueOptions extends QueueRetryOptions, StalledJobOptions {
  connection: RedisConnection;
  /** BullMQ queue name (no `:`), e.g. `answers`. */
  name: string;
  /** BullMQ key prefix, e.g. `node-mentor:bull`. */
  prefix: string;
  logger?: RuntimeLogger;
}

/**
 * Resolves once the queue is usable; `process()` starts a Worker on its own Redis connection.
 * @example const queue = await createBullmqQueue<AnswerJob>({ connection, name: 'answers', prefix: 'node-mentor:bull' });
 */
export async function createBullmqQueue<T>(options: BullmqQueueOptions): Promise<Queue<T>> {
  const { Queue: BullQueue, Worker: BullWorker } = await import('bullmq');
  const { connection, name, prefix } = options;
  const logger = options.logger ?? silentLogger;
  const attempts = options.attempts ?? defaultAttempts;
  const queue = new BullQueue(name, {
    connection: connection.client,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? defaultBackoffMs },
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  const reportError = (error: Error) => {
    if (connection.isReady()) logger.warn({ queue: name, error: error.message }, 'runtime: BullMQ error');
  };
  queue.on('error', reportError);
  let worker: { worker: Worker; client: WorkerClient } | undefined;
  let stopped = false;

  return {
    driver: DRIVER_NAME,
    async enqueue(payload, { jobId } = {}) {
      if (stopped) throw queueStoppedError();
      const job = await connection.run('queue_unavailable', 'enqueue a job', () =>
        queue.add('job', payload, jobId === undefined ? {} : { jobId: toBullmqJobId(jobId) }),
      );
      return fromBullmqJobId(job.id);
    },
    process(handler, { concurrency, onFailed }) {
      if (worker) throw alreadyProcessingError();
      if (stopped) throw queueStoppedError();
      const context = (job: Job): JobContext => ({
        id: fromBullmqJobId(job.id),
        attempt: job.attemptsMade + 1,
      });
      const client = connection.createWorkerClient();
      const run = (job: Job) => {
        const current = context(job);
        // Queue wait of a first run (enqueue → start), for the bench and for debugging slow pickup.
        if (current.attempt === 1) {
          const waitedMs = (job.processedOn ?? Date.now()) - job.timestamp;
          logger.debug?.({ queue: name, jobId: current.id, waitedMs }, 'runtime: job started');
        }
        return handler(job.data as T, current);
      };
      const started = new BullWorker(name, run, {
        connection: client.client,
        prefix,
        concurrency,
        ...stalledJobWorkerOptions(options),
      });
      worker = { worker: started, client };
      started.on('error', reportError);
      started.on('failed', (job: Job | undefined, error: Error) => {
        if (!job) return;
        // Failed for good: out of attempts, or unrecoverable (a job that stalled twice, e.g. because it
        // crashes its worker) — BullMQ then sets finishedOn, which a retried job does not have.
        const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
        const details = { jobId: fromBullmqJobId(job.id), attempt: job.attemptsMade, error: error.message };
        if (!final) return logger.warn(details, 'runtime: job failed; retrying');
        logger.error(details, 'runtime: job failed');
        Promise.resolve()
          .then(() => onFailed?.(job.data as T, error, { ...context(job), attempt: job.attemptsMade }))
          .catch((callbackError: unknown) =>
            logger.error({ ...details, error: asError(callbackError).message }, 'runtime: onFailed threw'),
          );
      });
    },
    depth() {
      return connection.run('queue_unavailable', 'count jobs', async () => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
        return Object.values(counts).reduce((sum, count) => sum + count, 0);
      });
    },
    async stop({ drainMs = defaultDrainMs } = {}) {
      if (stopped) return;
      stopped = true;
      if (worker) await closeWorker(worker.worker, worker.client, drainMs, logger);
      await queue.close().catch(reportError);
    },
  };
}

// BullMQ refuses custom ids that are integers or contain `:`; these keep any caller id usable.
function toBullmqJobId(jobId: string): string {
  return `id-${jobId.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

function fromBullmqJobId(bullmqId: string | undefined): string {
  if (bullmqId === undefined) return '';
  if (!bullmqId.startsWith('id-')) return bullmqId;
  return bullmqId.slice(3).replaceAll('%3A', ':').replaceAll('%25', '%');
}
