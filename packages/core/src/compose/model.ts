import type { Document, Node, YAMLMap } from "yaml";
import type { OffsetRange, SourceText } from "../source.js";
import type { EnvFileError } from "./dotenv.js";

/**
 * One value found in a Compose file, after aliases and `<<` merge keys are resolved.
 *
 * `node` is where the value is written (for a merged value: inside the anchor), while `range`
 * is where a finding should point. For a value reached through a merge key or an alias, `range`
 * is the alias site in this service (`<<: *defaults`), not the anchor: the anchor may be shared
 * by services that are fine, and editing it could change them, so the place the user decides
 * for this service is the line that pulls the defaults in.
 */
export interface Found {
  /** Plain JS (aliases and merges resolved); interpolation NOT applied (see interpolation.ts). */
  value: unknown;
  /**
   * The YAML node. For a value inherited through `extends` from another file, a copy built from
   * the value, without `range`: its text is in that file, so its offsets would be meaningless here.
   */
  node: Node;
  range: OffsetRange;
  /**
   * The value came from a `<<` merge key rather than from the service's own keys — or from the
   * service it `extends` (then `viaExtends` is true too): either way `range` is a site in this
   * service, not the value itself, so a fix must not rewrite it.
   */
  viaMerge: boolean;
  /**
   * The value comes from the service named by `extends:` (in this file or another one): `range`
   * is this service's `extends` key, the place to edit to change what it inherits.
   */
  viaExtends?: boolean;
}

/** A scalar field with its text as Compose would read it before interpolation. */
export interface ScalarFound extends Found {
  value: string | number | boolean | null;
  /** `String(value)`; `""` for null. */
  text: string;
}

export interface Named {
  name: string;
  range: OffsetRange;
  /** Inherited through `extends:`; `range` is then this service's `extends` key. */
  viaExtends?: boolean;
}

export interface ComposePort {
  /** Host port or range; undefined when only the container port is given (an ephemeral host port). */
  published?: string;
  target: string;
  hostIp?: string;
  protocol?: string;
  /** Long syntax `mode` (`host`/`ingress`). */
  mode?: string;
  syntax: "short" | "long";
  range: OffsetRange;
  /** Inherited through `extends:`; `range` is then this service's `extends` key. */
  viaExtends?: boolean;
}

export interface ComposeVolumeMount {
  /** `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, or whatever the long syntax says. */
  type: string;
  source?: string;
  target: string;
  readOnly: boolean;
  /** Short syntax mode options other than `ro`/`rw` (`z`, `Z`, `shared`, …) or long `bind.propagation`. */
  options: string[];
  syntax: "short" | "long";
  range: OffsetRange;
  /** Inherited through `extends:`; `range` is then this service's `extends` key. */
  viaExtends?: boolean;
}

export interface ComposeEnvVar {
  name: string;
  /** undefined: the name alone (`- FOO` or `FOO:`), taken from the shell by Compose. */
  value: string | undefined;
  range: OffsetRange;
  /** Range of the value text, when written. */
  valueRange?: OffsetRange;
  /** Inherited through `extends:`; `range` is then this service's `extends` key. */
  viaExtends?: boolean;
}

export interface ComposeSecurityOpt {
  /** `seccomp`, `apparmor`, `label`, `no-new-privileges`, … */
  key: string;
  value: string | undefined;
  /** The entry as written. */
  raw: string;
  separator: ":" | "=" | undefined;
  range: OffsetRange;
  /** Inherited through `extends:`; `range` is then this service's `extends` key. */
  viaExtends?: boolean;
}

export interface ComposeLimits {
  memory?: ScalarFound;
  cpus?: ScalarFound;
  pids?: ScalarFound;
}

