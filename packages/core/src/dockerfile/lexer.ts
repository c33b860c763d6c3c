/**
 * docklint's Dockerfile lexer: instruction boundaries, keywords, arguments, flags, ENV/LABEL
 * properties and heredocs, with file offsets.
 *
 * It reproduces what dockerfile-ast 0.7.1 gives docklint's model, quirks included, because
 * rules and their tests were written against that split (`ENV A B C` is one property `A`
 * with the value `B C`; an escaped space does not end an argument; heredoc bodies are
 * arguments of their instruction; a word containing `--` before a flag hides the flag from
 * the arguments; …). dockerfile-ast stays the oracle: test/dockerfile-lexer.test.ts compares
 * both on the corpus, the test fixtures and generated text. Where dockerfile-ast turns an
 * offset into a line/character position and back, that round trip moves an offset between
 * `\r` and `\n` onto the `\r`; `position` below does the same, so ranges agree exactly.
 *
 * What makes it fast compared with dockerfile-ast: every offset stays an offset (no
 * position objects and no line search per range), and arguments are split once per
 * instruction instead of once per query.
 */
import type { OffsetRange } from "../source.js";

export interface LexedArgument {
  /** The word with escapes applied as dockerfile-ast applies them (`\$` kept, other escapes removed). */
  value: string;
  range: OffsetRange;
}

export interface LexedFlag {
  /** The name without `--`. */
  name: string;
  /** `null` for a bare `--flag`, `""` for `--flag=`. */
  value: string | null;
  range: OffsetRange;
  nameRange: OffsetRange;
  valueRange: OffsetRange | null;
}

export interface LexedProperty {
  name: string;
  nameRange: OffsetRange;
  /** Quotes removed, escaped newlines and comment lines inside the value dropped; `null` without a value. */
  value: string | null;
  valueRange: OffsetRange | null;
  range: OffsetRange;
  /** `=` for `KEY=value`, `null` for the legacy `KEY value` or a bare `KEY`. */
  assignmentOperator: "=" | null;
}

export interface LexedHeredoc {
  name: string;
  /** The `<<EOF` word. */
  startRange: OffsetRange;
  /** The body, `null` when the instruction ends on its opening line. */
  contentRange: OffsetRange | null;
  /** End of the delimiter line, `null` when the body runs to the end of the instruction unterminated. */
  delimiterEnd: number | null;
}

export interface LexedInstruction {
  /** The keyword as written (dockerfile-ast keeps an escape character glued to it, so does this). */
  keywordText: string;
  keywordRange: OffsetRange;
  /** From the keyword to the end of the instruction, heredoc bodies included. */
  range: OffsetRange;
  /** `--name=value` flags of FROM, RUN, COPY, ADD and HEALTHCHECK. */
  flags: LexedFlag[];
  /** The arguments after the flags: all of them, or only the first when `deferred` is set. */
  args: LexedArgument[];
  /** For a RUN of many words without heredocs: where its arguments end, and all of them on demand. */
  deferred: DeferredArguments | null;
  heredocs: LexedHeredoc[];
  /** ENV and LABEL only. */
  properties: LexedProperty[];
  /** ONBUILD only: the wrapped instruction. */
  trigger: LexedInstruction | null;
}

export interface LexedDockerfile {
  escapeChar: string;
  instructions: LexedInstruction[];
}

/**
 * The words of a RUN that the lexer builds up front (flags, the exec form's start, the first
 * command's name); `deferred` gives the rest. Each word built is a string, an object and a range:
 * a 100k-line file's model took 752 of its 1,548 bytes per instruction for arguments, 1,141 bytes
 * in all with the rest deferred; the lexer takes ~10 % less time over the corpus.
 */
const EAGER_RUN_WORDS = 4;

/** The arguments of a RUN the lexer did not build: lexed from the file text on first use. */
export class DeferredArguments {
  private lexed: LexedArgument[] | undefined;

  constructor(
    private readonly text: string,
    private readonly escapeChar: string,
    private readonly from: number,
    private readonly to: number,
    private readonly flagCount: number,
    /** Where the last argument ends. */
    readonly end: number,
  ) {}

  /** Every argument after the flags, as an eager lexing would have given them. */
  all(): LexedArgument[] {
    if (!this.lexed) {
      // A lexer of its own: keeping the file's lexer would keep every lexed instruction alive with the model.
      const lexer = new Lexer(this.text);
      lexer.escapeChar = this.escapeChar;
      const raw = lexer.rawArguments(this.from, this.to);
      this.lexed = this.flagCount > 0 ? raw.slice(this.flagCount) : raw;
    }
    return this.lexed;
  }
}

const isWhitespace = (c: string): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";

/** How each keyword finds its flags, as dockerfile-ast's instruction classes do. */
const enum FlagStyle {
  /** No flag parsing: every word is an argument. */
  None,
  /** FROM, RUN, COPY, ADD: words starting with `--`, until a word without `--` anywhere in it. */
  DashDash,
  /** HEALTHCHECK: words starting with `--`, until `CMD` or `NONE`. */
  Healthcheck,
  /** CMD, ENTRYPOINT, SHELL, VOLUME: parsed for flags but never has any. */
  Never,
}

function flagStyleOf(keyword: string): FlagStyle {
  switch (keyword) {
    case "FROM":
    case "RUN":
    case "COPY":
    case "ADD":
      return FlagStyle.DashDash;
    case "HEALTHCHECK":
      return FlagStyle.Healthcheck;
    case "CMD":
    case "ENTRYPOINT":
    case "SHELL":
    case "VOLUME":
      return FlagStyle.Never;
    default:
      return FlagStyle.None;
  }
}

/**
 * The next occurrence of one string in a text, remembered while the lexer moves forward: a
 * search per instruction from its own start would read the rest of the file again each time.
 */
class NextOccurrence {
  private from = 0;
  private at = -1;

  constructor(
    private readonly text: string,
    readonly search: string,
  ) {}

  /** The index of the first occurrence at or after `from`, or the text's length when there is none. */
  after(from: number): number {
    // The remembered answer holds from any offset between the search's start and the answer.
    if (this.at === -1 || from < this.from || from > this.at) {
      const found = this.text.indexOf(this.search, from);
      this.at = found === -1 ? this.text.length : found;
      this.from = from;
    }
    return this.at;
  }
}

