import type { Node, Scalar } from "yaml";
import { composeBoolean, goYamlValue, readUnitBytes } from "../../compose/go-scalars.js";
import { goParseFloat, goParseInt } from "../../util/go-strconv.js";
import type { ComposeModel } from "../../compose/model.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { goDurationErrorText, readGoDuration, STR2DURATION_UNITS } from "../../util/go-duration.js";
import { mapEntries } from "./_c-nodes.js";

/**
 * How compose-go reads a field (compose-spec/compose-go@e70e961):
 * - `boolean`: loader/interpolate.go `toBoolean`, by the interpolation table or mapstructure's `cast` hook;
 * - `integer`: `toInt` (`strconv.Atoi`) or `toInt64` (`ParseInt`), then signed;
 * - `count`: a `*uint64` read by `toInt`, so a string must be a number, and no number may be negative;
 * - `float`/`float32`: `toFloat`/`toFloat32` at interpolation (the schema then sees the number);
 * - `cpus`: `types.NanoCPUs` (`ParseFloat` after the schema);
 * - `unsigned`: a `uint16`/`uint32` nothing casts: mapstructure takes numbers only, none negative;
 * - `bytes`: `types.UnitBytes`; `duration`: `types.Duration` (str2duration);
 * - `fileMode`: `types.FileMode` (`ParseInt(s, 8, 64)`; a float is refused);
 * - `deviceCount`: `types.DeviceCount` (`all` or `ParseInt`; a float is refused);
 * - `buildUlimit`: `build.ulimits`, which interpolation does not cast: a string is refused.
 */
type Kind = "boolean" | "integer" | "count" | "float" | "float32" | "cpus" | "unsigned" | "bytes" | "duration" | "fileMode" | "deviceCount" | "buildUlimit";

interface Field {
  kind: Kind;
  /** How to write the value, ending the message ("a number of CPUs, e.g. `0.5`"). */
  example: string;
  /** `toInt` (`strconv.Atoi`) rather than `toInt64` (`strconv.ParseInt`). */
  atoi?: true;
  /** checkConsistency refuses a negative value, whoever wrote it (`scale`, `deploy.replicas`). */
  notNegative?: true;
  /** compose-go's schema bounds on the number a string is cast to (the schema checks YAML numbers themselves). */
  schema?: { min?: number; max?: number; whole?: true };
  /** Why compose-go refuses any string in an `unsigned` or `buildUlimit` field, as Go says it. */
  refusal?: string;
}

const BOOLEAN: Field = { kind: "boolean", example: "`true` or `false`" };
const DURATION: Field = { kind: "duration", example: "a number with a unit (`ns`, `us`, `ms`, `s`, `m`, `h`, `d`, `w`), e.g. `1m30s`" };
const MEMORY: Field = { kind: "bytes", example: "a size such as `512m`, `2g` or `1.5GB` (a number, then an optional `b`, `k`, `m`, `g`, `t` or `p`)" };
const RATE: Field = { kind: "bytes", example: "a number of bytes with an optional unit, e.g. `20mb`" };
const IOPS: Field = { kind: "bytes", example: "a number of operations per second, e.g. `1000`" };
const ULIMIT: Field = { kind: "integer", atoi: true, example: "a number, e.g. `65535`" };
const PARALLELISM: Field = { kind: "count", example: "a number of containers, e.g. `1` (`0` for all at once)" };
const FAILURE_RATIO: Field = { kind: "float", example: "a fraction, e.g. `0.1`" };
const CPUS: Field = { kind: "cpus", example: "a number of CPUs, e.g. `0.5`" };
const FILE_MODE: Field = { kind: "fileMode", example: "octal digits, e.g. `\"0440\"`" };
const DEVICE_COUNT: Field = { kind: "deviceCount", example: "`all` or a number of devices, e.g. `1`" };
// transformUlimits, on the value of one limit (its error says "external", a copy-paste in compose-go).
const BUILD_ULIMIT: Field = { kind: "buildUlimit", refusal: "invalid type string for external", example: "the number without quotes, e.g. `65535`" };
// UlimitsConfig.DecodeMapstructure asserts `soft.(int)`: docker compose panics.
const BUILD_ULIMIT_BOUND: Field = { kind: "buildUlimit", refusal: "interface conversion: interface {} is string, not int", example: "the number without quotes, e.g. `65535`" };
const WEIGHT: Field = { kind: "unsigned", refusal: "expected type 'uint16', got unconvertible type 'string'", example: "a weight from 10 to 1000 without quotes, e.g. `300`" };

