/**
 * The scripts of a Dockerfile as ShellCheck should see them: one per shell-form RUN (and per
 * heredoc body a POSIX shell runs, and per `["sh", "-c", "…"]` exec form), each with a
 * shebang for the shell that runs it and `export NAME=1` for the variables the build puts in
 * its environment, and with a map from every script offset back to the file.
 */
import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { DEFAULT_SHELL, effectiveShell, lastBefore, lastInherited, runInstructions, stageChain } from "../../dockerfile/queries.js";
import { interpreterName, isPosixShell } from "../../dockerfile/run-shell.js";
import { PREDEFINED_ARGS } from "../../dockerfile/variables.js";
import type { OffsetRange } from "../../source.js";
import { copyContinued, copyHeredocBody, copyJsonString, MappedText } from "./_mapped-text.js";
import { trimEndWhere } from "../../util/trim-end.js";

/** The dialects ShellCheck knows. `busybox` is ash: checked as dash by ShellCheck 0.9, natively from 0.10. */
export type Dialect = "sh" | "bash" | "dash" | "ksh" | "busybox";

const SHEBANGS: Readonly<Record<Dialect, string>> = {
  sh: "#!/bin/sh",
  bash: "#!/bin/bash",
  dash: "#!/bin/dash",
  ksh: "#!/bin/ksh",
  busybox: "#!/bin/busybox sh",
};

/**
 * Variables the build passes to RUN without a declaration when they are given as build
 * arguments (BuildKit's predefined proxy args; hadolint pre-declares all but ALL_PROXY).
 */
export const PROXY_VARIABLES: readonly string[] = PREDEFINED_ARGS.filter((name) => /_proxy$/i.test(name));

const SHELL_NAME = /^[A-Z_]\w*$/i;

/** The ShellCheck dialect of an interpreter name (`bash`, `ash`, `mksh`, …); undefined when ShellCheck cannot check it (zsh, fish, pwsh, cmd). */
export function dialectOf(name: string): Dialect | undefined {
  const base = trimEndWhere(name.toLowerCase(), (char) => char === "." || (char >= "0" && char <= "9"));
  switch (base) {
    case "sh":
    case "bash":
    case "dash":
    case "ksh":
      return base;
    case "ash":
    case "busybox":
      return "busybox";
    case "mksh":
    case "pdksh":
    case "oksh":
      return "ksh";
    default:
      return undefined;
  }
}

/** Where a script came from, which decides whether ShellCheck's edits can be offered as suggestions. */
export type ScriptKind = "shell-form" | "heredoc-command" | "heredoc-body" | "exec";

export interface BuiltScript {
  /** The RUN (or the RUN of an `ONBUILD RUN`). */
  instruction: Instruction;
  kind: ScriptKind;
  dialect: Dialect;
  /** Header (shebang, directives, exports) followed by the script. */
  text: MappedText;
  /** Length of the header (mapped to where the script starts): findings inside it are about docklint's own lines. */
  headerLength: number;
}

/** A `# hadolint shell=<name>` pragma: the shell hadolint assumes for the RUNs after it. */
export interface ShellPragma {
  /** Offset of the comment. */
  offset: number;
  /** The stage it applies to; undefined before the first FROM (then: every stage). */
  stage: Stage | undefined;
  name: string;
}

const SHELL_PRAGMA = /^\s*hadolint[ \t]+shell[ \t]*=[ \t]*(\S+)/;

export function readShellPragmas(model: DockerfileModel): ShellPragma[] {
  const pragmas: ShellPragma[] = [];
  for (const comment of model.comments) {
    const match = SHELL_PRAGMA.exec(comment.text);
    if (!match) continue;
    const offset = comment.range[0];
    // The stage whose FROM is the last one before the comment.
    let stage: Stage | undefined;
    for (const candidate of model.stages) {
      if (candidate.from.range[0] < offset) stage = candidate;
      else break;
    }
    pragmas.push({ offset, stage, name: match[1] ?? "" });
  }
  return pragmas;
}

export interface BuildOptions {
  /** `# shellcheck enable=…` names (ShellCheck's optional checks). */
  enable: readonly string[];
}

/**
 * A RUN before any FROM (not a valid Dockerfile, but linted all the same): the SHELL before it.
 * `lastBefore` only looks inside stages.
 */
function prologueShell(model: DockerfileModel, run: Instruction): Instruction | undefined {
  let shell: Instruction | undefined;
  for (const instruction of model.instructions) {
    if (instruction.range[0] >= run.range[0]) break;
    if (instruction.keyword === "SHELL") shell = instruction;
  }
  return shell;
}

