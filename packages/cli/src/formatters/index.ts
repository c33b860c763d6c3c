import type { LintResult, RuleInfo } from "@docklint/core";
import type { Formatter, FormatterRuleMeta } from "./types.js";

export type { Formatter, FormatterContext, FormatterResult, FormatterRuleMeta } from "./types.js";

export const FORMATTER_NAMES = ["friendly", "json", "compact"] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

// Dynamic imports: `--format json` in CI must not pay for loading chalk, babel's code frame and the rest.
const loaders: Record<FormatterName, () => Promise<{ default: Formatter }>> = {
  friendly: () => import("./friendly.js"),
  json: () => import("./json.js"),
  compact: () => import("./compact.js"),
};

export async function loadFormatter(name: FormatterName): Promise<Formatter> {
  const loader = loaders[name] as (() => Promise<{ default: Formatter }>) | undefined;
  if (!loader) throw new Error(`Unknown formatter "${name}"; formatters: ${FORMATTER_NAMES.join(", ")}.`);
  return (await loader()).default;
}

const TYPES: Record<RuleInfo["category"], FormatterRuleMeta["type"]> = {
  security: "problem",
  correctness: "problem",
  "best-practice": "suggestion",
  maintainability: "suggestion",
  style: "layout",
};

/** ESLint's `rulesMeta`, for the rules that appear in the results (as ESLint passes it). */
export function rulesMetaFor(results: readonly LintResult[], rules: readonly RuleInfo[]): Record<string, FormatterRuleMeta> {
  const used = new Set<string>();
  for (const result of results) for (const message of result.messages) if (message.ruleId) used.add(message.ruleId);
  const meta: Record<string, FormatterRuleMeta> = {};
  for (const rule of rules) {
    if (!used.has(rule.id)) continue;
    meta[rule.id] = {
      type: TYPES[rule.category],
      docs: { description: rule.description, url: rule.docs },
      ...(rule.fixable ? { fixable: "code" as const } : {}),
      ...(rule.hasSuggestions ? { hasSuggestions: true } : {}),
    };
  }
  return meta;
}

export interface ColorEnvironment {
  /** --color (true) / --no-color (false) / neither. */
  flag: boolean | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the report goes to a terminal (false when written to --output-file). */
  isTTY: boolean;
}

/** The usual precedence: the flag, then NO_COLOR (https://no-color.org), then FORCE_COLOR, then the terminal. */
export function shouldUseColor({ flag, env, isTTY }: ColorEnvironment): boolean {
  if (flag !== undefined) return flag;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  return isTTY && env["TERM"] !== "dumb";
}
