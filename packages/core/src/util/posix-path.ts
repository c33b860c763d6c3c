/**
 * Path arithmetic for slash-separated paths (and backslash-separated ones where a caller says so),
 * written here because core runs in browsers too (the playground), where no `node:path` exists.
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

/**
 * What follows the last `/` of a path (or the last `/` or `\`, with `backslash`), the whole path
 * when it has none: `/usr/bin/apt-get` → `apt-get`. Most command names have no directory, and
 * the rules ask ~240 times per corpus Dockerfile: `includes` answers in ~18 ns where V8's
 * `lastIndexOf`, a call into C++, takes ~44 ns (Node 20, a loop over the words of a RUN).
 */
export function pathBaseName(path: string, backslash = false): string {
  const slash = path.includes("/") ? path.lastIndexOf("/") : -1;
  const cut = backslash && path.includes("\\") ? Math.max(slash, path.lastIndexOf("\\")) : slash;
  return cut === -1 ? path : path.slice(cut + 1);
}
