import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-conflicting-daemon-settings.js";

/** The 1-based column where `needle` starts in a one-line `code`. */
const at = (code: string, needle: string): number => code.indexOf(needle) + 1;

const conflict = (name: string, settings: string, key: string, data: Record<string, string>) => {
  const code = `{${settings}}`;
  const needle = `"${key}"`;
  return { name, code, errors: [{ messageId: "conflict", data, line: 1, column: at(code, needle), endColumn: at(code, needle) + needle.length }] };
};

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "empty file", code: "" },
    { name: "a bridge of one's own, without bip", code: '{"bridge": "br0", "fixed-cidr": "10.20.0.0/24"}' },
    { name: "bip without a bridge of one's own", code: '{"bip": "10.20.0.1/24", "bridge": ""}' },
    { name: "icc off with iptables on", code: '{"icc": false, "iptables": true}' },
    { name: "iptables off with icc on", code: '{"icc": true, "iptables": false}' },
    { name: "ip6tables off without IPv6", code: '{"icc": false, "ip6tables": false}' },
    { name: "host-gateway-ips alone", code: '{"host-gateway-ips": ["192.0.2.1"]}' },
    { name: "an empty host-gateway-ip beside host-gateway-ips", code: '{"host-gateway-ip": "", "host-gateway-ips": ["192.0.2.1"]}' },
    { name: "a containerd namespace of one's own", code: '{"containerd-namespace": "docker"}' },
    { name: "userns-remap with the snapshotter off", code: '{"userns-remap": "default", "features": {"containerd-snapshotter": false}}' },
    { name: "a slice with the systemd driver", code: '{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "docker.slice"}' },
    { name: "any cgroup parent with cgroupfs", code: '{"exec-opts": ["native.cgroupdriver=cgroupfs"], "cgroup-parent": "docker"}' },
    // Without an explicit driver, dockerd picks systemd only on a cgroup v2 host run by systemd: unknown here.
    { name: "a cgroup parent without an explicit driver", code: '{"cgroup-parent": "docker"}' },
    { name: "CRI without embedded containerd", code: '{"cri-containerd": true, "features": {"embedded-containerd": false}}' },
  ],
  invalid: [
    conflict("bridge and bip", '"bridge": "br0", "bip": "10.20.0.1/24"', "bip", {
      key: "bip",
      other: "bridge",
      line: "1",
      dockerd: "You specified -b & --bip, mutually exclusive options",
      fix: "`bip` sets the address of the bridge that dockerd creates; with your own bridge (`bridge`), give that bridge its address instead and remove `bip`",
    }),
    conflict("bridge and bip6", '"bridge": "br0", "bip6": "fd00:20::1/64"', "bip6", {
      key: "bip6",
      other: "bridge",
      line: "1",
      dockerd: "You specified -b & --bip6, mutually exclusive options",
      fix: "`bip6` sets the address of the bridge that dockerd creates; with your own bridge (`bridge`), give that bridge its address instead and remove `bip6`",
    }),
    conflict("icc off without iptables", '"icc": false, "iptables": false', "iptables", {
      key: "iptables",
      other: "icc",
      line: "1",
      dockerd: "ICC=false uses iptables to function",
      fix: "keep `iptables` on (remove the line), or set `icc` to true",
    }),
    conflict("icc off with IPv6 and without ip6tables", '"icc": false, "ipv6": true, "ip6tables": false', "ip6tables", {
      key: "ip6tables",
      other: "icc",
      line: "1",
      dockerd: "ICC=false uses ip6tables to function",
      fix: "keep `ip6tables` on (remove the line), or set `icc` to true",
    }),
    conflict("host-gateway-ip beside host-gateway-ips", '"host-gateway-ip": "192.0.2.1", "host-gateway-ips": ["192.0.2.2"]', "host-gateway-ip", {
      key: "host-gateway-ip",
      other: "host-gateway-ips",
      line: "1",
      dockerd: "host-gateway-ip and host-gateway-ips must not both be specified in the config file",
      fix: "move the address into `host-gateway-ips` and remove `host-gateway-ip`",
    }),
    conflict("userns-remap with the containerd snapshotter", '"userns-remap": "default", "features": {"containerd-snapshotter": true}', "containerd-snapshotter", {
      key: "features.containerd-snapshotter",
      other: "userns-remap",
      line: "1",
      dockerd: "containerd-snapshotter is explicitly enabled, but is not compatible with userns remapping",
      fix: "remove `userns-remap`, or the containerd-snapshotter feature",
    }),
    conflict("CRI with embedded containerd", '"features": {"embedded-containerd": true}, "cri-containerd": true', "cri-containerd", {
      key: "cri-containerd",
      other: "features.embedded-containerd",
      line: "1",
      dockerd: 'cannot use the "embedded-containerd" feature and CRI support (--cri-containerd) at the same time',
      fix: "turn one of them off",
    }),
    conflict("a cgroup parent that is no slice, with the systemd driver", '"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "docker"', "cgroup-parent", {
      key: "cgroup-parent",
      other: "exec-opts",
      line: "1",
      dockerd: 'cgroup-parent for systemd cgroup should be a valid slice named as "xxx.slice"',
      fix: 'with the systemd cgroup driver, name a slice, e.g. "docker.slice"',
    }),
    {
      name: "the plugins' containerd namespace, on lines of their own",
      code: '{\n  "containerd-namespace": "plugins.moby"\n}\n',
      errors: [
        {
          messageId: "conflictAlone",
          message:
            '`containerd-namespace` is "plugins.moby": dockerd refuses to start ("containers namespace and plugins namespace cannot be the same"); choose another name than plugins.moby, which dockerd uses for plugins.',
          line: 2,
          column: 3,
        },
      ],
    },
    {
      name: "the line of the other setting",
      code: '{\n  "icc": false,\n  "debug": true,\n  "iptables": false\n}\n',
      errors: [{ messageId: "conflict", message: "`iptables` cannot be set together with `icc` (line 2): dockerd refuses to start (\"ICC=false uses iptables to function\"); keep `iptables` on (remove the line), or set `icc` to true.", line: 4, column: 3 }],
    },
  ],
});
