/**
 * @module runtime/bullmq-scheduler — `Scheduler` on BullMQ job schedulers: every replica upserts
 * the same schedule (idempotent) and runs a Worker, and each tick is one job, so one replica runs
 * it. At-least-once: guard side effects with the tick's `slotKey`.
 */
import type { Job, Worker } from 'bullmq';
import { stalledJobWorkerOptions, type StalledJobOptions } from './bullmq-queue.js';
import { closeWorker } from './close-worker.js';
import { silentLogger, type RuntimeLogger } from './logger.js';
import { defaultDrainMs } from './queue.js';
import type { RedisConnection, WorkerClient } from './redis-connection.js';
import {
  createTick,
  assertValidSchedule,
  schedulerStoppedError,
  type ScheduleOptions,
  type Scheduler,
  type TickHandler,
} from './scheduler.js';

export const DRIVER_NAME = 'bullmq';

export interface BullmqSchedulerOptions extends StalledJobOptions {
  connection: RedisConnection;
  /** BullMQ queue name for ticks (no `:`), e.g. `schedules`. */
  name: string;
  /** BullMQ key prefix, e.g. `node-mentor:bull`. */
  prefix: string;
  logger?: RuntimeLogger;
  /** Ticks of different schedules this replica runs at once; default 4. */
  concurrency?: number;
}

interface Entry {
  options: ScheduleOptions;
  handler: TickHandler;
}

// Finished ticks are kept a day so a replica that upserts late cannot re-add a tick already run.
const keepFinished = { age: 24 * 60 * 60, count: 1_000 };

/**
 * `stop()` stops this replica only: the schedule stays in Redis for the others.
 * @example const scheduler = await createBullmqScheduler({ connection, name: 'schedules', prefix: 'node-mentor:bull' });
 */
export async function createBullmqScheduler(options: BullmqSchedulerOptions): Promise<Scheduler> {
  const { Queue: BullQueue, Worker: BullWorker } = await import('bullmq');
  const { connection, name, prefix } = options;
  const logger = options.logger ?? silentLogger;
  const queue = new BullQueue(name, { connection: connection.client, prefix });
  const reportError = (error: Error) => {
    if (connection.isReady()) logger.warn({ queue: name, error: error.message }, 'runtime: BullMQ error');
  };
  queue.on('error', reportError);
  const entries = new Map<string, Entry>();
  let worker: { worker: Worker; client: WorkerClient } | undefined;
  let stopped = false;

  const upsert = (id: string, entry: Entry) =>
    queue.upsertJobScheduler(
      id,
      { pattern: entry.options.pattern, ...(entry.options.timezone ? { tz: entry.options.timezone } : {}) },
      {
        name: id,
        data: {},
        opts: { attempts: 1, removeOnComplete: keepFinished, removeOnFail: keepFinished },
      },
    );

  const run = async (job: Job) => {
    const entry = entries.get(job.name);
    if (!entry) throw new Error(`runtime: no handler for schedule "${job.name}" on this replica`);
    await entry.handler(createTick(job.name, new Date(slotMillis(job))));
  };

  // Redis may come back empty (a restart without persistence): upsert again so ticks resume.
  const unsubscribe = connection.onReconnect(() => {
    for (const [id, entry] of entries) {
      upsert(id, entry).catch((error: Error) => reportError(error));
    }
  });

  return {
    driver: DRIVER_NAME,
    async schedule(id, scheduleOptions, handler) {
      if (stopped) throw schedulerStoppedError();
      assertValidSchedule(id, scheduleOptions);
      const entry = { options: scheduleOptions, handler };
      await connection.run('queue_unavailable', `schedule "${id}"`, () => upsert(id, entry));
      entries.set(id, entry);
      worker ??= startWorker();
    },
    async stop({ drainMs = defaultDrainMs } = {}) {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      if (worker) await closeWorker(worker.worker, worker.client, drainMs, logger);
      await queue.close().catch(reportError);
    },
  };

  function startWorker() {
    const client = connection.createWorkerClient();
    const started = new BullWorker(name, run, {
      connection: client.client,
      prefix,
      concurrency: options.concurrency ?? 4,
      ...stalledJobWorkerOptions(options),
    });
    started.on('error', reportError);
    started.on('failed', (job: Job | undefined, error: Error) =>
      logger.error({ scheduleId: job?.name, error: error.message }, 'runtime: scheduled run failed'),
    );
    return { worker: started, client };
  }
}

/** The time the tick was due: BullMQ records it as `prevMillis` and in the id `repeat:<id>:<millis>`. */
function slotMillis(job: Job): number {
  if (typeof job.opts.prevMillis === 'number') return job.opts.prevMillis;
  const fromId = Number(job.id?.split(':').pop());
  return Number.isFinite(fromId) ? fromId : job.timestamp + (job.delay ?? 0);
}
