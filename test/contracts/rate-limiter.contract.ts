/**
 * @module test/contracts/rate-limiter.contract — what every `RateLimiter` driver must do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../src/runtime/rate-limiter.js';
import { sleep } from './wait-for.js';

export interface RateLimiterContractOptions {
  /** A fresh driver whose keys no other test sees. */
  create(): Promise<RateLimiter> | RateLimiter;
}

export function testRateLimiter({ create }: RateLimiterContractOptions): void {
  describe('RateLimiter contract', () => {
    const created: RateLimiter[] = [];
    const make = async () => {
      const limiter = await create();
      created.push(limiter);
      return limiter;
    };
    afterEach(async () => {
      await Promise.all(created.splice(0).map((limiter) => limiter.stop()));
    });

    it('allows `limit` takes per window, counting down `remaining`, then denies', async () => {
      const limiter = await make();
      const window = { limit: 3, windowMs: 60_000 };
      const results = [];
      for (let take = 0; take < 4; take += 1) results.push(await limiter.take('user:U1', window));
      expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
      expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0]);
      expect(results.slice(0, 3).every((result) => result.retryAfterMs === 0)).toBe(true);
      const denied = results[3];
      expect(denied?.retryAfterMs).toBeGreaterThan(0);
      expect(denied?.retryAfterMs).toBeLessThanOrEqual(window.windowMs);
    });

    it('keeps keys apart', async () => {
      const limiter = await make();
      const window = { limit: 1, windowMs: 60_000 };
      expect((await limiter.take('user:U1', window)).allowed).toBe(true);
      expect((await limiter.take('user:U2', window)).allowed).toBe(true);
      expect((await limiter.take('user:U1', window)).allowed).toBe(false);
    });

    it('allows exactly `limit` of many concurrent takes', async () => {
      const limiter = await make();
      const results = await Promise.all(
        Array.from({ length: 25 }, () => limiter.take('channel:C1', { limit: 5, windowMs: 60_000 })),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(5);
    });

    it('allows again after retryAfterMs, without counting denied takes', async () => {
      const limiter = await make();
      const window = { limit: 2, windowMs: 300 };
      await limiter.take('user:U3', window);
      await limiter.take('user:U3', window);
      let denied = await limiter.take('user:U3', window);
      for (let spam = 0; spam < 5; spam += 1) denied = await limiter.take('user:U3', window);
      expect(denied.allowed).toBe(false);
      await sleep(denied.retryAfterMs + 50);
      const again = await limiter.take('user:U3', window);
      expect(again).toEqual({ allowed: true, retryAfterMs: 0, remaining: expect.any(Number) });
    });
  });
}
