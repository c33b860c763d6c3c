/**
 * A problem that stops the run before or instead of a report: bad usage, a missing path,
 * no files, a broken config. `main` prints it and exits with 2; it is never a lint finding.
 */
export class CliError extends Error {
  /** Print the short usage after the message (for mistakes in the command line itself). */
  readonly showUsage: boolean;
  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.name = "CliError";
    this.showUsage = options.showUsage ?? false;
  }
}
