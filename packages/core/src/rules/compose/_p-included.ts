import { filesAbove, includesOf, plainOf } from "../../compose/includers.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { dirOf, resolvePath } from "../../compose/paths.js";
import type { ReadFile } from "../../compose/project.js";
import type { LintServices } from "../../rule.js";
import { asRecord as record } from "../../util/is-record.js";
import { pathBaseName } from "../../util/posix-path.js";

/** The names a project defines, by kind. */
export interface ProjectNames {
  service: Set<string>;
  network: Set<string>;
  volume: Set<string>;
  secret: Set<string>;
  config: Set<string>;
  model: Set<string>;
}

export interface IncludingProject {
  /** The file that includes the linted one, relative to the linted file's directory. */
  file: string;
  /** Names of that file and of every file it includes (the linted one among them). */
  names: ProjectNames;
  /** False when a file of that project could not be read or parsed, or its path depends on an unset variable. */
  complete: boolean;
}

/** At most this many files are read to collect the including project's names. */
const MAX_FILES = 256;

const TOP_LEVEL = { network: "networks", volume: "volumes", secret: "secrets", config: "configs", model: "models" } as const;

/** Whether a service of the file extends a service of the file at `fromThere` (`extends: {file: …}`). */
function extendsFrom(plain: Record<string, unknown>, fromThere: string): boolean {
  const services = record(plain["services"]);
  if (!services) return false;
  return Object.values(services).some((service) => {
    const written = knownTrimmed(record(record(service)?.["extends"])?.["file"]);
    return written !== undefined && resolvePath("", written) === fromThere;
  });
}

/** How another Compose file reads the linted one (see `referringFile`). */
export type Referrer = { kind: "include"; project: IncludingProject } | { kind: "piece"; file: string };

/**
 * Another Compose file that reads the linted one, whose references then need not resolve in the
 * linted file alone:
 * - `include`: a default Compose file of this directory or of a parent one (`compose.yaml`,
 *   `docker-compose.yml`, …) whose `include:` names the linted file — laradock's
 *   `docker-compose.yml` includes `haproxy/compose.yml`, `varnish/compose.yml` and a hundred
 *   others, and compose-go loads included files without checking their references, so a service
 *   of one may name a service of another. `project` holds the names of the whole project.
 * - `piece`: a file that `extends` a service of the linted one (compose-go reads only that
 *   service, without checking the file's references: `getExtendsBaseFromFile`), or a file named
 *   for `-f` that includes it (`docker-compose.multi-php.yml` includes `multi-php/compose.yml`
 *   and is merged onto `docker-compose.yml`, so the names may come from any file of the `-f` list).
 * Undefined when the host cannot read files, or no such file is found.
 */
export function referringFile(filePath: string | undefined, services: Pick<LintServices, "readFile" | "listFiles">): Referrer | undefined {
  const { readFile } = services;
  if (filePath === undefined || readFile === undefined) return undefined;
  for (const above of filesAbove(filePath, readFile, services.listFiles)) {
    if (includesOf(above.plain, "").entryOf.has(above.fromThere)) {
      if (!above.isDefault) return { kind: "piece", file: above.path };
      // The linted file's own names are the model's: it is not read again.
      const self = resolvePath("", `${dirOf(above.path)}${above.fromThere}`) ?? pathBaseName(filePath, true);
      return { kind: "include", project: collect(above.path, above.plain, readFile, self) };
    }
    if (extendsFrom(above.plain, above.fromThere)) return { kind: "piece", file: above.path };
  }
  return undefined;
}

/** The names of a file and, recursively, of the files it includes. */
function collect(root: string, rootPlain: Record<string, unknown>, readFile: ReadFile, self: string): IncludingProject {
  const names: ProjectNames = { service: new Set(), network: new Set(), volume: new Set(), secret: new Set(), config: new Set(), model: new Set() };
  let complete = true;
  const seen = new Set<string>([root, self]);
  const queue: { path: string; plain: Record<string, unknown> }[] = [{ path: root, plain: rootPlain }];
  while (queue.length > 0) {
    const { path, plain } = queue.shift() as { path: string; plain: Record<string, unknown> };
    for (const name of Object.keys(record(plain["services"]) ?? {})) names.service.add(name);
    for (const [kind, key] of Object.entries(TOP_LEVEL) as [keyof typeof TOP_LEVEL, string][]) {
      for (const name of Object.keys(record(plain[key]) ?? {})) names[kind].add(name);
    }
    // Past the limit nothing more is read, and the rest of the list is not walked: 2,000 included
    // files, each linted, walked the whole list each time.
    entries: for (const paths of includesOf(plain, dirOf(path)).entries) {
      for (const included of paths) {
        if (included === undefined) {
          complete = false;
          continue;
        }
        if (seen.has(included)) continue;
        seen.add(included);
        if (seen.size > MAX_FILES) {
          complete = false;
          break entries;
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
  }
  return { file: root, names, complete };
}
