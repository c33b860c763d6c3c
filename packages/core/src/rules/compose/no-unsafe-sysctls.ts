import type { ComposeModel, ScalarFound } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import { serviceSysctls } from "./_c-sysctls.js";

interface Options {
  allow: string[];
}

/**
 * The sysctls the container runtime (runc, as Docker and Podman use it) lets a container set:
 * those of the IPC namespace, the network namespace (`net.*`) and, in a UTS namespace,
 * `kernel.domainname`. Every other one is global to the host, and the runtime refuses to start
 * the container rather than change the host's kernel.
 */
const IPC_SYSCTLS = new Set([
  "kernel.msgmax",
  "kernel.msgmnb",
  "kernel.msgmni",
  "kernel.sem",
  "kernel.shmall",
  "kernel.shmmax",
  "kernel.shmmni",
  "kernel.shm_rmid_forced",
]);

function isIpc(name: string): boolean {
  return IPC_SYSCTLS.has(name) || name.startsWith("fs.mqueue.");
}

/** `host` after interpolation (an unset variable is not assumed to be `host`). */
function isHost(found: ScalarFound | undefined): boolean {
  if (!found || typeof found.value !== "string") return false;
  const result = evaluate(found.value);
  return result.unknown.length === 0 && result.value.trim() === "host";
}

/** `net.ipv4.ip_forward`, `net.ipv4.*`, `*` */
function matches(pattern: string, name: string): boolean {
  const trimmed = pattern.trim();
  if (trimmed.endsWith("*")) return name.startsWith(trimmed.slice(0, -1));
  return trimmed === name;
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-unsafe-sysctls",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow sysctls that are not isolated to the container (the runtime refuses them).",
    presets: ["recommended"],
    messages: {
      notNamespaced:
        "Service `{{service}}` sets the sysctl `{{name}}`, which is not namespaced: it would change the whole host's kernel, so the runtime refuses to start the container (\"not in a separate kernel namespace\"); set it on the host (`/etc/sysctl.d/`) and remove it here.",
      hostNetwork:
        "Service `{{service}}` sets the network sysctl `{{name}}` but shares the host's network namespace (`network_mode: host`): it would change the host's network stack, so the runtime refuses to start the container; set it on the host, or remove `network_mode: host`.",
      hostIpc:
        "Service `{{service}}` sets the IPC sysctl `{{name}}` but shares the host's IPC namespace (`ipc: host`): it would change the host's limits, so the runtime refuses to start the container; set it on the host, or remove `ipc: host`.",
      hostUts:
        "Service `{{service}}` sets `{{name}}` but shares the host's UTS namespace ({{why}}): it would rename the host, so the runtime refuses to start the container; remove it.",
      hostname:
        "Service `{{service}}` sets `kernel.hostname` as a sysctl, which the runtime refuses because it conflicts with the container's own hostname setting; use `hostname:` instead.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string" },
            description: "Sysctls to accept anyway (a runtime such as Sysbox or Kata that isolates them); a trailing `*` matches a prefix.",
          },
        },
        additionalProperties: false,
      },
      defaults: { allow: [] },
    },
    references: {},
  },
  check({ model, options, report }) {
    for (const service of model.services) {
      const sysctls = serviceSysctls(model, service);
      if (sysctls.length === 0) continue;
      const hostNetwork = isHost(service.networkMode);
      const hostIpc = isHost(service.ipc);
      // Docker puts a container on the host network in the host's UTS namespace too.
      const hostUts = isHost(service.uts) ? "`uts: host`" : hostNetwork ? "`network_mode: host`" : undefined;
      for (const { name, range } of sysctls) {
        if (options.allow.some((pattern) => matches(pattern, name))) continue;
        let messageId: string;
        if (isIpc(name)) {
          if (!hostIpc) continue;
          messageId = "hostIpc";
        } else if (name.startsWith("net.")) {
          if (!hostNetwork) continue;
          messageId = "hostNetwork";
        } else if (name === "kernel.domainname" || name === "kernel.hostname") {
          if (hostUts !== undefined) messageId = "hostUts";
          else if (name === "kernel.hostname") messageId = "hostname";
          else continue;
        } else messageId = "notNamespaced";
        report({ messageId, data: { service: service.name, name, why: hostUts ?? "" }, range });
      }
    }
  },
});
