import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { readJsonStrings } from "../../dockerfile/parse.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { fileRange, logicalRegion, splitWords, unquoteWord } from "./_buildkit-lexer.js";
import { copyOperands } from "./_copy-operands.js";

/**
 * BuildKit's words for an instruction with nothing after its keyword and flags
 * (frontend/dockerfile/instructions/parse.go). MAINTAINER, STOPSIGNAL, USER and WORKDIR take the
 * rest of the line as their one argument, so only a missing one fails; RUN, CMD and ENTRYPOINT
 * accept an empty command, and a bare ONBUILD is no-invalid-onbuild's.
 */
const REQUIREMENT = new Map<string, string>([
  ["ADD", "requires at least two arguments, but only one was provided. Destination could not be determined"],
  ["ARG", "requires at least one argument"],
  ["COPY", "requires at least two arguments, but only one was provided. Destination could not be determined"],
  ["ENV", "requires at least one argument"],
  ["EXPOSE", "requires at least one argument"],
  ["FROM", "requires either one or three arguments"],
  ["HEALTHCHECK", "requires at least one argument"],
  ["LABEL", "requires at least one argument"],
  ["MAINTAINER", "requires exactly one argument"],
  ["SHELL", "requires at least one argument"],
  ["STOPSIGNAL", "requires exactly one argument"],
  ["USER", "requires exactly one argument"],
  ["VOLUME", "requires at least one argument"],
  ["WORKDIR", "requires exactly one argument"],
]);

/**
 * The signal names BuildKit accepts for STOPSIGNAL (moby/sys/signal's ParseSignal, Linux): upper
 * case after an optional `SIG`, or a number other than 0.
 */
