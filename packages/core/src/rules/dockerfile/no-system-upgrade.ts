import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { hasFlag } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import { pathBaseName } from "../../util/posix-path.js";
import {
  APK_OPTIONS_WITH_VALUE,
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  aptSimulates,
  type CommandSpec,
  type ManagerCall,
  managerCalls,
  programsNamed,
  RPM_OPTIONS_WITH_VALUE,
  ZYPPER_OPTIONS_WITH_VALUE,
} from "./_package-managers.js";

/** One package manager's whole-system upgrade. */
interface UpgradeRow extends CommandSpec {
  /** Whether the call upgrades everything (`dnf upgrade`), not only the packages it names (`dnf upgrade openssl`). */
  wholeSystem: (call: ManagerCall) => boolean;
  /** How to upgrade only what is needed, shown in the message. */
  targeted: string | ((call: ManagerCall) => string);
  messageId: string;
}

/**
 * The targeted upgrade with the manager the RUN called: ubi-minimal has microdnf and no dnf
 * (percona-docker, couchdb-docker: `microdnf -y update` on registry.access.redhat.com/ubi9/ubi-minimal
 * was told to run `dnf upgrade`). microdnf named the command `update` until 3.7 (2020), which
 * renamed it `upgrade` and kept `update` as an alias: the verb the RUN used exists in its image.
 * yum's own verb is `update` (in yum 3 `upgrade` also processes obsoletes); tdnf has both.
 */
function rpmTargeted(call: ManagerCall): string {
  switch (pathBaseName(call.name.value)) {
    case "yum":
      return "`yum update -y <package>`";
    case "microdnf":
      return `\`microdnf ${call.subcommand.value === "upgrade" ? "upgrade" : "update"} -y <package>\``;
    case "tdnf":
      return "`tdnf upgrade -y <package>`";
    default:
      return "`dnf upgrade -y <package>`";
  }
}

const everything = (): boolean => true;
const withoutOperands = (call: ManagerCall): boolean => call.operands.length === 0;

const ROWS: readonly UpgradeRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["upgrade"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    wholeSystem: everything,
    targeted: "`apt-get install --only-upgrade <package>`",
    messageId: "upgrade",
  },
  {
    commands: ["apt-get", "apt"],
    subcommands: ["dist-upgrade", "full-upgrade"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    wholeSystem: everything,
    targeted: "`apt-get install --only-upgrade <package>`",
    messageId: "aptDistUpgrade",
  },
  {
    commands: ["aptitude"],
    subcommands: ["upgrade", "safe-upgrade", "full-upgrade", "dist-upgrade"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    wholeSystem: withoutOperands,
    targeted: "`aptitude safe-upgrade <package>`",
    messageId: "upgrade",
  },
  {
    commands: ["apk"],
    subcommands: ["upgrade"],
    optionsWithValue: APK_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "-s", "--simulate"),
    wholeSystem: withoutOperands,
    targeted: "`apk add --upgrade <package>`",
    messageId: "upgrade",
  },
  {
    commands: ["yum", "dnf", "microdnf", "tdnf"],
    subcommands: ["update", "upgrade", "up", "update-minimal", "upgrade-minimal", "up-min", "distro-sync", "dsync"],
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--assumeno"),
    wholeSystem: withoutOperands,
    targeted: rpmTargeted,
    messageId: "upgrade",
  },
  {
    commands: ["zypper"],
    subcommands: ["dist-upgrade", "dup"],
    optionsWithValue: ZYPPER_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--dry-run"),
    wholeSystem: everything,
    targeted: "`zypper -n update <package>`",
    messageId: "zypperDistUpgrade",
  },
  {
    commands: ["zypper"],
    subcommands: ["update", "up", "patch"],
    optionsWithValue: ZYPPER_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--dry-run"),
    wholeSystem: withoutOperands,
    targeted: "`zypper -n update <package>`",
    messageId: "upgrade",
  },
];

/** `pacman -Syu`, `pacman -Su`, `pacman --sync --sysupgrade`: the operation word. `command` is a pacman call, wrappers removed. */
function pacmanSysupgrade(command: ShellCommand): ShellCommand["args"][number] | undefined {
  const sync = command.args.find((arg) => /^-S[a-zA-Z]*$/.test(arg.value) || arg.value === "--sync");
  if (!sync) return undefined;
  const upgrades = command.args.some((arg) => /^-[a-zA-Z]*u/.test(arg.value) && !arg.value.startsWith("--") || arg.value === "--sysupgrade");
  return upgrades ? sync : undefined;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-system-upgrade",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow upgrading every package of the base image in a RUN (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`, `zypper dup`).",
    presets: ["strict"],
    messages: {
      upgrade:
        "`{{command}}` upgrades every package of the base image to whatever the mirror has on build day, so two builds of this Dockerfile differ and an update nobody reviewed lands in the image; build on a newer, pinned base image instead, or upgrade only what you need ({{targeted}}).",
      aptDistUpgrade:
        "`{{command}}` upgrades every package of the base image, and may install or remove packages to do it, to whatever the mirror has on build day, so two builds of this Dockerfile differ; build on a newer, pinned base image instead, or upgrade only what you need ({{targeted}}).",
      zypperDistUpgrade:
        "`{{command}}` moves every package of the base image to whatever the repositories have on build day (even to another distribution release), so two builds of this Dockerfile differ; build on a newer, pinned base image instead, or upgrade only what you need ({{targeted}}).",
      pacman:
        "`{{command}}` upgrades every package of the base image to whatever the mirror has on build day, so two builds of this Dockerfile differ; build on a newer, pinned base image instead (Arch does not support partial upgrades).",
    },
    references: {
      hadolint: ["DL3035"],
      trivy: ["DS-0024"],
    },
    referencesByMessage: {
      upgrade: {},
      aptDistUpgrade: { trivy: ["DS-0024"] },
      zypperDistUpgrade: { hadolint: ["DL3035"] },
      pacman: {},
    },
  },
  check({ model, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        if (!row.wholeSystem(call)) continue;
        const targeted = typeof row.targeted === "string" ? row.targeted : row.targeted(call);
        report({ messageId: row.messageId, data: { command: call.label, targeted }, range: call.range });
      }
    }
    for (const { unwrapped } of programsNamed(model, ["pacman"])) {
      const operation = pacmanSysupgrade(unwrapped);
      const name = unwrapped.name;
      if (!operation || !name) continue;
      report({ messageId: "pacman", data: { command: `pacman ${operation.value}` }, range: [name.start, operation.end] });
    }
  },
});
