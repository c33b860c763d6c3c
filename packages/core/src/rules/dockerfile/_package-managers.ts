/**
 * Shared by the package-manager rules (require-pinned-packages, no-package-manager-cache,
 * require-non-interactive-install, require-no-install-recommends, no-apt, no-system-upgrade,
 * no-update-alone): finding the calls of a package manager in the RUNs of a Dockerfile, reading
 * their subcommand and operands, the options each manager takes, the edits fixes make, the apt
 * configuration a Dockerfile writes, and the script files a RUN runs.
 *
 * Each rule keeps its own per-manager table (what "pinned", "non-interactive" or "cleaned up"
 * means differs per rule); the rows share a `CommandSpec` that says how to recognise a call.
 * Adding a package manager to a rule is adding one row to that rule's table.
 */
import type { DockerfileModel, Instruction, RunScript, Stage } from "../../dockerfile/model.js";
import { imageStages, runInstructions, stageChain } from "../../dockerfile/queries.js";
import { expandVariables } from "../../dockerfile/variables.js";
import { commandBaseName, hasFlag, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { OffsetRange, SourceText } from "../../source.js";
import type { Settings } from "../../rule.js";
import type { Fix } from "../../types.js";
import { isSlash, trimEndWhere } from "../../util/trim-end.js";
import { BoundedCache } from "../../util/bounded-cache.js";
import { RecentCache } from "../../util/recent-cache.js";
import { appendTo } from "../../util/append-to.js";
import { isShellName, writtenTexts } from "./_run-commands.js";

/** How to recognise one package manager's command line. */
export interface CommandSpec {
  /** Program names (base name, without directory): `apt-get`, `apt`. */
  commands: readonly string[];
  /** Other program names, by pattern: `pip3.12` (`/^pip\d*(\.\d+)?$/`). */
  commandPattern?: RegExp;
  /** Also `python -m <module>` (`pip`): the module is then the program. */
  pythonModule?: string;
  /**
   * Subcommands the row is about, matched against the first operands: `install`, or several
   * words for nested ones (`module install`, `pip install`).
   */
  subcommands: readonly string[];
  /** Options that take a value (with dashes), so their values are not taken for operands. */
  optionsWithValue: readonly string[];
  /** A parser for programs whose options are not getopt-like (`go -ldflags x`, `gem … -- args`); returns the operands. */
  positionals?: (command: ShellCommand) => ShellWord[];
  /** The program alone, without a subcommand, does the first subcommand (`yarn` is `yarn install`). */
  bareIsSubcommand?: boolean;
  /** Calls that do not really install (`apt-get install -s` only simulates); they are left alone. */
  ignore?: (command: ShellCommand) => boolean;
}

/** One call of a package manager found in a RUN. */
export interface ManagerCall {
  /** The RUN (or the `RUN` trigger of an `ONBUILD`). */
  run: Instruction;
  script: RunScript;
  /**
   * The command with wrappers (`sudo`, `env X=1`, `xargs`, …) removed; positions are the file's.
   * For `python -m pip install`, a view whose name is the `pip` word and whose arguments follow it.
   */
  command: ShellCommand;
  /** The program word after the wrappers (`apt-get`; `pip` of `python -m pip`). */
  name: ShellWord;
  /** The first word of the call after the wrappers (`apt-get`; `python` of `python -m pip`). */
  program: ShellWord;
  /** The (last) subcommand word (`install`); the program word itself for a bare `yarn`. */
  subcommand: ShellWord;
  /** Every subcommand word, in order (`module`, `install`); empty for a bare `yarn`. */
  subcommandWords: ShellWord[];
  /** The call as written for messages: `apt-get install`, `python3 -m pip install`, `dnf module install`. */
  label: string;
  /** From the program word to the subcommand: where findings about the call point. */
  range: OffsetRange;
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

const PYTHON = /^python(?:\d+(?:\.\d+)*)?$/;

/**
 * `python3 -m pip install x` seen as `pip install x`: a view of the command whose name is the
 * module word and whose arguments are the ones after it. Undefined when the interpreter does
 * not run `module` (`python -c …`, `python script.py`, `python -m venv`).
 */
export function pythonModuleView(command: ShellCommand, module: string): ShellCommand | undefined {
  const base = commandBaseName(command);
  if (base === undefined || !PYTHON.test(base)) return undefined;
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]?.value ?? "";
    if (value === "-m" || value === `-m${module}`) {
      const word = value === "-m" ? args[i + 1] : args[i];
      if (!word || (value === "-m" && word.value !== module)) return undefined;
      const rest = args.slice(value === "-m" ? i + 2 : i + 1);
      return { ...command, name: word, args: rest };
    }
    // Options of the interpreter itself; `-c` and a script end them.
    if (value === "-W" || value === "-X" || value === "--check-hash-based-pycs") {
      i++;
      continue;
    }
    if (!value.startsWith("-") || value.startsWith("-c")) return undefined;
  }
  return undefined;
}

/** Whether a program base name can start a call of `spec` (its own name, or a Python interpreter for `python -m`). */
function mayMatch(base: string, spec: CommandSpec): boolean {
  return spec.commands.includes(base) || (spec.commandPattern?.test(base) ?? false) || (spec.pythonModule !== undefined && PYTHON.test(base));
}

/** Each spec's subcommands split into words once (`module install` → `module`, `install`), not once per call matched. */
const subcommandWordLists = new WeakMap<CommandSpec, readonly (readonly string[])[]>();

