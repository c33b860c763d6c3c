/**
 * How a service is merged with the service it `extends` (compose-spec `05-services.md#extends`
 * and `13-merge.md`, as compose-go implements them):
 *
 * - mappings are merged key by key, the extending service winning;
 * - `environment`, `labels`, `annotations`, `sysctls`, `extra_hosts`, `build.args`, … are
 *   mappings even when written as `KEY=value` lists, merged by name;
 * - `volumes` and `devices` are merged by their target path, `ports` by (host IP, published,
 *   target, protocol), `secrets` and `configs` by name, `depends_on` and `networks` by name;
 * - `cap_add`, `cap_drop`, `security_opt`, `expose`, `external_links`, … are united (no duplicates);
 * - other sequences (`dns`, `dns_search`, `env_file`, `tmpfs`, …) are appended;
 * - `command`, `entrypoint` and `healthcheck.test` are replaced, as are scalars.
 *
 * This module merges plain values (for `service.get()`); the typed accessors merge their parsed
 * items with the same keys (see `parse.ts`).
 */
import { parseShortPort, parseShortVolume } from "./syntax.js";
import { ownValue } from "../util/own-value.js";
import { isRecord } from "../util/is-record.js";

const REPLACED = new Set(["command", "entrypoint", "healthcheck.test"]);

/** Written as a map or as a list of `KEY=value` (or `KEY:value` for extra_hosts): merged by name. */
const KEYED = new Set([
  "environment",
  "labels",
  "annotations",
  "sysctls",
  "extra_hosts",
  "build.args",
  "build.labels",
  "build.extra_hosts",
  "deploy.labels",
]);

/** Lists (or maps) of names merged by name. */
const BY_NAME = new Set(["depends_on", "networks"]);

/** Sequences whose merged result has no duplicates. */
const UNIQUE = new Set([
  "cap_add",
  "cap_drop",
  "security_opt",
  "expose",
  "external_links",
  "device_cgroup_rules",
  "profiles",
  "deploy.placement.constraints",
  "deploy.placement.preferences",
  "deploy.resources.reservations.generic_resources",
]);

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** `KEY=value` list or map → ordered entries [name, value-as-written]. */
function keyedEntries(value: unknown, separators: string): [string, unknown][] {
  if (isRecord(value)) return Object.entries(value);
  if (!Array.isArray(value)) return [];
  return value.map((item): [string, unknown] => {
    const raw = text(item);
    let cut = -1;
    for (const separator of separators) {
      const at = raw.indexOf(separator);
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    return cut < 0 ? [raw, item] : [raw.slice(0, cut), item];
  });
}

function mergeKeyed(base: unknown, own: unknown, path: string): unknown {
  const separators = path.endsWith("extra_hosts") ? "=:" : "=";
  if (isRecord(own)) {
    const out: Record<string, unknown> = {};
    for (const [name, value] of keyedEntries(base, separators)) {
      if (isRecord(base)) out[name] = value;
      else {
        const raw = text(value);
        out[name] = raw === name ? null : raw.slice(name.length + 1);
      }
    }
    for (const [name, value] of Object.entries(own)) out[name] = value;
    return out;
  }
  if (Array.isArray(own)) {
    const merged = new Map<string, unknown>();
    for (const [name, value] of keyedEntries(base, separators)) {
      merged.set(name, isRecord(base) ? (value === null || value === undefined ? name : `${name}=${text(value)}`) : value);
    }
    for (const [name, value] of keyedEntries(own, separators)) {
      merged.delete(name);
      merged.set(name, value);
    }
    return [...merged.values()];
  }
  return own;
}

/** `own` merged over `base` by key: a known key is replaced in place, a new one appended (Compose's list merge). */
export function uniqueBy<T>(base: readonly T[], own: readonly T[], key: (item: T) => string): T[] {
  const out: T[] = [];
  const index = new Map<string, number>();
  for (const item of [...base, ...own]) {
    const k = key(item);
    const at = index.get(k);
    if (at !== undefined) out[at] = item;
    else {
      index.set(k, out.length);
      out.push(item);
    }
  }
  return out;
}

export function portKey(port: { hostIp?: string | undefined; published?: string | undefined; target: string; protocol?: string | undefined }): string {
  return `${port.hostIp ?? ""}|${port.published ?? ""}|${port.target}|${port.protocol ?? "tcp"}`;
}

function plainPortKey(item: unknown): string {
  if (isRecord(item)) {
    return portKey({
      hostIp: item["host_ip"] === undefined ? undefined : text(item["host_ip"]),
      published: item["published"] === undefined || item["published"] === null ? undefined : text(item["published"]),
      target: text(item["target"]),
      protocol: item["protocol"] === undefined ? undefined : text(item["protocol"]),
    });
  }
  return portKey(parseShortPort(text(item)));
}

function plainVolumeTarget(item: unknown): string {
  if (isRecord(item)) return text(item["target"]);
  return parseShortVolume(text(item)).target;
}

/** `/dev/sda:/dev/xvda:rwm` → `/dev/xvda`; a lone path is its own target. */
function plainDeviceTarget(item: unknown): string {
  if (isRecord(item)) return text(item["target"] ?? item["source"]);
  const parts = text(item).split(":");
  return parts.length >= 2 ? (parts[1] ?? "") : (parts[0] ?? "");
}

function plainMountName(item: unknown): string {
  if (isRecord(item)) return text(item["target"] ?? item["source"]);
  return text(item);
}

function byName(value: unknown): [string, unknown][] {
  if (isRecord(value)) return Object.entries(value);
  if (Array.isArray(value)) return value.map((item): [string, unknown] => [text(item), null]);
  return [];
}

function mergeByName(base: unknown, own: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(own)) return uniqueBy(base, own, text);
  const out: Record<string, unknown> = {};
  for (const [name, value] of byName(base)) out[name] = value;
  for (const [name, value] of byName(own)) {
    const before = out[name];
    out[name] = isRecord(before) && isRecord(value) ? { ...before, ...value } : value;
  }
  return out;
}

