import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import type { LintResult } from "@docklint/core";
import { fixDiff } from "../src/diff.js";

function result(source: string, output: string): LintResult {
  return { filePath: "/work/Dockerfile", kind: "dockerfile", messages: [], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, source, output } as unknown as LintResult;
}

const lines = (count: number, line: (i: number) => string, end = "\n"): string => Array.from({ length: count }, (_, i) => line(i)).join("\n") + end;

describe("--fix-dry-run's diff", () => {
  it("is jsdiff's smallest diff for a few changes", () => {
    const before = lines(40, (i) => (i === 10 ? "run echo a" : `RUN echo ${i}`));
    const after = before.replace("run echo a", "RUN echo a");
    const patch = fixDiff(result(before, after), "/work") ?? "";
    expect(patch).toBe("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -8,7 +8,7 @@\n RUN echo 7\n RUN echo 8\n RUN echo 9\n-run echo a\n+RUN echo a\n RUN echo 11\n RUN echo 12\n RUN echo 13\n");
  });

  // jsdiff takes time in the length times the edits: 20,000 lines with every other one changed took 40 s.
  it("is one hunk that applies, past a few thousand changed lines, with or without a final line break", () => {
    for (const end of ["\n", ""]) {
      const before = lines(6000, (i) => `${i % 2 ? "run" : "RUN"} echo ${i}`, end);
      const after = `# header\n${before.replaceAll("run echo", "RUN echo")}`.replace(/RUN echo 5999$/, "RUN echo last");
      const patch = fixDiff(result(before, after), "/work") ?? "";
      expect(patch.match(/^@@ /gm)).toHaveLength(1);
      expect(applyPatch(before, patch)).toBe(after);
    }
  });

  it("keeps the context of an unchanged start and end", () => {
    const before = lines(6000, (i) => (i < 10 || i > 5990 ? `KEEP ${i}` : `run ${i}`));
    const after = before.replaceAll("run ", "RUN ");
    const patch = fixDiff(result(before, after), "/work") ?? "";
    expect(patch.split("\n").slice(0, 6)).toEqual(["--- a/Dockerfile", "+++ b/Dockerfile", "@@ -8,5987 +8,5987 @@", " KEEP 7", " KEEP 8", " KEEP 9"]);
    expect(applyPatch(before, patch)).toBe(after);
  });
});
