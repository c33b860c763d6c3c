import { describe, it } from "vitest";
import "../../compose/index.js";
import type { LintServices } from "../../rule.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-image-or-build.js";

/** A host that reads `files` (paths relative to the linted file) and lists the linted file's directory. */
function host(files: Record<string, string>): LintServices {
  return {
    readFile: (path) => files[path],
    listFiles: (dir) => (dir === "" ? Object.keys(files).filter((path) => !path.includes("/")) : undefined),
  };
}

const PIECE = "services:\n  web:\n    environment:\n      LOG_LEVEL: debug\n";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "image", code: "services:\n  web:\n    image: nginx:1.27\n" },
    { name: "build", code: "services:\n  web:\n    build: .\n" },
    { name: "image from a variable", code: "services:\n  web:\n    image: ${IMAGE}\n" },
    { name: "image through a merge key", code: "x-base: &base\n  image: nginx:1.27\nservices:\n  web:\n    <<: *base\n" },
    { name: "a provider service", code: "services:\n  db:\n    provider:\n      type: awesomecloud\n" },
    { name: "extends a service of this file", code: "services:\n  base:\n    image: nginx\n  web:\n    extends: base\n" },
    { name: "extends a service of a file not read here", code: "services:\n  web:\n    extends:\n      file: common.yml\n      service: base\n" },
    { name: "a service with no body is the schema's finding", code: "services:\n  web:\n" },
    { name: "a service that is not a mapping is the schema's finding", code: "services:\n  web:\n    image: nginx\n  restart: unless-stopped\n" },
    // Pieces of a project
    {
      name: "an override of a service the base file gives an image (read through the host)",
      filePath: "compose.override.yaml",
      code: PIECE,
      services: host({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" }),
    },
    {
      name: "a layer with files after it in settings.composeFiles: a later file may give the image",
      filePath: "mid.yaml",
      code: "services:\n  worker:\n    command: [run]\n",
      settings: { composeFiles: ["compose.yaml", "mid.yaml", "last.yaml"] },
      services: host({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" }),
    },
    {
      name: "a base that includes files: the service may come from one of them",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    environment: [A=1]\n",
      services: host({ "compose.yaml": "include: [db.yaml]\nservices:\n  web:\n    image: nginx:1.27\n", "db.yaml": "services:\n  db:\n    image: postgres:17\n" }),
    },
    { name: "override file", filePath: "/p/compose.override.yaml", code: PIECE },
    { name: "override file by another name", filePath: "/p/docker-compose.test.override.yml", code: PIECE },
    { name: "a name that says it overrides", filePath: "/p/compose-override.yaml", code: PIECE },
    { name: "a -f layer by its name", filePath: "/p/compose.prod.yaml", code: PIECE },
    { name: "a docker-compose layer by its name", filePath: "/p/docker-compose.agent.yml", code: PIECE },
    { name: "one of several settings.composeFiles", filePath: "/p/compose.yaml", settings: { composeFiles: ["compose.yaml", "dev.yaml"] }, code: PIECE },
    { name: "another name, without a file reader", filePath: "/p/stack.yml", code: PIECE },
    {
      name: "a file beside it defines the service",
      filePath: "/p/dev.yml",
      services: host({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" }),
      code: PIECE,
    },
    {
      name: "a default file beside it defines the service (a base completed by its layers)",
      filePath: "/p/compose.yaml",
      services: host({ "dev.yml": "services:\n  web:\n    build: .\n" }),
      code: PIECE,
    },
    {
      name: "a default file a directory above defines the service",
      filePath: "/p/overrides/https.yaml",
      services: { readFile: (path) => (path === "../compose.yaml" ? "services:\n  web:\n    image: nginx:1.27\n" : undefined), listFiles: () => ["https.yaml"] },
      code: PIECE,
    },
    {
      name: "a file included by another",
      filePath: "/p/svc/compose.yml",
      services: { readFile: (path) => (path === "../compose.yaml" ? "include:\n  - svc/compose.yml\n" : undefined), listFiles: () => ["compose.yml"] },
      code: PIECE,
    },
    {
      name: "a service the file includes with its image, defined again here to add settings (compose-go since v2.10 merges the two)",
      filePath: "/p/compose.yaml",
      code: "include:\n  - db/compose.yaml\nservices:\n  db:\n    mem_limit: 1g\n",
      services: host({ "db/compose.yaml": "services:\n  db:\n    image: postgres:17\n" }),
    },
    {
      name: "an included file's service whose image the including file's same-named service gives",
      filePath: "/p/db/compose.yaml",
      code: "services:\n  db:\n    environment: [POSTGRES_DB=app]\n",
      services: host({ "../compose.yaml": "include:\n  - db/compose.yaml\nservices:\n  db:\n    image: postgres:17\n" }),
    },
  ],
  invalid: [
    {
      name: "a service the included file does not define either: still no image",
      filePath: "/p/compose.yaml",
      code: "include:\n  - db/compose.yaml\nservices:\n  cache:\n    mem_limit: 1g\n",
      services: host({ "db/compose.yaml": "services:\n  db:\n    image: postgres:17\n" }),
      errors: [{ messageId: "missing", line: 4 }],
    },
    {
      name: "an override that names a service no file of the project gives an image (a misspelt name)",
      filePath: "compose.override.yaml",
      code: "services:\n  wbe:\n    ports: [\"127.0.0.1:8080:80\"]\n",
      services: host({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n" }),
      errors: [
        {
          messageId: "missingLayered",
          line: 2,
          column: 3,
          message:
            "Service `wbe` has neither `image` nor `build` here or in `compose.yaml`, which this file is layered on, so docker compose refuses the project (\"service \"wbe\" has neither an image nor a build context specified\"); add `image:` or `build:`, or fix the name if this was meant to change a service of those files (`web`?).",
        },
      ],
    },
    {
      name: "the last file of settings.composeFiles, a service with profiles",
      filePath: "prod.yaml",
      code: "services:\n  debug:\n    profiles: [debug]\n    command: [sh]\n",
      settings: { composeFiles: ["compose.yaml", "prod.yaml"] },
      services: host({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" }),
      errors: [{ messageId: "missingLayered", line: 2, data: { service: "debug", files: "`compose.yaml`", suggestion: "", profiles: ", whenever one of its profiles (`debug`) is enabled" } }],
    },
    {
      name: "neither image nor build (audit case 01)",
      code: 'services:\n  web:\n    command: ["sleep", "infinity"]\n',
      errors: [
        {
          messageId: "missing",
          line: 2,
          column: 3,
          endColumn: 6,
          message:
            "Service `web` has neither `image` nor `build`, so docker compose refuses the project (\"service \"web\" has neither an image nor a build context specified\"); add `image:` (the image to run) or `build:` (the directory to build it from).",
        },
      ],
    },
    {
      name: "an empty image is no image",
      code: 'services:\n  web:\n    image: ""\n',
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "a profiled service, refused when its profile is enabled",
      code: "services:\n  web:\n    image: nginx\n  debug:\n    profiles: [debug, tools]\n    command: sh\n",
      errors: [
        {
          messageId: "missingProfiled",
          line: 4,
          column: 3,
          message:
            "Service `debug` has neither `image` nor `build`, so docker compose refuses the project whenever one of its profiles (`debug`, `tools`) is enabled (\"service \"debug\" has neither an image nor a build context specified\"); add `image:` (the image to run) or `build:` (the directory to build it from).",
        },
      ],
    },
    {
      name: "an extends base without image or build is a service too",
      code: "services:\n  base:\n    environment:\n      A: b\n  web:\n    extends: base\n    image: nginx\n",
      errors: [{ messageId: "missing", line: 2, column: 3, data: { service: "base" } }],
    },
    {
      name: "another name, when no file beside it defines the service",
      filePath: "/p/stack.yml",
      services: host({ "compose.yaml": "services:\n  db:\n    image: postgres:17\n" }),
      code: "services:\n  worker:\n    command: run\n",
      errors: [{ messageId: "missing", line: 2, column: 3, data: { service: "worker" } }],
    },
    {
      name: "a default name, without a file reader",
      filePath: "/p/docker-compose.yml",
      code: "services:\n  worker:\n    command: run\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
    {
      name: "settings.composeFiles that does not list the file",
      filePath: "/p/compose.yaml",
      settings: { composeFiles: ["other.yaml", "other.dev.yaml"] },
      code: "services:\n  worker:\n    command: run\n",
      errors: [{ messageId: "missing", line: 2, column: 3 }],
    },
  ],
});
