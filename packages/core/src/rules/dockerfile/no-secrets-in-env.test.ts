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
      name: "extraNames option",
      code: "FROM alpine:3.20\nARG SIGNING_SEED\nARG LICENSE\n",
      options: { extraNames: ["/_SEED$/", "license"] },
      errors: [
        { messageId: "arg", data: { name: "SIGNING_SEED", reason: "listed in the `extraNames` option", id: "signing_seed" }, line: 2 },
        { messageId: "arg", line: 3 },
      ],
    },
  ],
});
