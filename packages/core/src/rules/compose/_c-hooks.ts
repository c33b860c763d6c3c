/**
 * A service's lifecycle hooks, for the rules that judge what they run and how (no-privileged,
 * require-non-root-user). Each hook runs a command with its own `user:` and `privileged:`:
 *
 * - `pre_start` (compose-go's schema): an init container of its own, created from the hook's
 *   `image` (else the service's), with the service container's volumes and networks, run to
 *   completion before the service starts (docker compose pkg/compose/pre_start.go);
 * - `post_start`, `pre_stop`: a `docker exec` in the service's container (pkg/compose/hook.go);
 * - `develop.watch[].exec` (a `service_hook` in compose-go's schema, for `action: sync+exec`): the
 *   same `docker exec`, run after each sync of `docker compose watch`.
 *
 * Hooks are the model's (`service.get()`): a list from a `<<` merge key or an alias, or inherited
 * through `extends` (appended to the base's, compose-go's default for lists), reports at that site,
 * as every list item does (`seqItems`). Most services have no hook: `hasHooks` asks the model's
 * cached one-key lookups before any list is walked.
 */
import type { Node, YAMLMap } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { isAlias, isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { OffsetRange } from "../../source.js";
import { RecentCache } from "../../util/recent-cache.js";
import { servicePath } from "./_a-values.js";
import { nodeRange } from "./_b-key-values.js";
import { entryValueRange, mapEntries, seqItems, type Item } from "./_c-nodes.js";

export const HOOK_KEYS = ["pre_start", "post_start", "pre_stop"] as const;
/** `develop.watch` stands for the `exec` of a watch entry. */
export type HookKey = (typeof HOOK_KEYS)[number] | "develop.watch";

export interface Hook {
  key: HookKey;
  /** `services.app.post_start[0]`, `services.app.develop.watch[1].exec`: the hook as docker compose's errors name it. */
  name: string;
  /** The hook's mapping (for `develop.watch`, the entry's `exec`). */
  item: Item;
}

/** A plain mapping, or undefined. */
function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Whether the service has a hook key at all: four lookups that the model caches per service, so
 * that a rule pays for no list walk on the services (nearly all) without hooks.
 */
function hasHooks(service: ComposeService): boolean {
  return service.get(["pre_start"]) !== undefined || service.get(["post_start"]) !== undefined || service.get(["pre_stop"]) !== undefined || service.get(["develop"]) !== undefined;
}

/** Rules ask for the hooks of each service: kept for the model being linted (see compose/file-memo.ts for why not a WeakMap). */
const hooksByModel = new RecentCache<ComposeModel, Map<ComposeService, readonly Hook[]>>(1);

const NO_HOOKS: readonly Hook[] = [];

/** The hooks of a service: `pre_start`, `post_start`, `pre_stop`, then `develop.watch[].exec`, each as listed. */
export function serviceHooks(model: ComposeModel, service: ComposeService): readonly Hook[] {
  if (!hasHooks(service)) return NO_HOOKS;
  const byService = hooksByModel.lookup(model, () => new Map());
  const known = byService.get(service);
  if (known) return known;
  const hooks: Hook[] = [];
  const prefix = servicePath(model, service).join(".");
  for (const key of HOOK_KEYS) {
    seqItems(model, service, [key]).forEach((item, index) => hooks.push({ key, name: `${prefix}.${key}[${index}]`, item }));
  }
  if (service.get(["develop"])) {
    seqItems(model, service, ["develop", "watch"]).forEach((entry, index) => {
      const item = execItem(model, entry);
      if (item) hooks.push({ key: "develop.watch", name: `${prefix}.develop.watch[${index}].exec`, item });
    });
  }
  byService.set(service, hooks);
  return hooks;
}

/** The `exec` of a watch entry as an item of its own: in place when the entry writes it, else at the entry's (or merge) site. */
function execItem(model: ComposeModel, entry: Item): Item | undefined {
  const value = record(entry.value)?.["exec"];
  if (record(value) === undefined) return undefined;
  if (!entry.own || !entry.node || !isMap(entry.node)) return { value, node: undefined, range: entry.range, own: false };
  const field = fieldNode(model, entry.node, "exec");
  if (!field) return { value, node: undefined, range: entry.range, own: false };
  return field.node ? { value, node: field.node, range: nodeRange(field.node), own: true } : { value, node: undefined, range: field.site, own: false };
}

/**
 * A field of a map written in place: its node when the map writes it itself, else the site that
 * brings it in (the `<<` line of a merge, the alias of `field: *name`).
 */
function fieldNode(model: ComposeModel, map: YAMLMap, field: string): { node: Node | undefined; site: OffsetRange } | undefined {
  const entry = mapEntries(model, map, undefined).find((e) => e.key === field);
  if (!entry) return undefined;
  if (entry.own && entry.value !== null) return { node: entry.value, site: entryValueRange(entry) };
  // `field: *name` is the map's own key with an alias for a value: the alias is the place to point at.
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === field);
  if (pair && isAlias(pair.value)) return { node: undefined, site: nodeRange(pair.value) };
  return { node: undefined, site: entry.range };
}

/** A hook field's value and where a finding points; `inPlace` when that range is the scalar as written. */
export interface HookField {
  value: string | number | boolean;
  range: OffsetRange;
  inPlace: boolean;
}

/**
 * A scalar field of a hook (`privileged`, `user`, `image`): its plain value (merge keys resolved,
 * not interpolated) and where a finding points: the value when the hook is written in the
 * service, the `<<` line when the field comes from a merge key inside the hook, else the hook's
 * own site.
 */
export function hookField(model: ComposeModel, hook: Hook, field: string): HookField | undefined {
  const { item } = hook;
  const value = record(item.value)?.[field];
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  const node: Node | undefined = item.own ? item.node : undefined;
  const written = node && isMap(node) ? fieldNode(model, node, field) : undefined;
  if (!written) return { value, range: item.range, inPlace: false };
  return { value, range: written.node ? nodeRange(written.node) : written.site, inPlace: written.node !== undefined && isScalar(written.node) };
}
