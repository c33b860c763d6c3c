import { describe, it } from "vitest";
import "../../compose/index.js";
import { fileHost } from "../../../test/support/file-host.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-file-references.js";

/** The linted file is `compose.yaml`; these are the files beside it. */
const files: Record<string, string> = {
  "common.yml": "services:\n  base:\n    image: nginx:1.27\n  worker:\n    image: w:1\n",
  "sub/chain.yml": "services:\n  mid:\n    extends:\n      file: ../common.yml\n      service: base\n  broken:\n    extends: {file: gone.yml, service: x}\n",
  "sub/loop-a.yml": "services:\n  a:\n    extends: {file: loop-b.yml, service: b}\n",
  "sub/loop-b.yml": "services:\n  b:\n    extends: {file: loop-a.yml, service: a}\n",
  "bad.yml": "services:\n  base: [\n",
  "db/compose.yaml": "services:\n  db:\n    image: postgres:17\n",
  "nested.yaml": "include:\n  - missing-deeper.yaml\n",
  "back.yaml": "include:\n  - compose.yaml\n",
  ".env": "A=1\n",
  "db/defaults.env": "B=2\n",
  "prod/.env.example": "SECRET=\n",
  "dev.env.sample": "X=\n",
};
const services = { readFile: (path: string) => files[path] };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "a file that stands alone", code: "services:\n  web:\n    image: nginx:1.27\n", services },
    { name: "build and env_file under !reset, which compose-go drops on load", code: "services:\n  web:\n    image: nginx:1.27\n    build: !reset null\n    env_file: !reset null\n", services },
    {
      name: "every reference resolves (extends chain across files, include, env_file)",
      code: "include:\n  - db/compose.yaml\n  - path: db/compose.yaml\n    env_file: db/defaults.env\nservices:\n  web:\n    extends: {file: sub/chain.yml, service: mid}\n    env_file: [.env]\n",
      services,
    },
    {
      name: "a missing env file made from a committed template (`cp .env.example .env`) is a fresh clone, not a mistake",
      code: "services:\n  web:\n    image: nginx:1.27\n    env_file: [prod/.env, dev.env]\n",
      services,
    },
    {
      name: "a missing env file that the repository's .gitignore lists (redash's `make .env`) is a fresh clone, not a mistake",
      code: "include:\n  - path: db/compose.yaml\n    env_file: db/local.env\nservices:\n  web:\n    image: nginx:1.27\n    env_file: [.env, secrets/db.env]\n",
      filePath: "/repo/compose.yaml",
      services: fileHost({ ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": ".env\n*.local.env\nlocal.env\nsecrets/\n", "db/compose.yaml": "services:\n  db:\n    image: postgres:17\n" }),
    },
    ...["docker-compose.override.example.yml", "compose.sample.yaml", "docker-compose.yml.dist", "compose-template.yml"].map((name) => ({
      name: `a template to copy (${name}) names env files its copier makes`,
      code: "services:\n  web:\n    env_file: [config/local.env]\n",
      filePath: `/repo/${name}`,
      services,
    })),
    {
      name: "without a reader (stdin) nothing about files is reported",
      code: "include:\n  - missing.yaml\nservices:\n  web:\n    extends: {file: missing.yml, service: base}\n    env_file: missing.env\n",
    },
    {
      name: "optional env files, unset variables, absolute and remote paths",
      code: [
        "include:",
        "  - ${STACK}/compose.yaml",
        "  - oci://registry.example.com/stacks/db:1",
        "  - git@github.com:acme/stack.git",
        "services:",
        "  web:",
        "    image: nginx:1.27",
        "    env_file:",
        "      - path: ./local.env",
        "        required: false",
        "      - path: ./other.env",
        "        required: ${REQUIRE:-false}",
        "      - ${ENV_FILE}",
        "      - /etc/app/app.env",
        "  api:",
        "    extends: {file: '${BASE}', service: base}",
        "",
      ].join("\n"),
      services,
    },
    {
      name: "interpolated defaults are followed",
      code: "services:\n  web:\n    extends: {file: '${BASE:-common.yml}', service: '${NAME:-base}'}\n",
      services,
    },
    {
      name: "a missing service of the same file is left to no-undefined-reference",
      code: "services:\n  web:\n    extends: nope\n",
      services,
    },
    {
      name: "a fault in another service of this file is reported there, not at the services leading to it",
      code: "services:\n  web:\n    extends: api\n  api:\n    image: x\n",
      services,
    },
  ],
  invalid: [
    {
      name: "extends.file that cannot be read, at the path",
      code: "services:\n  web:\n    extends:\n      file: nope.yml\n      service: base\n",
      services,
      errors: [
        {
          messageId: "missingFile",
          message:
            "Service `web` extends a service of `nope.yml`, which cannot be read: `docker compose` stops with \"no such file or directory\"; fix the path or add the file.",
          line: 4,
          column: 13,
          endColumn: 21,
        },
      ],
    },
    {
      name: "extends.service missing in the other file, with a suggestion",
      code: "services:\n  web:\n    extends: {file: ./common.yml, service: bsae}\n",
      services,
      errors: [
        {
          messageId: "missingService",
          message:
            "Service `web` extends `bsae` of `common.yml`, but that file defines no service `bsae` (did you mean `base`?): `docker compose` stops (\"service not found\"); fix `extends.service` or the file.",
          line: 3,
          column: 44,
          endColumn: 48,
        },
      ],
    },
    {
      name: "the other file is not valid YAML",
      code: "services:\n  web:\n    extends: {file: bad.yml, service: base}\n",
      services,
      errors: [{ messageId: "unparsable", line: 3, column: 21, endColumn: 28 }],
    },
    {
      name: "a broken link further down the chain, at this service's extends key",
      code: "services:\n  web:\n    image: x\n    extends: {file: sub/chain.yml, service: broken}\n",
      services,
      errors: [
        {
          messageId: "missingFile",
          message:
            "Service `web` extends a service of `sub/gone.yml` (through web → broken (sub/chain.yml)), which cannot be read: `docker compose` stops with \"no such file or directory\"; fix the path or add the file.",
          line: 4,
          column: 5,
          endColumn: 12,
        },
      ],
    },
    {
      name: "an extends cycle within the file: one finding per service in the loop",
      code: "services:\n  a:\n    extends: b\n  b:\n    extends:\n      service: a\n  c:\n    extends: a\n",
      services,
      errors: [
        { messageId: "extendsCycle", data: { service: "a", chain: "a → b → a" }, line: 3, column: 5 },
        { messageId: "extendsCycle", data: { service: "b", chain: "b → a → b" }, line: 5, column: 5 },
      ],
    },
    {
      name: "a cycle in other files, reached from here",
      code: "services:\n  web:\n    extends: {file: sub/loop-a.yml, service: a}\n",
      services,
      errors: [
        {
          messageId: "extendsIntoCycle",
          data: { service: "web", chain: "a (sub/loop-a.yml) → b (sub/loop-b.yml) → a (sub/loop-a.yml)" },
          line: 3,
          column: 5,
        },
      ],
    },
    {
      name: "a cycle through another file back to this one",
      code: "services:\n  web:\n    extends: {file: back.yml, service: x}\n",
      services: { readFile: (path: string) => (path === "back.yml" ? "services:\n  x:\n    extends: {file: compose.yaml, service: web}\n" : undefined) },
      errors: [{ messageId: "extendsCycle", data: { service: "web", chain: "web → x (back.yml) → web" }, line: 3, column: 5 }],
    },
    {
      name: "extends brought in by a merge key reports at the merge site",
      code: "x-base: &base\n  extends: {file: nope.yml, service: base}\nservices:\n  web:\n    <<: *base\n",
      services,
      errors: [{ messageId: "missingFile", line: 5, column: 5 }],
    },
    {
      name: "include: missing, nested missing, and a cycle back to this file",
      code: "include:\n  - missing.yaml\n  - path: nested.yaml\n  - back.yaml\n",
      services,
      errors: [
        { messageId: "missingFile", data: { subject: "`include` names", path: "missing.yaml", through: "" }, line: 2, column: 5, endColumn: 17 },
        {
          messageId: "missingFile",
          data: { subject: "`include` names", path: "missing-deeper.yaml", through: " (through compose.yaml → nested.yaml → missing-deeper.yaml)" },
          line: 3,
          column: 11,
        },
        { messageId: "includeCycle", data: { written: "back.yaml", chain: "compose.yaml → back.yaml → compose.yaml" }, line: 4, column: 5 },
      ],
    },
    {
      name: "env_file and label_file entries that cannot be read (string, list and long syntax)",
      code: [
        "services:", // 1
        "  web:", // 2
        "    image: x", // 3
        "    env_file: web.env", // 4
        "  api:", // 5
        "    image: x", // 6
        "    env_file:", // 7
        "      - .env", // 8
        "      - path: api.env", // 9
        "        required: true", // 10
        "    label_file: ./api.labels", // 11
        "",
      ].join("\n"),
      services,
      errors: [
        {
          messageId: "missingEnvFile",
          message:
            "Service `web`'s `env_file` names `web.env`, which cannot be read: `docker compose` refuses to start the service; fix the path, add the file, or make the entry optional (`- path: web.env` with `required: false`).",
          line: 4,
          column: 15,
          endColumn: 22,
        },
        { messageId: "missingEnvFile", line: 9, column: 15, endColumn: 22 },
        { messageId: "missingFile", data: { subject: "Service `api`'s `label_file` names", path: "api.labels", through: "" }, line: 11, column: 17 },
      ],
    },
    {
      name: "a missing env file that the repository does not ignore (a negation, or another name)",
      code: "services:\n  web:\n    image: nginx:1.27\n    env_file: [.env, app.env]\n",
      filePath: "/repo/compose.yaml",
      services: fileHost({ ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "*.env\n!.env\n" }),
      errors: [
        { messageId: "missingEnvFile", data: { subject: "Service `web`'s `env_file` names", path: ".env" }, line: 4, column: 16 },
      ],
    },
    {
      name: "a .gitignore outside any repository does not count",
      code: "services:\n  web:\n    image: nginx:1.27\n    env_file: .env\n",
      filePath: "/repo/compose.yaml",
      services: fileHost({ ".gitignore": ".env\n" }),
      errors: [{ messageId: "missingEnvFile", data: { subject: "Service `web`'s `env_file` names", path: ".env" }, line: 4, column: 15 }],
    },
    ...["docker-compose.defaults.yml", "compose.prod.yaml", "examples-compose.yml"].map((name) => ({
      name: `a file named like a template only in part (${name}) is checked`,
      code: "services:\n  web:\n    image: nginx:1.27\n    env_file: local.env\n",
      filePath: `/repo/${name}`,
      services,
      errors: [{ messageId: "missingEnvFile", data: { subject: "Service `web`'s `env_file` names", path: "local.env" }, line: 4, column: 15 }],
    })),
    {
      name: "an include's env_file that cannot be read",
      code: "include:\n  - path: db/compose.yaml\n    env_file: db/missing.env\n",
      services,
      errors: [{ messageId: "missingEnvFile", data: { subject: "`include`'s `env_file` names", path: "db/missing.env" }, line: 3, column: 15 }],
    },
    {
      name: "an interpolated default that names a missing file",
      code: "services:\n  web:\n    image: x\n    env_file: ${ENV_FILE:-prod.env}\n",
      services,
      errors: [{ messageId: "missingEnvFile", data: { subject: "Service `web`'s `env_file` names", path: "prod.env" }, line: 4, column: 15 }],
    },
  ],
});

