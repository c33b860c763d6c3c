import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { countShortFlag, flagValues, hasFlag } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import {
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  aptConfigured,
  aptSimulates,
  type CommandSpec,
  hasUnknownOptions,
  insertAfterWord,
  type ManagerCall,
  managerCalls,
  RPM_OPTIONS_WITH_VALUE,
  withExpandedArgs,
  ZYPPER_OPTIONS_WITH_VALUE,
} from "./_package-managers.js";

/** One package manager: its install command and how it is told not to ask. */
interface YesRow extends CommandSpec {
  /** Whether the command already answers its prompts itself (variables with known values substituted). */
  isNonInteractive: (command: ShellCommand, call: ManagerCall) => boolean;
  /** The key of apt's configuration that makes the manager assume yes (`APT::Get::Assume-Yes`), for the apt family. */
  assumeYesKey?: string;
  /** The flag the fix inserts after the subcommand. */
  flag: string;
  /** The flag is a global option: the fix puts it right after the program name (`zypper -n install`). */
  flagBeforeSubcommand?: boolean;
  messageId: string;
}

const TRUE = /^(?:true|yes|1|on)$/i;

/** `-o APT::Get::Assume-Yes=true` (any case, `--option` too). */
function aptOption(command: ShellCommand, key: string, accept: RegExp): boolean {
  return flagValues(command, "-o", "--option").some((value) => {
    const eq = value.value.indexOf("=");
    return eq > 0 && value.value.slice(0, eq).toLowerCase() === key.toLowerCase() && accept.test(value.value.slice(eq + 1));
  });
}

/** `-y`, `--yes`, `--assume-yes`, or quiet level 2 (`-qq`, `-q -q`, `--quiet --quiet`, `-q=2`), which implies `-y` (apt-get(8)). */
function aptNonInteractive(command: ShellCommand): boolean {
  if (hasFlag(command, "-y", "--yes", "--assume-yes")) return true;
  let quiet = countShortFlag(command, "q") + command.args.filter((arg) => arg.value === "--quiet").length;
  for (const arg of command.args) {
    const level = /^(?:-q|--quiet)=(\d+)$/.exec(arg.value);
    if (level) quiet = Math.max(quiet, Number(level[1]));
  }
  return quiet >= 2 || aptOption(command, "APT::Get::Assume-Yes", TRUE);
}

/** apt-get/apt subcommands that change packages and therefore may ask for confirmation. */
const APT_CHANGES = ["install", "remove", "purge", "autoremove", "autopurge", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "satisfy"];

/** `-y`, `--assumeyes`, or `--setopt=assumeyes=1` (yum, dnf, microdnf). */
function rpmNonInteractive(command: ShellCommand): boolean {
  return hasFlag(command, "-y", "--assumeyes") || flagValues(command, "--setopt").some((value) => /^assumeyes=(?:1|true|yes|on)$/i.test(value.value));
}

/** yum/dnf subcommands that change packages: they print the transaction and ask "Is this ok [y/N]". */
const RPM_CHANGES = [
  "install", "groupinstall", "localinstall", "reinstall", "remove", "erase", "update", "upgrade", "downgrade",
  "distro-sync", "autoremove", "swap", "groupupdate", "groupremove", "group install", "group remove", "group upgrade",
  "group update", "groups install", "groups remove", "module install", "module enable", "module disable", "module reset",
  "module remove", "module switch-to",
];
const DNF_CHANGES = [...RPM_CHANGES, "in", "rei", "rm", "up", "upgrade-minimal", "up-min", "update-minimal", "dsync", "dg"];

/** zypper subcommands that change packages (zypper(8)); they ask "Continue? [y/n/v/...]". */
const ZYPPER_CHANGES = [
  "install", "in", "remove", "rm", "source-install", "si", "patch", "update", "up", "dist-upgrade", "dup",
  "install-new-recommends", "inr", "verify", "ve",
];

/**
 * zypper: the global `-n`/`--non-interactive` before the subcommand, or the subcommand's own
 * `-y`/`--no-confirm`. After the subcommand `-n` is `--name` (select by name), which answers nothing.
 */
function zypperNonInteractive(command: ShellCommand, call: ManagerCall): boolean {
  if (hasFlag(command, "--non-interactive", "-y", "--no-confirm")) return true;
  return command.args.some((arg) => arg.start < (call.subcommandWords[0] ?? call.subcommand).start && /^-[A-Za-mo-z]*n[A-Za-z]*$/.test(arg.value));
}

/** `yes | apt-get install …`, `echo y | zypper install …`: the answers come from the pipe. */
function answeredByPipe(call: ManagerCall, commands: readonly ShellCommand[]): boolean {
  const raw = call.command.original ?? call.command;
  if (raw.connector !== "|") return false;
  const position = commands.indexOf(raw);
  const feeder = position > 0 ? commands[position - 1] : undefined;
  const name = feeder?.name?.value;
  if (name === "yes") return true;
  return (name === "echo" || name === "printf") && (feeder?.args ?? []).some((arg) => /^(?:y|yes)(?:\\n)?$/i.test(arg.value));
}

/**
 * The table: one row per package manager (and message). A row lists the subcommands that may
 * ask for confirmation, how the call says "yes" up front, and the flag the fix adds.
 */
