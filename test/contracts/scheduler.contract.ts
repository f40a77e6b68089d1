/**
 * @module test/contracts/scheduler.contract — what every `Scheduler` driver must do: tick on the
 * pattern with the slot time, survive a failing handler, reject bad patterns, stop cleanly.
 * Uses 6-field patterns (seconds first) so a tick comes every second.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import type { RuntimeLogger } from '../../src/runtime/logger.js';
import type { ScheduledTick, Scheduler } from '../../src/runtime/scheduler.js';
import { sleep, waitFor } from './wait-for.js';

export interface SchedulerContractOptions {
  /** A fresh scheduler whose schedules no other test sees; the suite stops it. */
  create(options: { logger: RuntimeLogger }): Promise<Scheduler> | Scheduler;
}

const everySecond = '* * * * * *';

export interface RecordingLogger extends RuntimeLogger {
  readonly errors: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const errors: string[] = [];
  return {
    errors,
    info: () => undefined,
    warn: () => undefined,
    error: (_details, message) => void errors.push(message),
  };
}

export function testScheduler({ create }: SchedulerContractOptions): void {
  describe('Scheduler contract', () => {
    const created: Scheduler[] = [];
    const make = async (logger: RuntimeLogger = createRecordingLogger()) => {
      const scheduler = await create({ logger });
      created.push(scheduler);
      return scheduler;
    };
    afterEach(async () => {
      await Promise.all(created.splice(0).map((scheduler) => scheduler.stop()));
    });

    it('runs the handler on each tick with the slot time and a slot key', async () => {
      const scheduler = await make();
      const ticks: ScheduledTick[] = [];
      await scheduler.schedule('tip', { pattern: everySecond, timezone: 'Asia/Kathmandu' }, async (tick) => {
        ticks.push(tick);
      });
      await waitFor(() => ticks.length >= 2, 'two ticks');
      const [first, second] = ticks;
      expect(first?.id).toBe('tip');
      expect((first?.slotTime.getTime() ?? 1) % 1_000).toBe(0);
      expect((second?.slotTime.getTime() ?? 0) - (first?.slotTime.getTime() ?? 0)).toBeGreaterThanOrEqual(
        1_000,
      );
      expect(first?.slotKey).toBe(`tip@${first?.slotTime.toISOString()}`);
    });

    it('catches and reports a failing handler, and keeps ticking', async () => {
      const logger = createRecordingLogger();
      const scheduler = await make(logger);
      let runs = 0;
      await scheduler.schedule('failing', { pattern: everySecond }, async () => {
        runs += 1;
        throw new Error('slack said no');
      });
      await waitFor(() => runs >= 2, 'a second tick after a failure');
      await waitFor(() => logger.errors.length >= 1, 'the failure to be reported');
      expect(logger.errors[0]).toMatch(/scheduled run failed/);
    });

    it('replaces the handler when an id is scheduled again', async () => {
      const scheduler = await make();
      let oldRuns = 0;
      const newSlots: number[] = [];
      await scheduler.schedule('swap', { pattern: everySecond }, async () => void (oldRuns += 1));
      await waitFor(() => oldRuns >= 1, 'a tick of the first handler');
      await scheduler.schedule(
        'swap',
        { pattern: everySecond },
        async (tick) => void newSlots.push(tick.slotTime.getTime()),
      );
      await waitFor(() => newSlots.length >= 1, 'a tick of the second handler');
      const oldRunsThen = oldRuns;
      await waitFor(() => newSlots.length >= 3, 'more ticks of the second handler');
      expect(oldRuns).toBe(oldRunsThen);
    });

    it('rejects a bad pattern or time zone with config_invalid', async () => {
      const scheduler = await make();
      const badPattern = await scheduler
        .schedule('bad', { pattern: '61 * * * *' }, async () => undefined)
        .catch((error: unknown) => error);
      expect(isMentorError(badPattern, 'config_invalid')).toBe(true);
      const badZone = await scheduler
        .schedule('bad-zone', { pattern: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }, async () => undefined)
        .catch((error: unknown) => error);
      expect(isMentorError(badZone, 'config_invalid')).toBe(true);
    });

    it('runs nothing after stop()', async () => {
      const scheduler = await make();
      let runs = 0;
      await scheduler.schedule('stopping', { pattern: everySecond }, async () => void (runs += 1));
      await waitFor(() => runs >= 1, 'a first tick');
      await scheduler.stop();
      const runsAtStop = runs;
      await sleep(2_200);
      expect(runs).toBe(runsAtStop);
      await expect(
        scheduler.schedule('late', { pattern: everySecond }, async () => undefined),
      ).rejects.toMatchObject({
        code: 'queue_unavailable',
      });
    });
  });
}
