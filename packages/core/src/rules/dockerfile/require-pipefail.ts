import type { DockerfileModel, Instruction, RunScript, RunShell } from "../../dockerfile/model.js";
import { DEFAULT_SHELL, effectiveShell, lastBefore, lastInherited, runInstructions, stageRoot } from "../../dockerfile/queries.js";
import { interpreterName, isPosixShell } from "../../dockerfile/run-shell.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { commandBaseName, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellPipe, ShellWord } from "../../shell/types.js";
import type { SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import { partitionPoint } from "../../util/partition-point.js";

/**
 * Commands that cannot fail in a way that matters upstream of a pipe: with only these before
 * a `|` (`echo "$SHA  file" | sha256sum -c -`), the pipeline's status is already the status of
 * the command that can fail, so pipefail changes nothing.
 */
const CANNOT_FAIL = new Set(["echo", "printf", "yes", "true", ":"]);

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` among shell words. */
function hasPipefailOption(words: readonly string[]): boolean {
  return words.some((word, i) => /^-[a-zA-Z]*o$/.test(word) && words[i + 1] === "pipefail");
}

/** `set -o pipefail` / `set -euo pipefail` run by the script itself. */
function isSetPipefail(command: ShellCommand): boolean {
  return commandBaseName(command) === "set" && hasPipefailOption(command.args.map((a) => a.value));
}

/**
 * The SHELL the RUN runs with. An `ONBUILD RUN` runs in the child image, whose configuration
 * (SHELL included) is this stage's at its end; `effectiveShell` gives the default shell for
 * triggers, so look the stage's last SHELL up here.
 */
function shellInForce(run: Instruction): { words: readonly string[]; instruction: Instruction | undefined } {
  const instruction = run.onbuild ? (run.stage ? lastInherited(run.stage, "SHELL") : undefined) : lastBefore(run, "SHELL");
  if (!run.onbuild) return { words: effectiveShell(run), instruction };
  const words = instruction?.execArgs?.map((a) => a.value);
  return { words: words && words.length > 0 ? words : DEFAULT_SHELL, instruction };
}

/** Who should turn pipefail on: the SHELL, the heredoc's interpreter, the exec form's shell. */
type CoverageKind = "shell" | "heredoc" | "exec";

type Coverage = { covered: true } | { covered: false; kind: CoverageKind; shell: string };

/** Whether pipefail is on for a script before its own `set` commands run, and if not, who should turn it on. */
function interpreterCoverage(shell: RunShell, script: RunScript, stageShell: readonly string[]): Coverage {
  if (script.shell === "exec") {
    const words = shell.scripts[0]?.script.commands[0];
    const all = words ? [words.name?.value ?? "", ...words.args.map((a) => a.value)] : [];
    const dashC = all.findIndex((w, i) => i > 0 && /^-\w*c$/.test(w));
    const options = dashC > 0 ? all.slice(0, dashC + 1) : all;
    return hasPipefailOption(options) ? { covered: true } : { covered: false, kind: "exec", shell: options.join(" ") };
  }
  const heredoc = script.heredoc;
  if (heredoc) {
    const shebang = /^#!([^\n]*)/.exec(heredoc.content);
    if (shebang) {
      const line = (shebang[1] ?? "").trim();
      return /\bpipefail\b/.test(line) ? { covered: true } : { covered: false, kind: "heredoc", shell: `#!${line}` };
    }
    // `RUN bash -eo pipefail <<EOF`: the program that reads the body, with its own options.
    const commandLine = shell.scripts.find((s) => s.heredoc === undefined);
    const named = commandLine?.script.commands.filter((c) => c.name !== undefined) ?? [];
    const reader = named.find((c) => c.redirects.some((r) => r.op.startsWith("<<") && !r.op.startsWith("<<<"))) ?? named[0];
    if (reader) {
      const words = [reader.name?.value ?? "", ...reader.args.map((a) => a.value)];
      return hasPipefailOption(words) ? { covered: true } : { covered: false, kind: "heredoc", shell: words.join(" ") };
    }
  }
  return hasPipefailOption(stageShell) ? { covered: true } : { covered: false, kind: "shell", shell: stageShell.join(" ") };
}

