import { createRequire } from "node:module";
import { ConfigError, closest, type JsonSchema, type Rule, type RuleEntry } from "@docklint/core";
import { SEVERITY_VALUES, optionsSchemaOf } from "./config-schema.js";
import { builtinOptionValidators } from "./rule-options.validate.js";

/** A config file as written, after its shape is checked (before `extends` is followed). */
export interface RawConfig {
  extends?: string[];
  rules?: Record<string, RuleEntry>;
  settings?: Record<string, unknown>;
  reportUnusedSuppressions?: boolean | "error" | "warning" | "info";
  overrides?: RawOverride[];
  ignores?: string[];
  /** Namespace (or undefined: derived from the specifier) → specifier. */
  plugins?: { namespace: string | undefined; specifier: string }[];
}

export interface RawOverride {
  files: string[];
  excludedFiles: string[];
  rules?: Record<string, RuleEntry>;
  settings?: Record<string, unknown>;
}

export const CONFIG_KEYS = ["$schema", "extends", "rules", "settings", "reportUnusedSuppressions", "overrides", "ignores", "plugins"] as const;
const OVERRIDE_KEYS = ["files", "excludedFiles", "rules", "settings"] as const;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: short, JSON-like. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function unknownKey(path: string, key: string, known: readonly string[]): ConfigError {
  const hint = closest(key, known);
  return new ConfigError(path, `unknown key${hint ? `; did you mean "${hint}"?` : `; known keys: ${known.join(", ")}`}`);
}

function stringList(value: unknown, path: string, what: string): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) throw new ConfigError(path, `expected ${what} or an array of them, got ${show(value)}`);
  list.forEach((item, index) => {
    if (typeof item !== "string" || item.trim() === "") throw new ConfigError(`${path}[${index}]`, `expected ${what} (a non-empty string), got ${show(item)}`);
  });
  return list as string[];
}

function rulesObject(value: unknown, path: string): Record<string, RuleEntry> {
  if (!isPlainObject(value)) throw new ConfigError(path, `expected an object of rule ids to "off", "info", "warn", "error" or [severity, options], got ${show(value)}`);
  for (const [id, entry] of Object.entries(value)) {
    if (Array.isArray(entry) && (entry.length === 0 || entry.length > 2)) throw new ConfigError(`${path}.${id}`, "expected [severity] or [severity, options]");
  }
  return value as Record<string, RuleEntry>;
}

function settingsObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ConfigError(path, `expected an object, got ${show(value)}`);
  return value;
}

/**
 * Checks the shape of a config file's content (every key, with its path in the message) and
 * returns it normalised; rule ids and options are checked later, once plugins are loaded.
 * `what` names the root in the message: "a JSON object", "a YAML mapping", "an object".
 */
