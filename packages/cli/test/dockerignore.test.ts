import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { siblingReader } from "../src/lint.js";
import { runJson, tempDir } from "./helpers.js";

const ONLY_IGNORED = builtinRules.filter((rule) => rule.meta.id === "no-copy-ignored-file");
const DOCKERFILE = "FROM scratch\nCOPY secret.txt /x\n";

describe("the .dockerignore beside a Dockerfile", () => {
  it("is read, so COPY of an ignored file is reported", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE, ".dockerignore": "secret.txt\n" });
    const { results } = await runJson([], { cwd: dir, rules: ONLY_IGNORED });
    expect(results).toHaveLength(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-copy-ignored-file", 2, 6]]);
  });

  it("prefers <name>.dockerignore next to the Dockerfile", async () => {
    const dir = tempDir({ "app/Dockerfile": DOCKERFILE, "app/Dockerfile.dockerignore": "other\n", "app/.dockerignore": "secret.txt\n" });
    const { results } = await runJson(["app/Dockerfile"], { cwd: dir, rules: ONLY_IGNORED });
    expect(results[0]?.messages).toEqual([]);
  });

  it("is not looked for when the Dockerfile comes on standard input without a name", async () => {
    const dir = tempDir({ ".dockerignore": "secret.txt\n" });
    const { results } = await runJson(["--stdin"], { cwd: dir, stdin: DOCKERFILE, rules: ONLY_IGNORED });
    expect(results[0]?.messages).toEqual([]);
  });

  it("is read beside --stdin-filename", async () => {
    const dir = tempDir({ "svc/.dockerignore": "secret.txt\n" });
    const { results } = await runJson(["--stdin", "--stdin-filename", "svc/Dockerfile"], { cwd: dir, stdin: DOCKERFILE, rules: ONLY_IGNORED });
    expect(results[0]?.messages.map((m) => m.ruleId)).toEqual(["no-copy-ignored-file"]);
  });
});

describe("siblingReader", () => {
  it("reads files in the linted file's directory and below", () => {
    const dir = tempDir({ "a/Dockerfile": "", "a/.dockerignore": "x\n", "a/sub/f": "y" });
    const read = siblingReader(path.join(dir, "a/Dockerfile"));
    expect(read?.(".dockerignore")).toBe("x\n");
    expect(read?.("sub/f")).toBe("y");
    expect(read?.("missing")).toBeUndefined();
    expect(read?.("sub")).toBeUndefined();
  });

  it("refuses paths that leave the directory or are absolute", () => {
    const dir = tempDir({ "a/Dockerfile": "", secret: "s" });
    const read = siblingReader(path.join(dir, "a/Dockerfile"));
    expect(fs.existsSync(path.join(dir, "secret"))).toBe(true);
    expect(read?.("../secret")).toBeUndefined();
    expect(read?.("sub/../../secret")).toBeUndefined();
    expect(read?.(path.join(dir, "secret"))).toBeUndefined();
    expect(read?.("")).toBeUndefined();
  });

  it("gives unnamed standard input no reader", () => {
    expect(siblingReader("<text>")).toBeUndefined();
  });
});
