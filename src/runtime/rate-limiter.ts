/**
 * @module runtime/rate-limiter — per-key limits (per user, per channel) over a sliding window.
 */

export interface RateLimitOptions {
  /** Takes allowed per window. */
  limit: number;
  /** Window length (ms). */
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise how long (ms) until the next take can succeed. */
  retryAfterMs: number;
  /** Takes still allowed in the current window after this one. */
  remaining: number;
}

export interface RateLimiter {
  /** The driver's name, e.g. `memory` or `redis`. */
  readonly driver: string;
  /**
   * Counts one take against `key` if fewer than `limit` were allowed in the last `windowMs`
   * (a sliding window: a denied take is not counted). Rejects with
   * `MentorError('state_unavailable')` when the backend cannot be reached.
   */
  take(key: string, options: RateLimitOptions): Promise<RateLimitResult>;
  /** Stops background sweeps. */
  stop(): Promise<void>;
}