function subcommandWordsOf(spec: CommandSpec): readonly (readonly string[])[] {
  let lists = subcommandWordLists.get(spec);
  if (!lists) {
    lists = spec.subcommands.map((subcommand) => subcommand.split(" "));
    subcommandWordLists.set(spec, lists);
  }
  return lists;
}

/**
 * The operands of `command` (the program, or its `python -m <module>` view) read with one
 * manager's options. The last answer is kept on the program: the rows of every rule for one
 * manager share its option list (`APT_OPTIONS_WITH_VALUE`), so an `apt-get install` is parsed
 * once, not once per row and rule. Callers must not change the array.
 */
function programOperands(candidate: RunProgram, command: ShellCommand, optionsWithValue: readonly string[]): readonly ShellWord[] {
  const memo = candidate.operands;
  if (memo?.command === command && memo.optionsWithValue === optionsWithValue) return memo.positionals;
  const positionals = positionalArgs(command, optionsWithValue);
  candidate.operands = { command, optionsWithValue, positionals };
  return positionals;
}

/** `python -m <module>` seen as `<module>`, kept on the program so that every rule's rows read the same view (and share its operands memo). */
function programModuleView(candidate: RunProgram, module: string): ShellCommand | undefined {
  const memo = candidate.moduleView;
  if (memo?.module === module) return memo.view;
  const view = pythonModuleView(candidate.unwrapped, module);
  candidate.moduleView = { module, view };
  return view;
}

/** Matches one program of a RUN against a spec; undefined when it is not such a call. */
function matchProgram(candidate: RunProgram, spec: CommandSpec): ManagerCall | undefined {
  const { run, script, unwrapped, base, index } = candidate;
  const program = unwrapped.name;
  if (!program) return undefined;
  let command = unwrapped;
  if (!spec.commands.includes(base) && !spec.commandPattern?.test(base)) {
    const view = spec.pythonModule ? programModuleView(candidate, spec.pythonModule) : undefined;
    if (!view) return undefined;
    command = view;
  }
  const name = command.name;
  if (!name) return undefined;
  const positionals = spec.positionals ? spec.positionals(command) : programOperands(candidate, command, spec.optionsWithValue);
  let subcommandWords: ShellWord[] | undefined;
  for (const words of subcommandWordsOf(spec)) {
    if (startsWithWords(positionals, words)) {
      subcommandWords = positionals.slice(0, words.length);
      break;
    }
  }
  if (!subcommandWords && spec.bareIsSubcommand && positionals.length === 0) subcommandWords = [];
  if (!subcommandWords) return undefined;
  if (spec.ignore?.(command)) return undefined;
  const subcommand = subcommandWords.at(-1) ?? name;
  const operands = positionals.slice(subcommandWords.length);
  let label = program === name ? name.value : `${program.value} -m ${name.value}`;
  for (const word of subcommandWords) label += ` ${word.value}`;
  // One literal, not a spread of a partial result: in a CPU profile of the corpus, the spread was
  // more than half of managerCalls' own time.
  return {
    command,
    name,
    program,
    subcommand,
    subcommandWords,
    label: label.includes("/") ? label.replace(/^\S*\//, "") : label,
    range: [Math.min(program.start, subcommand.start), Math.max(program.end, subcommand.end)],
    operands,
    run,
    script,
    index,
  };
}

/** Whether `positionals` starts with `words`, literally (a word with an expansion is no subcommand). */
function startsWithWords(positionals: readonly ShellWord[], words: readonly string[]): boolean {
  if (positionals.length < words.length) return false;
  for (let i = 0; i < words.length; i++) {
    const positional = positionals[i];
    if (!positional || positional.hasExpansion || positional.value !== words[i]) return false;
  }
  return true;
}

/** Every call matching `spec` in every RUN (ONBUILD RUN triggers included), in file order. */
export function managerCalls(model: DockerfileModel, spec: CommandSpec): ManagerCall[] {
  const calls: ManagerCall[] = [];
  for (const program of candidatePrograms(model, spec)) {
    const found = matchProgram(program, spec);
    if (found) calls.push(found);
  }
  return calls;
}

/**
 * The programs that may be calls of `spec`, in file order. Most specs name their programs:
 * they are looked up rather than every program of the file tested (require-pinned-packages
 * asks for fifteen specs per file).
 */
function candidatePrograms(model: DockerfileModel, spec: CommandSpec): readonly RunProgram[] {
  const byBase = programsByBase(model);
  const lists = programListsNamed(byBase, spec.commands);
  if (spec.commandPattern !== undefined || spec.pythonModule !== undefined) {
    for (const [base, programs] of byBase) {
      if (!spec.commands.includes(base) && mayMatch(base, spec)) lists.push(programs);
    }
  }
  return inFileOrder(lists);
}

/** One list of programs in file order from several (`pip`, `pip3`, `python -m pip`), each already in file order. */
function inFileOrder(lists: readonly RunProgram[][]): readonly RunProgram[] {
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => a.order - b.order);
}

/**
 * The commands of the file's RUNs (ONBUILD RUN triggers included) whose program, wrappers
 * removed, is one of `bases` (`apt`; `cd`, `pushd`), in file order. Rules about one program
 * read this instead of unwrapping every command of every RUN themselves. Callers must not
 * change the array.
 */
export function programsNamed(model: DockerfileModel, bases: readonly string[]): readonly RunProgram[] {
  return inFileOrder(programListsNamed(programsByBase(model), bases));
}

/** The RUNs (and ONBUILD RUNs) that call one of `bases`: programsNamed's RUNs, without putting the programs in file order. */
export function runsCalling(model: DockerfileModel, bases: readonly string[]): ReadonlySet<Instruction> {
  const runs = new Set<Instruction>();
  for (const programs of programListsNamed(programsByBase(model), bases)) for (const program of programs) runs.add(program.run);
  return runs;
}

