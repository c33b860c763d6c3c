import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { capabilityName, resolve } from "./_a-values.js";

interface Options {
  /** Capabilities reported when added (without `CAP_`, any case); replaces the default list. */
  capabilities: string[];
  /** Capabilities never reported, even when on the list (e.g. `NET_ADMIN` for a VPN client). */
  allow: string[];
}

/**
 * Why each default capability is dangerous. The list leaves out Docker's default set (CHOWN,
 * NET_RAW, SETFCAP, …): adding one of those back after `cap_drop: [ALL]` is the recommended
 * hardening, not a risk.
 */
const REASONS: Readonly<Record<string, string>> = {
  ALL: "which grants every capability, as good as `privileged` for the kernel's permission checks",
  SYS_ADMIN: "which allows mounts, namespace changes and many other administrative operations and is the usual first step of a container escape",
  SYS_MODULE: "which lets it load modules into the host's kernel",
  SYS_RAWIO: "which gives raw access to I/O ports and to memory and block devices",
  SYS_PTRACE: "which lets it trace and inject code into the processes it can see (with `pid: host`, the host's)",
  DAC_READ_SEARCH: "which bypasses read-permission checks and allows `open_by_handle_at`, the call the \"shocker\" escape uses to read host files",
  SYS_BOOT: "which lets it reboot the host or load a new kernel (`kexec_load`)",
  SYS_TIME: "which lets it set the host's clock (the clock is not namespaced)",
  MAC_ADMIN: "which lets it change the host's AppArmor or SELinux policy",
  MAC_OVERRIDE: "which lets it override mandatory access control",
  BPF: "which lets it load eBPF programs into the host's kernel and read kernel memory through them",
  PERFMON: "which opens system-wide performance monitoring (`perf_event_open`), a kernel attack surface and a side channel",
  NET_ADMIN: "which lets it change interfaces, routes and firewall rules (the host's, with `network_mode: host`) and opens netfilter's kernel attack surface",
  SYSLOG: "which lets it read and clear the kernel log, where kernel addresses leak",
  AUDIT_CONTROL: "which lets it change or turn off the host's kernel audit rules",
};

const DEFAULT_CAPABILITIES = Object.keys(REASONS);

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-dangerous-capabilities",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow adding capabilities that let a Compose service escape or control the host (`cap_add: [SYS_ADMIN]`, `ALL`, …).",
    presets: ["recommended"],
    messages: {
      dangerous:
        "Service `{{service}}` adds the `{{capability}}` capability, {{reason}}; remove it from `cap_add`, or list it in this rule's `allow` option if the service cannot work without it.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          capabilities: { type: "array", items: { type: "string" } },
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
      defaults: { capabilities: DEFAULT_CAPABILITIES, allow: [] },
    },
    references: { kics: ["ce76b7d0-9e77-464d-b86f-c5c48e03e22d"], cis: ["5.4"] },
  },
  check({ model, options, report }) {
    // Normalised on the first `cap_add` entry: most files have none.
    let listed: ReadonlySet<string> | undefined;
    let allowed: ReadonlySet<string> | undefined;
    for (const service of model.services) {
      for (const entry of service.capAdd) {
        const resolved = resolve(entry.name);
        if (!resolved.known) continue;
        listed ??= new Set(options.capabilities.map(capabilityName));
        allowed ??= new Set(options.allow.map(capabilityName));
        const name = capabilityName(resolved.value);
        if (!listed.has(name) || allowed.has(name)) continue;
        report({
          messageId: "dangerous",
          data: { service: service.name, capability: entry.name, reason: REASONS[name] ?? "which this project's configuration lists as dangerous" },
          range: entry.range,
        });
      }
    }
  },
});
