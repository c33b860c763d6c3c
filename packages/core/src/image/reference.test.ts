import { describe, expect, it } from "vitest";
import {
  familiarName,
  isDockerHub,
  isScratch,
  parseImageReference,
  registryMatches,
  type ImageReference,
} from "./reference.js";

const H64 = "0123456789abcdef".repeat(4);
const SHA256 = `sha256:${H64}`;

function parse(raw: string): ImageReference {
  const ref = parseImageReference(raw);
  if (ref === undefined) throw new Error(`expected a reference for ${JSON.stringify(raw)}`);
  return ref;
}

interface Case {
  raw: string;
  registry?: string;
  path: string;
  /** Defaults to path. */
  fullPath?: string;
  tag?: string;
  digest?: string;
  spans: ImageReference["spans"];
  vars?: boolean;
  /** Each pattern must match a problem and each problem must match a pattern; omitted means valid. */
  problems?: RegExp[];
}

function expectProblems(ref: ImageReference, patterns: RegExp[] = []): void {
  for (const pattern of patterns) {
    expect(ref.problems.some((p) => pattern.test(p)), `${String(pattern)} in ${JSON.stringify(ref.problems)}`).toBe(true);
  }
  for (const problem of ref.problems) {
    expect(patterns.some((p) => p.test(problem)), `unexpected problem ${JSON.stringify(problem)}`).toBe(true);
  }
}

