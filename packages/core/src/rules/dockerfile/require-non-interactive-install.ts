import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { countShortFlag, flagValues, hasFlag } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import { APT_OPTIONS_WITH_VALUE, APTITUDE_OPTIONS_WITH_VALUE, aptSimulates, type CommandSpec, insertAfterWord, hasUnknownOptions, managerCalls, withExpandedArgs } from "./_package-managers.js";

/** One package manager: its install command and how it is told not to ask. */
interface YesRow extends CommandSpec {
  /** Whether the command already answers its prompts itself. */
  isNonInteractive: (command: ShellCommand) => boolean;
  /** The flag the fix inserts after the subcommand. */
  flag: string;
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

/**
 * The table. A later release adds yum `-y` (DL3030), zypper `-n`/`--non-interactive`
 * (DL3034) and dnf `-y` (DL3038) as rows, each with its own messageId.
 */
const ROWS: readonly YesRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["install"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    isNonInteractive: aptNonInteractive,
    flag: "-y",
    messageId: "apt",
  },
  {
    commands: ["aptitude"],
    subcommands: ["install"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    isNonInteractive: (command) => hasFlag(command, "-y", "--assume-yes") || aptOption(command, "Aptitude::CmdLine::Assume-Yes", TRUE),
    flag: "-y",
    messageId: "aptitude",
  },
];

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-non-interactive-install",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Require package installs to run without confirmation prompts (`apt-get install -y`).",
    presets: ["recommended"],
    fixable: true,
    messages: {
      apt: "`{{command}}` without `-y` asks \"Do you want to continue? [Y/n]\" whenever it pulls in extra packages, and with no terminal in the build it aborts; add `-y` (`{{command}} -y …`).",
      aptitude: "`{{command}}` without `-y` asks for confirmation, and with no terminal in the build it aborts; add `-y` (`{{command}} -y …`).",
    },
    references: {
      hadolint: ["DL3014"],
      trivy: ["DS-0021"],
      kics: ["77783205-c4ca-4f80-bb80-c777f267c547"],
    },
    referencesByMessage: {
      apt: { hadolint: ["DL3014"], trivy: ["DS-0021"], kics: ["77783205-c4ca-4f80-bb80-c777f267c547"] },
      aptitude: {},
    },
  },
  check({ model, source, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        if (row.isNonInteractive(withExpandedArgs(call.command, call.run, call.script))) continue;
        if (hasUnknownOptions(call.command, call.run, call.script)) continue;
        const descriptor: ReportDescriptor = {
          messageId: row.messageId,
          data: { command: `${call.name.value} ${call.subcommand.value}` },
          range: [Math.min(call.name.start, call.subcommand.start), call.subcommand.end],
        };
        const fix = insertAfterWord(source, call.run, call.subcommand, row.flag);
        if (fix) descriptor.fix = fix;
        report(descriptor);
      }
    }
  },
});
