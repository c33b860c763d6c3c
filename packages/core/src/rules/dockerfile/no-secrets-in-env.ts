import type { DockerfileModel, Instruction, KeyValue, Stage } from "../../dockerfile/model.js";
import { imageStages, stageChain, withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type Settings } from "../../rule.js";
import { isPublicKeyValue, secretNameMatch, SECRET_NAME_RULE_OPTIONS, SECRET_REASONS, type SecretRuleOptions } from "../../util/secret-names.js";

type Options = SecretRuleOptions;
const REASONS = SECRET_REASONS;

/**
 * The stages whose image config an image may carry: the final stage, each build target
 * (`settings.buildTargets`), each stage nothing later uses (there only to be built with
 * `--target`), and every stage they are built `FROM`. A stage left out is only copied from
 * (documenso's `docker/Dockerfile` sets `ENV NEXT_PRIVATE_ENCRYPTION_KEY` in stage `installer`,
 * which the final `FROM base AS runner` reads with `COPY --from`): its ENV is in no pushed image's config.
 */
function stagesWithShippedConfig(model: DockerfileModel, settings: Settings): ReadonlySet<Stage> {
  const roots = [...imageStages(model, settings), ...model.stages.filter((stage) => !stage.usedByLaterStage)];
  return new Set(roots.flatMap((stage) => stageChain(stage)));
}

/**
 * The value a pair gives its name, with the ARGs and ENVs in force substituted: swiftlang/swift-docker
 * declares `ARG SWIFT_SIGNING_KEY=A62AE125…` and then sets `ENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY`,
 * which holds the same fingerprint. Undefined when a variable is not known here, or in an ONBUILD
 * trigger, whose variables are those of the image built on it.
 */
function knownValue(instruction: Instruction, pair: KeyValue): string | undefined {
  if (pair.value === undefined || !pair.value.includes("$")) return pair.value;
  if (instruction.onbuild) return undefined;
  const expansion = instruction.scope.expand(pair.value);
  return expansion.unresolved.length === 0 ? expansion.value : undefined;
}

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
      envBuildStage:
        "ENV \"{{name}}\" looks like a secret ({{reason}}) in stage `{{stage}}`, which neither the final stage nor a build target is built on: the value is not in a shipped image's config, but it is committed with the Dockerfile, kept in the build cache, in the stage's own image if it is built with `--target`, and in max-mode provenance attestations (as the environment of its RUN steps); use a secret mount where it is needed (`RUN --mount=type=secret,id={{id}},env={{name}} …`).",
    },
    options: SECRET_NAME_RULE_OPTIONS,
    references: {
      hadolint: ["DL3064"],
      buildkit: ["SecretsUsedInArgOrEnv"],
      trivy: ["DS-0031"],
      cis: ["4.10"],
    },
  },
  check({ model, options, settings, report }) {
    let shipped: ReadonlySet<Stage> | undefined;
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "ARG" && instruction.keyword !== "ENV") continue;
      for (const pair of instruction.pairs) {
        const match = secretNameMatch(pair.key, options);
        if (!match || isPublicKeyValue(pair.key, match, knownValue(instruction, pair))) continue;
        const data: Record<string, string> = { name: pair.key, reason: REASONS[match.kind](match.word), id: pair.key.toLowerCase() };
        let messageId = instruction.keyword === "ARG" ? "arg" : "env";
        const stage = instruction.stage;
        if (messageId === "env" && stage) {
          shipped ??= stagesWithShippedConfig(model, settings);
          if (!shipped.has(stage)) {
            messageId = "envBuildStage";
            data["stage"] = stage.name ?? String(stage.index);
          }
        }
        report({ messageId, data, range: pair.keyRange });
      }
    }
  },
});
