import { describe, expect, it } from "vitest";
import { isSeq } from "yaml";
import type { OffsetRange } from "../source.js";
import type { ComposeModel, ComposeService } from "./model.js";
import { parseCompose } from "./parse.js";

/** Parses `text` as `compose.yaml` with a reader over `files` (paths relative to its directory). */
function model(text: string, files?: Record<string, string>, filePath = "compose.yaml"): ComposeModel {
  const services = files ? { readFile: (path: string) => files[path] } : {};
  const result = parseCompose(text, { context: { filePath, services, settings: {} } });
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return result.model;
}

function service(m: ComposeModel, name: string): ComposeService {
  const found = m.services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

function at(m: ComposeModel, range: OffsetRange): string {
  const { line, column } = m.source.positionAt(range[0]);
  return `${line}:${column} ${m.source.slice(range)}`;
}

describe("extends within the file", () => {
  const text = [
    "services:", // 1
    "  base:", // 2
    "    image: nginx:1.27", // 3
    "    user: root", // 4
    "    privileged: true", // 5
    "  web:", // 6
    "    extends: base", // 7
    "    user: app", // 8
    "  api:", // 9
    "    extends:", // 10
    "      service: web", // 11
    "",
  ].join("\n");
  const m = model(text);

  it("short form: the base's values, reported at the extends key", () => {
    const web = service(m, "web");
    // Within the file, the node is the base's own (its positions are in this file).
    expect(at(m, [web.image?.node.range?.[0] ?? 0, web.image?.node.range?.[1] ?? 0])).toBe("3:12 nginx:1.27");
    expect(web.image?.value).toBe("nginx:1.27");
    expect(web.image?.viaExtends).toBe(true);
    expect(web.image?.viaMerge).toBe(true);
    expect(at(m, web.image?.range ?? [0, 0])).toBe("7:5 extends");
  });

  it("own values win and keep their own range", () => {
    const web = service(m, "web");
    expect(web.user?.value).toBe("app");
    expect(web.user?.viaExtends).toBeUndefined();
    expect(at(m, web.user?.range ?? [0, 0])).toBe("8:11 app");
  });

  it("long form and chains: api → web → base", () => {
    const api = service(m, "api");
    expect(api.user?.value).toBe("app");
    expect(api.privileged?.value).toBe(true);
    expect(at(m, api.privileged?.range ?? [0, 0])).toBe("10:5 extends");
    expect(api.extends?.service).toBe("web");
    expect(api.extends?.base?.name).toBe("web");
    expect(at(m, api.extends?.serviceRange ?? [0, 0])).toBe("11:16 web");
  });

  it("a service that extends another is not partial, even without image or build of its own", () => {
    expect(service(m, "web").partial).toBe(false);
    expect(service(m, "api").partial).toBe(false);
  });

  it("extends itself is never inherited", () => {
    expect(service(m, "api").get(["extends"])?.value).toEqual({ service: "web" });
    expect(service(m, "base").extends).toBeUndefined();
  });
});

describe("extends: merge rules per key family", () => {
  const text = [
    "services:", // 1
    "  base:", // 2
    "    image: app:1", // 3
    "    command: [serve, --debug]", // 4
    "    entrypoint: /init", // 5
    "    environment:", // 6
    "      A: '1'", // 7
    "      B: '2'", // 8
    "    labels: [com.example.a=1]", // 9
    "    ports: ['8080:80', '9090:90']", // 10
    "    expose: ['80', '81']", // 11
    "    volumes: ['data:/data', './conf:/etc/app:ro']", // 12
    "    cap_add: [NET_ADMIN]", // 13
    "    cap_drop: [ALL]", // 14
    "    security_opt: ['label=role:ROLE']", // 15
    "    dns: [1.1.1.1]", // 16
    "    depends_on: [db]", // 17
    "    healthcheck:", // 18
    "      test: [CMD, curl, -f, http://localhost]", // 19
    "      interval: 10s", // 20
    "    deploy:", // 21
    "      resources:", // 22
    "        limits:", // 23
    "          memory: 256m", // 24
    "          cpus: '0.5'", // 25
    "    build:", // 26
    "      context: ./base", // 27
    "      dockerfile: Base.Dockerfile", // 28
    "  web:", // 29
    "    extends: base", // 30
    "    command: [run]", // 31
    "    environment:", // 32
    "      - B=3", // 33
    "      - C=4", // 34
    "    labels:", // 35
    "      com.example.b: '2'", // 36
    "    ports: ['8080:80', '443:443']", // 37
    "    expose: ['81', '82']", // 38
    "    volumes: ['other:/data']", // 39
    "    cap_add: [NET_ADMIN, SYS_TIME]", // 40
    "    security_opt: ['label=user:USER']", // 41
    "    dns: [8.8.8.8]", // 42
    "    healthcheck:", // 43
    "      test: [CMD, wget, -q, http://localhost]", // 44
    "    deploy:", // 45
    "      resources:", // 46
    "        limits:", // 47
    "          memory: 512m", // 48
    "    build: ./web", // 49
    "  db:", // 50
    "    image: postgres:17", // 51
    "",
  ].join("\n");
  const m = model(text);
  const web = service(m, "web");

  it("scalars and command/entrypoint: own replaces, missing ones are inherited", () => {
    expect(web.get(["command"])?.value).toEqual(["run"]);
    expect(web.get(["entrypoint"])?.value).toBe("/init");
    expect(web.image?.value).toBe("app:1");
  });

  it("environment: merged by name across list and map syntax, own values win", () => {
    expect(web.environment.map((e) => [e.name, e.value, e.viaExtends === true])).toEqual([
      ["A", "1", true],
      ["B", "3", false],
      ["C", "4", false],
    ]);
    const inherited = web.environment[0];
    expect(inherited?.valueRange).toBeUndefined();
    expect(at(m, inherited?.range ?? [0, 0])).toBe("30:5 extends");
    expect(web.get(["environment"])?.value).toEqual(["A=1", "B=3", "C=4"]);
  });

  it("labels: merged by name into the extending service's syntax", () => {
    expect(web.get(["labels"])?.value).toEqual({ "com.example.a": "1", "com.example.b": "2" });
  });

  it("ports: united by (host ip, published, target, protocol)", () => {
    expect(web.ports.map((p) => `${p.published ?? ""}:${p.target}${p.viaExtends ? " (inherited)" : ""}`)).toEqual([
      "8080:80",
      "9090:90 (inherited)",
      "443:443",
    ]);
    expect(at(m, web.ports[0]?.range ?? [0, 0])).toBe("37:13 '8080:80'");
  });

  it("expose, cap_add, security_opt: united without duplicates; cap_drop inherited", () => {
    expect(web.expose.map((e) => e.name)).toEqual(["80", "81", "82"]);
    expect(web.capAdd.map((c) => c.name)).toEqual(["NET_ADMIN", "SYS_TIME"]);
    expect(web.capDrop.map((c) => [c.name, c.viaExtends])).toEqual([["ALL", true]]);
    expect(web.securityOpt.map((o) => o.raw)).toEqual(["label=role:ROLE", "label=user:USER"]);
  });

  it("volumes: merged by target path, the extending service's mount replacing the base's", () => {
    expect(web.volumes.map((v) => `${v.source ?? ""}:${v.target}`)).toEqual(["other:/data", "./conf:/etc/app"]);
    expect(web.volumes[1]?.viaExtends).toBe(true);
  });

  it("dns: appended; depends_on: inherited", () => {
    expect(web.get(["dns"])?.value).toEqual(["1.1.1.1", "8.8.8.8"]);
    expect(web.dependsOn.map((d) => d.name)).toEqual(["db"]);
  });

  it("healthcheck: merged as a mapping, but test is replaced", () => {
    expect(web.healthcheck?.value).toEqual({ test: ["CMD", "wget", "-q", "http://localhost"], interval: "10s" });
    expect(web.scalar(["healthcheck", "interval"])?.viaExtends).toBe(true);
  });

  it("deploy.resources.limits: merged key by key", () => {
    expect(web.limits.memory?.value).toBe("512m");
    expect(web.limits.cpus?.value).toBe("0.5");
    expect(web.limits.cpus?.viaExtends).toBe(true);
    expect(at(m, web.limits.cpus?.range ?? [0, 0])).toBe("30:5 extends");
  });

  it("build: a string is the context, merged with the base's other build keys", () => {
    expect(web.build?.value).toEqual({ context: "./web", dockerfile: "Base.Dockerfile" });
    expect(web.get(["build", "context"])?.value).toBe("./web");
    expect(web.get(["build", "dockerfile"])?.value).toBe("Base.Dockerfile");
  });

  it("a scalar written where the base has a mapping hides the base's keys below it", () => {
    const m2 = model("services:\n  base:\n    image: a\n    logging:\n      driver: json-file\n  web:\n    extends: base\n    logging: null\n");
    expect(service(m2, "web").get(["logging", "driver"])).toBeUndefined();
  });

  it("!reset drops an inherited value, !override replaces it without merging", () => {
    const m2 = model(
      "services:\n  base:\n    image: a\n    ports: ['80:80']\n    cap_add: [NET_ADMIN]\n  web:\n    extends: base\n    ports: !reset []\n    cap_add: !override [SYS_TIME]\n",
    );
    const w = service(m2, "web");
    expect(w.ports).toEqual([]);
    expect(w.capAdd.map((c) => c.name)).toEqual(["SYS_TIME"]);
    expect(w.get(["cap_add"])?.value).toEqual(["SYS_TIME"]);
  });
});

describe("extends: positions through merge keys and aliases", () => {
  const text = [
    "x-common: &common", // 1
    "  extends: base", // 2
    "services:", // 3
    "  base:", // 4
    "    image: nginx:1.27", // 5
    "  web:", // 6
    "    <<: *common", // 7
    "    user: app", // 8
    "",
  ].join("\n");
  it("an extends pulled in by `<<` reports inherited values at the merge site", () => {
    const m = model(text);
    const web = service(m, "web");
    expect(web.image?.value).toBe("nginx:1.27");
    expect(at(m, web.image?.range ?? [0, 0])).toBe("7:5 <<: *common");
    expect(at(m, web.extends?.range ?? [0, 0])).toBe("7:5 <<: *common");
  });
});

describe("extends across files", () => {
  const files = {
    "common/base.yml": [
      "services:",
      "  app:",
      "    extends:",
      "      file: ../shared/root.yml", // relative to common/
      "      service: root",
      "    image: app:1",
      "    cap_add: [NET_ADMIN]",
      "",
    ].join("\n"),
    "shared/root.yml": "services:\n  root:\n    privileged: true\n    read_only: false\n",
  };
  const text = "services:\n  web:\n    extends:\n      file: common/base.yml\n      service: app\n    read_only: true\n";

  it("follows a nested chain, each file's paths relative to that file", () => {
    const m = model(text, files);
    const web = service(m, "web");
    expect(web.image?.value).toBe("app:1");
    expect(web.privileged?.value).toBe(true);
    expect(web.readOnly?.value).toBe(true);
    expect(web.capAdd.map((c) => c.name)).toEqual(["NET_ADMIN"]);
    expect(at(m, web.privileged?.range ?? [0, 0])).toBe("3:5 extends");
    expect(web.extends?.file).toBe("common/base.yml");
    expect(web.extends?.base?.name).toBe("app");
    expect(m.fileProblems).toEqual([]);
  });

  it("a node inherited from another file has no positions (they would point into that file)", () => {
    const m = model(`${text}    ports: ['80:80']\n`, { ...files, "common/base.yml": `${files["common/base.yml"] ?? ""}    expose: ['9000']\n` });
    const web = service(m, "web");
    const expose = web.get(["expose"]);
    expect(expose?.value).toEqual(["9000"]);
    expect(expose?.node.range).toBeUndefined();
    expect(expose && isSeq(expose.node) ? expose.node.items.map((item) => (item as { range?: unknown }).range) : []).toEqual([undefined]);
    expect(web.scalar(["privileged"])?.node.range).toBeUndefined();
    // Own values keep their node.
    expect(web.get(["ports"])?.node.range).toBeDefined();
  });

  it("reads each file once", () => {
    const reads: string[] = [];
    const counted = { readFile: (path: string) => (reads.push(path), (files as Record<string, string>)[path]) };
    const result = parseCompose(`${text}  api:\n    extends: {file: common/base.yml, service: app}\n`, { context: { filePath: "compose.yaml", services: counted, settings: {} } });
    if (!result.ok) throw new Error(result.error.message);
    for (const s of result.model.services) void s.privileged;
    expect(new Set(reads).size).toBe(reads.length);
    // Besides the bases, the default Compose files beside it, which may include it with a
    // `project_directory` that `extends.file` would then start from.
    expect(reads.sort()).toEqual(["common/base.yml", "compose.yml", "docker-compose.yaml", "docker-compose.yml", "shared/root.yml"]);
  });

  it("interpolated file names use their defaults; an unset variable stops the chain silently", () => {
    const m = model("services:\n  web:\n    extends: {file: '${BASE:-common/base.yml}', service: app}\n  api:\n    extends: {file: '${BASE}', service: app}\n", files);
    expect(service(m, "web").image?.value).toBe("app:1");
    expect(service(m, "api").extends?.unknown).toBe(true);
    expect(service(m, "api").extends?.base).toBeUndefined();
    expect(service(m, "api").image).toBeUndefined();
    expect(m.fileProblems).toEqual([]);
  });

  it("without a reader, only the file itself is followed", () => {
    const m = model(text);
    const web = service(m, "web");
    expect(web.extends?.base).toBeUndefined();
    expect(web.image).toBeUndefined();
    // The unread base may set what this service lacks.
    expect(web.partial).toBe(true);
    expect(m.fileProblems).toEqual([]);
  });

  it("a missing file, service or broken YAML leaves the service with its own values only", () => {
    const m = model(
      "services:\n  a:\n    extends: {file: nope.yml, service: x}\n    user: app\n  b:\n    extends: {file: common/base.yml, service: nope}\n  c:\n    extends: {file: broken.yml, service: x}\n",
      { ...files, "broken.yml": "services: [\n" },
    );
    expect(service(m, "a").user?.value).toBe("app");
    expect(service(m, "a").image).toBeUndefined();
    expect(m.fileProblems?.map((p) => [p.kind, p.service, p.path, p.target ?? "", at(m, p.range)])).toEqual([
      ["unreadable", "a", "nope.yml", "", "3:21 nope.yml"],
      ["missing-service", "b", "common/base.yml", "nope", "6:47 nope"],
      ["unparsable", "c", "broken.yml", "", "8:21 broken.yml"],
    ]);
  });

  /** The yaml document of the file `name`'s service extends, as that lint parsed it. */
  const baseDocument = (m: ComposeModel, name: string): unknown => (service(m, name).extends?.base as { file?: { model?: ComposeModel } } | undefined)?.file?.model?.document;

  it("parses a file other lints reach too once for all of them, by its text", () => {
    const first = model(text, files);
    const second = model("services:\n  api:\n    extends: {file: common/base.yml, service: app}\n", files);
    // Another lint, another directory: the same text is the same tree.
    const third = model("services:\n  api:\n    extends: {file: ../common/base.yml, service: app}\n", { "../common/base.yml": files["common/base.yml"], "../shared/root.yml": files["shared/root.yml"] }, "sub/compose.yaml");
    expect(baseDocument(first, "web")).toBeDefined();
    expect(baseDocument(second, "api")).toBe(baseDocument(first, "web"));
    expect(baseDocument(third, "api")).toBe(baseDocument(first, "web"));
    const changed = model(text, { ...files, "common/base.yml": `${files["common/base.yml"]}    user: app\n` });
    expect(baseDocument(changed, "web")).not.toBe(baseDocument(first, "web"));
    expect(service(changed, "web").user?.value).toBe("app");
  });

  it("what a lint sees of another file does not depend on the lints before it", () => {
    const answers = (m: ComposeModel): unknown =>
      m.services.map((s) => [s.name, s.image?.value, s.privileged?.value, s.readOnly?.value, s.user?.value, s.capAdd.map((c) => c.name), s.extends?.base?.name, m.fileProblems?.length]);
    const texts = [
      text,
      "services:\n  api:\n    extends: {file: common/base.yml, service: app}\n    user: api\n",
      "services:\n  root:\n    extends: {file: shared/root.yml, service: root}\n    cap_add: [SYS_TIME]\n",
      "services:\n  x:\n    extends: {file: common/base.yml, service: nope}\n",
    ];
    const forward = texts.map((t) => answers(model(t, files)));
    const backward = [...texts].reverse().map((t) => answers(model(t, files))).reverse();
    const again = texts.map((t) => answers(model(t, files)));
    expect(backward).toEqual(forward);
    expect(again).toEqual(forward);
    expect(forward[0]).toEqual([["web", "app:1", true, true, undefined, ["NET_ADMIN"], "app", 0]]);
  });

  it("an extends naming the linted file itself uses its text, not a read", () => {
    const m = model("services:\n  base:\n    image: a:1\n  web:\n    extends: {file: ./compose.yaml, service: base}\n", { "compose.yaml": "services: {}\n" });
    expect(service(m, "web").image?.value).toBe("a:1");
  });
});

describe("extends cycles", () => {
  it("a loop in the file: no infinite recursion, members inherit nothing, each member reported", () => {
    const m = model("services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n  c:\n    extends: a\n");
    expect(service(m, "a").extends?.base).toBeUndefined();
    expect(service(m, "b").image).toBeUndefined();
    expect(service(m, "c").image?.value).toBe("x");
    expect(m.fileProblems?.map((p) => [p.kind, p.service, p.chain.join(" → ")])).toEqual([
      ["cycle", "a", "a → b → a"],
      ["cycle", "b", "b → a → b"],
    ]);
  });

  it("a service extending itself", () => {
    const m = model("services:\n  a:\n    extends: a\n    image: x\n");
    expect(service(m, "a").image?.value).toBe("x");
    expect(m.fileProblems?.map((p) => p.chain.join(" → "))).toEqual(["a → a"]);
  });

  it("a loop across files is spelled out with the files", () => {
    const m = model("services:\n  web:\n    extends: {file: other.yml, service: base}\n", {
      "other.yml": "services:\n  base:\n    extends: {file: compose.yaml, service: web}\n",
    });
    expect(service(m, "web").privileged).toBeUndefined();
    expect(m.fileProblems?.map((p) => [p.kind, p.chain.join(" → "), p.nested])).toEqual([["cycle", "web → base (other.yml) → web", false]]);
  });

  it("a loop entirely in another file is reported at the service leading into it", () => {
    const m = model("services:\n  web:\n    extends: {file: other.yml, service: a}\n    image: x\n", {
      "other.yml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
    });
    expect(service(m, "web").image?.value).toBe("x");
    expect(m.fileProblems?.map((p) => [p.kind, p.chain.join(" → "), p.nested])).toEqual([["cycle", "a (other.yml) → b (other.yml) → a (other.yml)", true]]);
  });

  it("a missing service of the same file is left to no-undefined-reference", () => {
    const m = model("services:\n  web:\n    extends: nope\n");
    expect(service(m, "web").extends?.base).toBeUndefined();
    expect(m.fileProblems).toEqual([]);
  });

  it("an empty base service (`base:` with no body) is fine", () => {
    const m = model("services:\n  base:\n  web:\n    extends: base\n    image: x\n");
    expect(service(m, "web").image?.value).toBe("x");
    expect(m.fileProblems).toEqual([]);
  });
});
