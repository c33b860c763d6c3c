import type { ComposeService, ScalarFound } from "../../compose/model.js";
import type { SourceText } from "../../source.js";

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

/** The file offset where the image text starts, when the scalar is written plainly or in simple quotes. */
export function imageTextStart(source: SourceText, found: ScalarFound): number | undefined {
  if (found.viaMerge) return undefined;
  const written = source.slice(found.range);
  if (written === found.text) return found.range[0];
  if (written.length === found.text.length + 2 && /^(["']).*\1$/s.test(written) && written.slice(1, -1) === found.text) return found.range[0] + 1;
  return undefined;
}
