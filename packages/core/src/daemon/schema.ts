import type { StringFormat } from "./formats.js";

/**
 * The settings dockerd reads from daemon.json (Linux), written from the `dockerd` reference
 * ("Daemon configuration file": the full example of allowed options) and the Go types behind it:
 * dockerd decodes the file with encoding/json, so `"icc": "false"` (a string for a boolean),
 * `"mtu": 1500.5` or a number among `log-opts` (a map of strings) stop the daemon from starting,
 * and so does a key it does not know.
 */
export type ValueSchema =
  | { type: "boolean" }
  /**
   * `format`: a value dockerd parses (daemon/formats.ts), only while the boolean setting `parsedWhen.key`
   * is true (`parsedWhen.default` when it is not set); `enumIgnoresCase`: dockerd lower-cases the value first.
   */
  | {
      type: "string";
      enum?: readonly string[];
      enumIgnoresCase?: boolean;
      format?: StringFormat;
      parsedWhen?: { key: string; default: boolean };
    }
  /** Within Go's int64, and the bounds dockerd checks. */
  | { type: "integer"; minimum?: number; maximum?: number }
  | { type: "array"; items: ValueSchema }
  /**
   * An object: known `properties`, and `values` for any other key (none allowed when absent).
   * `struct`: decoded into a Go struct, whose fields encoding/json matches without regard to case
   * and which ignores unknown keys (`"strict"`: refuses them, as DisallowUnknownFields does).
   */
  | { type: "object"; properties?: Readonly<Record<string, ValueSchema>>; values?: ValueSchema; struct?: "lenient" | "strict" }
  /** Anything. */
  | { type: "any" };

const bool: ValueSchema = { type: "boolean" };
const str: ValueSchema = { type: "string" };
const int: ValueSchema = { type: "integer" };
const count: ValueSchema = { type: "integer", minimum: 0 };
const strings: ValueSchema = { type: "array", items: str };
const stringMap: ValueSchema = { type: "object", values: str };
const formatted = (format: StringFormat): ValueSchema => ({ type: "string", format });
const formattedList = (format: StringFormat): ValueSchema => ({ type: "array", items: formatted(format) });

/** BuildKit's settings (daemon/config/builder.go); sizes are parsed when the build cache's GC starts. */
const diskSize = formatted("disk-size");
const BUILDER: ValueSchema = {
  type: "object",
  struct: "lenient",
  properties: {
    GC: {
      type: "object",
      struct: "lenient",
      properties: {
        Enabled: bool,
        Policy: {
          type: "array",
          items: {
            type: "object",
            struct: "lenient",
            // Filter: a list of "key=value" or a filters object.
            properties: { All: bool, Filter: { type: "any" }, ReservedSpace: diskSize, MaxUsedSpace: diskSize, MinFreeSpace: diskSize, KeepStorage: diskSize },
          },
        },
        DefaultReservedSpace: diskSize,
        DefaultMaxUsedSpace: diskSize,
        DefaultMinFreeSpace: diskSize,
        DefaultKeepStorage: diskSize,
      },
    },
    Entitlements: { type: "object", struct: "lenient", properties: { "network-host": bool, "security-insecure": bool, device: bool } },
    // MaxAge: a Go duration string or a number of nanoseconds.
    History: { type: "object", struct: "lenient", properties: { MaxAge: { type: "any" }, MaxEntries: int } },
  },
};

