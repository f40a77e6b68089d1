/**
 * @module util/bounded-memo — memoises a pure function of a string. When the cache reaches its
 * limit it starts over, so a long-lived process that meets new inputs keeps memoising the ones it
 * meets now instead of holding the first `limit` for ever.
 */

/** @example const stem = memoize(stemUncached, 50_000); */
export function memoize<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
