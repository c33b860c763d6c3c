import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isPair, LineCounter, parseAllDocuments, visit } from "yaml";
import "../../src/compose/index.js";
import { ConfigError } from "../../src/config.js";
import { lintText } from "../../src/linter.js";
import { builtinRules } from "../../src/rules/index.js";
import type { Rule } from "../../src/rule.js";
import type { LintMessage } from "../../src/types.js";
import { sharedDir } from "../support/shared.js";

/**
 * Replays `../shared/peers/compose/cases.json` (KICS's Compose queries, dclint's rule tests,
 * Semgrep's docker-compose rules) through the docklint Compose rules whose `references` name
 * the peer rule. Each peer reads its cases its own way:
 *
 * - KICS: `flags` → docklint reports, and when the case gives `lines`, every line has a finding on
 *   it and every finding is on one of the lines (see `hits` for what "on a line" means); `clean` →
 *   no finding. KICS is compared on the SET of lines, not the multiset, because its `searchLine`
 *   sometimes reports one problem twice at nested keys (Cpus/Memory Not Limited on a service with
 *   an empty `deploy:` expects the service line and the `deploy:` line for one missing limit) and
 *   reports some problems once per key where docklint reports each list entry. Cases that agree
 *   only as a set are listed in the summary. A set can only hide a difference between nested
 *   lines: two KICS lines in different services still need a finding each.
 * - dclint: `flags` → exactly `count` findings (paired with `lines` when given); `clean` → none;
 *   `fix` → the fixed text under the case's `fixCompare` or `fixAssert`. dclint's rule options
 *   reach docklint through `DCLINT_OPTION_MAPPERS`.
 * - Semgrep: one verdict per annotated line: a `# ruleid:` line must be hit by a finding, a
 *   `# ok:` line must not be.
 */

export type ComposePeer = "kics" | "dclint" | "semgrep";

export interface ComposePeerCase {
  id: string;
  peer: ComposePeer;
  peerRule: string;
  peerRuleName?: string;
  kind: "compose";
  text: string;
  expect: "flags" | "clean" | "fix";
  /** KICS: one entry per expected finding (a line may repeat); dclint: observed lines; Semgrep: `# ruleid:` lines. */
  lines?: number[];
  /** Semgrep: the lines after each `# ok:` annotation. */
  okLines?: number[];
  /** dclint: the exact number of messages its test asserts. */
  count?: number;
  messages?: string[];
  /** dclint: the rule options its test passes. */
  options?: Record<string, unknown>;
  /** dclint `fix` cases. */
  fixed?: string;
  fixCompare?: string;
  fixAssert?: { contains?: string[]; notContains?: string[] };
  origin?: string;
}

/** How each peer's replay is named in the summary (KICS also has a Dockerfile replay). */
export const COMPOSE_PEER_LABELS: Record<ComposePeer, string> = {
  kics: "kics (compose)",
  dclint: "dclint",
  semgrep: "semgrep",
};

/** Minimum agreement over the covered verdicts of each peer (a known difference still counts as a disagreement). */
export const COMPOSE_TARGETS: Record<ComposePeer, number> = {
  kics: 0.95,
  dclint: 0.95,
  semgrep: 1,
};

export function loadComposeCases(): ComposePeerCase[] {
  const data = JSON.parse(readFileSync(join(sharedDir, "peers", "compose", "cases.json"), "utf8")) as { cases: ComposePeerCase[] };
  return data.cases;
}

type Options = Record<string, unknown>;

const sameList = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * dclint rule options → the docklint rule's options, per dclint rule id. A mapper returns
 * `undefined` (or a string saying why) when the dclint options have no docklint equivalent;
 * a dclint case with options and no mapper, or with options the mapper refuses, is not covered.
 * The mapped keys must exist in the docklint rule's options schema, or the case is not covered
 * either (the summary names the key, so a renamed option shows up here).
 */
