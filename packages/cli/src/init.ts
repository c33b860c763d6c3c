/**
 * `docklint --init`: writes a starter `docklint.config.json` in the current directory after
 * looking at the repository — which kinds of files it holds, and the hadolint (`.hadolint.yaml`)
 * and dclint (`.dclintrc*`) configurations it already has, whose ignored rules and severities are
 * carried over to the docklint rules that reference the same checks (each rule's `references`).
 * It never overwrites a configuration.
 */
import { createRequire } from "node:module";
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type * as Yaml from "yaml";
import { appendTo, listRules, type RuleInfo, type Rule, type FileKind } from "@docklint/core";
import { CONFIG_FILE_NAMES } from "./config.js";
import { CliError } from "./errors.js";
import { packageJsonHasConfig } from "./config-files.js";
import { discoverFiles, readFailure, readFileText } from "./files.js";

export const INIT_FILE_NAME = "docklint.config.json";
/** Where editors find the config's JSON schema once docklint is installed in the project (docs/configuration.md). */
export const SCHEMA_REFERENCE = "./node_modules/docklint/schema/docklint.config.schema.json";
export const HADOLINT_CONFIG_NAMES = [".hadolint.yaml", ".hadolint.yml"] as const;
export const DCLINT_CONFIG_NAMES = [".dclintrc", ".dclintrc.json", ".dclintrc.yaml", ".dclintrc.yml"] as const;

type Setting = "off" | "info" | "warn" | "error";

export interface InitResult {
  /** Absolute path of the file written. */
  file: string;
  config: { $schema: string; extends: string[]; rules?: Record<string, Setting>; settings?: Record<string, unknown> };
  /** What was found and carried over, one line each, for the person who ran --init. */
  summary: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

async function existingConfig(cwd: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (!(await exists(file))) continue;
    if (name !== "package.json") return name;
    if (packageJsonHasConfig(file)) return 'package.json ("docklint" key)';
  }
  return undefined;
}

