import { describe, expect, it } from "vitest";
import { canonicalShapes, extendService, isDeduplicated, mergeFile } from "./go-merge.js";

/** Paths of the refusals of merging `own` over `base`, as `a.b`. */
function refused(base: Record<string, unknown>, own: Record<string, unknown>, tagged: string[] = []): string[] {
  return extendService(base, { value: own, tagged: new Set(tagged) }).conflicts.map((c) => `${c.path.join(".")}:${c.base}/${c.own}`);
}

describe("extendService (compose-go override.MergeYaml at services.x)", () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string[], string[]?][] = [
    ["a list over a list, a mapping over a mapping", { ports: ["80"], deploy: { replicas: 1 } }, { ports: ["81"], deploy: { mode: "global" } }, []],
    ["anything over a single value", { gpus: "all", image: "a" }, { gpus: [{ count: 1 }], image: { x: 1 } }, []],
    ["an empty value keeps the base's", { ports: ["80"] }, { ports: null }, []],
    ["a single value over a list", { ports: ["80"] }, { ports: "81" }, ["ports:sequence/scalar"]],
    ["a list over a mapping, deep inside", { deploy: { resources: { limits: { cpus: "1" } } } }, { deploy: { resources: { limits: ["x"] } } }, ["deploy.resources.limits:mapping/sequence"]],
    ["an x- key", { "x-a": { b: 1 } }, { "x-a": "c" }, ["x-a:mapping/scalar"]],
    ["merged as lists: environment, labels, dns, tmpfs, env_file, build.args", { environment: ["A=1"], labels: { a: "b" }, dns: "1.1.1.1", tmpfs: ["/t"], env_file: "a.env", build: { args: ["A=1"] } }, { environment: { B: "2" }, labels: ["c=d"], dns: ["8.8.8.8"], tmpfs: "/r", env_file: [{ path: "b.env" }], build: { args: { B: "2" } } }, []],
    ["replaced: command, entrypoint, healthcheck.test, ulimits.*", { command: ["a"], entrypoint: "b", healthcheck: { test: ["CMD", "x"] }, ulimits: { nofile: { soft: 1, hard: 2 } } }, { command: "c", entrypoint: ["d"], healthcheck: { test: "curl" }, ulimits: { nofile: 3 } }, []],
    ["build: a string is the context, then keys merge", { build: "./app" }, { build: { dockerfile: "D", ssh: ["default"] } }, []],
    ["build: a string over a mapping is its context, merged in", { build: { ssh: ["default"] } }, { build: "./app" }, []],
    ["build.ssh", { build: { context: ".", ssh: ["default"] } }, { build: { ssh: { default: "/s" } } }, ["build.ssh:sequence/mapping"]],
    ["networks and depends_on: a list is a mapping of names", { networks: ["a"], depends_on: ["db"] }, { networks: { a: { aliases: ["x"] } }, depends_on: { db: { condition: "service_healthy" } } }, []],
    ["depends_on entries merge as mappings", { depends_on: ["db"] }, { depends_on: { db: "yes" } }, ["depends_on.db:mapping/scalar"]],
    ["logging: other driver replaces, same driver merges", { logging: { driver: "a", options: { x: "1" } } }, { logging: { driver: "b", options: "y" } }, []],
    ["logging: same driver merges its options", { logging: { driver: "a", options: { x: "1" } } }, { logging: { options: "y" } }, ["logging.options:mapping/scalar"]],
    ["`!override` and `!reset` paths drop the base's value", { ports: ["80"], build: { ssh: ["default"] } }, { ports: "81", build: { ssh: { default: "/s" } } }, [], ["ports", "build\u0000ssh"]],
  ];
  it.each(cases)("%s", (_name, base, own, expected, tagged) => {
    expect(refused(base, own, tagged)).toEqual(expected);
  });

  it("drops `extends` from the merged service, as applyServiceExtends does", () => {
    const merged = extendService({ image: "a", extends: "root" }, { value: { extends: "base", ports: ["80"] }, tagged: new Set() }).value;
    expect(merged).toEqual({ image: "a", ports: ["80"] });
  });
});

