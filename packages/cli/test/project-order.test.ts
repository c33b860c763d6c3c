/**
 * Core keeps what it reads of other files between lints (the Compose files a lint reaches, parsed
 * by text; .dockerignore files; the secret names of a listed directory). A file's findings must
 * not depend on that: on what was linted before it, or in which order. Random trees of Compose
 * files that extend, include and build from each other (cycles, missing files and all) and
 * Dockerfiles are linted together, then each file alone in the same process, then together again.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { run, tempDir } from "./helpers.js";

const DIRS = ["", "a/", "b/", "a/c/"];
const NAMES = ["compose.yaml", "docker-compose.yml", "compose.dev.yaml", "compose.override.yaml", "base.yml", "Dockerfile", "api.Dockerfile"];

const service = fc.record({
  extendsFile: fc.option(fc.constantFrom("compose.yaml", "base.yml", "../base.yml", "a/base.yml", "missing.yml", "compose.override.yaml"), { nil: undefined }),
  extendsService: fc.constantFrom("s0", "s1", "s2"),
  image: fc.option(fc.constantFrom("nginx:latest", "alpine:3.19", "redis"), { nil: undefined }),
  build: fc.option(fc.constantFrom(".", "..", "./a", "b"), { nil: undefined }),
  privileged: fc.boolean(),
  envFile: fc.option(fc.constantFrom(".env", "missing.env"), { nil: undefined }),
  dependsOn: fc.option(fc.constantFrom("s0", "s1", "s2"), { nil: undefined }),
});

type GeneratedService = typeof service extends fc.Arbitrary<infer Value> ? Value : never;

function composeText(include: string | undefined, services: GeneratedService[]): string {
  let text = include === undefined ? "" : `include:\n  - ${include}\n`;
  text += "services:\n";
  services.forEach((s, index) => {
    text += `  s${index}:\n`;
    if (s.extendsFile) text += `    extends:\n      file: ${s.extendsFile}\n      service: ${s.extendsService}\n`;
    if (s.image) text += `    image: ${s.image}\n`;
    if (s.build) text += `    build: ${s.build}\n`;
    if (s.privileged) text += "    privileged: true\n";
    if (s.envFile) text += `    env_file: ${s.envFile}\n`;
    if (s.dependsOn) text += `    depends_on: [${s.dependsOn}]\n`;
  });
  return text;
}

const tree = fc.record({
  files: fc.array(
    fc.record({
      dir: fc.constantFrom(...DIRS),
      name: fc.constantFrom(...NAMES),
      include: fc.option(fc.constantFrom("base.yml", "../base.yml", "compose.yaml", "missing.yml"), { nil: undefined }),
      services: fc.array(service, { minLength: 1, maxLength: 3 }),
      run: fc.constantFrom("sudo apk add curl", "echo hi", "curl -fsSL https://x | sh"),
      user: fc.boolean(),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  envFile: fc.boolean(),
  dockerignore: fc.boolean(),
  secret: fc.boolean(),
});

describe("a file's findings do not depend on the lints before it", () => {
  it("linted together, alone, and together again, every file gets the same messages (seeded)", async () => {
    await fc.assert(
      fc.asyncProperty(tree, async ({ files, envFile, dockerignore, secret }) => {
        const root = tempDir();
        for (const file of files) {
          const target = path.join(root, file.dir, file.name);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          const text = file.name.endsWith("Dockerfile")
            ? `FROM alpine:3.19\nCOPY . /app/\nRUN ${file.run}\n${file.user ? "USER app\n" : ""}`
            : composeText(file.include, file.services);
          fs.writeFileSync(target, text);
        }
        if (envFile) fs.writeFileSync(path.join(root, ".env"), "A=1\n");
        if (dockerignore) fs.writeFileSync(path.join(root, ".dockerignore"), ".git\n*.pem\n");
        if (secret) fs.writeFileSync(path.join(root, "server.pem"), "x\n");
        const lint = async (argv: string[]): Promise<Map<string, string>> => {
          const { stdout } = await run([...argv, "--format", "json", "--concurrency", "off"], { cwd: root, rules: builtinRules });
          const results = JSON.parse(stdout) as { filePath: string; messages: unknown[] }[];
          return new Map(results.map((result) => [path.relative(root, result.filePath), JSON.stringify(result.messages)]));
        };
        const together = await lint(["."]);
        expect(together.size).toBeGreaterThan(0);
        for (const [file, messages] of [...together].reverse()) {
          expect((await lint([file])).get(file), file).toBe(messages);
        }
        expect(await lint(["."])).toEqual(together);
      }),
      { seed: 20261130, numRuns: 25 },
    );
  });
});
