import { Parser, isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, visit } from "yaml";
import type { Document, Node, YAMLMap } from "yaml";
import type { ParseResult } from "../language.js";
import { SourceText } from "../source.js";
import type { OffsetRange } from "../source.js";
import type {
  ComposeComment,
  ComposeEnvVar,
  ComposeLimits,
  ComposeModel,
  ComposePort,
  ComposeResource,
  ComposeSecurityOpt,
  ComposeService,
  ComposeVolumeMount,
  DuplicateKey,
  Found,
  Named,
  ScalarFound,
} from "./model.js";

/**
 * How many nodes the document may expand to once every alias is replaced by its target.
 * A count of aliases (the yaml library's `maxAliasCount`) refuses real files such as
 * getsentry/self-hosted's, which use hundreds of aliases; a bound on the expanded size refuses
 * only "billion laughs" files, whose expansion is exponential, while every honest file stays far below.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

class ExpansionError extends Error {}

type YNode = Node;

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

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return value === "<<" || (typeof value === "symbol" && value.description === "<<") || key.source === "<<";
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null || value === undefined || typeof value === "symbol") return undefined;
  return String(value);
}

/** Reads the document with aliases and merge keys resolved; every walk is bounded by the size check done at parse time. */
class Resolver {
  private readonly entriesCache = new Map<YAMLMap, Map<string, Entry>>();

  constructor(private readonly doc: Document) {}

  /** Follows alias chains to the node they name (bounded: an alias chain cannot be longer than the anchors in the file). */
  resolve(node: unknown): YNode | null {
    let current = node;
    for (let hops = 0; hops < 10_000 && isAlias(current); hops++) {
      current = current.resolve(this.doc) ?? null;
    }
    if (isAlias(current)) return null;
    return (current as YNode | null | undefined) ?? null;
  }

  /**
   * A map's entries as Compose sees them: later duplicates win, explicit keys win over merged
   * ones, and among several merge sources (`<<: [*a, *b]`) the first wins (YAML 1.1 merge).
   */
  entries(map: YAMLMap, visiting: Set<YAMLMap> = new Set()): Map<string, Entry> {
    const cached = this.entriesCache.get(map);
    if (cached) return cached;
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
    const result = new Map(merged);
    for (const [name, entry] of own) {
      result.delete(name);
      result.set(name, entry);
    }
    this.entriesCache.set(map, result);
    return result;
  }

  /** Plain JS with aliases and merges resolved (not interpolated). */
  toPlain(node: unknown): unknown {
    const resolved = this.resolve(node);
    if (resolved === null) return null;
    if (isScalar(resolved)) {
      const value: unknown = resolved.value;
      return typeof value === "symbol" ? value.description : value;
    }
    if (isSeq(resolved)) return resolved.items.map((item) => this.toPlain(item));
    if (isMap(resolved)) {
      // fromEntries defines own properties, so a `__proto__` key stays a key.
      return Object.fromEntries([...this.entries(resolved)].map(([name, entry]) => [name, this.toPlain(entry.value)]));
    }
    return null;
  }
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

/** Splits on `separator` outside `${…}` and `[…]`, so `${PORT:-8080}:80` and `[::1]:80:80` split where Compose splits them. */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let braces = 0;
  let brackets = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "{") {
      braces++;
      i++;
    } else if (c === "}" && braces > 0) braces--;
    else if (c === "[" && braces === 0) brackets++;
    else if (c === "]" && braces === 0 && brackets > 0) brackets--;
    else if (c === separator && braces === 0 && brackets === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function isDriveLetter(part: string | undefined, next: string | undefined): boolean {
  if (part?.length !== 1 || next === undefined) return false;
  const code = part.toLowerCase().charCodeAt(0);
  return code >= 97 && code <= 122 && (next.startsWith("\\") || next.startsWith("/"));
}

/** Short port syntax: `[[host_ip:]published:]target[/protocol]`, published and target possibly ranges. */
export function parseShortPort(text: string): Omit<ComposePort, "range" | "syntax"> {
  const slash = splitOutside(text, "/");
  const protocol = slash.length > 1 ? slash[slash.length - 1] : undefined;
  const body = slash.length > 1 ? slash.slice(0, -1).join("/") : text;
  const parts = splitOutside(body, ":");
  const target = parts[parts.length - 1] ?? "";
  const port: Omit<ComposePort, "range" | "syntax"> = { target };
  if (parts.length >= 2) {
    const published = parts[parts.length - 2] ?? "";
    if (published !== "") port.published = published;
  }
  if (parts.length >= 3) {
    let hostIp = parts.slice(0, -2).join(":");
    if (hostIp.startsWith("[") && hostIp.endsWith("]")) hostIp = hostIp.slice(1, -1);
    if (hostIp !== "") port.hostIp = hostIp;
  }
  if (protocol !== undefined) port.protocol = protocol;
  return port;
}

function isVolumeName(text: string): boolean {
  // Compose's rule: a source that is not a path is a named volume. Interpolated sources
  // (`${DATA}:/data`) are taken as paths, which is what they almost always hold.
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text);
}

