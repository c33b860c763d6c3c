import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-dependency-cycle.js";

/** compose.yaml of a layered project: `web` depends on `api`, `api` on `db`. */
const base = "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: acme/api:1\n    depends_on: [db]\n  db:\n    image: postgres:17\n";
const baseReader = { readFile: (path: string) => ({ "compose.yaml": base, "inc.yaml": "services:\n  db:\n    image: postgres:17\n    depends_on: [web]\n" })[path] };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "an override whose dependencies make no cycle with the base file's",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    links: [cache]\n  cache:\n    image: redis:7\n",
      services: baseReader,
    },
    {
      name: "a cycle of the base file alone is reported in the base file",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    environment: [A=1]\n",
      services: { readFile: (path: string) => (path === "compose.yaml" ? "services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n    depends_on: [a]\n" : undefined) },
    },
    {
      name: "`!reset` takes the base file's dependency away",
      filePath: "compose.override.yaml",
      code: "services:\n  api:\n    depends_on: !reset []\n  db:\n    depends_on: [web]\n",
      services: baseReader,
    },
    {
      name: "a base that includes files: the merge cannot see whole services",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    depends_on: [web]\n",
      services: { readFile: (path: string) => ({ "compose.yaml": `include: [other.yaml]\n${base}`, "other.yaml": "services:\n  x:\n    image: x:1\n" })[path] },
    },
    "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: acme/api:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:17\n",
    { name: "diamond, no cycle", code: "services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n  b:\n    image: x:1\n    depends_on: [d]\n  c:\n    image: x:1\n    depends_on: [d]\n  d:\n    image: x:1\n" },
    { name: "undefined services are another rule's", code: "services:\n  a:\n    image: x:1\n    depends_on: [ghost]\n" },
    { name: "container: in volumes_from is not a service", code: "services:\n  a:\n    image: x:1\n    volumes_from: [\"container:a\"]\n" },
    { name: "unset variable", code: "services:\n  a:\n    image: x:1\n    depends_on: [\"${DEP}\"]\n" },
    {
      name: "a dependency inherited through extends is the extending service's own",
      code: "services:\n  base:\n    image: x:1\n    depends_on: [db]\n  web:\n    extends: base\n  db:\n    image: postgres:17\n",
    },
  ],
  invalid: [
    {
      name: "a cycle split between an override and compose.yaml, reported at the override's edge",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    depends_on:\n      web:\n        condition: service_healthy\n",
      services: baseReader,
      errors: [{ messageId: "crossFile", data: { files: "`compose.yaml`", cycle: "`db → web → api → db`" }, line: 4, column: 7, endColumn: 10 }],
    },
    {
      name: "a later file of settings.composeFiles, through network_mode and volumes_from",
      filePath: "dev.yaml",
      code: "services:\n  db:\n    network_mode: service:web\n  web:\n    volumes_from: [\"api:ro\"]\n",
      settings: { composeFiles: ["compose.yaml", "dev.yaml"] },
      services: baseReader,
      errors: [{ messageId: "crossFile", data: { files: "`compose.yaml`", cycle: "`db → web → api → db` (through `network_mode`, `volumes_from`, `depends_on`)" }, line: 3 }],
    },
    {
      name: "two services, at the first edge in file order",
      code: "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: acme/api:1\n    depends_on:\n      - web\n",
      errors: [{ messageId: "cycle", data: { cycle: "`web → api → web`" }, line: 4, column: 18, endColumn: 21 }],
    },
    {
      name: "three services, map form, spelled from the first edge",
      code: "services:\n  c:\n    image: x:1\n    depends_on:\n      a:\n        condition: service_started\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n    depends_on: [c]\n",
      errors: [{ messageId: "cycle", data: { cycle: "`c → a → b → c`" }, line: 5, column: 7 }],
    },
    {
      name: "self-dependency",
      code: "services:\n  web:\n    image: nginx:1.27\n    depends_on: [web]\n",
      errors: [{ messageId: "self", data: { service: "web", key: "depends_on" }, line: 4, column: 18 }],
    },
    {
      name: "two cycles through one service: one finding each",
      code: "services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n  b:\n    image: x:1\n    depends_on: [a]\n  c:\n    image: x:1\n    depends_on: [a]\n",
      errors: [
        { messageId: "cycle", data: { cycle: "`a → b → a`" }, line: 4, column: 18 },
        { messageId: "cycle", data: { cycle: "`a → c → a`" }, line: 4, column: 21 },
      ],
    },
    {
      name: "through links and network_mode, which Compose turns into dependencies",
      code: "services:\n  vpn:\n    image: x:1\n    links: [\"app:backend\"]\n  app:\n    image: x:1\n    network_mode: service:vpn\n",
      errors: [{ messageId: "cycle", data: { cycle: "`vpn → app → vpn` (through `links`, `network_mode`)" }, line: 4, column: 13 }],
    },
    {
      name: "an inherited dependency that closes a cycle reports at extends",
      code: "services:\n  base:\n    image: x:1\n    depends_on: [db]\n  web:\n    extends: base\n  db:\n    image: postgres:17\n    depends_on: [web]\n",
      errors: [{ messageId: "cycle", data: { cycle: "`web → db → web`" }, line: 6, column: 5 }],
    },
    {
      name: "through a merge key: at the merge site",
      code: "x-dep: &dep\n  depends_on: [b]\nservices:\n  a:\n    image: x:1\n    <<: *dep\n  b:\n    image: x:1\n    depends_on: [a]\n",
      errors: [{ messageId: "cycle", data: { cycle: "`a → b → a`" }, line: 6, column: 5 }],
    },
  ],
});
