import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-duplicate-container-names.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "unique names", code: "services:\n  web:\n    image: nginx\n    container_name: web\n  db:\n    image: postgres\n    container_name: db\n" },
    { name: "names differing in case", code: "services:\n  web:\n    image: nginx\n    container_name: app\n  db:\n    image: postgres\n    container_name: App\n" },
    {
      name: "unknown variables: no guess",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${WEB_NAME}\n  db:\n    image: postgres\n    container_name: ${DB_NAME}\n",
    },
    {
      name: "an unknown variable against a literal: no guess",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${NAME}\n  db:\n    image: postgres\n    container_name: app\n",
    },
    {
      name: "same prefix variable, different suffixes",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${PROJECT}_web\n  db:\n    image: postgres\n    container_name: ${PROJECT}_db\n",
    },
    {
      name: "defaults that differ",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${P:-app}-web\n  db:\n    image: postgres\n    container_name: ${P:-app}-db\n",
    },
    {
      name: "alternatives under disjoint profiles",
      code: "services:\n  ollama-cpu:\n    image: ollama/ollama\n    profiles: [cpu]\n    container_name: ollama\n  ollama-gpu:\n    image: ollama/ollama\n    profiles: [gpu]\n    container_name: ollama\n",
    },
    { name: "empty names let Compose choose", code: "services:\n  web:\n    image: nginx\n    container_name: \"\"\n  db:\n    image: postgres\n    container_name: \"\"\n" },
    { name: "no container_name at all", code: "services:\n  web:\n    image: nginx\n  db:\n    image: nginx\n" },
  ],
  invalid: [
    {
      name: "the later one, naming the first",
      code: "services:\n  web:\n    image: nginx\n    container_name: my_container\n  db:\n    image: postgres\n    container_name: my_container\n",
      errors: [
        {
          messageId: "duplicate",
          line: 7,
          column: 21,
          endColumn: 33,
          message:
            "Service `db` sets `container_name: my_container`, which service `web` already uses: Docker refuses a second container with that name, so one of the two fails to start; give each service its own `container_name` or remove the key and let Compose name the containers.",
        },
      ],
    },
    {
      name: "three services: both later ones name the first",
      code: "services:\n  a:\n    image: x\n    container_name: app\n  b:\n    image: x\n    container_name: \"app\"\n  c:\n    image: x\n    container_name: app\n",
      errors: [
        { messageId: "duplicate", line: 7, column: 21, endColumn: 26, data: { service: "b", name: "app", other: "a" } },
        { messageId: "duplicate", line: 10, column: 21, data: { service: "c", name: "app", other: "a" } },
      ],
    },
    {
      name: "same name once interpolated",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${NAME:-app}\n  db:\n    image: postgres\n    container_name: app\n",
      errors: [{ messageId: "duplicate", line: 7, column: 21, data: { service: "db", name: "app", other: "web" } }],
    },
    {
      name: "the same unknown variable twice, spelled two ways",
      code: "services:\n  test:\n    image: alpine\n    container_name: ${FIXED_NAME}\n  another_test:\n    image: alpine\n    container_name: $FIXED_NAME\n",
      errors: [
        {
          messageId: "duplicateWhenSet",
          line: 7,
          column: 21,
          message:
            "Service `another_test` sets `container_name: $FIXED_NAME`, like service `test`: whenever `FIXED_NAME` is set, both get the same name, Docker refuses the second container and one of the two fails to start; give each service its own `container_name`.",
        },
      ],
    },
    {
      name: "a leading slash is the same name",
      code: "services:\n  web:\n    image: nginx\n    container_name: app\n  db:\n    image: postgres\n    container_name: /app\n",
      errors: [{ messageId: "duplicate", line: 7, column: 21 }],
    },
    {
      name: "a profile service against an always-on one",
      code: "services:\n  web:\n    image: nginx\n    container_name: app\n  debug:\n    image: nginx\n    profiles: [debug]\n    container_name: app\n",
      errors: [{ messageId: "duplicate", line: 8, column: 21, data: { service: "debug", name: "app", other: "web" } }],
    },
    {
      name: "shared profile",
      code: "services:\n  a:\n    image: nginx\n    profiles: [dev, test]\n    container_name: app\n  b:\n    image: nginx\n    profiles: [test]\n    container_name: app\n",
      errors: [{ messageId: "duplicate", line: 9, column: 21 }],
    },
    {
      name: "through a merge key: at the merge site of the later service",
      code: "x-common: &common\n  image: nginx\n  container_name: app\nservices:\n  web:\n    <<: *common\n  worker:\n    <<: *common\n    command: work\n",
      errors: [{ messageId: "duplicate", line: 8, column: 5, data: { service: "worker", name: "app", other: "web" } }],
    },
  ],
});