/** The stage's shell at a RUN, as an interpreter name, after SHELL instructions and hadolint shell pragmas. */
function stageShellName(model: DockerfileModel, run: Instruction, pragmas: readonly ShellPragma[]): string {
  // queries.effectiveShell: the SHELL before the RUN (for an ONBUILD trigger, which runs in the
  // child image right after its FROM, the stage's last SHELL), else the base image's default
  // (cmd on Windows images). Only the position of that SHELL is looked up here, for pragmas.
  const position = (run.onbuild ?? run).range[0];
  let shell: Instruction | undefined;
  let name: string;
  if (run.stage) {
    shell = run.onbuild ? lastInherited(run.stage, "SHELL") : lastBefore(run, "SHELL");
    name = interpreterName(effectiveShell(run));
  } else {
    shell = run.onbuild ? undefined : prologueShell(model, run);
    const words = shell?.execArgs?.map((a) => a.value);
    name = interpreterName(words && words.length > 0 ? words : DEFAULT_SHELL);
  }
  let from = shell ? shell.range[0] : -1;
  const chain = run.stage ? stageChain(run.stage) : [];
  for (const pragma of pragmas) {
    // A trigger runs after the whole stage: every pragma of the stage is before it.
    if (pragma.offset >= position && !run.onbuild) continue;
    if (pragma.stage !== undefined && !chain.includes(pragma.stage)) continue;
    if (pragma.offset > from) {
      name = interpreterName([pragma.name]);
      from = pragma.offset;
    }
  }
  return name;
}

/** hadolint treats any shell whose name contains one of these as not a POSIX shell. */
function isWindowsShell(name: string): boolean {
  return /pwsh|powershell|cmd/i.test(name);
}

function shellDialect(name: string): Dialect | undefined {
  if (isWindowsShell(name) || !isPosixShell(name)) return undefined;
  return dialectOf(name);
}

/** Variable names the build puts in the RUN's environment. */
function environmentNames(run: Instruction): string[] {
  const names = new Set<string>(PROXY_VARIABLES);
  if (run.onbuild) {
    // The trigger runs in a child image: it gets this stage's ENV (all of it, also the ENV
    // written after the ONBUILD), and the ARG/ENV of the triggers that run before it, but
    // none of this stage's ARGs.
    const scope = run.scope;
    for (const name of scopeNames(run)) if (scope.origin(name)?.kind === "ENV") names.add(name);
    for (const instruction of run.stage?.instructions ?? []) {
      if (instruction.keyword === "ENV") for (const pair of instruction.pairs) names.add(pair.key);
      const trigger = instruction.trigger;
      if (trigger && instruction.range[0] < run.range[0] && (trigger.keyword === "ENV" || trigger.keyword === "ARG")) {
        for (const pair of trigger.pairs) names.add(pair.key);
      }
    }
  } else {
    for (const name of scopeNames(run)) names.add(name);
  }
  // `RUN --mount=type=secret,id=token,env=TOKEN` puts the secret in $TOKEN.
  for (const flag of run.flags) {
    const env = flag.name.toLowerCase() === "mount" ? flag.options.get("env") : undefined;
    if (env) names.add(env);
  }
  return [...names].filter((name) => SHELL_NAME.test(name)).sort();
}

/** The ARG and ENV names in force at an instruction. */
function scopeNames(run: Instruction): string[] {
  return run.scope.names();
}

function header(dialect: Dialect, names: readonly string[], options: BuildOptions): string {
  let text = `${SHEBANGS[dialect]}\n`;
  if (options.enable.length > 0) text += `# shellcheck enable=${options.enable.join(",")}\n`;
  if (names.length > 0) text += `export ${names.map((name) => `${name}=1`).join(" ")}\n`;
  return text;
}

function newScript(
  run: Instruction,
  kind: ScriptKind,
  dialect: Dialect,
  anchor: number,
  options: BuildOptions,
  fill: (text: MappedText) => boolean,
): BuiltScript | undefined {
  const text = new MappedText();
  text.insert(header(dialect, environmentNames(run), options), anchor);
  const headerLength = text.length;
  if (!fill(text) || text.text.slice(headerLength).trim() === "") return undefined;
  return { instruction: run, kind, dialect, text, headerLength };
}

/** `["bash", "-o", "pipefail", "-c", "script", …]`: the index of the script argument. */
function dashCScript(words: readonly string[]): number | undefined {
  let sawC = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "--") return sawC && i + 1 < words.length ? i + 1 : undefined;
    if (/^[-+][A-Z]+$/i.test(word)) {
      if (word.startsWith("-") && word.includes("c")) sawC = true;
      // `-o pipefail`, `-euo pipefail`, `-O extglob`: the option's value is the next word.
      if (/o/i.test(word)) i++;
      continue;
    }
    return sawC ? i : undefined;
  }
  return undefined;
}

