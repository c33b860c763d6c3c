#!/usr/bin/env node
import { statSync } from "node:fs";

// `docklint | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

// The bundle (scripts/bundle.mjs) starts in about half the time of dist/'s hundreds of modules. It is
// skipped when missing or older than dist/ (a `tsc` run since the last bundle), so it never runs stale code.
const modified = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const entry = modified("../dist/bundle/main.js") >= modified("../dist/main.js") ? "../dist/bundle/main.js" : "../dist/main.js";
const { main } = await import(entry);

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
