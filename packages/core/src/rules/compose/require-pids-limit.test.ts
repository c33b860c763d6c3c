import { describe, it } from "vitest";
import "../../compose/index.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-pids-limit.js";

const LAYERS = otherLayerCases("`pids_limit`", "    pids_limit: 100\n", ["missing"]);
const RESETS = resetLayerCases("`pids_limit`", "    pids_limit: 100\n", ["missing"], {
  reset: "    pids_limit: !reset null\n",
  resetSetting: "    pids_limit: !reset 100\n",
  dropped: ["dropped"],
});

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    { name: "pids_limit", code: service("    pids_limit: 200\n") },
    { name: "deploy.resources.limits.pids", code: service("    deploy:\n      resources:\n        limits:\n          pids: 100\n") },
    { name: "string value", code: service('    pids_limit: "512"\n') },
    { name: "interpolated default", code: service("    pids_limit: ${PIDS:-100}\n") },
    { name: "variable without default", code: service("    pids_limit: ${PIDS_LIMIT}\n") },
    { name: "an unlimited spelling does not hide a real limit", code: service("    pids_limit: -1\n    deploy:\n      resources:\n        limits:\n          pids: 64\n") },
    { name: "from a merge key", code: "x-hardening: &hardening\n  pids_limit: 100\nservices:\n  web:\n    <<: *hardening\n    image: nginx:1.27\n" },
    { name: "partial service (override file)", code: "services:\n  web:\n    environment: [DEBUG=1]\n" },
    { name: "a build-only layer of an override file", code: "services:\n  app:\n    build: ./app\n", filePath: "/repo/docker-compose.override.yml" },
  ],
  invalid: [
    ...LAYERS.invalid,
    ...RESETS.invalid,
    {
      name: "missing: at the service key",
      code: service(""),
      errors: [{ messageId: "missing", data: { service: "web" }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: "build-only service too",
      code: "services:\n  app:\n    build: .\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "missing, with deploy limits for other resources: at limits",
      code: service("    deploy:\n      resources:\n        limits:\n          memory: 256M\n"),
      errors: [{ messageId: "missing", line: 6, column: 9 }],
    },
    {
      name: "-1 is unlimited: at the value",
      code: service("    pids_limit: -1\n"),
      errors: [{ messageId: "unlimited", data: { service: "web", key: "pids_limit", value: "-1" }, line: 4, column: 17, endColumn: 19 }],
    },
    {
      name: "0 is unlimited too",
      code: service("    deploy:\n      resources:\n        limits:\n          pids: 0\n"),
      errors: [{ messageId: "unlimited", data: { service: "web", key: "deploy.resources.limits.pids", value: "0" }, line: 7, column: 17 }],
    },
    {
      name: "interpolated default -1",
      code: service("    pids_limit: ${PIDS:--1}\n"),
      errors: [{ messageId: "unlimited", line: 4, column: 17 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x:1\n    pids_limit: 50\n  b:\n    image: y:1\n",
      errors: [{ messageId: "missing", data: { service: "b" }, line: 5, column: 3 }],
    },
  ],
});