/** How many of the commands (in order of their start, as the shell parser lists them) start before `offset`. */
function countStartingBefore(commands: readonly ShellCommand[], offset: number): number {
  return partitionPoint(commands.length, (i) => (commands[i] as ShellCommand).start < offset);
}

/**
 * The simple command right before a `|`, when that pipeline element is a simple command
 * (not `{ …; } | x` or `( … ) | x`). Commands nested in its own words (`echo "$(date)" | …`)
 * belong to it. `before` is how many commands start before the pipe: the walk goes back from
 * there to the previous command at the pipe's level, over the element's own commands only (from
 * the script's start, a RUN of thousands of pipelines was quadratic).
 */
function upstreamCommand(commands: readonly ShellCommand[], pipe: ShellPipe, before: number): ShellCommand | undefined {
  // The latest start among the commands passed: one that starts after the candidate ends is a compound element's.
  let latestStart = -1;
  for (let i = before - 1; i >= 0; i--) {
    const command = commands[i] as ShellCommand;
    if (command.depth === pipe.depth && command.inSubstitution === pipe.inSubstitution) {
      return latestStart < command.end && command.end <= pipe.start ? command : undefined;
    }
    latestStart = Math.max(latestStart, command.start);
  }
  return undefined;
}

/**
 * The simple commands of a compound element before a `|` (`{ echo a; echo b; } | tee f`,
 * `case … esac | sha256sum -c -`): the commands nested deeper than the pipe, walking back
 * from it (`before`, as for upstreamCommand) to the previous command at the pipe's level.
 */
function compoundUpstream(commands: readonly ShellCommand[], pipe: ShellPipe, before: number): ShellCommand[] {
  const inside: ShellCommand[] = [];
  for (let i = before - 1; i >= 0; i--) {
    const command = commands[i] as ShellCommand;
    if (command.depth <= pipe.depth) break;
    // `case "$(uname -m)" in …`: a substitution's failure does not decide the element's status.
    if (command.inSubstitution && !pipe.inSubstitution) continue;
    inside.push(command);
  }
  return inside;
}

/** The end of a pipeline that starts at a `|`: its last element when that is a simple command, and whether that element comes right after the `|`. */
interface PipelineEnd {
  last: ShellCommand | undefined;
  next: boolean;
}

/**
 * The pipeline's last element after `pipe`: without pipefail the pipeline's status is that
 * element's (POSIX), not that of the command right after the `|` (percona-docker: `find … |
 * xargs -0 grep -lZE … | xargs -rt -0 sed …` was said to have `grep`'s status). Elements at the
 * pipe's level are chained by a `|` or `|&` connector; a compound element (`| while …; done`)
 * has commands nested deeper, and ends the walk with no simple command to name.
 */
function pipelineEnd(commands: readonly ShellCommand[], pipes: readonly ShellPipe[], pipe: ShellPipe): PipelineEnd {
  // The pipes at this level, in order (they do not overlap): searched, not scanned, for each compound element.
  const level = pipes.filter((p) => p.depth === pipe.depth && p.inSubstitution === pipe.inSubstitution).sort((a, b) => a.start - b.start);
  const pipedBetween = (from: number, to: number): boolean => {
    const next = level[partitionPoint(level.length, (i) => (level[i] as ShellPipe).start < from)];
    return next !== undefined && next.end <= to;
  };
  let last: ShellCommand | undefined;
  let elements = 0;
  let inCompound = false;
  for (let i = countStartingBefore(commands, pipe.end); i < commands.length; i++) {
    const command = commands[i] as ShellCommand;
    if (command.depth < pipe.depth) break;
    if (command.depth === pipe.depth) {
      if (command.inSubstitution !== pipe.inSubstitution) break;
      if (elements > 0 && command.connector !== "|" && command.connector !== "|&") break;
      last = command;
      elements++;
      inCompound = false;
      continue;
    }
    // Nested deeper: in the words of the element (`| tee "$(date)"`), or in a compound element.
    if (inCompound || (last && command.start < last.end)) continue;
    const from = last?.end ?? pipe.start;
    if (elements > 0 && !pipedBetween(from, command.start)) break;
    last = undefined;
    elements++;
    inCompound = true;
  }
  return { last, next: elements === 1 };
}

