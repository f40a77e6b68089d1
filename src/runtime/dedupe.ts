/**
 * @module runtime/dedupe — "has anyone handled this already?" for Slack event ids (Slack retries
 * events) and tip slot keys (the scheduler is at-least-once).
 */

export interface Dedupe {
  /** The driver's name, e.g. `memory` or `redis`. */
  readonly driver: string;
  /**
   * Resolves to true for the first caller that claims `key` within `ttlMs` (ms), false for every
   * later one until the claim expires. Rejects with `MentorError('state_unavailable')` when the
   * backend cannot be reached.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Gives a claim up, so the next `claim(key)` succeeds: for work that failed after claiming and
   * should be tried again (e.g. a Slack post that errored). Releasing an unclaimed key does nothing.
   */
  release(key: string): Promise<void>;
  /** Stops background sweeps. */
  stop(): Promise<void>;
}