/** The index's list of each of `bases` that the file calls, each in file order. */
function programListsNamed(byBase: ReadonlyMap<string, RunProgram[]>, bases: readonly string[]): RunProgram[][] {
  const lists: RunProgram[][] = [];
  for (const base of bases) {
    const programs = byBase.get(base);
    if (programs) lists.push(programs);
  }
  return lists;
}

/**
 * The index of the file being linted, in one slot: rules run one file at a time, and a WeakMap
 * keyed by model made garbage collection cost more than the index saved (no-apt alone: 94 → 172
 * µs/file on the corpus with a WeakMap, 94 → 101 with the slot; see util/recent-cache.ts).
 */
const programsOfModel = new RecentCache<DockerfileModel, Map<string, RunProgram[]>>(1);

/**
 * The programs of every RUN by name, each list in file order, built once per file: seven rules
 * ask for the calls of a dozen package managers each, and most files call few of them.
 */
function programsByBase(model: DockerfileModel): Map<string, RunProgram[]> {
  return programsOfModel.lookup(model, indexPrograms);
}

function indexPrograms(model: DockerfileModel): Map<string, RunProgram[]> {
  const byBase = new Map<string, RunProgram[]>();
  let order = 0;
  for (const run of runInstructions(model)) {
    let index = 0;
    for (const script of model.shellOf(run).scripts) {
      for (const raw of script.script.commands) {
        const unwrapped = unwrapCommand(raw);
        const base = unwrapped.name ? commandBaseName(unwrapped) : undefined;
        if (base !== undefined) {
          const program: RunProgram = { run, raw, unwrapped, base, script, index, order: order++, operands: undefined, moduleView: undefined };
          appendTo(byBase, base, program);
        }
        index++;
      }
    }
  }
  return byBase;
}

/** A command of a RUN with its wrappers removed and a program name: what a spec can match. */
export interface RunProgram {
  run: Instruction;
  /** The command as parsed. */
  raw: ShellCommand;
  /** `raw` without its wrappers (`sudo`, `env X=1`, …); `raw` itself when it has none. */
  unwrapped: ShellCommand;
  base: string;
  script: RunScript;
  /** Position of the command in `model.shellOf(run).commands`. */
  index: number;
  /** Place in file order among the programs of all RUNs, to merge lists of several names. */
  order: number;
  /** Memo of `programOperands`: the operands last read, with the command and option list they were read with. */
  operands: { command: ShellCommand; optionsWithValue: readonly string[]; positionals: readonly ShellWord[] } | undefined;
  /** Memo of `programModuleView`. */
  moduleView: { module: string; view: ShellCommand | undefined } | undefined;
}

/** Names assigned by the script itself (`PKGS="a b"; …`, `export PKGS=…`, `for PKG in …`, `read PKG`): their values are not the ARG/ENV ones. */
export function localVariables(script: RunScript): ReadonlySet<string> {
  return localsOfScript.lookup(script, readLocalVariables);
}

/**
 * The last RUN scripts' local variables: three rules ask for those of each RUN that installs or
 * removes, one RUN after the other (no-update-alone and no-package-manager-cache read them anew
 * for every RUN: 8 ms per recommended pass over the corpus).
 */
const localsOfScript = new RecentCache<RunScript, ReadonlySet<string>>(32);

