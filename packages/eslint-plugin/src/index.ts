import { builtinRules, isInPreset, type Rule } from "@docklint/core";
import { DISCOVERY } from "docklint";
import type { Language, RuleDefinition } from "@eslint/core";
import { DocklintLanguage, type LanguageKind } from "./language.js";
import { adapterRules, DIRECTIVES_RULE_ID, LANGUAGE_KINDS } from "./rules.js";

export { DocklintLanguage, DocklintSourceCode } from "./language.js";
export type { CommentNode, ComposeRoot, DaemonRoot, DockerfileRoot, DocklintNode, InstructionNode, LanguageKind, RootNode, ServiceNode, SettingNode } from "./language.js";
export { adapterRule, adapterRules, directivesRule, DIRECTIVES_RULE_ID, DOCS_BASE } from "./rules.js";
export { servicesFor, shellcheckRunner } from "./services.js";

/**
 * The globs of one kind: the names the CLI's directory search picks up (its `DISCOVERY` table), in
 * any directory, so that the editor lints what `docklint .` lints. ESLint's `files` globs are
 * case-sensitive, as the search is; see the README for other names.
 */
function discovered(kind: LanguageKind, part: "patterns" | "exclude"): string[] {
  return (DISCOVERY.find((entry) => entry.kind === kind)?.[part] ?? []).map((name) => `**/${name}`);
}

/** Dockerfile names: `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `Containerfile`, … */
export const DOCKERFILE_FILES = discovered("dockerfile", "patterns");
/**
 * `Dockerfile.*` also matches BuildKit's per-Dockerfile ignore file and the templates a generator
 * renders (`Dockerfile.template`, `Dockerfile.tmpl`, `Dockerfile.j2`), which are not Dockerfiles.
 */
export const DOCKERFILE_IGNORES = discovered("dockerfile", "exclude");
/** Compose names, as `docker compose` looks for them and the `-f` files named with a dot or a hyphen. */
export const COMPOSE_FILES = discovered("compose", "patterns");
/** dockerd's configuration file (`/etc/docker/daemon.json`, rootless `~/.config/docker/daemon.json`). */
export const DAEMON_FILES = discovered("daemon", "patterns");

const FILES: Record<LanguageKind, readonly string[]> = { dockerfile: DOCKERFILE_FILES, compose: COMPOSE_FILES, daemon: DAEMON_FILES };

export type ConfigName = "recommended" | "strict" | "cis" | "all";
type Severity = "error" | "warn";

/** A flat-config object, typed loosely so that it is assignable to ESLint 9's and 10's `Linter.Config`. */
export interface DocklintConfig {
  name: string;
  files: string[];
  ignores?: string[];
  // The plugin itself, typed by its `meta` only: the full type would make the config type recursive.
  plugins: Record<string, { meta: DocklintPlugin["meta"] }>;
  language: string;
  rules: Record<string, Severity | [Severity, Record<string, unknown>]>;
}

/**
 * The exported plugin type erases each rule's `create` and the languages' types: ESLint 9's
 * types (@eslint/core 0.17) reject language-specific rule definitions, and `eslint.config.ts`
 * files must type-check on both majors.
 */
export interface DocklintPlugin {
  meta: { name: string; version: string; namespace: string };
  languages: Record<LanguageKind, Language>;
  rules: Record<string, { meta?: RuleDefinition["meta"]; create: (context: never) => Record<string, (...args: unknown[]) => void> }>;
  configs: Record<ConfigName, DocklintConfig[]>;
}

const VERSION = "0.1.0";

function presetRules(preset: ConfigName, kind: LanguageKind, rules: readonly Rule[]): DocklintConfig["rules"] {
  // Core's messages of no rule (bad `# check=`, unknown rules in disable comments): on in every config.
  const out: DocklintConfig["rules"] = { [`docklint/${DIRECTIVES_RULE_ID}`]: "warn" };
  for (const rule of rules) {
    if (rule.meta.kind !== kind || !isInPreset(rule, preset)) continue;
    const severity: Severity = rule.meta.severity === "error" ? "error" : "warn";
    const options = preset === "all" ? undefined : rule.meta.presetOptions?.[preset];
    out[`docklint/${rule.meta.id}`] = options && Object.keys(options).length > 0 ? [severity, { ...options }] : severity;
  }
  return out;
}

const languages: Record<LanguageKind, DocklintLanguage> = {
  dockerfile: new DocklintLanguage("dockerfile"),
  compose: new DocklintLanguage("compose"),
  daemon: new DocklintLanguage("daemon"),
};

const plugin: DocklintPlugin = {
  meta: { name: "eslint-plugin-docklint", version: VERSION, namespace: "docklint" },
  languages: languages as unknown as Record<LanguageKind, Language>,
  rules: adapterRules(builtinRules) as unknown as DocklintPlugin["rules"],
  configs: { recommended: [], strict: [], cis: [], all: [] },
};

// The configs point back at the plugin, so they are filled in once it exists.
for (const preset of ["recommended", "strict", "cis", "all"] as const) {
  plugin.configs[preset] = LANGUAGE_KINDS.map((kind) => ({
    name: `docklint/${preset}/${kind}`,
    files: [...FILES[kind]],
    ...(kind === "dockerfile" ? { ignores: [...DOCKERFILE_IGNORES] } : {}),
    plugins: { docklint: plugin },
    language: `docklint/${kind}`,
    rules: presetRules(preset, kind, builtinRules),
  }));
}

export default plugin;
