/**
 * Where `docker compose` stops reading an env file (`env_file`, `label_file`, `include.env_file`).
 * Two readers, by the entry's `format`:
 *
 * - `.env` (the default): compose-go's dotenv parser (`dotenv/parser.go`, compose-go e70e961),
 *   which reads `NAME=value`, `NAME: value`, `export NAME=value`, a lone `NAME` (taken from the
 *   environment), quoted values over several lines and `#` comments, then interpolates unquoted
 *   and double-quoted values with the template package;
 * - `raw`, which the docker compose CLI registers (`rawEnv`): docker/cli's `kvfile` reader, the
 *   one `docker run --env-file` uses, line by line and without quotes or interpolation.
 *
 * Only the first error is found, as compose-go stops there. Nothing is interpolated against an
 * environment or run: a `${…}` is only checked for its form. Lines are counted by `\n`, as both
 * readers do, and give where the faulty statement starts (compose-go's own count for an
 * unterminated quote runs to the end of the file).
 */
import { parseInterpolation } from "./interpolation.js";
import { goQuote, utf8Length } from "../util/go-strconv.js";
import { trimEndWhere } from "../util/trim-end.js";

export type EnvFileFormat = "dotenv" | "raw";

/**
 * The reader of an env file in this `format`: compose-go's dotenv for `.env` (also when `format`
 * is empty: dotenv.ParseWithFormat), and `raw`, which the docker compose CLI registers; undefined
 * for a format docker compose does not know ("unsupported env_file format").
 */
export function envFileReader(format: string): EnvFileFormat | undefined {
  if (format === "" || format === ".env") return "dotenv";
  return format === "raw" ? "raw" : undefined;
}

export interface EnvFileError {
  /** 1-based line of the statement at fault. */
  line: number;
  /**
   * What is wrong, for the fix the message proposes: `name` (a character a name cannot hold),
   * `space` (a blank inside a name), `quote` (a quoted value never closed), `template` (a malformed
   * `${…}`), `noName` (`raw`: a line starting with `=`), `long` (`raw`: a line of 64 KiB or more).
   */
  kind: "name" | "space" | "quote" | "template" | "noName" | "long";
  /** The reader's error, in its words, without compose-go's `line N:` prefix. */
  reason: string;
}

/** At most this much of a line goes into a message. */
const EXCERPT = 80;

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** dotenv's `isSpace`: a blank that is not a line break. */
function isDotenvSpace(c: number): boolean {
  return c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x20 || c === 0x85 || c === 0xa0;
}

const WHITE_SPACE = /\p{White_Space}/u;

/** Go's `unicode.IsSpace`. */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x20 || c === 0x85 || c === 0xa0;
  return WHITE_SPACE.test(String.fromCodePoint(c));
}

/** Where the run of `isGoSpace` characters (by code point) that starts at `from` ends. */
function skipGoSpace(text: string, from: number): number {
  let at = from;
  for (let c = text.codePointAt(at); c !== undefined && isGoSpace(c); c = text.codePointAt(at)) at += c > 0xffff ? 2 : 1;
  return at;
}