const ROWS: readonly YesRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: APT_CHANGES,
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    isNonInteractive: aptNonInteractive,
    assumeYesKey: "APT::Get::Assume-Yes",
    flag: "-y",
    messageId: "apt",
  },
  {
    commands: ["aptitude"],
    subcommands: ["install", "remove", "purge", "safe-upgrade", "full-upgrade", "upgrade", "dist-upgrade", "build-dep", "reinstall"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    isNonInteractive: (command) => hasFlag(command, "-y", "--assume-yes") || aptOption(command, "Aptitude::CmdLine::Assume-Yes", TRUE),
    assumeYesKey: "Aptitude::CmdLine::Assume-Yes",
    flag: "-y",
    messageId: "aptitude",
  },
  {
    commands: ["yum"],
    subcommands: RPM_CHANGES,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    // `--assumeno` answers no on purpose: a dry run.
    ignore: (command) => hasFlag(command, "--assumeno"),
    isNonInteractive: rpmNonInteractive,
    flag: "-y",
    messageId: "yum",
  },
  {
    commands: ["dnf", "tdnf"],
    subcommands: DNF_CHANGES,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--assumeno"),
    isNonInteractive: rpmNonInteractive,
    flag: "-y",
    messageId: "dnf",
  },
  {
    commands: ["microdnf"],
    subcommands: DNF_CHANGES,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--assumeno"),
    isNonInteractive: rpmNonInteractive,
    flag: "-y",
    messageId: "microdnf",
  },
  {
    commands: ["zypper"],
    subcommands: ZYPPER_CHANGES,
    optionsWithValue: ZYPPER_OPTIONS_WITH_VALUE,
    ignore: (command) => hasFlag(command, "--dry-run"),
    isNonInteractive: zypperNonInteractive,
    flag: "-n",
    flagBeforeSubcommand: true,
    messageId: "zypper",
  },
];

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-non-interactive-install",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Require package-manager commands to run without confirmation prompts (`apt-get install -y`, `dnf -y`, `zypper -n`).",
    presets: ["recommended"],
    fixable: true,
    messages: {
      apt: "`{{command}}` without `-y` asks \"Do you want to continue? [Y/n]\" whenever it does more than you named (extra dependencies, removals, upgrades), and with no terminal in the build it aborts; add `-y` (`{{command}} -y …`).",
      aptitude: "`{{command}}` without `-y` asks for confirmation, and with no terminal in the build it aborts; add `-y` (`{{command}} -y …`).",
      yum: "`{{command}}` without `-y` shows the transaction and asks \"Is this ok [y/N]\"; with no terminal in the build the answer is no and the RUN fails; add `-y` (`{{command}} -y …`).",
      dnf: "`{{command}}` without `-y` shows the transaction and asks \"Is this ok [y/N]\"; with no terminal in the build the answer is no and the RUN fails; add `-y` (`{{command}} -y …`).",
      microdnf:
        "`{{command}}` without `-y` asks \"Is this ok [y/N]\" (microdnf 3.7 and later: UBI 9, Oracle Linux 9, Fedora; older ones assumed yes), and on the end of input a build gives it, microdnf asks again forever, so the build hangs instead of failing; add `-y` (`{{command}} -y …`).",
      zypper: "`{{command}}` without the global `-n` asks \"Continue? [y/n/v/...]\" (and about conflicts and licences), which a build cannot answer; put `-n` before the subcommand: `{{fixed}} …`.",
    },
    references: {
      hadolint: ["DL3014", "DL3030", "DL3034", "DL3038"],
      trivy: ["DS-0021"],
      kics: [
        "77783205-c4ca-4f80-bb80-c777f267c547",
        "6e19193a-8753-436d-8a09-76dcff91bb03",
        "45e1fca5-f90e-465d-825f-c2cb63fa3944",
        "7ebd323c-31b7-4e5b-b26f-de5e9e477af8",
      ],
    },
    referencesByMessage: {
      apt: { hadolint: ["DL3014"], trivy: ["DS-0021"], kics: ["77783205-c4ca-4f80-bb80-c777f267c547"] },
      aptitude: {},
      yum: { hadolint: ["DL3030"], kics: ["6e19193a-8753-436d-8a09-76dcff91bb03"] },
      dnf: { hadolint: ["DL3038"], kics: ["7ebd323c-31b7-4e5b-b26f-de5e9e477af8"] },
      // KICS accepts microdnf without -y (its query predates microdnf's prompt).
      microdnf: { hadolint: ["DL3038"] },
      zypper: { hadolint: ["DL3034"], kics: ["45e1fca5-f90e-465d-825f-c2cb63fa3944"] },
    },
  },
  check({ model, source, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        if (row.isNonInteractive(withExpandedArgs(call.command, call.run, call.script), call)) continue;
        if (hasUnknownOptions(call.command, call.run, call.script)) continue;
        if (answeredByPipe(call, model.shellOf(call.run).commands)) continue;
        // `APT::Get::Assume-Yes "true";` written to /etc/apt/apt.conf.d/ by an earlier step answers for every later call.
        if (row.assumeYesKey !== undefined && aptConfigured(model, call.run, call.command.start, row.assumeYesKey) === true) continue;
        const fixed = `${call.label.split(" ")[0] ?? call.name.value} ${row.flag} ${call.subcommandWords.map((w) => w.value).join(" ")}`;
        const descriptor: ReportDescriptor = {
          messageId: row.messageId,
          data: { command: call.label, fixed },
          range: call.range,
        };
        const fix = row.flagBeforeSubcommand
          ? insertAfterWord(source, call.run, call.name, row.flag)
          : insertAfterWord(source, call.run, call.subcommand, row.flag);
        if (fix) descriptor.fix = fix;
        report(descriptor);
      }
    }
  },
});
