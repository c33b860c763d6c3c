import { isAlias, isMap, isMergeKey, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import type { Document, Node, Scalar } from "yaml";
import type { ComposeService, Found } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";

/**
 * Reading list and list-or-dict fields of a service that the model has no typed accessor for
 * (`build.args`, `links`, `volumes_from`, `build.secrets`), with a range per entry.
 *
 * `service.get()` shows the service as Compose merges it: `<<` merge keys resolved and, with
 * `extends:`, the base service's entries merged in, while `found.node` is only what this service
 * writes. Entries written here point at themselves; entries pulled in through an alias or merge
 * key point at that site, and entries inherited through `extends` at the `extends` key.
 */

export function nodeRange(node: Node): OffsetRange {
  return node.range ? [node.range[0], node.range[1]] : [0, 0];
}

function sameRange(a: OffsetRange, b: OffsetRange): boolean {
  return a[0] === b[0] && a[1] === b[1];
}


/** Follows an alias chain (bounded) to the node it names. */
function resolve(node: unknown, doc: Document): Node | undefined {
  let current = node;
  for (let hops = 0; hops < 100 && isAlias(current); hops++) current = resolveAlias(current, doc);
  return isAlias(current) ? undefined : ((current as Node | null | undefined) ?? undefined);
}

/** A scalar value as text; undefined for null, maps and lists. */
export function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === "object") return undefined;
  return String(value as string | number | boolean);
}

/** Where this service's own value is written, or undefined when the whole value comes from elsewhere (a site). */
function ownNode(found: Found): Node | undefined {
  if (found.viaExtends || found.viaMerge || !sameRange(found.range, nodeRange(found.node))) return undefined;
  return found.node;
}

/** Where entries that are not written in this service come from: the `extends` key, else the field's site. */
function inheritedSite(service: ComposeService, found: Found): OffsetRange {
  return service.extends?.range ?? found.range;
}

/**
 * The items of a list field: a string item as written, or the `sourceKey` of a `{source: …}` map
 * item; each with its own range, or the site it came from.
 */
export function listItems(service: ComposeService, doc: Document, found: Found | undefined, sourceKey?: string): { text: string; range: OffsetRange }[] {
  if (!found || !Array.isArray(found.value)) return [];
  const textOf = (value: unknown): string | undefined => {
    const direct = scalarText(value);
    if (direct !== undefined) return direct;
    if (sourceKey === undefined || typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return scalarText((value as Record<string, unknown>)[sourceKey]);
  };
  const values = (found.value as unknown[]).map(textOf).filter((text): text is string => text !== undefined);
  const node = ownNode(found);
  if (!node || !isSeq(node)) return values.map((text) => ({ text, range: found.range }));
  const out: { text: string; range: OffsetRange }[] = [];
  const remaining = [...values];
  for (const item of node.items) {
    const target = resolve(item, doc);
    let text: string | undefined;
    if (isScalar(target)) text = scalarText(target.value);
    else if (sourceKey !== undefined && isMap(target)) {
      const pair = target.items.find((p) => isScalar(p.key) && p.key.value === sourceKey);
      const value = resolve(pair?.value, doc);
      if (isScalar(value)) text = scalarText(value.value);
    }
    if (text === undefined) continue;
    const at = remaining.indexOf(text);
    if (at < 0) continue;
    remaining.splice(at, 1);
    out.push({ text, range: nodeRange(item as Node) });
  }
  // What is left was merged in from the base service.
  for (const text of remaining) out.push({ text, range: inheritedSite(service, found) });
  return out;
}

/** One `NAME=value` list item or `NAME: value` map entry. */
export interface KeyValueEntry {
  name: string;
  /** undefined: the name alone (`- NAME` or `NAME:`), which Compose takes from the environment. */
  value: string | undefined;
  /** The entry (the key of a map entry, the item of a list), or the site that brought it in. */
  range: OffsetRange;
  /** The value's own text, when it is written plainly in this service (positions inside a quoted scalar do not map). */
  valueRange?: OffsetRange;
}

/** A `NAME=value` list entry's name and value (none without `=`), and where its `=` is. */
export function splitEntry(text: string): { name: string; value: string | undefined; equals: number } {
  const equals = text.indexOf("=");
  return equals < 0 ? { name: text, value: undefined, equals } : { name: text.slice(0, equals), value: text.slice(equals + 1), equals };
}

/** A list item `NAME=value` (`item` as written, `target` the scalar it is or its alias resolves to), at the item. */
export function listItemEntry(item: unknown, target: Scalar, text: string): KeyValueEntry {
  const { name, value, equals } = splitEntry(text);
  const entry: KeyValueEntry = { name, value, range: nodeRange(item as Node) };
  // Offsets inside a scalar map to the file only when it is written plain (no quotes or escapes).
  if (equals >= 0 && !isAlias(item) && target.type === "PLAIN" && target.range) entry.valueRange = [target.range[0] + equals + 1, target.range[1]];
  return entry;
}

/** The entries of a list-or-dict field (`build.args`): a map `NAME: value` or a list of `NAME=value` strings. */
export function keyValueEntries(service: ComposeService, doc: Document, found: Found | undefined): KeyValueEntry[] {
  if (!found) return [];
  const { value } = found;
  const node = ownNode(found);
  if (Array.isArray(value)) {
    const texts = value.map(scalarText).filter((text): text is string => text !== undefined);
    if (!node || !isSeq(node)) return texts.map((text) => ({ ...splitEntry(text), range: found.range }));
    const out: KeyValueEntry[] = [];
    const remaining = [...texts];
    for (const item of node.items) {
      const target = resolve(item, doc);
      if (!isScalar(target)) continue;
      const text = scalarText(target.value);
      const at = text === undefined ? -1 : remaining.indexOf(text);
      if (text === undefined || at < 0) continue;
      remaining.splice(at, 1);
      out.push(listItemEntry(item, target, text));
    }
    for (const text of remaining) out.push({ ...splitEntry(text), range: inheritedSite(service, found) });
    return out;
  }
  if (typeof value !== "object" || value === null) return [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (!node || !isMap(node)) return entries.map(([name, raw]) => ({ name, value: scalarText(raw), range: found.range }));
  const own = new Map<string, { keyRange: OffsetRange; valueNode: unknown }>();
  let mergeSite: OffsetRange | undefined;
  for (const pair of node.items) {
    if (isMergeKey(pair.key)) {
      const target = pair.value as Node | null;
      mergeSite ??= [nodeRange(pair.key as Node)[0], target ? nodeRange(target)[1] : nodeRange(pair.key as Node)[1]];
      continue;
    }
    if (!isScalar(pair.key)) continue;
    const name = scalarText(pair.key.value);
    if (name !== undefined) own.set(name, { keyRange: nodeRange(pair.key), valueNode: pair.value });
  }
  return entries.map(([name, raw]): KeyValueEntry => {
    const entry: KeyValueEntry = { name, value: scalarText(raw), range: mergeSite ?? inheritedSite(service, found) };
    const written = own.get(name);
    if (!written) return entry;
    entry.range = written.keyRange;
    if (entry.value !== undefined && isScalar(written.valueNode)) entry.valueRange = nodeRange(written.valueNode);
    else if (isAlias(written.valueNode)) entry.range = nodeRange(written.valueNode);
    return entry;
  });
}
