import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { builtinRules } from "@docklint/core";
import { relativePaths, run, runJson } from "./helpers.js";

/**
 * The examples/ directory with every built-in rule under the `recommended` preset (no config
 * lookup: what `docklint examples/` prints on a fresh clone). These tests follow the rules as
 * they land on purpose: an example that stops saying what the README says it says must fail here.
 */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const RECOMMENDED = ["--no-config-lookup"];

const findings = (messages: readonly { ruleId: string | null; line: number; column: number }[]): [string | null, number, number][] =>
  messages.map((m) => [m.ruleId, m.line, m.column]);

describe("examples/", () => {
  it("finds the Dockerfiles, Compose files and daemon.json files of both trees", async () => {
    const { results } = await runJson(["examples", ...RECOMMENDED], { cwd: REPO, rules: builtinRules });
    expect(relativePaths(results, REPO).map((file) => file.split(path.sep).join("/"))).toEqual([
      "examples/hardened/apache/Dockerfile",
      "examples/hardened/daemon/daemon.json",
      "examples/hardened/stack/compose.yaml",
      "examples/insecure/apache/Dockerfile",
      "examples/insecure/daemon/daemon.json",
      "examples/insecure/stack/docker-compose.yml",
      "examples/insecure/swarm/compose.yaml",
      "examples/project/shop/api/Dockerfile",
      "examples/project/shop/compose.override.yaml",
      "examples/project/shop/compose.yaml",
      "examples/project/shop/daemon.json",
      "examples/project/shop/worker/Dockerfile",
    ]);
    expect(results.map((r) => r.kind)).toEqual(["dockerfile", "daemon", "compose", "dockerfile", "daemon", "compose", "compose", "dockerfile", "compose", "compose", "daemon", "dockerfile"]);
    expect(results.every((r) => r.fatalErrorCount === 0)).toBe(true);
  });

  it("fails on the insecure tree, with require-non-root-user among the findings (what .ci/run checks)", async () => {
    const { code, results } = await runJson(["examples", ...RECOMMENDED], { cwd: REPO, rules: builtinRules });
    expect(code).toBe(1);
    const insecureApache = results.find((r) => r.filePath.endsWith(path.join("insecure", "apache", "Dockerfile")));
    expect(insecureApache?.messages.map((m) => m.ruleId)).toContain("require-non-root-user");
  });

  it("reports the project's cross-file findings (examples/project/shop, pinned in project.test.ts)", async () => {
    const { results } = await runJson(["examples", ...RECOMMENDED], { cwd: REPO, rules: builtinRules });
    const shop = results.filter((r) => r.filePath.includes(path.join("project", "shop")));
    expect(shop.flatMap((r) => findings(r.messages).map(([rule, line, column]) => [path.basename(path.dirname(r.filePath)) + "/" + path.basename(r.filePath), rule, line, column]))).toEqual([
      ["shop/compose.override.yaml", "no-conflicting-keys", 8, 9],
      ["shop/compose.override.yaml", "require-image-or-build", 13, 3],
      ["shop/compose.override.yaml", "no-undefined-reference", 18, 14],
      ["shop/compose.yaml", "require-non-root-user", 32, 11],
      ["shop/compose.yaml", "require-non-root-user", 38, 3],
      ["shop/daemon.json", "no-insecure-daemon-socket", 2, 44],
      ["worker/Dockerfile", "require-non-root-user", 1, 1],
      ["worker/Dockerfile", "no-secret-files-in-context", 4, 6],
    ]);
  });

  it("says nothing at all about the hardened tree", async () => {
    const { code, results } = await runJson(["examples/hardened", ...RECOMMENDED], { cwd: REPO, rules: builtinRules });
    expect(results.map((r) => [path.relative(REPO, r.filePath), findings(r.messages)])).toEqual(
      results.map((r) => [path.relative(REPO, r.filePath), []]),
    );
    expect(code).toBe(0);
  });

  it("reports only the published port without a host IP in the swarm stack, and nothing about its deploy.resources.limits", async () => {
    // 5 replicas, limits under deploy.resources.limits, ports: ["4000:80"] — the stack of the issue.
    const { results } = await runJson(["examples/insecure/swarm/compose.yaml", ...RECOMMENDED], { cwd: REPO, rules: builtinRules });
    expect(results).toHaveLength(1);
    const messages = results[0]?.messages ?? [];
    expect(messages.filter((m) => /resource|limit|pids|memory|cpu/i.test(m.ruleId ?? ""))).toEqual([]);
    // Line 22 is `      - "4000:80"`: the finding is at the entry.
    expect(findings(messages)).toEqual([["require-port-host-ip", 22, 9]]);
    expect(messages[0]?.message).toContain("4000");
  });
});

describe("README.md's quick-start output", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is what `docklint examples/ --format compact` prints (paths shortened)", async () => {
    // The end-of-life rules judge against today: the block was written on this day.
    vi.useFakeTimers({ now: new Date("2026-12-01T12:00:00Z"), toFake: ["Date"] });
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const block = /<!-- examples-output:start -->[\s\S]*?```text\n([\s\S]*?)```\n<!-- examples-output:end -->/.exec(readme)?.[1];
    expect(block, "the README's examples-output block").toBeDefined();
    const { code, stdout } = await run(["examples/", "--format", "compact"], { cwd: REPO, rules: builtinRules });
    expect(code).toBe(1);
    const printed = stdout
      .split(REPO)
      .join("")
      .replace(/\r\n/g, "\n")
      .replace(/^[^:\n]+(?=: line )/gm, (file) => file.split(path.sep).join("/"));
    expect(printed).toBe(block);
  });
});
