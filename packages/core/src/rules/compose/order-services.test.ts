import { describe, it } from "vitest";
import "../../compose/index.js";
import { runOrderTests } from "../../../test/support/order-rule-tests.js";
import rule from "./order-services.js";

runOrderTests({ describe, it }, rule, {
  valid: [
    "services:\n  app:\n    image: node:22\n  b-service:\n    image: nginx:1.27\n  cache:\n    image: redis:7\n",
    { name: "one service", code: "services:\n  web:\n    image: nginx:1.27\n" },
    { name: "no services", code: "services: {}\n" },
    { name: "empty file", code: "" },
    { name: "services is null", code: "services:\n" },
    { name: "hyphen sorts before letters (localeCompare)", code: "services:\n  b-service:\n    image: a\n  backend:\n    image: b\n" },
    { name: "case is not a reason to report", code: "services:\n  api:\n    image: a\n  Web:\n    image: b\n  worker:\n    image: c\n" },
    { name: "digits compare as text (web10 before web2)", code: "services:\n  web10:\n    image: a\n  web2:\n    image: b\n" },
    { name: "flow map in order", code: "services: {db: {image: postgres}, web: {image: nginx}}\n" },
    { name: "Compose v1 file: services at the top level are left to order-top-level-keys", code: "web:\n  image: nginx\ndb:\n  image: postgres\n" },
    { name: "a merge key in the services map is not a service", code: "x-more: &more\n  extra:\n    image: a\nservices:\n  api:\n    image: c\n  <<: *more\n  web:\n    image: b\n" },
  ],
  invalid: [
    {
      name: "dclint's case: one finding per misplaced service, at its key",
      code: "services:\n  database:\n    image: postgres\n  b-service:\n    image: nginx\n  app:\n    image: node\n  cache:\n    image: redis\n  elastic:\n    image: elastic\n",
      errors: [
        { messageId: "misplaced", data: { name: "b-service", before: "database" }, line: 4, column: 3, endLine: 4, endColumn: 12 },
        { messageId: "misplaced", data: { name: "app", before: "b-service" }, line: 6, column: 3, endColumn: 6 },
        { messageId: "misplaced", data: { name: "cache", before: "database" }, line: 8, column: 3, endColumn: 8 },
      ],
      output: "services:\n  app:\n    image: node\n  b-service:\n    image: nginx\n  cache:\n    image: redis\n  database:\n    image: postgres\n  elastic:\n    image: elastic\n",
    },
    {
      name: "comments above a service move with it; blank lines between services stay where they are",
      code: "services:\n  # Front end\n  web:\n    image: nginx:1.27\n    # ports:\n    #   - 80:80\n\n  # The database\n  db:\n    image: postgres:17 # pinned\n",
      errors: [{ messageId: "misplaced", line: 9, column: 3 }],
      output: "services:\n  # The database\n  db:\n    image: postgres:17 # pinned\n\n  # Front end\n  web:\n    image: nginx:1.27\n    # ports:\n    #   - 80:80\n",
    },
    {
      name: "a comment separated by a blank line belongs to no service and stays in its place",
      code: "services:\n  web:\n    image: a\n  # end of the web part\n\n  db:\n    image: b\n",
      errors: [{ messageId: "misplaced", line: 6, column: 3 }],
      output: "services:\n  db:\n    image: b\n  # end of the web part\n\n  web:\n    image: a\n",
    },
    {
      name: "CRLF line endings are kept",
      code: "services:\r\n  web:\r\n    image: a\r\n\r\n  # the db\r\n  db:\r\n    image: b\r\n",
      errors: [{ messageId: "misplaced", line: 6, column: 3 }],
      output: "services:\r\n  # the db\r\n  db:\r\n    image: b\r\n\r\n  web:\r\n    image: a\r\n",
    },
    {
      name: "no newline at the end of the file",
      code: "services:\n  web:\n    image: a\n  db:\n    image: b",
      errors: [{ messageId: "misplaced", line: 4, column: 3 }],
      output: "services:\n  db:\n    image: b\n  web:\n    image: a",
    },
    {
      name: "BOM, document markers and a comment on the parent key line",
      code: "\uFEFF--- # header\nservices: # the services\n  web: # web\n    image: a\n  db:\n    image: b\n...\n",
      errors: [{ messageId: "misplaced", line: 5, column: 3 }],
      output: "\uFEFF--- # header\nservices: # the services\n  db:\n    image: b\n  web: # web\n    image: a\n...\n",
    },
    {
      name: "four-space indentation and a block scalar that keeps its trailing lines",
      code: "services:\n    web:\n        image: a\n        command: |+\n            run\n\n    db:\n        image: b\n",
      errors: [{ messageId: "misplaced", line: 7, column: 5 }],
      output: "services:\n    db:\n        image: b\n    web:\n        image: a\n        command: |+\n            run\n\n",
    },
    {
      name: "anchors, tags and merge keys move with their service when every alias stays below its anchor",
      code: "x-base: &base\n  restart: always\nservices:\n  web: &web\n    <<: *base\n    image: !!str nginx\n  db:\n    <<: *base\n    image: postgres\n",
      errors: [{ messageId: "misplaced", line: 7, column: 3 }],
      output: "x-base: &base\n  restart: always\nservices:\n  db:\n    <<: *base\n    image: postgres\n  web: &web\n    <<: *base\n    image: !!str nginx\n",
    },
    {
      name: "flow map: reordered between its commas",
      code: "services: {web: {image: a}, db: {image: b}}\n",
      errors: [{ messageId: "misplaced", line: 1, column: 29, endColumn: 31 }],
      output: "services: {db: {image: b}, web: {image: a}}\n",
    },
    {
      name: "no fix: an alias would move above its anchor",
      code: "services:\n  web: &web\n    image: a\n  api:\n    <<: *web\n",
      errors: [{ messageId: "misplaced", data: { name: "api", before: "web" }, line: 4, column: 3 }],
      output: null,
    },
    {
      name: "no fix: duplicate service names (Compose keeps the last; moving them would change which)",
      code: "services:\n  web:\n    image: a\n  db:\n    image: b\n  web:\n    image: c\n",
      errors: [{ messageId: "misplaced", line: 4, column: 3 }],
      output: null,
    },
    {
      name: "no fix: multi-document file",
      code: "services:\n  web:\n    image: a\n  db:\n    image: b\n---\nother: 1\n",
      errors: [{ messageId: "misplaced", line: 4, column: 3 }],
      output: null,
    },
    {
      name: "no fix: flow map with a comment inside",
      code: "services: {\n  web: {image: a}, # c\n  db: {image: b}}\n",
      errors: [{ messageId: "misplaced", line: 3, column: 3 }],
      output: null,
    },
  ],
});
