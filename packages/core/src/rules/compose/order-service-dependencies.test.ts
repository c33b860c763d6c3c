import { describe, it } from "vitest";
import "../../compose/index.js";
import { runOrderTests } from "../../../test/support/order-rule-tests.js";
import rule from "./order-service-dependencies.js";

runOrderTests(
  { describe, it },
  rule,
  {
    valid: [
      "services:\n  web:\n    image: nginx\n    depends_on:\n      - db\n      - redis\n",
      { name: "long syntax in order", code: "services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n      redis:\n        condition: service_started\n" },
      { name: "flow list in order", code: "services:\n  web:\n    image: nginx\n    depends_on: [db, redis]\n" },
      { name: "one dependency", code: "services:\n  web:\n    image: nginx\n    depends_on: [db]\n" },
      { name: "interpolation default read", code: "services:\n  web:\n    image: nginx\n    depends_on:\n      - ${DB:-db}\n      - redis\n" },
      { name: "a list reached through a merge key is ordered where it is written", code: "x-deps: &deps\n  depends_on: [redis, db]\nservices:\n  web:\n    <<: *deps\n    image: nginx\n" },
      { name: "a list that is an alias is ordered where its anchor is", code: "x-deps: &deps [redis, db]\nservices:\n  web:\n    image: nginx\n    depends_on: *deps\n" },
      { name: "equal names are not out of order", code: "services:\n  web:\n    image: nginx\n    depends_on: [db, db]\n" },
      { name: "an alias entry: the list is left alone", code: "services:\n  web:\n    image: nginx\n    depends_on:\n      - &r redis\n      - db\n      - *r\n" },
      { name: "not a list of names: left to valid-schema", code: "services:\n  web:\n    image: nginx\n    depends_on:\n      - {db: 1}\n      - a\n" },
    ],
    invalid: [
      {
        name: "dclint's short-syntax case: one finding per service, at depends_on",
        code: "services:\n  web:\n    image: nginx\n    depends_on:\n      - redis\n      - db\n",
        errors: [{ messageId: "unsorted", data: { service: "web", name: "db", before: "redis" }, line: 4, column: 5, endLine: 4, endColumn: 15 }],
        output: "services:\n  web:\n    image: nginx\n    depends_on:\n      - db\n      - redis\n",
      },
      {
        name: "dclint's long-syntax case",
        code: "services:\n  web:\n    image: nginx\n    depends_on:\n      redis:\n        condition: service_started\n      db:\n        condition: service_healthy\n",
        errors: [{ messageId: "unsorted", data: { service: "web", name: "db", before: "redis" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n      redis:\n        condition: service_started\n",
      },
      {
        name: "flow list, indentless list, comments, several services in one pass",
        code: "services:\n  web:\n    image: nginx\n    depends_on: [redis, db, cache]\n  worker:\n    image: w\n    depends_on:\n    - queue\n    # the database\n    - db\n",
        errors: [
          { messageId: "unsorted", data: { service: "web", name: "db", before: "redis" }, line: 4, column: 5 },
          { messageId: "unsorted", data: { service: "worker", name: "db", before: "queue" }, line: 7, column: 5 },
        ],
        output: "services:\n  web:\n    image: nginx\n    depends_on: [cache, db, redis]\n  worker:\n    image: w\n    depends_on:\n    # the database\n    - db\n    - queue\n",
      },
      {
        name: "interpolated names sort by their default and show as written",
        code: "services:\n  web:\n    image: nginx\n    depends_on:\n      - ${CACHE:-redis}\n      - db\n",
        errors: [{ messageId: "unsorted", data: { service: "web", name: "db", before: "${CACHE:-redis}" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    depends_on:\n      - db\n      - ${CACHE:-redis}\n",
      },
      {
        name: "an anchored entry keeps its anchor, still above the alias in a later service",
        code: "services:\n  api:\n    image: api\n    depends_on:\n      - &r redis\n      - db\n  web:\n    image: nginx\n    depends_on:\n      - *r\n",
        errors: [{ messageId: "unsorted", data: { service: "api", name: "db", before: "redis" }, line: 4, column: 5 }],
        output: "services:\n  api:\n    image: api\n    depends_on:\n      - db\n      - &r redis\n  web:\n    image: nginx\n    depends_on:\n      - *r\n",
      },
      {
        name: "CRLF",
        code: "services:\r\n  web:\r\n    image: nginx\r\n    depends_on:\r\n      redis:\r\n        condition: service_started\r\n      db:\r\n        condition: service_healthy\r\n",
        errors: [{ messageId: "unsorted", line: 4, column: 5 }],
        output: "services:\r\n  web:\r\n    image: nginx\r\n    depends_on:\r\n      db:\r\n        condition: service_healthy\r\n      redis:\r\n        condition: service_started\r\n",
      },
      {
        name: "no fix: duplicate keys in the long syntax",
        code: "services:\n  web:\n    image: nginx\n    depends_on:\n      redis: {condition: service_started}\n      db: {condition: service_healthy}\n      redis: {condition: service_healthy}\n",
        errors: [{ messageId: "unsorted", line: 4, column: 5 }],
        output: null,
      },
    ],
  },
  { lists: ["depends_on"] },
);