function execScripts(model: DockerfileModel, run: Instruction, options: BuildOptions): BuiltScript[] {
  const args = run.execArgs ?? [];
  const words = args.map((a) => a.value);
  const program = interpreterName([words[0] ?? ""]);
  const dialect = isPosixShell(program) ? dialectOf(program) : undefined;
  const index = dialect ? dashCScript(words) : undefined;
  const token = index === undefined ? undefined : args[index];
  if (!dialect || !token) return [];
  const file = model.source.text;
  const built = newScript(run, "exec", dialect, token.range[0] + 1, options, (text) => {
    const start = text.length;
    if (!copyJsonString(text, file, token.range[0], token.range[1], model.escapeChar)) return false;
    // Paranoia: the decoded text must be the build's value of the string.
    return text.text.slice(start) === token.value;
  });
  return built ? [built] : [];
}

function heredocScripts(model: DockerfileModel, run: Instruction, start: number, stageDialect: Dialect | undefined, stageShell: string, options: BuildOptions): BuiltScript[] {
  const file = model.source.text;
  const heredocs = run.heredocs;
  const firstBody = heredocs[0]?.contentRange[0] ?? run.range[1];
  const lineEnd = file.lastIndexOf("\n", firstBody - 1);
  const commandEnd = lineEnd >= start ? lineEnd : firstBody;
  const commandLine = model.shellOf(run).scripts.find((s) => s.heredoc === undefined);
  const named = (commandLine?.script.commands ?? []).filter((c) => c.name !== undefined);
  const scripts: BuiltScript[] = [];
  const end = Math.max(run.argsRange?.[1] ?? start, heredocs.at(-1)?.range[1] ?? start);

  // `RUN cat <<EOF > /etc/x` or `RUN bash <<EOF`: the whole text is one shell script, the bodies
  // here-documents of it (whose unquoted `$x` the outer shell expands).
  if (named.length > 0 && stageDialect) {
    const built = newScript(run, "heredoc-command", stageDialect, start, options, (text) => {
      copyContinued(text, file, start, commandEnd, model.escapeChar);
      text.copyLines(file, commandEnd, end);
      return true;
    });
    if (built) scripts.push(built);
  }
  // `RUN <<EOF` alone: the first body is the script; `RUN bash <<EOF`: a POSIX shell reads it.
  const reader = named.length === 0 ? undefined : interpreterName([named[0]?.name?.value ?? ""]);
  const feedsHeredoc = named.length === 0 || (reader !== undefined && isPosixShell(reader));
  heredocs.forEach((heredoc, position) => {
    if (!feedsHeredoc || (position > 0 && named.length === 0)) return;
    const shebang = /^#!\s*(\S+(?:[ \t]+\S+)*)/.exec(heredoc.content);
    const interpreter = shebang ? interpreterName((shebang[1] ?? "").split(/[ \t]+/)) : (reader ?? stageShell);
    const dialect = shellDialect(interpreter);
    if (!dialect) return;
    const [from, to] = heredoc.contentRange;
    const built = newScript(run, "heredoc-body", dialect, from, options, (text) => {
      let bodyStart = from;
      if (shebang) {
        // The body's own shebang gives way to docklint's (the same shell; the exports must follow it).
        const newline = file.indexOf("\n", from);
        bodyStart = newline === -1 || newline >= to ? to : newline + 1;
      }
      copyHeredocBody(text, file, bodyStart, to, heredoc.stripTabs);
      return true;
    });
    if (built) scripts.push(built);
  });
  return scripts;
}

/** Every script of the file that ShellCheck should check, in file order. */
export function buildShellcheckScripts(model: DockerfileModel, options: BuildOptions): BuiltScript[] {
  const pragmas = readShellPragmas(model);
  const scripts: BuiltScript[] = [];
  for (const run of runInstructions(model)) {
    if (run.form === "exec") {
      scripts.push(...execScripts(model, run, options));
      continue;
    }
    const argsRange: OffsetRange | undefined = run.argsRange;
    if (!argsRange) continue;
    const start = run.flags.at(-1)?.range[1] ?? argsRange[0];
    const stageShell = stageShellName(model, run, pragmas);
    const stageDialect = shellDialect(stageShell);
    if (run.heredocs.length > 0) {
      scripts.push(...heredocScripts(model, run, start, stageDialect, stageShell, options));
      continue;
    }
    if (!stageDialect) continue;
    const built = newScript(run, "shell-form", stageDialect, start, options, (text) => {
      copyContinued(text, model.source.text, start, argsRange[1], model.escapeChar);
      return true;
    });
    if (built) scripts.push(built);
  }
  return scripts;
}
