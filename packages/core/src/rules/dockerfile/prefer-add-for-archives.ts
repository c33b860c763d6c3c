import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { commandBaseName, parseOptions, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { baseName, copyOperands, isRemoteSource, isTarArchive, type CopyOperand } from "./_copy-operands.js";

/** tar options that take a value (GNU tar and bsdtar), short and long. */
const TAR_WITH_VALUE = new Set([
  "-f", "-C", "-b", "-T", "-X", "-g", "-K", "-N", "-L", "-V", "-H", "-I", "-F",
  "--file", "--directory", "--blocking-factor", "--files-from", "--exclude-from", "--exclude", "--listed-incremental",
  "--starting-file", "--newer", "--after-date", "--tape-length", "--label", "--format", "--use-compress-program",
  "--info-script", "--new-volume-script", "--strip-components", "--transform", "--xform", "--owner", "--group", "--mode",
  "--to-command", "--checkpoint-action", "--index-file", "--rsh-command", "--volno-file", "--record-size",
]);

/** Short options of tar that take a value, for old-style bundles (`tar xzf app.tgz`). */
const TAR_SHORT_WITH_VALUE = new Set("fCbTXgKNLVHIF".split(""));

/**
 * Extraction options ADD cannot reproduce: it unpacks the whole archive into the destination
 * as it is, so stripping path components, filtering members or writing elsewhere needs tar.
 */
const TAR_NOT_LIKE_ADD = new Set([
  "--strip-components", "--strip", "--exclude", "--exclude-from", "-X", "--wildcards", "--transform", "--xform", "-O",
  "--to-stdout", "--to-command", "-T", "--files-from", "-k", "--keep-old-files", "--skip-old-files", "--keep-newer-files",
  "--anchored", "--no-recursion", "-K", "--starting-file", "-N", "--newer", "--after-date",
]);

/** Programs that decompress a compressed tar (the second step of `gunzip app.tar.gz && tar -xf app.tar`). */
const DECOMPRESSORS = new Set(["gunzip", "bunzip2", "unxz", "zcat", "gzcat", "bzcat", "xzcat"]);
/** Compressors that decompress with `-d`/`--decompress`. */
const COMPRESSORS = new Set(["gzip", "bzip2", "xz", "pigz", "pbzip2", "pixz"]);

interface Candidate {
  /** Where to report: the first archive source, or the destination that names one. */
  operand: CopyOperand;
  /** Names the archive has in the image: the source's base name and, for a file destination, the destination's. */
  names: Set<string>;
  reported: boolean;
}

interface Extraction {
  /** The archive path as written in the RUN. */
  archive: ShellWord;
  tool: string;
}

interface TarRun {
  /** tar extracts (`-x`, `--extract`, `--get`, or `x` in an old-style bundle). */
  extract: boolean;
  /** The whole archive, as it is: no member names and no option ADD cannot reproduce. */
  whole: boolean;
  /** The archive: `-f`/`--file` values, or the `<` redirect when tar reads standard input. */
  archives: ShellWord[];
}

const TAR_NAMES = new Set(["tar", "bsdtar", "gtar"]);

/** `tar -xzf app.tgz`, `tar xf app.tar -C /opt`, `tar --extract --file=app.tar`, `tar -x < app.tar`. */
function readTar(command: ShellCommand): TarRun {
  let args = command.args;
  let oldStyle: string[] = [];
  const first = args[0];
  // Old-style bundle: the first word is options without a dash (`tar xzf file`).
  if (first && /^[A-Z]+$/i.test(first.value) && /[xtcrudA]/.test(first.value)) {
    oldStyle = first.value.split("");
    args = args.slice(1);
  }
  const files: ShellWord[] = [];
  let extract = oldStyle.includes("x");
  let whole = true;
  for (const letter of oldStyle) {
    if (!TAR_SHORT_WITH_VALUE.has(letter)) continue;
    const value = args[0];
    if (value === undefined) break;
    if (letter === "f") files.push(value);
    if (TAR_NOT_LIKE_ADD.has(`-${letter}`)) whole = false;
    args = args.slice(1);
  }
  const parsed = parseOptions({ ...command, args }, { withValue: TAR_WITH_VALUE });
  for (const option of parsed.options) {
    if (option.name === "-x" || option.name === "--extract" || option.name === "--get") extract = true;
    if (TAR_NOT_LIKE_ADD.has(option.name)) whole = false;
    if ((option.name === "-f" || option.name === "--file") && option.value) files.push(option.value);
  }
  // Positional words are members to extract: only part of the archive, which ADD cannot do.
  if (parsed.positionals.length > 0) whole = false;
  const stdin = files.length === 0 || files.some((f) => f.value === "-");
  const input = stdin ? command.redirects.find((r) => r.op === "<")?.target : undefined;
  return { extract, whole, archives: stdin ? (input ? [input] : []) : files };
}

/** The archives a command unpacks completely, as ADD would. `next` is the command after it, for pipelines. */
function extractions(raw: ShellCommand, next: ShellCommand | undefined): Extraction[] {
  const command = unwrapCommand(raw);
  const name = commandBaseName(command);
  if (name === undefined) return [];
  if (TAR_NAMES.has(name)) {
    const tar = readTar(command);
    return tar.extract && tar.whole ? tar.archives.map((archive) => ({ archive, tool: name })) : [];
  }
  const decompress =
    DECOMPRESSORS.has(name) || (COMPRESSORS.has(name) && command.args.some((a) => a.value === "--decompress" || /^-[a-zA-Z]*d/.test(a.value)));
  if (!decompress) return [];
  // `zcat app.tar.gz | tar -x …`: only when that tar unpacks everything as ADD would.
  if (raw.inPipeline && next?.connector === "|") {
    const reader = unwrapCommand(next);
    const readerName = commandBaseName(reader);
    if (readerName === undefined || !TAR_NAMES.has(readerName)) return [];
    const tar = readTar(reader);
    if (!tar.extract || !tar.whole) return [];
  }
  return parseOptions(command, {}).positionals.map((archive) => ({ archive, tool: name }));
}

/**
 * Simple commands of a RUN that the stage runs with cmd or PowerShell (Windows images), which
 * the shell analyser leaves alone: words split at blanks, double quotes grouping (backslashes
 * are path separators there), commands split at `&&`, `||`, `&`, `|` and `;`. Enough to find
 * `tar -xf C:\tmp\app.tar.gz`; positions are approximate (the rule reports at the COPY).
 */
function foreignCommands(text: string, start: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  const flush = (): void => {
    const [name, ...args] = words;
    if (name) {
      commands.push({
        name, args, assignments: [], redirects: [], start: name.start, end: words.at(-1)?.end ?? name.end,
        connector: undefined, depth: 0, inSubstitution: false, inPipeline: false,
      });
    }
    words = [];
  };
  for (const match of text.matchAll(/&&|\|\||[&|;]|(?:"[^"]*"|[^\s"&|;])+/g)) {
    const token = match[0];
    if (/^(?:&&|\|\||[&|;])$/.test(token)) {
      flush();
      continue;
    }
    const at = start + (match.index ?? 0);
    words.push({ value: token.replace(/"/g, ""), start: at, end: at + token.length, quoted: token.includes('"'), hasExpansion: false, unquotedExpansion: false });
  }
  flush();
  return commands;
}

function runCommands(model: DockerfileModel, run: Instruction): ShellCommand[] {
  const shell = model.shellOf(run);
  const foreign = shell.scripts.length === 1 && shell.scripts[0]?.foreign === true && shell.scripts[0].heredoc === undefined;
  if (!foreign || !run.argsRange || run.form === "exec") return shell.commands;
  return foreignCommands(run.argsText, run.argsRange[0]);
}

/**
 * The archive names an operand stands for: its base name as the build reads it and, for
 * Windows paths written with the default escape character (`build\foo\app.tar.gz`, where
 * the build drops the backslashes), its base name as the author wrote it.
 */
function archiveNames(operand: CopyOperand): string[] {
  const names = [baseName(operand.value), baseName(operand.written.replace(/["']/g, ""))];
  return [...new Set(names.filter((name) => isTarArchive(name)))];
}

/**
 * The instructions that run one after the other in one image: a stage's own instructions, a
 * stage's ONBUILD triggers (they run in that order in a child image), and the instructions
 * before the first FROM.
 */
function sequences(model: DockerfileModel): Instruction[][] {
  const out: Instruction[][] = [];
  const beforeFrom = model.instructions.filter((i) => i.stage === undefined && i.keyword !== "FROM");
  if (beforeFrom.length > 0) out.push(beforeFrom);
  for (const stage of model.stages) {
    out.push(stage.instructions);
    const triggers = stage.instructions.flatMap((i) => (i.trigger ? [i.trigger] : []));
    if (triggers.length > 0) out.push(triggers);
  }
  return out;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "prefer-add-for-archives",
    kind: "dockerfile",
    category: "best-practice",
    severity: "info",
    docs: "Prefer `ADD <archive> <dir>/` to copying a local tar archive and unpacking it in a later RUN.",
    presets: [],
    messages: {
      copyThenExtract:
        "{{archive}} is copied and then unpacked by `{{tool}}` on line {{line}}, which keeps the archive in a layer; `ADD {{archive}} <dir>/` unpacks it in one step (and the RUN step can go).",
    },
    references: { hadolint: ["DL3010"] },
  },
  check({ model, source, report }) {
    for (const sequence of sequences(model)) {
      const candidates: Candidate[] = [];
      for (const instruction of sequence) {
        if (instruction.keyword === "COPY") {
          if (instruction.flags.some((f) => f.name.toLowerCase() === "from")) continue;
          const { sources, destination } = copyOperands(instruction, source, model.escapeChar);
          if (!destination) continue;
          const names = new Set<string>();
          let at: CopyOperand | undefined;
          for (const operand of sources) {
            if (operand.heredoc || isRemoteSource(operand.value)) continue;
            const found = archiveNames(operand);
            if (found.length === 0) continue;
            for (const name of found) names.add(name);
            at ??= operand;
          }
          // `COPY app.tgz /tmp/bundle.tar.gz`: the archive goes by the destination's name in the image.
          const destinationNames = /[/\\]$/.test(destination.value) ? [] : archiveNames(destination);
          if (destinationNames.length > 0 && sources.some((s) => !s.heredoc && !isRemoteSource(s.value))) {
            for (const name of destinationNames) names.add(name);
            at ??= destination;
          }
          if (at && names.size > 0) candidates.push({ operand: at, names, reported: false });
          continue;
        }
        if (instruction.keyword !== "RUN" || candidates.length === 0) continue;
        const commands = runCommands(model, instruction);
        for (const [index, command] of commands.entries()) {
          for (const { archive, tool } of extractions(command, commands[index + 1])) {
            const written = instruction.scope.expand(archive.value).value;
            const name = baseName(written);
            for (const candidate of candidates) {
              if (candidate.reported || !candidate.names.has(name)) continue;
              candidate.reported = true;
              report({
                messageId: "copyThenExtract",
                data: { archive: name, tool, line: instruction.line },
                range: candidate.operand.range,
              });
            }
          }
        }
      }
    }
  },
});
