import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { unquoteWord } from "./_buildkit-lexer.js";

interface Options {
  /** Accept a relative WORKDIR once an absolute one is in force (BuildKit's WorkdirRelativePath behaviour). */
  allowRelativeAfterAbsolute: boolean;
}

/** The working directory known to be in force: set by an absolute (or variable) WORKDIR of this file. */
interface Anchor {
  /** The directory, `/app/sub`, `C:\app` or `$HOME/sub` (an unresolved variable that starts it). */
  path: string;
  /** No variable went into it: a fix can write it out. */
  literal: boolean;
  windows: boolean;
  /** Line of the last WORKDIR that changed it. */
  line: number;
}

type Kind = "absolute" | "variable" | "relative";

const WINDOWS_DRIVE = /^[A-Z]:(?:[\\/]|$)/i;

function classify(value: string, escapeChar: string): Kind {
  if (value.startsWith("/") || WINDOWS_DRIVE.test(value)) return "absolute";
  // With `# escape=\``, a Windows Dockerfile's `\app` is rooted on the current drive.
  if (escapeChar === "`" && value.startsWith("\\")) return "absolute";
  // `WORKDIR $HOME` / `${APP_DIR}/x` where the value comes from the base image or the build: the builder's choice.
  if (value.startsWith("$")) return "variable";
  return "relative";
}

/**
 * `path` resolved against `base`, cleaned like BuildKit does (`filepath.Join` + `Clean`): `.` and
 * `..` segments and trailing separators are removed. Undefined when `..` would climb above a
 * leading variable, whose depth is unknown.
 */
function join(base: string, path: string, windows: boolean): string | undefined {
  const separator = windows ? /[\\/]+/ : /\/+/;
  let root: string;
  let rest: string;
  if (windows) {
    const drive = /^[A-Z]:/i.test(base);
    root = drive ? base.slice(0, 2) : "";
    rest = drive ? base.slice(2) : base;
  } else if (base.startsWith("/")) {
    root = "/";
    rest = base;
  } else {
    // A leading variable (`$HOME/x`): keep it as the root.
    const slash = base.indexOf("/");
    root = slash < 0 ? base : base.slice(0, slash);
    rest = slash < 0 ? "" : base.slice(slash);
  }
  const parts = rest.split(separator).filter((p) => p !== "" && p !== ".");
  for (const segment of path.split(separator)) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length > 0) parts.pop();
      else if (root !== "/" && !windows) return undefined;
    } else parts.push(segment);
  }
  if (windows) return `${root}\\${parts.join("\\")}`;
  if (root === "/") return `/${parts.join("/")}`;
  return [root, ...parts].join("/");
}

function normalize(value: string, windows: boolean): string {
  if (windows) return join(value, "", true) ?? value;
  return value.startsWith("/") ? (join("/", value, false) ?? value) : value;
}

/** `app/` → `/app`, `./src` → `/src`: an example absolute path for the message. */
function example(value: string): string {
  const cleaned = join("/", value, false);
  return cleaned === undefined || cleaned === "/" ? "/app" : cleaned;
}

/** A WORKDIR word the fix can write: quoted when it holds blanks or quotes. */
function asWord(path: string): string {
  return /^[\w./@%+,:=~-]+$/.test(path) ? path : `"${path.replace(/["$\\`]/g, "\\$&")}"`;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-absolute-workdir",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Require WORKDIR paths to be absolute.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      relative:
        "WORKDIR {{path}} is relative, so the directory it names depends on the working directory the base image happens to set; use an absolute path (e.g. \"{{example}}\").",
      relativeToEarlier:
        "WORKDIR {{path}} is relative to the working directory \"{{base}}\" set on line {{line}}; write the absolute path \"{{absolute}}\" so that the directory can be read where it is set.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowRelativeAfterAbsolute: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { allowRelativeAfterAbsolute: false },
    },
    references: {
      hadolint: ["DL3000"],
      buildkit: ["WorkdirRelativePath"],
      trivy: ["DS-0009"],
      checkov: ["CKV_DOCKER_10"],
      kics: ["6b376af8-cfe8-49ab-a08d-f32de23661a4"],
    },
    // BuildKit's WorkdirRelativePath judges only a WORKDIR with no absolute one before it.
    referencesByMessage: {
      relative: {
        hadolint: ["DL3000"],
        buildkit: ["WorkdirRelativePath"],
        trivy: ["DS-0009"],
        checkov: ["CKV_DOCKER_10"],
        kics: ["6b376af8-cfe8-49ab-a08d-f32de23661a4"],
      },
      relativeToEarlier: {
        hadolint: ["DL3000"],
        trivy: ["DS-0009"],
        checkov: ["CKV_DOCKER_10"],
        kics: ["6b376af8-cfe8-49ab-a08d-f32de23661a4"],
      },
    },
  },
  check({ model, source, options, report }) {
    /** The working directory in force at the end of each stage, by stage index. */
    const anchorAtEnd = new Map<number, Anchor | undefined>();
    let anchor: Anchor | undefined;
    let stageIndex: number | undefined;

    const judge = (instruction: Instruction, inheritsAnchor: boolean): Anchor | undefined => {
      const raw = instruction.argsText.trim();
      if (raw === "" || !instruction.argsRange) return anchor;
      const written = unquoteWord(raw, model.escapeChar);
      const expansion = instruction.scope.expand(written);
      const value = expansion.value;
      const kind = classify(value, model.escapeChar);
      const literal = !raw.includes("$");
      if (kind === "absolute") {
        const windows = !value.startsWith("/");
        return { path: normalize(value, windows), literal, windows, line: instruction.line };
      }
      if (kind === "variable") return { path: value, literal: false, windows: false, line: instruction.line };

      const path = value === written ? `"${written}"` : `"${written}" (= "${value}")`;
      const base = inheritsAnchor ? anchor : undefined;
      if (!base) {
        report({ messageId: "relative", data: { path, example: example(value) }, range: instruction.argsRange });
        return anchor;
      }
      const absolute = join(base.path, value, base.windows);
      const next: Anchor = {
        path: absolute ?? `${base.path}/${value}`,
        literal: base.literal && literal && absolute !== undefined,
        windows: base.windows,
        line: instruction.line,
      };
      if (options.allowRelativeAfterAbsolute) return next;
      const descriptor: ReportDescriptor = {
        messageId: "relativeToEarlier",
        data: { path, base: base.path, line: base.line, absolute: next.path },
        range: instruction.argsRange,
      };
      const oneLine = !/[\r\n]/.test(source.slice(instruction.argsRange));
      // The fix writes out the directory the build already uses: same behaviour, clearer text.
      if (next.literal && !base.windows && oneLine) descriptor.fix = { range: instruction.argsRange, text: asWord(next.path) };
      report(descriptor);
      return next;
    };

    for (const instruction of model.instructions) {
      if (instruction.keyword === "FROM") {
        if (stageIndex !== undefined) anchorAtEnd.set(stageIndex, anchor);
        const stage = instruction.stage;
        stageIndex = stage?.index;
        // A stage built on an earlier one starts in that stage's working directory.
        anchor = stage?.parent ? anchorAtEnd.get(stage.parent.index) : undefined;
        continue;
      }
      if (instruction.keyword === "WORKDIR") anchor = judge(instruction, true);
      // `ONBUILD WORKDIR x` runs in a child build, whose working directory this file does not fix.
      if (instruction.trigger?.keyword === "WORKDIR") {
        const saved = anchor;
        judge(instruction.trigger, false);
        anchor = saved;
      }
    }
  },
});
