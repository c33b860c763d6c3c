import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, resolveAlias } from "../../compose/yaml-lazy.js";
import type { Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { evaluate, knownValue } from "../../compose/interpolation.js";
import type { ComposeModel, ComposeService, Found } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";
import { nodeRange } from "./_b-key-values.js";

/**
 * Private helpers of the rules no-build-and-image, no-duplicate-container-names,
 * no-duplicate-exported-ports, no-quotes-in-volumes, no-version-field, require-project-name,
 * require-quotes-in-ports, valid-container-name, valid-ports and valid-volumes.
 */


/**
 * `text` as written, with `$NAME` spelled `${NAME}`: two values written the same are equal in
 * every environment, even when a variable without a default leaves them unknown here.
 */
export function writtenForm(text: string): string {
  return text.trim().replace(/(?<!\$)\$([A-Z_]\w*)/gi, "$${$1}");
}

/** Variables without a default (or required ones) in `text`, for "whenever … set": `` `A` is ``, `` `A` and `B` are ``. */
export function unknownVariables(text: string): string {
  const result = evaluate(text);
  const names = [...new Set([...result.unknown, ...result.required])].map((name) => `\`${name}\``);
  return names.length === 1 ? `${names[0] ?? ""} is` : `${names.join(" and ")} are`;
}

/**
 * Where a finding about a service key points: the key itself (`build:`) when the service writes
 * it, else the merge or alias site through which the service gets it.
 */
export function keyRangeOf(model: ComposeModel, service: ComposeService, key: string, found: Found): OffsetRange {
  const written = nodeRange(found.node);
  if (found.viaMerge || found.range[0] !== written[0] || found.range[1] !== written[1]) return found.range;
  const path = model.isLegacyV1 ? [service.name, key] : ["services", service.name, key];
  return model.locate(path)?.keyRange ?? found.range;
}

/** Profile names of a service, interpolated (an unknown profile stays as written). */
function profilesOf(service: ComposeService): Set<string> {
  return new Set(service.profiles.map(({ name }) => knownValue(name) ?? name));
}

/**
 * Two services that both name profiles and share none are alternatives (`app-cpu` under
 * `profiles: [cpu]`, `app-gpu` under `profiles: [gpu]`): a file written so is run with one of
 * them, so a name or port they share is deliberate.
 */
export function areAlternatives(a: ComposeService, b: ComposeService): boolean {
  if (a === b) return false;
  const pa = profilesOf(a);
  const pb = profilesOf(b);
  if (pa.size === 0 || pb.size === 0) return false;
  for (const name of pa) if (pb.has(name)) return false;
  return true;
}

/** One scalar or mapping entry of a service list, once per place it is written. */
export interface ListNode {
  service: ComposeService;
  key: string;
  node: Scalar | YAMLMap;
  /** The list holds the entry directly, in flow (`[…]`) or block style; undefined when reached through an alias. */
  flow: boolean | undefined;
}

/** One scalar entry of a service list, once per place it is written. */
export interface ListScalar extends ListNode {
  node: Scalar;
}

/**
 * Scalar and mapping entries (short and long syntax) of `services.*.<key>` lists (or of a path
 * into the service, `build.args`). A list or entry
 * shared through an anchor is visited once, where it is written: that is the one place to change
 * it, and a finding on each service using it would repeat itself.
 */
export function listNodes(model: ComposeModel, keys: readonly (string | readonly string[])[]): ListNode[] {
  const seen = new Set<Node>();
  const out: ListNode[] = [];
  for (const service of model.services) {
    for (const written of keys) {
      // A key of the service (`ports`), or a path into it (`["build", "args"]`, reported as `build.args`).
      const path = typeof written === "string" ? [written] : written;
      const key = path.join(".");
      const found = service.get(path);
      // What `extends` brings in is written in the base service (maybe another file): findings
      // and their fixes belong there, not here.
      if (!found || found.viaExtends === true || !isSeq(found.node)) continue;
      const seq = found.node as YAMLSeq;
      for (const item of seq.items) {
        const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
        if ((!isScalar(node) && !isMap(node)) || !node.range || seen.has(node)) continue;
        seen.add(node);
        out.push({ service, key, node, flow: isAlias(item) ? undefined : seq.flow === true });
      }
    }
  }
  return out;
}

/** The scalar entries of `listNodes`: the short syntax, for rules about how it is written. */
export function listScalars(model: ComposeModel, keys: readonly (string | readonly string[])[]): ListScalar[] {
  return listNodes(model, keys).filter((entry): entry is ListScalar => isScalar(entry.node));
}

/** One entry of a service list, with where findings about it point. */
export interface ListEntry {
  node: Node;
  range: OffsetRange;
}

/** Entries of `services.<name>.<key>` with the range a finding uses (the merge or alias site when there is one). */
export function listEntries(service: ComposeService, key: string, document: ComposeModel["document"]): ListEntry[] {
  const found = service.get([key]);
  if (!found || !isSeq(found.node)) return [];
  const written = nodeRange(found.node);
  const site = found.viaMerge || found.range[0] !== written[0] || found.range[1] !== written[1] ? found.range : undefined;
  const out: ListEntry[] = [];
  for (const item of (found.node as YAMLSeq).items) {
    const node: unknown = isAlias(item) ? resolveAlias(item, document) : item;
    if (!isScalar(node) && !isMap(node)) continue;
    out.push({ node, range: site ?? (isAlias(item) ? nodeRange(item) : nodeRange(node)) });
  }
  return out;
}

/** A character YAML writes only as an escape in double quotes (a tab is fine in quotes). */
function needsEscape(code: number): boolean {
  return (code <= 0x1f && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

function hasEscapable(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (needsEscape(value.charCodeAt(i))) return true;
  return false;
}

/** The text parses, under YAML 1.2 and 1.1, to exactly one plain scalar that is the string `value`. */
function parsesAsPlainString(source: string, value: string, flow: boolean): boolean {
  for (const version of ["1.2", "1.1"] as const) {
    const doc = parseDocument(flow ? `[${source}]\n` : `- ${source}\n`, { version });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
    const seq = doc.contents;
    if (!isSeq(seq) || seq.items.length !== 1) return false;
    const item = seq.items[0];
    if (!isScalar(item) || item.type !== "PLAIN" || item.value !== value) return false;
  }
  return true;
}

/**
 * `value` written as a plain scalar, when a YAML parser (1.2 or 1.1) reads that back as the same
 * string in a block list (`flow` false), a flow list (`flow` true) or both (`flow` undefined).
 * Undefined when it needs its quotes: `: `, ` #`, a leading indicator (`*`, `&`, `!`, `{`, `[`,
 * `%`, `@`, `` ` ``, `'`, `"`, …), a value another type would take (`true`, `80`, `null`),
 * surrounding spaces, escapes or line breaks.
 */
export function plainEquivalent(value: string, flow: boolean | undefined): string | undefined {
  if (value === "" || value.trim() !== value || hasEscapable(value) || value.includes("\t")) return undefined;
  const contexts = flow === undefined ? [false, true] : [flow];
  return contexts.every((context) => parsesAsPlainString(value, value, context)) ? value : undefined;
}

/** `value` in single quotes (`'` doubled); undefined when it holds a character that single quotes cannot write. */
export function singleQuoted(value: string): string | undefined {
  if (hasEscapable(value)) return undefined;
  return `'${value.replace(/'/g, "''")}'`;
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0" };

/** `value` in double quotes with YAML escapes. */
export function doubleQuoted(value: string): string {
  let body = "";
  for (const c of value) {
    const code = c.charCodeAt(0);
    const known = DOUBLE_ESCAPES[c];
    if (known !== undefined) body += known;
    else if (c.length === 1 && needsEscape(code)) body += code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    else body += c;
  }
  return `"${body}"`;
}

/** A quoted scalar `text` (as produced above) reads back as `value`: a last guard before offering a fix. */
export function readsBackAs(text: string, value: string, flow: boolean | undefined): boolean {
  for (const context of flow === undefined ? [false, true] : [flow]) {
    const doc = parseDocument(context ? `[${text}]\n` : `- ${text}\n`);
    const seq = doc.contents;
    if (doc.errors.length > 0 || !isSeq(seq) || seq.items.length !== 1) return false;
    const item = seq.items[0];
    if (!isScalar(item) || item.value !== value) return false;
  }
  return true;
}

/** The node or anything inside it carries an anchor (`&name`), which an alias elsewhere may use. */
export function hasAnchor(node: Node): boolean {
  let found = false;
  visit(node, (_key, child) => {
    if ((isScalar(child) || isMap(child) || isSeq(child)) && child.anchor) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}
