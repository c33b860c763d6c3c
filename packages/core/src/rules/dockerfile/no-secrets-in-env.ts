import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { secretNameMatch, SECRET_NAME_RULE_OPTIONS, SECRET_REASONS, type SecretRuleOptions } from "../../util/secret-names.js";

type Options = SecretRuleOptions;
const REASONS = SECRET_REASONS;

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-secrets-in-env",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow ARG and ENV names that look like secrets (passwords, tokens, API keys).",
    presets: ["recommended"],
    messages: {
      arg: "ARG \"{{name}}\" looks like a secret ({{reason}}): build-argument values are recorded in the image history and build cache; pass it with a secret mount instead (`RUN --mount=type=secret,id={{id}},env={{name}} …`, `docker build --secret id={{id}},env={{name}}`).",
      env: "ENV \"{{name}}\" looks like a secret ({{reason}}): ENV values are stored in the image config, readable by anyone who can pull the image (`docker inspect`); use a secret mount at build time (`RUN --mount=type=secret,id={{id}},env={{name}} …`) and pass it at run time (`docker run -e`, orchestrator secrets).",
    },
    options: SECRET_NAME_RULE_OPTIONS,
    references: {
      hadolint: ["DL3064"],
      buildkit: ["SecretsUsedInArgOrEnv"],
      trivy: ["DS-0031"],
      cis: ["4.10"],
    },
  },
  check({ model, options, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "ARG" && instruction.keyword !== "ENV") continue;
      for (const pair of instruction.pairs) {
        const match = secretNameMatch(pair.key, options);
        if (!match) continue;
        report({
          messageId: instruction.keyword === "ARG" ? "arg" : "env",
          data: { name: pair.key, reason: REASONS[match.kind](match.word), id: pair.key.toLowerCase() },
          range: pair.keyRange,
        });
      }
    }
  },
});
