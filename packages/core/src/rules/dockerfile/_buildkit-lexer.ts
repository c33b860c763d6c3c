/**
 * Variables as BuildKit's word lexer sees them (frontend/dockerfile/shell/lex.go), with file
 * positions: which `$NAME` / `${NAME…}` an instruction expands, what a word expands to, and which
 * names ARG declares. Shared by the variable rules (no-undefined-variable, no-undefined-arg-in-from,
 * valid-default-arg-in-from, no-env-self-reference, valid-expose).
 *
 * Why not `scope.expand()`: the model's expansion does not know quotes (`'$X'` is not expanded by
 * the build), cannot tell "unset" from "declared without a value" the way BuildKit's lexer does
 * for `${X-d}`, and has no positions. Why `argDeclarations`: the model's `pairs` of `ARG A B` read
 * one ARG `A` with the value `B` (dockerfile-ast treats it like legacy `ENV A B`), while BuildKit
 * declares two arguments, `A` and `B` — see the engine note in no-undefined-variable's page.
 */
import { InstructionCache, StageCache } from "../../dockerfile/instruction-cache.js";
import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { skipContinuationComments } from "../../dockerfile/parse.js";
import { MAX_EXPANSION_GROWTH, MAX_NESTED_DEFAULTS } from "../../dockerfile/variables.js";
import type { OffsetRange } from "../../source.js";
import { RecentCache } from "../../util/recent-cache.js";

/** Text of a file region as the build reads it, with the file offset of every character. */
export interface LogicalText {
  text: string;
  /**
   * Where each run of verbatim file text starts, as pairs: [text index, file offset, …], in
   * order, ending with [text.length, end]. Undefined when the text is the file's region
   * [start, end) verbatim (most regions): then text[i] is at start + i.
   */
  runs: number[] | undefined;
  start: number;
  end: number;
}

/**
 * The region [start, end) with Dockerfile continuations removed (escape + blanks + newline) and
 * the blank and comment lines that follow a continuation dropped, as the build reads it.
 *
 * The text is joined from the lines' slices and its offsets kept as one pair per line, not one
 * number per character: with a character at a time, this function allocated 12 of the 558 MB
 * that a `recommended` pass over the Dockerfile corpus allocates (heap sampling), now 3 MB.
 */
export function logicalRegion(fileText: string, start: number, end: number, escapeChar: string): LogicalText {
  // Most regions have no escape character: the text is the file's, and its offsets need no array.
  // (The search stays inside the region, so that a word never costs a scan of the rest of the file.)
  if (start <= end && !fileText.slice(start, end).includes(escapeChar)) {
    return { text: fileText.slice(start, end), runs: undefined, start, end };
  }
  const runs: number[] = [];
  let text = "";
  let runStart = start;
  let i = start;
  while (i < end) {
    if (fileText[i] === escapeChar) {
      let j = i + 1;
      while (j < end && (fileText[j] === " " || fileText[j] === "\t")) j++;
      if (fileText[j] === "\r" && fileText[j + 1] === "\n") j++;
      if (j >= end || fileText[j] === "\n" || fileText[j] === "\r") {
        if (i > runStart) {
          runs.push(text.length, runStart);
          text += fileText.slice(runStart, i);
        }
        i = skipContinuationComments(fileText, j + 1, end);
        runStart = i;
        continue;
      }
    }
    i++;
  }
  if (end > runStart) {
    runs.push(text.length, runStart);
    text += fileText.slice(runStart, end);
  }
  runs.push(text.length, end);
  return { text, runs, start, end };
}