class Lexer {
  readonly text: string;
  readonly length: number;
  escapeChar = "\\";
  /** Where each instruction goes as it is lexed (lexFrom). */
  private sink: (instruction: LexedInstruction) => void = () => undefined;
  private readonly nextLineFeed: NextOccurrence;
  private readonly nextCarriageReturn: NextOccurrence;
  private nextEscape: NextOccurrence | undefined;
  private nextLessThan: NextOccurrence | undefined;
  /** How many words the last rawArguments found, and where the last one ends (-1 for none). */
  wordCount = 0;
  lastWordEnd = -1;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    this.nextLineFeed = new NextOccurrence(text, "\n");
    this.nextCarriageReturn = new NextOccurrence(text, "\r");
  }

  /** An offset as it comes back from dockerfile-ast's offset → position → offset round trip. */
  position(offset: number): number {
    const text = this.text;
    const o = offset < 0 ? 0 : offset > this.length ? this.length : offset;
    return o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o;
  }

  /** The offset of the first `<` at or after `from`, or the text's length. */
  private lessThanAfter(from: number): number {
    this.nextLessThan ??= new NextOccurrence(this.text, "<");
    return this.nextLessThan.after(from);
  }

  range(start: number, end: number): OffsetRange {
    return [this.position(start), this.position(end)];
  }

  /** Whether two (round-tripped) offsets are on the same line. */
  sameLine(a: number, b: number): boolean {
    const text = this.text;
    for (let i = Math.min(a, b); i < Math.max(a, b); i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return false;
    }
    return true;
  }

  /** Reads the parser directives (which set the escape character); returns where instructions may start. */
  readHeader(): number {
    const directiveLines = this.readDirectives();
    if (directiveLines > 0) return lineStartOffset(this.text, directiveLines);
    return this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Lexes every instruction from `offset`, handing each to `sink` as soon as it is read. */
  lexFrom(offset: number, sink: (instruction: LexedInstruction) => void): void {
    const text = this.text;
    this.sink = sink;
    for (let i = offset; i < this.length; i++) {
      const c = text.charAt(i);
      if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
      if (c === "#") i = this.skipComment(i);
      else i = this.readInstruction(c, i);
    }
  }

  /** The leading `# name=value` lines; sets the escape character. Returns how many lines they take. */
  private readDirectives(): number {
    const buffer = this.text;
    const n = this.length;
    let count = 0;
    let escapeSet = false;
    const start = buffer.charCodeAt(0) === 0xfeff ? 1 : 0;
    directiveCheck: for (let i = start; i < n; i++) {
      const c = buffer.charAt(i);
      if (c === " " || c === "\t") continue;
      if (c === "\r" || c === "\n") break;
      if (c !== "#") break;
      let directiveStart = -1;
      let directiveEnd = -1;
      for (let j = i + 1; j < n; j++) {
        const char = buffer.charAt(j);
        if (char === " " || char === "\t") {
          if (directiveStart !== -1 && directiveEnd === -1) directiveEnd = j;
        } else if (char === "\r" || char === "\n") {
          break directiveCheck;
        } else if (char === "=") {
          let valueStart = -1;
          let valueEnd = -1;
          if (directiveEnd === -1) directiveEnd = j;
          for (let k = j + 1; k < n; k++) {
            const v = buffer.charAt(k);
            if (v === "\r" || v === "\n") {
              if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
              break;
            } else if (v === "\t" || v === " ") {
              if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
            } else if (valueStart === -1) valueStart = k;
          }
          if (directiveStart === -1) break directiveCheck;
          if (valueStart === -1) {
            // A directive without a value: dockerfile-ast's value is then empty or whitespace.
            valueStart = j + 1;
            let lineEnd = n;
            for (let k = j + 1; k < n; k++) {
              const v = buffer.charAt(k);
              if (v === "\r" || v === "\n") {
                lineEnd = k;
                break;
              }
            }
            valueEnd = lineEnd;
          } else if (valueEnd === -1) valueEnd = n;
          count++;
          if (!escapeSet) {
            const name = buffer.slice(this.position(directiveStart), this.position(directiveEnd));
            if (name.toLowerCase() === "escape") {
              const value = buffer.slice(this.position(valueStart), this.position(valueEnd));
              if (value === "\\" || value === "`") {
                this.escapeChar = value;
                escapeSet = true;
              }
            }
          }
          i = buffer.charAt(valueEnd) === "\r" ? valueEnd + 1 : valueEnd;
          continue directiveCheck;
        } else if (directiveStart === -1) directiveStart = j;
      }
      break;
    }
    return count;
  }

  private skipComment(start: number): number {
    const text = this.text;
    for (let i = start + 1; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) return i;
    }
    return this.length;
  }

  private readInstruction(first: string, start: number): number {
    const buffer = this.text;
    const n = this.length;
    const escapeChar = this.escapeChar;
    let instruction = first;
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < n; i++) {
      const char = buffer.charAt(i);
      if (char === escapeChar) {
        escapedInstruction = true;
        const next = buffer.charAt(i + 1);
        if (next === "\r" || next === "\n") {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (next === " " || next === "\t") {
          for (let j = i + 2; j < n; j++) {
            const c = buffer.charAt(j);
            if (c === " " || c === "\t") continue;
            if (c === "\r" || c === "\n") {
              i = j;
              continue instructionCheck;
            }
            instructionEnd = i + 1;
            instruction += escapeChar;
            i = j - 2;
            continue instructionCheck;
          }
          instructionEnd = i + 1;
          instruction += escapeChar;
          break instructionCheck;
        } else {
          instructionEnd = i + 1;
          instruction += escapeChar;
          escapedInstruction = false;
        }
      } else if (char === " " || char === "\t") {
        if (escapedInstruction) {
          for (let j = i + 1; j < n; j++) {
            const c = buffer.charAt(j);
            if (c === " " || c === "\t") continue;
            if (c === "\r" || c === "\n") {
              i = j;
              continue instructionCheck;
            }
            break;
          }
        }
        if (instructionEnd === -1) instructionEnd = i;
        const end = this.scanArguments(instruction, instructionEnd, start, i);
        this.sink(this.createInstruction(instruction, start, instructionEnd, end));
        return end;
      } else if (char === "\r" || char === "\n") {
        if (escapedInstruction) continue;
        // The keyword ends here whatever an escape before it said, as in dockerfile-ast.
        this.sink(this.createInstruction(instruction, start, i, i));
        return i;
      } else if (char === "#" && escapedInstruction) {
        continue;
      } else {
        instructionEnd = i + 1;
        instruction += char;
        escapedInstruction = false;
      }
    }
    if (instructionEnd === -1) instructionEnd = n;
    this.sink(this.createInstruction(instruction, start, instructionEnd, n));
    return n;
  }

  /** Finds the end of an instruction's arguments: the first newline that is not escaped, then its heredoc bodies. */
  private scanArguments(instruction: string, instructionEnd: number, start: number, offset: number): number {
    const buffer = this.text;
    const n = this.length;
    const escapeChar = this.escapeChar;
    const escapeCode = escapeChar.charCodeAt(0);
    let escaped = false;
    const lineFeeds = this.nextLineFeed;
    const carriageReturns = this.nextCarriageReturn;
    let escapes = this.nextEscape;
    if (escapes?.search !== escapeChar) this.nextEscape = escapes = new NextOccurrence(buffer, escapeChar);
    argumentsCheck: for (let i = offset + 1; i < n; i++) {
      if (!escaped) {
        // Until a line end or an escape character, a character can only clear `escaped`, which
        // is clear: jump to the next of those. indexOf scans faster than a charCodeAt loop: with
        // this and rawArguments' reading of the file text, lexing and parsing the Dockerfile
        // corpus with no rule on went from 45 to 40 µs/file (CPU, warm).
        i = Math.min(lineFeeds.after(i), carriageReturns.after(i), escapes.after(i));
        if (i >= n) return n;
      }
      const c = buffer.charCodeAt(i);
      if (c === 13 || c === 10) {
        if (escaped) continue;
        return this.skipHeredocBodies(instruction, start, instructionEnd, i);
      } else if (c === escapeCode) {
        const next = buffer.charAt(i + 1);
        // An escape character after another (`C:\dir\\`) continues no line: BuildKit's
        // continuation is an escape character that the escape character does not come right
        // before (parser.go, lineContinuationRegex), so the line ends the instruction. dockerfile-ast
        // continued it, and took the next instruction for part of this one.
        const continues = i === 0 || buffer.charCodeAt(i - 1) !== escapeCode;
        if (next === "\n" || next === "\r") {
          if (!continues) return this.skipHeredocBodies(instruction, start, instructionEnd, i + 1);
          escaped = true;
          i++;
        } else if (next === " " || next === "\t") {
          for (let j = i + 2; j < n; j++) {
            const w = buffer.charAt(j);
            if (w === " " || w === "\t") continue;
            if (w === "\r" || w === "\n") {
              if (!continues) return this.skipHeredocBodies(instruction, start, instructionEnd, j);
              escaped = true;
            } else if (w === escapeChar) {
              // Read it: it may continue the line (`C:\a\\ \`), as BuildKit has it, which
              // dockerfile-ast, skipping it, did not.
              i = j - 1;
              continue argumentsCheck;
            }
            // dockerfile-ast resumes after the character it stopped on, skipping it.
            i = j;
            continue argumentsCheck;
          }
          return n;
        }
      } else if (c === 35) {
        if (escaped) {
          i = this.skipComment(i);
          continue argumentsCheck;
        }
      } else if (c !== 32 && c !== 9) {
        escaped = false;
      }
    }
    return n;
  }

  private skipHeredocBodies(instruction: string, start: number, instructionEnd: number, lineEnd: number): number {
    let keyword = instruction.toUpperCase();
    let keywordEnd = instructionEnd;
    if (keyword === "ONBUILD") {
      // The trigger's keyword is the ONBUILD's first word.
      const triggerWord = this.rawArguments(this.position(instructionEnd), this.position(lineEnd))[0];
      if (!triggerWord) return lineEnd;
      keywordEnd = triggerWord.range[1];
      keyword = this.text.slice(triggerWord.range[0], keywordEnd).toUpperCase();
    }
    if (keyword !== "ADD" && keyword !== "COPY" && keyword !== "RUN") return lineEnd;
    // A heredoc opener needs a `<` on the line (an escaped one, `<\<EOF`, included); the search
    // stays on the line so that it never scans the rest of the file.
    if (!this.text.slice(keywordEnd, lineEnd).includes("<")) return lineEnd;
    const raw = this.rawArguments(this.position(keywordEnd), this.position(lineEnd));
    const flagCount = readFlags(this, raw, FlagStyle.DashDash).length;
    const names: string[] = [];
    let tabbed = false;
    for (let index = flagCount; index < raw.length; index++) {
      const value = raw[index]?.value ?? "";
      const marker = heredocMarkerAt(value);
      if (marker >= 0 && value.length > marker + 2) {
        const opener = value.slice(marker);
        if (opener.startsWith("<<-")) tabbed = true;
        const name = parseHeredocName(opener);
        if (name !== null) names.push(name);
      }
    }
    let offset = lineEnd;
    for (const name of names) offset = this.skipHeredoc(name, offset, tabbed);
    return offset;
  }

  private skipHeredoc(name: string, offset: number, tabbed: boolean): number {
    const buffer = this.text;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < this.length; i++) {
      const c = buffer.charAt(i);
      if (c === " ") lineStart = false;
      else if (c === "\t") {
        if (!tabbed) lineStart = false;
      } else if (c === "\r" || c === "\n") {
        if (startWord !== -1 && name === buffer.slice(startWord, i)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) {
        startWord = i;
        lineStart = false;
      }
    }
    return this.length;
  }

  createInstruction(keywordText: string, start: number, keywordEnd: number, end: number): LexedInstruction {
    return this.instructionAt(keywordText, this.range(start, keywordEnd), this.range(start, end));
  }

  instructionAt(keywordText: string, keywordRange: OffsetRange, range: OffsetRange): LexedInstruction {
    const keyword = keywordText.toUpperCase();
    const style = flagStyleOf(keyword);
    // A RUN's words are read again by the shell parser, and only a few rules read them as
    // arguments: past the first few, they are lexed when one does. Not when a `<` could open a
    // heredoc, whose opener and body need every word.
    const deferrable = keyword === "RUN" && this.lessThanAfter(keywordRange[1]) >= range[1];
    let raw = this.rawArguments(keywordRange[1], range[1], deferrable ? EAGER_RUN_WORDS : Number.POSITIVE_INFINITY);
    let flags = style === FlagStyle.None ? [] : readFlags(this, raw, style);
    let deferred: DeferredArguments | null = null;
    if (this.wordCount > raw.length) {
      // Flags are read up to the first word without `--`: when the built words have none, the rest may hold more flags.
      if (raw.some((word) => !word.value.includes("--"))) {
        deferred = new DeferredArguments(this.text, this.escapeChar, keywordRange[1], range[1], flags.length, this.lastWordEnd);
      } else {
        raw = this.rawArguments(keywordRange[1], range[1]);
        flags = readFlags(this, raw, style);
      }
    }
    const args = flags.length > 0 ? raw.slice(flags.length) : raw;
    const instruction: LexedInstruction = {
      keywordText,
      keywordRange,
      range,
      flags,
      args,
      deferred,
      heredocs: this.heredocs(args, range),
      properties: keyword === "ENV" || keyword === "LABEL" ? this.properties(keywordRange, range) : [],
      trigger: null,
    };
    if (keyword === "ONBUILD") {
      const first = raw[0];
      if (first) {
        instruction.trigger = this.instructionAt(this.text.slice(first.range[0], first.range[1]), first.range, [first.range[0], range[1]]);
      }
    }
    return instruction;
  }

  /**
   * dockerfile-ast's `Instruction.getRawArguments`: whitespace-separated words, escaped newlines
   * and comment lines skipped. Only the first `keep` words are built; `wordCount` and
   * `lastWordEnd` tell how many there were and where the last ends.
   */
  rawArguments(from: number, to: number, keep = Number.POSITIVE_INFINITY): LexedArgument[] {
    const args: LexedArgument[] = [];
    this.wordCount = 0;
    this.lastWordEnd = -1;
    // An escaped blank that no word precedes still ends a (empty) word: dockerfile-ast starts it
    // one character before the arguments, its offsets being relative to them with -1 for none.
    const wordlessStart = from - 1;
    // The file text itself with absolute offsets, not a slice of it: each charCodeAt on a slice
    // goes through the slice to its parent string, and this loop reads every character of every
    // instruction (as character codes, not one-character strings, for the same reason).
    const text = this.text;
    const escapeChar = this.escapeChar;
    const escapeCode = escapeChar.charCodeAt(0);
    const n = to;
    let start = false;
    let comment = false;
    let found = -1;
    let escapedWhitespaceDetected = false;
    let escaping = false;
    let escapeMarker = -1;
    // The word's value is built from runs of copied characters: `flushed` holds the finished
    // part, [runStart, runEnd) the run being extended, so a plain word is one slice. The
    // appending is written out inline, not as closures: variables a closure captures live in a
    // heap context, and this loop reads and writes them for every word of every instruction.
    let flushed = "";
    let runStart = -1;
    let runEnd = -1;
    for (let i = from; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code === 32 || code === 9 || code === 13 || code === 10) {
        if (escaping) {
          escapedWhitespaceDetected = true;
          if (code === 13 || code === 10) {
            escapedWhitespaceDetected = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        } else if (found !== -1) {
          const end = escapeMarker === -1 ? i : escapeMarker;
          this.endWord(args, keep, flushed, runStart, runEnd, found, end);
          escapeMarker = -1;
          flushed = "";
          runStart = runEnd = -1;
          found = -1;
        }
      } else if (code === escapeCode) {
        const next = i + 1 < n ? text.charAt(i + 1) : "";
        if (next === " " || next === "\t") {
          const after = afterEscapedBlanks(text, i + 2, n);
          if (after.char === "\n") {
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = after.index;
          } else if (after.char !== "") {
            escapeMarker = i;
            if (found === -1) i = after.index - 1;
          }
        } else if (next === "\r") {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i += 2;
        } else if (next === "\n") {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i++;
        } else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) {
            this.endWord(args, keep, flushed, runStart, runEnd, found === -1 ? wordlessStart : found, escapeMarker);
            flushed = "";
            runStart = runEnd = -1;
            found = -1;
          }
          escapeMarker = -1;
          escapedWhitespaceDetected = false;
          escaping = false;
          if (next === "") break;
          if (runStart !== -1) flushed += text.slice(runStart, runEnd);
          runStart = runEnd = -1;
          flushed += next === "$" ? escapeChar + next : next;
          if (found === -1) found = i;
          i++;
        }
      } else if (!comment) {
        if (start && code === 35) comment = true;
        else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) {
            this.endWord(args, keep, flushed, runStart, runEnd, found === -1 ? wordlessStart : found, escapeMarker);
            flushed = "";
            runStart = runEnd = -1;
            found = -1;
          }
          escapedWhitespaceDetected = false;
          escaping = false;
          escapeMarker = -1;
          // Append character i: it extends the current run, or starts a new one.
          if (runEnd !== i) {
            if (runStart !== -1) flushed += text.slice(runStart, runEnd);
            runStart = i;
          }
          if (found === -1) found = i;
          // The characters up to the next blank or escape take this same branch with nothing
          // left to reset: extend the run over them at once.
          let j = i + 1;
          while (j < n) {
            const next = text.charCodeAt(j);
            if (next === 32 || next === 9 || next === 13 || next === 10 || next === escapeCode) break;
            j++;
          }
          runEnd = j;
          i = j - 1;
        }
        start = false;
      }
    }
    if (found !== -1) {
      const end = escapeMarker === -1 ? n : escapeMarker;
      this.endWord(args, keep, flushed, runStart, runEnd, found, end);
    }
    return args;
  }

  /** A word of rawArguments ends at `end`: built while fewer than `keep` are, else only counted. */
  private endWord(args: LexedArgument[], keep: number, flushed: string, runStart: number, runEnd: number, start: number, end: number): void {
    const wordEnd = this.position(end);
    this.wordCount++;
    this.lastWordEnd = wordEnd;
    if (args.length < keep) args.push({ value: runStart === -1 ? flushed : flushed + this.text.slice(runStart, runEnd), range: [this.position(start), wordEnd] });
  }

  /** dockerfile-ast's `Instruction.getHeredocs`. */
  private heredocs(args: LexedArgument[], range: OffsetRange): LexedHeredoc[] {
    const first = args[0];
    if (!first) return [];
    // Without a `<<` word there is no heredoc, whichever way dockerfile-ast would have scanned.
    if (!args.some((arg) => heredocMarkerAt(arg.value) >= 0)) return [];
    if (this.sameLine(range[0], range[1])) return this.singleLineHeredocs(args);
    const text = this.text;
    const escapeChar = this.escapeChar;
    const heredocs: LexedHeredoc[] = [];
    const definitions: LexedArgument[] = [];
    let heredocsProcessed = false;
    let escaping = false;
    let contentStart = -1;
    let contentEnd = -1;
    let lineStart = -1;
    let current = 0;
    const startOffset = first.range[0];
    const content = text.slice(startOffset, range[1]);
    const n = content.length;
    const complete = (arg: LexedArgument, delimiterEnd: number | null, contentRange: OffsetRange | null): void => {
      heredocs.push({ name: this.heredocName(arg.range), startRange: arg.range, contentRange, delimiterEnd });
    };
    contentLoop: for (let i = 0; i < n; i++) {
      const c = content.charAt(i);
      if (c === escapeChar) {
        // Only an escape before the line's end (blanks between) continues the line, as this
        // lexer's instruction ends (scanArguments) and BuildKit have it. dockerfile-ast took any
        // escaped character for one and skipped it: after `find … {} \;` and a `# comment` line,
        // the heredoc's delimiter was not found (KNOWN_DIFFERENCES in lexer-differential.test.ts).
        let j = i + 1;
        while (j < n && (content.charAt(j) === " " || content.charAt(j) === "\t")) j++;
        const w = content.charAt(j);
        // Not after another escape character (`C:\dir\\`), as scanArguments and BuildKit have it.
        if ((w === "\r" || w === "\n") && (i === 0 || content.charAt(i - 1) !== escapeChar)) {
          escaping = true;
          i = w === "\r" ? j + 1 : j;
          continue;
        }
        // Otherwise the escape character is text, read on like any other character.
        escaping = false;
        if (heredocsProcessed) {
          if (contentStart === -1) contentStart = i;
          if (lineStart === -1) lineStart = i;
        }
      } else if (c === "\r") {
        // dockerfile-ast only looks at `\n`.
      } else if (c === "\n") {
        if (escaping) continue;
        if (heredocsProcessed) {
          if (contentStart === -1) contentStart = i;
          contentEnd = i;
          const arg = definitions[current];
          // Without a definition left (more body lines than heredocs), dockerfile-ast throws a TypeError; the lexer reads on.
          if (arg) {
            const candidate = this.range(startOffset + lineStart, startOffset + i);
            if (this.isDelimiter(arg, candidate)) {
              complete(arg, candidate[1], this.range(startOffset + contentStart, startOffset + lineStart - 1));
              contentStart = -1;
              current++;
            }
          }
          lineStart = -1;
        } else {
          const offsetLimit = startOffset + i;
          for (const arg of args) {
            if (arg.range[0] < offsetLimit) {
              if (heredocMarkerAt(arg.value) >= 0) definitions.push(arg);
            } else break;
          }
          heredocsProcessed = true;
          lineStart = -1;
          continue contentLoop;
        }
      } else {
        if (c === "#" || ((c === " " || c === "\t") && !escaping)) {
          if (c === "#" && escaping) {
            for (let j = i + 1; j < n; j++) {
              if (content.charAt(j) === "\n") {
                i = j;
                continue contentLoop;
              }
            }
          }
        } else if (c === " " || c === "\t") {
          // escaping: blanks after an escaped newline are skipped.
          continue;
        }
        escaping = false;
        if (heredocsProcessed) {
          if (contentStart === -1) contentStart = i;
          if (lineStart === -1) lineStart = i;
        }
      }
    }
    if (!heredocsProcessed) return this.singleLineHeredocs(args);
    const arg = definitions[current];
    if (!arg) return heredocs;
    const candidate = this.range(startOffset + lineStart, range[1]);
    if (!this.isDelimiter(arg, candidate)) {
      complete(arg, null, [this.position(startOffset + contentStart), range[1]]);
    } else if (contentEnd !== -1) {
      complete(arg, candidate[1], this.range(startOffset + contentStart, startOffset + contentEnd));
    } else complete(arg, candidate[1], null);
    for (let index = current + 1; index < definitions.length; index++) {
      const pending = definitions[index];
      if (pending) complete(pending, null, null);
    }
    return heredocs;
  }

  private singleLineHeredocs(args: LexedArgument[]): LexedHeredoc[] {
    const heredocs: LexedHeredoc[] = [];
    for (const arg of args) {
      const marker = heredocMarkerAt(arg.value);
      if (marker >= 0 && parseHeredocName(arg.value.slice(marker)) !== null) {
        heredocs.push({ name: this.heredocName(arg.range), startRange: arg.range, contentRange: null, delimiterEnd: null });
      }
    }
    return heredocs;
  }

  private isDelimiter(arg: LexedArgument, candidate: OffsetRange): boolean {
    const name = this.heredocName(arg.range);
    const line = this.text.slice(candidate[0], candidate[1]);
    if (arg.value.startsWith("<<-", heredocMarkerAt(arg.value))) {
      let index = 0;
      while (line.charAt(index) === "\t") index++;
      return line.slice(index) === name;
    }
    return line === name;
  }

  /** dockerfile-ast's `getName(getNameRange(startRange))`. */
  heredocName(startRange: OffsetRange): string {
    const [from, to] = this.heredocNameRange(startRange);
    const content = this.text.slice(from, to);
    const escapeChar = this.escapeChar;
    const n = content.length;
    let escaping = false;
    let name = "";
    nameLoop: for (let i = 0; i < n; i++) {
      const ch = content.charAt(i);
      if (ch === escapeChar) {
        escaping = true;
        const after = afterEscapedBlanks(content, i + 1, n);
        if (after.char === "") continue;
        if (after.char !== "\n") name += after.char;
        i = after.index;
      } else if (ch === "#" && escaping) {
        let skipped = false;
        for (let j = i + 1; j < n; j++) {
          if (content.charAt(j) === "\n") {
            i = j;
            skipped = true;
            break;
          }
        }
        if (skipped) continue nameLoop;
      } else if ((ch === " " || ch === "\t" || ch === "\r" || ch === "\n") && escaping) {
        // dropped
      } else {
        name += ch;
      }
    }
    return name;
  }

  private heredocNameRange(startRange: OffsetRange): OffsetRange {
    const content = this.text.slice(startRange[0], startRange[1]);
    const escapeChar = this.escapeChar;
    const n = content.length;
    let endFound = false;
    let searchHyphen = false;
    let start = -1;
    let end = -1;
    let escaping = false;
    let quote: string | null = null;
    // A file descriptor before the `<<` (`2<<EOF`) is no part of the name.
    contentLoop: for (let i = Math.max(0, heredocMarkerAt(content)); i < n; i++) {
      const ch = content.charAt(i);
      if (ch === '"' || ch === "'") {
        if (quote === ch) break contentLoop;
        quote = ch;
        continue;
      }
      if (ch === escapeChar) {
        for (let j = i + 1; j < n; j++) {
          if (content.charAt(j) === "\n") {
            escaping = true;
            continue contentLoop;
          }
        }
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") continue;
      if (ch === "<") {
        if (endFound) searchHyphen = true;
        else endFound = true;
        continue;
      }
      if (ch === "-" && searchHyphen) {
        searchHyphen = false;
        continue;
      }
      if (ch === "-" || ch === "#") {
        if (escaping) {
          for (let j = i + 1; j < n; j++) {
            if (content.charAt(j) === "\n") {
              i = j;
              continue contentLoop;
            }
          }
        }
      }
      if (start === -1) start = i;
      if (quote !== null) {
        end = i + 1;
        continue;
      }
      break contentLoop;
    }
    if (start === -1) return [startRange[1], startRange[1]];
    return [this.position(startRange[0] + start), quote !== null ? this.position(startRange[0] + end) : startRange[1]];
  }

  /** dockerfile-ast's `PropertyInstruction.getProperties` for ENV and LABEL. */
  private properties(keywordRange: OffsetRange, range: OffsetRange): LexedProperty[] {
    const args = this.propertyArguments(keywordRange, range);
    const [a0, a1] = args;
    if (!a0) return [];
    if (!a1) return [this.property(a0, undefined)];
    if (args.length === 2) {
      return a0.value.includes("=") ? [this.property(a0, undefined), this.property(a1, undefined)] : [this.property(a0, a1)];
    }
    if (!a0.value.includes("=")) {
      const last = args[args.length - 1] ?? a1;
      const joined: LexedArgument = { value: this.text.slice(a1.range[0], last.range[1]), range: [a1.range[0], last.range[1]] };
      return [this.property(a0, joined)];
    }
    return args.map((arg) => this.property(arg, undefined));
  }

  private property(arg: LexedArgument, arg2: LexedArgument | undefined): LexedProperty {
    const text = this.text;
    const escapeChar = this.escapeChar;
    const nameRange = propertyNameRange(this, arg);
    const name = propertyValue(text.slice(nameRange[0], nameRange[1]), escapeChar);
    if (arg2) {
      return {
        name,
        nameRange,
        value: propertyValue(text.slice(arg2.range[0], arg2.range[1]), escapeChar),
        valueRange: arg2.range,
        range: [nameRange[0], arg2.range[1]],
        assignmentOperator: null,
      };
    }
    if (nameRange[0] === arg.range[0] && nameRange[1] === arg.range[1]) {
      return { name, nameRange, value: null, valueRange: null, range: arg.range, assignmentOperator: null };
    }
    const valueRange = this.range(arg.range[0] + arg.value.indexOf("=") + 1, arg.range[1]);
    return {
      name,
      nameRange,
      value: propertyValue(text.slice(valueRange[0], valueRange[1]), escapeChar),
      valueRange,
      range: arg.range,
      assignmentOperator: "=",
    };
  }

  private propertyArguments(keywordRange: OffsetRange, range: OffsetRange): LexedArgument[] {
    const args: LexedArgument[] = [];
    const escapeChar = this.escapeChar;
    const instructionNameEndOffset = keywordRange[1];
    const fullArgs = this.text.slice(instructionNameEndOffset, range[1]);
    const start = findLeadingNonWhitespace(fullArgs, escapeChar);
    if (start === -1) return [];
    let escaped = !this.sameLine(range[0], this.position(instructionNameEndOffset + start));
    let endingEscape = false;
    let mark = -1;
    const end = findTrailingNonWhitespace(fullArgs, escapeChar);
    const content = fullArgs.substring(start, end + 1);
    const base = instructionNameEndOffset + start;
    const n = content.length;
    let argStart = escaped ? -1 : 0;
    let spaced = false;
    const push = (value: string, from: number, to: number): void => {
      args.push({ value, range: this.range(base + from, base + to) });
    };
    const pushSpaced = (): void => {
      if (argStart !== -1) push(content.substring(argStart, mark), argStart, mark);
    };
    argumentLoop: for (let i = 0; i < n; i++) {
      const char = content.charAt(i);
      if (char === escapeChar) {
        if (i + 1 === n) {
          endingEscape = true;
          break argumentLoop;
        }
        if (!escaped) mark = i;
        const next = content.charAt(i + 1);
        if (next === " " || next === "\t") {
          if (!isWhitespace(content.charAt(i + 2))) {
            i = i + 1;
            continue argumentLoop;
          }
          const after = afterEscapedBlanks(content, i + 2, n);
          if (after.char === "\n") {
            escaped = true;
            i = after.index;
            continue argumentLoop;
          }
          if (after.char !== "") {
            push(content.substring(argStart, i), argStart, i + 2);
            argStart = after.index;
          }
          i = argStart - 1;
          continue argumentLoop;
        }
        if (next === "\r" || next === "\n") {
          if (next === "\r") i++;
          escaped = true;
          i = i + 1;
          continue argumentLoop;
        }
        if (next === escapeChar) {
          if (argStart === -1) argStart = i;
          i = i + 1;
          continue argumentLoop;
        }
        if (argStart === -1) argStart = i;
        continue argumentLoop;
      } else if (char === "'" || char === '"') {
        if (spaced) {
          pushSpaced();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < n; j++) {
          const q = content.charAt(j);
          if (q === char) {
            const after = content.charAt(j + 1);
            if (after !== " " && after !== "") {
              i = j;
              continue argumentLoop;
            }
            push(content.substring(argStart, j + 1), argStart, j + 1);
            i = j;
            argStart = -1;
            continue argumentLoop;
          } else if (q === escapeChar) j++;
        }
        break argumentLoop;
      } else if (char === " " || char === "\t") {
        if (escaped) {
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          push(content.substring(argStart, i), argStart, i);
          argStart = -1;
        }
      } else if (char === "\r" || char === "\n") {
        if (char === "\r") i++;
        spaced = false;
      } else if (char === "#" && escaped) {
        const lineEnd = commentLineEnd(content, i + 1, n);
        if (lineEnd !== -1) {
          i = lineEnd;
          spaced = false;
          continue argumentLoop;
        }
        if (argStart !== -1) {
          push(content.substring(argStart, mark), argStart, mark);
          argStart = -1;
        }
        break argumentLoop;
      } else if (char === "#") {
        if (argStart === -1) argStart = i;
      } else {
        if (spaced) {
          pushSpaced();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === "$" && content.charAt(i + 1) === "{") {
          let singleQuotes = false;
          let doubleQuotes = false;
          let escapedInVariable = false;
          for (let j = i + 1; j < n; j++) {
            const v = content.charAt(j);
            if (v === escapeChar) escapedInVariable = true;
            else if (v === "\r" || v === "\n") {
              // kept
            } else if (v === "'") {
              singleQuotes = !singleQuotes;
              escapedInVariable = false;
            } else if (v === '"') {
              doubleQuotes = !doubleQuotes;
              escapedInVariable = false;
            } else if (v === " " || v === "\t") {
              if (escapedInVariable || singleQuotes || doubleQuotes) continue;
              i = j - 1;
              continue argumentLoop;
            } else if (v === "}") {
              i = j;
              continue argumentLoop;
            } else escapedInVariable = false;
          }
          break argumentLoop;
        }
      }
    }
    if (argStart !== -1 && argStart !== n) {
      const last = endingEscape ? n - 1 : n;
      push(content.substring(argStart, last), argStart, last);
    }
    return args;
  }
}