export const DCLINT_OPTION_MAPPERS: Record<string, (options: Options) => Options | string | undefined> = {
  "no-build-and-image": (o) => ({ checkPullPolicy: o["checkPullPolicy"] }),
  "require-quotes-in-ports": (o) =>
    // `portsSections` is dclint's internal list; docklint always checks both sections.
    o["portsSections"] === undefined || sameList(o["portsSections"], ["ports", "expose"])
      ? { quoteType: o["quoteType"] }
      : `dclint portsSections ${JSON.stringify(o["portsSections"])} has no docklint equivalent`,
  "service-image-require-explicit-tag": (o) => ({ prohibitedTags: o["prohibitedTags"] }),
  "service-keys-order": (o) => ({ groups: o["groups"], groupOrder: o["groupOrder"] }),
  "top-level-properties-order": (o) => ({ order: o["customOrder"] }),
};

/** The Compose rules that name this peer rule in their references. */
export function composeRulesFor(peer: ComposePeer, peerRule: string, rules: readonly Rule[] = builtinRules): Rule[] {
  return rules.filter((rule) => rule.meta.kind === "compose" && rule.meta.references[peer]?.includes(peerRule));
}

function messageMatches(rule: Rule, message: LintMessage, peer: ComposePeer, peerRule: string): boolean {
  const byMessage = rule.meta.referencesByMessage?.[message.messageId ?? ""];
  if (!byMessage) return true;
  return byMessage[peer]?.includes(peerRule) ?? false;
}

/** A rule that threw: the engine turns it into a message without a messageId. */
function isCrash(message: LintMessage): boolean {
  return message.messageId === undefined && /^Rule ".*" failed on this file/.test(message.message);
}

// ---------------------------------------------------------------------------------------------
// Lines: which findings count as "on" a peer's line.

/**
 * The last line of the YAML entries (map entries and sequence items) that start on each line:
 * a peer that points at `volumes:` or at the service key `web:` means that block, and docklint
 * may point at the entry inside it (`- /var/run/docker.sock:…`), or the other way round.
 */
export function blockEnds(text: string): Map<number, number> {
  const counter = new LineCounter();
  const ends = new Map<number, number>();
  const lineOf = (offset: number): number => counter.linePos(offset).line;
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return ends;
  }
  const add = (start: number, end: number): void => {
    const first = lineOf(start);
    // `end` is exclusive: a block value ends after its last line's newline.
    const last = lineOf(Math.max(start, end - 1));
    ends.set(first, Math.max(ends.get(first) ?? first, last));
  };
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key as { range?: [number, number, number] } | null;
        const value = pair.value as { range?: [number, number, number] } | null;
        if (key?.range) add(key.range[0], value?.range ? value.range[1] : key.range[1]);
      },
      Seq(_, seq) {
        // A list item (`- /var/run/docker.sock:…`, or a map `- source: /x` with its keys below).
        for (const item of seq.items) {
          const range = (item as { range?: [number, number, number] } | null)?.range;
          if (range && !isPair(item)) add(range[0], range[1]);
        }
      },
    });
  }
  return ends;
}

/**
 * A finding is on a peer's line L when its range covers L, or when it starts inside the YAML
 * entry that starts on L (the peer names the key, docklint the value or a list entry).
 */
export function hits(message: LintMessage, line: number, ends: ReadonlyMap<number, number>): boolean {
  const endLine = message.endLine ?? message.line;
  if (message.line <= line && line <= endLine) return true;
  const blockEnd = ends.get(line) ?? line;
  return line < message.line && message.line <= blockEnd;
}

