/**
 * The runtime's default drivers (memory queue, scheduler, dedupe, rate limiter; file state) against
 * the port contracts, plus what only they do: expiry on an injected clock, a state file that
 * survives restarts and is written atomically, and a process that exits without stop().
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import { createRuntime } from '../../src/runtime/index.js';
import { createFileStateStore } from '../../src/runtime/file-state-store.js';
import { createMemoryDedupe } from '../../src/runtime/memory-dedupe.js';
import { createMemoryQueue } from '../../src/runtime/memory-queue.js';
import { createMemoryRateLimiter } from '../../src/runtime/memory-rate-limiter.js';
import { createMemoryScheduler } from '../../src/runtime/memory-scheduler.js';
import { testDedupe } from '../contracts/dedupe.contract.js';
import { testQueue, type TestJob } from '../contracts/queue.contract.js';
import { testRateLimiter } from '../contracts/rate-limiter.contract.js';
import { testScheduler } from '../contracts/scheduler.contract.js';
import { testStateStore } from '../contracts/state-store.contract.js';

const directories: string[] = [];
const freshDir = () => {
  const directory = mkdtempSync(join(tmpdir(), 'node-mentor-state-'));
  directories.push(directory);
  return directory;
};
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('memory queue', () => {
  testQueue({ create: (options) => createMemoryQueue<TestJob>(options) });
});

describe('memory scheduler', () => {
  testScheduler({ create: ({ logger }) => createMemoryScheduler({ logger }) });
});

describe('memory dedupe', () => {
  testDedupe({ create: () => createMemoryDedupe() });

  it('expires a claim exactly at its ttl (injected clock)', async () => {
    let now = 1_000;
    const dedupe = createMemoryDedupe({ now: () => now });
    expect(await dedupe.claim('Ev1', 100)).toBe(true);
    now = 1_099;
    expect(await dedupe.claim('Ev1', 100)).toBe(false);
    now = 1_100;
    expect(await dedupe.claim('Ev1', 100)).toBe(true);
    await dedupe.stop();
  });
});

describe('memory rate limiter', () => {
  testRateLimiter({ create: () => createMemoryRateLimiter() });

  it('slides the window by each take (injected clock)', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ now: () => now });
    const window = { limit: 2, windowMs: 1_000 };
    await limiter.take('U1', window);
    now = 400;
    await limiter.take('U1', window);
    now = 900;
    expect(await limiter.take('U1', window)).toEqual({ allowed: false, retryAfterMs: 100, remaining: 0 });
    now = 1_000;
    expect(await limiter.take('U1', window)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0 });
    expect(await limiter.take('U1', window)).toEqual({ allowed: false, retryAfterMs: 400, remaining: 0 });
    await limiter.stop();
  });
});

describe('file state store', () => {
  testStateStore({ create: () => createFileStateStore({ dataDir: freshDir() }) });

  it('survives a new driver instance on the same directory', async () => {
    const dataDir = freshDir();
    const first = createFileStateStore({ dataDir });
    await first.set('tips:rotation', { given: ['a'], cursor: 1 });
    await first.increment('feedback:up', 3);
    await first.stop();
    const second = createFileStateStore({ dataDir });
    expect(await second.get('tips:rotation')).toEqual({ given: ['a'], cursor: 1 });
    expect(await second.increment('feedback:up')).toBe(4);
  });

  it('writes atomically: valid JSON on disk after a burst of writes, no temp files left', async () => {
    const dataDir = freshDir();
    const state = createFileStateStore({ dataDir });
    await Promise.all(Array.from({ length: 50 }, (_, index) => state.set(`key${index}`, { index })));
    await Promise.all(Array.from({ length: 50 }, () => state.increment('count')));
    await state.stop();
    expect(readdirSync(dataDir)).toEqual(['state.json']);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
      values: Record<string, unknown>;
    };
    expect(onDisk.values['count']).toBe(50);
    expect(onDisk.values['key49']).toEqual({ index: 49 });
  });

  it('keeps expiry times across instances and leaves expired keys out of the file', async () => {
    const dataDir = freshDir();
    let now = Date.parse('2026-12-02T10:00:00Z');
    const clock = () => now;
    const first = createFileStateStore({ dataDir, now: clock });
    await first.set('assistant-context:C1:1', { channel_id: 'C9' }, { ttlSeconds: 60 });
    await first.set('feedback:up', 3);
    await first.stop();
    const onDisk = () => JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as unknown;
    expect(onDisk()).toMatchObject({ expiresAt: { 'assistant-context:C1:1': '2026-12-02T10:01:00.000Z' } });

    const second = createFileStateStore({ dataDir, now: clock });
    now += 59_000;
    expect(await second.get('assistant-context:C1:1')).toEqual({ channel_id: 'C9' });
    now += 1_000;
    expect(await second.get('assistant-context:C1:1')).toBeUndefined();
    await second.increment('feedback:up');
    await second.stop();
    expect(onDisk()).toEqual({ version: 2, values: { 'feedback:up': 4 }, expiresAt: {} });
  });

  it('reads the flat state file earlier versions wrote', async () => {
    const dataDir = freshDir();
    writeFileSync(
      join(dataDir, 'state.json'),
      JSON.stringify({ 'feedback:up': 7, 'tips:rotation': { given: ['a'] } }),
    );
    const state = createFileStateStore({ dataDir });
    expect(await state.get('tips:rotation')).toEqual({ given: ['a'] });
    expect(await state.increment('feedback:up')).toBe(8);
  });

  it('refuses a corrupt state file with state_unavailable, naming the file', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, 'state.json'), '{ "half": ');
    const state = createFileStateStore({ dataDir });
    const error = await state.get('anything').catch((thrown: unknown) => thrown);
    expect(isMentorError(error, 'state_unavailable')).toBe(true);
    expect((error as Error).message).toContain(join(dataDir, 'state.json'));
  });

  it('reports an unwritable data directory with state_unavailable', async () => {
    const blocker = join(freshDir(), 'not-a-directory');
    writeFileSync(blocker, 'a file where the data directory should be');
    const state = createFileStateStore({ dataDir: blocker });
    await expect(state.set('key', 1)).rejects.toMatchObject({ code: 'state_unavailable' });
  });
});

describe('createRuntime without Redis', () => {
  it('picks the in-process drivers, reports healthy, and keeps state across runtimes', async () => {
    const dataDir = freshDir();
    const runtime = await createRuntime<TestJob>({ dataDir });
    expect(runtime.driver).toBe('memory');
    expect([
      runtime.queue.driver,
      runtime.scheduler.driver,
      runtime.dedupe.driver,
      runtime.rateLimiter.driver,
    ]).toEqual(['memory', 'memory', 'memory', 'memory']);
    expect(runtime.state.driver).toBe('file');
    expect(await runtime.health()).toMatchObject({ ok: true });
    await runtime.state.set('tips:cursor', 7);
    await runtime.stop();
    const again = await createRuntime<TestJob>({ dataDir });
    expect(await again.state.get('tips:cursor')).toBe(7);
    await again.stop();
  });

  it('rejects a queue name BullMQ could not use', async () => {
    await expect(createRuntime({ dataDir: freshDir(), queueName: 'a:b' })).rejects.toMatchObject({
      code: 'config_invalid',
    });
  });

  it('never keeps the process alive: a script that forgets stop() still exits', () => {
    const script = `
      import { createRuntime } from ${JSON.stringify(join(process.cwd(), 'src/runtime/index.ts'))};
      const runtime = await createRuntime({ dataDir: ${JSON.stringify(freshDir())} });
      await runtime.scheduler.schedule('tip', { pattern: '0 9 * * *' }, async () => undefined);
      runtime.queue.process(async () => { throw new Error('always'); }, { concurrency: 1 });
      await runtime.queue.enqueue({ question: 'retried later' });
      await runtime.dedupe.claim('Ev1', 60_000);
      await runtime.rateLimiter.take('U1', { limit: 1, windowMs: 60_000 });
      console.log('ready');
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ready');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
  });
});
