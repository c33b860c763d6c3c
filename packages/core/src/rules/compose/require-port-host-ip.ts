import type { ComposeModel, ComposePort } from "../../compose/model.js";
import { knownTrimmed } from "../../compose/interpolation.js";
import { composePortProblem, shortPortText } from "../../compose/port-spec.js";
import { parseShortPort } from "../../compose/syntax.js";
import { defineRule } from "../../rule.js";
import type { SourceText } from "../../source.js";

interface Options {
  /** Accept an explicit `0.0.0.0` / `[::]` host IP as a deliberate choice. */
  allowAllInterfaces: boolean;
}

/** Unspecified addresses: binding to them is binding to every interface. */
function isUnspecified(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  return bare === "0.0.0.0" || bare === "::" || bare === "::0" || /^(?:0{1,4}:){7}0{1,4}$/.test(bare);
}

type Verdict =
  | { kind: "bound" }
  | { kind: "noHostIp"; published: string }
  /** `hostPort`: the entry writes host port 0, which the fix keeps. */
  | { kind: "ephemeral"; hostPort: boolean }
  | { kind: "allInterfaces"; hostIp: string };

function bracketed(address: string): string {
  return address.includes(":") && !address.startsWith("[") ? `[${address}]` : address;
}

function verdictOf(hostIp: string | undefined, published: string | undefined): Verdict {
  if (hostIp !== undefined && hostIp !== "") return isUnspecified(hostIp) ? { kind: "allInterfaces", hostIp } : { kind: "bound" };
  // Host port 0 asks Docker for a free one, as an absent host port does.
  return published === undefined || published === "0" ? { kind: "ephemeral", hostPort: published !== undefined } : { kind: "noHostIp", published };
}

/**
 * A short-syntax entry. The model splits it before interpolation, so a variable may hold more
 * than one part (`${IMAP_PORT:-127.0.0.1:10143}:10143`): when every part is known, the entry is
 * interpolated whole and split again, as Compose does.
 */
function judgeShort(port: ComposePort): Verdict {
  const hostIp = port.hostIp === undefined ? undefined : knownTrimmed(port.hostIp);
  // `${BIND_IP}:80:80`: the deployer chooses the address.
  if (port.hostIp !== undefined && hostIp === undefined) return { kind: "bound" };
  const published = port.published === undefined ? undefined : knownTrimmed(port.published);
  const target = knownTrimmed(port.target);
  if (published !== undefined || port.published === undefined) {
    if (target !== undefined) {
      const host = hostIp === undefined ? "" : `${bracketed(hostIp)}:`;
      const middle = published === undefined ? (hostIp === undefined ? "" : ":") : `${published}:`;
      const whole = parseShortPort(`${host}${middle}${target}`);
      return verdictOf(whole.hostIp, whole.published);
    }
    // `${PORTS}` alone: the whole mapping is the deployer's.
    if (port.published === undefined) return { kind: "bound" };
  }
  // A variable without default in the published or container port: no host IP is written.
  return verdictOf(hostIp, port.published);
}

