import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { fileHost } from "../../../test/support/file-host.js";
import { otherLayerCases, resetLayerCases } from "../../../test/support/layer-cases.js";
import { applySuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-cap-drop-all.js";

const LAYERS = otherLayerCases("`cap_drop: [ALL]`", "    cap_drop: [ALL]\n", ["missing"]);
const RESETS = resetLayerCases("`cap_drop: [ALL]`", "    cap_drop: [ALL]\n", ["missing"], {
  reset: "    cap_drop: !reset []\n",
  resetSetting: "    cap_drop: !reset [ALL]\n",
  dropped: ["dropped"],
});

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    ...LAYERS.valid,
    ...RESETS.valid,
    {
      name: "reset: an override that resets a privileged base's privileged, where the base also drops ALL, keeps the ALL",
      filePath: "/repo/compose.override.yaml",
      code: "services:\n  web:\n    privileged: !reset false\n",
      services: fileHost({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_drop: [ALL]\n" }),
    },
    { name: "cap_drop: [ALL]", code: service("    cap_drop: [ALL]\n") },
    { name: "privileged: every capability whatever cap_drop says, which no-privileged reports", code: service("    privileged: true\n") },
    { name: "privileged with a cap_drop that lacks ALL", code: service("    privileged: \"true\"\n    cap_drop: [NET_RAW]\n") },
    { name: "lower case all, block list", code: service("    cap_drop:\n      - all\n") },
    { name: "ALL among others, with cap_add", code: service("    cap_drop:\n      - NET_RAW\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n") },
    { name: "interpolated default", code: service("    cap_drop: [\"${DROP:-ALL}\"]\n") },
    { name: "variable without default may be ALL", code: service("    cap_drop: [\"${DROP}\"]\n") },
    { name: "from a merge key", code: "x-hardening: &hardening\n  cap_drop: [ALL]\nservices:\n  web:\n    <<: *hardening\n    image: nginx:1.27\n" },
    { name: "inherited through extends", code: "services:\n  base:\n    image: nginx:1.27\n    cap_drop: [ALL]\n  web:\n    extends: base\n" },
    { name: "partial service (override file)", code: "services:\n  web:\n    environment: [DEBUG=1]\n" },
    {
      name: "a build-only layer of an override file (mailcow BUILD_FLAGS): the base file defines the service",
      code: "services:\n  clamd:\n    build: ./data/Dockerfiles/clamd\n  sogo:\n    build:\n      context: ./data/Dockerfiles/sogo\n",
      filePath: "/repo/docker-compose.override.yml",
    },
    { name: "another override name", code: "services:\n  app:\n    build: .\n", filePath: "/repo/test/compose.base.override.yaml" },
  ],
  invalid: [
    {
      name: "layers: an override's cap_drop without ALL is appended, and the merged list still keeps the defaults",
      filePath: "/repo/compose.yaml",
      code: "services:\n  web:\n    image: nginx:1.27\n",
      services: { readFile: (path: string) => (path === "compose.override.yaml" ? "services:\n  web:\n    cap_drop: [NET_RAW]\n" : undefined) },
      errors: [{ messageId: "missing", line: 2 }],
    },
    ...LAYERS.invalid,
    ...RESETS.invalid,
    {
      name: "reset: an override that resets a privileged base's privileged leaves the merged service with the default capabilities, reported in the override",
      filePath: "/repo/compose.override.yaml",
      code: "services:\n  web:\n    privileged: !reset false\n",
      services: fileHost({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n" }),
      errors: [{ messageId: "missing", line: 2 }],
    },
    {
      name: "reset: an override's !override list replaces the base file's ALL, and is reported at the tag with the file that gave it",
      filePath: "/repo/compose.override.yaml",
      code: "services:\n  web:\n    cap_drop: !override [NET_RAW]\n",
      services: fileHost({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n" }),
      errors: [{ messageId: "dropped", line: 3, data: { key: "cap_drop", tag: "!override", file: "compose.yaml", service: "web" } }],
    },
    {
      name: "privileged: false keeps the defaults",
      code: service("    privileged: false\n"),
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "no cap_drop: at the service key",
      code: service(""),
      errors: [{ messageId: "missing", data: { service: "web" }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: "an override file's service with an image of its own is judged",
      code: "services:\n  clamd:\n    build: ./clamd\n  exporter:\n    image: prom/node-exporter:v1.8.2\n",
      filePath: "/repo/docker-compose.override.yml",
      errors: [{ messageId: "missing", data: { service: "exporter" }, line: 4, column: 3 }],
    },
    {
      name: "a build-only service of a file that is not an override (compose.build.yaml is a -f layer name, not an override)",
      code: "services:\n  app:\n    build: .\n",
      filePath: "/repo/compose.build.yaml",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "a build-only layer of an override file that writes cap_drop without ALL: the value is judged",
      code: "services:\n  app:\n    build: .\n    cap_drop: [NET_RAW]\n",
      filePath: "/repo/docker-compose.override.yml",
      errors: [{ messageId: "missingAll", line: 4, column: 5 }],
    },
    {
      name: "build-only service too",
      code: "services:\n  app:\n    build: .\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "cap_add alone is no cap_drop",
      code: service("    cap_add: [NET_ADMIN]\n"),
      errors: [{ messageId: "missing", line: 2 }],
    },
    {
      name: "cap_drop without ALL: at the cap_drop key",
      code: service("    cap_drop:\n      - SYS_CHROOT\n      - NET_RAW\n"),
      errors: [{ messageId: "missingAll", data: { service: "web" }, line: 4, column: 5, endColumn: 13 }],
    },
    {
      name: "CAP_ALL is not a keyword Docker knows",
      code: service("    cap_drop: [CAP_ALL]\n"),
      errors: [{ messageId: "missingAll", line: 4, column: 5 }],
    },
    {
      name: "empty list",
      code: service("    cap_drop: []\n"),
      errors: [{ messageId: "missingAll", line: 4, column: 5 }],
    },
    {
      name: "interpolated default other than ALL",
      code: service("    cap_drop: [\"${DROP:-NET_RAW}\"]\n"),
      errors: [{ messageId: "missingAll", line: 4, column: 5 }],
    },
    {
      name: "merge key without ALL: at the merge site",
      code: "x-caps: &caps\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *caps\n    image: nginx:1.27\n",
      errors: [{ messageId: "missingAll", line: 5, column: 5, endColumn: 14 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x:1\n    cap_drop: [ALL]\n  b:\n    image: y:1\n",
      errors: [{ messageId: "missing", data: { service: "b" }, line: 5, column: 3 }],
    },
  ],
});

describe("require-cap-drop-all suggestions (shown, never applied by --fix)", () => {
  const suggest = (code: string): string => applySuggestion(rule, code, { findings: 1 });
  it("adds cap_drop as the service's first key, in its indentation", () => {
    expect(suggest("services:\n  web:\n    # the web tier\n    image: nginx:1.27\n")).toBe("services:\n  web:\n    cap_drop:\n      - ALL\n    # the web tier\n    image: nginx:1.27\n");
  });
  it("keeps CRLF line endings", () => {
    expect(suggest("services:\r\n  web:\r\n    image: nginx:1.27\r\n")).toBe("services:\r\n  web:\r\n    cap_drop:\r\n      - ALL\r\n    image: nginx:1.27\r\n");
  });
  it("adds ALL to a block or flow list", () => {
    expect(suggest("services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW\n")).toBe("services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n      - NET_RAW\n");
    expect(suggest("services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_RAW]\n")).toBe("services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL, NET_RAW]\n");
  });
  it("offers none for a flow-style service or a list from a merge key", () => {
    const none = (code: string) => lintText(code, { filePath: "compose.yaml", kind: "compose", rules: [rule], config: { rules: { [rule.meta.id]: "error" } } }).messages[0]?.suggestions;
    expect(none("services:\n  web: {image: nginx:1.27}\n")).toBeUndefined();
    expect(none("x-c: &c\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *c\n    image: nginx:1.27\n")).toBeUndefined();
  });
  it("offers none beside a !reset list, which compose-go drops whatever it holds: a second cap_drop key (the finding stays)", () => {
    const messages = lintText("services:\n  web:\n    image: nginx:1.27\n    cap_drop: !reset [ALL]\n", { filePath: "compose.yaml", kind: "compose", rules: [rule], config: { rules: { [rule.meta.id]: "error" } } }).messages;
    expect(messages.map((m) => [m.messageId, m.line, m.suggestions])).toEqual([["missing", 2, undefined]]);
  });
});
