import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../../src/compose/index.js";
import { lintText } from "../../src/linter.js";
import type { FileKind, LintResult } from "../../src/types.js";
import { filesUnder, hasShared, sharedDir, skipMessage } from "../support/shared.js";


/**
 * Every real file of the shared corpus gets a result: no exception escapes, every range
 * lies inside the file, no rule crashes; the per-rule finding counts are printed.
 */
function lintCorpus(kind: FileKind, folder: string, label: string, minimum: number): void {
  const files = filesUnder(join(sharedDir, "corpus", folder));
  expect(files.length).toBeGreaterThanOrEqual(minimum);
  const perRule = new Map<string, number>();
  let fatal = 0;
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    let result: LintResult;
    try {
      result = lintText(text, { filePath: file, kind, config: { extends: ["all"] } });
    } catch (error) {
      problems.push(`${file}: threw ${String(error)}`);
      continue;
    }
    const lines = text.split(/\r\n|\r|\n/);
    const inside = (line: number, column: number) =>
      line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
    for (const m of result.messages) {
      if (m.fatal) fatal++;
      else if (m.ruleId !== null) perRule.set(m.ruleId, (perRule.get(m.ruleId) ?? 0) + 1);
      if (m.message.startsWith('Rule "')) problems.push(`${file}: ${m.message}`);
      if (!inside(m.line, m.column) || (m.endLine !== undefined && !inside(m.endLine, m.endColumn ?? 1))) {
        problems.push(`${file}: ${m.ruleId} range ${m.line}:${m.column}-${m.endLine}:${m.endColumn} outside the file`);
      }
    }
  }
  const counts = [...perRule.entries()].sort((a, b) => b[1] - a[1]).map(([id, n]) => `  ${id.padEnd(36)} ${n}`);
  console.log(`corpus: ${files.length} ${label}, ${files.length - fatal} parsed, ${fatal} fatal\n${counts.join("\n")}`);
  expect(problems.slice(0, 20)).toEqual([]);
}

describe.skipIf(!hasShared)("corpus", () => {
  if (!hasShared) {
    it.skip(skipMessage("corpus no-crash test"), () => undefined);
    return;
  }
  it("lints every Dockerfile without an exception, with every range inside the file", () => {
    // The whole corpus: 2,468 Dockerfiles and 976 Compose files (there is no daemon.json corpus).
    lintCorpus("dockerfile", "dockerfile", "Dockerfiles", 2468);
  });
  it("lints every Compose file without an exception, with every range inside the file", () => {
    lintCorpus("compose", "compose", "Compose files", 976);
  });
});