const cases: Case[] = [
  // Docker Hub familiar names
  { raw: "nginx", path: "nginx", fullPath: "library/nginx", spans: { path: [0, 5] } },
  { raw: "nginx:1.25", path: "nginx", fullPath: "library/nginx", tag: "1.25", spans: { path: [0, 5], tag: [6, 10] } },
  { raw: `nginx@${SHA256}`, path: "nginx", fullPath: "library/nginx", digest: SHA256, spans: { path: [0, 5], digest: [6, 77] } },
  {
    raw: `nginx:1.25@${SHA256}`,
    path: "nginx",
    fullPath: "library/nginx",
    tag: "1.25",
    digest: SHA256,
    spans: { path: [0, 5], tag: [6, 10], digest: [11, 82] },
  },
  { raw: "bitnami/redis:7", path: "bitnami/redis", tag: "7", spans: { path: [0, 13], tag: [14, 15] } },
  { raw: "library/nginx", path: "library/nginx", spans: { path: [0, 13] } },
  { raw: "scratch", path: "scratch", fullPath: "library/scratch", spans: { path: [0, 7] } },
  // Explicit Docker Hub hosts are registries as written, but still get "library/"
  {
    raw: "docker.io/library/nginx:1",
    registry: "docker.io",
    path: "library/nginx",
    tag: "1",
    spans: { registry: [0, 9], path: [10, 23], tag: [24, 25] },
  },
  { raw: "docker.io/nginx", registry: "docker.io", path: "nginx", fullPath: "library/nginx", spans: { registry: [0, 9], path: [10, 15] } },
  {
    raw: "index.docker.io/nginx",
    registry: "index.docker.io",
    path: "nginx",
    fullPath: "library/nginx",
    spans: { registry: [0, 15], path: [16, 21] },
  },
  // Registries
  { raw: "localhost:5000/foo", registry: "localhost:5000", path: "foo", spans: { registry: [0, 14], path: [15, 18] } },
  { raw: "localhost/foo", registry: "localhost", path: "foo", spans: { registry: [0, 9], path: [10, 13] } },
  {
    raw: "registry.example.com:443/team/app:v1",
    registry: "registry.example.com:443",
    path: "team/app",
    tag: "v1",
    spans: { registry: [0, 24], path: [25, 33], tag: [34, 36] },
  },
  { raw: "[::1]:5000/foo", registry: "[::1]:5000", path: "foo", spans: { registry: [0, 10], path: [11, 14] } },
  { raw: "[fe80::1]/foo:2", registry: "[fe80::1]", path: "foo", tag: "2", spans: { registry: [0, 9], path: [10, 13], tag: [14, 15] } },
  { raw: "ghcr.io/owner/img:tag", registry: "ghcr.io", path: "owner/img", tag: "tag", spans: { registry: [0, 7], path: [8, 17], tag: [18, 21] } },
  {
    raw: "mcr.microsoft.com/windows/servercore:ltsc2022",
    registry: "mcr.microsoft.com",
    path: "windows/servercore",
    tag: "ltsc2022",
    spans: { registry: [0, 17], path: [18, 36], tag: [37, 45] },
  },
  // The port is not a tag
  { raw: "host:5000/app", registry: "host:5000", path: "app", spans: { registry: [0, 9], path: [10, 13] } },
  { raw: "host:5000/app:1", registry: "host:5000", path: "app", tag: "1", spans: { registry: [0, 9], path: [10, 13], tag: [14, 15] } },
  {
    raw: `host:5000/app@${SHA256}`,
    registry: "host:5000",
    path: "app",
    digest: SHA256,
    spans: { registry: [0, 9], path: [10, 13], digest: [14, 85] },
  },
  { raw: "192.168.1.10:5000/app", registry: "192.168.1.10:5000", path: "app", spans: { registry: [0, 17], path: [18, 21] } },
  { raw: "quay.io/a/b/c:1", registry: "quay.io", path: "a/b/c", tag: "1", spans: { registry: [0, 7], path: [8, 13], tag: [14, 15] } },
  { raw: "Example.COM/app", registry: "Example.COM", path: "app", spans: { registry: [0, 11], path: [12, 15] } },
  // Without a "/", "localhost:5000" is a familiar name with a tag, as in Docker
  { raw: "localhost:5000", path: "localhost", fullPath: "library/localhost", tag: "5000", spans: { path: [0, 9], tag: [10, 14] } },
  // Path separators
  { raw: "my__org/my-app.v2", path: "my__org/my-app.v2", spans: { path: [0, 17] } },
  { raw: "a---b_c.d__e", path: "a---b_c.d__e", fullPath: "library/a---b_c.d__e", spans: { path: [0, 12] } },
  {
    raw: "example.com/a_b__c-d--e.f:tag_1.0-rc",
    registry: "example.com",
    path: "a_b__c-d--e.f",
    tag: "tag_1.0-rc",
    spans: { registry: [0, 11], path: [12, 25], tag: [26, 36] },
  },
  { raw: "app:_v", path: "app", fullPath: "library/app", tag: "_v", spans: { path: [0, 3], tag: [4, 6] } },
  // Digests with other algorithms
  {
    raw: `app@sha512:${H64}${H64}`,
    path: "app",
    fullPath: "library/app",
    digest: `sha512:${H64}${H64}`,
    spans: { path: [0, 3], digest: [4, 139] },
  },
  { raw: `app@blake3:${H64}`, path: "app", fullPath: "library/app", digest: `blake3:${H64}`, spans: { path: [0, 3], digest: [4, 75] } },
  {
    raw: `app@multihash+base58:${H64.slice(0, 32)}`,
    path: "app",
    fullPath: "library/app",
    digest: `multihash+base58:${H64.slice(0, 32)}`,
    spans: { path: [0, 3], digest: [4, 53] },
  },
  // Variables
  {
    raw: "${REGISTRY}/app:${TAG}",
    registry: "${REGISTRY}",
    path: "app",
    tag: "${TAG}",
    vars: true,
    spans: { registry: [0, 11], path: [12, 15], tag: [16, 22] },
  },
  { raw: "$IMAGE", path: "$IMAGE", vars: true, spans: { path: [0, 6] } },
  { raw: "$IMAGE:latest", path: "$IMAGE", tag: "latest", vars: true, spans: { path: [0, 6], tag: [7, 13] } },
  { raw: "repo:${TAG:-latest}", path: "repo", fullPath: "library/repo", tag: "${TAG:-latest}", vars: true, spans: { path: [0, 4], tag: [5, 19] } },
  {
    raw: "${REG:-ghcr.io/x}/app:${T:-1.0}",
    registry: "${REG:-ghcr.io/x}",
    path: "app",
    tag: "${T:-1.0}",
    vars: true,
    spans: { registry: [0, 17], path: [18, 21], tag: [22, 31] },
  },
  { raw: "${A:-${B}}/app", registry: "${A:-${B}}", path: "app", vars: true, spans: { registry: [0, 10], path: [11, 14] } },
  { raw: "$ECR/team/app", registry: "$ECR", path: "team/app", vars: true, spans: { registry: [0, 4], path: [5, 13] } },
  { raw: "$1/app", registry: "$1", path: "app", vars: true, spans: { registry: [0, 2], path: [3, 6] } },
  { raw: "myorg/${APP}:1", path: "myorg/${APP}", tag: "1", vars: true, spans: { path: [0, 12], tag: [13, 14] } },
  { raw: "app-${ENV}", path: "app-${ENV}", vars: true, spans: { path: [0, 10] } },
  { raw: "python:${PY}-slim", path: "python", fullPath: "library/python", tag: "${PY}-slim", vars: true, spans: { path: [0, 6], tag: [7, 17] } },
  { raw: `\${IMAGE}@${SHA256}`, path: "${IMAGE}", digest: SHA256, vars: true, spans: { path: [0, 8], digest: [9, 80] } },
  {
    raw: "$REGISTRY_HOST.example.com/App",
    registry: "$REGISTRY_HOST.example.com",
    path: "App",
    vars: true,
    spans: { registry: [0, 26], path: [27, 30] },
    problems: [/must be lowercase/],
  },
  { raw: "app:${TAG", path: "app", fullPath: "library/app", tag: "${TAG", vars: true, spans: { path: [0, 3], tag: [4, 9] }, problems: [/unterminated/] },
  { raw: "app:${TAG}+x", path: "app", fullPath: "library/app", tag: "${TAG}+x", vars: true, spans: { path: [0, 3], tag: [4, 12] }, problems: [/invalid character "\+" in tag/] },
  // Invalid references
  { raw: "Nginx:latest", path: "Nginx", fullPath: "library/Nginx", tag: "latest", spans: { path: [0, 5], tag: [6, 12] }, problems: [/must be lowercase/] },
  { raw: "LOCALHOST/foo", path: "LOCALHOST/foo", spans: { path: [0, 13] }, problems: [/must be lowercase/] },
  { raw: "nginx:", path: "nginx", fullPath: "library/nginx", tag: "", spans: { path: [0, 5], tag: [6, 6] }, problems: [/empty tag/] },
  { raw: "nginx@", path: "nginx", fullPath: "library/nginx", digest: "", spans: { path: [0, 5], digest: [6, 6] }, problems: [/empty digest/] },
  { raw: ":1", path: "", tag: "1", spans: { path: [0, 0], tag: [1, 2] }, problems: [/missing repository name/] },
  { raw: "ghcr.io/", registry: "ghcr.io", path: "", spans: { registry: [0, 7], path: [8, 8] }, problems: [/missing repository name/] },
  { raw: "a//b", path: "a//b", spans: { path: [0, 4] }, problems: [/empty path component/] },
  { raw: "/app", path: "/app", spans: { path: [0, 4] }, problems: [/empty path component/] },
  { raw: "a..b", path: "a..b", fullPath: "library/a..b", spans: { path: [0, 4] }, problems: [/invalid separator "\.\."/] },
  { raw: "a___b", path: "a___b", fullPath: "library/a___b", spans: { path: [0, 5] }, problems: [/invalid separator "___"/] },
  { raw: "a.-b", path: "a.-b", fullPath: "library/a.-b", spans: { path: [0, 4] }, problems: [/invalid separator "\.-"/] },
  { raw: "org/-app", path: "org/-app", spans: { path: [0, 8] }, problems: [/start and end with a letter or digit/] },
  { raw: "app_", path: "app_", fullPath: "library/app_", spans: { path: [0, 4] }, problems: [/start and end/] },
  { raw: "my app", path: "my app", fullPath: "library/my app", spans: { path: [0, 6] }, problems: [/invalid character " " in repository name/] },
  { raw: "foo$", path: "foo$", fullPath: "library/foo$", spans: { path: [0, 4] }, problems: [/invalid character "\$"/] },
  { raw: "app:.v1", path: "app", fullPath: "library/app", tag: ".v1", spans: { path: [0, 3], tag: [4, 7] }, problems: [/must start with a letter, digit or underscore/] },
  { raw: "app:v1+build", path: "app", fullPath: "library/app", tag: "v1+build", spans: { path: [0, 3], tag: [4, 12] }, problems: [/invalid character "\+" in tag/] },
  { raw: "app:a:b", path: "app", fullPath: "library/app", tag: "a:b", spans: { path: [0, 3], tag: [4, 7] }, problems: [/invalid character ":" in tag/] },
  { raw: "registry_x.com/app", registry: "registry_x.com", path: "app", spans: { registry: [0, 14], path: [15, 18] }, problems: [/invalid registry host/] },
  { raw: "-bad.com/app", registry: "-bad.com", path: "app", spans: { registry: [0, 8], path: [9, 12] }, problems: [/invalid registry host/] },
  { raw: "host:port/app", registry: "host:port", path: "app", spans: { registry: [0, 9], path: [10, 13] }, problems: [/invalid registry port "port"/] },
  { raw: "host:/app", registry: "host:", path: "app", spans: { registry: [0, 5], path: [6, 9] }, problems: [/invalid registry port ""/] },
  { raw: "[::1/app", registry: "[::1", path: "app", spans: { registry: [0, 4], path: [5, 8] }, problems: [/unclosed/] },
  { raw: "[zz::1]:5000/app", registry: "[zz::1]:5000", path: "app", spans: { registry: [0, 12], path: [13, 16] }, problems: [/invalid IPv6 address/] },
  { raw: "[::1]x/app", registry: "[::1]x", path: "app", spans: { registry: [0, 6], path: [7, 10] }, problems: [/after IPv6 address/] },
  { raw: "app@sha256:abc", path: "app", fullPath: "library/app", digest: "sha256:abc", spans: { path: [0, 3], digest: [4, 14] }, problems: [/64 hex digits, not 3/] },
  {
    raw: `app@sha256:${H64.toUpperCase()}`,
    path: "app",
    fullPath: "library/app",
    digest: `sha256:${H64.toUpperCase()}`,
    spans: { path: [0, 3], digest: [4, 75] },
    problems: [/lowercase hex/],
  },
  { raw: `app@md5:${H64.slice(0, 31)}`, path: "app", fullPath: "library/app", digest: `md5:${H64.slice(0, 31)}`, spans: { path: [0, 3], digest: [4, 39] }, problems: [/at least 32/] },
  { raw: `app@1sha:${H64}`, path: "app", fullPath: "library/app", digest: `1sha:${H64}`, spans: { path: [0, 3], digest: [4, 73] }, problems: [/invalid digest algorithm/] },
  { raw: "app@sha256", path: "app", fullPath: "library/app", digest: "sha256", spans: { path: [0, 3], digest: [4, 10] }, problems: [/<algorithm>:<hex>/] },
  { raw: "app@sha256:xyz", path: "app", fullPath: "library/app", digest: "sha256:xyz", spans: { path: [0, 3], digest: [4, 14] }, problems: [/hexadecimal/] },
  {
    raw: `app@${SHA256}@${SHA256}`,
    path: "app",
    fullPath: "library/app",
    digest: `${SHA256}@${SHA256}`,
    spans: { path: [0, 3], digest: [4, 147] },
    problems: [/more than one "@"/, /hexadecimal/],
  },
  { raw: H64, path: H64, fullPath: `library/${H64}`, spans: { path: [0, 64] }, problems: [/image ID/] },
  { raw: "  nginx:1 ", path: "nginx", fullPath: "library/nginx", tag: "1", spans: { path: [2, 7], tag: [8, 9] }, problems: [/whitespace/] },
  // A "/" inside the tag makes the text before it a (bad) registry: Docker rejects it too
  { raw: "nginx:1.25/x", registry: "nginx:1.25", path: "x", spans: { registry: [0, 10], path: [11, 12] }, problems: [/invalid registry port "1.25"/] },
];

