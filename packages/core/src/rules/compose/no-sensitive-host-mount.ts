import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { engineSocket, isSocketPath, resolveKeepingUnknown, trimEnd } from "./_a-values.js";

interface Options {
  /** Host directories that must not be bind-mounted, nor anything under them (`/` means only the root itself); replaces the default list. */
  paths: string[];
  /** Host paths (and what is under them) that may be mounted anyway; `path:ro` allows only a read-only mount. */
  allow: string[];
}

const DEFAULT_PATHS = ["/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/root", "/run", "/sbin", "/sys", "/usr", "/var"];

/**
 * Harmless read-only files that very many services mount (time zone, OS name), web roots, which
 * hold the site rather than the host, and the devices that hold nothing: `/dev/null` stands in for
 * an optional file (formbricks's `${HUB_GOOGLE_APPLICATION_CREDENTIALS:-/dev/null}`), and reading
 * or writing it, `/dev/zero` or the random devices gives nothing of the host away.
 */
const DEFAULT_ALLOW = ["/etc/localtime:ro", "/etc/timezone:ro", "/usr/share/zoneinfo:ro", "/etc/os-release:ro", "/var/www", "/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"];

/** What a host directory holds, for the message; the longest matching prefix wins. */
const WHAT: Readonly<Record<string, string>> = {
  "/": "the host's whole filesystem",
  "/bin": "the host's programs",
  "/sbin": "the host's programs",
  "/usr": "the host's programs and libraries",
  "/lib": "the host's libraries",
  "/lib32": "the host's libraries",
  "/lib64": "the host's libraries",
  "/libx32": "the host's libraries",
  "/lib/modules": "the host's kernel modules",
  "/boot": "the host's kernel and boot loader",
  "/dev": "the host's device nodes",
  "/dev/shm": "the host's shared memory",
  "/etc": "the host's configuration, with its password hashes and keys",
  "/proc": "the host's process and kernel interface",
  "/sys": "the host's kernel and device settings",
  "/root": "the host root user's home, with its SSH keys and credentials",
  "/run": "the sockets and runtime state of the host's daemons",
  "/var/run": "the sockets and runtime state of the host's daemons",
  "/run/containerd": "containerd's API socket and state",
  "/var/run/containerd": "containerd's API socket and state",
  "/var": "the host's state, logs and spools",
  "/var/lib/docker": "Docker's own state, with every container's filesystem",
  "/var/log": "the host's logs",
  "/var/spool": "the host's spools, crontabs included",
};

/** An absolute host path with `.`/`..`/`//` resolved, and whether a variable without a value cut it short. */
interface HostPath {
  /** The known part: the whole path, or its components before the first unknown variable. */
  path: string;
  complete: boolean;
}

function hostPath(source: string): HostPath | undefined {
  const text = resolveKeepingUnknown(source).trim();
  // Relative (`./data`), home (`~/x`), a leading unknown variable (`${DATA}/x`), Windows (`C:\x`): not a known host system path.
  if (!text.startsWith("/")) return undefined;
  const known: string[] = [];
  let complete = true;
  for (const part of text.split("/")) {
    if (part === "" || part === ".") continue;
    if (part.includes("$")) {
      complete = false;
      break;
    }
    if (part === "..") known.pop();
    else known.push(part);
  }
  return { path: `/${known.join("/")}`, complete };
}

function normalise(path: string): string {
  return hostPath(path)?.path ?? path;
}

function isUnder(path: string, dir: string): boolean {
  return dir === "/" ? true : path === dir || path.startsWith(`${dir}/`);
}

function describe(path: string, entry: string): string {
  let best: string | undefined;
  for (const dir of Object.keys(WHAT)) {
    if (dir === "/" ? path !== "/" : !isUnder(path, dir)) continue;
    if (best === undefined || dir.length > best.length) best = dir;
  }
  if (best === undefined) return `under \`${entry}\`, which this project lists as sensitive`;
  const what = WHAT[best] ?? "";
  // A directory below one (`/etc/pihole`) is part of it, not all it holds: "under `/etc`, the
  // host's configuration", without the password hashes the whole of `/etc` has.
  return path === best ? what : `under \`${best}\`, ${what.split(",")[0]}`;
}

interface Lists {
  sensitive: string[];
  allowed: { path: string; readOnlyOnly: boolean }[];
}