const buildProject = fileHost({
  "api/Dockerfile": "FROM node:22-slim AS build\nFROM build AS release\n",
  "api/src/index.js": "",
  "docs/README.md": "",
});

describe("valid-file-references: build contexts, Dockerfiles and targets", () => {
  createRuleTester({ describe, it }).run(rule, {
    valid: [
      { name: "context, Dockerfile and target exist", code: "services:\n  api:\n    build:\n      context: api\n      target: release\n", services: buildProject },
      { name: "without a lister a missing Dockerfile is not judged", code: "services:\n  api:\n    build: ./gone\n", services: { readFile: buildProject.readFile } },
      { name: "without a reader", code: "services:\n  api:\n    build: ./gone\n" },
      { name: "a context given by a variable without default", code: "services:\n  api:\n    build: ${APP_DIR}\n", services: buildProject },
      { name: "a remote context", code: "services:\n  api:\n    build:\n      context: https://github.com/acme/api.git#main\n", services: buildProject },
      {
        name: "a context in a submodule this clone has not checked out (cal.com's docker repository, cloned without --recurse-submodules)",
        code: "services:\n  calcom-api:\n    build:\n      context: ./calcom\n      dockerfile: apps/api/v2/Dockerfile\n  web:\n    image: nginx:1.27\n    env_file: vendor/stack/web.env\n",
        filePath: "/repo/docker-compose.yaml",
        services: fileHost({ ".git/HEAD": "ref: refs/heads/main\n", ".gitmodules": '[submodule "calcom"]\n\tpath = calcom\n[submodule "stack"]\n\tpath = vendor/stack\n', "calcom/": "", "vendor/stack/": "" }),
      },
    ],
    invalid: [
      {
        name: "a context that does not exist",
        code: "services:\n  api:\n    build: ./gone\n",
        services: buildProject,
        errors: [{ messageId: "missingBuildContext", data: { service: "api", context: "gone" }, line: 3, column: 12, endColumn: 18 }],
      },
      {
        name: "a context without its Dockerfile",
        code: "services:\n  docs:\n    build:\n      context: docs\n",
        services: buildProject,
        errors: [{ messageId: "missingDockerfile", data: { service: "docs", dockerfile: "docs/Dockerfile", context: "docs" }, line: 4, column: 16 }],
      },
      {
        name: "a dockerfile path that does not exist, at `dockerfile:`",
        code: "services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Containerfile\n",
        services: buildProject,
        errors: [{ messageId: "missingDockerfile", data: { service: "api", dockerfile: "api/Containerfile", context: "." }, line: 5, column: 19 }],
      },
      {
        name: "a submodule that is checked out: its missing Dockerfile is missing",
        code: "services:\n  calcom-api:\n    build:\n      context: ./calcom\n      dockerfile: apps/api/v2/Dockerfile\n",
        filePath: "/repo/docker-compose.yaml",
        services: fileHost({ ".git/HEAD": "ref: refs/heads/main\n", ".gitmodules": '[submodule "calcom"]\n\tpath = calcom\n', "calcom/package.json": "{}\n" }),
        errors: [{ messageId: "missingDockerfile", data: { service: "calcom-api", dockerfile: "calcom/apps/api/v2/Dockerfile", context: "calcom" }, line: 5, column: 19 }],
      },
      {
        name: "a target the Dockerfile does not define",
        code: "services:\n  api:\n    build:\n      context: api\n      target: relase\n",
        services: buildProject,
        errors: [{ messageId: "missingTarget", data: { service: "api", target: "relase", dockerfile: "api/Dockerfile", suggestion: " (did you mean `release`?)" }, line: 5, column: 15 }],
      },
    ],
  });
});

