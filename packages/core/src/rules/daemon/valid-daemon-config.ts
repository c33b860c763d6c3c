import { closest } from "../../config.js";
import { STRING_FORMATS } from "../../daemon/formats.js";
import { isIPWithZone } from "../../util/ip-address.js";
import { logOptProblems } from "../../daemon/log-opts.js";
import { booleanOf, describeNode, memberOf, stringItems, stringOf, type DaemonModel, type JsonMember, type JsonNode, type JsonString } from "../../daemon/model.js";
import { DAEMON_KEYS, REMOVED_DAEMON_KEYS, type ValueSchema } from "../../daemon/schema.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { ownValue } from "../../util/own-value.js";

const EXPECTED: Record<ValueSchema["type"], string> = {
  boolean: "a boolean (true or false)",
  string: "a string",
  integer: "a whole number",
  array: "an array",
  object: "an object",
  any: "any value",
};

/** `liveRestore`, `live_restore`, `Live-Restore` → `live-restore`. */
function normalized(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}

function suggestion(key: string, known: readonly string[]): string | undefined {
  const plain = normalized(key);
  if (plain !== key && known.includes(plain)) return plain;
  return closest(key, known) ?? closest(plain, known);
}

/** How to write the value in the right type, when the intent is plain. */
function howToFix(schema: ValueSchema, node: JsonNode): string {
  if (schema.type === "boolean" && node.type === "string" && /^(?:true|false)$/i.test(node.value.trim())) {
    return `write ${node.value.trim().toLowerCase()} without quotes`;
  }
  if (schema.type === "integer" && node.type === "string" && /^-?\d+$/.test(node.value.trim())) return `write ${node.value.trim()} without quotes`;
  // Not for 1e309 (Infinity to JavaScript) or 1e300: no whole number near them fits dockerd's integers.
  if (schema.type === "integer" && node.type === "number" && Math.abs(node.value) <= Number.MAX_SAFE_INTEGER) return `write a whole number such as ${Math.trunc(node.value)}`;
  if (schema.type === "string" && (node.type === "number" || node.type === "boolean")) {
    const text = node.type === "number" ? node.text : String(node.value);
    return `write "${text}" in quotes`;
  }
  if (schema.type === "array" && node.type === "string") return `write a list: [${JSON.stringify(node.value)}]`;
  return `write ${EXPECTED[schema.type]}`;
}

/** Go's int64: dockerd decodes its integers into int, int64 and uint32 fields (the widest first). */
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function matches(schema: ValueSchema, node: JsonNode): boolean {
  switch (schema.type) {
    case "any":
      return true;
    case "integer": {
      // Go's decoder refuses `3.0` and `1e3` for an int field, and so does dockerd.
      if (node.type !== "number" || !/^-?\d+$/.test(node.text)) return false;
      const value = BigInt(node.text);
      return value >= INT64.min && value <= INT64.max;
    }
    default:
      return node.type === schema.type;
  }
}

/** The integer bounds dockerd checks, in words, when `value` is outside them. */
function outOfRange(schema: Extract<ValueSchema, { type: "integer" }>, value: number): string | undefined {
  const below = schema.minimum !== undefined && value < schema.minimum;
  const above = schema.maximum !== undefined && value > schema.maximum;
  if (!below && !above) return undefined;
  return schema.maximum === undefined ? `${schema.minimum} or more` : `${schema.minimum ?? "any number"} to ${schema.maximum}`;
}

/**
 * Graph drivers that moby removed, with the release (aufs is no-aufs-storage-driver's finding, a
 * CIS control). No containerd snapshotter has these names either.
 */
const REMOVED_STORAGE_DRIVERS: Readonly<Record<string, string>> = { devicemapper: "25.0", overlay: "24.0" };

/** The runtimes dockerd defines itself (daemon runtime_unix.go stockRuntimes). */
/** containerd's runc shim (plugins.RuntimeRuncV2). */
const RUNC_V2 = "io.containerd.runc.v2";
const STOCK_RUNTIMES = ["runc", RUNC_V2];

/**
 * A default runtime dockerd hands to containerd by name (isPermissibleC8dRuntimeName): a dotted
 * name such as `io.containerd.runsc.v1`, which containerd resolves on the PATH.
 */
function isContainerdRuntimeName(name: string): boolean {
  if (name.startsWith("/") || name.includes("/")) return false;
  const dot = name.indexOf(".");
  return dot > 0;
}

