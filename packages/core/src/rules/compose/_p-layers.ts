import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { isRecord } from "../../util/is-record.js";
import { pathBaseName } from "../../util/posix-path.js";

/**
 * Override files, which `docker compose` (or the project's own `-f` list) merges onto a base file:
 * `compose.override.yaml`, `docker-compose.override.yml`, `compose.base.override.yml`, …
 */
const OVERRIDE_NAME = /\.override\.ya?ml$/i;

/** The last path asked about and its answer: the rules ask once per service of the file being linted. */
let lastPath: string | undefined;
let lastIsOverride = false;

/** Whether the linted file is an override file, by its name. */
export function isOverrideFile(filePath: string | undefined): boolean {
  if (filePath === undefined) return false;
  if (filePath !== lastPath) {
    lastIsOverride = OVERRIDE_NAME.test(pathBaseName(filePath, true));
    lastPath = filePath;
  }
  return lastIsOverride;
}

/**
 * Whether a service completes one that another file defines, so that a rule about something
 * MISSING (a limit, `cap_drop`, `no-new-privileges`…) must not report it, the other file being
 * where it is set or reported:
 * - a partial service (no `image`, `build` or resolved `extends`: `ComposeService.partial`);
 * - in an override file, a service without an `image`: an override that only adds `build:` to the
 *   base file's image-based service (mailcow's BUILD_FLAGS `docker-compose.override.yml`, Compose's
 *   documented "build locally in development" override) is a layer of that service, whose
 *   findings the base file already gets. A service of an override file that names an image is a
 *   service of its own (a sidecar added by the override) and is judged.
 * Rules about values that ARE written still judge every service.
 */
export function completesAnotherFile(service: ComposeService, filePath: string | undefined): boolean {
  if (service.partial) return true;
  return isOverrideFile(filePath) && service.image === undefined;
}

/**
 * Whether another file that `docker compose` merges with this one (`model.layerServices`: the
 * override file it loads with a default Compose file, that override's base, the other `-f`
 * files, an included file's later include paths and its includer's override) gives the service
 * what `gives` looks for: a limit, a `user`, `ALL` in `cap_drop`. A setting that the linted file
 * lacks is then not missing from the project (an override that adds `mem_limit` to the base's
 * service, an override that swaps the image of a base service that drops every capability).
 * Lists merge by appending and scalars by replacing, so what either file writes is in the
 * merged service; a value one of them writes wrongly (`mem_limit: 0`) is reported in that file.
 */
export function otherLayerGives(model: ComposeModel, service: ComposeService, gives: (other: ComposeService) => boolean): boolean {
  return model.layerServices?.(service.name).some(gives) ?? false;
}

/**
 * A service as the files of a layered project merge, when this is the project's last file and
 * the merge holds the whole service: what compose-go's checks of the merged project see. Undefined
 * otherwise (a file after this one, an `include`, an `extends` not followed here).
 */
export function mergedService(model: ComposeModel, name: string): Record<string, unknown> | undefined {
  const layered = model.layered;
  if (!layered?.last || !layered.complete || layered.unresolved.has(name)) return undefined;
  const merged = layered.services[name];
  return isRecord(merged) ? merged : undefined;
}
