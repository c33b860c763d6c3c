/**
 * The merges compose-go runs on plain values (override/merge.go `MergeYaml`), to find where it
 * refuses: a key whose earlier value is a mapping (or a list) while the later one is something
 * else, which MergeYaml answers with `cannot override <path>`, and the whole project stops
 * loading. compose-go runs it
 * - for `extends` (loader/extends.go `applyServiceExtends`, then override/extends.go
 *   `ExtendService`: the extending service over its base, at the path `services.x`);
 * - for each file of a project after the first (loader.go `loadYamlFile`: `override.Merge` of the
 *   file over what the files before it made, which `transform.Canonical` has rewritten by then).
 *
 * It also notes the items a later list repeats from the earlier one it is appended to: compose-go
 * checks the result with the schema, which refuses a repeat in some lists (`security_opt`).
 *
 * This is not the merge docklint's rules read (merge.ts follows what Compose makes of the result,
 * duplicates removed); it follows MergeYaml's own steps, so that the earlier value at a path has
 * the type compose-go gives it. Values are the files' plain values, not interpolated:
 * interpolation turns a string into a string (or a cast scalar), never into a list or mapping.
 */
import type { ComposeExtendsConflict, ComposeMergeRepeat } from "./model.js";
import { isRecord, setEntry } from "../util/is-record.js";
import { canonicalJson } from "../util/json-values.js";

/** What a value is to MergeYaml. */
type MergeShape = ComposeExtendsConflict["own"];
/**
 * A file's (or an extending service's) own value as compose-go's ResetProcessor leaves it:
 * entries tagged `!reset` dropped, and the paths (keys joined by NUL) of entries tagged `!reset`
 * or `!override`, which `post.Apply` deletes from the earlier value before the merge.
 */
export interface ResetView {
  value: Record<string, unknown>;
  tagged: ReadonlySet<string>;
}

/**
 * Where `transform.Canonical` gave a value another shape than the one written (`gpus: all` is a
 * list of one device request), by path (keys joined by NUL): what a message says of that value.
 */
export type CanonicalNotes = Map<string, string>;

function shapeOf(value: unknown): MergeShape {
  if (isRecord(value)) return "mapping";
  return Array.isArray(value) ? "sequence" : "scalar";
}

type Merger = "sequence" | "extraHosts" | "replace" | "build" | "dependsOn" | "byName" | "logging" | "ipamConfig";

/** `mergeSpecials` (override/merge.go), as paths from the top of a file; `*` is any one key. */
const SPECIALS: readonly (readonly [string, Merger])[] = [
  ["networks.*.ipam.config", "ipamConfig"],
  ["networks.*.labels", "sequence"],
  ["volumes.*.labels", "sequence"],
  ["services.*.annotations", "sequence"],
  ["services.*.build", "build"],
  ["services.*.build.args", "sequence"],
  ["services.*.build.additional_contexts", "sequence"],
  ["services.*.build.extra_hosts", "extraHosts"],
  ["services.*.build.labels", "sequence"],
  ["services.*.command", "replace"],
  ["services.*.depends_on", "dependsOn"],
  ["services.*.deploy.labels", "sequence"],
  ["services.*.dns", "sequence"],
  ["services.*.dns_opt", "sequence"],
  ["services.*.dns_search", "sequence"],
  ["services.*.entrypoint", "replace"],
  ["services.*.env_file", "sequence"],
  ["services.*.label_file", "sequence"],
  ["services.*.environment", "sequence"],
  ["services.*.extra_hosts", "extraHosts"],
  ["services.*.healthcheck.test", "replace"],
  ["services.*.labels", "sequence"],
  ["services.*.volumes.*.volume.labels", "sequence"],
  ["services.*.logging", "logging"],
  ["services.*.models", "byName"],
  ["services.*.networks", "byName"],
  ["services.*.sysctls", "sequence"],
  ["services.*.tmpfs", "sequence"],
  // mergeUlimit keeps the later value.
  ["services.*.ulimits.*", "replace"],
];

const SPECIAL_PATTERNS = SPECIALS.map(([pattern, merger]) => ({ parts: pattern.split("."), merger }));

