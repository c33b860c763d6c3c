import { describe, expect, it } from "vitest";
import { fileHost } from "../../test/support/file-host.js";
import type { LintServices } from "../rule.js";
import { buildHealthcheck, buildReferences, buildUser, serviceBuild } from "./build.js";
import type { ComposeModel } from "./model.js";
import { parseCompose } from "./parse.js";

function parse(text: string, services: LintServices = {}): ComposeModel {
  const parsed = parseCompose(text, { context: { filePath: "compose.yaml", services, settings: {} } });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.model;
}

function build(text: string, files: Record<string, string>, name = "app") {
  const services = fileHost(files);
  const model = parse(text, services);
  const service = model.services.find((s) => s.name === name);
  if (!service) throw new Error(`no service ${name}`);
  return serviceBuild(model, service, services);
}

describe("serviceBuild", () => {
  it("reads each Dockerfile once per lint, whatever the number of services and rules asking", () => {
    const reads: string[] = [];
    const host = fileHost({ "app/Dockerfile": "FROM alpine:3.20\nUSER 10001\n" });
    const services: LintServices = { ...host, readFile: (path) => (reads.push(path), host.readFile(path)) };
    const model = parse("services:\n  a:\n    build: app\n  b:\n    build: ./app/\n", services);
    for (const service of [...model.services, ...model.services]) expect(serviceBuild(model, service, services).status).toBe("ok");
    expect(reads.filter((path) => path === "app/Dockerfile")).toHaveLength(1);
  });

  it("resolves dockerfile relative to the context, and the context relative to the Compose file", () => {
    const result = build("services:\n  app:\n    build:\n      context: ./src/..\n      dockerfile: docker/Dockerfile\n", { "docker/Dockerfile": "FROM alpine:3.20\n" });
    expect(result.status === "ok" && [result.context, result.dockerfile]).toEqual(["", "docker/Dockerfile"]);
  });

  it("falls back to `dockerfile` for the default name, as the docker CLI does", () => {
    const result = build("services:\n  app:\n    build: app\n", { "app/dockerfile": "FROM alpine:3.20\n" });
    expect(result.status === "ok" && result.dockerfile).toBe("app/dockerfile");
  });

  it("applies args to ARGs in scope only: ENV wins, an undeclared name is not passed in", () => {
    const files = {
      "a/Dockerfile": "FROM alpine:3.20\nARG UID=0\nUSER ${UID}\n",
      "b/Dockerfile": "FROM alpine:3.20\nARG UID=0\nENV UID=0\nUSER ${UID}\n",
      "c/Dockerfile": "FROM alpine:3.20\nUSER ${UID:-0}\n",
    };
    const userOf = (context: string): string | undefined => {
      const result = build(`services:\n  app:\n    build:\n      context: ${context}\n      args: {UID: "10001"}\n`, files);
      if (result.status !== "ok") return undefined;
      const user = buildUser(result);
      return user.kind === "set" ? user.value : undefined;
    };
    expect([userOf("a"), userOf("b"), userOf("c")]).toEqual(["10001", "0", "0"]);
  });

  it("applies args to the base image of a stage without USER", () => {
    const result = build("services:\n  app:\n    build:\n      context: .\n      args:\n        BASE: gcr.io/distroless/static:nonroot\n", {
      Dockerfile: "ARG BASE=alpine:3.20\nFROM ${BASE}\n",
    });
    expect(result.status === "ok" && buildUser(result)).toEqual({ kind: "unset", image: "gcr.io/distroless/static:nonroot", fromEnvironment: [] });
  });

  it("keeps a base image from a build arg that Compose takes from the environment as written, not the ARG's default (cypress-docker-images)", () => {
    const files = {
      Dockerfile: "ARG BASE_IMAGE='debian:11-slim'\nFROM ${BASE_IMAGE}\n",
      "tag/Dockerfile": "ARG TAG=3.20\nARG BASE=alpine:${TAG}\nFROM ${BASE}\n",
      ".env": "BASE_IMAGE=gcr.io/distroless/static-debian12:nonroot\nTAG=3.21\n",
    };
    const baseOf = (context: string, args: string) => {
      const result = build(`services:\n  app:\n    build:\n      context: ${context}\n      args:\n${args}`, files);
      return result.status === "ok" ? buildUser(result) : result.status;
    };
    expect(baseOf(".", "        BASE_IMAGE: ${BASE_IMAGE}\n")).toEqual({ kind: "unset", image: "${BASE_IMAGE}", fromEnvironment: ["BASE_IMAGE"] });
    expect(baseOf(".", "        - BASE_IMAGE\n")).toEqual({ kind: "unset", image: "${BASE_IMAGE}", fromEnvironment: ["BASE_IMAGE"] });
    // With a default, Compose passes the default when the variable is unset, as knownValue reads it.
    expect(baseOf(".", "        BASE_IMAGE: ${BASE_IMAGE:-alpine:3.20}\n")).toEqual({ kind: "unset", image: "alpine:3.20", fromEnvironment: [] });
    expect(baseOf(".", "        OTHER: ${OTHER}\n")).toEqual({ kind: "unset", image: "debian:11-slim", fromEnvironment: [] });
    expect(baseOf("tag", "        TAG: ${TAG}\n")).toEqual({ kind: "unset", image: "alpine:${TAG}", fromEnvironment: ["TAG"] });
    expect(baseOf("tag", '        TAG: "3.21"\n')).toEqual({ kind: "unset", image: "alpine:3.21", fromEnvironment: [] });
  });

  it("finds the HEALTHCHECK in force, NONE included", () => {
    const check = (dockerfile: string) => {
      const result = build("services:\n  app:\n    build: .\n", { Dockerfile: dockerfile });
      return result.status === "ok" ? buildHealthcheck(result).kind : result.status;
    };
    expect([check("FROM a:1\nHEALTHCHECK CMD true\n"), check("FROM a:1\nHEALTHCHECK NONE\n"), check("FROM a:1\n")]).toEqual(["check", "none", "absent"]);
  });

  it("is unknown without a reader, for a variable without default, and for a build inherited from another file", () => {
    const files = { "app/Dockerfile": "FROM alpine:3.20\n", "base.yaml": "services:\n  base:\n    build: app\n" };
    const model = parse("services:\n  app:\n    build: app\n");
    expect(model.services.map((service) => serviceBuild(model, service, {}).status)).toEqual(["unknown"]);
    expect(build("services:\n  app:\n    build: ${DIR}\n", files).status).toBe("unknown");
    expect(build("services:\n  app:\n    extends: {file: base.yaml, service: base}\n", files).status).toBe("unknown");
    expect(build("services:\n  base:\n    build: app\n  app:\n    extends: base\n", files).status).toBe("ok");
  });

  it("tells a missing context, a missing Dockerfile and a missing target apart", () => {
    const files = { "app/Dockerfile": "FROM alpine:3.20 AS build\nFROM build AS release\n" };
    expect(build("services:\n  app:\n    build: gone\n", files).status).toBe("missing-context");
    expect(build("services:\n  app:\n    build: {context: app, dockerfile: Containerfile}\n", files).status).toBe("missing-dockerfile");
    const target = build("services:\n  app:\n    build: {context: app, target: relese}\n", files);
    expect(target.status === "missing-target" && target.stages).toEqual(["build", "release"]);
  });
});

describe("buildReferences", () => {
  it("lists the Dockerfiles a file builds, without dockerfile_inline or unknown paths", () => {
    const model = parse(
      "services:\n  a:\n    build: ./a\n  b:\n    build: {context: ., dockerfile: docker/b.Dockerfile}\n  c:\n    build: {dockerfile_inline: 'FROM x'}\n  d:\n    build: ${D}\n  e:\n    image: e:1\n",
    );
    expect(buildReferences(model)).toEqual([
      { service: "a", context: "a", dockerfile: "a/Dockerfile" },
      { service: "b", context: "", dockerfile: "docker/b.Dockerfile" },
    ]);
  });

  it("gives the stage build.target names", () => {
    const model = parse("services:\n  dev:\n    build: {context: ., target: development}\n  prod:\n    build: .\n");
    expect(buildReferences(model)).toEqual([
      { service: "dev", context: "", dockerfile: "Dockerfile", target: "development" },
      { service: "prod", context: "", dockerfile: "Dockerfile" },
    ]);
  });
});
