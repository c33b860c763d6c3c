import { parseImageReference } from "../image/reference.js";
import { SourceText, type OffsetRange } from "../source.js";
import { DeferredArguments, lexInstructions, type LexedFlag, type LexedInstruction } from "./lexer.js";
import type {
  Comment,
  DockerfileModel,
  Heredoc,
  Instruction,
  InstructionForm,
  InstructionFlag,
  KeyValue,
  Located,
  ParserDirective,
  RunShell,
  Stage,
} from "./model.js";
import { InstructionCache } from "./instruction-cache.js";
import { analyseRun } from "./run-shell.js";
import { expandVariables, PLATFORM_ARG_VALUES, platformArgScope, Scope, withGlobalArg } from "./variables.js";

/** Instructions whose arguments the build may take as a JSON array. */
const EXEC_FORM_KEYWORDS = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL"]);

/**
 * Builds docklint's Dockerfile model on top of the lexer (./lexer.ts), which gives instruction
 * boundaries, flags, properties and heredocs with offsets; docklint adds stages, variable
 * scopes and exec/shell form on top.
 */
export function parseDockerfile(text: string): DockerfileModel {
  const source = new SourceText(text);
  const lexed = lexInstructions(text);
  const escapeChar = lexed.escapeChar;

  const directives = readDirectives(source);
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  const stageByName = new Map<string, Stage>();
  let globalScope = platformArgScope(escapeChar);
  let scope = globalScope;
  let stage: Stage | undefined;
  const stageScopes: Scope[] = [];

  // Instructions come in file order: their lines are found by one pass over the file's lines.
  const lineAt = source.lineCursor();
  const build = (node: LexedInstruction, index: number, currentStage: Stage | undefined, currentScope: Scope): Instruction =>
    buildInstruction(node, index, currentStage, currentScope, source, escapeChar, lineAt);

  lexed.forEach((node) => {
    const index = instructions.length;
    const keyword = node.keywordText.toUpperCase();
    if (keyword === "FROM") {
      if (stage) stageScopes[stage.index] = scope;
      // The global ARGs end at the first FROM; every stage asks them for names from here on.
      globalScope = globalScope.indexed();
      const from = build(node, index, undefined, globalScope);
      const args = from.args;
      const imageArg = args[0];
      const hasAlias = args.length >= 3 && args[1]?.value.toUpperCase() === "AS";
      const imageText = imageArg?.value ?? "";
      // The build removes quotes around the image (`FROM "nginx:1"`).
      const expanded = globalScope.expand(imageText);
      const resolvedImage = unquote(expanded.value);
      const named = stageByName.get(resolvedImage.toLowerCase());
      const parentCandidates = named ? [named] : expanded.unresolved.length > 0 ? stagesByPlatform(resolvedImage, expanded.unresolved, stageByName, escapeChar) : NONE;
      const parent = parentCandidates[0];
      if (parent) parent.usedByLaterStage = true;
      stage = {
        index: stages.length,
        name: hasAlias ? args[2]?.value : undefined,
        nameRange: hasAlias ? args[2]?.range : undefined,
        from,
        imageText,
        imageRange: imageArg?.range,
        resolvedImage,
        image: parent ? undefined : parseImageReference(resolvedImage),
        parent,
        parentCandidates,
        platform: from.flags.find((f) => f.name.toLowerCase() === "platform"),
        instructions: [],
        isLast: false,
        usedByLaterStage: false,
      };
      from.stage = stage;
      stages.push(stage);
      if (stage.name !== undefined && !stageByName.has(stage.name.toLowerCase())) {
        stageByName.set(stage.name.toLowerCase(), stage);
      }
      // A stage built on another starts with its whole scope: ENV, and (as BuildKit does) its ARG values.
      scope = parent ? (stageScopes[parent.index] ?? new Scope(escapeChar)) : new Scope(escapeChar);
      instructions.push(from);
      return;
    }

    const instruction = build(node, index, stage, scope);
    instructions.push(instruction);
    if (stage) stage.instructions.push(instruction);
    else if (keyword === "ARG") globalArgs.push(instruction);

    if (keyword === "ARG") {
      for (const pair of instruction.pairs) {
        if (!stage) {
          globalScope = withGlobalArg(globalScope, pair.key, pair.value, instruction);
          scope = globalScope;
        } else {
          if (pair.value === undefined) {
            scope = scope.with(pair.key, globalScope.lookup(pair.key) ?? null, "ARG", instruction, globalScope.unresolvedOf(pair.key));
          } else {
            const expanded = scope.expand(pair.value);
            scope = scope.with(pair.key, expanded.value, "ARG", instruction, expanded.unresolved);
          }
        }
      }
    } else if (keyword === "ENV") {
      // All pairs of one ENV see the scope from before it, as the build expands them.
      const before = scope;
      for (const pair of instruction.pairs) {
        const expanded = before.expand(pair.value ?? "");
        scope = scope.with(pair.key, expanded.value, "ENV", instruction, expanded.unresolved);
      }
    }
    if (keyword === "COPY" || keyword === "ADD" || keyword === "RUN") markSourceStages(instruction, stages, stageByName);
  });
  const last = stages.at(-1);
  if (last) last.isLast = true;
  const comments = readComments(source, directives, instructions);

  // By instruction index (an InstructionCache) rather than a WeakMap per model: a WeakMap entry
  // keeps a young key alive through young-generation collections (see util/recent-cache.ts),
  // which dragged whole files into the old generation. The model owns it, so it is not one of the
  // memos emptied after each lint (util/file-memos.ts): it goes when the model goes.
  const shells = new InstructionCache<RunShell>(false);
  const analyse = (run: Instruction): RunShell => analyseRun(run, source, escapeChar);
  let foreignShells: WeakMap<Instruction, RunShell> | undefined;
  const model: DockerfileModel = {
    kind: "dockerfile",
    source,
    escapeChar,
    directives,
    comments,
    instructions,
    globalArgs,
    stages,
    stageByName,
    shellOf(run) {
      const owner = run.onbuild ?? run;
      const ours = instructions[run.index] === owner && (owner === run || owner.trigger === run);
      if (!ours) {
        // An instruction of another model: not expected, but still answered once per instruction
        // (in `shells` it would take the slot of one of this model's and drop them all).
        foreignShells ??= new WeakMap();
        let analysed = foreignShells.get(run);
        if (!analysed) foreignShells.set(run, (analysed = analyse(run)));
        return analysed;
      }
      return shells.lookup(run, analyse);
    },
  };
  return model;
}

