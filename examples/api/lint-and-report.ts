/**
 * docklint's programmatic API in one file (docs/api.md): lint, then render the same results
 * twice — a SARIF or JSON report for a tool, a compact summary for people — and decide the
 * exit code, all without docklint printing anything or exiting the process.
 *
 * Compile and run (from a project that depends on `docklint`):
 *   npx tsc -p examples/api && node examples/api/dist/lint-and-report.js services/
 * packages/cli/test/api.test.ts type-checks this file with tsc and runs it.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CliError, format, lintFiles, type LintFilesOptions, type LintResult } from "docklint";

export interface CiReport {
  results: LintResult[];
  errors: number;
  warnings: number;
  /** For people: ESLint's compact format, one line per finding. */
  summary: string;
  /** 0 clean, 1 errors, as `docklint` exits. */
  exitCode: 0 | 1;
}

export async function lintForCi(patterns: string[], options: LintFilesOptions & { reportFile?: string } = {}): Promise<CiReport> {
  const { reportFile, ...lintOptions } = options;
  const results = await lintFiles(patterns, {
    ...lintOptions,
    // Team policy on top of whatever docklint.config.json says.
    ruleOverrides: { "require-healthcheck": "off", ...lintOptions.ruleOverrides },
  });
  if (reportFile !== undefined) {
    await writeFile(reportFile, await format(results, "json", { cwd: lintOptions.cwd }));
  }
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const summary = await format(results, "compact", { cwd: lintOptions.cwd });
  return { results, errors, warnings, summary, exitCode: errors > 0 ? 1 : 0 };
}

// Run as a script: lint the paths given (default: the current directory) and exit like docklint.
const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(path.resolve(script)).href) {
  try {
    const report = await lintForCi(process.argv.slice(2), { reportFile: "docklint-report.json" });
    if (report.summary !== "") console.log(report.summary);
    process.exitCode = report.exitCode;
  } catch (error) {
    // A missing path, no files, a broken config: what the CLI reports with exit code 2.
    if (!(error instanceof CliError)) throw error;
    console.error(`docklint: ${error.message}`);
    process.exitCode = 2;
  }
}
