import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-shared-volumes.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: x\n    volumes:\n      - ./logic:/app\n  api:\n    image: y\n    volumes:\n      - ./bin:/app\n",
    { name: "one service", code: "services:\n  db:\n    image: postgres:16\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data: {}\n" },
    {
      name: "one writer, the others read-only",
      code: "services:\n  app:\n    image: x\n    volumes:\n      - static:/app/static\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - static:/usr/share/nginx/html:ro\nvolumes:\n  static: {}\n",
    },
    {
      name: "long syntax read_only",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: true\n  b:\n    image: y\n    volumes:\n      - ./conf:/conf:ro\n",
    },
    { name: "the same service mounting it twice", code: "services:\n  a:\n    image: x\n    volumes:\n      - ./data:/data\n      - ./data:/backup\n" },
    { name: "anonymous volumes and tmpfs", code: "services:\n  a:\n    image: x\n    volumes:\n      - /data\n      - type: tmpfs\n        target: /tmp\n  b:\n    image: y\n    volumes:\n      - /data\n      - type: tmpfs\n        target: /tmp\n" },
    { name: "a named volume and a bind of a directory with the same name", code: "services:\n  a:\n    image: x\n    volumes:\n      - data:/data\n  b:\n    image: y\n    volumes:\n      - ./data:/data\nvolumes:\n  data: {}\n" },
    { name: "different defaults of the same variable", code: "services:\n  a:\n    image: x\n    volumes:\n      - ${A_DATA:-./a}:/data\n  b:\n    image: y\n    volumes:\n      - ${B_DATA:-./b}:/data\n" },
    { name: "no services", code: "name: empty\n" },
    {
      name: "the Docker socket is an endpoint, not files (no-docker-socket-mount reports it)",
      code: "name: demo\nservices:\n  traefik:\n    image: traefik:v3.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n  watchtower:\n    image: containrrr/watchtower:1.7.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    },
    {
      name: "other sockets and the Windows pipe, written in any form",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - /run/containerd/containerd.sock:/run/containerd/containerd.sock\n      - ${XDG_RUNTIME_DIR}/podman/podman.sock:/var/run/docker.sock\n      - /var/run/docker.sock.raw:/var/run/docker.sock\n      - \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine\n      - type: bind\n        source: ${DOCKER_SOCK:-/var/run/docker.sock}\n        target: /sock\n  b:\n    image: y\n    volumes:\n      - /run/containerd/containerd.sock:/run/containerd/containerd.sock\n      - ${XDG_RUNTIME_DIR}/podman/podman.sock:/run/podman/podman.sock\n      - /var/run/docker.sock.raw:/var/run/docker.sock\n      - \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    },
    {
      name: "services in profiles that share none never run together (ragflow's cpu and gpu variants)",
      code: "name: r2\nservices:\n  app-cpu:\n    image: ghcr.io/acme/app:1.4\n    profiles: [cpu]\n    volumes:\n      - ./logs:/app/logs\n  app-gpu:\n    image: ghcr.io/acme/app:1.4\n    profiles: [gpu]\n    volumes:\n      - ./logs:/app/logs\n  app-npu:\n    image: ghcr.io/acme/app:1.4\n    profiles: [npu, \"${EXTRA_PROFILE:-edge}\"]\n    volumes:\n      - ./logs/:/app/logs\n",
    },
  ],
  invalid: [
    {
      name: "the same host path in two services (KICS positive1)",
      code: "services:\n  frontend:\n    build: frontend\n    volumes:\n        - ./logic:/app\n  backend:\n    build: backend\n    volumes:\n        - ./logic:/app\n",
      errors: [
        {
          messageId: "shared",
          line: 5,
          column: 11,
          endColumn: 23,
          message:
            "Service `frontend` mounts `./logic` read-write, and so does `backend`: each of them can change or plant files the others read, so one compromised or buggy service reaches the rest; mount it read-only (`:ro`) in the services that only read it, or give each service its own volume.",
        },
        { messageId: "shared", data: { service: "backend", source: "./logic", verb: "does", others: "`frontend`" }, line: 9, column: 11 },
      ],
    },
    {
      name: "a named volume in two services",
      code: "services:\n  app:\n    build: app\n    volumes:\n      - shared-volume:/app/uploads\n  checker:\n    build: checker\n    volumes:\n      - shared-volume:/uploads\nvolumes:\n  shared-volume:\n",
      errors: [
        { messageId: "shared", data: { service: "app", source: "shared-volume", verb: "does", others: "`checker`" }, line: 5 },
        { messageId: "shared", data: { service: "checker", source: "shared-volume", verb: "does", others: "`app`" }, line: 9 },
      ],
    },
    {
      name: "paths written differently but the same, short and long syntax; read-only mounts not reported",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - ./data/:/data\n  b:\n    image: y\n    volumes:\n      - type: bind\n        source: ./data\n        target: /srv\n  c:\n    image: z\n    volumes:\n      - ./data:/data:ro\n",
      errors: [
        { messageId: "shared", data: { service: "a", source: "./data/", verb: "does", others: "`b`" }, line: 5 },
        { messageId: "shared", data: { service: "b", source: "./data", verb: "does", others: "`a`" }, line: 9 },
      ],
    },
    {
      name: "interpolation default matches a literal path",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n  b:\n    image: y\n    volumes:\n      - ./data:/data\n",
      errors: [
        { messageId: "shared", line: 5 },
        { messageId: "shared", line: 9 },
      ],
    },
    {
      name: "the same unset variable is the same path",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - ${DATA_DIR}/logs:/logs\n  b:\n    image: y\n    volumes:\n      - ${DATA_DIR}/logs:/var/log/app\n",
      errors: [
        { messageId: "shared", line: 5 },
        { messageId: "shared", line: 9 },
      ],
    },
    {
      name: "three services: names the others",
      code: "services:\n  a:\n    image: x\n    volumes: [\"cache:/c\"]\n  b:\n    image: x\n    volumes: [\"cache:/c\"]\n  c:\n    image: x\n    volumes: [\"cache:/c\"]\nvolumes:\n  cache: {}\n",
      errors: [
        { messageId: "shared", data: { service: "a", source: "cache", verb: "do", others: "`b` and `c`" }, line: 4 },
        { messageId: "shared", data: { service: "b", source: "cache", verb: "do", others: "`a` and `c`" }, line: 7 },
        { messageId: "shared", data: { service: "c", source: "cache", verb: "do", others: "`a` and `b`" }, line: 10 },
      ],
    },
    {
      name: "a socket's directory holds files: still reported",
      code: "services:\n  a:\n    image: x\n    volumes:\n      - /var/run/mysqld:/var/run/mysqld\n  b:\n    image: y\n    volumes:\n      - /var/run/mysqld:/run/mysqld\n",
      errors: [
        { messageId: "shared", data: { service: "a", source: "/var/run/mysqld", verb: "does", others: "`b`" }, line: 5 },
        { messageId: "shared", data: { service: "b", source: "/var/run/mysqld", verb: "does", others: "`a`" }, line: 9 },
      ],
    },
    {
      name: "profiles: a service without profiles runs with each variant, and variants sharing a profile run together",
      code: "services:\n  app-cpu:\n    image: x\n    profiles: [cpu]\n    volumes:\n      - ./logs:/app/logs\n  app-gpu:\n    image: x\n    profiles: [gpu, all]\n    volumes:\n      - ./logs:/app/logs\n  shipper:\n    image: y\n    volumes:\n      - ./logs:/logs\n  cache-a:\n    image: z\n    profiles: [cache, a]\n    volumes:\n      - cache:/c\n  cache-b:\n    image: z\n    profiles: [cache, b]\n    volumes:\n      - cache:/c\nvolumes:\n  cache: {}\n",
      errors: [
        {
          messageId: "shared",
          message:
            "Service `app-cpu` mounts `./logs` read-write, and so does `shipper`: each of them can change or plant files the others read, so one compromised or buggy service reaches the rest; mount it read-only (`:ro`) in the services that only read it, or give each service its own volume.",
          line: 6,
        },
        { messageId: "shared", data: { service: "app-gpu", source: "./logs", verb: "does", others: "`shipper`" }, line: 11 },
        { messageId: "shared", data: { service: "shipper", source: "./logs", verb: "do", others: "`app-cpu` and `app-gpu`" }, line: 15 },
        { messageId: "shared", data: { service: "cache-a", source: "cache", verb: "does", others: "`cache-b`" }, line: 20 },
        { messageId: "shared", data: { service: "cache-b", source: "cache", verb: "does", others: "`cache-a`" }, line: 25 },
      ],
    },
    {
      name: "merge key: at the merge site",
      code: "x-common: &common\n  volumes:\n    - ./shared:/shared\nservices:\n  a:\n    <<: *common\n    image: x\n  b:\n    <<: *common\n    image: y\n",
      errors: [
        { messageId: "shared", line: 6, column: 5, endColumn: 16 },
        { messageId: "shared", line: 9, column: 5, endColumn: 16 },
      ],
    },
  ],
});
