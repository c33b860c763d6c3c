import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { flagValues, hasFlag } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import {
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  aptConfigured,
  aptSimulates,
  type CommandSpec,
  insertAfterWord,
  hasUnknownOptions,
  managerCalls,
  withExpandedArgs,
} from "./_package-managers.js";

/** One package manager: its install command and how it is told to skip optional dependencies. */
interface RecommendsRow extends CommandSpec {
  skipsRecommends: (command: ShellCommand) => boolean;
  /** The flag the fix inserts after the subcommand. */
  flag: string;
  messageId: string;
}

/** `APT::Install-Recommends=false` (apt configuration keys are case-insensitive). */
const NO_RECOMMENDS_OPTION = /^apt::install-recommends=(?:false|no|0|off)$/i;

/** `--install-recommends` or `-o APT::Install-Recommends=true`: the command asks for recommends whatever apt's configuration says. */
function turnsRecommendsOn(command: ShellCommand): boolean {
  return (
    hasFlag(command, "--install-recommends") ||
    command.args.some((arg) => /^--install-recommends=(?:true|yes|1|on)$/i.test(arg.value)) ||
    flagValues(command, "-o", "--option").some((value) => /^apt::install-recommends=(?:true|yes|1|on)$/i.test(value.value))
  );
}

function recommendsOptionOff(command: ShellCommand): boolean {
  // hadolint accepts the bare `APT::Install-Recommends=false` word anywhere; `-o X` and `-oX` are the real spellings.
  return (
    flagValues(command, "-o", "--option").some((value) => NO_RECOMMENDS_OPTION.test(value.value)) ||
    command.args.some((arg) => NO_RECOMMENDS_OPTION.test(arg.value))
  );
}

/** The table: a later release may add dnf/yum `--setopt=install_weak_deps=False` and zypper `--no-recommends` as rows. */
const ROWS: readonly RecommendsRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["install"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    skipsRecommends: (command) =>
      hasFlag(command, "--no-install-recommends") ||
      command.args.some((arg) => /^--install-recommends=(?:false|no|0|off)$/i.test(arg.value)) ||
      recommendsOptionOff(command),
    flag: "--no-install-recommends",
    messageId: "apt",
  },
  {
    commands: ["aptitude"],
    subcommands: ["install"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    skipsRecommends: (command) => hasFlag(command, "-R", "--without-recommends") || recommendsOptionOff(command),
    flag: "--without-recommends",
    messageId: "aptitude",
  },
];

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-no-install-recommends",
    kind: "dockerfile",
    category: "best-practice",
    // Advisory: dropping recommends is a size/attack-surface trade-off, not a defect, and can
    // remove something the image needs, so it should not fail a build on its own.
    severity: "info",
    docs: "Require `apt-get install` to skip recommended packages (`--no-install-recommends`).",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      apt: "`{{command}}` also installs every package the requested ones merely recommend, which makes the image bigger and its attack surface wider; add `--no-install-recommends` and list what you need.",
      aptitude: "`{{command}}` also installs every package the requested ones merely recommend; add `--without-recommends` (`-R`) and list what you need.",
    },
    references: {
      hadolint: ["DL3015"],
      trivy: ["DS-0029"],
      kics: ["7384dfb2-fcd1-4fbf-91cd-6c44c318c33c"],
      cis: ["4.3"],
    },
    referencesByMessage: {
      apt: { hadolint: ["DL3015"], trivy: ["DS-0029"], kics: ["7384dfb2-fcd1-4fbf-91cd-6c44c318c33c"], cis: ["4.3"] },
      aptitude: { cis: ["4.3"] },
    },
  },
  check({ model, source, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        const command = withExpandedArgs(call.command, call.run, call.script);
        if (row.skipsRecommends(command)) continue;
        if (hasUnknownOptions(call.command, call.run, call.script)) continue;
        // apt and aptitude both read `APT::Install-Recommends` from apt's configuration (photoprism
        // writes it to /etc/apt/apt.conf.d/ once, in an early RUN of its base stage).
        if (!turnsRecommendsOn(command) && aptConfigured(model, call.run, call.command.start, "APT::Install-Recommends") === false) continue;
        const descriptor: ReportDescriptor = {
          messageId: row.messageId,
          data: { command: `${call.name.value} ${call.subcommand.value}` },
          range: [Math.min(call.name.start, call.subcommand.start), call.subcommand.end],
        };
        // A suggestion, not a fix: dropping recommends can remove something the image needs
        // (`curl` recommends `ca-certificates`; without it every https download fails).
        const fix = insertAfterWord(source, call.run, call.subcommand, row.flag);
        if (fix) descriptor.suggestions = [{ desc: `Add \`${row.flag}\` after \`${call.subcommand.value}\` (then install what you need explicitly, e.g. ca-certificates).`, fix }];
        report(descriptor);
      }
    }
  },
});
