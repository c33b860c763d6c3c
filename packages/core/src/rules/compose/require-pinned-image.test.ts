import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/require-pinned-image.js";
import rule from "./require-pinned-image.js";

const DIGEST = "sha256:0ed5d5928d4737458944eb604cc8509e245c3e19d02ad83935398bc4b991aac7";
const image = (value: string): string => `services:\n  web:\n    image: ${value}\n`;
/** A service on a pinned image whose pre_start hook writes `hook` (the lines after `- `). */
const preStart = (hook: string): string => `services:\n  web:\n    image: nginx:1.27\n    pre_start:\n      - ${hook}\n        command: chown -R 101 /data\n`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "version tag", code: image("nginx:1.27.1-alpine") },
    { name: "registry with port and tag", code: image("registry.example.com:5000/team/app:2.3") },
    { name: "digest", code: image(`nginx@${DIGEST}`) },
    { name: "latest pinned by its digest", code: image(`nginx:latest@${DIGEST}`) },
    { name: "local image id", code: image("0ed5d5928d4737458944eb604cc8509e245c3e19d02ad83935398bc4b991aac7") },
    { name: "image and build: the name of the built image", code: "services:\n  app:\n    build: .\n    image: acme/app\n" },
    { name: "image and long build: latest is the built image", code: "services:\n  app:\n    build:\n      context: .\n    image: acme/app:latest\n" },
    { name: "build only: nothing to pin", code: "services:\n  app:\n    build: .\n" },
    { name: "build inherited through extends", code: "services:\n  base:\n    build: .\n  app:\n    extends: base\n    image: acme/app\n" },
    { name: "extends a file that cannot be read here: unknown, not a guess", code: "services:\n  app:\n    extends:\n      file: common.yml\n      service: app\n    image: acme/app\n" },
    { name: "whole image from a variable without default", code: image("${IMAGE}") },
    { name: "variable in the repository name may carry the tag", code: image("acme/app${SUFFIX}") },
    { name: "tag from a variable without default", code: image("nginx:${NGINX_VERSION}") },
    { name: "required tag", code: image('"nginx:${NGINX_VERSION:?set it}"') },
    { name: "tag default that is a version", code: image("nginx:${NGINX_VERSION:-1.27}") },
    { name: "a version-like tag is not a channel", code: image("nginx:1") },
    { name: "tags are case-sensitive: LATEST is not latest", code: image("nginx:LATEST") },
    { name: "requireDigest with a digest", code: image(`nginx:1.27@${DIGEST}`), options: { requireDigest: true } },
    { name: "custom prohibited tags replace the list", code: image("nginx:latest"), options: { prohibitedTags: ["stable"] } },
    { name: "no services", code: "name: empty\n" },
    // pre_start hooks: a container of their own, from their own image when they name one.
    ...[
      ["a hook image with a version tag", "image: busybox:1.37"],
      ["a hook image with a digest", `image: busybox@${DIGEST}`],
      ["a hook image whose tag is a variable without default", "image: busybox:${BUSYBOX_TAG}"],
      ["a hook image from a variable without default", "image: ${HOOK_IMAGE}"],
      ["a hook without image: the service's image, judged as the service's", 'user: "101"'],
    ].map(([name, hook]) => ({ name, code: preStart(hook ?? "") })),
    {
      name: "a hook image that names the image a service of the file builds",
      code: "services:\n  app:\n    build: .\n    image: acme/app\n  worker:\n    image: acme/worker:1.2\n    pre_start:\n      - image: acme/app\n        command: ./migrate\n",
    },
    { name: "a hook without image in a service that builds: the built image", code: "services:\n  app:\n    build: .\n    pre_start:\n      - command: ./migrate\n" },
    { name: "post_start has no image (valid-schema's finding)", code: "services:\n  web:\n    image: nginx:1.27\n    post_start:\n      - image: busybox\n        command: echo hi\n" },
    { name: "a hook image with a custom prohibited list that does not hold its tag", code: preStart("image: busybox:latest"), options: { prohibitedTags: ["nightly"] } },
  ],
  invalid: [
    {
      name: "no tag: at the value",
      code: image("nginx"),
      errors: [{ messageId: "noTag", data: { service: "web", image: "`nginx`", name: "nginx" }, line: 3, column: 12, endLine: 3, endColumn: 17 }],
    },
    {
      name: "latest: at the tag",
      code: image("nginx:latest"),
      errors: [{ messageId: "latest", data: { service: "web", image: "`nginx:latest`", name: "nginx" }, line: 3, column: 18, endColumn: 24 }],
    },
    {
      name: "latest, quoted: at the tag inside the quotes",
      code: image('"docker.io/library/nginx:latest"'),
      errors: [{ messageId: "latest", data: { service: "web", image: "`docker.io/library/nginx:latest`", name: "docker.io/library/nginx" }, line: 3, column: 37, endColumn: 43 }],
    },
    {
      name: "registry with a port, no tag",
      code: image("my_private.registry:5000/nginx"),
      errors: [{ messageId: "noTag", data: { service: "web", image: "`my_private.registry:5000/nginx`", name: "my_private.registry:5000/nginx" }, line: 3, column: 12 }],
    },
    {
      name: "interpolated default latest: at the variable",
      code: image("nginx:${TAG:-latest}"),
      errors: [
        {
          messageId: "latest",
          message:
            "Service `web` uses image `nginx:${TAG:-latest}` (= `nginx:latest`) with the `latest` tag, which moves with every release; pin a version (`nginx:<version>`) or a digest (`nginx@sha256:…`).",
          line: 3,
          column: 18,
          endColumn: 32,
        },
      ],
    },
    {
      name: "whole image from a default without tag",
      code: image("${IMAGE:-nginx}"),
      errors: [{ messageId: "noTag", data: { service: "web", image: "`${IMAGE:-nginx}` (= `nginx`)", name: "nginx" }, line: 3, column: 12 }],
    },
    {
      name: "unknown registry variable cannot carry a tag",
      code: image("${REGISTRY}/acme/app"),
      errors: [{ messageId: "noTag", line: 3, column: 12 }],
    },
    {
      name: "prohibitedTags option (dclint's list)",
      code: image("nginx:stable"),
      options: { prohibitedTags: ["latest", "stable", "edge"] },
      errors: [{ messageId: "prohibitedTag", data: { service: "web", image: "`nginx:stable`", name: "nginx", tag: "stable" }, line: 3, column: 18, endColumn: 24 }],
    },
    {
      name: "requireDigest: tag only",
      code: image("nginx:1.27"),
      options: { requireDigest: true },
      errors: [{ messageId: "noDigest", data: { service: "web", image: "`nginx:1.27`", name: "nginx", tag: "1.27" }, line: 3, column: 12, endColumn: 22 }],
    },
    {
      name: "requireDigest: latest is reported as latest, once",
      code: image("nginx:latest"),
      options: { requireDigest: true },
      errors: [{ messageId: "latest", line: 3, column: 18 }],
    },
    {
      name: "partial service: the value is written here",
      code: "services:\n  web:\n    image: nginx\n    ports: [\"127.0.0.1:80:80\"]\n",
      errors: [{ messageId: "noTag", line: 3 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-img: &img\n  image: redis\nservices:\n  cache:\n    <<: *img\n",
      errors: [{ messageId: "noTag", data: { service: "cache", image: "`redis`", name: "redis" }, line: 5, column: 5, endColumn: 13 }],
    },
    {
      name: "extends a service in this file that pulls: still pulled",
      code: "services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n    image: nginx\n",
      errors: [{ messageId: "noTag", data: { service: "web", image: "`nginx`", name: "nginx" }, line: 6, column: 12 }],
    },
    // pre_start hooks' own images: the same judgement, named after the hook.
    {
      name: "a hook image without a tag, with its message",
      code: preStart("image: busybox"),
      errors: [
        {
          messageId: "noTagPreStart",
          message:
            "Hook `services.web.pre_start[0]` runs its container from image `busybox` without a tag, so every pull gets whatever `latest` is that day; pin a version (`busybox:<version>`) or a digest (`busybox@sha256:…`).",
          line: 5,
          column: 16,
          endColumn: 23,
        },
      ],
    },
    ...(
      [
        ["latest, at the tag", "image: busybox:latest", {}, "latestPreStart", 24, 30, { tag: "latest", image: "`busybox:latest`" }],
        ["latest quoted, at the tag inside the quotes", "image: 'busybox:latest'", {}, "latestPreStart", 25, 31, { tag: "latest", image: "`busybox:latest`" }],
        ["latest from an interpolation default, at the variable", "image: busybox:${TAG:-latest}", {}, "latestPreStart", 24, 38, { tag: "latest", image: "`busybox:${TAG:-latest}` (= `busybox:latest`)" }],
        ["a prohibited tag", "image: busybox:edge", {}, "prohibitedTagPreStart", 24, 28, { tag: "edge", image: "`busybox:edge`" }],
        ["requireDigest: tag only", "image: busybox:1.37", { requireDigest: true }, "noDigestPreStart", 16, 28, { tag: "1.37", image: "`busybox:1.37`" }],
      ] as const
    ).map(([name, hook, options, messageId, column, endColumn, data]) => ({
      name: `a hook image: ${name}`,
      // With requireDigest the service's image needs its digest too.
      code: preStart(hook).replace("nginx:1.27", `nginx:1.27@${DIGEST}`),
      options,
      errors: [{ messageId, data: { hook: "services.web.pre_start[0]", service: "web", name: "busybox", ...data }, line: 5, column, endColumn }],
    })),
    {
      name: "a service that builds: its hook's own image is still pulled",
      code: "services:\n  app:\n    build: .\n    image: acme/app\n    pre_start:\n      - image: busybox\n        command: chown -R 101 /data\n",
      errors: [{ messageId: "noTagPreStart", data: { hook: "services.app.pre_start[0]", service: "app", image: "`busybox`", name: "busybox" }, line: 6, column: 16 }],
    },
    {
      name: "an unpinned service image and its hook's: two findings, one each",
      code: "services:\n  sample:\n    image: alpine\n    pre_start:\n      - image: alpine\n        command: echo A\n      - command: echo B\n",
      errors: [
        { messageId: "noTag", data: { service: "sample", image: "`alpine`", name: "alpine" }, line: 3, column: 12 },
        { messageId: "noTagPreStart", data: { hook: "services.sample.pre_start[0]", service: "sample", image: "`alpine`", name: "alpine" }, line: 5, column: 16 },
      ],
    },
    {
      name: "a hook's image from a merge key inside the hook: at the `<<` line",
      code: "x-hook: &hook\n  image: busybox:latest\nservices:\n  web:\n    image: nginx:1.27\n    pre_start:\n      - <<: *hook\n        command: echo hi\n",
      errors: [{ messageId: "latestPreStart", data: { hook: "services.web.pre_start[0]", service: "web", image: "`busybox:latest`", name: "busybox", tag: "latest" }, line: 7, column: 9, endColumn: 18 }],
    },
    {
      name: "a hook list from an alias: at the alias, once per service that uses it",
      code: "x-hooks: &hooks\n  - image: busybox\n    command: echo hi\nservices:\n  a:\n    image: a:1\n    pre_start: *hooks\n  b:\n    image: b:1\n    pre_start: *hooks\n",
      errors: [
        { messageId: "noTagPreStart", data: { hook: "services.a.pre_start[0]", service: "a", image: "`busybox`", name: "busybox" }, line: 7, column: 16 },
        { messageId: "noTagPreStart", data: { hook: "services.b.pre_start[0]", service: "b", image: "`busybox`", name: "busybox" }, line: 10, column: 16 },
      ],
    },
    {
      name: "a hook inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: nginx:1.27\n    pre_start:\n      - image: busybox\n        command: echo hi\n  web:\n    extends: base\n",
      errors: [
        { messageId: "noTagPreStart", data: { hook: "services.base.pre_start[0]", service: "base", image: "`busybox`", name: "busybox" }, line: 5, column: 16 },
        { messageId: "noTagPreStart", data: { hook: "services.web.pre_start[0]", service: "web", image: "`busybox`", name: "busybox" }, line: 8, column: 5 },
      ],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: nginx\n  b:\n    image: redis:7.4\n  c:\n    image: postgres:latest\n",
      errors: [
        { messageId: "noTag", line: 3 },
        { messageId: "latest", line: 7, column: 21 },
      ],
    },
  ],
});