/** Short volume syntax: `[source:]target[:mode]`, with Windows drive letters kept whole. */
export function parseShortVolume(text: string): Omit<ComposeVolumeMount, "range" | "syntax"> {
  const raw = splitOutside(text, ":");
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i] ?? "";
    if (isDriveLetter(part, raw[i + 1])) {
      parts.push(`${part}:${raw[i + 1] ?? ""}`);
      i++;
    } else parts.push(part);
  }
  if (parts.length === 1) return { type: "volume", target: parts[0] ?? "", readOnly: false, options: [] };
  const source = parts[0] ?? "";
  const target = parts[1] ?? "";
  const modes = parts.length > 2 ? parts.slice(2).join(":").split(",").filter((m) => m !== "") : [];
  return {
    type: isVolumeName(source) ? "volume" : "bind",
    source,
    target,
    readOnly: modes.includes("ro"),
    options: modes.filter((m) => m !== "ro" && m !== "rw"),
  };
}

/** `seccomp:unconfined`, `seccomp=unconfined`, `no-new-privileges`: split at the first `:` or `=`. */
export function parseSecurityOpt(text: string): Omit<ComposeSecurityOpt, "range"> {
  const colon = text.indexOf(":");
  const equals = text.indexOf("=");
  const at = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
  if (at < 0) return { key: text.trim(), value: undefined, raw: text, separator: undefined };
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim(), raw: text, separator: text[at] === ":" ? ":" : "=" };
}

