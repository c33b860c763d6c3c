/**
 * Shared by the package-manager rules (require-pinned-packages, no-package-manager-cache,
 * require-non-interactive-install, require-no-install-recommends): finding the calls of a
 * package manager in the RUNs of a Dockerfile, and reading their subcommand and operands.
 *
 * Each rule keeps its own per-manager table (what "pinned", "non-interactive" or "cleaned up"
 * means differs per rule); the rows share a `CommandSpec` that says how to recognise a call.
 * Adding a package manager to a rule is adding one row to that rule's table.
 */
import type { DockerfileModel, Instruction, RunScript, Stage } from "../../dockerfile/model.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { commandBaseName, hasFlag, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { SourceText } from "../../source.js";
import type { Fix } from "../../types.js";

/** How to recognise one package manager's command line. */
export interface CommandSpec {
  /** Program names (base name, without directory): `apt-get`, `apt`. */
  commands: readonly string[];
  /** Subcommands the row is about (`install`), matched against the first operand. */
  subcommands: readonly string[];
  /** Options that take a value (with dashes), so their values are not taken for operands. */
  optionsWithValue: readonly string[];
  /** Calls that do not really install (`apt-get install -s` only simulates); they are left alone. */
  ignore?: (command: ShellCommand) => boolean;
}

/** One call of a package manager found in a RUN. */
export interface ManagerCall {
  /** The RUN (or the `RUN` trigger of an `ONBUILD`). */
  run: Instruction;
  script: RunScript;
  /** The command with wrappers (`sudo`, `env X=1`, `xargs`, …) removed; positions are the file's. */
  command: ShellCommand;
  /** The program word after the wrappers (`apt-get`). */
  name: ShellWord;
  /** The subcommand word (`install`). */
  subcommand: ShellWord;
  /** Operands after the subcommand (package names), option values skipped. */
  operands: ShellWord[];
  /** Position of the command in `model.shellOf(run).commands`, for "later in the same RUN" tests. */
  index: number;
}

/** `apt-get`/`apt` options that take a value (apt-get(8), apt(8)). `-q=2` is written attached. */
export const APT_OPTIONS_WITH_VALUE: readonly string[] = [
  "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
  "-a", "--host-architecture", "-P", "--build-profiles", "--solver", "--planner",
];

/** `apt-get install -s` (and its synonyms) only prints what would happen. */
export function aptSimulates(command: ShellCommand): boolean {
  return hasFlag(command, "-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act");
}

/** `aptitude` options that take a value (aptitude(8)). */
export const APTITUDE_OPTIONS_WITH_VALUE: readonly string[] = [
  "-o", "-t", "--target-release", "-F", "--display-format", "-w", "--width", "-O", "--sort", "--log-file", "--log-level",
];

/** Matches one simple command against a spec; undefined when it is not such a call. */
export function matchCall(raw: ShellCommand, spec: CommandSpec): Omit<ManagerCall, "run" | "script" | "index"> | undefined {
  const command = unwrapCommand(raw);
  const name = command.name;
  if (!name) return undefined;
  const base = commandBaseName(command);
  if (base === undefined || !spec.commands.includes(base)) return undefined;
  const [subcommand, ...operands] = positionalArgs(command, spec.optionsWithValue);
  if (!subcommand || subcommand.hasExpansion || !spec.subcommands.includes(subcommand.value)) return undefined;
  if (spec.ignore?.(command)) return undefined;
  return { command, name, subcommand, operands };
}

/** Every call matching `spec` in every RUN (ONBUILD RUN triggers included), in file order. */
export function* managerCalls(model: DockerfileModel, spec: CommandSpec): Generator<ManagerCall> {
  for (const run of runInstructions(model)) {
    yield* callsInRun(model, run, spec);
  }
}

/** The calls matching `spec` in one RUN. */
export function* callsInRun(model: DockerfileModel, run: Instruction, spec: CommandSpec): Generator<ManagerCall> {
  const shell = model.shellOf(run);
  let index = 0;
  for (const script of shell.scripts) {
    for (const raw of script.script.commands) {
      const found = matchCall(raw, spec);
      if (found) yield { ...found, run, script, index };
      index++;
    }
  }
}

/** Names assigned by the script itself (`PKGS="a b"; …`, `export PKGS=…`, `for PKG in …`, `read PKG`): their values are not the ARG/ENV ones. */
export function localVariables(script: RunScript): Set<string> {
  const names = new Set<string>();
  for (const command of script.script.commands) {
    for (const assignment of command.assignments) names.add(assignment.name);
    const name = command.name?.value;
    if (name === "export" || name === "local" || name === "declare" || name === "typeset" || name === "readonly" || name === "read") {
      for (const arg of command.args) {
        const match = /^([A-Za-z_]\w*)(=|$)/.exec(arg.value);
        if (match?.[1]) names.add(match[1]);
      }
    }
  }
  // `for NAME in …` is a compound command: its variable is not a command word, so look at the script text.
  for (const match of script.script.script.matchAll(/\b(?:for|select)\s+([A-Za-z_]\w*)\s/g)) {
    if (match[1]) names.add(match[1]);
  }
  return names;
}

