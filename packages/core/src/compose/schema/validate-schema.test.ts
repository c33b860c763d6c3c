import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastDuplicatePair, validateComposeSchema, type SchemaProblem } from "./validate-schema.js";

const web = (service: Record<string, unknown>): unknown => ({ services: { web: { image: "nginx:1.27", ...service } } });

describe("validateComposeSchema", () => {
  const valid: [string, unknown][] = [
    ["a minimal file", web({})],
    ["ports in every syntax", web({ ports: [8080, "127.0.0.1:4000:80", { target: 80, published: "8080", host_ip: "127.0.0.1" }] })],
    ["environment as a list and as a map", { services: { a: { image: "a", environment: ["A=1"] }, b: { image: "b", environment: { A: 1, B: null } } } }],
    ["x- extension keys at the top level, in a service and in depends_on", { "x-common": { a: 1 }, services: { web: { image: "a", "x-note": "hi", depends_on: { db: { condition: "service_healthy", "x-why": 1 } } }, db: { image: "b" } } }],
    ["a stack deploy section", web({ deploy: { replicas: 5, resources: { limits: { cpus: "0.5", memory: "256M", pids: 100 } } } })],
    ["a pull policy with a refresh interval", web({ pull_policy: "every_12h" })],
    ["a legacy version key", { version: "3.8", services: { web: { image: "a" } } }],
    // compose-go's additions to the compose-spec schema (NOTICE.md), which docker compose accepts.
    [
      "pre_start hooks with every key, and one with none (compose-go)",
      web({
        pre_start: [
          { image: "busybox:1.37", command: ["sh", "-c", "chown -R 10001 /data"], user: "root", privileged: "yes", working_dir: "/data", environment: ["A=1"], per_replica: true, "x-note": 1 },
          { command: "migrate up", environment: { B: 2 }, per_replica: "false" },
          {},
        ],
      }),
    ],
    ["build.no_cache_filter as a string and as a list (compose-go)", { services: { a: { build: { context: ".", no_cache_filter: "deps" } }, b: { build: { context: ".", no_cache_filter: ["deps", "test"] } } } }],
    ["an empty entry of a service's models mapping (compose-go)", { services: { web: { image: "a", models: { llm: null, embed: { endpoint_var: "EMBED_URL" } } } }, models: { llm: { model: "ai/smollm2" }, embed: { model: "ai/mxbai" } } }],
  ];
  it.each(valid)("accepts %s", (_name, data) => {
    expect(validateComposeSchema(data)).toEqual([]);
  });

  const invalid: [string, unknown, SchemaProblem[]][] = [
    [
      "ports given as a number",
      web({ ports: 8080 }),
      [{ pointer: "/services/web/ports", keyword: "type", message: "`ports` must be a list, found the number 8080." }],
    ],
    [
      "a misspelt service key",
      { services: { web: { imagee: "nginx" } } },
      [{ pointer: "/services/web/imagee", keyword: "additionalProperties", message: "Unknown key `imagee` in service `web`; did you mean `image`?" }],
    ],
    [
      "an unknown service key nothing resembles",
      web({ frobnicate: true }),
      [{ pointer: "/services/web/frobnicate", keyword: "additionalProperties", message: "Unknown key `frobnicate` in service `web` (custom keys must start with `x-`)." }],
    ],
    [
      "an unknown key two edits from a short known key (no suggestion: `net` is not a typo of `init`)",
      web({ net: "host" }),
      [{ pointer: "/services/web/net", keyword: "additionalProperties", message: "Unknown key `net` in service `web` (custom keys must start with `x-`)." }],
    ],
    [
      "misspelt long keys",
      web({ healthchek: { test: ["CMD", "true"] }, stop_grace_perod: "1s" }),
      [
        { pointer: "/services/web/healthchek", keyword: "additionalProperties", message: "Unknown key `healthchek` in service `web`; did you mean `healthcheck`?" },
        { pointer: "/services/web/stop_grace_perod", keyword: "additionalProperties", message: "Unknown key `stop_grace_perod` in service `web`; did you mean `stop_grace_period`?" },
      ],
    ],
    [
      "a misspelt top-level key",
      { services: { web: { image: "a" } }, volumnes: {} },
      [{ pointer: "/volumnes", keyword: "additionalProperties", message: "Unknown key `volumnes` at the top level; did you mean `volumes`?" }],
    ],
    [
      "a misspelt key inside build (a oneOf of string or mapping)",
      { services: { web: { build: { contextt: "." } } } },
      [{ pointer: "/services/web/build/contextt", keyword: "additionalProperties", message: "Unknown key `contextt` in `build` of service `web`; did you mean `context`?" }],
    ],
    [
      "a misspelt key in a network",
      { services: { web: { image: "a" } }, networks: { front: { drivr: "bridge" } } },
      [{ pointer: "/networks/front/drivr", keyword: "additionalProperties", message: "Unknown key `drivr` in network `front`; did you mean `driver`?" }],
    ],
    [
      "a service name with a space",
      { services: { "my web": { image: "a" } } },
      [{ pointer: "/services/my web", keyword: "additionalProperties", message: "Invalid service name `my web`: a name may contain only letters, digits, `.`, `_` and `-`." }],
    ],
    [
      "a bad depends_on condition (enum inside a oneOf branch)",
      { services: { web: { image: "a", depends_on: { db: { condition: "service_healty" } } }, db: { image: "b" } } },
      [
        {
          pointer: "/services/web/depends_on/db/condition",
          keyword: "enum",
          message: "`depends_on.db.condition` must be one of service_started, service_healthy, service_completed_successfully, found `service_healty`; did you mean `service_healthy`?",
        },
      ],
    ],
    [
      "a bad mount type in long volume syntax",
      web({ volumes: [{ type: "directory", source: "./a", target: "/a" }] }),
      [{ pointer: "/services/web/volumes/0/type", keyword: "enum", message: "`volumes[0].type` must be one of bind, volume, tmpfs, cluster, npipe, image, found `directory`." }],
    ],
    [
      "long volume syntax without a type",
      web({ volumes: [{ source: "./a", target: "/a" }] }),
      [{ pointer: "/services/web/volumes/0", keyword: "required", message: "Item 1 of `volumes` is missing the required key `type`." }],
    ],
    [
      "a port of the wrong type (every oneOf branch rejects it)",
      web({ ports: ["80", true] }),
      [{ pointer: "/services/web/ports/1", keyword: "oneOf", message: "Item 2 of `ports` must be a number, a string or a mapping, found `true`." }],
    ],
    [
      "environment as a number",
      web({ environment: 5 }),
      [{ pointer: "/services/web/environment", keyword: "oneOf", message: "`environment` must be a mapping or a list, found the number 5." }],
    ],
    [
      "an environment value that is a mapping",
      web({ environment: { A: { nested: 1 } } }),
      [{ pointer: "/services/web/environment/A", keyword: "type", message: "`environment.A` must be a string, a number, true or false or empty, found a mapping." }],
    ],
    [
      "an empty ports key",
      web({ ports: null }),
      [{ pointer: "/services/web/ports", keyword: "type", message: "`ports` must be a list, found nothing (an empty value)." }],
    ],
    [
      "a pull policy that matches no pattern",
      web({ pull_policy: "sometimes" }),
      [
        {
          pointer: "/services/web/pull_policy",
          keyword: "pattern",
          message: "`pull_policy` must match the pattern `always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+`, found `sometimes`.",
        },
      ],
    ],
    [
      "a duplicated capability",
      web({ cap_add: ["NET_ADMIN", "SYS_TIME", "NET_ADMIN"] }),
      [{ pointer: "/services/web/cap_add/2", keyword: "uniqueItems", message: "`cap_add` lists `NET_ADMIN` twice (items 1 and 3); remove one." }],
    ],
    [
      "a misspelt key inside a pre_start hook",
      web({ pre_start: [{ image: "busybox:1.37", comand: "true" }] }),
      [{ pointer: "/services/web/pre_start/0/comand", keyword: "additionalProperties", message: "Unknown key `comand` in item 1 of `pre_start` of service `web`; did you mean `command`?" }],
    ],
    [
      "a key of post_start that only pre_start hooks have",
      web({ post_start: [{ command: "true", per_replica: true }] }),
      [{ pointer: "/services/web/post_start/0/per_replica", keyword: "additionalProperties", message: "Unknown key `per_replica` in item 1 of `post_start` of service `web` (custom keys must start with `x-`)." }],
    ],
    [
      "pre_start as a mapping",
      web({ pre_start: { command: "true" }, post_start: [{ command: "true" }] }),
      [{ pointer: "/services/web/pre_start", keyword: "type", message: "`pre_start` must be a list, found a mapping." }],
    ],
    [
      "a pre_start hook's per_replica as a number",
      web({ pre_start: [{ command: "true", per_replica: 1 }] }),
      [{ pointer: "/services/web/pre_start/0/per_replica", keyword: "type", message: "`pre_start[0].per_replica` must be true or false or a string, found the number 1." }],
    ],
    [
      "misspelt pre_start (ties with `restart` go to `pre_start`, placed before it as in compose-go)",
      web({ prestart: [] }),
      [{ pointer: "/services/web/prestart", keyword: "additionalProperties", message: "Unknown key `prestart` in service `web`; did you mean `pre_start`?" }],
    ],
    [
      "build.no_cache_filter as a number, and a misspelling of it",
      { services: { a: { build: { context: ".", no_cache_filter: 3 } }, b: { build: { context: ".", no_cache_fliter: ["deps"] } } } },
      [
        { pointer: "/services/a/build/no_cache_filter", keyword: "oneOf", message: "`build.no_cache_filter` must be a string or a list, found the number 3." },
        { pointer: "/services/b/build/no_cache_fliter", keyword: "additionalProperties", message: "Unknown key `no_cache_fliter` in `build` of service `b`; did you mean `no_cache_filter`?" },
      ],
    ],
    [
      "a models entry that is neither a mapping nor empty",
      web({ models: { llm: 3 } }),
      [{ pointer: "/services/web/models/llm", keyword: "oneOf", message: "`models.llm` must be a mapping or empty, found the number 3." }],
    ],
    [
      "a service that is a string",
      { services: { web: "nginx" } },
      [{ pointer: "/services/web", keyword: "type", message: "Service `web` must be a mapping, found `nginx`." }],
    ],
  ];
  it.each(invalid)("reports %s", (_name, data, expected) => {
    expect(validateComposeSchema(data)).toEqual(expected);
  });

  it("reports every problem in a file, not only the first", () => {
    const problems = validateComposeSchema({
      services: { web: { imagee: "a", ports: 8080 }, db: { image: "b", environment: 5, restart: 3 } },
      servics: {},
    });
    expect(problems.map((problem) => problem.pointer).sort()).toEqual(
      ["/servics", "/services/db/environment", "/services/db/restart", "/services/web/imagee", "/services/web/ports"].sort(),
    );
  });

  it("does not repeat a problem that several branches report", () => {
    const problems = validateComposeSchema(web({ ports: [true, true] }));
    expect(new Set(problems.map((problem) => `${problem.pointer} ${problem.message}`)).size).toBe(problems.length);
  });
});

