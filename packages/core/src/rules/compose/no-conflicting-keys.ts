import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { ComposeExtendsConflict, ComposeMergeRepeat, ComposeModel, ComposeResource, ComposeService } from "../../compose/model.js";
import { isDeduplicated } from "../../compose/go-merge.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { isRecord, valueAt } from "../../util/is-record.js";
import { pointerOf } from "../../util/json-values.js";
import { entryValueRange, itemField, keyRange, mapEntries, seqItems, type Entry } from "./_c-nodes.js";
import { certainlyNonEmpty, composeBoolean, goFloat32, goInt, literalScalar, literalText, unitBytes } from "./_e-compose-go.js";
import { completesAnotherFile, mergedService } from "./_p-layers.js";
import { composeSchemaValidator } from "./_schema-hook.js";
import { clipped } from "../../util/trim-end.js";

type Report = (descriptor: ReportDescriptor) => void;


/** A service-level limit and the `deploy.resources` field compose-go requires to hold the same value. */
interface LimitPair {
  key: string;
  section: "limits" | "reservations";
  field: string;
  read(value: unknown): number | undefined;
}

const LIMIT_PAIRS: readonly LimitPair[] = [
  { key: "cpus", section: "limits", field: "cpus", read: goFloat32 },
  { key: "mem_limit", section: "limits", field: "memory", read: unitBytes },
  { key: "mem_reservation", section: "reservations", field: "memory", read: unitBytes },
  { key: "pids_limit", section: "limits", field: "pids", read: goInt },
];

/** Device requests, where compose-go's checkDeviceRequest refuses `count` with `device_ids`. */
const DEVICE_LISTS: readonly (readonly string[])[] = [["deploy", "resources", "reservations", "devices"], ["gpus"]];

/** Keys an `external: true` volume may have besides `x-*` extensions (compose-go's checkExternal). */
const EXTERNAL_VOLUME_KEYS: ReadonlySet<string> = new Set(["name", "external"]);

/** Top-level resources with a source, and the keys compose-go's checkFileObject counts. */
const FILE_OBJECTS = [
  { section: "secrets", kind: "Secret", keys: ["file", "environment"] },
  { section: "configs", kind: "Config", keys: ["file", "environment", "content"] },
] as const;

const RESOURCE_KINDS = [
  { section: "volumes", kind: "Volume" },
  { section: "networks", kind: "Network" },
  { section: "secrets", kind: "Secret" },
  { section: "configs", kind: "Config" },
] as const;

function where(model: ComposeModel, service: ComposeService, path: readonly string[], fallback: OffsetRange): OffsetRange {
  return keyRange(model, service, path) ?? fallback;
}

/**
 * What the pair checks read of a service: the service as this file (and its `extends`) gives it,
 * or, for a file layered on others, the service as the files merge (go-merge.ts).
 */
interface PairReader {
  readonly name: string;
  get(path: readonly string[]): { value: unknown } | undefined;
  scalar(path: readonly string[]): { value: string | number | boolean | null; text: string } | undefined;
}

/** A refusal of the pair checks: the keys it involves, the first being where it is reported (at the key, or at the value). */
interface PairFinding {
  messageId: string;
  data: Record<string, string>;
  paths: readonly (readonly string[])[];
  atValue?: boolean;
}

function judgeNetworkMode(service: PairReader, findings: PairFinding[]): void {
  const mode = service.scalar(["network_mode"]);
  if (!mode || typeof mode.value !== "string" || !certainlyNonEmpty(mode.value)) return;
  const networks = service.get(["networks"]);
  if (!networks) return;
  const count = Array.isArray(networks.value) ? networks.value.length : isRecord(networks.value) ? Object.keys(networks.value).length : 0;
  // `networks: []` (or `{}`) joins nothing: compose-go counts the entries.
  if (count === 0) return;
  findings.push({ messageId: "networkMode", data: { service: service.name, mode: mode.text }, paths: [["networks"], ["network_mode"]] });
}

