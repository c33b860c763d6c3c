#!/usr/bin/env node
// A CLI-equivalent of dockerfile-utils for cold-start timing: read one Dockerfile,
// run its validate() API (the linter behind VS Code's Docker extension), print the
// diagnostics as JSON, exit 1 when there are any.
//
//   node bench/peers/dockerfile-utils.mjs <Dockerfile>
import { readFileSync } from "node:fs";
import dockerfileUtils from "dockerfile-utils";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bench/peers/dockerfile-utils.mjs <Dockerfile>\n");
  process.exit(2);
}
const diagnostics = dockerfileUtils.validate(readFileSync(file, "utf8"));
process.stdout.write(JSON.stringify(diagnostics) + "\n");
process.exitCode = diagnostics.length > 0 ? 1 : 0;