describe("parseImageReference", () => {
  it.each(cases)("$raw", (c) => {
    const ref = parse(c.raw);
    expect(ref.raw).toBe(c.raw);
    expect(ref.registry).toBe(c.registry);
    expect(ref.domain).toBe(c.registry ?? "docker.io");
    expect(ref.path).toBe(c.path);
    expect(ref.fullPath).toBe(c.fullPath ?? c.path);
    expect(ref.tag).toBe(c.tag);
    expect(ref.digest).toBe(c.digest);
    expect(ref.spans).toEqual(c.spans);
    expect(ref.hasVariables).toBe(c.vars ?? false);
    expectProblems(ref, c.problems);
  });

  it.each(cases)("spans of $raw slice out the parts", (c) => {
    const ref = parse(c.raw);
    const at = (span: [number, number] | undefined): string | undefined => (span ? ref.raw.slice(span[0], span[1]) : undefined);
    expect(at(ref.spans.registry)).toBe(ref.registry);
    expect(at(ref.spans.path)).toBe(ref.path);
    expect(at(ref.spans.tag)).toBe(ref.tag);
    expect(at(ref.spans.digest)).toBe(ref.digest);
  });

  it.each(["", " ", "\t\n  "])("returns undefined for empty input %j", (raw) => {
    expect(parseImageReference(raw)).toBeUndefined();
  });

  it("accepts a tag of exactly 128 characters and rejects 129", () => {
    expect(parse(`app:${"a".repeat(128)}`).problems).toEqual([]);
    expectProblems(parse(`app:${"a".repeat(129)}`), [/129 characters long; the maximum is 128/]);
  });

  it("limits the name (registry included) to 255 characters", () => {
    expect(parse(`example.com/${"a".repeat(243)}:1`).problems).toEqual([]);
    expectProblems(parse(`example.com/${"a".repeat(244)}:1`), [/256 characters long; the maximum is 255/]);
  });

  it("does not judge the length of a name or tag that holds a variable", () => {
    expect(parse(`\${R}/${"a".repeat(300)}:\${T}${"b".repeat(200)}`).problems).toEqual([]);
  });

  it("reports each problem once", () => {
    expect(parse("Foo/Bar/BAZ").problems).toEqual(["repository name must be lowercase"]);
  });

  it("keeps quoted excerpts in problems short", () => {
    const ref = parse(`app:${"!".repeat(1000)}`);
    expect(ref.problems.length).toBeGreaterThan(0);
    for (const problem of ref.problems) expect(problem.length).toBeLessThan(200);
  });
});