/**
 * Whether the last command of a pipeline fails on empty or cut-off input, so that most failures before
 * the pipe fail the RUN anyway: `gpg --dearmor`/`--import` ("no valid OpenPGP data found"),
 * `apt-key add -`, `tar x`, a decompressor, `sha256sum -c`, `grep` (no line matches). A partial
 * download that still reads as valid input passes. Its name, or undefined when it takes any input.
 */
function emptyInputChecker(command: ShellCommand): string | undefined {
  const unwrapped = unwrapCommand(command);
  const name = commandBaseName(unwrapped);
  return name !== undefined && rejectsEmptyInput(name, unwrapped.args.map((a) => a.value)) ? name : undefined;
}

/** xargs options whose value may be the next word (`-n 1`, `--max-args 1`); GNU's `-e`, `-i`, `-l` take theirs attached only. */
const XARGS_SHORT_WITH_VALUE = "adEILnPs";
const XARGS_SHORT_ATTACHED = "eil";
const XARGS_LONG_WITH_VALUE = ["--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"];

/** What an `xargs` at the end of a pipeline runs, and whether it runs nothing on empty input (`-r`, `-I`). */
interface XargsRun {
  runs: string;
  noRunIfEmpty: boolean;
}

/**
 * `… | xargs rm -rf`: the status is xargs's, and xargs gives the pipe's data to `rm` as
 * arguments, not as input (`unwrapCommand` sees `rm`, and GNU xargs gives it /dev/null as
 * standard input). On empty input GNU and BusyBox xargs run the command once with only its own
 * arguments (`rm -rf` then exits 0, `grep foo` 1), and with `-r` (`--no-run-if-empty`), or
 * GNU's `-I`/`-i` (one run per input line), nothing and exits 0 (findutils' manual, BusyBox's
 * usage text, GNU findutils 4.9 tried); xargs exits 123 if a run failed.
 * Undefined when the command is no xargs, also behind a wrapper (`sudo xargs …`).
 */
function xargsRun(command: ShellCommand): XargsRun | undefined {
  const words = command.name ? [command.name, ...command.args] : [];
  const unwrapped = unwrapCommand(command);
  const program = unwrapped === command ? -1 : words.indexOf(unwrapped.name as ShellWord);
  const end = program === -1 ? words.length : program;
  const at = words.findIndex((word, i) => i < end && !word.hasExpansion && /(?:^|\/)xargs$/.test(word.value));
  if (at === -1) return undefined;
  let noRunIfEmpty = false;
  for (let i = at + 1; i < end; i++) {
    const value = (words[i] as ShellWord).value;
    if (value === "--" || value === "-" || !value.startsWith("-")) break;
    if (value === "--no-run-if-empty" || value === "--replace" || value.startsWith("--replace=")) noRunIfEmpty = true;
    else if (value.startsWith("--")) {
      if (!value.includes("=") && XARGS_LONG_WITH_VALUE.includes(value)) i++;
    } else {
      for (let c = 1; c < value.length; c++) {
        const letter = value[c] as string;
        if (letter === "r" || letter === "I" || letter === "i") noRunIfEmpty = true;
        if (XARGS_SHORT_ATTACHED.includes(letter)) break;
        if (XARGS_SHORT_WITH_VALUE.includes(letter)) {
          if (c === value.length - 1) i++;
          break;
        }
      }
    }
  }
  // With no command after its options xargs runs `echo`.
  const runs = program === -1 ? "echo" : (commandBaseName(unwrapped) ?? unwrapped.name?.value ?? "echo");
  return { runs, noRunIfEmpty };
}

