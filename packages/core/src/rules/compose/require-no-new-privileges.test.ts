import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { applySuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-no-new-privileges.js";

const LAYERS = otherLayerCases("`no-new-privileges`", "    security_opt: [\"no-new-privileges:true\"]\n", ["missing"]);
const RESETS = resetLayerCases("`no-new-privileges`", "    security_opt: [\"no-new-privileges:true\"]\n", ["missing"], {
  reset: "    security_opt: !reset []\n",
  resetSetting: '    security_opt: !reset ["no-new-privileges:true"]\n',
  dropped: ["dropped"],
});

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n",
    { name: "= form", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges=true\n" },
    { name: "bare flag", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges\n" },
    { name: "among other entries", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=docker-default\n      - \"no-new-privileges: true\"\n" },
    { name: "from a merge key", code: "x-sec: &sec\n  security_opt: [no-new-privileges:true]\nservices:\n  web:\n    <<: *sec\n    image: nginx:1.27\n" },
    { name: "interpolated default", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:${NNP:-true}\n" },
    { name: "no services", code: "name: empty\n" },
    { name: "a partial service (override file) is left to the file that defines it", code: "services:\n  web:\n    ports: [\"127.0.0.1:80:80\"]\n" },
    {
      name: "a build-only layer of an override file (mailcow BUILD_FLAGS) is left to the base file",
      code: "services:\n  dockerapi:\n    build: ./data/Dockerfiles/dockerapi\n",
      filePath: "/repo/docker-compose.override.yml",
    },
  ],
  invalid: [
    ...LAYERS.invalid,
    ...RESETS.invalid,
    {
      name: "no security_opt: at the service key",
      code: "services:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "missing", line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: "an override file's service with an image of its own is judged",
      code: "services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n",
      filePath: "/repo/docker-compose.override.yml",
      errors: [{ messageId: "missing", data: { service: "exporter" }, line: 2, column: 3 }],
    },
    {
      name: "a build-only layer of an override file that disables it: the value is judged",
      code: "services:\n  app:\n    build: .\n    security_opt:\n      - no-new-privileges:false\n",
      filePath: "/repo/docker-compose.override.yml",
      errors: [{ messageId: "disabled", line: 5, column: 9 }],
    },
    {
      name: "build-only service too",
      code: "services:\n  app:\n    build: .\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "security_opt without it: at the security_opt key",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=docker-default\n",
      errors: [{ messageId: "missingInList", line: 4, column: 5, endColumn: 17 }],
    },
    {
      name: "explicitly false: at the entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:false\n",
      errors: [{ messageId: "disabled", line: 5, column: 9, endColumn: 32 }],
    },
    {
      name: "interpolated default false",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges=${NNP:-false}\n",
      errors: [{ messageId: "disabled", line: 5, column: 9 }],
    },
    {
      name: "merge key without it: at the merge site",
      code: "x-sec: &sec\n  security_opt: [apparmor=docker-default]\nservices:\n  web:\n    <<: *sec\n    image: nginx:1.27\n",
      errors: [{ messageId: "missingInList", line: 5, column: 5 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x\n    security_opt: [no-new-privileges:true]\n  b:\n    image: y\n",
      errors: [{ messageId: "missing", line: 5, column: 3 }],
    },
  ],
});

describe("require-no-new-privileges peer mapping", () => {
  it("maps KICS Security Opt Not Set to `missing` and No New Privileges Not Set to the other messages", () => {
    const byMessage = rule.meta.referencesByMessage ?? {};
    expect(byMessage["missing"]?.kics).toEqual(["610e266e-6c12-4bca-9925-1ed0cd29742b"]);
    expect(byMessage["missingInList"]?.kics).toEqual(["27fcc7d6-c49b-46e0-98f1-6c082a6a2750"]);
    expect(byMessage["disabled"]?.kics).toEqual(["27fcc7d6-c49b-46e0-98f1-6c082a6a2750"]);
    for (const id of ["missing", "missingInList", "disabled"]) expect(byMessage[id]?.semgrep).toEqual(["no-new-privileges"]);
  });
});

describe("require-no-new-privileges suggestions (shown, never applied by --fix)", () => {
  const suggest = (code: string): string => applySuggestion(rule, code, { findings: 1 });
  it("adds security_opt to a service without it", () => {
    expect(suggest("services:\n  web:\n    image: nginx:1.27\n")).toBe("services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n    image: nginx:1.27\n");
  });
  it("adds the entry to an existing list", () => {
    expect(suggest("services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=docker-default\n")).toBe(
      "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n      - apparmor=docker-default\n",
    );
  });
});