function readLocalVariables(script: RunScript): ReadonlySet<string> {
  const names = new Set<string>();
  for (const command of script.script.commands) {
    for (const assignment of command.assignments) names.add(assignment.name);
    const name = command.name?.value;
    if (name === "export" || name === "local" || name === "declare" || name === "typeset" || name === "readonly" || name === "read") {
      for (const arg of command.args) {
        const match = /^([A-Z_]\w*)(?:=|$)/i.exec(arg.value);
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
  return [...value.matchAll(/\$\{?([A-Z_]\w*)/gi)].map((m) => m[1] ?? "");
}

/**
 * The operand words a word stands for once the build's ARG/ENV values are substituted:
 * `$PKGS` with `ARG PKGS="curl git"` is `curl` and `git`. Undefined when the value is not
 * known here (a variable without a value, set by the script itself, a command substitution).
 */
export function resolveWord(word: ShellWord, run: Instruction, locals: ReadonlySet<string>): string[] | undefined {
  if (!word.hasExpansion) return [word.value];
  if (/\$\(|`|\$\[/.test(word.value)) return undefined;
  if (referencedNames(word.value).some((name) => locals.has(name))) return undefined;
  const expanded = expandVariables(word.value, (name) => lookupVariable(run, name));
  if (expanded.unresolved.length > 0 || /[$`]/.test(expanded.value)) return undefined;
  // Unquoted expansions are split into words by the shell; quoted ones stay one word.
  return word.unquotedExpansion ? expanded.value.split(/\s+/).filter((w) => w !== "") : [expanded.value];
}

/**
 * The value of a variable at a RUN, as `scope.lookup` gives it.
 *
 * Workaround for an engine bug (reported): the model reads `ARG PKGS="curl git"` as
 * `PKGS=curl` (dockerfile-ast splits the quoted value at the space), so a value declared by an
 * ARG is read again from the ARG's own text, quotes respected. Remove once parse.ts keeps
 * quoted ARG values whole.
 */
export function lookupVariable(run: Instruction, name: string): string | null | undefined {
  const value = run.scope.lookup(name);
  const origin = run.scope.origin(name);
  if (typeof value !== "string" || origin?.kind !== "ARG" || !origin.instruction) return value;
  return argDefault(origin.instruction.argsText, name) ?? value;
}

/** `NAME=value` in the text of an ARG, quotes removed; undefined without a default. */
function argDefault(argsText: string, name: string): string | undefined {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < argsText.length; i++) {
    const c = argsText[i] ?? "";
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < argsText.length) current += argsText[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (/\s/.test(c)) {
      if (current !== "") words.push(current);
      current = "";
    } else if (c === "\\" && i + 1 < argsText.length) {
      current += argsText[++i];
    } else {
      current += c;
    }
  }
  if (current !== "") words.push(current);
  const word = words.find((w) => w.startsWith(`${name}=`));
  return word?.slice(name.length + 1);
}

/**
 * Whether files a RUN of this stage leaves behind end up in an image: the last stage, a build
 * target (`settings.buildTargets`), or a stage that such an image is built `FROM` (hadolint's
 * DL3009 scope). A stage that is only copied from (`COPY --from=build /out /out`) does not pass
 * its leftovers on, nor does a stage only such a stage is built on (`FROM rust AS buildbase` →
 * `FROM buildbase AS build` → `FROM scratch` + `COPY --from=build`). A stage nothing refers to
 * may be built with `--target`, and passes its base's files on.
 */
export function leavesFilesInImage(model: DockerfileModel, settings: Settings, stage: Stage | undefined): boolean {
  if (!stage) return true;
  const images = imagesOf.lookup(model, () => new Set(imageStages(model, settings)));
  return images.has(stage) || baseOfImages.lookup(model, (m) => stagesImagesBuildOn(m, images)).has(stage);
}

/** The stages built as images, once per file (the settings are the lint's). */
const imagesOf = new RecentCache<DockerfileModel, ReadonlySet<Stage>>(1);

/**
 * The stages an image is built on, once per file: asked once per RUN, a search of every stage
 * made a file of many stages quadratic (100,000 lines, ~1,000 stages: 171 → 6 ns per line,
 * issue 7 scaling).
 */
const baseOfImages = new RecentCache<DockerfileModel, ReadonlySet<Stage>>(1);

function stagesImagesBuildOn(model: DockerfileModel, images: ReadonlySet<Stage>): ReadonlySet<Stage> {
  const bases = new Set<Stage>();
  // A stage is built `FROM` an earlier one only: from the last back, each stage knows by then
  // whether an image is built on it.
  for (let i = model.stages.length - 1; i >= 0; i--) {
    const stage = model.stages[i];
    if (!stage?.parent) continue;
    if (images.has(stage) || !stage.usedByLaterStage || bases.has(stage)) bases.add(stage.parent);
  }
  return bases;
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
    const match = /^\$\{?([A-Z_]\w*)\}?$/i.exec(arg.value);
    if (!match?.[1] || !/OPT|FLAG|ARG/i.test(match[1])) return false;
    return resolveWord(arg, run, localVariables(script)) === undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// Variables that the build leaves empty.

/** The file `namesDeclaredInFile` last answered for, in one slot (see `programsOfModel`). */
const declaredInModel = new RecentCache<DockerfileModel, ReadonlySet<string>>(1);

/** Every name an ARG or ENV of the file declares, in any stage (ONBUILD triggers included). */
export function namesDeclaredInFile(model: DockerfileModel): ReadonlySet<string> {
  return declaredInModel.lookup(model, (m) => {
    const found = new Set<string>();
    for (const instruction of m.instructions) {
      for (const candidate of [instruction, instruction.trigger]) {
        if (candidate?.keyword === "ARG" || candidate?.keyword === "ENV") for (const pair of candidate.pairs) found.add(pair.key);
      }
    }
    return found;
  });
}

/** What an operand word stands for at its RUN, and which variables in it the build leaves empty. */
export interface ResolvedOperand {
  values: string[];
  /** Variables that an ARG/ENV of another stage (or a global ARG not redeclared) declares, but that are unset here. */
  emptyHere: string[];
}

/**
 * Like `resolveWord`, but a variable that is declared by an ARG or ENV somewhere in the file and
 * is not in scope at this RUN (an ENV of an unrelated stage, a global ARG the stage does not
 * redeclare) expands to nothing, as it does in the build. Variables the file never declares may
 * come from the base image, and ARGs without a default from `--build-arg`: those stay unknown.
 */
export function resolveOperand(model: DockerfileModel, word: ShellWord, run: Instruction, locals: ReadonlySet<string>): ResolvedOperand | undefined {
  if (!word.hasExpansion) return { values: [word.value], emptyHere: [] };
  if (/\$\(|`|\$\[/.test(word.value)) return undefined;
  if (referencedNames(word.value).some((name) => locals.has(name))) return undefined;
  const declared = namesDeclaredInFile(model);
  const emptyHere = new Set<string>();
  const expanded = expandVariables(word.value, (name) => {
    const value = lookupVariable(run, name);
    if (value === undefined && declared.has(name)) {
      emptyHere.add(name);
      return "";
    }
    return value;
  });
  if (expanded.unresolved.length > 0 || /[$`]/.test(expanded.value)) return undefined;
  const values = word.unquotedExpansion ? expanded.value.split(/\s+/).filter((w) => w !== "") : [expanded.value];
  return { values, emptyHere: [...emptyHere] };
}

/** ` (from `$PKGS`)` / ` (from `git-${V}`, where `V` is not set in this stage)` for messages. */
export function originNote(word: ShellWord, value: string, emptyHere: readonly string[]): string {
  if (value === word.value && emptyHere.length === 0) return "";
  const unset = emptyHere.length === 0 ? "" : `, where ${emptyHere.map((n) => `\`${n}\``).join(", ")} ${emptyHere.length === 1 ? "is" : "are"} not set in this stage`;
  return ` (from \`${word.value}\`${unset})`;
}

// ---------------------------------------------------------------------------------------------
// Mounts, clean-up commands and fixes.

/** The target of each cache or tmpfs `--mount` of the RUN. */
export function cacheMountTargets(run: Instruction): string[] {
  const targets: string[] = [];
  for (const flag of run.flags) {
    if (flag.name.toLowerCase() !== "mount") continue;
    const type = flag.options.get("type");
    if (type !== "cache" && type !== "tmpfs") continue;
    const target = flag.options.get("target") ?? flag.options.get("dst") ?? flag.options.get("destination");
    if (target !== undefined) targets.push(trimEndWhere(target.replace(/^["']|["']$/g, ""), isSlash));
  }
  return targets;
}

/** The paths a command operates on once known ARG/ENV values are substituted (`rm -rf "$CACHE"/*`). */
export function commandPaths(command: ShellCommand, run: Instruction, locals: ReadonlySet<string>): string[] {
  return positionalArgs(command).flatMap((word) => resolveWord(word, run, locals) ?? []);
}

/** Paths whose removal takes the lists with it: the directory, its parent, or the files in it. */
const APT_LIST_PATHS = ["/var/lib/apt/lists", "/var/lib/apt", "/var/lib", "/var", "/var/lib/apt/lists/deb.debian.org_debian_dists_stable_main_binary-amd64_Packages"];

/**
 * Whether `rm` of this path (a glob: `/var/lib/apt/lists/*`, `/var/lib/apt/lists*`,
 * `/var/lib/apt/lists/`) deletes the package lists, a directory above them too (penpot's
 * `rm -rf /var/lib /var/cache`).
 */
export function removesAptLists(path: string): boolean {
  return aptListVerdicts.lookup(path, removesAptListsUncached);
}

/** `removesAptLists` answers: it compiles a pattern per path, and the same few paths (`/var/lib/apt/lists/*`) come up in most files. */
const aptListVerdicts = new BoundedCache<string, boolean>(1000);

function removesAptListsUncached(path: string): boolean {
  const normalized = trimEndWhere(path, isSlash);
  // The part before the first glob character is the lists' path, or begins it.
  const literal = /^[^*?[]*/.exec(normalized)?.[0] ?? "";
  if (!normalized.startsWith("/var/lib/apt") && !(literal.length >= 2 && "/var/lib/apt/lists".startsWith(literal))) return false;
  if (shellGlobMinLength(normalized) > Math.max(...APT_LIST_PATHS.map((candidate) => candidate.length))) return false;
  const pattern = shellGlobMatcher(normalized, "");
  return APT_LIST_PATHS.some((candidate) => pattern.test(candidate));
}

/**
 * The paths (as written, globs included, known ARG/ENV values substituted) that `rm`, or
 * `find <dir> … -delete` / `-exec rm`, deletes; empty for any other command. Rules that test
 * one command against several directories read these once.
 */
export function removedPaths(raw: ShellCommand, run: Instruction, locals: ReadonlySet<string>): readonly string[] {
  const command = unwrapCommand(raw);
  const name = commandBaseName(command);
  if (name === "rm") return commandPaths(command, run, locals);
  if (name === "find") {
    const start = command.args[0];
    const removes = command.args.some((arg, i) => arg.value === "-delete" || (arg.value === "-exec" && /(?:^|\/)rm$/.test(command.args[i + 1]?.value ?? "")));
    return removes && start ? (resolveWord(start, run, locals) ?? []) : [];
  }
  return [];
}

/**
 * Whether a path pattern (`/var/cache/yum/*`, `/var/cache/yum`, `/var/cache/*`) covers the
 * directory `dir`: it is the directory, a parent of it, or every entry in it.
 */
export function coversDirectory(pattern: string, dir: string): boolean {
  const normalized = trimEndWhere(pattern, isSlash).replace(/\/\*$/, "");
  if (normalized === "" || shellGlobMinLength(normalized) > dir.length) return false;
  // Most removed paths have no wildcard left (`/var/lib/apt/lists/*` is the directory): what the
  // pattern below matches then, with no pattern to look up and run (a RUN's rm is asked about
  // every cache directory of every rule).
  if (!/[*?[]/.test(normalized)) return dir === normalized || dir.startsWith(`${normalized}/`);
  const regex = directoryPatterns.lookup(
    normalized,
    (normalizedPattern) => shellGlobMatcher(normalizedPattern, "(?:/.*)?"),
  );
  return regex.test(dir);
}

/** What a removed path is tested with: a regex, or nothing for a glob that matches nothing. */
interface PathMatcher {
  test(path: string): boolean;
}

const NOTHING: PathMatcher = { test: () => false };

/**
 * A shell glob as the shell matches a path against it, as a regex followed by `suffix`: `*` and
 * `?` within one path component, `[…]` (`[!…]`, `[^…]`) a bracket expression when it is closed;
 * an unclosed `[` is a literal `[` (`rm -rf /var/lib/a[` removes a file of that name).
 */
function shellGlobMatcher(glob: string, suffix: string): PathMatcher {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    const close = c === "[" ? bracketEnd(glob, i) : -1;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (close > 0) {
      let members = glob.slice(i + 1, close);
      const negated = members.startsWith("!") || members.startsWith("^");
      if (negated) members = members.slice(1);
      source += `[${negated ? "^/" : ""}${members.replace(/[\\\][^]/g, "\\$&")}]`;
      i = close;
    } else source += /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  try {
    return new RegExp(`^${source}${suffix}$`);
  } catch {
    // An out-of-order range (`[z-a]`): the shell matches nothing with it.
    return NOTHING;
  }
}

/**
 * Where the bracket expression that opens at `open` closes, or -1 where the `[` is a literal: no
 * `]` after it (a `]` right after the `[` is a member, not the end), or a `/` before it (an
 * expression never spans a path component).
 */
function bracketEnd(glob: string, open: number): number {
  const close = glob.indexOf("]", open + 2);
  return close < 0 || glob.slice(open + 1, close).includes("/") ? -1 : close;
}

/**
 * The fewest characters a path matching this glob has: `*` none, `?` and a bracket expression
 * (`y[u]m`) one each. A pattern longer than a path cannot match it (and would make a huge regex).
 */
function shellGlobMinLength(glob: string): number {
  let length = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") continue;
    if (c === "[") i = Math.max(i, bracketEnd(glob, i));
    length++;
  }
  return length;
}

/** `coversDirectory` patterns, compiled: each rule asks about the same few paths (`/var/lib/apt/lists/*`) for many directories. */
const directoryPatterns = new BoundedCache<string, PathMatcher>(1000);

/**
 * An edit that replaces `word` by `text`, keeping its quotes (`"apt"` → `"apt-get"`; a JSON
 * string in exec form). Undefined when the word's text in the file is not the word itself.
 */
export function replaceWord(source: SourceText, run: Instruction, word: ShellWord, text: string): Fix | undefined {
  const exec = run.form === "exec" ? run.execArgs?.find((arg) => arg.range[0] === word.start && arg.range[1] === word.end) : undefined;
  if (exec) {
    if (exec.value !== word.value) return undefined;
    return { range: [word.start, word.end], text: JSON.stringify(text) };
  }
  const written = source.text.slice(word.start, word.end);
  if (written === word.value) return { range: [word.start, word.end], text };
  const quoted = /^(["'])(.*)\1$/s.exec(written);
  if (quoted && quoted[2] === word.value && /^[\w./+-]*$/.test(text)) return { range: [word.start, word.end], text: `${quoted[1]}${text}${quoted[1]}` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Options that take a value, per package manager.

/** pip install (and `uv pip install`) options that take a value (pip(1), `pip install --help`). */
export const PIP_OPTIONS_WITH_VALUE: readonly string[] = [
  "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform", "--python-version",
  "--implementation", "--abi", "--root", "--prefix", "-b", "--build", "--src", "--upgrade-strategy", "--install-option",
  "--global-option", "-C", "--config-settings", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
  "--no-binary", "--only-binary", "--progress-bar", "--root-user-action", "--report", "--log", "--log-file", "--local-log",
  "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir",
  "--python", "--keyring-provider", "--use-feature", "--use-deprecated", "--group",
  // uv pip install (uv's reference: `-r, --requirements`, `-c, --constraints`, plural and singular)
  "--requirements", "--constraints", "--overrides", "--build-constraints", "--python-preference", "--exclude-newer-package",
  "--config-settings-package", "--excludes",
  "--override", "--index", "--default-index", "--index-strategy", "--resolution", "--prerelease", "--exclude-newer",
  "--link-mode", "--config-setting", "--python-platform", "--directory", "--project", "--config-file", "--color",
  "--build-constraint", "--extra", "--reinstall-package", "--upgrade-package", "-P", "--refresh-package",
  "--no-build-isolation-package", "--allow-insecure-host", "--torch-backend", "-p",
];

/** pipx install options that take a value. */
export const PIPX_OPTIONS_WITH_VALUE: readonly string[] = ["--python", "--index-url", "-i", "--pip-args", "--suffix", "--spec", "--preinstall", "--backend"];

/** npm install options that take a value when written as a separate word. */
export const NPM_OPTIONS_WITH_VALUE: readonly string[] = [
  "--registry", "--loglevel", "--prefix", "-C", "--cache", "--userconfig", "--globalconfig", "--tag", "-w", "--workspace",
  "--omit", "--include", "--install-strategy", "--save-prefix", "--before", "--scope", "--otp", "--proxy", "--https-proxy",
  "--ca", "--cafile", "--location", "--only", "--also", "--auth-type", "--script-shell", "--fetch-retries", "--fetch-timeout",
];

/** yarn (v1 and berry) and pnpm options that take a value. */
export const NODE_PM_OPTIONS_WITH_VALUE: readonly string[] = [
  "--cwd", "--modules-folder", "--cache-folder", "--mutex", "--network-timeout", "--registry", "--global-folder",
  "--link-folder", "--use-yarnrc", "--preferred-cache-folder", "--network-concurrency", "--filter", "-F", "--dir", "-C",
  "--store-dir", "--virtual-store-dir", "--loglevel", "--reporter", "--workspace-root",
];

/** apk options that take a value (apk(8)). */
export const APK_OPTIONS_WITH_VALUE: readonly string[] = [
  "-t", "--virtual", "-X", "--repository", "--repositories-file", "-p", "--root", "--arch", "--keys-dir", "--cache-dir",
  "--cache-max-age", "--timeout", "--wait", "--progress-fd", "--dir", "--from",
];

/** yum, dnf and microdnf options that take a value when written as a separate word. */
export const RPM_OPTIONS_WITH_VALUE: readonly string[] = [
  "--setopt", "-x", "--exclude", "--excludepkgs", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--releasever",
  "--installroot", "-c", "--config", "--forcearch", "-d", "--debuglevel", "-e", "--errorlevel", "--repofrompath",
  "--downloaddir", "--destdir", "--color", "--comment", "--advisory", "--advisories", "--bz", "--bzs", "--cve", "--cves",
  "--sec-severity", "--secseverity", "--disableplugin", "--enableplugin", "--setvar", "--disableexcludes",
  "--disableexcludepkgs", "--rpmverbosity", "--from-repo",
];

/** zypper global and install options that take a value (zypper(8)). */
export const ZYPPER_OPTIONS_WITH_VALUE: readonly string[] = [
  "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir",
  "-R", "--root", "--installroot", "--userdata", "-p", "--plus-repo", "--plus-content", "--releasever", "-r", "--repo",
  "--from", "-t", "--type", "--download",
];

/** gem install options that take a value (`gem help install`). */
const GEM_OPTIONS_WITH_VALUE = new Set([
  "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--document", "--build-root", "-P", "--trust-policy",
  "-s", "--source", "-p", "--http-proxy", "--platform", "-g", "--file", "--without", "--config-file", "-B",
  "--bulk-threshold", "--target-rbconfig",
]);

/** gem install options that take no value. */
const GEM_BOOLEAN_OPTIONS = new Set([
  "-N", "--no-document", "--no-ri", "--no-rdoc", "--ri", "--rdoc", "--user-install", "--no-user-install", "-E",
  "--env-shebang", "--no-env-shebang", "-f", "--force", "--no-force", "-w", "--wrappers", "--no-wrappers", "--vendor",
  "--minimal-deps", "--conservative", "--development", "--development-all", "--prerelease", "--no-prerelease", "--default",
  "--explain", "--lock", "--no-lock", "--suggestions", "--no-suggestions", "-l", "--local", "-r", "--remote", "-b",
  "--both", "--clear-sources", "-u", "--update-sources", "--no-update-sources", "--ignore-dependencies",
  "--format-executable", "--no-format-executable", "--post-install-message", "--no-post-install-message", "-q", "--quiet",
  "--silent", "-V", "--verbose", "--no-verbose", "--backtrace", "--debug", "--norc", "--install-as-default", "--no-install-as-default",
]);

/**
 * gem's operands: arguments after `--` go to the gems' build (`-- --with-pg-config=…`), options
 * that take a value skip it, and an option gem does not list is taken to take one (as hadolint
 * does), so that its argument is not mistaken for a gem.
 */
export function gemPositionals(command: ShellCommand): ShellWord[] {
  const out: ShellWord[] = [];
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word) break;
    const value = word.value;
    if (value === "--") break;
    if (value.length < 2 || !value.startsWith("-")) {
      out.push(word);
      continue;
    }
    if (value.includes("=") || GEM_BOOLEAN_OPTIONS.has(value) || value.startsWith("--no-")) continue;
    if (GEM_OPTIONS_WITH_VALUE.has(value)) {
      i++;
      continue;
    }
    // An attached short value (`-v1.2`) or an unknown option.
    if (/^-[a-z]./i.test(value) && GEM_OPTIONS_WITH_VALUE.has(value.slice(0, 2))) continue;
    i++;
  }
  return out;
}

/** `go` build flags that take a value (`go help build`): written with one dash, and `-flag value` or `-flag=value`. */
const GO_FLAGS_WITH_VALUE = new Set([
  "C", "p", "o", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags", "installsuffix", "ldflags", "mod", "modfile",
  "overlay", "pgo", "pkgdir", "tags", "toolexec", "exec", "coverpkg", "covermode", "buildvcs",
]);

/** The operands of a `go` command: go's flags have one or two dashes and no clusters; they stop at the first operand. */
export function goPositionals(command: ShellCommand): ShellWord[] {
  const out: ShellWord[] = [];
  const args = command.args;
  let flagsDone = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word) break;
    const value = word.value;
    if (flagsDone || value.length < 2 || !value.startsWith("-")) {
      out.push(word);
      // `go` reads its own flags before the subcommand, the subcommand's after it, then operands.
      if (out.length > 1) flagsDone = true;
      continue;
    }
    if (value === "--") {
      flagsDone = true;
      continue;
    }
    const name = value.replace(/^--?/, "");
    if (name.includes("=")) continue;
    // `-buildvcs` alone is boolean; only its `=` form has a value.
    if (GO_FLAGS_WITH_VALUE.has(name) && name !== "buildvcs") i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// apt configuration a Dockerfile writes, and scripts a RUN runs.

/** Where apt reads its configuration: `/etc/apt/apt.conf` and every file of `/etc/apt/apt.conf.d/`. */
const APT_CONF_TARGET = /^\/etc\/apt\/apt\.conf(?:\.d(?:\/.*)?)?$/;

/** One `Key "value";` setting written into apt's configuration. */
interface AptConfigWrite {
  /** The RUN (or COPY/ADD heredoc) that writes it. */
  instruction: Instruction;
  /** Where the written text starts in the file: a write earlier in the same RUN counts for the commands after it. */
  start: number;
  text: string;
}

/** The file's apt configuration writes, in file order: one slot (see `programsOfModel`). */
const aptConfigOfModel = new RecentCache<DockerfileModel, readonly AptConfigWrite[]>(1);

function aptConfigWrites(model: DockerfileModel): readonly AptConfigWrite[] {
  return aptConfigOfModel.lookup(model, (m) => {
    const found: AptConfigWrite[] = [];
    // Most files write no apt configuration: one search of the text spares reading every RUN's writes.
    if (!m.source.text.includes("/etc/apt/apt.conf")) return found;
    // ONBUILD triggers are left out: they write into a child image, not into this stage.
    for (const instruction of m.instructions) {
      if (instruction.keyword !== "RUN" && instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      for (const written of writtenTexts(m, instruction)) {
        if (!written.targets.some((target) => APT_CONF_TARGET.test(target)) || !/::/.test(written.text)) continue;
        found.push({ instruction, start: written.parts[0]?.start ?? instruction.range[0], text: written.text });
      }
    }
    return found;
  });
}

/** apt's `StringToBool`: these words, or a number (0 is false). */
const APT_FALSE = /^(?:no|false|without|off|disable|0+)$/i;
const APT_TRUE = /^(?:yes|true|with|on|enable|\d+)$/i;

/** The last value given to `key` in one written text: `APT::Install-Recommends "false";`, quotes optional, any case. */
function aptConfigValue(text: string, key: string): string | undefined {
  const lower = text.toLowerCase();
  const wanted = key.toLowerCase();
  let value: string | undefined;
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + wanted.length)) {
    // A whole key: not the tail of a longer one (`Foo::APT::…`), nor `printf`'s `\n` taken for a letter.
    const before = text[at - 1] ?? "";
    if (/[\w:-]/.test(before) && !(before === "n" && text[at - 2] === "\\")) continue;
    const match = /^\s+(?:"([^"\n]*)"|([\w-]+))/.exec(text.slice(at + wanted.length, at + wanted.length + 64));
    if (match) value = (match[1] ?? match[2] ?? "").trim();
  }
  return value;
}

/**
 * Whether apt's configuration turns a boolean `key` (`APT::Install-Recommends`,
 * `APT::Get::Assume-Yes`) on or off for a command of `run` that starts at `position`: the last
 * value written to `/etc/apt/apt.conf.d/` (or `/etc/apt/apt.conf`) by an earlier RUN or COPY
 * heredoc of the stage or a stage it is built FROM, or earlier in the same RUN. Undefined when
 * nothing the Dockerfile shows sets it (a file copied from the context cannot be read here).
 */
export function aptConfigured(model: DockerfileModel, run: Instruction, position: number, key: string): boolean | undefined {
  const writes = aptConfigWrites(model);
  if (writes.length === 0 || !run.stage) return undefined;
  const chain = new Set(stageChain(run.stage));
  // An ONBUILD RUN runs in a child image, on everything this stage wrote.
  const before = run.onbuild ? Number.POSITIVE_INFINITY : position;
  let setting: boolean | undefined;
  for (const write of writes) {
    if (write.start >= before) continue;
    if (!write.instruction.stage || !chain.has(write.instruction.stage)) continue;
    const value = aptConfigValue(write.text, key);
    if (value !== undefined && APT_FALSE.test(value)) setting = false;
    else if (value !== undefined && APT_TRUE.test(value)) setting = true;
  }
  return setting;
}

/** Options of a shell that take a value (`bash -o pipefail x.sh`, `sh -O extglob x.sh`). */
const SHELL_OPTIONS_WITH_VALUE = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);

/**
 * The script file a command runs, if it runs one whose text docklint cannot see: a path to a
 * script (`/scripts/cleanup.sh`, `./cleanup.sh`, `cleanup.sh`), a shell given a file
 * (`sh x.sh`, `bash -e /x.sh`), or `. /x.sh` / `source /x.sh`. A shell reading a string (`-c`)
 * or its stdin (`curl … | sh`) runs no file. `command` has its wrappers removed.
 */
export function scriptFileRun(command: ShellCommand): ShellWord | undefined {
  const script = anyScriptFileRun(command);
  return script && !isKnownNonCleanupScript(script.value) ? script : undefined;
}

/**
 * Scripts known to do something else than clean up: a shell's settings (`source /etc/bashrc`,
 * `. ~/.profile`, an env file) and a source tree's build steps (`./configure`, `./autogen.sh`),
 * which frankenphp's static builders run after their installs.
 */
function isKnownNonCleanupScript(path: string): boolean {
  if (path.startsWith("/etc/")) return true;
  const base = path.slice(path.lastIndexOf("/") + 1);
  return /^(?:\.?(?:bash|zsh)?rc|\.?profile|\.bash_profile|\.env|env|configure|autogen\.sh|bootstrap(?:\.sh)?|buildconf)$/.test(base);
}

function anyScriptFileRun(command: ShellCommand): ShellWord | undefined {
  const name = command.name;
  if (!name || name.hasExpansion) return undefined;
  const base = commandBaseName(command) ?? "";
  if (base === "." || base === "source") return command.args[0];
  if (isShellName(base)) {
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      const value = args[i]?.value ?? "";
      if (value === "--") return args[i + 1];
      // `-` reads stdin.
      if (value === "-") return undefined;
      if (!value.startsWith("-") && !value.startsWith("+")) return args[i];
      // `-c` runs a string, `-s` reads stdin: no file.
      if (/^-[a-z]+$/i.test(value) && (value.includes("c") || value.includes("s"))) return undefined;
      if (SHELL_OPTIONS_WITH_VALUE.has(value)) i++;
    }
    return undefined;
  }
  if (/\.(?:sh|bash)$/.test(base)) return name;
  // `./cleanup` is a file the build brought; `/opt/conda/bin/conda` or `/usr/local/bin/composer`
  // is an installed program, whose effect on the caches the rules know or judge.
  if (name.value.startsWith("./")) return name;
  return undefined;
}
