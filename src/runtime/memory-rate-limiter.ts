/**
 * @module runtime/memory-rate-limiter — the in-process `RateLimiter`: a sliding log of take times
 * per key. Single-instance: each replica counts on its own (use the Redis driver to scale out).
 */
import type { RateLimiter } from './rate-limiter.js';

export const DRIVER_NAME = 'memory';

export interface MemoryRateLimiterOptions {
  /** How often (ms) idle keys are swept out; default 60,000. The timer never pins the process. */
  sweepIntervalMs?: number;
  /** The clock (ms since epoch); tests may pass their own. */
  now?: () => number;
}

interface KeyLog {
  /** Times (ms) of allowed takes, oldest first. */
  times: number[];
  windowMs: number;
}

/** @example const limits = createMemoryRateLimiter(); await limits.take(`user:${id}`, { limit: 5, windowMs: 60_000 }); */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const logs = new Map<string, KeyLog>();
  const forget = (log: KeyLog, time: number) => {
    while (log.times.length > 0 && (log.times[0] ?? Infinity) <= time - log.windowMs) log.times.shift();
  };
  const sweep = setInterval(() => {
    const time = now();
    for (const [key, log] of logs) {
      forget(log, time);
      if (log.times.length === 0) logs.delete(key);
    }
  }, options.sweepIntervalMs ?? 60_000);
  sweep.unref();

  return {
    driver: DRIVER_NAME,
    async take(key, { limit, windowMs }) {
      const time = now();
      const log = logs.get(key) ?? { times: [], windowMs };
      log.windowMs = windowMs;
      logs.set(key, log);
      forget(log, time);
      if (log.times.length < limit) {
        log.times.push(time);
        return { allowed: true, retryAfterMs: 0, remaining: limit - log.times.length };
      }
      const oldest = log.times[0] ?? time;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - time), remaining: 0 };
    },
    async stop() {
      clearInterval(sweep);
    },
  };
}
