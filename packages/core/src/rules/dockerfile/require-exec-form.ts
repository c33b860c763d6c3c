import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { logicalText } from "../../dockerfile/parse.js";
import { lastBefore, lastInherited, withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { parseShell } from "../../shell/parse.js";
import type { OffsetRange } from "../../source.js";

interface Options {
  /** Also require exec form for `HEALTHCHECK CMD` (off by default: `CMD curl -f … || exit 1` is Docker's documented idiom). */
  healthcheck: boolean;
}

/** Shell builtins and keywords: no program of that name can be exec'd in their place. */
const SHELL_BUILTINS = new Set([
  ".", ":", "alias", "bg", "break", "cd", "command", "continue", "eval", "exit", "export", "fg", "getopts", "hash",
  "jobs", "read", "readonly", "return", "set", "shift", "source", "times", "trap", "type", "ulimit", "umask",
  "unalias", "unset", "wait", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
  "esac", "function", "select", "{", "}", "!", "[[", "]]", "local", "declare", "typeset", "let",
]);

const MAX_SHOWN = 60;

function shown(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

function jsonArray(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;
}

/** Where the command of CMD / ENTRYPOINT / HEALTHCHECK CMD starts and ends. */
function commandRange(instruction: Instruction): OffsetRange | undefined {
  const first = instruction.keyword === "HEALTHCHECK" ? instruction.args[1] : instruction.args[0];
  const end = instruction.argsRange?.[1];
  return first && end !== undefined ? [first.range[0], end] : undefined;
}

/**
 * `CMD [python, app.py]` / `CMD ['a', 'b']` / `CMD ["a"] # note`: the author meant exec form.
 * The elements, when they can be read unambiguously.
 */
function intendedArray(text: string): { words: string[]; trailing: string } | undefined {
  const close = text.lastIndexOf("]");
  if (!text.startsWith("[") || close < 0) return undefined;
  const inner = text.slice(1, close).trim();
  const trailing = text.slice(close + 1).trim();
  if (inner === "") return { words: [], trailing };
  const words: string[] = [];
  for (const part of inner.split(",")) {
    let word = part.trim();
    const quote = word[0];
    if ((quote === '"' || quote === "'") && word.length >= 2 && word.endsWith(quote)) word = word.slice(1, -1);
    if (word === "" || /["']/.test(word)) return undefined;
    words.push(word);
  }
  return { words, trailing };
}

/** A JSON array of strings once typographic double quotes are made ASCII. */
function typographicArray(text: string): boolean {
  if (!/[\u201C-\u201F\u2033\u00AB\u00BB\uFF02]/.test(text)) return false;
  try {
    const value: unknown = JSON.parse(text.replace(/[\u201C-\u201F\u2033\u00AB\u00BB\uFF02]/g, '"'));
    return Array.isArray(value) && value.every((v) => typeof v === "string");
  } catch {
    return false;
  }
}

/** A SHELL in force: BuildKit's JSONArgsRecommended then takes the shell form as deliberate. */
function customShell(instruction: Instruction): Instruction | undefined {
  // An ONBUILD trigger runs in the child, whose config inherits this whole stage's SHELL.
  if (instruction.onbuild) return instruction.stage ? lastInherited(instruction.stage, "SHELL") : undefined;
  return lastBefore(instruction, "SHELL");
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-exec-form",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require CMD and ENTRYPOINT in exec (JSON array) form.",
    presets: ["recommended"],
    hasSuggestions: true,
    fixable: true,
    messages: {
      shellForm:
        "`CMD {{command}}` is in shell form, so /bin/sh runs as PID 1 and `docker stop` sends SIGTERM to the shell instead of your program, which is killed after the grace period; use exec form: CMD [\"executable\", \"arg\", …].",
      entrypointShellForm:
        "`ENTRYPOINT {{command}}` is in shell form, so /bin/sh runs as PID 1 (your program never gets SIGTERM from `docker stop`) and CMD and `docker run` arguments are ignored; use exec form: ENTRYPOINT [\"executable\", \"arg\", …].",
      healthcheckShellForm:
        "`HEALTHCHECK CMD {{command}}` is in shell form, so the image must contain /bin/sh (distroless and scratch images have none); use exec form: HEALTHCHECK CMD [\"executable\", \"arg\", …].",
      invalidJson:
        "`{{keyword}} {{command}}` looks like exec form but is not a JSON array of double-quoted strings, so Docker runs the whole text with /bin/sh -c; write it as valid JSON.",
    },
    options: {
      schema: {
        type: "object",
        properties: { healthcheck: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { healthcheck: false },
    },
    references: {
      hadolint: ["DL3025"],
      buildkit: ["JSONArgsRecommended"],
      kics: ["b86987e1-6397-4619-81d5-8807f2387c79"],
    },
    referencesByMessage: {
      shellForm: { hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"], kics: ["b86987e1-6397-4619-81d5-8807f2387c79"] },
      entrypointShellForm: { hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"], kics: ["b86987e1-6397-4619-81d5-8807f2387c79"] },
      healthcheckShellForm: { hadolint: ["DL3025"] },
      invalidJson: { hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"], kics: ["b86987e1-6397-4619-81d5-8807f2387c79"] },
    },
  },
  check({ model, source, options, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      const keyword = instruction.keyword;
      if (keyword !== "CMD" && keyword !== "ENTRYPOINT" && keyword !== "HEALTHCHECK") continue;
      if (instruction.form !== "shell") continue;
      const range = commandRange(instruction);
      if (!range) continue;
      const text = logicalText(source.text, range[0], range[1], model.escapeChar).trim();
      if (text === "") continue;
      const label = keyword === "HEALTHCHECK" ? "HEALTHCHECK CMD" : keyword;

      if (text.startsWith("[")) {
        // `CMD [“nginx”]`: no-typographic-characters reports the curly quotes with a clearer message.
        if (typographicArray(text)) continue;
        // A broken JSON array is a bug whatever the SHELL: the author wanted exec form.
        const descriptor: ReportDescriptor = { messageId: "invalidJson", data: { keyword: label, command: shown(text) }, range };
        const intended = intendedArray(text);
        if (intended) {
          const json = jsonArray(intended.words);
          const desc = intended.trailing === "" ? `Write it as JSON: ${json}` : `Write it as JSON and drop "${shown(intended.trailing)}": ${json}`;
          descriptor.suggestions = [{ desc, fix: { range, text: json } }];
        }
        report(descriptor);
        continue;
      }
      if (keyword === "HEALTHCHECK" && !options.healthcheck) continue;
      if (customShell(instruction)) continue;

      const messageId = keyword === "CMD" ? "shellForm" : keyword === "ENTRYPOINT" ? "entrypointShellForm" : "healthcheckShellForm";
      const descriptor: ReportDescriptor = { messageId, data: { command: shown(text) }, range };
      // Windows images (`# escape=\``) default to `cmd /S /C`: no /bin/sh suggestion there.
      if (model.escapeChar !== "`") {
        descriptor.suggestions = suggestionsFor(source.text, range, model.escapeChar);
        const [rewrite] = descriptor.suggestions;
        if (rewrite?.desc.startsWith(EXEC_REWRITE) && conversionIsExact(instruction)) descriptor.fix = rewrite.fix;
      }
      report(descriptor);
    }
  },
});

const EXEC_REWRITE = "Rewrite in exec form: ";

/**
 * Whether exec form runs exactly the same program with the same arguments, only without the
 * `/bin/sh -c` wrapper (the change the rule asks for). For `HEALTHCHECK CMD` it does. For `CMD`,
 * only when no ENTRYPOINT can receive it as arguments: none in the stage or the stages it builds
 * on, and the chain starts `FROM scratch` (any other base image may define one, which would then
 * get `node server.js` instead of `/bin/sh -c "node server.js"`). `ENTRYPOINT` never: exec form
 * makes it take CMD's arguments, which shell form ignores.
 */
function conversionIsExact(instruction: Instruction): boolean {
  if (instruction.onbuild) return false;
  if (instruction.keyword === "HEALTHCHECK") return true;
  if (instruction.keyword !== "CMD") return false;
  for (let stage = instruction.stage; stage; stage = stage.parent) {
    if (stage.instructions.some((other) => other.keyword === "ENTRYPOINT")) return false;
    if (!stage.parent) return stage.resolvedImage.trim().toLowerCase() === "scratch";
  }
  return false;
}

/**
 * Rewrites as suggestions: exec form changes what runs as PID 1 and drops the shell's
 * expansions, which is the point of the rule but still a change in behaviour. Where the
 * conversion is exact (`conversionIsExact`), the plain rewrite is also the fix.
 */
function suggestionsFor(text: string, range: OffsetRange, escapeChar: string): { desc: string; fix: { range: OffsetRange; text: string } }[] {
  const script = parseShell(text, range[0], range[1], { escapeChar });
  const body = script.script.trim();
  const only = script.commands.length === 1 ? script.commands[0] : undefined;
  const simple =
    only !== undefined &&
    only.depth === 0 &&
    script.pipes.length === 0 &&
    script.errors.length === 0 &&
    only.redirects.length === 0 &&
    only.name !== undefined &&
    // `a; b` and `a && b` are two commands; a trailing `&` backgrounds the only one.
    !/[;&|]\s*$/.test(body);
  if (simple && only.assignments.length === 0) {
    let words = [only.name, ...only.args].filter((w) => w !== undefined);
    if (words[0]?.value === "exec" && !words[0].quoted) words = words.slice(1);
    const plain =
      words.length > 0 &&
      words.every((w) => !w.hasExpansion && !/[*?[~]/.test(w.value)) &&
      !SHELL_BUILTINS.has(words[0]?.value ?? "");
    if (plain) {
      const json = jsonArray(words.map((w) => w.value));
      return [{ desc: `${EXEC_REWRITE}${json}`, fix: { range, text: json } }];
    }
  }
  // Shell features are used: keep the shell, but make it explicit, and let the program replace it.
  const name = only?.name?.value;
  const canExec = simple && only.assignments.length === 0 && name !== undefined && name !== "exec" && !SHELL_BUILTINS.has(name);
  const withExec = canExec ? `exec ${body}` : body;
  const json = jsonArray(["/bin/sh", "-c", withExec]);
  return [{ desc: `Run it through an explicit shell: ${json}`, fix: { range, text: json } }];
}
