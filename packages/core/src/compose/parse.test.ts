import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasShared, sharedDir, skipMessage } from "../../test/support/shared.js";
import type { OffsetRange } from "../source.js";
import type { ComposeModel } from "./model.js";
import { parseCompose, parseSecurityOpt, parseShortPort, parseShortVolume } from "./parse.js";
import { readShortVolume } from "./syntax.js";

function model(text: string): ComposeModel {
  const result = parseCompose(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return result.model;
}

/** Line and column of a range's start, and the text it covers. */
function at(m: ComposeModel, range: OffsetRange): { line: number; column: number; text: string } {
  const { line, column } = m.source.positionAt(range[0]);
  return { line, column, text: m.source.slice(range) };
}

function service(m: ComposeModel, name: string) {
  const found = m.services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe("parseCompose: anchors and merge keys", () => {
  const text = [
    "x-defaults: &defaults", // 1
    "  image: nginx:1.25", // 2
    "  privileged: true", // 3
    "  environment: &env", // 4
    "    A: 1", // 5
    "services:", // 6
    "  web:", // 7
    "    <<: *defaults", // 8
    "    user: app", // 9
    "  api:", // 10
    "    <<: *defaults", // 11
    "    image: api:2", // 12
    "  worker:", // 13
    "    image: w:1", // 14
    "    environment: *env", // 15
    "",
  ].join("\n");
  const m = model(text);

  it.each([
    // service, path, value, viaMerge, reported line, reported column, reported text
    ["web", ["image"], "nginx:1.25", true, 8, 5, "<<: *defaults"],
    ["web", ["privileged"], true, true, 8, 5, "<<: *defaults"],
    ["web", ["user"], "app", false, 9, 11, "app"],
    ["api", ["image"], "api:2", false, 12, 12, "api:2"],
    ["api", ["environment", "A"], 1, true, 11, 5, "<<: *defaults"],
    ["worker", ["environment", "A"], 1, false, 15, 18, "*env"],
  ] as const)("%s %j = %j (viaMerge %s) reported at %i:%i", (name, path, value, viaMerge, line, column, covered) => {
    const found = service(m, name).get(path);
    expect(found?.value).toEqual(value);
    expect(found?.viaMerge).toBe(viaMerge);
    expect(found && at(m, found.range)).toEqual({ line, column, text: covered });
  });

  it("keeps the node the merged value came from (the anchor's value)", () => {
    const found = service(m, "web").get(["image"]);
    expect(found && m.source.positionAt(found.node.range?.[0] ?? 0).line).toBe(2);
  });

  it("gives the service key range for missing-X findings and resolves merged plain JS", () => {
    expect(at(m, service(m, "api").keyRange)).toEqual({ line: 10, column: 3, text: "api" });
    expect(service(m, "web").get([])?.value).toEqual({ image: "nginx:1.25", privileged: true, environment: { A: 1 }, user: "app" });
    expect(service(m, "web").image?.text).toBe("nginx:1.25");
  });

  it("lets explicit keys win over merged ones and the first of several merge sources win", () => {
    const m2 = model("a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nservices:\n  s:\n    <<: [*a, *b]\n    y: 3\n");
    expect(service(m2, "s").get([])?.value).toEqual({ x: 1, y: 3, z: 2 });
  });

  it("merges nested merges and reports at the outer alias site", () => {
    const m3 = model("b: &b {image: base}\nd: &d\n  <<: *b\n  user: root\nservices:\n  s:\n    <<: *d\n");
    const image = service(m3, "s").image;
    expect(image?.text).toBe("base");
    expect(image && at(m3, image.range).line).toBe(7);
  });
});

describe("parseCompose: what a !reset tags is absent, as compose-go loads the file", () => {
  const m = model(
    "services:\n  web:\n    image: nginx:1.27\n    ports: !reset null\n    cap_add: [NET_ADMIN, !reset SYS_ADMIN]\n" +
      "    environment:\n      A: \"1\"\n      B: !reset null\n" +
      "    deploy:\n      replicas: 2\n      resources:\n        limits: !reset {memory: 1g}\n",
  );
  const web = m.services[0];
  it("in the service's accessors: keys, list items and map entries", () => {
    expect(web?.get(["ports"])).toBeUndefined();
    expect(web?.ports).toEqual([]);
    expect(web?.capAdd.map((cap) => cap.name)).toEqual(["NET_ADMIN"]);
    expect(web?.environment.map((variable) => variable.name)).toEqual(["A"]);
    expect(web?.limits.memory).toBeUndefined();
  });
  it("in a mapping's value, at any depth, and in the document's plain value", () => {
    expect(web?.get(["deploy"])?.value).toEqual({ replicas: 2, resources: {} });
    const plain = m.toPlain() as { services: Record<string, Record<string, unknown>> };
    expect(Object.keys(plain.services["web"] ?? {})).toEqual(["image", "cap_add", "environment", "deploy"]);
  });
  it("while mergeTag still finds the tags", () => {
    expect(web?.mergeTag(["ports"])?.tag).toBe("!reset");
    expect(web?.mergeTag(["deploy", "resources", "limits", "memory"])?.path).toEqual(["deploy", "resources", "limits"]);
  });
});

describe("parseCompose: the environment", () => {
  it("reads no environment variable while parsing, not even yaml's LOG_TOKENS once per token (patches/yaml@2.9.1.patch)", () => {
    const text = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      LEVEL: ${LEVEL:-info}\n    ports: ['8080:80']\n";
    const environment = process.env;
    const read: string[] = [];
    process.env = new Proxy(environment, {
      get(target, name) {
        if (typeof name === "string") read.push(name);
        return Reflect.get(target, name) as unknown;
      },
    });
    try {
      expect(model(text).services.map((service) => service.name)).toEqual(["web"]);
    } finally {
      process.env = environment;
    }
    expect(read).toEqual([]);
  });
});

describe("parseCompose: alias bombs", () => {
  const laughs = (levels: number): string => {
    const lines = ['a0: &a0 "lol"'];
    for (let i = 1; i <= levels; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(", ")}]`);
    }
    return lines.join("\n") + "\n";
  };

  it("refuses a 9-level billion laughs with a clear message at 1:1", () => {
    const result = parseCompose(laughs(9));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain("alias bomb");
      expect([result.error.line, result.error.column]).toEqual([1, 1]);
    }
  });

  it("refuses by expanded size, not by alias count", () => {
    // 4 levels: 9^4 ≈ 6,500 nodes from 36 aliases; a limit of 1,000 refuses it, the default accepts it.
    expect(parseCompose(laughs(4), { maxExpandedNodes: 1000 }).ok).toBe(false);
    expect(parseCompose(laughs(4)).ok).toBe(true);
  });

  it("accepts hundreds of aliases to a shared anchor (getsentry/self-hosted style)", () => {
    const lines = ["x-common: &common", "  restart: unless-stopped", "  environment: {A: b}", "services:"];
    for (let i = 0; i < 500; i++) lines.push(`  s${i}:`, "    <<: *common", `    image: img${i}:1`);
    const m = model(lines.join("\n") + "\n");
    expect(m.services).toHaveLength(500);
    expect(m.services[499]?.restart?.text).toBe("unless-stopped");
  });

  it("refuses an alias that contains itself", () => {
    const result = parseCompose("a: &x\n  b: *x\n");
    expect(result.ok).toBe(false);
  });
});

describe("parseCompose: duplicate keys", () => {
  it("records each later duplicate and keeps the last value, as Compose does", () => {
    const m = model("services:\n  web:\n    image: a:1\n    image: b:2\n  web:\n    image: c:3\n");
    expect(m.duplicateKeys.map((d) => [d.name, at(m, d.range).line, at(m, d.range).column, at(m, d.firstRange).line])).toEqual([
      ["web", 5, 3, 2],
      ["image", 4, 5, 3],
    ]);
    expect(m.services.map((s) => [s.name, s.image?.text])).toEqual([["web", "c:3"]]);
  });
});

describe("parseCompose: ports", () => {
  it.each([
    ["80", { target: "80" }],
    ["4000:80", { published: "4000", target: "80" }],
    ["127.0.0.1:4000:80", { hostIp: "127.0.0.1", published: "4000", target: "80" }],
    ["127.0.0.1::80", { hostIp: "127.0.0.1", target: "80" }],
    ["[::1]:4000:80/udp", { hostIp: "::1", published: "4000", target: "80", protocol: "udp" }],
    ["${PORT:-8080}:80", { published: "${PORT:-8080}", target: "80" }],
    ["8000-8010:80-90/tcp", { published: "8000-8010", target: "80-90", protocol: "tcp" }],
  ])("short %s", (text, expected) => {
    expect(parseShortPort(text)).toEqual(expected);
  });

  it("normalises short and long syntax with positions", () => {
    const m = model(
      ["services:", "  web:", "    ports:", '      - "4000:80"', "      - 8080", "      - target: 443", "        published: 8443", "        host_ip: 127.0.0.1", ""].join("\n"),
    );
    const ports = service(m, "web").ports.map((p) => ({ ...p, at: [at(m, p.range).line, at(m, p.range).column] }));
    expect(ports).toEqual([
      { published: "4000", target: "80", syntax: "short", range: ports[0]?.range, at: [4, 9] },
      { target: "8080", syntax: "short", range: ports[1]?.range, at: [5, 9] },
      { target: "443", published: "8443", hostIp: "127.0.0.1", syntax: "long", range: ports[2]?.range, at: [6, 9] },
    ]);
  });
});

describe("parseCompose: volumes", () => {
  it.each([
    ["/data", { type: "volume", target: "/data", readOnly: false, options: [] }],
    ["db:/var/lib/db", { type: "volume", source: "db", target: "/var/lib/db", readOnly: false, options: [] }],
    ["/var/run/docker.sock:/var/run/docker.sock:ro", { type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock", readOnly: true, options: [] }],
    ["./conf:/etc/conf:ro,z", { type: "bind", source: "./conf", target: "/etc/conf", readOnly: true, options: ["z"] }],
    ["${DATA:-./d}:/d", { type: "bind", source: "${DATA:-./d}", target: "/d", readOnly: false, options: [] }],
    ["C:\\data:/data:rw", { type: "bind", source: "C:\\data", target: "/data", readOnly: false, options: [] }],
    ["\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine", { type: "bind", source: "\\\\.\\pipe\\docker_engine", target: "\\\\.\\pipe\\docker_engine", readOnly: false, options: [] }],
    ["~/x:/x", { type: "bind", source: "~/x", target: "/x", readOnly: false, options: [] }],
    // compose-go's `isFilePath`: a source that does not start with `.`, `/`, `~`, `\\` or a drive is a volume name.
    ["data/db:/var/lib/db", { type: "volume", source: "data/db", target: "/var/lib/db", readOnly: false, options: [] }],
    // The last of `ro` and `rw` wins; unknown modes are kept (and ignored by Compose).
    ["./a:/b:ro,rw,nocopy", { type: "bind", source: "./a", target: "/b", readOnly: false, options: ["nocopy"] }],
    ["${A:-./x:/y}:/b", { type: "bind", source: "${A:-./x:/y}", target: "/b", readOnly: false, options: [] }],
    // A one-letter section before `:` is a drive wherever it stands; a spec of two bytes is a target.
    ["c:/data", { type: "volume", target: "c:/data", readOnly: false, options: [] }],
    ["/a:/b:c:d", { type: "bind", source: "/a", target: "/b", readOnly: false, options: ["c:d"] }],
    [":a", { type: "volume", target: ":a", readOnly: false, options: [] }],
  ])("short %s", (text, expected) => {
    expect(parseShortVolume(text)).toEqual(expected);
  });

  it.each([
    ["", "empty"],
    ["./data::/data", "empty-section"],
    [":/data", "empty-section"],
    ["./data:/data:", "empty-section"],
    ["./data:/data:ro:z", "too-many-colons"],
    ["./data:/data:ro:", "too-many-colons"],
    ["./data:/data:ro", undefined],
    ["${X:-a:b}::/data", "empty-section"],
  ])("compose-go refuses %j: %s", (text, problem) => {
    expect(readShortVolume(text).problem).toBe(problem);
  });

  it("normalises the long syntax", () => {
    const m = model("services:\n  s:\n    volumes:\n      - type: bind\n        source: /\n        target: /host\n        read_only: true\n        bind: {propagation: shared}\n");
    const [mount] = service(m, "s").volumes;
    expect(mount && { ...mount, range: at(m, mount.range).line }).toEqual({
      type: "bind",
      source: "/",
      target: "/host",
      readOnly: true,
      options: ["shared"],
      syntax: "long",
      range: 4,
    });
  });
});

describe("parseCompose: environment, security_opt, names", () => {
  it.each([
    ["list", "    environment:\n      - A=1\n      - B\n      - C=x=y\n"],
    ["map", "    environment:\n      A: 1\n      B:\n      C: x=y\n"],
  ])("environment as a %s", (_, body) => {
    const m = model(`services:\n  s:\n${body}`);
    const env = service(m, "s").environment;
    expect(env.map((e) => [e.name, e.value, at(m, e.range).line, at(m, e.range).column])).toEqual([
      ["A", "1", 4, 7 + (body.includes("- ") ? 2 : 0)],
      ["B", undefined, 5, 7 + (body.includes("- ") ? 2 : 0)],
      ["C", "x=y", 6, 7 + (body.includes("- ") ? 2 : 0)],
    ]);
    const c = env[2];
    expect(c?.valueRange && m.source.slice(c.valueRange)).toBe("x=y");
  });

  it.each([
    ["seccomp:unconfined", { key: "seccomp", value: "unconfined", separator: ":" }],
    ["seccomp=unconfined", { key: "seccomp", value: "unconfined", separator: "=" }],
    ["label=disable", { key: "label", value: "disable", separator: "=" }],
    ["label:user:USER", { key: "label", value: "user:USER", separator: ":" }],
    ["no-new-privileges:true", { key: "no-new-privileges", value: "true", separator: ":" }],
    ["no-new-privileges", { key: "no-new-privileges", value: undefined, separator: undefined }],
  ])("security_opt %s", (raw, expected) => {
    expect(parseSecurityOpt(raw)).toEqual({ ...expected, raw });
  });

  it("reads cap lists, depends_on in both forms, secrets, networks and limits", () => {
    const m = model(
      [
        "services:",
        "  a:",
        "    cap_add: [SYS_ADMIN]",
        "    cap_drop:",
        "      - ALL",
        "    security_opt: ['apparmor=unconfined']",
        "    depends_on: [b]",
        "    secrets: [s1, {source: s2}]",
        "    networks: {front: {}, back: null}",
        "    deploy: {resources: {limits: {memory: 50M, cpus: '0.5', pids: 100}}}",
        "    mem_limit: 1g",
        "  b:",
        "    depends_on:",
        "      a: {condition: service_healthy}",
        "",
      ].join("\n"),
    );
    const a = service(m, "a");
    expect(a.capAdd.map((c) => [c.name, at(m, c.range).line])).toEqual([["SYS_ADMIN", 3]]);
    expect(a.capDrop.map((c) => [c.name, at(m, c.range).line])).toEqual([["ALL", 5]]);
    expect(a.securityOpt.map((o) => [o.key, o.value, at(m, o.range).line])).toEqual([["apparmor", "unconfined", 6]]);
    expect(a.dependsOn.map((d) => d.name)).toEqual(["b"]);
    expect(a.secrets.map((s) => s.name)).toEqual(["s1", "s2"]);
    expect(a.networks.map((n) => n.name)).toEqual(["front", "back"]);
    expect([a.limits.memory?.text, a.limits.cpus?.text, a.limits.pids?.text, a.memLimit?.text]).toEqual(["50M", "0.5", "100", "1g"]);
    expect(service(m, "b").dependsOn.map((d) => [d.name, at(m, d.range).line])).toEqual([["a", 14]]);
  });
});

describe("parseCompose: top level", () => {
  it("reads resources, version and comments", () => {
    const m = model('version: "3.8"\n# top comment\nservices:\n  s: {image: "a#b"} # trailing\nnetworks:\n  n1:\nvolumes:\n  v1: {}\n');
    expect(m.version).toBe("3.8");
    expect([...m.networks.keys()]).toEqual(["n1"]);
    expect([...m.volumes.keys()]).toEqual(["v1"]);
    expect(m.topLevelKeys.map((k) => k.name)).toEqual(["version", "services", "networks", "volumes"]);
    expect(m.comments.map((c) => [c.text, c.line, at(m, c.range).column])).toEqual([
      [" top comment", 2, 1],
      [" trailing", 4, 21],
    ]);
    expect(m.isLegacyV1).toBe(false);
  });

  it("recognises a Compose v1 file and models its services", () => {
    const m = model("web:\n  image: nginx\n  links: [db]\ndb:\n  build: .\n");
    expect(m.isLegacyV1).toBe(true);
    expect(m.services.map((s) => [s.name, at(m, s.keyRange).line])).toEqual([
      ["web", 1],
      ["db", 4],
    ]);
  });

  it("a fragment without services is neither v1 nor an error", () => {
    const m = model("networks:\n  default:\n    name: x\n");
    expect([m.isLegacyV1, m.services.length]).toEqual([false, 0]);
  });

  it("lints the first document of a multi-document file and counts the rest", () => {
    const m = model("services:\n  a: {image: x}\n---\nservices:\n  b: {image: y}\n---\nfoo: 1\n");
    expect(m.services.map((s) => s.name)).toEqual(["a"]);
    expect(m.extraDocuments).toBe(2);
  });

  it("parses an empty file", () => {
    const m = model("");
    expect([m.root, m.services.length, m.extraDocuments]).toEqual([undefined, 0, 0]);
  });

  it.each([
    ["services:\n  web:\n    image: [nginx\n  db: x\n", 4, 3],
    ["services:\n  web:\n\timage: x\n", 3, 1],
    // An unclosed quote is only noticed at the end of the input, which is where yaml reports it.
    ['services:\n  web: {image: "x}\n', 3, 1],
  ])("reports a YAML syntax error with line and column (%#)", (text, line, column) => {
    const result = parseCompose(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^YAML syntax error: /);
      expect(result.error.message).not.toContain("template");
      expect([result.error.line, result.error.column]).toEqual([line, column]);
    }
  });

  it.each([
    ["{% set env='mailu.env' %}\nservices:\n  web:\n    image: x\n", "{%"],
    ["services:\n  web:\n    image: {{ .Image }}\n    ports: [80\n", "{{"],
  ])("names template tags as the likely cause of a YAML syntax error (%#)", (text, tag) => {
    const result = parseCompose(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^YAML syntax error: .+; the file holds template tags \(`.+`\), so it looks like a template that a generator renders into a Compose file: lint what it renders, or leave the template out with `\.docklintignore`$/);
      expect(result.error.message).toContain(`(\`${tag}\`)`);
    }
  });
});

function composeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? composeFiles(path) : [path];
  });
}

describe("parseCompose: corpus", () => {
  it.skipIf(!hasShared)(hasShared ? "every file of the shared compose corpus parses without throwing" : skipMessage("compose corpus"), () => {
    const files = composeFiles(join(sharedDir, "corpus", "compose"));
    expect(files.length).toBeGreaterThan(100);
    let parsed = 0;
    for (const file of files) {
      const result = parseCompose(readFileSync(file, "utf8"));
      if (result.ok) {
        parsed++;
        // Touch every accessor so that lazy normalisation runs on real files too.
        for (const s of result.model.services) {
          void [s.image, s.ports, s.volumes, s.environment, s.securityOpt, s.dependsOn, s.limits, s.secrets, s.configs, s.networks, s.capAdd];
        }
      }
    }
    // Every corpus file is valid YAML today, so each must give a model (no refusal either).
    expect(parsed).toBe(files.length);
    // dclint fails on this file because of the yaml library's default alias count limit.
    const sentry = parseCompose(readFileSync(join(sharedDir, "corpus", "compose", "getsentry__self-hosted", "docker-compose.yml"), "utf8"));
    expect(sentry.ok && sentry.model.services.length).toBeGreaterThan(10);
  });
});