function judgeBuild(service: PairReader, findings: PairFinding[]): void {
  const build = service.get(["build"]);
  if (!build || !isRecord(build.value)) return;
  const dockerfile = service.scalar(["build", "dockerfile"]);
  const inline = service.scalar(["build", "dockerfile_inline"]);
  // An empty `dockerfile: ""` is no Dockerfile to compose-go.
  if (dockerfile && inline && dockerfile.value !== null && inline.value !== null && certainlyNonEmpty(dockerfile.text) && certainlyNonEmpty(inline.text)) {
    findings.push({ messageId: "dockerfile", data: { service: service.name, dockerfile: dockerfile.text }, paths: [["build", "dockerfile_inline"], ["build", "dockerfile"]] });
  }

  const platform = service.scalar(["platform"]);
  const platforms = service.get(["build", "platforms"]);
  if (!platform || typeof platform.value !== "string" || !platforms || !Array.isArray(platforms.value) || platforms.value.length === 0) return;
  const wanted = literalText(platform.value);
  if (wanted === undefined || wanted === "") return;
  const listed = (platforms.value as unknown[]).map((entry) => (typeof entry === "string" ? literalText(entry) : undefined));
  // An entry that depends on a variable may be the platform.
  if (listed.some((entry) => entry === undefined) || listed.includes(wanted)) return;
  findings.push({ messageId: "platforms", data: { service: service.name, platform: wanted, platforms: (listed as string[]).join(", ") }, paths: [["build", "platforms"], ["platform"]] });
}

function judgeScale(service: PairReader, findings: PairFinding[]): void {
  const scale = service.scalar(["scale"]);
  const replicas = service.scalar(["deploy", "replicas"]);
  const scaleValue = scale ? goInt(scale.value) : undefined;
  const replicasValue = replicas ? goInt(replicas.value) : undefined;
  if (scale && replicas && scaleValue !== undefined && replicasValue !== undefined && scaleValue !== replicasValue) {
    findings.push({ messageId: "scaleReplicas", data: { service: service.name, scale: scale.text, replicas: replicas.text }, paths: [["deploy", "replicas"], ["scale"]], atValue: true });
  }

  // compose-go's GetScale: `scale` when set, else `deploy.replicas`.
  const count = scale ? { attr: "scale", found: scale, value: scaleValue } : replicas ? { attr: "deploy.replicas", found: replicas, value: replicasValue } : undefined;
  const name = service.scalar(["container_name"]);
  if (!count || count.value === undefined || count.value <= 1 || !name || typeof name.value !== "string" || !certainlyNonEmpty(name.value)) return;
  findings.push({
    messageId: "containerName",
    data: { service: service.name, name: name.text, attr: count.attr, count: count.found.text },
    paths: [["container_name"], count.attr === "scale" ? ["scale"] : ["deploy", "replicas"]],
    atValue: true,
  });
}

/** `unsetMayBeSet`: another file merged with this one may set a field that `deploy.resources` lacks here. */
function judgeLimits(service: PairReader, unsetMayBeSet: boolean, findings: PairFinding[]): void {
  for (const pair of LIMIT_PAIRS) {
    const own = service.scalar([pair.key]);
    const value = own ? pair.read(own.value) : undefined;
    // compose-go compares only a service-level value that is set (not 0).
    if (!own || value === undefined || value === 0) continue;
    const sectionPath = ["deploy", "resources", pair.section];
    const section = service.get(sectionPath);
    if (!section || !isRecord(section.value)) continue;
    const deployKey = `deploy.resources.${pair.section}.${pair.field}`;
    const data = { service: service.name, key: pair.key, value: own.text, deployKey, section: pair.section, field: pair.field };
    const deployPath = [...sectionPath, pair.field];
    if (service.get(deployPath)) {
      const deploy = service.scalar(deployPath);
      const deployValue = deploy ? pair.read(deploy.value) : undefined;
      if (!deploy || deployValue === undefined || deployValue === value) continue;
      findings.push({ messageId: "limit", data: { ...data, deployValue: deploy.text }, paths: [deployPath, [pair.key]], atValue: true });
      continue;
    }
    // The section without the field reads as 0 there.
    if (unsetMayBeSet) continue;
    findings.push({ messageId: "limitUnset", data, paths: [sectionPath, [pair.key]] });
  }
}

/** The pair checks of one service. */
function judgePairs(service: PairReader, unsetMayBeSet: boolean): PairFinding[] {
  const findings: PairFinding[] = [];
  judgeNetworkMode(service, findings);
  judgeBuild(service, findings);
  judgeScale(service, findings);
  judgeLimits(service, unsetMayBeSet, findings);
  return findings;
}