/** A maximum one-to-one pairing of expected lines with findings that are on them. */
export function pairs(lines: readonly number[], messages: readonly LintMessage[], ends: ReadonlyMap<number, number>): { unmatchedLines: number[]; unmatchedMessages: LintMessage[] } {
  const owner: (number | undefined)[] = messages.map(() => undefined);
  const tryLine = (lineIndex: number, seen: boolean[]): boolean => {
    for (let m = 0; m < messages.length; m++) {
      const message = messages[m];
      if (!message || seen[m] || !hits(message, lines[lineIndex] ?? 0, ends)) continue;
      seen[m] = true;
      const current = owner[m];
      if (current === undefined || tryLine(current, seen)) {
        owner[m] = lineIndex;
        return true;
      }
    }
    return false;
  };
  // Lines with a finding right on them first: when a pairing cannot be complete, the line left
  // over is then the one nothing points at (a finding at 7 stays with line 7, not with line 3's block).
  const order = lines.map((_, index) => index).sort((a, b) => Number(!messages.some((m) => m.line === lines[a])) - Number(!messages.some((m) => m.line === lines[b])) || a - b);
  const unmatched = new Set<number>();
  for (const index of order) if (!tryLine(index, messages.map(() => false))) unmatched.add(index);
  const unmatchedLines = lines.filter((_, index) => unmatched.has(index));
  return { unmatchedLines, unmatchedMessages: messages.filter((_, m) => owner[m] === undefined) };
}