/** The file offset of logical index `index` (`text.length` maps to the region's end), undefined past the end. */
function fileOffset(logical: LogicalText, index: number): number | undefined {
  const runs = logical.runs;
  if (!runs) return index >= 0 && index <= logical.end - logical.start && Number.isInteger(index) ? logical.start + index : undefined;
  if (!(index >= 0 && index <= logical.text.length && Number.isInteger(index))) return undefined;
  // The last run that starts at or before `index` (binary search over the pairs: a RUN can have thousands of lines).
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((runs[2 * mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return (runs[2 * low + 1] ?? 0) + index - (runs[2 * low] ?? 0);
}

/** File range of logical text [from, to). */
export function fileRange(logical: LogicalText, from: number, to: number): OffsetRange {
  const start = fileOffset(logical, from) ?? logical.end;
  const end = to > from ? (fileOffset(logical, to - 1) ?? start) + 1 : start;
  return [start, end];
}

export interface VariableReference {
  name: string;
  /** File range of the whole expansion: `$X`, `${X:-d}`. */
  range: OffsetRange;
  nameRange: OffsetRange;
  braced: boolean;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?`, `#`, `%`, `/`; undefined for `$X` and `${X}`. */
  operator: string | undefined;
  /** Inside the word of another expansion (`${A:-$B}`): only evaluated when that operator uses its word. */
  nested: boolean;
}

export interface LexOptions {
  escapeChar: string;
  /** false: quotes are ordinary characters (BuildKit's raw expansion of COPY/ADD heredoc bodies). Default true. */
  quotes?: boolean;
  /** A variable's value; undefined when unset. Default: every variable unset. */
  lookup?: (name: string) => string | undefined;
}

export interface LexResult {
  /** The word after quote removal, escapes and expansion. */
  value: string;
  refs: VariableReference[];
  /** BuildKit's lexer error (`bad substitution`, `missing '}'`), if any. */
  error: string | undefined;
}

const NAME = /^[A-Z_]\w*$/i;
const UNICODE_NAME_CHAR = /[\p{L}\p{N}_]/u;

/** BuildKit's name characters (Unicode letters, digits, `_`); ASCII is decided without the regular expression. */
function isNameChar(code: number, char: string): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return UNICODE_NAME_CHAR.test(char);
}
const SPECIAL_PARAMS = new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);

/** BuildKit's ProcessWord over logical text [from, to): quotes, escapes, `$X`, `${X…}` with positions. */
export function lexWord(logical: LogicalText, from: number, to: number, options: LexOptions): LexResult {
  const lexer = new WordLexer(logical, from, to, options);
  const { value } = lexer.processStopOn(undefined);
  return { value, refs: lexer.refs, error: lexer.error };
}

const unset = (): string | undefined => undefined;

// The model's bounds on expansion (dockerfile/variables.ts), here for words: a word nested deeper
// than MAX_NESTED_DEFAULTS is read as text up to its `}`, its variables not recorded (10,000 levels
// overflowed the stack); a value that would grow the word past MAX_EXPANSION_GROWTH is left out and
// the word has an error (forty `ARG A=$A$A` asked for a string longer than V8 allows).

/** The state of one `lexWord`: a class, so that a call allocates one object rather than a closure per step. */
class WordLexer {
  readonly text: string;
  readonly esc: string;
  readonly quotes: boolean;
  readonly lookup: (name: string) => string | undefined;
  readonly refs: VariableReference[] = [];
  error: string | undefined;
  i: number;
  depth = 0;
  /** Characters the values looked up may still add (MAX_EXPANSION_GROWTH). */
  private room = MAX_EXPANSION_GROWTH;

  constructor(
    readonly logical: LogicalText,
    from: number,
    readonly to: number,
    options: LexOptions,
  ) {
    this.text = logical.text;
    this.esc = options.escapeChar;
    this.quotes = options.quotes !== false;
    this.lookup = options.lookup ?? unset;
    this.i = from;
  }

  fail(message: string): string {
    this.error ??= message;
    return "";
  }

  /** A variable's value as the word takes it, unless it would grow the word past MAX_EXPANSION_GROWTH. */
  valueOf(name: string): string | undefined {
    const value = this.lookup(name);
    if (value === undefined || value.length <= this.room) {
      this.room -= value?.length ?? 0;
      return value;
    }
    this.fail(`the value of ${name} makes the word longer than ${MAX_EXPANSION_GROWTH} characters`);
    return "";
  }

  /**
   * The word of `${X-word}` (or a part of `${X/a/b}`) up to `stop`; past MAX_NESTED_DEFAULTS levels
   * taken as written, by a loop rather than a call per level.
   */
  nestedWord(stop: string): { value: string; stopped: boolean } {
    if (this.depth < MAX_NESTED_DEFAULTS) {
      this.depth++;
      const word = this.processStopOn(stop);
      this.depth--;
      return word;
    }
    const { text, to, esc } = this;
    const start = this.i;
    let open = 0;
    for (let i = start; i < to; i++) {
      const c = text[i];
      if (c === esc) i++;
      else if (c === "$" && text[i + 1] === "{") {
        open++;
        i++;
      } else if (c === "}" && open > 0) open--;
      else if (c === stop && open === 0) {
        this.i = i + 1;
        return { value: text.slice(start, i), stopped: true };
      }
    }
    this.i = to;
    return { value: text.slice(start, to), stopped: false };
  }

  processName(): string {
    const { text, to } = this;
    const start = this.i;
    const first = text[start];
    if (first === undefined || start >= to) return "";
    let i = start;
    if (first >= "0" && first <= "9") {
      while (i < to && (text[i] ?? "") >= "0" && (text[i] ?? "") <= "9") i++;
      this.i = i;
      return text.slice(start, i);
    }
    if (SPECIAL_PARAMS.has(first)) {
      this.i = i + 1;
      return first;
    }
    while (i < to && isNameChar(text.charCodeAt(i), text[i] ?? "")) i++;
    this.i = i;
    return text.slice(start, i);
  }

  record(name: string, start: number, nameStart: number, braced: boolean, operator: string | undefined): void {
    if (!NAME.test(name)) return;
    this.refs.push({
      name,
      range: fileRange(this.logical, start, this.i),
      nameRange: fileRange(this.logical, nameStart, nameStart + name.length),
      braced,
      operator,
      nested: this.depth > 0,
    });
  }

  processSingleQuote(): string {
    const { text, to } = this;
    this.i++;
    let out = "";
    while (this.i < to) {
      const c = text[this.i++] ?? "";
      if (c === "'") return out;
      out += c;
    }
    return this.fail("unexpected end of statement while looking for matching single-quote");
  }

  processDoubleQuote(): string {
    const { text, to, esc } = this;
    this.i++;
    let out = "";
    while (this.i < to) {
      const c = text[this.i] ?? "";
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === "$") {
        out += this.processDollar();
        continue;
      }
      this.i++;
      if (c === esc && this.i < to) {
        const next = text[this.i] ?? "";
        if (next === '"' || next === "$" || next === esc) {
          out += next;
          this.i++;
          continue;
        }
      }
      out += c;
    }
    return this.fail("unexpected end of statement while looking for matching double-quote");
  }

  processStopOn(stop: string | undefined): { value: string; stopped: boolean } {
    const { text, to, esc, quotes } = this;
    let out = "";
    while (this.i < to) {
      const c = text[this.i] ?? "";
      if (stop !== undefined && c === stop) {
        this.i++;
        return { value: out, stopped: true };
      }
      if (c === "$") out += this.processDollar();
      else if (quotes && c === "'") out += this.processSingleQuote();
      else if (quotes && c === '"') out += this.processDoubleQuote();
      else if (c === esc) {
        this.i++;
        if (this.i < to) out += text[this.i++] ?? "";
      } else {
        // A run of ordinary characters is copied as one slice, not one string per character.
        const runStart = this.i;
        let i = runStart + 1;
        while (i < to) {
          const d = text[i];
          if (d === stop || d === "$" || d === esc || (quotes && (d === "'" || d === '"'))) break;
          i++;
        }
        this.i = i;
        out += text.slice(runStart, i);
      }
    }
    return { value: out, stopped: stop === undefined };
  }

  processDollar(): string {
    const { text, to } = this;
    const start = this.i;
    this.i++;
    if (text[this.i] !== "{" || this.i >= to) {
      const nameStart = this.i;
      const name = this.processName();
      if (name === "") return "$";
      this.record(name, start, nameStart, false, undefined);
      return this.valueOf(name) ?? "";
    }
    this.i++;
    const first = text[this.i];
    if (this.i >= to) return this.fail("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") return this.fail("syntax error: bad substitution");
    const nameStart = this.i;
    const name = this.processName();
    const op = text[this.i];
    this.i++;
    if (op === "}") {
      this.record(name, start, nameStart, true, undefined);
      return this.valueOf(name) ?? "";
    }
    let operator = op ?? "";
    if (op === ":") {
      operator += text[this.i] ?? "";
      this.i++;
    }
    const kind = operator.replace(":", "");
    if (operator === "/") {
      const all = text[this.i] === "/";
      if (all) this.i++;
      const pattern = this.nestedWord("/");
      const replacement = this.nestedWord("}");
      this.record(name, start, nameStart, true, "/");
      if (!pattern.stopped || !replacement.stopped) return this.fail("syntax error: missing '}'");
      const value = this.valueOf(name);
      if (value === undefined) return "";
      return value.replace(globToRegExp(pattern.value, false, all ? "g" : ""), replacement.value);
    }
    if (!["-", "+", "?", "#", "%"].includes(kind) || (operator.startsWith(":") && (kind === "#" || kind === "%"))) {
      return this.fail(`unsupported modifier (${operator}) in substitution`);
    }
    const word = this.nestedWord("}");
    this.record(name, start, nameStart, true, operator);
    if (!word.stopped) return this.fail("syntax error: missing '}'");
    const value = this.valueOf(name);
    const set = value !== undefined;
    const nullIsUnset = operator.startsWith(":");
    switch (kind) {
      case "-":
        return !set || (nullIsUnset && value === "") ? word.value : value;
      case "+":
        return !set || (nullIsUnset && value === "") ? "" : word.value;
      case "?":
        if (!set || (nullIsUnset && value === "")) return this.fail(`${name}: ${word.value || "is not allowed to be unset"}`);
        return value;
      default: {
        if (!set) return "";
        const greedy = word.value.startsWith(kind);
        const pattern = greedy ? word.value.slice(1) : word.value;
        return trimPattern(value, pattern, kind === "#", greedy);
      }
    }
  }
}

