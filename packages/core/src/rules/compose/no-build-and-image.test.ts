import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-build-and-image.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "build only", code: "services:\n  web:\n    build: .\n" },
    { name: "image only", code: "services:\n  web:\n    image: nginx:1.27\n" },
    { name: "pull_policy: build says which wins", code: "services:\n  web:\n    build: .\n    image: ghcr.io/acme/web:1.0\n    pull_policy: build\n" },
    { name: "any pull_policy counts by default", code: "services:\n  web:\n    build:\n      context: .\n    image: ghcr.io/acme/web:1.0\n    pull_policy: missing\n" },
    { name: "pull_policy through a merge key", code: "x-build: &b\n  pull_policy: build\nservices:\n  web:\n    <<: *b\n    build: .\n    image: acme/web\n" },
    { name: "image interpolated to nothing", code: "services:\n  web:\n    build: .\n    image: ${IMAGE:-}\n" },
    { name: "empty build key", code: "services:\n  web:\n    build:\n    image: nginx:1.27\n" },
    { name: "override fragment without either", code: "services:\n  web:\n    environment:\n      A: b\n" },
    // docker.io/library/ holds only official images: the pull fails and Compose builds (monicahq/docker).
    { name: "a one-part name that is no official image", code: "services:\n  app:\n    build: .\n    image: monica-app\n" },
    { name: "the same with a tag, and written under library/", code: "services:\n  a:\n    build: .\n    image: documenso-dev-gotenberg:latest\n  b:\n    build: .\n    image: library/myproject-web\n  c:\n    build: .\n    image: docker.io/myapp\n" },
  ],
  invalid: [
    {
      name: "both, at the build key",
      code: "services:\n  web:\n    build: .\n    image: ghcr.io/acme/web:1.0\n",
      errors: [
        {
          messageId: "both",
          line: 3,
          column: 5,
          endColumn: 10,
          message:
            "Service `web` sets both `build` and `image: ghcr.io/acme/web:1.0` without `pull_policy`: when `ghcr.io/acme/web:1.0` is not present locally, Compose pulls it and builds only if the pull fails, so it may run a published image instead of this source; add `pull_policy: build` to always build (the result is still tagged `ghcr.io/acme/web:1.0`), or keep only one of the two keys.",
        },
      ],
    },
    {
      name: "long build syntax, image before build, two services",
      code: "services:\n  web:\n    image: acme/web\n    build:\n      context: ./web\n  db:\n    build: ./db\n    image: postgres\n",
      errors: [
        { messageId: "both", line: 4, column: 5, data: { service: "web", image: "acme/web" } },
        { messageId: "both", line: 7, column: 5, data: { service: "db", image: "postgres" } },
      ],
    },
    {
      name: "a one-part name of an official image, or one whose default a variable may replace, or a user's",
      code: "services:\n  a:\n    build: .\n    image: monica\n  b:\n    build: .\n    image: ${APP_IMAGE:-myapp}\n  c:\n    build: .\n    image: docker.io/acme/myapp\n",
      errors: [
        { messageId: "both", line: 3, column: 5, data: { service: "a", image: "monica" } },
        { messageId: "both", line: 6, column: 5, data: { service: "b", image: "${APP_IMAGE:-myapp}" } },
        { messageId: "both", line: 9, column: 5, data: { service: "c", image: "docker.io/acme/myapp" } },
      ],
    },
    {
      name: "unknown image variable: the key is still written",
      code: "services:\n  web:\n    build: .\n    image: ${IMAGE}\n",
      errors: [{ messageId: "both", line: 3, column: 5 }],
    },
    {
      name: "checkPullPolicy: false reports even with pull_policy",
      code: "services:\n  web:\n    build: .\n    image: nginx\n    pull_policy: always\n",
      options: { checkPullPolicy: false },
      errors: [{ messageId: "bothWithPolicy", line: 3, column: 5 }],
    },
    {
      name: "build through a merge key: at the merge site",
      code: "x-build: &b\n  build: .\nservices:\n  web:\n    <<: *b\n    image: acme/web\n",
      errors: [{ messageId: "both", line: 5, column: 5, endColumn: 11 }],
    },
    {
      name: "legacy v1 file",
      code: "web:\n  build: .\n  image: acme/web\n",
      errors: [{ messageId: "both", line: 2, column: 3 }],
    },
  ],
});