function rejectsEmptyInput(name: string, args: readonly string[]): boolean {
  switch (name) {
    case "gpg":
    case "gpg2":
      return args.some((a) => /^--(?:dearmou?r|enarmou?r|import|verify)$/.test(a));
    case "apt-key":
      return args.includes("add");
    case "tar":
    case "bsdtar":
      return args.some((a, i) => a === "--extract" || a === "--get" || (/^-[A-Za-z]*x/.test(a) && !a.startsWith("--")) || (i === 0 && /^[A-Za-wyz]*x[A-Za-z]*$/.test(a)));
    case "gunzip":
    case "zcat":
    case "unxz":
    case "xzcat":
    case "bunzip2":
    case "bzcat":
    case "unzstd":
    case "zstdcat":
      return true;
    case "gzip":
    case "xz":
    case "bzip2":
    case "zstd":
      return args.some((a) => a === "--decompress" || a === "--uncompress" || /^-[A-Za-z]*d/.test(a));
    case "grep":
    case "egrep":
    case "fgrep":
      return true;
    case "sha1sum":
    case "sha224sum":
    case "sha256sum":
    case "sha384sum":
    case "sha512sum":
    case "md5sum":
    case "b2sum":
      return args.some((a) => a === "--check" || /^-[A-Za-z]*c/.test(a));
    default:
      return false;
  }
}

/**
 * Whether `/bin/sh` of the base image takes `set -o pipefail`: BusyBox ash (alpine) and bash
 * (the Red Hat family) do; dash, Debian's and Ubuntu's, refuses it ("Illegal option -o
 * pipefail" in dash 0.5.12), and an unknown base may be either.
 */
function shTakesPipefail(run: Instruction): boolean {
  return /alpine|busybox|fedora|centos|rhel|ubi\d*|rockylinux|almalinux|amazonlinux|oraclelinux|photon|mariner|azurelinux/.test(baseImage(run));
}

function cannotFail(command: ShellCommand): boolean {
  const name = commandBaseName(unwrapCommand(command));
  return name !== undefined && CANNOT_FAIL.has(name);
}

/**
 * The pipelines inside `$(…)` that are an argument of a command (`echo "$(a | b)"`): the shell
 * discards the substitution's exit status, so pipefail would change nothing. In a bare
 * assignment (`x="$(a | b)"`) the status is the assignment's, and `set -e` sees it. The deepest
 * command with a word around the pipe decides. One sweep over the words of all commands, which
 * are nested or apart, for all pipes: asked of every command for every pipe, a RUN of thousands
 * of pipelines was quadratic.
 */
function discardedPipes(commands: readonly ShellCommand[], pipes: readonly ShellPipe[]): ReadonlySet<ShellPipe> {
  const discarded = new Set<ShellPipe>();
  const inSubstitutions = pipes.filter((pipe) => pipe.inSubstitution).sort((a, b) => a.start - b.start);
  if (inSubstitutions.length === 0) return discarded;
  const words = commands.flatMap((command) => command.args.map((word) => ({ start: word.start, end: word.end, command })));
  // Outer words before the words nested in them.
  words.sort((a, b) => a.start - b.start || b.end - a.end);
  // The words around the current position, outermost first.
  const open: typeof words = [];
  let next = 0;
  for (const pipe of inSubstitutions) {
    for (; next < words.length && (words[next] as (typeof words)[number]).start <= pipe.start; next++) {
      const word = words[next] as (typeof words)[number];
      while (open.length > 0 && (open.at(-1) as (typeof words)[number]).end < word.start) open.pop();
      open.push(word);
    }
    while (open.length > 0 && (open.at(-1) as (typeof words)[number]).end < pipe.end) open.pop();
    // Every word left holds the pipe (they are nested around it); the deepest command's decides.
    let enclosing: ShellCommand | undefined;
    for (const word of open) if (word.start <= pipe.start && (!enclosing || word.command.depth > enclosing.depth)) enclosing = word.command;
    if (enclosing?.name !== undefined) discarded.add(pipe);
  }
  return discarded;
}

/** Whether everything before this `|` always succeeds, so the pipeline's status already tells. */
function harmless(commands: readonly ShellCommand[], pipe: ShellPipe, discarded: ReadonlySet<ShellPipe>): boolean {
  if (discarded.has(pipe)) return true;
  const before = countStartingBefore(commands, pipe.start);
  const simple = upstreamCommand(commands, pipe, before);
  if (simple) return cannotFail(simple);
  const inside = compoundUpstream(commands, pipe, before);
  return inside.length > 0 && inside.every(cannotFail);
}

