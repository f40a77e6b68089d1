/**
 * @module runtime/redis-rate-limiter — `RateLimiter` shared by every replica: a sliding log in a
 * sorted set, checked and updated atomically by one Lua script on Redis's own clock.
 */
import type { RateLimiter } from './rate-limiter.js';
import type { RedisConnection } from './redis-connection.js';

export const DRIVER_NAME = 'redis';

export interface RedisRateLimiterOptions {
  connection: RedisConnection;
  /** Prepended to every key, e.g. `node-mentor:rate:`. */
  keyPrefix: string;
}

// KEYS[1] log key · ARGV limit, windowMs, unique member → { allowed (0|1), retryAfterMs, remaining }
const slidingWindowScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return { 1, 0, limit - count - 1 }
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local retry = tonumber(oldest[2]) + window - now
if retry < 1 then retry = 1 end
return { 0, retry, 0 }
`;

/** @example const limits = createRedisRateLimiter({ connection, keyPrefix: 'node-mentor:rate:' }); */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { connection, keyPrefix } = options;
  return {
    driver: DRIVER_NAME,
    async take(key, { limit, windowMs }) {
      const member = `${process.pid}:${Math.random().toString(36).slice(2)}`;
      const reply = await connection.run('state_unavailable', 'check a rate limit', () =>
        connection.client.eval(slidingWindowScript, 1, keyPrefix + key, limit, Math.ceil(windowMs), member),
      );
      const [allowed, retryAfterMs, remaining] = (reply as number[]).map(Number);
      return { allowed: allowed === 1, retryAfterMs: retryAfterMs ?? 0, remaining: remaining ?? 0 };
    },
    async stop() {
      // The connection belongs to the caller.
    },
  };
}