/** Variable names referenced by a word value (`$X`, `${X}`, `${X:-y}`). */
function referencedNames(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1] ?? "");
}

/**
 * The operand words a word stands for once the build's ARG/ENV values are substituted:
 * `$PKGS` with `ARG PKGS="curl git"` is `curl` and `git`. Undefined when the value is not
 * known here (a variable without a value, set by the script itself, a command substitution).
 */
export function resolveWord(word: ShellWord, run: Instruction, locals: ReadonlySet<string>): string[] | undefined {
  if (!word.hasExpansion) return [word.value];
  if (/\$\(|`|\$\[|\$\(\(/.test(word.value)) return undefined;
  if (referencedNames(word.value).some((name) => locals.has(name))) return undefined;
  const expanded = run.scope.expand(word.value);
  if (expanded.unresolved.length > 0 || /[$`]/.test(expanded.value)) return undefined;
  // Unquoted expansions are split into words by the shell; quoted ones stay one word.
  return word.unquotedExpansion ? expanded.value.split(/\s+/).filter((w) => w !== "") : [expanded.value];
}

/**
 * Whether files a RUN of this stage leaves behind end up in an image: the last stage, or a
 * stage another stage is built `FROM` (hadolint's DL3009 scope). A stage that is only copied
 * from (`COPY --from=build /out /out`) does not pass its leftovers on, although
 * `queries.isShipped` counts it (it also counts `COPY --from` and `RUN --mount=from=` users).
 */
export function leavesFilesInImage(model: DockerfileModel, stage: Stage | undefined): boolean {
  if (!stage) return true;
  return stage.isLast || model.stages.some((s) => s.parent === stage);
}

/** Whether the RUN has a cache or tmpfs `--mount` whose target is `path` or one of its parents. */
export function mountCovers(run: Instruction, path: string): boolean {
  return run.flags.some((flag) => {
    if (flag.name.toLowerCase() !== "mount") return false;
    const type = flag.options.get("type");
    if (type !== "cache" && type !== "tmpfs") return false;
    const target = flag.options.get("target") ?? flag.options.get("dst") ?? flag.options.get("destination");
    if (target === undefined) return false;
    const normalized = target.replace(/^["']|["']$/g, "").replace(/\/+$/, "");
    return normalized !== "" && (path === normalized || path.startsWith(`${normalized}/`));
  });
}

/**
 * An edit that adds `flag` right after the subcommand word: ` -y` in shell form, `, "-y"` in
 * exec form. Undefined when the word's text in the file is not the word itself (an exec-form
 * `sh -c` string with escapes, where positions only point at the whole string).
 */
export function insertAfterWord(source: SourceText, run: Instruction, word: ShellWord, flag: string): Fix | undefined {
  const exec = run.form === "exec" ? run.execArgs?.find((arg) => arg.range[0] === word.start && arg.range[1] === word.end) : undefined;
  if (exec) {
    if (exec.value !== word.value) return undefined;
    return { range: [word.end, word.end], text: `, ${JSON.stringify(flag)}` };
  }
  const written = source.text.slice(word.start, word.end);
  const unquoted = written.replace(/^(["'])(.*)\1$/s, "$2");
  if (unquoted !== word.value) return undefined;
  return { range: [word.end, word.end], text: ` ${flag}` };
}

/**
 * The command with each argument that is a known ARG/ENV expansion replaced by the words it
 * expands to (`apt-get install $APT_FLAGS curl` with `ARG APT_FLAGS="-y -q"`), so that option
 * tests see them. The new words keep the position of the word they come from. Arguments whose
 * value is not known stay as written.
 */
export function withExpandedArgs(command: ShellCommand, run: Instruction, script: RunScript): ShellCommand {
  if (!command.args.some((arg) => arg.hasExpansion)) return command;
  const locals = localVariables(script);
  const args: ShellWord[] = [];
  for (const arg of command.args) {
    const values = arg.hasExpansion ? resolveWord(arg, run, locals) : undefined;
    if (!values) args.push(arg);
    else for (const value of values) args.push({ ...arg, value, hasExpansion: false, unquotedExpansion: false });
  }
  return { ...command, args };
}

/**
 * Whether the command has a word that is only a variable the build cannot resolve and whose
 * name says it holds options (`$APT_OPTS`, `${INSTALL_FLAGS}`, `$APT_ARGS`): the flag a rule
 * looks for may be in it, so the rule should not guess.
 */
export function hasUnknownOptions(command: ShellCommand, run: Instruction, script: RunScript): boolean {
  return command.args.some((arg) => {
    if (!arg.unquotedExpansion) return false;
    const match = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(arg.value);
    if (!match?.[1] || !/OPT|FLAG|ARG/i.test(match[1])) return false;
    return resolveWord(arg, run, localVariables(script)) === undefined;
  });
}
