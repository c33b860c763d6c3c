/**
 * `record[key]` when the record itself holds `key`, else undefined. For a key read from a linted
 * file or a config: `constructor`, `toString` or `__proto__` must not find Object.prototype's
 * members (`FROM constructor` made no-undefined-variable iterate the Object function).
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
