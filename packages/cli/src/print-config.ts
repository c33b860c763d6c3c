/**
 * `--print-config <file>`: the configuration docklint would lint that file with, as JSON — the
 * config file it came from, the presets, every rule of the file's kind with its level and
 * options after presets, `rules` and `--rule` are applied, and the settings. The file need not
 * exist when its name tells its kind.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError, detectKind, kindFromName, resolveRules, type Config, type FileKind, type Level, type Rule } from "@docklint/core";
import { printableConfig, type LoadedConfig } from "./config.js";
import { CliError } from "./errors.js";
import { readTarget } from "./files.js";
import { reportPath } from "./formatters/shared.js";

const SETTING: Record<Level, string> = { error: "error", warning: "warn", info: "info" };

/**
 * What is printed: the config file's keys as the file's linting sees them (overrides that match
 * it merged in, plugins by specifier), with `rules` resolved.
 */
export interface PrintedConfig {
  /** The file asked about, as given. */
  filePath: string;
  kind: FileKind;
  /** The config file used (relative to the current directory when inside it), or null for the built-in default. */
  configFile: string | null;
  /** The config's `ignores` match the file: docklint would not lint it. */
  ignored: boolean;
  extends: readonly string[];
  /** Every rule of the kind: `"off"` or `[level, options]` after presets, `rules`, overrides and `--rule`, sorted by id. */
  rules: Record<string, "off" | [string, unknown]>;
  settings: Config["settings"];
  reportUnusedSuppressions: Config["reportUnusedSuppressions"];
  [key: string]: unknown;
}

async function kindOf(file: string, given: string, kind: FileKind | undefined): Promise<FileKind> {
  const fromName = kindFromName(file);
  if (fromName) return fromName;
  if (kind) return kind;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) {
    const read = await readTarget(file);
    const detected = read.ok ? detectKind(file, read.text) : undefined;
    if (detected) return detected;
  }
  throw new CliError(`Cannot tell whether "${given}" is a Dockerfile or a Compose file from its name${info ? " or content" : ""}; add --kind dockerfile (or compose, daemon).`);
}

export interface PrintConfigInput {
  cwd: string;
  /** --print-config's argument. */
  file: string;
  kind: FileKind | undefined;
  /** The file's effective config and where it came from (the CLI's config resolver). */
  configFor: (absolute: string) => Promise<LoadedConfig>;
  rules: readonly Rule[];
}

export async function printConfig(input: PrintConfigInput): Promise<string> {
  const absolute = path.resolve(input.cwd, input.file);
  const kind = await kindOf(absolute, input.file, input.kind);
  const loaded = await input.configFor(absolute);
  const { config, file } = loaded;
  let resolved;
  try {
    resolved = resolveRules(config, input.rules, kind);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`Invalid configuration for "${input.file}": ${error.message}.`);
    throw error;
  }
  const rules: PrintedConfig["rules"] = {};
  for (const rule of input.rules) if (rule.meta.kind === kind) rules[rule.meta.id] = "off";
  for (const { rule, level, options } of resolved) rules[rule.meta.id] = [SETTING[level], options ?? {}];
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const configFile = file === undefined ? null : path.isAbsolute(file) ? reportPath(file, input.cwd) : file;
  const printed: PrintedConfig = {
    filePath: input.file,
    kind,
    configFile,
    ignored: loaded.ignored,
    ...printableConfig(loaded),
    extends: config.extends === undefined ? [] : typeof config.extends === "string" ? [config.extends] : config.extends,
    rules: sorted,
    settings: config.settings ?? {},
    reportUnusedSuppressions: config.reportUnusedSuppressions ?? false,
  };
  return `${JSON.stringify(printed, null, 2)}\n`;
}
