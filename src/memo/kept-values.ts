/**
 * Values worked out once per key and kept, up to `size` keys (all forgotten at once when full: the hot
 * keys come back within a few questions). A kept value is shared, so callers only read it.
 */
export interface KeptValues<K, V> {
  get(key: K, work: () => V): V;
  clear(): void;
}

export function keptValues<K, V>(size: number): KeptValues<K, V> {
  const kept = new Map<K, V>();
  return {
    get(key, work) {
      const found = kept.get(key);
      if (found !== undefined || kept.has(key)) return found as V;
      const value = work();
      if (kept.size >= size) kept.clear();
      kept.set(key, value);
      return value;
    },
    clear: () => kept.clear(),
  };
}
