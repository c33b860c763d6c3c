import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules, type Rule } from "@docklint/core";
import { CLEAN, FAILING, NON_ROOT, run, tempDir } from "./helpers.js";

/** Rules whose findings depend on the files the linted file refers to, and one with fixes. */
const RULES: readonly Rule[] = builtinRules.filter((rule) =>
  [NON_ROOT, "no-secret-files-in-context", "no-copy-ignored-file", "valid-file-references", "consistent-instruction-casing", "require-non-root-user"].includes(rule.meta.id),
);

/** Each file of the project and the texts it may hold; `null` is "absent". */
const VARIANTS: Record<string, (string | null)[]> = {
  "app/Dockerfile": [CLEAN, FAILING, "FROM alpine:3.19\nCOPY . /app\nUSER 10001\n", "from alpine:3.19\ncopy . /app\nUSER 10001\n", "FROM alpine:3.19\nCOPY secret.pem /etc/\nUSER 10001\n", "", "FROM\n"],
  "app/.dockerignore": [null, ".git\n", ".git\n.env\n*.pem\n", "secret.pem\n"],
  "app/secret.pem": [null, "-----BEGIN PRIVATE KEY-----\n"],
  "app/.env": [null, "TOKEN=x\n"],
  "svc/compose.yaml": [
    "services:\n  web:\n    image: nginx:1.27\n    env_file: ./app.env\n",
    "services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n",
    "services:\n  web:\n    build: ../app\n    user: root\n",
    "services: [\n",
  ],
  "svc/app.env": [null, "LOG_LEVEL=info\n"],
  "svc/base.yaml": [null, "services:\n  base:\n    image: nginx:1.27\n", "services:\n  other:\n    image: nginx:1.27\n"],
  "docklint.config.json": [null, JSON.stringify({ rules: { [NON_ROOT]: "warn" } }), JSON.stringify({ rules: { "consistent-instruction-casing": "off" } })],
};
const FILES = Object.keys(VARIANTS);

type Step = { kind: "set"; file: string; variant: number } | { kind: "fix" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), file: fc.constantFrom(...FILES), variant: fc.nat({ max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fix" as const) }) },
);

/** Writes a variant, a second later than anything before, so that --cache-strategy metadata sees every change too. */
function apply(dir: string, change: Extract<Step, { kind: "set" }>, clock: { now: number }): void {
  const choices = VARIANTS[change.file] as (string | null)[];
  const text = choices[change.variant % choices.length] ?? null;
  const file = path.join(dir, change.file);
  if (text === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  clock.now += 1;
  fs.utimesSync(file, clock.now, clock.now);
}

describe("--cache against a run without it", () => {
  for (const strategy of ["content", "metadata"]) {
    it(`reports what an uncached run reports after any sequence of edits, deletions and fixes (--cache-strategy ${strategy})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: 6 }), { minLength: FILES.length, maxLength: FILES.length }), fc.array(step, { minLength: 1, maxLength: 6 }), async (start, steps) => {
          const dir = tempDir();
          const clock = { now: Math.floor(Date.UTC(2026, 0, 1) / 1000) };
          for (const [index, file] of FILES.entries()) apply(dir, { kind: "set", file, variant: start[index] ?? 0 }, clock);
          const cached = [".", "--format", "json", "--cache", "--cache-strategy", strategy];
          await run(cached, { cwd: dir, rules: RULES });
          for (const change of steps) {
            if (change.kind === "fix") await run([...cached, "--fix"], { cwd: dir, rules: RULES });
            else apply(dir, change, clock);
            const expected = await run([".", "--format", "json"], { cwd: dir, rules: RULES });
            expect(await run(cached, { cwd: dir, rules: RULES })).toEqual(expected);
          }
        }),
        { numRuns: 60, seed: 20261129 },
      );
    });
  }
});
