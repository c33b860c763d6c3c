import { stringItems, type DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { cutAtFirst } from "../../util/trim-end.js";

/** Registries dockerd already treats as insecure (127.0.0.0/8): listing them changes nothing. */
function isLoopback(entry: string): boolean {
  const host = cutAtFirst(entry.replace(/^[a-z]+:\/\//i, ""), "/")
    .replace(/:\d+$/, "")
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  const cidr = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  const inCidr = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}\/(\d+)$/.exec(entry.trim());
  return cidr || (inCidr !== null && Number(inCidr[1]) >= 8);
}

export default defineRule<DaemonModel>({
  meta: {
    id: "no-insecure-registries",
    kind: "daemon",
    category: "security",
    severity: "error",
    docs: "Disallow `insecure-registries` in daemon.json: images must be pulled over verified TLS.",
    presets: ["recommended"],
    messages: {
      insecure:
        "`{{entry}}` is listed in `insecure-registries`, so images from it are pulled over plain HTTP or unverified TLS and anyone on the path can swap them; give the registry a trusted certificate (or put its CA in /etc/docker/certs.d/<host>/ca.crt) and remove the entry.",
    },
    references: { cis: ["2.5"] },
  },
  check({ model, report }) {
    for (const entry of stringItems(model.get("insecure-registries")?.value)) {
      if (entry.value.trim() === "" || isLoopback(entry.value)) continue;
      report({ messageId: "insecure", data: { entry: entry.value }, range: entry.range });
    }
  },
});
