import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules, listRules } from "@docklint/core";
import { buildConfigSchema } from "../src/config-schema.js";
import { CLEAN, run, tempDir } from "./helpers.js";

const SCHEMA_FILE = fileURLToPath(new URL("../schema/docklint.config.schema.json", import.meta.url));
const EXAMPLE_CONFIG = fileURLToPath(new URL("../../../examples/custom-rule/docklint.config.json", import.meta.url));
const PACKAGE = JSON.parse(fs.readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as { files: string[]; exports: Record<string, unknown> };

const { Ajv } = createRequire(import.meta.url)("ajv") as { Ajv: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } } };
const validate = new Ajv({ strict: true, strictTuples: false, allowUnionTypes: true, allErrors: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as object);

describe("the published config schema", () => {
  it("is what the rules' meta generate (regenerate: pnpm build && pnpm --filter docklint run schema)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(`${JSON.stringify(buildConfigSchema(builtinRules), null, 2)}\n`);
  });

  it("is published with the package", () => {
    expect(PACKAGE.files).toContain("schema");
    expect(PACKAGE.exports["./schema.json"]).toBe("./schema/docklint.config.schema.json");
  });

  it("names every rule id with its severities and options schema", () => {
    const schema = buildConfigSchema(builtinRules) as { definitions: { rules: { properties: Record<string, { anyOf: [unknown, { items: [unknown, unknown] }] }> } } };
    const properties = schema.definitions.rules.properties;
    expect(Object.keys(properties)).toEqual(listRules(builtinRules).map((r) => r.id));
    const pinned = builtinRules.find((r) => r.meta.id === "require-pinned-image");
    expect(properties["require-pinned-image"]?.anyOf[1].items[1]).toEqual(pinned?.meta.options?.schema);
  });

  it.each([
    ["$schema and every key", { $schema: "./node_modules/docklint/schema/docklint.config.schema.json", extends: ["recommended", "./team.json"], rules: { "require-pinned-image": ["error", { requireDigest: true }], "no-maintainer": "off", "acme/require-team-label": ["warn", { label: "x" }] }, settings: { trustedRegistries: ["ghcr.io"] }, reportUnusedSuppressions: true, overrides: [{ files: ["*.dev.Dockerfile"], excludedFiles: "x", rules: { "require-non-root-user": 0 } }], ignores: ["vendor/**"], plugins: ["./acme.mjs"] }],
    ["a preset as a string and plugins by namespace", { extends: "strict", plugins: { acme: "docklint-plugin-acme" } }],
    ["examples/custom-rule/docklint.config.json", JSON.parse(fs.readFileSync(EXAMPLE_CONFIG, "utf8")) as unknown],
  ])("accepts %s", (_name, config) => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["an unknown rule", { rules: { "require-pined-image": "error" } }],
    ["a wrong severity", { rules: { "no-maintainer": "warning" } }],
    ["a wrong option type", { rules: { "require-pinned-image": ["error", { requireDigest: "yes" }] } }],
    ["an unknown option", { rules: { "require-pinned-image": ["error", { requireDigets: true }] } }],
    ["an unknown key", { rule: {} }],
    ["an unknown preset", { extends: ["recomended"] }],
    ["an override without files", { overrides: [{ rules: {} }] }],
  ])("rejects %s", (_name, config) => {
    expect(validate(config)).toBe(false);
  });

  it("lets a config carry $schema in JSON and YAML", async () => {
    const dir = tempDir({
      Dockerfile: CLEAN,
      "a.json": JSON.stringify({ $schema: "./node_modules/docklint/schema/docklint.config.schema.json", extends: ["recommended"] }),
      "b.yaml": "# yaml-language-server: $schema=./node_modules/docklint/schema/docklint.config.schema.json\n$schema: ./schema.json\nextends: [recommended]\n",
    });
    expect(await run(["-c", "a.json"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await run(["-c", "b.yaml"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
