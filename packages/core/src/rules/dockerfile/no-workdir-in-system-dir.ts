import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { isWindowsStage, lastBefore, stageRoot, withTriggers } from "../../dockerfile/queries.js";
import { isScratch } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import { unquoteWord } from "./_buildkit-lexer.js";

/** Kernel file systems the runtime mounts over these directories: what the build writes there is hidden. */
const MOUNTED = ["/proc", "/sys", "/dev"];
/** Directories that belong to booting and file-system repair, not to applications. */
const RESERVED = ["/boot", "/initrd", "/lost+found"];

/** `/a/./b/../c//` → `/a/c` (WORKDIR paths are cleaned by the build the same way). */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The WORKDIR's path as the build resolves it (relative paths join the WORKDIR in force), or undefined when unknown. */
function resolvedPath(instruction: Instruction, escapeChar: string, depth = 0): string | undefined {
  const expanded = instruction.scope.expand(unquoteWord(instruction.argsText.trim(), escapeChar));
  if (expanded.unresolved.length > 0 || depth > 100) return undefined;
  const path = expanded.value.replace(/\\/g, "/");
  // Windows paths (`C:\app`) have no such directories.
  if (/^[A-Z]:/i.test(path) || path === "") return undefined;
  if (path.startsWith("/")) return clean(path);
  // An ONBUILD trigger runs in a child image whose WORKDIR this file does not know.
  if (instruction.onbuild) return undefined;
  const previous = lastBefore(instruction, "WORKDIR");
  // Without an earlier WORKDIR the base image's applies, which only `scratch` is known to leave at `/`.
  const root = instruction.stage ? stageRoot(instruction.stage) : undefined;
  const fromScratch = root?.image !== undefined && isScratch(root.image);
  const base = previous ? resolvedPath(previous, escapeChar, depth + 1) : fromScratch ? "/" : undefined;
  return base === undefined ? undefined : clean(`${base}/${path}`);
}

function under(path: string, dirs: readonly string[]): string | undefined {
  return dirs.find((dir) => path === dir || path.startsWith(`${dir}/`));
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-workdir-in-system-dir",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow a WORKDIR in /proc, /sys, /dev, /boot, /initrd or /lost+found.",
    presets: ["recommended"],
    messages: {
      mounted:
        "WORKDIR {{path}} is inside {{dir}}, where the container runtime mounts a kernel file system, so whatever the build puts there is hidden when the container runs; use an application directory such as /app or /srv/<name>.",
      reserved:
        "WORKDIR {{path}} is inside {{dir}}, which belongs to booting and file-system repair, not to applications; use an application directory such as /app or /srv/<name>.",
    },
    references: { trivy: ["DS-0030"] },
  },
  check({ model, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "WORKDIR" || !instruction.argsRange) continue;
      // Windows puts a drive-less WORKDIR on C: (`WORKDIR /dev` is C:\dev, which fluent-bit's
      // Windows images use for vcpkg): no kernel file system is mounted there.
      if (instruction.stage && isWindowsStage(model, instruction.stage)) continue;
      const path = resolvedPath(instruction, model.escapeChar);
      if (path === undefined) continue;
      const mounted = under(path, MOUNTED);
      const reserved = mounted ? undefined : under(path, RESERVED);
      const dir = mounted ?? reserved;
      if (!dir) continue;
      report({ messageId: mounted ? "mounted" : "reserved", data: { path, dir }, range: instruction.argsRange });
    }
  },
});
