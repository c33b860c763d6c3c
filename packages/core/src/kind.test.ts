import { describe, expect, it } from "vitest";
import { detectKind, isComposeLayerName, kindFromName } from "./kind.js";

describe("kind detection", () => {
  it.each([
    ["Dockerfile", "dockerfile"],
    ["path/to/Dockerfile.prod", "dockerfile"],
    ["api.Dockerfile", "dockerfile"],
    ["api.dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    [".docker/Dockerfile-alpine", "dockerfile"],
    ["tests/Dockerfile_tidyverse_4.0.0", "dockerfile"],
    ["Dockerfile.dockerignore", undefined],
    ["MyDockerfile", undefined],
    ["docker-compose-tls.yml", "compose"],
    ["compose.yaml", "compose"],
    ["compose.prod.yml", "compose"],
    ["docker-compose.yml", "compose"],
    ["docker-compose.override.yaml", "compose"],
    ["docker/compose/local-cluster-compose.yml", "compose"],
    ["dev.docker-compose.yml", "compose"],
    ["stack.compose.yaml", "compose"],
    ["app-composer.yml", undefined],
    ["compose.json", undefined],
    ["etc/docker/daemon.json", "daemon"],
    ["config.yaml", undefined],
    ["README.md", undefined],
  ])("%s → %s", (name, kind) => {
    expect(kindFromName(name)).toBe(kind);
  });
  it("falls back to content for names that say nothing", () => {
    expect(detectKind("build/app.txt", "# comment\nARG X\nFROM alpine\n")).toBe("dockerfile");
    expect(detectKind(undefined, "services:\n  web:\n    image: nginx\n")).toBe("compose");
    expect(detectKind("x", '{ "debug": true }')).toBe("daemon");
    expect(detectKind("x", "hello")).toBeUndefined();
  });
});

describe("isComposeLayerName", () => {
  it.each([
    ["docker-compose.override.yml", true],
    ["deploy/compose.prod.yaml", true],
    ["compose.base.override.yml", true],
    ["overrides__compose.migrator.yaml", true],
    ["compose.yaml", false],
    ["docker-compose.yml", false],
    ["services/docker-compose-dev.yml", false],
  ] as const)("%s → %s", (name, expected) => {
    expect(isComposeLayerName(name)).toBe(expected);
  });
});
