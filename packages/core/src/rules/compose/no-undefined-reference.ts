import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { pathBaseName } from "../../util/posix-path.js";
import { defineRule } from "../../rule.js";
import type { LintServices, ReportDescriptor } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { suggestName } from "../../util/suggest-name.js";
import { keyValueEntries, listItems } from "./_b-key-values.js";
import { referringFile } from "./_p-included.js";
import { mayBeCompletedElsewhere } from "./_e-pieces.js";
import { DEFAULT_COMPOSE_FILES } from "../../compose/paths.js";
import { isComposeLayerName } from "../../kind.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { definedNames, serviceReferences } from "./_b-refs.js";
import { composeBoolean } from "../../compose/go-scalars.js";

/** `compose.prod.yaml`, `docker-compose.agent.yml`: the names the Compose documentation gives to `-f` layers. */

/** An override file or a `-f` layer by its name: the files merged with it may change any of its services. */
function isLayerFile(filePath: string | undefined): boolean {
  return filePath !== undefined && isComposeLayerName(filePath);
}

/**
 * A file that completes others, whose references may be defined elsewhere:
 * - an override file, or a `-f` layer by its name (`compose.<layer>.yaml`);
 * - a service without `image` or `build` (it completes a service of another file; a file of
 *   complete services cannot have one), or only services that `extends` others.
 * Using a network, volume, secret or config while declaring none of that kind is no sign of a
 * piece: `pgdata:/var/lib/postgresql/data` without a top-level `volumes:` is the commonest
 * mistake this rule exists for. Files that another one includes or extends are recognised by
 * reading that file, when the host can read files.
 */
function isPiece(model: ComposeModel, filePath: string | undefined): boolean {
  if (isLayerFile(filePath)) return true;
  // A service that extends another in this same file is not a fragment, even when that base is
  // missing (which is this rule's own finding).
  if (model.services.some((service) => service.partial && !(service.extends && service.extends.file === undefined && !service.extends.unknown))) return true;
  return model.services.length > 0 && model.services.every((service) => !service.get(["image"]) && !service.get(["build"]));
}

/** The file uses networks, volumes, secrets, configs or models and declares no top-level section of that kind. */
function usesUndeclaredKind(model: ComposeModel, refs: readonly { kind: Kind }[]): boolean {
  const declared = new Set(model.topLevelKeys.map((key) => key.name));
  return refs.some((ref) => ref.kind !== "service" && !declared.has(`${ref.kind}s`));
}

/** Short-syntax named volumes: Compose reads any source that is not a path as a volume name. */
const VOLUME_NAME = /^[a-z0-9][\w.-]*$/i;
/** A long-syntax `source` written as a host path, which no volume name can be. */
const PATH_LIKE = /^[.~]|[/\\]/;

/** Named volumes a service mounts (short and long syntax), interpolated; not bind paths, not anonymous volumes. */
function volumeReferences(service: ComposeService): { name: string; range: OffsetRange; long: boolean }[] {
  const refs: { name: string; range: OffsetRange; long: boolean }[] = [];
  for (const mount of service.volumes) {
    if (mount.source === undefined) continue;
    const source = knownTrimmed(mount.source);
    if (source === undefined || source === "") continue;
    if (mount.syntax === "short") {
      // The model reads `${DATA:-data}:/data` as a path; once interpolated it may be a name.
      if (VOLUME_NAME.test(source)) refs.push({ name: source, range: mount.range, long: false });
    } else if (mount.type === "volume") {
      refs.push({ name: source, range: mount.range, long: true });
    }
  }
  return refs;
}

/** compose-go's `toBoolean` (the cast of `depends_on.*.required`); undefined when a variable decides it. */
function goYamlBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? knownTrimmed(value) : undefined;
  return text === undefined ? undefined : composeBoolean(text);
}

/**
 * Services named in the map form of `depends_on` with `required: false` (or with a `required`
 * a variable decides). Normalize adds `links`, `volumes_from` and `service:` namespaces to
 * `depends_on` only when the name is not there already, so these stay optional for all of them.
 */
function optionalDependencies(service: ComposeService): Set<string> {
  const optional = new Set<string>();
  const value = service.get(["depends_on"])?.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return optional;
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== "object" || entry === null || !("required" in entry)) continue;
    if (goYamlBool((entry as Record<string, unknown>)["required"]) !== true) optional.add(name);
  }
  return optional;
}

