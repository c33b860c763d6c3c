import { Composer, Document, Parser, isAlias, isMap, isScalar, isSeq, parse, parseAllDocuments, parseDocument, visit } from "yaml";
import type { CST, Node, YAMLMap } from "yaml";
import type { ParseContext, ParseResult } from "../language.js";
import { SourceText } from "../source.js";
import type { OffsetRange } from "../source.js";
import { pathBaseName } from "../util/posix-path.js";
import { canonicalShapes, extendService, type CanonicalNotes, type GoMergeResult, type ResetView } from "./go-merge.js";
import { evaluate } from "./interpolation.js";
import { mergeServiceValue, portKey, uniqueBy } from "./merge.js";
import {
  FileContext,
  ProjectLoader,
  analyzeProject,
  envFileProblems,
  includingFile,
  isLaterLayer,
  otherLayerServices,
  layerFiles,
  projectDirectory,
  shadowingFile,
  walkExtends,
  type ExtendsChain,
  type ExtendsTarget,
  type ProjectService,
  type RootOptions,
} from "./project.js";
import { resolvePath, withoutDetour } from "./paths.js";
import { parseSecurityOpt, parseShortPort, parseShortVolume } from "./syntax.js";
import { isMergeKey, provideYaml, resolveAlias, YAML_OPTIONS } from "./yaml-lazy.js";
import { documentNodes } from "./yaml-walk.js";
import type {
  ComposeComment,
  ComposeEnvFileProblem,
  ComposeEnvVar,
  ComposeExtends,
  ComposeExtendsConflict,
  ComposeFileProblem,
  ComposeLayered,
  ComposeLimits,
  ComposeMergeRepeat,
  ComposeMergeTag,
  ComposeModel,
  ComposePort,
  ComposeProject,
  ComposeResource,
  ComposeSecurityOpt,
  ComposeService,
  ComposeServiceLayers,
  ComposeVolumeMount,
  DuplicateKey,
  Found,
  Named,
  ScalarFound,
} from "./model.js";
import { BoundedCache } from "../util/bounded-cache.js";
import { isRecord, setEntry } from "../util/is-record.js";

export { parseSecurityOpt, parseShortPort, parseShortVolume, splitOutside } from "./syntax.js";

// The Compose rules reach yaml through ./yaml-lazy.js, so that a Dockerfile-only run never loads it.
provideYaml({ parse, parseDocument, visit, plain: (document) => new Resolver(document).toPlain(document.contents) });

/**
 * How many nodes the document may expand to once every alias is replaced by its target.
 * A count of aliases (the yaml library's `maxAliasCount`) refuses real files such as
 * getsentry/self-hosted's, which use hundreds of aliases; a bound on the expanded size refuses
 * only "billion laughs" files, whose expansion is exponential, while every honest file stays far below.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

class ExpansionError extends Error {}

type YNode = Node;
type CstToken = CST.Token;

interface Entry {
  key: string;
  keyRange: OffsetRange;
  /** As written: may be an alias; null for `? key` with no value. */
  value: YNode | null;
  viaMerge: boolean;
  /** The `<<: *x` pair in this map that brought the entry in. */
  site: OffsetRange | undefined;
}

function nodeRange(node: YNode): OffsetRange {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}


function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null || value === undefined || typeof value === "symbol") return undefined;
  return String(value);
}

/**
 * An empty object in V8's dictionary mode (deleting a property that is not the last one switches an
 * object to it for good). A Compose file's mappings have as many key sets as there are files, so
 * ordinary objects gave the schema validator and the rules hundreds of hidden classes: its ~100
 * `data.key !== undefined` reads per service missed V8's megamorphic cache every time. Measured on
 * the Compose corpus (976 files), validating each file's fresh plain value after parsing it:
 * 40 → 20 µs/file; building them costs the same.
 * The prototype stays Object.prototype, and keys enumerate in insertion order as in any object.
 */
function dictionaryObject(): Record<string, unknown> {
  const object: Record<string, unknown> = { removed: undefined, last: undefined };
  delete object["removed"];
  delete object["last"];
  return object;
}

/** Reads the document with aliases and merge keys resolved; every walk is bounded by the size check done at parse time. */
class Resolver {
  private readonly entriesCache = new Map<YAMLMap, Map<string, Entry>>();

  /**
   * `mayReset`: whether the text has a `!reset` at all (most files have none, and then no value
   * needs its tag read: a pass over the Compose corpus was ~2 % slower reading them).
   */
  constructor(
    private readonly doc: Document,
    private readonly mayReset = true,
  ) {}

  /** Follows alias chains to the node they name (bounded: an alias chain cannot be longer than the anchors in the file). */
  resolve(node: unknown): YNode | null {
    let current = node;
    for (let hops = 0; hops < 10_000 && isAlias(current); hops++) {
      current = resolveAlias(current, this.doc) ?? null;
    }
    if (isAlias(current)) return null;
    return (current as YNode | null | undefined) ?? null;
  }

