import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import type { ShellWord } from "../../shell/types.js";
import type { Fix } from "../../types.js";
import { runCommands, wgetArgs } from "./_run-commands.js";

/** Options that keep wget from drawing a progress line per chunk into the build log. */
const QUIET_OPTIONS = new Set(["-q", "--quiet", "--progress", "-o", "--output-file", "-a", "--append-output", "--no-verbose"]);

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
        "`wget` without `-q`, `-nv` or `--progress=…` writes a progress line for every few kilobytes into the build log (it is no terminal); add `--progress=dot:giga` (GNU wget) or `-q`.",
    },
    references: {
      hadolint: ["DL3047"],
    },
  },
  check({ model, report }) {
    for (const { run, command, name } of runCommands(model)) {
      if (name !== "wget" || !command.name) continue;
      const { options } = wgetArgs(command);
      const quiet = options.some(
        (o) =>
          QUIET_OPTIONS.has(o.name) ||
          (o.name === "-n" && o.value?.value === "v") ||
          // `-e progress=dot:giga`, `--execute=quiet=on`: wgetrc commands on the command line.
          ((o.name === "-e" || o.name === "--execute") && /^\s*(?:progress|quiet|verbose)\s*=/i.test(o.value?.value ?? "")),
      );
      if (quiet) continue;
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