export function validateRawConfig(value: unknown, what = "an object"): RawConfig {
  if (!isPlainObject(value)) throw new ConfigError("(root)", `expected ${what}, got ${show(value)}`);
  const out: RawConfig = {};
  for (const key of Object.keys(value)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw unknownKey(key, key, CONFIG_KEYS);
  }
  if (value["$schema"] !== undefined && typeof value["$schema"] !== "string") throw new ConfigError("$schema", `expected a string (a URL or path), got ${show(value["$schema"])}`);
  if (value["extends"] !== undefined) {
    const ext = value["extends"];
    if (typeof ext !== "string" && !Array.isArray(ext)) throw new ConfigError("extends", `expected a preset name or an array of preset names and config files, got ${show(ext)}`);
    out.extends = Array.isArray(ext) && ext.length === 0 ? [] : stringList(ext, "extends", "a preset name or a config file path");
  }
  if (value["rules"] !== undefined) out.rules = rulesObject(value["rules"], "rules");
  if (value["settings"] !== undefined) out.settings = settingsObject(value["settings"], "settings");
  const unused = value["reportUnusedSuppressions"];
  if (unused !== undefined) {
    if (typeof unused !== "boolean" && !["error", "warning", "info"].includes(unused as string)) {
      throw new ConfigError("reportUnusedSuppressions", `expected true, false, "error", "warning" or "info", got ${show(unused)}`);
    }
    out.reportUnusedSuppressions = unused as RawConfig["reportUnusedSuppressions"];
  }
  if (value["overrides"] !== undefined) {
    const overrides = value["overrides"];
    if (!Array.isArray(overrides)) throw new ConfigError("overrides", `expected an array of { files, excludedFiles?, rules?, settings? }, got ${show(overrides)}`);
    out.overrides = overrides.map((item: unknown, index) => {
      const path = `overrides[${index}]`;
      if (!isPlainObject(item)) throw new ConfigError(path, `expected an object { files, excludedFiles?, rules?, settings? }, got ${show(item)}`);
      for (const key of Object.keys(item)) if (!(OVERRIDE_KEYS as readonly string[]).includes(key)) throw unknownKey(`${path}.${key}`, key, OVERRIDE_KEYS);
      if (item["files"] === undefined) throw new ConfigError(`${path}.files`, "is required: the globs of the files this override applies to");
      const override: RawOverride = {
        files: stringList(item["files"], `${path}.files`, "a glob"),
        excludedFiles: item["excludedFiles"] === undefined ? [] : stringList(item["excludedFiles"], `${path}.excludedFiles`, "a glob"),
      };
      if (override.files.length === 0) throw new ConfigError(`${path}.files`, "expected at least one glob");
      if (item["rules"] !== undefined) override.rules = rulesObject(item["rules"], `${path}.rules`);
      if (item["settings"] !== undefined) override.settings = settingsObject(item["settings"], `${path}.settings`);
      return override;
    });
  }
  if (value["ignores"] !== undefined) {
    if (!Array.isArray(value["ignores"])) throw new ConfigError("ignores", `expected an array of globs, got ${show(value["ignores"])}`);
    out.ignores = stringList(value["ignores"], "ignores", "a glob");
  }
  const plugins = value["plugins"];
  if (plugins !== undefined) {
    if (Array.isArray(plugins)) {
      out.plugins = stringList(plugins, "plugins", "a module path or package name").map((specifier) => ({ namespace: undefined, specifier }));
    } else if (isPlainObject(plugins)) {
      out.plugins = Object.entries(plugins).map(([namespace, specifier]) => {
        if (!/^[^\s/]+(?:\/[^\s/]+)?$/.test(namespace)) throw new ConfigError(`plugins.${namespace}`, "a namespace is a name without spaces (and at most one slash, for @scope/name)");
        if (typeof specifier !== "string" || specifier.trim() === "") throw new ConfigError(`plugins.${namespace}`, `expected a module path or package name, got ${show(specifier)}`);
        return { namespace, specifier };
      });
    } else {
      throw new ConfigError("plugins", `expected an array of module paths / package names, or an object of namespace → module, got ${show(plugins)}`);
    }
  }
  return out;
}

/** What an ajv error needs here (ajv's ErrorObject, loosely). */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

// Built-in rules' options are checked by code compiled ahead of time (rule-options.validate.ts);
// ajv is loaded only for a plugin rule's options, which most runs never have.
const requireCjs = createRequire(import.meta.url);
let ajv: { compile(schema: JsonSchema): Validator } | undefined;
const validators = new Map<string, Validator>();

