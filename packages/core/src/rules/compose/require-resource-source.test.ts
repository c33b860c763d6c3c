import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-resource-source.js";

const USES = "services:\n  web:\n    image: nginx:1.27\n    secrets: [token]\n";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "secret from a file", code: "secrets:\n  token:\n    file: ./token.txt\n" },
    { name: "secret from the environment", code: "secrets:\n  token:\n    environment: TOKEN\n" },
    { name: "external secret", code: "secrets:\n  token:\n    external: true\n" },
    { name: "external secret with a name", code: "secrets:\n  token:\n    external: true\n    name: prod_token\n" },
    { name: "legacy external mapping", code: "secrets:\n  token:\n    external:\n      name: prod_token\n" },
    { name: "external written as a YAML 1.1 boolean", code: "secrets:\n  token:\n    external: yes\n" },
    { name: "external from a variable", code: "secrets:\n  token:\n    external: ${EXTERNAL}\n" },
    { name: "secret sources through a merge key", code: "x-src: &src\n  file: ./token.txt\nsecrets:\n  token:\n    <<: *src\n" },
    { name: "a secret with no body is the schema's finding", code: "secrets:\n  token:\n" },
    { name: "config from content", code: "configs:\n  site:\n    content: server {}\n" },
    { name: "config from a file", code: "configs:\n  site:\n    file: ./site.conf\n" },
    { name: "config from the environment", code: "configs:\n  site:\n    environment: SITE\n" },
    { name: "config with a driver", code: "configs:\n  site:\n    driver: vault\n" },
    { name: "config with any external key", code: "configs:\n  site:\n    external: false\n" },
    { name: "an override file may complete the secret", filePath: "/p/compose.override.yaml", code: "secrets:\n  token:\n    name: prod_token\n" },
    {
      name: "a file beside it defines the secret",
      filePath: "/p/prod.yml",
      services: { readFile: (path) => (path === "compose.yaml" ? "secrets:\n  token:\n    file: ./token.txt\n" : undefined), listFiles: () => ["compose.yaml", "prod.yml"] },
      code: "secrets:\n  token:\n    name: prod_token\n",
    },
  ],
  invalid: [
    {
      name: "secret with only a name (audit case 28)",
      code: `${USES}secrets:\n  token:\n    name: my_token\n`,
      errors: [
        {
          messageId: "secret",
          line: 6,
          column: 3,
          endColumn: 8,
          message:
            "Secret `token` sets neither `file` nor `environment` and is not `external: true`, so docker compose refuses the project (\"secrets.token: one of file|environment must be set\"); add `file: ./token.txt` (a file holding the secret) or `environment: VARIABLE` (a variable of the shell running Compose), or `external: true` for a secret created outside this project.",
        },
      ],
    },
    {
      name: "secret with only a driver (audit case 29)",
      code: `${USES}secrets:\n  token:\n    driver: vault\n`,
      errors: [{ messageId: "secret", line: 6, column: 3, data: { name: "token", error: 'secret "token" must declare either `file` or `environment`' } }],
    },
    {
      name: "secret with external: false",
      code: "secrets:\n  token:\n    external: false\n",
      errors: [{ messageId: "secret", line: 2, column: 3, data: { name: "token", error: 'secret "token" must declare either `file` or `environment`' } }],
    },
    {
      name: "secret with an empty mapping",
      code: "secrets:\n  token: {}\n",
      errors: [{ messageId: "secret", line: 2, column: 3, data: { name: "token", error: "secrets.token: one of file|environment must be set" } }],
    },
    {
      name: "content is no source for a secret",
      code: "secrets:\n  token:\n    content: abc\n",
      errors: [{ messageId: "secret", line: 2, column: 3 }],
    },
    {
      name: "config with only a name (audit case 32)",
      code: "services:\n  web:\n    image: nginx:1.27\n    configs:\n      - site\nconfigs:\n  site:\n    name: site_conf\n",
      errors: [
        {
          messageId: "config",
          line: 7,
          column: 3,
          message:
            "Config `site` sets none of `file`, `environment` and `content` and is not `external`, so docker compose refuses the project (\"configs.site: one of file|environment|content must be set\"); add `file:` (a file to mount), `content:` (the text itself) or `environment:` (a variable of the shell running Compose), or `external: true` for a config created outside this project.",
        },
      ],
    },
    {
      name: "another name, when no file beside it defines the secret",
      filePath: "/p/prod.yml",
      services: { readFile: () => undefined, listFiles: () => ["prod.yml"] },
      code: "secrets:\n  token:\n    name: prod_token\n",
      errors: [{ messageId: "secret", line: 2, column: 3 }],
    },
  ],
});
