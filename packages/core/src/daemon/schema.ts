/**
 * The settings dockerd reads from daemon.json (Linux), written from the `dockerd` reference
 * ("Daemon configuration file": the full example of allowed options) and the Go types behind it:
 * dockerd decodes the file with encoding/json, so `"icc": "false"` (a string for a boolean),
 * `"mtu": 1500.5` or a number among `log-opts` (a map of strings) stop the daemon from starting,
 * and so does a key it does not know.
 */
export type ValueSchema =
  | { type: "boolean" }
  | { type: "string"; enum?: readonly string[] }
  | { type: "integer" }
  | { type: "array"; items: ValueSchema }
  /** An object: known `properties`, and `values` for any other key (none allowed when absent). */
  | { type: "object"; properties?: Readonly<Record<string, ValueSchema>>; values?: ValueSchema }
  /** Anything (BuildKit's `builder` section has its own, evolving schema). */
  | { type: "any" };

const bool: ValueSchema = { type: "boolean" };
const str: ValueSchema = { type: "string" };
const int: ValueSchema = { type: "integer" };
const strings: ValueSchema = { type: "array", items: str };
const stringMap: ValueSchema = { type: "object", values: str };

export const DAEMON_KEYS: Readonly<Record<string, ValueSchema>> = {
  "allow-direct-routing": bool,
  "allow-nondistributable-artifacts": strings,
  "api-cors-header": str,
  "authorization-plugins": strings,
  bip: str,
  bip6: str,
  bridge: str,
  "bridge-accept-fwmark": str,
  builder: { type: "any" },
  "cdi-spec-dirs": strings,
  "cgroup-parent": str,
  containerd: str,
  "containerd-namespace": str,
  "containerd-plugins-namespace": str,
  "cpu-rt-period": int,
  "cpu-rt-runtime": int,
  "data-root": str,
  debug: bool,
  "default-address-pools": { type: "array", items: { type: "object", properties: { base: str, size: int } } },
  "default-cgroupns-mode": { type: "string", enum: ["host", "private"] },
  "default-gateway": str,
  "default-gateway-v6": str,
  "default-ipc-mode": { type: "string", enum: ["private", "shareable"] },
  "default-network-opts": { type: "object", values: stringMap },
  "default-runtime": str,
  "default-shm-size": str,
  "default-ulimits": { type: "object", values: { type: "object", properties: { Name: str, Hard: int, Soft: int } } },
  dns: strings,
  "dns-opts": strings,
  "dns-search": strings,
  "exec-opts": strings,
  "exec-root": str,
  experimental: bool,
  features: { type: "object", values: bool },
  "firewall-backend": { type: "string", enum: ["iptables", "nftables"] },
  "fixed-cidr": str,
  "fixed-cidr-v6": str,
  group: str,
  "host-gateway-ip": str,
  "host-gateway-ips": strings,
  hosts: strings,
  icc: bool,
  init: bool,
  "init-path": str,
  "insecure-registries": strings,
  ip: str,
  "ip-forward": bool,
  "ip-forward-no-drop": bool,
  "ip-masq": bool,
  ip6tables: bool,
  iptables: bool,
  ipv6: bool,
  labels: strings,
  "live-restore": bool,
  "log-driver": str,
  "log-format": { type: "string", enum: ["text", "json"] },
  "log-level": { type: "string", enum: ["debug", "info", "warn", "error", "fatal", "panic", "trace"] },
  "log-opts": stringMap,
  "max-concurrent-downloads": int,
  "max-concurrent-uploads": int,
  "max-download-attempts": int,
  "metrics-addr": str,
  mtu: int,
  "network-control-plane-mtu": int,
  "no-new-privileges": bool,
  "node-generic-resources": strings,
  pidfile: str,
  proxies: { type: "object", properties: { "http-proxy": str, "https-proxy": str, "no-proxy": str } },
  "raw-logs": bool,
  "registry-mirrors": strings,
  rootless: bool,
  runtimes: {
    type: "object",
    values: { type: "object", properties: { path: str, runtimeArgs: strings, runtimeType: str, options: { type: "any" } } },
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
  "userland-proxy-path": str,
  "userns-remap": str,
};

/** Keys older daemons read and current ones refuse, with what replaces them. */
export const REMOVED_DAEMON_KEYS: Readonly<Record<string, string>> = {
  graph: 'use "data-root" instead',
  "cluster-store": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "cluster-store-opts": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "cluster-advertise": "the legacy overlay networking it configured is gone; use Swarm mode for multi-host networks",
  "disable-legacy-registry": "the v1 registry protocol it turned off is gone; remove the key",
  "oom-score-adjust": "the daemon no longer adjusts its own OOM score; set OOMScoreAdjust in the systemd unit instead",
};
