/**
 * Sets `key` to `value` as the newest entry of `map` and drops the oldest entries while it
 * holds more than `max`: the bounded maps of rate tables and caches, which forget the entry
 * least recently set first (a `Map` iterates in insertion order, so re-setting a key moves it
 * to the end). O(1).
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