  /**
   * A map's entries as Compose sees them: later duplicates win, explicit keys win over merged
   * ones, and among several merge sources (`<<: [*a, *b]`) the first wins (YAML 1.1 merge).
   */
  entries(map: YAMLMap, visitingMaps?: Set<YAMLMap>): Map<string, Entry> {
    const cached = this.entriesCache.get(map);
    if (cached) return cached;
    // Created on a miss only: most calls are cache hits, and a Set per call was garbage to collect.
    const visiting = visitingMaps ?? new Set<YAMLMap>();
    const own = new Map<string, Entry>();
    const merged = new Map<string, Entry>();
    visiting.add(map);
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        const keyStart = nodeRange(pair.key as YNode)[0];
        const valueNode = pair.value as YNode | null;
        const site: OffsetRange = [keyStart, valueNode ? nodeRange(valueNode)[1] : nodeRange(pair.key as YNode)[1]];
        const target = this.resolve(valueNode);
        const sources = isSeq(target) ? target.items.map((item) => this.resolve(item)) : [target];
        for (const source of sources) {
          if (!isMap(source) || visiting.has(source)) continue;
          for (const [name, entry] of this.entries(source, visiting)) {
            if (!merged.has(name)) merged.set(name, { ...entry, viaMerge: true, site });
          }
        }
        continue;
      }
      const name = keyText(pair.key);
      if (name === undefined) continue;
      own.set(name, { key: name, keyRange: nodeRange(pair.key as YNode), value: (pair.value as YNode | null) ?? null, viaMerge: false, site: undefined });
    }
    visiting.delete(map);
    // Without a merge key (nearly every map) the entries are the map's own.
    if (merged.size === 0) {
      this.entriesCache.set(map, own);
      return own;
    }
    const result = new Map(merged);
    for (const [name, entry] of own) {
      result.delete(name);
      result.set(name, entry);
    }
    this.entriesCache.set(map, result);
    return result;
  }

  /**
   * Plain JS as compose-go's ResetProcessor (loader/reset.go `resolveReset`) leaves a service:
   * values tagged `!reset` are dropped (map entries and list items), and the key paths (joined by
   * NUL) of entries tagged `!reset` or `!override` are added to `tagged`.
   */
  toResetPlain(node: unknown, path: string, tagged: Set<string>): unknown {
    const resolved = this.resolve(node);
    if (resolved === null) return null;
    if (isSeq(resolved)) {
      const items: unknown[] = [];
      resolved.items.forEach((item, i) => {
        if (!this.isReset(item as YNode)) items.push(this.toResetPlain(item, `${path}\u0000[${i}]`, tagged));
      });
      return items;
    }
    if (!isMap(resolved)) return this.toPlain(resolved);
    const plain = dictionaryObject();
    for (const [name, entry] of this.entries(resolved)) {
      const key = path === "" ? name : `${path}\u0000${name}`;
      const tag = tagOf(entry.value, this.resolve(entry.value));
      if (tag === "!reset" || tag === "!override") tagged.add(key);
      if (tag === "!reset") continue;
      setEntry(plain, name, tag === "!override" ? this.toPlain(entry.value, true) : this.toResetPlain(entry.value, key, tagged));
    }
    return plain;
  }

  /**
   * Plain JS with aliases and merges resolved (not interpolated). `loaded`: without what a `!reset`
   * tags (map entries and list items), as compose-go loads the file; the data check of --fix
   * reads the text as written instead.
   */
  toPlain(node: unknown, loaded = false): unknown {
    const resolved = this.resolve(node);
    if (resolved === null) return null;
    if (isScalar(resolved)) {
      const value: unknown = resolved.value;
      return typeof value === "symbol" ? value.description : value;
    }
    if (isSeq(resolved)) {
      const items: unknown[] = [];
      for (const item of resolved.items) if (!(loaded && this.isReset(item as YNode | null))) items.push(this.toPlain(item, loaded));
      return items;
    }
    if (isMap(resolved)) {
      const plain = dictionaryObject();
      if (!this.entriesCache.has(resolved) && !resolved.items.some((pair) => isMergeKey(pair.key))) {
        // Without a merge key the pairs are the entries: a later duplicate replaces the value and
        // keeps the first one's place, in an object as in the entries' Map. Building those entries
        // for every map of the file (which only valid-schema reads whole) was garbage to collect.
        for (const pair of resolved.items) {
          const name = keyText(pair.key);
          if (name !== undefined && !(loaded && this.isReset(pair.value as YNode | null))) setEntry(plain, name, this.toPlain(pair.value, loaded));
        }
        return plain;
      }
      for (const [name, entry] of this.entries(resolved)) if (!(loaded && this.isReset(entry.value))) setEntry(plain, name, this.toPlain(entry.value, loaded));
      return plain;
    }
    return null;
  }

  /** A value tagged `!reset` (on it, or on the anchor an alias names): compose-go drops it, key and all, when it loads the file. */
  isReset(value: YNode | null): boolean {
    if (!this.mayReset || value === null || value === undefined) return false;
    // Most values carry no tag and are no alias: two property reads, as `locate` asks at each key.
    const tag = (value as { tag?: unknown }).tag;
    if (tag !== undefined) return tag === "!reset";
    return isAlias(value) && this.resolve(value)?.tag === "!reset";
  }
}

/** Compose's merge tag on a value, written on it or on the anchor an alias names. */
function tagOf(node: unknown, resolved: YNode | null): string | undefined {
  const own = (node as { tag?: unknown } | null | undefined)?.tag;
  if (typeof own === "string") return own;
  const target = resolved?.tag;
  return typeof target === "string" ? target : undefined;
}

/**
 * Where a path of keys and list indexes is written: the deepest node that exists on the way
 * (a path into merged content ends at the merge site), with the key's range for a map entry.
 */
function locatePath(resolver: Resolver, contents: unknown, path: readonly string[]): { range: OffsetRange; keyRange: OffsetRange | undefined } | undefined {
  let current = resolver.resolve(contents);
  if (current === null) return undefined;
  let found: { range: OffsetRange; keyRange: OffsetRange | undefined } = { range: nodeRange(current), keyRange: undefined };
  for (const segment of path) {
    if (isMap(current)) {
      const entry = resolver.entries(current).get(segment);
      if (!entry) break;
      const value = resolver.resolve(entry.value);
      const keyRange = entry.site ?? entry.keyRange;
      found = { range: entry.site ?? (value ? nodeRange(value) : keyRange), keyRange };
      if (entry.site || value === null) break;
      current = value;
    } else if (isSeq(current)) {
      const item: unknown = current.items[Number(segment)];
      const value: YNode | null = /^\d+$/.test(segment) ? resolver.resolve(item) : null;
      if (value === null) break;
      found = { range: nodeRange(value), keyRange: undefined };
      current = value;
    } else break;
  }
  return found;
}

interface Located {
  node: YNode;
  /** Alias or merge site passed on the way, in the service's own text. */
  site: OffsetRange | undefined;
  viaMerge: boolean;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

/** A value that depends on a variable without a default cannot be known here. */
function interpolated(value: unknown): { text: string | undefined; unknown: boolean } {
  if (typeof value !== "string" && typeof value !== "number") return { text: undefined, unknown: false };
  const result = evaluate(String(value));
  if (result.unknown.length > 0 || result.required.length > 0) return { text: undefined, unknown: true };
  return { text: result.value, unknown: false };
}

class Extends implements ComposeExtends {
  constructor(
    private readonly owner: Service,
    readonly service: string | undefined,
    readonly file: string | undefined,
    readonly unknown: boolean,
    readonly range: OffsetRange,
    readonly serviceRange: OffsetRange,
    readonly fileRange: OffsetRange | undefined,
  ) {}

  get base(): ComposeService | undefined {
    return this.owner.extendsChain().base;
  }

  get conflicts(): readonly ComposeExtendsConflict[] {
    return this.owner.extendsConflicts();
  }

