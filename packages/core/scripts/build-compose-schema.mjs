#!/usr/bin/env node
// Compiles the Compose Specification schema (src/compose/schema/compose-spec.json, a verbatim copy of
// the upstream file; provenance in src/compose/schema/NOTICE.md), with the additions of compose-go's
// copy laid over it (COMPOSE_GO_ADDITIONS below), into ajv "standalone" validation code,
// src/compose/schema/compose-spec.validate.ts, which is committed. DESIGN.md: no schema compilation
// at run time. Run by hand when the schema changes:
//   node packages/core/scripts/build-compose-schema.mjs
// `--check` regenerates in memory and exits 1 when the committed file differs (run by the tests).
//
// Measured on the development machine (Node 20.20.2, ajv 8.20.0, a fresh `node` process each time, 5 runs):
//   importing ajv and compiling this schema at run time:                       310-350 ms
//   importing the generated module through dist/compose/schema/validate-schema.js: 15-22 ms
//   validating a typical one-service file (either way):                        ~0.02 ms
// so compiling ahead of time takes about a third of a second off every CLI start.
//
// Why the output is a `.ts` file and not the `.js` + `.d.ts` pair ajv normally yields: the build
// (tsconfig.build.json) has no `allowJs`, so tsc would not copy a `.js` file into dist/ and the
// package would import a file that is not there. A `.ts` file marked `@ts-nocheck` is emitted like
// any other source, keeps one typed export, and needs no build-config change.
//
// Two edits to ajv's output, both mechanical:
// - ajv emits `require("ajv/dist/runtime/equal").default` for `uniqueItems` even with
//   `code.esm: true` (ajv's runtime helpers are CommonJS). `require` does not exist in an ES
//   module, so the script replaces it with an `import` of the same helper. The generated module
//   therefore depends on ajv's runtime at run time (ajv is a dependency of @docklint/core), but
//   never on ajv's compiler.
// - the exports are replaced by one typed `validateComposeSpec` export.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "compose", "schema");
const schemaPath = join(schemaDir, "compose-spec.json");
const targetPath = join(schemaDir, "compose-spec.validate.ts");

/** Keys under which a schema object maps names to subschemas; the names are data, not keywords. */
const NAME_MAPS = new Set(["properties", "patternProperties", "definitions"]);
/** Annotation keywords that do not affect validation; dropping them shrinks the embedded schema constants. */
const ANNOTATIONS = new Set(["description", "title", "$comment", "examples"]);

/** A copy of `schema` without annotations, walking only schema positions so a property named `description` survives. */
function stripAnnotations(schema) {
  if (Array.isArray(schema)) return schema.map(stripAnnotations);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (NAME_MAPS.has(key) && value !== null && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripAnnotations(sub)]));
    } else if (key === "enum" || key === "const" || key === "default" || key === "required") {
      out[key] = value; // literal data, never a subschema
    } else {
      out[key] = stripAnnotations(value);
    }
  }
  return out;
}

/**
 * The property names each object in a Compose file may have, as a trie over instance paths:
 * `props` for fixed keys, `any` for user-chosen names (patternProperties), `items` for list
 * entries. ajv's standalone errors say "additional property `imagee`" but not which names were
 * allowed, and the schema itself is not loaded at run time; this table lets the messages offer
 * "did you mean `image`?". oneOf branches at the same place merge their names.
 */