function judgeLong(port: ComposePort): Verdict {
  if (port.hostIp !== undefined) {
    const address = knownTrimmed(port.hostIp);
    if (address === undefined) return { kind: "bound" };
    if (address !== "") return isUnspecified(address) ? { kind: "allInterfaces", hostIp: address } : { kind: "bound" };
  }
  if (port.published === undefined) return { kind: "ephemeral", hostPort: false };
  // `published: 127.0.0.1:8080` is not valid Compose, but its author meant an address: leave it to
  // the schema and to Compose rather than call it unbound (KICS does the same).
  if (/[.:[]/.test(port.published) && !port.published.includes("${")) return { kind: "bound" };
  // As for the short syntax, the message names the port Compose publishes: `${HTTP_PORT:-80}` is 80.
  return { kind: "noHostIp", published: knownTrimmed(port.published) ?? port.published };
}

/** How the entry is written, for messages. */
function describe(port: ComposePort): string {
  if (port.syntax === "short") return shortPortText(port);
  const protocol = port.protocol === undefined ? "" : `/${port.protocol}`;
  return port.published === undefined ? `target: ${port.target}${protocol}` : `published: ${port.published}, target: ${port.target}${protocol}`;
}

/** What a short-syntax entry without a host IP is prefixed with to bind it to the loopback: `127.0.0.1::80` keeps the host port random. */
function loopbackPrefix(verdict: Extract<Verdict, { kind: "noHostIp" | "ephemeral" }>): string {
  return verdict.kind === "noHostIp" || verdict.hostPort ? "127.0.0.1:" : "127.0.0.1::";
}

/**
 * The entry bound to the loopback, as the message suggests it: the long syntax's `host_ip` key;
 * a short entry with `127.0.0.1:` before it (a variable that holds the host port too,
 * `${WEB_PORTS:-8080:80}`, is interpolated with it), or with its empty host IP replaced.
 */
function loopbackFix(port: ComposePort, verdict: Extract<Verdict, { kind: "noHostIp" | "ephemeral" }>): string {
  if (port.syntax === "long") return "host_ip: 127.0.0.1";
  if (port.hostIp === undefined) return `${loopbackPrefix(verdict)}${shortPortText(port)}`;
  return shortPortText({ ...port, hostIp: "127.0.0.1" });
}

/** Where `127.0.0.1:` goes in a short-syntax entry written in this service (not through a merge or alias). */
function insertionPoint(source: SourceText, port: ComposePort): number | undefined {
  if (port.syntax !== "short" || port.hostIp !== undefined) return undefined;
  const text = source.text.slice(port.range[0], port.range[1]);
  const first = text[0];
  if (first === undefined || first === "*" || first === "&" || first === "!" || first === "|" || first === ">" || text.startsWith("<<")) return undefined;
  return first === '"' || first === "'" ? port.range[0] + 1 : port.range[0];
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "require-port-host-ip",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require published Compose ports to name the host address they bind to, rather than every interface.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      noHostIp:
        "Service `{{service}}` publishes `{{entry}}` without a host IP, so host port {{published}} listens on every interface of the host (and Docker's own firewall rules bypass ufw/firewalld); bind it to one address, e.g. `{{fix}}`, or the address of the interface that should serve it.",
      ephemeral:
        "Service `{{service}}` publishes `{{entry}}` on a random host port on every interface of the host; bind it to one address (e.g. `{{fix}}`), or use `expose:` if only other services need to reach it.",
      allInterfaces:
        "Service `{{service}}` binds `{{entry}}` to {{hostIp}}, which is every interface of the host; bind it to the address that should serve it (`127.0.0.1` for local access only), or allow explicit all-interface bindings with this rule's `allowAllInterfaces` option.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowAllInterfaces: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { allowAllInterfaces: false },
    },
    references: {
      dclint: ["no-unbound-port-interfaces"],
      kics: ["451d79dc-0588-476a-ad03-3c7f0320abb3"],
      cis: ["5.14"],
    },
  },
  check({ model, source, options, report }) {
    for (const service of model.services) {
      for (const port of service.ports) {
        // Not a port Compose reads: valid-ports reports it, and it publishes nothing.
        if (composePortProblem(port) !== undefined) continue;
        const verdict = port.syntax === "short" ? judgeShort(port) : judgeLong(port);
        if (verdict.kind === "bound") continue;
        if (verdict.kind === "allInterfaces" && options.allowAllInterfaces) continue;
        const data = {
          service: service.name,
          entry: describe(port),
          published: verdict.kind === "noHostIp" ? verdict.published : "",
          hostIp: verdict.kind === "allInterfaces" ? `\`${verdict.hostIp}\`` : "",
          fix: verdict.kind === "allInterfaces" ? "" : loopbackFix(port, verdict),
        };
        if (verdict.kind === "allInterfaces") {
          report({ messageId: verdict.kind, data, range: port.range });
          continue;
        }
        const at = insertionPoint(source, port);
        report({
          messageId: verdict.kind,
          data,
          range: port.range,
          ...(at === undefined ? {} : { suggestions: [{ desc: "Bind to 127.0.0.1 (reachable from this host only).", fix: { range: [at, at], text: loopbackPrefix(verdict) } }] }),
        });
      }
    }
  },
});
