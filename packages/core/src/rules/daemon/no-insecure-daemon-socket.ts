import { booleanOf, stringItems, stringOf, type DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";

/** dockerd reads a host without a scheme (`0.0.0.0:2375`, `:2375`) as `tcp://`. */
function isTcpHost(host: string): boolean {
  const value = host.trim();
  if (value === "") return false;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  return scheme ? scheme[1]?.toLowerCase() === "tcp" : true;
}

const CERT_KEYS = ["tlscacert", "tlscert", "tlskey"] as const;

export default defineRule<DaemonModel>({
  meta: {
    id: "no-insecure-daemon-socket",
    kind: "daemon",
    category: "security",
    severity: "error",
    docs: "Disallow a TCP socket for the Docker API without TLS client verification (`tlsverify` and certificates).",
    presets: ["recommended"],
    messages: {
      noTls:
        'dockerd listens on `{{host}}` without TLS: anyone who reaches that port controls the daemon and so is root on the host; set `"tlsverify": true` with `"tlscacert"`, `"tlscert"` and `"tlskey"`, or listen on the unix socket only.',
      tlsWithoutVerify:
        'dockerd listens on `{{host}}` with `"tls": true` but without `"tlsverify": true`: traffic is encrypted, yet any client is accepted and is root on the host; set `"tlsverify": true` with `"tlscacert"`.',
      missingCerts:
        'dockerd listens on `{{host}}` with `tlsverify`, but daemon.json does not name {{missing}}, so dockerd falls back to files under the daemon user\'s ~/.docker that nobody audits; set {{missing}} explicitly.',
    },
    references: { cis: ["2.7"] },
  },
  check({ model, report }) {
    const tcpHosts = stringItems(model.get("hosts")?.value).filter((host) => isTcpHost(host.value));
    if (tcpHosts.length === 0) return;
    const verify = booleanOf(model.get("tlsverify")?.value) === true;
    const tls = booleanOf(model.get("tls")?.value) === true;
    const missing = CERT_KEYS.filter((key) => (stringOf(model.get(key)?.value)?.trim() ?? "") === "");
    for (const host of tcpHosts) {
      const data = { host: host.value, missing: missing.map((key) => `\`${key}\``).join(", ") };
      if (!verify) report({ messageId: tls ? "tlsWithoutVerify" : "noTls", data, range: host.range });
      else if (missing.length > 0) report({ messageId: "missingCerts", data, range: host.range });
    }
  },
});
