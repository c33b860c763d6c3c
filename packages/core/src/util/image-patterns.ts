import { familiarName, parseImageReference } from "../image/reference.js";
import type { ImageReference } from "../image/reference.js";

/**
 * Image name patterns, as users write them in rule options (`imagesWithHealthcheck`):
 *
 * - `*` stands for any run of characters, `/` included (`bitnami/*`, `ghcr.io/acme/*`);
 * - a pattern without a tag or digest matches every tag and digest of the name
 *   (`postgres` matches `postgres:17-alpine`);
 * - a pattern with a tag or digest matches only those (`mongo:7*`);
 * - Docker Hub names match however they are spelled: `nginx`, `library/nginx`,
 *   `docker.io/library/nginx` and `index.docker.io/library/nginx` are one image;
 * - comparison is case-insensitive.
 */

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

/** Whether the pattern names a tag (`:` after the last `/`) or a digest (`@`). */
function hasVersion(pattern: string): boolean {
  if (pattern.includes("@")) return true;
  const lastSlash = pattern.lastIndexOf("/");
  return pattern.indexOf(":", lastSlash + 1) >= 0;
}

/** The spellings of an image's name (without and with its tag or digest) that a pattern may use. */
function spellings(ref: ImageReference): { names: string[]; versioned: string[] } {
  const names = [...new Set([familiarName(ref), `${ref.domain}/${ref.fullPath}`, ref.fullPath, ref.registry === undefined ? ref.path : `${ref.registry}/${ref.path}`])];
  const tag = ref.tag ?? (ref.digest === undefined ? "latest" : undefined);
  const suffixes = [tag === undefined ? "" : `:${tag}`, ref.digest === undefined ? "" : `@${ref.digest}`];
  const versioned = names.flatMap((name) => [`${name}${suffixes.join("")}`, ...suffixes.filter((suffix) => suffix !== "").map((suffix) => `${name}${suffix}`)]);
  return { names, versioned };
}

/** Whether `image` (a reference as written, variables already substituted) matches one of `patterns`. */
export function imageMatchesAny(image: string, patterns: readonly string[]): boolean {
  const active = patterns.map((p) => p.trim()).filter((p) => p !== "");
  if (active.length === 0) return false;
  const ref = parseImageReference(image);
  if (!ref) return false;
  const { names, versioned } = spellings(ref);
  return active.some((pattern) => {
    const re = globToRegExp(pattern);
    return (hasVersion(pattern) ? versioned : names).some((candidate) => re.test(candidate));
  });
}
