/** A plain object (a JSON or YAML mapping, a config section): not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an entry, defined rather than assigned, so that a `__proto__` key stays a key (as Object.fromEntries does). */
export function setEntry(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