describe("compose-spec.validate.ts", () => {
  it("is up to date with compose-spec.json (regenerated in memory by the build script)", () => {
    const script = fileURLToPath(new URL("../../../scripts/build-compose-schema.mjs", import.meta.url));
    const result = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("stops instead of overwriting when compose-spec.json already has one of compose-go's additions", () => {
    const script = new URL("../../../scripts/build-compose-schema.mjs", import.meta.url).href;
    const schema = fileURLToPath(new URL("./compose-spec.json", import.meta.url));
    // The upstream file as if a later copy had gained `pre_start` itself.
    const program = [
      `import { readFileSync } from "node:fs";`,
      `const { generate } = await import(${JSON.stringify(script)});`,
      `const schema = JSON.parse(readFileSync(${JSON.stringify(schema)}, "utf8"));`,
      `schema.definitions.service.properties.pre_start = { type: "array" };`,
      `try { generate(JSON.stringify(schema)); console.log("generated"); } catch (error) { console.log(error.message); }`,
    ].join("\n");
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", program], { encoding: "utf8" });
    expect(result.stdout.trim()).toBe(
      "compose-go addition \"service `pre_start`: a list of init containers run before the service container (`pre_start_hook`)\": compose-spec.json already has `pre_start` or `pre_start_hook`; update COMPOSE_GO_ADDITIONS (and NOTICE.md)",
    );
  });
});

describe("duplicate ports and volumes (checked outside the compiled schema)", () => {
  const Ajv = (createRequire(import.meta.url)("ajv") as { default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: { params: Record<string, unknown> }[] | null } } }).default;
  const unique = new Ajv({ allErrors: true }).compile({ type: "array", uniqueItems: true });

  it("finds the pair ajv's uniqueItems finds, on lists of numbers, strings, mappings in any key order, NaN and -0", () => {
    const item = fc.oneof(
      fc.constantFrom<unknown>(80, "80", 80.5, Number.NaN, -0, 0, null, true, "true", "8080:80", "./data:/data"),
      fc.record({ target: fc.constantFrom(80, 443, "80"), published: fc.constantFrom("8080", 8080) }, { requiredKeys: [], noNullPrototype: true }),
      fc.constantFrom({ type: "bind", source: "./a", target: "/a" }, { target: "/a", source: "./a", type: "bind" }, { type: "volume", source: "v", target: "/a", bind: { propagation: "rshared" } }, [1, 2], [2, 1]),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (list) => {
        const expected = unique(list) ? undefined : (unique.errors?.[0]?.params as { i: number; j: number });
        expect(lastDuplicatePair(list)).toEqual(expected);
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  it("reports a service's repeated port and volume, pointing at the later copy", () => {
    const problems = validateComposeSchema(web({ ports: ["80:80", { target: 80 }, "80:80"], volumes: [{ type: "bind", source: "./a", target: "/a" }, { target: "/a", type: "bind", source: "./a" }] }));
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      ["/services/web/ports/2", "`ports` lists `80:80` twice (items 1 and 3); remove one."],
      ["/services/web/volumes/1", "`volumes` lists a mapping twice (items 1 and 2); remove one."],
    ]);
  });
});