describe("adversarial input completes and keeps its structure", () => {
  const N = 100_000;

  it("long path with a bad last character", () => {
    const ref = parse(`${"a".repeat(N)}!`);
    expect(ref.path.length).toBe(N + 1);
    expectProblems(ref, [/invalid character "!"/, /characters long/]);
  });

  it("alternating dashes ending in a dash", () => {
    const ref = parse("a-".repeat(N / 2));
    expect(ref.spans.path).toEqual([0, N]);
    expectProblems(ref, [/start and end/, /characters long/]);
  });

  it("dotted host that never ends properly", () => {
    const ref = parse(`${"a.".repeat(N / 2)}/x`);
    expect(ref.registry?.length).toBe(N);
    expect(ref.path).toBe("x");
    expectProblems(ref, [/invalid registry host/, /characters long/]);
  });

  it("unterminated nested variables", () => {
    const ref = parse("${".repeat(N / 2));
    expect(ref.hasVariables).toBe(true);
    expect(ref.spans.path).toEqual([0, N]);
    expectProblems(ref, [/unterminated/]);
  });

  it("many unbraced variables", () => {
    const ref = parse("$a".repeat(N / 2));
    expect(ref.hasVariables).toBe(true);
    expect(ref.problems).toEqual([]);
  });

  it("colons only", () => {
    const ref = parse(":".repeat(N));
    expect(ref.path).toBe("");
    expect(ref.tag?.length).toBe(N - 1);
    expectProblems(ref, [/missing repository name/, /must start with/, /invalid character ":" in tag/, /characters long/]);
  });

  it("slashes only", () => {
    const ref = parse("/".repeat(N));
    expect(ref.registry).toBeUndefined();
    expect(ref.path.length).toBe(N);
    expectProblems(ref, [/empty path component/, /characters long/]);
  });

  it("many path components", () => {
    const ref = parse(`${"a/".repeat(N / 2)}b:1`);
    expect(ref.tag).toBe("1");
    expectProblems(ref, [/characters long/]);
  });

  it("unclosed IPv6 bracket full of colons", () => {
    const ref = parse(`[${":".repeat(N)}/a`);
    expect(ref.registry?.length).toBe(N + 1);
    expectProblems(ref, [/unclosed/, /characters long/]);
  });

  it("huge digest", () => {
    const ref = parse(`nginx@sha256:${"a".repeat(N)}`);
    expect(ref.digest?.length).toBe(N + 7);
    expectProblems(ref, [/64 hex digits, not 100000/]);
  });

  it("huge digest algorithm", () => {
    const ref = parse(`nginx@${"a-".repeat(N / 2)}:${H64}`);
    expectProblems(ref, [/invalid digest algorithm/]);
  });

  it("huge tag", () => {
    const ref = parse(`x:${"a".repeat(N)}`);
    expect(ref.tag?.length).toBe(N);
    expectProblems(ref, [/characters long; the maximum is 128/]);
  });

  it("many at signs", () => {
    const ref = parse(`a${"@".repeat(N)}`);
    expect(ref.path).toBe("a");
    expect(ref.digest?.length).toBe(N - 1);
    expectProblems(ref, [/more than one "@"/, /<algorithm>:<hex>/]);
  });
});

