import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules, lintText } from "@docklint/core";
import { createShellcheckRunner } from "../src/shellcheck.js";

/**
 * hadolint's own ShellCheck cases (`peerRule: "SC"` in ../shared/peers/hadolint/cases.json),
 * replayed through the `shellcheck` rule with the real runner. The core conformance harness
 * runs rules without services, so it cannot judge these cases; this test does, as long as
 * shellcheck is installed.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const sharedDir = process.env["DOCKLINT_SHARED_DIR"] ?? path.join(repoRoot, "..", "shared");
const casesFile = path.join(sharedDir, "peers", "hadolint", "cases.json");
const runner = createShellcheckRunner();
const skip = !existsSync(casesFile)
  ? `hadolint SC conformance: skipped, because ${casesFile} is absent (set DOCKLINT_SHARED_DIR)`
  : !runner
    ? "hadolint SC conformance: skipped, because shellcheck is not installed (Debian: apt-get install shellcheck)"
    : "";

/** Cases where docklint deliberately answers differently, with the reason (none with ShellCheck 0.9.0). */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

interface PeerCase {
  id: string;
  peerRule: string;
  text: string;
  expect: "flags" | "clean" | "fix";
  count?: number;
}

describe("hadolint's ShellCheck cases", () => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const rules = builtinRules.filter((rule) => rule.meta.references.hadolint?.includes("SC"));
  const cases = (JSON.parse(readFileSync(casesFile, "utf8")) as { cases: PeerCase[] }).cases.filter((c) => c.peerRule === "SC");

  it("agree with docklint's shellcheck rule, except the listed known differences", () => {
    expect(rules.map((r) => r.meta.id)).toEqual(["shellcheck"]);
    expect(cases.length).toBeGreaterThan(30);
    const verdicts = cases.map((testCase) => {
      const messages = lintText(testCase.text, {
        filePath: "Dockerfile",
        kind: "dockerfile",
        rules,
        config: { rules: { shellcheck: "error" } },
        services: runner ? { shellcheck: runner } : {},
      }).messages.filter((m) => !m.fatal);
      const found = messages.length;
      const agrees = testCase.expect === "clean" ? found === 0 : testCase.count !== undefined ? found === testCase.count : found > 0;
      return { testCase, agrees, messages };
    });
    const agreed = verdicts.filter((v) => v.agrees).length;
    console.log(`hadolint SC: ${agreed}/${verdicts.length} cases agree (${((100 * agreed) / verdicts.length).toFixed(1)}%)`);
    const report = [
      ...verdicts
        .filter((v) => !v.agrees && !(v.testCase.id in KNOWN_DIFFERENCES))
        .map((v) => `DISAGREES ${v.testCase.id}: peer expects ${v.testCase.expect}, docklint found ${v.messages.length}\n${v.testCase.text}${v.messages.map((m) => `    ${m.line}:${m.column} ${m.message}`).join("\n")}`),
      ...verdicts.filter((v) => v.agrees && v.testCase.id in KNOWN_DIFFERENCES).map((v) => `NOW AGREES (remove it from KNOWN_DIFFERENCES): ${v.testCase.id}`),
    ];
    expect(report.join("\n\n")).toBe("");
  });
});