/**
 * Every typed field a Compose file can give as a string, where the schema takes a string (so
 * valid-schema is silent) and compose-go may still refuse it. Fields whose schema takes no string
 * (`use_api_socket`, `depends_on.*.required`, `networks.*.priority`, `models.*.context_size`) are
 * valid-schema's; `ports` is valid-ports'.
 */
const FIELDS: Readonly<Record<string, Field>> = {
  "services.*.init": BOOLEAN,
  "services.*.privileged": BOOLEAN,
  "services.*.read_only": BOOLEAN,
  "services.*.stdin_open": BOOLEAN,
  "services.*.tty": BOOLEAN,
  "services.*.oom_kill_disable": BOOLEAN,
  "services.*.attach": BOOLEAN,
  "services.*.depends_on.*.restart": BOOLEAN,
  "services.*.healthcheck.disable": BOOLEAN,
  "services.*.volumes[].read_only": BOOLEAN,
  "services.*.volumes[].volume.nocopy": BOOLEAN,
  "services.*.volumes[].bind.create_host_path": BOOLEAN,
  "services.*.build.no_cache": BOOLEAN,
  "services.*.build.pull": BOOLEAN,
  "services.*.build.privileged": BOOLEAN,
  "services.*.post_start[].privileged": BOOLEAN,
  "services.*.pre_stop[].privileged": BOOLEAN,
  "services.*.pre_start[].privileged": BOOLEAN,
  "services.*.pre_start[].per_replica": BOOLEAN,
  "services.*.develop.watch[].exec.privileged": BOOLEAN,
  "networks.*.external": BOOLEAN,
  "networks.*.internal": BOOLEAN,
  "networks.*.attachable": BOOLEAN,
  "networks.*.enable_ipv4": BOOLEAN,
  "networks.*.enable_ipv6": BOOLEAN,
  "volumes.*.external": BOOLEAN,
  "secrets.*.external": BOOLEAN,
  "configs.*.external": BOOLEAN,

  "services.*.cpu_count": { kind: "integer", schema: { min: 0 }, example: "a number of CPUs, e.g. `2`" },
  "services.*.cpu_percent": { kind: "float", schema: { min: 0, max: 100, whole: true }, example: "a whole percentage from 0 to 100, e.g. `50`" },
  "services.*.cpu_period": { kind: "integer", example: "microseconds as a number, e.g. `100000`" },
  "services.*.cpu_quota": { kind: "integer", example: "microseconds as a number, e.g. `50000`" },
  "services.*.cpu_rt_period": { kind: "integer", example: "microseconds as a number, e.g. `1000000` (a duration such as `1s` is not read here)" },
  "services.*.cpu_rt_runtime": { kind: "integer", example: "microseconds as a number, e.g. `400000` (a duration such as `400ms` is not read here)" },
  "services.*.cpu_shares": { kind: "integer", example: "a relative weight, e.g. `512`" },
  "services.*.cpus": { kind: "float32", example: "a number of CPUs, e.g. `0.5`" },
  "services.*.oom_score_adj": { kind: "integer", schema: { min: -1000, max: 1000 }, example: "a number from -1000 to 1000, e.g. `-500`" },
  "services.*.pids_limit": { kind: "integer", example: "a number of processes, e.g. `200` (`-1` for no limit)" },
  "services.*.scale": { kind: "integer", atoi: true, notNegative: true, example: "a number of containers, e.g. `2`" },
  "services.*.ulimits.*": { ...ULIMIT, example: "a number, e.g. `65535` (`-1` for no limit), or `soft:` and `hard:` numbers" },
  "services.*.ulimits.*.soft": ULIMIT,
  "services.*.ulimits.*.hard": ULIMIT,
  "services.*.deploy.replicas": { kind: "integer", atoi: true, notNegative: true, example: "a number of containers, e.g. `2`" },
  "services.*.deploy.resources.limits.pids": { kind: "integer", example: "a number of processes, e.g. `200`" },
  "services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec.value": { kind: "integer", example: "a number, e.g. `1`" },

  "services.*.healthcheck.retries": { kind: "count", example: "a number of failures, e.g. `3`" },
  "services.*.deploy.update_config.parallelism": PARALLELISM,
  "services.*.deploy.rollback_config.parallelism": PARALLELISM,
  "services.*.deploy.restart_policy.max_attempts": { kind: "count", example: "a number of attempts, e.g. `3` (`0` for no limit)" },
  "services.*.deploy.placement.max_replicas_per_node": { kind: "count", example: "a number of containers, e.g. `1`" },

  "services.*.deploy.update_config.max_failure_ratio": FAILURE_RATIO,
  "services.*.deploy.rollback_config.max_failure_ratio": FAILURE_RATIO,
  "services.*.deploy.resources.limits.cpus": CPUS,
  "services.*.deploy.resources.reservations.cpus": CPUS,

  "services.*.blkio_config.weight": WEIGHT,
  "services.*.blkio_config.weight_device[].weight": WEIGHT,
  "services.*.volumes[].tmpfs.mode": { kind: "unsigned", refusal: "expected type 'uint32', got unconvertible type 'string'", example: "an octal number without quotes, e.g. `0o1777`" },

  "services.*.mem_limit": MEMORY,
  "services.*.mem_reservation": MEMORY,
  "services.*.memswap_limit": { ...MEMORY, example: `${MEMORY.example} (\`-1\` for unlimited swap)` },
  "services.*.mem_swappiness": { kind: "bytes", example: "a percentage from 0 to 100, e.g. `60`" },
  "services.*.shm_size": MEMORY,
  "services.*.build.shm_size": MEMORY,
  "services.*.deploy.resources.limits.memory": MEMORY,
  "services.*.deploy.resources.reservations.memory": MEMORY,
  "services.*.volumes[].tmpfs.size": MEMORY,
  "services.*.blkio_config.device_read_bps[].rate": RATE,
  "services.*.blkio_config.device_write_bps[].rate": RATE,
  "services.*.blkio_config.device_read_iops[].rate": IOPS,
  "services.*.blkio_config.device_write_iops[].rate": IOPS,

  "services.*.healthcheck.interval": DURATION,
  "services.*.healthcheck.timeout": DURATION,
  "services.*.healthcheck.start_period": DURATION,
  "services.*.healthcheck.start_interval": DURATION,
  "services.*.stop_grace_period": DURATION,
  "services.*.deploy.update_config.delay": DURATION,
  "services.*.deploy.update_config.monitor": DURATION,
  "services.*.deploy.rollback_config.delay": DURATION,
  "services.*.deploy.rollback_config.monitor": DURATION,
  "services.*.deploy.restart_policy.delay": DURATION,
  "services.*.deploy.restart_policy.window": DURATION,

  "services.*.secrets[].mode": FILE_MODE,
  "services.*.configs[].mode": FILE_MODE,
  "services.*.build.secrets[].mode": FILE_MODE,

  "services.*.gpus[].count": DEVICE_COUNT,
  "services.*.deploy.resources.reservations.devices[].count": DEVICE_COUNT,

  "services.*.build.ulimits.*": BUILD_ULIMIT,
  "services.*.build.ulimits.*.soft": BUILD_ULIMIT_BOUND,
  "services.*.build.ulimits.*.hard": BUILD_ULIMIT_BOUND,
};

