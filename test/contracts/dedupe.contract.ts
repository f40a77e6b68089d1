/**
 * @module test/contracts/dedupe.contract — what every `Dedupe` driver must do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Dedupe } from '../../src/runtime/dedupe.js';
import { sleep, waitFor } from './wait-for.js';

export interface DedupeContractOptions {
  /** A fresh driver whose keys no other test sees. */
  create(): Promise<Dedupe> | Dedupe;
}

export function testDedupe({ create }: DedupeContractOptions): void {
  describe('Dedupe contract', () => {
    const created: Dedupe[] = [];
    const make = async () => {
      const dedupe = await create();
      created.push(dedupe);
      return dedupe;
    };
    afterEach(async () => {
      await Promise.all(created.splice(0).map((dedupe) => dedupe.stop()));
    });

    it('grants a key to the first claimer only', async () => {
      const dedupe = await make();
      expect(await dedupe.claim('event:Ev1', 60_000)).toBe(true);
      expect(await dedupe.claim('event:Ev1', 60_000)).toBe(false);
      expect(await dedupe.claim('event:Ev2', 60_000)).toBe(true);
    });

    it('grants exactly one of many concurrent claims', async () => {
      const dedupe = await make();
      const results = await Promise.all(Array.from({ length: 20 }, () => dedupe.claim('tip@slot', 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('grants the key again once the ttl has passed', async () => {
      const dedupe = await make();
      expect(await dedupe.claim('short', 50)).toBe(true);
      await sleep(120);
      await waitFor(() => dedupe.claim('short', 60_000), 'the expired claim to be granted again');
      expect(await dedupe.claim('short', 60_000)).toBe(false);
    });

    it('names its driver', async () => {
      const dedupe = await make();
      expect(dedupe.driver).toMatch(/^[a-z]+$/);
    });
  });
}