/** The set comparison: every expected line has a finding on it, and every finding is on an expected line. */
export function cover(lines: readonly number[], messages: readonly LintMessage[], ends: ReadonlyMap<number, number>): { unmatchedLines: number[]; unmatchedMessages: LintMessage[] } {
  return {
    unmatchedLines: [...new Set(lines)].filter((line) => !messages.some((m) => hits(m, line, ends))),
    unmatchedMessages: messages.filter((m) => !lines.some((line) => hits(m, line, ends))),
  };
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

export interface ComposeVerdict {
  /** The case id; Semgrep verdicts are per annotated line: `<case id>#L<line>`. */
  id: string;
  testCase: ComposePeerCase;
  covered: boolean;
  /** Why a case is not covered (no rule references it, or its options cannot be passed on). */
  notCovered?: string;
  agrees: boolean;
  /** What the peer expects, in words. */
  expected: string;
  /** Why docklint disagrees, in words. */
  problem?: string;
  /** The docklint rules that ran. */
  ruleIds: string[];
  /** The relevant findings (those that stand for this peer rule). */
  messages: LintMessage[];
  /** `fix` cases: docklint's fixed text. */
  output?: string;
  /** KICS: the case agrees on the set of lines but the findings do not pair off one to one with them. */
  onlyAsSet?: string;
  /** Semgrep: findings that are on no annotated line (Semgrep's test would call them unexpected). */
  extra?: LintMessage[];
}

function notCovered(testCase: ComposePeerCase, reason: string, id = testCase.id): ComposeVerdict {
  return { id, testCase, covered: false, notCovered: reason, agrees: false, expected: expectation(testCase), ruleIds: [], messages: [] };
}

function expectation(testCase: ComposePeerCase): string {
  switch (testCase.expect) {
    case "clean":
      return "no finding";
    case "fix":
      return testCase.fixAssert
        ? `fixed text ${JSON.stringify(testCase.fixAssert)}`
        : `fixed text equal to \`fixed\` (${testCase.fixCompare ?? "whitespace-normalized"})`;
    case "flags":
      return [
        testCase.count !== undefined ? `exactly ${testCase.count} finding(s)` : "a finding",
        testCase.lines ? `on lines ${testCase.lines.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join(" ");
  }
}

interface Run {
  rules: Rule[];
  ruleIds: string[];
  messages: LintMessage[];
  output?: string;
  /** A parse error, a crashed rule or a configuration problem: the case cannot agree. */
  failure?: string;
  configProblem?: string;
}

/** The docklint options for a dclint case, or why there are none. */
function dclintOptions(testCase: ComposePeerCase, rules: readonly Rule[]): { options?: Options; problem?: string } {
  if (testCase.peer !== "dclint" || !testCase.options) return {};
  const mapper = DCLINT_OPTION_MAPPERS[testCase.peerRule];
  if (!mapper) return { problem: `dclint options ${JSON.stringify(testCase.options)} and no DCLINT_OPTION_MAPPERS entry for ${testCase.peerRule}` };
  const mapped = mapper(testCase.options);
  if (mapped === undefined || typeof mapped === "string") return { problem: mapped ?? `dclint options ${JSON.stringify(testCase.options)} have no docklint equivalent` };
  const options = Object.fromEntries(Object.entries(mapped).filter(([, value]) => value !== undefined));
  for (const rule of rules) {
    const known = Object.keys((rule.meta.options?.schema["properties"] as Record<string, unknown> | undefined) ?? {});
    const unknown = Object.keys(options).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
      return { problem: `DCLINT_OPTION_MAPPERS["${testCase.peerRule}"] gives option(s) ${unknown.join(", ")}, which ${rule.meta.id} does not have (it has: ${known.join(", ") || "none"})` };
    }
  }
  return { options };
}

function run(testCase: ComposePeerCase, rules: Rule[], options: Options | undefined, fix: boolean): Run {
  const ruleIds = [...new Set(rules.map((r) => r.meta.id))];
  let result;
  try {
    result = lintText(testCase.text, {
      kind: "compose",
      filePath: "compose.yaml",
      rules,
      fix,
      config: { rules: Object.fromEntries(ruleIds.map((id) => [id, options ? ["error", options] : "error"])) },
    });
  } catch (error) {
    if (error instanceof ConfigError) return { rules, ruleIds, messages: [], configProblem: `configuration rejected: ${error.message}` };
    throw error;
  }
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) return { rules, ruleIds, messages: [], failure: `docklint could not parse the text (${fatal.line}:${fatal.column} ${fatal.message})` };
  const crash = result.messages.find((m) => isCrash(m));
  if (crash) return { rules, ruleIds, messages: [], failure: crash.message };
  const messages = result.messages.filter((message) => {
    const rule = rules.find((r) => r.meta.id === message.ruleId);
    return rule !== undefined && messageMatches(rule, message, testCase.peer, testCase.peerRule);
  });
  return { rules, ruleIds, messages, ...(result.output !== undefined ? { output: result.output } : {}) };
}

const normalizeWhitespace = (text: string): string => text.replace(/\s+/g, " ").trim();

function judgeFix(testCase: ComposePeerCase, output: string): string | undefined {
  if (testCase.fixAssert) {
    const missing = (testCase.fixAssert.contains ?? []).filter((s) => !output.includes(s));
    const present = (testCase.fixAssert.notContains ?? []).filter((s) => output.includes(s));
    if (missing.length === 0 && present.length === 0) return undefined;
    return [missing.length ? `fixed text lacks ${missing.map((s) => JSON.stringify(s)).join(", ")}` : "", present.length ? `fixed text still contains ${present.map((s) => JSON.stringify(s)).join(", ")}` : ""]
      .filter(Boolean)
      .join("; ");
  }
  const fixed = testCase.fixed ?? testCase.text;
  const compare = testCase.fixCompare ?? "";
  if (compare.startsWith("trimmed-equal")) return output.trim() === fixed.trim() ? undefined : "fixed text differs from `fixed` (trimmed)";
  return normalizeWhitespace(output) === normalizeWhitespace(fixed) ? undefined : "fixed text differs from `fixed` (whitespace-normalized)";
}

const at = (messages: readonly LintMessage[]): string => messages.map((m) => `${m.line}`).join(", ") || "none";

/** One KICS or dclint case → one verdict. */
function judgeCase(testCase: ComposePeerCase, available: readonly Rule[]): ComposeVerdict {
  const rules = composeRulesFor(testCase.peer, testCase.peerRule, available);
  if (rules.length === 0) return notCovered(testCase, "no docklint rule references it");
  const { options, problem } = dclintOptions(testCase, rules);
  if (problem) return notCovered(testCase, problem);
  const fix = testCase.expect === "fix";
  const result = run(testCase, rules, options, fix);
  if (result.configProblem) return notCovered(testCase, result.configProblem);
  const base = { id: testCase.id, testCase, covered: true, expected: expectation(testCase), ruleIds: result.ruleIds, messages: result.messages };
  if (result.failure) return { ...base, agrees: false, problem: result.failure };
  if (fix) {
    const output = result.output ?? testCase.text;
    const why = judgeFix(testCase, output);
    return { ...base, output, agrees: why === undefined, ...(why ? { problem: why } : {}) };
  }
  const found = result.messages.length;
  if (testCase.expect === "clean") {
    return { ...base, agrees: found === 0, ...(found ? { problem: `docklint reports ${found} finding(s), on lines ${at(result.messages)}` } : {}) };
  }
  if (found === 0) return { ...base, agrees: false, problem: "docklint reports nothing" };
  if (testCase.count !== undefined && found !== testCase.count) {
    return { ...base, agrees: false, problem: `docklint reports ${found} finding(s), on lines ${at(result.messages)}` };
  }
  if (testCase.lines) {
    const ends = blockEnds(testCase.text);
    const multiset = pairs(testCase.lines, result.messages, ends);
    const multisetAgrees = multiset.unmatchedLines.length === 0 && multiset.unmatchedMessages.length === 0;
    // KICS is judged on the set of lines (see the file comment), dclint on the multiset.
    const { unmatchedLines, unmatchedMessages } = testCase.peer === "kics" ? cover(testCase.lines, result.messages, ends) : multiset;
    if (unmatchedLines.length > 0 || unmatchedMessages.length > 0) {
      return {
        ...base,
        agrees: false,
        problem: [
          `docklint reports on lines ${at(result.messages)}`,
          unmatchedLines.length ? `nothing ${testCase.peer === "kics" ? "is on" : "pairs with"} peer line(s) ${unmatchedLines.join(", ")}` : "",
          unmatchedMessages.length ? `no peer line for docklint's line(s) ${at(unmatchedMessages)}` : "",
        ]
          .filter(Boolean)
          .join("; "),
      };
    }
    if (!multisetAgrees) {
      return { ...base, agrees: true, onlyAsSet: `peer lines ${testCase.lines.join(", ")}, docklint lines ${at(result.messages)}` };
    }
  }
  return { ...base, agrees: true };
}

