/**
 * @module runtime/redis-state-store — `StateStore` shared by every replica: one Redis string of
 * JSON per key, with Redis's own expiry for keys set with a time to live; counters use INCRBY,
 * whose integers read back as JSON numbers.
 */
import type { RedisConnection } from './redis-connection.js';
import {
  assertIncrement,
  assertTtl,
  notACounterError,
  type SetOptions,
  type StateStore,
} from './state-store.js';

export const DRIVER_NAME = 'redis';

export interface RedisStateStoreOptions {
  connection: RedisConnection;
  /** Prepended to every key, e.g. `node-mentor:state:`. */
  keyPrefix: string;
}

/** @example const state = createRedisStateStore({ connection, keyPrefix: 'node-mentor:state:' }); */
export function createRedisStateStore(options: RedisStateStoreOptions): StateStore {
  const { connection, keyPrefix } = options;
  const client = connection.client;
  return {
    driver: DRIVER_NAME,
    async get<T>(key: string) {
      const text = await connection.run('state_unavailable', 'read state', () => client.get(keyPrefix + key));
      return text === null ? undefined : (JSON.parse(text) as T);
    },
    async set<T>(key: string, value: T, options?: SetOptions) {
      assertTtl(key, options);
      const text = JSON.stringify(value);
      const ttl = options?.ttlSeconds;
      await connection.run('state_unavailable', 'write state', async () => {
        if (text === undefined) await client.del(keyPrefix + key);
        else if (ttl === undefined) await client.set(keyPrefix + key, text);
        else await client.set(keyPrefix + key, text, 'EX', ttl);
      });
    },
    async increment(key, by = 1) {
      assertIncrement(key, by);
      try {
        return await connection.run('state_unavailable', 'increment a counter', () =>
          client.incrby(keyPrefix + key, by),
        );
      } catch (error) {
        if (connection.isReady() && /not an integer/i.test(String((error as Error).cause))) {
          throw notACounterError(key, error);
        }
        throw error;
      }
    },
    async stop() {
      // The connection belongs to the caller.
    },
  };
}