/** Reads a YAML or JSON file (JSON is YAML); a broken one stops --init: carrying half of it over would be worse. */
async function readStructured(file: string, name: string): Promise<unknown> {
  const read = readFileText(file);
  if (!read.ok) throw new CliError(`Cannot read "${name}": ${readFailure(read)}.`);
  const text = read.text;
  const yaml = createRequire(import.meta.url)("yaml") as typeof Yaml;
  try {
    return yaml.parse(text.replace(/^\uFEFF/, ""), { logLevel: "error" });
  } catch (error) {
    throw new CliError(`Cannot read "${name}": ${(error as Error).message.split("\n")[0]}; fix it or move it away, then run docklint --init again.`);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Peer code → the docklint rules that reference it. */
function rulesByPeerCode(rules: readonly RuleInfo[], peer: "hadolint" | "dclint"): Map<string, RuleInfo[]> {
  const map = new Map<string, RuleInfo[]>();
  for (const rule of rules) {
    for (const code of rule.references[peer] ?? []) {
      appendTo(map, code, rule);
    }
  }
  return map;
}

/**
 * Settings for peer codes: a docklint rule gets a setting only when every peer code it references
 * has that same setting — a rule that covers DL3006 and DL3007 stays on when only DL3007 is ignored.
 */
function carryOver(
  peer: "hadolint" | "dclint",
  settings: ReadonlyMap<string, Setting>,
  rules: readonly RuleInfo[],
  into: Record<string, Setting>,
  summary: string[],
  source: string,
): void {
  const byCode = rulesByPeerCode(rules, peer);
  const carried: string[] = [];
  const unknown: string[] = [];
  const partial: string[] = [];
  for (const [code, setting] of settings) {
    const matches = byCode.get(code);
    if (!matches) {
      unknown.push(code);
      continue;
    }
    for (const rule of matches) {
      const codes = rule.references[peer] ?? [];
      if (codes.every((other) => settings.get(other) === setting)) {
        if (into[rule.id] === undefined) carried.push(`${codes.join(", ")} → "${rule.id}": "${setting}"`);
        into[rule.id] = setting;
      } else {
        partial.push(`${code} (${setting}) is one of the checks of "${rule.id}" (${codes.join(", ")}), which was left as it is`);
      }
    }
  }
  if (carried.length > 0) summary.push(`From ${source}: ${carried.join("; ")}.`);
  if (partial.length > 0) summary.push(`From ${source}, not carried over: ${partial.join("; ")}.`);
  if (unknown.length > 0) summary.push(`From ${source}, no docklint rule references ${unknown.join(", ")}: not carried over.`);
}

const HADOLINT_LEVELS: Record<string, Setting> = { error: "error", warning: "warn", info: "info", style: "info" };

async function fromHadolint(cwd: string, rules: readonly RuleInfo[], config: InitResult["config"], summary: string[]): Promise<void> {
  for (const name of HADOLINT_CONFIG_NAMES) {
    const file = path.join(cwd, name);
    if (!(await exists(file))) continue;
    const data = await readStructured(file, name);
    if (data === null || data === undefined) return;
    if (!isPlainObject(data)) throw new CliError(`Cannot read "${name}": expected a YAML mapping (ignored:, override:, trustedRegistries:).`);
    const settings = new Map<string, Setting>();
    const override = data["override"];
    if (isPlainObject(override)) {
      for (const [level, codes] of Object.entries(override)) {
        const setting = HADOLINT_LEVELS[level];
        if (setting && Array.isArray(codes)) for (const code of codes) settings.set(String(code), setting);
      }
    }
    const ignored = data["ignored"];
    if (Array.isArray(ignored)) for (const code of ignored) settings.set(String(code), "off");
    carryOver("hadolint", settings, rules, (config.rules ??= {}), summary, name);
    const trusted = data["trustedRegistries"];
    if (Array.isArray(trusted) && trusted.length > 0) {
      config.settings = { ...config.settings, trustedRegistries: trusted.map(String) };
      summary.push(`From ${name}: settings.trustedRegistries ${JSON.stringify(trusted.map(String))}.`);
    }
    // hadolint reads the first of the two names only.
    return;
  }
}

const DCLINT_LEVELS: Record<string, Setting> = { "0": "off", "1": "warn", "2": "error" };

async function fromDclint(cwd: string, rules: readonly RuleInfo[], config: InitResult["config"], summary: string[]): Promise<void> {
  for (const name of DCLINT_CONFIG_NAMES) {
    const file = path.join(cwd, name);
    if (!(await exists(file))) continue;
    const data = await readStructured(file, name);
    if (data === null || data === undefined) return;
    if (!isPlainObject(data)) throw new CliError(`Cannot read "${name}": expected an object with "rules".`);
    const settings = new Map<string, Setting>();
    const dclintRules = data["rules"];
    if (isPlainObject(dclintRules)) {
      for (const [id, entry] of Object.entries(dclintRules)) {
        // dclint: 0 off, 1 warning, 2 error; alone or as [level, options].
        const level = DCLINT_LEVELS[String(Array.isArray(entry) ? entry[0] : entry)];
        if (level) settings.set(id, level);
      }
    }
    carryOver("dclint", settings, rules, (config.rules ??= {}), summary, name);
    if (Array.isArray(data["exclude"]) && data["exclude"].length > 0) {
      summary.push(`From ${name}: "exclude" is not carried over; list those paths in .docklintignore (gitignore syntax).`);
    }
    return;
  }
}

export async function initConfig(cwd: string, builtin: readonly Rule[]): Promise<InitResult> {
  const present = await existingConfig(cwd);
  if (present !== undefined) {
    throw new CliError(`A docklint configuration already exists here: ${present}. --init does not overwrite it; edit it, or delete it and run docklint --init again.`);
  }
  const file = path.join(cwd, INIT_FILE_NAME);
  const config: InitResult["config"] = { $schema: SCHEMA_REFERENCE, extends: ["recommended"] };
  const summary: string[] = [];

  const { targets } = await discoverFiles(["."], { cwd, errorOnUnmatchedPattern: false });
  const counts = new Map<FileKind | undefined, number>();
  for (const target of targets) counts.set(target.kind, (counts.get(target.kind) ?? 0) + 1);
  const dockerfiles = counts.get("dockerfile") ?? 0;
  const composeFiles = counts.get("compose") ?? 0;
  summary.push(
    dockerfiles + composeFiles === 0
      ? "Found no Dockerfile or Compose file under this directory yet (node_modules, .git and ignored files skipped); the config applies once there are."
      : `Found ${plural(dockerfiles, "Dockerfile")} and ${plural(composeFiles, "Compose file")} (node_modules, .git and ignored files skipped).`,
  );

  const rules = listRules(builtin);
  await fromHadolint(cwd, rules, config, summary);
  await fromDclint(cwd, rules, config, summary);
  if (config.rules && Object.keys(config.rules).length === 0) delete config.rules;
  else if (config.rules) config.rules = Object.fromEntries(Object.entries(config.rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  try {
    // "wx": a config that appeared since the check above is not overwritten either.
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "EEXIST" ? `"${INIT_FILE_NAME}" already exists; --init does not overwrite it.` : `Cannot write "${INIT_FILE_NAME}": ${(error as Error).message}.`);
  }
  summary.unshift(`Wrote ${INIT_FILE_NAME} (extends "recommended"${config.rules ? `, ${plural(Object.keys(config.rules).length, "rule setting")}` : ""}).`);
  summary.push('Next: run "npx docklint" to lint, and edit the file to tune rules (docklint rules lists them).');
  return { file, config, summary };
}