  get repeats(): readonly ComposeMergeRepeat[] {
    return this.owner.extendsRepeats();
  }
}

const detachedDocument = new Document();

/**
 * A copy of a node of another file, built from its value: aliases resolved, no `range`, no anchors.
 * Remembered by the linted file (not in a WeakMap: see file-memo.ts), one copy per node.
 */
function detached(file: FileContext, node: YNode, value: unknown): YNode {
  const known = file.detachedCopies.get(node);
  if (known) return known;
  const copy = detachedDocument.createNode(value) as YNode;
  file.detachedCopies.set(node, copy);
  return copy;
}

/** Items inherited through `extends` report at the extends key, and lose positions inside the base's file. */
function inheritedItem<T extends { range: OffsetRange; viaExtends?: boolean; valueRange?: OffsetRange }>(item: T, site: OffsetRange): T {
  const copy = { ...item, range: site, viaExtends: true };
  delete copy.valueRange;
  return copy;
}

/**
 * Completes a freshly parsed short-syntax item in place, where `{ ...parsed, syntax, range }`
 * copied it (an object spread plus added keys is slow in V8: see bracedPart in interpolation.ts).
 * The keys end up in the same order.
 */
function withSyntax<T extends object>(parsed: T, range: OffsetRange): T & { syntax: "short"; range: OffsetRange } {
  const item = parsed as T & { syntax: "short"; range: OffsetRange };
  item.syntax = "short";
  item.range = range;
  return item;
}

function withRange<T extends object>(parsed: T, range: OffsetRange): T & { range: OffsetRange } {
  const item = parsed as T & { range: OffsetRange };
  item.range = range;
  return item;
}

/** A `ports` entry in long syntax, from its plain value. */
function longPort(value: Record<string, unknown>, range: OffsetRange): ComposePort {
  const port: ComposePort = { target: scalarText(value["target"]), syntax: "long", range };
  if (value["published"] !== undefined && value["published"] !== null) port.published = scalarText(value["published"]);
  if (typeof value["host_ip"] === "string") port.hostIp = value["host_ip"];
  if (typeof value["protocol"] === "string") port.protocol = value["protocol"];
  if (typeof value["mode"] === "string") port.mode = value["mode"];
  return port;
}

/** A `volumes` entry in long syntax, from its plain value. */
function longVolume(value: Record<string, unknown>, range: OffsetRange): ComposeVolumeMount {
  const bind = value["bind"] as Record<string, unknown> | null | undefined;
  const propagation = typeof bind === "object" && bind !== null ? bind["propagation"] : undefined;
  const mount: ComposeVolumeMount = {
    type: typeof value["type"] === "string" ? value["type"] : "volume",
    target: scalarText(value["target"]),
    readOnly: value["read_only"] === true || value["read_only"] === "true",
    options: typeof propagation === "string" ? [propagation] : [],
    syntax: "long",
    range,
  };
  if (value["source"] !== undefined && value["source"] !== null) mount.source = scalarText(value["source"]);
  return mount;
}

/** What `Service.memo` stores for a computed `undefined`. */
const ABSENT = Symbol("absent");
/** A service no other file of the project defines. */
const NO_LAYERS: ComposeServiceLayers = { before: [], after: [] };
/** A lazily computed field not computed yet. */
const NOT_YET = Symbol("not yet");

class Service implements ComposeService, ProjectService {
  private readonly cache = new Map<string, unknown>();
  private inheritedBase: ComposeService | undefined | typeof NOT_YET = NOT_YET;
  /** `get`'s answers by path (keys joined with NUL), apart from `cache` so that a path needs no prefix. */
  private readonly found = new Map<string, Found | typeof ABSENT>();

  constructor(
    private readonly resolver: Resolver,
    readonly name: string,
    readonly keyRange: OffsetRange,
    readonly node: YNode,
    private readonly site: OffsetRange | undefined,
    readonly file: FileContext,
  ) {}

  private memo<T>(key: string, compute: () => T): T {
    // One lookup per hit: most keys the rules ask for are absent, so `undefined` is stored as a marker.
    const cached = this.cache.get(key);
    if (cached !== undefined) return (cached === ABSENT ? undefined : cached) as T;
    const value = compute();
    this.cache.set(key, value === undefined ? ABSENT : value);
    return value;
  }

  /** Where this service writes `path`; undefined when it does not, or tags it (or a key above it) `!reset`, which compose-go drops on load. */
  private locate(path: readonly string[]): Located | undefined {
    let current = this.resolver.resolve(this.node);
    let site = this.site;
    let viaMerge = false;
    for (const segment of path) {
      if (!isMap(current)) return undefined;
      const entry = this.resolver.entries(current).get(segment);
      if (!entry || entry.value === null || this.resolver.isReset(entry.value)) return undefined;
      if (entry.viaMerge) viaMerge = true;
      site ??= entry.site;
      if (isAlias(entry.value)) site ??= nodeRange(entry.value);
      current = this.resolver.resolve(entry.value);
      if (current === null) return undefined;
    }
    return current === null ? undefined : { node: current, site, viaMerge };
  }

  getOwn(path: readonly string[]): Found | undefined {
    const located = this.locate(path);
    if (!located) return undefined;
    return { value: this.resolver.toPlain(located.node, true), node: located.node, range: located.site ?? nodeRange(located.node), viaMerge: located.viaMerge };
  }

  // --- extends ---------------------------------------------------------------------------

  /** The `extends` key (or the alias / merge site that brought it in): where inherited values report. */
  private extendsSite(): OffsetRange {
    return this.memo("extends-site", () => {
      if (this.site) return this.site;
      const current = this.resolver.resolve(this.node);
      const entry = isMap(current) ? this.resolver.entries(current).get("extends") : undefined;
      return entry ? (entry.site ?? entry.keyRange) : this.keyRange;
    });
  }

  get extends(): ComposeExtends | undefined {
    return this.memo("extends", () => {
      const found = this.getOwn(["extends"]);
      if (!found) return undefined;
      let unknown = false;
      const read = (value: unknown): string | undefined => {
        const result = interpolated(value);
        if (result.unknown) unknown = true;
        return result.text;
      };
      if (isRecord(found.value)) {
        const service = this.getOwn(["extends", "service"]);
        const file = this.getOwn(["extends", "file"]);
        return new Extends(this, service ? read(service.value) : undefined, file ? read(file.value) : undefined, unknown, this.extendsSite(), service?.range ?? found.range, file?.range);
      }
      return new Extends(this, read(found.value), undefined, unknown, this.extendsSite(), found.range, undefined);
    });
  }

  extendsTarget(): ExtendsTarget {
    return this.memo("extends-target", (): ExtendsTarget => {
      const ext = this.extends;
      if (!ext) return { kind: "none" };
      if (ext.unknown) return { kind: "stop" };
      if (ext.service === undefined) return { kind: "none" };
      let file = this.file;
      if (ext.file !== undefined) {
        const path = this.file.extendsPath(ext.file);
        if (path === undefined) return { kind: "stop" };
        const loaded = this.file.loader.load(path);
        if (loaded.status === "no-reader") return { kind: "stop" };
        if (loaded.status === "unreadable") return { kind: "problem", problem: { kind: "unreadable", path } };
        if (loaded.status === "unparsable") return { kind: "problem", problem: { kind: "unparsable", path, detail: loaded.detail } };
        file = loaded.file;
      }
      const target = file.index.get(ext.service);
      if (target === undefined) {
        return { kind: "problem", problem: { kind: "missing-service", path: file.key, target: ext.service, candidates: [...file.index.keys()] } };
      }
      return target === null ? { kind: "none" } : { kind: "service", service: target };
    });
  }

  extendsChain(): ExtendsChain {
    return this.memo("extends-chain", () => walkExtends(this));
  }

  /** What compose-go's `extends` merge makes of this service, and where it refuses (go-merge.ts). */
  private goExtension(): GoMergeResult {
    return this.memo("go-extension", () => {
      const tagged = new Set<string>();
      const plain = this.resolver.toResetPlain(this.node, "", tagged);
      const own = isRecord(plain) ? plain : {};
      const base = this.extendsChain().base as ProjectService | undefined;
      if (!base) {
        const value: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(own)) if (key !== "extends") setEntry(value, key, item);
        return { value, conflicts: [], repeats: [] };
      }
      if (base.file === this.file) return extendService(base.composeGoExtended(), { value: own, tagged });
      // A base in another file comes from compose-go's loadYamlFile of that file, which has run
      // transform.Canonical over it (`gpus: all` is a list there).
      const notes: CanonicalNotes = new Map();
      const canonical = canonicalShapes({ services: { x: base.composeGoExtended() } }, notes);
      const services = canonical["services"] as Record<string, unknown>;
      return extendService(services["x"] as Record<string, unknown>, { value: own, tagged }, notes);
    });
  }

