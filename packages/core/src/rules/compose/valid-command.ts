import type { Node } from "yaml";
import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { shellwords, type ShellwordsProblem } from "../../compose/shellwords.js";
import { isScalar } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { writtenHooks } from "./_c-hooks.js";
import { mapEntries } from "./_c-nodes.js";

const REASONS: Readonly<Record<ShellwordsProblem, string>> = {
  "single-quote": "a single quote is not closed",
  "double-quote": "a double quote is not closed",
  backslash: "it ends with a backslash",
  backquote: "a backquote is not closed",
  subshell: "a `$(` is not closed",
  "open-paren": "a `(` outside quotes does not follow `$`",
  "close-paren": "a `)` outside quotes closes no `$(`",
};

/** A short one-line value is shown in the message; a script is not (the finding points at it). */
function shown(written: string, line: string): string {
  const fits = (text: string): boolean => text.length <= 60 && !/[\n\r`]/.test(text);
  if (!fits(written)) return "";
  if (line === written) return ` (\`${written}\`)`;
  return fits(line) ? ` (\`${written}\`, \`${line}\` once interpolated)` : ` (\`${written}\`)`;
}

/**
 * Why Compose cannot split `line`, or undefined. Only what every docker compose refuses: the
 * problem must hold for go-shellwords 1.0.12 and 1.0.13 alike (1.0.12 takes `echo ) )`).
 */
function problemOf(line: string): ShellwordsProblem | undefined {
  const latest = shellwords(line, "1.0.13");
  if ("args" in latest || "args" in shellwords(line, "1.0.12")) return undefined;
  return latest.problem;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-command",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require a `command` or `entrypoint` (of services, and the `command` of their lifecycle hooks) written as a string to split into words the way Compose splits it: quotes closed, no stray parentheses.",
    presets: ["recommended"],
    messages: {
      unsplittable:
        "The `{{key}}` of service `{{service}}`{{shown}} cannot be split into words by docker compose (\"invalid command line string\": {{reason}}), so it refuses the file; fix the quoting, or write the {{key}} as a list of words (`[\"sh\", \"-c\", \"…\"]`), which Compose does not split.",
      unsplittableHook:
        "The `command` of hook `{{hook}}`{{shown}} cannot be split into words by docker compose (\"invalid command line string\": {{reason}}), so it refuses the file; fix the quoting, or write the command as a list of words (`[\"sh\", \"-c\", \"…\"]`), which Compose does not split.",
    },
    references: {},
  },
  check({ model, report }) {
    // A value shared through an anchor is checked once, where it is written.
    const seen = new Set<Node>();
    for (const service of model.services) {
      for (const key of ["command", "entrypoint"]) {
        const found = service.get([key]);
        // A list is taken word for word; what `extends` brings in is checked in the base service.
        if (!found || found.viaExtends === true || !isScalar(found.node) || typeof found.value !== "string" || seen.has(found.node)) continue;
        seen.add(found.node);
        const line = knownValue(found.value);
        if (line === undefined) continue;
        const problem = problemOf(line);
        if (problem === undefined) continue;
        report({ messageId: "unsplittable", data: { service: service.name, key, shown: shown(found.value, line), reason: REASONS[problem] }, range: nodeRange(found.node) });
      }
    }
    // A hook's `command` is a ShellCommand too (pre_start, post_start, pre_stop, develop.watch[].exec).
    for (const hook of writtenHooks(model)) {
      const node = mapEntries(model, hook.node, undefined).find((entry) => entry.key === "command")?.value;
      if (!isScalar(node) || typeof node.value !== "string" || seen.has(node)) continue;
      seen.add(node);
      const line = knownValue(node.value);
      const problem = line === undefined ? undefined : problemOf(line);
      if (line === undefined || problem === undefined) continue;
      report({ messageId: "unsplittableHook", data: { hook: hook.name, shown: shown(node.value, line), reason: REASONS[problem] }, range: nodeRange(node) });
    }
  },
});