/** Where a finding goes in this file: at the first of its keys the service has here (itself or through `extends`). */
function pairRange(model: ComposeModel, service: ComposeService, finding: PairFinding, anyPath: boolean): OffsetRange | undefined {
  for (const path of anyPath ? finding.paths : finding.paths.slice(0, 1)) {
    const found = service.get(path);
    if (!found) continue;
    return finding.atValue && path === finding.paths[0] ? found.range : where(model, service, path, found.range);
  }
  return undefined;
}

/**
 * The pair checks of a service. compose-go checks the pairs on the merged project, so the last
 * file of a project layered on others is judged by the services as the files merge: a pair split
 * between the files (`network_mode: host` in `compose.yaml`, `networks` in the override) is
 * refused as one written in one file, and a value an earlier file sets (`scale: 1`) is no longer
 * missing. Such a finding is reported at a key this file has; one whose keys are all in the
 * earlier files is theirs.
 */
function checkPairs(model: ComposeModel, service: ComposeService, filePath: string | undefined, report: Report): void {
  const merged = mergedService(model, service.name);
  let findings: PairFinding[];
  if (merged) {
    // A service with no image and no build in any file is another project's part, as below.
    findings = judgePairs(mergedReader(service.name, merged), !("image" in merged) && !("build" in merged));
  } else {
    // Another file merged with this one (an override's base, an `extends` base not read here) may set a field.
    findings = judgePairs(service, completesAnotherFile(service, filePath) || (service.extends !== undefined && !service.extends.base) || model.layered !== undefined);
  }
  for (const finding of findings) {
    const range = pairRange(model, service, finding, merged !== undefined);
    if (range) report({ messageId: finding.messageId, data: finding.data, range });
  }
}

/** A service as the files merge (go-merge.ts), read as the pair checks read a service. */
function mergedReader(name: string, value: Record<string, unknown>): PairReader {
  const at = (path: readonly string[]): { value: unknown } | undefined => {
    const found = valueAt(value, path);
    return found === undefined ? undefined : { value: found };
  };
  return {
    name,
    get: at,
    scalar(path) {
      const found = at(path);
      if (!found || (found.value !== null && typeof found.value === "object")) return undefined;
      const scalar = found.value as string | number | boolean | null;
      return { value: scalar, text: scalar === null ? "" : String(scalar) };
    },
  };
}

function checkDevices(model: ComposeModel, service: ComposeService, report: Report): void {
  for (const path of DEVICE_LISTS) {
    for (const item of seqItems(model, service, path)) {
      if (!isRecord(item.value) || !("count" in item.value) || !("device_ids" in item.value)) continue;
      const ids = itemField(model, item, ["device_ids"]);
      report({ messageId: "deviceCount", data: { service: service.name, list: path.join(".") }, range: ids?.range ?? item.range });
    }
  }
}

const SHAPES = { mapping: "a mapping", sequence: "a list", scalar: "a single value" } as const;

/** How the message shows the extending service's value: a scalar as written, a list or mapping by its shape. */
function shownValue(conflict: ComposeExtendsConflict): string {
  if (conflict.own !== "scalar") return SHAPES[conflict.own];
  const value = conflict.value;
  const text = value === null || value === undefined ? "" : String(value);
  return `${SHAPES.scalar} (\`${clipped(text, 40)}\`)`;
}

/** A document with nothing but `value` at a path of keys: what the schema is asked about. */
function documentWith(path: readonly string[], value: unknown): unknown {
  let document = value;
  for (const key of [...path].reverse()) document = { [key]: document };
  return document;
}

/**
 * The schema takes no value of this shape there (`ports: "80:80"`): valid-schema reports it at the
 * same place, and making it what the schema wants mends the merge too. `path` is from the top of
 * the file.
 */
function schemaRefusesShape(path: readonly string[], value: unknown): boolean {
  const validate = composeSchemaValidator();
  if (!validate) return false;
  const pointer = pointerOf(path);
  return validate(documentWith(path, value)).some((problem) => problem.pointer === pointer && problem.keyword === "type");
}

/** How a message names the base's value: its shape, and how compose-go came to it where that is not what is written. */
function baseRead(conflict: ComposeExtendsConflict): string {
  return conflict.baseNote === undefined ? "" : ` (${conflict.baseNote})`;
}

/**
 * compose-go merges an extending service over its base key by key (override/merge.go
 * `MergeYaml`) and refuses a key whose base value is a mapping or a list when this service gives
 * something else there ("cannot override services.x.<key>"), before the schema is checked.
 */
