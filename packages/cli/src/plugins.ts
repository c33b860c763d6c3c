import { stat } from "node:fs/promises";
import path from "node:path";
import { FILE_KINDS, type Rule, type RuleContext } from "@docklint/core";
import { describeThrown, importFile } from "./config-files.js";
import { readFileText } from "./files.js";

/** What core's `Config.plugins` holds for a namespace. */
export interface PluginObject {
  rules: readonly Rule[];
}

export interface LoadedPlugin {
  namespace: string;
  /** As written in the config. */
  specifier: string;
  /** The module file, when it was found. */
  file: string | undefined;
  /** The rules to run: the plugin's, or one rule that reports why it could not be loaded. */
  plugin: PluginObject;
  /** Why the plugin could not be loaded; undefined when it was. */
  error: string | undefined;
}

/** The id of the rule that stands for a plugin that could not be loaded: `<namespace>/plugin-error`. */
export const PLUGIN_ERROR_RULE = "plugin-error";

const PREFIX = "docklint-plugin-";

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || path.isAbsolute(specifier) || /^[A-Z]:[\\/]/i.test(specifier) || specifier.startsWith(".\\") || specifier.startsWith("..\\");
}

/**
 * The namespace of a plugin's rules, ESLint's way: `docklint-plugin-foo` → `foo`,
 * `@scope/docklint-plugin-foo` → `@scope/foo`, `@scope/docklint-plugin` → `@scope`, another
 * package keeps its name; a local module is named after its file (`./rules/acme.mjs` → `acme`,
 * `./acme/index.js` → `acme`), without a `docklint-plugin-` prefix.
 */
export function namespaceOf(specifier: string): string {
  if (isPathSpecifier(specifier)) {
    let end = specifier.length;
    while (end > 0 && (specifier.charAt(end - 1) === "/" || specifier.charAt(end - 1) === "\\")) end--;
    const parsed = path.parse(specifier.slice(0, end));
    const base = parsed.name === "index" ? path.basename(parsed.dir) || parsed.name : parsed.name;
    return base.startsWith(PREFIX) ? base.slice(PREFIX.length) || base : base;
  }
  const parts = specifier.split("/");
  if (specifier.startsWith("@")) {
    const [scope, name = ""] = parts;
    if (name === "docklint-plugin") return scope ?? specifier;
    return `${scope}/${name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name}`;
  }
  const name = parts[0] ?? specifier;
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) || name : name;
}

/** The entry file named by package.json's `exports` (import/node/default conditions) or `main`. */
function entryOf(pkg: Record<string, unknown>, subpath: string): string | undefined {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.map(pick).find((v) => v !== undefined);
    if (typeof value === "object" && value !== null) {
      const conditions = value as Record<string, unknown>;
      for (const key of ["import", "node", "default", "require"]) {
        const found = pick(conditions[key]);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const exports = pkg["exports"];
  if (exports !== undefined) {
    const key = subpath === "" ? "." : `./${subpath}`;
    const isMap = typeof exports === "object" && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith("."));
    if (isMap) return pick((exports as Record<string, unknown>)[key]);
    return subpath === "" ? pick(exports) : undefined;
  }
  if (subpath !== "") return subpath;
  return typeof pkg["main"] === "string" ? pkg["main"] : "index.js";
}

/** Finds a package the way Node does for a module in `fromDir`: node_modules folders up to the root. */
async function resolvePackage(specifier: string, fromDir: string): Promise<string> {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const subpath = parts.slice(nameLength).join("/");
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, "node_modules", name);
    const manifest = readFileText(path.join(packageDir, "package.json"));
    if (manifest.ok) {
      const entry = entryOf(JSON.parse(manifest.text) as Record<string, unknown>, subpath);
      if (entry === undefined) throw new Error(`package "${name}" does not export "${subpath === "" ? "." : `./${subpath}`}"`);
      return path.resolve(packageDir, entry);
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`cannot find the package "${name}" from ${fromDir} (install it next to the config: npm install --save-dev ${name})`);
}

const KEBAB = /^[a-z0-9][a-z0-9-]*$/;
const LEVELS = ["error", "warning", "info"];

