import type { OffsetRange, SourceText } from "../source.js";
import { clipped } from "../util/trim-end.js";

/** A JSON value of daemon.json with the range of its text (strings include their quotes). */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonMember {
  key: string;
  /** The key with its quotes. */
  keyRange: OffsetRange;
  value: JsonNode;
  /** From the key's opening quote to the end of the value. */
  range: OffsetRange;
}

export interface JsonObject {
  type: "object";
  members: JsonMember[];
  range: OffsetRange;
}

export interface JsonArray {
  type: "array";
  items: JsonNode[];
  range: OffsetRange;
}

export interface JsonString {
  type: "string";
  value: string;
  range: OffsetRange;
}

export interface JsonNumber {
  type: "number";
  value: number;
  /** The number as written (`3`, `3.0`, `1e3`): Go's decoder refuses `3.0` for an integer field. */
  text: string;
  range: OffsetRange;
}

export interface JsonBoolean {
  type: "boolean";
  value: boolean;
  range: OffsetRange;
}

export interface JsonNull {
  type: "null";
  range: OffsetRange;
}

/** A parsed `daemon.json`: one JSON object, the daemon's settings by their dockerd names. */
export interface DaemonModel {
  readonly source: SourceText;
  /** The top-level object (members in file order, duplicates kept). */
  readonly root: JsonObject;
  /** True for an empty (or whitespace-only) file, which dockerd reads as `{}`. */
  readonly empty: boolean;
  /** The last top-level member named `key` (the one dockerd keeps when a key is repeated). */
  get(key: string): JsonMember | undefined;
  /**
   * Where a finding about a missing setting points: the opening `{` of the top-level object
   * (the start of the file when it is empty).
   */
  readonly anchor: OffsetRange;
}

/** `true`/`false` when the node is a JSON boolean; anything else (a wrong type) is undefined. */
export function booleanOf(node: JsonNode | undefined): boolean | undefined {
  return node?.type === "boolean" ? node.value : undefined;
}

/** The string value of a string node; undefined for other types. */
export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === "string" ? node.value : undefined;
}

/** The string items of an array node (with their nodes), skipping items of other types. */
export function stringItems(node: JsonNode | undefined): JsonString[] {
  if (node?.type !== "array") return [];
  return node.items.filter((item): item is JsonString => item.type === "string");
}

/** The member named `key` of an object node (the last one when repeated); `ignoreCase` for a Go struct's fields. */
export function memberOf(node: JsonNode | undefined, key: string, options: { ignoreCase?: boolean } = {}): JsonMember | undefined {
  if (node?.type !== "object") return undefined;
  // A Go struct's fields match keys without regard to case (encoding/json).
  const wanted = options.ignoreCase ? key.toLowerCase() : key;
  for (let i = node.members.length - 1; i >= 0; i--) {
    const member = node.members[i];
    if (member !== undefined && (options.ignoreCase ? member.key.toLowerCase() : member.key) === wanted) return member;
  }
  return undefined;
}

/** How a node's type is named in messages: `a string ("false")`, `a number (3)`, `an array`. */
export function describeNode(node: JsonNode): string {
  switch (node.type) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "string":
      return `the string ${JSON.stringify(clipped(node.value, 40))}`;
    case "number":
      return `the number ${node.text}`;
    case "boolean":
      return `the boolean ${String(node.value)}`;
    case "null":
      return "null";
  }
}
