/**
 * Rule options and settings as a user may write them: any value a rule's JSON schema accepts,
 * drawn from strings that patterns, globs, paths, image names and regular expressions trip over.
 * The CLI and ESLint check options against these schemas before a rule sees them, so a value the
 * schema accepts is one a rule must handle without failing.
 */
import fc from "fast-check";
import type { Config, RuleEntry } from "../../src/config.js";
import type { JsonSchema, Rule, Settings } from "../../src/rule.js";
import type { FileKind } from "../../src/types.js";

/** Strings that mean something to a glob, a path, an image reference, a regular expression or YAML. */
export const TRICKY_STRINGS: readonly string[] = [
  "", " ", "*", "**", "?", "x*", "*x", "a*b*c", "*.example.com", "registry*", "docker.io", "ghcr.io/org/*", "localhost:5000",
  "/", "//", ".", "..", "../..", "./", "a/b/", "/etc", "/etc/*", "/var/run/docker.sock", "/proc", "C:\\Windows", "~",
  "(", ")", "[", "]", "[a-", "{", "}", "\\", "\\\\", "$", "${X}", "$(id)", "^", "$^", "|", "+", "(a+)+$", "a{1,99999}", ".*",
  "node", "alpine", "alpine:3.19", "latest", "LATEST", "ubuntu:22.04@sha256:" + "a".repeat(64), "@", ":", "::", "#",
  "MIT", "Apache-2.0 OR MIT", "LicenseRef-x", "SYS_ADMIN", "ALL", "all", "cap_net_raw", "net.ipv4.*", "kernel.", "x-", "x-*",
  "services", "image", "build", "ports", "deploy", "version", "name", "22", "0", "-1", "65536", "80/tcp",
  "PASSWORD", "secret", "TOKEN_*", "é", "\u00a0", "\u200b", "\uFEFF", "\u2028", "\n", "\t", "a\nb", "\0", "\ud800",
  "x".repeat(3000),
];

const stringArb: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** Keywords that say nothing about which values are valid. */
const ANNOTATIONS = new Set(["description", "default", "title", "$comment", "examples", "markdownDescription"]);

/**
 * Values the schema accepts, for the part of JSON Schema the built-in rules' options use. A
 * keyword it does not know is an error, so that a rule with a new kind of option fails here
 * rather than going untested.
 */
export function valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !KNOWN_KEYWORDS.has(key)) throw new Error(`valuesOf: schema keyword "${key}" is not supported: ${JSON.stringify(schema)}`);
  }
  if (Array.isArray(schema["enum"])) return fc.constantFrom(...(schema["enum"] as unknown[]));
  if (Array.isArray(schema["oneOf"])) return fc.oneof(...(schema["oneOf"] as JsonSchema[]).map(valuesOf));
  const type = schema["type"];
  if (Array.isArray(type)) return fc.oneof(...(type as string[]).map((t) => valuesOf({ ...schema, type: t })));
  switch (type) {
    case "boolean":
      return fc.boolean();
    case "integer": {
      const minimum = typeof schema["minimum"] === "number" ? schema["minimum"] : -(2 ** 31);
      const maximum = typeof schema["maximum"] === "number" ? schema["maximum"] : Number.MAX_SAFE_INTEGER;
      return fc.oneof(fc.integer({ min: minimum, max: Math.min(maximum, minimum + 100) }), fc.integer({ min: minimum, max: Math.min(maximum, 2 ** 31 - 1) }), fc.constantFrom(minimum, maximum));
    }
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, ...(typeof schema["minimum"] === "number" ? { min: schema["minimum"] } : {}) });
    case "string":
      return typeof schema["pattern"] === "string" ? fc.stringMatching(new RegExp(schema["pattern"])) : stringArb;
    case "array": {
      const items = schema["items"];
      if (!items || Array.isArray(items)) throw new Error(`valuesOf: only arrays of one item schema are supported: ${JSON.stringify(schema)}`);
      return fc.array(valuesOf(items as JsonSchema), { maxLength: 6, ...(typeof schema["minItems"] === "number" ? { minLength: schema["minItems"] } : {}) });
    }
    case "object": {
      const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
      const fixed = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valuesOf(value)])), { requiredKeys: [] });
      const extra = schema["additionalProperties"];
      if (extra === undefined || extra === false) return fixed;
      if (extra === true) throw new Error(`valuesOf: additionalProperties: true is not supported: ${JSON.stringify(schema)}`);
      const more = fc.dictionary(stringArb, valuesOf(extra as JsonSchema), { maxKeys: 5 });
      // Named properties win over a same-named additional one, as they would in a written object.
      return fc.tuple(more, fixed).map(([additional, named]) => ({ ...additional, ...named }));
    }
    default:
      throw new Error(`valuesOf: schema type ${JSON.stringify(type)} is not supported: ${JSON.stringify(schema)}`);
  }
}

const KNOWN_KEYWORDS = new Set(["type", "enum", "oneOf", "properties", "additionalProperties", "items", "minimum", "maximum", "pattern", "minItems"]);

/** The shared settings (the CLI's config schema, and the build context it derives from a Compose service). */
export const settingsArb: fc.Arbitrary<Settings> = fc.record(
  {
    trustedRegistries: fc.array(stringArb, { maxLength: 5 }),
    labelSchema: fc.dictionary(stringArb, fc.oneof(fc.constantFrom("text", "url", "semver", "hash", "rfc3339", "spdx", "email"), stringArb), { maxKeys: 5 }),
    strictLabels: fc.boolean(),
    buildContext: stringArb,
  },
  { requiredKeys: [] },
);

/**
 * A config that turns on every rule of `kind` (`extends: all`) and gives some of the rules with
 * options values their schema accepts, at any level, with any shared settings.
 */
export function configArb(rules: readonly Rule[], kind: FileKind): fc.Arbitrary<Config> {
  const withOptions = rules.filter((rule) => rule.meta.kind === kind && rule.meta.options);
  const entries = withOptions.map((rule) =>
    fc.option(
      fc.tuple(fc.constantFrom("error" as const, "warn" as const, "info" as const), valuesOf(rule.meta.options?.schema ?? {})).map(([level, options]): [string, RuleEntry] => [rule.meta.id, [level, options as Record<string, unknown>]]),
      { nil: undefined, freq: 2 },
    ),
  );
  return fc.tuple(fc.tuple(...entries), settingsArb).map(([chosen, settings]) => ({
    extends: ["all"],
    rules: Object.fromEntries(chosen.filter((entry): entry is [string, RuleEntry] => entry !== undefined)),
    settings,
  }));
}