class Service implements ComposeService {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly resolver: Resolver,
    readonly name: string,
    readonly keyRange: OffsetRange,
    readonly node: YNode,
    private readonly site: OffsetRange | undefined,
  ) {}

  private memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  private locate(path: readonly string[]): Located | undefined {
    let current = this.resolver.resolve(this.node);
    let site = this.site;
    let viaMerge = false;
    for (const segment of path) {
      if (!isMap(current)) return undefined;
      const entry = this.resolver.entries(current).get(segment);
      if (!entry || entry.value === null) return undefined;
      if (entry.viaMerge) viaMerge = true;
      site ??= entry.site;
      if (isAlias(entry.value)) site ??= nodeRange(entry.value);
      current = this.resolver.resolve(entry.value);
      if (current === null) return undefined;
    }
    return current === null ? undefined : { node: current, site, viaMerge };
  }

  get(path: readonly string[]): Found | undefined {
    const located = this.locate(path);
    if (!located) return undefined;
    return { value: this.resolver.toPlain(located.node), node: located.node, range: located.site ?? nodeRange(located.node), viaMerge: located.viaMerge };
  }

  scalar(path: readonly string[]): ScalarFound | undefined {
    const found = this.get(path);
    if (!found || !isScalar(found.node)) return undefined;
    const value = found.value as ScalarFound["value"];
    return { ...found, value, text: scalarText(value) };
  }

  /** Items of a sequence at `path`, each with the range a finding should use. */
  private items(path: readonly string[]): { node: YNode; range: OffsetRange }[] {
    const located = this.locate(path);
    if (!located || !isSeq(located.node)) return [];
    const out: { node: YNode; range: OffsetRange }[] = [];
    for (const item of located.node.items) {
      const node = this.resolver.resolve(item);
      if (node === null) continue;
      const itemSite = located.site ?? (isAlias(item) ? nodeRange(item) : undefined);
      out.push({ node, range: itemSite ?? nodeRange(node) });
    }
    return out;
  }

  /** Entries of a map at `path`, each with the key's range (or the alias/merge site). */
  private mapEntries(path: readonly string[]): { name: string; range: OffsetRange; value: YNode | null }[] {
    const located = this.locate(path);
    if (!located || !isMap(located.node)) return [];
    return [...this.resolver.entries(located.node).values()].map((entry) => ({
      name: entry.key,
      range: located.site ?? entry.site ?? entry.keyRange,
      value: this.resolver.resolve(entry.value),
    }));
  }

  /** A list of names (`- a`) or a map keyed by name (`a: {…}`), or `- source: a` items. */
  private names(path: readonly string[], sourceKey?: string): Named[] {
    const located = this.locate(path);
    if (!located) return [];
    if (isMap(located.node)) return this.mapEntries(path).map(({ name, range }) => ({ name, range }));
    const out: Named[] = [];
    for (const { node, range } of this.items(path)) {
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
   * No `image`, `build` or `extends`: the service completes one defined in another file (an override
   * file, or a fragment meant for `-f` merging), so what it lacks may be set there.
   */
  get partial(): boolean {
    return this.memo("partial", () => !this.get(["image"]) && !this.get(["build"]) && !this.get(["extends"]));
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
    return this.memo("ports", () =>
      this.items(["ports"]).flatMap(({ node, range }): ComposePort[] => {
        if (isScalar(node)) return [{ ...parseShortPort(scalarText(node.value)), syntax: "short", range }];
        if (!isMap(node)) return [];
        const value = this.resolver.toPlain(node) as Record<string, unknown>;
        const port: ComposePort = { target: scalarText(value["target"]), syntax: "long", range };
        if (value["published"] !== undefined && value["published"] !== null) port.published = scalarText(value["published"]);
        if (typeof value["host_ip"] === "string") port.hostIp = value["host_ip"];
        if (typeof value["protocol"] === "string") port.protocol = value["protocol"];
        if (typeof value["mode"] === "string") port.mode = value["mode"];
        return [port];
      }),
    );
  }

  get expose(): readonly Named[] {
    return this.memo("expose", () => this.names(["expose"]));
  }

  get volumes(): readonly ComposeVolumeMount[] {
    return this.memo("volumes", () =>
      this.items(["volumes"]).flatMap(({ node, range }): ComposeVolumeMount[] => {
        if (isScalar(node)) return [{ ...parseShortVolume(scalarText(node.value)), syntax: "short", range }];
        if (!isMap(node)) return [];
        const value = this.resolver.toPlain(node) as Record<string, unknown>;
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
        return [mount];
      }),
    );
  }

  get environment(): readonly ComposeEnvVar[] {
    return this.memo("environment", () => {
      const located = this.locate(["environment"]);
      if (!located) return [];
      if (isMap(located.node)) {
        return this.mapEntries(["environment"]).map(({ name, range, value }): ComposeEnvVar => {
          const text = isScalar(value) && value.value !== null ? scalarText(value.value) : undefined;
          const variable: ComposeEnvVar = { name, value: text, range };
          if (value && text !== undefined && !located.site) variable.valueRange = nodeRange(value);
          return variable;
        });
      }
      return this.items(["environment"]).flatMap(({ node, range }): ComposeEnvVar[] => {
        if (!isScalar(node)) return [];
        const text = scalarText(node.value);
        const equals = text.indexOf("=");
        if (equals < 0) return [{ name: text, value: undefined, range }];
        const variable: ComposeEnvVar = { name: text.slice(0, equals), value: text.slice(equals + 1), range };
        // Offsets inside a scalar map to the source only when it is written plain (no quotes or escapes).
        if (node.type === "PLAIN" && !located.site && node.range) {
          variable.valueRange = [node.range[0] + equals + 1, node.range[1]];
        }
        return [variable];
      });
    });
  }

  get capAdd(): readonly Named[] {
    return this.memo("cap_add", () => this.names(["cap_add"]));
  }

  get capDrop(): readonly Named[] {
    return this.memo("cap_drop", () => this.names(["cap_drop"]));
  }

  get securityOpt(): readonly ComposeSecurityOpt[] {
    return this.memo("security_opt", () =>
      this.items(["security_opt"]).flatMap(({ node, range }) => (isScalar(node) ? [{ ...parseSecurityOpt(scalarText(node.value)), range }] : [])),
    );
  }

  get dependsOn(): readonly Named[] {
    return this.memo("depends_on", () => this.names(["depends_on"]));
  }

  get secrets(): readonly Named[] {
    return this.memo("secrets", () => this.names(["secrets"], "source"));
  }

  get configs(): readonly Named[] {
    return this.memo("configs", () => this.names(["configs"], "source"));
  }

  get networks(): readonly Named[] {
    return this.memo("networks", () => this.names(["networks"]));
  }

  get profiles(): readonly Named[] {
    return this.memo("profiles", () => this.names(["profiles"]));
  }
}

/**
 * Size of the document with every alias expanded, computed per distinct node (memoised), so a
 * billion-laughs file is measured in microseconds without expanding it. Throws past the limit
 * or on an alias that contains itself.
 */
function checkExpansion(doc: Document, resolver: Resolver, limit: number): void {
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
  if (total > limit) {
    throw new ExpansionError(
      `aliases expand this file to more than ${limit.toLocaleString("en-US")} YAML nodes (an "alias bomb"); refusing to expand it`,
    );
  }
}

function findDuplicateKeys(doc: Document): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  visit(doc, {
    Map(_, map) {
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
    },
  });
  return duplicates;
}

