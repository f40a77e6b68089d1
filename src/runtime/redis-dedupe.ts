/**
 * @module runtime/redis-dedupe — `Dedupe` shared by every replica: `SET key 1 NX PX ttl`.
 */
import type { Dedupe } from './dedupe.js';
import type { RedisConnection } from './redis-connection.js';

export const DRIVER_NAME = 'redis';

export interface RedisDedupeOptions {
  connection: RedisConnection;
  /** Prepended to every key, e.g. `node-mentor:dedupe:`. */
  keyPrefix: string;
}

/** @example const dedupe = createRedisDedupe({ connection, keyPrefix: 'node-mentor:dedupe:' }); */
export function createRedisDedupe(options: RedisDedupeOptions): Dedupe {
  const { connection, keyPrefix } = options;
  return {
    driver: DRIVER_NAME,
    async claim(key, ttlMs) {
      const reply = await connection.run('state_unavailable', 'claim a dedupe key', () =>
        connection.client.set(keyPrefix + key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'),
      );
      return reply === 'OK';
    },
    async release(key) {
      await connection.run('state_unavailable', 'release a dedupe key', () =>
        connection.client.del(keyPrefix + key),
      );
    },
    async stop() {
      // The connection belongs to the caller.
    },
  };
}
