/**
 * The operands of ADD and COPY as the build reads them, for every rule that reads them: JSON form
 * (`ADD ["a b", "/x/"]`), whitespace-split shell form (quotes removed per word; they do not group
 * words) and heredoc sources (`COPY <<EOF /x`), with file positions and variables expanded.
 *
 * The model does not read ADD/COPY exec form (it only does for RUN, CMD, ENTRYPOINT and SHELL),
 * and it lists the words of a heredoc body as arguments; both are handled here.
 */
import { InstructionCache } from "../../dockerfile/instruction-cache.js";
import type { DockerfileModel, Heredoc, Instruction } from "../../dockerfile/model.js";
import { readJsonStrings } from "../../dockerfile/parse.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { cleanPath, pathBaseName } from "../../util/posix-path.js";
import { cutAtFirst, isPathSeparator, trimEndWhere } from "../../util/trim-end.js";
import { logicalLineEnd } from "./_continuation-lines.js";
import { unquoteWord } from "./_buildkit-lexer.js";

export interface CopyOperand {
  /** As written in the file: quotes and escapes kept (for JSON form, the JSON string token with its quotes). */
  written: string;
  /** Quotes and escapes removed as the build removes them (JSON form: the string's value); variables not expanded. */
  literal: string;
  /** `literal` with variables expanded in the instruction's scope; unknown variables stay as written. */
  value: string;
  /** Variables the scope could not resolve (ARG without default, unknown names). */
  unresolved: string[];
  range: OffsetRange;
  /** For `<<EOF` sources: the inline file. */
  heredoc: Heredoc | undefined;
}

export interface CopyOperands {
  form: "json" | "shell";
  sources: CopyOperand[];
  /** The last operand; undefined with fewer than two (the build refuses the instruction). */
  destination: CopyOperand | undefined;
  /** Every operand, in order: the sources and the destination, or the one operand of an instruction without destination. */
  all: readonly CopyOperand[];
}

/** Computed once per instruction: nine rules read every COPY and ADD, and callers only read the result. */
export function copyOperands(instruction: Instruction, source: SourceText, escapeChar: string): CopyOperands {
  return operandsCache.lookup(instruction, (i) => readOperands(i, source, escapeChar));
}

const operandsCache = new InstructionCache<CopyOperands>();

function readOperands(instruction: Instruction, source: SourceText, escapeChar: string): CopyOperands {
  const scope = instruction.scope;
  const operand = (range: OffsetRange, literal: string, heredoc?: Heredoc): CopyOperand => {
    const expanded = heredoc ? { value: literal, unresolved: [] } : scope.expand(literal);
    return { written: source.slice(range), literal, value: expanded.value, unresolved: expanded.unresolved, range, heredoc };
  };
  const json = instruction.heredocs.length === 0 ? jsonOperands(instruction, source, escapeChar) : undefined;
  if (json) {
    const all = json.map((token) => operand(token.range, token.value));
    return split("json", all);
  }
  // Words of heredoc bodies are their text, not operands. The bodies start after the line of the
  // first `<<NAME` word, continuation lines included (`COPY <<EOF \⏎ /dst/`), found here from the
  // text: the model's body ranges follow dockerfile-ast's, which are off for a heredoc that is
  // never closed. A `<<NAME` word is the heredoc that starts there.
  let first = Infinity;
  // (A loop, not Math.min(...): an instruction may have more heredocs than a call has room for arguments.)
  for (const heredoc of instruction.heredocs) first = Math.min(first, heredoc.range[0]);
  const bodyStart = first === Infinity ? Infinity : logicalLineEnd(source.text, first, escapeChar);
  const heredocAt = first === Infinity ? undefined : new Map(instruction.heredocs.map((h) => [h.range[0], h]));
  const all: CopyOperand[] = [];
  const args = instruction.args;
  for (const arg of args) {
    if (arg.range[0] > bodyStart) break;
    const heredoc = heredocAt?.get(arg.range[0]);
    // From the file's text: the model's value of a word has its escape characters taken out already.
    all.push(operand(arg.range, heredoc ? arg.value : unquoteWord(source.slice(arg.range), escapeChar), heredoc));
  }
  return split("shell", all);
}

function split(form: CopyOperands["form"], all: CopyOperand[]): CopyOperands {
  return { form, sources: all.slice(0, -1), destination: all.length >= 2 ? all.at(-1) : undefined, all };
}

