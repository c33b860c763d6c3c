import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageRoot } from "../../dockerfile/queries.js";
import { familiarName, isScratch } from "../../image/reference.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { ShellWord } from "../../shell/types.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { MAX_SUGGESTION_CANDIDATES, suggestName } from "../../util/suggest-name.js";
import { csvFields } from "./_buildkit-flags.js";
import {
  argDeclarations,
  containsDollar,
  declarationsOf,
  globalArgs,
  lexWord,
  logicalRegion,
  namesAtEndOf,
  PREDEFINED_GLOBAL_ARGS,
  referencesIn,
  type Declaration,
  type VariableReference,
} from "./_buildkit-lexer.js";
import { ownValue } from "../../util/own-value.js";

interface Options {
  /** Image (familiar name, as `docker inspect` shows it: `alpine`, `bitnami/redis`, `ghcr.io/org/app`) → every variable its config sets. */
  baseImageEnv: Readonly<Record<string, readonly string[]>>;
}

/**
 * Variables base images commonly set, or the runtime sets for RUN. On a base image whose
 * environment docklint does not know, an unknown name may come from the image: these are never
 * reported there, and serve as "did you mean" candidates.
 */
export const COMMON_BASE_ENV: readonly string[] = ["PATH", "HOME", "HOSTNAME", "TERM", "LANG", "LANGUAGE", "LC_ALL", "USER", "SHELL", "PWD", "TZ"];

/** Official images whose config sets only PATH (checked with `docker inspect`); extend with the `baseImageEnv` option. */
export const DEFAULT_BASE_IMAGE_ENV: Readonly<Record<string, readonly string[]>> = {
  alpine: ["PATH"],
  busybox: ["PATH"],
  debian: ["PATH"],
  ubuntu: ["PATH"],
};

const PLATFORM_ARGS = new Set(PREDEFINED_GLOBAL_ARGS.keys());

/** What the stage starts with: the image's environment if known ("closed"), else only that it may set anything. */
interface Base {
  names: Set<string>;
  closed: boolean;
  /** For messages: `the base image \`alpine\``, `scratch`. */
  description: string;
}

function baseOf(model: DockerfileModel, stage: Stage, options: Options): Base {
  const root = stageRoot(stage);
  const inherited = stage.parent ? namesAtEndOf(model, stage.parent) : new Map<string, Declaration>();
  const image = root.image;
  const names = new Set(inherited.keys());
  // BuildKit sets PATH on every stage whose image does not.
  names.add("PATH");
  if (image && isScratch(image)) return { names, closed: true, description: "the stage starts from scratch" };
  if (image && !image.hasVariables) {
    const known = ownValue(options.baseImageEnv, familiarName(image));
    if (known) {
      for (const name of known) names.add(name);
      return { names, closed: true, description: `the config of \`${familiarName(image)}\` does not set it` };
    }
  }
  return { names, closed: false, description: "" };
}

/** What an unset variable does to its expansion. */
function effectOf(reference: VariableReference): string {
  switch (reference.operator?.replace(":", "")) {
    case "-":
      return "its default is always used and `--build-arg` cannot change it";
    case "+":
      return "its alternative value is never used";
    case "?":
      return "the build fails";
    default:
      return "it expands to an empty string";
  }
}

/** A use of a variable and how the build expands it. */
interface Use {
  reference: VariableReference;
  /** Expanded by the shell at run time (RUN), not by the build. */
  shell: boolean;
}

/**
 * Names a RUN script sets or mentions without `$` (assignments, `read`, `for`, `export`): its own
 * business. The first few names are searched for in the script, as a word that no `$` or `{`
 * comes right before; past them, the script's words are read once into a set. Searching for every
 * name took 6 s on a heredoc of 32,000 lines that each used a variable; a set for every script
 * was 32 of the ~770 ms a recommended pass over the corpus Dockerfiles took (CPU profile), where
 * most RUNs ask for one or two names. A name that is not a plain word is always searched for.
 */
class Mentions {
  private words: Set<string> | undefined;
  private searches = 0;
  private joined: string | undefined;

  /** The RUN's scripts, joined on the first question: most RUNs use no variable and are never asked. */
  constructor(private readonly scripts: readonly string[]) {}

  private get script(): string {
    return (this.joined ??= this.scripts.join("\n"));
  }