function globToRegExp(pattern: string, anchored: boolean, flags = ""): RegExp {
  let source = "";
  for (const c of pattern) source += c === "*" ? ".*?" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(anchored ? `^${source}$` : source, flags);
}

/** `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}` with `*` and `?` globs. */
function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const matcher = globToRegExp(pattern, true);
  const lengths = Array.from({ length: value.length + 1 }, (_, k) => k);
  if (greedy) lengths.reverse();
  for (const k of lengths) {
    const part = prefix ? value.slice(0, k) : value.slice(value.length - k);
    if (matcher.test(part)) return prefix ? value.slice(k) : value.slice(0, value.length - k);
  }
  return value;
}

/** Every reference in a file region, lexed as one word (whitespace is literal and changes no quoting). */
export function referencesIn(fileText: string, range: OffsetRange, escapeChar: string, quotes = true): VariableReference[] {
  // Every reference starts with `$`: most regions have none, and lexing them finds nothing.
  if (!containsDollar(fileText, range[0], range[1])) return [];
  const logical = logicalRegion(fileText, range[0], range[1], escapeChar);
  return lexWord(logical, 0, logical.text.length, { escapeChar, quotes }).refs;
}

/** Whether the file text [start, end) has a `$`; without one, lexing it finds no reference. */
export function containsDollar(fileText: string, start: number, end: number): boolean {
  // Searched in the region alone: a search from `start` would scan the rest of a file without `$`.
  return fileText.slice(start, end).includes("$");
}

