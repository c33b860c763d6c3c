import { describe, it } from "vitest";
import "../../compose/index.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-read-only-root-filesystem.js";

const LAYERS = otherLayerCases("`read_only`", "    read_only: true\n", ["missing"]);
const RESETS = resetLayerCases("`read_only`", "    read_only: true\n", ["missing"], {
  reset: "    read_only: !reset null\n",
  resetSetting: "    read_only: !reset true\n",
  dropped: ["dropped"],
});

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    { name: "read_only: true", code: service("    read_only: true\n    tmpfs: [/tmp]\n") },
    { name: "string true (Go spellings)", code: service('    read_only: "True"\n') },
    { name: "interpolated default true", code: service("    read_only: ${READ_ONLY:-true}\n") },
    { name: "variable without default: chosen where the file is run", code: service("    read_only: ${MATTERMOST_CONTAINER_READONLY}\n") },
    { name: "from a merge key", code: "x-hardening: &hardening\n  read_only: true\nservices:\n  web:\n    <<: *hardening\n    image: nginx:1.27\n" },
    { name: "inherited through extends", code: "services:\n  base:\n    image: nginx:1.27\n    read_only: true\n  web:\n    extends: base\n" },
    { name: "partial service (override file)", code: "services:\n  web:\n    environment: [DEBUG=1]\n" },
    { name: "a build-only layer of an override file", code: "services:\n  app:\n    build: ./app\n", filePath: "/repo/docker-compose.override.yml" },
    { name: "no services", code: "name: empty\n" },
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
      name: "build-only service too (Semgrep checks only services with image)",
      code: "services:\n  app:\n    build: .\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "false: at the value",
      code: service("    read_only: false\n"),
      errors: [{ messageId: "disabled", data: { service: "web", value: "false" }, line: 4, column: 16, endColumn: 21 }],
    },
    {
      name: "string false and interpolated default false",
      code: "services:\n  a:\n    image: x:1\n    read_only: \"no\"\n  b:\n    image: y:1\n    read_only: ${RO:-false}\n",
      errors: [
        { messageId: "disabled", data: { service: "a", value: "no" }, line: 4, column: 16 },
        { messageId: "disabled", data: { service: "b", value: "${RO:-false}" }, line: 7, column: 16 },
      ],
    },
    {
      name: "false from a merge key: at the merge site",
      code: "x-rw: &rw\n  read_only: false\nservices:\n  web:\n    <<: *rw\n    image: nginx:1.27\n",
      errors: [{ messageId: "disabled", line: 5, column: 5, endColumn: 12 }],
    },
    {
      name: "partial service with false: the value is written here",
      code: "services:\n  web:\n    read_only: false\n",
      errors: [{ messageId: "disabled", line: 3, column: 16 }],
    },
    {
      name: "Semgrep's test file",
      code: 'version: "3.9"\nservices:\n  web:\n    image: nginx:alpine\n  worker:\n    image: my-worker-image:latest\n    read_only: false\n  db:\n    image: mysql\n    read_only: true\n',
      errors: [
        { messageId: "missing", line: 3, column: 3 },
        { messageId: "disabled", line: 7, column: 16 },
      ],
    },
  ],
});
