import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { buildContextDir, excludingPattern, parseDockerIgnore, readIgnoreFile, type DockerIgnore, type IgnorePattern } from "../../util/dockerignore.js";
import { contextSources, hasGlob } from "./_copy-operands.js";

/** Patterns that exclude the whole context, the only ones BuildKit reports `COPY . …` for. */
const WHOLE_CONTEXT = new Set(["*", "**", "**/*"]);

/**
 * The pattern that keeps a COPY/ADD source (already relative, cleaned, slash-separated) out of
 * the context. A glob source is judged by its directory part only (`vendor/*.go` with `vendor`
 * ignored) or by a pattern written exactly like it: which files it names depends on the context.
 */
function excludedBy(ignore: DockerIgnore, path: string): IgnorePattern | undefined {
  if (path === ".") return ignore.patterns.find((p) => !p.exception && WHOLE_CONTEXT.has(p.pattern));
  if (!hasGlob(path)) return excludingPattern(ignore, path);
  const literal = ignore.patterns.find((p) => !p.exception && p.pattern === path);
  if (literal) return literal;
  const segments = path.split("/");
  const firstGlob = segments.findIndex((segment) => hasGlob(segment));
  if (firstGlob <= 0) return undefined;
  return excludingPattern(ignore, segments.slice(0, firstGlob).join("/"));
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-copy-ignored-file",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow COPY and ADD sources that the build context's `.dockerignore` excludes.",
    presets: ["recommended"],
    messages: {
      ignored:
        "{{keyword}} source \"{{source}}\" is excluded from the build context by `{{pattern}}` ({{file}} line {{line}}), so the build cannot find it; remove that pattern (or add a `!{{path}}` exception) or stop copying it.",
    },
    references: { buildkit: ["CopyIgnoredFile"] },
  },
  check({ model, filePath, settings, services, report }) {
    const readFile = services.readFile;
    const context = buildContextDir(settings.buildContext);
    if (!readFile || context === undefined) return;
    const file = readIgnoreFile(filePath, context, readFile);
    if (!file) return;
    const ignore = parseDockerIgnore(file.text);
    // With `!` exceptions, what reaches the build depends on files we cannot see; BuildKit skips the check too.
    if (ignore.patterns.length === 0 || ignore.hasExceptions) return;
    // ONBUILD triggers are left out: they run in a child image's build, with that build's context.
    for (const instruction of model.instructions) {
      for (const { operand, path } of contextSources(instruction, model)) {
        const pattern = excludedBy(ignore, path);
        if (!pattern) continue;
        report({
          messageId: "ignored",
          data: { keyword: instruction.keyword, source: operand.value, pattern: pattern.pattern, file: file.name, line: pattern.line, path },
          range: operand.range,
        });
      }
    }
  },
});