/** A word of an instruction as BuildKit's parseWords splits it (quotes kept, whitespace outside quotes separates). */
export interface RawWord {
  text: string;
  /** Logical-text indices. */
  from: number;
  to: number;
}

/** BuildKit's parser.parseWords over logical text. */
export function splitWords(logical: LogicalText, escapeChar: string): RawWord[] {
  const text = logical.text;
  const words: RawWord[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i] ?? "")) i++;
    if (i >= n) break;
    const from = i;
    let quote: string | undefined;
    while (i < n) {
      const c = text[i] ?? "";
      if (quote === undefined) {
        if (/\s/.test(c)) break;
        if (c === "'" || c === '"') quote = c;
        else if (c === escapeChar) i++;
      } else if (c === quote) quote = undefined;
      else if (c === escapeChar && quote !== "'") i++;
      i++;
    }
    i = Math.min(i, n);
    words.push({ text: text.slice(from, i), from, to: i });
  }
  return words;
}

/** One name declared by ARG, as BuildKit reads `ARG a b=c`. */
export interface ArgDeclaration {
  name: string;
  nameRange: OffsetRange;
  /** Logical text of the default (quotes kept), undefined without `=`. */
  rawValue: string | undefined;
  /** Logical-text indices of the default, for `lexWord`. */
  valueFrom: number;
  valueTo: number;
  logical: LogicalText;
}