  composeGoExtended(): Record<string, unknown> {
    return this.goExtension().value;
  }

  extendsConflicts(): readonly ComposeExtendsConflict[] {
    return this.goExtension().conflicts;
  }

  extendsRepeats(): readonly ComposeMergeRepeat[] {
    return this.goExtension().repeats;
  }

  /**
   * The service this one extends, merged with its own base; undefined when there is none. Kept in
   * a field rather than `memo`'s map: every `get` and every list asks (~90 times per file on the
   * Compose corpus, half of all memo reads).
   */
  private inherited(): ComposeService | undefined {
    if (this.inheritedBase === NOT_YET) this.inheritedBase = this.extends ? this.extendsChain().base : undefined;
    return this.inheritedBase;
  }

  /** Own items first merged over the inherited ones: same key → own replaces it in place, new keys appended. */
  private mergeItems<T extends { range: OffsetRange; viaExtends?: boolean; valueRange?: OffsetRange }>(
    own: readonly T[],
    pick: (base: ComposeService) => readonly T[],
    key: (item: T) => string,
  ): readonly T[] {
    const base = this.inherited();
    if (!base) return own;
    const tag = this.ownTag(this.keyOf(pick));
    if (tag === "!override") return own;
    if (tag === "!reset") return [];
    const site = this.extendsSite();
    return uniqueBy(pick(base).map((item) => inheritedItem(item, site)), own, key);
  }

  /** Which service key a typed accessor reads (for `!reset` / `!override` tags). */
  private keyOf(pick: (base: ComposeService) => unknown): string {
    return ITEM_KEYS.get(pick) ?? "";
  }

  mergeTag(path: readonly string[]): ComposeMergeTag | undefined {
    let current = this.resolver.resolve(this.node);
    for (let depth = 0; depth < path.length; depth++) {
      if (!isMap(current)) return undefined;
      const entry = this.resolver.entries(current).get(path[depth] ?? "");
      if (!entry?.value) return undefined;
      const tag = entry.value.tag;
      if (tag === "!reset" || tag === "!override") return { tag, path: path.slice(0, depth + 1), keyRange: entry.keyRange };
      current = this.resolver.resolve(entry.value);
    }
    return undefined;
  }

  /** `!reset` / `!override` on the value this service writes at `key` (`""`: a key no accessor reads). */
  private ownTag(key: string): ComposeMergeTag["tag"] | undefined {
    return key === "" ? undefined : this.mergeTag([key])?.tag;
  }

  /**
   * Memoized per path: several rules read the same keys of a service (`image`, `build`, `links`,
   * the namespace keys), and each read converted the value to plain JS again.
   */
  get(path: readonly string[]): Found | undefined {
    // A one-key path (most reads) is its own key, so a hit builds no string: building
    // `\0key` for each of the ~80 reads per file was the largest allocation outside yaml.
    const key = path.length === 1 ? (path[0] ?? "") : path.join("\u0000");
    const cached = this.found.get(key);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached;
    const found = this.readMerged(path);
    this.found.set(key, found ?? ABSENT);
    return found;
  }

  private readMerged(path: readonly string[]): Found | undefined {
    const own = this.getOwn(path);
    const base = path[0] === "extends" ? undefined : this.inherited();
    if (!base) return own;
    const tag = this.ownTag(path[0] ?? "");
    if (tag === "!reset") return path.length === 1 ? undefined : own;
    if (tag === "!override") return own;
    if (own) {
      // `build: ./dir` is the short form of a mapping and merges like one.
      const mergeable = (typeof own.value === "object" && own.value !== null) || (path.length === 1 && path[0] === "build");
      if (!mergeable) return own;
      const inherited = base.get(path);
      if (!inherited) return own;
      return { ...own, value: mergeServiceValue(inherited.value, own.value, path) };
    }
    // What this service writes above `path` decides: a scalar there replaces the base's mapping.
    for (let depth = path.length - 1; depth >= 1; depth--) {
      const above = this.getOwn(path.slice(0, depth));
      if (!above) continue;
      if (depth === 1 && path[0] === "build" && typeof above.value === "string") {
        // `build: ./dir` is `build: {context: ./dir}`, merged with the base's other build keys.
        if (path.length === 2 && path[1] === "context") return above;
        break;
      }
      if (!isRecord(above.value)) return undefined;
      break;
    }
    const inherited = base.get(path);
    if (!inherited) return undefined;
    // A node of another file has offsets into that file: rules get a copy without positions.
    const node = (base as Service).file === this.file ? inherited.node : detached(this.file, inherited.node, inherited.value);
    return { ...inherited, node, range: this.extendsSite(), viaMerge: true, viaExtends: true };
  }

  scalar(path: readonly string[]): ScalarFound | undefined {
    const found = this.get(path);
    if (!found || !isScalar(found.node)) return undefined;
    const value = found.value as ScalarFound["value"];
    // Written out rather than spread (`{ ...found, value, text }`): see bracedPart in interpolation.ts.
    const scalar: ScalarFound = { value, node: found.node, range: found.range, viaMerge: found.viaMerge, text: scalarText(value) };
    if (found.viaExtends !== undefined) scalar.viaExtends = found.viaExtends;
    return scalar;
  }

  /** Items of a sequence at `path`, each with the range a finding should use. */
  private items(path: readonly string[], located: Located | undefined = this.locate(path)): { node: YNode; range: OffsetRange }[] {
    if (!located || !isSeq(located.node)) return [];
    const out: { node: YNode; range: OffsetRange }[] = [];
    for (const item of located.node.items) {
      const node = this.resolver.resolve(item);
      if (node === null || this.resolver.isReset(item as YNode)) continue;
      const itemSite = located.site ?? (isAlias(item) ? nodeRange(item) : undefined);
      out.push({ node, range: itemSite ?? nodeRange(node) });
    }
    return out;
  }

  /** Entries of a map at `path`, each with the key's range (or the alias/merge site). */
  private mapEntries(path: readonly string[], located: Located | undefined = this.locate(path)): { name: string; range: OffsetRange; value: YNode | null }[] {
    if (!located || !isMap(located.node)) return [];
    return [...this.resolver.entries(located.node).values()].filter((entry) => !this.resolver.isReset(entry.value)).map((entry) => ({
      name: entry.key,
      range: located.site ?? entry.site ?? entry.keyRange,
      value: this.resolver.resolve(entry.value),
    }));
  }

