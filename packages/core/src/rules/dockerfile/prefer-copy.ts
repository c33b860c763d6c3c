import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { Fix } from "../../types.js";
import { baseName, copyOperands, hasGlob, isRemoteSource, mayBeArchive, type CopyOperand } from "./_copy-operands.js";

/** Flags that only mean something to ADD: with them, ADD → COPY is not a plain rename. */
const ADD_ONLY_FLAGS = new Set(["checksum", "keep-git-dir", "unpack"]);

/** `${DOWNLOAD_URL}`: a variable whose name says it holds a URL may well expand to one. */
const URL_LIKE_NAME = /url|uri|link|href|repo|git|remote|download|mirror|endpoint/i;

type Kind =
  /** A local file or directory ADD copies exactly as COPY would, for certain. */
  | "plain"
  /** Local, but a glob, an extensionless name or an unresolved variable might match a tar archive ADD would unpack. */
  | "plainUncertain"
  /** Needs ADD: a URL, a Git repository, or a tar or compressed file ADD may unpack. */
  | "needsAdd";

function classify(operand: CopyOperand, unpackFalse: boolean): Kind {
  // A heredoc is an inline text file: nothing to fetch, nothing to unpack.
  if (operand.heredoc) return "plain";
  const value = operand.value;
  if (isRemoteSource(value)) return "needsAdd";
  if (operand.unresolved.length > 0 && value.startsWith("$") && operand.unresolved.some((name) => URL_LIKE_NAME.test(name))) {
    return "needsAdd";
  }
  if (mayBeArchive(value) && !unpackFalse) return "needsAdd";
  // A directory (`.`, `src/`) is copied as is: ADD only unpacks a tar file given as the source itself.
  if (value === "." || value === ".." || /[/\\]$/.test(value)) return "plain";
  const name = baseName(value);
  const extension = /\.([\w-]+)$/.exec(name)?.[1];
  const certain = extension !== undefined && !/[$*?[]/.test(extension);
  if (operand.unresolved.length > 0) return certain ? "plain" : "plainUncertain";
  if (hasGlob(value) && !certain) return "plainUncertain";
  return certain ? "plain" : "plainUncertain";
}

function shown(operand: CopyOperand): string {
  if (operand.heredoc) return `the heredoc <<${operand.heredoc.name}`;
  const text = operand.written.length > 60 ? `${operand.written.slice(0, 59)}…` : operand.written;
  return `"${text.replace(/^"(.*)"$/, "$1")}"`;
}

/** ADD → COPY, keeping the keyword's case, and the ADD-only flags removed (with the blanks after them). */
function toCopy(instruction: Instruction, text: string): Fix[] {
  const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? "copy" : "COPY";
  const fixes: Fix[] = [{ range: instruction.keywordRange, text: keyword }];
  for (const flag of instruction.flags) {
    if (!ADD_ONLY_FLAGS.has(flag.name.toLowerCase())) continue;
    let end = flag.range[1];
    while (text[end] === " " || text[end] === "\t") end++;
    fixes.push({ range: [flag.range[0], end], text: "" });
  }
  return fixes;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "prefer-copy",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require COPY instead of ADD for local files and directories that ADD would copy as they are.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      useCopy:
        "ADD {{source}} copies {{what}} exactly as COPY does; use COPY, so readers and reviewers need not rule out a download or an archive being unpacked.",
      useCopyUncertain:
        "ADD {{source}} looks like a local file copy, which COPY does without ADD's URL fetching and archive unpacking; use COPY unless {{source}} is a tar archive that must be unpacked.",
      mixed:
        "{{source}} is a local file added by the same ADD as {{other}}; move it to its own COPY so that ADD is kept for what needs it.",
    },
    references: {
      hadolint: ["DL3020"],
      trivy: ["DS-0005"],
      checkov: ["CKV_DOCKER_4"],
      kics: ["9513a694-aa0d-41d8-be61-3271e056f36b"],
      cis: ["4.9"],
    },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "ADD") continue;
      const { sources } = copyOperands(instruction, source, model.escapeChar);
      if (sources.length === 0) continue;
      const flagNames = instruction.flags.map((f) => f.name.toLowerCase());
      const unpack = instruction.flags.find((f) => f.name.toLowerCase() === "unpack");
      const unpackFalse = unpack !== undefined && /^(?:false|f|0)$/i.test(unpack.value ?? "");
      const kinds = sources.map((operand) => classify(operand, unpackFalse));
      const needing = sources.filter((_, i) => kinds[i] === "needsAdd");

      if (needing.length === 0) {
        const first = sources[0];
        if (!first) continue;
        const what =
          sources.length > 1 || hasGlob(first.value)
            ? "local files"
            : first.heredoc
              ? "a local inline file"
              : /[/\\]$|^\.\.?$/.test(first.value)
                ? "a local directory"
                : "a local file";
        const label = sources.length > 1 ? `${shown(first)} and ${sources.length - 1} more` : shown(first);
        // `--unpack=false` makes ADD copy an archive as is, which is COPY without the flag; `--checksum` or
        // `--keep-git-dir` on a local source fail the build, and a rename would hide that.
        const certain = kinds.every((k) => k === "plain") && flagNames.every((name) => !ADD_ONLY_FLAGS.has(name) || name === "unpack");
        const fix = toCopy(instruction, source.text);
        const descriptor: ReportDescriptor = certain
          ? { messageId: "useCopy", data: { source: label, what }, range: instruction.keywordRange, fix }
          : {
              messageId: "useCopyUncertain",
              data: { source: label },
              range: instruction.keywordRange,
              suggestions: [{ desc: "Replace ADD with COPY", fix }],
            };
        report(descriptor);
        continue;
      }
      const other = needing[0];
      if (!other) continue;
      sources.forEach((operand, i) => {
        if (kinds[i] === "needsAdd") return;
        report({ messageId: "mixed", data: { source: shown(operand), other: shown(other) }, range: operand.range });
      });
    }
  },
});
