/**
 * POSIX path normalisation as `node:path`'s `posix.normalize` does it, written here because core
 * runs in browsers too (the playground), where no `node:` module exists.
 */
export function normalizePosixPath(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailingSlash = path.endsWith("/");
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      // Above the root is still the root; a relative path keeps its leading `..`s.
      if (segments.length > 0 && segments[segments.length - 1] !== "..") segments.pop();
      else if (!absolute) segments.push("..");
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join("/");
  if (joined === "") return absolute ? "/" : trailingSlash ? "./" : ".";
  const withSlash = trailingSlash ? `${joined}/` : joined;
  return absolute ? `/${withSlash}` : withSlash;
}
