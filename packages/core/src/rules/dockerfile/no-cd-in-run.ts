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

/** Whether a shell word holds a `*`, `?` or `[` the shell expands as a pattern (not quoted, not `$*`/`$?`/`${…}`). */
function hasUnquotedGlob(word: ShellWord, text: string): boolean {
  if (!/[*?[]/.test(word.value)) return false;
  if (!word.quoted) return /[*?[]/.test(word.value.replace(/\$(?:\{[^}]*\}|[*?])/g, ""));
  const raw = text.slice(word.start, word.end);
  let quote = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote !== "") {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "$") {
      if (raw[i + 1] === "{") i = Math.max(i, raw.indexOf("}", i));
      else if (raw[i + 1] === "*" || raw[i + 1] === "?") i++;
    } else if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}

/**
 * Why `WORKDIR <dir>` would not go where the `cd` goes, or undefined when it would: WORKDIR
 * takes its argument literally (after ARG/ENV expansion), so a glob or a `~` would create a
 * directory of that name, and it has no previous directory or stack to return to.
 */
function workdirCannotSay(command: string, dir: ShellWord | undefined, text: string): string | undefined {
  if (!dir) {
    return command === "pushd" ? "`WORKDIR` has no directory stack for `pushd` to swap" : "`cd` alone goes to the home directory, which `WORKDIR` cannot name as `~`";
  }
  if (dir.value === "-" || (command === "pushd" && /^[+-]\d+$/.test(dir.value))) return `\`WORKDIR\` cannot name the directory \`${command} ${dir.value}\` returns to`;
  if (dir.value.startsWith("~") && !(dir.quoted && text[dir.start] !== "~")) return `\`WORKDIR\` does not expand \`~\`: it would make a directory named \`${dir.value}\``;
  if (hasUnquotedGlob(dir, text)) return `\`WORKDIR\` does not expand globs: \`WORKDIR ${dir.value}\` would make a directory named \`${dir.value}\``;
  return undefined;
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
      cdSubshell:
        "`{{cd}}` changes directory only until the end of this RUN, so where the following steps run is easy to misread; confine it in a subshell `({{cd}} && …)` ({{why}}).",
      noEffectLiteral:
        "`{{cd}}` is the last thing this RUN does, so it has no effect: every instruction starts again in the WORKDIR; drop it, and to change directory for the following instructions, spell the directory out in a WORKDIR ({{why}}).",
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
      const last = raw.depth === 0 && !commands.some((other) => other.start >= raw.end);
      const why = workdirCannotSay(name, target, source.text);
      const range: [number, number] = [command.name.start, command.name.end];
      if (why) {
        report({ messageId: last ? "noEffectLiteral" : "cdSubshell", data: { cd: target ? `${name} ${target.value}` : name, why }, range });
      } else {
        report({ messageId: last ? "noEffect" : "cd", data: { command: name, dir: target?.value ?? "" }, range });
      }
      reportedRun = run;
    }
  },
});
