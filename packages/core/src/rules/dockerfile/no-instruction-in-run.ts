import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { ShellWord } from "../../shell/types.js";
import type { SourceText } from "../../source.js";
import { INSTRUCTION_KEYWORDS } from "./_buildkit-flags.js";
import { continuationAt, inlineCode, physicalLines } from "./_continuation-lines.js";

/** Lower-case keywords that are no command of any common image (`env`, `user`, `add`, `label`… may well be). */
const LOWER_CASE_KEYWORDS = new Set(["run", "copy", "from", "workdir", "entrypoint", "expose", "healthcheck", "onbuild", "maintainer", "stopsignal"]);

function keywordOf(word: ShellWord, lowerCaseFile: boolean): string | undefined {
  if (word.quoted || word.hasExpansion) return undefined;
  const value = word.value;
  // The keywords are all upper case: a set hit needs no `toUpperCase` copy of every word.
  if (INSTRUCTION_KEYWORDS.has(value)) return value;
  if (lowerCaseFile && LOWER_CASE_KEYWORDS.has(value)) return value;
  return undefined;
}

function followedByBlank(source: SourceText, offset: number): boolean {
  const c = source.text[offset];
  return c === undefined || c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** The word starts its physical line (after indentation), and that line is not the RUN's first. */
function startsContinuationLine(source: SourceText, run: Instruction, word: ShellWord): boolean {
  const { line, column } = source.positionAt(word.start);
  if (line <= source.positionAt(run.range[0]).line) return false;
  return source.text.slice(word.start - column + 1, word.start).trim() === "";
}

function swallowedReport(source: SourceText, run: Instruction, word: ShellWord, keyword: string, escapeChar: string): ReportDescriptor {
  const line = source.positionAt(word.start).line;
  const lines = physicalLines(run, source);
  const index = lines.findIndex((l) => l.line === line);
  const carrier = lines.slice(0, Math.max(0, index)).reverse().find((l) => l.kind === "content" || l.kind === "first");
  const escape = carrier ? continuationAt(carrier.text, carrier.start, escapeChar) : -1;
  const descriptor: ReportDescriptor = {
    messageId: "swallowed",
    data: { word: keyword, line, carrierLine: carrier?.line ?? run.line, escape: inlineCode(escapeChar) },
    range: [word.start, word.end],
  };
  if (carrier && escape >= 0) {
    let from = escape;
    while (from > carrier.start && (source.text[from - 1] === " " || source.text[from - 1] === "\t")) from--;
    descriptor.suggestions = [
      { desc: `Remove the ${inlineCode(escapeChar)} at the end of line ${carrier.line}, so that the RUN ends there`, fix: { range: [from, escape + 1], text: "" } },
    ];
  }
  return descriptor;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-instruction-in-run",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow Dockerfile keywords inside a RUN script (`RUN a && RUN b`, a line continued into `COPY …`).",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      asCommand:
        "`{{word}}` is a Dockerfile instruction, but here the shell runs it as a command, which fails with \"{{word}}: not found\"; {{advice}}.",
      swallowed:
        "`{{word}}` on line {{line}} looks like the start of an instruction, but the {{escape}} at the end of line {{carrierLine}} continues the RUN, so it is only a word of the RUN's script; remove that {{escape}} to end the RUN.",
    },
    references: {},
  },
  check({ model, source, report }) {
    for (const run of runInstructions(model)) {
      const lowerCaseFile = run.keywordText === run.keywordText.toLowerCase();
      const seen = new Set<number>();
      for (const script of model.shellOf(run).scripts) {
        const dockerfileLines = script.heredoc === undefined && script.shell !== "exec";
        for (const command of script.script.commands) {
          const name = command.name;
          if (name) {
            const exec = script.shell === "exec";
            const keyword = exec ? (INSTRUCTION_KEYWORDS.has(name.value) ? name.value : undefined) : keywordOf(name, lowerCaseFile);
            if (keyword !== undefined && !seen.has(name.start)) {
              seen.add(name.start);
              const next = source.text.slice(name.end).match(/^[ \t]+(\S+)/)?.[1] ?? "";
              const removable = !exec && keyword.toUpperCase() === "RUN" && next !== "" && !next.startsWith("--");
              const gap = source.text.slice(name.end).match(/^[ \t]+/)?.[0] ?? "";
              report({
                messageId: "asCommand",
                data: {
                  word: keyword,
                  advice:
                    keyword.toUpperCase() === "RUN"
                      ? `one RUN can run several commands, so drop this \`${keyword}\``
                      : `end the RUN before it and write \`${keyword.toUpperCase()} …\` as an instruction of its own`,
                },
                range: [name.start, name.end],
                ...(removable ? { suggestions: [{ desc: `Remove this \`${keyword}\``, fix: { range: [name.start, name.end + gap.length], text: "" } }] } : {}),
              });
              continue;
            }
          }
          if (!dockerfileLines) continue;
          for (let index = -1; index < command.args.length; index++) {
            const word = index < 0 ? name : command.args[index];
            if (!word || seen.has(word.start)) continue;
            const keyword = keywordOf(word, lowerCaseFile);
            if (keyword === undefined || !followedByBlank(source, word.end) || !startsContinuationLine(source, run, word)) continue;
            seen.add(word.start);
            report(swallowedReport(source, run, word, keyword, model.escapeChar));
          }
        }
      }
    }
  },
});
