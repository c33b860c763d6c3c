import type { DockerfileModel } from "./model.js";

/** BuildKit checks that run only when `# check=experimental=…` names them. */
export const EXPERIMENTAL_BUILDKIT_CHECKS: readonly string[] = ["InvalidDefinitionDescription"];

export interface CheckDirective {
  /** `skip=A,B` (handled with the other suppression comments). */
  skip: string[];
  /** `error=true`: every BuildKit check that fires fails the build. */
  error: boolean;
  /** `experimental=A,B` or `all`. */
  experimental: string[];
  /** What BuildKit would reject: "invalid check option". */
  problems: string[];
  line: number;
}

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const GO_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * The `# check=` parser directive as BuildKit's linter reads it: at most three `;`-separated
 * parts, keys `skip`, `error`, `experimental` (case-insensitive), `error` a Go boolean.
 */
export function readCheckDirective(model: DockerfileModel): CheckDirective | undefined {
  const directive = model.directives.find((d) => d.name === "check");
  if (!directive) return undefined;
  const result: CheckDirective = {
    skip: [],
    error: false,
    experimental: [],
    problems: [],
    line: model.source.positionAt(directive.range[0]).line,
  };
  const parts = directive.value.split(";");
  if (parts.length > 3) result.problems.push(`too many parts (${parts.length}; at most skip, error and experimental)`);
  for (const part of parts) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    const list = value.split(",").map((s) => s.trim()).filter(Boolean);
    if (key === "skip") result.skip.push(...list);
    else if (key === "experimental") result.experimental.push(...list);
    else if (key === "error") {
      if (GO_TRUE.has(value)) result.error = true;
      else if (!GO_FALSE.has(value)) result.problems.push(`error=${JSON.stringify(value)} is not a boolean`);
    } else if (key !== "") result.problems.push(`unknown option "${key}" (BuildKit knows skip, error and experimental)`);
  }
  return result;
}
