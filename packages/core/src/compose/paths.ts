/**
 * The names `docker compose` loads by default, and path arithmetic for the paths Compose files
 * write: POSIX-style, relative to the linted file's directory.
 */

/** The default file names `docker compose` looks for, in its order, and their override files. */
export const DEFAULT_COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"] as const;
export const OVERRIDE_COMPOSE_FILES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
] as const;

/** `"a/b.yml"` → `"a/"`; `"b.yml"` → `""`. */
export function dirOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut >= 0 ? path.slice(0, cut + 1) : "";
}

/**
 * A path written in a file (relative to `dir`, the directory of that file relative to the linted
 * one) as a normalized path relative to the linted file's directory. Undefined for what a
 * relative reader cannot follow: absolute paths (they name the machine Compose runs on, not the
 * one linting), `~`, and remote references (`https://`, `oci://`, `git@…`, any `scheme:`).
 */
export function resolvePath(dir: string, written: string): string | undefined {
  const path = written.trim().replace(/\\/g, "/");
  if (path === "") return undefined;
  if (path.startsWith("/") || path.startsWith("~") || /^[A-Z]:\//i.test(path)) return undefined;
  // Remote resources (`https://…`, `oci://…`, `git@host:repo`, a loader's own `scheme:`), never a local file.
  if (/^[A-Z][A-Z0-9+.-]+:/i.test(path) || /^[^/:][^/:@]*@[^/:]+:/.test(path)) return undefined;
  const out: string[] = [];
  for (const segment of `${dir}${path}`.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

/**
 * The directories of the linted file's path as the host gave it, from its root (`[]` without a
 * path); undefined when the path climbs (`../x/compose.yaml`), whose directories are not named.
 */
export function directorySegments(filePath: string | undefined): string[] | undefined {
  const segments = (filePath ?? "").split(/[/\\]/).filter((segment) => segment !== "" && segment !== ".").slice(0, -1);
  return segments.includes("..") ? undefined : segments;
}

/** `path` (relative, `/`-separated) applied to the directory `base` (segments); undefined when it climbs above the root. */
export function descend(base: readonly string[], path: string): string[] | undefined {
  const out = [...base];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") out.push(segment);
    else if (out.length > 0) out.pop();
    else return undefined;
  }
  return out;
}

/**
 * The directory `to` as a path relative to the directory `from` (`""` or ending in `/`), both given
 * as segments from the same root.
 */
export function relativeSegments(from: readonly string[], to: readonly string[]): string {
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const parts = [...from.slice(common).map(() => ".."), ...to.slice(common)];
  return parts.length === 0 ? "" : `${parts.join("/")}/`;
}

/** A directory written in a file, relative to the linted file's directory, with a trailing `/` (or `""`). */
export function resolveDir(dir: string, written: string): string | undefined {
  const path = resolvePath(dir, written);
  if (path === undefined) return undefined;
  return path === "" ? "" : `${path}/`;
}

/**
 * A path relative to the linted file's directory, without a detour out of that directory and
 * back in: `../adminer/Dockerfile` from `laradock/adminer/compose.yml` is `Dockerfile`. A path
 * resolved from another project directory takes one (`project_directory: .` one level up).
 * `filePath` is the linted file's path as the host gave it; without one the path is kept.
 */
export function withoutDetour(path: string, filePath: string | undefined): string {
  if (filePath === undefined || !path.startsWith("../")) return path;
  const segments = path.split("/");
  let up = 0;
  while (segments[up] === "..") up++;
  const dir = filePath.split(/[/\\]/).filter((segment) => segment !== "" && segment !== ".").slice(0, -1);
  if (dir.length < up || dir.slice(-up).includes("..")) return path;
  const left = dir.slice(dir.length - up);
  let back = 0;
  while (back < up && up + back < segments.length && segments[up + back] === left[back]) back++;
  // Only a full return into this directory shortens the path; a partial one (`../../a/z`) stays.
  if (back < up) return path;
  return segments.slice(up + back).join("/");
}
