import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import { isSlash, trimEndWhere } from "../../util/trim-end.js";

const UNIX_SOCKETS = new Set(["/var/run/docker.sock", "/run/docker.sock"]);
const WINDOWS_PIPE = "//./pipe/docker_engine";

/** `/var/run//docker.sock/`, `//var/run/docker.sock` (Docker Desktop on Windows) → `/var/run/docker.sock`. */
function normalise(path: string): string {
  let text = path.trim().replace(/\\/g, "/");
  if (text.toLowerCase() === WINDOWS_PIPE) return WINDOWS_PIPE;
  text = text.replace(/\/{2,}/g, "/");
  if (text.length > 1) text = trimEndWhere(text, isSlash);
  return text;
}

function isDockerSocket(source: string): boolean {
  // Every socket path contains "docker", and without `$` interpolation leaves the text as it is:
  // most mounts are answered here without the regex work of `normalise`.
  if (!source.includes("$") && !/docker/i.test(source)) return false;
  const path = normalise(evaluate(source).value);
  return UNIX_SOCKETS.has(path) || path === WINDOWS_PIPE;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-docker-socket-mount",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow mounting the Docker daemon socket into a Compose service.",
    presets: ["recommended"],
    messages: {
      anonymousOverSocket:
        "Service `{{service}}` lists `{{target}}` without a host path: that creates an empty anonymous volume at the socket's path inside the container, not a mount of the host's socket, so a tool expecting the Docker API there fails; write `host:container` if the API is really needed (through a socket proxy), or remove the entry.",
      socket:
        "Service `{{service}}` mounts the Docker socket `{{source}}`{{readOnly}}: whoever reaches it can start a privileged container and take over the host; use a socket proxy that allows only the API calls needed, or remove the mount.",
    },
    references: {
      kics: ["d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"],
      semgrep: ["exposing-docker-socket-volume"],
      cis: ["5.32"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const mount of service.volumes) {
        if (mount.source === undefined) {
          // A bare socket path is almost always a half-written socket mount (Semgrep flags it as one).
          if (mount.type === "volume" && isDockerSocket(mount.target)) {
            report({ messageId: "anonymousOverSocket", level: "warning", data: { service: service.name, target: mount.target }, range: mount.range });
          }
          continue;
        }
        if (!isDockerSocket(mount.source)) continue;
        report({
          messageId: "socket",
          data: {
            service: service.name,
            source: mount.source,
            readOnly: mount.readOnly ? " (read-only does not help: `:ro` protects the socket file, not the API behind it)" : "",
          },
          range: mount.range,
        });
      }
    }
  },
});
