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

const NAMESPACE_KEYS = ["network_mode", "ipc", "pid", "uts"] as const;

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
  const add = (text: string, range: OffsetRange, key: string): void => {
    const name = knownTrimmed(text);
    if (name !== undefined && name !== "") refs.push({ name, range, key });
  };
  for (const dep of service.dependsOn) add(dep.name, dep.range, "depends_on");
  for (const link of listItems(service, doc, service.get(["links"]))) add(link.text.split(":")[0] ?? "", link.range, "links");
  for (const from of listItems(service, doc, service.get(["volumes_from"]))) {
    const text = knownTrimmed(from.text);
    if (text === undefined || text.startsWith("container:")) continue;
    add(text.split(":")[0] ?? "", from.range, "volumes_from");
  }
  for (const key of NAMESPACE_KEYS) {
    const found = service.scalar([key]);
    if (!found || typeof found.value !== "string") continue;
    const value = knownTrimmed(found.value);
    if (value?.startsWith("service:")) add(value.slice("service:".length), found.range, key);
  }
  referencesByService.set(service, refs);
  return refs;
}

/** Names of the top-level resources of one kind, plus names known from the rest of the project. */
export function definedNames(model: ComposeModel, kind: "networks" | "volumes" | "secrets" | "configs" | "models", extra: ReadonlySet<string> | undefined): Set<string> {
  const names = new Set(model[kind].keys());
  for (const name of extra ?? []) names.add(name);
  return names;
}
