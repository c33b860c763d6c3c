/**
 * Helpers for helper C's Compose rules: list items and map entries of a service key with the
 * range a finding should use, for keys the model has no typed accessor for (`devices`,
 * `sysctls`, `device_cgroup_rules`), and the inner node of a long-syntax entry
 * (`bind.propagation`, `published`) so that a finding can point at the value at fault.
 *
 * Values are the model's (`service.get()`: aliases, `<<` merge keys and `extends` resolved).
 * Ranges follow the model's convention: a value reached through a merge key, an alias or
 * `extends` is reported at that site in the service, never inside the anchor or the base.
 */
import { isAlias, isMap, isMergeKey, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import type { Document, Node } from "yaml";
import type { ComposeModel, ComposeService, Found } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";

export interface Item {
  /** Plain value (aliases and merge keys resolved, not interpolated). */
  value: unknown;
  /** The item's node in this file, when it is written in the service itself. */
  node: Node | undefined;
  range: OffsetRange;
  /** Written in the service's own text (not through a merge key, alias or extends): inner nodes may be pointed at. */
  own: boolean;
}

export interface Entry {
  key: string;
  /** Null for `key:` with no value. */
  value: Node | null;
  /** The key (own entries) or the merge/alias site. */
  range: OffsetRange;
  own: boolean;
}

function rangeOf(node: Node): OffsetRange {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}

function resolve(document: Document, node: unknown): Node | null {
  let current = node;
  for (let hops = 0; hops < 1000 && isAlias(current); hops++) current = resolveAlias(current, document) ?? null;
  if (isAlias(current)) return null;
  return (current as Node | null | undefined) ?? null;
}


/** True when `found` is written where it stands in this file (no merge, alias or extends site in between). */
export function isOwn(found: Found): boolean {
  const own = rangeOf(found.node);
  return !found.viaMerge && found.viaExtends !== true && found.range[0] === own[0] && found.range[1] === own[1];
}

/** Entries of a map node: own keys win over `<<` merged ones (first merge source wins), as Compose reads them. */
export function mapEntries(model: ComposeModel, map: Node, site: OffsetRange | undefined): Entry[] {
  if (!isMap(map)) return [];
  const own = new Map<string, Entry>();
  // Most maps merge nothing: their entries are their own, in order, with no second map to build.
  let merged: Map<string, Entry> | undefined;
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    if (isMergeKey(key)) {
      const value = pair.value as Node | null;
      const keyNode = key as Node;
      const mergeSite: OffsetRange = site ?? [rangeOf(keyNode)[0], value ? rangeOf(value)[1] : rangeOf(keyNode)[1]];
      const target = resolve(model.document, value);
      const sources = isSeq(target) ? target.items.map((item) => resolve(model.document, item)) : [target];
      for (const source of sources) {
        if (source === null || source === map) continue;
        for (const entry of mapEntries(model, source, mergeSite)) {
          merged ??= new Map();
          if (!merged.has(entry.key)) merged.set(entry.key, { ...entry, own: false });
        }
      }
      continue;
    }
    if (!isScalar(key) || key.value === null || key.value === undefined || typeof key.value === "symbol") continue;
    const name = String(key.value);
    own.set(name, {
      key: name,
      value: resolve(model.document, pair.value),
      range: site ?? rangeOf(key),
      own: site === undefined && !isAlias(pair.value),
    });
  }
  if (!merged) return [...own.values()];
  const result = new Map(merged);
  for (const [name, entry] of own) {
    result.delete(name);
    result.set(name, entry);
  }
  return [...result.values()];
}

