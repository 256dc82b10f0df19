/**
 * Remembers the answer of a lookup for `ttlMs`, by key. The data endpoint reads the same Flow,
 * connections and keys on every call of a session; a second-long memory takes those reads off
 * the hot path. A failed lookup is not remembered. `ttlMs` 0 turns the cache off; `clear`
 * forgets every answer.
 */
export function createTtlCache<T>(ttlMs: number, now: () => number, maxEntries = 1_000) {
  const entries = new Map<string, { expiresAt: number; value: Promise<T> }>();

  const lookup = (key: string, load: () => Promise<T>): Promise<T> => {
    if (ttlMs <= 0) {
      return load();
    }
    const at = now();
    const cached = entries.get(key);
    if (cached !== undefined && cached.expiresAt > at) {
      return cached.value;
    }
    if (entries.size >= maxEntries) {
      entries.clear();
    }
    const value = load();
    entries.set(key, { expiresAt: at + ttlMs, value });
    value.catch(() => entries.delete(key));

    return value;
  };

  return Object.assign(lookup, { clear: () => entries.clear() });
}
