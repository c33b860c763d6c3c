import { parseShell } from "../shell/parse.js";
import type { ShellCommand, ShellScript, ShellWord } from "../shell/types.js";
import type { SourceText } from "../source.js";
import { pathBaseName } from "../util/posix-path.js";
import type { Heredoc, Instruction, Located, RunScript, RunShell } from "./model.js";
import { effectiveShell } from "./queries.js";

const POSIX_SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"]);
const EMPTY_SCRIPT: ShellScript = { commands: [], pipes: [], errors: [], script: "" };

/** The program name behind a path or an `env` shebang: `/usr/bin/env bash -e` → `bash`. */
export function interpreterName(words: readonly string[]): string {
  let name = pathBaseName(words[0] ?? "", true);
  if (name === "env") {
    let index = 1;
    while ((words[index] ?? "").startsWith("-")) index++;
    name = pathBaseName(words[index] ?? "", true);
  }
  return name.toLowerCase().replace(/\.exe$/, "");
}

export function isPosixShell(name: string): boolean {
  return POSIX_SHELLS.has(name) || /^(?:ba|da|[azk])?sh\d*$/.test(name);
}

/**
 * Turns one RUN (shell form, exec form, or heredocs) into the shell commands it runs, with
 * file positions. Exec form is a single command; `sh -c "<script>"` in exec form also has
 * its script analysed. Heredoc bodies are analysed with the shell that will read them.
 */
export function analyseRun(run: Instruction, source: SourceText, escapeChar: string): RunShell {
  const shell = effectiveShell(run);
  const stageShell = interpreterName(shell);
  const scripts: RunScript[] = [];
  const foreignStage = !isPosixShell(stageShell);

  if (run.form === "exec" && run.execArgs) {
    scripts.push({ script: execScript(run.execArgs, source), shell: "exec", foreign: false, heredoc: undefined });
  } else if (run.argsRange) {
    const start = run.flags.at(-1)?.range[1] ?? run.argsRange[0];
    if (run.heredocs.length === 0) {
      const script = foreignStage ? EMPTY_SCRIPT : parseShell(source.text, start, run.argsRange[1], { escapeChar, dockerfileContinuations: true });
      scripts.push({ script, shell: stageShell, foreign: foreignStage, heredoc: undefined });
    } else {
      scripts.push(...heredocScripts(run, run.heredocs, source, escapeChar, start, stageShell, foreignStage));
    }
  }
  return { scripts, commands: allCommands(scripts), shell };
}

/**
 * The commands of every script, in a new array. Most RUNs have one script: a copy of its list
 * or a loop, not `flatMap`, whose line was 38% of analyseRun's own time in a corpus profile.
 */
function allCommands(scripts: readonly RunScript[]): ShellCommand[] {
  if (scripts.length === 1) return (scripts[0]?.script.commands ?? []).slice();
  const commands: ShellCommand[] = [];
  for (const { script } of scripts) for (const command of script.commands) commands.push(command);
  return commands;
}

function heredocScripts(
  run: Instruction,
  heredocs: readonly Heredoc[],
  source: SourceText,
  escapeChar: string,
  start: number,
  stageShell: string,
  foreignStage: boolean,
): RunScript[] {
  // The command line is the text before the first heredoc body: `<<EOF`, `python3 <<EOF`, `<<EOF bash`.
  const firstBody = heredocs[0]?.contentRange[0] ?? run.range[1];
  const lineEnd = source.text.lastIndexOf("\n", firstBody - 1);
  const commandEnd = lineEnd >= start ? lineEnd : firstBody;
  const commandLine = foreignStage ? EMPTY_SCRIPT : parseShell(source.text, start, commandEnd, { escapeChar, dockerfileContinuations: true });
  const named = commandLine.commands.filter((c: ShellCommand) => c.name !== undefined);
  const scripts: RunScript[] = [{ script: withoutHeredocErrors(commandLine), shell: stageShell, foreign: foreignStage, heredoc: undefined }];
  // `RUN <<EOF` alone: the body is the script. `RUN bash <<EOF` or `RUN <<EOF bash`: stdin of that program.
  const reader = named.length === 0 ? undefined : interpreterName([named[0]?.name?.value ?? ""]);
  const feedsHeredoc = named.length === 0 || (reader !== undefined && isPosixShell(reader));
  heredocs.forEach((heredoc, position) => {
    if (!feedsHeredoc || position > 0 && named.length === 0) {
      scripts.push({ script: EMPTY_SCRIPT, shell: reader ?? stageShell, foreign: true, heredoc });
      return;
    }
    const shebang = /^#!\s*(\S+(?:[ \t]+\S+)*)/.exec(heredoc.content);
    const interpreter = shebang ? interpreterName((shebang[1] ?? "").split(/[ \t]+/)) : (reader ?? stageShell);
    const foreign = !isPosixShell(interpreter) || (foreignStage && !shebang && reader === undefined);
    const script = foreign
      ? EMPTY_SCRIPT
      : parseShell(source.text, heredoc.contentRange[0], heredoc.contentRange[1], { escapeChar, dockerfileContinuations: false });
    scripts.push({ script, shell: interpreter, foreign, heredoc });
  });
  return scripts;
}

function withoutHeredocErrors(script: ShellScript): ShellScript {
  return { ...script, errors: script.errors.filter((e) => !/here-?doc/i.test(e.message)) };
}

/** Exec form runs one program directly; `["sh", "-c", "…"]` hands a script to a shell. */
function execScript(execArgs: Located[], source: SourceText): ShellScript {
  const words: ShellWord[] = execArgs.map((arg) => ({
    value: arg.value,
    start: arg.range[0],
    end: arg.range[1],
    quoted: true,
    hasExpansion: false,
    unquotedExpansion: false,
  }));
  const [name, ...args] = words;
  if (!name) return EMPTY_SCRIPT;
  const command: ShellCommand = {
    name,
    args,
    assignments: [],
    redirects: [],
    start: name.start,
    end: words.at(-1)?.end ?? name.end,
    connector: undefined,
    depth: 0,
    inSubstitution: false,
    inPipeline: false,
  };
  const script: ShellScript = { commands: [command], pipes: [], errors: [], script: execArgs.map((a) => a.value).join(" ") };
  const dashC = args.findIndex((a) => /^-\w*c$/.test(a.value));
  const body = dashC >= 0 ? execArgs[dashC + 2] : undefined;
  if (isPosixShell(interpreterName([name.value])) && body) {
    const raw = source.text.slice(body.range[0] + 1, body.range[1] - 1);
    const inner = raw.includes("\\")
      ? relocate(parseShell(body.value), body.range)
      : parseShell(source.text, body.range[0] + 1, body.range[1] - 1);
    script.commands.push(...inner.commands);
    script.pipes.push(...inner.pipes);
    script.errors.push(...inner.errors);
  }
  return script;
}

/** A script parsed from an unescaped JSON string has no exact file positions: pin them to the string token. */
function relocate(script: ShellScript, range: readonly [number, number]): ShellScript {
  const pin = <T extends { start: number; end: number }>(node: T): T => ({ ...node, start: range[0], end: range[1] });
  return {
    commands: script.commands.map((c) => ({
      ...pin(c),
      name: c.name ? pin(c.name) : undefined,
      args: c.args.map(pin),
      assignments: c.assignments.map((a) => ({ ...pin(a), value: a.value ? pin(a.value) : undefined })),
      redirects: c.redirects.map((r) => ({ ...pin(r), target: r.target ? pin(r.target) : undefined })),
    })),
    pipes: script.pipes.map(pin),
    errors: script.errors.map(pin),
    script: script.script,
  };
}