/** `isGoSpace` of one UTF-16 unit (the blanks Go trims are all in the Basic Multilingual Plane). */
function isGoSpaceChar(char: string): boolean {
  return isGoSpace(char.charCodeAt(0));
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** A character dotenv takes in a name: `[A-Za-z0-9_.\-\[\]]` and any Unicode letter or number. */
function isNameChar(c: number): boolean {
  if (c === 0x5f || c === 0x2e || c === 0x2d || c === 0x5b || c === 0x5d) return true;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return c > 0x7f && LETTER_OR_NUMBER.test(String.fromCodePoint(c));
}

class LineCounter {
  private at = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** The line of `offset`; offsets are asked in increasing order, so the text is scanned once. */
  lineOf(offset: number): number {
    for (; this.at < offset; this.at++) if (this.text.charCodeAt(this.at) === 0x0a) this.line++;
    return this.line;
  }
}

/**
 * The escapes compose-go expands in a double-quoted value before interpolating it
 * (`expandEscapes`): `\$` becomes `$$` (a literal `$`), `\\` one backslash, and the other C
 * escapes their character. Only `$` matters to the template check; the rest is kept close enough.
 */
function expandEscapes(value: string): string {
  return value.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (match) => {
    const c = match.charAt(1);
    switch (c) {
      case "$":
        return "$$";
      case "\\":
        return "\\";
      case '"':
        return '"';
      case "0": {
        // `\0ddd` is Go's octal `\ddd`, which takes exactly three octal digits.
        const digits = match.slice(2);
        return /^[0-7]{3}$/.test(digits) && parseInt(digits, 8) <= 0xff ? String.fromCharCode(parseInt(digits, 8)) : match;
      }
      case "c":
        // Not a Go escape: strconv.UnquoteChar fails and the text stays.
        return match;
      default:
        return ({ a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" } as Record<string, string>)[c] ?? match;
    }
  });
}

/** The template package refuses a malformed `${…}` (`Invalid template: "…"`, the whole value quoted). */
function templateError(value: string): string | undefined {
  if (!value.includes("${")) return undefined;
  // compose-go quotes the value; a value is not repeated here.
  return parseInterpolation(value).problems.length > 0 ? "Invalid template" : undefined;
}

/**
 * The first statement compose-go's dotenv parser refuses in `text`, following `parser.parse`:
 * `getStatementStart` skips blanks and comment lines, `locateKeyName` reads the name up to `=`,
 * `:` or a line break (a lone name), refusing a character outside `[A-Za-z0-9_.\-\[\]]` and Unicode
 * letters and numbers; a name with a blank in it is refused; `extractVarValue` reads an unquoted
 * value to the end of the line (cut at ` #`) or a quoted one to its closing quote, a backslash
 * escaping the next character, and `expandVariables` interpolates unquoted and double-quoted ones.
 */
export function dotenvError(input: string): EnvFileError | undefined {
  const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineCounter(src);
  const n = src.length;
  let pos = 0;
  for (;;) {
    // getStatementStart: blanks and line breaks, then `#` to the end of the line.
    for (;;) {
      pos = skipGoSpace(src, pos);
      if (pos >= n || src.charCodeAt(pos) !== 0x23) break;
      const eol = src.indexOf("\n", pos);
      pos = eol < 0 ? n : eol;
    }
    if (pos >= n) return undefined;

    // locateKeyName
    const statement = pos;
    const exported = /^export[\t\n\f\r ]+/.exec(src.slice(pos, pos + 64));
    if (exported) {
      pos += 6;
      while (pos < n && isDotenvSpace(src.charCodeAt(pos))) pos++;
    }
    const keyStart = pos;
    let keyEnd = -1;
    let terminator = 0;
    for (let i = pos; i < n; ) {
      const c = src.codePointAt(i) ?? 0;
      const width = c > 0xffff ? 2 : 1;
      if (isDotenvSpace(c)) {
        i += width;
        continue;
      }
      if (c === 0x3d || c === 0x3a || c === 0x0a) {
        keyEnd = i;
        terminator = c;
        break;
      }
      if (!isNameChar(c)) {
        // compose-go quotes the rest of the line, and the line's number says where: an env file's
        // text, values and a stray secret alike, is not repeated into a lint report (SECURITY.md).
        return { line: lines.lineOf(i), kind: "name", reason: `unexpected character ${goQuote(String.fromCodePoint(c))} in variable name` };
      }
      i += width;
    }
    // A last line without `=` leaves the name empty and the whole rest as a value (no error).
    const key = keyEnd < 0 ? "" : trimEndWhere(src.slice(keyStart, keyEnd), isGoSpaceChar);
    if (key.includes(" ")) return { line: lines.lineOf(statement), kind: "space", reason: "key cannot contain a space" };
    if (keyEnd >= 0 && terminator === 0x0a) {
      // A lone name, taken from the environment.
      pos = keyEnd + 1;
      continue;
    }
    pos = keyEnd < 0 ? keyStart : keyEnd + 1;
    while (pos < n && isDotenvSpace(src.charCodeAt(pos))) pos++;

    // extractVarValue
    const quote = src.charCodeAt(pos);
    if (quote !== 0x22 && quote !== 0x27) {
      const eol = src.indexOf("\n", pos);
      const line = src.slice(pos, eol < 0 ? n : eol);
      const comment = line.indexOf(" #");
      const value = trimEndWhere(comment < 0 ? line : line.slice(0, comment), isGoSpaceChar);
      const template = templateError(value);
      if (template !== undefined) return { line: lines.lineOf(pos), kind: "template", reason: template };
      pos = eol < 0 ? n : eol + 1;
      continue;
    }
    let escaped = false;
    let chars = "";
    let close = -1;
    for (let i = pos + 1; i < n; i++) {
      const c = src.charCodeAt(i);
      if (c !== quote) {
        if (!escaped && c === 0x5c) {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += "\\";
        }
        chars += src.charAt(i);
        continue;
      }
      if (escaped) {
        // `\"` (or `\'`) is the quote itself.
        escaped = false;
        chars += src.charAt(i);
        continue;
      }
      close = i;
      break;
    }
    if (close < 0) {
      // compose-go quotes the value; a value is not repeated here.
      return { line: lines.lineOf(pos), kind: "quote", reason: "unterminated quoted value" };
    }
    if (quote === 0x22) {
      const template = templateError(expandEscapes(chars));
      if (template !== undefined) return { line: lines.lineOf(pos), kind: "template", reason: template };
    }
    // What follows the closing quote on its line is read as the next statement.
    pos = close + 1;
  }
}

const MAX_SCAN_TOKEN = 64 * 1024;

/**
 * The first line docker/cli's kvfile reader (`parseKeyValueFile`, the `raw` format) refuses: one
 * that starts with `=` (after its leading blanks), a name holding a space or a tab, or a line too
 * long for `bufio.Scanner` (64 KiB). Invalid UTF-8 is refused too, but the host gives the file
 * already decoded, so it cannot be seen here.
 */
export function rawEnvError(input: string): EnvFileError | undefined {
  const lines = input.split("\n");
  for (const [index, raw] of lines.entries()) {
    if (index === lines.length - 1 && raw === "") break;
    let text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (utf8Length(text) >= MAX_SCAN_TOKEN) return { line: index + 1, kind: "long", reason: "bufio.Scanner: token too long" };
    if (index === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const line = text.slice(skipGoSpace(text, 0));
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.indexOf("=");
    const key = cut < 0 ? line : line.slice(0, cut);
    // docker/cli quotes the line, or the name (the whole line when it has no `=`): a line's text is
    // not repeated here, a name only when `=` ends it.
    if (key === "") return { line: index + 1, kind: "noName", reason: "no variable name on line" };
    if (/[ \t]/.test(key)) return { line: index + 1, kind: "space", reason: cut < 0 ? "variable contains whitespaces" : `variable '${excerpt(key)}' contains whitespaces` };
  }
  return undefined;
}

/** The first error of an env file read in `format`. */
export function envFileError(text: string, format: EnvFileFormat): EnvFileError | undefined {
  return format === "raw" ? rawEnvError(text) : dotenvError(text);
}