/** dockerfile-ast's `ModifiableInstruction.getFlags`, on the raw arguments. */
function readFlags(lexer: Lexer, raw: LexedArgument[], style: FlagStyle): LexedFlag[] {
  const flags: LexedFlag[] = [];
  if (style === FlagStyle.Never) return flags;
  const text = lexer.text;
  for (const arg of raw) {
    const value = arg.value;
    if (style === FlagStyle.Healthcheck) {
      const upper = value.toUpperCase();
      if (upper === "CMD" || upper === "NONE") return flags;
    } else if (!value.includes("--")) return flags;
    if (!value.startsWith("--")) continue;
    const [rangeStart, rangeEnd] = arg.range;
    const rawValue = text.slice(rangeStart, rangeEnd);
    const nameIndex = value.indexOf("=");
    const index = rawValue.indexOf("=");
    let firstMatch = false;
    let secondMatch = false;
    let startIndex = -1;
    for (let i = 0; i < rawValue.length; i++) {
      const c = rawValue.charAt(i);
      if (c === "\\" || c === " " || c === "\t" || c === "\r" || c === "\n") continue;
      if (c === "-") {
        if (secondMatch) {
          startIndex = i;
          break;
        }
        if (firstMatch) secondMatch = true;
        else firstMatch = true;
        continue;
      }
      startIndex = i;
      break;
    }
    const nameStart = lexer.position(rangeStart + startIndex);
    if (index === -1) {
      flags.push({ name: value.substring(2), value: null, range: arg.range, nameRange: [nameStart, rangeEnd], valueRange: null });
    } else if (index === value.length - 1) {
      flags.push({
        name: value.substring(2, index),
        value: "",
        range: arg.range,
        nameRange: [nameStart, lexer.position(rangeStart + index)],
        valueRange: [rangeEnd, rangeEnd],
      });
    } else {
      flags.push({
        name: value.substring(2, nameIndex),
        value: value.substring(nameIndex + 1),
        range: arg.range,
        nameRange: [nameStart, lexer.position(rangeStart + index)],
        valueRange: [lexer.position(rangeStart + index + 1), rangeEnd],
      });
    }
  }
  return flags;
}

