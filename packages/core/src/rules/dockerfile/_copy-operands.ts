/**
 * The operands of ADD and COPY as the build reads them: JSON form (`ADD ["a b", "/x/"]`),
 * whitespace-split shell form (quotes are removed from each word, they do not group words),
 * and heredoc sources (`COPY <<EOF /x`), with file positions and variables expanded.
 *
 * The model does not read ADD/COPY exec form (it only does for RUN, CMD, ENTRYPOINT and
 * SHELL), and dockerfile-ast lists the lines of a heredoc body as arguments; both are
 * handled here.
 */
import type { Heredoc, Instruction } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { appendTo } from "../../util/append-to.js";
import { pathBaseName } from "../../util/posix-path.js";
import { RangeCover } from "../../util/range-cover.js";
import { cutAtFirst, isPathSeparator, trimEndWhere } from "../../util/trim-end.js";

export interface CopyOperand {
  /** As written in the file: quotes and escapes kept (for JSON form, the JSON string token). */
  written: string;
  /** Quotes removed and variables expanded with the instruction's scope; unknown variables stay as written. */
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
  destination: CopyOperand | undefined;
}

const HEREDOC_TOKEN = /^<<-?(["']?)([^"'\s]+)\1$/;

/** JSON string tokens of a `["a", "b"]` array starting at `start`, or undefined when the text is not one. */
function jsonOperands(text: string, start: number, end: number, escapeChar: string): { value: string; range: OffsetRange }[] | undefined {
  if (text[start] !== "[") return undefined;
  const tokens: { value: string; range: OffsetRange }[] = [];
  let i = start + 1;
  const skipBlank = (): void => {
    for (;;) {
      while (i < end && /\s/.test(text[i] ?? "")) i++;
      // A line continuation between tokens (`[ "a", \⏎ "b" ]`).
      if (text[i] === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))) {
        i = text.indexOf("\n", i) + 1;
        continue;
      }
      return;
    }
  };
  skipBlank();
  if (text[i] === "]") return undefined;
  for (;;) {
    if (text[i] !== '"') return undefined;
    let j = i + 1;
    while (j < end && text[j] !== '"') {
      if (text[j] === "\n") return undefined;
      j += text[j] === "\\" ? 2 : 1;
    }
    if (j >= end) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(i, j + 1));
    } catch {
      return undefined;
    }
    if (typeof value !== "string") return undefined;
    tokens.push({ value, range: [i, j + 1] });
    i = j + 1;
    skipBlank();
    if (text[i] === "]") break;
    if (text[i] !== ",") return undefined;
    i++;
    skipBlank();
  }
  i++;
  // Only blanks may follow the closing bracket, or the build reads the text as shell form.
  skipBlank();
  return i >= end ? tokens : undefined;
}

export function copyOperands(instruction: Instruction, source: SourceText, escapeChar: string): CopyOperands {
  const scope = instruction.scope;
  const operand = (written: string, value: string, range: OffsetRange, heredoc?: Heredoc): CopyOperand => {
    const expanded = heredoc ? { value, unresolved: [] } : scope.expand(value);
    return { written, value: expanded.value, unresolved: expanded.unresolved, range, heredoc };
  };
  const first = instruction.args[0];
  const end = instruction.argsRange?.[1] ?? instruction.range[1];
  if (first && instruction.heredocs.length === 0) {
    const json = jsonOperands(source.text, first.range[0], end, escapeChar);
    if (json && json.length > 0) {
      const all = json.map((t) => operand(source.slice(t.range), t.value, t.range));
      return { form: "json", sources: all.slice(0, -1), destination: all.at(-1) };
    }
  }
  // Words inside a heredoc body are its text, not operands. Each `<<NAME` word takes the first
  // heredoc of that name not taken yet. (Both were searches of every heredoc for each word, which
  // made `COPY <<A0 <<A1 …` quadratic: 20,000 heredocs took 3 s.)
  const bodies = instruction.heredocs.length === 0 ? undefined : new RangeCover(instruction.heredocs.map((h): OffsetRange => [h.contentRange[0], h.range[1]]));
  const words = bodies ? instruction.args.filter((arg) => !bodies.covers(arg.range[0])) : instruction.args;
  let unusedByName: Map<string, Heredoc[]> | undefined;
  if (bodies) {
    unusedByName = new Map();
    for (const heredoc of [...instruction.heredocs].reverse()) appendTo(unusedByName, heredoc.name, heredoc);
  }
  const all = words.map((word) => {
    const match = unusedByName && HEREDOC_TOKEN.exec(word.value);
    const heredoc = match?.[2] === undefined ? undefined : unusedByName?.get(match[2])?.pop();
    return operand(source.slice(word.range), heredoc ? word.value : unquote(word.value), word.range, heredoc);
  });
  return { form: "shell", sources: all.slice(0, -1), destination: all.at(-1) };
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
