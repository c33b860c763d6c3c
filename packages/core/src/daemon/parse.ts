import { parse as parseJson, type ValueNode } from "@humanwhocodes/momoa";
import type { ParseResult } from "../language.js";
import { SourceText, type OffsetRange } from "../source.js";
import type { DaemonModel, JsonMember, JsonNode, JsonObject } from "./model.js";

class Daemon implements DaemonModel {
  readonly source: SourceText;
  readonly root: JsonObject;
  readonly empty: boolean;
  readonly anchor: OffsetRange;
  private readonly byKey = new Map<string, JsonMember>();

  constructor(source: SourceText, root: JsonObject, empty: boolean) {
    this.source = source;
    this.root = root;
    this.empty = empty;
    this.anchor = empty ? [0, 0] : [root.range[0], root.range[0] + 1];
    for (const member of root.members) this.byKey.set(member.key, member);
  }

  get(key: string): JsonMember | undefined {
    return this.byKey.get(key);
  }
}

function rangeOf(node: { range?: [number, number]; loc: { start: { offset: number }; end: { offset: number } } }): OffsetRange {
  return node.range ? [node.range[0], node.range[1]] : [node.loc.start.offset, node.loc.end.offset];
}

function convert(node: ValueNode, text: string): JsonNode {
  const range = rangeOf(node);
  switch (node.type) {
    case "Object":
      return {
        type: "object",
        range,
        members: node.members.map((member) => {
          const keyRange = rangeOf(member.name);
          const value = convert(member.value, text);
          return { key: member.name.type === "String" ? member.name.value : member.name.name, keyRange, value, range: [keyRange[0], value.range[1]] as OffsetRange };
        }),
      };
    case "Array":
      return { type: "array", range, items: node.elements.map((element) => convert(element.value, text)) };
    case "String":
      return { type: "string", value: node.value, range };
    case "Number":
      return { type: "number", value: node.value, text: text.slice(range[0], range[1]), range };
    case "Boolean":
      return { type: "boolean", value: node.value, range };
    case "Null":
      return { type: "null", range };
    default:
      // NaN, Infinity and identifiers exist only in JSON5 mode, which is never used here.
      throw new SyntaxError(`unexpected ${node.type} value`);
  }
}

const KIND_NAMES: Record<string, string> = { array: "an array", string: "a string", number: "a number", boolean: "a boolean", null: "null" };

/**
 * Reads a daemon.json as dockerd does: strict JSON (no comments, no trailing commas), one
 * object at the top, a UTF-8 byte order mark allowed, an empty file meaning `{}`. Syntax errors
 * are returned with their line and column; a file nested too deeply to read is an error too.
 */
export function parseDaemon(text: string): ParseResult<DaemonModel> {
  const source = new SourceText(text);
  // The BOM becomes a space so that offsets stay those of the file.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (body.trim() === "") {
    return { ok: true, model: new Daemon(source, { type: "object", members: [], range: [0, 0] }, true) };
  }
  let root: JsonNode;
  try {
    const document = parseJson(body, { mode: "json", ranges: true });
    root = convert(document.body, body);
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, error: { message: "daemon.json is nested too deeply to read; dockerd's settings are at most a few levels deep.", line: 1, column: 1 } };
    }
    const located = error as { message?: string; line?: number; column?: number; offset?: number };
    // From the offset: momoa puts "unexpected end of input" a column past the last line's end.
    const position = typeof located.offset === "number" ? source.positionAt(located.offset) : undefined;
    const line = position?.line ?? (typeof located.line === "number" ? located.line : 1);
    const column = position?.column ?? (typeof located.column === "number" ? located.column : 1);
    // momoa quotes the character it choked on as is: a CR or another control character would reach the terminal raw.
    const what = String(located.message ?? error)
      .trimEnd()
      .replace(/ ?\(\d+:\d+\)$/, "")
      .replace(/\p{Cc}/gu, (char) => JSON.stringify(char).slice(1, -1).replace(/^\p{Cc}$/u, `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`));
    return { ok: false, error: { message: `daemon.json is not valid JSON: ${what} at line ${line}, column ${column} (dockerd reads strict JSON: no comments, no trailing commas, keys and strings in double quotes).`, line, column } };
  }
  if (root.type !== "object") {
    const start = source.positionAt(root.range[0]);
    return {
      ok: false,
      error: { message: `daemon.json must hold one JSON object ({ "key": value, … }), but it holds ${KIND_NAMES[root.type] ?? root.type}; wrap the settings in { }.`, line: start.line, column: start.column },
    };
  }
  return { ok: true, model: new Daemon(source, root, false) };
}
