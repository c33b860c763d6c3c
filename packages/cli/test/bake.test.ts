import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { bakeContexts } from "../src/bake.js";
import { relativePaths, runJson, tempDir } from "./helpers.js";

const at = (file: string) => ({ path: `/repo/${file}` });

describe("bake files' named contexts", () => {
  it("reads each target's contexts, context and dockerfile from HCL (Mailu's shape)", () => {
    const hcl = `
# comments, variables and functions are skipped
variable "TAG" { default = "local" }
function "tag" {
  params = [name]
  result = ["ghcr.io/mailu/\${name}:\${TAG}"]
}
group "default" { targets = ["admin", "front"] }

target "base" {
  context = "core/base/"
  contexts = { system = "docker-image://alpine:3.20" }
}
target "admin" {
  inherits = ["defaults"]
  context = "core/admin/"
  contexts = {
    base = "target:base"
    "assets" = "target:assets", // a quoted key, and a comma
  }
  tags = tag("admin")
}
target "front" {
  context = "core/nginx/"
  dockerfile = "Dockerfile.front"
  contexts = { base = "target:base" }
}
target "defaults" {
  contexts = { extra = "./extra" }
}
target "computed" {
  context = "\${TAG}/x"
  contexts = { base = "target:base" }
}
`;
    expect(Object.fromEntries(bakeContexts([{ ...at("docker-bake.hcl"), text: hcl }]))).toEqual({
      "/repo/core/base/Dockerfile": ["system"],
      "/repo/core/admin/Dockerfile": ["assets", "base", "extra"],
      "/repo/core/nginx/Dockerfile.front": ["base"],
      // `defaults` builds ./Dockerfile; `computed`'s interpolated context is not known, and gives nothing.
      "/repo/Dockerfile": ["extra"],
    });
  });

  it("reads JSON, and an override file's targets merge over the file's", () => {
    const json = JSON.stringify({ target: { app: { context: "app", contexts: { base: "target:base" } }, tool: { dockerfile: "tool.Dockerfile", contexts: { src: "." } } } });
    const override = 'target "app" {\n  contexts = { deps = "target:deps" }\n}\n';
    expect(Object.fromEntries(bakeContexts([{ ...at("docker-bake.json"), text: json }, { ...at("docker-bake.override.hcl"), text: override }]))).toEqual({
      "/repo/app/Dockerfile": ["base", "deps"],
      "/repo/tool.Dockerfile": ["src"],
    });
  });

  it("gives nothing for a file it cannot read, and never loops on inheritance cycles", () => {
    expect(bakeContexts([{ ...at("docker-bake.json"), text: "{ not json" }]).size).toBe(0);
    const cycle = 'target "a" {\n  inherits = ["b"]\n  contexts = { x = "." }\n}\ntarget "b" {\n  inherits = ["a"]\n}\n';
    expect(Object.fromEntries(bakeContexts([{ ...at("docker-bake.hcl"), text: cycle }]))).toEqual({ "/repo/Dockerfile": ["x"] });
    for (const text of ['target "a" {', 'target "a" {\n  contexts = {\n', '"unterminated', "target", "}}}]]", 'target "a" { contexts = "${x"']) {
      expect(() => bakeContexts([{ ...at("docker-bake.hcl"), text }]), text).not.toThrow();
    }
  });
});

describe("bake files docklint cannot make sense of", () => {
  const sample = 'variable "T" { default = "x" }\ntarget "a" {\n  inherits = ["b"]\n  context = "core/${T}"\n  contexts = { base = "target:b", "q" = "./q" }\n}\ntarget "b" {\n  dockerfile = "B.Dockerfile" // c\n  contexts = {\n    x = "." /* y */\n  }\n}\n';
  it("never throw: random texts, and the sample cut, doubled and shuffled", () => {
    const pieces = fc.array(fc.constantFrom(...sample.split(/(?=[\s{}[\]=,"])/)), { maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), pieces.map((parts) => parts.join(""))), (text) => {
        const found = bakeContexts([{ path: "/repo/docker-bake.hcl", text }]);
        for (const [file, names] of found) {
          expect(path.isAbsolute(file)).toBe(true);
          expect(names.every((name) => typeof name === "string")).toBe(true);
        }
      }),
      { seed: 20263001, numRuns: 2000 },
    );
  });
});

describe("a bake file beside the Dockerfiles it builds", () => {
  it("makes the names of its contexts named build contexts of those Dockerfiles' lint", async () => {
    const dir = tempDir({
      "docker-bake.hcl": 'target "admin" {\n  context = "core/admin"\n  contexts = {\n    base = "target:base"\n    assets = "target:assets"\n  }\n}\n',
      "core/admin/Dockerfile": "FROM base\nCOPY --from=assets /dist /srv\nUSER 10001\n",
      "core/other/Dockerfile": "FROM base\nUSER 10001\n",
    });
    const ids = new Set(["no-undefined-stage", "require-pinned-image"]);
    const rules = builtinRules.filter((rule) => ids.has(rule.meta.id));
    const { results } = await runJson([".", "--no-config-lookup"], { cwd: dir, rules });
    expect(relativePaths(results, dir)).toEqual(["core/admin/Dockerfile", "core/other/Dockerfile"]);
    // The Dockerfile no target builds still reads `base` as an image from Docker Hub.
    expect(results.map((r) => r.messages.map((m) => `${m.ruleId}:${m.line}`))).toEqual([[], ["require-pinned-image:1"]]);
    // From a subdirectory, bake would not read the file above it; nor does docklint.
    const inside = await runJson(["."], { cwd: path.join(dir, "core/admin"), rules });
    expect(inside.results[0]?.messages.map((m) => m.ruleId)).toEqual(["require-pinned-image", "no-undefined-stage", "require-pinned-image"]);
  });

  it("reads bake files of other names from settings.bakeFiles, resolving their paths from the current directory (Mailu's tests/build.hcl)", async () => {
    const dir = tempDir({
      "tests/build.hcl": 'target "admin" {\n  context = "core/admin/"\n  contexts = {\n    base = "target:base"\n  }\n}\n',
      "core/admin/Dockerfile": "FROM base\nUSER 10001\n",
      "docklint.config.json": JSON.stringify({ settings: { bakeFiles: ["tests/build.hcl"] } }),
    });
    const rules = builtinRules.filter((rule) => rule.meta.id === "require-pinned-image");
    const { results } = await runJson(["."], { cwd: dir, rules });
    expect(results.map((r) => r.messages.length)).toEqual([0]);
    const unlisted = await runJson([".", "--no-config-lookup"], { cwd: dir, rules });
    expect(unlisted.results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([["require-pinned-image"]]);
  });
});
