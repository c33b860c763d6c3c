import { describe, it } from "vitest";
import { fileHost } from "../../../test/support/file-host.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-secret-files-in-context.js";

const APP = { Dockerfile: "", "package.json": "{}", "src/index.js": "" };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no file reader", code: "FROM node:22\nCOPY . .\n" },
    { name: "secrets excluded by .dockerignore", code: "FROM node:22\nCOPY . .\n", services: fileHost({ ...APP, ".env": "", "id_rsa": "", ".dockerignore": ".env\nid_rsa\n" }) },
    { name: "a template env file is no secret", code: "FROM node:22\nCOPY . .\n", services: fileHost({ ...APP, ".env.example": "", ".env.sample": "", ".dockerignore": "node_modules\n" }) },
    { name: "a public key is no secret", code: "FROM node:22\nCOPY . .\n", services: fileHost({ ...APP, "id_ed25519.pub": "", ".dockerignore": "node_modules\n" }) },
    { name: "copying one directory without secrets", code: "FROM node:22\nCOPY src/ /app/src/\n", services: fileHost({ ...APP, ".env": "" }) },
    { name: "copying one file", code: "FROM node:22\nCOPY package.json /app/\n", services: fileHost({ ...APP, ".env": "" }) },
    { name: "a glob source is not judged", code: "FROM node:22\nCOPY *.json /app/\n", services: fileHost({ ...APP, "secrets.json": "", ".env": "" }) },
    { name: "--from copies from a stage", code: "FROM node:22 AS build\nFROM node:22\nCOPY --from=build / /\n", services: fileHost({ ...APP, ".env": "" }) },
    {
      name: "a build stage whose output is only partly copied does not ship the context",
      code: "FROM node:22 AS build\nWORKDIR /src\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /src/dist /usr/share/nginx/html\n",
      services: fileHost({ ...APP, ".env": "", ".dockerignore": "node_modules\n" }),
    },
    { name: "an allowed path", code: "FROM nginx:1.27\nCOPY . /etc/nginx/\n", options: { allow: ["certs/ca.pem"] }, services: fileHost({ Dockerfile: "", "certs/ca.pem": "", ".dockerignore": "x\n" }) },
    { name: "ignored through a parent directory", code: "FROM node:22\nCOPY . .\n", services: fileHost({ ...APP, "config/prod.key": "", ".dockerignore": "config\n" }) },
    {
      name: "the context's .dockerignore is read from settings.buildContext",
      code: "FROM node:22\nCOPY . .\n",
      settings: { buildContext: ".." },
      filePath: "docker/Dockerfile",
      services: fileHost({ "../.env": "", "../.dockerignore": ".env\n", "../app.js": "" }),
    },
    { name: "an ONBUILD trigger runs in a child build", code: "FROM node:22\nONBUILD COPY . .\n", services: fileHost({ ...APP, ".env": "" }) },
    { name: "an absolute buildContext is not followed", code: "FROM node:22\nCOPY . .\n", settings: { buildContext: "/srv" }, services: fileHost({ ...APP, ".env": "" }) },
  ],
  invalid: [
    {
      name: "COPY . . with .env and an SSH key, no .dockerignore",
      code: "FROM node:22\nWORKDIR /app\nCOPY . .\n",
      services: fileHost({ ...APP, ".env": "", "id_rsa": "" }),
      errors: [
        {
          messageId: "secretFiles",
          data: { keyword: "COPY", source: ".", files: "`.env` (environment file), `id_rsa` (SSH private key)", them: "them", ignoreFile: "a new `.dockerignore`", pattern: ".env" },
          line: 3,
          column: 6,
          endColumn: 7,
        },
      ],
    },
    {
      name: "a .dockerignore that misses them; directories reported once",
      code: "FROM python:3.13\nADD ./ /srv\n",
      services: fileHost({ Dockerfile: "", ".dockerignore": "__pycache__\n", ".git/HEAD": "", ".aws/credentials": "", ".env.production": "", "deploy/terraform.tfstate": "" }),
      errors: [
        {
          messageId: "secretFiles",
          data: {
            keyword: "ADD",
            source: "./",
            files: "`.aws/` (AWS credentials), `.env.production` (environment file), `.git/` (repository history, which keeps every secret ever committed) and 1 more",
            them: "them",
            ignoreFile: "`.dockerignore`",
            pattern: ".aws",
          },
          line: 2,
        },
      ],
    },
    {
      name: "a directory that holds a key",
      code: "FROM nginx:1.27\nCOPY config/ /etc/app/\n",
      services: fileHost({ Dockerfile: "", "config/app.conf": "", "config/tls.key": "", ".dockerignore": "*.md\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: "config/", files: "`config/tls.key` (private key)", them: "it", ignoreFile: "`.dockerignore`", pattern: "config/tls.key" }, line: 2, column: 6 }],
    },
    {
      name: "an exception re-includes a secret",
      code: "FROM node:22\nCOPY . .\n",
      services: fileHost({ ...APP, ".npmrc": "", ".dockerignore": ".*\n!.npmrc\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`.npmrc` (npm credentials)", them: "it", ignoreFile: "`.dockerignore`", pattern: ".npmrc" }, line: 2 }],
    },
    {
      name: "Dockerfile.dockerignore wins over .dockerignore",
      code: "FROM node:22\nCOPY . .\n",
      services: fileHost({ ...APP, ".env": "", ".dockerignore": ".env\n", "Dockerfile.dockerignore": "node_modules\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`.env` (environment file)", them: "it", ignoreFile: "`Dockerfile.dockerignore`", pattern: ".env" }, line: 2 }],
    },
    {
      name: "a build stage copied whole into the final one ships the context",
      code: "FROM node:22 AS build\nWORKDIR /src\nCOPY . .\nFROM node:22-slim\nCOPY --from=build /src /app\n",
      services: fileHost({ ...APP, "keys/server.pem": "", ".dockerignore": "node_modules\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`keys/server.pem` (private key)", them: "it", ignoreFile: "`.dockerignore`", pattern: "keys/server.pem" }, line: 3 }],
    },
    {
      name: "the final stage builds on the stage that copies",
      code: "FROM node:22 AS base\nCOPY . /app\nFROM base\nUSER node\n",
      services: fileHost({ ...APP, ".docker/config.json": "", ".dockerignore": "node_modules\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`.docker/config.json` (registry credentials)", them: "it", ignoreFile: "`.dockerignore`", pattern: ".docker/config.json" }, line: 2 }],
    },
    {
      name: "the context of a Compose build (settings.buildContext)",
      code: "FROM node:22\nCOPY . .\n",
      settings: { buildContext: ".." },
      filePath: "docker/Dockerfile",
      services: fileHost({ "../.env": "", "../app.js": "" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`.env` (environment file)", them: "it", ignoreFile: "a new `../.dockerignore`", pattern: ".env" }, line: 2 }],
    },
    {
      name: "no .dockerignore beside a broad COPY, nothing secret yet: one warning",
      code: "FROM node:22\nCOPY . .\nCOPY . /again\n",
      services: fileHost(APP),
      errors: [{ messageId: "missingIgnoreFile", data: { keyword: "COPY", source: ".", ignoreFile: ".dockerignore" }, line: 2, column: 6 }],
    },
    {
      name: "no .dockerignore, and the host cannot list the context",
      code: "FROM node:22\nCOPY . .\n",
      services: { readFile: () => undefined },
      errors: [{ messageId: "missingIgnoreFile", line: 2 }],
    },
  ],
});
