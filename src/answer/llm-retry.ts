/**
 * @module answer/llm-retry — the retry policy for model calls, owned here rather than by the SDK:
 * retry 429, 5xx, timeouts and dropped connections with exponential backoff and jitter (honouring
 * Retry-After), never other 4xx; and a stream wrapper that times out when no token arrives in time.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { MentorError } from '../errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay before the first retry in ms; doubles each retry, with ±50% jitter. */
  baseDelayMs: number;
  /** Longest delay between attempts in ms, Retry-After included. */
  maxDelayMs: number;
}

/** Thrown when the model sends nothing (first token or next token) for `idleTimeoutMs`. */
export class ModelTimeoutError extends MentorError {
  constructor(idleTimeoutMs: number) {
    super('provider_timeout', `answer: the model sent nothing for ${idleTimeoutMs} ms`);
  }
}

/** HTTP status of an OpenAI SDK / LangChain error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof ModelTimeoutError) return true;
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'APIConnectionError' || name === 'APIConnectionTimeoutError')
    return true;
  const text = String((error as { message?: unknown } | null)?.message ?? error);
  return /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|fetch failed|terminated|Connection error/i.test(
    text,
  );
}

/**
 * A short, safe description of a model failure for the asker and the logs: the HTTP status or the
 * kind of failure, never the message (providers echo keys, request bodies and URLs in them).
 */
export function describeModelError(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return `HTTP ${status}`;
  if (error instanceof ModelTimeoutError) return 'timed out';
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'timed out';
  return isRetryable(error) ? 'connection failed' : 'model error';
}

/** Delay before retry number `retry` (0-based): Retry-After when the server sent one, else backoff. */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  error?: unknown,
  random: () => number = Math.random,
): number {
  const retryAfter = retryAfterMs(error);
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxDelayMs);
  const exponential = policy.baseDelayMs * 2 ** retry;
  return Math.min(policy.maxDelayMs, Math.round(exponential * (0.5 + random())));
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const value =
    headers instanceof Headers
      ? headers.get('retry-after')
      : (headers as Record<string, string | undefined> | undefined)?.['retry-after'];
  const seconds = value === undefined || value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : undefined;
}

export interface StreamAttempt {
  /** Starts one attempt; `signal` aborts it (on timeout or when the caller aborts). */
  start(signal: AbortSignal): Promise<AsyncIterable<string>>;
  /** Called before each retry, e.g. for logging. */
  onRetry?(error: unknown, retry: number, delayMs: number): void;
}

/**
 * Streams text from `attempt`, retrying failed attempts that have not produced any text yet. Once
 * text has flowed, an error is final (the caller cannot take text back). Rejects with the last error.
 */
export async function* streamWithRetry(
  attempt: StreamAttempt,
  policy: RetryPolicy & { idleTimeoutMs: number },
  signal?: AbortSignal,
): AsyncGenerator<string> {
  for (let retry = 0; ; retry += 1) {
    let produced = false;
    try {
      for await (const text of streamWithIdleTimeout(attempt, policy.idleTimeoutMs, signal)) {
        if (text === '') continue;
        produced = true;
        yield text;
      }
      return;
    } catch (error) {
      signal?.throwIfAborted();
      if (produced || retry >= policy.maxRetries || !isRetryable(error)) throw error;
      const wait = retryDelayMs(retry, policy, error);
      attempt.onRetry?.(error, retry + 1, wait);
      await delay(wait, undefined, { signal });
    }
  }
}

async function* streamWithIdleTimeout(
  attempt: StreamAttempt,
  idleTimeoutMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', abortFromCaller, { once: true });
  // Rejects as soon as the attempt is aborted (idle timeout or caller), even if the SDK never notices.
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), {
      once: true,
    });
  });
  stopped.catch(() => undefined);
  // One timer per attempt rather than one per token: each token only moves the deadline, and the
  // timer re-arms itself for the rest of the wait when it fires early.
  let deadline = 0;
  let waiting = true;
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = waiting ? deadline - performance.now() : idleTimeoutMs;
    if (left > 0) timer = setTimeout(check, left);
    else controller.abort(new ModelTimeoutError(idleTimeoutMs));
  };
  const touch = () => {
    waiting = true;
    deadline = performance.now() + idleTimeoutMs;
  };
  let iterator: AsyncIterator<string> | undefined;
  try {
    touch();
    timer = setTimeout(check, idleTimeoutMs);
    const stream = await Promise.race([attempt.start(controller.signal), stopped]);
    iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      touch();
      const next = await Promise.race([iterator.next(), stopped]);
      if (next.done) return;
      // The consumer's time with a token is not the model's: the deadline restarts on the next pull.
      waiting = false;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abortFromCaller);
    if (!controller.signal.aborted) controller.abort();
    void iterator?.return?.(undefined).catch(() => undefined);
  }
}