function checkExtendsMerge(model: ComposeModel, service: ComposeService, report: Report): void {
  const ext = service.extends;
  if (!ext) return;
  for (const conflict of ext.conflicts) {
    if (schemaRefusesShape(["services", service.name, ...conflict.path], conflict.value)) continue;
    const key = conflict.path.join(".");
    const base = ext.file === undefined ? `\`${ext.service ?? ""}\`` : `\`${ext.service ?? ""}\` of \`${ext.file}\``;
    report({
      messageId: "extendsMerge",
      data: { service: service.name, key, value: shownValue(conflict), base, baseShape: SHAPES[conflict.base], baseRead: baseRead(conflict) },
      range: where(model, service, conflict.path, ext.range),
    });
  }
}

/**
 * compose-go merges each file of a project over what the files before it make, key by key, and
 * refuses the same way ("cannot override services.web.gpus"); by then the earlier files have been
 * through transform.Canonical, so `gpus: all` over `gpus: all` is refused too.
 */
function checkLayerMerge(model: ComposeModel, report: Report): void {
  for (const conflict of model.layered?.conflicts ?? []) {
    if (schemaRefusesShape(conflict.path, conflict.value)) continue;
    const located = model.locate(conflict.path);
    if (!located) continue;
    report({
      messageId: "layerMerge",
      data: { key: conflict.path.join("."), value: shownValue(conflict), baseFile: conflict.baseFile, baseShape: SHAPES[conflict.base], baseRead: baseRead(conflict) },
      range: located.keyRange ?? located.range,
    });
  }
}

/**
 * Whether the schema takes no list with a repeated item at this path (from the top), once
 * compose-go's EnforceUnicity has left it as it is: asked of the schema with a list of two equal items.
 */
function refusesRepeats(path: readonly string[], item: unknown, asked: Map<string, boolean>): boolean {
  if (isDeduplicated(path)) return false;
  const pointer = pointerOf(path);
  let refused = asked.get(pointer);
  if (refused === undefined) {
    const validate = composeSchemaValidator();
    refused = validate !== undefined && validate(documentWith(path, [item, item])).some((problem) => problem.keyword === "uniqueItems" && problem.pointer === `${pointer}/1`);
    asked.set(pointer, refused);
  }
  return refused;
}

/** The item as a message shows it. */
function shownItem(item: unknown): string {
  const text = typeof item === "string" ? item : JSON.stringify(item) ?? "";
  return clipped(text, 60);
}

/** Where this file writes a repeated item: the item, or the mapping entry it comes from. */
function repeatRange(model: ComposeModel, path: readonly string[], repeat: ComposeMergeRepeat): OffsetRange | undefined {
  const located = model.locate(repeat.at === undefined ? path : [...path, repeat.at]);
  if (!located) return undefined;
  return repeat.at !== undefined && !/^\d+$/.test(repeat.at) ? (located.keyRange ?? located.range) : located.range;
}

/**
 * compose-go appends the lists of an extending service to its base's, and of a file to the files
 * before it, then keeps one item per key in some of them (EnforceUnicity) and checks the result
 * with the schema: in a list whose items must be unique (`security_opt`, `group_add`, a volume's
 * `labels`…), an item both lists have stops the project ("services.web.security_opt array
 * items[0,1] must be unique", docker/compose#11777).
 */
function checkRepeats(model: ComposeModel, report: Report): void {
  const asked = new Map<string, boolean>();
  for (const service of model.services) {
    const ext = service.extends;
    if (!ext?.base) continue;
    const base = ext.file === undefined ? `\`${ext.service ?? ""}\`` : `\`${ext.service ?? ""}\` of \`${ext.file}\``;
    for (const repeat of ext.repeats) {
      const path = ["services", service.name, ...repeat.path];
      if (!refusesRepeats(path, repeat.item, asked)) continue;
      const range = repeatRange(model, path, repeat) ?? ext.range;
      const key = repeat.path.join(".");
      report({
        messageId: "extendsRepeat",
        data: { service: service.name, key, item: shownItem(repeat.item), base, first: String(repeat.earlierIndex), second: String(repeat.index) },
        range,
      });
    }
  }
  for (const repeat of model.layered?.repeats ?? []) {
    if (!refusesRepeats(repeat.path, repeat.item, asked)) continue;
    const range = repeatRange(model, repeat.path, repeat);
    if (!range) continue;
    report({
      messageId: "layerRepeat",
      data: { key: repeat.path.join("."), item: shownItem(repeat.item), baseFile: repeat.baseFile, first: String(repeat.earlierIndex), second: String(repeat.index) },
      range,
    });
  }
}

