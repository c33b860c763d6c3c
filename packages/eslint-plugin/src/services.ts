import type { FileKind, LintServices } from "@docklint/core";
import { createShellcheckRunner, siblingReader, type ShellcheckRunner } from "docklint";

/**
 * The host services core's rules use, as the docklint CLI gives them (its own `siblingReader`):
 * reading the files a linted file refers to. Dockerfiles only read beside themselves
 * (`.dockerignore`); Compose files may go up or use absolute paths, as Compose itself does;
 * daemon.json reads nothing. Unnamed text (`<text>`, editor buffers without a path) reads nothing.
 * With `shellcheck: true` (the `docklint/shellcheck` rule is on for a Dockerfile), the CLI's
 * ShellCheck runner too, when the shellcheck program is installed.
 */
export function servicesFor(filePath: string, kind: FileKind, options: { shellcheck?: boolean } = {}): LintServices {
  // daemon.json refers to no file the rules read (its TLS paths are on the daemon's host).
  const readFile = kind === "daemon" ? undefined : siblingReader(filePath, kind);
  const shellcheck = options.shellcheck && kind === "dockerfile" ? shellcheckRunner() : undefined;
  return { ...(readFile ? { readFile } : {}), ...(shellcheck ? { shellcheck } : {}) };
}

let runner: { value: ShellcheckRunner | undefined } | undefined;

/**
 * The CLI's ShellCheck runner (synchronous: one `shellcheck` process per Dockerfile, results
 * cached per script), created on first use and shared by every file of the ESLint process;
 * undefined when shellcheck is not on PATH, and then the rule finds nothing, as in the CLI.
 */
export function shellcheckRunner(): ShellcheckRunner | undefined {
  runner ??= { value: createShellcheckRunner() };
  return runner.value;
}
