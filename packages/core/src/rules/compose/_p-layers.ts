import type { ComposeLayerService, ComposeMergeTag, ComposeModel, ComposeService } from "../../compose/model.js";
import type { ReportDescriptor } from "../../rule.js";
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

/** Whether a layer's value at `path` is in the merged service (see `LayerGives`). */
export type KeptPath = (path: readonly string[]) => boolean;

/**
 * Whether another layer's service gives what a rule looks for (a limit, a `user`, `ALL` in
 * `cap_drop`), reading only the values at the paths `kept` lets through: a file merged after that
 * layer may drop them with `!reset` or `!override`.
 */
export type LayerGives = (other: ComposeService, kept: KeptPath) => boolean;

/**
 * A service's own values, all of them: its accessors already leave out what it tags `!reset`
 * (compose-go drops it on load), so only the tags of other files decide what is kept.
 */
export const OWN_VALUES: KeptPath = () => true;

/**
 * Whether another file that `docker compose` merges with this one (`model.layerServices`: the
 * override file it loads with a default Compose file, that override's base, the other `-f`
 * files, an included file's later include paths and its includer's override) gives the service
 * what `gives` looks for. A setting that the linted file lacks is then not missing from the
 * project (an override that adds `mem_limit` to the base's service, an override that swaps the
 * image of a base service that drops every capability). Lists merge by appending and scalars by
 * replacing, so what either file writes is in the merged service; a value one of them writes
 * wrongly (`mem_limit: 0`) is reported in that file. What a file before this one gives does not
 * count where this file, or a file between them, tags the path `!reset` or `!override`; a
 * `!reset` value never counts (compose-go drops it with its key).
 */
export function otherLayerGives(model: ComposeModel, service: ComposeService, gives: LayerGives): boolean {
  const layers = model.layerServices?.(service.name);
  if (!layers) return false;
  return (
    layers.after.some((layer) => gives(layer.service, OWN_VALUES)) ||
    layers.before.some((layer, at) => gives(layer.service, (path) => keptUpTo(layers.before, at, path) && service.mergeTag(path) === undefined))
  );
}

/**
 * Where the linted service drops, with `!reset` or `!override`, what a file merged before it
 * gives (`cap_drop: !reset []` in an override of a base service that drops `ALL`), when no other
 * layer gives it: the merged service lacks the setting because of this file, and a finding
 * belongs at the tag, even in a service that only completes another file's. Call it once
 * `otherLayerGives` has said no.
 */
function droppedLayerValue(model: ComposeModel, service: ComposeService, gives: LayerGives): { tag: ComposeMergeTag; file: string } | undefined {
  const layers = model.layerServices?.(service.name);
  if (!layers) return undefined;
  for (let at = 0; at < layers.before.length; at++) {
    const layer = layers.before[at];
    if (!layer || !gives(layer.service, (path) => keptUpTo(layers.before, at, path))) continue;
    let dropped: ComposeMergeTag | undefined;
    const keptHere = (path: readonly string[]): boolean => {
      if (!keptUpTo(layers.before, at, path)) return false;
      const tag = service.mergeTag(path);
      dropped ??= tag;
      return tag === undefined;
    };
    if (!gives(layer.service, keptHere) && dropped) return { tag: dropped, file: layer.file };
  }
  return undefined;
}

/** Whether the linted service drops what a file before it gives (see `droppedLayerValue`). */
export function dropsLayerValue(model: ComposeModel, service: ComposeService, gives: LayerGives): boolean {
  return droppedLayerValue(model, service, gives) !== undefined;
}

/**
 * Reports `droppedLayerValue` at the tag, under `messageId` (its data: `key`, `tag`, `file`,
 * `service`); whether there was one to report.
 */
export function reportDroppedLayerValue(
  model: ComposeModel,
  service: ComposeService,
  gives: LayerGives,
  report: (descriptor: ReportDescriptor) => void,
  messageId: string,
): boolean {
  const dropped = droppedLayerValue(model, service, gives);
  if (!dropped) return false;
  const { tag, file } = dropped;
  report({ messageId, data: { key: tag.path.join("."), tag: tag.tag, file, service: service.name }, range: tag.keyRange });
  return true;
}

/** Whether the value of `before[at]` at `path` reaches the linted file: no file between them tags the path. */
function keptUpTo(before: readonly ComposeLayerService[], at: number, path: readonly string[]): boolean {
  for (let later = at + 1; later < before.length; later++) if (before[later]?.service.mergeTag(path)) return false;
  return true;
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
