import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { suggestName } from "../../util/suggest-name.js";
import { listItems } from "./_b-key-values.js";
import { includingProject } from "./_p-included.js";
import { isOverrideFile } from "./_p-layers.js";
import { definedNames, interpolatedName, serviceReferences } from "./_b-refs.js";

/** `compose.prod.yaml`, `docker-compose.agent.yml`: the names the Compose documentation gives to `-f` layers. */
const LAYER_NAME = /(?:^|[/\\])(?:docker-)?compose\.[^/\\]+\.ya?ml$/i;

/**
 * A file that completes others, whose references may be defined elsewhere:
 * - an override file, or a `-f` layer by its name (`compose.<layer>.yaml`);
 * - a service without `image` or `build` (it completes a service of another file; a file of
 *   complete services cannot have one), or only services that `extends` others;
 * - it uses networks, volumes, secrets or configs while declaring none of that kind at all:
 *   a file meant to be `include`d (laradock's per-service files) or merged, which cannot run alone.
 */
function isPiece(model: ComposeModel, filePath: string | undefined, used: ReadonlySet<Kind>): boolean {
  if (isOverrideFile(filePath) || (filePath !== undefined && LAYER_NAME.test(filePath))) return true;
  // A service that extends another in this same file is not a fragment, even when that base is
  // missing (which is this rule's own finding).
  if (model.services.some((service) => service.partial && !(service.extends && service.extends.file === undefined && !service.extends.unknown))) return true;
  if (model.services.length > 0 && model.services.every((service) => !service.get(["image"]) && !service.get(["build"]))) return true;
  const declared = new Set(model.topLevelKeys.map((key) => key.name));
  return (["network", "volume", "secret", "config"] as const).some((kind) => used.has(kind) && !declared.has(`${kind}s`));
}

/** Short-syntax named volumes: Compose reads any source that is not a path as a volume name. */
const VOLUME_NAME = /^[a-z0-9][\w.-]*$/i;

/** Named volumes a service mounts (short and long syntax), interpolated; not bind paths, not anonymous volumes. */
function volumeReferences(service: ComposeService): { name: string; range: OffsetRange }[] {
  const refs: { name: string; range: OffsetRange }[] = [];
  for (const mount of service.volumes) {
    if (mount.source === undefined) continue;
    const source = interpolatedName(mount.source);
    if (source === undefined || source === "") continue;
    if (mount.syntax === "short") {
      // The model reads `${DATA:-data}:/data` as a path; once interpolated it may be a name.
      if (VOLUME_NAME.test(source)) refs.push({ name: source, range: mount.range });
    } else if (mount.type === "volume") {
      refs.push({ name: source, range: mount.range });
    }
  }
  return refs;
}

type Kind = "service" | "network" | "volume" | "secret" | "config";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-undefined-reference",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow references to services, networks, volumes, secrets and configs that the Compose file does not define.",
    presets: ["recommended"],
    messages: {
      service:
        "Service `{{service}}` names service `{{name}}` in `{{key}}`, but no service `{{name}}` is defined{{suggestion}}; `docker compose` refuses the project: fix the name or define the service.",
      network:
        "Service `{{service}}` joins network `{{name}}`, which the top-level `networks:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name, or declare the network (with `external: true` if it is created outside this project).",
      volume:
        "Service `{{service}}` mounts named volume `{{name}}`, which the top-level `volumes:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name, declare the volume, or write a path (`./{{name}}`) if a bind mount was meant.",
      secret:
        "Service `{{service}}` uses secret `{{name}}`{{where}}, which the top-level `secrets:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name or declare the secret (`file:`, `environment:` or `external: true`).",
      config:
        "Service `{{service}}` uses config `{{name}}`, which the top-level `configs:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name or declare the config (`file:`, `content:`, `environment:` or `external: true`).",
    },
    references: {},
  },
  check({ model, filePath, services, report }) {
    // Every reference first: whether the file stands alone depends on what it uses.
    const refs: { kind: Kind; service: ComposeService; name: string; range: OffsetRange; extra: Record<string, string> }[] = [];
    const add = (kind: Kind, service: ComposeService, text: string, range: OffsetRange, extra: Record<string, string> = {}): void => {
      const name = interpolatedName(text);
      if (name !== undefined && name !== "" && !(kind === "network" && name === "default")) refs.push({ kind, service, name, range, extra });
    };
    for (const service of model.services) {
      for (const ref of serviceReferences(service, model.document, { extends: true })) add("service", service, ref.name, ref.range, { key: ref.key });
      // Compose file format v1 had no top-level networks or volumes to declare.
      if (model.isLegacyV1) continue;
      for (const network of service.networks) add("network", service, network.name, network.range);
      for (const volume of volumeReferences(service)) add("volume", service, volume.name, volume.range);
      for (const secret of service.secrets) add("secret", service, secret.name, secret.range, { where: "" });
      for (const secret of listItems(service, model.document, service.get(["build", "secrets"]), "source")) {
        add("secret", service, secret.text, secret.range, { where: " to build" });
      }
      for (const config of service.configs) add("config", service, config.name, config.range);
    }

    if (refs.length === 0) return;
    const project = model.project;
    // A file that adds names could not be read: any name may be defined there.
    if (project && !project.complete) return;
    const defined: Record<Kind, Set<string>> = {
      service: new Set([...model.services.map((s) => s.name), ...(project?.services ?? [])]),
      network: definedNames(model, "networks", project?.networks),
      volume: definedNames(model, "volumes", project?.volumes),
      secret: definedNames(model, "secrets", project?.secrets),
      config: definedNames(model, "configs", project?.configs),
    };
    let missing = refs.filter((ref) => !defined[ref.kind].has(ref.name));
    // Whether the file stands alone is asked only when something is missing: most files define
    // every name they use.
    if (missing.length === 0) return;
    if (!project) {
      // Names may come from the included files, or from the files this one is merged with.
      if (model.topLevelKeys.some((key) => key.name === "include")) return;
      if (isPiece(model, filePath, new Set(refs.map((ref) => ref.kind)))) return;
      // A file that a Compose file of this or a parent directory includes (laradock's per-service
      // files): compose-go loads included files without checking their references, which may
      // name what another included file defines.
      const parent = includingProject(filePath, services.readFile);
      if (parent) {
        if (!parent.complete) return;
        for (const kind of Object.keys(defined) as Kind[]) for (const name of parent.names[kind]) defined[kind].add(name);
        missing = missing.filter((ref) => !defined[ref.kind].has(ref.name));
      }
    }
    for (const { kind, service, name, range, extra } of missing) {
      const candidate = suggestName(name, defined[kind]);
      report({
        messageId: kind,
        data: { service: service.name, name, suggestion: candidate === undefined ? "" : ` (did you mean \`${candidate}\`?)`, ...extra },
        range,
      });
    }
  },
});