/** Checks a plugin's rules and gives them the defaults and the error wrapping core expects. */
function prepareRules(exported: unknown, label: string): Rule[] {
  const plugin = (exported as { default?: unknown } | undefined)?.default ?? exported;
  const raw = (plugin as { rules?: unknown } | undefined)?.rules;
  if (raw === undefined) throw new Error("it exports no `rules`; export `{ rules: [rule, …] }` (as the default export or a named `rules` export)");
  const list = Array.isArray(raw) ? raw : typeof raw === "object" && raw !== null ? Object.values(raw) : undefined;
  if (!list) throw new Error("its `rules` must be an array of rules made with defineRule()");
  const seen = new Set<string>();
  return list.map((candidate: unknown, index) => {
    const rule = candidate as Partial<Rule> | undefined;
    const meta = rule?.meta as Partial<Rule["meta"]> | undefined;
    const where = `rules[${index}]${typeof meta?.id === "string" ? ` ("${meta.id}")` : ""}`;
    if (typeof meta !== "object" || meta === null) throw new Error(`${where} has no meta`);
    if (typeof meta.id !== "string" || !KEBAB.test(meta.id)) throw new Error(`${where}: meta.id must be a kebab-case id such as "no-foo", got ${JSON.stringify(meta.id)}`);
    if (!FILE_KINDS.includes(meta.kind as never)) throw new Error(`${where}: meta.kind must be one of ${FILE_KINDS.join(", ")}, got ${JSON.stringify(meta.kind)}`);
    if (typeof rule?.check !== "function") throw new Error(`${where} has no check(context) function`);
    if (typeof meta.messages !== "object" || meta.messages === null) throw new Error(`${where}: meta.messages must map messageIds to message templates`);
    if (meta.severity !== undefined && !LEVELS.includes(meta.severity)) throw new Error(`${where}: meta.severity must be "error", "warning" or "info", got ${JSON.stringify(meta.severity)}`);
    const key = `${meta.kind}:${meta.id}`;
    if (seen.has(key)) throw new Error(`${where}: two ${meta.kind} rules have the id "${meta.id}"`);
    seen.add(key);
    const check = rule.check.bind(rule);
    const prepared: Rule = {
      meta: {
        category: "best-practice",
        docs: "",
        ...meta,
        severity: meta.severity ?? "warning",
        presets: Array.isArray(meta.presets) ? meta.presets : [],
        references: meta.references ?? {},
        messages: meta.messages,
      } as Rule["meta"],
      check(context: RuleContext<unknown, unknown>) {
        try {
          check(context);
        } catch (error) {
          // Core reports it as this rule's error on this file; say whose code it is.
          throw new Error(`the plugin ${label} threw ${describeThrown(error)}; report it to the plugin's author`, { cause: error });
        }
      },
    };
    return prepared;
  });
}

/** One rule per kind that reports, at 1:1 of every file, that the plugin could not be loaded. */
function errorPlugin(namespace: string, specifier: string, reason: string): PluginObject {
  return {
    rules: FILE_KINDS.map((kind) => ({
      meta: {
        id: PLUGIN_ERROR_RULE,
        kind,
        category: "correctness",
        severity: "error",
        docs: "A plugin named in the config could not be loaded.",
        presets: [],
        messages: { failed: `The plugin "${namespace}" ("${specifier}") could not be loaded, so its rules did not run on this file: {{reason}}.` },
        references: {},
      },
      check({ report }) {
        report({ messageId: "failed", data: { reason: reason.replace(/\.$/, "") }, range: [0, 0] });
      },
    })),
  };
}

/**
 * Loads a plugin named in a config whose directory is `baseDir`: a local module (a path relative
 * to it) or a package (found from it). Never throws: a plugin that cannot be loaded or whose rules
 * are malformed becomes a plugin with one rule reporting why, so the other rules and files still run.
 */
export async function loadPlugin(specifier: string, namespace: string | undefined, baseDir: string): Promise<LoadedPlugin> {
  const name = namespace ?? namespaceOf(specifier);
  const label = `"${name}" ("${specifier}")`;
  let file: string | undefined;
  try {
    file = isPathSpecifier(specifier) ? path.resolve(baseDir, specifier) : await resolvePackage(specifier, baseDir);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new Error(`no such file: ${file}`);
    if (info.isDirectory()) throw new Error(`${file} is a directory; name the module file (e.g. ${path.join(specifier, "index.js")})`);
    const module = await importFile(file);
    const rules = prepareRules("default" in module && module["default"] !== undefined ? module["default"] : module, label);
    return { namespace: name, specifier, file, plugin: { rules }, error: undefined };
  } catch (error) {
    const reason = describeThrown(error);
    return { namespace: name, specifier, file, plugin: errorPlugin(name, specifier, reason), error: reason };
  }
}
