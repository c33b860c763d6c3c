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
    {
      name: "a read-only socket proxy (POST unset: GET and HEAD only), the remedy this rule recommends",
      code: "services:\n  socket-proxy:\n    image: lscr.io/linuxserver/socket-proxy:1.26.2\n    environment:\n      - CONTAINERS=1\n      - EVENTS=1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
    },
    {
      name: "a socket proxy that allows POST for sections that cannot start or enter containers",
      code: "services:\n  proxy:\n    image: tecnativa/docker-socket-proxy:${TAG:-0.3.0}\n    environment:\n      POST: 1\n      NETWORKS: 1\n      CONTAINERS: 0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    },
  ],
  invalid: [
    {
      name: "a socket proxy that allows POST with CONTAINERS (trigger.dev's worker)",
      code: "services:\n  docker-proxy:\n    image: tecnativa/docker-socket-proxy:${DOCKER_PROXY_IMAGE_TAG:-latest}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n    environment:\n      - POST=1\n      - CONTAINERS=1\n      - EXEC=true\n",
      errors: [
        {
          messageId: "proxyAllowsTakeover",
          message:
            "Service `docker-proxy` is the socket proxy `tecnativa/docker-socket-proxy:${DOCKER_PROXY_IMAGE_TAG:-latest}`, and with `POST=1`, `CONTAINERS=1` and `EXEC=1` it lets every client that reaches it create, start or enter containers, privileged ones too: a takeover of the host, as with the socket itself; allow POST only for a client that must change state, and then only the sections it needs.",
          line: 5,
          column: 9,
        },
      ],
    },
    {
      name: "a socket proxy whose POST comes from the environment is judged as any service",
      code: "services:\n  proxy:\n    image: tecnativa/docker-socket-proxy:0.3.0\n    environment:\n      POST: ${ALLOW_POST}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
      errors: [{ messageId: "socket", line: 7 }],
    },
    {
      name: "another image named like a proxy is judged as any service",
      code: "services:\n  proxy:\n    image: acme/docker-socket-proxy:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
      errors: [{ messageId: "socket", line: 5 }],
    },
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
