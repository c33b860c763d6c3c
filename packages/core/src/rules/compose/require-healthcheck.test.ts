import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { fileHost } from "../../../test/support/file-host.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/require-healthcheck.js";
import rule from "./require-healthcheck.js";

const LAYERS = otherLayerCases("a healthcheck", "    healthcheck:\n      test: [\"CMD\", \"true\"]\n", ["missing"]);
const RESETS = resetLayerCases("a healthcheck", "    healthcheck:\n      test: [\"CMD\", \"true\"]\n", ["missing"], {
  reset: "    healthcheck: !reset {}\n",
  resetSetting: '    healthcheck: !reset\n      test: ["CMD", "true"]\n',
  dropped: ["dropped"],
});

describe("require-healthcheck options", () => {
  it("has the same options schema and defaults as the Dockerfile rule of the same id", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
  });
});

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    {
      name: "exec-form check",
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n      interval: 30s\n',
    },
    {
      name: "a service another waits for with service_healthy has a check in its image (zipkin)",
      code: "services:\n  zipkin:\n    image: openzipkin/zipkin:3.4\n  frontend:\n    image: openzipkin/brave-example:armeria\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n    depends_on:\n      zipkin:\n        condition: service_healthy\n",
    },
    { name: "CMD-SHELL string check", code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: curl -f http://localhost || exit 1\n" },
    { name: "timings only: the image's own test is kept", code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      interval: 10s\n" },
    { name: "disable: false", code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: false\n      test: ["CMD", "true"]\n' },
    { name: "built service: its Dockerfile may define HEALTHCHECK", code: "services:\n  app:\n    build: .\n" },
    { name: "built and tagged service", code: "services:\n  app:\n    build:\n      context: ./app\n    image: ghcr.io/acme/app:1.0\n" },
    { name: "partial service of an override file", code: "services:\n  web:\n    environment:\n      DEBUG: \"1\"\n" },
    {
      name: "extends a service that has one",
      code: 'services:\n  base:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n  web:\n    extends: base\n',
    },
    { name: "extends a service in a file that cannot be read", code: "services:\n  web:\n    extends:\n      file: common.yaml\n      service: web\n" },
    {
      name: "healthcheck through a merge key",
      code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *hc\n    image: nginx:1.27\n',
    },
    { name: "no services", code: "name: demo\n" },
    { name: "image listed in imagesWithHealthcheck", code: "services:\n  db:\n    image: postgres:17\n", options: { imagesWithHealthcheck: ["postgres"] } },
    { name: "wildcard pattern", code: "services:\n  cache:\n    image: bitnami/redis:7.4\n", options: { imagesWithHealthcheck: ["bitnami/*"] } },
    { name: "pattern with a tag", code: "services:\n  db:\n    image: docker.io/library/mongo:7.0\n", options: { imagesWithHealthcheck: ["mongo:7*"] } },
    { name: "interpolated image default matches", code: "services:\n  db:\n    image: ${DB_IMAGE:-postgres:17}\n", options: { imagesWithHealthcheck: ["postgres"] } },
    { name: "disable: true accepted with allowNone", code: "services:\n  job:\n    image: alpine:3.20\n    healthcheck:\n      disable: true\n", options: { allowNone: true } },
    { name: 'test: ["NONE"] accepted with allowNone', code: 'services:\n  job:\n    image: alpine:3.20\n    healthcheck:\n      test: ["NONE"]\n', options: { allowNone: true } },
    { name: "disable from an unset variable is not a guess", code: "services:\n  job:\n    image: alpine:3.20\n    healthcheck:\n      disable: ${NO_HC}\n" },
  ],
  invalid: [
    {
      name: "service_started or a list of names says nothing about a check",
      code: "services:\n  db:\n    image: postgres:17\n  cache:\n    image: redis:7\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n    depends_on:\n      db:\n        condition: service_started\n  worker:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n    depends_on: [cache]\n",
      errors: [
        { messageId: "missing", line: 2 },
        { messageId: "missing", line: 4 },
      ],
    },
    ...LAYERS.invalid,
    ...RESETS.invalid,
    {
      name: "missing: reported at the service key",
      code: "services:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "missing", data: { service: "web" }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n  app:\n    build: .\n",
      errors: [
        { messageId: "missing", line: 2, column: 3 },
        { messageId: "missing", line: 4, column: 3 },
      ],
    },
    {
      name: "pattern for another image does not help",
      code: "services:\n  db:\n    image: postgres:17\n",
      options: { imagesWithHealthcheck: ["mysql", "postgres:16*"] },
      errors: [{ messageId: "missing", line: 2 }],
    },
    {
      name: "image from an unset variable is still missing a check",
      code: "services:\n  web:\n    image: ${IMAGE}\n",
      options: { imagesWithHealthcheck: ["*"] },
      errors: [{ messageId: "missing", line: 2 }],
    },
    {
      name: "extends a service without one",
      code: "services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n",
      errors: [
        { messageId: "missing", line: 2 },
        { messageId: "missing", line: 4 },
      ],
    },
    {
      name: "disable: true, at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n",
      errors: [{ messageId: "disabled", data: { service: "web", entry: "disable: true" }, line: 5, column: 16, endColumn: 20 }],
    },
    {
      name: "disable as a string, and on a built service",
      code: 'services:\n  app:\n    build: .\n    healthcheck:\n      disable: "true"\n',
      errors: [{ messageId: "disabled", data: { service: "app", entry: "disable: true" }, line: 5, column: 16 }],
    },
    {
      name: 'test: ["NONE"], at the list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["NONE"]\n',
      errors: [{ messageId: "disabled", data: { service: "web", entry: 'test: ["NONE"]' }, line: 5, column: 13, endColumn: 21 }],
    },
    {
      name: "block list NONE in a partial (override) service: a written value is judged",
      code: "services:\n  web:\n    healthcheck:\n      test:\n        - NONE\n",
      errors: [{ messageId: "disabled", line: 5, column: 9 }],
    },
    {
      name: "test: NONE as a string is a shell command that fails, even with allowNone",
      code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: NONE\n",
      options: { allowNone: true },
      errors: [{ messageId: "shellNone", data: { service: "web", entry: "test: NONE", command: "NONE" }, line: 5, column: 13 }],
    },
    {
      name: "opt-out through a merge key: at the merge site",
      code: "x-nohc: &nohc\n  healthcheck:\n    disable: true\nservices:\n  web:\n    image: nginx:1.27\n    <<: *nohc\n",
      errors: [{ messageId: "disabled", line: 7, column: 5 }],
    },
    {
      name: "interpolated default true",
      code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: ${NO_HC:-true}\n",
      errors: [{ messageId: "disabled", line: 5 }],
    },
    {
      name: "allowNone: false reports opt-outs too (the Dockerfile reading of the option)",
      code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n",
      options: { allowNone: false },
      errors: [{ messageId: "disabled", line: 5 }],
    },
  ],
});

