import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { defineRule, type ShellcheckFinding } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import { buildShellcheckScripts, type BuiltScript } from "./_shellcheck-scripts.js";
import { partitionPoint } from "../../util/partition-point.js";
import { appendTo } from "../../util/append-to.js";

type ShellcheckLevel = ShellcheckFinding["level"];

interface Options {
  /** Lowest ShellCheck level reported: `style` (everything, as hadolint) … `error`. */
  minLevel: ShellcheckLevel;
  /** ShellCheck codes not to report (`2086` or `"SC2086"`). */
  exclude: readonly (number | string)[];
  /** When not empty, only these codes are reported. */
  include: readonly (number | string)[];
  /** ShellCheck's optional checks to turn on (`shellcheck --list-optional`), or `"all"`. */
  enable: readonly string[];
  /** Report, once per file, that ShellCheck could not run (for hosts without a console). */
  reportUnavailable: boolean;
}

const LEVELS: readonly ShellcheckLevel[] = ["style", "info", "warning", "error"];

/**
 * Never reported: SC1090/SC1091 (`source` of a file ShellCheck cannot follow: the image's files
 * are not on this machine) and SC2187 (ash checked as dash: docklint's own shebang).
 */
const ALWAYS_EXCLUDED: ReadonlySet<number> = new Set([1090, 1091, 2187]);