function propertyNameRange(lexer: Lexer, arg: LexedArgument): OffsetRange {
  const value = arg.value;
  const index = value.indexOf("=");
  if (index !== -1) {
    const initial = value.charAt(0);
    const before = value.charAt(index - 1);
    if ((initial === '"' && before === '"') || (initial === "'" && before === "'") || (initial !== '"' && initial !== "'")) {
      return [arg.range[0], lexer.position(arg.range[0] + index)];
    }
  }
  return arg.range;
}

/**
 * Where the `<<` of a heredoc opener word starts: BuildKit's opener is `^(\d*)<<`, a file
 * descriptor allowed before it (`2<<EOF`, `3<<-EOT`), where dockerfile-ast reads only a word that
 * starts with `<<` (and so took the body of `RUN cat 2<<EOF` for instructions). -1 for any other word.
 */
export function heredocMarkerAt(word: string): number {
  const at = word.indexOf("<<");
  for (let i = 0; i < at; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
  }
  return at;
}

/** dockerfile-ast's `Util.parseHeredocName`, of a word from its `<<` on. */
function parseHeredocName(word: string): string | null {
  let value = word.substring(2);
  if (value.charAt(0) === "-") value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "<") return null;
  return value;
}

function findLeadingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = 0; i < content.length; i++) {
    const c = content.charAt(i);
    if (c === " " || c === "\t") continue;
    if (c === escapeChar) {
      const after = afterEscapedBlanks(content, i + 1, content.length);
      if (after.char !== "\n") return -1;
      i = after.index;
      continue;
    }
    return i;
  }
  return -1;
}