const SIGNALS = new Set([
  "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT",
  "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
  "RTMIN", "RTMAX",
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

/** Whether BuildKit's ParseSignal takes `value`: a decimal number other than 0 (Go's Atoi), or a name of SIGNALS. */
function isSignal(value: string): boolean {
  if (/^[+-]?\d+$/.test(value)) return Number(value) !== 0;
  const upper = value.toUpperCase();
  return SIGNALS.has(upper.startsWith("SIG") ? upper.slice(3) : upper);
}

/** BuildKit's stage names (parseBuildStageName), after it lower-cases them. */
const VALID_STAGE_NAME = /^[a-z][a-z0-9._-]*$/;

/** Whether `words` say nothing: none, or an empty JSON array (`VOLUME []`, `HEALTHCHECK CMD []`). */
function isEmpty(words: readonly { value: string }[]): boolean {
  if (words.length !== 1) return words.length === 0;
  const only = words[0]?.value ?? "";
  return only.startsWith("[") && /^\[\s*\]$/.test(only);
}

/** From the first of `words` to the end of the last; undefined for none. */
function spanOf(words: readonly { range: OffsetRange }[]): OffsetRange | undefined {
  const first = words[0];
  const last = words.at(-1);
  return first && last ? [first.range[0], last.range[1]] : undefined;
}

/** The words of an ARG as BuildKit's parseWords splits them (whitespace outside quotes), continuations removed. */
function argWords(instruction: Instruction, fileText: string, escapeChar: string): { written: string; range: OffsetRange }[] {
  const span = spanOf(instruction.args);
  if (!span) return [];
  const logical = logicalRegion(fileText, span[0], span[1], escapeChar);
  return splitWords(logical, escapeChar).map((word) => ({ written: word.text, range: fileRange(logical, word.from, word.to) }));
}

/** The range to report a missing argument at: the keyword, and its flags when it has some. */
function keywordAndFlags(instruction: Instruction): OffsetRange {
  return [instruction.keywordRange[0], instruction.flags.at(-1)?.range[1] ?? instruction.keywordRange[1]];
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "valid-instruction-arguments",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow instructions whose arguments the build refuses to parse: a bare `COPY`, a COPY without destination, `FROM a b`, an invalid stage name, `SHELL` not in JSON form, a HEALTHCHECK without CMD.",
    presets: ["recommended"],
    messages: {
      missing: "`{{keyword}}` has nothing after it{{flags}}, so the build fails (\"{{keyword}} {{requirement}}\"); write its arguments, or remove the line.",
      blankName: "`{{written}}` declares a variable without a name, so the build fails (\"{{keyword}} names can not be blank\"); write the name before the `=`.",
      noDestination:
        "`{{keyword}} {{operand}}` has no destination, so the build fails (\"{{keyword}} requires at least two arguments\"); add where it goes (`{{keyword}} {{operand}} /app/`).",
      heredocDestination: "`{{operand}}` is a heredoc where {{keyword}} needs its destination, so the build fails (\"{{keyword}} cannot accept a heredoc as a destination\"); end the line with a path.",
      fromArguments:
        "`FROM {{text}}` has {{count}} words after the flags, so the build fails (\"FROM requires either one or three arguments\"); write `FROM <image>` or `FROM <image> AS <name>`.",
      stageName:
        "Stage name `{{name}}` does not start with a letter or holds other characters than letters, digits, `-`, `_` and `.`, so the build fails (\"invalid name for build stage\"); rename it (e.g. `{{suggestion}}`).",
      shellForm: "`SHELL {{text}}` is not a JSON array, so the build fails (\"SHELL requires the arguments to be in JSON form\"); write `SHELL [{{json}}]`.",
      healthcheckNoneArguments: "`HEALTHCHECK NONE` takes nothing after it, so the build fails (\"HEALTHCHECK NONE takes no arguments\"); remove `{{rest}}`.",
      healthcheckType: "`HEALTHCHECK {{word}}` is neither `CMD` nor `NONE`, so the build fails (\"Unknown type \"{{upper}}\" in HEALTHCHECK (try CMD)\"); write `HEALTHCHECK CMD …`.",
      emptyVolume: "`VOLUME` lists an empty path (`{{written}}`), so the build fails (\"VOLUME specified can not be an empty string\"); remove it from the list.",
      stopSignal:
        "`STOPSIGNAL {{value}}` is not a signal, so the build fails (\"invalid signal: {{value}}\"); write a signal name (`SIGTERM`, `SIGQUIT`, `SIGINT`) or its number.",
      healthcheckCommand: "`HEALTHCHECK CMD` has no command, so the build fails (\"Missing command after HEALTHCHECK CMD\"); write the check after it (`HEALTHCHECK CMD [\"/app\", \"health\"]`).",
    },
    references: {},
  },
  check({ model, source, report }) {
    // ONBUILD triggers are parsed when a child image builds, not this one: not checked here.
    for (const instruction of model.instructions) {
      const keyword = instruction.keyword;
      const requirement = REQUIREMENT.get(keyword);
      if (requirement === undefined) continue;
      if (isEmpty(instruction.args)) {
        const flags = instruction.flags.length > 0 ? " but flags" : "";
        report({ messageId: "missing", data: { keyword, requirement, flags }, range: keywordAndFlags(instruction) });
        continue;
      }
      switch (keyword) {
        case "ENV":
        case "LABEL": {
          // BuildKit's parseKvps: `=value` with nothing before it.
          const blank = instruction.args.find((word) => word.value.startsWith("="));
          if (blank && instruction.pairs.some((pair) => pair.key === "")) {
            report({ messageId: "blankName", data: { written: blank.value, keyword }, range: blank.range });
          }
          break;
        }
        case "ARG": {
          // BuildKit's parseArg on the words of parseWords, which keeps quoted blanks inside a word:
          // `ARG MSG="a = b"` is one declaration, where the whitespace-split args made `=` a nameless
          // one (microsoft/vscode-dev-containers build/patch/2021-01-22/Dockerfile, a quoted script
          // holding `[ \"\$GOFIX\" = '' ]`).
          // BuildKit's words start where whitespace-split ones do, so without an `=` word there is none.
          if (!instruction.args.some((arg) => arg.value.startsWith("="))) break;
          const blank = argWords(instruction, source.text, model.escapeChar).find((word) => word.written.startsWith("="));
          if (blank) report({ messageId: "blankName", data: { written: blank.written, keyword }, range: blank.range });
          break;
        }
        case "COPY":
        case "ADD": {
          const operands = copyOperands(instruction, source, model.escapeChar);
          const destination = operands.destination;
          const only = operands.all.length === 1 ? operands.all[0] : undefined;
          if (only) {
            report({ messageId: "noDestination", data: { keyword, operand: only.written }, range: only.range });
          } else if (destination?.heredoc) {
            report({ messageId: "heredocDestination", data: { keyword, operand: destination.written }, range: destination.range });
          }
          break;
        }
        case "FROM": {
          const args = instruction.args;
          const [, as, name] = args;
          if (args.length === 3 && as && name && /^as$/i.test(as.value)) {
            if (!VALID_STAGE_NAME.test(name.value.toLowerCase())) {
              const cleaned = name.value.toLowerCase().replace(/[^a-z0-9._-]/g, "-").replace(/^[^a-z]+/, "");
              report({ messageId: "stageName", data: { name: name.value, suggestion: cleaned === "" ? "build" : cleaned }, range: name.range });
            }
          } else if (args.length !== 1) {
            const range = spanOf(args);
            if (range) report({ messageId: "fromArguments", data: { text: source.slice(range), count: args.length }, range });
          }
          break;
        }
        case "SHELL":
          if (instruction.form !== "exec") {
            const range = spanOf(instruction.args);
            if (range) report({ messageId: "shellForm", data: { text: source.slice(range), json: instruction.args.map((a) => JSON.stringify(a.value)).join(", ") }, range });
          }
          break;
        case "VOLUME": {
          // JSON form only: whitespace-split words are never empty.
          const range = instruction.argsRange;
          const json = range ? readJsonStrings(source.text, range[0], range[1], model.escapeChar) : undefined;
          const empty = json?.values.findIndex((value) => value.trim() === "") ?? -1;
          const token = json?.tokens[empty];
          if (token) report({ messageId: "emptyVolume", data: { written: source.slice(token) }, range: token });
          break;
        }
        case "STOPSIGNAL": {
          // The rest of the line is the one argument, its quotes removed as the build expands it; a
          // variable is only known then.
          const range = spanOf(instruction.args);
          const value = range ? unquoteWord(source.slice(range), model.escapeChar) : "";
          if (range && !value.includes("$") && !isSignal(value)) report({ messageId: "stopSignal", data: { value: source.slice(range) }, range });
          break;
        }
        case "HEALTHCHECK": {
          const [type, ...rest] = instruction.args;
          if (!type) break;
          const upper = type.value.toUpperCase();
          if (upper === "NONE") {
            const range = spanOf(rest);
            if (range) report({ messageId: "healthcheckNoneArguments", data: { rest: source.slice(range) }, range });
          } else if (upper !== "CMD") {
            report({ messageId: "healthcheckType", data: { word: type.value, upper }, range: type.range });
          } else if (isEmpty(rest)) {
            report({ messageId: "healthcheckCommand", range: type.range });
          }
          break;
        }
        default:
          break;
      }
    }
  },
});
