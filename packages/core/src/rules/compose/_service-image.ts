import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import type { SourceText } from "../../source.js";
import { resolveKeepingUnknown } from "./_a-values.js";
import { hookField, serviceHooks, type Hook } from "./_c-hooks.js";

/**
 * Does the service build its image? Then `image:` names the image the build produces: nothing is
 * pulled, and its base is the Dockerfile's `FROM`, which the Dockerfile rules judge. `build`
 * inherited through `extends` counts (the model merges it in); a base that cannot be resolved
 * here (another file, an unset variable) is counted as building, so that nothing is reported on
 * a guess.
 */
export function buildsImage(service: ComposeService): boolean {
  if (service.build) return true;
  return service.extends !== undefined && service.extends.base === undefined;
}

/** An image reference as written, and where a finding points; `viaMerge` when that is not the scalar itself. */
export type ImageText = Pick<ScalarFound, "text" | "range" | "viaMerge">;

/** The file offset where the image text starts, when the scalar is written plainly or in simple quotes. */
export function imageTextStart(source: SourceText, found: ImageText): number | undefined {
  if (found.viaMerge) return undefined;
  const written = source.slice(found.range);
  if (written === found.text) return found.range[0];
  if (written.length === found.text.length + 2 && /^(["']).*\1$/s.test(written) && written.slice(1, -1) === found.text) return found.range[0] + 1;
  return undefined;
}

/** A `pre_start` hook's own `image:`, the image of the container it runs. */
export interface HookImage extends ImageText {
  hook: Hook;
}

/**
 * The images of a service's `pre_start` hooks: each runs a container of its own from its `image`
 * (compose-go's inheritPreStartImage gives a hook without one the service's image, which the
 * service's `image:` already stands for). A hook image that names the image a service of this
 * file builds (`image: acme/app` beside `build:`) is that build's output, not a pull, and is left
 * out, as the service's own `image:` is.
 */
export function preStartImages(model: ComposeModel, service: ComposeService): HookImage[] {
  const hooks = serviceHooks(model, service);
  if (hooks.length === 0) return [];
  const out: HookImage[] = [];
  let built: Set<string> | undefined;
  for (const hook of hooks) {
    if (hook.key !== "pre_start") continue;
    const image = hookField(model, hook, "image");
    // A number or a boolean is valid-schema's (`image` is a string).
    if (!image || typeof image.value !== "string") continue;
    built ??= builtImages(model);
    if (built.has(resolveKeepingUnknown(image.value).trim())) continue;
    out.push({ hook, text: image.value, range: image.range, viaMerge: !image.inPlace });
  }
  return out;
}

/** The `image:` of every service of the file that builds its image, interpolated. */
function builtImages(model: ComposeModel): Set<string> {
  const names = new Set<string>();
  for (const service of model.services) {
    const image = service.image;
    if (image && buildsImage(service)) names.add(resolveKeepingUnknown(image.text).trim());
  }
  return names;
}
