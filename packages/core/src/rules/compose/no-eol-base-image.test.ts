import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-eol-base-image.js";

const settings = { eolDate: "2026-11-29" };
/** A service on a supported image whose pre_start hook writes `hook` (the lines after `- `). */
const preStart = (hook: string): string => `services:\n  app:\n    image: ubuntu:24.04\n    pre_start:\n      - ${hook}\n        command: chown -R 10001 /data\n`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { code: "services:\n  web:\n    image: nginx:1.27\n", settings },
    { code: "services:\n  db:\n    image: postgres:17\n", settings },
    { code: "services:\n  app:\n    image: python:${PY}\n", settings, name: "unknown variable" },
    { code: "services:\n  app:\n    build: .\n    image: python:3.8\n", settings, name: "image names the build's output" },
    { code: "services:\n  app:\n    image: ubuntu:24.04\n", settings },
    // pre_start hooks: a container of their own, from their own image when they name one.
    ...[
      ["a hook image that is supported", "image: ubuntu:24.04"],
      ["a hook image from a variable without default", "image: ubuntu:${HOOK_TAG}"],
      ["a hook without image: the service's image, judged as the service's", "user: \"10001\""],
    ].map(([name, hook]) => ({ name, code: preStart(hook ?? ""), settings })),
    {
      name: "a hook image that names the image a service builds",
      code: "services:\n  app:\n    build: .\n    image: python:3.8\n    pre_start:\n      - image: python:3.8\n        command: ./migrate\n",
      settings,
    },
    { name: "post_start has no image (valid-schema's finding)", code: "services:\n  app:\n    image: ubuntu:24.04\n    post_start:\n      - image: ubuntu:16.04\n        command: echo hi\n", settings },
  ],
  invalid: [
    { code: "services:\n  app:\n    image: ubuntu:16.04\n", settings, errors: [{ messageId: "eol", line: 3, column: 19, endColumn: 24 }] },
    { code: "services:\n  app:\n    image: \"node:14-alpine\"\n", settings, errors: [{ messageId: "eol", line: 3, column: 18, endColumn: 20 }] },
    { code: "services:\n  app:\n    image: python:${PY:-3.7}-slim\n", settings, name: "interpolation default", errors: [{ messageId: "eol", line: 3, column: 12 }] },
    { code: "services:\n  app:\n    image: ruby:3.3-buster\n", settings, errors: [{ messageId: "eolVariant", line: 3, column: 21, endColumn: 27 }] },
    { code: "x-base: &base\n  image: mysql:8\nservices:\n  old:\n    <<: *base\n    image: debian:stretch\n", settings, errors: [{ messageId: "eol", line: 6, column: 19, endColumn: 26 }] },
    // pre_start hooks' own images, at the release in the tag as for a service.
    ...(
      [
        ["eolPreStart", "image: ubuntu:16.04", 23, 28],
        ["eolPreStart", 'image: "node:14-alpine"', 22, 24],
        ["eolVariantPreStart", "image: ruby:3.3-buster", 25, 31],
        ["eolPreStart", "image: python:${PY:-3.7}-slim", 16, 38],
      ] as const
    ).map(([messageId, hook, column, endColumn]) => ({
      name: `a pre_start hook with ${hook}`,
      code: preStart(hook),
      settings,
      errors: [{ messageId, line: 5, column, endColumn }],
    })),
    {
      name: "a hook's image with its message",
      code: preStart("image: ubuntu:16.04"),
      settings,
      errors: [
        {
          messageId: "eolPreStart",
          message:
            "Hook `services.app.pre_start[0]` runs its container from image `ubuntu:16.04`, which is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle), with the volumes of service `app`: it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).",
          line: 5,
        },
      ],
    },
    {
      name: "a service that builds: its hook's image is still pulled",
      code: "services:\n  app:\n    build: .\n    pre_start:\n      - image: debian:stretch\n        command: ./migrate\n",
      settings,
      errors: [{ messageId: "eolPreStart", line: 5, column: 23, endColumn: 30 }],
    },
    {
      name: "an EOL service image and a hook without image: one finding, the service's",
      code: "services:\n  app:\n    image: ubuntu:16.04\n    pre_start:\n      - command: chown -R 10001 /data\n",
      settings,
      errors: [{ messageId: "eol", line: 3, column: 19 }],
    },
    {
      name: "a hook's image from a merge key inside the hook: at the `<<` line",
      code: "x-hook: &hook\n  image: ubuntu:16.04\nservices:\n  app:\n    image: ubuntu:24.04\n    pre_start:\n      - <<: *hook\n        command: echo hi\n",
      settings,
      errors: [{ messageId: "eolPreStart", line: 7, column: 9, endColumn: 18 }],
    },
    {
      name: "a hook list from an alias: at the alias, once per service that uses it",
      code: "x-hooks: &hooks\n  - image: ubuntu:16.04\n    command: echo hi\nservices:\n  a:\n    image: ubuntu:24.04\n    pre_start: *hooks\n  b:\n    image: ubuntu:24.04\n    pre_start: *hooks\n",
      settings,
      errors: [
        { messageId: "eolPreStart", message: "Hook `services.a.pre_start[0]` runs its container from image `ubuntu:16.04`, which is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle), with the volumes of service `a`: it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).", line: 7, column: 16 },
        { messageId: "eolPreStart", message: "Hook `services.b.pre_start[0]` runs its container from image `ubuntu:16.04`, which is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle), with the volumes of service `b`: it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).", line: 10, column: 16 },
      ],
    },
    {
      name: "a hook inherited through extends: at the base's tag and at the extending service's `extends`",
      code: "services:\n  base:\n    image: ubuntu:24.04\n    pre_start:\n      - image: ubuntu:16.04\n        command: echo hi\n  app:\n    extends: base\n",
      settings,
      errors: [
        { messageId: "eolPreStart", message: "Hook `services.base.pre_start[0]` runs its container from image `ubuntu:16.04`, which is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle), with the volumes of service `base`: it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).", line: 5, column: 23 },
        { messageId: "eolPreStart", message: "Hook `services.app.pre_start[0]` runs its container from image `ubuntu:16.04`, which is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle), with the volumes of service `app`: it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).", line: 8, column: 5 },
      ],
    },
  ],
});
