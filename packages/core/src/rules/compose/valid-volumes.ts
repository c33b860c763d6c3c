import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { readShortVolume, type ShortVolumeProblem } from "../../compose/syntax.js";
import { isScalar } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { isRecord } from "../../util/is-record.js";
import { cleanPath } from "../../util/posix-path.js";
import { nodeRange } from "./_b-key-values.js";
import { entryValueRange, mapEntries, seqItems, type Item } from "./_c-nodes.js";
import { listNodes } from "./_d1-compose.js";

/** compose-go's words for each refusal of `format.ParseVolume`, and what to change. */
const SHORT: Readonly<Record<Exclude<ShortVolumeProblem, "empty">, { error: string; hint: string }>> = {
  "empty-section": { error: "empty section between colons", hint: "remove the extra `:`" },
  "too-many-colons": { error: "too many colons", hint: "separate the modes with commas, not colons (`./data:/data:ro,z`)" },
};

/** The interpolated value and how the message shows it; undefined when a variable without default decides it. */
function interpolated(text: string): { value: string; evaluated: string } | undefined {
  const value = knownValue(text);
  if (value === undefined) return undefined;
  return { value, evaluated: value === text ? "" : ` (\`${value}\` once interpolated)` };
}

/** One mount of a service as `checkConsistency` compares them: its path in the container and the entry. */
interface Mount {
  path: string;
  key: "tmpfs" | "volumes";
  entry: string;
  range: OffsetRange;
  /** Brought in by `extends`: the base service is checked where it is written. */
  inherited: boolean;
}

