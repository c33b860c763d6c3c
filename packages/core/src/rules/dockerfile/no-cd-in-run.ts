import type { DockerfileModel, Instruction, RunScript } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { positionalArgs } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { localVariables, programsNamed } from "./_package-managers.js";

/** Commands that change the shell's working directory (`pushd` is bash's `cd` with a stack). */
const CHANGES_DIRECTORY = ["cd", "pushd"];

/**
 * The first command of the list `commands[index]` belongs to: walk back over the earlier
 * elements of the same list (`a && b; cd c`), skipping what is nested inside them.
 * Undefined when the list starts with a compound command, which has no simple-command start.
 */
function listHead(commands: readonly ShellCommand[], index: number): ShellCommand | undefined {
  let head = commands[index];
  let j = index;
  while (head && head.connector !== undefined) {
    let k = j - 1;
    while (k >= 0 && (commands[k]?.depth ?? 0) > head.depth) k--;
    const previous = commands[k];
    if (!previous || previous.depth < head.depth) return undefined;
    head = previous;
    j = k;
  }
  return head;
}

/** The character before `offset`, skipping blanks, newlines and Dockerfile line continuations. */
function charBefore(text: string, offset: number, escapeChar: string): { char: string; at: number } | undefined {
  let i = offset - 1;
  while (i >= 0) {
    const c = text[i] ?? "";
    if (c === " " || c === "\t" || c === "\r" || c === "\n") i--;
    else if (c === escapeChar && (text[i + 1] === "\n" || text[i + 1] === "\r")) i--;
    else return { char: c, at: i };
  }
  return undefined;
}

/**
 * Whether a directory change cannot reach the commands after it: inside `$(…)`/backticks
 * (`DIR=$(cd "$(dirname x)" && pwd)`), a pipeline element (each runs in a subshell), or a
 * `( … )` subshell (`(cd /src && make)` returns to the old directory at `)`).
 */
function isConfined(commands: readonly ShellCommand[], index: number, text: string, escapeChar: string): boolean {
  const command = commands[index];
  if (!command) return false;
  if (command.inSubstitution || command.inPipeline) return true;
  if (command.depth === 0) return false;
  // The shell model has no "in a subshell" mark: look at what opens the command's list.
  const head = listHead(commands, index);
  if (!head) return false;
  const before = charBefore(text, head.start, escapeChar);
  if (before?.char !== "(") return false;
  const opener = text[before.at - 1];
  return opener !== "$" && opener !== "<" && opener !== ">";
}

/**
 * Whether WORKDIR could say the same: not when the directory is computed by the script
 * (`cd "$(mktemp -d)"`, `tempDir=…; cd "$tempDir"`) or comes from a variable the build does
 * not know (`cd "$HOME"`), since WORKDIR only expands ARG and ENV values.
 */
function expressibleAsWorkdir(dir: ShellWord | undefined, run: Instruction, locals: () => ReadonlySet<string>): boolean {
  if (!dir || !dir.hasExpansion) return true;
  if (/\$\(|`/.test(dir.value)) return false;
  const names = [...dir.value.matchAll(/\$\{?([A-Z_]\w*)/gi)].map((m) => m[1] ?? "");
  return names.every((name) => !locals().has(name) && run.scope.lookup(name) !== undefined);
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-cd-in-run",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow `cd` in RUN to change directory; use WORKDIR.",
    presets: ["strict"],
    messages: {
      cd: "`{{command}} {{dir}}` changes directory only until the end of this RUN, so where the following steps run is easy to misread; set it with `WORKDIR {{dir}}` (which also creates it) or confine it in a subshell `({{command}} {{dir}} && …)`.",
      noEffect:
        "`{{command}} {{dir}}` is the last thing this RUN does, so it has no effect: every instruction starts again in the WORKDIR; use `WORKDIR {{dir}}` to change directory for the following instructions.",
    },
    references: {
      hadolint: ["DL3003"],
      trivy: ["DS-0013"],
      kics: ["f4a6bcd3-e231-4acf-993c-aa027be50d2e"],
    },
  },
  check({ model, source, report }) {
    // One finding per RUN: its first `cd` that WORKDIR could replace.
    let reportedRun: Instruction | undefined;
    let localsOf: { script: RunScript; locals: ReadonlySet<string> } | undefined;
    const scriptLocals = (script: RunScript): ReadonlySet<string> => {
      if (localsOf?.script !== script) localsOf = { script, locals: localVariables(script) };
      return localsOf.locals;
    };
    for (const { run, raw, unwrapped: command, base: name, script } of programsNamed(model, CHANGES_DIRECTORY)) {
      if (run === reportedRun || !command.name) continue;
      const commands = script.script.commands;
      if (isConfined(commands, commands.indexOf(raw), source.text, model.escapeChar)) continue;
      const target = positionalArgs(command)[0];
      if (!expressibleAsWorkdir(target, run, () => scriptLocals(script))) continue;
      const dir = target?.value ?? "~";
      const last = raw.depth === 0 && !commands.some((other) => other.start >= raw.end);
      report({
        messageId: last ? "noEffect" : "cd",
        data: { command: name, dir },
        range: [command.name.start, command.name.end],
      });
      reportedRun = run;
    }
  },
});