export default defineRule<DaemonModel>({
  meta: {
    id: "valid-daemon-config",
    kind: "daemon",
    category: "correctness",
    severity: "error",
    docs: "Require daemon.json settings that dockerd knows, with values it can parse: dockerd refuses to start otherwise.",
    presets: ["recommended"],
    messages: {
      unknownKey: "`{{path}}` is not a daemon.json setting, and dockerd refuses to start with an unknown key; did you mean `{{suggestion}}`?",
      unknownKeyNoSuggestion:
        "`{{path}}` is not a daemon.json setting, and dockerd refuses to start with an unknown key; check the name against the dockerd reference or remove it.",
      ignoredKey: "`{{path}}` is not a field dockerd reads here, so it ignores it silently; did you mean `{{suggestion}}`?",
      ignoredKeyNoSuggestion: "`{{path}}` is not a field dockerd reads here, so it ignores it silently; check the name against the dockerd reference or remove it.",
      removedKey: "`{{path}}` is no longer a daemon.json setting, and current dockerd releases refuse to start with it; {{hint}}.",
      wrongType: "`{{path}}` must be {{expected}}, but it is {{actual}}, and dockerd refuses to start; {{fix}}.",
      badValue: "`{{path}}` is {{actual}}, which dockerd does not accept; use one of {{allowed}}.",
      badFormat: "`{{path}}`: {{problem}}, so dockerd refuses to start; {{fix}}.",
      outOfRange: "`{{path}}` is {{actual}}, but dockerd accepts only {{range}} and refuses to start; write a value in that range.",
      duplicateKey: "`{{path}}` is set again here (first on line {{line}}); dockerd keeps only the last value: remove one of them.",
      conflictingLabel: "`{{path}}` sets the label `{{key}}` to \"{{value}}\", but line {{line}} sets it to \"{{other}}\", and dockerd refuses to start with two values for one label; keep one.",
      secondGatewayAddress: "`{{path}}` is a second IPv{{family}} address ({{value}}), and dockerd accepts one host gateway address of each family and refuses to start; remove one.",
      badAddressPool: "`{{path}}` {{problem}}, so dockerd cannot build its address pools and refuses to start; {{fix}}.",
      badLogOpt: "`{{path}}`: {{reason}}; dockerd checks the options of the default log driver (`{{driver}}`) when it starts and refuses to start.{{fix}}",
      reservedRuntime: "`{{path}}` redefines the built-in runtime `runc`, and dockerd refuses to start (\"runtime name 'runc' is reserved\"); give it another name.",
      badRuntime: "Runtime `{{name}}` {{problem}}, so dockerd refuses to start; {{fix}}.",
      badShimOption:
        "`{{path}}` is a TOML {{actual}} to the runc shim, whose option `{{field}}` is {{expected}}: dockerd hands the options over through TOML, and the shim's options cannot be decoded, so it refuses to start; {{fix}}.",
      removedStorageDriver:
        "`storage-driver` is \"{{value}}\", a storage driver that current dockerd releases no longer have (removed in Docker {{release}}), so dockerd refuses to start; use \"overlay2\", or remove the key for the default.",
      undefinedRuntime:
        "`default-runtime` is \"{{name}}\", which is neither a built-in runtime (runc, io.containerd.runc.v2) nor defined under `runtimes`, so dockerd refuses to start; {{fix}}.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const reportAt = (descriptor: ReportDescriptor): void => report(descriptor);

    const checkValue = (path: string, schema: ValueSchema, node: JsonNode): void => {
      if (schema.type === "integer" && node.type === "number" && /^-?\d+$/.test(node.text) && !matches(schema, node)) {
        reportAt({ messageId: "outOfRange", data: { path, actual: node.text, range: "whole numbers within 64 bits" }, range: node.range });
        return;
      }
      if (!matches(schema, node)) {
        reportAt({
          messageId: "wrongType",
          data: { path, expected: EXPECTED[schema.type], actual: describeNode(node), fix: howToFix(schema, node) },
          range: node.range,
        });
        return;
      }
      if (schema.type === "string" && node.type === "string") {
        // An empty string leaves the setting at its default, as the reference's full example shows.
        const value = schema.enumIgnoresCase ? node.value.toLowerCase() : node.value;
        if (schema.enum && value !== "" && !schema.enum.includes(value)) {
          reportAt({ messageId: "badValue", data: { path, actual: describeNode(node), allowed: schema.enum.map((v) => `"${v}"`).join(", ") }, range: node.range });
        } else if (schema.format && (schema.parsedWhen === undefined || (booleanOf(model.get(schema.parsedWhen.key)?.value) ?? schema.parsedWhen.default))) {
          const problem = STRING_FORMATS[schema.format](node.value);
          if (problem) reportAt({ messageId: "badFormat", data: { path, ...problem }, range: node.range });
        }
      } else if (schema.type === "integer" && node.type === "number") {
        const range = outOfRange(schema, node.value);
        if (range) reportAt({ messageId: "outOfRange", data: { path, actual: node.text, range }, range: node.range });
      } else if (schema.type === "array" && node.type === "array") {
        node.items.forEach((item, index) => checkValue(`${path}[${index}]`, schema.items, item));
      } else if (schema.type === "object" && node.type === "object") {
        checkMembers(path, node.members, schema.properties ?? {}, schema.values, {}, schema.struct);
      }
    };

    const checkMembers = (
      prefix: string,
      members: readonly JsonMember[],
      properties: Readonly<Record<string, ValueSchema>>,
      values: ValueSchema | undefined,
      removed: Readonly<Record<string, string>>,
      struct?: "lenient" | "strict",
    ): void => {
      const seen = new Map<string, JsonMember>();
      const known = Object.keys(properties);
      for (const member of members) {
        const path = prefix === "" ? member.key : `${prefix}.${member.key}`;
        const first = seen.get(member.key);
        if (first) {
          reportAt({ messageId: "duplicateKey", data: { path, line: source.positionAt(first.keyRange[0]).line }, range: member.keyRange });
        } else seen.set(member.key, member);
        // encoding/json matches a struct's fields without regard to case.
        const field = struct ? known.find((name) => name.toLowerCase() === member.key.toLowerCase()) : member.key;
        const schema = (field === undefined ? undefined : ownValue(properties, field)) ?? values;
        if (schema) {
          checkValue(path, schema, member.value);
          continue;
        }
        const hint = ownValue(removed, member.key);
        if (hint !== undefined) {
          reportAt({ messageId: "removedKey", data: { path, hint }, range: member.keyRange });
          continue;
        }
        const close = suggestion(member.key, known);
        const suggested = close === undefined ? undefined : prefix === "" ? close : `${prefix}.${close}`;
        const ignored = struct === "lenient";
        reportAt(
          suggested !== undefined
            ? { messageId: ignored ? "ignoredKey" : "unknownKey", data: { path, suggestion: suggested }, range: member.keyRange }
            : { messageId: ignored ? "ignoredKeyNoSuggestion" : "unknownKeyNoSuggestion", data: { path }, range: member.keyRange },
        );
      }
    };

    checkMembers("", model.root.members, DAEMON_KEYS, undefined, REMOVED_DAEMON_KEYS);
    checkLabels(model, source, reportAt);
    checkHostGateways(model, reportAt);
    checkAddressPools(model, reportAt);
    checkLogOpts(model, reportAt);
    checkRuntimes(model, reportAt);
    const storage = model.get("storage-driver");
    const driver = stringOf(storage?.value)?.trim().toLowerCase();
    const release = driver === undefined ? undefined : ownValue(REMOVED_STORAGE_DRIVERS, driver);
    if (storage && release) reportAt({ messageId: "removedStorageDriver", data: { value: stringOf(storage.value) ?? "", release }, range: storage.value.range });
  },
});

type Report = (descriptor: ReportDescriptor) => void;

/** Objects dockerd decodes into Go structs: keys match their fields without regard to case. */
const STRUCT = { ignoreCase: true } as const;

/** config GetConflictFreeLabels: one key with two values. */
function checkLabels(model: DaemonModel, source: DaemonModel["source"], report: Report): void {
  const firstOf = new Map<string, { item: JsonString; value: string }>();
  for (const [index, item] of stringItems(model.get("labels")?.value).entries()) {
    const equals = item.value.indexOf("=");
    if (equals < 0) continue;
    const key = item.value.slice(0, equals);
    const value = item.value.slice(equals + 1);
    const first = firstOf.get(key);
    if (!first) firstOf.set(key, { item, value });
    else if (first.value !== value) {
      report({
        messageId: "conflictingLabel",
        data: { path: `labels[${index}]`, key, value, other: first.value, line: source.positionAt(first.item.range[0]).line },
        range: item.range,
      });
    }
  }
}

/** internal/opts ValidateHostGatewayIPs: one address of each family. */
function checkHostGateways(model: DaemonModel, report: Report): void {
  const seen = new Set<string>();
  for (const [index, item] of stringItems(model.get("host-gateway-ips")?.value).entries()) {
    // An address netip.ParseAddr refuses has its own finding (badFormat): only the valid ones count.
    if (!isIPWithZone(item.value)) continue;
    const family = item.value.includes(":") ? "6" : "4";
    if (seen.has(family)) report({ messageId: "secondGatewayAddress", data: { path: `host-gateway-ips[${index}]`, family, value: item.value }, range: item.range });
    seen.add(family);
  }
}

/** libnetwork's default IPAM: each pool splits `base` into subnets of `size` bits. */
function checkAddressPools(model: DaemonModel, report: Report): void {
  const pools = model.get("default-address-pools")?.value;
  if (pools?.type !== "array") return;
  for (const [index, pool] of pools.items.entries()) {
    if (pool.type !== "object") continue;
    const path = `default-address-pools[${index}]`;
    const base = stringOf(memberOf(pool, "base", STRUCT)?.value);
    const size = memberOf(pool, "size", STRUCT);
    const bits = base === undefined ? undefined : /^(.*)\/(\d{1,3})$/s.exec(base);
    if (!bits) continue;
    const family = (bits[1] as string).includes(":") ? 128 : 32;
    if (!size) {
      report({ messageId: "badAddressPool", data: { path, problem: "has no `size`", fix: "add the prefix length of the subnets to cut from it, e.g. \"size\": 24" }, range: pool.range });
      continue;
    }
    if (size.value.type !== "number" || !Number.isInteger(size.value.value)) continue;
    const prefix = Number(bits[2]);
    if (size.value.value < prefix || size.value.value > family || size.value.value <= 0) {
      report({
        messageId: "badAddressPool",
        data: { path: `${path}.size`, problem: `is ${size.value.text}, which cannot cut /${size.value.text} subnets from ${base}`, fix: `use a size from ${prefix} to ${family}` },
        range: size.value.range,
      });
    }
  }
}

/** logger.ValidateLogOpts, run at start for the default log driver when `log-opts` is set. */
function checkLogOpts(model: DaemonModel, report: Report): void {
  const opts = model.get("log-opts")?.value;
  if (opts?.type !== "object" || opts.members.length === 0) return;
  const driverNode = model.get("log-driver")?.value;
  const driver = driverNode === undefined ? "json-file" : stringOf(driverNode);
  if (driver === undefined) return;
  const values = new Map<string, string>();
  const nodes = new Map<string, JsonMember>();
  for (const member of opts.members) {
    if (member.value.type !== "string") return;
    values.set(member.key, member.value.value);
    nodes.set(member.key, member);
  }
  for (const problem of logOptProblems(driver || "json-file", values)) {
    const member = nodes.get(problem.option);
    const fix = problem.suggestion !== undefined ? ` Did you mean \`${problem.suggestion}\`?` : problem.kind === "unknown" ? " Remove it." : "";
    report({
      messageId: "badLogOpt",
      data: { path: `log-opts.${problem.option}`, reason: problem.reason, driver: driver || "json-file", fix },
      range: member ? (problem.kind === "unknown" ? member.keyRange : member.value.range) : opts.range,
    });
  }
}

/**
 * The fields of containerd's runc shim options (runc/options.Options), into which dockerd's
 * shimopts.Generate decodes a `runtimeType: io.containerd.runc.v2` runtime's `options`: it writes
 * the JSON values as TOML (go-toml v2) and reads that into the struct, matching field names
 * without regard to case and ignoring unknown ones. A value of another TOML type stops dockerd
 * ("cannot decode TOML … into struct field …"); a JSON number, a Go float64 to encoding/json,
 * becomes a TOML float, which no integer field takes.
 */
const RUNC_SHIM_OPTIONS: Readonly<Record<string, "string" | "boolean" | "integer">> = {
  NoPivotRoot: "boolean",
  NoNewKeyring: "boolean",
  ShimCgroup: "string",
  IoUid: "integer",
  IoGid: "integer",
  BinaryName: "string",
  Root: "string",
  SystemdCgroup: "boolean",
  CriuImagePath: "string",
  CriuWorkPath: "string",
  TaskApiAddress: "string",
  TaskApiVersion: "integer",
};

/** The TOML type a JSON value becomes in shimopts.Generate. */
function tomlTypeOf(node: JsonNode): string {
  switch (node.type) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      return "float";
    case "array":
      return "array";
    case "object":
      return "table";
    default:
      return node.type;
  }
}