/**
 * The names an ARG declares: every word is one declaration, `name` or `name=default` (BuildKit's
 * parseArg). Leading `--flags` are dropped, as BuildKit's flag extraction does for ARG.
 */
export function argDeclarations(fileText: string, instruction: Instruction, escapeChar: string): readonly ArgDeclaration[] {
  return argDeclarationsCache.lookup(instruction, (i) => readArgDeclarations(fileText, i, escapeChar));
}

/** Six rules and the global scope read every ARG's declarations; the file text and escape character are fixed per instruction. */
const argDeclarationsCache = new InstructionCache<readonly ArgDeclaration[]>();

function readArgDeclarations(fileText: string, instruction: Instruction, escapeChar: string): ArgDeclaration[] {
  const range = instruction.argsRange;
  if (!range) return [];
  const logical = logicalRegion(fileText, range[0], range[1], escapeChar);
  const words = splitWords(logical, escapeChar);
  let first = 0;
  while (first < words.length && (words[first]?.text.startsWith("--") ?? false)) {
    first++;
    if (words[first - 1]?.text === "--") break;
  }
  return words.slice(first).flatMap((word) => {
    const eq = word.text.indexOf("=");
    const name = eq < 0 ? word.text : word.text.slice(0, eq);
    if (name === "") return [];
    return [
      {
        name,
        nameRange: fileRange(logical, word.from, word.from + name.length),
        rawValue: eq < 0 ? undefined : word.text.slice(eq + 1),
        valueFrom: eq < 0 ? word.to : word.from + eq + 1,
        valueTo: word.to,
        logical,
      },
    ];
  });
}

/** Build arguments BuildKit defines in the global scope (FROM) without an ARG, with the values of a linux/amd64 build. */
export const PREDEFINED_GLOBAL_ARGS: ReadonlyMap<string, string> = new Map([
  ["BUILDPLATFORM", "linux/amd64"],
  ["BUILDOS", "linux"],
  ["BUILDOSVERSION", ""],
  ["BUILDARCH", "amd64"],
  ["BUILDVARIANT", ""],
  ["TARGETPLATFORM", "linux/amd64"],
  ["TARGETOS", "linux"],
  ["TARGETOSVERSION", ""],
  ["TARGETARCH", "amd64"],
  ["TARGETVARIANT", ""],
  ["TARGETSTAGE", "default"],
]);

export interface Declaration {
  name: string;
  kind: "ARG" | "ENV";
  instruction: Instruction;
  /** An ARG without `=` (it may still take a global default). */
  bare: boolean;
}

export interface GlobalArgs {
  /** Names declared by ARG before the first FROM, in order. */
  declared: ReadonlyMap<string, Declaration>;
  /** Values FROM sees without --build-arg: predefined args and defaults (a bare ARG leaves a predefined value or nothing). */
  values: ReadonlyMap<string, string>;
  /** Each default as lexed with the values before it, in file order: its errors and the names it uses. */
  defaults: readonly { arg: ArgDeclaration; lexed: LexResult }[];
}

