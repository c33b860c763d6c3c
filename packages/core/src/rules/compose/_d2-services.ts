import { isMergeKey } from "../../compose/yaml-lazy.js";
/** The maps the `order-*` rules reorder, as written in this file (not reached through aliases or merge keys). */
import { isMap } from "../../compose/yaml-lazy.js";
import type { Pair, YAMLMap } from "yaml";
import type { ComposeModel } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";
import { nodeRange, ownPair, pairKey } from "./_d2-reorder.js";

/** The `services:` map written in this file. */
export function servicesMap(model: ComposeModel): YAMLMap | undefined {
  if (!model.root) return undefined;
  const pair = ownPair(model.root, "services");
  return isMap(pair?.value) ? pair.value : undefined;
}

export interface WrittenService {
  name: string;
  keyRange: OffsetRange;
  map: YAMLMap;
}

/**
 * Services whose keys are written here as a map: `web: *base` (an alias) and services pulled in by a
 * merge key are written elsewhere, and editing their anchor could change other services. Compose
 * file format v1 keeps its services at the top level.
 */
export function writtenServices(model: ComposeModel): WrittenService[] {
  const container = model.isLegacyV1 ? model.root : servicesMap(model);
  if (!container) return [];
  const known = new Set(model.services.map((service) => service.name));
  const out: WrittenService[] = [];
  for (const pair of container.items) {
    const name = pairKey(pair);
    const keyRange = nodeRange(pair.key);
    if (isMergeKey(pair.key) || name === undefined || !keyRange || !known.has(name) || !isMap(pair.value)) continue;
    out.push({ name, keyRange, map: pair.value });
  }
  return out;
}

/** The own pair `name` of a service map, with its key's range. */
export function ownEntry(map: YAMLMap, name: string): { pair: Pair; keyRange: OffsetRange } | undefined {
  const pair = ownPair(map, name);
  const keyRange = nodeRange(pair?.key);
  return pair && keyRange ? { pair, keyRange } : undefined;
}