function keyTrie(root) {
  const resolve = (schema, seen) => {
    while (schema && typeof schema.$ref === "string") {
      if (seen.has(schema.$ref)) return undefined; // a recursive definition: stop, names are already recorded
      seen = new Set(seen).add(schema.$ref);
      schema = schema.$ref.split("/").slice(1).reduce((node, key) => node?.[key], root);
    }
    return schema ? { schema, seen } : undefined;
  };
  const visit = (node, schemaIn, seenIn) => {
    const resolved = resolve(schemaIn, seenIn);
    if (!resolved || typeof resolved.schema !== "object") return;
    const { schema, seen } = resolved;
    for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) visit(node, branch, seen);
    if (schema.properties) {
      node.keys = [...new Set([...(node.keys ?? []), ...Object.keys(schema.properties)])];
      node.props ??= {};
      for (const [name, sub] of Object.entries(schema.properties)) visit((node.props[name] ??= {}), sub, seen);
    }
    for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
      if (pattern === "^x-") continue; // extension keys carry anything
      visit((node.any ??= {}), sub, seen);
    }
    if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) visit((node.items ??= {}), schema.items, seen);
  };
  // Leaves (scalars) carry no names; dropping them keeps the table small. Returns undefined for an empty node.
  const prune = (node) => {
    const out = {};
    if (node.keys) out.keys = node.keys;
    const props = Object.entries(node.props ?? {}).flatMap(([name, child]) => {
      const kept = prune(child);
      return kept ? [[name, kept]] : [];
    });
    if (props.length > 0) out.props = Object.fromEntries(props);
    for (const key of ["any", "items"]) {
      const kept = node[key] && prune(node[key]);
      if (kept) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const trie = {};
  visit(trie, root, new Set());
  return prune(trie) ?? {};
}

/**
 * The lists whose `uniqueItems` ajv checks by comparing every pair of items (quadratic: a service
 * with 8,000 volumes took valid-schema 1.7 s), because their items may be mappings: ports (a
 * number, a string or a mapping) and volumes (a string or a mapping). ajv checks lists of scalars
 * with one lookup per item. src/compose/schema/validate-schema.ts checks these two itself, one
 * canonical key per item, so they are taken out of the compiled schema; a new such list upstream
 * stops this script until it is handled there too.
 */
const CHECKED_OUTSIDE_AJV = ["/definitions/service/properties/ports", "/definitions/service/properties/volumes"];

function withoutDeepUniqueItems(schema) {
  const found = [];
  const isScalarType = (type) => ["string", "number", "integer", "boolean", "null"].includes(type);
  const scalarItems = (items) => items && typeof items === "object" && !Array.isArray(items) && Object.keys(items).every((key) => key === "type" || ANNOTATIONS.has(key)) && [items.type].flat().every(isScalarType);
  const walk = (node, path) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}/${i}`));
    if (node === null || typeof node !== "object") return;
    if (node.uniqueItems === true && !scalarItems(node.items)) {
      found.push(path);
      delete node.uniqueItems;
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
  };
  walk(schema, "");
  if (JSON.stringify(found) !== JSON.stringify(CHECKED_OUTSIDE_AJV)) {
    throw new Error(`compose-spec.json has uniqueItems over items that may be mappings at ${found.join(", ")}; ajv would compare every pair: check them in validate-schema.ts (duplicateItemErrors) and list them in CHECKED_OUTSIDE_AJV`);
  }
  return schema;
}

/**
 * A copy of `object` with `key: value` added before `before` (where compose-go's copy places it),
 * or last when `before` is undefined. The order of keys is the order of "did you mean"
 * candidates, whose ties go to the earlier one (`prestart` is one edit from both `pre_start` and
 * `restart`).
 */
function withKeyBefore(object, before, key, value) {
  const entries = Object.entries(object);
  const at = before === undefined ? entries.length : entries.findIndex(([name]) => name === before);
  if (at < 0) throw new Error(`no \`${before}\` to place \`${key}\` before`);
  entries.splice(at, 0, [key, value]);
  return Object.fromEntries(entries);
}

/**
 * What `docker compose` validates with beyond the compose-spec copy: compose-go's own
 * schema/compose-spec.json at COMPOSE_GO_COMMIT has three additions the compose-spec repository
 * does not have yet. docklint follows docker compose, so they are laid over the verbatim upstream
 * file here (and listed in NOTICE.md), in draft-07 form (compose-go's copy is draft 2020-12,
 * `$defs` for `definitions`), without the descriptions, which the compiled code drops anyway.
 * Each addition checks that the place it fills is empty and that its surroundings still have the
 * shape it was written against, so that an upstream update that brings the addition in (or
 * moves its surroundings) stops this script instead of being silently overwritten: then drop or
 * adapt the entry, and NOTICE.md's list.
 */
export const COMPOSE_GO_COMMIT = "e70e961";
export const COMPOSE_GO_ADDITIONS = [
  {
    what: "service `pre_start`: a list of init containers run before the service container (`pre_start_hook`)",
    apply(schema) {
      const defs = schema.definitions;
      const service = defs?.service?.properties;
      if (!service || !("post_start" in service) || !defs.command || !defs.list_or_dict) throw new Error("the service (with `post_start`), command or list_or_dict definition moved");
      if ("pre_start" in service || "pre_start_hook" in defs) throw new Error("compose-spec.json already has `pre_start` or `pre_start_hook`");
      const flag = { type: ["boolean", "string"] };
      // As compose-go's hooks.go reads it: every field optional (`command` falls back to the
      // image's entrypoint, `image` to the service's image), `per_replica` a boolean.
      defs.pre_start_hook = {
        type: "object",
        properties: {
          command: { $ref: "#/definitions/command" },
          image: { type: "string" },
          user: { type: "string" },
          privileged: { ...flag },
          working_dir: { type: "string" },
          environment: { $ref: "#/definitions/list_or_dict" },
          per_replica: { ...flag },
        },
        additionalProperties: false,
        patternProperties: { "^x-": {} },
      };
      defs.service.properties = withKeyBefore(service, "post_start", "pre_start", { type: "array", items: { $ref: "#/definitions/pre_start_hook" } });
    },
  },
  {
    what: "`build.no_cache_filter`: the build stages not to cache (`string_or_list`)",
    apply(schema) {
      const mapping = schema.definitions?.service?.properties?.build?.oneOf?.find((branch) => branch.type === "object");
      const build = mapping?.properties;
      if (!build || !("no_cache" in build) || !schema.definitions.string_or_list) throw new Error("the build mapping (with `no_cache`) or string_or_list moved");
      if ("no_cache_filter" in build) throw new Error("compose-spec.json already has `build.no_cache_filter`");
      const names = Object.keys(build);
      mapping.properties = withKeyBefore(build, names[names.indexOf("no_cache") + 1], "no_cache_filter", { $ref: "#/definitions/string_or_list" });
    },
  },
  {
    what: "a service's `models` mapping: an entry may be empty (`llm:`, null) as well as a mapping",
    apply(schema) {
      const map = schema.definitions?.service?.properties?.models?.oneOf?.find((branch) => branch.type === "object");
      const names = Object.keys(map?.patternProperties ?? {});
      const entry = names.length === 1 ? map.patternProperties[names[0]] : undefined;
      if (entry?.type !== "object" || entry.oneOf !== undefined) throw new Error("compose-spec.json's service `models` mapping changed shape (an entry is no longer only a mapping)");
      map.patternProperties[names[0]] = { oneOf: [entry, { type: "null" }] };
    },
  },
];

