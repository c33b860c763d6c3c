/**
 * A service's lifecycle hooks, for the rules that judge what they run and how (no-privileged,
 * require-non-root-user, require-pinned-image, no-eol-base-image, no-secrets-in-env,
 * valid-key-value-entries, valid-command). Each hook runs a `command` with its own `user:`,
 * `privileged:` and `environment:`:
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
 * as every list item does (`seqItems`). Nearly no service has a hook: its own keys say so
 * (`hasHooks`) before any lookup or list walk.
 */
import type { Node, YAMLMap } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import type { OffsetRange } from "../../source.js";
import { RecentCache } from "../../util/recent-cache.js";
import { servicePath } from "./_a-values.js";
import { listItemEntry, nodeRange, scalarText, splitEntry, type KeyValueEntry } from "./_b-key-values.js";
import { entryValueRange, mapEntries, plain, seqItems, type Item } from "./_c-nodes.js";

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

/** Keys of a service that are or may bring a hook: a `<<` merge key or `extends` may bring one in. */
const HOOK_SITES: ReadonlySet<string> = new Set(["pre_start", "post_start", "pre_stop", "develop", "extends", "<<"]);

/**
 * Whether the service has a hook key at all. Its own mapping's keys answer for nearly every
 * service (no hook key, no merge key, no `extends`) without a lookup; otherwise four lookups that
 * the model caches per service.
 */
function hasHooks(service: ComposeService): boolean {
  if (!mayHoldHooks(service.node)) return false;
  return service.get(["pre_start"]) !== undefined || service.get(["post_start"]) !== undefined || service.get(["pre_stop"]) !== undefined || service.get(["develop"]) !== undefined;
}

/** False when a service's own mapping has no key that is or may bring a hook (an alias or a key that is no string may). */
function mayHoldHooks(node: Node): boolean {
  if (!isMap(node)) return true;
  for (const pair of node.items) {
    const key: unknown = pair.key;
    if (!isScalar(key) || typeof key.value !== "string" || HOOK_SITES.has(key.value)) return true;
  }
  return false;
}

/**
 * Per model: the services that have a hook key, each with its hooks once listed. Five rules ask
 * for the hooks of every service: one scan of the services' keys answers all of them. Kept for the
 * model being linted (see compose/file-memo.ts for why not a WeakMap).
 */
const hooksByModel = new RecentCache<ComposeModel, Map<ComposeService, readonly Hook[] | undefined>>(1);

function servicesWithHooks(model: ComposeModel): Map<ComposeService, readonly Hook[] | undefined> {
  return hooksByModel.lookup(model, () => {
    const services = new Map<ComposeService, readonly Hook[] | undefined>();
    for (const service of model.services) if (hasHooks(service)) services.set(service, undefined);
    return services;
  });
}

const NO_HOOKS: readonly Hook[] = [];

/**
 * The hooks of a service of `model.services`: `pre_start`, `post_start`, `pre_stop`, then
 * `develop.watch[].exec`, each as listed.
 */
export function serviceHooks(model: ComposeModel, service: ComposeService): readonly Hook[] {
  const withHooks = servicesWithHooks(model);
  if (!withHooks.has(service)) return NO_HOOKS;
  const known = withHooks.get(service);
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
  withHooks.set(service, hooks);
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

/**
 * The variables of a hook's `environment` (a `NAME: value` mapping or a `NAME=value` list), as
 * `keyValueEntries` gives a service's: each at its own entry when the hook writes it in place
 * (`valueRange` for a value written plainly), else all at the site that brings them in.
 */
export function hookEnvironment(model: ComposeModel, hook: Hook): KeyValueEntry[] {
  const { item } = hook;
  const env = record(item.value)?.["environment"];
  if (typeof env !== "object" || env === null) return [];
  const written = item.own && item.node && isMap(item.node) ? fieldNode(model, item.node, "environment") : undefined;
  const node = written?.node;
  if (!node) {
    // Not in place: every variable at the one site (the hook's, the merge's or the alias's).
    const site = written?.site ?? item.range;
    if (Array.isArray(env)) {
      return env.flatMap((entry) => {
        const text = scalarText(entry);
        if (text === undefined) return [];
        const { name, value } = splitEntry(text);
        return [{ name, value, range: site }];
      });
    }
    return Object.entries(env as Record<string, unknown>).map(([name, value]) => ({ name, value: scalarText(value), range: site }));
  }
  if (isSeq(node)) {
    const out: KeyValueEntry[] = [];
    for (const raw of node.items) {
      const target: unknown = isAlias(raw) ? resolveAlias(raw, model.document) : raw;
      if (!isScalar(target)) continue;
      const text = scalarText(target.value);
      if (text === undefined) continue;
      out.push(listItemEntry(raw, target, text));
    }
    return out;
  }
  if (!isMap(node)) return [];
  return mapEntries(model, node, undefined).map((entry): KeyValueEntry => {
    const value = entry.value === null ? undefined : scalarText(plain(model, entry.value));
    const variable: KeyValueEntry = { name: entry.key, value, range: entry.range };
    if (entry.own && value !== undefined && isScalar(entry.value)) variable.valueRange = nodeRange(entry.value);
    return variable;
  });
}

/** A hook mapping as written in the file, visited once however many services share it. */
export interface WrittenHook {
  service: ComposeService;
  /** `services.app.pre_start[0]`, `services.app.develop.watch[1].exec`: as named in the first service to use it. */
  name: string;
  node: YAMLMap;
}

/**
 * The hook mappings written in this file, for the rules about how a value is written (one finding
 * where it is written, inside an anchor too): what `extends` brings in is the base's, and a hook
 * or hook list shared through an anchor is visited once.
 */
export function writtenHooks(model: ComposeModel): WrittenHook[] {
  const out: WrittenHook[] = [];
  const seen = new Set<Node>();
  const visit = (service: ComposeService, path: readonly string[], exec: boolean): void => {
    const prefix = [...servicePath(model, service), ...path].join(".");
    const found = service.get(path);
    if (!found || found.viaExtends === true || !isSeq(found.node) || seen.has(found.node)) return;
    seen.add(found.node);
    found.node.items.forEach((raw, index) => {
      const node: unknown = isAlias(raw) ? resolveAlias(raw, model.document) : raw;
      if (!isMap(node) || seen.has(node)) return;
      seen.add(node);
      if (!exec) {
        out.push({ service, name: `${prefix}[${index}]`, node });
        return;
      }
      const entry = mapEntries(model, node, undefined).find((e) => e.key === "exec");
      if (!isMap(entry?.value) || seen.has(entry.value)) return;
      seen.add(entry.value);
      out.push({ service, name: `${prefix}[${index}].exec`, node: entry.value });
    });
  };
  for (const service of servicesWithHooks(model).keys()) {
    for (const key of HOOK_KEYS) visit(service, [key], false);
    if (service.get(["develop"])) visit(service, ["develop", "watch"], true);
  }
  return out;
}
