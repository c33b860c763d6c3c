import type { FileKind } from "./types.js";
import { pathBaseName } from "./util/posix-path.js";

/** `Dockerfile`, `Dockerfile.prod`, `Dockerfile-alpine`, `api.Dockerfile`, `x.dockerfile`, `Containerfile` (not `Dockerfile.dockerignore`). */
export function isDockerfileName(filePath: string): boolean {
  const name = pathBaseName(filePath, true);
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(?:Dockerfile|Containerfile)(?:[._-].+)?$/i.test(name) || /\.(?:Dockerfile|Containerfile)$/i.test(name);
}

/** `compose.yaml`, `compose.prod.yml`, `docker-compose.override.yml`, … */
export function isComposeName(filePath: string): boolean {
  const name = pathBaseName(filePath, true);
  // With the name in front too: seaweedfs's `<name>-compose.yml`, snipe-it's `dev.docker-compose.yml`.
  return /^(?:(?:docker-)?compose(?:[.-].+)?|.*[.-]compose)\.ya?ml$/i.test(name);
}

/**
 * A Compose file that `docker compose` merges onto another one: an override
 * (`docker-compose.override.yml`, and any name with "override" in it) or a `-f` layer by its name
 * (`compose.prod.yaml`). Such a file may leave out what its base defines, or hold nothing at all.
 */
export function isComposeLayerName(filePath: string): boolean {
  return /^(?:docker-)?compose\.[^/\\]+\.ya?ml$|override/i.test(pathBaseName(filePath, true));
}

export function isDaemonConfigName(filePath: string): boolean {
  return pathBaseName(filePath, true) === "daemon.json";
}

/** The kind a file name says, or undefined when the name says nothing. */
export function kindFromName(filePath: string): FileKind | undefined {
  if (isDockerfileName(filePath)) return "dockerfile";
  if (isComposeName(filePath)) return "compose";
  if (isDaemonConfigName(filePath)) return "daemon";
  return undefined;
}

/** Content sniffing for files whose name says nothing (stdin, `build/app.txt`). */
export function kindFromContent(text: string): FileKind | undefined {
  const body = text.replace(/^\uFEFF/, "");
  for (const rawLine of body.split(/\r?\n/, 200)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/^(?:FROM|ARG)\s/i.test(line)) return "dockerfile";
    if (/^(?:services|version|name|include|networks|volumes|secrets|configs|x-[\w-]+)\s*:/.test(line)) return "compose";
    if (line.startsWith("{")) return "daemon";
    return undefined;
  }
  return undefined;
}

export function detectKind(filePath: string | undefined, text?: string): FileKind | undefined {
  return (filePath ? kindFromName(filePath) : undefined) ?? (text === undefined ? undefined : kindFromContent(text));
}
