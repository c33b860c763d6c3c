import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { FileKind, LintServices } from "@docklint/core";

/** The CLI's limit for files a linted file refers to (`.dockerignore`, `env_file`, `extends.file`). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function readSmallFile(file: string): string | undefined {
  try {
    // stat first: reading a FIFO would block ESLint forever.
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The host services core's rules use, as the docklint CLI gives them: reading the files a
 * linted file refers to. Dockerfiles only read beside themselves (`.dockerignore`); Compose
 * files may go up or use absolute paths, as Compose itself does; daemon.json reads nothing. Unnamed text (`<text>`,
 * editor buffers without a path) reads nothing. ShellCheck is not run inside ESLint.
 */
export function servicesFor(filePath: string, kind: FileKind): LintServices {
  // daemon.json refers to no file the rules read (its TLS paths are on the daemon's host).
  if (!path.isAbsolute(filePath) || kind === "daemon") return {};
  const dir = path.dirname(filePath);
  if (kind === "compose") {
    return {
      readFile: (relativePath) => {
        if (relativePath === "") return undefined;
        if (path.win32.isAbsolute(relativePath) && !path.isAbsolute(relativePath)) return undefined;
        return readSmallFile(path.resolve(dir, relativePath));
      },
    };
  }
  return {
    readFile: (relativePath) => {
      if (relativePath === "" || path.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) return undefined;
      const target = path.join(dir, relativePath);
      const inside = path.relative(dir, target);
      if (inside === "" || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return undefined;
      return readSmallFile(target);
    },
  };
}
