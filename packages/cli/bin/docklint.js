#!/usr/bin/env node
import { statSync } from "node:fs";
import { createRequire } from "node:module";

// The bundle (scripts/bundle.mjs) starts in well under half the time of dist/'s hundreds of modules:
// one script with a V8 code cache. It is skipped when missing or older than dist/ (a `tsc` run since
// the last bundle), so it never runs stale code.
const modified = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
if (modified("../dist/bundle/cli.cjs") >= modified("../dist/main.js")) {
  // The bundle's own entry point: it runs the CLI as this file does below.
  createRequire(import.meta.url)("../dist/bundle/docklint.js");
} else {
  // `docklint | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  const { main } = await import("../dist/main.js");
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
