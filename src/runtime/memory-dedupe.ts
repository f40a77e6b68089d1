/**
 * @module runtime/memory-dedupe — the in-process `Dedupe`: a Map of claims with expiry.
 * Single-instance: replicas do not see each other's claims (use the Redis driver to scale out).
 */
import type { Dedupe } from './dedupe.js';

export const DRIVER_NAME = 'memory';

export interface MemoryDedupeOptions {
  /** How often (ms) expired claims are swept out; default 60,000. The timer never pins the process. */
  sweepIntervalMs?: number;
  /** The clock (ms since epoch); tests may pass their own. */
  now?: () => number;
}

/** @example const dedupe = createMemoryDedupe(); if (await dedupe.claim(eventId, 3_600_000)) handle(); */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): Dedupe {
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  const sweep = setInterval(() => {
    const time = now();
    for (const [key, expiresAt] of expiries) if (expiresAt <= time) expiries.delete(key);
  }, options.sweepIntervalMs ?? 60_000);
  sweep.unref();

  return {
    driver: DRIVER_NAME,
    async claim(key, ttlMs) {
      const time = now();
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > time) return false;
      expiries.set(key, time + ttlMs);
      return true;
    },
    async release(key) {
      expiries.delete(key);
    },
    async stop() {
      clearInterval(sweep);
    },
  };
}
