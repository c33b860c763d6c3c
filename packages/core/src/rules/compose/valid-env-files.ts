import type { ComposeEnvFileProblem, ComposeModel } from "../../compose/model.js";
import { envFileReader } from "../../compose/dotenv.js";
import { knownValue } from "../../compose/interpolation.js";
import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { goQuote } from "../../util/go-strconv.js";
import { nodeRange } from "./_b-key-values.js";
import { listNodes } from "./_d1-compose.js";
import { mapEntries } from "./_c-nodes.js";


function subject(problem: ComposeEnvFileProblem): string {
  if (problem.via === "include") return "`include`'s `env_file` names";
  if (problem.via === "project") return "Beside this Compose file, the project's environment file (read for interpolation before anything else) is";
  return `Service \`${problem.service ?? ""}\`'s \`${problem.via}\` names`;
}

/** How to mend the line, by what the reader refused. */
function fix(problem: ComposeEnvFileProblem): string {
  switch (problem.error.kind) {
    case "name":
      return "write the name with letters, digits, `_`, `.`, `-`, `[` and `]` only, then `=` and the value (a comment line starts with `#`)";
    case "space":
      return problem.format === "raw" ? "write `NAME=value` with no blank in the name (the `raw` format reads no `export`)" : "remove the blank from the name, or start the line with `#` if it is a comment";
    case "quote":
      return "close the quote, or write a quote meant literally as `\\\"` (`\\'` in single quotes)";
    case "template":
      return "fix the `${…}` expression, or write a literal `$` as `$$` (or put the value in single quotes)";
    case "noName":
      return "write a name before `=`, or start the line with `#` if it is a comment";
    case "long":
      return "split the value: the `raw` reader takes lines under 64 KiB";
  }
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-env-files",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `env_file` entries that docker compose can read: a `format` it knows, and env files whose every line its parser accepts.",
    presets: ["recommended"],
    messages: {
      unknownFormat:
        "Service `{{service}}`'s `env_file` entry reads `{{path}}` with `format: {{format}}`, which docker compose does not know (\"{{reason}}\"): it refuses the project as soon as it reads the file; remove `format` to read a `.env` file, or write `format: raw` to take each line as it is (as `docker run --env-file` does).",
      syntax:
        "{{subject}} `{{path}}`, whose line {{line}} docker compose cannot read as {{reader}} (\"{{reason}}\"), so it refuses the project; {{fix}}.",
    },
    references: {},
  },
  check({ model, report }) {
    if (model.isLegacyV1) return;
    // A `format:` is written in this file's text, or the file has none to check.
    const formats = model.source.text.includes("format") ? listNodes(model, ["env_file"]) : [];
    for (const { service, node } of formats) {
      if (!isMap(node)) continue;
      const entries = mapEntries(model, node, undefined);
      const format = entries.find((entry) => entry.key === "format");
      if (!format || !isScalar(format.value) || typeof format.value.value !== "string") continue;
      // A format from a variable without a default is the deployer's.
      const text = knownValue(format.value.value);
      if (text === undefined || envFileReader(text) !== undefined) continue;
      const path = entries.find((entry) => entry.key === "path");
      const written = path && isScalar(path.value) ? String(path.value.value) : "";
      report({
        messageId: "unknownFormat",
        data: { service: service.name, path: written, format: format.value.value, reason: `unsupported env_file format ${goQuote(text)}` },
        range: format.own ? nodeRange(format.value) : format.range,
      });
    }
    for (const problem of model.envFileProblems ?? []) {
      report({
        messageId: "syntax",
        data: {
          subject: subject(problem),
          path: problem.path,
          line: String(problem.error.line),
          reader: problem.format === "raw" ? "a `raw` env file" : "a `.env` file",
          reason: problem.error.reason,
          fix: fix(problem),
        },
        range: problem.range,
      });
    }
  },
});
