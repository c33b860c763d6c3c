import { PRESET_NAMES, appendTo, compareRuleIds, type JsonSchema, type Rule } from "@docklint/core";

/** Severities a config may give a rule: the names, and ESLint's numbers. */
export const SEVERITY_VALUES = ["off", "info", "warn", "error", 0, 1, 2] as const;

const NO_OPTIONS: JsonSchema = { type: "object", properties: {}, additionalProperties: false };

/**
 * The options schema of a rule id. Rules of several kinds that share an id share one config
 * entry: when their schemas differ, an option is valid if one of them accepts it (as core's merge).
 */
export function optionsSchemaOf(group: readonly Rule[]): JsonSchema {
  const schemas = group.map((rule) => rule.meta.options?.schema).filter((schema): schema is JsonSchema => schema !== undefined);
  const distinct = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
  if (distinct.length === 0) return NO_OPTIONS;
  if (distinct.length === 1 && distinct[0]) return distinct[0];
  const properties: Record<string, JsonSchema[]> = {};
  for (const schema of distinct) {
    for (const [key, value] of Object.entries((schema["properties"] as Record<string, JsonSchema> | undefined) ?? {})) {
      const list = (properties[key] ??= []);
      if (!list.some((known) => JSON.stringify(known) === JSON.stringify(value))) list.push(value);
    }
  }
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(properties).map(([key, list]) => [key, list.length === 1 ? list[0] : { anyOf: list }])),
    additionalProperties: false,
  };
}

/** Rules grouped by id, ids sorted: the entries of a config's `rules`. */
export function rulesById(rules: readonly Rule[]): Map<string, Rule[]> {
  const byId = new Map<string, Rule[]>();
  // compareRuleIds, not localeCompare: the first localeCompare of a process starts ICU, which made a
  // one-Dockerfile run with a config file ~8 ms slower (issue 7).
  for (const rule of [...rules].sort((a, b) => compareRuleIds(a.meta.id, b.meta.id))) {
    appendTo(byId, rule.meta.id, rule);
  }
  return byId;
}

function ruleEntrySchema(group: readonly Rule[]): JsonSchema {
  const first = group[0]?.meta;
  const kinds = [...new Set(group.map((rule) => rule.meta.kind))].join(", ");
  return {
    description: `${first?.docs ?? ""} (${kinds}; default: ${first?.severity ?? "warning"})`.trim(),
    anyOf: [
      { $ref: "#/definitions/severity" },
      { type: "array", items: [{ $ref: "#/definitions/severity" }, optionsSchemaOf(group)], minItems: 1, additionalItems: false },
    ],
  };
}

const stringOrStrings = (description: string): JsonSchema => ({
  description,
  anyOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 }],
});

/**
 * The JSON schema of a docklint config file (docklint.config.json, .docklintrc.*, the
 * "docklint" key of package.json), generated from the rules' meta: every rule id with its
 * severity and its options schema. `scripts/generate-config-schema.mjs` writes it to
 * `schema/docklint.config.schema.json`, which the package publishes.
 */
