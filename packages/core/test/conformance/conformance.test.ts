import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PeerName } from "../../src/types.js";
import { hasShared, skipMessage } from "../support/shared.js";
import { COMPOSE_PEER_LABELS, COMPOSE_TARGETS, describeDisagreements, judgeCompose, loadComposeCases, summarizeCompose, type ComposePeer } from "./compose-peers.js";
import { judge, loadCases, PEER_FILES, type Verdict } from "./peers.js";

/**
 * Replays the peers' own test cases through the docklint rules whose `references` name the
 * peer rule. A disagreement fails unless `known-differences/<rule-id>.json` lists it with the
 * reason docklint's answer is the better one; a listed case that now agrees fails too, so the
 * list never goes stale. One file per rule keeps the reasons next to the rule they explain.
 */
function readKnownDifferences(): Record<string, string> {
  const merged: Record<string, string> = {};
  const dir = join(import.meta.dirname, "known-differences");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => join(dir, f));
  const legacy = join(import.meta.dirname, "known-differences.json");
  if (existsSync(legacy)) files.push(legacy);
  for (const file of files) Object.assign(merged, JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  return merged;
}
const knownDifferences = readKnownDifferences();

/** Minimum agreement over the covered cases of each peer. */
const TARGETS: Record<PeerName, number> = {
  hadolint: 0.95,
  buildkit: 0.95,
  trivy: 0.9,
  checkov: 0.9,
  kics: 0.9,
  dclint: 0.9,
  semgrep: 0.9,
  cis: 1,
};

function summarize(peer: string, verdicts: Verdict[]): string {
  const byRule = new Map<string, { total: number; agree: number }>();
  for (const v of verdicts.filter((x) => x.covered)) {
    const entry = byRule.get(v.testCase.peerRule) ?? { total: 0, agree: 0 };
    entry.total++;
    if (v.agrees) entry.agree++;
    byRule.set(v.testCase.peerRule, entry);
  }
  const lines = [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, { total, agree }]) => `  ${rule.padEnd(40)} ${String(agree).padStart(4)}/${String(total).padEnd(4)} ${((100 * agree) / total).toFixed(1)}%`);
  const covered = verdicts.filter((v) => v.covered);
  const agreed = covered.filter((v) => v.agrees).length;
  return [
    `${peer}: ${agreed}/${covered.length} covered cases agree (${((100 * agreed) / Math.max(1, covered.length)).toFixed(1)}%); ${verdicts.length - covered.length} of ${verdicts.length} cases not covered by any docklint rule yet`,
    ...lines,
  ].join("\n");
}

describe.skipIf(!hasShared)("peer conformance", () => {
  if (!hasShared) {
    it.skip(skipMessage("peer conformance"), () => undefined);
    return;
  }
  for (const [folder, peer] of Object.entries(PEER_FILES)) {
    describe(peer, () => {
      const verdicts = loadCases(folder).map((testCase) => judge(peer, testCase));
      const covered = verdicts.filter((v) => v.covered);
      it("agrees with the peer's own test cases, except the listed known differences", () => {
        console.log(summarize(peer, verdicts));
        const unexpected = covered.filter((v) => !v.agrees && !(v.testCase.id in knownDifferences));
        const stale = covered.filter((v) => v.agrees && v.testCase.id in knownDifferences);
        const report = [
          ...unexpected.map(
            (v) =>
              `DISAGREES ${v.testCase.id}: peer expects ${v.testCase.expect}${v.testCase.count !== undefined ? ` x${v.testCase.count}` : ""}, docklint found ${v.found}\n${v.testCase.text}\n${v.messages.map((m) => `    ${m.line}:${m.column} ${m.ruleId} ${m.message}`).join("\n")}`,
          ),
          ...stale.map((v) => `NOW AGREES (remove it from known-differences/): ${v.testCase.id}`),
        ];
        expect(report.join("\n\n")).toBe("");
      });
      it(`reaches the agreement target on covered cases`, () => {
        const agreed = covered.filter((v) => v.agrees).length;
        if (covered.length > 0) expect(agreed / covered.length).toBeGreaterThanOrEqual(TARGETS[peer]);
      });
    });
  }
});

/**
 * The Compose peers (`../shared/peers/compose/cases.json`), one replay per peer; KICS's Compose
 * queries are reported as "kics (compose)", apart from its Dockerfile queries above. Semgrep
 * verdicts are per annotated line, so its known differences are keyed `<case id>#L<line>`.
 */
describe.skipIf(!hasShared)("peer conformance: Compose", () => {
  if (!hasShared) {
    it.skip(skipMessage("Compose peer conformance"), () => undefined);
    return;
  }
  const cases = loadComposeCases();
  for (const peer of Object.keys(COMPOSE_PEER_LABELS) as ComposePeer[]) {
    describe(COMPOSE_PEER_LABELS[peer], () => {
      const verdicts = cases.filter((c) => c.peer === peer).flatMap((c) => judgeCompose(c));
      const covered = verdicts.filter((v) => v.covered);
      it("has cases", () => {
        expect(verdicts.length).toBeGreaterThan(0);
      });
      it("agrees with the peer's own test cases, except the listed known differences", () => {
        console.log(summarizeCompose(peer, verdicts, knownDifferences));
        const unexpected = covered.filter((v) => !v.agrees && !(v.id in knownDifferences));
        const stale = covered.filter((v) => v.agrees && v.id in knownDifferences);
        // The details (findings, numbered text, fixed text) go to the log, once per case;
        // the assertion lists the ids, so the failure message stays readable.
        if (unexpected.length > 0) console.log(describeDisagreements(unexpected));
        expect({
          disagreements: unexpected.map((v) => `${v.id} [${v.ruleIds.join(", ")}]: peer expects ${v.expected}; ${v.problem ?? ""}`),
          nowAgree_removeFromKnownDifferences: stale.map((v) => v.id),
        }).toEqual({ disagreements: [], nowAgree_removeFromKnownDifferences: [] });
      });
      it("reaches the agreement target on covered cases", () => {
        const agreed = covered.filter((v) => v.agrees).length;
        if (covered.length > 0) expect(agreed / covered.length).toBeGreaterThanOrEqual(COMPOSE_TARGETS[peer]);
      });
    });
  }
});
