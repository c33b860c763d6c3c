import type { Scalar } from "yaml";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { doubleQuoted, listScalars, readsBackAs, singleQuoted } from "./_d1-compose.js";

interface Options {
  /** The quotes every `ports` / `expose` entry is written in. */
  quoteType: "single" | "double";
}

/** YAML 1.1's base-60 integers (`22:22` is 1342); YAML 1.2 dropped them. */
const SEXAGESIMAL = /^[-+]?\d[0-9_]*(?::[0-5]?\d)+$/;

function sexagesimalValue(text: string): number {
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.replace(/^[-+]/, "").replace(/_/g, "");
  return sign * digits.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * The string an entry holds as Compose reads it, which the quoted form must keep. A plain number
 * counts only in canonical decimal: `0x50`, `017` or `1e3` are read differently by different
 * YAML parsers, so the text to quote is not certain.
 */
function textOf(node: Scalar, source: string): string | undefined {
  if (typeof node.value === "string") return node.value;
  if (typeof node.value === "number" && /^(?:0|[1-9]\d*)$/.test(source)) return source;
  return undefined;
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "require-quotes-in-ports",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require `ports` and `expose` entries of Compose services to be quoted, in one quote style.",
    presets: [],
    fixable: true,
    messages: {
      unquoted:
        "The port `{{value}}` in `{{key}}` of service `{{service}}` is not quoted; write {{expected}}, so every YAML parser reads it as text (YAML 1.1 parsers read an unquoted `22:22` as the number 1342).",
      sexagesimal:
        "The port `{{value}}` in `{{key}}` of service `{{service}}` is not quoted, and YAML 1.1 parsers (docker-compose v1, PyYAML-based tools) read it as the base-60 number {{number}}; write {{expected}}.",
      otherQuotes:
        "The port `{{value}}` in `{{key}}` of service `{{service}}` is in {{actual}} quotes, and the quote style configured for ports (`quoteType`) is {{wanted}} quotes; write {{expected}}.",
    },
    options: {
      schema: {
        type: "object",
        properties: { quoteType: { enum: ["single", "double"] } },
        additionalProperties: false,
      },
      defaults: { quoteType: "single" },
    },
    references: { dclint: ["require-quotes-in-ports"] },
  },
  check({ model, options, report }) {
    const wanted = options.quoteType === "double" ? "QUOTE_DOUBLE" : "QUOTE_SINGLE";
    for (const { service, key, node, flow } of listScalars(model, ["ports", "expose"])) {
      if (node.type === wanted || !node.range) continue;
      const range = [node.range[0], node.range[1]] as const;
      const source = model.source.text.slice(range[0], range[1]);
      const text = node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL" ? undefined : textOf(node, source);
      let quoted = text === undefined ? undefined : wanted === "QUOTE_DOUBLE" ? doubleQuoted(text) : singleQuoted(text);
      if (quoted !== undefined && text !== undefined && !readsBackAs(quoted, text, flow)) quoted = undefined;
      const expected = quoted === undefined ? `it in ${options.quoteType} quotes` : `\`${quoted}\``;
      const value = text ?? source.trim();
      const data = { service: service.name, key, value, expected };
      const fix = quoted === undefined ? {} : { fix: { range, text: quoted } };
      if (node.type === "QUOTE_SINGLE" || node.type === "QUOTE_DOUBLE") {
        const actual = node.type === "QUOTE_SINGLE" ? "single" : "double";
        report({ messageId: "otherQuotes", data: { ...data, actual, wanted: options.quoteType }, range, ...fix });
      } else if (node.type === "PLAIN" && SEXAGESIMAL.test(source)) {
        report({ messageId: "sexagesimal", data: { ...data, number: sexagesimalValue(source) }, range, ...fix });
      } else {
        report({ messageId: "unquoted", data, range, ...fix });
      }
    }
  },
});