/** One Semgrep test file → one verdict per annotated line. */
function judgeSemgrep(testCase: ComposePeerCase, available: readonly Rule[]): ComposeVerdict[] {
  const ruleLines = testCase.lines ?? [];
  const okLines = testCase.okLines ?? [];
  const lineId = (line: number): string => `${testCase.id}#L${line}`;
  const rules = composeRulesFor("semgrep", testCase.peerRule, available);
  if (rules.length === 0) return [...ruleLines, ...okLines].map((line) => notCovered(testCase, "no docklint rule references it", lineId(line)));
  const result = run(testCase, rules, undefined, false);
  const ends = blockEnds(testCase.text);
  const extra = result.messages.filter((m) => !ruleLines.some((line) => hits(m, line, ends)));
  const verdict = (line: number, ruleid: boolean): ComposeVerdict => {
    const on = result.messages.filter((m) => hits(m, line, ends));
    const base = { id: lineId(line), testCase, covered: true, ruleIds: result.ruleIds, messages: on, extra };
    const expected = ruleid ? `a finding on line ${line} (# ruleid)` : `no finding on line ${line} (# ok)`;
    if (result.failure) return { ...base, expected, agrees: false, problem: result.failure };
    if (ruleid) return { ...base, expected, agrees: on.length > 0, ...(on.length ? {} : { problem: "docklint reports nothing there" }) };
    return { ...base, expected, agrees: on.length === 0, ...(on.length ? { problem: `docklint reports on line(s) ${at(on)}` } : {}) };
  };
  return [...ruleLines.map((line) => verdict(line, true)), ...okLines.map((line) => verdict(line, false))];
}

/** One case → its verdicts (one, or one per annotated line for Semgrep), through `rules` (the built-in ones by default). */
export function judgeCompose(testCase: ComposePeerCase, rules: readonly Rule[] = builtinRules): ComposeVerdict[] {
  return testCase.peer === "semgrep" ? judgeSemgrep(testCase, rules) : [judgeCase(testCase, rules)];
}

// ---------------------------------------------------------------------------------------------
// Reports.

const percent = (agree: number, total: number): string => `${((100 * agree) / Math.max(1, total)).toFixed(1)}%`;

