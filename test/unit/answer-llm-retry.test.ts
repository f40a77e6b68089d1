import { describe, expect, it } from 'vitest';
import {
  isRetryable,
  ModelTimeoutError,
  retryDelayMs,
  streamWithRetry,
  type StreamAttempt,
} from '../../src/answer/llm-retry.js';

const policy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50, idleTimeoutMs: 100 };
const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, headers });

async function* chunks(...texts: string[]): AsyncGenerator<string> {
  for (const text of texts) yield text;
}

async function drain(stream: AsyncIterable<string>): Promise<string[]> {
  const texts: string[] = [];
  for await (const text of stream) texts.push(text);
  return texts;
}

describe('retry policy', () => {
  it.each([
    [httpError(429), true],
    [httpError(500), true],
    [httpError(503), true],
    [httpError(400), false],
    [httpError(401), false],
    [httpError(404), false],
    [new ModelTimeoutError(100), true],
    [Object.assign(new Error('timeout'), { name: 'TimeoutError' }), true],
    [new Error('fetch failed: ECONNREFUSED'), true],
    [new Error('Cannot read properties of undefined'), false],
  ])('retryable(%s) is %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(
      retryDelayMs(0, { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, undefined, () => 0.5),
    ).toBe(100);
    expect(
      retryDelayMs(2, { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, undefined, () => 0.5),
    ).toBe(400);
    expect(
      retryDelayMs(5, { maxRetries: 9, baseDelayMs: 100, maxDelayMs: 1_000 }, undefined, () => 0.5),
    ).toBe(1_000);
    expect(retryDelayMs(0, { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, undefined, () => 0)).toBe(
      50,
    );
  });

  it('honours Retry-After, capped at the longest delay', () => {
    expect(
      retryDelayMs(
        0,
        { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000 },
        httpError(429, { 'retry-after': '2' }),
      ),
    ).toBe(2_000);
    expect(
      retryDelayMs(
        0,
        { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000 },
        httpError(429, { 'retry-after': '60' }),
      ),
    ).toBe(5_000);
  });
});

describe('streamWithRetry', () => {
  it('retries failed attempts that produced nothing, then streams the one that works', async () => {
    let attempts = 0;
    const attempt: StreamAttempt = {
      start: async () => {
        attempts += 1;
        if (attempts < 3) throw httpError(502);
        return chunks('', 'a', 'b');
      },
    };
    expect(await drain(streamWithRetry(attempt, policy))).toEqual(['a', 'b']);
    expect(attempts).toBe(3);
  });

  it('gives up after maxRetries and rejects with the last error', async () => {
    let attempts = 0;
    const attempt: StreamAttempt = { start: () => Promise.reject(httpError(500 + (attempts += 1))) };
    await expect(drain(streamWithRetry(attempt, policy))).rejects.toMatchObject({ status: 503 });
    expect(attempts).toBe(3);
  });

  it('never retries once text has flowed (it cannot be taken back)', async () => {
    let attempts = 0;
    const attempt: StreamAttempt = {
      start: async () => {
        attempts += 1;
        return (async function* () {
          yield 'partial';
          throw httpError(500);
        })();
      },
    };
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const text of streamWithRetry(attempt, policy)) seen.push(text);
      })(),
    ).rejects.toMatchObject({ status: 500 });
    expect(seen).toEqual(['partial']);
    expect(attempts).toBe(1);
  });

  it('times out an attempt that goes quiet, and aborts its signal', async () => {
    const signals: AbortSignal[] = [];
    const attempt: StreamAttempt = {
      start: async (signal) => {
        signals.push(signal);
        return (async function* () {
          yield 'first';
          await new Promise(() => undefined);
        })();
      },
    };
    await expect(drain(streamWithRetry(attempt, { ...policy, idleTimeoutMs: 20 }))).rejects.toBeInstanceOf(
      ModelTimeoutError,
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('restarts the idle deadline on each token, so a steady stream slower in total than the timeout finishes', async () => {
    const attempt: StreamAttempt = {
      start: async () =>
        (async function* () {
          for (const text of ['a', 'b', 'c', 'd', 'e']) {
            await new Promise((resolve) => setTimeout(resolve, 15));
            yield text;
          }
        })(),
    };
    expect(await drain(streamWithRetry(attempt, { ...policy, idleTimeoutMs: 40 }))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('does not count a slow consumer’s time with a token as the model going quiet', async () => {
    const attempt: StreamAttempt = { start: async () => chunks('a', 'b') };
    const seen: string[] = [];
    for await (const text of streamWithRetry(attempt, { ...policy, maxRetries: 0, idleTimeoutMs: 20 })) {
      seen.push(text);
      // e.g. a Slack append call that takes longer than the idle timeout
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(seen).toEqual(['a', 'b']);
  });
});