export interface ComposeService {
  name: string;
  /** The `web:` key: where "missing X" findings point. */
  keyRange: OffsetRange;
  node: Node;
  get(path: readonly string[]): Found | undefined;
  /** A scalar at `path` (undefined when absent or not a scalar). */
  scalar(path: readonly string[]): ScalarFound | undefined;
  readonly image: ScalarFound | undefined;
  readonly user: ScalarFound | undefined;
  readonly privileged: ScalarFound | undefined;
  readonly ports: readonly ComposePort[];
  readonly expose: readonly Named[];
  readonly volumes: readonly ComposeVolumeMount[];
  readonly environment: readonly ComposeEnvVar[];
  readonly capAdd: readonly Named[];
  readonly capDrop: readonly Named[];
  readonly securityOpt: readonly ComposeSecurityOpt[];
  readonly dependsOn: readonly Named[];
  /** `deploy.resources.limits`. */
  readonly limits: ComposeLimits;
  readonly memLimit: ScalarFound | undefined;
  readonly cpus: ScalarFound | undefined;
  readonly pidsLimit: ScalarFound | undefined;
  readonly networkMode: ScalarFound | undefined;
  readonly pid: ScalarFound | undefined;
  readonly ipc: ScalarFound | undefined;
  readonly uts: ScalarFound | undefined;
  readonly usernsMode: ScalarFound | undefined;
  readonly cgroup: ScalarFound | undefined;
  readonly readOnly: ScalarFound | undefined;
  readonly restart: ScalarFound | undefined;
  readonly healthcheck: Found | undefined;
  readonly build: Found | undefined;
  /**
   * The service has no `image` or `build`, not even through a resolved `extends`: it completes a
   * service defined in another file (an override file, a fragment for `-f` merging, an `extends`
   * base that cannot be read). Rules that report something MISSING skip
   * partial services, since the other file may set it; rules about values written here still apply.
   */
  readonly partial: boolean;
  /** Secret names (short `- name` or long `- source: name`). */
  readonly secrets: readonly Named[];
  readonly configs: readonly Named[];
  /** Network names (list or map form). */
  readonly networks: readonly Named[];
  /** Model names (list `- llm`, or map `llm: {endpoint_var: …}`), against the top-level `models:`. */
  readonly models: readonly Named[];
  readonly profiles: readonly Named[];
  /**
   * The service's `extends:` and the service it names. Every accessor above already shows the
   * merged service (Compose's merge rules: mappings merged key by key with this service winning,
   * `ports`/`volumes`/`environment`/… merged by their unique key, `cap_add`/`security_opt`/…
   * united, `command`/`entrypoint`/`healthcheck.test` replaced); inherited values report at
   * `extends.range` with `viaExtends: true`. Undefined when the service has no `extends`.
   */
  readonly extends?: ComposeExtends | undefined;
  /**
   * The merge tag (`!reset` or `!override`) on what this service's own text writes at `path` or at
   * a key above it, the outermost first: the files merged before this one lose what they give
   * there (`!override` keeps this file's value, `!reset` drops it too). Undefined when the path
   * carries none, or is not written here.
   */
  mergeTag(path: readonly string[]): ComposeMergeTag | undefined;
}

/** A merge tag on a service's value: `cap_drop: !reset []`, `deploy: !override {…}`. */
export interface ComposeMergeTag {
  readonly tag: "!reset" | "!override";
  /** The keys down to the tagged value (a prefix of the path asked about). */
  readonly path: readonly string[];
  /** The tagged value's key, where a finding about what the tag drops points. */
  readonly keyRange: OffsetRange;
}

/** A service of another file that `docker compose` merges with the linted one. */
export interface ComposeLayerService {
  readonly service: ComposeService;
  /** That file, relative to the linted file's directory. */
  readonly file: string;
}

/** The same-named services of the other files of a layered project, split at the linted file, each part in merge order. */
export interface ComposeServiceLayers {
  /** Merged before the linted file: an override's base, the files it includes. */
  readonly before: readonly ComposeLayerService[];
  /** Merged over it: its override, later `-f` files, for an included file what its includer merges over it. */
  readonly after: readonly ComposeLayerService[];
}

