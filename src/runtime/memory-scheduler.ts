/**
 * @module runtime/memory-scheduler — the in-process `Scheduler` on croner. Single-instance: every
 * replica running it fires every tick (use the BullMQ driver to fire once across replicas).
 */
import { Cron } from 'croner';
import { asError, silentLogger, type RuntimeLogger } from './logger.js';
import { defaultDrainMs } from './queue.js';
import { createTick, invalidScheduleError, schedulerStoppedError, type Scheduler } from './scheduler.js';
import { settleWithin } from './settle-within.js';

export const DRIVER_NAME = 'memory';

export interface MemorySchedulerOptions {
  logger?: RuntimeLogger;
}

/** @example const scheduler = createMemoryScheduler(); await scheduler.schedule('tip', { pattern: '0 9 * * 1-5' }, postTip); */
export function createMemoryScheduler(options: MemorySchedulerOptions = {}): Scheduler {
  const logger = options.logger ?? silentLogger;
  const jobs = new Map<string, Cron>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  return {
    driver: DRIVER_NAME,
    async schedule(id, scheduleOptions, handler) {
      if (stopped) throw schedulerStoppedError();
      let cron: Cron;
      try {
        cron = new Cron(
          scheduleOptions.pattern,
          {
            timezone: scheduleOptions.timezone,
            protect: () => logger.warn({ scheduleId: id }, 'runtime: previous run still busy; tick skipped'),
            catch: (error) =>
              logger.error(
                { scheduleId: id, error: asError(error).message },
                'runtime: scheduled run failed',
              ),
            unref: true,
          },
          (self: Cron) => {
            const startedAt = self.currentRun() ?? new Date();
            const slotTime = self.previousRuns(1, startedAt)[0] ?? startedAt;
            const run = handler(createTick(id, slotTime));
            const tracked = run.catch(() => undefined).finally(() => running.delete(tracked));
            running.add(tracked);
            return run;
          },
        );
      } catch (error) {
        throw invalidScheduleError(id, scheduleOptions, error);
      }
      jobs.get(id)?.stop();
      jobs.set(id, cron);
    },
    async stop({ drainMs = defaultDrainMs } = {}) {
      stopped = true;
      for (const cron of jobs.values()) cron.stop();
      jobs.clear();
      await settleWithin(Promise.allSettled(running), drainMs);
    },
  };
}
