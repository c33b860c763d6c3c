/**
 * The project view of a Compose service that builds its image (`build:`): which Dockerfile and
 * context it names, the Dockerfile parsed (once per lint, whatever the number of rules and
 * services asking), the stage that is built (`target`, else the last one) and the build
 * arguments it passes, so that rules judge the container that will run rather than the Compose
 * file alone.
 *
 * Everything is read through the host's `readFile` (and `listFiles` to tell a missing context
 * from a missing Dockerfile). Without a reader nothing is known and rules behave as for a
 * Compose file alone. Paths are relative to the Compose file's directory; Compose resolves
 * `context` from the project directory (the file's own, unless it is a later `-f` file or is
 * included with `project_directory`), and `dockerfile` from the context.
 */
import { RecentCache } from "../util/recent-cache.js";
import type { DockerfileModel, Instruction, Stage } from "../dockerfile/model.js";
import { parseDockerfile, unquote } from "../dockerfile/parse.js";
import { lastInherited, stageRoot } from "../dockerfile/queries.js";
import { expandVariables, platformArgScope, type Scope, withGlobalArg } from "../dockerfile/variables.js";
import type { LintServices } from "../rule.js";
import type { OffsetRange } from "../source.js";
import { isRecord } from "../util/is-record.js";
import { knownTrimmed } from "./interpolation.js";
import type { ComposeModel, ComposeService, Found } from "./model.js";
import { resolvePath } from "./paths.js";

/** Build arguments as Compose passes them: `null` for a value only the environment knows. */
export type BuildArgs = ReadonlyMap<string, string | null>;

export type ServiceBuild =
  /** Cannot be known here: no reader, a variable without default, a remote or absolute context, a build inherited from another file. */
  | { status: "unknown" }
  /**
   * For the three faults below, `inherited`: the values at fault (the context, the Dockerfile, the
   * target) all come from a file this one is layered on, which is where they are wrong.
   */
  | { status: "missing-context"; context: string; range: OffsetRange; inherited: boolean }
  | { status: "missing-dockerfile"; context: string; dockerfile: string; range: OffsetRange; inherited: boolean }
  | { status: "missing-target"; dockerfile: string; target: string; stages: readonly string[]; range: OffsetRange; inherited: boolean }
  | {
      status: "ok";
      /** Path relative to the Compose file's directory, or `dockerfile_inline`. */
      dockerfile: string;
      inline: boolean;
      /** The context directory relative to the Compose file's directory (`""`: that directory). */
      context: string;
      model: DockerfileModel;
      /** The stage that is built: `target`, else the last. */
      stage: Stage;
      args: BuildArgs;
      /** The names of `additional_contexts`: named build contexts a FROM or `COPY --from` may read. */
      contexts: readonly string[];
    };

interface Cache {
  dockerfiles: Map<string, DockerfileModel | undefined>;
  builds: Map<ComposeService, ServiceBuild>;
}

/** For the model being linted (see file-memo.ts for why not a WeakMap). */
const caches = new RecentCache<ComposeModel, Cache>(1);

function cacheOf(model: ComposeModel): Cache {
  return caches.lookup(model, () => ({ dockerfiles: new Map(), builds: new Map() }));
}

/** Whether the service's `extends` chain reaches another file: an inherited `build` is then relative to that file. */
function extendsAnotherFile(service: ComposeService): boolean {
  let ext = service.extends;
  for (let depth = 0; ext && depth < 64; depth++) {
    if (ext.file !== undefined || ext.unknown) return true;
    ext = ext.base?.extends;
  }
  return false;
}

/**
 * `args:` (or `additional_contexts:`) as a map or as `KEY=value` / `KEY` items (a bare key takes
 * its value from the environment).
 */
function keyValues(value: unknown): Map<string, string | null> {
  const args = new Map<string, string | null>();
  const add = (name: string, raw: unknown): void => {
    if (raw === undefined || raw === null) args.set(name, null);
    else if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") args.set(name, knownTrimmed(String(raw)) ?? null);
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== "string") continue;
      const eq = item.indexOf("=");
      if (eq < 0) add(item.trim(), undefined);
      else add(item.slice(0, eq).trim(), item.slice(eq + 1));
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [name, raw] of Object.entries(value as Record<string, unknown>)) add(name, raw);
  }
  return args;
}

