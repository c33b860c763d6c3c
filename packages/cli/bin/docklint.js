#!/usr/bin/env node
import { main } from "../dist/main.js";

// `docklint | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
