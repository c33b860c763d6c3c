import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-docker-socket-mount.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./data:/data\n",
    { name: "named volume", code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/var/run\nvolumes:\n  data: {}\n" },
    { name: "socket path only as the container target", code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./fake.sock:/var/run/docker.sock\n" },
    { name: "other socket", code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/containerd/containerd.sock.ttrpc:/x\n" },
    { name: "unset variable", code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n" },
  ],
  invalid: [
    {
      name: "bare socket path: an anonymous volume where the socket was meant, reported as a mistake",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock\n      - /run/docker.sock\n",
      errors: [
        { messageId: "anonymousOverSocket", line: 5, column: 9, endColumn: 29 },
        { messageId: "anonymousOverSocket", line: 6, column: 9 },
      ],
    },
    {
      name: "short syntax, at the entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
      errors: [{ messageId: "socket", line: 5, column: 9, endLine: 5, endColumn: 50 }],
    },
    {
      name: "read-only does not help",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
      errors: [{ messageId: "socket", line: 5, column: 9, endColumn: 53 }],
    },
    {
      name: "/run/docker.sock",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - \"/run/docker.sock:/tmp/docker.sock\"\n",
      errors: [{ messageId: "socket", line: 5, column: 9 }],
    },
    {
      name: "long syntax with source",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n",
      errors: [{ messageId: "socket", line: 5, column: 9 }],
    },
    {
      name: "interpolated default",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n",
      errors: [{ messageId: "socket", line: 5, column: 9 }],
    },
    {
      name: "Docker Desktop double slash and trailing slash",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - //var/run/docker.sock/:/var/run/docker.sock\n",
      errors: [{ messageId: "socket", line: 5, column: 9 }],
    },
    {
      name: "Windows named pipe, long syntax",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n",
      errors: [{ messageId: "socket", line: 5, column: 9 }],
    },
    {
      name: "merge key: reported at the merge site",
      code: "x-docker: &docker\n  volumes:\n    - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  ci:\n    <<: *docker\n    image: docker:27\n",
      errors: [{ messageId: "socket", line: 6, column: 5 }],
    },
    {
      name: "one finding per entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/a.sock\n      - ./data:/data\n      - /run/docker.sock:/b.sock\n",
      errors: [
        { messageId: "socket", line: 5, column: 9 },
        { messageId: "socket", line: 7, column: 9 },
      ],
    },
  ],
});
