import { describe, it } from "vitest";
import { fileHost } from "../../../test/support/file-host.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-secret-files-in-context.js";

const APP = { Dockerfile: "", "package.json": "{}", "src/index.js": "" };
const PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArq9XTUSeYr2+N1h3Afl\n-----END PUBLIC KEY-----";
const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----";
const PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----";

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
    {
      name: "a build stage that deletes the secrets before the final stage copies it (healthchecks)",
      code: "FROM python:3.13 AS builder\nCOPY . /opt/healthchecks/\nWORKDIR /opt/healthchecks\nRUN rm -rf .git .env* && pip wheel -r requirements.txt\nFROM python:3.13-slim\nCOPY --from=builder /opt/healthchecks/ /opt/healthchecks/\n",
      services: fileHost({ ...APP, ".git/HEAD": "", ".env": "", ".env.production": "", ".dockerignore": "node_modules\n" }),
    },
    { name: "an allowed path", code: "FROM nginx:1.27\nCOPY . /etc/nginx/\n", options: { allow: ["test/fixtures/server.key"] }, services: fileHost({ Dockerfile: "", "test/fixtures/server.key": "", ".dockerignore": "x\n" }) },
    {
      name: "a PEM holding a public key is no private key (ragflow's conf/public.pem)",
      code: "FROM debian:12-slim\nWORKDIR /app\nCOPY conf conf\n",
      services: fileHost({ Dockerfile: "", "conf/public.pem": `${PUBLIC_KEY}\n`, "conf/service_conf.yaml": "" }),
    },
    {
      name: "PEM files whose content is only public material, whatever their names",
      code: "FROM nginx:1.27\nCOPY tls/ /etc/nginx/tls/\n",
      services: fileHost({ Dockerfile: "", "tls/server.pem": CERTIFICATE, "tls/bundle.pem": `${CERTIFICATE}\n${CERTIFICATE}`, "tls/jwt.key": PUBLIC_KEY, "tls/dhparam.pem": "-----BEGIN DH PARAMETERS-----\nMAoCAQI=\n-----END DH PARAMETERS-----\n" }),
    },
    {
      name: "by name, when the content says nothing: public keys and certificates",
      code: "FROM nginx:1.27\nCOPY certs/ /etc/ssl/app/\n",
      services: fileHost({
        Dockerfile: "",
        ...Object.fromEntries(
          ["public.pem", "public-key.pem", "id.pub.pem", "jwt-pub.pem", "pubkey.pem", "cert.pem", "server-cert.pem", "server.crt.pem", "ca.pem", "cacert.pem", "ca-bundle.pem", "rootCA.pem", "fullchain.pem", "chain.pem", "oauth-public.key"].map((name) => [`certs/${name}`, ""]),
        ),
      }),
    },
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
      name: "a PEM holding a private key is one whatever its name says, and with a certificate too",
      code: "FROM nginx:1.27\nCOPY tls/ /etc/nginx/tls/\n",
      services: fileHost({ Dockerfile: "", "tls/public.pem": `${PRIVATE_KEY}\n`, "tls/cert.pem": `${CERTIFICATE}\n${PRIVATE_KEY}\n`, "tls/ca.pem": CERTIFICATE, ".dockerignore": "*.md\n" }),
      errors: [
        {
          messageId: "secretFiles",
          message:
            "COPY `tls/` copies `tls/cert.pem` (private key), `tls/public.pem` (private key) from the build context into the image: anyone who can pull the image can read them, even if a later step deletes them; exclude them in `.dockerignore` (e.g. `tls/cert.pem`), or copy only what the build needs.",
          line: 2,
        },
      ],
    },
    {
      name: "by name, when the content says nothing: keys next to certificates, and PEM blocks not known here",
      code: "FROM nginx:1.27\nCOPY certs/ /etc/ssl/app/\n",
      services: fileHost({ Dockerfile: "", "certs/ca-key.pem": "", "certs/cakey.pem": "", "certs/privkey.pem": "", "certs/ca.key": "", "certs/server.pem": "-----BEGIN FOO-----\nAA==\n-----END FOO-----\n", "certs/ca.pem": "" }),
      errors: [
        {
          messageId: "secretFiles",
          data: { keyword: "COPY", source: "certs/", files: "`certs/ca-key.pem` (private key), `certs/ca.key` (private key), `certs/cakey.pem` (private key) and 2 more", them: "them", ignoreFile: "a new `.dockerignore`", pattern: "certs/ca-key.pem" },
          line: 2,
        },
      ],
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
      name: "a build stage copied whole ships what its later RUNs do not delete (healthchecks)",
      code: "FROM python:3.13 AS builder\nWORKDIR /opt/app\nCOPY . /opt/app/\nRUN rm -rf /opt/app/.git && rm .env.local\nFROM python:3.13-slim\nCOPY --from=builder /opt/app/ /opt/app/\n",
      services: fileHost({ ...APP, ".git/HEAD": "", ".env.local": "", "id_rsa": "", ".dockerignore": "node_modules\n" }),
      errors: [{ messageId: "secretFiles", data: { keyword: "COPY", source: ".", files: "`id_rsa` (SSH private key)", them: "it", ignoreFile: "`.dockerignore`", pattern: "id_rsa" }, line: 3 }],
    },
    {
      name: "a deletion in the stage the image is built on leaves the copied layer: still reported",
      code: "FROM python:3.13\nCOPY . /opt/app/\nRUN rm -rf /opt/app/.git\n",
      services: fileHost({ ...APP, ".git/HEAD": "", ".dockerignore": "node_modules\n" }),
      errors: [{ messageId: "secretFiles", line: 2 }],
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