/** The fields as a tree of keys (`*`: any key; `[]`: the items of a list), walked once over the document. */
interface Trie {
  field?: Field;
  keys: Map<string, Trie>;
  any?: Trie;
  items?: Trie;
}

function buildTrie(fields: Readonly<Record<string, Field>>): Trie {
  const root: Trie = { keys: new Map() };
  for (const [path, field] of Object.entries(fields)) {
    let trie = root;
    for (const part of path.split(".")) {
      const name = part.endsWith("[]") ? part.slice(0, -2) : part;
      if (name === "*") trie = trie.any ??= { keys: new Map() };
      else {
        let next = trie.keys.get(name);
        if (!next) trie.keys.set(name, (next = { keys: new Map() }));
        trie = next;
      }
      if (part.endsWith("[]")) trie = trie.items ??= { keys: new Map() };
    }
    trie.field = field;
  }
  return root;
}

const TRIE = buildTrie(FIELDS);

/** Where the walk is, as a chain to the root: the path's text is built only for a finding. */
type PathStep = { parent: PathStep | undefined; key: string } | { parent: PathStep | undefined; index: number };

/** `services.web.ulimits.nofile.soft`, `services.web.volumes[0].tmpfs.size`. */
function pathText(step: PathStep | undefined): string {
  if (!step) return "";
  const parent = pathText(step.parent);
  if ("index" in step) return `${parent}[${step.index}]`;
  return parent === "" ? step.key : `${parent}.${step.key}`;
}

/** A problem with a value: the message, and its data beyond `path` and `value`. */
type Problem = { messageId: string; data: Record<string, string> };

