import type { DockerfileModel } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { defineRule } from "../../rule.js";

/** Operating systems a platform's first component may name (Go's GOOS values that images use). */
const OPERATING_SYSTEMS = new Set(["linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix", "plan9", "wasip1", "js"]);

/** containerd's `platforms.Normalize` spellings of an architecture. */
const ARCH_ALIASES = new Map([
  ["x86_64", "amd64"],
  ["x86-64", "amd64"],
  ["aarch64", "arm64"],
  ["armhf", "arm"],
  ["armel", "arm"],
  ["i386", "386"],
  ["i686", "386"],
]);

/** OS and architecture of a platform string (`linux/arm/v7`, `arm64`, `windows`), lower-cased. */
function parsePlatform(value: string): { os: string; arch: string | undefined; written: string | undefined } {
  const parts = value.toLowerCase().split("/");
  const first = parts[0] ?? "";
  if (parts.length === 1) {
    if (OPERATING_SYSTEMS.has(first)) return { os: first, arch: undefined, written: undefined };
    return { os: "linux", arch: ARCH_ALIASES.get(first) ?? first, written: first };
  }
  const arch = parts[1] ?? "";
  return { os: first, arch: ARCH_ALIASES.get(arch) ?? arch, written: arch };
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-constant-platform",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow a constant `FROM --platform` value; choose the platform at build time or use `$BUILDPLATFORM`.",
    presets: ["strict"],
    messages: {
      constant:
        "`FROM --platform={{value}}` pins this stage to {{value}}, so a multi-platform build (`docker buildx build --platform …`) still builds it for {{value}} only; drop the flag and pass `--platform` at build time, use `$BUILDPLATFORM` for a stage that only runs build tools, or name the stage after its platform (`AS build-{{arch}}`).",
    },
    references: {
      hadolint: ["DL3029"],
      buildkit: ["FromPlatformFlagConstDisallowed"],
      kics: ["b16e8501-ef3c-44e1-a543-a093238099c9"],
    },
  },
  check({ model, source, report }) {
    for (const stage of model.stages) {
      const flag = stage.platform;
      if (!flag || flag.value === undefined) continue;
      const value = unquote(flag.value);
      if (value.trim() === "") continue;
      // Any variable (`$BUILDPLATFORM`, `${TARGETOS}/${TARGETARCH}`, an ARG with a default) can be set per build.
      const expanded = stage.from.scope.expand(value);
      if (expanded.unresolved.length > 0 || expanded.value !== value) continue;
      const platform = parsePlatform(value);
      // BuildKit: a stage named after its platform (`AS build_amd64`, `AS linux`) is platform-specific on purpose.
      const name = stage.name?.toLowerCase() ?? "";
      if (name !== "" && [platform.os, platform.arch, platform.written].some((part) => part !== undefined && part !== "" && name.includes(part))) continue;
      const exact = flag.valueRange !== undefined && source.slice(flag.valueRange) === flag.value;
      report({
        messageId: "constant",
        data: { value, arch: platform.arch ?? platform.os },
        range: exact && flag.valueRange ? flag.valueRange : flag.range,
      });
    }
  },
});