/** The upstream schema with compose-go's additions laid over it (see COMPOSE_GO_ADDITIONS). */
export function withComposeGoAdditions(schema) {
  for (const addition of COMPOSE_GO_ADDITIONS) {
    try {
      addition.apply(schema);
    } catch (error) {
      throw new Error(`compose-go addition "${addition.what}": ${error.message}; update COMPOSE_GO_ADDITIONS (and NOTICE.md)`, { cause: error });
    }
  }
  return schema;
}

export function generate(schemaText) {
  const schema = withComposeGoAdditions(JSON.parse(schemaText));
  // Upstream writes `https://json-schema.org/draft-07/schema`, which ajv does not know by that URI
  // (its draft-07 meta-schema is `http://json-schema.org/draft-07/schema#`). The dialect is draft-07,
  // ajv's default, so the plain `Ajv` class is right; refuse anything else rather than guess.
  if (!/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/.test(String(schema.$schema))) {
    throw new Error(`compose-spec.json declares $schema ${JSON.stringify(schema.$schema)}; this script compiles draft-07 only`);
  }
  delete schema.$schema;
  const ajv = new Ajv({
    code: { source: true, esm: true },
    allErrors: true,
    // The upstream schema uses `type: [a, b]` and `additionalProperties` without `type: object`
    // next to it; both are valid draft-07 and not ours to edit.
    allowUnionTypes: true,
    strictTypes: false,
  });
  const validate = ajv.compile(withoutDeepUniqueItems(stripAnnotations(schema)));
  let code = standaloneCode(ajv, validate);

  const requireEqual = 'require("ajv/dist/runtime/equal").default';
  code = code.split(requireEqual).join("ajvEqual");
  if (code.includes("require(")) throw new Error("ajv's standalone code requires a runtime helper this script does not rewrite");
  const exportsLine = '"use strict";export const validate = validate10;export default validate10;';
  if (!code.startsWith(exportsLine)) throw new Error("ajv's standalone code no longer starts with the expected exports; update this script");
  code = code.slice(exportsLine.length);

  return [
    // The ESLint directive comes first so that it also covers the @ts-nocheck comment.
    "/* eslint-disable */",
    "// @ts-nocheck -- ajv-generated code; its types are declared by the export at the end.",
    `// Generated by packages/core/scripts/build-compose-schema.mjs from compose-spec.json and compose-go ${COMPOSE_GO_COMMIT}'s additions; do not edit.`,
    "// Contains the Compose Specification schema (Apache-2.0, see NOTICE.md and LICENSE in this folder).",
    'import type { ErrorObject } from "ajv";',
    // ajv's deep equality, for what the compiled schema still compares deeply (nothing today: see CHECKED_OUTSIDE_AJV).
    ...(code.includes("ajvEqual")
      ? [
          'import ajvEqualModule from "ajv/dist/runtime/equal.js";',
          // A CommonJS module's default import is `module.exports` in Node but may be unwrapped by bundlers.
          "const ajvEqual = typeof ajvEqualModule === \"function\" ? ajvEqualModule : ajvEqualModule.default;",
        ]
      : []),
    code,
    "",
    "/** Allowed property names by place in the file: fixed keys under `props`, user-chosen names under `any`, list entries under `items`. */",
    "export interface ComposeKeyTrie { keys?: string[]; props?: Record<string, ComposeKeyTrie>; any?: ComposeKeyTrie; items?: ComposeKeyTrie }",
    `export const composeKeys: ComposeKeyTrie = ${JSON.stringify(keyTrie(schema))};`,
    "",
    "/** Validates a parsed Compose file; on failure the errors (all of them) are on `validateComposeSpec.errors`. */",
    "export const validateComposeSpec: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } = validate10;",
    "",
  ].join("\n");
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = generate(readFileSync(schemaPath, "utf8"));
  const current = existsSync(targetPath) ? readFileSync(targetPath, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== text) {
      console.error("compose-spec.validate.ts is out of date: run `node packages/core/scripts/build-compose-schema.mjs`.");
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(targetPath, text);
    console.log(`wrote ${targetPath} (${text.length} characters)`);
  }
}