/** A service's `extends:` (`extends: base`, `extends: {service: base}`, `extends: {file: x.yml, service: base}`). */
export interface ComposeExtends {
  /** The base service's name after interpolation; undefined when it depends on an unset variable. */
  readonly service: string | undefined;
  /** `file:` after interpolation; undefined for the same file (or an unset variable: see `unknown`). */
  readonly file: string | undefined;
  /** `service` or `file` depends on a variable without a default: the base cannot be known here. */
  readonly unknown: boolean;
  /** The `extends` key (or the `<<` / alias site that brought it in): where inherited values report. */
  readonly range: OffsetRange;
  /** Where the service name is written (the short form's value, or `service:`'s value). */
  readonly serviceRange: OffsetRange;
  /** Where `file:`'s value is written. */
  readonly fileRange: OffsetRange | undefined;
  /**
   * The service extended (itself merged with its own base), or undefined when it cannot be
   * resolved: missing file or service, a cycle, an unset variable, or no file reader (stdin).
   */
  readonly base: ComposeService | undefined;
  /**
   * Where compose-go refuses to merge this service over its base (`cannot override services.x.…`):
   * the base gives a mapping or a list, this service something else. Empty when the base cannot
   * be resolved. Computed on first access.
   */
  readonly conflicts: readonly ComposeExtendsConflict[];
  /** Items of this service's lists that the base service's lists have already. Computed on first access. */
  readonly repeats: readonly ComposeMergeRepeat[];
}

/** A key whose value in an extending service compose-go cannot merge with the base service's (override/merge.go `MergeYaml`). */
export interface ComposeExtendsConflict {
  /** Keys inside the service (`["build", "ssh"]`). */
  path: readonly string[];
  /** The base service's value there (after its own `extends`): a mapping or a list. */
  base: "mapping" | "sequence";
  /** The extending service's value there. */
  own: "mapping" | "sequence" | "scalar";
  /** The extending service's value (plain, not interpolated). */
  value: unknown;
  /** How compose-go comes to read the base's value with that shape where it is not the shape written (`gpus: all` is a list). */
  baseNote?: string;
}

/**
 * An item of a list that an earlier list at the same place already has (the base service's, or an
 * earlier file's): compose-go appends the two lists, so the result repeats it.
 */
export interface ComposeMergeRepeat {
  /** Keys from the top of the file for a layered file, inside the service for `extends`. */
  path: readonly string[];
  /** The item, as the merge compares it (a mapping's entry as `key=value`). */
  item: unknown;
  /** Where the item is written in this value: an index, a mapping's key; absent for a single string. */
  at?: string;
  /** The item's index in the merged list, and that of the earlier item equal to it. */
  index: number;
  earlierIndex: number;
}

/**
 * A value of this file that compose-go cannot merge over what the files it is layered on make
 * (loader.go `loadYamlFile`: `override.Merge`, "cannot override services.web.gpus").
 */
export interface ComposeLayerConflict extends ComposeExtendsConflict {
  /** Keys from the top of the file (`["services", "web", "gpus"]`). */
  path: readonly string[];
  /** The file that gives the earlier value its shape: the last of the files before this one that has the path. */
  baseFile: string;
}

/** A file merged over the files it is layered on, as compose-go's `loadYamlFile` merges them. */
export interface ComposeLayered {
  /** Where this file's values cannot be merged over theirs. */
  conflicts: readonly ComposeLayerConflict[];
  /** Items of this file's lists that the earlier files' lists have already, with the file that gives each list. */
  repeats: readonly (ComposeMergeRepeat & { baseFile: string })[];
  /** The project's services as the files merge (plain values, not interpolated), by name. */
  services: Readonly<Record<string, unknown>>;
  /** The files this one is layered on, in order. */
  bases: readonly string[];
  /** No file is merged after this one: compose-go checks the merged project as it stands here. */
  last: boolean;
  /**
   * No file of the merge includes others: otherwise a service may lack in `services` what an
   * included file gives it.
   */
  complete: boolean;
  /** Services whose `extends` was not followed in some file: their merged value lacks what that base gives. */
  unresolved: ReadonlySet<string>;
}