/**
 * The strings of a JSON array of strings (readJsonStrings), with the file range of each string
 * token; undefined when the arguments are not one, or an empty one (the build reads them as shell form).
 */
function jsonOperands(instruction: Instruction, source: SourceText, escapeChar: string): { value: string; range: OffsetRange }[] | undefined {
  const first = instruction.args[0];
  const last = instruction.args.at(-1);
  if (!first || !last || !first.value.startsWith("[")) return undefined;
  const read = readJsonStrings(source.text, first.range[0], last.range[1], escapeChar);
  if (!read || read.values.length === 0) return undefined;
  const whole: OffsetRange = [first.range[0], last.range[1]];
  // A quote inside a comment line of a continued instruction shifts the tokens: then each string gets the whole array's range.
  const exact = read.tokens.length === read.values.length;
  return read.values.map((value, index) => ({ value, range: exact ? (read.tokens[index] ?? whole) : whole }));
}

/** Is the path absolute: `/x`, a Windows drive path (`C:\x`, `c:/x`) or a Windows root-relative path (`\x`)? */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\") || /^[A-Z]:(?:[\\/]|$)/i.test(path);
}

/** `https://…`, `http://…` (any case). */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * A Git source of ADD: `git@host:owner/repo(.git)`, `git://…`, `ssh://…`, or an http(s) URL whose
 * path ends in `.git` (before any `#ref` or `?query`), as BuildKit's `gitutil.ParseURL` accepts them.
 */
export function isGitSource(value: string): boolean {
  if (/^git@[^:/\s]+:/i.test(value) || /^(?:git|ssh):\/\//i.test(value)) return true;
  if (!isHttpUrl(value)) return false;
  const path = cutAtFirst(value, "#?");
  return /\.git\/?$/i.test(path);
}

/** Any source the build fetches rather than reads from the context. */
export function isRemoteSource(value: string): boolean {
  return isHttpUrl(value) || isGitSource(value);
}

/** The last path component, with `/` or `\` separators (Windows paths under `# escape=\``). */
export function baseName(path: string): string {
  return pathBaseName(trimEndWhere(path, isPathSeparator), true);
}

/**
 * Extensions of files ADD may unpack: it detects tar archives by content, plain or compressed
 * (gzip, bzip2, xz, zstd), so every tar and compression suffix counts (hadolint's list plus zstd).
 */
const MAYBE_ARCHIVE = [".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz", ".zst", ".tzst"];

/** Tar archives ADD certainly unpacks (tar, or tar compressed with gzip, bzip2 or xz). */
const TAR_ARCHIVE = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz"];

/** A name ADD may unpack: ends in a tar or compression extension. */
export function mayBeArchive(name: string): boolean {
  const lower = baseName(name).toLowerCase();
  return MAYBE_ARCHIVE.some((ext) => lower.endsWith(ext));
}

/** A name ADD certainly unpacks when it is a local file. */
export function isTarArchive(name: string): boolean {
  const lower = baseName(name).toLowerCase();
  return TAR_ARCHIVE.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** Glob characters of the build's path matching (`filepath.Match`). */
export function hasGlob(value: string): boolean {
  return /[*?[]/.test(value);
}

/** A COPY or ADD source the build reads from its context: not a heredoc, a URL or a Git source, and its variables known. */
export interface ContextSource {
  operand: CopyOperand;
  /** Relative to the context's root, cleaned (`./a/../b/` is `b`), `/`-separated; `.` for the root. `..` cannot leave the context. */
  path: string;
}

/**
 * The context sources of one COPY or ADD; none for `--from`, which copies from a stage, an image
 * or a named context. What the rules about the build context judge, and what the CLI infers a
 * Dockerfile's context from.
 */
export function contextSources(instruction: Instruction, model: Pick<DockerfileModel, "source" | "escapeChar">): ContextSource[] {
  if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") return [];
  if (instruction.flags.some((flag) => flag.name.toLowerCase() === "from")) return [];
  const found: ContextSource[] = [];
  for (const operand of copyOperands(instruction, model.source, model.escapeChar).sources) {
    if (operand.heredoc || operand.unresolved.length > 0 || operand.value === "" || isRemoteSource(operand.value)) continue;
    // Under `# escape=\``, `\` is a Windows path separator.
    const slashed = model.escapeChar === "`" ? operand.value.replace(/\\/g, "/") : operand.value;
    // The context root is `/` as much as `.`.
    found.push({ operand, path: cleanPath(`/${slashed}`).slice(1) || "." });
  }
  return found;
}