function checkRuncShimOptions(name: string, options: JsonNode, report: Report): void {
  if (options.type !== "object") return;
  const fields = Object.keys(RUNC_SHIM_OPTIONS);
  for (const member of options.members) {
    const path = `runtimes.${name}.options.${member.key}`;
    const field = fields.find((known) => known.toLowerCase() === member.key.toLowerCase());
    if (field === undefined) {
      const close = closest(member.key, fields);
      report(
        close === undefined
          ? { messageId: "ignoredKeyNoSuggestion", data: { path }, range: member.keyRange }
          : { messageId: "ignoredKey", data: { path, suggestion: `runtimes.${name}.options.${close}` }, range: member.keyRange },
      );
      continue;
    }
    const expected = RUNC_SHIM_OPTIONS[field] as "string" | "boolean" | "integer";
    const actual = tomlTypeOf(member.value);
    // A null is left out of the TOML; only a value of another type stops dockerd.
    if (member.value.type === "null" || actual === expected) continue;
    const fix =
      expected === "integer"
        ? "remove it: a JSON number reaches the shim as a TOML float, which an integer field refuses, so daemon.json cannot set it"
        : expected === "boolean"
          ? `write ${field === "SystemdCgroup" ? "true" : "true or false"} without quotes`
          : "write it as a JSON string";
    report({
      messageId: "badShimOption",
      data: { path, actual, expected: expected === "integer" ? "an integer" : `a ${expected}`, field, fix },
      range: member.value.range,
    });
  }
}

