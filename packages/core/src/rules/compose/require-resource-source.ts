import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { ComposeModel, ComposeResource } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { mapEntries } from "./_c-nodes.js";
import { composeBoolean } from "./_e-compose-go.js";
import { mayBeCompletedElsewhere } from "./_e-pieces.js";

/** What the resource says about `external`: absent, true or false; undefined when it depends on a variable (or is no boolean). */
function externalFlag(model: ComposeModel, resource: ComposeResource): { present: boolean; value: boolean | undefined } {
  if (!resource.node || !isMap(resource.node)) return { present: false, value: false };
  const entry = mapEntries(model, resource.node, undefined).find((e) => e.key === "external");
  if (!entry) return { present: false, value: false };
  // The legacy `external: {name: …}` is read as `external: true` (compose-go's transformMaybeExternal).
  if (isMap(entry.value)) return { present: true, value: true };
  return { present: true, value: isScalar(entry.value) ? composeBoolean(entry.value.value) : undefined };
}

function keysOf(model: ComposeModel, resource: ComposeResource): Set<string> {
  return resource.node && isMap(resource.node) ? new Set(mapEntries(model, resource.node, undefined).map((e) => e.key)) : new Set();
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-resource-source",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require every top-level Compose secret and config to say where its content comes from (`file`, `environment`, `content`) or to be `external`.",
    presets: ["recommended"],
    messages: {
      secret:
        "Secret `{{name}}` sets neither `file` nor `environment` and is not `external: true`, so docker compose refuses the project (\"{{error}}\"); add `file: ./{{name}}.txt` (a file holding the secret) or `environment: VARIABLE` (a variable of the shell running Compose), or `external: true` for a secret created outside this project.",
      config:
        "Config `{{name}}` sets none of `file`, `environment` and `content` and is not `external`, so docker compose refuses the project (\"configs.{{name}}: one of file|environment|content must be set\"); add `file:` (a file to mount), `content:` (the text itself) or `environment:` (a variable of the shell running Compose), or `external: true` for a config created outside this project.",
    },
    references: {},
  },
  check({ model, filePath, settings, services, report }) {
    if (model.isLegacyV1) return;
    const context = { filePath, settings, services };
    for (const [name, secret] of model.secrets) {
      // Not a mapping: the schema's finding.
      if (!secret.node || !isMap(secret.node)) continue;
      const keys = keysOf(model, secret);
      if (keys.has("file") || keys.has("environment")) continue;
      const external = externalFlag(model, secret);
      if (external.value !== false) continue;
      if (mayBeCompletedElsewhere(context, "secrets", name)) continue;
      // compose-go's schema-level check speaks first; a secret with a `driver` (or `external: false`)
      // passes it and is refused by the consistency check.
      const error =
        keys.has("driver") || external.present
          ? `secret "${name}" must declare either \`file\` or \`environment\``
          : `secrets.${name}: one of file|environment must be set`;
      report({ messageId: "secret", data: { name, error }, range: secret.keyRange });
    }
    for (const [name, config] of model.configs) {
      if (!config.node || !isMap(config.node)) continue;
      const keys = keysOf(model, config);
      if (keys.has("file") || keys.has("environment") || keys.has("content")) continue;
      // A custom driver may have its own way to set the content; any `external` key passes.
      if (keys.has("driver") || keys.has("external")) continue;
      if (mayBeCompletedElsewhere(context, "configs", name)) continue;
      report({ messageId: "config", data: { name }, range: config.keyRange });
    }
  },
});
