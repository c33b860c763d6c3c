import type { DockerfileModel, Instruction, RunScript } from "../../dockerfile/model.js";
import { effectiveShell, withTriggers } from "../../dockerfile/queries.js";
import { interpreterName, isPosixShell } from "../../dockerfile/run-shell.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { parseShell } from "../../shell/parse.js";
import type { ShellScript } from "../../shell/types.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { continuationAt, inlineCode, instructionStart, physicalLines, type PhysicalLine } from "./_continuation-lines.js";
import { partitionPoint } from "../../util/partition-point.js";
import { RangeCover } from "../../util/range-cover.js";

const MAX_SHOWN = 50;

function shown(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

function withoutContinuation(text: string, escapeChar: string): string {
  const at = continuationAt(text, 0, escapeChar);
  return at >= 0 ? text.slice(0, at) : text;
}

/** Where the shell-form command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD is written. */
function shellRegion(instruction: Instruction): OffsetRange | undefined {
  if (instruction.form !== "shell" || instruction.heredocs.length > 0 || !instruction.argsRange) return undefined;
  const end = instruction.argsRange[1];
  if (instruction.keyword === "RUN") return [instruction.flags.at(-1)?.range[1] ?? instruction.argsRange[0], end];
  if (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") {
    const first = instruction.args[0];
    return first ? [first.range[0], end] : undefined;
  }
  if (instruction.keyword === "HEALTHCHECK" && instruction.args[0]?.value.toUpperCase() === "CMD") {
    const command = instruction.args[1];
    return command ? [command.range[0], end] : undefined;
  }
  return undefined;
}

/**
 * Whether `test` holds for the range of some word, assignment or redirection of the script's
 * commands (the tokens the shell parser read), asked in the order they are written.
 */
function someToken(script: ShellScript, test: (start: number, end: number) => boolean): boolean {
  for (const command of script.commands) {
    const name = command.name;
    if (name && test(name.start, name.end)) return true;
    for (const word of command.args) if (test(word.start, word.end)) return true;
    for (const assignment of command.assignments) if (test(assignment.start, assignment.end)) return true;
    for (const redirect of command.redirects) if (test(redirect.start, redirect.end)) return true;
  }
  return false;
}

/**
 * Whether the shell parser read the offset as part of a token: a `#` there is no comment. Asked of
 * the script's tokens in place for the first few `#` of a RUN: a list of their ranges, built for
 * every RUN with a `#`, was 2.5% of all bytes allocated linting the corpus (recommended). Past
 * them, the ranges are sorted once (tokenCover): asked in place for every `#`, a RUN of 16,000
 * lines with a comment line between each two took 13.5 s.
 */
function insideToken(script: ShellScript, offset: number): boolean {
  return someToken(script, (start, end) => offset >= start && offset < end);
}

/** How many `#` of a RUN are looked up in its tokens in place, before the tokens are indexed. */
const HASHES_BEFORE_INDEX = 8;

/** The script's token ranges, for insideToken's question by binary search. */
function tokenCover(script: ShellScript): RangeCover {
  const ranges: [number, number][] = [];
  someToken(script, (start, end) => {
    ranges.push([start, end]);
    return false;
  });
  return new RangeCover(ranges);
}

/**
 * The `#` that starts the shell comment of a shell-form command, if any: after the build joins the
 * continued lines the script is one line, so that comment runs to the end of the instruction.
 */
function commentStart(source: SourceText, region: OffsetRange, lines: readonly PhysicalLine[], script: ShellScript): number | undefined {
  const dropped = new Set(lines.filter((l) => l.kind === "comment").map((l) => l.line));
  // Searched in the region's text: `indexOf` on the file would run on to the next `#` in the file, once per instruction.
  const regionText = source.text.slice(region[0], region[1]);
  let cover: RangeCover | undefined;
  let asked = 0;
  // The three tests are asked cheapest first: most `#` follow a word character (`${x#y}`, `a#b`,
  // URLs) or start a comment line the build drops, and need no walk of the script's tokens.
  for (let at = regionText.indexOf("#"); at >= 0; at = regionText.indexOf("#", at + 1)) {
    const i = region[0] + at;
    const before = source.text[i - 1];
    if (i > region[0] && before !== undefined && !/[\s;&|()]/.test(before)) continue;
    if (dropped.has(source.positionAt(i).line)) continue;
    if (++asked <= HASHES_BEFORE_INDEX ? insideToken(script, i) : (cover ??= tokenCover(script)).covers(i)) continue;
    return i;
  }
  return undefined;
}

function inlineComment(model: DockerfileModel, instruction: Instruction, source: SourceText, escapeChar: string): ReportDescriptor | undefined {
  const region = shellRegion(instruction);
  // Most commands have no `#` at all: no need for their shell, lines and tokens.
  if (!region || !source.text.slice(region[0], region[1]).includes("#")) return undefined;
  // A shell-form RUN without heredocs (the only RUN with a region) has one script.
  const script = instruction.keyword === "RUN" ? model.shellOf(instruction).scripts[0] : undefined;
  // cmd and PowerShell have no `#` comments.
  const posix = script ? !script.foreign : isPosixShell(interpreterName(effectiveShell(instruction)));
  if (!posix) return undefined;
  const lines = physicalLines(instruction, source);
  const parsed = script?.script ?? parseShell(source.text, region[0], region[1], { escapeChar, dockerfileContinuations: true });
  const hash = commentStart(source, region, lines, parsed);
  if (hash === undefined) return undefined;
  const hashLine = source.positionAt(hash).line;
  const swallowed = lines.filter((l) => l.line > hashLine && l.kind === "content");
  const first = swallowed[0];
  if (!first) return undefined;
  const last = swallowed.at(-1) ?? first;
  const end = source.lineEnd(hashLine);
  const escape = continuationAt(source.text.slice(hash, end), hash, escapeChar);
  const commentEnd = escape >= 0 ? escape : end;
  let trimmed = commentEnd;
  while (trimmed > hash && /\s/.test(source.text[trimmed - 1] ?? "")) trimmed--;
  let from = hash;
  while (from > 0 && (source.text[from - 1] === " " || source.text[from - 1] === "\t")) from--;
  return {
    messageId: "inlineComment",
    data: {
      keyword: instruction.keywordText.toUpperCase(),
      lines: first.line === last.line ? `line ${first.line}` : `lines ${first.line}–${last.line}`,
      swallowed: shown(swallowed.map((l) => withoutContinuation(l.text, escapeChar)).join(" ")),
    },
    range: [hash, trimmed],
    suggestions: [
      {
        desc: `Remove the comment \`${shown(source.text.slice(hash, trimmed))}\` so that the following lines run`,
        fix: { range: [from, commentEnd], text: escape >= 0 ? " " : "" },
      },
    ],
  };
}

/**
 * In a heredoc script the shell, not the Dockerfile parser, joins `\`-continued lines, and a
 * comment line there ends the command: the lines after it run as commands of their own.
 */
function heredocComments(run: Instruction, script: RunScript, source: SourceText): ReportDescriptor[] {
  const heredoc = script.heredoc;
  if (!heredoc || script.foreign) return [];
  const reports: ReportDescriptor[] = [];
  const starts = new Set(script.script.commands.map((c) => c.name?.start ?? c.start));
  const first = source.positionAt(heredoc.contentRange[0]).line;
  const last = source.positionAt(Math.max(heredoc.contentRange[0], heredoc.contentRange[1] - 1)).line;
  const lineText = (line: number): string => source.lineText(line);
  const continued = (line: number): boolean => /(?:^|[^\\])(?:\\\\)*\\[ \t]*$/.test(lineText(line));
  for (let line = first + 1; line <= last; line++) {
    const text = lineText(line);
    if (!/^\s*#/.test(text) || !continued(line - 1)) continue;
    let next = line + 1;
    while (next <= last && (lineText(next).trim() === "" || /^\s*#/.test(lineText(next)))) next++;
    if (next > last) continue;
    const nextStart = (source.lineStarts[next - 1] ?? 0) + (lineText(next).length - lineText(next).trimStart().length);
    if (!starts.has(nextStart)) continue;
    const hash = (source.lineStarts[line - 1] ?? 0) + text.indexOf("#");
    reports.push({
      messageId: "heredocComment",
      data: { previous: line - 1, next, command: shown(lineText(next)), keyword: run.keywordText.toUpperCase() },
      range: [hash, source.lineEnd(line)],
    });
  }
  return reports;
}

/** The last instruction that ends at or before the offset: the model's instructions are in file order and do not overlap, so their ends never decrease. */
function lastEndingBy(instructions: readonly Instruction[], offset: number): Instruction | undefined {
  const ended = partitionPoint(instructions.length, (i) => (instructions[i]?.range[1] ?? 0) <= offset);
  return instructions[ended - 1];
}

/** A comment line that ends with the escape character outside any instruction, above a line that reads like a continuation. */
function strayContinuation(model: DockerfileModel, source: SourceText): ReportDescriptor[] {
  const reports: ReportDescriptor[] = [];
  // Built only for a file with a comment ending in the escape character: most have none.
  let lowerCaseFile: boolean | undefined;
  let insideInstruction: RangeCover | undefined;
  for (const comment of model.comments) {
    const escape = continuationAt(source.text.slice(comment.range[0], comment.range[1]), comment.range[0], model.escapeChar);
    if (escape < 0) continue;
    insideInstruction ??= new RangeCover(model.instructions.map((i) => i.range));
    if (insideInstruction.covers(comment.range[0])) continue;
    lowerCaseFile ??= model.instructions.filter((i) => i.keywordText === i.keywordText.toLowerCase()).length * 2 > model.instructions.length;
    const next = comment.line + 1;
    if (next > source.lineCount) continue;
    const text = source.lineText(next);
    if (text.trim() === "" || /^\s*#/.test(text) || instructionStart(text, lowerCaseFile) !== undefined) continue;
    const previous = lastEndingBy(model.instructions, comment.range[0]);
    reports.push({
      messageId: "strayContinuation",
      data: { escape: inlineCode(model.escapeChar), next, text: shown(text), previous: previous ? `the ${previous.keywordText.toUpperCase()} on line ${previous.line}` : "no instruction" },
      range: [escape, escape + 1],
    });
  }
  return reports;
}

/** A non-RUN instruction continued through comment lines into a line that reads like the next instruction. */
function commentedOutEnd(instruction: Instruction, source: SourceText, escapeChar: string): ReportDescriptor | undefined {
  // no-instruction-in-run reports the swallowed word of a RUN.
  if (instruction.keyword === "RUN" || instruction.trigger?.keyword === "RUN") return undefined;
  // A one-line instruction continues into nothing.
  if (source.text.slice(instruction.range[0], instruction.range[1]).trimEnd().indexOf("\n") < 0) return undefined;
  const lines = physicalLines(instruction, source);
  const lowerCaseFile = instruction.keywordText === instruction.keywordText.toLowerCase();
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    if (!line || line.kind !== "content" || instructionStart(line.text, lowerCaseFile) === undefined) continue;
    const gap = lines.slice(0, k).reverse();
    const carrierIndex = gap.findIndex((l) => l.kind === "content" || l.kind === "first");
    const between = gap.slice(0, carrierIndex);
    const carrier = gap[carrierIndex];
    if (!carrier || !between.some((l) => l.kind === "comment")) continue;
    const escape = continuationAt(carrier.text, carrier.start, escapeChar);
    if (escape < 0) continue;
    let from = escape;
    while (from > carrier.start && (source.text[from - 1] === " " || source.text[from - 1] === "\t")) from--;
    return {
      messageId: "commentedOutEnd",
      data: {
        keyword: instruction.keywordText.toUpperCase(),
        escape: inlineCode(escapeChar),
        carrierLine: carrier.line,
        next: shown(line.text),
        nextLine: line.line,
      },
      range: [escape, escape + 1],
      suggestions: [{ desc: `Remove the ${inlineCode(escapeChar)} at the end of line ${carrier.line}`, fix: { range: [from, escape + 1], text: "" } }],
    };
  }
  return undefined;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-continued-comment",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow comments that silently swallow or cut continued lines (`cmd # note \\` before more lines, comment lines in heredoc continuations).",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      inlineComment:
        "This comment is inside a continued {{keyword}}: the build joins the lines into one before the shell runs it, so the comment also swallows {{lines}} (`{{swallowed}}`), which never run; move the comment to a line of its own.",
      heredocComment:
        "In this heredoc script the shell does not drop comment lines the way the Dockerfile parser does: this comment ends the command continued from line {{previous}}, so `{{command}}` (line {{next}}) runs as a command of its own; remove the comment or the `\\` on line {{previous}}.",
      strayContinuation:
        "This comment ends with {{escape}}, but a comment line never continues an instruction: {{previous}} already ended, so `{{text}}` (line {{next}}) is read as an instruction of its own and the build fails; put the {{escape}} at the end of the instruction's last line instead.",
      commentedOutEnd:
        "The {{escape}} at the end of line {{carrierLine}} continues this {{keyword}} past the comment lines below it, so `{{next}}` (line {{nextLine}}) becomes part of the {{keyword}} instead of an instruction of its own; remove that {{escape}}.",
    },
    references: {},
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      const inline = inlineComment(model, instruction, source, model.escapeChar);
      if (inline) report(inline);
      if (instruction.keyword === "RUN" && instruction.heredocs.length > 0) {
        for (const runScript of model.shellOf(instruction).scripts) for (const descriptor of heredocComments(instruction, runScript, source)) report(descriptor);
      }
      if (!instruction.onbuild) {
        const end = commentedOutEnd(instruction, source, model.escapeChar);
        if (end) report(end);
      }
    }
    for (const descriptor of strayContinuation(model, source)) report(descriptor);
  },
});
