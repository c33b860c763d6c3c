import { describe, it } from "vitest";
import "../../compose/index.js";
import { fileHost } from "../../../test/support/file-host.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-resource-limits.js";

const LAYERS = otherLayerCases("the limits", "    mem_limit: 256m\n    cpus: 0.5\n", ["memory", "cpu"]);
const RESETS = resetLayerCases("the limits", "    mem_limit: 256m\n    cpus: 0.5\n", ["memory", "cpu"], {
  reset: "    mem_limit: !reset null\n    cpus: !reset null\n",
  resetSetting: "    mem_limit: !reset 256m\n    cpus: !reset 0.5\n",
  dropped: ["memoryDropped", "cpuDropped"],
});

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    {
      name: "reset: an override that resets mem_limit keeps the base file's deploy.resources.limits.memory (each path on its own)",
      filePath: "/repo/compose.override.yaml",
      code: "services:\n  web:\n    mem_limit: !reset null\n",
      services: fileHost({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          memory: 256m\n" }),
    },
    { name: "deploy limits", code: service("    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n          memory: 256M\n") },
    { name: "service-level keys", code: service("    mem_limit: 512m\n    cpus: 0.25\n") },
    { name: "one of each kind", code: service("    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          cpus: '1'\n") },
    { name: "cpu_quota", code: service("    mem_limit: 512m\n    cpu_quota: 50000\n") },
    { name: "cpuset", code: service("    mem_limit: 512m\n    cpuset: \"0,1\"\n") },
    { name: "Windows cpu_count and cpu_percent", code: service("    mem_limit: 512m\n    cpu_count: 2\n  win:\n    image: mcr.microsoft.com/windows/servercore:ltsc2022\n    mem_limit: 1g\n    cpu_percent: 50\n") },
    { name: "interpolated defaults", code: service("    mem_limit: ${MEM:-512m}\n    cpus: ${CPUS:-0.5}\n") },
    { name: "variables without default: chosen where the file is run", code: service("    mem_limit: ${MEM_LIMIT}\n    deploy:\n      resources:\n        limits:\n          cpus: ${CPU_LIMIT}\n") },
    { name: "an unlimited spelling does not hide a real limit", code: service("    mem_limit: 0\n    cpus: 0\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: 128M\n") },
    { name: "limits from a merge key", code: "x-limits: &limits\n  deploy:\n    resources:\n      limits: {cpus: '0.5', memory: 256M}\nservices:\n  web:\n    <<: *limits\n    image: nginx:1.27\n" },
    { name: "limits inherited through extends", code: "services:\n  base:\n    image: nginx:1.27\n    mem_limit: 256m\n    cpus: 0.5\n  web:\n    extends: base\n" },
    { name: "partial service (override file): the base file may set them", code: "services:\n  web:\n    ports: [\"127.0.0.1:80:80\"]\n" },
    {
      name: "a build-only layer of an override file (mailcow BUILD_FLAGS): the base file may set them",
      code: "services:\n  rspamd:\n    build: ./data/Dockerfiles/rspamd\n",
      filePath: "/repo/docker-compose.override.yml",
    },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    ...LAYERS.invalid,
    ...RESETS.invalid,
    {
      name: "reset: !reset on deploy drops the base file's deploy.resources.limits, reported at the deploy key",
      filePath: "/repo/compose.override.yaml",
      code: "services:\n  web:\n    deploy: !reset {}\n",
      services: fileHost({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits: {memory: 256m, cpus: \"0.5\"}\n" }),
      errors: [
        { messageId: "memoryDropped", line: 3, data: { key: "deploy", tag: "!reset", file: "compose.yaml", service: "web" } },
        { messageId: "cpuDropped", line: 3, data: { key: "deploy", tag: "!reset", file: "compose.yaml", service: "web" } },
      ],
    },
    {
      name: "nothing at all: two findings at the service key",
      code: service(""),
      errors: [
        { messageId: "memory", data: { service: "web" }, line: 2, column: 3, endLine: 2, endColumn: 6 },
        { messageId: "cpu", data: { service: "web" }, line: 2, column: 3, endColumn: 6 },
      ],
    },
    {
      name: "an override file's service with an image of its own is judged",
      code: "services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    mem_limit: 64m\n",
      filePath: "/repo/docker-compose.override.yml",
      errors: [{ messageId: "cpu", data: { service: "exporter" }, line: 2, column: 3 }],
    },
    {
      name: "build-only service too",
      code: "services:\n  app:\n    build: .\n    mem_limit: 512m\n",
      errors: [{ messageId: "cpu", line: 2, column: 3 }],
    },
    {
      name: "limits without cpus: at limits",
      code: service("    deploy:\n      resources:\n        limits:\n          memory: 256M\n        reservations:\n          cpus: '0.1'\n"),
      errors: [{ messageId: "cpu", line: 6, column: 9, endColumn: 15 }],
    },
    {
      name: "resources without limits: at resources (reservations are not limits)",
      code: service("    deploy:\n      resources:\n        reservations:\n          cpus: '0.1'\n          memory: 128M\n"),
      errors: [
        { messageId: "memory", line: 5, column: 7, endColumn: 16 },
        { messageId: "cpu", line: 5, column: 7 },
      ],
    },
    {
      name: "deploy without resources: at deploy",
      code: service("    deploy:\n      replicas: 2\n"),
      errors: [
        { messageId: "memory", line: 4, column: 5, endColumn: 11 },
        { messageId: "cpu", line: 4, column: 5 },
      ],
    },
    {
      name: "mem_limit 0 means unlimited: at the value",
      code: service("    mem_limit: 0\n    cpus: 1\n"),
      errors: [{ messageId: "memoryUnlimited", data: { service: "web", key: "mem_limit", value: "0" }, line: 4, column: 16, endColumn: 17 }],
    },
    {
      name: "negative and zero spellings",
      code: service("    mem_limit: \"-1\"\n    cpu_quota: -1\n"),
      errors: [
        { messageId: "memoryUnlimited", data: { service: "web", key: "mem_limit", value: "-1" }, line: 4, column: 16 },
        { messageId: "cpuUnlimited", data: { service: "web", key: "cpu_quota", value: "-1" }, line: 5, column: 16 },
      ],
    },
    {
      name: "deploy limits of 0",
      code: service("    deploy:\n      resources:\n        limits:\n          cpus: '0'\n          memory: 0M\n"),
      errors: [
        { messageId: "cpuUnlimited", data: { service: "web", key: "deploy.resources.limits.cpus", value: "0" }, line: 7, column: 17 },
        { messageId: "memoryUnlimited", data: { service: "web", key: "deploy.resources.limits.memory", value: "0M" }, line: 8, column: 19 },
      ],
    },
    {
      name: "interpolated default 0 and empty default",
      code: service("    mem_limit: ${MEM:-0}\n    cpus: ${CPUS:-}\n"),
      errors: [
        { messageId: "memoryUnlimited", line: 4, column: 16 },
        { messageId: "cpuUnlimited", line: 5, column: 11 },
      ],
    },
    {
      name: "deploy from a merge key without limits: at the merge site",
      code: "x-deploy: &deploy\n  deploy:\n    restart_policy:\n      condition: on-failure\nservices:\n  web:\n    <<: *deploy\n    image: nginx:1.27\n    mem_limit: 256m\n",
      errors: [{ messageId: "cpu", line: 7, column: 5, endColumn: 16 }],
    },
    {
      name: "empty deploy: at deploy",
      code: service("    cpus: 1\n    deploy:\n"),
      errors: [{ messageId: "memory", line: 5, column: 5, endColumn: 11 }],
    },
    {
      name: "Compose v1 file",
      code: "web:\n  image: nginx:1.27\n  mem_limit: 512m\n",
      errors: [{ messageId: "cpu", line: 1, column: 1, endColumn: 4 }],
    },
  ],
});