function readDockerfile(cache: Cache, path: string, readFile: (relativePath: string) => string | undefined): DockerfileModel | undefined {
  if (cache.dockerfiles.has(path)) return cache.dockerfiles.get(path);
  let text: string | undefined;
  try {
    text = readFile(path);
  } catch {
    text = undefined;
  }
  const model = text === undefined ? undefined : parseDockerfile(text);
  cache.dockerfiles.set(path, model);
  return model;
}

/** `dir` + `name` as a path relative to the Compose file's directory. */
function join(dir: string, name: string): string | undefined {
  return resolvePath(dir === "" ? "" : `${dir}/`, name);
}

function rangeOf(service: ComposeService, build: Found, key: string): OffsetRange {
  const found = typeof build.value === "string" ? undefined : service.get(["build", key]);
  return found && !found.viaMerge ? found.range : build.range;
}

/** What `build:` says, interpolated and resolved against the Compose file's directory. */
interface BuildSpec {
  /** Relative to the Compose file's directory, `""` for that directory. */
  context: string;
  /** Relative to the Compose file's directory; undefined for `dockerfile_inline`. */
  dockerfile: string | undefined;
  /** `dockerfile` was not written: the docker CLI then also tries `dockerfile`. */
  defaultName: boolean;
  inline: string | undefined;
  target: string | undefined;
  args: Map<string, string | null>;
  contexts: string[];
  /** The keys of `build` that only the files this one is layered on write. */
  inherited: ReadonlySet<string>;
  /** The keys of `build` this file writes. */
  own: ReadonlySet<string>;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** `build:` as compose-go's `transform.Canonical` rewrites it before merging files: a string is the context. */
function buildMapping(value: unknown): Record<string, unknown> {
  if (typeof value === "string") return { context: value };
  return isRecord(value) ? value : {};
}

/**
 * The `build` the service is built with. A file layered on others (an override file, a later `-f`
 * file) has its `build` merged over theirs key by key (compose-go's `override.Merge` merges
 * `services.*.build` as a mapping), so an override's `build: {args: …}` or `{target: dev}` builds
 * the base file's context and Dockerfile. Undefined when what those files give is not known here
 * (one cannot be read or merged, an `extends` not followed, a build inherited from another file)
 * and this file does not name the context itself.
 */
function layeredBuild(model: ComposeModel, service: ComposeService, own: Record<string, unknown>): { spec: Record<string, unknown>; inherited: ReadonlySet<string> } | undefined {
  if (model.isLaterLayer !== true) return { spec: own, inherited: NO_KEYS };
  const layered = model.layered;
  const before = model.layerServices?.(service.name).before ?? [];
  const known = layered !== undefined && !layered.unresolved.has(service.name) && !before.some((layer) => layer.service.build?.viaExtends === true && extendsAnotherFile(layer.service));
  const merged = known ? layered.services[service.name] : undefined;
  if (!isRecord(merged)) return Object.hasOwn(own, "context") ? { spec: own, inherited: NO_KEYS } : undefined;
  const spec = buildMapping(merged["build"]);
  return { spec, inherited: new Set(Object.keys(spec).filter((key) => !Object.hasOwn(own, key))) };
}

/** Whether the values a fault depends on (`keys` of `build`) all come from the files this one is layered on. */
function inheritedFault(spec: BuildSpec, keys: readonly string[]): boolean {
  return keys.some((key) => spec.inherited.has(key)) && !keys.some((key) => spec.own.has(key));
}

/**
 * The service's build paths, as the files of a layered project merge them (see `layeredBuild`), or
 * undefined when they cannot be known here. `context` is written relative to the project
 * directory (`model.projectPath`): the Compose file's own, unless it is a later `-f` file or one
 * that another file includes with `project_directory`.
 */
function buildSpec(model: ComposeModel, service: ComposeService): BuildSpec | undefined {
  const build = service.build;
  if (!build) return undefined;
  if (build.viaExtends && extendsAnotherFile(service)) return undefined;
  const written = buildMapping(build.value);
  const layers = layeredBuild(model, service, written);
  if (!layers) return undefined;
  const { spec, inherited } = layers;
  const own = new Set(Object.keys(written));
  const contextText = spec["context"] === undefined ? "." : knownTrimmed(spec["context"]);
  const context = contextText === undefined ? undefined : model.projectPath(contextText === "" ? "." : contextText);
  if (context === undefined) return undefined;
  const target = spec["target"] === undefined ? undefined : knownTrimmed(spec["target"]);
  if (spec["target"] !== undefined && target === undefined) return undefined;
  const inline = spec["dockerfile_inline"];
  if (inline !== undefined) {
    if (typeof inline !== "string") return undefined;
    return { context, dockerfile: undefined, defaultName: false, inline, target, args: keyValues(spec["args"]), contexts: contextNames(spec), inherited, own };
  }
  const name = spec["dockerfile"] === undefined ? "Dockerfile" : knownTrimmed(spec["dockerfile"]);
  // Where `join` knows it, through projectPath as the context is: `context: ..` with `dockerfile:
  // dev/app.Dockerfile` in dev/compose.yml is `app.Dockerfile` (the messages name it), not
  // `../dev/app.Dockerfile`.
  const dockerfile = name === undefined || join(context, name) === undefined ? undefined : model.projectPath(`${contextText === "" ? "." : contextText}/${name}`);
  if (dockerfile === undefined) return undefined;
  return { context, dockerfile, defaultName: spec["dockerfile"] === undefined, inline: undefined, target, args: keyValues(spec["args"]), contexts: contextNames(spec), inherited, own };
}

function contextNames(spec: Record<string, unknown>): string[] {
  return [...keyValues(spec["additional_contexts"]).keys()].filter((name) => name !== "");
}

/** A Dockerfile a service builds, for a host that lints the project: paths relative to the Compose file's directory. */
export interface BuildReference {
  service: string;
  /** `""` for the Compose file's own directory. */
  context: string;
  dockerfile: string;
  /** The stage `build.target` names, when it does; else the build makes the last stage. */
  target?: string;
  /** The names of `build.additional_contexts` (named build contexts), when there are any. */
  contexts?: readonly string[];
}

/** The Dockerfiles (not `dockerfile_inline`) the file's services build, where their paths are known here. */
export function buildReferences(model: ComposeModel): BuildReference[] {
  return model.services.flatMap((service) => {
    const spec = buildSpec(model, service);
    if (spec?.dockerfile === undefined) return [];
    return [
      {
        service: service.name,
        context: spec.context,
        dockerfile: spec.dockerfile,
        ...(spec.target === undefined ? {} : { target: spec.target }),
        ...(spec.contexts.length === 0 ? {} : { contexts: spec.contexts }),
      },
    ];
  });
}

function readBuild(model: ComposeModel, service: ComposeService, services: LintServices, cache: Cache): ServiceBuild {
  const build = service.build;
  const readFile = services.readFile;
  const spec = readFile ? buildSpec(model, service) : undefined;
  if (!build || !readFile || !spec) return { status: "unknown" };
  const { context, target } = spec;
  let dockerfile: string;
  let parsed: DockerfileModel | undefined;
  if (spec.dockerfile === undefined) {
    dockerfile = "dockerfile_inline";
    parsed = parseDockerfile(spec.inline ?? "");
  } else {
    dockerfile = spec.dockerfile;
    parsed = readDockerfile(cache, dockerfile, readFile);
    // The docker CLI falls back to `dockerfile` when the default `Dockerfile` is absent.
    const fallback = spec.defaultName ? join(context, "dockerfile") : undefined;
    if (!parsed && fallback !== undefined) {
      parsed = readDockerfile(cache, fallback, readFile);
      if (parsed) dockerfile = fallback;
    }
    if (!parsed) {
      // Only a host that can list directories tells a missing context from a missing Dockerfile;
      // without one, an unreadable Dockerfile is left unjudged rather than guessed at.
      if (!services.listFiles) return { status: "unknown" };
      const shown = context === "" ? "." : context;
      if (services.listFiles(context) === undefined) return { status: "missing-context", context: shown, range: rangeOf(service, build, "context"), inherited: inheritedFault(spec, ["context"]) };
      return { status: "missing-dockerfile", context: shown, dockerfile, range: rangeOf(service, build, spec.defaultName ? "context" : "dockerfile"), inherited: inheritedFault(spec, ["context", "dockerfile"]) };
    }
  }
  const stage = target === undefined ? parsed.stages.at(-1) : parsed.stageByName.get(target.toLowerCase());
  if (!stage) {
    if (target === undefined) return { status: "unknown" };
    const stages = parsed.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
    return { status: "missing-target", dockerfile, target, stages, range: rangeOf(service, build, "target"), inherited: inheritedFault(spec, ["context", "dockerfile", "dockerfile_inline", "target"]) };
  }
  return { status: "ok", dockerfile, inline: spec.dockerfile === undefined, context, model: parsed, stage, args: spec.args, contexts: spec.contexts };
}

/** What a service's `build:` builds, read once per lint; `unknown` without `build:` or a file reader. */
export function serviceBuild(model: ComposeModel, service: ComposeService, services: LintServices): ServiceBuild {
  const cache = cacheOf(model);
  let result = cache.builds.get(service);
  if (!result) {
    result = readBuild(model, service, services, cache);
    cache.builds.set(service, result);
  }
  return result;
}

/** Text of an instruction expanded as the build sees it with Compose's `args` in force. */
function expandWithArgs(text: string, instruction: Instruction, args: BuildArgs, escapeChar: string): { value: string; unresolved: string[] } {
  const scope = instruction.scope;
  const lookup = (name: string): string | null | undefined => {
    // A build argument replaces only an ARG in scope: ENV wins over ARG, and an undeclared name is not passed in.
    if (args.has(name) && scope.origin(name)?.kind === "ARG") return args.get(name) ?? null;
    return scope.lookup(name);
  };
  return expandVariables(text, lookup, escapeChar);
}

export type BuildUser =
  | { kind: "set"; value: string; unresolved: readonly string[]; instruction: Instruction }
  /**
   * No USER in the built stage or the stages it builds on: the base image's user, `image` as
   * resolved. `fromEnvironment`: the service's build args that the image depends on and that
   * Compose takes from the environment (`${VAR}` without default, a bare key); they are kept as
   * written in `image`, which is then not known here.
   */
  | { kind: "unset"; image: string; fromEnvironment: readonly string[] };

/** The user the built stage runs as, with `args` applied. */
export function buildUser(build: Extract<ServiceBuild, { status: "ok" }>): BuildUser {
  const user = lastInherited(build.stage, "USER");
  if (user) {
    const expanded = expandWithArgs(user.argsText.trim(), user, build.args, build.model.escapeChar);
    // The build removes the quotes of the word, as for the Dockerfile's own lint (`effectiveUser`).
    return { kind: "set", value: unquote(expanded.value), unresolved: expanded.unresolved, instruction: user };
  }
  const root = stageRoot(build.stage);
  // Only an ARG before the first FROM reaches FROM, and a build arg replaces only a declared ARG.
  const overridden = new Set(build.model.globalArgs.flatMap((arg) => arg.pairs.map((pair) => pair.key)).filter((name) => build.args.has(name)));
  if (overridden.size === 0) return { kind: "unset", image: root.resolvedImage, fromEnvironment: [] };
  const image = globalScopeWithArgs(build.model, build.args).expand(root.imageText);
  // An arg whose value only the environment knows is not the ARG's default: cypress-docker-images
  // passes `BASE_IMAGE: ${BASE_IMAGE}` (set in its `.env`) over `ARG BASE_IMAGE='debian:11-slim'`.
  const fromEnvironment = image.unresolved.filter((name) => overridden.has(name) && build.args.get(name) === null);
  return { kind: "unset", image: unquote(image.value), fromEnvironment };
}

/**
 * The global ARGs (those before the first FROM, which FROM reads) as the parser scopes them, with
 * the service's build args replacing their defaults: a literal arg is passed as written (the build
 * does not expand it), and a later ARG's default that names an earlier one sees the arg (`ARG
 * BASE=alpine:${VERSION}`). An arg from the environment is `${NAME}`, unresolved: as a value, not
 * an ARG without one, so that a default in FROM (`${BASE:-alpine}`), which the environment's
 * value replaces, is not taken for the image.
 */
function globalScopeWithArgs(model: DockerfileModel, args: BuildArgs): Scope {
  let scope = platformArgScope(model.escapeChar);
  for (const arg of model.globalArgs) for (const pair of arg.pairs) scope = withGlobalArg(scope, pair.key, pair.value, arg, args.get(pair.key));
  return scope;
}

export type BuildHealthcheck =
  | { kind: "check"; instruction: Instruction }
  /** `HEALTHCHECK NONE`: the image's check is turned off. */
  | { kind: "none"; instruction: Instruction }
  /** No HEALTHCHECK in the built stage or the stages it builds on. */
  | { kind: "absent"; image: string };

/** The HEALTHCHECK in force at the end of the built stage. */
export function buildHealthcheck(build: Extract<ServiceBuild, { status: "ok" }>): BuildHealthcheck {
  const healthcheck = lastInherited(build.stage, "HEALTHCHECK");
  if (!healthcheck) {
    const root = stageRoot(build.stage);
    return { kind: "absent", image: root.resolvedImage };
  }
  const first = healthcheck.args[0]?.value.toUpperCase();
  return first === "NONE" ? { kind: "none", instruction: healthcheck } : { kind: "check", instruction: healthcheck };
}
