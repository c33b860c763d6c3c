import { describe, expect, it } from "vitest";
import { createLintTimes } from "@docklint/core";
import { addLintTimes, formatLintTimes, timingListSize } from "../src/timing.js";
import { CLEAN, FAILING, run, tempDir } from "./helpers.js";

describe("TIMING (as ESLint's)", () => {
  it("lists 10 rules, more for a number above 10, every rule for all", () => {
    for (const [setting, size] of [["1", 10], ["true", 10], ["0", 10], ["5", 10], ["25", 25], ["all", Number.POSITIVE_INFINITY], ["ALL", Number.POSITIVE_INFINITY]] as const) {
      expect(timingListSize(setting), setting).toBe(size);
    }
  });

  it("prints ESLint's table: the slowest rules first, each rule's share of all rules' time, then the time parsing", () => {
    const times = createLintTimes();
    times.parse = 12.3456;
    for (let i = 0; i < 12; i++) times.rules.set(`rule-${String.fromCharCode(97 + i)}`, i === 11 ? 40 : 5);
    expect(formatLintTimes(times, "1")).toBe(
      [
        "Rule   | Time (ms) | Relative",
        ":------|----------:|--------:",
        "rule-l |    40.000 |    42.1%",
        "rule-a |     5.000 |     5.3%",
        "rule-b |     5.000 |     5.3%",
        "rule-c |     5.000 |     5.3%",
        "rule-d |     5.000 |     5.3%",
        "rule-e |     5.000 |     5.3%",
        "rule-f |     5.000 |     5.3%",
        "rule-g |     5.000 |     5.3%",
        "rule-h |     5.000 |     5.3%",
        "rule-i |     5.000 |     5.3%",
        "Parsing: 12.346 ms, with the analyses every rule shares (a RUN's shell analysis).",
        "",
      ].join("\n"),
    );
    expect(formatLintTimes(times, "all").split("\n")).toHaveLength(2 + 12 + 2);
  });

  it("adds a worker's times to the run's", () => {
    const run = createLintTimes();
    run.parse = 1;
    run.rules.set("a", 2);
    const batch = createLintTimes();
    batch.parse = 3;
    batch.rules.set("a", 4).set("b", 5);
    addLintTimes(run, batch);
    expect(run).toEqual({ parse: 4, rules: new Map([["a", 6], ["b", 5]]) });
  });

  it("goes to standard error, after the report, which stays parseable; nothing without TIMING", async () => {
    const dir = tempDir({ "a/Dockerfile": FAILING, "b/Dockerfile": CLEAN });
    const timed = await run([".", "--format", "json"], { cwd: dir, env: { TIMING: "1" } });
    expect(timed.code).toBe(1);
    expect((JSON.parse(timed.stdout) as unknown[]).length).toBe(2);
    const lines = timed.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Rule +\| Time \(ms\) \| Relative$/);
    expect(lines.slice(2, -1).map((line) => line.split(" | ")[0]?.trim())).toEqual(["require-non-root-user"]);
    expect(lines.at(-1)).toMatch(/^Parsing: \d+\.\d{3} ms/);
    const untimed = await run([".", "--format", "json"], { cwd: dir, env: {} });
    expect(untimed.stderr).toBe("");
    expect(untimed.stdout).toBe(timed.stdout);
  });
});
