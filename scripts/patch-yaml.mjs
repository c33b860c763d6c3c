#!/usr/bin/env node
// Writes docklint's changes (scripts/yaml-patch.mjs says what they are and why) into a copy of the
// yaml package: patches/yaml@<version>.patch is this script's output, made by
//
//   pnpm patch yaml@<version> --edit-dir /tmp/yaml-edit
//   node scripts/patch-yaml.mjs /tmp/yaml-edit
//   pnpm patch-commit /tmp/yaml-edit
//
// so that a new yaml version gets the same changes by running it again (it stops with a message
// where the package no longer has the code it expects).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { patchYamlFile, YAML_PATCH_FILES } from "./yaml-patch.mjs";

const packageDir = process.argv[2];
if (!packageDir) {
  console.error("usage: node scripts/patch-yaml.mjs <directory of the yaml package to change>");
  process.exit(2);
}

for (const relative of YAML_PATCH_FILES) {
  const file = join(packageDir, relative);
  writeFileSync(file, patchYamlFile(relative, readFileSync(file, "utf8")));
  console.log(`changed ${relative}`);
}