/** daemon setupRuntimes. */
function checkRuntimes(model: DaemonModel, report: Report): void {
  const runtimes = model.get("runtimes")?.value;
  const defined = new Set<string>();
  if (runtimes?.type === "object") {
    for (const runtime of runtimes.members) {
      defined.add(runtime.key);
      if (runtime.key === "runc") {
        report({ messageId: "reservedRuntime", data: { path: `runtimes.${runtime.key}` }, range: runtime.keyRange });
        continue;
      }
      if (runtime.value.type !== "object") continue;
      const field = (name: string): JsonMember | undefined => memberOf(runtime.value, name, STRUCT);
      const path = field("path");
      const type = field("runtimeType");
      const args = field("runtimeArgs");
      const options = field("options");
      const has = (member: JsonMember | undefined): member is JsonMember =>
        member !== undefined && !(member.value.type === "string" && member.value.value === "") && member.value.type !== "null";
      const nonEmpty = (member: JsonMember | undefined): member is JsonMember =>
        member !== undefined && ((member.value.type === "array" && member.value.items.length > 0) || (member.value.type === "object" && member.value.members.length > 0));
      const bad = (at: JsonMember | undefined, problem: string, fix: string): void =>
        report({ messageId: "badRuntime", data: { name: runtime.key, problem, fix }, range: at ? at.keyRange : runtime.keyRange });
      if (!has(path) && !has(type)) bad(undefined, "has neither `path` nor `runtimeType`", "set `path` to the runtime's binary, or `runtimeType` to a containerd shim such as io.containerd.runc.v2");
      else if (has(path) && has(type)) bad(type, "sets both `path` and `runtimeType`", "keep one of them");
      else if (has(path) && nonEmpty(options)) bad(options, "has `options` beside `path`", "options are for a `runtimeType` runtime: remove them, or use `runtimeArgs`");
      else if (has(type) && nonEmpty(args)) bad(args, "has `runtimeArgs` beside `runtimeType`", "arguments are for a `path` runtime: remove them, or set them in `options`");
      else if (has(type) && type.value.type === "string" && type.value.value === RUNC_V2 && options) checkRuncShimOptions(runtime.key, options.value, report);
    }
  }
  const chosen = model.get("default-runtime");
  const name = stringOf(chosen?.value);
  if (!chosen || name === undefined || name === "" || STOCK_RUNTIMES.includes(name) || defined.has(name) || isContainerdRuntimeName(name)) return;
  const close = closest(name, [...STOCK_RUNTIMES, ...defined]);
  report({
    messageId: "undefinedRuntime",
    data: { name, fix: close ? `use "${close}" if that is the one you meant` : `define it under \`runtimes\` (e.g. "runtimes": {"${name}": {"path": "/usr/bin/${name}"}})` },
    range: chosen.value.range,
  });
}