/** laradock's layout: the root's docker-compose.yml includes each service's compose.yml with `project_directory: .`. */
const laradock = (include: string, more: Record<string, string> = {}): ReturnType<typeof fileHost> =>
  fileHost({
    "../docker-compose.yml": `include:\n${include}`,
    "Dockerfile": "FROM adminer:4\n",
    "defaults.env": "ADM_PORT=8080\n",
    "../.env.example": "X=1\n",
    ...more,
  });

describe("valid-file-references: paths of a file another one includes, from its project directory", () => {
  createRuleTester({ describe, it }).run(rule, {
    valid: [
      {
        name: "included with `project_directory: .`: `./adminer` is built from the including file's directory (laradock)",
        code: "services:\n  adminer:\n    build:\n      context: ./adminer\n    env_file: adminer/defaults.env\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: .\n    env_file: adminer/defaults.env\n"),
      },
      {
        name: "included without `project_directory`: paths from the included file's own directory",
        code: "services:\n  adminer:\n    build: .\n    env_file: defaults.env\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - adminer/compose.yml\n"),
      },
      {
        name: "a `project_directory` from an unset variable: the paths are not judged",
        code: "services:\n  adminer:\n    build: ./adminer\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: ${ROOT}\n"),
      },
      {
        name: "the second file of an include entry's `path` list: paths from the first file's directory",
        code: "services:\n  adminer:\n    build: .\n",
        filePath: "/repo/laradock/adminer/dev/compose.dev.yml",
        services: fileHost({ "../../compose.yaml": "include:\n  - path: [adminer/compose.yml, adminer/dev/compose.dev.yml]\n", "../Dockerfile": "FROM adminer:4\n" }),
      },
      {
        name: "a later `-f` file in another directory: paths from the first file's directory",
        code: "services:\n  api:\n    build: ./api\n    env_file: api.env\n",
        filePath: "/repo/deploy/ci/compose.ci.yaml",
        settings: { composeFiles: ["../compose.yaml", "compose.ci.yaml"] },
        services: fileHost({ "../compose.yaml": "services:\n  api:\n    image: acme/api:1\n", "../api/Dockerfile": "FROM node:22\n", "../api.env": "A=1\n" }),
      },
      {
        name: "`extends.file` of a later `-f` file: from the first file's directory (the loader's working directory)",
        code: "services:\n  api:\n    extends: {file: common.yml, service: base}\n",
        filePath: "/repo/deploy/ci/compose.ci.yaml",
        settings: { composeFiles: ["../compose.yaml", "compose.ci.yaml"] },
        services: fileHost({ "../compose.yaml": "services:\n  api:\n    image: acme/api:1\n", "../common.yml": "services:\n  base:\n    image: acme/base:1\n" }),
      },
      {
        name: "included with `project_directory: .` by a file named with `-f` (settings.composeFiles): from that file's directory",
        code: "services:\n  adminer:\n    build:\n      context: ./adminer\n    env_file: adminer/defaults.env\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        settings: { composeFiles: ["../../base.yml", "../stack.prod.yml"] },
        services: fileHost({
          "../stack.prod.yml": "include:\n  - path: adminer/compose.yml\n    project_directory: .\n",
          "Dockerfile": "FROM adminer:4\n",
          "defaults.env": "ADM_PORT=8080\n",
        }),
      },
      {
        name: "`extends.file` of a file included with `project_directory: .`: from the including file's directory",
        code: "services:\n  adminer:\n    extends: {file: common.yml, service: base}\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: .\n", { "../common.yml": "services:\n  base:\n    image: adminer:4\n" }),
      },
    ],
    invalid: [
      {
        name: "included with `project_directory: .`, a context that is not there from the root",
        code: "services:\n  adminer:\n    build:\n      context: ./adminr\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: .\n"),
        errors: [{ messageId: "missingBuildContext", data: { service: "adminer", context: "../adminr" }, line: 4, column: 16 }],
      },
      {
        name: "included with `project_directory: .`, an env file looked for from the root",
        code: "services:\n  adminer:\n    build: ./adminer\n    env_file: defaults.env\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: .\n"),
        errors: [{ messageId: "missingEnvFile", data: { subject: "Service `adminer`'s `env_file` names", path: "../defaults.env" }, line: 4, column: 15 }],
      },
      {
        name: "the same `-f` includer, unlisted: the paths are read from the file's own directory",
        code: "services:\n  adminer:\n    build:\n      context: ./adminer\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: fileHost({ "../stack.prod.yml": "include:\n  - path: adminer/compose.yml\n    project_directory: .\n", "Dockerfile": "FROM adminer:4\n" }),
        errors: [{ messageId: "missingBuildContext", data: { service: "adminer", context: "adminer" }, line: 4, column: 16 }],
      },
      {
        name: "`extends.file` of a file included with `project_directory: .`, missing from the root",
        code: "services:\n  adminer:\n    extends: {file: common.yml, service: base}\n",
        filePath: "/repo/laradock/adminer/compose.yml",
        services: laradock("  - path: adminer/compose.yml\n    project_directory: .\n", { "common.yml": "services:\n  base:\n    image: adminer:4\n" }),
        errors: [{ messageId: "missingFile", line: 3, column: 21 }],
      },
    ],
  });
});

