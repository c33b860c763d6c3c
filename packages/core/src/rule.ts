import type { OffsetRange, SourceText } from "./source.js";
import type { FileKind, Fix, Level, PresetName, RuleCategory, RuleReferences } from "./types.js";
import { BoundedCache } from "./util/bounded-cache.js";

/** A JSON schema, kept loose: core only reads `properties` and `default`s from it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface RuleOptionsMeta<Options> {
  /** JSON schema of the options object (`type: "object"`, `additionalProperties: false`). */
  schema: JsonSchema;
  defaults: Options;
}

export interface RuleMeta<Options = Record<string, never>> {
  /** Kebab-case id, equal to the file name. One concept keeps one id across file kinds. */
  id: string;
  kind: FileKind;
  category: RuleCategory;
  /** Default level when a preset turns the rule on. */
  severity: Level;
  /** One imperative line: what the rule requires or forbids. */
  docs: string;
  /** Presets that turn the rule on; every rule is in `all`. */
  presets: readonly Exclude<PresetName, "all">[];
  fixable?: boolean;
  hasSuggestions?: boolean;
  /** Message templates with `{{name}}` placeholders; each names the value at fault and the fix. */
  messages: Readonly<Record<string, string>>;
  options?: RuleOptionsMeta<Options>;
  /** Options a preset sets when it turns the rule on (`strict` asks `require-pinned-image` for digests). */
  presetOptions?: Readonly<Partial<Record<Exclude<PresetName, "all">, Partial<Options>>>>;
  references: RuleReferences;
  /**
   * When one rule covers several peer rules (DL3006 and DL3007 are `require-pinned-image`),
   * which messageIds stand for which peer ids; used by conformance tests and hadolint pragmas.
   */
  referencesByMessage?: Readonly<Record<string, RuleReferences>>;
}

export interface ReportDescriptor {
  messageId: string;
  /**
   * A level for this finding below the configured one (ShellCheck's `style` findings under a
   * rule configured as `warning`). It never raises a finding above the configured level.
   */
  level?: Level;
  data?: Readonly<Record<string, string | number>>;
  range: OffsetRange;
  fix?: Fix | readonly Fix[];
  suggestions?: readonly { desc: string; fix: Fix | readonly Fix[] }[];
}

/** Settings shared by several rules, set once in the config's `settings`. */
export interface Settings {
  /** Registries images may come from (hadolint's trustedRegistries): `*`, `*.example.com`, `registry*`, exact. */
  trustedRegistries?: readonly string[];
  /** Label name → type (`text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`), as hadolint's label-schema. */
  labelSchema?: Readonly<Record<string, string>>;
  /** Report labels that are not in `labelSchema`. */
  strictLabels?: boolean;
  /**
   * The build context of the linted Dockerfile, as a directory relative to the Dockerfile's own
   * (default: that directory). The CLI sets it for a Dockerfile built by a Compose service whose
   * `build.context` is elsewhere (`context: .`, `dockerfile: docker/Dockerfile` → `..`).
   */
  buildContext?: string;
  /**
   * Stages of the linted Dockerfile that are built as images besides the last one, by name
   * (`docker build --target`, a Compose service's `build.target`). The CLI sets it for a
   * Dockerfile that Compose services build with `target:`, adding to what the config gives. Rules
   * that judge the image (its user, health check, base image's support, leftover caches) judge
   * these stages as they judge the last.
   */
  buildTargets?: readonly string[];
  /**
   * Named build contexts that the builds of the linted Dockerfile pass (`docker buildx build
   * --build-context <name>=…`, a Compose service's `build.additional_contexts`, a bake target's
   * `contexts`). A FROM or `COPY --from` that names one reads that context instead of a stage or
   * a registry image, so it is not judged as an image. The CLI adds the names of
   * `additional_contexts` of the Compose services that build the Dockerfile.
   */
  buildContexts?: readonly string[];
  [key: string]: unknown;
}

/** One script handed to an external shell linter, with where its text starts in the file. */
export interface ShellcheckScript {
  /** The script text as the shell sees it. */
  script: string;
  /** The shell dialect: sh, bash, dash, ksh, busybox. */
  shell: string;
  /** Maps an offset in `script` to an offset in the file. */
  toFileOffset(offset: number): number;
}

export interface ShellcheckFinding {
  /** Index into the scripts passed to the runner. */
  script: number;
  code: number;
  level: "error" | "warning" | "info" | "style";
  message: string;
  /** Offsets into that script: [start, end). */
  start: number;
  end: number;
  fix?: { start: number; end: number; text: string }[];
}

/**
 * Capabilities the host gives rules that need the outside world. Core never spawns
 * processes or reads files itself: the CLI (and the ESLint plugin) inject these.
 */
export interface LintServices {
  /**
   * Reads a file next to the linted one (a Dockerfile's `.dockerignore`), by a path relative
   * to the linted file's directory; `undefined` when it does not exist or cannot be read.
   */
  readFile?: (relativePath: string) => string | undefined;
  /**
   * Lists what a directory holds, by a path relative to the linted file's directory (`""` for
   * that directory): paths relative to the listed directory, `/`-separated, every directory
   * listed too with a trailing `/` (`.git/`, `config/`, `config/app.json`). Bounded by the host
   * (depth, count; the contents of `node_modules/` and `.git/` are not walked): a listing may be
   * incomplete, never wrong.
   * `undefined` when the directory does not exist or cannot be read. Used to see what a build
   * context holds (the `.env` a `COPY . .` would ship) and whether a Compose build context exists.
   */
  listFiles?: (relativeDir: string) => readonly string[] | undefined;
  /** Runs ShellCheck once over all scripts of a file; `undefined` when ShellCheck is not installed. */
  shellcheck?: (scripts: readonly ShellcheckScript[]) => ShellcheckFinding[] | { unavailable: string };
}

export interface RuleContext<Model, Options> {
  readonly model: Model;
  readonly source: SourceText;
  readonly options: Options;
  readonly settings: Settings;
  readonly filePath: string | undefined;
  readonly services: LintServices;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Model = unknown, Options = unknown> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<Model, Options>): void;
}

/** Identity helper that gives a rule object its types. */
export function defineRule<Model, Options = Record<string, never>>(rule: Rule<Model, Options>): Rule<Model, Options> {
  return rule;
}

/** `{{name}}` placeholders filled from `data`; unknown placeholders stay visible so tests catch them. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  const parts = templateParts(template);
  let text = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i] ?? "";
    text += (name in data ? String(data[name]) : parts[i + 1]) + (parts[i + 2] ?? "");
  }
  return text;
}

/**
 * A template split once into literal text and placeholders: [text, name, placeholder as written,
 * text, …]. Rule messages are a few hundred constant strings; this replaces a regex replace with a
 * callback per message (every corpus message formatted: 5.5 → 2.4 µs/file for Dockerfiles,
 * 10.0 → 3.5 µs/file for Compose files, issue 7).
 */
// Templates are rule metadata, but a plugin could build them per call: the cache is bounded.
const splitTemplates = new BoundedCache<string, readonly string[]>(2048);

function templateParts(template: string): readonly string[] {
  return splitTemplates.lookup(template, splitTemplate);
}

function splitTemplate(template: string): readonly string[] {
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts.push(template.slice(last, match.index), match[1] ?? "", match[0]);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}