/** The file being linted and its global scope: one slot, not a WeakMap keyed by model (see util/recent-cache.ts). */
const globalsOfModel = new RecentCache<DockerfileModel, GlobalArgs>(1);

/** The global scope of FROM as a plain `docker build` (no --build-arg) evaluates it. */
export function globalArgs(model: DockerfileModel): GlobalArgs {
  return globalsOfModel.lookup(model, evaluateGlobalArgs);
}

/** What a file without global ARGs (most files) has: no declaration, the predefined values. */
const NO_GLOBAL_ARGS: GlobalArgs = { declared: new Map(), values: PREDEFINED_GLOBAL_ARGS, defaults: [] };

function evaluateGlobalArgs(model: DockerfileModel): GlobalArgs {
  if (model.globalArgs.length === 0) return NO_GLOBAL_ARGS;
  const declared = new Map<string, Declaration>();
  const values = new Map(PREDEFINED_GLOBAL_ARGS);
  const defaults: { arg: ArgDeclaration; lexed: LexResult }[] = [];
  for (const instruction of model.globalArgs) {
    for (const arg of argDeclarations(model.source.text, instruction, model.escapeChar)) {
      declared.set(arg.name, { name: arg.name, kind: "ARG", instruction, bare: arg.rawValue === undefined });
      if (arg.rawValue !== undefined) {
        const lexed = lexWord(arg.logical, arg.valueFrom, arg.valueTo, { escapeChar: model.escapeChar, lookup: (name) => values.get(name) });
        values.set(arg.name, lexed.value);
        defaults.push({ arg, lexed });
      }
    }
  }
  return { declared, values, defaults };
}

/** The names one ARG or ENV instruction declares, in order (empty for other instructions). */
export function declarationsOf(model: DockerfileModel, instruction: Instruction): Declaration[] {
  if (instruction.keyword === "ARG") {
    return argDeclarations(model.source.text, instruction, model.escapeChar).map((arg) => ({
      name: arg.name,
      kind: "ARG" as const,
      instruction,
      bare: arg.rawValue === undefined,
    }));
  }
  if (instruction.keyword === "ENV") return instruction.pairs.map((pair) => ({ name: pair.key, kind: "ENV" as const, instruction, bare: false }));
  return [];
}

/**
 * Names known at the end of a stage: its own ARG and ENV declarations and those of the local
 * stages it builds on. BuildKit carries a parent stage's ARG values into its children too (they
 * live in the build state's environment), so ARGs count as well as ENVs.
 */
export function namesAtEndOf(model: DockerfileModel, stage: Stage): ReadonlyMap<string, Declaration> {
  // The stages up to one whose names are known, then down again, each remembered: computed anew
  // from the root for every stage, a chain of thousands of stages was quadratic, and deep recursion.
  const chain: Stage[] = [];
  let inherited: ReadonlyMap<string, Declaration> | undefined;
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    inherited = namesAtEnd.get(s);
    if (inherited) break;
    chain.push(s);
  }
  let names = inherited ?? new Map<string, Declaration>();
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i] as Stage;
    let own: Map<string, Declaration> | undefined;
    for (const instruction of s.instructions) {
      for (const declaration of declarationsOf(model, instruction)) (own ??= new Map(names)).set(declaration.name, declaration);
    }
    // A stage that declares nothing shares its parent's map; one that does copies it (so a long
    // chain whose every stage declares a name still costs the sum of the maps' sizes).
    if (own) names = own;
    namesAtEnd.set(s, names);
  }
  return names;
}

/** Per stage, namesAtEndOf's answer (shared, never changed). */
const namesAtEnd = new StageCache<ReadonlyMap<string, Declaration>>();

/**
 * Quote removal for one shell-form word lives with the model (dockerfile/parse.ts), which reads
 * ARG defaults with it too, so that the two never disagree; the rules take it from here.
 */
export { unquoteWord } from "../../dockerfile/parse.js";
