import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { compileAllowedPorts, compilePortEntries, parsePortSpec, SENSITIVE_PORT_OPTIONS, sensitiveServices } from "../../util/sensitive-ports.js";
import type { CompiledPortEntry, SensitivePortOptions } from "../../util/sensitive-ports.js";
import { pathBaseName } from "../../util/posix-path.js";
import { isPathSeparator, trimEndWhere } from "../../util/trim-end.js";
import { isRecord } from "../../util/is-record.js";

/**
 * Images whose purpose is the daemon behind a sensitive port: an SFTP server publishes 22, a Git
 * server 22 for `git` over SSH, `docker:dind` 2375, etcd 2379. The image name is matched (after
 * interpolation), or for a service built without `image`, its build context's directory and its
 * own name (see `purposeNames`); an unrelated image or build is still judged.
 */
const PURPOSE: readonly { ports: readonly number[]; image: RegExp }[] = [
  { ports: [21], image: /ftp/ },
  { ports: [22], image: /ssh|sftp|gitea|gitlab|gogs|forgejo|gitolite|onedev|bastion/ },
  { ports: [23], image: /telnet/ },
  { ports: [69], image: /tftp|netboot|pxe/ },
  { ports: [111], image: /nfs|rpcbind|portmap/ },
  { ports: [135, 137, 138, 139, 445], image: /samba|smb|cifs/ },
  { ports: [161], image: /snmp/ },
  { ports: [514], image: /syslog|graylog|logstash|fluent/ },
  { ports: [2375, 2376], image: /dind|docker-in-docker|socket-proxy|dockerproxy/ },
  { ports: [2379, 2380], image: /etcd/ },
  { ports: [3389], image: /rdp/ },
  { ports: [5900, 5901, 5902, 5903], image: /vnc|selenium|webtop|kasm|desktop|browser|firefox|chrom/ },
  { ports: [5985, 5986], image: /winrm/ },
  { ports: [6000], image: /x11|xpra|xvfb/ },
  { ports: [6443, 10250, 10255], image: /k3s|k0s|kube|kind|rancher|microk8s/ },
  { ports: [11211], image: /memcache/ },
];

/** Any purpose at all, in one pattern: most images match none, so one test replaces sixteen per name. */
const ANY_PURPOSE = new RegExp(PURPOSE.map((purpose) => purpose.image.source).join("|"));

/** The sensitive entries left once those the service exists to serve (by the names that tell its purpose) are set aside. */
function forPurpose(sensitive: readonly CompiledPortEntry[], names: readonly string[]): readonly CompiledPortEntry[] {
  if (!names.some((name) => ANY_PURPOSE.test(name))) return sensitive;
  const purposes = PURPOSE.filter((purpose) => names.some((name) => purpose.image.test(name)));
  if (purposes.length === 0) return sensitive;
  return sensitive.filter(({ spec }) => !purposes.some((purpose) => purpose.ports.some((port) => spec.start <= port && port <= spec.end)));
}

/** The last directory of a build context (`./gitlab` → `gitlab`, `docker/sftp/` → `sftp`); a remote context is kept whole. */
function contextName(context: string): string {
  const trimmed = trimEndWhere(context.trim(), isPathSeparator);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.startsWith("git@")) return trimmed;
  return pathBaseName(trimmed, true);
}

/**
 * What tells a service's purpose, lower-cased: the image's name when the service names one (even
 * when a variable without default hides it: then nothing is known); for a service built here
 * without `image`, the build context's directory and the service's own name (laradock's
 * `gitlab: {build: ./gitlab}` is GitLab, whose Dockerfile starts `FROM gitlab/gitlab-ce`).
 */
function purposeNames(service: ComposeService): string[] {
  if (service.image) {
    const image = typeof service.image.value === "string" ? knownTrimmed(service.image.value)?.toLowerCase() : undefined;
    return image === undefined || image === "" ? [] : [image];
  }
  const build = service.build;
  if (!build) return [];
  const names = [service.name.toLowerCase()];
  const written = typeof build.value === "string" ? build.value : isRecord(build.value) ? build.value["context"] : undefined;
  const context = typeof written === "string" ? knownTrimmed(written) : undefined;
  if (context !== undefined) {
    const name = contextName(context).toLowerCase();
    if (name !== "" && name !== "." && name !== "..") names.push(name);
  }
  return names;
}

/** `22 (= ${SSH_PORT:-22})` when a default decided the value, so the message shows both. */
function shown(written: string, value: string): string {
  return written === value ? written : `${written} (= ${value})`;
}

export default defineRule<ComposeModel, SensitivePortOptions>({
  meta: {
    id: "no-sensitive-port",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow exposing or publishing remote-administration and other sensitive container ports in Compose services.",
    presets: ["recommended"],
    messages: {
      expose:
        "Service `{{service}}` exposes port {{value}}, {{services}}: a container should not run remote administration or legacy daemons (sshd, telnet, RDP, the Docker API…); remove the entry and administer it with `docker compose exec`, or allow the port in this rule's options if the service is that daemon.",
      published:
        "Service `{{service}}` publishes container port {{value}}, {{services}}, on the host: a container should not run remote administration or legacy daemons (sshd, telnet, RDP, the Docker API…); remove the mapping and administer it with `docker compose exec`, or allow the port in this rule's options if the service is that daemon.",
    },
    options: SENSITIVE_PORT_OPTIONS,
    references: {
      cis: ["5.7"],
    },
  },
  check({ model, options, report }) {
    const sensitive = compilePortEntries(options.ports);
    const allowed = compileAllowedPorts(options.allow);
    const judge = (messageId: "expose" | "published", service: string, list: readonly CompiledPortEntry[], written: string, spec: string | undefined, range: OffsetRange): void => {
      if (spec === undefined || spec === "") return;
      const parsed = parsePortSpec(spec);
      // Malformed and out-of-range ports are the schema's and Compose's to reject.
      if (!parsed.ok) return;
      const services = sensitiveServices(parsed.spec, list, allowed);
      if (services.length === 0) return;
      report({ messageId, data: { service, value: shown(written, spec), services: services.join(", ") }, range });
    };

    for (const service of model.services) {
      // The purpose (image, build context) is worked out only for a service with ports to judge: most have none.
      if (service.expose.length === 0 && service.ports.length === 0) continue;
      const list = forPurpose(sensitive, purposeNames(service));
      for (const entry of service.expose) {
        judge("expose", service.name, list, entry.name, knownTrimmed(entry.name), entry.range);
      }
      for (const port of service.ports) {
        const target = knownTrimmed(port.target);
        const protocol = port.protocol === undefined ? "" : knownTrimmed(port.protocol);
        if (target === undefined || protocol === undefined) continue;
        const written = port.protocol === undefined ? port.target : `${port.target}/${port.protocol}`;
        judge("published", service.name, list, written, protocol === "" ? target : `${target}/${protocol}`, port.range);
      }
    }
  },
});
