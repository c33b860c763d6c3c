import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import type { Fix } from "../../types.js";
import { describeChars, hasTypographic, scanHazards, type Hazard } from "../../util/typographic.js";

/** Instructions whose values are free text for people: dashes and quoted text there are prose. */
const PROSE = new Set(["LABEL", "MAINTAINER"]);
/** Instructions that take a JSON array in exec form. */
const EXEC = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK"]);
/** Instructions whose shell form is a shell script, where `#` starts a comment. */
const SHELL_FORM = new Set(["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"]);

/**
 * The instruction's text with what the build does not read as instruction text blanked out
 * (same length, so offsets stay): comment lines inside it, and the bodies of COPY/ADD heredocs,
 * which are file contents.
 */
function scannedText(text: string, instruction: Instruction, comments: readonly OffsetRange[]): string {
  const [start, end] = instruction.range;
  const chars = text.slice(start, end).split("");
  const blank = ([from, to]: OffsetRange): void => {
    for (let i = Math.max(from, start); i < Math.min(to, end); i++) if (chars[i - start] !== "\n") chars[i - start] = " ";
  };
  for (const comment of comments) if (comment[0] < end && comment[1] > start) blank(comment);
  const keyword = instruction.trigger?.keyword ?? instruction.keyword;
  if (keyword === "COPY" || keyword === "ADD") {
    for (const heredoc of [...instruction.heredocs, ...(instruction.trigger?.heredocs ?? [])]) blank(heredoc.contentRange);
  }
  if (SHELL_FORM.has(keyword) && !isExecForm(instruction)) blankShellComments(chars);
  return chars.join("");
}

/** The instruction's arguments as the program sees them: a HEALTHCHECK's command after its options and `CMD`. */
function commandText(instruction: Instruction): string {
  const keyword = instruction.trigger?.keyword ?? instruction.keyword;
  const args = instruction.trigger ? instruction.trigger.argsText : instruction.argsText;
  return keyword === "HEALTHCHECK" ? args.trimStart().replace(/^(?:--\S+\s+)*CMD\s+/i, "") : args;
}

function isExecForm(instruction: Instruction): boolean {
  return EXEC.has(instruction.trigger?.keyword ?? instruction.keyword) && commandText(instruction).trimStart().startsWith("[");
}

/**
 * Blanks shell comments (`# …` at the start of a word, outside quotes, up to the end of the line
 * or of the continued line): the shell never reads them, like the Dockerfile's own comment lines.
 */
function blankShellComments(chars: string[]): void {
  let quote: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    if (c === "\\" && quote !== "'") {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote === undefined) quote = c;
      else if (quote === c) quote = undefined;
      continue;
    }
    if (c !== "#" || quote !== undefined || (i > 0 && !/[\s;&|(]/.test(chars[i - 1] ?? ""))) continue;
    for (; i < chars.length; i++) {
      if (chars[i] === "\n") {
        // A continued line stays in the comment: the build joins it to this one.
        if (!/\\[ \t]*$/.test(chars.slice(Math.max(0, i - 64), i).join(""))) break;
        continue;
      }
      if (chars[i] !== "\\") chars[i] = " ";
    }
  }
}

function edits(hazards: readonly Hazard[], base: number): Fix[] {
  return hazards.map((h) => ({ range: [base + h.index, base + h.index + h.char.length] as const, text: h.replacement ?? "" }));
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-typographic-characters",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow typographic dashes, quotes and spaces pasted from formatted text where ASCII syntax was meant.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      dash: "`{{word}}` starts with {{char}} where a flag was meant (`{{meant}}`): the program gets the literal text `{{word}}` and fails or ignores it; type the ASCII `{{dashes}}`.",
      quoteExec:
        "`{{keyword}}` uses {{chars}} where JSON needs ASCII `\"`: Docker cannot read the array, so it runs the whole text through /bin/sh as a command; replace them with `\"`.",
      quote:
        "`{{keyword}}` uses {{chars}} where ASCII quotes were meant: they are ordinary characters to the shell and to Docker, so they end up in the value and do not group words; replace them with `\"` or `'`.",
      space:
        "`{{keyword}}` contains {{chars}} where a plain space was meant: it does not separate words, so the words on either side become one argument; replace it with a space.",
      invisible:
        "`{{keyword}}` contains the invisible {{chars}}: the word that holds it is not the word it looks like (a different command, flag, path or value); delete it.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const text = source.text;
    if (!hasTypographic(text)) return;
    const comments = model.comments.map((c) => c.range);
    for (const instruction of model.instructions) {
      const [start, end] = instruction.range;
      if (!hasTypographic(text.slice(start, end))) continue;
      const keyword = instruction.trigger?.keyword ?? instruction.keyword;
      const hazards = scanHazards(scannedText(text, instruction, comments), { prose: PROSE.has(keyword) }).filter(
        // A byte order mark at the start of the file is not part of the instruction.
        (h) => !(h.char === "\uFEFF" && start + h.index === 0),
      );
      if (hazards.length === 0) continue;
      const shownKeyword = instruction.trigger ? `ONBUILD ${keyword}` : keyword;
      for (const hazard of hazards.filter((h) => h.kind === "dash")) {
        const at = start + hazard.index;
        const descriptor: ReportDescriptor = {
          messageId: "dash",
          data: { word: hazard.word ?? hazard.char, char: hazard.label, meant: hazard.meantWord ?? "", dashes: hazard.meantWord?.startsWith("--") ? "--" : "-" },
          range: [at, at + 1],
        };
        const guess = (hazard.meantWord ?? "").slice(0, (hazard.meantWord ?? "").length - (hazard.word ?? "").length + 1);
        if (hazard.replacement !== undefined) descriptor.fix = { range: [at, at + 1], text: hazard.replacement };
        else descriptor.suggestions = [{ desc: `Replace it with \`${guess}\` (\`${hazard.meantWord ?? ""}\`)`, fix: { range: [at, at + 1], text: guess } }];
        report(descriptor);
      }
      const execForm = isExecForm(instruction);
      for (const kind of ["quote", "space", "invisible"] as const) {
        const group = hazards.filter((h) => h.kind === kind);
        const first = group[0];
        const last = group.at(-1);
        if (!first || !last) continue;
        const messageId = kind === "quote" && execForm ? "quoteExec" : kind;
        report({
          messageId,
          // Curly quotes in a shell command usually only end up in the output (`echo “done”`).
          ...(kind === "quote" && !execForm ? { level: "warning" as const } : {}),
          data: { keyword: shownKeyword, chars: describeChars(group) },
          range: [start + first.index, start + last.index + last.char.length],
          fix: edits(group, start),
        });
      }
    }
  },
});