/** Names defined by the whole project the linted file belongs to. */
export interface ComposeProject {
  services: ReadonlySet<string>;
  networks: ReadonlySet<string>;
  volumes: ReadonlySet<string>;
  secrets: ReadonlySet<string>;
  configs: ReadonlySet<string>;
  models: ReadonlySet<string>;
  /**
   * False when a file that contributes names (an `include`, an override file's base, an earlier
   * file of `settings.composeFiles`) could not be read, or its path depends on an unset variable:
   * names may then be missing, and a rule about undefined names should stay silent.
   */
  complete: boolean;
  /** The other files whose names were added, relative to the linted file's directory, in load order. */
  files: readonly string[];
  /**
   * Services that only the files this one is layered on define (not this file, not its includes),
   * with the file that defines each: compose-go resolves an `extends` without `file:` within the
   * file and its includes, before the file is merged with others, so it cannot name these.
   */
  baseServices?: ReadonlyMap<string, string>;
}

/** A reference to another file (or service) that Compose cannot follow. */
export interface ComposeFileProblem {
  /**
   * `unreadable`: the file cannot be read (missing); `unparsable`: it is not valid YAML;
   * `missing-service`: `extends.service` is not in the file named by `extends.file` (a missing
   * service of the same file is a plain undefined reference, left to `no-undefined-reference`);
   * `cycle`: `extends` or `include` loops.
   */
  kind: "unreadable" | "unparsable" | "missing-service" | "cycle";
  via: "extends" | "include" | "env_file" | "label_file";
  /** The file at fault, relative to the linted file's directory (for `missing-service`: the file searched). */
  path: string;
  /** The path as written in this file (the first step of a nested chain). */
  written: string;
  /** The linted file's service concerned (`extends`, `env_file`, `label_file`). */
  service?: string;
  /** `missing-service`: the name not found, and the services the file does define. */
  target?: string;
  candidates?: readonly string[];
  /** `cycle`: the loop, its first step repeated at the end; nested problems: the steps from this file to the one at fault. */
  chain: readonly string[];
  /** `unparsable`: the parser's message. */
  detail?: string;
  /** The fault is in another file, reached from here through `chain`. */
  nested: boolean;
  range: OffsetRange;
}

/** A line `docker compose` cannot read in an env file this file names. */
export interface ComposeEnvFileProblem {
  /** `env_file` or `label_file` of a service, an `include` entry's `env_file`, or the project's own `.env` (`project`). */
  via: "env_file" | "label_file" | "include" | "project";
  /** The linted file's service whose entry names the file (not for `include`). */
  service?: string;
  /** The env file, relative to the linted file's directory. */
  path: string;
  /** The path as written in this file, interpolated. */
  written: string;
  /** The reader: compose-go's dotenv parser, or docker compose's `raw` one. */
  format: "dotenv" | "raw";
  error: EnvFileError;
  /** The entry in this file that names the env file. */
  range: OffsetRange;
}

/** A top-level network, volume, secret, config or model. */
export interface ComposeResource {
  name: string;
  keyRange: OffsetRange;
  node: Node | null;
}

export interface DuplicateKey {
  name: string;
  /** The later key. Compose v2 refuses the file ("mapping key … already defined"); docker-compose v1 kept this one. */
  range: OffsetRange;
  /** The earlier key it overrides. */
  firstRange: OffsetRange;
}

export interface ComposeComment {
  /** Text after `#`. */
  text: string;
  line: number;
  /** From `#` to the end of the comment. */
  range: OffsetRange;
}