function entriesOf(model: ComposeModel, resource: ComposeResource): Entry[] {
  if (!resource.node || !isMap(resource.node)) return [];
  return mapEntries(model, resource.node, undefined).sort((a, b) => a.range[0] - b.range[0]);
}

function checkFileObjects(model: ComposeModel, report: Report): void {
  for (const { section, kind, keys } of FILE_OBJECTS) {
    for (const [name, resource] of model[section]) {
      const sources = entriesOf(model, resource).filter((entry) => (keys as readonly string[]).includes(entry.key));
      const second = sources[1];
      if (!second) continue;
      report({
        messageId: "sources",
        data: { kind, name, section, keys: sources.map((entry) => `\`${entry.key}\``).join(", ").replace(/, ([^,]*)$/, " and $1"), all: keys.join("|") },
        range: second.range,
      });
    }
  }
}

/** `external:` as compose-go reads it: the legacy `{name: …}` mapping is `true`; undefined when unknown here. */
function isExternal(entry: Entry | undefined): boolean | undefined {
  if (!entry) return false;
  if (isMap(entry.value)) return true;
  return isScalar(entry.value) ? composeBoolean(entry.value.value) : undefined;
}

function checkExternalVolumes(model: ComposeModel, report: Report): void {
  for (const [name, volume] of model.volumes) {
    const entries = entriesOf(model, volume);
    if (isExternal(entries.find((entry) => entry.key === "external")) !== true) continue;
    for (const entry of entries) {
      if (EXTERNAL_VOLUME_KEYS.has(entry.key) || entry.key.startsWith("x-")) continue;
      report({ messageId: "externalVolume", data: { name, key: entry.key }, range: entry.range });
    }
  }
}