/** `#` comments from the yaml library's concrete syntax tree, which knows which `#` start comments. */
function collectComments(text: string, source: SourceText): ComposeComment[] {
  const comments: ComposeComment[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === "comment" && typeof token.offset === "number" && typeof token.source === "string") {
      const start = token.offset;
      comments.push({ text: token.source.slice(1), line: source.positionAt(start).line, range: [start, start + token.source.length] });
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return comments.sort((a, b) => a.range[0] - b.range[0]);
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

/**
 * Parses a Compose file. Multi-document files: the first document is linted (it is the one
 * `docker compose` reads) and `extraDocuments` counts the rest. Duplicate keys are allowed and
 * recorded, since Compose accepts them and keeps the last.
 */
export function parseCompose(text: string, options: { maxExpandedNodes?: number } = {}): ParseResult<ComposeModel> {
  const source = new SourceText(text);
  const documents = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: true });
  const docs = Array.isArray(documents) ? documents : [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const fallback = source.positionAt(error.pos[0]);
      const line = error.linePos?.[0].line ?? fallback.line;
      const column = error.linePos?.[0].col ?? fallback.column;
      return { ok: false, error: { message: `YAML syntax error: ${errorMessage(error.message)}`, line, column } };
    }
  }
  // An empty or comment-only file has no document; an empty one stands in for it.
  const document = docs[0] ?? parseDocument("", { merge: true });
  const resolver = new Resolver(document as Document);
  try {
    checkExpansion(document as Document, resolver, options.maxExpandedNodes ?? MAX_EXPANDED_NODES);
  } catch (error) {
    if (error instanceof ExpansionError) return { ok: false, error: { message: error.message, line: 1, column: 1 } };
    throw error;
  }
  const contents = resolver.resolve(document.contents);
  const root = isMap(contents) ? contents : undefined;
  const rootEntries = root ? resolver.entries(root) : undefined;
  const topLevelKeys: Named[] = rootEntries ? [...rootEntries.values()].map((entry) => ({ name: entry.key, range: entry.site ?? entry.keyRange })) : [];
  const versionNode = resolver.resolve(rootEntries?.get("version")?.value ?? null);
  const version = isScalar(versionNode) && versionNode.value !== null ? scalarText(versionNode.value) : undefined;

  const services: ComposeService[] = [];
  const servicesEntry = rootEntries?.get("services");
  const servicesNode = servicesEntry ? resolver.resolve(servicesEntry.value) : null;
  let isLegacyV1 = false;
  if (isMap(servicesNode)) {
    for (const [name, entry] of resolver.entries(servicesNode)) {
      if (entry.value === null) continue;
      services.push(new Service(resolver, name, entry.keyRange, entry.value, serviceSite(entry)));
    }
  } else if (!servicesEntry && rootEntries) {
    // Compose v1 puts services at the top level; they are modelled as services so rules still
    // see them, and `isLegacyV1` lets a rule say that Compose v2 no longer runs the file.
    for (const [name, entry] of rootEntries) {
      if (entry.value === null || !looksLikeV1Service(resolver, resolver.resolve(entry.value))) continue;
      isLegacyV1 = true;
      services.push(new Service(resolver, name, entry.keyRange, entry.value, serviceSite(entry)));
    }
  }

  const model: ComposeModel = {
    kind: "compose",
    source,
    document: document as Document,
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
    duplicateKeys: findDuplicateKeys(document as Document),
    comments: collectComments(text, source),
    extraDocuments: Math.max(0, docs.length - 1),
    toPlain: () => resolver.toPlain(document.contents),
    locate: (path) => locatePath(resolver, document.contents, path),
  };
  // interpolation: see interpolation.ts — values here are as written; rules evaluate `${…}` there.
  return { ok: true, model };
}