describe("familiarName", () => {
  it.each([
    ["nginx", "nginx"],
    ["nginx:1", "nginx"],
    ["library/nginx", "nginx"],
    ["docker.io/library/nginx:1", "nginx"],
    ["index.docker.io/nginx", "nginx"],
    ["docker.io/bitnami/redis", "bitnami/redis"],
    ["bitnami/redis@" + SHA256, "bitnami/redis"],
    ["library/a/b", "library/a/b"],
    ["ghcr.io/owner/img:tag", "ghcr.io/owner/img"],
    ["localhost:5000/foo", "localhost:5000/foo"],
    ["${REGISTRY}/app:${TAG}", "${REGISTRY}/app"],
  ])("%s → %s", (raw, expected) => {
    expect(familiarName(parse(raw))).toBe(expected);
  });
});

describe("isDockerHub", () => {
  it.each([
    ["nginx", true],
    ["bitnami/redis", true],
    ["docker.io/library/nginx", true],
    ["index.docker.io/nginx", true],
    ["registry-1.docker.io/library/nginx", true],
    ["registry.hub.docker.com/library/nginx", true],
    ["hub.docker.com/r/nginx", true],
    ["Docker.IO/nginx", true],
    ["ghcr.io/owner/img", false],
    ["docker.io.evil.com/nginx", false],
    ["localhost/nginx", false],
    ["${REGISTRY}/nginx", false],
  ])("%s → %s", (raw, expected) => {
    expect(isDockerHub(parse(raw))).toBe(expected);
  });

  it("gives registry-1.docker.io single names the library/ prefix too", () => {
    expect(parse("registry-1.docker.io/nginx").fullPath).toBe("library/nginx");
  });
});

