import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules, type JsonSchema } from "@docklint/core";
import { generate } from "../scripts/build-options-validators.mjs";
import { optionsSchemaOf, rulesById } from "../src/config-schema.js";
import { builtinOptionValidators } from "../src/rule-options.validate.js";
import { tempDir } from "./helpers.js";

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const { Ajv } = createRequire(import.meta.url)("ajv") as { Ajv: new (o: object) => { compile(s: object): Validator } };
const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const GENERATED = fileURLToPath(new URL("../src/rule-options.validate.ts", import.meta.url));

/** Every rule id's options schema, as the config check builds it (config-validate.ts). */
const schemas = new Map<string, JsonSchema>();
for (const group of rulesById(builtinRules).values()) {
  const schema = optionsSchemaOf(group);
  schemas.set(JSON.stringify(schema), schema);
}

/** Option values to try on a schema: nothing, an unknown key, and each known key with values of every JSON type. */
function samples(schema: JsonSchema): unknown[] {
  const values = [true, false, 0, -1, 1.5, 7, "", "x", "error", [], ["x"], [1], [{}], {}, { a: 1 }, null];
  const keys = Object.keys((schema["properties"] as Record<string, unknown> | undefined) ?? {});
  return [{}, { notAnOption: 1 }, ...keys.flatMap((key) => values.map((value) => ({ [key]: value })))];
}

describe("the built-in rules' precompiled options validators (src/rule-options.validate.ts)", () => {
  it("are generated from the rules' current options schemas (regenerate: pnpm build, then node packages/cli/scripts/build-options-validators.mjs)", () => {
    expect(fs.readFileSync(GENERATED, "utf8")).toBe(generate(schemas));
  });

  it("cover every rule id's options schema", () => {
    expect(schemas.size).toBeGreaterThan(20);
    for (const key of schemas.keys()) expect(builtinOptionValidators.has(key), key).toBe(true);
  });

  it("accept and reject what ajv compiling the schema at run time does, with the same errors", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    let rejected = 0;
    let accepted = 0;
    for (const [key, schema] of schemas) {
      const compiled = ajv.compile(schema);
      const precompiled = builtinOptionValidators.get(key) as Validator;
      for (const options of samples(schema)) {
        const valid = compiled(options);
        expect(precompiled(options), `${key} on ${JSON.stringify(options)}`).toBe(valid);
        expect(precompiled.errors ?? null, `${key} on ${JSON.stringify(options)}`).toEqual(compiled.errors ?? null);
        if (valid) accepted++;
        else rejected++;
      }
    }
    // Both outcomes were exercised, many times.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(500);
  });

  it.skipIf(!fs.existsSync(DIST_MAIN))("let a config with built-in rules' options be checked without loading ajv (needs dist/: pnpm build)", () => {
    const dir = tempDir({ Dockerfile: "FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\n", "docklint.config.json": JSON.stringify({ rules: { "no-consecutive-run": ["error", { allStages: true }] } }) });
    const script = `import { createRequire } from "node:module";
import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};
const sink = { write: () => true };
const code = await main(["Dockerfile", "--format", "json"], { cwd: process.cwd(), stdout: sink, stderr: sink, env: {} });
const ajv = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes("/ajv/"));
console.log(JSON.stringify({ code, ajv }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual({ code: 1, ajv: [] });
  });
});
