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

export interface BullmqQueueOptions extends QueueRetryOptions {
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
      const started = new BullWorker(name, (job: Job) => handler(job.data as T, context(job)), {
        connection: client.client,
        prefix,
        concurrency,
      });
      worker = { worker: started, client };
      started.on('error', reportError);
      started.on('failed', (job: Job | undefined, error: Error) => {
        if (!job) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
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