  /** A list of names (`- a`) or a map keyed by name (`a: {…}`), or `- source: a` items. */
  private names(path: readonly string[], sourceKey?: string): Named[] {
    const located = this.locate(path);
    if (!located) return [];
    // The located value is passed on: locating the path again was a second walk per list.
    if (isMap(located.node)) {
      const site = located.site;
      // Names only: the entries' values are not resolved (but for a `!reset` tag, which drops one).
      const named: Named[] = [];
      for (const entry of this.resolver.entries(located.node).values()) {
        if (!this.resolver.isReset(entry.value)) named.push({ name: entry.key, range: site ?? entry.site ?? entry.keyRange });
      }
      return named;
    }
    const out: Named[] = [];
    for (const { node, range } of this.items(path, located)) {
      if (isScalar(node)) out.push({ name: scalarText(node.value), range });
      else if (sourceKey !== undefined && isMap(node)) {
        const source = this.resolver.entries(node).get(sourceKey);
        const value = source ? this.resolver.resolve(source.value) : null;
        if (isScalar(value)) out.push({ name: scalarText(value.value), range });
      }
    }
    return out;
  }

  private field(name: string): ScalarFound | undefined {
    return this.memo(name, () => this.scalar([name]));
  }

  get image() { return this.field("image"); }
  get user() { return this.field("user"); }
  get privileged() { return this.field("privileged"); }
  get memLimit() { return this.field("mem_limit"); }
  get cpus() { return this.field("cpus"); }
  get pidsLimit() { return this.field("pids_limit"); }
  get networkMode() { return this.field("network_mode"); }
  get pid() { return this.field("pid"); }
  get ipc() { return this.field("ipc"); }
  get uts() { return this.field("uts"); }
  get usernsMode() { return this.field("userns_mode"); }
  get cgroup() { return this.field("cgroup"); }
  get readOnly() { return this.field("read_only"); }
  get restart() { return this.field("restart"); }
  get healthcheck() { return this.memo("healthcheck", () => this.get(["healthcheck"])); }
  get build() { return this.memo("build", () => this.get(["build"])); }

  /**
   * No `image` or `build`, even through `extends`: the service completes one defined in another
   * file (an override file, a fragment meant for `-f` merging), so what it lacks may be set there.
   */
  get partial(): boolean {
    // `get` sees what a resolved `extends` brings in; a base that cannot be read (stdin, a missing
    // file, an unset variable) leaves the service partial, since that base may set what is missing.
    return this.memo("partial", () => !this.get(["image"]) && !this.get(["build"]));
  }

  get limits(): ComposeLimits {
    return this.memo("limits", () => {
      const limits: ComposeLimits = {};
      const base = ["deploy", "resources", "limits"];
      const memory = this.scalar([...base, "memory"]);
      const cpus = this.scalar([...base, "cpus"]);
      const pids = this.scalar([...base, "pids"]);
      if (memory) limits.memory = memory;
      if (cpus) limits.cpus = cpus;
      if (pids) limits.pids = pids;
      return limits;
    });
  }

  get ports(): readonly ComposePort[] {
    return this.memo("ports", () => this.mergeItems(this.ownPorts(), PICK.ports, portKey));
  }

  private ownPorts(): ComposePort[] {
    return this.shortOrLongItems("ports", parseShortPort, longPort);
  }

  get expose(): readonly Named[] {
    return this.memo("expose", () => this.mergeItems(this.names(["expose"]), PICK.expose, byName));
  }

  get volumes(): readonly ComposeVolumeMount[] {
    return this.memo("volumes", () => this.mergeItems(this.ownVolumes(), PICK.volumes, (mount) => mount.target));
  }

  private ownVolumes(): ComposeVolumeMount[] {
    return this.shortOrLongItems("volumes", parseShortVolume, longVolume);
  }

  /**
   * The items of a list whose entries are a string (short syntax) or a mapping (long syntax), as
   * `ports` and `volumes` are; other entries are skipped. Built with push rather than `flatMap`
   * and one-item arrays: less garbage per item.
   */
  private shortOrLongItems<T>(key: string, short: (text: string) => object, long: (value: Record<string, unknown>, range: OffsetRange) => T): T[] {
    const items: T[] = [];
    for (const { node, range } of this.items([key])) {
      if (isScalar(node)) items.push(withSyntax(short(scalarText(node.value)), range) as T);
      else if (isMap(node)) items.push(long(this.resolver.toPlain(node, true) as Record<string, unknown>, range));
    }
    return items;
  }

  get environment(): readonly ComposeEnvVar[] {
    return this.memo("environment", () => this.mergeItems(this.ownEnvironment(), PICK.environment, byName));
  }

  private ownEnvironment(): ComposeEnvVar[] {
    const located = this.locate(["environment"]);
    if (!located) return [];
    if (isMap(located.node)) {
      return this.mapEntries(["environment"], located).map(({ name, range, value }): ComposeEnvVar => {
        const text = isScalar(value) && value.value !== null ? scalarText(value.value) : undefined;
        const variable: ComposeEnvVar = { name, value: text, range };
        if (value && text !== undefined && !located.site) variable.valueRange = nodeRange(value);
        return variable;
      });
    }
    const variables: ComposeEnvVar[] = [];
    for (const { node, range } of this.items(["environment"], located)) {
      if (!isScalar(node)) continue;
      const text = scalarText(node.value);
      const equals = text.indexOf("=");
      if (equals < 0) {
        variables.push({ name: text, value: undefined, range });
        continue;
      }
      const variable: ComposeEnvVar = { name: text.slice(0, equals), value: text.slice(equals + 1), range };
      // Offsets inside a scalar map to the source only when it is written plain (no quotes or escapes).
      if (node.type === "PLAIN" && !located.site && node.range) {
        variable.valueRange = [node.range[0] + equals + 1, node.range[1]];
      }
      variables.push(variable);
    }
    return variables;
  }

  get capAdd(): readonly Named[] {
    return this.memo("cap_add", () => this.mergeItems(this.names(["cap_add"]), PICK.capAdd, byName));
  }

  get capDrop(): readonly Named[] {
    return this.memo("cap_drop", () => this.mergeItems(this.names(["cap_drop"]), PICK.capDrop, byName));
  }

  get securityOpt(): readonly ComposeSecurityOpt[] {
    return this.memo("security_opt", () =>
      this.mergeItems(
        this.items(["security_opt"]).flatMap(({ node, range }) => (isScalar(node) ? [withRange(parseSecurityOpt(scalarText(node.value)), range)] : [])),
        PICK.securityOpt,
        (entry) => entry.raw,
      ),
    );
  }

  get dependsOn(): readonly Named[] {
    return this.memo("depends_on", () => this.mergeItems(this.names(["depends_on"]), PICK.dependsOn, byName));
  }

  get secrets(): readonly Named[] {
    return this.memo("secrets", () => this.mergeItems(this.names(["secrets"], "source"), PICK.secrets, byName));
  }

  get configs(): readonly Named[] {
    return this.memo("configs", () => this.mergeItems(this.names(["configs"], "source"), PICK.configs, byName));
  }

  get networks(): readonly Named[] {
    return this.memo("networks", () => this.mergeItems(this.names(["networks"]), PICK.networks, byName));
  }

  get models(): readonly Named[] {
    return this.memo("models", () => this.mergeItems(this.names(["models"]), PICK.models, byName));
  }