const SEQUENCE_KEYS: Readonly<Record<string, (item: unknown) => string>> = {
  ports: plainPortKey,
  volumes: plainVolumeTarget,
  devices: plainDeviceTarget,
  secrets: plainMountName,
  configs: plainMountName,
  "blkio_config.device_read_bps": (item) => (isRecord(item) ? text(item["path"]) : text(item)),
  "blkio_config.device_read_iops": (item) => (isRecord(item) ? text(item["path"]) : text(item)),
  "blkio_config.device_write_bps": (item) => (isRecord(item) ? text(item["path"]) : text(item)),
  "blkio_config.device_write_iops": (item) => (isRecord(item) ? text(item["path"]) : text(item)),
  "blkio_config.weight_device": (item) => (isRecord(item) ? text(item["path"]) : text(item)),
};

function mergeMaps(base: Record<string, unknown>, own: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(own)) {
    out[name] = Object.hasOwn(base, name) && !name.startsWith("x-") ? mergeServiceValue(base[name], value, [...path, name]) : value;
  }
  return out;
}

/**
 * Merges the value a base service has at `path` (keys inside the service) with the value the
 * extending service writes there. Both are plain values (aliases resolved, not interpolated).
 */
export function mergeServiceValue(base: unknown, own: unknown, path: readonly string[]): unknown {
  const key = path.join(".");
  if (REPLACED.has(key)) return own;
  if (KEYED.has(key)) return mergeKeyed(base, own, key);
  if (BY_NAME.has(key)) return mergeByName(base, own);
  if (key === "build") {
    // `build: ./dir` is `build: {context: ./dir}`.
    const asMap = (value: unknown): unknown => (typeof value === "string" ? { context: value } : value);
    const b = asMap(base);
    const o = asMap(own);
    return isRecord(b) && isRecord(o) ? mergeMaps(b, o, path) : own;
  }
  if (isRecord(base) && isRecord(own)) return mergeMaps(base, own, path);
  if (Array.isArray(base) && Array.isArray(own)) {
    const unique = ownValue(SEQUENCE_KEYS, key);
    if (unique) return uniqueBy(base, own, unique);
    if (UNIQUE.has(key)) return uniqueBy(base, own, (item) => JSON.stringify(item));
    return [...base, ...own];
  }
  return own;
}
