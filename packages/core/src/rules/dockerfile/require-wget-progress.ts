import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageChain, stageRoot } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { ShellWord } from "../../shell/types.js";
import type { Fix } from "../../types.js";
import { pathBaseName } from "../../util/posix-path.js";
import { APK_OPTIONS_WITH_VALUE, managerCalls, type ManagerCall } from "./_package-managers.js";
import { programName, runCommands, wgetArgs, type RunCommand } from "./_run-commands.js";

/** Options that keep wget from drawing a progress line per chunk into the build log. */
const QUIET_OPTIONS = new Set(["-q", "--quiet", "--progress", "-o", "--output-file", "-a", "--append-output", "--no-verbose"]);

/** Alpine images (`alpine`, `golang:1.22-alpine`, `node:lts-alpine3.20`) and `busybox`: their `wget` is BusyBox's. */
function busyboxBase(stage: Stage): boolean {
  const image = stageRoot(stage).image;
  if (!image || image.hasVariables) return false;
  const name = pathBaseName(image.path).toLowerCase();
  return name === "alpine" || name === "busybox" || /(?:^|[-_.])alpine/i.test(image.tag ?? "");
}

const APK_ADD = { commands: ["apk"], subcommands: ["add"], optionsWithValue: APK_OPTIONS_WITH_VALUE };

/** `apk add wget` (also `wget=1.24.5-r0`, `wget~1.24`) installs GNU wget over BusyBox's applet. */
function installsGnuWget(call: ManagerCall): boolean {
  return call.operands.some((word) => /^wget(?:$|[=~<>])/.test(word.value));
}

/**
 * Whether the `wget` of `site` is BusyBox's: called as `busybox wget`, or on an Alpine/BusyBox
 * base where no earlier `apk add wget` of the stage chain (or of the same RUN) installed GNU wget.
 * BusyBox's progress meter updates at most once a second (libbb/progress.c) and off a terminal
 * ends each update with a newline: a line per second of download, not the GNU dot style's line
 * per 50 KB, which floods no log.
 */
function runsBusyboxWget(model: DockerfileModel, site: RunCommand): boolean {
  if (programName(site.raw.name) === "busybox") return true;
  const stage = site.run.stage;
  if (!stage || !busyboxBase(stage)) return false;
  const chain = stageChain(stage);
  // An ONBUILD RUN runs in a child image, after everything this stage installed.
  const before = site.run.onbuild ? Number.POSITIVE_INFINITY : site.command.start;
  return !managerCalls(model, APK_ADD).some(
    (call) => call.run.stage !== undefined && chain.includes(call.run.stage) && (call.run.onbuild === undefined || call.run === site.run) && call.command.start < before && installsGnuWget(call),
  );
}

/** The edit that inserts one option right after the `wget` word, in shell or exec form; undefined when positions are not exact. */
function insertAfter(run: Instruction, word: ShellWord, option: string): Fix | undefined {
  if (run.form === "exec") {
    const arg = run.execArgs?.find((a) => a.range[0] <= word.start && word.end <= a.range[1]);
    if (!arg) return undefined;
    // The word is the JSON string `"wget"` itself: add `, "-q"` after its closing quote.
    if (arg.range[0] === word.start && arg.range[1] === word.end) {
      return arg.value === word.value ? { range: [word.end, word.end], text: `, ${JSON.stringify(option)}` } : undefined;
    }
    // Inside `["sh", "-c", "wget …"]`: plain text inside the JSON string (no quotes to escape in these options).
    return { range: [word.end, word.end], text: ` ${option}` };
  }
  return { range: [word.end, word.end], text: ` ${option}` };
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-wget-progress",
    kind: "dockerfile",
    category: "style",
    severity: "info",
    docs: "Require wget in RUN to be quiet or use a compact progress style, so downloads do not flood the build log.",
    presets: [],
    hasSuggestions: true,
    messages: {
      progress:
        "`wget` without `-q`, `-nv` or `--progress=…` writes a line of progress dots for every 50 KB it downloads into the build log (a build log is no terminal); add `--progress=dot:giga` (GNU wget) or `-q`.",
    },
    references: {
      hadolint: ["DL3047"],
    },
  },
  check({ model, report }) {
    for (const site of runCommands(model)) {
      const { run, command, name } = site;
      if (name !== "wget" || !command.name) continue;
      const { options } = wgetArgs(command);
      const quiet = options.some(
        (o) =>
          QUIET_OPTIONS.has(o.name) ||
          (o.name === "-n" && o.value?.value === "v") ||
          // `-e progress=dot:giga`, `--execute=quiet=on`: wgetrc commands on the command line.
          ((o.name === "-e" || o.name === "--execute") && /^\s*(?:progress|quiet|verbose)\s*=/i.test(o.value?.value ?? "")),
      );
      if (quiet || runsBusyboxWget(model, site)) continue;
      const word = command.name;
      const suggestions = [
        { desc: "Add `--progress=dot:giga` (GNU wget: one dot per megabyte)", option: "--progress=dot:giga" },
        { desc: "Add `-q` (quiet; GNU and BusyBox wget)", option: "-q" },
      ].flatMap(({ desc, option }) => {
        const fix = insertAfter(run, word, option);
        return fix ? [{ desc, fix }] : [];
      });
      report({ messageId: "progress", range: [word.start, word.end], suggestions });
    }
  },
});
