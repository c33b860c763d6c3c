/** `root`, `0`, `root:…`, `0:…` (what `USER` and Compose's `user:` accept for the superuser). */
export function isRootUser(user: string): boolean {
  const name = user.trim().replace(/^["']|["']$/g, "").split(":")[0] ?? "";
  return name === "root" || /^0+$/.test(name);
}

/**
 * Options of `require-non-root-user`, shared by its Dockerfile and Compose rules (one id, one
 * set of options).
 */
export interface NonRootUserOptions {
  /** Base images known to run as a non-root user already (glob on the image as written, `*` wildcard). */
  nonRootBaseImages: string[];
}

export const NON_ROOT_USER_OPTIONS: { schema: Readonly<Record<string, unknown>>; defaults: NonRootUserOptions } = {
  schema: {
    type: "object",
    properties: { nonRootBaseImages: { type: "array", items: { type: "string" } } },
    additionalProperties: false,
  },
  defaults: {
    nonRootBaseImages: [
      "*:nonroot",
      "*:*-nonroot",
      "*:nonroot-*",
      "*:*-nonroot-*",
      "*:rootless",
      "*:*-rootless",
      // Microsoft's .NET chiseled and distroless images set `USER app` (uid 1654) in their config.
      "mcr.microsoft.com/dotnet/*:*-chiseled*",
      "mcr.microsoft.com/dotnet/*:*-distroless*",
      // Nano Server (1709 and later) runs as ContainerUser, not as an administrator; so do the
      // .NET and PowerShell images built on it. The 2016 releases (sac2016, 10.0.14393.*) ran as
      // ContainerAdministrator and stay reported.
      "mcr.microsoft.com/windows/nanoserver:ltsc*",
      "mcr.microsoft.com/windows/nanoserver:1809*",
      "mcr.microsoft.com/windows/nanoserver:1903*",
      "mcr.microsoft.com/windows/nanoserver:1909*",
      "mcr.microsoft.com/windows/nanoserver:2004*",
      "mcr.microsoft.com/windows/nanoserver:20H2*",
      "mcr.microsoft.com/dotnet/*:*-nanoserver-*",
      "mcr.microsoft.com/powershell:*nanoserver*",
    ],
  },
};

/**
 * Each `nonRootBaseImages` list compiled once into one case-insensitive alternation: the list
 * comes from the resolved options, the same array for every file of a run. Mapping ~50 globs to
 * cached regexes and testing each twice per call was half of require-non-root-user's time
 * (the rule alone on the Dockerfile corpus: 2.1 → 0.7 µs/file).
 */
const compiledLists = new WeakMap<readonly string[], RegExp>();

function compileGlobs(patterns: readonly string[]): RegExp {
  let compiled = compiledLists.get(patterns);
  if (!compiled) {
    const alternatives = patterns.map((pattern) => pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
    compiled = new RegExp(`^(?:${alternatives.join("|")})$`, "i");
    compiledLists.set(patterns, compiled);
  }
  return compiled;
}

/** Whether a base image (as resolved in FROM) matches `nonRootBaseImages`, with or without its digest. */
export function isNonRootBaseImage(image: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const matcher = compileGlobs(patterns);
  if (matcher.test(image)) return true;
  // A digest does not change the image's user: `distroless/static:nonroot@sha256:…` is `:nonroot`.
  const withoutDigest = image.replace(/@[a-z0-9]+:[0-9a-f]+$/i, "");
  return withoutDigest !== image && matcher.test(withoutDigest);
}