export function summarizeCompose(peer: ComposePeer, verdicts: readonly ComposeVerdict[], knownDifferences: Readonly<Record<string, string>> = {}): string {
  const byRule = new Map<string, { total: number; agree: number; ruleIds: Set<string> }>();
  for (const v of verdicts.filter((x) => x.covered)) {
    const entry = byRule.get(v.testCase.peerRule) ?? { total: 0, agree: 0, ruleIds: new Set<string>() };
    entry.total++;
    if (v.agrees) entry.agree++;
    for (const id of v.ruleIds) entry.ruleIds.add(id);
    byRule.set(v.testCase.peerRule, entry);
  }
  const covered = verdicts.filter((v) => v.covered);
  const agreed = covered.filter((v) => v.agrees).length;
  const unit = peer === "semgrep" ? "annotated lines" : "cases";
  const rows = [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, { total, agree, ruleIds }]) => `  ${rule.padEnd(40)} ${String(agree).padStart(4)}/${String(total).padEnd(4)} ${percent(agree, total).padStart(6)}  ← ${[...ruleIds].join(", ")}`);
  const uncovered = verdicts.filter((v) => !v.covered);
  const reasons = new Map<string, string[]>();
  for (const v of uncovered) {
    const key = `${v.testCase.peerRule}${v.testCase.peerRuleName ? ` (${v.testCase.peerRuleName})` : ""}: ${v.notCovered ?? ""}`;
    reasons.set(key, [...(reasons.get(key) ?? []), v.id]);
  }
  const extras = peer === "semgrep" ? [...new Map(verdicts.flatMap((v) => (v.extra ?? []).map((m) => [`${v.testCase.id}:${m.line}:${m.column}:${m.ruleId}`, { v, m }] as const))).values()] : [];
  const asSet = verdicts.filter((v) => v.onlyAsSet);
  return [
    `${COMPOSE_PEER_LABELS[peer]}: ${agreed}/${covered.length} covered ${unit} agree (${percent(agreed, covered.length)}), ${covered.filter((v) => !v.agrees && v.id in knownDifferences).length} of the others listed as known differences; ${uncovered.length} of ${verdicts.length} not covered`,
    ...rows,
    ...(asSet.length ? ["  agree on the set of lines, not one to one:", ...asSet.map((v) => `    ${v.id} [${v.ruleIds.join(", ")}]: ${v.onlyAsSet ?? ""}`)] : []),
    ...(uncovered.length ? ["  not covered:", ...[...reasons.entries()].map(([reason, ids]) => `    ${reason} — ${ids.length} ${unit}`)] : []),
    ...(extras.length
      ? ["  findings on no `# ruleid:` line (Semgrep would call them unexpected; not counted):", ...extras.map(({ v, m }) => `    ${v.testCase.id} ${m.line}:${m.column} ${m.ruleId} ${m.message}`)]
      : []),
  ].join("\n");
}

const numbered = (text: string): string =>
  text
    .split("\n")
    .map((line, index) => `    ${String(index + 1).padStart(3)}| ${line}`)
    .join("\n");

/** Disagreements with everything needed to judge them: the expectation, the findings, the numbered text (once per case). */
export function describeDisagreements(verdicts: readonly ComposeVerdict[]): string {
  const byCase = new Map<ComposePeerCase, ComposeVerdict[]>();
  for (const v of verdicts) byCase.set(v.testCase, [...(byCase.get(v.testCase) ?? []), v]);
  return [...byCase.entries()]
    .map(([testCase, list]) =>
      [
        ...list.flatMap((v) => [
          `DISAGREES ${v.id} [${v.ruleIds.join(", ")}]: peer expects ${v.expected}; ${v.problem ?? ""}`,
          ...v.messages.map((m) => `    ${m.line}:${m.column} ${m.ruleId}/${m.messageId ?? ""} ${m.message}`),
        ]),
        numbered(testCase.text),
        ...list.flatMap((v) =>
          v.output !== undefined
            ? ["  docklint's fixed text:", numbered(v.output), ...(testCase.fixed !== undefined ? ["  peer's fixed text:", numbered(testCase.fixed)] : [])]
            : [],
        ),
      ].join("\n"),
    )
    .join("\n\n");
}
