import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lintText } from "../../src/linter.js";
import { builtinRules } from "../../src/rules/index.js";
import type { Rule, Settings } from "../../src/rule.js";
import type { LintMessage, PeerName } from "../../src/types.js";
import { createShellcheckRunner } from "../../../cli/src/shellcheck.js";
import { sharedDir } from "../support/shared.js";

/** The real ShellCheck where installed (hadolint's SC cases need it); without it, those cases are not covered. */
const shellcheck = createShellcheckRunner();

/** One test case taken from a peer's own test suite (`../shared/peers/<peer>/cases.json`). */
export interface PeerCase {
  id: string;
  peer?: string;
  peerRule: string;
  kind: "dockerfile" | "compose";
  text: string;
  expect: "flags" | "clean" | "fix";
  count?: number;
  config?: Record<string, unknown>;
  lines?: number[];
  /** BuildKit cases: the build context's `.dockerignore` text. */
  dockerignore?: string;
}

export const PEER_FILES: Record<string, PeerName> = {
  hadolint: "hadolint",
  buildkit: "buildkit",
  trivy: "trivy",
  checkov: "checkov",
  "kics-dockerfile": "kics",
};

export function loadCases(folder: string): PeerCase[] {
  const data = JSON.parse(readFileSync(join(sharedDir, "peers", folder, "cases.json"), "utf8")) as { cases: PeerCase[] };
  return data.cases;
}

/** The rules that name this peer rule in their references; with a message-level mapping, only the matching messages count. */
export function rulesFor(peer: PeerName, peerRule: string, rules: readonly Rule[] = builtinRules): Rule[] {
  return rules.filter((rule) => rule.meta.references[peer]?.includes(peerRule));
}

function messageMatches(rule: Rule, message: LintMessage, peer: PeerName, peerRule: string): boolean {
  const byMessage = rule.meta.referencesByMessage?.[message.messageId ?? ""];
  if (!byMessage) return true;
  return byMessage[peer]?.includes(peerRule) ?? false;
}

/** hadolint config-file keys mapped to docklint settings. */
export function settingsFromHadolint(config: Record<string, unknown> | undefined): Settings {
  const settings: Settings = {};
  if (!config) return settings;
  if (Array.isArray(config["trustedRegistries"])) settings.trustedRegistries = config["trustedRegistries"] as string[];
  if (config["label-schema"] && typeof config["label-schema"] === "object") settings.labelSchema = config["label-schema"] as Record<string, string>;
  if (config["strict-labels"] === true) settings.strictLabels = true;
  return settings;
}

export interface Verdict {
  testCase: PeerCase;
  covered: boolean;
  agrees: boolean;
  found: number;
  messages: LintMessage[];
}

/**
 * Runs one peer case through the docklint rules of its kind that reference its rule, and compares
 * (the Compose cases have their own judge in compose-peers.ts).
 */
export function judge(peer: PeerName, testCase: PeerCase): Verdict {
  const wildcard = testCase.peerRule === "*";
  const ignored = new Set(Array.isArray(testCase.config?.["ignored"]) ? (testCase.config["ignored"] as string[]) : []);
  const rules = wildcard
    ? builtinRules.filter((rule) => rule.meta.kind === testCase.kind && (rule.meta.references[peer] ?? []).some((code) => !ignored.has(code)))
    : rulesFor(peer, testCase.peerRule).filter((rule) => rule.meta.kind === testCase.kind);
  if (rules.length === 0) return { testCase, covered: false, agrees: false, found: 0, messages: [] };
  if (!shellcheck && rules.every((rule) => rule.meta.id === "shellcheck")) return { testCase, covered: false, agrees: false, found: 0, messages: [] };
  const ids = [...new Set(rules.map((r) => r.meta.id))];
  const result = lintText(testCase.text, {
    kind: testCase.kind,
    filePath: testCase.kind === "dockerfile" ? "Dockerfile" : "compose.yaml",
    rules,
    config: { rules: Object.fromEntries(ids.map((id) => [id, "error"])), settings: settingsFromHadolint(testCase.config) },
    services: {
      ...(shellcheck ? { shellcheck } : {}),
      ...(testCase.dockerignore !== undefined ? { readFile: (relativePath: string) => (relativePath === ".dockerignore" ? testCase.dockerignore : undefined) } : {}),
    },
  });
  const relevant = result.messages.filter((message) => {
    if (message.fatal) return false;
    const rule = rules.find((r) => r.meta.id === message.ruleId);
    if (!rule) return false;
    if (wildcard) return (rule.meta.references[peer] ?? []).some((code) => !ignored.has(code) && messageMatches(rule, message, peer, code));
    return messageMatches(rule, message, peer, testCase.peerRule);
  });
  const found = relevant.length;
  const agrees =
    testCase.expect === "clean" ? found === 0 : testCase.count !== undefined ? found === testCase.count : found > 0;
  return { testCase, covered: true, agrees, found, messages: relevant };
}