/** `Atoi`'s or `ParseInt`'s error, as Go prints it but without the value (the message shows it). */
function numberReason(fn: string, error: string): string {
  return `strconv.${fn}: ${error}`;
}

function range(field: Field, value: number): string | undefined {
  const { min, max, whole } = field.schema ?? {};
  if (whole && !Number.isInteger(value)) return "must be a integer";
  if (min !== undefined && value < min) return `must be greater than or equal to ${min}`;
  if (max !== undefined && value > max) return `must be less than or equal to ${max}`;
  return undefined;
}

/** A value given as a string: compose-go reads the text, after interpolation. */
function stringProblem(field: Field, text: string): Problem | undefined {
  const example = field.example;
  // No cast turns a string into these fields' numbers, whatever a variable holds.
  if (field.refusal !== undefined) return { messageId: "quoted", data: { reason: field.refusal, example } };
  // Interpolation comes first: a value with a variable is known only when the file is run.
  if (text.includes("$")) return undefined;
  switch (field.kind) {
    case "boolean":
      return composeBoolean(text) === undefined ? { messageId: "boolean", data: { example } } : undefined;
    case "integer":
    case "count": {
      const fn = field.kind === "count" || field.atoi ? "Atoi" : "ParseInt";
      const parsed = goParseInt(text, 10);
      if (!("value" in parsed)) return { messageId: "integer", data: { reason: numberReason(fn, parsed.error), example } };
      if (parsed.value < 0n && (field.kind === "count" || field.notNegative)) return negative(field, String(parsed.value));
      const reason = range(field, Number(parsed.value));
      return reason === undefined ? undefined : { messageId: "range", data: { reason, example } };
    }
    case "float":
    case "float32":
    case "cpus": {
      const parsed = goParseFloat(text, field.kind === "float32" ? 32 : 64);
      if (!("value" in parsed)) return { messageId: "number", data: { reason: numberReason("ParseFloat", parsed.error), example } };
      // A number cast at interpolation goes through encoding/json before the schema sees it.
      if (field.kind !== "cpus" && !Number.isFinite(parsed.value)) {
        return { messageId: "range", data: { reason: `json: unsupported value: ${Number.isNaN(parsed.value) ? "NaN" : parsed.value > 0 ? "+Inf" : "-Inf"}`, example } };
      }
      const reason = range(field, parsed.value);
      return reason === undefined ? undefined : { messageId: "range", data: { reason, example } };
    }
    case "bytes": {
      const read = readUnitBytes(text);
      return "error" in read ? { messageId: "bytes", data: { reason: read.error, example } } : undefined;
    }
    case "duration": {
      const read = readGoDuration(text, STR2DURATION_UNITS);
      if (!("error" in read)) return undefined;
      const bare = read.error === "missingUnit" && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text);
      return { messageId: "duration", data: { reason: goDurationErrorText(read), example: bare ? `it with a unit, e.g. \`${text}s\`` : example } };
    }
    case "fileMode": {
      const parsed = goParseInt(text, 8);
      return "value" in parsed ? undefined : { messageId: "fileMode", data: { reason: numberReason("ParseInt", parsed.error), example } };
    }
    case "deviceCount":
      if (text.toLowerCase() === "all" || "value" in goParseInt(text, 10)) return undefined;
      return { messageId: "deviceCount", data: { reason: "invalid value, the only value allowed is 'all' or a number", example } };
  }
}

function negative(field: Field, written: string): Problem {
  // checkConsistency's words for `scale` and `replicas`; mapstructure's for an unsigned field.
  const reason = field.notNegative ? "must be greater than or equal to 0" : `${written} overflows uint`;
  return { messageId: "negative", data: { reason, example: field.example } };
}

/** A value given as a number (go-yaml and docklint's parser agree that it is one). */
function numberProblem(field: Field, value: number, float: boolean): Problem | undefined {
  switch (field.kind) {
    case "count":
    case "unsigned":
      // decodeUint: `%d overflows uint` for an int, `%f` for a float (`-1.500000`).
      return value < 0 ? negative(field, float ? value.toFixed(6) : String(value)) : undefined;
    case "integer":
      return field.notNegative && value < 0 ? negative(field, String(value)) : undefined;
    case "fileMode":
      return float ? { messageId: "fileMode", data: { reason: "unexpected value type float64 for mode", example: field.example } } : undefined;
    case "deviceCount":
      // A number that is not whole is valid-schema's (`integer`); `1.0` is whole to it, a float to Go.
      return float && Number.isInteger(value) ? { messageId: "deviceCount", data: { reason: "invalid type float64 for device count", example: field.example } } : undefined;
    default:
      return undefined;
  }
}