export interface ComposeModel {
  kind: "compose";
  source: SourceText;
  document: Document;
  root: YAMLMap | undefined;
  services: ComposeService[];
  networks: Map<string, ComposeResource>;
  volumes: Map<string, ComposeResource>;
  secrets: Map<string, ComposeResource>;
  configs: Map<string, ComposeResource>;
  models: Map<string, ComposeResource>;
  topLevelKeys: Named[];
  version: string | undefined;
  /** No `services:` key, but top-level maps with `image` or `build`: Compose file format v1. */
  isLegacyV1: boolean;
  duplicateKeys: DuplicateKey[];
  comments: ComposeComment[];
  /**
   * Documents after the first in a multi-document file. Only the first is linted (that is the
   * one `docker compose` reads); the count lets a rule say the rest are ignored.
   */
  extraDocuments: number;
  /**
   * The document as plain values, aliases and merge keys resolved (not interpolated), without what
   * a `!reset` tags (map entries and list items), as compose-go loads it. Built once and shared by
   * every caller (the project analysis and several rules read it): do not modify it.
   */
  toPlain(): unknown;
  /** Where a path of keys / list indexes is written (the deepest part that exists); for schema errors. */
  locate(path: readonly string[]): { range: OffsetRange; keyRange: OffsetRange | undefined } | undefined;
  /**
   * Names of the whole project when other files contribute to it: `include:`d files, the base of an
   * override file (`compose.override.yaml` → `compose.yaml`), or the files before this one in
   * `settings.composeFiles`. Includes this file's own names. Undefined when the file stands alone
   * (no `include`, not an override, not after another file in `settings.composeFiles`).
   * Computed on first access (it may read files through the host's reader).
   */
  readonly project?: ComposeProject | undefined;
  /**
   * `extends`, `include`, `env_file` and `label_file` references of this file that Compose cannot
   * follow. Files that cannot be read are listed only when the host gave a file reader. Computed on
   * first access.
   */
  readonly fileProblems?: readonly ComposeFileProblem[];
  /**
   * Lines `docker compose` cannot read in the env files this file names (`env_file`, `label_file`,
   * `include`'s `env_file`), read through the host's file reader; empty without one. Computed on
   * first access.
   */
  readonly envFileProblems?: readonly ComposeEnvFileProblem[];
  /**
   * The directory `docker compose` resolves this file's relative paths from (`build.context`,
   * `env_file`), relative to this file's directory: `""` for its own, else ending in `/`. Another
   * directory for a later file of `settings.composeFiles` (the first file's) or for a file that
   * another one includes with `project_directory`; undefined when that depends on an unset
   * variable. Computed on first access (it may read files through the host's reader).
   */
  readonly projectDirectory?: string | undefined;
  /**
   * The default Compose file of this directory or of one up to two above it whose `include:`
   * loads this file (relative to this file's directory); undefined when none does, or without a
   * file reader. Computed on first access.
   */
  readonly includedBy?: string | undefined;
  /**
   * `docker compose` merges this file over another: it is an override file (of `compose.yaml`),
   * or a file after the first of `settings.composeFiles`.
   */
  readonly isLaterLayer?: boolean;
  /**
   * A path this file writes (`build.context`, `env_file`) as `docker compose` resolves it, from
   * the project directory, relative to this file's directory; undefined when it cannot be known
   * here (absolute, remote, an unknown project directory).
   */
  projectPath(written: string): string | undefined;
  /**
   * What this file, layered on others (an override file, or a later file of
   * `settings.composeFiles`), makes with them; undefined when it is not layered, without a file
   * reader, or when a file before it cannot be read or merged. Computed on first access.
   */
  readonly layered?: ComposeLayered | undefined;
  /**
   * The services named `name` of the other files `docker compose` merges with this one, in merge
   * order, split at this file. Before it: an override file's base, the earlier files of
   * `settings.composeFiles`, the files this one includes. After it: the override file loaded with a
   * default Compose file, the later files of `settings.composeFiles`, and for an included file the
   * other files its including file includes, the later paths of its include entry, the including
   * file and the override loaded with it (compose-go since v2.10 merges a service the including
   * file defines again over the imported one). What they write is in the merged service, unless a
   * file after the one that gives it drops it with `!reset` or `!override`
   * (`ComposeService.mergeTag`). Empty without a file reader. Rules about a setting that is
   * MISSING ask them before reporting it.
   */
  layerServices?(name: string): ComposeServiceLayers;
  /**
   * The file `docker compose` loads instead of this one in its directory (`compose.yaml` beside
   * `docker-compose.yml`), with the names it tries in order; undefined when this one is loaded,
   * when `settings.composeFiles` names it, or without a file reader. Computed on first access.
   */
  readonly shadowedBy?: { file: string; names: readonly string[] } | undefined;
  /**
   * The file as compose-go merges it over the files before it (`!reset` entries dropped, the
   * paths tagged `!reset`/`!override`, each service with its `extends` applied): what
   * `layered` merges.
   */
  goView?(): { value: Record<string, unknown>; tagged: ReadonlySet<string> };
}
