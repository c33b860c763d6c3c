import type { ComposeFileProblem, ComposeModel } from "../../compose/model.js";
import { serviceBuild } from "../../compose/build.js";
import { inAbsentSubmodule } from "../../compose/git.js";
import { defineRule } from "../../rule.js";
import { suggestName } from "../../util/suggest-name.js";

/** What names the file, as the message's subject. */
function subject(problem: ComposeFileProblem): string {
  switch (problem.via) {
    case "extends":
      return `Service \`${problem.service ?? ""}\` extends a service of`;
    case "include":
      return "`include` names";
    case "env_file":
      return problem.service === undefined ? "`include`'s `env_file` names" : `Service \`${problem.service}\`'s \`env_file\` names`;
    case "label_file":
      return `Service \`${problem.service ?? ""}\`'s \`label_file\` names`;
  }
}

/** ` (through a.yml → b.yml)` for a fault in a file reached from this one. */
function through(problem: ComposeFileProblem): string {
  return problem.nested ? ` (through ${problem.chain.join(" → ")})` : "";
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-file-references",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require the files and services named by `extends`, `include`, `env_file`, `label_file` and `build` to exist, without cycles.",
    presets: ["recommended"],
    messages: {
      missingFile:
        "{{subject}} `{{path}}`{{through}}, which cannot be read: `docker compose` stops with \"no such file or directory\"; fix the path or add the file.",
      missingEnvFile:
        "{{subject}} `{{path}}`, which cannot be read: `docker compose` refuses to start the service; fix the path, add the file, or make the entry optional (`- path: {{path}}` with `required: false`).",
      unparsable:
        "{{subject}} `{{path}}`{{through}}, which is not a valid Compose file ({{detail}}): `docker compose` stops; fix that file.",
      missingService:
        "Service `{{service}}` extends `{{target}}` of `{{path}}`{{through}}, but that file defines no service `{{target}}`{{suggestion}}: `docker compose` stops (\"service not found\"); fix `extends.service` or the file.",
      extendsCycle:
        "Service `{{service}}` is in an `extends` cycle ({{chain}}): `docker compose` refuses circular `extends`; remove the `extends` that closes the loop.",
      extendsIntoCycle:
        "Service `{{service}}` extends a service caught in an `extends` cycle ({{chain}}): `docker compose` refuses circular `extends`; break the loop in the other file.",
      missingBuildContext:
        "Service `{{service}}` builds from the context `{{context}}`, which is not a directory: `docker compose build` stops (\"unable to prepare context\"); fix `build.context` or add the directory.",
      missingDockerfile:
        "Service `{{service}}` builds `{{dockerfile}}`, which cannot be read (context `{{context}}`): `docker compose build` stops (\"failed to read dockerfile\"); fix `build.dockerfile` (it is relative to the context) or add the file.",
      missingTarget:
        "Service `{{service}}` builds the target stage `{{target}}`, which `{{dockerfile}}` does not define{{suggestion}}: the build stops (\"target stage could not be found\"); fix `build.target` or name a stage `AS {{target}}`.",
      includeCycle:
        "`include` of `{{written}}` comes back to a file already being included ({{chain}}): `docker compose` refuses include cycles; remove the `include` that closes the loop.",
    },
    references: {},
  },
  check({ model, services, filePath, report }) {
    // A path in a submodule that this clone has not checked out is there in the project's own clone.
    const inAbsentCheckout = (path: string): boolean => services.readFile !== undefined && inAbsentSubmodule(path === "." ? "" : path, filePath, services.readFile, services.listFiles);
    for (const problem of model.fileProblems ?? []) {
      const common = { subject: subject(problem), path: problem.path, through: through(problem), written: problem.written };
      switch (problem.kind) {
        case "unreadable":
          if (!problem.nested && inAbsentCheckout(problem.path)) break;
          if (problem.via === "env_file" || problem.via === "label_file") {
            report({ messageId: problem.via === "env_file" ? "missingEnvFile" : "missingFile", data: common, range: problem.range });
          } else report({ messageId: "missingFile", data: common, range: problem.range });
          break;
        case "unparsable":
          report({ messageId: "unparsable", data: { ...common, detail: problem.detail ?? "" }, range: problem.range });
          break;
        case "missing-service": {
          const target = problem.target ?? "";
          const close = suggestName(target, problem.candidates ?? []);
          report({
            messageId: "missingService",
            data: { ...common, service: problem.service ?? "", target, suggestion: close === undefined ? "" : ` (did you mean \`${close}\`?)` },
            range: problem.range,
          });
          break;
        }
        case "cycle":
          if (problem.via === "include") report({ messageId: "includeCycle", data: { ...common, chain: problem.chain.join(" → ") }, range: problem.range });
          else {
            report({
              messageId: problem.nested ? "extendsIntoCycle" : "extendsCycle",
              data: { service: problem.service ?? "", chain: problem.chain.join(" → ") },
              range: problem.range,
            });
          }
          break;
      }
    }
    for (const service of model.services) {
      if (!service.build) continue;
      const build = serviceBuild(model, service, services);
      // A fault in what the base file's `build` gives (this file adds `args` or `target` to it) is
      // that file's finding, not a second one in each file layered on it.
      if ("inherited" in build && build.inherited) continue;
      switch (build.status) {
        case "missing-context":
          if (inAbsentCheckout(build.context)) break;
          report({ messageId: "missingBuildContext", data: { service: service.name, context: build.context }, range: build.range });
          break;
        case "missing-dockerfile":
          if (inAbsentCheckout(build.dockerfile)) break;
          report({ messageId: "missingDockerfile", data: { service: service.name, dockerfile: build.dockerfile, context: build.context }, range: build.range });
          break;
        case "missing-target": {
          const close = suggestName(build.target, build.stages);
          report({
            messageId: "missingTarget",
            data: { service: service.name, target: build.target, dockerfile: build.dockerfile, suggestion: close === undefined ? "" : ` (did you mean \`${close}\`?)` },
            range: build.range,
          });
          break;
        }
        default:
          break;
      }
    }
  },
});