  has(name: string): boolean {
    if (!/^\w+$/.test(name)) return new RegExp(`(^|[^$\\w{])${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?!\\w)`).test(this.script);
    if (this.words) return this.words.has(name);
    if (++this.searches <= SEARCHES_BEFORE_WORD_SET) return mentionsWord(this.script, name);
    this.words = wordsWithoutDollar(this.script);
    return this.words.has(name);
  }
}

/** How many names a script is searched for before its words are read into a set. */
const SEARCHES_BEFORE_WORD_SET = 8;

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `word` (of word characters) is a whole word of `script` that no `$` or `{` comes right before. */
function mentionsWord(script: string, word: string): boolean {
  for (let at = script.indexOf(word); at >= 0; at = script.indexOf(word, at + 1)) {
    const before = at > 0 ? script.charCodeAt(at - 1) : -1;
    if (before === 36 || before === 123 || isWordCode(before) || isWordCode(script.charCodeAt(at + word.length))) continue;
    return true;
  }
  return false;
}

/**
 * Every run of word characters (`\w`) that no `$` or `{` comes right before. A scan by character
 * code: `matchAll(/\w+/g)` made a match object for every word, ~10 % of the rule's time.
 */
function wordsWithoutDollar(script: string): Set<string> {
  const words = new Set<string>();
  const length = script.length;
  let at = 0;
  while (at < length) {
    if (!isWordCode(script.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    while (at < length && isWordCode(script.charCodeAt(at))) at++;
    const before = start > 0 ? script.charCodeAt(start - 1) : -1;
    if (before !== 36 && before !== 123) words.add(script.slice(start, at));
  }
  return words;
}

function shellUses(model: DockerfileModel, run: Instruction): { uses: Use[]; scripts: string[] } {
  const uses: Use[] = [];
  let seen: Set<number> | undefined;
  const analysed = model.shellOf(run);
  const text = model.source.text;
  const scripts: string[] = [];
  for (const script of analysed.scripts) {
    if (script.foreign || script.shell === "exec") continue;
    scripts.push(script.script.script);
    // Only `$` starts a reference, and a script without one has none in any word: most RUNs.
    if (!script.script.script.includes("$")) continue;
    const escapeChar = script.heredoc ? "\\" : model.escapeChar;
    // `["sh", "-c", "…"]`: positions are pinned to the JSON string, whose text is the script as written.
    const visit = (word: ShellWord | undefined): void => {
      // Only `$` starts a reference: words expanded by a command substitution alone have none.
      if (!word?.hasExpansion || !containsDollar(text, word.start, word.end)) return;
      const logical = logicalRegion(text, word.start, word.end, escapeChar);
      for (const reference of lexWord(logical, 0, logical.text.length, { escapeChar: "\\" }).refs) {
        seen ??= new Set();
        if (seen.has(reference.range[0])) continue;
        seen.add(reference.range[0]);
        uses.push({ reference, shell: true });
      }
    };
    for (const command of script.script.commands) {
      visit(command.name);
      for (const word of command.args) visit(word);
      for (const assignment of command.assignments) visit(assignment.value);
      for (const redirect of command.redirects) visit(redirect.target);
    }
  }
  return { uses, scripts };
}

/** The words BuildKit itself expands in an instruction (not shell-form commands: the shell does that). */
function buildUses(model: DockerfileModel, instruction: Instruction): Use[] {
  const text = model.source.text;
  const escapeChar = model.escapeChar;
  const refs = (range: OffsetRange | undefined, quotes = true): Use[] =>
    range ? referencesIn(text, range, escapeChar, quotes).map((reference) => ({ reference, shell: false })) : [];
  const uses: Use[] = [];
  const keyword = instruction.keyword;
  const argsRange = instruction.argsRange;
  switch (keyword) {
    case "COPY":
    case "ADD": {
      for (const flag of instruction.flags) {
        if (["chown", "chmod", "checksum"].includes(flag.name)) uses.push(...refs(flag.valueRange));
      }
      const start = instruction.flags.at(-1)?.range[1] ?? argsRange?.[0];
      const heredoc = instruction.heredocs[0];
      const end = heredoc ? text.lastIndexOf("\n", heredoc.contentRange[0] - 1) : argsRange?.[1];
      if (start !== undefined && end !== undefined && end > start) uses.push(...refs([start, end]));
      for (const body of instruction.heredocs) {
        // BuildKit expands the body of an unquoted heredoc at build time, quotes included.
        if (body.quoted || !containsDollar(text, body.contentRange[0], body.contentRange[1])) continue;
        const logical = logicalRegion(text, body.contentRange[0], body.contentRange[1], "\u0000");
        for (const reference of lexWord(logical, 0, logical.text.length, { escapeChar: "\\", quotes: false }).refs) uses.push({ reference, shell: false });
      }
      break;
    }
    case "RUN":
      for (const flag of instruction.flags) {
        if (flag.name !== "mount" || !flag.valueRange || flag.value === undefined) continue;
        if (model.source.slice(flag.valueRange) !== flag.value) {
          uses.push(...refs(flag.valueRange));
          continue;
        }
        for (const field of csvFields(flag.value)) {
          // `from=` is never expanded (BuildKit rejects a variable there).
          if (/^\s*from\s*=/i.test(field.text)) continue;
          uses.push(...refs([flag.valueRange[0] + field.start, flag.valueRange[0] + field.end]));
        }
      }
      break;
    case "ENV":
    case "LABEL":
    case "WORKDIR":
    case "USER":
    case "VOLUME":
    case "STOPSIGNAL":
    case "EXPOSE":
      uses.push(...refs(argsRange));
      break;
    default:
      break;
  }
  return uses;
}

function fromLineEnd(stage: Stage): number {
  return stage.from.range[1];
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-undefined-variable",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow variables that are not declared (by ARG or ENV, or the base image) where the build or RUN expands them.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      undefinedVariable: "`{{reference}}` is not set here: no ARG or ENV declares {{name}}{{where}}, so {{effect}}; declare it or fix the name.",
      typo: "`{{reference}}` is not declared by any ARG or ENV before this instruction; did you mean `${{suggestion}}`?",
      usedBeforeDeclared: "`{{reference}}` is used before the {{kind}} on line {{line}} declares {{name}}, so it is empty here; move that {{kind}} above this instruction.",
      globalArgNotInStage:
        "`{{reference}}` refers to the global ARG on line {{line}}, but a stage only sees a global ARG after repeating `ARG {{name}}`, so it is empty here; add `ARG {{name}}` after the FROM on line {{fromLine}}.",
      platformArgNotDeclared:
        "`{{reference}}` is a BuildKit platform argument, which a stage only sees after `ARG {{name}}`, so it is empty here; add `ARG {{name}}` after the FROM on line {{fromLine}}.",
    },
    options: {
      schema: {
        type: "object",
        properties: { baseImageEnv: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } },
        additionalProperties: false,
      },
      defaults: { baseImageEnv: DEFAULT_BASE_IMAGE_ENV },
    },
    references: { buildkit: ["UndefinedVar"] },
  },
  check({ model, source, options, report }) {
    const globals = globalArgs(model);
    checkGlobalArgs(model, source, report);
    for (const stage of model.stages) {
      const base = baseOf(model, stage, options);
      const known = new Map<string, Declaration | undefined>([...base.names].map((n) => [n, undefined]));
      // The first declaration of each name in this stage: a use above it is a use before declaration.
      const later = new Map<string, Declaration>();
      for (const instruction of stage.instructions) {
        for (const declaration of declarationsOf(model, instruction)) if (!later.has(declaration.name)) later.set(declaration.name, declaration);
      }
      const fromImage = source.slice(stageRoot(stage).imageRange ?? [0, 0]);
      // On a known image, only names that are really set are candidates; elsewhere the common ones may be.
      // Not built past suggestName's limit: built for every use, it made a file of many names quadratic.
      const candidates = (): string[] =>
        known.size + globals.declared.size > MAX_SUGGESTION_CANDIDATES ? [] : [...new Set([...known.keys(), ...globals.declared.keys(), ...PLATFORM_ARGS, ...(base.closed ? [] : COMMON_BASE_ENV)])];

      const judge = (instruction: Instruction, use: Use, mentions: Mentions | undefined): void => {
        const { reference, shell } = use;
        const name = reference.name;
        if (known.has(name)) return;
        if (shell && mentions?.has(name)) return;
        const data = { reference: source.slice(reference.range), name };
        const declaredLater = later.get(name);
        const global = globals.declared.get(name);
        const addArg = (): ReportDescriptor["suggestions"] => [
          { desc: `Add \`ARG ${name}\` after the FROM on line ${stage.from.line}`, fix: { range: [fromLineEnd(stage), fromLineEnd(stage)], text: `${source.eol}ARG ${name}` } },
        ];
        if (declaredLater && declaredLater.instruction.line > instruction.line) {
          report({ messageId: "usedBeforeDeclared", data: { ...data, kind: declaredLater.kind, line: declaredLater.instruction.line }, range: reference.range });
          return;
        }
        // An open base image with a variable of the same name as a global ARG it was chosen by (`FROM node:${NODE_VERSION}`) likely sets it.
        if (global && !(shell && !base.closed && fromImage.includes(name))) {
          report({ messageId: "globalArgNotInStage", data: { ...data, line: global.instruction.line, fromLine: stage.from.line }, range: reference.range, suggestions: addArg() });
          return;
        }
        if (PLATFORM_ARGS.has(name)) {
          report({ messageId: "platformArgNotDeclared", data: { ...data, fromLine: stage.from.line }, range: reference.range, suggestions: addArg() });
          return;
        }
        // The shell sees the runtime environment (base image, HOME, proxies…): only the cases above are certain.
        if (shell) return;
        // A near miss only: one edit for short names, two from eight characters; none for names under four.
        const suggestion =
          !base.closed && COMMON_BASE_ENV.includes(name) ? undefined : suggestName(name, candidates(), { maxDistance: name.length >= 8 ? 2 : 1, minLength: 4 });
        if (suggestion !== undefined) {
          report({
            messageId: "typo",
            data: { ...data, suggestion },
            range: reference.range,
            suggestions: [{ desc: `Replace ${name} with ${suggestion}`, fix: { range: reference.nameRange, text: suggestion } }],
          });
          return;
        }
        if (!base.closed) return;
        report({ messageId: "undefinedVariable", data: { ...data, where: base.description ? ` and ${base.description}` : "", effect: effectOf(reference) }, range: reference.range });
      };

      for (const instruction of stage.instructions) {
        if (instruction.keyword === "ARG") {
          for (const arg of argDeclarations(source.text, instruction, model.escapeChar)) {
            if (arg.rawValue?.includes("$")) {
              for (const reference of lexWord(arg.logical, arg.valueFrom, arg.valueTo, { escapeChar: model.escapeChar }).refs) {
                // `ARG VERSION=${VERSION:-master}`: a --build-arg replaces the whole default, so the self-reference is inert.
                if (reference.name !== arg.name) judge(instruction, { reference, shell: false }, undefined);
              }
            }
            known.set(arg.name, { name: arg.name, kind: "ARG", instruction, bare: arg.rawValue === undefined });
          }
          continue;
        }
        const uses = buildUses(model, instruction);
        let mentions: Mentions | undefined;
        if (instruction.keyword === "RUN") {
          const shell = shellUses(model, instruction);
          uses.push(...shell.uses);
          mentions = new Mentions(shell.scripts);
        }
        // All values of one ENV are expanded before any is set; names set earlier in it are no-env-self-reference's.
        const sameEnv = instruction.keyword === "ENV" ? new Set(instruction.pairs.map((p) => p.key)) : undefined;
        for (const use of uses) {
          if (sameEnv?.has(use.reference.name) && instruction.pairs.some((p) => p.key === use.reference.name && p.range[1] <= use.reference.range[0])) continue;
          judge(instruction, use, mentions);
        }
        for (const declaration of declarationsOf(model, instruction)) known.set(declaration.name, declaration);
      }
    }
  },
});

/** Global ARG defaults may use the predefined args and the global ARGs declared above them. */
function checkGlobalArgs(model: DockerfileModel, source: SourceText, report: (d: ReportDescriptor) => void): void {
  if (model.globalArgs.length === 0) return;
  const known = new Set(PLATFORM_ARGS);
  for (const instruction of model.globalArgs) {
    for (const arg of argDeclarations(source.text, instruction, model.escapeChar)) {
      if (arg.rawValue?.includes("$")) {
        for (const reference of lexWord(arg.logical, arg.valueFrom, arg.valueTo, { escapeChar: model.escapeChar }).refs) {
          if (known.has(reference.name)) continue;
          const data = { reference: source.slice(reference.range), name: reference.name };
          const suggestion = suggestName(reference.name, known);
          report(
            suggestion
              ? { messageId: "typo", data: { ...data, suggestion }, range: reference.range, suggestions: [{ desc: `Replace ${reference.name} with ${suggestion}`, fix: { range: reference.nameRange, text: suggestion } }] }
              : { messageId: "undefinedVariable", data: { ...data, where: " before the first FROM", effect: effectOf(reference) }, range: reference.range },
          );
        }
      }
      known.add(arg.name);
    }
  }
}
