import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import { engineSocket } from "./_a-values.js";

/**
 * Socket proxies that take their allow-list from environment variables, read-only unless `POST=1`
 * (Tecnativa's, and LinuxServer's built on it): the remedy this rule recommends, which must mount
 * the socket itself.
 */
const ENV_CONFIGURED_PROXIES = new Set(["docker.io/tecnativa/docker-socket-proxy", "ghcr.io/tecnativa/docker-socket-proxy", "docker.io/linuxserver/socket-proxy", "lscr.io/linuxserver/socket-proxy", "ghcr.io/linuxserver/socket-proxy"]);

/** API sections that, with POST allowed, let a proxy's clients start or enter containers: a takeover of the host, as with the socket. */
const TAKEOVER_SECTIONS = ["CONTAINERS", "EXEC", "SERVICES", "PLUGINS"];

/** A value those proxies read as on (`1`, `true`, `yes`); undefined when unset, false when off, null when not known here. */
function switchOn(service: ComposeService, name: string): boolean | null | undefined {
  const variable = service.environment.findLast((entry) => entry.name === name);
  if (!variable) return undefined;
  const value = variable.value === undefined ? undefined : knownTrimmed(variable.value);
  return value === undefined ? null : /^(?:1|true|yes|on)$/i.test(value);
}

/**
 * For a socket proxy of `ENV_CONFIGURED_PROXIES`, the sections its clients could use to take over
 * the host (POST allowed with `CONTAINERS=1`, …), or `[]` when its allow-list keeps them from it
 * (read-only, the default: nothing to report); undefined for another image, or for a setting
 * interpolated from the environment (judged as any service).
 */
function proxyTakeover(service: ComposeService): string[] | undefined {
  const image = service.image ? knownTrimmed(service.image.text) : undefined;
  const reference = image === undefined ? undefined : parseImageReference(image);
  if (!reference || !ENV_CONFIGURED_PROXIES.has(`${reference.domain}/${reference.fullPath}`)) return undefined;
  const post = switchOn(service, "POST");
  if (post === null) return undefined;
  if (!post) return [];
  const open = TAKEOVER_SECTIONS.map((section) => [section, switchOn(service, section)] as const);
  if (open.some(([, on]) => on === null)) return undefined;
  return open.filter(([, on]) => on === true).map(([section]) => section);
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-docker-socket-mount",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow mounting the Docker daemon socket (or Podman's, which serves the same API) into a Compose service.",
    presets: ["recommended"],
    messages: {
      anonymousOverSocket:
        "Service `{{service}}` lists `{{target}}` without a host path: that creates an empty anonymous volume at the socket's path inside the container, not a mount of the host's socket, so a tool expecting the {{engine}} API there fails; write `host:container` if the API is really needed (through a socket proxy), or remove the entry.",
      socket:
        "Service `{{service}}` mounts {{socket}} `{{source}}`{{readOnly}}: whoever reaches it can start a privileged container and take over the host; use a socket proxy that allows only the API calls needed, or remove the mount.",
      rootlessSocket:
        "Service `{{service}}` mounts the rootless {{engine}} socket `{{source}}`{{readOnly}}: whoever reaches it can start, change and enter the containers of the user who runs {{engine}}, with any file of that user mounted into them (the home directory and its SSH keys included), a takeover of that account though not of root; use a socket proxy that allows only the API calls needed, or remove the mount.",
      proxyAllowsTakeover:
        "Service `{{service}}` is the socket proxy `{{image}}`, and with {{settings}} it lets every client that reaches it create, start or enter containers, privileged ones too: {{takeover}}, as with the socket itself; allow POST only for a client that must change state, and then only the sections it needs.",
    },
    references: {
      kics: ["d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"],
      semgrep: ["exposing-docker-socket-volume"],
      cis: ["5.32"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      let takeover: string[] | undefined | false = false;
      for (const mount of service.volumes) {
        if (mount.source === undefined) {
          // A bare socket path is almost always a half-written socket mount (Semgrep flags it as one).
          const bare = mount.type === "volume" ? engineSocket(mount.target) : undefined;
          if (bare) report({ messageId: "anonymousOverSocket", level: "warning", data: { service: service.name, target: mount.target, engine: bare.engine }, range: mount.range });
          continue;
        }
        const socket = engineSocket(mount.source);
        if (!socket) continue;
        // A socket proxy has to mount the socket: what it lets its clients do decides.
        if (takeover === false) takeover = proxyTakeover(service);
        if (takeover !== undefined) {
          if (takeover.length > 0) {
            const settings = ["POST", ...takeover].map((name) => `\`${name}=1\``);
            report({
              messageId: "proxyAllowsTakeover",
              data: {
                service: service.name,
                image: service.image?.text ?? "",
                settings: `${settings.slice(0, -1).join(", ")} and ${settings.at(-1) ?? ""}`,
                takeover: socket.rootless ? `a takeover of the account that runs rootless ${socket.engine}` : "a takeover of the host",
              },
              range: mount.range,
            });
          }
          continue;
        }
        const readOnly = mount.readOnly ? " (read-only does not help: `:ro` protects the socket file, not the API behind it)" : "";
        if (socket.rootless) {
          // Not the host: the engine's user bounds what its containers can do.
          report({ messageId: "rootlessSocket", level: "warning", data: { service: service.name, source: mount.source, engine: socket.engine, readOnly }, range: mount.range });
          continue;
        }
        report({
          messageId: "socket",
          data: { service: service.name, source: mount.source, socket: socket.engine === "Docker" ? "the Docker socket" : "the rootful Podman socket", readOnly },
          range: mount.range,
        });
      }
    }
  },
});