function check(node: Scalar, field: Field): Problem | undefined {
  const go = goYamlValue(node);
  const value: unknown = node.value;
  // Only where both parsers read the same type: where they differ, valid-schema (which sees
  // docklint's reading) or compose-go's schema speaks first.
  if (go?.kind === "string") return typeof value === "string" ? stringProblem(field, go.text) : undefined;
  if ((go?.kind === "int" || go?.kind === "float") && typeof value === "number") return numberProblem(field, value, go.kind === "float");
  return undefined;
}

/** How the message shows the value: a string quoted, a number as written. */
function shown(node: Scalar): string {
  const value: unknown = node.value;
  if (typeof value === "string") return JSON.stringify(value);
  return typeof node.source === "string" ? node.source : String(value);
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-scalar-values",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require booleans, numbers, byte sizes, durations and file modes that compose-go can convert to its types.",
    presets: ["recommended"],
    messages: {
      boolean: "`{{path}}` is {{value}}, which docker compose cannot read as a boolean (\"invalid boolean\"); write {{example}}.",
      integer: "`{{path}}` is {{value}}, which docker compose cannot read as a whole number (\"{{reason}}\"); write {{example}}.",
      number: "`{{path}}` is {{value}}, which docker compose cannot read as a number (\"{{reason}}\"); write {{example}}.",
      range: "`{{path}}` is {{value}}, which docker compose refuses once it has read it as a number (\"{{reason}}\"); write {{example}}.",
      negative: "`{{path}}` is {{value}}, but docker compose takes no negative number there (\"{{reason}}\"); write {{example}}.",
      quoted:
        "`{{path}}` is the string {{value}}, which docker compose refuses (\"{{reason}}\"): it converts no string to a number there, even a number in quotes or from a variable; write {{example}}.",
      bytes: "`{{path}}` is {{value}}, which docker compose cannot read as a byte size (\"{{reason}}\"); write {{example}}.",
      duration: "`{{path}}` is {{value}}, which docker compose cannot read as a duration (\"{{reason}}\"); write {{example}}.",
      fileMode: "`{{path}}` is {{value}}, which docker compose cannot read as an octal file mode (\"{{reason}}\"); write {{example}}.",
      deviceCount: "`{{path}}` is {{value}}, which docker compose cannot read as a device count (\"{{reason}}\"); write {{example}}.",
    },
    references: {},
  },
  check({ model, report }) {
    // A v1 file is valid-schema's single finding.
    if (model.isLegacyV1) return;
    // A value shared through an anchor is checked once per kind of field, and reported where it is
    // written. Most values are reached once: a Set is made only for one reached by a second field.
    const seen = new Map<Node, Field | Set<Field>>();
    const firstVisit = (node: Node, field: Field): boolean => {
      const known = seen.get(node);
      if (known === undefined) seen.set(node, field);
      else if (known === field || (known instanceof Set && known.has(field))) return false;
      else if (known instanceof Set) known.add(field);
      else seen.set(node, new Set([known, field]));
      return true;
    };
    const walk = (node: unknown, trie: Trie, path: PathStep | undefined): void => {
      const resolved: unknown = isAlias(node) ? resolveAlias(node, model.document) : node;
      if (!resolved || (resolved as Node).tag === "!reset") return;
      if (isScalar(resolved)) {
        const field = trie.field;
        if (!field || !firstVisit(resolved, field)) return;
        const problem = check(resolved, field);
        if (!problem || !resolved.range) return;
        const descriptor: ReportDescriptor = {
          messageId: problem.messageId,
          data: { path: pathText(path), value: shown(resolved), ...problem.data },
          range: [resolved.range[0], resolved.range[1]],
        };
        report(descriptor);
      } else if (isMap(resolved)) {
        if (trie.keys.size === 0 && !trie.any) return;
        for (const entry of mapEntries(model, resolved, undefined)) {
          const next = trie.keys.get(entry.key) ?? trie.any;
          if (next) walk(entry.value, next, { parent: path, key: entry.key });
        }
      } else if (isSeq(resolved) && trie.items) {
        const items = trie.items;
        resolved.items.forEach((item, index) => walk(item, items, { parent: path, index }));
      }
    };
    walk(model.document.contents, TRIE, undefined);
  },
});