function findTrailingNonWhitespace(content: string, escapeChar: string): number {
  let index = content.length;
  for (let i = content.length - 1; i >= 0; i--) {
    const c = content.charAt(i);
    if (c === " " || c === "\t") continue;
    if (c === "\n" || c === "\r") {
      if (c === "\n" && content.charAt(i - 1) === "\r") i = i - 1;
      for (let j = i - 1; j >= 0; j--) {
        const w = content.charAt(j);
        if (w === " " || w === "\t" || w === "\r" || w === "\n" || w === escapeChar) continue;
        index = j;
        break;
      }
      break;
    }
    index = i;
    break;
  }
  return index;
}

/** dockerfile-ast's `Property.getValue`: quotes removed, escapes applied, comment lines of a continued value dropped. */
function propertyValue(input: string, escapeChar: string): string {
  let escaped = false;
  const skip = findLeadingNonWhitespace(input, escapeChar);
  if (skip !== 0 && input.charAt(skip) === "#") escaped = true;
  const value0 = input.substring(skip);
  const first = value0.charAt(0);
  const last = value0.charAt(value0.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value0.length; i++) {
      if (value0.charAt(i) === escapeChar) i++;
      else if (value0.charAt(i) === '"' && i === value0.length - 1) inDouble = true;
    }
  }
  const value = inSingle || inDouble ? value0.substring(1, value0.length - 1) : value0;
  // Without an escape character, a line break or a comment to drop, the loop below copies the value
  // character by character: return it as it is. Built that way, a value longer than 12 characters
  // was a chain of one V8 cons string per character, kept in the model.
  if (!escaped && !value.includes(escapeChar) && !value.includes("\n") && !value.includes("\r")) return value;
  const n = value.length;
  let commentCheck = -1;
  let escapedValue = "";
  parseValue: for (let i = 0; i < n; i++) {
    const char = value.charAt(i);
    if (char === escapeChar) {
      if (i + 1 === n) {
        escapedValue += escapeChar;
        break parseValue;
      }
      const next = value.charAt(i + 1);
      if (next === " " || next === "\t") {
        const after = afterEscapedBlanks(value, i + 2, n);
        if (after.char === "\n") {
          escaped = true;
          i = after.index;
          continue parseValue;
        }
        if (after.char !== "" && !inDouble && !inSingle && !literal) {
          if (after.char === escapeChar) {
            escapedValue += next;
            i = i + 1;
          } else {
            escapedValue += next + after.char;
            i = after.index;
          }
          continue parseValue;
        }
      }
      if (inDouble) {
        if (next === "\r") {
          escaped = true;
          i = i + 2;
        } else if (next === "\n") {
          escaped = true;
          i++;
        } else if (next !== '"') {
          if (next === escapeChar) i++;
          escapedValue += escapeChar;
        }
        continue parseValue;
      } else if (inSingle || literal) {
        if (next === "\r") {
          escaped = true;
          i = i + 2;
        } else if (next === "\n") {
          escaped = true;
          i++;
        } else escapedValue += escapeChar;
        continue parseValue;
      } else if (next === escapeChar) {
        escapedValue += escapeChar;
        i++;
      } else if (next === "\r") {
        escaped = true;
        i = i + 2;
      } else if (next === "\n") {
        escaped = true;
        i++;
      } else {
        escapedValue += next;
        i++;
      }
    } else if (char === " " || char === "\t") {
      if (escaped && commentCheck === -1) commentCheck = i;
      escapedValue += char;
    } else if (char === "\r" || char === "\n") {
      if (char === "\r") i++;
      if (escaped && commentCheck !== -1) {
        escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck - 1));
        commentCheck = -1;
      }
    } else if (char === "#" && escaped) {
      if (commentCheck !== -1) {
        escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck));
        commentCheck = -1;
      }
      const lineEnd = commentLineEnd(value, i + 1, n);
      if (lineEnd !== -1) i = lineEnd;
      continue parseValue;
    } else {
      if (escaped) {
        escaped = false;
        commentCheck = -1;
      }
      escapedValue += char;
    }
  }
  return escapedValue;
}

