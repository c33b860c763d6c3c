/**
 * Helpers shared by the Compose rules about users, images, resources, capabilities and mounts:
 * interpolation that keeps what is unknown, Go booleans, numbers with units, and where a
 * "missing" finding points.
 */
import { composeBoolean } from "../../compose/go-scalars.js";
import { evaluate, evaluateParts, parseInterpolation } from "../../compose/interpolation.js";
import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";
import { isSlash, trimEndWhere } from "../../util/trim-end.js";

/** A value after `${X:-default}` defaults, or `known: false` when a variable without a default (or a required one) is in it. */
export interface Resolved {
  value: string;
  known: boolean;
}

export function resolve(text: string): Resolved {
  const evaluation = evaluate(text);
  return { value: evaluation.value, known: evaluation.unknown.length === 0 && evaluation.required.length === 0 };
}

/**
 * The text with defaults applied but every variable whose value is unknown kept as written
 * (`${REGISTRY}/app:${TAG:-latest}` → `${REGISTRY}/app:latest`), so that a parser can still
 * tell which part of the value the unknown variable is in.
 */
export function resolveKeepingUnknown(text: string): string {
  // Most values have no `$` and are their own result (as in `evaluate`): no parse, no parts.
  if (!text.includes("$")) return text;
  let out = "";
  for (const part of parseInterpolation(text).parts) {
    if (part.kind === "literal") {
      out += part.text;
      continue;
    }
    const evaluation = evaluateParts([part]);
    out += evaluation.unknown.length > 0 || evaluation.required.length > 0 ? text.slice(part.start, part.end) : evaluation.value;
  }
  return out;
}

/** The text of a scalar, interpolated. */
export function resolveScalar(found: ScalarFound): Resolved {
  return typeof found.value === "string" ? resolve(found.value) : { value: found.text, known: true };
}

/**
 * Whether a boolean field is true as compose-go reads it: a YAML true, or a string that its
 * `toBoolean` cast reads as true once interpolated (`true`, `yes`, `on`, `y`, in any case; not
 * `1` or `t`, which it refuses: valid-scalar-values' finding).
 */
export function isComposeTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && composeBoolean(evaluate(value).value) === true);
}

/** The number at the start of `512m`, `0.5`, `-1`, `1.5GB`; undefined when the text is not a number with an optional unit. */
export function leadingNumber(text: string): number | undefined {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:[a-z]+\s*)?$/i.exec(text);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/** The path of keys from the document root to a service (v1 files keep services at the top level). */
export function servicePath(model: ComposeModel, service: ComposeService): string[] {
  return model.isLegacyV1 ? [service.name] : ["services", service.name];
}

/**
 * Where the key at `path` inside the service is written: the key itself (`limits:`), or the
 * merge/alias site when the value comes from elsewhere. Undefined when the service lacks it.
 */
export function keyRange(model: ComposeModel, service: ComposeService, path: readonly string[]): OffsetRange | undefined {
  const found = service.get(path);
  if (!found) return undefined;
  const written = found.node.range;
  // A merge or alias site: the finding belongs at the line that pulls the value in.
  if (found.viaMerge || !written || found.range[0] !== written[0]) return found.range;
  return model.locate([...servicePath(model, service), ...path])?.keyRange ?? found.range;
}

/**
 * Where a "missing resource limit" finding points: the deepest of `deploy.resources.limits`,
 * `deploy.resources`, `deploy` the service has (that is where the limit goes), else the service key.
 */
export function limitsPlace(model: ComposeModel, service: ComposeService): OffsetRange {
  for (const path of [["deploy", "resources", "limits"], ["deploy", "resources"], ["deploy"]]) {
    const range = keyRange(model, service, path);
    if (range) return range;
  }
  return service.keyRange;
}

/**
 * A capability as the kernel names it: upper case, without the `CAP_` prefix Docker also accepts.
 * `ALL` is a keyword, not a capability: Docker does not accept `CAP_ALL`, so that stays as it is.
 */
