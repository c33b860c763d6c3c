import type { Document } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import type { OffsetRange } from "../../source.js";
import { RecentCache } from "../../util/recent-cache.js";
import { listItems } from "./_b-key-values.js";

/** A name used by a service: where it is written and which key uses it. */
export interface Reference {
  name: string;
  range: OffsetRange;
  /** The key that uses the name, for messages (`depends_on`, `links`, `network_mode`, …). */
  key: string;
}

export const NAMESPACE_KEYS = ["network_mode", "ipc", "pid", "uts"] as const;

/**
 * Every service a service names, with the keys compose-go turns into dependencies:
 * `depends_on` (list or map), `links` (`svc[:alias]`), `volumes_from` (`svc[:ro|rw]`, not
 * `container:x`), `network_mode`/`ipc`/`pid`/`uts: service:x`, and `extends` within the file.
 * Names decided by a variable without default are left out. The list is shared: do not modify it.
 */
export function serviceReferences(service: ComposeService, doc: Document, options: { extends?: boolean } = {}): readonly Reference[] {
  const refs = ownReferences(service, doc);
  // `extends` within the file (the model reports a missing service of another file itself).
  const ext = service.extends;
  if (options.extends && ext && ext.file === undefined && !ext.unknown && ext.service !== undefined) {
    return [...refs, { name: ext.service, range: ext.serviceRange, key: "extends" }];
  }
  return refs;
}

/**
 * Memoized per service: no-undefined-reference and no-dependency-cycle both read them. Kept for
 * the document being linted (see compose/file-memo.ts for why not a WeakMap).
 */
const referencesByDocument = new RecentCache<Document, Map<ComposeService, readonly Reference[]>>(1);

function ownReferences(service: ComposeService, doc: Document): readonly Reference[] {
  const referencesByService = referencesByDocument.lookup(doc, () => new Map());
  const known = referencesByService.get(service);
  if (known) return known;
  const refs: Reference[] = [];
  const add = (text: string, range: OffsetRange, key: DependencyKey): void => {
    const name = dependencyName(key, text);
    if (name !== undefined) refs.push({ name, range, key });
  };
  for (const dep of service.dependsOn) add(dep.name, dep.range, "depends_on");
  for (const link of listItems(service, doc, service.get(["links"]))) add(link.text, link.range, "links");
  for (const from of listItems(service, doc, service.get(["volumes_from"]))) add(from.text, from.range, "volumes_from");
  for (const key of NAMESPACE_KEYS) {
    const found = service.scalar([key]);
    if (found && typeof found.value === "string") add(found.value, found.range, key);
  }
  referencesByService.set(service, refs);
  return refs;
}

/** The keys whose values compose-go turns into dependencies on other services. */
export type DependencyKey = "depends_on" | "links" | "volumes_from" | (typeof NAMESPACE_KEYS)[number];

/**
 * The service an entry of a dependency key names, as written (a file's text or a merged plain
 * value): `depends_on` the name, `links` `svc[:alias]`, `volumes_from` `svc[:ro|rw]` (not
 * `container:x`), `network_mode`/`ipc`/`pid`/`uts` `service:x`. Undefined for anything else, and
 * for a name decided by a variable without default.
 */
export function dependencyName(key: DependencyKey, text: string): string | undefined {
  let name: string | undefined;
  if (key === "depends_on") name = knownTrimmed(text);
  else if (key === "links") name = knownTrimmed(text.split(":")[0] ?? "");
  else if (key === "volumes_from") {
    const value = knownTrimmed(text);
    if (value === undefined || value.startsWith("container:")) return undefined;
    name = knownTrimmed(value.split(":")[0] ?? "");
  } else {
    const value = knownTrimmed(text);
    if (!value?.startsWith("service:")) return undefined;
    name = knownTrimmed(value.slice("service:".length));
  }
  return name === "" ? undefined : name;
}

/** Names of the top-level resources of one kind, plus names known from the rest of the project. */
export function definedNames(model: ComposeModel, kind: "networks" | "volumes" | "secrets" | "configs" | "models", extra: ReadonlySet<string> | undefined): Set<string> {
  const names = new Set(model[kind].keys());
  for (const name of extra ?? []) names.add(name);
  return names;
}
