import type { DockerfileModel } from "../../dockerfile/model.js";
import { SUPPRESSION_PATTERNS } from "../../suppressions.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";

type Syntax = "docklint" | "hadolint" | "buildkit" | "checkov";

interface Options {
  /** Suppression syntaxes that are allowed. */
  allow: Syntax[];
  /** Allow a suppression that gives its reason (`-- reason`, `# reason`, `checkov:skip=ID: reason`). */
  allowWithReason: boolean;
}

const { docklint: DOCKLINT, hadolint: HADOLINT, buildkit: BUILDKIT, checkov: CHECKOV } = SUPPRESSION_PATTERNS;

interface Found {
  syntax: Syntax;
  messageId: string;
  reason: boolean;
}

function classify(text: string): Found | undefined {
  const docklint = DOCKLINT.exec(text);
  if (docklint) {
    if (docklint[1] === "enable") return undefined;
    const reason = /--\s+\S/.test(docklint[3] ?? "");
    return { syntax: "docklint", messageId: docklint[1] === "disable-next-line" ? "docklintLine" : "docklintBlock", reason };
  }
  const hadolint = HADOLINT.exec(text);
  if (hadolint) {
    const reason = /#\s*\S/.test(hadolint[3] ?? "");
    return { syntax: "hadolint", messageId: hadolint[1] === undefined ? "hadolintLine" : "hadolintBlock", reason };
  }
  const buildkit = BUILDKIT.exec(text);
  if (buildkit) {
    const skip = (buildkit[1] ?? "").split(";").some((part) => /^skip=/i.test(part));
    return skip ? { syntax: "buildkit", messageId: "buildkitSkip", reason: false } : undefined;
  }
  const checkov = CHECKOV.exec(text);
  if (checkov) return { syntax: "checkov", messageId: "checkovSkip", reason: /^\s*:\s*\S/.test(checkov[2] ?? "") };
  return undefined;
}

const MAX_SHOWN = 70;

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-inline-suppressions",
    kind: "dockerfile",
    category: "maintainability",
    severity: "info",
    docs: "Disallow suppression comments (`# hadolint ignore=…`, `# docklint-disable…`, `# check=skip=…`, `#checkov:skip=…`) in Dockerfiles.",
    presets: [],
    messages: {
      hadolintLine: "`# {{comment}}` hides findings on the instruction on the next line; fix them, or turn the rule off in the shared configuration where the decision is reviewed.",
      hadolintBlock: "`# {{comment}}` hides findings for {{scope}}; fix them, or turn the rule off in the shared configuration where the decision is reviewed.",
      docklintLine: "`# {{comment}}` hides findings on the next instruction; fix them, or turn the rule off in the shared configuration where the decision is reviewed.",
      docklintBlock: "`# {{comment}}` hides findings for {{scope}}; fix them, or turn the rule off in the shared configuration where the decision is reviewed.",
      buildkitSkip: "`# {{comment}}` skips BuildKit checks for {{scope}}; fix the findings, or turn the rule off in the shared configuration where the decision is reviewed.",
      checkovSkip: "`# {{comment}}` skips Checkov checks for the whole file; fix the findings, or turn the rule off in the shared configuration where the decision is reviewed.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          allow: { type: "array", items: { enum: ["docklint", "hadolint", "buildkit", "checkov"] } },
          allowWithReason: { type: "boolean" },
        },
        additionalProperties: false,
      },
      defaults: { allow: [], allowWithReason: false },
    },
    references: { hadolint: ["DL1001"] },
    referencesByMessage: {
      hadolintLine: { hadolint: ["DL1001"] },
      hadolintBlock: {},
      docklintLine: {},
      docklintBlock: {},
      buildkitSkip: {},
      checkovSkip: {},
    },
  },
  check({ model, source, options, report }) {
    const comments: { text: string; range: OffsetRange; directive: boolean }[] = [
      ...model.directives
        .filter((d) => d.name === "check")
        .map((d) => {
          const hash = source.text.indexOf("#", d.range[0]);
          return { text: source.text.slice(hash + 1, d.range[1]), range: [hash, d.range[1]] as OffsetRange, directive: true };
        }),
      ...model.comments.map((c) => ({ text: c.text, range: c.range, directive: false })),
    ];
    for (const comment of comments) {
      const found = classify(comment.text);
      if (!found || options.allow.includes(found.syntax)) continue;
      if (found.reason && options.allowWithReason) continue;
      const text = comment.text.trim();
      const scope = /^\s*docklint-disable-file|^\s*hadolint[ \t]+global/.test(comment.text) || comment.directive
        ? "the whole file"
        : /^\s*hadolint[ \t]+stage/.test(comment.text)
          ? "the stage that follows"
          : found.syntax === "buildkit"
            ? "the next instruction"
            : "everything up to the matching `docklint-enable` (or the end of the file)";
      report({
        messageId: found.messageId,
        data: { comment: text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text, scope },
        range: comment.range,
      });
    }
  },
});