/**
 * The profiles `docker compose` enables with no `--profile` flag: `COMPOSE_PROFILES` from the
 * project's `.env` when the host can read it, else none (compose-go's `WithDefaultProfiles`
 * splits the unset variable into the one profile `""`). Undefined when a variable decides them.
 */
function defaultProfiles(services: LintServices): readonly string[] | undefined {
  const text = services.readFile?.(".env");
  let value = "";
  for (const line of text?.split(/\r?\n/) ?? []) {
    const match = /^\s*(?:export\s+)?COMPOSE_PROFILES\s*=(.*)$/.exec(line);
    if (match) value = match[1] ?? "";
  }
  value = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) value = quoted[2] ?? "";
  else {
    // An unquoted value ends at a ` #` comment.
    const comment = value.search(/\s#/);
    if (comment >= 0) value = value.slice(0, comment);
  }
  if (value.includes("$")) return undefined;
  return value.split(",").map((profile) => profile.trim());
}

/** compose-go's `HasProfile` against the default profiles; undefined when a variable decides one of the service's profiles. */
function isEnabled(service: ComposeService, active: readonly string[]): boolean | undefined {
  if (service.profiles.length === 0) return true;
  if (active.includes("*")) return true;
  let known = true;
  for (const profile of service.profiles) {
    const name = knownTrimmed(profile.name);
    if (name === undefined) known = false;
    else if (active.includes(name)) return true;
  }
  return known ? false : undefined;
}

/** Namespaces compose-go looks up again after the dependency check, where `required: false` does not excuse a disabled service. */
const ALWAYS_REQUIRED = new Set(["network_mode", "build.additional_contexts"]);

/** compose-go's own words for each way of naming a disabled service. */
function refusal(service: string, name: string, key: string, optional: boolean, context: string | undefined): string {
  if (context !== undefined) return `service "${service}" declares unknown service "${name}" as additional contexts ${context}`;
  if (key === "network_mode" && optional) return `service "${name}" not found for network_mode 'service:${name}'`;
  return `service "${service}" depends on undefined service "${name}"`;
}

type Kind = "service" | "network" | "volume" | "secret" | "config" | "model";