/** A node as plain JS, aliases and merge keys resolved (the parser has bounded the expansion). */
export function plain(model: ComposeModel, node: Node | null): unknown {
  const resolved = resolve(model.document, node);
  if (resolved === null) return null;
  if (isScalar(resolved)) {
    const value: unknown = resolved.value;
    return typeof value === "symbol" ? value.description : value;
  }
  if (isSeq(resolved)) return resolved.items.map((item) => plain(model, item as Node | null));
  if (isMap(resolved)) return Object.fromEntries(mapEntries(model, resolved, undefined).map((e) => [e.key, plain(model, e.value)]));
  return null;
}

/**
 * Items of the sequence at `path` of a service, as the model merges them. Items written in the
 * service itself keep their own range; the others report at the merge, alias or extends site.
 */
export function seqItems(model: ComposeModel, service: ComposeService, path: readonly string[]): Item[] {
  const found = service.get(path);
  if (!found || !Array.isArray(found.value)) return [];
  const values = found.value as unknown[];
  if (!isOwn(found) || !isSeq(found.node)) return values.map((value) => ({ value, node: undefined, range: found.range, own: false }));
  const written: Item[] = found.node.items.map((item) => {
    const node = resolve(model.document, item);
    const value = plain(model, node);
    if (isAlias(item)) return { value, node: undefined, range: rangeOf(item), own: false };
    return node === null ? { value, node: undefined, range: found.range, own: false } : { value, node, range: rangeOf(node), own: true };
  });
  if (!service.extends) return written;
  // Merged with the base's items: match each merged item to an own one, else it is inherited.
  const unused = [...written];
  const inheritedAt = service.extends.range;
  return values.map((value) => {
    const text = JSON.stringify(value);
    const at = unused.findIndex((item) => JSON.stringify(item.value) === text);
    if (at < 0) return { value, node: undefined, range: inheritedAt, own: false };
    const [item] = unused.splice(at, 1);
    return item ?? { value, node: undefined, range: inheritedAt, own: false };
  });
}

/** Where a finding about an entry's value should point: the value when written in place, else the key or site. */
export function entryValueRange(entry: Entry): OffsetRange {
  return entry.own && entry.value !== null ? rangeOf(entry.value) : entry.range;
}

/**
 * A field of a map item (`source:` of a long-syntax device): its plain value, and the range to
 * report — the value when it is written in the item itself, else the item's range.
 */
export function itemField(model: ComposeModel, item: Item, keys: readonly string[]): { value: unknown; range: OffsetRange } | undefined {
  let value: unknown = item.value;
  for (const key of keys) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) return undefined;
  let range = item.range;
  let node: Node | null | undefined = item.own ? item.node : undefined;
  for (const key of keys) {
    if (!node || !isMap(node)) {
      node = undefined;
      break;
    }
    const entry: Entry | undefined = mapEntries(model, node, undefined).find((e) => e.key === key);
    node = entry?.own ? entry.value : undefined;
  }
  if (node) range = rangeOf(node);
  return { value, range };
}

/** A field's plain value as text (`""` for null), or undefined when it is not a scalar. */
export function fieldText(field: { value: unknown } | undefined): string | undefined {
  if (!field) return undefined;
  const { value } = field;
  if (value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** The item of a model list (ports, volumes) whose range is `range`, to look inside it. */
export function itemAt(items: readonly Item[], range: OffsetRange): Item | undefined {
  return items.find((item) => item.own && item.range[0] === range[0] && item.range[1] === range[1]);
}

/**
 * Where a finding about the key at `path` of a service should point: the key itself when it is
 * written in the service, else the merge, alias or extends site that brings it in.
 */
export function keyRange(model: ComposeModel, service: ComposeService, path: readonly string[]): OffsetRange | undefined {
  const found = service.get(path);
  if (!found) return undefined;
  if (!isOwn(found)) return found.range;
  const place = model.locate([...(model.isLegacyV1 ? [] : ["services"]), service.name, ...path]);
  return place?.keyRange ?? found.range;
}

/** The text of a scalar node's value ("" for null). */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  if (value === null || value === undefined) return "";
  return typeof value === "symbol" ? value.description : String(value);
}
