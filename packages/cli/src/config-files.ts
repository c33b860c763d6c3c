import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Yaml from "yaml";
import { CliError } from "./errors.js";
import { readFailure, readFileText } from "./files.js";

/**
 * Looked up in this order in each directory, from the linted file's directory up to the file
 * system root; the first one present wins. `package.json` counts only with a "docklint" key.
 */
export const CONFIG_FILE_NAMES = [
  "docklint.config.json",
  "docklint.config.yaml",
  "docklint.config.yml",
  "docklint.config.mjs",
  "docklint.config.js",
  ".docklintrc.json",
  ".docklintrc.yaml",
  ".docklintrc.yml",
  ".docklintrc",
  "package.json",
] as const;

export type ConfigFormat = "json" | "yaml" | "module" | "package.json" | "rc";

export function formatOf(file: string): ConfigFormat {
  const base = path.basename(file);
  if (base === "package.json") return "package.json";
  if (base === ".docklintrc") return "rc";
  const ext = path.extname(base).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".mjs" || ext === ".js" || ext === ".cjs") return "module";
  return "json";
}

/** What the root of a file of this format is called in "expected …" messages. */
export function rootName(format: ConfigFormat): string {
  return format === "yaml" ? "a YAML mapping" : format === "module" ? "an object (the module's default export)" : "a JSON object";
}

/** "at position 12" → "line 2, column 5": editors jump to lines, not offsets. */
function jsonErrorLocation(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return "";
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return ` (line ${line}, column ${column})`;
}

/** Ends a message with a full stop unless it already ends with punctuation ("did you mean …?"). */
export function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}

/**
 * A config file's text, without a BOM (JSON.parse rejects one, and Windows editors like to add it).
 * Read synchronously: a run reads one config per directory before it lints, and awaiting each
 * read (open, stat, read and close, each a trip through the thread pool) left the process idle for
 * most of it: 500 directories with a config took 0.81 s, against 0.33 s without them.
 */
function readText(file: string, name: string): string {
  const read = readFileText(file);
  if (read.ok) return read.text.replace(/^\uFEFF/, "");
  throw new CliError(`Cannot read config file "${name}": ${readFailure(read)}.`);
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new CliError(sentence(`Config file "${name}" is not valid JSON: ${message}${jsonErrorLocation(text, message)}`));
  }
}

const requireCjs = createRequire(import.meta.url);

function parseYaml(text: string, name: string): unknown {
  // Loaded only for YAML configs.
  const YAML = requireCjs("yaml") as typeof Yaml;
  // logLevel "error": yaml reports warnings through Node's process warnings, which would print beside docklint's own message.
  const documents = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error" });
  const list = Array.isArray(documents) ? documents : [documents];
  if (list.length > 1) throw new CliError(`Config file "${name}" is not valid YAML: it holds ${list.length} documents (separated by ---); a config is one mapping.`);
  const document = list[0];
  if (!document) return {};
  const error = document.errors[0];
  if (error) {
    const where = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : "";
    const first = error.message.split("\n")[0] ?? error.message;
    throw new CliError(sentence(`Config file "${name}" is not valid YAML: ${first.replace(/ at line \d+, column \d+:?$/, "")}${where}`));
  }
  // An empty file is an empty config.
  return document.toJS({ maxAliasCount: 1000 }) ?? {};
}

/** The error as one line: its class and message (a SyntaxError says where). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message.startsWith(error.name) ? error.message : `${error.name}: ${error.message}`;
  return String(error);
}

/** Imports a module by absolute path, a changed file being imported afresh (long-lived processes, tests). */
export async function importFile(file: string): Promise<Record<string, unknown>> {
  const info = await stat(file);
  const url = pathToFileURL(file);
  url.searchParams.set("mtime", String(info.mtimeMs));
  return (await import(url.href)) as Record<string, unknown>;
}

async function loadModule(file: string, name: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = await importFile(file);
  } catch (error) {
    throw new CliError(sentence(`Cannot load config file "${name}": ${describeThrown(error)}`));
  }
  if (!("default" in module) || module["default"] === undefined) {
    throw new CliError(`Config file "${name}" has no default export; write \`export default { … }\` (or \`module.exports = { … }\` in CommonJS).`);
  }
  return await (module["default"] as unknown);
}

/**
 * The content of a config file, parsed by its format; `undefined` for a package.json without a
 * "docklint" key (not a config). Every problem is a CliError naming the file.
 */
export async function readConfigFile(file: string, name: string): Promise<unknown> {
  const format = formatOf(file);
  if (format === "module") {
    readText(file, name); // the same "cannot read" message as other formats
    return loadModule(file, name);
  }
  const text = readText(file, name);
  switch (format) {
    case "json":
      return parseJson(text, name);
    case "yaml":
      return parseYaml(text, name);
    case "rc":
      // .docklintrc: JSON or YAML, as ESLint's legacy .eslintrc.
      return text.trimStart().startsWith("{") || text.trimStart().startsWith("[") ? parseJson(text, name) : parseYaml(text, name);
    case "package.json":
      return (parseJson(text, name) as Record<string, unknown> | null)?.["docklint"];
  }
}

/** Whether a package.json holds a docklint config (a broken package.json is not read as one). */
export function packageJsonHasConfig(file: string): boolean {
  const read = readFileText(file);
  if (!read.ok) return false;
  try {
    const json = JSON.parse(read.text.replace(/^\uFEFF/, "")) as unknown;
    return typeof json === "object" && json !== null && (json as Record<string, unknown>)["docklint"] !== undefined;
  } catch {
    return false;
  }
}
