import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { exposeItems, type ExposeItem } from "./_expose-ports.js";

const PROTOCOLS = new Set(["", "tcp", "udp", "sctp"]);

/** BuildKit's parsePortRange, short of the 0–65535 bound (no-sensitive-port reports out-of-range ports). */
function validRange(port: string): boolean {
  const match = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!match) return false;
  return match[2] === undefined || Number(match[2]) >= Number(match[1]);
}

function describeMapping(item: ExposeItem): ReportDescriptor {
  const container = item.text.slice(item.text.lastIndexOf(":") + 1);
  const what = item.ip !== "" ? `binds the address ${item.ip}${item.hostPort !== "" ? ` and maps host port ${item.hostPort}` : ""}` : `maps host port ${item.hostPort}`;
  const publish = item.ip !== "" ? `${item.ip}:${item.hostPort}:${container}` : `${item.hostPort}:${container}`;
  const descriptor: ReportDescriptor = {
    messageId: "mapping",
    data: { port: item.text, what, container, publish },
    range: item.arg.range,
  };
  // BuildKit already exposes just the container port, so the rewrite leaves the image unchanged.
  const containerValid = validRange(item.port) && PROTOCOLS.has(item.protocol.toLowerCase());
  if (item.literal && containerValid) descriptor.fix = { range: item.arg.range, text: container };
  return descriptor;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "valid-expose",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow IP addresses and host-port mappings in EXPOSE: it only records container ports.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      mapping:
        "EXPOSE `{{port}}` {{what}}, which EXPOSE cannot do (BuildKit ignores it and will reject it in a future release); write `EXPOSE {{container}}` and publish at run time with `docker run -p {{publish}}`.",
    },
    references: { buildkit: ["ExposeInvalidFormat"] },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "EXPOSE") continue;
      for (const item of exposeItems(instruction, source)) {
        if (item.ip === "" && item.hostPort === "") continue;
        report(describeMapping(item));
      }
    }
  },
});