/** `tree.Path.Matches`: as many parts, each equal or `*`. */
function matches(parts: readonly string[], path: readonly string[]): boolean {
  return parts.length === path.length && parts.every((part, i) => part === "*" || part === path[i]);
}

function specialAt(path: readonly string[]): Merger | undefined {
  for (const { parts, merger } of SPECIAL_PATTERNS) if (matches(parts, path)) return merger;
  return undefined;
}

/**
 * The lists compose-go's `EnforceUnicity` (override/uncity.go) rewrites after a merge, keeping one
 * item per key (a variable's name, a port, a mount's target…), before the schema checks the
 * result: a repeat there is no refusal. `build.platform` is compose-go's spelling: it matches no
 * key, so repeats in `build.platforms` stay.
 */
const DEDUPLICATED = [
  "networks.*.labels",
  "networks.*.ipam.options",
  "services.*.annotations",
  "services.*.build.args",
  "services.*.build.additional_contexts",
  "services.*.build.platform",
  "services.*.build.tags",
  "services.*.build.labels",
  "services.*.cap_add",
  "services.*.cap_drop",
  "services.*.devices",
  "services.*.configs",
  "services.*.deploy.labels",
  "services.*.dns",
  "services.*.dns_opt",
  "services.*.dns_search",
  "services.*.environment",
  "services.*.env_file",
  "services.*.expose",
  "services.*.labels",
  "services.*.links",
  "services.*.networks.*.aliases",
  "services.*.networks.*.link_local_ips",
  "services.*.ports",
  "services.*.profiles",
  "services.*.secrets",
  "services.*.sysctls",
  "services.*.tmpfs",
  "services.*.volumes",
].map((pattern) => pattern.split("."));

/** Whether compose-go keeps one item per key in the list at this path (from the top of a file) before the schema sees it. */
export function isDeduplicated(path: readonly string[]): boolean {
  return DEDUPLICATED.some((parts) => matches(parts, path));
}

/**
 * `convertIntoSequence`: a mapping becomes sorted `key=value` items, a string a one-item list;
 * each item with where it is written in the value (an index, a mapping's key, or the value itself,
 * a single string), for a repeat to be reported there.
 */
function locatedItems(value: unknown): { item: unknown; at: string | undefined }[] {
  if (Array.isArray(value)) return value.map((item, index) => ({ item, at: String(index) }));
  if (typeof value === "string") return [{ item: value, at: undefined }];
  if (!isRecord(value)) return [];
  const items: { item: string; at: string }[] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) items.push({ item: key, at: key });
    else if (Array.isArray(entry)) for (const each of entry) items.push({ item: `${key}=${String(each)}`, at: key });
    else items.push({ item: `${key}=${String(entry)}`, at: key });
  }
  return items.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
}

/** `convertIntoSequence`'s items alone (nothing for a value of another type). */
function intoSequence(value: unknown): unknown[] {
  return Array.isArray(value) ? value : locatedItems(value).map(({ item }) => item);
}

/** `convertIntoMapping`: a list of names becomes a mapping of them (undefined where Go would panic or give nil). */
function intoMapping(value: unknown, entry: () => unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of value as string[]) setEntry(out, name, entry());
  return out;
}

class GoMerge {
  readonly conflicts: ComposeExtendsConflict[] = [];
  readonly repeats: ComposeMergeRepeat[] = [];

  /**
   * @param tagged the later value's `!reset`/`!override` paths, from `tagFrom` keys down
   * @param tagFrom how many keys of a path lie above the later value (2 for a service at `services.x`)
   * @param notes what Canonical made of earlier values, for the conflicts' messages
   */
  constructor(
    private readonly tagged: ReadonlySet<string>,
    private readonly tagFrom: number,
    private readonly notes: CanonicalNotes | undefined,
  ) {}

  /** `MergeYaml(base, own, path)`. */
  merge(base: unknown, own: unknown, path: readonly string[]): unknown {
    const special = specialAt(path);
    if (special) return this.special(special, base, own, path);
    if (own === null || own === undefined) return base;
    if (isRecord(base)) {
      if (!isRecord(own)) return this.refuse(path, "mapping", own);
      return this.mappings(base, own, path);
    }
    if (Array.isArray(base)) {
      if (!Array.isArray(own)) return this.refuse(path, "sequence", own);
      return this.append(path, base as unknown[], own as unknown[], own);
    }
    return own;
  }

