import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-shadowed-compose-file.js";

const code = "# the app\nservices:\n  web:\n    image: nginx:1.27\n";
/** A directory holding these files (any text: only their existence counts). */
const beside = (...names: string[]) => ({ readFile: (path: string) => (names.includes(path) ? code : undefined) });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "the first default name is the file loaded", code, filePath: "compose.yaml", services: beside("compose.yaml", "docker-compose.yml") },
    { name: "a later default name alone in its directory", code, filePath: "docker-compose.yml", services: beside("docker-compose.yml") },
    { name: "the first override name beside the others", code, filePath: "compose.override.yml", services: beside("compose.yaml", "compose.override.yml", "compose.override.yaml") },
    { name: "a base and an override do not shadow each other", code, filePath: "docker-compose.override.yml", services: beside("compose.yaml", "docker-compose.override.yml") },
    { name: "a name outside the defaults", code, filePath: "compose.prod.yaml", services: beside("compose.yaml", "compose.prod.yaml") },
    { name: "named with -f in settings.composeFiles", code, filePath: "docker-compose.yml", settings: { composeFiles: ["docker-compose.yml"] }, services: beside("compose.yaml", "docker-compose.yml") },
    { name: "without a file reader nothing is known of the directory", code, filePath: "docker-compose.yml" },
  ],
  invalid: [
    {
      name: "docker-compose.yml beside compose.yaml",
      code,
      filePath: "/srv/app/docker-compose.yml",
      services: beside("compose.yaml", "docker-compose.yml"),
      errors: [
        {
          messageId: "shadowed",
          line: 1,
          column: 1,
          endColumn: 10,
          message:
            "`docker compose` run in this directory loads `compose.yaml`, not this file: it takes the first of `compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml` that exists and only warns about the others (\"Found multiple config files with supported names\"), so changes made here do not take effect; merge this file into `compose.yaml` and delete it, or name it with `-f` (and in `settings.composeFiles`) if it is meant to be run that way.",
        },
      ],
    },
    {
      name: "docker-compose.yaml beside docker-compose.yml",
      code,
      filePath: "docker-compose.yaml",
      services: beside("docker-compose.yml"),
      errors: [{ messageId: "shadowed", data: { file: "docker-compose.yml", names: "`compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml`", what: "config" }, line: 1 }],
    },
    {
      name: "an override file beside one compose-go prefers (.yml before .yaml for overrides)",
      code,
      filePath: "compose.override.yaml",
      services: beside("compose.yaml", "compose.override.yml"),
      errors: [{ messageId: "shadowed", data: { file: "compose.override.yml", names: "`compose.override.yml`, `compose.override.yaml`, `docker-compose.override.yml`, `docker-compose.override.yaml`", what: "override" }, line: 1 }],
    },
  ],
});