interface Ref {
  kind: Kind;
  service: ComposeService;
  name: string;
  range: OffsetRange;
  extra: Record<string, string>;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-undefined-reference",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow references to services, networks, volumes, secrets, configs and models that the Compose file does not define, or that a profile disables.",
    presets: ["recommended"],
    messages: {
      service:
        "Service `{{service}}` names service `{{name}}` in `{{key}}`, but no service `{{name}}` is defined{{suggestion}}; `docker compose` refuses the project: fix the name or define the service.",
      extendsLayer:
        "Service `{{service}}` extends `{{name}}`, which only `{{file}}` defines, the file this one is layered on; but `extends` without `file:` looks in this file alone (and the files it includes), before the files are merged, so `docker compose` refuses the project (\"cannot extend service \"{{service}}\" in {{here}}: service \"{{name}}\" not found\"); write `extends: {file: {{file}}, service: {{name}}}`.",
      profile:
        "Service `{{service}}` names service `{{name}}` in `{{key}}`, but `{{name}}` only runs with {{profiles}} and `{{service}}` has no profile; unless that profile is enabled (`--profile`, `COMPOSE_PROFILES`), `docker compose` refuses the project (\"{{refusal}}\"): add `profiles: [{{profile}}]` to `{{service}}`{{optional}} or remove `profiles` from `{{name}}`.",
      nonBuildable:
        "Service `{{service}}` uses service `{{name}}` as build context `{{context}}`, but `{{name}}` has no `build`; `docker compose` refuses the project (\"service \"{{service}}\" declares non-buildable service \"{{name}}\" as additional contexts {{context}}\"): give `{{name}}` a `build` section{{image}}.",
      network:
        "Service `{{service}}` joins network `{{name}}`, which the top-level `networks:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name, or declare the network (with `external: true` if it is created outside this project).",
      volume:
        "Service `{{service}}` mounts named volume `{{name}}`, which the top-level `volumes:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name, declare the volume, or {{bind}} if a bind mount was meant.",
      volumePath:
        "Service `{{service}}` mounts `{{name}}` with `type: volume`, whose `source` is the name of a declared volume, not a path; `docker compose` refuses the project (\"refers to undefined volume {{name}}\"): write `type: bind` to mount that host path.",
      secret:
        "Service `{{service}}` uses secret `{{name}}`{{where}}, which the top-level `secrets:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name or declare the secret (`file:`, `environment:` or `external: true`).",
      config:
        "Service `{{service}}` uses config `{{name}}`, which the top-level `configs:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name or declare the config (`file:`, `content:`, `environment:` or `external: true`).",
      model:
        "Service `{{service}}` uses model `{{name}}`, which the top-level `models:` does not declare{{suggestion}}; `docker compose` refuses the project: fix the name or declare the model (`model:` with the image to run).",
    },
    references: {},
  },
  check({ model, filePath, settings, services, report }) {
    // Every reference first: whether the file stands alone is asked only when one is missing.
    const refs: Ref[] = [];
    const add = (kind: Kind, service: ComposeService, text: string, range: OffsetRange, extra: Record<string, string> = {}): void => {
      const name = knownTrimmed(text);
      if (name !== undefined && name !== "" && !(kind === "network" && name === "default")) refs.push({ kind, service, name, range, extra });
    };
    /** `additional_contexts` entries `name: service:x`: the context's name by reference. */
    const contexts = new Map<Ref, string>();
    for (const service of model.services) {
      for (const ref of serviceReferences(service, model.document, { extends: true })) add("service", service, ref.name, ref.range, { key: ref.key });
      if (service.build) {
        for (const entry of keyValueEntries(service, model.document, service.get(["build", "additional_contexts"]))) {
          const value = entry.value === undefined ? undefined : knownTrimmed(entry.value);
          if (!value?.startsWith("service:")) continue;
          const before = refs.length;
          add("service", service, value.slice("service:".length), entry.valueRange ?? entry.range, { key: "build.additional_contexts" });
          const ref = refs[before];
          if (ref) contexts.set(ref, entry.name);
        }
      }
      // Compose file format v1 had no top-level networks or volumes to declare.
      if (model.isLegacyV1) continue;
      for (const network of service.networks) add("network", service, network.name, network.range);
      for (const volume of volumeReferences(service)) {
        if (volume.long && PATH_LIKE.test(volume.name)) {
          // No file can declare a volume by that name: the mount is refused wherever the file goes.
          report({ messageId: "volumePath", data: { service: service.name, name: volume.name }, range: volume.range });
          continue;
        }
        add("volume", service, volume.name, volume.range, { bind: volume.long ? "use `type: bind` with a path as `source`" : `write a path (\`./${volume.name}\`)` });
      }
      for (const secret of service.secrets) add("secret", service, secret.name, secret.range, { where: "" });
      for (const secret of listItems(service, model.document, service.get(["build", "secrets"]), "source")) {
        add("secret", service, secret.text, secret.range, { where: " to build" });
      }
      for (const config of service.configs) add("config", service, config.name, config.range);
      for (const used of service.models) add("model", service, used.name, used.range);
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
      model: definedNames(model, "models", project?.models),
    };
    // An `extends` without `file:` is resolved within this file and its includes, before the
    // file is merged with the ones it is layered on: a service only they define is out of reach.
    const baseServices = project?.baseServices;
    if (baseServices && baseServices.size > 0) {
      const own = new Set(model.services.map((s) => s.name));
      for (const ref of refs) {
        const file = ref.kind === "service" && ref.extra["key"] === "extends" && !own.has(ref.name) ? baseServices.get(ref.name) : undefined;
        if (file === undefined) continue;
        report({ messageId: "extendsLayer", data: { service: ref.service.name, name: ref.name, file, here: pathBaseName(filePath ?? "compose.yaml", true) }, range: ref.range });
      }
    }
    let missing = refs.filter((ref) => !defined[ref.kind].has(ref.name) && !(ref.kind === "service" && ref.extra["key"] === "extends" && baseServices?.has(ref.name)));
    const local = sameFileTargets(model, refs, contexts);
    // Most files define every name they use, with no profile in the way.
    if (missing.length === 0 && local.length === 0) return;
    if (!project) {
      // Names may come from the included files, or from the files this one is merged with.
      if (model.topLevelKeys.some((key) => key.name === "include")) return;
      if (isPiece(model, filePath)) return;
      // Without a file reader (the API's lintText alone, the playground), a file that another one
      // includes cannot be told from one that forgot a section: a file that uses a kind of name
      // and declares no top-level section of that kind is taken for the former, as laradock's
      // per-service files are (224 findings on the corpus otherwise).
      if (services.readFile === undefined && usesUndeclaredKind(model, refs)) return;
      // A file that another one includes (laradock's per-service files: compose-go loads included
      // files without checking their references, which may name what another included file
      // defines) or extends: found by reading the Compose files of this and the parent directories.
      const referrer = referringFile(filePath, services);
      if (referrer?.kind === "piece") return;
      if (referrer) {
        if (!referrer.project.complete) return;
        for (const kind of Object.keys(defined) as Kind[]) for (const name of referrer.project.names[kind]) defined[kind].add(name);
        missing = missing.filter((ref) => !defined[ref.kind].has(ref.name));
      }
      // A file with a name of its own that uses services a Compose file beside it defines is a
      // `-f` layer on that file (zipkin's docker-compose-example.yml, which its README runs as
      // `-f docker-compose.yml -f docker-compose-example.yml`). A default name is loaded alone.
      if (filePath !== undefined && !(DEFAULT_COMPOSE_FILES as readonly string[]).includes(pathBaseName(filePath, true))) {
        missing = missing.filter((ref) => ref.kind !== "service" || !mayBeCompletedElsewhere({ filePath, settings, services }, "services", ref.name));
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
    // Services of an override or `-f` layer may get profiles or a `build` from the files merged with it.
    if (local.length === 0 || isLayerFile(filePath) || (project && !model.topLevelKeys.some((key) => key.name === "include"))) return;
    reportDisabledAndUnbuildable(local, contexts, services, report);
  },
});

