import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-secrets-in-env.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nENV foobar=barfoo\nARG VERSION=1\n",
    { name: "official python image's GPG_KEY is a public key fingerprint", code: "FROM debian:12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n" },
    { name: "username is not a secret", code: "FROM debian:12\nARG USERNAME=app\nENV DOCKER_USERNAME=me\n" },
    { name: "a list of users names the owners of the keys", code: "FROM semitechnologies/weaviate:1.30.0\nENV AUTHENTICATION_APIKEY_USERS=admin-user,viewer-user ADMIN_TOKEN_USERNAMES=alice\n" },
    {
      name: "Confluent's KAFKA_SSL_*_CREDENTIALS name the file that holds the password",
      code: "FROM confluentinc/cp-kafka:7.9.0\nENV KAFKA_SSL_KEYSTORE_CREDENTIALS=kafka.pass KAFKA_SSL_KEY_CREDENTIALS=kafka.pass KAFKA_SSL_TRUSTSTORE_CREDENTIALS=truststore_creds\n",
    },
    { name: "files holding secrets", code: "FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg GITHUB_TOKEN_FILE=/run/secrets/gh\n" },
    { name: "public keys and key ids", code: "FROM alpine:3.20\nARG PUBLIC_KEY\nARG KEY_ID\nENV JWT_PUBLIC_KEY=x\n" },
    { name: "switches and settings", code: "FROM bitnami/redis:7.2\nENV ALLOW_EMPTY_PASSWORD=yes AUTH_ENABLED=false PASSWORD_MIN_LENGTH=12\n" },
    { name: "allow option", code: "FROM alpine:3.20\nARG GITHUB_TOKEN\nARG CI_JOB_TOKEN\n", options: { allow: ["github_token", "/^CI_/"] } },
    { name: "a variable as the name", code: "FROM alpine:3.20\nARG PREFIX=APP\nENV ${PREFIX}_TOKEN=x\n" },
    { name: "RUN using a secret mount", code: "FROM alpine:3.20\nRUN --mount=type=secret,id=token,env=TOKEN ./deploy\n" },
    {
      name: "a GPG key's fingerprint and a download's checksum are not secrets (apache/couchdb-docker, percona-docker)",
      code: "FROM debian:12-slim\nENV GPG_COUCH_KEY=390EF70BB1EA12B2773962950EE62FB37A00258D\nENV GPG_KEY=390EF70BB1EA12B2773962950EE62FB37A00258D\nENV KEY_RPM_DOWNLOAD_SHA256=fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84\nENV TARBALL_SHA256=fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84\n",
    },
    {
      name: "OpenPGP key IDs and fingerprints: several, in gpg's groups of four, 0x-prefixed, as an ARG default",
      code: "FROM debian:12-slim\nARG PGP_RELEASE_KEYS=\"390E F70B B1EA 12B2 7739  6295 0EE6 2FB3 7A00 258D A035C8C19219BA821ECEA86B64E628F8D684696D\"\nARG GNUPG_SIGNING_KEY=0x64E628F8D684696D\nENV OPENPGP_RELEASE_KEY=D684696D\n",
    },
    {
      name: "signing and release keys holding v4 fingerprints (swiftlang/swift-docker, haskell/docker-haskell), also through an ARG",
      code: "FROM ubuntu:24.04\nARG SWIFT_SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\nENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY \\\n    SWIFT_PLATFORM=ubuntu24.04\nARG STACK_RELEASE_KEY='C5705533DA4F78D8664B5DC0575159689BEFB442'\nARG GHC_RELEASE_KEY=88B57FCF7DB53B4DB3BFA4B1588764FBE22D19C4\nENV CABAL_INSTALL_RELEASE_KEY=${CABAL_KEY:-EAF2A9A722C0C96F2B431CA511AAD8CEDEE0CAEF}\n",
    },
    {
      name: "two or more v4 fingerprints under any key name are a keyring (Solr's SOLR_KEYS)",
      code: "FROM eclipse-temurin:21-jre\nARG SOLR_KEYS=\"390EF70BB1EA12B2773962950EE62FB37A00258D A035C8C19219BA821ECEA86B64E628F8D684696D\"\nENV LLVM_KEYS=390EF70BB1EA12B2773962950EE62FB37A00258D,A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    },
    {
      name: "checksums of keys and tokens",
      code: "FROM debian:12-slim\nENV SIGNING_KEY_SHA512=abc API_TOKEN_MD5=abc DEPLOY_KEY_CHECKSUM=abc KEY_SHA256SUM=abc\n",
    },
    {
      name: "allow and deny lists name paths or addresses, not credentials (umbrel's app-proxy)",
      code: "FROM node:22-alpine\nENV PROXY_AUTH_WHITELIST=/admin/* PROXY_AUTH_BLACKLIST=/admin2/* AUTH_ALLOWLIST=/api/* TOKEN_DENYLIST=0xdead AUTH_WHITE_LIST=/health API_KEYS_ALLOWED=false SECRET_BLOCKLIST=x\n",
    },
  ],
  invalid: [
    {
      name: "global ARG",
      code: "ARG AWS_ACCESS_KEY_ID\nFROM debian:12\n",
      errors: [
        {
          messageId: "arg",
          data: { name: "AWS_ACCESS_KEY_ID", reason: "a well-known credential variable", id: "aws_access_key_id" },
          line: 1,
          column: 5,
          endColumn: 22,
        },
      ],
    },
    {
      name: "ENV with a value",
      code: "FROM debian:12\nENV my_password=abcdefghijklmnopqrstuvwxyz\n",
      errors: [{ messageId: "env", data: { name: "my_password", reason: 'the word "password"', id: "my_password" }, line: 2, column: 5, endColumn: 16 }],
    },
    {
      name: "one finding per key, at the key",
      code: "FROM scratch\nENV password=bar sunflower=foo secret=baz\nARG super_duper_secret_token=foo auth=bar\n",
      errors: [
        { messageId: "env", line: 2, column: 5, endColumn: 13 },
        { messageId: "env", line: 2, column: 32, endColumn: 38 },
        { messageId: "arg", data: { name: "super_duper_secret_token", reason: 'the word "token"', id: "super_duper_secret_token" }, line: 3, column: 5, endColumn: 29 },
        { messageId: "arg", line: 3, column: 34, endColumn: 38 },
      ],
    },
    {
      name: "legacy ENV form",
      code: "FROM debian:12\nENV DB_PASSWORD hunter2\n",
      errors: [{ messageId: "env", line: 2, column: 5, endColumn: 16 }],
    },
    {
      name: "ONBUILD ARG and ENV",
      code: "FROM debian:12\nONBUILD ARG NPM_TOKEN\nONBUILD ENV API_KEY=x\n",
      errors: [
        { messageId: "arg", line: 2, column: 13, endColumn: 22 },
        { messageId: "env", line: 3, column: 13, endColumn: 20 },
      ],
    },
    {
      name: "every stage",
      code: "FROM node:20 AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM node:20-slim\nENV SESSION_SECRET=changeme\n",
      errors: [
        { messageId: "arg", line: 2 },
        { messageId: "env", line: 5 },
      ],
    },
    {
      name: "Confluent's store passwords and the API keys next to their users are still secrets",
      code: "FROM confluentinc/cp-kafka:7.9.0\nENV KAFKA_SSL_KEYSTORE_PASSWORD=confluent\nENV AUTHENTICATION_APIKEY_ALLOWED_KEYS=k1\n",
      errors: [
        { messageId: "env", data: { name: "KAFKA_SSL_KEYSTORE_PASSWORD", reason: 'the word "password"', id: "kafka_ssl_keystore_password" }, line: 2 },
        { messageId: "env", data: { name: "AUTHENTICATION_APIKEY_ALLOWED_KEYS", reason: 'the word "keys"', id: "authentication_apikey_allowed_keys" }, line: 3 },
      ],
    },
    {
      name: "continued ENV",
      code: "FROM debian:12\nENV A=1 \\\n    DB_PASS=x\n",
      errors: [{ messageId: "env", line: 3, column: 5, endColumn: 12 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV SA_PASSWORD=x `\n    EDITION=dev\n",
      errors: [{ messageId: "env", line: 3, column: 5, endColumn: 16 }],
    },
    {
      name: "a GPG name holding something else than fingerprints, and other secret words, stay secrets",
      code: "FROM debian:12-slim\nENV GPG_COUCH_KEY=not-a-fingerprint\nARG GPG_SIGNING_KEY\nENV GPG_PASSPHRASE=390EF70BB1EA12B2773962950EE62FB37A00258D\nENV GPG_RELEASE_KEY=390EF70BB1EA12B2773962950EE62FB37A00258\nENV PGP_SIGNING_KEY=\"390E F70B B1EA 12B2\"\n",
      errors: [
        { messageId: "env", data: { name: "GPG_COUCH_KEY", reason: 'the word "key"', id: "gpg_couch_key" }, line: 2 },
        { messageId: "arg", data: { name: "GPG_SIGNING_KEY", reason: 'the word "key"', id: "gpg_signing_key" }, line: 3 },
        { messageId: "env", data: { name: "GPG_PASSPHRASE", reason: 'the word "passphrase"', id: "gpg_passphrase" }, line: 4 },
        { messageId: "env", line: 5 },
        { messageId: "env", line: 6 },
      ],
    },
    {
      name: "a digest of a password is a crackable hash, and a plain list of keys holds the keys",
      code: "FROM debian:12-slim\nENV ADMIN_PASSWORD_SHA256=fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84 PASSWORD_HASH=x API_KEY_LIST=k1,k2 AUTH_MD5=x\n",
      errors: [
        { messageId: "env", data: { name: "ADMIN_PASSWORD_SHA256", reason: 'the word "password"', id: "admin_password_sha256" }, line: 2, column: 5 },
        { messageId: "env", data: { name: "PASSWORD_HASH", reason: 'the word "password"', id: "password_hash" }, line: 2 },
        { messageId: "env", data: { name: "API_KEY_LIST", reason: 'the word "key"', id: "api_key_list" }, line: 2 },
        { messageId: "env", data: { name: "AUTH_MD5", reason: 'the word "auth"', id: "auth_md5" }, line: 2 },
      ],
    },
    {
      name: "ENV in a stage the final image only copies from is not in its config (documenso's installer stage)",
      code: "FROM node:22-alpine AS build\nENV ENCRYPTION_KEY=placeholder\nRUN npm run build\n\nFROM node:22-alpine\nCOPY --from=build /app/dist /app\nUSER 10001\n",
      errors: [{ messageId: "envBuildStage", data: { name: "ENCRYPTION_KEY", reason: 'the word "key"', id: "encryption_key", stage: "build" }, line: 2, column: 5, endColumn: 19 }],
    },
    {
      name: "stages copied from, the stages they build on, unnamed ones and ONBUILD ENV get the build-stage wording; ARG keeps its own",
      code: "FROM node:22 AS deps\nENV NPM_TOKEN=x\nARG GITHUB_TOKEN\nFROM deps AS build\nONBUILD ENV API_KEY=x\nFROM alpine:3.20\nENV DB_PASSWORD=x\nFROM alpine:3.20\nCOPY --from=build /out /out\nCOPY --from=2 /x /x\n",
      errors: [
        { messageId: "envBuildStage", data: { name: "NPM_TOKEN", reason: 'the word "token"', id: "npm_token", stage: "deps" }, line: 2 },
        { messageId: "arg", line: 3 },
        { messageId: "envBuildStage", data: { name: "API_KEY", reason: 'the word "key"', id: "api_key", stage: "build" }, line: 5 },
        { messageId: "envBuildStage", data: { name: "DB_PASSWORD", reason: 'the word "password"', id: "db_password", stage: "2" }, line: 7 },
      ],
    },
    {
      name: "ENV in the stages the final image is built on, a build target's chain and a stage nothing uses (built with --target) is in an image's config",
      code: "FROM node:22 AS base\nENV API_TOKEN=x\nFROM base AS app\nENV DB_PASSWORD=x\nFROM node:22 AS tools\nENV SENTRY_AUTH_TOKEN=x\nFROM tools AS release\nFROM alpine:3.20 AS debug\nENV DEBUG_SECRET=x\nFROM app\nCOPY --from=release /x /x\n",
      settings: { buildTargets: ["release"] },
      errors: [
        { messageId: "env", line: 2 },
        { messageId: "env", line: 4 },
        { messageId: "env", line: 6 },
        { messageId: "env", line: 9 },
      ],
    },
    {
      name: "without the build target, the stage only copied from gets the build-stage wording",
      code: "FROM node:22 AS tools\nENV SENTRY_AUTH_TOKEN=x\nFROM tools AS release\nFROM alpine:3.20\nCOPY --from=release /x /x\n",
      errors: [{ messageId: "envBuildStage", data: { name: "SENTRY_AUTH_TOKEN", reason: 'the word "token"', id: "sentry_auth_token", stage: "tools" }, line: 2 }],
    },
    {
      name: "extraNames option",
      code: "FROM alpine:3.20\nARG SIGNING_SEED\nARG LICENSE\n",
      options: { extraNames: ["/_SEED$/", "license"] },
      errors: [
        { messageId: "arg", data: { name: "SIGNING_SEED", reason: "listed in the `extraNames` option", id: "signing_seed" }, line: 2 },
        { messageId: "arg", line: 3 },
      ],
    },
    {
      name: "one 40-digit value under a plain key name, a credential word, key IDs, 64 digits, or a variable not known here stay secrets",
      code: "FROM debian:12-slim\nARG LLVM_KEY=6084F3CF814B57C1CF12EFD515CF4D18AF4F7421\nENV JWT_SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\nARG API_KEYS=\"390EF70BB1EA12B2773962950EE62FB37A00258D A035C8C19219BA821ECEA86B64E628F8D684696D\"\nARG RELEASE_KEY=0x64E628F8D684696D\nENV SIGNING_KEY=fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84\nARG SWIFT_SIGNING_KEY\nENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY\nENV RELEASE_KEY=$UNDECLARED\n",
      errors: [
        { messageId: "arg", data: { name: "LLVM_KEY", reason: 'the word "key"', id: "llvm_key" }, line: 2 },
        { messageId: "env", data: { name: "JWT_SIGNING_KEY", reason: 'the word "key"', id: "jwt_signing_key" }, line: 3 },
        { messageId: "arg", data: { name: "API_KEYS", reason: 'the word "keys"', id: "api_keys" }, line: 4 },
        { messageId: "arg", data: { name: "RELEASE_KEY", reason: 'the word "key"', id: "release_key" }, line: 5 },
        { messageId: "env", data: { name: "SIGNING_KEY", reason: 'the word "key"', id: "signing_key" }, line: 6 },
        { messageId: "arg", data: { name: "SWIFT_SIGNING_KEY", reason: 'the word "key"', id: "swift_signing_key" }, line: 7 },
        { messageId: "env", data: { name: "SWIFT_SIGNING_KEY", reason: 'the word "key"', id: "swift_signing_key" }, line: 8 },
        { messageId: "env", data: { name: "RELEASE_KEY", reason: 'the word "key"', id: "release_key" }, line: 9 },
      ],
    },
    {
      name: "an ONBUILD trigger's variables are the downstream build's: its value is not judged through them",
      code: "FROM debian:12-slim\nARG SWIFT_SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\nONBUILD ENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY\n",
      errors: [{ messageId: "env", data: { name: "SWIFT_SIGNING_KEY", reason: 'the word "key"', id: "swift_signing_key" }, line: 3 }],
    },
  ],
});
