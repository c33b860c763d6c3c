import type { ComposeModel, ComposeService, ComposeVolumeMount } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { cleanPath } from "../../util/posix-path.js";
import { isSocketPath } from "./_a-values.js";
import { areAlternatives } from "./_d1-compose.js";

/**
 * What a mount's source names, so that two services' mounts of the same thing compare equal:
 * `volume:<name>` or `bind:<normalised path>`. A source that depends on an unset variable is
 * compared as written (`${DATA}/logs` twice is the same directory whatever DATA is).
 */
function sourceKey(mount: ComposeVolumeMount): string | undefined {
  if (mount.source === undefined || (mount.type !== "bind" && mount.type !== "volume")) return undefined;
  const result = evaluate(mount.source);
  const known = result.unknown.length === 0 && result.required.length === 0;
  const text = (known ? result.value : mount.source).trim();
  if (text === "") return undefined;
  if (mount.type === "volume") return `volume:${text}`;
  const slashed = text.replace(/\\/g, "/");
  // A socket or named pipe is an endpoint, not shared files (the Docker socket is no-docker-socket-mount's).
  if (isSocketPath(slashed)) return undefined;
  return `bind:${cleanPath(slashed)}`;
}

/**
 * `a`, `a` and `b`, `a`, `b` and `c`, `a`, `b` and 3 others: the services other than `self`.
 * Only the first three are read: with every service mounting the same volume, listing all of them
 * for each one made a file of n services cost n² (8,000 services: 1.9 s in this function).
 */
function otherNames(services: readonly string[], self: string): { text: string; count: number } {
  const count = services.length - 1;
  const first: string[] = [];
  for (const service of services) {
    if (service === self) continue;
    first.push(`\`${service}\``);
    if (first.length === 3) break;
  }
  if (count <= 1) return { text: first.join(""), count };
  if (count <= 3) return { text: `${first.slice(0, -1).join(", ")} and ${first[first.length - 1] ?? ""}`, count };
  return { text: `${first.slice(0, 2).join(", ")} and ${count - 2} others`, count };
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-shared-volumes",
    kind: "compose",
    category: "security",
    severity: "info",
    docs: "Flag named volumes and host paths that several Compose services mount read-write.",
    presets: [],
    messages: {
      shared:
        "Service `{{service}}` mounts `{{source}}` read-write, and so {{verb}} {{others}}: each of them can change or plant files the others read, so one compromised or buggy service reaches the rest; mount it read-only (`:ro`) in the services that only read it, or give each service its own volume.",
    },
    references: {
      kics: ["8c978947-0ff6-485c-b0c2-0bfca6026466"],
    },
  },
  check({ model, report }) {
    const writers = new Map<string, { service: ComposeService; source: string; range: OffsetRange }[]>();
    for (const service of model.services) {
      for (const mount of service.volumes) {
        if (mount.readOnly) continue;
        const key = sourceKey(mount);
        if (key === undefined) continue;
        const list = writers.get(key) ?? [];
        list.push({ service, source: mount.source ?? "", range: mount.range });
        writers.set(key, list);
      }
    }
    for (const list of writers.values()) {
      const services = [...new Set(list.map((w) => w.service))];
      if (services.length < 2) continue;
      // Whether two services are alternatives depends on their profiles only: the services one
      // can run with are found once per set of profiles, not once per service (30,000 services
      // mounting one volume stay linear).
      const partnersByProfiles = new Map<string, string[]>();
      for (const writer of list) {
        const profiles = writer.service.profiles.map(({ name }) => name).sort().join("\n");
        let partners = partnersByProfiles.get(profiles);
        if (!partners) {
          partners = services.filter((other) => !areAlternatives(writer.service, other)).map((other) => other.name);
          partnersByProfiles.set(profiles, partners);
        }
        // Services in profiles that share none never run together (`app-cpu`, `app-gpu`): no channel.
        if (!partners.some((name) => name !== writer.service.name)) continue;
        const others = otherNames(partners, writer.service.name);
        report({
          messageId: "shared",
          data: { service: writer.service.name, source: writer.source, verb: others.count === 1 ? "does" : "do", others: others.text },
          range: writer.range,
        });
      }
    }
  },
});
