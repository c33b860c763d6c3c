import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { applySuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-schema.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
    { name: "extension keys and anchors", code: "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n" },
    { name: "merge keys of a mapping and of a list of mappings", code: "x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    <<: [*a, *b]\n    image: x:1\n  db:\n    <<: *a\n    image: y:1\n" },
    { name: "quoted and word keys are strings", code: 'services:\n  web:\n    image: x:1\n    labels:\n      "1": one\n      yes: two\n      v1.0: three\n' },
    { name: "only extension fields: not empty to compose-go", code: "x-common:\n  restart: always\n" },
    {
      name: "values under !reset, which compose-go drops before its schema check (a base's setting removed: `ports: !reset null`)",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt: !reset null\n    ports: !reset null\n    healthcheck: !reset null\n    deploy: !reset null\n    cap_add: [NET_ADMIN, !reset 7]\n",
    },
    { name: "only an include", code: "include:\n  - db/compose.yaml\n" },
    { name: "an empty override merges onto its base", code: "# nothing to change yet\n", filePath: "/p/docker-compose.override.yml" },
    { name: "an -f layer of only a version", code: "version: \"3.8\"\n", filePath: "/p/compose.prod.yaml" },
    { name: "a fragment for -f merging", code: "services:\n  web:\n    environment:\n      DEBUG: \"1\"\n" },
    {
      // compose-go's additions to the compose-spec schema (schema/NOTICE.md): docker compose runs this file.
      name: "pre_start hooks, build.no_cache_filter and an empty models entry (compose-go e70e961)",
      code:
        "services:\n  app:\n    build:\n      context: .\n      no_cache_filter: [deps, test]\n    models:\n      llm:\n" +
        "    pre_start:\n      - image: busybox:1.37\n        command: chown -R 10001 /data\n        user: \"10001\"\n        per_replica: true\n" +
        "      - command: [migrate, up]\n        environment:\n          STEP: migrate\n" +
        "  worker:\n    build:\n      context: .\n      no_cache_filter: deps\n" +
        "models:\n  llm:\n    model: ai/smollm2\n",
    },
  ],
  invalid: [
    {
      name: "a value under !override stays and is checked (compose-go keeps it)",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports: !override null\n",
      errors: [{ messageId: "schema", line: 4 }],
    },
    {
      name: "audit 70: a number as a key, anywhere",
      code: "services:\n  web:\n    image: x:1\n    labels:\n      1: one\nx-ports:\n  true: 80\n",
      errors: [
        {
          messageId: "nonStringKey",
          message: "The key `1` is read by docker compose's YAML parser as a number, and docker compose refuses a key that is not a string (\"non-string key in …: 1\"); quote it: `\"1\":`.",
          line: 5,
          column: 7,
          suggestions: ['Quote the key: "1"'],
        },
        { messageId: "nonStringKey", data: { key: "true", kind: "a boolean" }, line: 7, column: 3 },
      ],
    },
    {
      name: "audit 106: a merge key of a scalar",
      code: "x-name: &name nginx\nservices:\n  web:\n    <<: *name\n    image: nginx:1.27\n",
      errors: [{ messageId: "badMergeSource", data: { what: "the scalar `nginx`" }, line: 4, column: 9 }],
    },
    {
      name: "a merge key of a list that holds a scalar",
      code: "x-a: &a\n  restart: always\nservices:\n  web:\n    <<: [*a, oops]\n    image: x:1\n",
      errors: [{ messageId: "badMergeSource", data: { what: "a list that holds something other than mappings" }, line: 5, column: 9 }],
    },
    {
      name: "audit 101: only comments",
      code: "# services:\n#   web:\n#     image: nginx\n",
      filePath: "/p/compose.yaml",
      errors: [{ messageId: "emptyFile", data: { what: "no YAML value (only comments, or nothing)" }, line: 1, column: 1 }],
    },
    {
      name: "audit 72: an empty mapping",
      code: "{}\n",
      filePath: "/p/compose.yaml",
      errors: [{ messageId: "emptyFile", data: { what: "an empty mapping" }, line: 1, column: 1 }],
    },
    {
      name: "audit 72b: only the version, reported at it",
      code: "version: \"3.8\"\n",
      filePath: "/p/docker-compose.yml",
      errors: [{ messageId: "emptyFile", data: { what: "only the obsolete `version`" }, line: 1, column: 1, endColumn: 8 }],
    },
    {
      name: "a quoted \"<<\" is an ordinary key, as go-yaml reads it: nothing is merged and the key is unknown",
      code: "x-priv: &priv\n  privileged: true\nservices:\n  app:\n    image: nginx:1.27\n    \"<<\": *priv\n",
      errors: [
        {
          messageId: "schema",
          data: { message: "Unknown key `<<` in service `app`: a quoted `\"<<\"` is an ordinary key, not a merge key, so nothing is merged; write `<<` without quotes." },
          line: 6,
          column: 5,
        },
      ],
    },
    {
      name: "unknown key, reported at the key, with a suggestion",
      code: "services:\n  web:\n    imagee: nginx:1.27\n",
      errors: [{ messageId: "schema", line: 3, column: 5, endColumn: 11 }],
    },
    {
      name: "a misspelt key inside a pre_start hook, at the key, with a suggestion",
      code: "services:\n  app:\n    image: app:1.4\n    pre_start:\n      - image: busybox:1.37\n        comand: chown -R 10001 /data\n",
      errors: [
        {
          messageId: "schema",
          message: "Unknown key `comand` in item 1 of `pre_start` of service `app`; did you mean `command`?",
          line: 6,
          column: 9,
          endColumn: 15,
        },
      ],
    },
    {
      name: "wrong type, reported at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports: 8080\n",
      errors: [{ messageId: "schema", line: 4, column: 12 }],
    },
    {
      name: "unknown top-level key",
      code: "servics:\n  web:\n    image: nginx\n",
      errors: [{ messageId: "schema", line: 1, column: 1 }],
    },
    {
      name: "a v1 file gets one finding, not one per service",
      code: "web:\n  image: nginx\ndb:\n  image: postgres\n",
      errors: [{ messageId: "legacyV1", line: 1, column: 1 }],
    },
  ],
});

describe("valid-schema's suggestion for a key that is not a string", () => {
  it("quotes the key, and the file then loads", () => {
    const code = "services:\n  web:\n    image: x:1\n    labels:\n      1: one\n";
    const fixed = applySuggestion(rule, code, { findings: 1 });
    expect(fixed).toBe('services:\n  web:\n    image: x:1\n    labels:\n      "1": one\n');
    expect(() => applySuggestion(rule, fixed)).toThrow(/expected a suggestion/);
  });
});