/** Removes the quotes the build's word lexer removes: `"a"'b'` → `ab`; backslash escapes inside double quotes. */
export function unquote(word: string): string {
  if (!/["']/.test(word)) return word;
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (quote === '"' && c === "\\" && i + 1 < word.length) out += word[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else out += c;
  }
  return out;
}

/**
 * A shell-form word with its quotes and escapes removed as BuildKit's word lexer removes them
 * (frontend/dockerfile/shell/lex.go), variables left as written: single quotes keep everything up
 * to the next `'`; the escape character escapes a quote, `$`, a blank or itself (in double quotes
 * only `"`, `$` and itself). One difference, on purpose: before any other character the escape
 * character is kept, so that `c:\app` is the Windows path its author meant, as hadolint reads it
 * (BuildKit reads `c:app`). For the same reason an escape character right before the `"` that
 * ends a double-quoted word is kept and the quote closes it: `"C:\"` is `C:\` (BuildKit finds the
 * quote unclosed). With `# escape=\``, a backslash is an ordinary character anyway.
 * An escaped `$` keeps its escape, so that expansion leaves it alone, as the build does.
 */
export function unquoteWord(word: string, escapeChar: string): string {
  // Most words have neither quotes nor escapes: no copy.
  if (!word.includes('"') && !word.includes("'") && !word.includes(escapeChar)) return word;
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    const next = word[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (c === escapeChar && next !== undefined && isEscaped(next, quote === '"', escapeChar, i + 2 === word.length)) {
      out += next === "$" ? c + next : next;
      i++;
    } else if (c === quote) quote = undefined;
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else out += c;
  }
  return out;
}

/** Whether the escape character before `next` escapes it (see unquoteWord); `endsWord`: `next` is the word's last character. */
function isEscaped(next: string, inDoubleQuotes: boolean, escapeChar: string, endsWord: boolean): boolean {
  if (next === '"') return !(inDoubleQuotes && endsWord);
  if (next === "$" || next === escapeChar) return true;
  return !inDoubleQuotes && (next === "'" || next === " " || next === "\t");
}

/**
 * How many platform-ARG combinations a FROM is tried with (`$TARGETOS-$TARGETARCH`: 14); past it,
 * the stage is taken to build on an image, as before platforms were tried. The arguments' values
 * multiply: a FROM naming all eight platform ARGs would be tried 379,456 times.
 */
const MAX_PLATFORM_COMBINATIONS = 1024;

/**
 * The earlier stages a FROM names once BuildKit's automatic platform ARGs are given their usual
 * values, in file order; none unless the image's only unresolved variables are platform ARGs.
 * BuildKit expands the FROM's name with the global ARGs, platform ARGs included without any
 * `ARG`, and builds on the stage the result names (dockerfile2llb, buildDispatchStates). Taken for
 * an image, swiftlang/swift-docker's buildx files (`FROM base AS base-amd64`, `FROM base AS
 * base-arm64`, `FROM base-$TARGETARCH AS final`) lost the ARGs of `base` in `final`, its USER and
 * its base image (reported as shipped in no image).
 */
function stagesByPlatform(image: string, unresolved: readonly string[], byName: ReadonlyMap<string, Stage>, escapeChar: string): readonly Stage[] {
  const names = [...new Set(unresolved)];
  let combinations = 1;
  for (const name of names) {
    const values = PLATFORM_ARG_VALUES.get(name);
    // `FROM ${BASE}-$TARGETARCH` with a user ARG BASE: which stage depends on the builder.
    if (!values) return NONE;
    combinations *= values.length;
  }
  if (combinations > MAX_PLATFORM_COMBINATIONS) return NONE;
  const found = new Set<Stage>();
  const chosen = new Map<string, string>();
  const tryValues = (next: number): void => {
    const name = names[next];
    if (name === undefined) {
      const result = expandVariables(image, (variable) => chosen.get(variable), escapeChar);
      const stage = result.unresolved.length === 0 ? byName.get(result.value.toLowerCase()) : undefined;
      if (stage) found.add(stage);
      return;
    }
    for (const value of PLATFORM_ARG_VALUES.get(name) ?? NONE) {
      chosen.set(name, value);
      tryValues(next + 1);
    }
  };
  tryValues(0);
  return found.size === 0 ? NONE : [...found].sort((a, b) => a.index - b.index);
}

function markSourceStages(instruction: Instruction, stages: Stage[], byName: ReadonlyMap<string, Stage>): void {
  const references: string[] = [];
  for (const flag of instruction.flags) {
    const name = flag.name.toLowerCase();
    if (name === "from" && flag.value !== undefined) references.push(flag.value);
    if (name === "mount") {
      const from = flag.options.get("from");
      if (from !== undefined) references.push(from);
    }
  }
  for (const reference of references) {
    const target = byName.get(reference.toLowerCase()) ?? (/^\d+$/.test(reference) ? stages[Number(reference)] : undefined);
    if (target && target !== instruction.stage) target.usedByLaterStage = true;
  }
}

/**
 * Comment lines: `#` first on a line, outside heredoc bodies (those belong to the script)
 * and outside the directive block. Lines inside a continued instruction count too: the
 * build drops them, and suppression comments may sit there.
 */
function readComments(source: SourceText, directives: ParserDirective[], instructions: Instruction[]): Comment[] {
  const skipped: OffsetRange[] = directives.map((d) => d.range);
  for (const instruction of instructions) {
    // Two loops, not a spread of both lists: this runs for every instruction of every file.
    for (const heredoc of instruction.heredocs) skipped.push(heredoc.contentRange);
    if (instruction.trigger) for (const heredoc of instruction.trigger.heredocs) skipped.push(heredoc.contentRange);
  }
  skipped.sort((a, b) => a[0] - b[0]);
  const comments: Comment[] = [];
  let next = 0;
  const text = source.text;
  const lineStarts = source.lineStarts;
  for (let line = 1; line <= lineStarts.length; line++) {
    const lineStart = lineStarts[line - 1] ?? 0;
    let i = lineStart;
    // Character codes: blank (32), tab (9), byte order mark; `#` is 35.
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || (i === 0 && c === 0xfeff); c = text.charCodeAt(i)) i++;
    if (text.charCodeAt(i) !== 35) continue;
    while (next < skipped.length && (skipped[next]?.[1] ?? 0) <= i) next++;
    const range = skipped[next];
    if (range && range[0] <= i && i < range[1]) continue;
    const end = source.lineEnd(line);
    comments.push({ text: text.slice(i + 1, end), range: [i, end], line });
  }
  return comments;
}

/**
 * Parser directives: `# name=value` lines at the very top of the file. The first line that
 * is not a directive ends them, as in BuildKit.
 */
function readDirectives(source: SourceText): ParserDirective[] {
  const directives: ParserDirective[] = [];
  for (let line = 1; line <= source.lineCount; line++) {
    const lineText = source.lineText(line);
    const match = matchDirective(lineText);
    if (!match) break;
    const lineStart = source.lineStarts[line - 1] ?? 0;
    const name = match.name.toLowerCase();
    if (directives.some((d) => d.name === name)) break;
    const valueStart = lineStart + match.valueStart;
    const value = match.value;
    directives.push({
      name,
      value,
      range: [lineStart, lineStart + lineText.length],
      valueRange: [valueStart, valueStart + value.length],
    });
  }
  return directives;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * `# name = value` with optional blanks around each part (a name starts with a letter and has
 * word characters and dashes; the value has no line separator inside it). Read by hand, so
 * that a long line costs linear time.
 */
function matchDirective(line: string): { name: string; valueStart: number; value: string } | undefined {
  let i = 0;
  while (isSpace(line[i])) i++;
  if (line[i] !== "#") return undefined;
  i++;
  while (isSpace(line[i])) i++;
  const nameStart = i;
  if (!/[a-z]/i.test(line[i] ?? "")) return undefined;
  i++;
  while (/[\w-]/.test(line[i] ?? "")) i++;
  const name = line.slice(nameStart, i);
  while (isSpace(line[i])) i++;
  if (line[i] !== "=") return undefined;
  i++;
  while (isSpace(line[i])) i++;
  let end = line.length;
  while (end > i && isSpace(line[end - 1])) end--;
  const value = line.slice(i, end);
  if (value.includes("\u2028") || value.includes("\u2029")) return undefined;
  return { name, valueStart: i, value };
}

/**
 * The one empty list of every instruction without flags, heredocs or pairs (most instructions):
 * an empty array each was ~80 bytes per instruction that the collector copies when a large
 * file's model outlives a scavenge. Frozen, so that a plugin that writes to it fails loudly
 * instead of changing every instruction's list. The 10k-line file's model: 1,350 → 1,262 bytes
 * per instruction (heap snapshot); ten parses of it 267–288 → 258–291 ms (medians 273 → 260,
 * four alternations); a recommended lint of the corpus unchanged.
 */
const NONE: readonly never[] = Object.freeze([]);

function buildInstruction(
  node: LexedInstruction,
  index: number,
  stage: Stage | undefined,
  scope: Scope,
  source: SourceText,
  escapeChar: string,
  lineAt: (offset: number) => number,
): Instruction {
  const keywordText = node.keywordText;
  const keyword = keywordText.toUpperCase();
  const range = node.range;
  const flags: readonly InstructionFlag[] = node.flags.length === 0 ? NONE : node.flags.map(toFlag);
  const args: Located[] = node.args;
  const firstArg = args[0];
  const argsEnd = node.deferred ? node.deferred.end : args.at(-1)?.range[1];
  const argsRange: OffsetRange | undefined =
    firstArg && argsEnd !== undefined ? [flags[0]?.range[0] ?? firstArg.range[0], argsEnd] : flags.length > 0 ? [flags[0]?.range[0] ?? 0, flags.at(-1)?.range[1] ?? 0] : undefined;
  const instruction = new ParsedInstruction(
    keyword,
    keywordText,
    node.keywordRange,
    range,
    lineAt(range[0]),
    argsRange ? logicalText(source.text, argsRange[0], argsRange[1], escapeChar) : "",
    argsRange,
    flags,
    node.deferred ?? args,
    firstArg,
    readHeredocs(node, source),
    readPairs(node, keyword, source, escapeChar),
    stage,
    index,
    scope,
  );

  const formStart = keyword === "HEALTHCHECK" && firstArg?.value.toUpperCase() === "CMD" ? args[1] : EXEC_FORM_KEYWORDS.has(keyword) ? firstArg : undefined;
  if (formStart) {
    const exec = readExecForm(source.text, formStart.range[0], range[1], escapeChar);
    instruction.form = exec ? "exec" : "shell";
    instruction.execArgs = exec;
  }
  if (keyword === "ONBUILD") {
    const triggerNode = node.trigger;
    if (triggerNode) {
      const trigger = buildInstruction(triggerNode, index, stage, scope, source, escapeChar, lineAt);
      trigger.onbuild = instruction;
      instruction.trigger = trigger;
    }
  }
  return instruction;
}

/**
 * A class rather than an object literal for `args` alone: for a long RUN they are lexed on first
 * read (lexer.ts, DeferredArguments), and a getter on the prototype keeps every instruction in one
 * shape. Every other field is plain data, set in the same order for every instruction.
 */
class ParsedInstruction implements Instruction {
  form: InstructionForm | undefined = undefined;
  execArgs: Located[] | undefined = undefined;
  trigger: Instruction | undefined = undefined;
  onbuild: Instruction | undefined = undefined;
  #args: Located[] | DeferredArguments;

  constructor(
    public keyword: string,
    public keywordText: string,
    public keywordRange: OffsetRange,
    public range: OffsetRange,
    public line: number,
    public argsText: string,
    public argsRange: OffsetRange | undefined,
    public flags: readonly InstructionFlag[],
    args: Located[] | DeferredArguments,
    public firstArg: Located | undefined,
    public heredocs: readonly Heredoc[],
    public pairs: readonly KeyValue[],
    public stage: Stage | undefined,
    public index: number,
    public scope: Scope,
  ) {
    this.#args = args;
  }

  get args(): Located[] {
    const args = this.#args;
    if (!(args instanceof DeferredArguments)) return args;
    return (this.#args = args.all());
  }
}

function toFlag(flag: LexedFlag): InstructionFlag {
  const value = flag.value ?? undefined;
  const options = new Map<string, string>();
  if (value !== undefined) {
    for (const part of value.split(",")) {
      const eq = part.indexOf("=");
      if (eq < 0) options.set(part.trim().toLowerCase(), "");
      else options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
  }
  return {
    name: flag.name,
    value,
    range: flag.range,
    nameRange: flag.nameRange,
    valueRange: flag.valueRange ?? undefined,
    options,
  };
}

/** BuildKit's lexer turns escaped `$`, quotes and escape characters into plain ones in ENV/LABEL/ARG values; dockerfile-ast keeps the escapes. */
function unescapeValue(value: string, escapeChar: string): string {
  if (!value.includes(escapeChar)) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const next = value[i + 1];
    if (c === escapeChar && next !== undefined && (next === "$" || next === '"' || next === "'" || next === escapeChar)) {
      out += next;
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * `ARG A B=2` declares two arguments: each whitespace-separated word (quotes respected) is
 * `NAME` or `NAME=default`, as BuildKit reads it. dockerfile-ast reads `ARG A B` as A="B".
 */
/** Whitespace-separated words as the build's lexer sees them: quotes and escapes keep a word together. */
export function wordRanges(text: string, start: number, end: number, escapeChar: string): OffsetRange[] {
  const words: OffsetRange[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
      continue;
    }
    if (c === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, Math.min(end, i + 200)))) {
      i = skipContinuationComments(text, text.indexOf("\n", i) + 1, end);
      continue;
    }
    const wordStart = i;
    let quote: string | undefined;
    while (i < end) {
      const ch = text[i];
      if (quote) {
        if (ch === escapeChar && quote === '"') i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === escapeChar) i++;
      else if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") break;
      i++;
    }
    words.push([wordStart, Math.min(i, end)]);
  }
  return words;
}

/**
 * An ARG default as BuildKit's word lexer reads it, its variables left for the scope to expand:
 * lines joined, then quotes and escapes removed by unquoteWord, where the escape character escapes
 * only `"`, `$` and itself inside double quotes, and `\` is an ordinary character under
 * `# escape=\``. `unquote` took a backslash for an escape in any double-quoted text, whatever the
 * escape character: jenkinsci/docker-agent's windows/windowsservercore/Dockerfile (`# escape=\``,
 * `ARG JAVA_HOME="C:\openjdk-17"`, then `COPY … $JAVA_HOME`) got `C:openjdk-17`, a relative
 * destination. An escaped `$` keeps its escape, so that the scope's expansion leaves it literal.
 */
function argDefault(text: string, range: OffsetRange, escapeChar: string): string {
  return unquoteWord(logicalText(text, range[0], range[1], escapeChar), escapeChar);
}

function readArgDeclarations(node: LexedInstruction, source: SourceText, escapeChar: string): KeyValue[] {
  const args = node.args;
  const first = args[0];
  const last = args.at(-1);
  if (!first || !last) return [];
  const span: OffsetRange = [first.range[0], last.range[1]];
  // dockerfile-ast splits `ARG P="a b"` at the space inside the quotes; the build does not.
  return wordRanges(source.text, span[0], span[1], escapeChar).flatMap((range) => {
    const raw = source.slice(range);
    const eq = raw.indexOf("=");
    const keyEnd = eq < 0 ? range[1] : range[0] + eq;
    const key = raw.slice(0, eq < 0 ? raw.length : eq);
    if (!/^[a-z_][\w.-]*$/i.test(key)) return [];
    const valueRange: OffsetRange | undefined = eq < 0 ? undefined : [keyEnd + 1, range[1]];
    return [
      {
        key,
        keyRange: [range[0], keyEnd] as OffsetRange,
        value: valueRange ? argDefault(source.text, valueRange, escapeChar) : undefined,
        valueRange,
        range,
        legacyForm: false,
      },
    ];
  });
}

function readPairs(node: LexedInstruction, keyword: string, source: SourceText, escapeChar: string): readonly KeyValue[] {
  if (keyword === "ARG") return readArgDeclarations(node, source, escapeChar);
  if (keyword !== "ENV" && keyword !== "LABEL") return NONE;
  return node.properties.map((property) => {
    const keyRange = property.nameRange;
    const operator = property.assignmentOperator;
    const value = property.value;
    return {
      key: property.name,
      keyRange,
      value: value === null ? (operator === "=" ? "" : undefined) : unescapeValue(value, escapeChar),
      valueRange: property.valueRange ?? undefined,
      range: property.range,
      legacyForm: operator === null && !source.slice(keyRange).includes("="),
    };
  });
}

function readHeredocs(node: LexedInstruction, source: SourceText): readonly Heredoc[] {
  if (node.heredocs.length === 0) return NONE;
  return node.heredocs.map((heredoc) => {
    const start = heredoc.startRange;
    const content: OffsetRange = heredoc.contentRange ?? [start[1], start[1]];
    const opener = source.slice(start);
    return {
      name: heredoc.name,
      stripTabs: /^\d*<<-/.test(opener),
      quoted: /^\d*<<-?\s*["']/.test(opener),
      content: source.slice(content),
      contentRange: content,
      range: [start[0], heredoc.delimiterEnd ?? content[1]],
    };
  });
}

/**
 * The arguments as the build reads them: escape+newline continuations removed, and the
 * empty and comment lines inside a continued instruction dropped.
 */
export function logicalText(text: string, start: number, end: number, escapeChar: string): string {
  let out = "";
  // Text between continuations is copied in runs: most arguments have no escape character at all.
  // The search runs on the arguments alone, so that it never scans the rest of the file.
  const args = text.slice(start, end);
  const nextEscape = (from: number): number => {
    const at = args.indexOf(escapeChar, from - start);
    return at < 0 ? -1 : at + start;
  };
  let runStart = start;
  let i = nextEscape(start);
  while (i !== -1 && i < end) {
    let j = i + 1;
    while (j < end && (text[j] === " " || text[j] === "\t")) j++;
    if (j + 1 < end && text[j] === "\r" && text[j + 1] === "\n") j++;
    // A continuation within [start, end), of an escape character that another does not come right
    // before (BuildKit's lineContinuationRegex; the lexer ends an instruction at `C:\dir\\`).
    if (j < end && (text[j] === "\n" || text[j] === "\r") && (i === start || text[i - 1] !== escapeChar)) {
      out += text.slice(runStart, i);
      runStart = skipContinuationComments(text, j + 1, end);
      i = runStart < end ? nextEscape(runStart) : -1;
    } else i = nextEscape(i + 1);
  }
  return runStart < end ? out + text.slice(runStart, end) : out;
}

/**
 * Where the text after a continuation goes on, from `from` (a line's start) up to `end`: past the
 * blank lines and comment lines, which the build drops there.
 */
export function skipContinuationComments(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    let j = i;
    while (j < end && (text[j] === " " || text[j] === "\t")) j++;
    if (j < end && (text[j] === "#" || text[j] === "\n" || text[j] === "\r")) {
      const newline = text.indexOf("\n", j);
      if (newline < 0 || newline >= end) return end;
      i = newline + 1;
      continue;
    }
    return i;
  }
  return Math.min(i, end);
}

/**
 * A JSON array of strings, read from [start, end) as the build reads it (its lines joined, the
 * comment lines after a continuation dropped), with every JSON string token (`"…"`) of the file's
 * text there, in order. Exec form (RUN, CMD, COPY…); undefined when the text is not one, and the
 * build falls back to shell form. The tokens are as many as the strings unless a dropped comment
 * line holds a quote: callers decide what to do then.
 */
export function readJsonStrings(text: string, start: number, end: number, escapeChar: string): { values: string[]; tokens: OffsetRange[] } | undefined {
  if (text[start] !== "[") return undefined;
  const logical = logicalText(text, start, end, escapeChar).trim();
  if (!logical.endsWith("]")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(logical);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === "string")) return undefined;
  const tokens: OffsetRange[] = [];
  let i = start + 1;
  while (i < end) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    tokens.push([i, Math.min(j + 1, end)]);
    i = j + 1;
  }
  return { values: parsed, tokens };
}

/**
 * Exec form: a JSON array of strings. The build falls back to shell form when the text is
 * not valid JSON, so does docklint. Positions are those of each string token in the file.
 */
function readExecForm(text: string, start: number, end: number, escapeChar: string): Located[] | undefined {
  const read = readJsonStrings(text, start, end, escapeChar);
  if (!read || read.tokens.length < read.values.length) return undefined;
  return read.values.map((value, index) => ({ value, range: read.tokens[index] as OffsetRange }));
}