const HADOLINT_IGNORE = /^\s*hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*([DLSC0-9,]+(?:[ \t]+[DLSC0-9,]+)*)\s*(?:#.*)?$/;

function code(value: number | string, option: string): number {
  const match = /^(?:SC)?(\d{4})$/i.exec(String(value).trim());
  if (!match) throw new Error(`option "${option}" of rule "shellcheck" takes ShellCheck codes like 2086 or "SC2086", not ${JSON.stringify(value)}`);
  return Number(match[1]);
}

function codes(values: unknown, option: string): Set<number> {
  if (!Array.isArray(values)) throw new Error(`option "${option}" of rule "shellcheck" must be an array of ShellCheck codes`);
  return new Set(values.map((v) => code(v as number | string, option)));
}

function checkOptions(options: Options): { minLevel: number; exclude: Set<number>; include: Set<number>; enable: string[] } {
  const minLevel = LEVELS.indexOf(options.minLevel);
  if (minLevel < 0) throw new Error(`option "minLevel" of rule "shellcheck" must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(options.minLevel)}`);
  if (!Array.isArray(options.enable) || !options.enable.every((name) => typeof name === "string" && /^[a-z0-9-]+$/.test(name))) {
    throw new Error(`option "enable" of rule "shellcheck" takes names of ShellCheck's optional checks (\`shellcheck --list-optional\`), like "require-variable-braces" or "all"`);
  }
  return { minLevel, exclude: codes(options.exclude, "exclude"), include: codes(options.include, "include"), enable: [...options.enable] };
}

/** `# hadolint ignore=SC2086` (next instruction), `global ignore=` (file), `stage ignore=` (next stage): line spans per SC code. */
function hadolintIgnores(model: DockerfileModel): Map<number, [number, number][]> {
  const spans = new Map<number, [number, number][]>();
  const lastLine = model.source.lineCount;
  for (const comment of model.comments) {
    const match = HADOLINT_IGNORE.exec(comment.text);
    if (!match) continue;
    const scCodes = (match[2] ?? "")
      .split(",")
      .map((c) => /^\s*SC(\d{4})\s*$/.exec(c)?.[1])
      .filter((c): c is string => c !== undefined)
      .map(Number);
    if (scCodes.length === 0) continue;
    let span: [number, number] | undefined;
    if (match[1] === "global") span = [1, lastLine];
    else if (match[1] === "stage") {
      // Binary searches, the stages and instructions being in line order: a search from the top
      // for each comment made a file of many `# hadolint ignore=` comments quadratic.
      const index = partitionPoint(model.stages.length, (i) => (model.stages[i] as Stage).from.line <= comment.line);
      const stage = model.stages[index];
      const next = model.stages[index + 1];
      if (stage) span = [stage.from.line, next ? next.from.line - 1 : lastLine];
    } else {
      const instruction = model.instructions[partitionPoint(model.instructions.length, (i) => (model.instructions[i] as Instruction).line <= comment.line)];
      if (instruction) span = [instruction.line, model.source.positionAt(Math.max(instruction.range[0], instruction.range[1] - 1)).line];
    }
    if (!span) continue;
    for (const sc of scCodes) appendTo(spans, sc, span);
  }
  return spans;
}

function isIgnored(spans: Map<number, [number, number][]>, sc: number, line: number): boolean {
  return (spans.get(sc) ?? []).some(([from, to]) => line >= from && line <= to);
}

/** ShellCheck's edit as a suggestion, when it is the same edit in the Dockerfile and cannot break the instruction. */
function suggestion(
  built: BuiltScript,
  finding: ShellcheckFinding,
  range: OffsetRange,
  source: SourceText,
  escapeChar: string,
): { desc: string; fix: Fix[] } | undefined {
  const replacements = finding.fix;
  if (!replacements || replacements.length === 0 || built.kind === "exec") return undefined;
  const fixes: Fix[] = [];
  for (const r of replacements) {
    if (r.start < built.headerLength) return undefined;
    const target = built.text.verbatimRange(r.start, r.end);
    if (!target) return undefined;
    // A shell-form RUN (or a heredoc's command line) is one Dockerfile line once joined: a newline would end it.
    if (built.kind !== "heredoc-body" && /[\r\n]/.test(r.text)) return undefined;
    // An escape character before a line break would make a continuation.
    if (r.text.endsWith(escapeChar) && /^[ \t]*\r?\n/.test(source.text.slice(target[1]))) return undefined;
    fixes.push({ range: target, text: r.text });
  }
  fixes.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let i = 1; i < fixes.length; i++) {
    const previous = fixes[i - 1];
    const current = fixes[i];
    // Overlapping edits, or two edits at one point (ShellCheck orders those by precedence): not offered.
    if (previous && current && (current.range[0] < previous.range[1] || current.range[0] === previous.range[0])) return undefined;
  }
  const from = Math.min(range[0], fixes[0]?.range[0] ?? range[0]);
  const to = Math.max(range[1], fixes.at(-1)?.range[1] ?? range[1]);
  let preview = "";
  let at = from;
  for (const fix of fixes) {
    preview += source.text.slice(at, fix.range[0]) + fix.text;
    at = fix.range[1];
  }
  preview += source.text.slice(at, to);
  const shown = preview.length <= 60 && !/[\r\n]/.test(preview) ? `: ${preview}` : "";
  return { desc: `Apply ShellCheck's fix for SC${finding.code}${shown}`, fix: fixes };
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "shellcheck",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Run ShellCheck on the shell code of RUN instructions (needs the shellcheck program).",
    presets: [],
    hasSuggestions: true,
    messages: {
      error: "SC{{code}}: {{message}}",
      warning: "SC{{code}}: {{message}}",
      info: "SC{{code}}: {{message}}",
      style: "SC{{code}}: {{message}}",
      unavailable:
        "ShellCheck did not run ({{reason}}), so the shell code of {{count}} RUN instruction(s) was not checked; install shellcheck (Debian/Ubuntu: apt-get install shellcheck) or turn the rule off.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          minLevel: { enum: LEVELS },
          exclude: { type: "array", items: { oneOf: [{ type: "integer", minimum: 1000, maximum: 9999 }, { type: "string", pattern: "^(SC)?\\d{4}$" }] } },
          include: { type: "array", items: { oneOf: [{ type: "integer", minimum: 1000, maximum: 9999 }, { type: "string", pattern: "^(SC)?\\d{4}$" }] } },
          enable: { type: "array", items: { type: "string", pattern: "^[a-z0-9-]+$" } },
          reportUnavailable: { type: "boolean" },
        },
        additionalProperties: false,
      },
      defaults: { minLevel: "style", exclude: [], include: [], enable: [], reportUnavailable: false },
    },
    references: { hadolint: ["SC"] },
  },
  check({ model, source, options, services, report }) {
    const settings = checkOptions(options);
    const runner = services.shellcheck;
    // Without a runner there is nothing to do, unless the host wants to be told.
    if (!runner && !options.reportUnavailable) return;
    const scripts = buildShellcheckScripts(model, { enable: settings.enable });
    if (scripts.length === 0) return;

    const unavailable = (reason: string): void => {
      if (!options.reportUnavailable) return;
      const first = scripts[0]?.instruction;
      const keyword = first ? first.keywordRange : ([0, 0] as const);
      const count = new Set(scripts.map((s) => s.instruction)).size;
      report({ messageId: "unavailable", data: { reason, count }, range: keyword });
    };
    if (!runner) {
      unavailable("no ShellCheck runner: the shellcheck program was not found, or this host cannot run programs");
      return;
    }
    let findings: ShellcheckFinding[];
    try {
      const result = runner(
        scripts.map((s) => ({ script: s.text.text, shell: s.dialect, toFileOffset: (offset: number) => s.text.toFileOffset(offset) })),
      );
      if (!Array.isArray(result)) {
        unavailable(result.unavailable);
        return;
      }
      findings = result;
    } catch (error) {
      unavailable(`the ShellCheck runner failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }

    const ignores = hadolintIgnores(model);
    const seen = new Set<string>();
    for (const finding of findings) {
      const built = scripts[finding.script];
      if (!built) continue;
      if (ALWAYS_EXCLUDED.has(finding.code) || settings.exclude.has(finding.code)) continue;
      if (settings.include.size > 0 && !settings.include.has(finding.code)) continue;
      if (LEVELS.indexOf(finding.level) < settings.minLevel) continue;
      // A finding on docklint's header (shebang, exports) is about docklint's text, not the user's.
      if (finding.start < built.headerLength && finding.end <= built.headerLength) continue;
      const start = built.text.toFileOffset(Math.max(finding.start, built.headerLength));
      let end = finding.end > finding.start ? Math.max(start, built.text.toFileEnd(finding.end)) : start;
      // ShellCheck points at some problems (`\C` in a word, a parse error) with an empty range: show the character there.
      if (end === start && start < source.text.length && !/[\r\n]/.test(source.text[start] ?? "")) end = start + 1;
      const range: OffsetRange = [start, end];
      const key = `${finding.code}:${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isIgnored(ignores, finding.code, source.positionAt(start).line)) continue;
      const fix = suggestion(built, finding, range, source, model.escapeChar);
      report({
        messageId: finding.level,
        data: { code: finding.code, message: finding.message.trim() },
        range,
        ...(fix ? { suggestions: [fix] } : {}),
      });
    }
  },
});
