/** Adds `value` to the list `map` holds for `key`, starting the list when there is none (in place: no copy per value). */
export function appendTo<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