function sameRange(a: OffsetRange, b: OffsetRange): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The entries of `key` (a list, or `tmpfs`' single string) as the model merges them. */
function mountItems(model: ComposeModel, service: ComposeService, key: "tmpfs" | "volumes"): Item[] {
  const found = service.get([key]);
  if (typeof found?.value === "string") return [{ value: found.value, node: undefined, range: found.range, own: false }];
  return seqItems(model, service, [key]);
}

function isInherited(service: ComposeService, item: Item): boolean {
  return !item.own && service.extends !== undefined && sameRange(item.range, service.extends.range);
}

/** Where a volume entry mounts, once interpolated, as compose-go compares it; undefined when unknown or refused. */
function volumeTarget(value: unknown): string | undefined {
  if (typeof value === "string") {
    const text = knownValue(value);
    if (text === undefined) return undefined;
    const { mount, problem } = readShortVolume(text);
    // The short syntax's target is cleaned (`transformVolumeMount`); the long syntax's is kept as written.
    return problem === undefined && mount.target !== "" ? cleanPath(mount.target) : undefined;
  }
  if (!isRecord(value) || typeof value["target"] !== "string") return undefined;
  const target = knownValue(value["target"]);
  return target === "" ? undefined : target;
}

/**
 * The mounts of a service that `checkConsistency` refuses: a `tmpfs` path or a volume target that
 * an earlier `tmpfs` entry already mounts. `tmpfs` entries are first made unique by the text
 * before their first `=` (`EnforceUnicity`), volumes by their target, so `/run` twice, or two
 * volumes at one target, are merged rather than refused.
 */
function clashes(model: ComposeModel, service: ComposeService): [Mount, Mount][] {
  const tmpfs = new Map<string, Mount>();
  for (const item of mountItems(model, service, "tmpfs")) {
    if (typeof item.value !== "string") continue;
    const text = knownValue(item.value);
    if (text === undefined) continue;
    const equals = text.indexOf("=");
    const colon = text.indexOf(":");
    const mount: Mount = { path: colon < 0 ? text : text.slice(0, colon), key: "tmpfs", entry: item.value, range: item.range, inherited: isInherited(service, item) };
    tmpfs.set(equals < 0 ? text : text.slice(0, equals), mount);
  }
  const mounted = new Map<string, Mount>();
  const found: [Mount, Mount][] = [];
  for (const mount of tmpfs.values()) {
    if (mount.path === "") continue;
    const earlier = mounted.get(mount.path);
    if (earlier) found.push([mount, earlier]);
    else mounted.set(mount.path, mount);
  }
  // Volumes are merged by target among themselves, so they clash only with a tmpfs mount: a
  // service without one (most) needs no volume read again.
  if (mounted.size === 0) return found;
  const volumes = new Map<string, Mount>();
  for (const item of mountItems(model, service, "volumes")) {
    const path = volumeTarget(item.value);
    if (path === undefined) continue;
    const entry = typeof item.value === "string" ? item.value : `target: ${path}`;
    volumes.set(path, { path, key: "volumes", entry, range: item.range, inherited: isInherited(service, item) });
  }
  for (const mount of volumes.values()) {
    const earlier = mounted.get(mount.path);
    if (earlier) found.push([mount, earlier]);
  }
  return found.filter(([a, b]) => !a.inherited || !b.inherited);
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-volumes",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require service `volumes` that Compose can read: a short syntax of at most three parts without empty ones, a `target` in the long syntax, a `source` for a bind mount, and one mount per container path.",
    presets: ["recommended"],
    messages: {
      empty:
        "Service `{{service}}` has an empty `volumes` entry{{evaluated}}, which docker compose refuses (\"invalid empty volume spec\"); remove it, or write `[source:]target[:mode]`, e.g. `./data:/data:ro`.",
      short:
        "Service `{{service}}` mounts `{{entry}}`{{evaluated}}, which docker compose cannot read as a volume (\"{{error}}\"); {{hint}}: the short syntax is `[source:]target[:mode]`, e.g. `./data:/data:ro`.",
      noTarget:
        "Service `{{service}}` has a long-syntax `volumes` entry without `target`, which docker compose refuses (\"service volume … is missing a mount target\"); add `target:` with the path in the container.",
      bindWithoutSource:
        "Service `{{service}}` has a `type: bind` volume without `source`, which docker compose refuses (`invalid mount config for type \"bind\": field Source must not be empty`); add `source:` with the host path, or use `type: volume` for an anonymous volume.",
      mountedTwice:
        "Service `{{service}}` mounts `{{path}}` twice, with the `{{key}}` entry `{{entry}}` and the `{{otherKey}}` entry `{{other}}`, which docker compose refuses (\"target {{path}} already mounted\"); remove one of them or mount it elsewhere.",
    },
    references: {},
  },
  check({ model, report }) {
    for (const { service, node } of listNodes(model, ["volumes"])) {
      if (isScalar(node)) {
        if (typeof node.value !== "string") continue; // numbers, booleans, null: valid-schema's.
        const text = interpolated(node.value);
        if (text === undefined) continue;
        const { problem } = readShortVolume(text.value);
        if (problem === undefined) continue;
        const range = nodeRange(node);
        if (problem === "empty") {
          report({ messageId: "empty", data: { service: service.name, evaluated: node.value === "" ? "" : ` (\`${node.value}\`, empty once interpolated)` }, range });
        }
        else report({ messageId: "short", data: { service: service.name, entry: node.value, evaluated: text.evaluated, ...SHORT[problem] }, range });
        continue;
      }
      const entries = mapEntries(model, node, undefined);
      // compose-go indexes long entries by `target` before it reads anything else (`volumeIndexer`).
      if (!entries.some((entry) => entry.key === "target")) {
        report({ messageId: "noTarget", data: { service: service.name }, range: nodeRange(node) });
      }
      const type = entries.find((entry) => entry.key === "type");
      const typeText = type && isScalar(type.value) && typeof type.value.value === "string" ? knownValue(type.value.value) : undefined;
      // Only `bind` has its source resolved as a path (`absVolumeMount`); a volume without one is anonymous.
      if (type && typeText === "bind" && !entries.some((entry) => entry.key === "source")) {
        report({ messageId: "bindWithoutSource", data: { service: service.name }, range: entryValueRange(type) });
      }
    }
    for (const service of model.services) {
      for (const [mount, earlier] of clashes(model, service)) {
        const [at, other] = mount.inherited ? [earlier, mount] : [mount, earlier];
        report({
          messageId: "mountedTwice",
          data: { service: service.name, path: mount.path, key: at.key, entry: at.entry, otherKey: other.key, other: other.entry },
          range: at.range,
        });
      }
    }
  },
});
