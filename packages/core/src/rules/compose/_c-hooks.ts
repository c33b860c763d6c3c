/**
 * A service's lifecycle hooks, for the rules that judge how they run (no-privileged,
 * require-non-root-user). Each hook runs a command with its own `user:` and `privileged:`:
 *
 * - `pre_start` (compose-go's schema): an init container of its own, created from the hook's
 *   `image` (else the service's), with the service container's volumes and networks, run to
 *   completion before the service starts (docker compose pkg/compose/pre_start.go);
 * - `post_start`, `pre_stop`: a `docker exec` in the service's container (pkg/compose/hook.go).
 *
 * Hooks are the model's (`service.get()`): a list from a `<<` merge key or an alias, or inherited
 * through `extends` (appended to the base's, compose-go's default for lists), reports at that site,
 * as every list item does (`seqItems`).
 */
import type { Node } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { isMap } from "../../compose/yaml-lazy.js";
import type { OffsetRange } from "../../source.js";
import { servicePath } from "./_a-values.js";
import { entryValueRange, mapEntries, seqItems, type Item } from "./_c-nodes.js";

export const HOOK_KEYS = ["pre_start", "post_start", "pre_stop"] as const;
export type HookKey = (typeof HOOK_KEYS)[number];

export interface Hook {
  key: HookKey;
  /** `services.app.post_start[0]`: the hook as docker compose's errors name it (`pre_start[0]`). */
  name: string;
  item: Item;
}

/** The hooks of a service, in the order of HOOK_KEYS, then as listed. */
export function serviceHooks(model: ComposeModel, service: ComposeService): Hook[] {
  const hooks: Hook[] = [];
  const prefix = servicePath(model, service).join(".");
  for (const key of HOOK_KEYS) {
    seqItems(model, service, [key]).forEach((item, index) => hooks.push({ key, name: `${prefix}.${key}[${index}]`, item }));
  }
  return hooks;
}

/**
 * A scalar field of a hook (`privileged`, `user`): its plain value (merge keys resolved, not
 * interpolated) and where a finding points: the value when the hook is written in the service,
 * the `<<` line when the field comes from a merge key inside the hook, else the hook's own site.
 */
export function hookField(model: ComposeModel, hook: Hook, field: string): { value: string | number | boolean; range: OffsetRange } | undefined {
  const { item } = hook;
  if (typeof item.value !== "object" || item.value === null || Array.isArray(item.value)) return undefined;
  const value: unknown = (item.value as Record<string, unknown>)[field];
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  const node: Node | undefined = item.own ? item.node : undefined;
  const entry = node && isMap(node) ? mapEntries(model, node, undefined).find((e) => e.key === field) : undefined;
  return { value, range: entry ? entryValueRange(entry) : item.range };
}
