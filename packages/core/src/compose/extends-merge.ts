/**
 * The merge compose-go runs for `extends` (loader/extends.go `applyServiceExtends`, then
 * override/extends.go `ExtendService`, which is override/merge.go `MergeYaml` at the path
 * `services.x`), on plain values, to find where it refuses: a key the base service gives a mapping
 * (or a list) and the extending service something else, which MergeYaml answers with
 * `cannot override services.x.<key>` and the whole project stops loading.
 *
 * This is not the merge docklint's rules read (merge.ts follows what Compose makes of the result,
 * duplicates removed); it follows MergeYaml's own steps, so that the base service's value at a path
 * has the type compose-go gives it. Values are the files' plain values, not interpolated:
 * interpolation turns a string into a string (or a cast scalar), never into a list or mapping.
 */
import type { ComposeExtendsConflict } from "./model.js";
import { isRecord } from "../util/is-record.js";

/** What a value is to MergeYaml. */
export type MergeShape = ComposeExtendsConflict["own"];
/**
 * The extending service's own value as compose-go's ResetProcessor leaves it: entries tagged
 * `!reset` dropped, and the paths (keys joined by NUL) of entries tagged `!reset` or `!override`,
 * which `post.Apply` deletes from the copy of the base service before the merge.
 */
export interface ResetView {
  value: Record<string, unknown>;
  tagged: ReadonlySet<string>;
}

export function shapeOf(value: unknown): MergeShape {
  if (isRecord(value)) return "mapping";
  return Array.isArray(value) ? "sequence" : "scalar";
}

type Merger = "sequence" | "replace" | "build" | "dependsOn" | "byName" | "logging";

/** `mergeSpecials` (override/merge.go), as paths inside the service; `*` is any one key. */
const SPECIALS: readonly (readonly [string, Merger])[] = [
  ["annotations", "sequence"],
  ["build", "build"],
  ["build.args", "sequence"],
  ["build.additional_contexts", "sequence"],
  ["build.extra_hosts", "sequence"],
  ["build.labels", "sequence"],
  ["command", "replace"],
  ["depends_on", "dependsOn"],
  ["deploy.labels", "sequence"],
  ["dns", "sequence"],
  ["dns_opt", "sequence"],
  ["dns_search", "sequence"],
  ["entrypoint", "replace"],
  ["env_file", "sequence"],
  ["label_file", "sequence"],
  ["environment", "sequence"],
  ["extra_hosts", "sequence"],
  ["healthcheck.test", "replace"],
  ["labels", "sequence"],
  ["volumes.*.volume.labels", "sequence"],
  ["logging", "logging"],
  ["models", "byName"],
  ["networks", "byName"],
  ["sysctls", "sequence"],
  ["tmpfs", "sequence"],
  // mergeUlimit keeps the extending service's value.
  ["ulimits.*", "replace"],
];

const SPECIAL_PATTERNS = SPECIALS.map(([pattern, merger]) => ({ parts: pattern.split("."), merger }));

/** `tree.Path.Matches`: as many parts, each equal or `*`. */
function specialAt(path: readonly string[]): Merger | undefined {
  for (const { parts, merger } of SPECIAL_PATTERNS) {
    if (parts.length === path.length && parts.every((part, i) => part === "*" || part === path[i])) return merger;
  }
  return undefined;
}

/** `convertIntoSequence`: a mapping becomes sorted `key=value` items, a string a one-item list. */
function intoSequence(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [value];
  if (!isRecord(value)) return undefined;
  const items: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) items.push(key);
    else if (Array.isArray(item)) for (const each of item) items.push(`${key}=${String(each)}`);
    else items.push(`${key}=${String(item)}`);
  }
  return items.sort();
}

/** `convertIntoMapping`: a list of names becomes a mapping of them (undefined where Go would panic or give nil). */
function intoMapping(value: unknown, entry: () => unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of value as string[]) out[name] = entry();
  return out;
}

class ExtendsMerge {
  readonly conflicts: ComposeExtendsConflict[] = [];

  constructor(private readonly tagged: ReadonlySet<string>) {}

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
      return [...(base as unknown[]), ...(own as unknown[])];
    }
    return own;
  }

  private refuse(path: readonly string[], base: "mapping" | "sequence", own: unknown): unknown {
    this.conflicts.push({ path, base, own: shapeOf(own), value: own });
    return own;
  }

  /** `mergeMappings`, on a copy of the base without the entries the extending service tags. */
  private mappings(base: Record<string, unknown>, own: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(base)) {
      if (!this.tagged.has([...path, key].join("\u0000"))) out[key] = value;
    }
    for (const [key, value] of Object.entries(own)) {
      out[key] = Object.hasOwn(out, key) ? this.merge(out[key], value, [...path, key]) : value;
    }
    return out;
  }

  private special(merger: Merger, base: unknown, own: unknown, path: readonly string[]): unknown {
    switch (merger) {
      case "replace":
        return own;
      case "sequence": {
        const left = intoSequence(base) ?? [];
        const right = intoSequence(own) ?? [];
        return [...left, ...right];
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
      case "logging": {
        // mergeLogging: the options merge when both name the same driver, or one names none.
        if (!isRecord(base) || !isRecord(own)) return own;
        const same = !("driver" in base) || !("driver" in own) || base["driver"] === own["driver"];
        return same ? this.mappings(base, own, path) : own;
      }
    }
  }
}

/**
 * Merges the extending service's own value over the base service's (itself merged with its own
 * base, as `applyServiceExtends` recurses), and lists where compose-go refuses. The result has no
 * `extends` key, as compose-go deletes it.
 */
export function extendService(base: Record<string, unknown>, own: ResetView): { value: Record<string, unknown>; conflicts: ComposeExtendsConflict[] } {
  const merge = new ExtendsMerge(own.tagged);
  const merged = merge.merge(base, own.value, []) as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(merged)) if (key !== "extends") value[key] = item;
  return { value, conflicts: merge.conflicts };
}
