import type { Document, Node, YAMLMap } from "yaml";
import type { OffsetRange, SourceText } from "../source.js";

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
  node: Node;
  range: OffsetRange;
  /** The value came from a `<<` merge key rather than from the service's own keys. */
  viaMerge: boolean;
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
}

export interface ComposeEnvVar {
  name: string;
  /** undefined: the name alone (`- FOO` or `FOO:`), taken from the shell by Compose. */
  value: string | undefined;
  range: OffsetRange;
  /** Range of the value text, when written. */
  valueRange?: OffsetRange;
}

export interface ComposeSecurityOpt {
  /** `seccomp`, `apparmor`, `label`, `no-new-privileges`, … */
  key: string;
  value: string | undefined;
  /** The entry as written. */
  raw: string;
  separator: ":" | "=" | undefined;
  range: OffsetRange;
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
   * The service has no `image`, `build` or `extends`: it completes a service defined in another
   * file (an override file, a fragment for `-f` merging). Rules that report something MISSING skip
   * partial services, since the other file may set it; rules about values written here still apply.
   */
  readonly partial: boolean;
  /** Secret names (short `- name` or long `- source: name`). */
  readonly secrets: readonly Named[];
  readonly configs: readonly Named[];
  /** Network names (list or map form). */
  readonly networks: readonly Named[];
  readonly profiles: readonly Named[];
}

/** A top-level network, volume, secret, config or model. */
export interface ComposeResource {
  name: string;
  keyRange: OffsetRange;
  node: Node | null;
}

export interface DuplicateKey {
  name: string;
  /** The later key, which Compose keeps silently. */
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
  /** The document as plain values, aliases and merge keys resolved (not interpolated). */
  toPlain(): unknown;
  /** Where a path of keys / list indexes is written (the deepest part that exists); for schema errors. */
  locate(path: readonly string[]): { range: OffsetRange; keyRange: OffsetRange | undefined } | undefined;
}
