import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { Fix } from "../../types.js";

export const AUTHORS_LABEL = "org.opencontainers.image.authors";

/** The value as a double-quoted Dockerfile word: `"`, `$` and the escape character are escaped, so the label holds exactly this text. */
export function quoteLabelValue(value: string, escapeChar: string): string {
  let out = "";
  for (const c of value) out += c === '"' || c === "$" || c === escapeChar ? escapeChar + c : c;
  return `"${out}"`;
}

/** `MAINTAINER "Jane Doe"`: the quotes were meant to delimit the value, not be part of it. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') && !value.slice(1, -1).includes('"') ? value.slice(1, -1) : value;
}

function fixFor(instruction: Instruction, text: string, escapeChar: string): Fix | undefined {
  const argsRange = instruction.argsRange;
  if (!argsRange) return undefined;
  const written = text.slice(instruction.keywordRange[0], argsRange[1]);
  // Only a one-line MAINTAINER: a continued one may hold comments or blank lines we would drop.
  if (/[\r\n]/.test(written)) return undefined;
  const value = unquote(instruction.argsText.trim());
  if (value === "") return undefined;
  const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? "label" : "LABEL";
  return { range: [instruction.keywordRange[0], argsRange[1]], text: `${keyword} ${AUTHORS_LABEL}=${quoteLabelValue(value, escapeChar)}` };
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-maintainer",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Disallow the deprecated MAINTAINER instruction; use the `org.opencontainers.image.authors` label.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      deprecated:
        "MAINTAINER is deprecated (it only sets the legacy `Author` field, which tools no longer read); write `LABEL org.opencontainers.image.authors={{value}}` instead.",
    },
    references: {
      hadolint: ["DL4000"],
      buildkit: ["MaintainerDeprecated"],
      trivy: ["DS-0022"],
      checkov: ["CKV_DOCKER_6"],
      kics: ["99614418-f82b-4852-a9ae-5051402b741c"],
    },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "MAINTAINER") continue;
      const value = unquote(instruction.argsText.trim());
      const fix = fixFor(instruction, source.text, model.escapeChar);
      report({
        messageId: "deprecated",
        data: { value: quoteLabelValue(value, model.escapeChar) },
        range: instruction.keywordRange,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