export function buildConfigSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProperties = Object.fromEntries([...rulesById(rules)].map(([id, group]) => [id, ruleEntrySchema(group)]));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "docklint configuration",
    description: "docklint.config.{json,yaml,yml,mjs,js}, .docklintrc{,.json,.yaml,.yml} or the \"docklint\" key of package.json. See docs/configuration.md.",
    type: "object",
    properties: {
      $schema: { type: "string", description: "The JSON schema of this file, for editors." },
      extends: {
        description: `Presets (${PRESET_NAMES.join(", ")}) and config files (paths relative to this file, starting with ./ or ../), applied in order. Without "extends", a config extends ["recommended"].`,
        anyOf: [{ $ref: "#/definitions/extendsItem" }, { type: "array", items: { $ref: "#/definitions/extendsItem" } }],
      },
      rules: { $ref: "#/definitions/rules" },
      settings: { $ref: "#/definitions/settings" },
      reportUnusedSuppressions: {
        description: "Report docklint-disable comments that silence nothing (true means at the warning level).",
        anyOf: [{ type: "boolean" }, { enum: ["error", "warning", "info"] }],
      },
      overrides: {
        description: "Rules and settings for the files matching globs (relative to this file's directory; a glob without a slash matches the file name in any directory).",
        type: "array",
        items: {
          type: "object",
          properties: {
            files: stringOrStrings("Globs of the files this override applies to."),
            excludedFiles: stringOrStrings("Globs of files excluded from this override."),
            rules: { $ref: "#/definitions/rules" },
            settings: { $ref: "#/definitions/settings" },
          },
          required: ["files"],
          additionalProperties: false,
        },
      },
      ignores: {
        description: "Globs of files and directories not to lint (relative to this file's directory, .gitignore-like).",
        type: "array",
        items: { type: "string", minLength: 1 },
      },
      plugins: {
        description: "Plugins: local modules (./my-rules.mjs, relative to this file) or packages (docklint-plugin-foo). Their rules are `<namespace>/<rule-id>`; an object gives the namespaces explicitly.",
        anyOf: [
          { type: "array", items: { type: "string", minLength: 1 } },
          { type: "object", additionalProperties: { type: "string", minLength: 1 }, propertyNames: { pattern: "^[^\\s/]+(/[^\\s/]+)?$" } },
        ],
      },
    },
    additionalProperties: false,
    definitions: {
      severity: { description: "off, info (shown, never fails a run), warn, error (or 0, 1, 2).", enum: [...SEVERITY_VALUES] },
      extendsItem: { anyOf: [{ enum: [...PRESET_NAMES] }, { type: "string", pattern: "^(\\.{1,2}[\\\\/]|/|[A-Za-z]:[\\\\/])" }] },
      rules: {
        description: 'Rule id → "off" | "info" | "warn" | "error" or [severity, options].',
        type: "object",
        properties: ruleProperties,
        patternProperties: {
          "^[^/]+/.+$": {
            description: "A plugin rule: <namespace>/<rule-id>.",
            anyOf: [{ $ref: "#/definitions/severity" }, { type: "array", items: [{ $ref: "#/definitions/severity" }, { type: "object" }], minItems: 1, additionalItems: false }],
          },
        },
        additionalProperties: false,
      },
      settings: {
        description: "Settings shared by several rules.",
        type: "object",
        properties: {
          trustedRegistries: { description: "Registries images may come from: `*`, `*.example.com`, `registry*`, exact names.", type: "array", items: { type: "string" } },
          labelSchema: {
            description: "Label name → type (text, url, semver, hash, rfc3339, spdx, email; another type is checked as text).",
            type: "object",
            additionalProperties: { type: "string" },
          },
          strictLabels: { description: "Report labels that are not in labelSchema.", type: "boolean" },
          buildContext: {
            description: "A Dockerfile's build context, relative to the Dockerfile, when it is not the Dockerfile's own directory (the CLI sets it for Dockerfiles a Compose service builds).",
            type: "string",
          },
          buildTargets: {
            description: "Stages of a Dockerfile that are built as images besides the last one (`docker build --target`); the CLI adds those a Compose service's `build.target` names.",
            type: "array",
            items: { type: "string" },
          },
          buildContexts: {
            description: "Named build contexts a Dockerfile's builds pass (`docker buildx build --build-context <name>=…`, a bake target's `contexts`): a FROM or `COPY --from` naming one is not judged as an image or a stage; the CLI adds the names of a Compose service's `build.additional_contexts` and of a bake target's `contexts`.",
            type: "array",
            items: { type: "string" },
          },
          bakeFiles: {
            description: "Buildx bake files with other names than docker-bake.hcl/.json (`docker buildx bake -f tests/build.hcl`), relative to the current directory, where bake runs: the CLI adds the names of their targets' `contexts` to the `buildContexts` of the Dockerfiles they build.",
            type: "array",
            items: { type: "string" },
          },
        },
      },
    },
  };
}