/** A reference to a service of this file, with that service. */
interface LocalRef {
  ref: Ref;
  target: ComposeService;
}

/**
 * References to services of this file that compose-go may refuse although the name is defined:
 * a target with `profiles` (disabled by default), or an `additional_contexts` target without
 * `build`. Only what may be refused, so that most files stop here.
 */
function sameFileTargets(model: ComposeModel, refs: readonly Ref[], contexts: ReadonlyMap<Ref, string>): LocalRef[] {
  const profiled = model.services.some((service) => service.profiles.length > 0);
  if (!profiled && contexts.size === 0) return [];
  const byName = new Map(model.services.map((service) => [service.name, service]));
  const out: LocalRef[] = [];
  for (const ref of refs) {
    if (ref.kind !== "service" || ref.extra["key"] === "extends") continue;
    const target = byName.get(ref.name);
    if (!target) continue;
    if ((profiled && target.profiles.length > 0) || (contexts.has(ref) && !target.build)) out.push({ ref, target });
  }
  return out;
}

function reportDisabledAndUnbuildable(
  local: readonly LocalRef[],
  contexts: ReadonlyMap<Ref, string>,
  services: LintServices,
  report: (descriptor: ReportDescriptor) => void,
): void {
  let active: readonly string[] | undefined | null = null;
  const optionalByService = new Map<ComposeService, Set<string>>();
  for (const { ref, target } of local) {
    const { service, name, range } = ref;
    const key = ref.extra["key"] ?? "";
    const context = contexts.get(ref);
    if (context !== undefined && !target.build) {
      // A base that `extends` a file not read may get its `build` there.
      if (target.partial || (target.extends && !target.extends.base)) continue;
      const image = target.image && typeof target.image.value === "string" ? knownTrimmed(target.image.value) : undefined;
      report({
        messageId: "nonBuildable",
        data: { service: service.name, name, context, image: image ? `, or build on its image (\`${context}: docker-image://${image}\`)` : "" },
        range,
      });
      continue;
    }
    if (target.profiles.length === 0) continue;
    // The dependent's own profiles may come from a base that was not read.
    if (service.profiles.length > 0 || (service.extends && !service.extends.base)) continue;
    if (active === null) active = defaultProfiles(services);
    if (active === undefined || isEnabled(target, active) !== false) continue;
    let optional = optionalByService.get(service);
    if (!optional) {
      optional = optionalDependencies(service);
      optionalByService.set(service, optional);
    }
    const excused = optional.has(name);
    if (excused && !ALWAYS_REQUIRED.has(key)) continue;
    const profiles = target.profiles.map((profile) => `\`${profile.name}\``);
    report({
      messageId: "profile",
      data: {
        service: service.name,
        name,
        key,
        profiles: profiles.length === 1 ? `profile ${profiles[0] ?? ""}` : `profiles ${profiles.join(", ")}`,
        profile: target.profiles[0]?.name ?? "",
        refusal: refusal(service.name, name, key, excused, context),
        optional: key === "depends_on" ? ", make the dependency optional (`required: false`)," : "",
      },
      range,
    });
  }
}
