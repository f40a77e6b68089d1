/**
 * The pieces exactly-once delivery rests on, each on its own: releasing a dedupe claim, the post
 * guard around an answer's visible step, and a job that keeps killing its worker failing for good
 * with `onFailed` (so the asker hears about it) instead of vanishing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostGuard } from '../../src/app/post-guard.js';
import { createMemoryDedupe, createRuntime, type Runtime } from '../../src/runtime/index.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { waitFor } from '../contracts/wait-for.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let redis: RedisServer;
let runtime: Runtime<{ question: string }>;
const stalled = { jobLockMs: 1_000, stalledCheckMs: 300 };

beforeAll(async () => {
  redis = await startRedisServer();
  runtime = await createRuntime({ redisUrl: redis.url, dataDir: '/nonexistent', ...stalled });
});

afterAll(async () => {
  await runtime?.stop({ drainMs: 1_000 });
  await redis?.stop();
});

describe('Dedupe.release', () => {
  it('lets the next claim of a released key succeed (Redis and memory)', async () => {
    for (const dedupe of [runtime.dedupe, createMemoryDedupe()]) {
      expect(await dedupe.claim('release-me', 60_000)).toBe(true);
      expect(await dedupe.claim('release-me', 60_000)).toBe(false);
      await dedupe.release('release-me');
      expect(await dedupe.claim('release-me', 60_000)).toBe(true);
      await dedupe.release('never-claimed');
    }
  });
});

describe('post guard', () => {
  const guard = () => createPostGuard({ dedupe: createMemoryDedupe(), logger: silentLogger });

  it('posts once when a job runs again after its post (a retry or a stalled-job rerun)', async () => {
    const posts: string[] = [];
    const posting = guard();
    await posting.post('job-1', async () => void posts.push('first run'));
    await posting.post('job-1', async () => void posts.push('second run'));
    await posting.post('job-2', async () => void posts.push('another job'));
    expect(posts).toEqual(['first run', 'another job']);
  });

  it('lets the retry post when the post itself failed', async () => {
    const posts: string[] = [];
    const posting = guard();
    await expect(
      posting.post('job-1', async () => {
        throw new Error('slack said ratelimited');
      }),
    ).rejects.toThrow('ratelimited');
    await posting.post('job-1', async () => void posts.push('retry'));
    expect(posts).toEqual(['retry']);
  });

  it('sends the failure message only when no answer was posted', async () => {
    const notices: string[] = [];
    const posting = guard();
    await posting.post('answered', async () => undefined);
    await posting.notifyFailure('answered', async () => void notices.push('answered'));
    await posting.notifyFailure('unanswered', async () => void notices.push('unanswered'));
    expect(notices).toEqual(['unanswered']);
  });
});

/** A worker replica in its own process that dies (SIGKILL) on the first job it takes. */
async function runCrashingWorker(url: string): Promise<void> {
  const script = `
    import { createRuntime } from ${JSON.stringify(join(process.cwd(), 'src/runtime/index.ts'))};
    const runtime = await createRuntime({ redisUrl: ${JSON.stringify(url)}, dataDir: '/nonexistent',
      jobLockMs: ${stalled.jobLockMs}, stalledCheckMs: ${stalled.stalledCheckMs} });
    runtime.queue.process(async () => process.kill(process.pid, 'SIGKILL'), { concurrency: 1 });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: 'ignore',
  });
  const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  expect(signal).toBe('SIGKILL');
}

describe('BullMQ stalled jobs', () => {
  // Regression: a job failed for stalling too often (not for running out of attempts) never
  // reached onFailed, so the asker was never told.
  it('fails a job that killed two workers for good and calls onFailed once', async () => {
    await runtime.queue.enqueue({ question: 'poison' }, { jobId: 'poison-1' });
    await runCrashingWorker(redis.url);
    await runCrashingWorker(redis.url);
    const handled: string[] = [];
    const failed: { question: string; error: string; id: string }[] = [];
    runtime.queue.process(async (payload) => void handled.push(payload.question), {
      concurrency: 1,
      onFailed: (payload, error, job) =>
        void failed.push({ question: payload.question, error: error.message, id: job.id }),
    });
    await waitFor(() => failed.length > 0, 'onFailed for the poison job');
    await waitFor(async () => (await runtime.queue.depth()) === 0, 'the queue to be empty');
    expect(failed).toEqual([
      { question: 'poison', error: 'job stalled more than allowable limit', id: 'poison-1' },
    ]);
    expect(handled).toEqual([]);
  });
});