  /** The earlier list and the later one after it, noting the later items the earlier list has already. */
  private append(path: readonly string[], left: readonly unknown[], right: readonly unknown[], own: unknown): unknown[] {
    if (left.length > 0 && right.length > 0) {
      const earlier = new Map<string, number>();
      left.forEach((item, index) => {
        const key = canonicalJson(item);
        if (!earlier.has(key)) earlier.set(key, index);
      });
      locatedItems(own).forEach(({ item, at }, index) => {
        const earlierIndex = earlier.get(canonicalJson(item));
        if (earlierIndex === undefined) return;
        const repeat: ComposeMergeRepeat = { path: path.slice(this.tagFrom), item, earlierIndex, index: left.length + index };
        if (at !== undefined) repeat.at = at;
        this.repeats.push(repeat);
      });
    }
    return [...left, ...right];
  }

  private refuse(path: readonly string[], base: "mapping" | "sequence", own: unknown): unknown {
    const conflict: ComposeExtendsConflict = { path: path.slice(this.tagFrom), base, own: shapeOf(own), value: own };
    const note = this.notes?.get(path.join("\u0000"));
    if (note !== undefined) conflict.baseNote = note;
    this.conflicts.push(conflict);
    return own;
  }

  /** `mergeMappings`, on a copy of the base without the entries the extending service tags. */
  private mappings(base: Record<string, unknown>, own: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(base)) {
      if (!this.tagged.has([...path.slice(this.tagFrom), key].join("\u0000"))) setEntry(out, key, value);
    }
    for (const [key, value] of Object.entries(own)) {
      setEntry(out, key, Object.hasOwn(out, key) ? this.merge(out[key], value, [...path, key]) : value);
    }
    return out;
  }

  private special(merger: Merger, base: unknown, own: unknown, path: readonly string[]): unknown {
    switch (merger) {
      case "replace":
        return own;
      case "sequence":
        return this.append(path, intoSequence(base), intoSequence(own), own);
      case "extraHosts": {
        // mergeExtraHosts: the later list's items the earlier one has are dropped.
        const left = intoSequence(base);
        const seen = new Set(left.map(canonicalJson));
        return [...left, ...intoSequence(own).filter((item) => !seen.has(canonicalJson(item)))];
      }
      case "build": {
        // mergeBuild: `build: ./dir` is `{context: ./dir}`. Another type makes Go panic (a
        // nil mapping), which the schema reports anyway: the extending value is kept.
        const asBuild = (value: unknown): Record<string, unknown> | undefined =>
          typeof value === "string" ? { context: value } : isRecord(value) ? value : undefined;
        const left = asBuild(base);
        const right = asBuild(own);
        if (!left || !right) return right ?? left;
        return this.mappings(left, right, path);
      }
      case "dependsOn":
      case "byName": {
        const entry = merger === "dependsOn" ? () => ({ condition: "service_started", required: true }) : () => null;
        const left = intoMapping(base, entry);
        const right = intoMapping(own, entry);
        if (!left || !right) return right ?? left;
        return this.mappings(left, right, path);
      }
      case "ipamConfig":
        // mergeIPAMConfig fails unless both are lists; it pairs their entries by subnet, which
        // keeps the shape a list.
        if (Array.isArray(base) && !Array.isArray(own)) return this.refuse(path, "sequence", own);
        return Array.isArray(base) && Array.isArray(own) ? [...(base as unknown[]), ...(own as unknown[])] : own;
      case "logging": {
        // mergeLogging: the options merge when both name the same driver, or one names none.
        if (!isRecord(base) || !isRecord(own)) return own;
        const same = !("driver" in base) || !("driver" in own) || base["driver"] === own["driver"];
        return same ? this.mappings(base, own, path) : own;
      }
    }
  }
}

/** What a merge makes, where compose-go refuses it, and the later list items the earlier lists have already. */
export interface GoMergeResult {
  value: Record<string, unknown>;
  conflicts: ComposeExtendsConflict[];
  repeats: ComposeMergeRepeat[];
}

/**
 * Merges the extending service's own value over the base service's (itself merged with its own
 * base, as `applyServiceExtends` recurses), and lists where compose-go refuses, with paths inside
 * the service. The result has no `extends` key, as compose-go deletes it.
 */
