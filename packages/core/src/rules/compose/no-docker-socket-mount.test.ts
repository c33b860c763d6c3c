import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
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
      name: "containerd's socket serves no Docker API (no-sensitive-host-mount reports it), nor is a file named like Podman's socket elsewhere its socket",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /run/containerd/containerd.sock:/run/containerd/containerd.sock\n      - ./podman/podman.sock:/run/podman/podman.sock\n      - /srv/user/1000/podman/podman.sock:/x.sock\n",
    },
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
      name: "the rootful Podman socket, which serves the Docker API (glances' compose file)",
      code: "services:\n  mon:\n    image: nicolargo/glances:4.3.0\n    volumes:\n      - \"/run/podman/podman.sock:/var/run/docker.sock:ro\"\n      - /var/run/podman/podman.sock:/run/podman/podman.sock\n",
      errors: [
        {
          messageId: "socket",
          message:
            "Service `mon` mounts the rootful Podman socket `/run/podman/podman.sock` (read-only does not help: `:ro` protects the socket file, not the API behind it): whoever reaches it can start a privileged container and take over the host; use a socket proxy that allows only the API calls needed, or remove the mount.",
          line: 5,
          column: 9,
        },
        { messageId: "socket", data: { service: "mon", source: "/var/run/podman/podman.sock", socket: "the rootful Podman socket", readOnly: "" }, line: 6, column: 9 },
      ],
    },
    {
      name: "rootless Podman's socket: that user's account, not the host (glances' compose file)",
      code: "services:\n  mon:\n    image: nicolargo/glances:4.3.0\n    volumes:\n      - \"/run/user/1000/podman/podman.sock:/run/user/1000/podman/podman.sock:ro\"\n",
      errors: [
        {
          messageId: "rootlessSocket",
          message:
            "Service `mon` mounts the rootless Podman socket `/run/user/1000/podman/podman.sock` (read-only does not help: `:ro` protects the socket file, not the API behind it): whoever reaches it can start, change and enter the containers of the user who runs Podman, with any file of that user mounted into them (the home directory and its SSH keys included), a takeover of that account though not of root; use a socket proxy that allows only the API calls needed, or remove the mount.",
          line: 5,
          column: 9,
        },
      ],
    },
    {
      name: "rootless sockets through $XDG_RUNTIME_DIR (Podman's and Docker's), long syntax and an unknown uid",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - $XDG_RUNTIME_DIR/podman/podman.sock:/var/run/docker.sock\n      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n      - type: bind\n        source: /run/user/${UID}/podman/podman.sock\n        target: /var/run/docker.sock\n",
      errors: [
        { messageId: "rootlessSocket", data: { service: "web", source: "$XDG_RUNTIME_DIR/podman/podman.sock", engine: "Podman", readOnly: "" }, line: 5, column: 9 },
        { messageId: "rootlessSocket", data: { service: "web", source: "${XDG_RUNTIME_DIR}/docker.sock", engine: "Docker", readOnly: "" }, line: 6, column: 9 },
        { messageId: "rootlessSocket", data: { service: "web", source: "/run/user/${UID}/podman/podman.sock", engine: "Podman", readOnly: "" }, line: 7, column: 9 },
      ],
    },
    {
      name: "a bare Podman socket path: an anonymous volume where the socket was meant",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /run/podman/podman.sock\n",
      errors: [{ messageId: "anonymousOverSocket", data: { service: "web", target: "/run/podman/podman.sock", engine: "Podman" }, line: 5, column: 9 }],
    },
    {
      name: "a socket proxy on rootless Podman's socket that allows POST with CONTAINERS: a takeover of that account",
      code: "services:\n  proxy:\n    image: lscr.io/linuxserver/socket-proxy:1.26.2\n    environment:\n      POST: 1\n      CONTAINERS: 1\n    volumes:\n      - ${XDG_RUNTIME_DIR:-/run/user/1000}/podman/podman.sock:/var/run/docker.sock:ro\n",
      errors: [
        {
          messageId: "proxyAllowsTakeover",
          data: { service: "proxy", image: "lscr.io/linuxserver/socket-proxy:1.26.2", settings: "`POST=1` and `CONTAINERS=1`", takeover: "a takeover of the account that runs rootless Podman" },
          line: 8,
          column: 9,
        },
      ],
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

describe("no-docker-socket-mount levels", () => {
  it("reports a rootless engine's socket one level lower than a rootful one", () => {
    const result = lintText("services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /run/podman/podman.sock:/a.sock\n      - /run/user/1000/podman/podman.sock:/b.sock\n", {
      filePath: "compose.yaml",
      rules: [rule],
      config: { rules: { "no-docker-socket-mount": "error" } },
    });
    expect(result.messages.map((m) => [m.line, m.messageId, m.level])).toEqual([
      [5, "socket", "error"],
      [6, "rootlessSocket", "warning"],
    ]);
  });
});
