import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { parseSecurityOpt } from "../../compose/syntax.js";
import { defineRule } from "../../rule.js";
import { ownValue } from "../../util/own-value.js";

const UNCONFINED: Readonly<Record<string, { value: string; messageId: "seccomp" | "apparmor" | "label" }>> = {
  seccomp: { value: "unconfined", messageId: "seccomp" },
  apparmor: { value: "unconfined", messageId: "apparmor" },
  label: { value: "disable", messageId: "label" },
};

export default defineRule<ComposeModel>({
  meta: {
    id: "no-unconfined-security-profile",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow `security_opt` entries that turn off seccomp, AppArmor or SELinux confinement.",
    presets: ["recommended"],
    messages: {
      seccomp:
        "Service `{{service}}` disables seccomp (`{{entry}}`): every system call, including those used in kernel exploits, is open to it; drop the entry or point `seccomp=` at a profile that allows only the extra calls needed.",
      apparmor:
        "Service `{{service}}` runs without AppArmor (`{{entry}}`); drop the entry or name a profile that allows what the service needs (`apparmor=<profile>`).",
      label:
        "Service `{{service}}` disables SELinux separation (`{{entry}}`): the container process is no longer confined to its own label; drop the entry, or relabel the mounts it needs with `:z`/`:Z`.",
    },
    references: {
      kics: ["404fde2c-bc4b-4371-9747-7054132ac953"],
      semgrep: ["seccomp-confinement-disabled", "selinux-separation-disabled"],
      cis: ["5.2", "5.3", "5.22"],
    },
    referencesByMessage: {
      seccomp: { kics: ["404fde2c-bc4b-4371-9747-7054132ac953"], semgrep: ["seccomp-confinement-disabled"], cis: ["5.22"] },
      apparmor: { cis: ["5.2"] },
      label: { semgrep: ["selinux-separation-disabled"], cis: ["5.3"] },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const entry of service.securityOpt) {
        const parsed = parseSecurityOpt(evaluate(entry.raw).value);
        const bad = ownValue(UNCONFINED, parsed.key);
        if (!bad || parsed.value !== bad.value) continue;
        report({ messageId: bad.messageId, data: { service: service.name, entry: entry.raw }, range: entry.range });
      }
    }
  },
});
