/**
 * @module runtime/state-store — small JSON state the app keeps between runs: tip rotation,
 * feedback counts. It satisfies the mentor core's `KeyValueState` port.
 */
import { MentorError } from '../errors.js';

export interface SetOptions {
  /** Seconds until the key expires: a whole number from 1 to `MAX_TTL_SECONDS`. Without it the key never expires. */
  ttlSeconds?: number;
}

export interface StateStore {
  /** The driver's name, e.g. `file` or `redis`. */
  readonly driver: string;
  /** The value stored under `key`, or undefined. Rejects with `MentorError('state_unavailable')`. */
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Stores a JSON-serialisable value (read back as its JSON round trip); `undefined` deletes the key.
   * With `ttlSeconds` the key reads as unset from that many seconds on, and its space is reclaimed.
   */
  set<T>(key: string, value: T, options?: SetOptions): Promise<void>;
  /**
   * Adds the integer `by` (default 1) to the number under `key` (missing counts as 0) and
   * resolves to the new value; atomic, so concurrent increments are never lost.
   */
  increment(key: string, by?: number): Promise<number>;
  /** Waits for pending writes. */
  stop(): Promise<void>;
}

/** Longest time to live: ten years, well inside what both a JavaScript date and Redis accept. */
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;

/** Rejects a time to live the drivers cannot honour the same way. */
export function assertTtl(key: string, options: SetOptions | undefined): void {
  const ttl = options?.ttlSeconds;
  if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl >= 1 && ttl <= MAX_TTL_SECONDS)) {
    throw new MentorError(
      'internal',
      `runtime: the time to live of "${key}" must be whole seconds from 1 to ${MAX_TTL_SECONDS} (ten years), got ${ttl}`,
    );
  }
}

/** Rejects increments a counter cannot take. */
export function assertIncrement(key: string, by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new MentorError('internal', `runtime: increment of "${key}" needs an integer, got ${by}`);
  }
}

export function notACounterError(key: string, cause?: unknown): MentorError {
  return new MentorError(
    'internal',
    `runtime: state key "${key}" does not hold an integer, so it cannot be incremented`,
    {
      cause,
    },
  );
}
