import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { Fix } from "../../types.js";
import { copyOperands, type CopyOperand } from "./_copy-operands.js";

interface Options {
  /** Count a source with a wildcard (`*.jar`, `dist/?`, `[ab].txt`) as several sources. */
  wildcardSources: boolean;
}

const WILDCARD = /[*?[]/;

/** `.`, `..`, `dir/.`: a directory by its last segment, though not written with a trailing `/`. */
function endsInDot(path: string): boolean {
  return /(?:^|[/\\])\.\.?$/.test(path);
}

/**
 * `.`, `..`, `./..`: no segment names a directory that may be missing. kaniko's IsDestDir
 * (pkg/util/command_util.go) takes `.` for a directory by its text and any other destination by
 * `os.Stat` from `/`, its working directory, where such a path always finds one; `dir/.` is a
 * directory there only if `/dir` (not the WORKDIR's `dir`) already exists.
 */
function onlyDotSegments(path: string): boolean {
  return path.split("/").every((segment) => segment === "" || segment === "." || segment === "..");
}

/** COPY/ADD flags that take a value (`--link`, `--parents`, `--keep-git-dir` are booleans). */
const VALUE_FLAGS = new Set(["from", "chown", "chmod", "exclude", "checksum"]);

/**
 * The separator that makes the destination a directory, before a closing quote or else at the
 * end. A Windows path written with backslashes gets one too, but only under `# escape=\``:
 * with the default escape character a trailing `\` would continue the line.
 */
function slashFix(dest: CopyOperand, form: "json" | "shell", escapeChar: string): Fix {
  const written = dest.written;
  const last = written.at(-1);
  const closesQuote = written.length >= 2 && (last === '"' || last === "'");
  const at = closesQuote ? dest.range[1] - 1 : dest.range[1];
  const windows = form === "shell" && escapeChar !== "\\" && dest.literal.includes("\\") && !dest.literal.includes("/");
  return { range: [at, at], text: windows ? "\\" : "/" };
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-dest-dir-slash",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Require the destination of a COPY or ADD with several sources to end in `/`.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      several:
        "`{{keyword}}` has {{count}} sources but its destination \"{{dest}}\" does not end in `/`: the legacy builder fails (\"the destination must be a directory and end with a /\"), kaniko too unless that directory already exists, and BuildKit may write every source to that one path; write \"{{dest}}{{separator}}\".",
      dot: "`{{keyword}}` has {{count}} sources and the destination \"{{dest}}\": BuildKit and kaniko take it for a directory, but the legacy builder fails (\"the destination must be a directory and end with a /\"); write \"{{dest}}{{separator}}\".",
      dirDot:
        "`{{keyword}}` has {{count}} sources and the destination \"{{dest}}\": BuildKit takes it for a directory, but the legacy builder fails (\"the destination must be a directory and end with a /\"), and kaniko too unless that directory already exists; write \"{{dest}}{{separator}}\".",
      wildcard:
        "`{{keyword}}` source \"{{source}}\" is a wildcard, which may match several files, but the destination \"{{dest}}\" does not end in `/`: with more than one match the legacy builder fails and BuildKit keeps only one file; write \"{{dest}}{{separator}}\" (or name the one file).",
    },
    options: {
      schema: {
        type: "object",
        properties: { wildcardSources: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { wildcardSources: false },
    },
    presetOptions: { strict: { wildcardSources: true } },
    references: {
      hadolint: ["DL3021"],
      trivy: ["DS-0011"],
      kics: ["6db6e0c2-32a3-4a2e-93b5-72c35f4119db"],
    },
    referencesByMessage: {
      several: { hadolint: ["DL3021"], trivy: ["DS-0011"], kics: ["6db6e0c2-32a3-4a2e-93b5-72c35f4119db"] },
      dot: { hadolint: ["DL3021"], trivy: ["DS-0011"], kics: ["6db6e0c2-32a3-4a2e-93b5-72c35f4119db"] },
      dirDot: { hadolint: ["DL3021"], trivy: ["DS-0011"], kics: ["6db6e0c2-32a3-4a2e-93b5-72c35f4119db"] },
      wildcard: {},
    },
  },
  check({ model, source, options, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      // `COPY --from build a b`: the build rejects the bare flag, and its value would be taken for a source here.
      if (instruction.flags.some((flag) => flag.value === undefined && VALUE_FLAGS.has(flag.name.toLowerCase()))) continue;
      const { form, sources, destination: dest } = copyOperands(instruction, source, model.escapeChar);
      if (!dest || sources.length === 0) continue;
      // `COPY a b $DIR`: the builder's value may well end in `/`.
      if (dest.unresolved.length > 0) continue;
      if (/[/\\]$/.test(dest.value)) continue;
      const keyword = instruction.keywordText.toUpperCase();
      const fix = slashFix(dest, form, model.escapeChar);
      if (sources.length > 1) {
        report({
          messageId: !endsInDot(dest.value) ? "several" : onlyDotSegments(dest.value) ? "dot" : "dirDot",
          data: { keyword, count: sources.length, dest: dest.literal, separator: fix.text },
          range: dest.range,
          fix,
        });
        continue;
      }
      const only = sources[0];
      // `COPY *.csproj .`: BuildKit takes `.` (and `dir/.`) for a directory, so a wildcard with several matches is fine there.
      if (!options.wildcardSources || !only || only.heredoc || endsInDot(dest.value)) continue;
      if (!WILDCARD.test(only.value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(only.value)) continue;
      report({ messageId: "wildcard", data: { keyword, source: only.literal, dest: dest.literal, separator: fix.text }, range: dest.range, fix });
    }
  },
});
