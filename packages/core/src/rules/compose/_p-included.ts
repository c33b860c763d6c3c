import { parse, YAML_OPTIONS } from "../../compose/yaml-lazy.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { DEFAULT_COMPOSE_FILES, dirOf, resolvePath } from "../../compose/project.js";
import type { ReadFile } from "../../compose/project.js";
import { BoundedCache } from "../../util/bounded-cache.js";
import { pathBaseName } from "../../util/posix-path.js";

/** The names a project defines, by kind. */
export interface ProjectNames {
  service: Set<string>;
  network: Set<string>;
  volume: Set<string>;
  secret: Set<string>;
  config: Set<string>;
}

export interface IncludingProject {
  /** The file that includes the linted one, relative to the linted file's directory. */
  file: string;
  /** Names of that file and of every file it includes (the linted one among them). */
  names: ProjectNames;
  /** False when a file of that project could not be read or parsed, or its path depends on an unset variable. */
  complete: boolean;
}

/** How many directories up a file that includes the linted one is looked for (laradock: one). */
const MAX_LEVELS_UP = 2;
/** At most this many files are read to collect the including project's names. */
const MAX_FILES = 256;

const TOP_LEVEL = { network: "networks", volume: "volumes", secret: "secrets", config: "configs" } as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The plain values of the files read, by text: each linted file of a project reads the files of
 * the project that includes it again (laradock: a hundred), and parsing them anew for each made
 * 300 included files linted together take 8 s, 96 % of it in the YAML parser. The CLI reads each
 * file once per run, so the same text comes back as the same string.
 */
const plainByText = new BoundedCache<string, Record<string, unknown> | undefined>(2 * MAX_FILES);

function plainOf(text: string): Record<string, unknown> | undefined {
  return plainByText.lookup(text, (source) => {
    try {
      return record(parse(source, { ...YAML_OPTIONS, maxAliasCount: 10_000 }));
    } catch {
      return undefined;
    }
  });
}

/** The paths of a file's `include:` (short `- path` and long `- path: a | [a, b]`) as written, undefined for a path not known here. */
function includePaths(plain: Record<string, unknown>): (string | undefined)[] {
  const include = plain["include"];
  if (!Array.isArray(include)) return [];
  return include.flatMap((item): (string | undefined)[] => {
    const long = record(item);
    const raw = long ? long["path"] : item;
    return (Array.isArray(raw) ? raw : [raw]).map((path) => knownTrimmed(path));
  });
}

/**
 * The project of a Compose file in this directory or a parent one (`compose.yaml`,
 * `docker-compose.yml`, …) whose `include:` names the linted file — laradock's `docker-compose.yml`
 * includes `haproxy/compose.yml`, `varnish/compose.yml` and a hundred others, and compose-go
 * loads included files without checking their references, so a service of one may name a service
 * of another. Undefined when there is no reader, or no such file.
 */
export function includingProject(filePath: string | undefined, readFile: ReadFile | undefined): IncludingProject | undefined {
  if (filePath === undefined || readFile === undefined) return undefined;
  const self = pathBaseName(filePath, true);
  // The linted file as a path from each ancestor directory: `compose.yml`, `haproxy/compose.yml`, …
  const segments = filePath.split(/[/\\]/).filter((segment) => segment !== "" && segment !== ".");
  for (let up = 0; up <= MAX_LEVELS_UP && up < segments.length; up++) {
    const dir = "../".repeat(up);
    const fromThere = segments.slice(-(up + 1)).join("/");
    if (segments.slice(-(up + 1)).includes("..")) break;
    for (const candidate of DEFAULT_COMPOSE_FILES) {
      if (up === 0 && candidate === self) continue;
      const text = readFile(`${dir}${candidate}`);
      if (text === undefined) continue;
      const plain = plainOf(text);
      if (!plain) continue;
      if (!includePaths(plain).some((path) => path !== undefined && resolvePath("", path) === fromThere)) continue;
      // The linted file's own names are the model's: it is not read again.
      return collect(`${dir}${candidate}`, plain, readFile, resolvePath("", `${dir}${fromThere}`) ?? self);
    }
  }
  return undefined;
}

/** The names of a file and, recursively, of the files it includes. */
function collect(root: string, rootPlain: Record<string, unknown>, readFile: ReadFile, self: string): IncludingProject {
  const names: ProjectNames = { service: new Set(), network: new Set(), volume: new Set(), secret: new Set(), config: new Set() };
  let complete = true;
  const seen = new Set<string>([root, self]);
  const queue: { path: string; plain: Record<string, unknown> }[] = [{ path: root, plain: rootPlain }];
  while (queue.length > 0) {
    const { path, plain } = queue.shift() as { path: string; plain: Record<string, unknown> };
    for (const name of Object.keys(record(plain["services"]) ?? {})) names.service.add(name);
    for (const [kind, key] of Object.entries(TOP_LEVEL) as [keyof typeof TOP_LEVEL, string][]) {
      for (const name of Object.keys(record(plain[key]) ?? {})) names[kind].add(name);
    }
    for (const written of includePaths(plain)) {
      const included = written === undefined ? undefined : resolvePath(dirOf(path), written);
      if (included === undefined) {
        complete = false;
        continue;
      }
      if (seen.has(included)) continue;
      seen.add(included);
      if (seen.size > MAX_FILES) {
        complete = false;
        continue;
      }
      const text = readFile(included);
      const parsed = text === undefined ? undefined : plainOf(text);
      if (!parsed) {
        complete = false;
        continue;
      }
      queue.push({ path: included, plain: parsed });
    }
  }
  return { file: root, names, complete };
}