export function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith("CAP_") && upper !== "CAP_ALL" ? upper.slice(4) : upper;
}

/** A range without the trailing spaces and line breaks that a block node's range ends with. */
export function trimEnd(text: string, range: OffsetRange): OffsetRange {
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? "")) end--;
  return [range[0], end];
}

/** A container engine's API socket, named by a mount's host path. */
export interface EngineSocket {
  engine: "Docker" | "Podman";
  /**
   * The socket of a rootless engine, in the user's `$XDG_RUNTIME_DIR` (`/run/user/<uid>`): its API
   * runs containers as that user, who stays their ceiling (podman-run(1): "Rootless containers
   * cannot have more privileges than the account that launched them").
   */
  rootless: boolean;
}

const WINDOWS_PIPE = "//./pipe/docker_engine";

/**
 * The rootful engines' sockets: dockerd's, and Podman's default endpoint for a rootful service
 * (podman-system-service(1), which serves the Docker API there too).
 */
const ROOTFUL_SOCKETS: ReadonlyMap<string, EngineSocket["engine"]> = new Map([
  ["/var/run/docker.sock", "Docker"],
  ["/run/docker.sock", "Docker"],
  [WINDOWS_PIPE, "Docker"],
  ["/run/podman/podman.sock", "Podman"],
  ["/var/run/podman/podman.sock", "Podman"],
]);

/** Rootless Docker's `$XDG_RUNTIME_DIR/docker.sock` and rootless Podman's `$XDG_RUNTIME_DIR/podman/podman.sock`. */
const ROOTLESS_SOCKET = /^(?:(?:\/var)?\/run\/user\/[^/]+|\$\{XDG_RUNTIME_DIR\}|\$XDG_RUNTIME_DIR)\/(docker|podman\/podman)\.sock$/;

/** `/var/run//docker.sock/`, `//var/run/docker.sock` (Docker Desktop on Windows), `\\.\pipe\docker_engine` → one spelling. */
function socketPath(path: string): string {
  let text = path.trim().replace(/\\/g, "/");
  if (text.toLowerCase() === WINDOWS_PIPE) return WINDOWS_PIPE;
  text = text.replace(/\/{2,}/g, "/");
  if (text.length > 1) text = trimEndWhere(text, isSlash);
  return text;
}

/**
 * A Unix socket by its name (`docker.sock`, `mysqld.sock`, `snapd.socket`, `system_bus_socket`,
 * `libvirt-sock`, containerd's `containerd.sock.ttrpc`, Docker Desktop's `docker.sock.raw`) or a
 * Windows named pipe (`//./pipe/docker_engine`): an endpoint a process connects to, not files to
 * read or change, so `:ro` does not restrict what a client asks of the daemon behind it.
 */
export function isSocketPath(path: string): boolean {
  const slashed = path.replace(/\\/g, "/");
  if (slashed.toLowerCase().startsWith("//./pipe/")) return true;
  return SOCKET_NAME.test(slashed.slice(slashed.lastIndexOf("/") + 1));
}

const SOCKET_NAME = /(?:^|[-._])sock(?:et)?(?:\.ttrpc|\.raw)?$/i;

/**
 * The engine whose API socket a mount's host path (or, for a bare entry, its container path)
 * names, interpolated with the file's defaults; `$XDG_RUNTIME_DIR` without a value is the
 * rootless engines' directory. Undefined for any other path.
 */
export function engineSocket(path: string): EngineSocket | undefined {
  // Every engine socket path names its engine or `$XDG_RUNTIME_DIR`: most mounts are answered here
  // without the regex work of `socketPath`.
  if (!path.includes("$") && !/docker|podman/i.test(path)) return undefined;
  const text = socketPath(resolveKeepingUnknown(path));
  const rootful = ROOTFUL_SOCKETS.get(text);
  if (rootful) return { engine: rootful, rootless: false };
  const rootless = ROOTLESS_SOCKET.exec(text)?.[1];
  return rootless === undefined ? undefined : { engine: rootless === "docker" ? "Docker" : "Podman", rootless: true };
}
