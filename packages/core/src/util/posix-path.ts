/**
 * Path arithmetic for slash-separated paths, written here because core runs in browsers too (the
 * playground), where no `node:path` exists.
 */

/**
 * Go's `path.Clean`, which Docker applies to `.dockerignore` patterns and COPY sources: `//`, `.` and
 * `..` resolved (never above `/`), no trailing slash; `node:path`'s `posix.normalize` but for that.
 */
export function cleanPath(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(segment);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}