/** The options' paths normalised, once per options object: a run passes the same object for every file. */
const listsCache = new WeakMap<Options, Lists>();
function listsFor(options: Options): Lists {
  let lists = listsCache.get(options);
  if (!lists) {
    lists = {
      sensitive: options.paths.map(normalise),
      allowed: options.allow.map((entry) => {
        const readOnlyOnly = /:ro$/i.test(entry);
        return { path: normalise(readOnlyOnly ? entry.slice(0, -3) : entry), readOnlyOnly };
      }),
    };
    listsCache.set(options, lists);
  }
  return lists;
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-sensitive-host-mount",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow bind-mounting sensitive host directories (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/var`, …) into Compose services.",
    presets: ["recommended"],
    messages: {
      sensitive:
        "Service `{{service}}` bind-mounts `{{source}}` from the host ({{what}}) read-write, so a process in the container can change it on the host; mount only the files the service needs, read-only (`:ro`), or use a named volume.",
      sensitiveReadOnly:
        "Service `{{service}}` bind-mounts `{{source}}` from the host ({{what}}); read-only still lets a process in the container read it, secrets included; mount only the files the service needs, or use a named volume.",
      socket:
        "Service `{{service}}` bind-mounts the socket `{{source}}` from the host ({{what}}), so a process in the container can connect to it and use that daemon's API with the daemon's rights, read-only or not (`:ro` protects the socket file, not the daemon behind it); remove the mount, or, if the service must talk to that daemon, list the path in this rule's `allow` option.",
      volume:
        "Volume `{{volume}}` binds `{{source}}` from the host ({{what}}), so every service that mounts it can {{access}} it; point it at a directory of its own, or drop `driver_opts` for a Docker-managed volume.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          paths: { type: "array", items: { type: "string" } },
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
      defaults: { paths: DEFAULT_PATHS, allow: DEFAULT_ALLOW },
    },
    references: { kics: ["1c1325ff-831d-43a1-973e-839ae57dfcc0"], cis: ["5.6"] },
  },
  check({ model, source, options, report }) {
    const { sensitive, allowed } = listsFor(options);

    /** The listed directory the source is under, unless the mount is allowed or not known well enough. */
    const judge = (source: string, readOnly: boolean): { entry: string; path: string; socket: boolean } | undefined => {
      const host = hostPath(source);
      // Docker's and Podman's sockets are no-docker-socket-mount's, which says what their API allows.
      if (!host || engineSocket(source)) return undefined;
      // `/` alone is sensitive, not everything under it; a cut-short path is not known to be `/`.
      const entry = sensitive.find((dir) => (dir === "/" ? host.complete && host.path === "/" : isUnder(host.path, dir)));
      if (entry === undefined) return undefined;
      if (allowed.some((allow) => (allow.path === "/" ? host.path === "/" : isUnder(host.path, allow.path)) && (readOnly || !allow.readOnlyOnly))) return undefined;
      return { entry, path: host.path, socket: host.complete && isSocketPath(host.path) };
    };

    for (const service of model.services) {
      for (const mount of service.volumes) {
        if (mount.type !== "bind" || mount.source === undefined) continue;
        const found = judge(mount.source, mount.readOnly);
        if (!found) continue;
        const data = { service: service.name, source: mount.source, what: describe(found.path, found.entry) };
        const range = trimEnd(source.text, mount.range);
        if (found.socket) report({ messageId: "socket", data, range });
        else if (mount.readOnly) report({ messageId: "sensitiveReadOnly", level: "warning", data, range });
        else report({ messageId: "sensitive", data, range });
      }
    }

    // Top-level volumes that are host directories: the local driver's `type: none, o: bind, device: /x`,
    // and the `mountpoint` of local-persist and similar plugins.
    const plain = model.toPlain() as { volumes?: unknown } | null;
    const volumes = typeof plain?.volumes === "object" && plain.volumes !== null ? (plain.volumes as Record<string, unknown>) : {};
    for (const [name, definition] of Object.entries(volumes)) {
      if (typeof definition !== "object" || definition === null) continue;
      const driverOpts = (definition as { driver_opts?: unknown }).driver_opts;
      if (typeof driverOpts !== "object" || driverOpts === null) continue;
      const opts = driverOpts as Record<string, unknown>;
      const mountOptions = typeof opts["o"] === "string" ? opts["o"].split(",").map((o) => o.trim()) : [];
      const readOnly = mountOptions.includes("ro");
      const candidates: string[] = ["mountpoint"];
      if (mountOptions.includes("bind") || mountOptions.includes("rbind")) candidates.unshift("device");
      for (const key of candidates) {
        const value = opts[key];
        if (typeof value !== "string") continue;
        const found = judge(value, readOnly);
        if (!found) continue;
        const range: OffsetRange | undefined = model.locate(["volumes", name, "driver_opts", key])?.range;
        if (!range) continue;
        report({
          messageId: "volume",
          ...(readOnly && !found.socket ? { level: "warning" as const } : {}),
          data: { volume: name, source: value, what: describe(found.path, found.entry), access: found.socket ? "connect to" : readOnly ? "read" : "read and change" },
          range,
        });
      }
    }
  },
});