  get profiles(): readonly Named[] {
    return this.memo("profiles", () => this.mergeItems(this.names(["profiles"]), PICK.profiles, byName));
  }
}

function byName(item: { name: string }): string {
  return item.name;
}

/** How each typed list reads a base service; `ITEM_KEYS` maps them back to the service key for merge tags. */
const PICK = {
  ports: (s: ComposeService) => s.ports,
  expose: (s: ComposeService) => s.expose,
  volumes: (s: ComposeService) => s.volumes,
  environment: (s: ComposeService) => s.environment,
  capAdd: (s: ComposeService) => s.capAdd,
  capDrop: (s: ComposeService) => s.capDrop,
  securityOpt: (s: ComposeService) => s.securityOpt,
  dependsOn: (s: ComposeService) => s.dependsOn,
  secrets: (s: ComposeService) => s.secrets,
  configs: (s: ComposeService) => s.configs,
  networks: (s: ComposeService) => s.networks,
  models: (s: ComposeService) => s.models,
  profiles: (s: ComposeService) => s.profiles,
} as const;

const ITEM_KEYS = new Map<unknown, string>([
  [PICK.ports, "ports"],
  [PICK.expose, "expose"],
  [PICK.volumes, "volumes"],
  [PICK.environment, "environment"],
  [PICK.capAdd, "cap_add"],
  [PICK.capDrop, "cap_drop"],
  [PICK.securityOpt, "security_opt"],
  [PICK.dependsOn, "depends_on"],
  [PICK.secrets, "secrets"],
  [PICK.configs, "configs"],
  [PICK.networks, "networks"],
  [PICK.models, "models"],
  [PICK.profiles, "profiles"],
]);

/**
 * Size of the document with every alias expanded, computed per distinct node (memoised), so a
 * billion-laughs file is measured in microseconds without expanding it. Throws past the limit
 * or on an alias that contains itself.
 */
function checkExpansion(doc: Document, resolver: Resolver, limit: number): void {
  // Without aliases the expanded size is the node count of the one walk the rules share.
  const nodes = documentNodes(doc);
  if (!nodes.hasAlias) {
    if (nodes.nodeCount > limit) throw new ExpansionError(aliasBombMessage(limit));
    return;
  }
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  const size = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    const target = isAlias(node) ? resolver.resolve(node) : node;
    if (target === null) return 1;
    const known = sizes.get(target);
    if (known !== undefined) return known;
    if (inProgress.has(target)) throw new ExpansionError("an alias refers to a node that contains it, so it would expand forever");
    inProgress.add(target);
    let total = 1;
    if (isMap(target)) {
      for (const pair of target.items) total += size(pair.key) + size(pair.value);
    } else if (isSeq(target)) {
      for (const item of target.items) total += size(item);
    }
    inProgress.delete(target);
    // Capping keeps the numbers small; anything past the limit is refused anyway.
    total = Math.min(total, limit + 1);
    sizes.set(target, total);
    return total;
  };
  const total = size(doc.contents);
  if (total > limit) throw new ExpansionError(aliasBombMessage(limit));
}

function aliasBombMessage(limit: number): string {
  return `aliases expand this file to more than ${limit.toLocaleString("en-US")} YAML nodes (an "alias bomb"); refusing to expand it`;
}

function findDuplicateKeys(doc: Document): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  for (const map of documentNodes(doc).maps) {
    const seen = new Map<string, OffsetRange>();
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) continue;
      const name = keyText(pair.key);
      if (name === undefined) continue;
      const range = nodeRange(pair.key as YNode);
      const first = seen.get(name);
      if (first) duplicates.push({ name, range, firstRange: first });
      else seen.set(name, range);
    }
  }
  return duplicates;
}

/**
 * `#` comments from the yaml library's concrete syntax tree, which knows which `#` start comments.
 * The walk follows the token types of yaml's CST (parse/cst.d.ts) and reads only the fields that
 * hold tokens: looping over every property of every token took 2.4% of the Compose corpus's lint
 * time in a CPU profile, this walk 0.6%.
 */