describe("isScratch", () => {
  it.each([
    ["scratch", true],
    ["  scratch  ", true],
    ["SCRATCH", false],
    ["scratch:latest", false],
    ["docker.io/library/scratch", false],
    ["library/scratch", false],
    ["scratchy", false],
    ["$BASE", false],
  ])("%s → %s", (raw, expected) => {
    expect(isScratch(parse(raw))).toBe(expected);
  });
});

describe("registryMatches", () => {
  it.each([
    ["nginx", "*", true],
    ["nginx", "docker.io", true],
    ["nginx", "hub.docker.com", true],
    ["nginx", "DOCKER.IO", true],
    ["nginx", "ghcr.io", false],
    ["docker.io/library/nginx", "hub.docker.com", true],
    ["index.docker.io/nginx", "docker.io", true],
    ["index.docker.io/nginx", "index.docker.io", true],
    ["ghcr.io/o/i", "ghcr.io", true],
    ["GHCR.io/o/i", "ghcr.IO", true],
    ["ghcr.io/o/i", "docker.io", false],
    ["ghcr.io/o/i", "*", true],
    ["registry.example.com/a", "*.example.com", true],
    ["example.com/a", "*.example.com", false],
    ["registry.example.com.evil.net/a", "*.example.com", false],
    ["registry.example.com/a", "registry.*", true],
    ["registry.example.com/a", "reg*", true],
    ["myregistry.example.com/a", "reg*", false],
    ["localhost:5000/a", "localhost:5000", true],
    ["localhost:5000/a", "localhost", false],
    ["localhost:5000/a", "localhost*", true],
    ["nginx", "docker*", true],
    ["nginx", "*.io", true],
    ["nginx", "", false],
    ["nginx", "  docker.io  ", true],
    ["${REGISTRY}/app", "*", true],
    ["${REGISTRY}/app", "docker.io", false],
  ])("%s ~ %j → %s", (raw, pattern, expected) => {
    expect(registryMatches(parse(raw), pattern)).toBe(expected);
  });
});
