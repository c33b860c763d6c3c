import type { DockerfileModel, Instruction, RunScript, RunShell } from "../../dockerfile/model.js";
import { DEFAULT_SHELL, effectiveShell, lastBefore, lastInherited, runInstructions, stageRoot } from "../../dockerfile/queries.js";
import { interpreterName, isPosixShell } from "../../dockerfile/run-shell.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { commandBaseName, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellPipe } from "../../shell/types.js";
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

type Coverage = { covered: true } | { covered: false; kind: "shell" | "heredoc" | "exec"; shell: string };

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

/** The simple command right after a `|`, at the pipe's level. */
function downstreamCommand(commands: readonly ShellCommand[], pipe: ShellPipe): ShellCommand | undefined {
  for (let i = countStartingBefore(commands, pipe.end); i < commands.length; i++) {
    const command = commands[i] as ShellCommand;
    if (command.depth === pipe.depth && command.inSubstitution === pipe.inSubstitution) return command;
    if (command.depth < pipe.depth) return undefined;
  }
  return undefined;
}

/**
 * Whether a command after a `|` fails on empty or cut-off input, so that most failures before
 * the pipe fail the RUN anyway: `gpg --dearmor`/`--import` ("no valid OpenPGP data found"),
 * `apt-key add -`, `tar x`, a decompressor, `sha256sum -c`, `grep` (no line matches). A partial
 * download that still reads as valid input passes. Its name, or undefined when it takes any input.
 */
function emptyInputChecker(command: ShellCommand): string | undefined {
  const unwrapped = unwrapCommand(command);
  const name = commandBaseName(unwrapped);
  return name !== undefined && rejectsEmptyInput(name, unwrapped.args.map((a) => a.value)) ? name : undefined;
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
        const downstream = downstreamCommand(commands, pipe);
        const checkerName = downstream && emptyInputChecker(downstream);
        const checker = checkerName ? `\`${checkerName}\`` : undefined;
        const consequence = checker
          ? `the RUN's status is ${checker}'s: a failure of ${shown} fails the RUN only if ${checker} rejects what reached it, and ${upstreamName === "curl" || upstreamName === "wget" ? "a cut-off download" : "partial output"} can pass`
          : coverage.kind === "shell"
            ? `if ${shown} fails the RUN still succeeds with whatever reached the pipe`
            : `if ${shown} fails the RUN still succeeds`;
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