function collectComments(tokens: readonly CstToken[], source: SourceText): ComposeComment[] {
  const comments: ComposeComment[] = [];
  if (!source.text.includes("#")) return comments;
  const walkList = (list: readonly CstToken[] | undefined): void => {
    if (list) for (const token of list) walk(token);
  };
  const walk = (token: CstToken): void => {
    switch (token.type) {
      case "comment": {
        const start = token.offset;
        // yaml does not end a comment at a lone CR, the engine's lines do: the comment stops at its line's end.
        const breakAt = token.source.indexOf("\r");
        const text = breakAt >= 0 ? token.source.slice(0, breakAt) : token.source;
        comments.push({ text: text.slice(1), line: source.positionAt(start).line, range: [start, start + text.length] });
        return;
      }
      case "document":
        walkList(token.start);
        if (token.value) walk(token.value);
        walkList(token.end);
        return;
      case "block-map":
      case "block-seq":
      case "flow-collection":
        for (const item of token.items) {
          walkList(item.start);
          if (item.key) walk(item.key);
          walkList(item.sep);
          if (item.value) walk(item.value);
        }
        if (token.type === "flow-collection") walkList(token.end);
        return;
      case "block-scalar":
        walkList(token.props);
        return;
      case "alias":
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
      case "doc-end":
        walkList(token.end);
        return;
      default:
        // Spaces, indicators, anchors, tags, directives and errors hold no other token.
        return;
    }
  };
  walkList(tokens);
  return comments.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * For a file that YAML cannot read and that holds template tags (Mailu's Jinja
 * `setup/flavors/compose/docker-compose.yml` starts with `{% set env='mailu.env' %}`): the cause,
 * and what to lint instead.
 */
function templateHint(text: string): string {
  const tag = /\{%|\{\{|\{#|<%/.exec(text)?.[0];
  return tag === undefined
    ? ""
    : `; the file holds template tags (\`${tag}\`), so it looks like a template that a generator renders into a Compose file: lint what it renders, or leave the template out with \`.docklintignore\``;
}

/** The first line of the yaml library's message, without the position it appends (returned separately). */
function errorMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  const at = firstLine.lastIndexOf(" at line ");
  return at > 0 ? firstLine.slice(0, at) : firstLine;
}

function resources(resolver: Resolver, rootEntries: Map<string, Entry> | undefined, key: string): Map<string, ComposeResource> {
  const out = new Map<string, ComposeResource>();
  const entry = rootEntries?.get(key);
  const node = entry ? resolver.resolve(entry.value) : null;
  if (!isMap(node)) return out;
  for (const [name, item] of resolver.entries(node)) {
    out.set(name, { name, keyRange: item.site ?? item.keyRange, node: resolver.resolve(item.value) });
  }
  return out;
}

/** A service written as `web: *base` reports at the alias, like a merged value. */
function serviceSite(entry: Entry): OffsetRange | undefined {
  return entry.site ?? (isAlias(entry.value) ? nodeRange(entry.value) : undefined);
}

function looksLikeV1Service(resolver: Resolver, node: YNode | null): boolean {
  if (!isMap(node)) return false;
  const entries = resolver.entries(node);
  return entries.has("image") || entries.has("build");
}

/** What the parser reads from the file; `ParsedModel` adds the parts computed on first use. */
type ModelParts = Omit<ComposeModel, "kind" | "toPlain" | "locate" | "project" | "fileProblems" | "envFileProblems" | "layered" | "shadowedBy" | "projectDirectory" | "projectPath" | "includedBy" | "isLaterLayer" | "layerServices">;

/**
 * The model of one file. A class rather than an object literal with `get project()`: V8 makes
 * such a literal a dictionary-mode object with an accessor pair of its own, and Node 20's young-
 * generation GC then kept every file's getters, with everything their closures held (the yaml
 * document, the resolver), alive into the old generation. Measured with `--trace-gc-nvp` over the
 * Compose corpus (parseCompose only, steady state): promoted per scavenge 680 → 1 KB, scavenge
 * pauses 4.0 → 0.65 ms.
 */
class ParsedModel implements ComposeModel {
  readonly kind = "compose";
  readonly source: SourceText;
  readonly document: Document;
  readonly root: YAMLMap | undefined;
  readonly services: ComposeService[];
  readonly networks: Map<string, ComposeResource>;
  readonly volumes: Map<string, ComposeResource>;
  readonly secrets: Map<string, ComposeResource>;
  readonly configs: Map<string, ComposeResource>;
  readonly models: Map<string, ComposeResource>;
  readonly topLevelKeys: Named[];
  readonly version: string | undefined;
  readonly isLegacyV1: boolean;
  readonly duplicateKeys: DuplicateKey[];
  readonly comments: ComposeComment[];
  readonly extraDocuments: number;
  private plain: { value: unknown } | undefined;
  private analysis: ReturnType<typeof analyzeProject> | undefined;
  private envFiles: readonly ComposeEnvFileProblem[] | undefined;
  private layers: ComposeLayered | undefined | typeof NOT_YET = NOT_YET;
  private otherLayers: Map<string, ComposeServiceLayers> | undefined;
  private projectDir: string | undefined | typeof NOT_YET = NOT_YET;

  constructor(
    parts: ModelParts,
    private readonly resolver: Resolver,
    private readonly projectServices: readonly Service[],
    private readonly rootOptions: RootOptions | undefined,
  ) {
    this.source = parts.source;
    this.document = parts.document;
    this.root = parts.root;
    this.services = parts.services;
    this.networks = parts.networks;
    this.volumes = parts.volumes;
    this.secrets = parts.secrets;
    this.configs = parts.configs;
    this.models = parts.models;
    this.topLevelKeys = parts.topLevelKeys;
    this.version = parts.version;
    this.isLegacyV1 = parts.isLegacyV1;
    this.duplicateKeys = parts.duplicateKeys;
    this.comments = parts.comments;
    this.extraDocuments = parts.extraDocuments;
  }

  /** Built on first use: three readers per file (project analysis, valid-schema, no-sensitive-host-mount). */
  toPlain(): unknown {
    this.plain ??= { value: this.resolver.toPlain(this.document.contents, true) };
    return this.plain.value;
  }

  locate(path: readonly string[]): { range: OffsetRange; keyRange: OffsetRange | undefined } | undefined {
    return locatePath(this.resolver, this.document.contents, path);
  }

  // Computed on first access: they may read other files through the host's reader.
  get project(): ComposeProject | undefined {
    return this.analyze()?.project;
  }

  get fileProblems(): readonly ComposeFileProblem[] {
    return this.analyze()?.problems ?? [];
  }

  get envFileProblems(): readonly ComposeEnvFileProblem[] {
    if (!this.rootOptions) return [];
    this.envFiles ??= envFileProblems(this, this.projectServices, this.rootOptions);
    return this.envFiles;
  }

  get projectDirectory(): string | undefined {
    if (!this.rootOptions) return "";
    if (this.projectDir === NOT_YET) this.projectDir = projectDirectory(this.rootOptions);
    return this.projectDir;
  }

  get includedBy(): string | undefined {
    return this.rootOptions ? includingFile(this.rootOptions) : undefined;
  }

  get isLaterLayer(): boolean {
    return this.rootOptions ? isLaterLayer(this.rootOptions) : false;
  }

  projectPath(written: string): string | undefined {
    const dir = this.projectDirectory;
    const path = dir === undefined ? undefined : resolvePath(dir, written);
    return path === undefined ? path : withoutDetour(path, this.rootOptions?.filePath);
  }

  get shadowedBy(): { file: string; names: readonly string[] } | undefined {
    return this.rootOptions ? shadowingFile(this.rootOptions) : undefined;
  }

  get layered(): ComposeLayered | undefined {
    if (!this.rootOptions || this.isLegacyV1) return undefined;
    if (this.layers === NOT_YET) this.layers = layerFiles(this, this.rootOptions);
    return this.layers;
  }

  layerServices(name: string): ComposeServiceLayers {
    if (!this.rootOptions || this.isLegacyV1) return NO_LAYERS;
    this.otherLayers ??= otherLayerServices(this.rootOptions, this.analyze()?.included ?? []);
    return this.otherLayers.get(name) ?? NO_LAYERS;
  }

  /** The file as compose-go merges it over the files before it: `!reset` entries dropped, each service with its `extends` applied. */
  goView(): ResetView {
    const tagged = new Set<string>();
    const plain = this.resolver.toResetPlain(this.document.contents, "", tagged);
    const value = isRecord(plain) ? plain : {};
    const services = value["services"];
    if (isRecord(services)) {
      for (const service of this.projectServices) {
        if (isRecord(services[service.name])) setEntry(services, service.name, service.composeGoExtended());
      }
    }
    return { value, tagged };
  }

  private analyze(): ReturnType<typeof analyzeProject> | undefined {
    if (!this.rootOptions) return undefined;
    this.analysis ??= analyzeProject(this, this.projectServices, this.rootOptions);
    return this.analysis;
  }
}

export interface ParseComposeOptions {
  maxExpandedNodes?: number;
  /**
   * The engine's context (file path, host services, settings). With a `readFile` service, the
   * model follows `extends: {file: …}`, `include:`, an override file's base and
   * `settings.composeFiles` through it; without one, only `extends` within the file is followed.
   */
  context?: ParseContext;
}

/**
 * Parses a Compose file. Multi-document files: the first document is linted (it is the one
 * `docker compose` reads) and `extraDocuments` counts the rest. Duplicate keys are allowed and
 * recorded, since Compose accepts them and keeps the last.
 */
export function parseCompose(text: string, options: ParseComposeOptions = {}): ParseResult<ComposeModel> {
  const context = options.context;
  const filePath = context?.filePath;
  const key = filePath === undefined || filePath === "<text>" ? "<text>" : pathBaseName(filePath, true);
  const loader = new ProjectLoader(context?.services.readFile, (other, file) => parseFile(other, {}, file, undefined), filePath);
  const file = new FileContext(loader, key, "", true);
  loader.register(file);
  return parseFile(text, options, file, { file, filePath, composeFiles: context?.settings["composeFiles"] });
}

/** What parsing a text gives, whichever file has it and whichever lint asks: the yaml library's work and what is read off its tree. */
type ParsedText =
  | { ok: false; error: { message: string; line: number; column: number } }
  | {
      ok: true;
      source: SourceText;
      document: Document;
      resolver: Resolver;
      comments: ComposeComment[];
      duplicateKeys: DuplicateKey[];
      extraDocuments: number;
      /** checkExpansion's answer (the message, or null) by limit. */
      expansion: Map<number, string | null>;
    };

/**
 * yaml's parser as patched for docklint (scripts/patch-yaml.mjs): `parseTo` runs it without its
 * generators, 2.6× faster over the Compose corpus and most of what a Compose lint allocated. The
 * CLI bundle carries it patched however it was installed (scripts/yaml-patch.mjs); a yaml that npm
 * installed beside @docklint/core in a project has only `parse`, which gives the same tokens.
 */
interface PatchedParser {
  parseTo?: (source: string, incomplete: boolean, emit: (token: CST.Token) => void) => void;
}

function cstTokens(text: string): CST.Token[] {
  const parser = new Parser();
  const patched = parser as PatchedParser;
  if (typeof patched.parseTo !== "function") return [...parser.parse(text)];
  const tokens: CST.Token[] = [];
  patched.parseTo(text, false, (token) => tokens.push(token));
  return tokens;
}

function parseText(text: string): ParsedText {
  const source = new SourceText(text);
  // One pass of yaml's parser feeds both the documents and the comments (parseAllDocuments would
  // run the parser again for the comments): parsing is most of a Compose file's lint time.
  const tokens = cstTokens(text);
  const docs = [...new Composer(YAML_OPTIONS).compose(tokens)];
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      // The message as yaml words it with prettyErrors (rare: only a broken file pays for the second parse).
      const error = (parseAllDocuments(text, { ...YAML_OPTIONS, prettyErrors: true }) as Document[])[index]?.errors[0] ?? doc.errors[0];
      if (!error) continue;
      // From the offset, not the yaml library's linePos: it does not count a lone CR as a line break, the engine does.
      const { line, column } = source.positionAt(error.pos[0]);
      return { ok: false, error: { message: `YAML syntax error: ${errorMessage(error.message)}${templateHint(text)}`, line, column } };
    }
  }
  // An empty or comment-only file has no document; an empty one stands in for it.
  const document = (docs[0] ?? parseDocument("", YAML_OPTIONS)) as Document;
  return {
    ok: true,
    source,
    document,
    resolver: new Resolver(document, text.includes("!reset")),
    comments: collectComments(tokens, source),
    duplicateKeys: findDuplicateKeys(document),
    extraDocuments: Math.max(0, docs.length - 1),
    expansion: new Map(),
  };
}

/**
 * Other files' texts as parsed, by text, for every lint of the run. The files a linted file
 * reaches (`extends: {file: …}`, an override's base, the `-f` list) are read again by every lint
 * that reaches them: 500 Compose files extending one 2,100-line base file took 7.5 s, 90 % of it
 * parsing the base file again. What is kept depends on the text alone (the yaml tree is only
 * read, the resolver's memos are the tree's), so a lint's findings do not depend on what was
 * linted before. The linted file itself is not kept: in a run over many files, each is parsed
 * once, and keeping their trees would only make the collector copy them. Bounded by text size
 * (a tree and what is read off it keep 28 times their text: a 38 KB file keeps 1.1 MB, so the
 * 1 MiB of text here keeps at most ~30 MB, for as long as an editor's process lives) and by
 * count, for many small files. The count is well above MAX_LOADED_FILES (project.ts): the cache
 * starts over when full, and a run over a chain of 2,000 small files, each lint reaching the next
 * 256, took 8.6 s with room for 512 texts and 3.7 s with 4,096.
 */
const referencedTexts = new BoundedCache<string, ParsedText>(4096, { max: 1024 * 1024, weigh: (text) => text.length });

function parseFile(text: string, options: ParseComposeOptions, file: FileContext, rootOptions: RootOptions | undefined): ParseResult<ComposeModel> {
  const parsed = rootOptions ? parseText(text) : referencedTexts.lookup(text, parseText);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { source, document, resolver } = parsed;
  const limit = options.maxExpandedNodes ?? MAX_EXPANDED_NODES;
  let refusal = parsed.expansion.get(limit);
  if (refusal === undefined) {
    refusal = null;
    try {
      checkExpansion(document, resolver, limit);
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      refusal = error.message;
    }
    parsed.expansion.set(limit, refusal);
  }
  if (refusal !== null) return { ok: false, error: { message: refusal, line: 1, column: 1 } };
  const contents = resolver.resolve(document.contents);
  const root = isMap(contents) ? contents : undefined;
  const rootEntries = root ? resolver.entries(root) : undefined;
  const topLevelKeys: Named[] = rootEntries ? [...rootEntries.values()].map((entry) => ({ name: entry.key, range: entry.site ?? entry.keyRange })) : [];
  const versionNode = resolver.resolve(rootEntries?.get("version")?.value ?? null);
  const version = isScalar(versionNode) && versionNode.value !== null ? scalarText(versionNode.value) : undefined;

  const services: Service[] = [];
  const servicesEntry = rootEntries?.get("services");
  const servicesNode = servicesEntry ? resolver.resolve(servicesEntry.value) : null;
  let isLegacyV1 = false;
  if (isMap(servicesNode)) {
    for (const [name, entry] of resolver.entries(servicesNode)) {
      if (entry.value === null) {
        // `base:` with no body is an empty service: it exists for `extends` and the project's names.
        file.index.set(name, null);
        continue;
      }
      const service = new Service(resolver, name, entry.keyRange, entry.value, serviceSite(entry), file);
      services.push(service);
      file.index.set(name, service);
    }
  } else if (!servicesEntry && rootEntries) {
    // Compose v1 puts services at the top level; they are modelled as services so rules still
    // see them, and `isLegacyV1` lets a rule say that Compose v2 no longer runs the file.
    for (const [name, entry] of rootEntries) {
      if (entry.value === null || !looksLikeV1Service(resolver, resolver.resolve(entry.value))) continue;
      isLegacyV1 = true;
      const service = new Service(resolver, name, entry.keyRange, entry.value, serviceSite(entry), file);
      services.push(service);
      file.index.set(name, service);
    }
  }

  const model = new ParsedModel(
    {
      source,
      document,
      root,
      services,
      networks: resources(resolver, rootEntries, "networks"),
      volumes: resources(resolver, rootEntries, "volumes"),
      secrets: resources(resolver, rootEntries, "secrets"),
      configs: resources(resolver, rootEntries, "configs"),
      models: resources(resolver, rootEntries, "models"),
      topLevelKeys,
      version,
      isLegacyV1,
      duplicateKeys: parsed.duplicateKeys,
      comments: parsed.comments,
      extraDocuments: parsed.extraDocuments,
    },
    resolver,
    services,
    rootOptions,
  );
  file.model = model;
  // interpolation: see interpolation.ts — values here are as written; rules evaluate `${…}` there.
  return { ok: true, model };
}
