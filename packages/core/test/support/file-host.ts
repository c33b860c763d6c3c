import type { LintServices } from "../../src/rule.js";

/**
 * Host services over an in-memory file system, as the CLI gives them: `files` maps paths
 * relative to the linted file's directory (`../x` allowed) to their text; a path ending in `/`
 * is an empty directory. `readFile` reads a file; `listFiles` lists a directory the way the
 * CLI's lister does (every file and every directory, directories with a trailing `/`), and
 * gives undefined for a directory that does not exist.
 */
export function fileHost(files: Readonly<Record<string, string>>): Required<Pick<LintServices, "readFile" | "listFiles">> {
  const paths = Object.keys(files);
  return {
    readFile: (path) => (path.endsWith("/") ? undefined : files[path]),
    listFiles: (dir) => {
      const prefix = dir === "" || dir === "." ? "" : `${dir.endsWith("/") ? dir.slice(0, -1) : dir}/`;
      const inside = paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
      if (prefix !== "" && inside.length === 0) return undefined;
      const entries = new Set<string>();
      for (const path of inside) {
        const parts = path.split("/");
        for (let i = 1; i < parts.length; i++) entries.add(`${parts.slice(0, i).join("/")}/`);
        if (path !== "" && !path.endsWith("/")) entries.add(path);
      }
      // Paths that leave the directory (`../x` from "") are not in it.
      return [...entries].filter((entry) => !entry.startsWith("../"));
    },
  };
}
