import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";

interface NamespaceKey {
  key: string;
  messageId: "network" | "pid" | "ipc" | "uts" | "userns" | "cgroup";
  get(service: ComposeService): ScalarFound | undefined;
}

const KEYS: readonly NamespaceKey[] = [
  { key: "network_mode", messageId: "network", get: (s) => s.networkMode },
  { key: "pid", messageId: "pid", get: (s) => s.pid },
  { key: "ipc", messageId: "ipc", get: (s) => s.ipc },
  { key: "uts", messageId: "uts", get: (s) => s.uts },
  { key: "userns_mode", messageId: "userns", get: (s) => s.usernsMode },
  { key: "cgroup", messageId: "cgroup", get: (s) => s.cgroup },
];

export default defineRule<ComposeModel>({
  meta: {
    id: "no-host-namespaces",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow sharing the host's network, PID, IPC, UTS, user or cgroup namespace with a Compose service.",
    presets: ["recommended"],
    messages: {
      network:
        "Service `{{service}}` uses the host network (`network_mode: {{value}}`): it can bind any host port and reach services listening on the host's loopback; publish the ports it needs with `ports:` instead.",
      pid: "Service `{{service}}` shares the host PID namespace (`pid: {{value}}`): it sees every host process and, as root, can signal or ptrace them; remove `pid: host`.",
      ipc: "Service `{{service}}` shares the host IPC namespace (`ipc: {{value}}`): it can read and write the host's shared memory and message queues; remove `ipc: host` or share IPC with one service (`ipc: service:<name>`).",
      uts: "Service `{{service}}` shares the host UTS namespace (`uts: {{value}}`): it can change the host's hostname; remove `uts: host` and set `hostname:` if a name is needed.",
      userns:
        "Service `{{service}}` opts out of user-namespace remapping (`userns_mode: {{value}}`): root in the container is root on the host again; remove `userns_mode: host`.",
      cgroup:
        "Service `{{service}}` uses the host cgroup namespace (`cgroup: {{value}}`): it sees and may change the host's cgroup tree; use `cgroup: private` or remove the key.",
    },
    references: {
      kics: [
        "071a71ff-f868-47a4-ac0b-3c59e4ab5443",
        "4f31dd9f-2cc3-4751-9b53-67e4af83dac0",
        "baa3890f-bed7-46f5-ab8f-1da8fc91c729",
        "8af7162d-6c98-482f-868e-0d33fb675ca8",
      ],
      cis: ["5.10", "5.16", "5.17", "5.21", "5.31"],
    },
    referencesByMessage: {
      network: { kics: ["071a71ff-f868-47a4-ac0b-3c59e4ab5443"], cis: ["5.10"] },
      pid: { kics: ["4f31dd9f-2cc3-4751-9b53-67e4af83dac0"], cis: ["5.16"] },
      ipc: { kics: ["baa3890f-bed7-46f5-ab8f-1da8fc91c729"], cis: ["5.17"] },
      uts: { cis: ["5.21"] },
      userns: { kics: ["8af7162d-6c98-482f-868e-0d33fb675ca8"], cis: ["5.31"] },
      cgroup: {},
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const { messageId, get } of KEYS) {
        const found = get(service);
        if (!found || typeof found.value !== "string") continue;
        if (evaluate(found.value).value.trim() !== "host") continue;
        report({ messageId, data: { service: service.name, value: found.text }, range: found.range });
      }
    }
  },
});
