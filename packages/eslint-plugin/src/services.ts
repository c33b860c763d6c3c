import type { FileKind, LintServices } from "@docklint/core";
import { createShellcheckRunner, fileServices, type ShellcheckRunner } from "docklint";

/**
 * The host services core's rules use, as the docklint CLI gives them (its own `fileServices`):
 * reading and listing the files a linted file refers to. Dockerfiles only read beside themselves
 * (`.dockerignore`) and in the build context `settings.docklint.buildContext` names; Compose files
 * may go up or use absolute paths, as Compose itself does; daemon.json reads nothing. Unnamed text
 * (`<text>`, editor buffers without a path) reads nothing. With `shellcheck: true` (the
 * `docklint/shellcheck` rule is on for a Dockerfile), the CLI's ShellCheck runner too, when the
 * shellcheck program is installed.
 */
export function servicesFor(filePath: string, kind: FileKind, options: { shellcheck?: boolean; settings?: Readonly<Record<string, unknown>> } = {}): LintServices {
  const files = fileServices(filePath, kind, options.settings);
  const shellcheck = options.shellcheck && kind === "dockerfile" ? shellcheckRunner() : undefined;
  return { ...files, ...(shellcheck ? { shellcheck } : {}) };
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