describe("mergeFile (compose-go override.Merge of a file over the files before it)", () => {
  const merge = (earlier: Record<string, unknown>, file: Record<string, unknown>, tagged: string[] = []) =>
    mergeFile(earlier, { value: file, tagged: new Set(tagged) }, new Map()).conflicts.map((c) => `${c.path.join(".")}:${c.base}/${c.own}`);

  it("refuses at full paths, with the specials of every section", () => {
    expect(merge({ services: { web: { gpus: [{ count: 1 }], ports: ["80"] } }, "x-a": { b: 1 } }, { services: { web: { gpus: "all", ports: "81" } }, "x-a": "c" })).toEqual([
      "services.web.gpus:sequence/scalar",
      "services.web.ports:sequence/scalar",
      "x-a:mapping/scalar",
    ]);
    expect(merge({ networks: { n: { labels: ["a=b"], ipam: { config: [{ subnet: "10.0.0.0/24" }] } } }, volumes: { v: { labels: { a: "b" } } } }, { networks: { n: { labels: { c: "d" }, ipam: { config: [{ subnet: "10.0.1.0/24" }] } } }, volumes: { v: { labels: ["c=d"] } } })).toEqual([]);
    expect(merge({ networks: { n: { ipam: { config: [{ subnet: "10.0.0.0/24" }] } } } }, { networks: { n: { ipam: { config: { subnet: "x" } } } } })).toEqual(["networks.n.ipam.config:sequence/mapping"]);
  });

  it("drops the earlier value at a path the file tags, from the top", () => {
    expect(merge({ services: { web: { gpus: [{ count: 1 }] } } }, { services: { web: { gpus: "all" } } }, ["services\u0000web\u0000gpus"])).toEqual([]);
  });
});

describe("canonicalShapes (compose-go transform.Canonical, as far as a later merge meets it)", () => {
  it("makes `gpus: <string>` a list, a `build` string a mapping, a `build.ssh` list a mapping, and notes it", () => {
    const notes = new Map<string, string>();
    const dict = { services: { web: { gpus: "all", build: "./app" }, api: { build: { ssh: ["default", "key=/k"] } }, db: null } };
    const canonical = canonicalShapes(dict, notes);
    expect(canonical).toEqual({ services: { web: { gpus: [{ count: "all" }], build: { context: "./app" } }, api: { build: { ssh: { default: null, key: "/k" } } }, db: null } });
    expect(dict.services.web.gpus).toBe("all");
    expect([...notes.keys()]).toEqual(["services\u0000web\u0000gpus", "services\u0000api\u0000build\u0000ssh"]);
  });

  it("reads the legacy `external: {name}` as `external: true` with the name, and leaves the rest as it is", () => {
    const dict = { volumes: { a: { external: { name: "shared" } }, b: { external: { name: "x" }, name: "y" }, c: { driver: "local" } } };
    expect(canonicalShapes(dict, new Map())).toEqual({ volumes: { a: { external: true, name: "shared" }, b: { external: true, name: "y" }, c: { driver: "local" } } });
    const untouched = { services: { web: { gpus: [{ count: 1 }], build: { ssh: ["bad item"] } } } };
    expect(canonicalShapes(untouched, new Map())).toBe(untouched);
  });

  it("keeps a `__proto__` key a key", () => {
    const dict = JSON.parse('{"services": {"__proto__": {"gpus": "all"}}}') as Record<string, unknown>;
    const services = canonicalShapes(dict, new Map())["services"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(services)).toBe(Object.prototype);
    expect(Object.hasOwn(services, "__proto__")).toBe(true);
  });
});

describe("repeats: later list items an earlier list has", () => {
  const repeats = (earlier: Record<string, unknown>, file: Record<string, unknown>) =>
    mergeFile(earlier, { value: file, tagged: new Set() }, new Map()).repeats.map((r) => `${r.path.join(".")}[${r.at ?? "-"}]=${JSON.stringify(r.item)}@${r.earlierIndex},${r.index}`);

  it("in plain lists, in lists merged as sequences (a mapping's entries as key=value), and a single string", () => {
    expect(
      repeats(
        { services: { web: { security_opt: ["a", "b"], labels: { x: "1" }, dns: "1.1.1.1", ports: [{ target: 80 }] } } },
        { services: { web: { security_opt: ["c", "b"], labels: { y: "2", x: "1" }, dns: "1.1.1.1", ports: [{ target: 80 }] } } },
      ),
    ).toEqual(['services.web.security_opt[1]="b"@1,3', 'services.web.labels[x]="x=1"@0,1', 'services.web.dns[-]="1.1.1.1"@0,1', 'services.web.ports[0]={"target":80}@0,1']);
  });

  it("extra_hosts drops the later repeats itself, as mergeExtraHosts does", () => {
    const merged = mergeFile({ services: { web: { extra_hosts: ["db:1.2.3.4"] } } }, { value: { services: { web: { extra_hosts: { db: "1.2.3.4", cache: "1.2.3.5" } } } }, tagged: new Set() }, new Map());
    expect(merged.repeats).toEqual([]);
    expect((merged.value["services"] as { web: { extra_hosts: unknown } }).web.extra_hosts).toEqual(["db:1.2.3.4", "cache=1.2.3.5", "db=1.2.3.4"]);
  });

  it("knows the lists compose-go keeps one item per key of (override/uncity.go)", () => {
    expect(isDeduplicated(["services", "web", "environment"])).toBe(true);
    expect(isDeduplicated(["networks", "n", "labels"])).toBe(true);
    expect(isDeduplicated(["services", "web", "security_opt"])).toBe(false);
    expect(isDeduplicated(["volumes", "v", "labels"])).toBe(false);
    expect(isDeduplicated(["services", "web", "build", "platforms"])).toBe(false);
  });
});
