import { booleanOf, memberOf, stringItems, stringOf, type DaemonModel, type JsonMember } from "../../daemon/model.js";
import { execOpt } from "../../daemon/formats.js";
import { defineRule } from "../../rule.js";

/** containerd's namespace for plugins: daemon.json cannot change it (see the `pluginNamespace` case below). */
const PLUGIN_NAMESPACE = "plugins.moby";

interface Conflict {
  /** The setting reported, and the one it conflicts with (the same for a value that conflicts with a default). */
  at: JsonMember;
  other: JsonMember;
  /** Their paths, when they are not top-level keys. */
  atPath?: string;
  otherPath?: string;
  /** dockerd's own words, to search for in its log. */
  dockerd: string;
  fix: string;
}

/** The explicit cgroup driver among `exec-opts`, as dockerd's GetExecOpt reads it. */
function cgroupDriver(model: DaemonModel): string | undefined {
  let driver: string | undefined;
  for (const item of stringItems(model.get("exec-opts")?.value)) {
    const opt = execOpt(item.value);
    if (opt?.option === "native.cgroupdriver") driver = opt.setting;
  }
  return driver;
}

/**
 * Settings each valid alone that dockerd refuses together (daemon verifyDaemonSettings,
 * config Validate and findConfigurationConflicts, command setPlatformOptions).
 */
function conflictsOf(model: DaemonModel): Conflict[] {
  const conflicts: Conflict[] = [];
  const set = (key: string): JsonMember | undefined => {
    const member = model.get(key);
    // An empty string leaves a setting at its default.
    return member && !(member.value.type === "string" && member.value.value === "") ? member : undefined;
  };
  const isFalse = (member: JsonMember | undefined): boolean => booleanOf(member?.value) === false;

  const bridge = set("bridge");
  for (const key of ["bip", "bip6"]) {
    const address = set(key);
    if (bridge && address) {
      conflicts.push({
        at: address,
        other: bridge,
        dockerd: `You specified -b & --${key}, mutually exclusive options`,
        fix: `\`${key}\` sets the address of the bridge that dockerd creates; with your own bridge (\`bridge\`), give that bridge its address instead and remove \`${key}\``,
      });
    }
  }

  const icc = model.get("icc");
  if (icc && isFalse(icc)) {
    const iptables = model.get("iptables");
    if (iptables && isFalse(iptables)) {
      conflicts.push({ at: iptables, other: icc, dockerd: "ICC=false uses iptables to function", fix: "keep `iptables` on (remove the line), or set `icc` to true" });
    }
    const ip6tables = model.get("ip6tables");
    if (ip6tables && isFalse(ip6tables) && booleanOf(model.get("ipv6")?.value) === true) {
      conflicts.push({ at: ip6tables, other: icc, dockerd: "ICC=false uses ip6tables to function", fix: "keep `ip6tables` on (remove the line), or set `icc` to true" });
    }
  }

  const gatewayIp = set("host-gateway-ip");
  const gatewayIps = model.get("host-gateway-ips");
  if (gatewayIp && gatewayIps) {
    conflicts.push({
      at: gatewayIp,
      other: gatewayIps,
      dockerd: "host-gateway-ip and host-gateway-ips must not both be specified in the config file",
      fix: "move the address into `host-gateway-ips` and remove `host-gateway-ip`",
    });
  }

  const namespace = set("containerd-namespace");
  if (namespace && stringOf(namespace.value) === PLUGIN_NAMESPACE) {
    // The flag is `containerd-plugins-namespace` and the field `containerd-plugin-namespace`, so
    // the file cannot move the plugins away: the conflict is with that default.
    conflicts.push({ at: namespace, other: namespace, dockerd: "containers namespace and plugins namespace cannot be the same", fix: `choose another name than ${PLUGIN_NAMESPACE}, which dockerd uses for plugins` });
  }

  const features = model.get("features");
  const snapshotter = memberOf(features?.value, "containerd-snapshotter");
  const remap = set("userns-remap");
  if (remap && snapshotter && booleanOf(snapshotter.value) === true) {
    conflicts.push({
      at: snapshotter,
      atPath: "features.containerd-snapshotter",
      other: remap,
      dockerd: "containerd-snapshotter is explicitly enabled, but is not compatible with userns remapping",
      fix: "remove `userns-remap`, or the containerd-snapshotter feature",
    });
  }

  const embedded = memberOf(features?.value, "embedded-containerd");
  const cri = model.get("cri-containerd");
  if (embedded && booleanOf(embedded.value) === true && cri && booleanOf(cri.value) === true) {
    conflicts.push({ at: cri, other: embedded, otherPath: "features.embedded-containerd", dockerd: 'cannot use the "embedded-containerd" feature and CRI support (--cri-containerd) at the same time', fix: "turn one of them off" });
  }

  const parent = set("cgroup-parent");
  const parentName = stringOf(parent?.value);
  // Only an explicit systemd driver: without one, the driver depends on the host's cgroup version.
  if (parent && parentName !== undefined && cgroupDriver(model) === "systemd" && (parentName.length <= 6 || !parentName.endsWith(".slice"))) {
    const execOpts = model.get("exec-opts");
    if (execOpts) {
      conflicts.push({
        at: parent,
        other: execOpts,
        dockerd: 'cgroup-parent for systemd cgroup should be a valid slice named as "xxx.slice"',
        fix: `with the systemd cgroup driver, name a slice, e.g. "${parentName.replace(/\.slice$/, "") || "docker"}.slice"`,
      });
    }
  }
  return conflicts;
}

export default defineRule<DaemonModel>({
  meta: {
    id: "no-conflicting-daemon-settings",
    kind: "daemon",
    category: "correctness",
    severity: "error",
    docs: "Disallow daemon.json settings that dockerd refuses together (`bridge` with `bip`, `icc: false` without iptables, …): it does not start.",
    presets: ["recommended"],
    messages: {
      conflict: "`{{key}}` cannot be set together with `{{other}}` (line {{line}}): dockerd refuses to start (\"{{dockerd}}\"); {{fix}}.",
      conflictAlone: "`{{key}}` is \"{{value}}\": dockerd refuses to start (\"{{dockerd}}\"); {{fix}}.",
    },
    references: {},
  },
  check({ model, source, report }) {
    for (const conflict of conflictsOf(model)) {
      const range = conflict.at.keyRange;
      if (conflict.other === conflict.at) {
        report({ messageId: "conflictAlone", data: { key: conflict.at.key, value: stringOf(conflict.at.value) ?? "", dockerd: conflict.dockerd, fix: conflict.fix }, range });
        continue;
      }
      report({
        messageId: "conflict",
        data: {
          key: conflict.atPath ?? conflict.at.key,
          other: conflict.otherPath ?? conflict.other.key,
          line: source.positionAt(conflict.other.keyRange[0]).line,
          dockerd: conflict.dockerd,
          fix: conflict.fix,
        },
        range,
      });
    }
  },
});