/**
 * What the message says a failure of the command before the `|` (`shown`) leads to. Without
 * pipefail the RUN's status is the pipeline's last command's (POSIX), which the message names
 * when it is not the command right after the `|`.
 */
function consequenceOf(end: PipelineEnd, shown: string, upstreamName: string | undefined, kind: CoverageKind): string {
  const succeeds = kind === "shell" ? `if ${shown} fails the RUN still succeeds with whatever reached the pipe` : `if ${shown} fails the RUN still succeeds`;
  const last = end.last;
  if (!last) return succeeds;
  const statusOf = (name: string): string => `the RUN's status is \`${name}\`'s${end.next ? "" : ", the pipeline's last command"}`;
  const xargs = xargsRun(last);
  if (xargs && !CANNOT_FAIL.has(xargs.runs)) {
    return xargs.noRunIfEmpty
      ? `${statusOf("xargs")}: if ${shown} fails, \`xargs\` runs \`${xargs.runs}\` on whatever reached it (nothing, exiting 0, if nothing did), and the RUN fails only if \`${xargs.runs}\` does`
      : `${statusOf("xargs")}: if ${shown} fails, \`xargs\` runs \`${xargs.runs}\` on whatever reached it (once with no added arguments if nothing did), and the RUN fails only if \`${xargs.runs}\` does`;
  }
  const checker = xargs ? undefined : emptyInputChecker(last);
  if (checker) {
    const passes = upstreamName === "curl" || upstreamName === "wget" ? "a cut-off download" : "partial output";
    return `${statusOf(checker)}: a failure of ${shown} fails the RUN only if \`${checker}\` rejects what reached it, and ${passes} can pass`;
  }
  if (end.next) return succeeds;
  const name = xargs ? "xargs" : (commandBaseName(unwrapCommand(last)) ?? last.name?.value);
  return name === undefined ? succeeds : `${statusOf(name)}: ${succeeds}`;
}

/** The image at the root of the stage's chain, as written after ARG substitution, lower-cased. */
function baseImage(run: Instruction): string {
  const stage = run.stage;
  const root = stage ? stageRoot(stage) : undefined;
  return root?.resolvedImage.toLowerCase() ?? "";
}

/**
 * A Windows stage with no SHELL instruction runs RUN with `cmd /S /C`, not /bin/sh, and cmd
 * pipes (`^|` inside a `powershell -Command` line) are not POSIX pipelines. The model reads
 * such RUNs as /bin/sh scripts; recognise the stage by the `escape` directive Windows
 * Dockerfiles use or by a Windows base image.
 */
function windowsDefaultShell(model: DockerfileModel, run: Instruction, inForce: { instruction: Instruction | undefined }): boolean {
  if (inForce.instruction) return false;
  return model.escapeChar === "`" || /(?:^|\/)(?:windows|nanoserver|servercore)|windowsservercore|nanoserver/.test(baseImage(run));
}

/** Which shell a suggested SHELL should name: alpine and busybox have no bash by default. */
function suggestedShell(run: Instruction): string {
  return /alpine|busybox/.test(baseImage(run)) ? "/bin/ash" : "/bin/bash";
}

function lineBreakAt(text: string, offset: number): string {
  const newline = text.indexOf("\n", offset);
  return newline > 0 && text[newline - 1] === "\r" ? "\r\n" : "\n";
}

