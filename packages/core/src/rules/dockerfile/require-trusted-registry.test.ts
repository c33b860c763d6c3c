import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-trusted-registry.js";

const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "a named build context comes from no registry", code: "FROM base\nCOPY --from=assets /a /a\n", settings: { ...trusted("ghcr.io"), buildContexts: ["base", "assets"] } },
    { name: "no setting: the rule does nothing", code: "FROM random.com/debian\n" },
    { name: "empty list", code: "FROM random.com/debian\n", settings: trusted() },
    { name: "allowed registries", code: "FROM random.com/debian\n", settings: trusted("x.com", "random.com") },
    { name: "scratch", code: "FROM scratch\n", settings: trusted("x.com") },
    {
      name: "all forms of Docker Hub",
      code: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\nFROM index.docker.io/library/alpine:3.20\n",
      settings: trusted("docker.io"),
    },
    { name: "earlier stages", code: "FROM random.com/foo AS builder1\nFROM builder1 AS builder2\nCOPY --from=builder1 /a /a\nCOPY --from=0 /b /b\n", settings: trusted("random.com") },
    { name: "wildcard suffix", code: "FROM foo.random.com/debian\n", settings: trusted("x.com", "*.random.com") },
    { name: "wildcard prefix", code: "FROM registry-eu.example.com/app:1\n", settings: trusted("registry-*") },
    { name: "everything", code: "FROM quay.io/x/y:1\nFROM ubuntu:24.04\n", settings: trusted("*") },
    { name: "case-insensitive hosts", code: "FROM Trusted.COM/app:1\n", settings: trusted("trusted.com") },
    { name: "COPY --from a trusted image", code: "FROM trusted.com/base:1\nCOPY --from=trusted.com/repo/image:tag /foo /bar\n", settings: trusted("trusted.com") },
    { name: "RUN --mount from a trusted image", code: "FROM trusted.com/base:1\nRUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar\n", settings: trusted("trusted.com") },
    { name: "registry from a build argument without default", code: "ARG REGISTRY\nFROM ${REGISTRY}/app:1\n", settings: trusted("trusted.com") },
    { name: "registry from an ARG default", code: "ARG REGISTRY=trusted.com\nFROM ${REGISTRY}/app:1\n", settings: trusted("trusted.com") },
    { name: "ONBUILD COPY --from a stage name of the child", code: "FROM trusted.com/base:1\nONBUILD COPY --from=builder /out /app\n", settings: trusted("trusted.com") },
  ],
  invalid: [
    {
      name: "untrusted registry",
      code: "FROM random.com/debian\n",
      settings: trusted("docker.io"),
      errors: [
        {
          messageId: "untrusted",
          data: { what: "FROM", image: "random.com/debian", registry: '"random.com"', trusted: "docker.io", example: "docker.io", path: "debian" },
          line: 1,
          column: 6,
          endColumn: 16,
        },
      ],
    },
    { name: "wildcard does not match", code: "FROM x.com/debian\n", settings: trusted("*.random.com"), errors: [{ messageId: "untrusted", line: 1 }] },
    {
      name: "Docker Hub is not trusted when a list is given",
      code: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n",
      settings: trusted("trusted.com"),
      errors: [
        { messageId: "untrusted", data: { what: "FROM", image: "ubuntu:18.04", registry: "Docker Hub (docker.io: the name has no registry)", trusted: "trusted.com", example: "trusted.com", path: "library/ubuntu" }, line: 1, column: 6, endColumn: 18 },
        { messageId: "untrusted", line: 2, column: 6, endColumn: 26 },
        { messageId: "untrusted", data: { what: "FROM", image: "docker.io/zemanlx/ubuntu:18.04", registry: "Docker Hub (docker.io)", trusted: "trusted.com", example: "trusted.com", path: "zemanlx/ubuntu" }, line: 3, column: 6, endColumn: 15 },
      ],
    },
    {
      name: "COPY --from an untrusted image",
      code: "FROM trusted.com/base:1\nCOPY --from=untrusted.com/repo/image:tag /foo /bar\n",
      settings: trusted("trusted.com"),
      errors: [{ messageId: "untrusted", data: { what: "COPY --from", image: "untrusted.com/repo/image:tag", registry: '"untrusted.com"', trusted: "trusted.com", example: "trusted.com", path: "repo/image" }, line: 2, column: 13, endColumn: 26 }],
    },
    {
      name: "RUN --mount bind from an untrusted image",
      code: "FROM trusted.com/base:1\nRUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar\n",
      settings: trusted("trusted.com"),
      errors: [{ messageId: "untrusted", data: { what: "RUN --mount from=", image: "untrusted.com/repo/image:tag", registry: '"untrusted.com"', trusted: "trusted.com", example: "trusted.com", path: "repo/image" }, line: 2, column: 28, endColumn: 41 }],
    },
    {
      name: "RUN --mount cache from Docker Hub",
      code: "FROM trusted.com/base:1\nRUN --mount=type=cache,from=busybox,target=/foo foobar\n",
      settings: trusted("trusted.com"),
      errors: [{ messageId: "untrusted", line: 2, column: 29, endColumn: 36 }],
    },
    {
      name: "registry from an ARG default",
      code: "ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/acme/app:1\n",
      settings: trusted("trusted.com"),
      errors: [{ messageId: "untrusted", data: { what: "FROM", image: "ghcr.io/acme/app:1", registry: '"ghcr.io"', trusted: "trusted.com", example: "trusted.com", path: "acme/app" }, line: 2, column: 6, endColumn: 28 }],
    },
    {
      name: "registry written, tag from a variable",
      code: "ARG V=1\nFROM quay.io/acme/app:${V}\n",
      settings: trusted("trusted.com", "*.example.com"),
      errors: [{ messageId: "untrusted", line: 2, column: 6, endColumn: 13 }],
    },
    {
      name: "ONBUILD COPY --from an image",
      code: "FROM trusted.com/base:1\nONBUILD COPY --from=quay.io/x/y:1 /a /a\n",
      settings: trusted("trusted.com"),
      errors: [{ messageId: "untrusted", line: 2, column: 21, endColumn: 28 }],
    },
    {
      name: "escape directive, Windows base image",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
      settings: trusted("docker.io"),
      errors: [{ messageId: "untrusted", data: { what: "FROM", image: "mcr.microsoft.com/windows/servercore:ltsc2022", registry: '"mcr.microsoft.com"', trusted: "docker.io", example: "docker.io", path: "windows/servercore" }, line: 2, column: 6, endColumn: 23 }],
    },
  ],
});
