/**
 * @module test/contracts/queue.contract — what every `Queue` driver must do: run each job once,
 * dedupe by job id, retry then report, respect concurrency, count depth, drain on stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import type { JobContext, Queue } from '../../src/runtime/queue.js';
import { createGate, sleep, waitFor } from './wait-for.js';

export interface TestJob {
  question: string;
}

export interface QueueContractOptions {
  /** A fresh, empty queue no other test sees; the suite stops it. */
  create(options: { attempts: number; backoffMs: number }): Promise<Queue<TestJob>> | Queue<TestJob>;
}

const job = (question: string): TestJob => ({ question });

export function testQueue({ create }: QueueContractOptions): void {
  describe('Queue contract', () => {
    const created: Queue<TestJob>[] = [];
    const make = async (attempts = 3, backoffMs = 20) => {
      const queue = await create({ attempts, backoffMs });
      created.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(created.splice(0).map((queue) => queue.stop({ drainMs: 2_000 })));
    });

    it('runs every job once with its payload, whether enqueued before or after process()', async () => {
      const queue = await make();
      const seen: string[] = [];
      const ids = [await queue.enqueue(job('a')), await queue.enqueue(job('b'))];
      queue.process(
        async (payload, context) => void seen.push(`${payload.question}:${context.id}:${context.attempt}`),
        { concurrency: 2 },
      );
      ids.push(await queue.enqueue(job('c')));
      await waitFor(() => seen.length === 3, 'three jobs');
      await sleep(100);
      expect(seen.sort()).toEqual([`a:${ids[0]}:1`, `b:${ids[1]}:1`, `c:${ids[2]}:1`].sort());
      expect(new Set(ids).size).toBe(3);
    });

    it('ignores a second enqueue of a jobId that is still pending', async () => {
      const queue = await make();
      const seen: string[] = [];
      expect(await queue.enqueue(job('first'), { jobId: 'C1:1700000000.0001' })).toBe('C1:1700000000.0001');
      expect(await queue.enqueue(job('again'), { jobId: 'C1:1700000000.0001' })).toBe('C1:1700000000.0001');
      await queue.enqueue(job('other'), { jobId: '42' });
      expect(await queue.depth()).toBe(2);
      queue.process(async (payload) => void seen.push(payload.question), { concurrency: 1 });
      await waitFor(() => seen.length === 2, 'two jobs');
      await sleep(100);
      expect(seen.sort()).toEqual(['first', 'other']);
    });

    it('accepts a jobId again once its job has finished', async () => {
      const queue = await make();
      const seen: string[] = [];
      queue.process(async (payload) => void seen.push(payload.question), { concurrency: 1 });
      await queue.enqueue(job('one'), { jobId: 'Ev1' });
      await waitFor(() => seen.length === 1, 'the first job');
      await waitFor(async () => (await queue.depth()) === 0, 'the first job to finish');
      await queue.enqueue(job('two'), { jobId: 'Ev1' });
      await waitFor(() => seen.length === 2, 'the second job with the same id');
      expect(seen).toEqual(['one', 'two']);
    });

    it('retries a failing job and does not report it once it succeeds', async () => {
      const queue = await make(3);
      const attempts: number[] = [];
      const failed: string[] = [];
      queue.process(
        async (_payload, context) => {
          attempts.push(context.attempt);
          if (context.attempt < 3) throw new Error(`flaky ${context.attempt}`);
        },
        { concurrency: 1, onFailed: (payload) => void failed.push(payload.question) },
      );
      await queue.enqueue(job('flaky'));
      await waitFor(() => attempts.length === 3, 'three attempts');
      await waitFor(async () => (await queue.depth()) === 0, 'the job to finish');
      expect(attempts).toEqual([1, 2, 3]);
      expect(failed).toEqual([]);
    });

    it('calls onFailed once, with the payload and last error, after the last attempt', async () => {
      const queue = await make(2);
      let runs = 0;
      const failed: { payload: TestJob; message: string; context: JobContext }[] = [];
      queue.process(
        async () => {
          runs += 1;
          throw new Error(`provider down (run ${runs})`);
        },
        {
          concurrency: 1,
          onFailed: (payload, error, context) =>
            void failed.push({ payload, message: error.message, context }),
        },
      );
      const id = await queue.enqueue(job('doomed'));
      await waitFor(() => failed.length === 1, 'onFailed');
      await sleep(200);
      expect(runs).toBe(2);
      expect(failed).toEqual([
        { payload: job('doomed'), message: 'provider down (run 2)', context: { id, attempt: 2 } },
      ]);
    });

    it('keeps working when onFailed throws', async () => {
      const queue = await make(1);
      const done: string[] = [];
      queue.process(
        async (payload) => {
          if (payload.question === 'bad') throw new Error('bad job');
          done.push(payload.question);
        },
        {
          concurrency: 1,
          onFailed: () => {
            throw new Error('slack is down too');
          },
        },
      );
      await queue.enqueue(job('bad'));
      await queue.enqueue(job('good'));
      await waitFor(() => done.length === 1, 'the job after the failure');
      expect(done).toEqual(['good']);
    });

    it('runs at most `concurrency` jobs at once and counts them in depth()', async () => {
      const queue = await make();
      const gate = createGate();
      let running = 0;
      let most = 0;
      let finished = 0;
      for (let index = 0; index < 5; index += 1) await queue.enqueue(job(`q${index}`));
      expect(await queue.depth()).toBe(5);
      queue.process(
        async () => {
          running += 1;
          most = Math.max(most, running);
          await gate.promise;
          running -= 1;
          finished += 1;
        },
        { concurrency: 2 },
      );
      await waitFor(() => running === 2, 'two running jobs');
      await sleep(200);
      expect(running).toBe(2);
      expect(await queue.depth()).toBe(5);
      gate.open();
      await waitFor(() => finished === 5, 'all jobs');
      await waitFor(async () => (await queue.depth()) === 0, 'an empty queue');
      expect(most).toBe(2);
    });

    it('stop() waits for running jobs, then refuses new ones', async () => {
      const queue = await make();
      const gate = createGate();
      const events: string[] = [];
      queue.process(
        async () => {
          events.push('started');
          await gate.promise;
          events.push('finished');
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job('slow'));
      await waitFor(() => events.length === 1, 'the job to start');
      const stopped = queue.stop({ drainMs: 10_000 }).then(() => events.push('stopped'));
      await sleep(100);
      gate.open();
      await stopped;
      expect(events).toEqual(['started', 'finished', 'stopped']);
      const refused = await queue.enqueue(job('late')).catch((error: unknown) => error);
      expect(isMentorError(refused, 'queue_unavailable')).toBe(true);
    });

    it('stop() gives up on a job still running after drainMs', async () => {
      const queue = await make();
      const gate = createGate();
      let started = false;
      queue.process(
        async () => {
          started = true;
          await gate.promise;
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job('stuck'));
      await waitFor(() => started, 'the job to start');
      await queue.stop({ drainMs: 100 });
      gate.open();
    });

    it('refuses a second process() call', async () => {
      const queue = await make();
      queue.process(async () => undefined, { concurrency: 1 });
      expect(() => queue.process(async () => undefined, { concurrency: 1 })).toThrow(/already/);
    });
  });
}
