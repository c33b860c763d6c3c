import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { classify } from "../src/files.js";
import { relativePaths, run, runJson, tempDir } from "./helpers.js";

/** daemon.json through the CLI: discovery, the lazily loaded language, presets, stdin, errors. */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const DAEMON_RULES = builtinRules.filter((rule) => rule.meta.kind === "daemon");
const findings = (messages: readonly { ruleId: string | null; line: number; column: number }[]): [string | null, number, number][] =>
  messages.map((m) => [m.ruleId, m.line, m.column]);

describe("daemon.json in the CLI", () => {
  it("a directory search picks up daemon.json (that exact name only) as kind daemon", async () => {
    expect(classify("daemon.json")).toBe("daemon");
    for (const name of ["Daemon.json", "daemon.json.bak", "my-daemon.json", "daemon.jsonc"]) expect(classify(name), name).toBeUndefined();
    const dir = tempDir({ "etc/docker/daemon.json": '{"icc": false}\n', "etc/docker/key.json": "{}\n", "other.json": "{}\n" });
    const { code, results } = await runJson(["--no-config-lookup"], { cwd: dir, rules: DAEMON_RULES });
    expect(relativePaths(results, dir)).toEqual([path.join("etc", "docker", "daemon.json")]);
    expect(results[0]?.kind).toBe("daemon");
    // Under recommended: only the missing log rotation (a warning).
    expect(findings(results[0]?.messages ?? [])).toEqual([["require-log-rotation", 1, 1]]);
    expect(code).toBe(0);
  });

  it("pins every finding of examples/insecure/daemon/daemon.json under recommended", async () => {
    const { code, results } = await runJson(["examples/insecure/daemon/daemon.json", "--no-config-lookup"], { cwd: REPO, rules: builtinRules });
    expect(code).toBe(1);
    expect(results).toHaveLength(1);
    expect(results[0]?.kind).toBe("daemon");
    expect(findings(results[0]?.messages ?? [])).toEqual([
      ["no-insecure-daemon-socket", 2, 44],
      ["no-insecure-registries", 3, 27],
      ["no-insecure-registries", 3, 53],
      ["no-aufs-storage-driver", 4, 21],
      ["no-experimental-features", 5, 19],
      ["valid-daemon-config", 6, 10],
      ["valid-daemon-config", 7, 3],
      ["require-log-rotation", 9, 3],
      ["valid-daemon-config", 10, 17],
    ]);
    const byLine = new Map((results[0]?.messages ?? []).map((m) => [`${m.line}:${m.column}`, m.message]));
    expect(byLine.get("7:3")).toContain("did you mean `live-restore`?");
    expect(byLine.get("10:17")).toContain('write "5" in quotes');
  });

  it("examples/hardened/daemon/daemon.json is clean under recommended and under all", async () => {
    const recommended = await runJson(["examples/hardened/daemon", "--no-config-lookup"], { cwd: REPO, rules: builtinRules });
    expect(recommended.code).toBe(0);
    expect(recommended.results.map((r) => r.messages)).toEqual([[]]);
    const dir = tempDir({ "all.json": JSON.stringify({ extends: ["all"] }) });
    const all = await runJson([path.join(REPO, "examples/hardened/daemon/daemon.json"), "--config", path.join(dir, "all.json")], { cwd: dir, rules: DAEMON_RULES });
    expect(all.results.map((r) => r.messages)).toEqual([[]]);
    expect(all.code).toBe(0);
  });

  it("the cis preset turns on every CIS section 2 rule", async () => {
    const dir = tempDir({ "daemon.json": "{}\n", "cis.json": JSON.stringify({ extends: ["cis"] }) });
    const { code, results } = await runJson(["daemon.json", "--config", "cis.json"], { cwd: dir, rules: DAEMON_RULES });
    expect(code).toBe(1);
    expect((results[0]?.messages ?? []).map((m) => m.ruleId).sort()).toEqual([
      "require-authorization-plugin",
      "require-icc-disabled",
      "require-live-restore",
      "require-no-new-privileges",
      "require-userland-proxy-disabled",
      "require-userns-remap",
    ]);
  });

  it("a syntax error is one fatal message with its line and column, and exit 1", async () => {
    const dir = tempDir({ "daemon.json": '{\n  "icc": false,\n}\n' });
    const { code, results } = await runJson(["daemon.json", "--no-config-lookup"], { cwd: dir, rules: DAEMON_RULES });
    expect(code).toBe(1);
    expect(results[0]?.messages).toHaveLength(1);
    expect(results[0]?.messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 3, column: 1 });
    expect(results[0]?.messages[0]?.message).toMatch(/not valid JSON: Unexpected token RBrace found\. at line 3, column 1/);
  });

  it("reads standard input as daemon.json with --kind daemon, or with --stdin-filename daemon.json", async () => {
    const text = '{"hosts": ["tcp://0.0.0.0:2375"], "log-opts": {"max-size": "10m"}}\n';
    for (const args of [["--stdin", "--kind", "daemon"], ["--stdin", "--stdin-filename", "/etc/docker/daemon.json"]]) {
      const { code, results } = await runJson([...args, "--no-config-lookup"], { cwd: tempDir(), stdin: text, rules: DAEMON_RULES });
      expect(results[0]?.kind, args.join(" ")).toBe("daemon");
      expect(findings(results[0]?.messages ?? []), args.join(" ")).toEqual([["no-insecure-daemon-socket", 1, 12]]);
      expect(code).toBe(1);
    }
  });

  it("a content-sniffed JSON object on stdin is linted as daemon.json", async () => {
    const { results } = await runJson(["--stdin", "--no-config-lookup"], { cwd: tempDir(), stdin: '{"storage-driver": "aufs", "log-driver": "local"}', rules: DAEMON_RULES });
    expect(results[0]?.kind).toBe("daemon");
    expect(findings(results[0]?.messages ?? [])).toEqual([["no-aufs-storage-driver", 1, 20]]);
  });

  it("`docklint rules` lists require-no-new-privileges for Compose and daemon.json", async () => {
    const { code, stdout } = await run(["rules", "--format", "json"], { cwd: tempDir(), rules: builtinRules });
    expect(code).toBe(0);
    const rules = JSON.parse(stdout) as { id: string; kinds: string[] }[];
    expect(rules.find((r) => r.id === "require-no-new-privileges")?.kinds).toEqual(["compose", "daemon"]);
    expect(rules.find((r) => r.id === "valid-daemon-config")?.kinds).toEqual(["daemon"]);
  });
});
