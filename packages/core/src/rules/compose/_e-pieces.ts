/**
 * Whether something a Compose file lacks (a service's `image`, a secret's `file`) may come from
 * another file that `docker compose` loads with it, for the rules require-image-or-build and
 * require-resource-source. compose-go checks the project once every `-f` file, override file and
 * `extends` base is merged in, so a file that is one layer of a project may lack what another
 * layer sets; only a file that stands alone is judged.
 */
import { DEFAULT_COMPOSE_FILES, OVERRIDE_COMPOSE_FILES, resolvePath } from "../../compose/paths.js";
import type { LintServices, Settings } from "../../rule.js";
import { isRecord } from "../../util/is-record.js";
import { pathBaseName } from "../../util/posix-path.js";
import { plainOf } from "../../compose/includers.js";
import { referringFile } from "./_p-included.js";
import { isComposeLayerName } from "../../kind.js";

/**
 * Names the Compose documentation gives to `-f` layers (`compose.prod.yaml`,
 * `docker-compose.agent.yml`), and any name that says it overrides (`compose-override.yaml`).
 */
const YAML_NAME = /\.ya?ml$/i;
/** At most this many files of the linted file's directory are read for the name. */
const MAX_SIBLINGS = 32;
/** How many directories up a base file is looked for (frappe's `overrides/compose.https.yaml` completes `../compose.yaml`). */
const MAX_LEVELS_UP = 2;

export type Section = "services" | "secrets" | "configs";

export interface PieceContext {
  readonly filePath: string | undefined;
  readonly settings: Settings;
  readonly services: LintServices;
}

function defines(text: string | undefined, section: Section, name: string): boolean {
  // A file that defines the name writes it: one without it in its text is not parsed (as
  // _p-included's files above are not).
  if (text === undefined || !text.includes(name)) return false;
  const entries = plainOf(text)?.[section];
  return isRecord(entries) && Object.hasOwn(entries, name);
}

/** In `settings.composeFiles`, a list of several files: the others are merged with this one. */
function isListedLayer(settings: Settings, self: string): boolean {
  const list = settings["composeFiles"];
  if (!Array.isArray(list) || list.length < 2) return false;
  return list.some((entry) => typeof entry === "string" && resolvePath("", entry) === self);
}

/** Files that may be loaded with the linted one: the YAML files beside it, and the default Compose files above it. */
function candidateFiles(services: LintServices, self: string): string[] {
  const listing = services.listFiles?.("");
  const beside = listing
    ? listing.filter((entry) => !entry.includes("/") && YAML_NAME.test(entry) && entry !== self).slice(0, MAX_SIBLINGS)
    : [...DEFAULT_COMPOSE_FILES, ...OVERRIDE_COMPOSE_FILES].filter((name) => name !== self);
  const above: string[] = [];
  for (let up = 1; up <= MAX_LEVELS_UP; up++) for (const name of DEFAULT_COMPOSE_FILES) above.push(`${"../".repeat(up)}${name}`);
  return [...beside, ...above];
}

/**
 * True when `section.name` (the service `web`, the secret `token`) may be completed by another
 * file: the linted file is an override or `-f` layer by its name, one of several
 * `settings.composeFiles`, included by another file, or another Compose file beside it (or a
 * default one up to two directories above) defines the same name. Without a file reader, a file
 * that has a path but not one of the default names `docker compose` loads alone cannot be told
 * from a layer, and counts as one; text without a path stands alone.
 */
export function mayBeCompletedElsewhere(context: PieceContext, section: Section, name: string): boolean {
  const { filePath, settings, services } = context;
  if (filePath === undefined) return false;
  const self = pathBaseName(filePath, true);
  if (isComposeLayerName(filePath) || isListedLayer(settings, self)) return true;
  const readFile = services.readFile;
  if (!readFile) return !(DEFAULT_COMPOSE_FILES as readonly string[]).includes(self);
  // A file that another one includes (by default name or with `-f`) or extends from.
  if (referringFile(filePath, services)) return true;
  return candidateFiles(services, self).some((path) => defines(readFile(path), section, name));
}
