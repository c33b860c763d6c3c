import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { compileAllowedPorts, compilePortEntries, parsePortSpec, SENSITIVE_PORT_OPTIONS, sensitiveServices } from "../../util/sensitive-ports.js";
import type { SensitivePortOptions } from "../../util/sensitive-ports.js";

type CompiledPorts = ReturnType<typeof compilePortEntries>;

/** The option values are the same objects from file to file: parse each once. */
const compiledEntries = new WeakMap<object, CompiledPorts>();
const compiledAllowed = new WeakMap<object, CompiledPorts>();

function cached<T extends object>(cache: WeakMap<object, CompiledPorts>, value: T, compile: (value: T) => CompiledPorts): CompiledPorts {
  let compiled = cache.get(value);
  if (!compiled) {
    compiled = compile(value);
    cache.set(value, compiled);
  }
  return compiled;
}

export default defineRule<DockerfileModel, SensitivePortOptions>({
  meta: {
    id: "no-sensitive-port",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow EXPOSE of remote-administration and other sensitive ports, and of invalid ports.",
    presets: ["recommended"],
    messages: {
      sensitive:
        "EXPOSE {{value}} advertises {{services}}; an application image should not offer remote administration or legacy daemons (`docker run -P` publishes every exposed port): remove it and use `docker exec` for administration, or allow the port in this rule's options if the image is that service.",
      outOfRange: "EXPOSE {{value}}: port {{port}} is outside 1–65535; use a port number from 1 to 65535.",
      malformed: "EXPOSE {{value}} is not a valid port ({{detail}}); the build fails on it: write `<port>`, `<port>/<protocol>` or `<from>-<to>`.",
    },
    options: SENSITIVE_PORT_OPTIONS,
    references: {
      hadolint: ["DL3011"],
      trivy: ["DS-0004", "DS-0008"],
      checkov: ["CKV_DOCKER_1"],
      kics: ["5907595b-5b6d-4142-b173-dbb0e73fbff8", "71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"],
      cis: ["5.7"],
    },
    referencesByMessage: {
      sensitive: {
        trivy: ["DS-0004"],
        checkov: ["CKV_DOCKER_1"],
        kics: ["5907595b-5b6d-4142-b173-dbb0e73fbff8"],
        cis: ["5.7"],
      },
      outOfRange: { hadolint: ["DL3011"], trivy: ["DS-0008"], kics: ["71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"] },
      malformed: { hadolint: ["DL3011"], trivy: ["DS-0008"], kics: ["71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"] },
    },
  },
  check({ model, options, report }) {
    const sensitive = cached(compiledEntries, options.ports, compilePortEntries);
    const allowed = cached(compiledAllowed, options.allow, compileAllowedPorts);

    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "EXPOSE") continue;
      for (const arg of instruction.args) {
        const expansion = instruction.scope.expand(arg.value);
        // `EXPOSE ${PORT}` with an ARG without default: the builder's choice, judged when built.
        if (expansion.unresolved.length > 0) continue;
        const shown = expansion.value === arg.value ? arg.value : `${arg.value} (= ${expansion.value})`;
        // The build removes quotes, and a variable may hold several ports.
        const items = expansion.value.replace(/["']/g, "").split(/\s+/).filter((item) => item !== "");
        for (const item of items) {
          // `127.0.0.1:80:80` / `8080:80` mappings are BuildKit's ExposeInvalidFormat, a separate concern.
          if (item.includes(":")) continue;
          const parsed = parsePortSpec(item);
          if (!parsed.ok) {
            report(
              parsed.problem === "outOfRange"
                ? { messageId: "outOfRange", data: { value: shown, port: parsed.detail }, range: arg.range }
                : { messageId: "malformed", data: { value: shown, detail: parsed.detail }, range: arg.range },
            );
            continue;
          }
          const services = sensitiveServices(parsed.spec, sensitive, allowed);
          if (services.length === 0) continue;
          report({ messageId: "sensitive", data: { value: shown, services: services.join(", ") }, range: arg.range });
        }
      }
    }
  },
});
