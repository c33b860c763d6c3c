import { describe, expect, it } from "vitest";
import { extendService } from "./extends-merge.js";

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