describe("require-pinned-image options shared with the Dockerfile rule", () => {
  it("has the same options schema, defaults and preset options in both kinds", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
    expect(rule.meta.presetOptions).toEqual(dockerfileRule.meta.presetOptions);
  });
});

// The option is shared per id, so the Dockerfile rule honours `prohibitedTags` the same way.
createRuleTester({ describe, it }).run(dockerfileRule, {
  valid: [
    { name: "Dockerfile: a custom list replaces the default", code: "FROM node:lts\n", options: { prohibitedTags: ["latest"] } },
    { name: "Dockerfile: a custom list without latest", code: "FROM node:latest\n", options: { prohibitedTags: ["lts"] } },
  ],
  invalid: [
    {
      name: "Dockerfile: prohibitedTags, at the tag",
      code: "FROM node:lts\n",
      options: { prohibitedTags: ["latest", "lts"] },
      errors: [{ messageId: "prohibitedTag", data: { subject: 'Base image "node:lts"', name: "node", tag: "lts" }, line: 1, column: 11, endColumn: 14 }],
    },
    {
      name: "Dockerfile: latest keeps its own message",
      code: "FROM node:latest\n",
      options: { prohibitedTags: ["latest", "lts"] },
      errors: [{ messageId: "latest", line: 1, column: 11 }],
    },
    {
      name: "Dockerfile: release channels are prohibited by default (dclint's list)",
      code: "FROM node:lts\nFROM alpine:edge\n",
      errors: [
        { messageId: "prohibitedTag", line: 1, column: 11 },
        { messageId: "prohibitedTag", line: 2, column: 13 },
      ],
    },
  ],
});
