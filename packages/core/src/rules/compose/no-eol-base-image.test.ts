import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-eol-base-image.js";

const settings = { eolDate: "2026-11-29" };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { code: "services:\n  web:\n    image: nginx:1.27\n", settings },
    { code: "services:\n  db:\n    image: postgres:17\n", settings },
    { code: "services:\n  app:\n    image: python:${PY}\n", settings, name: "unknown variable" },
    { code: "services:\n  app:\n    build: .\n    image: python:3.8\n", settings, name: "image names the build's output" },
    { code: "services:\n  app:\n    image: ubuntu:24.04\n", settings },
  ],
  invalid: [
    { code: "services:\n  app:\n    image: ubuntu:16.04\n", settings, errors: [{ messageId: "eol", line: 3, column: 19, endColumn: 24 }] },
    { code: "services:\n  app:\n    image: \"node:14-alpine\"\n", settings, errors: [{ messageId: "eol", line: 3, column: 18, endColumn: 20 }] },
    { code: "services:\n  app:\n    image: python:${PY:-3.7}-slim\n", settings, name: "interpolation default", errors: [{ messageId: "eol", line: 3, column: 12 }] },
    { code: "services:\n  app:\n    image: ruby:3.3-buster\n", settings, errors: [{ messageId: "eolVariant", line: 3, column: 21, endColumn: 27 }] },
    { code: "x-base: &base\n  image: mysql:8\nservices:\n  old:\n    <<: *base\n    image: debian:stretch\n", settings, errors: [{ messageId: "eol", line: 6, column: 19, endColumn: 26 }] },
  ],
});