function validatorFor(schema: JsonSchema): Validator {
  const key = JSON.stringify(schema);
  let validate = builtinOptionValidators.get(key) ?? validators.get(key);
  if (!validate) {
    if (!ajv) {
      const { Ajv } = requireCjs("ajv") as { Ajv: new (options: Record<string, unknown>) => { compile(schema: JsonSchema): Validator } };
      ajv = new Ajv({ allErrors: true, strict: false });
    }
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** `/allow/0` → `.allow[0]`, as the rest of the key path is written. */
function keyPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((key) => (/^\d+$/.test(key) ? `[${key}]` : /^[A-Z_$][\w$-]*$/i.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
    .join("");
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  return value;
}

const ARTICLE: Record<string, string> = { boolean: "a boolean", string: "a string", number: "a number", integer: "a whole number", array: "an array", object: "an object", null: "null" };

/** One readable sentence per schema error; the worst (deepest, most specific) first. */
function describeError(error: SchemaError, data: unknown, ruleId: string, schema: JsonSchema): { path: string; message: string } {
  const path = keyPath(error.instancePath);
  const value = valueAt(data, error.instancePath);
  switch (error.keyword) {
    case "type": {
      const types = String(error.params["type"]).split(",");
      return { path, message: `expected ${types.map((t) => ARTICLE[t] ?? t).join(" or ")}, got ${show(value)}` };
    }
    case "enum":
      return { path, message: `expected one of ${((error.params["allowedValues"] as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(", ")}, got ${show(value)}` };
    case "const":
      return { path, message: `expected ${JSON.stringify(error.params["allowedValue"])}, got ${show(value)}` };
    case "additionalProperties": {
      const key = String(error.params["additionalProperty"]);
      if (error.instancePath === "") {
        const known = Object.keys((schema["properties"] as Record<string, unknown> | undefined) ?? {});
        const hint = closest(key, known);
        return {
          path: `${path}.${key}`,
          message: `unknown option of "${ruleId}"${hint ? `; did you mean "${hint}"?` : known.length ? `; known options: ${known.join(", ")}` : "; this rule has no options"}`,
        };
      }
      return { path: `${path}.${key}`, message: "unknown key" };
    }
    case "required":
      return { path, message: `missing the required key "${String(error.params["missingProperty"])}"` };
    default:
      return { path, message: `${error.message ?? "is not valid"}, got ${show(value)}` };
  }
}

/** A rule id's known group, or an error naming the closest id (and the plugin when the namespace is unknown). */
function groupOf(id: string, byId: ReadonlyMap<string, readonly Rule[]>, path: string, namespaces: readonly string[]): readonly Rule[] {
  const group = byId.get(id);
  if (group) return group;
  const hint = closest(id, byId.keys());
  const slash = id.lastIndexOf("/");
  if (!hint && slash > 0 && !namespaces.includes(id.slice(0, slash))) {
    const namespace = id.slice(0, slash);
    throw new ConfigError(path, `unknown rule "${id}": no plugin "${namespace}" is loaded; add it to "plugins"${namespaces.length ? ` (loaded: ${namespaces.join(", ")})` : ""}`);
  }
  throw new ConfigError(path, `unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ""}`);
}

/**
 * Checks a `rules` object: known ids (the closest one suggested), severities, and options
 * against each rule's options schema, with the key path of the first mistake
 * (`rules.require-pinned-image[1].requireDigest: expected a boolean, got "yes"`).
 * Ids whose namespace is in `skipNamespaces` (a plugin that failed to load) are not checked.
 */
export function validateRuleEntries(
  rules: Readonly<Record<string, unknown>>,
  prefix: string,
  byId: ReadonlyMap<string, readonly Rule[]>,
  namespaces: readonly string[],
  skipNamespaces: readonly string[] = [],
): void {
  for (const [id, entry] of Object.entries(rules)) {
    const path = `${prefix}.${id}`;
    if (skipNamespaces.some((namespace) => id.startsWith(`${namespace}/`))) continue;
    const group = groupOf(id, byId, path, namespaces);
    const [severity, options] = Array.isArray(entry) ? [entry[0], entry[1]] : [entry, undefined];
    if (!(SEVERITY_VALUES as readonly unknown[]).includes(severity)) {
      throw new ConfigError(Array.isArray(entry) ? `${path}[0]` : path, `expected "off", "info", "warn" or "error", got ${show(severity)}`);
    }
    if (Array.isArray(entry) && (entry.length === 0 || entry.length > 2)) throw new ConfigError(path, "expected [severity] or [severity, options]");
    if (options === undefined) continue;
    if (!isPlainObject(options)) throw new ConfigError(`${path}[1]`, `expected an object of rule options, got ${show(options)}`);
    const schema = optionsSchemaOf(group);
    const validate = validatorFor(schema);
    if (validate(options)) continue;
    const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const first = errors.find((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf") ?? errors[0];
    if (!first) continue;
    const described = describeError(first, options, id, schema);
    throw new ConfigError(`${path}[1]${described.path}`, described.message);
  }
}