function checkExternalNames(model: ComposeModel, report: Report): void {
  for (const { section, kind } of RESOURCE_KINDS) {
    for (const [name, resource] of model[section]) {
      const entries = entriesOf(model, resource);
      const external = entries.find((entry) => entry.key === "external");
      const own = entries.find((entry) => entry.key === "name");
      if (!external || !own || !isMap(external.value) || !isScalar(own.value)) continue;
      const legacy = mapEntries(model, external.value, undefined).find((entry) => entry.key === "name");
      if (!legacy || !isScalar(legacy.value)) continue;
      const ownValue: unknown = own.value.value;
      const legacyValue: unknown = legacy.value.value;
      // compose-go compares the two values as they are; a variable in either may make them equal.
      if (typeof ownValue !== "string" || typeof legacyValue !== "string") continue;
      const ownName = literalScalar(ownValue);
      const legacyName = literalScalar(legacyValue);
      if (ownName === undefined || legacyName === undefined || ownName === legacyName) continue;
      report({
        messageId: "externalName",
        data: { kind, section, name, own: ownName, legacy: legacyName },
        range: entryValueRange(legacy),
      });
    }
  }
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-conflicting-keys",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow Compose keys that docker compose refuses together: `network_mode` with `networks`, `scale` against `deploy.replicas`, `cpus`/`mem_limit`/`pids_limit` against `deploy.resources`, other exclusive pairs, and a value `extends` or a layered file cannot merge with the earlier one.",
    presets: ["recommended"],
    messages: {
      networkMode:
        "Service `{{service}}` sets both `network_mode: {{mode}}` and `networks`, which docker compose refuses (\"service {{service}} declares mutually exclusive `network_mode` and `networks`\"); remove `networks` (a service with a `network_mode` joins no Compose network) or remove `network_mode`.",
      dockerfile:
        "Service `{{service}}` sets both `build.dockerfile: {{dockerfile}}` and `build.dockerfile_inline`, which docker compose refuses (\"service \"{{service}}\" declares mutualy exclusive dockerfile and dockerfile_inline\"); keep only one of them.",
      platforms:
        "Service `{{service}}` runs on `platform: {{platform}}`, which its `build.platforms` ({{platforms}}) does not list, so docker compose refuses the project (\"service.build.platforms MUST include service.platform \"{{platform}}\"\"); add `{{platform}}` to `build.platforms`, or change `platform`.",
      scaleReplicas:
        "Service `{{service}}` sets `scale: {{scale}}` and `deploy.replicas: {{replicas}}`, which docker compose refuses (\"services.{{service}}: can't set distinct values on 'scale' and 'deploy.replicas'\"); keep only one of the two keys.",
      containerName:
        "Service `{{service}}` sets `container_name: {{name}}` and `{{attr}}: {{count}}`, which docker compose refuses: {{count}} containers cannot share one name (\"services.{{attr}}: can't set container_name and {{service}} as container name must be unique\"); remove `container_name` (Compose then names each container itself) or run a single container.",
      limit:
        "Service `{{service}}` sets `{{key}}: {{value}}` and `{{deployKey}}: {{deployValue}}`, which docker compose refuses (\"services.{{service}}: can't set distinct values on '{{key}}' and '{{deployKey}}'\"); keep only one of the two, or give both the same value.",
      limitUnset:
        "Service `{{service}}` sets `{{key}}: {{value}}` and a `deploy.resources.{{section}}` without `{{field}}`, which compose-go reads as `{{field}}: 0`, so docker compose refuses the project (\"services.{{service}}: can't set distinct values on '{{key}}' and '{{deployKey}}'\"); move the limit into `deploy.resources.{{section}}` as `{{field}}: {{value}}` (and remove `{{key}}`), or set the same value in both places.",
      deviceCount:
        "Service `{{service}}` has a `{{list}}` entry with both `count` and `device_ids`, which docker compose refuses (\"services.{{service}}.{{list}}.[]: \"count\" and \"device_ids\" attributes are exclusive\"); keep `device_ids` to pick the devices, or `count` to take that many.",
      sources:
        "{{kind}} `{{name}}` sets {{keys}}, which docker compose refuses (\"{{section}}.{{name}}: {{all}} attributes are mutually exclusive\"); keep only one source.",
      externalVolume:
        "Volume `{{name}}` is `external: true` and sets `{{key}}`, which docker compose refuses (\"volumes.{{name}}: conflicting parameters \"external\" and \"{{key}}\" specified\"): Compose does not create an external volume, so it cannot apply `{{key}}`; remove `{{key}}`, or remove `external` to let Compose create the volume.",
      extendsMerge:
        "Service `{{service}}` sets `{{key}}` to {{value}}, but {{base}}, the service it extends, has {{baseShape}} there{{baseRead}}: docker compose cannot merge the two (\"cannot override services.x.{{key}}\") and refuses the project; write {{baseShape}} there too, or tag the value `!override` to replace the base's.",
      extendsRepeat:
        "Service `{{service}}` lists `{{item}}` in `{{key}}`, and {{base}}, the service it extends, lists it too: docker compose appends the two lists and refuses the repeat (\"services.{{service}}.{{key}} array items[{{first}},{{second}}] must be unique\"); remove it here (the base's entry stays), or tag the list `!override` to replace the base's.",
      layerRepeat:
        "`{{key}}` lists `{{item}}` here, and `{{baseFile}}`, which this file is layered on, lists it too: docker compose appends the two lists and refuses the repeat (\"{{key}} array items[{{first}},{{second}}] must be unique\"); remove it from this file (the earlier file's entry stays), or tag the list `!override` to replace the earlier file's.",
      layerMerge:
        "This file sets `{{key}}` to {{value}}, but `{{baseFile}}`, which it is layered on, has {{baseShape}} there{{baseRead}}: docker compose cannot merge the two (\"cannot override {{key}}\") and refuses the project; write {{baseShape}} here too, or tag the value `!override` to replace the earlier file's.",
      externalName:
        "{{kind}} `{{name}}` sets `name: {{own}}` and the legacy `external.name: {{legacy}}`, which docker compose refuses (\"{{section}}.{{name}}: name and external.name conflict; only use name\"); keep `name: …` and write `external: true`.",
    },
    references: {},
  },
  check({ model, filePath, report }) {
    if (model.isLegacyV1) return;
    for (const service of model.services) {
      if (!isMap(service.node)) continue;
      checkPairs(model, service, filePath, report);
      checkDevices(model, service, report);
      checkExtendsMerge(model, service, report);
    }
    checkLayerMerge(model, report);
    checkRepeats(model, report);
    checkFileObjects(model, report);
    checkExternalVolumes(model, report);
    checkExternalNames(model, report);
  },
});