export const DAEMON_KEYS: Readonly<Record<string, ValueSchema>> = {
  "allow-direct-routing": bool,
  "allow-nondistributable-artifacts": strings,
  "authorization-plugins": strings,
  bip: formatted("cidr"),
  bip6: { type: "string", format: "cidr", parsedWhen: { key: "ipv6", default: false } },
  bridge: str,
  "bridge-accept-fwmark": formatted("fwmark"),
  builder: BUILDER,
  "cdi-spec-dirs": strings,
  "cgroup-parent": str,
  containerd: str,
  "containerd-namespace": str,
  "containerd-plugins-namespace": str,
  "cpu-rt-period": int,
  "cpu-rt-runtime": int,
  "cri-containerd": bool,
  "data-root": str,
  debug: bool,
  "default-address-pools": { type: "array", items: { type: "object", struct: "lenient", properties: { base: formatted("prefix"), size: int } } },
  "default-cgroupns-mode": { type: "string", enum: ["host", "private"] },
  "default-gateway": formatted("ip"),
  "default-gateway-v6": formatted("ip"),
  "default-ipc-mode": { type: "string", enum: ["private", "shareable"] },
  "default-network-opts": { type: "object", values: stringMap },
  "default-runtime": str,
  "default-shm-size": formatted("size"),
  "default-stop-timeout": count,
  "default-ulimits": { type: "object", values: { type: "object", struct: "lenient", properties: { Name: str, Hard: int, Soft: int } } },
  dns: formattedList("ip-or-zone"),
  "dns-opts": strings,
  "dns-search": formattedList("dns-search"),
  "exec-opts": formattedList("exec-opt"),
  "exec-root": str,
  experimental: bool,
  features: { type: "object", values: bool },
  "firewall-backend": { type: "string", enum: ["iptables", "nftables"] },
  "fixed-cidr": formatted("cidr"),
  "fixed-cidr-v6": formatted("ipv6-cidr"),
  group: str,
  "host-gateway-ip": formatted("ip"),
  "host-gateway-ips": formattedList("ip-or-zone"),
  hosts: formattedList("host"),
  icc: bool,
  init: bool,
  "init-path": str,
  "insecure-registries": formattedList("insecure-registry"),
  ip: formatted("ip"),
  "ip-forward": bool,
  "ip-forward-no-drop": bool,
  "ip-masq": bool,
  ip6tables: bool,
  iptables: bool,
  ipv6: bool,
  labels: formattedList("label"),
  "live-restore": bool,
  "log-driver": str,
  "log-format": { type: "string", enum: ["text", "json"] },
  "log-level": { type: "string", enum: ["debug", "info", "warn", "error", "fatal", "panic", "trace"], enumIgnoresCase: true },
  "log-opts": stringMap,
  "max-concurrent-downloads": count,
  "max-concurrent-uploads": count,
  "max-download-attempts": count,
  "metrics-addr": str,
  "min-api-version": formatted("api-version"),
  mtu: count,
  "network-control-plane-mtu": int,
  "network-diagnostic-port": { type: "integer", minimum: 0, maximum: 65535 },
  "no-new-privileges": bool,
  "node-generic-resources": formattedList("generic-resource"),
  "nri-opts": {
    type: "object",
    struct: "strict",
    properties: { enable: bool, "plugin-path": str, "plugin-config-path": str, "socket-path": str },
  },
  pidfile: str,
  proxies: { type: "object", properties: { "http-proxy": str, "https-proxy": str, "no-proxy": str } },
  "raw-logs": bool,
  "registry-mirrors": formattedList("mirror"),
  rootless: bool,
  runtimes: {
    type: "object",
    values: { type: "object", struct: "lenient", properties: { path: str, runtimeArgs: strings, runtimeType: str, options: { type: "object", values: { type: "any" } } } },
  },
  "seccomp-profile": str,
  "selinux-enabled": bool,
  "shutdown-timeout": int,
  "storage-driver": str,
  "storage-opts": strings,
  "swarm-default-advertise-addr": str,
  tls: bool,
  tlscacert: str,
  tlscert: str,
  tlskey: str,
  tlsverify: bool,
  "userland-proxy": bool,
  "userland-proxy-path": { type: "string", format: "absolute-path", parsedWhen: { key: "userland-proxy", default: true } },
  "userns-remap": formatted("userns-remap"),
};

/** Keys older daemons read and current ones refuse, with what replaces them. */
export const REMOVED_DAEMON_KEYS: Readonly<Record<string, string>> = {
  graph: 'use "data-root" instead',
  "cluster-store": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "cluster-store-opts": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "cluster-advertise": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "api-cors-header": "dockerd no longer serves cross-origin requests (set CORS headers in a reverse proxy in front of the API)",
  "disable-legacy-registry": "the v1 registry protocol it turned off is gone; remove the key",
  "oom-score-adjust": "the daemon no longer adjusts its own OOM score; set OOMScoreAdjust in the systemd unit instead",
};
