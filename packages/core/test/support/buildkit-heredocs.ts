/**
 * BuildKit's reading of a Dockerfile's heredocs, as an oracle for no-unterminated-heredoc's tests:
 * written from frontend/dockerfile/parser (parser.go's Parse, heredocsFromLine, ParseHeredoc, the
 * directive parser) and kept apart from docklint's lexer, which follows dockerfile-ast. It answers
 * one question: the 1-based line of the first heredoc opener that no delimiter line closes, where
 * BuildKit stops with "unterminated heredoc", or undefined.
 *
 * Simplifications, none of which the generated inputs reach: the shell word splitting of an
 * instruction line keeps quotes (RawQuotes) and treats the escape character before any character
 * as escaping it; flags are the words after the keyword that start with `--`.
 */

/** Lines as bufio.Scanner gives them: split at `\n`, a `\r` before it dropped. */
function scannerLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split("\n").map((line) => line.replace(/\r$/, ""));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The escape character the directives at the top set (`\` by default). */
function escapeOf(lines: readonly string[]): string {
  for (const line of lines) {
    const match = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(\S.*?)[ \t]*$/.exec(line);
    const name = match?.[1]?.toLowerCase();
    if (!match || !["syntax", "escape", "check"].includes(name ?? "")) break;
    if (name === "escape") return match[2] === "`" ? "`" : "\\";
  }
  return "\\";
}

/** Words of an instruction line, quotes kept, as BuildKit's lexer with RawQuotes splits them. */
function rawWords(line: string, escape: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote) {
      word += c;
      if (c === escape && quote === '"' && i + 1 < line.length) word += line.charAt(++i);
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    word += c;
    if (c === escape && i + 1 < line.length) word += line.charAt(++i);
    else if (c === '"' || c === "'") quote = c;
  }
  if (inWord) words.push(word);
  return words;
}

/** ParseHeredoc: the name of a `[fd]<<[-]name` word (quotes removed), or undefined. */
function heredocName(word: string): { name: string; chomp: boolean } | undefined {
  const match = /^\d*<<(-?)\s*([^<]*)$/.exec(word);
  const rest = match?.[2];
  if (!match || !rest) return undefined;
  const name = rest.replace(/["']/g, "");
  return name === "" ? undefined : { name, chomp: match[1] === "-" };
}

/** parseMaybeJSON: the rest of the line is a JSON array of strings. */
function isJsonForm(rest: string): boolean {
  if (!rest.startsWith("[")) return false;
  try {
    const value: unknown = JSON.parse(rest);
    return Array.isArray(value) && value.every((item) => typeof item === "string");
  } catch {
    return false;
  }
}

/** An instruction as BuildKit's Parse reads it: its first line (1-based) and its lines joined. */
interface BuildkitInstruction {
  line: number;
  joined: string;
}

/**
 * The instructions in file order, as BuildKit's Parse reads them: a line continues while it ends in
 * an escape character that another does not come right before (lineContinuationRegex), comment and
 * blank lines are skipped after a continued line, and each heredoc's body and delimiter follow the
 * line. `unterminatedAt`: the line of the instruction whose heredoc no delimiter line closes, where
 * BuildKit stops.
 */
export function buildkitInstructions(text: string): { instructions: BuildkitInstruction[]; unterminatedAt: number | undefined } {
  const lines = scannerLines(text);
  const escape = escapeOf(lines);
  const e = escape.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  const continuation = new RegExp(`(?:^|[^${e}])${e}[ \\t]*$`);
  const isComment = (line: string): boolean => /^\s*#/.test(line);
  const instructions: BuildkitInstruction[] = [];
  let at = 0;
  while (at < lines.length) {
    const startLine = at;
    let line = (lines[at] ?? "").replace(/^\s+/, "");
    at++;
    if (line === "" || isComment(line)) continue;
    let joined = "";
    while (continuation.test(line) && at <= lines.length) {
      joined += line.replace(new RegExp(`${e}[ \\t]*$`), "");
      if (at >= lines.length) {
        line = "";
        break;
      }
      line = lines[at] ?? "";
      at++;
      while ((isComment(line) || line.trim() === "") && at < lines.length) {
        line = lines[at] ?? "";
        at++;
      }
    }
    joined += line;
    instructions.push({ line: startLine + 1, joined });
    const words = rawWords(joined, escape);
    let keywordIndex = 0;
    if (words[0]?.toUpperCase() === "ONBUILD") keywordIndex = 1;
    const keyword = words[keywordIndex]?.toUpperCase();
    if (!keyword || !["RUN", "COPY", "ADD"].includes(keyword) || !joined.includes("<<")) continue;
    let first = keywordIndex + 1;
    while ((words[first] ?? "").startsWith("--")) first++;
    const firstWord = words[first];
    if (firstWord !== undefined && isJsonForm(joined.slice(joined.indexOf(firstWord)).trim())) continue;
    for (const word of words.slice(keywordIndex + 1)) {
      const heredoc = heredocName(word);
      if (!heredoc) continue;
      let closed = false;
      while (at < lines.length) {
        const candidate = lines[at] ?? "";
        at++;
        if ((heredoc.chomp ? candidate.replace(/^\t+/, "") : candidate) === heredoc.name) {
          closed = true;
          break;
        }
      }
      if (!closed) return { instructions, unterminatedAt: startLine + 1 };
    }
  }
  return { instructions, unterminatedAt: undefined };
}

/** The 1-based line of the instruction where BuildKit stops with "unterminated heredoc", or undefined. */
export function unterminatedHeredocInstructionLine(text: string): number | undefined {
  return buildkitInstructions(text).unterminatedAt;
}
