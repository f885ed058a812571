/**
 * Remembers a pure function of one string key. Column and feature names repeat for every customer
 * of a run, so their normalization and classification are worked out once. The cache is dropped
 * when it grows past `maxEntries`, which bounds memory on odd inputs.
 */
export function memoize<R>(fn: (key: string) => R, maxEntries = 10_000): (key: string) => R {
  let cache = new Map<string, R>();
  return (key: string): R => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    const value = fn(key);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
