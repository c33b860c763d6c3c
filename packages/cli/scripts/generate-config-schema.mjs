#!/usr/bin/env node
// Writes schema/docklint.config.schema.json: the JSON schema of a docklint config file, generated
// from the rules' meta (every rule id with its severity and options schema). Run after a build
// (it reads dist/): `pnpm --filter docklint run schema`. With --check it only compares and exits 1
// when the committed file is stale. packages/cli/test/config-schema.test.ts checks it too.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinRules } from "@docklint/core";
import { buildConfigSchema } from "../dist/config-schema.js";

const target = fileURLToPath(new URL("../schema/docklint.config.schema.json", import.meta.url));
const text = `${JSON.stringify(buildConfigSchema(builtinRules), null, 2)}\n`;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error(`${target} is stale: run "pnpm --filter docklint run schema" after "pnpm build".`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
