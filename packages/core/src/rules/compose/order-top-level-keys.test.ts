import { describe, it } from "vitest";
import "../../compose/index.js";
import { runOrderTests } from "../../../test/support/order-rule-tests.js";
import rule from "./order-top-level-keys.js";

const FIXED = "`docklint --fix` reorders them";
const UNFIXED = "move it by hand: no fix is offered, since reordering here could change the data (a YAML alias above its anchor, a key given twice)";
const ORDER = "x-*, version, name, include, services, networks, volumes, secrets, configs, then any other key";
const DCLINT_ORDER = ["version", "services", "volumes", "networks", "x-properties"];

runOrderTests({ describe, it }, rule, {
  valid: [
    "x-a:\n  k: 1\nx-b:\n  k: 2\nversion: '3'\nname: app\ninclude:\n  - other.yaml\nservices:\n  web:\n    image: nginx\nnetworks:\n  default: {}\nvolumes:\n  data: {}\nsecrets:\n  s:\n    file: ./s\nconfigs:\n  c:\n    file: ./c\n",
    { name: "some keys absent", code: "version: '3'\nservices:\n  web:\n    image: nginx\nnetworks:\n  default:\n    driver: bridge\n" },
    { name: "unknown keys (models) after the known ones are fine", code: "services:\n  web:\n    image: nginx\nvolumes:\n  data: {}\nmodels:\n  llm:\n    model: ai/smollm2\n" },
    { name: "unknown keys keep their own order", code: "services: {}\nzeta: 1\nalpha: 2\n" },
    { name: "Compose v1 file: service names are unknown keys", code: "web:\n  image: nginx\ndb:\n  image: postgres\n" },
    { name: "empty file", code: "" },
    { name: "a merge key at the top level is not a key to place", code: "x-a: &a\n  foo: 1\nservices: {}\n<<: *a\n" },
    {
      name: "option: dclint's customOrder with x-properties",
      code: "version: '3'\nservices:\n  web:\n    image: nginx\nvolumes:\n  data: {}\nnetworks:\n  default: {}\nx-a:\n  k: 1\nx-b:\n  k: 2\n",
      options: { order: DCLINT_ORDER },
    },
    { name: "option: keys missing from the order go last", code: "services: {}\nname: app\n", options: { order: ["services"] } },
    { name: "option: x-* spelled as x-*", code: "services: {}\nx-a:\n  k: 1\n", options: { order: ["services", "x-*"] } },
  ],
  invalid: [
    {
      name: "dclint's case: one finding per key that an earlier key should follow",
      code: "version: '3'\nservices:\n  web:\n    image: nginx\nx-b:\n  some-key: some-value\nvolumes:\n  db-data:\n    driver: local\nx-a:\n  some-other-key: some-other-value\nnetworks:\n  default:\n    driver: bridge\n",
      errors: [
        { messageId: "misplaced", data: { name: "x-b", before: "version", order: ORDER, howToFix: FIXED }, line: 5, column: 1, endColumn: 4 },
        { messageId: "extensionOrder", data: { name: "x-a", before: "x-b", howToFix: FIXED }, line: 10, column: 1 },
        { messageId: "misplaced", data: { name: "networks", before: "volumes", order: ORDER, howToFix: FIXED }, line: 12, column: 1, endColumn: 9 },
      ],
      output: "x-a:\n  some-other-key: some-other-value\nx-b:\n  some-key: some-value\nversion: '3'\nservices:\n  web:\n    image: nginx\nnetworks:\n  default:\n    driver: bridge\nvolumes:\n  db-data:\n    driver: local\n",
    },
    {
      name: "dclint's custom order",
      options: { order: DCLINT_ORDER },
      code: "services:\n  web:\n    image: nginx\nversion: '3'\nx-b:\n  some-key: some-value\nvolumes:\n  db-data:\n    driver: local\nx-a:\n  some-other-key: some-other-value\nnetworks:\n  default:\n    driver: bridge\n",
      errors: [
        { messageId: "misplaced", data: { name: "version", before: "services", order: "version, services, volumes, networks, x-*, then any other key", howToFix: FIXED }, line: 4, column: 1 },
        { messageId: "misplaced", line: 7, column: 1 },
        { messageId: "extensionOrder", line: 10, column: 1 },
        { messageId: "misplaced", line: 12, column: 1 },
      ],
      output: "version: '3'\nservices:\n  web:\n    image: nginx\nvolumes:\n  db-data:\n    driver: local\nnetworks:\n  default:\n    driver: bridge\nx-a:\n  some-other-key: some-other-value\nx-b:\n  some-key: some-value\n",
    },
    {
      name: "an unknown key is never reported for being unknown, never dropped, and goes after the known keys",
      code: "models:\n  llm:\n    model: ai/smollm2\nservices:\n  web:\n    image: nginx\n    models: [llm]\nname: app\n",
      errors: [
        { messageId: "misplaced", data: { name: "services", before: "models", order: ORDER, howToFix: FIXED }, line: 4, column: 1 },
        { messageId: "misplaced", data: { name: "name", before: "services", order: ORDER, howToFix: FIXED }, line: 8, column: 1 },
      ],
      output: "name: app\nservices:\n  web:\n    image: nginx\n    models: [llm]\nmodels:\n  llm:\n    model: ai/smollm2\n",
    },
    {
      name: "option: an unknown key given a place",
      options: { order: ["name", "services", "models", "volumes"] },
      code: "name: app\nservices: {}\nvolumes: {}\nmodels: {}\n",
      errors: [{ messageId: "misplaced", data: { name: "models", before: "volumes", order: "name, services, models, volumes, then any other key", howToFix: FIXED }, line: 4, column: 1 }],
      output: "name: app\nservices: {}\nmodels: {}\nvolumes: {}\n",
    },
    {
      name: "no fix: an alias above its anchor in the original would start to resolve, which changes the data",
      code: "# My project\n\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n\n# Shared settings\nx-defaults: &defaults\n  restart: always\n",
      errors: [{ messageId: "misplaced", data: { name: "x-defaults", before: "services", order: ORDER, howToFix: UNFIXED }, line: 9, column: 1 }],
      output: null,
    },
    {
      name: "extension keys go first, with their comments",
      code: "# My project\n\nservices:\n  web:\n    image: nginx\n\n# Shared settings\nx-defaults:\n  restart: always\n",
      errors: [{ messageId: "misplaced", line: 8, column: 1 }],
      output: "# My project\n\n# Shared settings\nx-defaults:\n  restart: always\n\nservices:\n  web:\n    image: nginx\n",
    },
    {
      name: "no fix: sorting x-* keys would put an alias above its anchor",
      code: "x-b: &b\n  k: 1\nx-a:\n  <<: *b\nservices: {}\n",
      errors: [{ messageId: "extensionOrder", data: { name: "x-a", before: "x-b", howToFix: UNFIXED }, line: 3, column: 1 }],
      output: null,
    },
    {
      name: "a top-level merge key goes first",
      code: "services: {}\n<<: {x-a: 1}\nversion: '3'\n",
      errors: [{ messageId: "misplaced", data: { name: "version", before: "services", order: ORDER, howToFix: FIXED }, line: 3, column: 1 }],
      output: "<<: {x-a: 1}\nversion: '3'\nservices: {}\n",
    },
  ],
});