/** Offset of a 0-based line, counting `\r\n`, `\r` and `\n` as line breaks; the file's end past the last line. */
function lineStartOffset(text: string, line: number): number {
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (++current === line) return i + 1;
    }
  }
  return text.length;
}

/** Splits a Dockerfile into instructions the way dockerfile-ast 0.7.1 does (see the module comment). */
export function lexDockerfile(text: string): LexedDockerfile {
  const lexed = lexInstructions(text);
  const instructions: LexedInstruction[] = [];
  lexed.forEach((instruction) => instructions.push(instruction));
  return { escapeChar: lexed.escapeChar, instructions };
}

/**
 * The instructions of `lexDockerfile`, handed over one at a time as they are lexed, once the
 * escape character is known. parseDockerfile builds each instruction of its model as it comes, so
 * that a lexed instruction is garbage before the next young-generation collection: a list of all
 * of a large file's lexed instructions stayed alive, and was copied and promoted, while the model
 * was built from it (a 10k-line parse: 33–39 → 27–30 ms, with the line cursor; bench/README.md).
 */
export function lexInstructions(text: string): { escapeChar: string; forEach(visit: (instruction: LexedInstruction) => void): void } {
  const lexer = new Lexer(text);
  const offset = lexer.readHeader();
  return { escapeChar: lexer.escapeChar, forEach: (visit) => lexer.lexFrom(offset, visit) };
}

/**
 * What follows an escape character and blanks: the first other character and its index, with a
 * `\r` (alone or before `\n`) read as the line end `\n`; `""` when the text ends first. An escape,
 * blanks and a line end continue the line, in arguments and in values alike.
 */
function afterEscapedBlanks(text: string, from: number, end: number): { char: string; index: number } {
  for (let j = from; j < end; j++) {
    const char = text.charAt(j);
    if (char === " " || char === "\t") continue;
    if (char === "\r") return { char: "\n", index: j + 1 };
    return { char, index: j };
  }
  return { char: "", index: end };
}

/**
 * Where a comment inside a continued instruction ends: the index of its line end (for `\r`, the
 * character after it, as a `\r\n` pair counts once), or -1 when the text ends first.
 */
function commentLineEnd(text: string, from: number, end: number): number {
  for (let j = from; j < end; j++) {
    const char = text.charAt(j);
    if (char === "\r") return j + 1;
    if (char === "\n") return j;
  }
  return -1;
}