export function extendService(base: Record<string, unknown>, own: ResetView, notes?: CanonicalNotes): GoMergeResult {
  const merge = new GoMerge(own.tagged, 2, notes);
  const merged = merge.merge(base, own.value, ["services", "x"]) as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(merged)) if (key !== "extends") setEntry(value, key, item);
  return { value, conflicts: merge.conflicts, repeats: merge.repeats };
}

/** `override.Merge` of a file over what the files before it made: the merged value, and where compose-go refuses (paths from the top). */
export function mergeFile(earlier: Record<string, unknown>, file: ResetView, notes: CanonicalNotes): GoMergeResult {
  const merge = new GoMerge(file.tagged, 0, notes);
  return { value: merge.merge(earlier, file.value, []) as Record<string, unknown>, conflicts: merge.conflicts, repeats: merge.repeats };
}

/** A copy of `record` with `key` set, made only when something changes. */
function withEntry(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  setEntry(copy, key, value);
  return copy;
}

/** transformSSH: `[default, id=path]` is `{default: null, id: path}`; a malformed item is left to the schema. */
function sshMapping(list: readonly unknown[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const item of list) {
    if (typeof item !== "string") return undefined;
    const at = item.indexOf("=");
    if (at < 0) {
      if (item !== "default") return undefined;
      out[item] = null;
    } else out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** A service as Canonical leaves it, where its shapes change what MergeYaml does; `path` is `services.<name>`. */
function canonicalService(service: Record<string, unknown>, path: string, notes: CanonicalNotes): Record<string, unknown> {
  let out = service;
  const gpus = out["gpus"];
  if (typeof gpus === "string") {
    out = withEntry(out, "gpus", [{ count: "all" }]);
    notes.set(`${path}\u0000gpus`, `\`gpus: ${gpus}\`, which compose-go reads as a list of one device request`);
  }
  let build = out["build"];
  if (typeof build === "string") build = { context: build };
  if (isRecord(build) && Array.isArray(build["ssh"])) {
    const ssh = sshMapping(build["ssh"]);
    if (ssh) {
      build = withEntry(build, "ssh", ssh);
      notes.set(`${path}\u0000build\u0000ssh`, "a list of SSH ids, which compose-go reads as a mapping of them");
    }
  }
  if (build !== out["build"]) out = withEntry(out, "build", build);
  return out;
}

/** transformMaybeExternal: the legacy `external: {name: x}` is `external: true` with `name: x`. */
function canonicalResource(resource: Record<string, unknown>): Record<string, unknown> {
  const external = resource["external"];
  if (!isRecord(external)) return resource;
  const out = withEntry(resource, "external", true);
  if (!Object.hasOwn(resource, "name") && Object.hasOwn(external, "name")) out["name"] = external["name"];
  return out;
}

/**
 * What compose-go's `transform.Canonical` makes of a merged file, as far as it changes a shape
 * that a later merge meets (a later `gpus: all` over the earlier `gpus: all`, now a list, is
 * refused); a copy where anything changes, with `notes` on the values it reshaped.
 */
export function canonicalShapes(dict: Record<string, unknown>, notes: CanonicalNotes): Record<string, unknown> {
  let out = dict;
  const services = out["services"];
  if (isRecord(services)) {
    let changed: Record<string, unknown> | undefined;
    for (const [name, service] of Object.entries(services)) {
      if (!isRecord(service)) continue;
      const canonical = canonicalService(service, `services\u0000${name}`, notes);
      if (canonical !== service) setEntry((changed ??= { ...services }), name, canonical);
    }
    if (changed) out = withEntry(out, "services", changed);
  }
  for (const section of ["volumes", "networks", "secrets", "configs"]) {
    const resources = out[section];
    if (!isRecord(resources)) continue;
    let changed: Record<string, unknown> | undefined;
    for (const [name, resource] of Object.entries(resources)) {
      if (!isRecord(resource)) continue;
      const canonical = canonicalResource(resource);
      if (canonical !== resource) setEntry((changed ??= { ...resources }), name, canonical);
    }
    if (changed) out = withEntry(out, section, changed);
  }
  return out;
}
