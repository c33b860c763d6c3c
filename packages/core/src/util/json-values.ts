import { isRecord } from "./is-record.js";

/**
 * A text equal for two values exactly when ajv's deep equality (fast-deep-equal) holds for them:
 * mappings with the same keys in any order, lists in order, NaN equal to NaN, 0 to -0. What the
 * schema's `uniqueItems` compares, for the validator's messages and for the items a merge repeats.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/** A key as a segment of a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The JSON pointer of a path of keys. */
export function pointerOf(path: readonly string[]): string {
  return path.map((segment) => `/${escapePointer(segment)}`).join("");
}
