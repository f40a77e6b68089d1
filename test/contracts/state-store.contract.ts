/**
 * @module test/contracts/state-store.contract — what every `StateStore` driver must do, including
 * standing in for the mentor core's `KeyValueState` port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import type { KeyValueState } from '../../src/mentor/types.js';
import type { StateStore } from '../../src/runtime/state-store.js';
import { waitFor } from './wait-for.js';

export interface StateStoreContractOptions {
  /** A fresh, empty driver whose keys no other test sees. */
  create(): Promise<StateStore> | StateStore;
}

export function testStateStore({ create }: StateStoreContractOptions): void {
  describe('StateStore contract', () => {
    const created: StateStore[] = [];
    const make = async () => {
      const state = await create();
      created.push(state);
      return state;
    };
    afterEach(async () => {
      await Promise.all(created.splice(0).map((state) => state.stop()));
    });

    it('reads undefined for a key never set', async () => {
      const state = await make();
      expect(await state.get('tips:rotation')).toBeUndefined();
    });

    it('round-trips JSON values of every kind', async () => {
      const state = await make();
      const values = {
        object: { given: ['a', 'b'], cursor: 2 },
        list: [1, 'two', null],
        text: 'hi',
        zero: 0,
        no: false,
        nil: null,
      };
      for (const [key, value] of Object.entries(values)) await state.set(key, value);
      for (const [key, value] of Object.entries(values)) expect(await state.get(key)).toEqual(value);
    });

    it('stores the JSON form and hands out copies', async () => {
      const state = await make();
      await state.set('when', { at: new Date('2026-01-02T03:04:05.000Z') });
      expect(await state.get('when')).toEqual({ at: '2026-01-02T03:04:05.000Z' });
      const copy = await state.get<{ at: string }>('when');
      if (copy) copy.at = 'changed';
      expect(await state.get('when')).toEqual({ at: '2026-01-02T03:04:05.000Z' });
    });

    it('overwrites, and deletes on undefined', async () => {
      const state = await make();
      await state.set('cursor', 1);
      await state.set('cursor', 2);
      expect(await state.get('cursor')).toBe(2);
      await state.set('cursor', undefined);
      expect(await state.get('cursor')).toBeUndefined();
    });

    it('increments counters from zero, by any integer', async () => {
      const state = await make();
      expect(await state.increment('feedback:up')).toBe(1);
      expect(await state.increment('feedback:up', 5)).toBe(6);
      expect(await state.increment('feedback:up', -2)).toBe(4);
      expect(await state.get('feedback:up')).toBe(4);
      await state.set('feedback:down', 10);
      expect(await state.increment('feedback:down')).toBe(11);
    });

    it('loses no concurrent increment', async () => {
      const state = await make();
      const results = await Promise.all(Array.from({ length: 40 }, () => state.increment('feedback:busy')));
      expect(new Set(results).size).toBe(40);
      expect(await state.get('feedback:busy')).toBe(40);
    });

    it('refuses to increment a non-integer value or by a non-integer', async () => {
      const state = await make();
      await state.set('label', 'five');
      const refused = await state.increment('label').catch((error: unknown) => error);
      expect(isMentorError(refused, 'internal')).toBe(true);
      expect(await state.get('label')).toBe('five');
      await expect(state.increment('count', 1.5)).rejects.toMatchObject({ code: 'internal' });
    });

    it('forgets a key set with a time to live once it expires, and keeps the others', async () => {
      const state = await make();
      await state.set('assistant-context:C1:1', { channel_id: 'C9' }, { ttlSeconds: 1 });
      await state.set('tips:rotation', { given: ['a'] });
      await state.set('renewed', 'with a ttl', { ttlSeconds: 1 });
      await state.set('renewed', 'without one');
      expect(await state.get('assistant-context:C1:1')).toEqual({ channel_id: 'C9' });
      await waitFor(
        async () => (await state.get('assistant-context:C1:1')) === undefined,
        'the key to expire',
      );
      expect(await state.get('tips:rotation')).toEqual({ given: ['a'] });
      expect(await state.get('renewed')).toBe('without one');
    });

    it('refuses a time to live that is not whole seconds from 1 s to ten years', async () => {
      const state = await make();
      await expect(state.set('key', 1, { ttlSeconds: 0.5 })).rejects.toMatchObject({ code: 'internal' });
      await expect(state.set('key', 1, { ttlSeconds: 0 })).rejects.toMatchObject({ code: 'internal' });
      await expect(state.set('key', 1, { ttlSeconds: 1e13 })).rejects.toMatchObject({ code: 'internal' });
      expect(await state.get('key')).toBeUndefined();
    });

    it("serves as the mentor core's KeyValueState", async () => {
      const kv: KeyValueState = await make();
      await kv.set('tips:given:T1', ['tip-a']);
      expect(await kv.get<string[]>('tips:given:T1')).toEqual(['tip-a']);
    });
  });
}