/** wemake-django-template's layout: the base file names the context and Dockerfile, the override adds build arguments. */
const layeredBuild = (base: string, more: Record<string, string> = {}): ReturnType<typeof fileHost> =>
  fileHost({
    "docker-compose.yml": base,
    "docker/django/Dockerfile": "FROM python:3.13-slim AS development\nFROM development AS production\n",
    "manage.py": "",
    ...more,
  });
const djangoBase = "services:\n  web:\n    image: demo:dev\n    build:\n      context: .\n      dockerfile: ./docker/django/Dockerfile\n";

describe("valid-file-references: a build an override file completes", () => {
  createRuleTester({ describe, it }).run(rule, {
    valid: [
      {
        name: "an override that adds only `args` builds the base file's context and Dockerfile (wemake-django-template)",
        code: "services:\n  web:\n    build:\n      args:\n        - UID=1000\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase),
      },
      {
        name: "the same `args` through a merge key",
        code: "x-build: &build\n  args: [UID=1000]\nservices:\n  web:\n    build:\n      <<: *build\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase),
      },
      {
        name: "an override that picks a stage of the base file's Dockerfile",
        code: "services:\n  web:\n    build:\n      target: development\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase),
      },
      {
        name: "a later `-f` file that adds `args` to the first file's build",
        code: "services:\n  web:\n    build:\n      args: [UID=1000]\n",
        filePath: "/repo/compose.dev.yml",
        settings: { composeFiles: ["docker-compose.yml", "compose.dev.yml"] },
        services: layeredBuild(djangoBase),
      },
      {
        name: "a base file that cannot be read: the context and Dockerfile it gives are not known, so a partial build is not judged",
        code: "services:\n  web:\n    build:\n      args: [UID=1000]\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild("services: [\n"),
      },
      {
        name: "a Dockerfile missing from the base file's build is that file's finding, not the override's",
        code: "services:\n  web:\n    build:\n      args: [UID=1000]\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild("services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/gone/Dockerfile\n"),
      },
    ],
    invalid: [
      {
        name: "a complete build in an override is judged as written",
        code: "services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/app/Dockerfile\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase),
        errors: [{ messageId: "missingDockerfile", data: { service: "web", dockerfile: "docker/app/Dockerfile", context: "." }, line: 5, column: 19 }],
      },
      {
        name: "a target the base file's Dockerfile does not define, at the override's `target:`",
        code: "services:\n  web:\n    build:\n      target: devlopment\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase),
        errors: [{ messageId: "missingTarget", data: { service: "web", target: "devlopment", dockerfile: "docker/django/Dockerfile", suggestion: " (did you mean `development`?)" }, line: 4, column: 15 }],
      },
      {
        name: "an override's context keeps the base file's `dockerfile`, which is then read from that context",
        code: "services:\n  web:\n    build: ./app\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild(djangoBase, { "app/Dockerfile": "FROM python:3.13-slim\n" }),
        errors: [{ messageId: "missingDockerfile", data: { service: "web", dockerfile: "app/docker/django/Dockerfile", context: "app" }, line: 3, column: 12 }],
      },
      {
        name: "an override that adds `build` to an image-only base service builds `Dockerfile` from the project directory",
        code: "services:\n  web:\n    build:\n      args: [UID=1000]\n",
        filePath: "/repo/docker-compose.override.yml",
        services: layeredBuild("services:\n  web:\n    image: demo:dev\n"),
        errors: [{ messageId: "missingDockerfile", data: { service: "web", dockerfile: "Dockerfile", context: "." }, line: 4, column: 7 }],
      },
    ],
  });
});