function suggestionsFor(model: DockerfileModel, source: SourceText, run: Instruction, shellInstruction: Instruction | undefined): ReportDescriptor["suggestions"] {
  // `# escape=\``: a Windows image, whose default shell is cmd; there is nothing to suggest.
  if (model.escapeChar === "`") return undefined;
  const args = shellInstruction?.execArgs;
  if (shellInstruction && args) {
    const name = interpreterName(args.map((a) => a.value));
    const dashC = args.findIndex((a, i) => i > 0 && /^-\w*c$/.test(a.value));
    const c = args[dashC];
    if (c && ["bash", "zsh", "ash", "ksh", "mksh", "busybox"].includes(name)) {
      const fix: Fix = { range: [c.range[0], c.range[0]], text: '"-o", "pipefail", ' };
      return [{ desc: `Add "-o", "pipefail" to the SHELL on line ${shellInstruction.line}.`, fix }];
    }
  }
  const interpreter = suggestedShell(run);
  const anchor = run.onbuild ?? run;
  const start = anchor.range[0];
  const lineStart = source.lineStarts[source.positionAt(start).line - 1] ?? start;
  const indent = /^[ \t]*$/.test(source.text.slice(lineStart, start)) ? source.text.slice(lineStart, start) : "";
  const line = `SHELL ["${interpreter}", "-o", "pipefail", "-c"]`;
  return [
    {
      desc: `Insert \`${line}\` before this RUN (${interpreter} must exist in the image).`,
      fix: { range: [start, start], text: `${line}${lineBreakAt(source.text, start)}${indent}` },
    },
  ];
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-pipefail",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Require `-o pipefail` for RUN commands that pipe one command into another.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      shell:
        "This pipe runs under `{{shell}}` without pipefail, so {{consequence}}; set `SHELL [\"{{fixShell}}\", \"-o\", \"pipefail\", \"-c\"]` before this RUN{{orSet}}.",
      heredoc: "This pipe in a heredoc script run by `{{shell}}` has no pipefail, so {{consequence}}; {{heredocFix}}.",
      exec: "This pipe runs under `{{shell}}` (exec form) without pipefail, so {{consequence}}; add \"-o\", \"pipefail\" before \"-c\".",
    },
    references: {
      hadolint: ["DL4006"],
      kics: ["efbf148a-67e9-42d2-ac47-02fa1c0d0b22"],
    },
  },
  check({ model, source, report }) {
    for (const run of runInstructions(model)) {
      const shell = model.shellOf(run);
      const inForce = shellInForce(run);
      // A trigger is analysed with /bin/sh by the model; the child really runs it with the stage's SHELL.
      if (run.onbuild && !isPosixShell(interpreterName(inForce.words))) continue;
      if (windowsDefaultShell(model, run, inForce)) continue;
      for (const script of shell.scripts) {
        const pipes = script.script.pipes;
        if (script.foreign || pipes.length === 0) continue;
        const coverage = interpreterCoverage(shell, script, inForce.words);
        if (coverage.covered) continue;
        const commands = script.script.commands;
        const setAt = commands.find((c) => c.depth === 0 && !c.inSubstitution && isSetPipefail(c));
        const discarded = discardedPipes(commands, pipes);
        const pipe = pipes.find((p) => (setAt === undefined || p.start < setAt.end) && !harmless(commands, p, discarded));
        if (!pipe) continue;
        const upstream = upstreamCommand(commands, pipe, countStartingBefore(commands, pipe.start));
        const upstreamName = upstream ? (commandBaseName(unwrapCommand(upstream)) ?? upstream.name?.value) : undefined;
        const shown = upstreamName !== undefined ? `\`${upstreamName}\`` : "the command before `|`";
        const consequence = consequenceOf(pipelineEnd(commands, pipes, pipe), shown, upstreamName, coverage.kind);
        // dash (Debian's and Ubuntu's /bin/sh) refuses `set -o pipefail`.
        const setWorks = !/^(?:\S*\/)?sh\b/.test(coverage.shell.replace(/^#!\s*/, "")) || shTakesPipefail(run);
        const descriptor: ReportDescriptor = {
          messageId: coverage.kind,
          data: {
            upstream: shown,
            shell: coverage.shell,
            fixShell: suggestedShell(run),
            consequence,
            orSet: setWorks ? ", or start the script with `set -o pipefail`" : "",
            heredocFix: setWorks ? "add `set -o pipefail` at the top of the script" : `run the script with ${suggestedShell(run)} (\`#!${suggestedShell(run)}\` as its first line) and add \`set -o pipefail\` at its top: dash, Debian's /bin/sh, has no pipefail`,
          },
          range: [pipe.start, pipe.end],
        };
        if (coverage.kind === "shell") {
          const suggestions = suggestionsFor(model, source, run, inForce.instruction);
          if (suggestions) descriptor.suggestions = suggestions;
        }
        report(descriptor);
        break;
      }
    }
  },
});