createRuleTester({ describe, it }).run(dockerfileRule, {
  valid: [
    { name: "imagesWithHealthcheck: the base image defines one", code: "FROM postgres:17\nCOPY init.sql /docker-entrypoint-initdb.d/\n", options: { imagesWithHealthcheck: ["postgres"] } },
    {
      name: "imagesWithHealthcheck: the root of the stage chain counts",
      code: "FROM ghcr.io/acme/base:2 AS base\nFROM base\nRUN true\n",
      options: { imagesWithHealthcheck: ["ghcr.io/acme/*"] },
    },
    { name: "imagesWithHealthcheck with an ARG default", code: "ARG V=17\nFROM postgres:${V}\n", options: { imagesWithHealthcheck: ["postgres:1*"] } },
  ],
  invalid: [
    {
      name: "imagesWithHealthcheck for another image",
      code: "FROM node:20\n",
      options: { imagesWithHealthcheck: ["postgres"] },
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "imagesWithHealthcheck does not excuse HEALTHCHECK NONE with allowNone false",
      code: "FROM postgres:17\nHEALTHCHECK NONE\n",
      options: { imagesWithHealthcheck: ["postgres"], allowNone: false },
      errors: [{ messageId: "disabled", line: 2 }],
    },
  ],
});

const project = fileHost({
  "api/Dockerfile": "FROM node:22-slim\nHEALTHCHECK --interval=30s CMD [\"node\", \"healthcheck.js\"]\nUSER node\n",
  "worker/Dockerfile": "FROM python:3.13-slim\nCMD [\"python\", \"worker.py\"]\n",
  "off/Dockerfile": "FROM nginx:1.27\nHEALTHCHECK NONE\n",
  "multi/Dockerfile": "FROM alpine:3.20 AS base\nHEALTHCHECK CMD [\"true\"]\nFROM base AS release\nFROM alpine:3.20 AS bare\n",
  "db/Dockerfile": "FROM postgres:17\n",
});

describe("require-healthcheck: the Dockerfile a service builds", () => {
  createRuleTester({ describe, it }).run(rule, {
    valid: [
      { name: "the Dockerfile has a HEALTHCHECK", code: "services:\n  api:\n    build: ./api\n", services: project },
      { name: "inherited from the stage it builds on", code: "services:\n  app:\n    build:\n      context: multi\n      target: release\n", services: project },
      { name: "no reader: as for the Compose file alone", code: "services:\n  app:\n    build: ./worker\n" },
      { name: "the service defines one", code: "services:\n  app:\n    build: ./worker\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n", services: project },
      { name: "HEALTHCHECK NONE accepted with allowNone", code: "services:\n  web:\n    build: off\n", options: { allowNone: true }, services: project },
      { name: "the base image is listed in imagesWithHealthcheck", code: "services:\n  db:\n    build: db\n", options: { imagesWithHealthcheck: ["postgres"] }, services: project },
      { name: "a missing Dockerfile is left to valid-file-references", code: "services:\n  app:\n    build: ./gone\n", services: project },
    ],
    invalid: [
      {
        name: "neither the service nor the Dockerfile",
        code: "services:\n  worker:\n    build: ./worker\n",
        services: project,
        errors: [{ messageId: "missingInBuild", data: { service: "worker", dockerfile: "worker/Dockerfile", image: "python:3.13-slim" }, line: 2, column: 3, endColumn: 9 }],
      },
      {
        name: "HEALTHCHECK NONE in the Dockerfile",
        code: "services:\n  web:\n    build: off\n",
        services: project,
        errors: [{ messageId: "noneInBuild", data: { service: "web", dockerfile: "off/Dockerfile", line: 2 }, line: 2 }],
      },
      {
        name: "a target stage that does not inherit the check",
        code: "services:\n  app:\n    build:\n      context: multi\n      target: bare\n",
        services: project,
        errors: [{ messageId: "missingInBuild", data: { service: "app", dockerfile: "multi/Dockerfile", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "disable: true over a Dockerfile HEALTHCHECK",
        code: "services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n",
        services: project,
        errors: [{ messageId: "disabled", line: 5, column: 16 }],
      },
    ],
  });
});
