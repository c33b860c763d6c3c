import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-conflicting-keys.js";

const svc = (body: string): string => `services:\n  web:\n    image: nginx:1.27\n${body}`;

/** `web` extends `base`: each written under its own key, at four spaces. */
const ext = (base: string, own: string): string => `services:\n  base:\n    image: nginx:1.27\n${base}  web:\n    extends: base\n${own}`;

/** Files beside the linted one, for `extends: {file: …}`. */
const files: Record<string, string> = { "common.yml": "services:\n  base:\n    image: nginx:1.27\n    gpus:\n      - driver: nvidia\n        count: 1\n" };
const services = { readFile: (path: string) => files[path] };

/** compose.yaml of a project whose override completes pairs. */
const pairsBase = "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    cpus: 0.5\n    scale: 2\n  api:\n    image: api:1\n    network_mode: host\n    networks: [front]\n";
const pairsReader = { readFile: (path: string) => (path === "compose.yaml" ? pairsBase : undefined) };

/** A project: the linted file is layered on these (an override file on `compose.yaml`, or later in `settings.composeFiles`). */
const project: Record<string, string> = {
  "compose.yaml":
    "services:\n  web:\n    image: nginx:1.27\n    gpus: all\n    build:\n      context: .\n      ssh: [default]\n    environment: [A=1]\n    deploy:\n      resources:\n        limits: {cpus: \"1\"}\n  gpu:\n    image: cuda:12\n    gpus:\n      - driver: nvidia\n        count: 1\nx-common: {team: web}\nnetworks:\n  shared:\n    external:\n      name: shared_net\n",
  "base-broken.yaml": "services:\n  gpu:\n    image: cuda:12\n    gpus: all\n",
  "second.yaml": "services:\n  gpu:\n    gpus: [{driver: nvidia, count: 2}]\n",
};
const projectReader = { readFile: (path: string) => project[path] };

/** compose.yaml of a project whose override repeats list items. */
const listsBase =
  "services:\n  proxy:\n    image: traefik:3.1\n    security_opt: [label:type:container_runtime_t]\n    group_add: [docker]\n    environment: [A=1]\n    ports: [\"127.0.0.1:80:80\"]\n    cap_add: [NET_ADMIN]\n    labels: {tier: edge}\n    extra_hosts: [\"db:10.0.0.2\"]\n    build:\n      context: .\n      platforms: [linux/amd64]\nvolumes:\n  data:\n    labels: {team: web}\n";
const listsReader = { readFile: (path: string) => (path === "compose.yaml" ? listsBase : undefined) };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    // layered files (compose-go's override.Merge of each file over the files before it)
    {
      name: "an override that merges: lists, mappings, special keys, `null`, and the legacy external read as `external: true`",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    environment: {B: \"2\"}\n    build: ./app\n    deploy:\n      resources:\n        limits: {memory: 1g}\n    gpus: [{driver: nvidia, count: 1}]\n  gpu:\n    gpus: [{driver: nvidia, count: 2}]\nx-common: {owner: ops}\nnetworks:\n  shared:\n    external: true\n",
      services: projectReader,
    },
    {
      name: "`!override` and `!reset` replace the earlier file's value",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    gpus: !override all\n    build:\n      ssh: !reset []\n  gpu:\n    gpus: !reset null\nx-common: !override [a]\n",
      services: projectReader,
    },
    {
      name: "the file that starts the project is merged over nothing",
      filePath: "compose.yaml",
      code: project["compose.yaml"] ?? "",
      services: projectReader,
    },
    {
      name: "without a reader, or when the base cannot be read, nothing is known of it",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    gpus: all\n",
    },
    {
      name: "a file before this one that compose-go refuses is that file's finding",
      code: "services:\n  gpu:\n    gpus: all\n",
      settings: { composeFiles: ["base-broken.yaml", "second.yaml", "compose.yaml"] },
      services: { readFile: (path: string) => (path === "base-broken.yaml" ? "services:\n  gpu:\n    image: cuda:12\n    gpus: [{driver: nvidia}]\n" : path === "second.yaml" ? "services:\n  gpu:\n    gpus: all\n" : undefined) },
    },
    {
      name: "a shape the schema refuses anyway is valid-schema's finding",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    deploy: fast\n",
      services: projectReader,
    },
    {
      name: "layered pairs: a pair whose keys are all in the earlier file is that file's finding; `!reset` takes the earlier value away",
      filePath: "compose.override.yaml",
      code: "services:\n  api:\n    environment: [A=1]\n  web:\n    networks: !reset []\n    deploy:\n      resources:\n        limits: {cpus: \"0.5\"}\n",
      services: pairsReader,
    },
    {
      name: "layered pairs: a field the earlier file sets is not unset here, even for a service with its own image",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    image: postgres:17\n    cpus: 1\n    deploy:\n      resources:\n        limits: {memory: 1g}\n",
      services: { readFile: (path: string) => (path === "compose.yaml" ? "services:\n  db:\n    image: postgres:17\n    deploy:\n      resources:\n        limits: {cpus: \"1\"}\n" : undefined) },
    },
    {
      name: "layered pairs: a base that includes files merges what the merge here cannot see",
      filePath: "compose.override.yaml",
      code: "services:\n  db:\n    cpus: 1\n    deploy:\n      resources:\n        limits: {memory: 1g}\n",
      services: { readFile: (path: string) => ({ "compose.yaml": "include: [db.yaml]\nservices:\n  web:\n    image: nginx:1.27\n", "db.yaml": "services:\n  db:\n    image: postgres:17\n    deploy:\n      resources:\n        limits: {cpus: \"1\"}\n" })[path] },
    },
    {
      name: "layered pairs: a file with files after it in settings.composeFiles is not the merged project",
      code: "services:\n  web:\n    networks: [front]\n",
      filePath: "mid.yaml",
      settings: { composeFiles: ["compose.yaml", "mid.yaml", "last.yaml"] },
      services: pairsReader,
    },
    {
      name: "repeats in lists compose-go keeps one item per key of (environment, ports, cap_add, labels), or drops (extra_hosts), or the schema lets repeat (build.platforms)",
      filePath: "compose.override.yaml",
      code: "services:\n  proxy:\n    environment: [A=1]\n    ports: [\"127.0.0.1:80:80\"]\n    cap_add: [NET_ADMIN]\n    labels: {tier: edge}\n    extra_hosts: [\"db:10.0.0.2\"]\n    build:\n      platforms: [linux/amd64]\n    security_opt: [no-new-privileges:true]\n",
      services: listsReader,
    },
    {
      name: "repeats: `!override` replaces the earlier list",
      filePath: "compose.override.yaml",
      code: "services:\n  proxy:\n    security_opt: !override [label:type:container_runtime_t]\n",
      services: listsReader,
    },
    {
      name: "extends within one file reads the base as written: `gpus: all` over `gpus: all`",
      code: ext("    gpus: all\n", "    gpus: all\n"),
    },
    // network_mode and networks
    { name: "network_mode alone", code: svc("    network_mode: host\n") },
    { name: "networks alone", code: svc("    networks: [front]\nnetworks:\n  front: {}\n") },
    { name: "network_mode with an empty networks list", code: svc("    network_mode: host\n    networks: []\n") },
    { name: "network_mode with an empty networks map", code: svc("    network_mode: host\n    networks: {}\n") },
    { name: "empty network_mode", code: svc('    network_mode: ""\n    networks: [front]\nnetworks:\n  front: {}\n') },
    { name: "network_mode from a variable that may be empty", code: svc("    network_mode: ${NETWORK_MODE}\n    networks: [front]\nnetworks:\n  front: {}\n") },
    // dockerfile and dockerfile_inline
    { name: "dockerfile alone", code: "services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n" },
    { name: "dockerfile_inline alone", code: "services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n" },
    { name: "empty dockerfile beside dockerfile_inline", code: 'services:\n  web:\n    build:\n      dockerfile: ""\n      dockerfile_inline: FROM alpine:3.20\n' },
    { name: "dockerfile from a variable that may be empty", code: "services:\n  web:\n    build:\n      dockerfile: ${DOCKERFILE}\n      dockerfile_inline: FROM alpine:3.20\n" },
    // platform and build.platforms
    { name: "platform listed in build.platforms", code: "services:\n  web:\n    platform: linux/arm64\n    build:\n      context: .\n      platforms: [linux/amd64, linux/arm64]\n" },
    { name: "build.platforms without platform", code: "services:\n  web:\n    build:\n      context: .\n      platforms: [linux/amd64]\n" },
    { name: "platform without build.platforms", code: "services:\n  web:\n    platform: linux/arm64\n    build: .\n" },
    { name: "a build platform from a variable may be the platform", code: "services:\n  web:\n    platform: linux/arm64\n    build:\n      context: .\n      platforms: [linux/amd64, \"${EXTRA_PLATFORM}\"]\n" },
    { name: "platform from a variable", code: "services:\n  web:\n    platform: ${PLATFORM:-linux/arm64}\n    build:\n      context: .\n      platforms: [linux/amd64]\n" },
    // scale and deploy.replicas
    { name: "scale equal to deploy.replicas", code: svc('    scale: 2\n    deploy:\n      replicas: "2"\n') },
    { name: "scale alone", code: svc("    scale: 3\n") },
    { name: "replicas from a variable", code: svc("    scale: 2\n    deploy:\n      replicas: ${REPLICAS}\n") },
    // service-level limits and deploy.resources
    { name: "cpus equal to deploy cpus", code: svc('    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n') },
    { name: "mem_limit equal to deploy memory in other units", code: svc("    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          memory: 1024M\n") },
    { name: "mem_limit in bytes equal to deploy memory", code: svc("    mem_limit: 536870912\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n") },
    { name: "mem_reservation equal to deploy reservation", code: svc("    mem_reservation: 128m\n    deploy:\n      resources:\n        reservations:\n          memory: 128MiB\n") },
    { name: "pids_limit -1 in both", code: svc('    pids_limit: -1\n    deploy:\n      resources:\n        limits:\n          pids: "-1"\n') },
    { name: "mem_limit with only reservations in deploy", code: svc("    mem_limit: 512m\n    deploy:\n      resources:\n        reservations:\n          memory: 256m\n") },
    { name: "mem_limit with deploy but no resources", code: svc("    mem_limit: 512m\n    deploy:\n      replicas: 1\n") },
    { name: "cpus 0 is unset to compose-go", code: svc("    cpus: 0\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n") },
    { name: "deploy memory from a variable", code: svc("    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          memory: ${MEMORY:-1g}\n") },
    { name: "service limit from a variable", code: svc("    cpus: ${CPUS}\n    deploy:\n      resources:\n        limits:\n          cpus: '1'\n") },
    { name: "an unreadable size is another rule's finding", code: svc("    mem_limit: 512 megabytes\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n") },
    {
      name: "an override file's service may get the missing deploy field from its base",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n",
    },
    {
      name: "an extends base that cannot be read may set the missing deploy field",
      code: "services:\n  web:\n    extends:\n      file: common.yml\n      service: base\n    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n",
    },
    // container_name and several containers
    { name: "container_name with scale 1", code: svc("    container_name: web\n    scale: 1\n") },
    { name: "container_name with replicas 1", code: svc("    container_name: web\n    deploy:\n      replicas: 1\n") },
    { name: "container_name with replicas from a variable", code: svc("    container_name: web\n    deploy:\n      replicas: ${REPLICAS:-2}\n") },
    { name: "empty container_name", code: svc('    container_name: ""\n    scale: 2\n') },
    { name: "scale without container_name", code: svc("    scale: 2\n") },
    { name: "container_name with scale 1 and replicas 1", code: svc("    container_name: web\n    scale: 1\n    deploy:\n      replicas: 1\n") },
    // device requests
    { name: "device count alone", code: svc("    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: all\n              capabilities: [gpu]\n") },
    { name: "device_ids alone", code: svc("    gpus:\n      - driver: nvidia\n        device_ids: ['0', '1']\n") },
    { name: "gpus: all", code: svc("    gpus: all\n") },
    // top-level secrets and configs
    { name: "secret with a file", code: "secrets:\n  token:\n    file: ./token.txt\n" },
    { name: "external secret with a file is not a conflict", code: "secrets:\n  token:\n    external: true\n    file: ./token.txt\n" },
    { name: "config with content", code: "configs:\n  site:\n    content: server {}\n" },
    { name: "content in a secret is not one of its counted sources", code: "secrets:\n  token:\n    environment: TOKEN\n    content: x\n" },
    // external volumes
    { name: "external volume with a name", code: "volumes:\n  data:\n    external: true\n    name: shared_data\n" },
    { name: "external volume with an extension", code: "volumes:\n  data:\n    external: true\n    x-note: made by ops\n" },
    { name: "external: false with a driver", code: "volumes:\n  data:\n    external: false\n    driver: local\n" },
    { name: "external from a variable", code: "volumes:\n  data:\n    external: ${EXTERNAL}\n    driver: local\n" },
    { name: "external network with a driver (compose-go checks volumes only)", code: "networks:\n  front:\n    external: true\n    driver: bridge\n" },
    // name and external.name
    { name: "legacy external.name equal to name", code: "volumes:\n  data:\n    name: shared\n    external:\n      name: shared\n" },
    { name: "legacy external.name alone", code: "networks:\n  front:\n    external:\n      name: proxy\n" },
    { name: "name from a variable", code: "volumes:\n  data:\n    name: ${VOLUME_NAME}\n    external:\n      name: shared\n" },
    { name: "legacy v1 file", code: "web:\n  image: nginx\n  net: host\n" },
    // extends: what compose-go's MergeYaml merges without refusing
    { name: "extends: lists with lists, mappings with mappings, scalars with anything", code: ext("    ports: [\"80:80\"]\n    deploy:\n      resources:\n        limits: {memory: 1g}\n    gpus: all\n", "    ports: [\"81:81\"]\n    deploy:\n      resources:\n        limits: {cpus: \"1\"}\n    gpus:\n      - driver: nvidia\n        count: 1\n") },
    {
      name: "extends: keys compose-go merges its own way (environment, command, build, networks, depends_on, dns, tmpfs, labels, extra_hosts, ulimits, healthcheck.test, logging)",
      code: ext(
        "    environment: [A=1]\n    command: [run]\n    build: ./app\n    networks: [front]\n    depends_on: [db]\n    dns: [1.1.1.1]\n    tmpfs: [/tmp]\n    labels: {a: b}\n    extra_hosts: {host: 10.0.0.1}\n    ulimits:\n      nofile: {soft: 1, hard: 2}\n    healthcheck:\n      test: [CMD, true]\n    logging:\n      driver: json-file\n      options: {max-size: 1m}\n  db:\n    image: postgres:17\n",
        "    environment: {B: 2}\n    command: serve\n    build: {dockerfile: Dockerfile.dev}\n    networks:\n      back: {}\n    depends_on:\n      db: {condition: service_healthy}\n    dns: 8.8.8.8\n    tmpfs: /run\n    labels: [c=d]\n    extra_hosts: [\"other:10.0.0.2\"]\n    ulimits:\n      nofile: 65535\n    healthcheck:\n      test: curl -f http://localhost\n    logging:\n      driver: syslog\n      options: {tag: x}\nnetworks:\n  front: {}\n  back: {}\n",
      ),
    },
    { name: "extends: an empty value keeps the base's", code: ext("    ports: [\"80:80\"]\n", "    ports:\n") },
    { name: "extends: `!override` and `!reset` replace the base's value, also inside a mapping", code: ext("    ports: [\"80:80\"]\n    volumes: [data:/data]\n    build:\n      context: .\n      ssh: [default]\n", "    ports: !override \"8080:80\"\n    volumes: !reset null\n    build:\n      ssh: !override {default: /run/agent.sock}\n") },
    { name: "extends: a base that cannot be read here (a variable, another file without a reader)", code: "services:\n  web:\n    extends: ${BASE}\n    gpus: all\n  api:\n    extends: {file: common.yml, service: base}\n    gpus: all\n" },
    { name: "extends: a shape the schema refuses anyway is valid-schema's finding", code: ext("    ports: [\"80:80\"]\n", "    ports: \"8080:80\"\n") },
  ],
  invalid: [
    {
      name: "network_mode and networks (audit case 06)",
      code: svc("    network_mode: host\n    networks:\n      - front\nnetworks:\n  front: {}\n"),
      errors: [
        {
          messageId: "networkMode",
          line: 5,
          column: 5,
          endColumn: 13,
          message:
            "Service `web` sets both `network_mode: host` and `networks`, which docker compose refuses (\"service web declares mutually exclusive `network_mode` and `networks`\"); remove `networks` (a service with a `network_mode` joins no Compose network) or remove `network_mode`.",
        },
      ],
    },
    {
      name: "network_mode: service:x with a networks map",
      code: "services:\n  vpn:\n    image: vpn\n  web:\n    image: nginx\n    network_mode: service:vpn\n    networks:\n      front:\n        aliases: [www]\nnetworks:\n  front:\n",
      errors: [{ messageId: "networkMode", line: 7, column: 5, data: { service: "web", mode: "service:vpn" } }],
    },
    {
      name: "networks inherited through extends: at the extends key",
      code: "services:\n  base:\n    image: nginx\n    networks: [front]\n  web:\n    extends: base\n    network_mode: host\nnetworks:\n  front:\n",
      errors: [{ messageId: "networkMode", line: 6, column: 5 }],
    },
    {
      name: "dockerfile and dockerfile_inline (audit case 02)",
      code: "services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile\n      dockerfile_inline: |\n        FROM alpine:3.20\n",
      errors: [
        {
          messageId: "dockerfile",
          line: 6,
          column: 7,
          endColumn: 24,
          message:
            "Service `web` sets both `build.dockerfile: Dockerfile` and `build.dockerfile_inline`, which docker compose refuses (\"service \"web\" declares mutualy exclusive dockerfile and dockerfile_inline\"); keep only one of them.",
        },
      ],
    },
    {
      name: "build.platforms without platform (audit case 05)",
      code: "services:\n  web:\n    platform: linux/arm64\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n      platforms:\n        - linux/amd64\n",
      errors: [
        {
          messageId: "platforms",
          line: 8,
          column: 7,
          message:
            "Service `web` runs on `platform: linux/arm64`, which its `build.platforms` (linux/amd64) does not list, so docker compose refuses the project (\"service.build.platforms MUST include service.platform \"linux/arm64\"\"); add `linux/arm64` to `build.platforms`, or change `platform`.",
        },
      ],
    },
    {
      name: "platform compared exactly (a variant is another platform)",
      code: "services:\n  web:\n    platform: linux/arm64/v8\n    build:\n      context: .\n      platforms: [linux/amd64, linux/arm64]\n",
      errors: [{ messageId: "platforms", line: 6, column: 7, data: { service: "web", platform: "linux/arm64/v8", platforms: "linux/amd64, linux/arm64" } }],
    },
    {
      name: "scale and deploy.replicas (audit case 17)",
      code: svc("    scale: 2\n    deploy:\n      replicas: 3\n"),
      errors: [
        {
          messageId: "scaleReplicas",
          line: 6,
          column: 17,
          endColumn: 18,
          message:
            "Service `web` sets `scale: 2` and `deploy.replicas: 3`, which docker compose refuses (\"services.web: can't set distinct values on 'scale' and 'deploy.replicas'\"); keep only one of the two keys.",
        },
      ],
    },
    {
      name: "replicas through a merge key: at the merge site",
      code: "x-deploy: &deploy\n  deploy:\n    replicas: 3\nservices:\n  web:\n    image: nginx\n    <<: *deploy\n    scale: 1\n",
      errors: [{ messageId: "scaleReplicas", line: 7, column: 5 }],
    },
    {
      name: "cpus and deploy cpus (audit case 20)",
      code: svc('    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          cpus: "1"\n'),
      errors: [
        {
          messageId: "limit",
          line: 8,
          column: 17,
          endColumn: 20,
          message:
            "Service `web` sets `cpus: 0.5` and `deploy.resources.limits.cpus: 1`, which docker compose refuses (\"services.web: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'\"); keep only one of the two, or give both the same value.",
        },
      ],
    },
    {
      name: "mem_limit and deploy memory (audit case 21)",
      code: svc("    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n"),
      errors: [{ messageId: "limit", line: 8, column: 19, data: { service: "web", key: "mem_limit", value: "512m", deployKey: "deploy.resources.limits.memory", deployValue: "1g" } }],
    },
    {
      name: "mem_reservation and deploy reservation (audit case 22)",
      code: svc("    mem_reservation: 128m\n    deploy:\n      resources:\n        reservations:\n          memory: 256m\n"),
      errors: [{ messageId: "limit", line: 8, column: 19, data: { service: "web", key: "mem_reservation", value: "128m", deployKey: "deploy.resources.reservations.memory", deployValue: "256m" } }],
    },
    {
      name: "pids_limit and deploy pids (audit case 23)",
      code: svc("    pids_limit: 100\n    deploy:\n      resources:\n        limits:\n          pids: 200\n"),
      errors: [{ messageId: "limit", line: 8, column: 17, data: { service: "web", key: "pids_limit", value: "100", deployKey: "deploy.resources.limits.pids", deployValue: "200" } }],
    },
    {
      name: "1g is not 1000m (go-units sizes are binary)",
      code: svc('    mem_limit: "1g"\n    deploy:\n      resources:\n        limits:\n          memory: 1000m\n'),
      errors: [{ messageId: "limit", line: 8, column: 19 }],
    },
    {
      name: "cpus with a deploy limits section that has no cpus: compose-go reads 0",
      code: svc("    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n"),
      errors: [
        {
          messageId: "limitUnset",
          line: 7,
          column: 9,
          endColumn: 15,
          message:
            "Service `web` sets `cpus: 0.5` and a `deploy.resources.limits` without `cpus`, which compose-go reads as `cpus: 0`, so docker compose refuses the project (\"services.web: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'\"); move the limit into `deploy.resources.limits` as `cpus: 0.5` (and remove `cpus`), or set the same value in both places.",
        },
      ],
    },
    {
      name: "mem_limit and pids_limit beside a limits section with only cpus",
      code: svc("    mem_limit: 256m\n    pids_limit: 100\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n"),
      errors: [
        { messageId: "limitUnset", line: 8, column: 9, data: { service: "web", key: "mem_limit", value: "256m", section: "limits", field: "memory", deployKey: "deploy.resources.limits.memory" } },
        { messageId: "limitUnset", line: 8, column: 9, data: { service: "web", key: "pids_limit", value: "100", section: "limits", field: "pids", deployKey: "deploy.resources.limits.pids" } },
      ],
    },
    {
      name: "container_name with scale (audit case 24)",
      code: svc("    container_name: web\n    scale: 2\n"),
      errors: [
        {
          messageId: "containerName",
          line: 4,
          column: 21,
          endColumn: 24,
          message:
            "Service `web` sets `container_name: web` and `scale: 2`, which docker compose refuses: 2 containers cannot share one name (\"services.scale: can't set container_name and web as container name must be unique\"); remove `container_name` (Compose then names each container itself) or run a single container.",
        },
      ],
    },
    {
      name: "container_name with deploy.replicas (audit case 25)",
      code: svc("    container_name: web\n    deploy:\n      replicas: 3\n"),
      errors: [{ messageId: "containerName", line: 4, column: 21, data: { service: "web", name: "web", attr: "deploy.replicas", count: "3" } }],
    },
    {
      name: "a container_name with a variable is still one name",
      code: svc('    container_name: "${COMPOSE_PROJECT_NAME}-web"\n    deploy:\n      replicas: 2\n'),
      errors: [{ messageId: "containerName", line: 4, column: 21 }],
    },
    {
      name: "count and device_ids in a deploy device (audit case 37)",
      code: "services:\n  web:\n    image: nvidia/cuda:12.4.1-base-ubuntu22.04\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              device_ids: [\"0\"]\n              capabilities: [gpu]\n",
      errors: [
        {
          messageId: "deviceCount",
          line: 10,
          column: 27,
          message:
            "Service `web` has a `deploy.resources.reservations.devices` entry with both `count` and `device_ids`, which docker compose refuses (\"services.web.deploy.resources.reservations.devices.[]: \"count\" and \"device_ids\" attributes are exclusive\"); keep `device_ids` to pick the devices, or `count` to take that many.",
        },
      ],
    },
    {
      name: "count and device_ids in gpus (audit case 95)",
      code: "services:\n  web:\n    image: nvidia/cuda:12.4.1-base-ubuntu22.04\n    gpus:\n      - driver: nvidia\n        count: 1\n        device_ids: [\"0\"]\n",
      errors: [{ messageId: "deviceCount", line: 7, column: 21, data: { service: "web", list: "gpus" } }],
    },
    {
      name: "secret with file and environment (audit case 30)",
      code: "services:\n  web:\n    image: nginx:1.27\n    secrets:\n      - token\nsecrets:\n  token:\n    file: ./token.txt\n    environment: TOKEN\n",
      errors: [
        {
          messageId: "sources",
          line: 9,
          column: 5,
          endColumn: 16,
          message:
            "Secret `token` sets `file` and `environment`, which docker compose refuses (\"secrets.token: file|environment attributes are mutually exclusive\"); keep only one source.",
        },
      ],
    },
    {
      name: "config with file and content (audit case 31)",
      code: "services:\n  web:\n    image: nginx:1.27\n    configs:\n      - site\nconfigs:\n  site:\n    file: ./site.conf\n    content: \"server {}\"\n",
      errors: [{ messageId: "sources", line: 9, column: 5, data: { kind: "Config", name: "site", section: "configs", keys: "`file` and `content`", all: "file|environment|content" } }],
    },
    {
      name: "config with three sources: one finding, at the second",
      code: "configs:\n  site:\n    content: x\n    environment: SITE\n    file: ./site.conf\n",
      errors: [{ messageId: "sources", line: 4, column: 5, data: { kind: "Config", name: "site", section: "configs", keys: "`content`, `environment` and `file`", all: "file|environment|content" } }],
    },
    {
      name: "external volume with a driver (audit case 34)",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/data\nvolumes:\n  data:\n    external: true\n    driver: local\n",
      errors: [
        {
          messageId: "externalVolume",
          line: 9,
          column: 5,
          endColumn: 11,
          message:
            "Volume `data` is `external: true` and sets `driver`, which docker compose refuses (\"volumes.data: conflicting parameters \"external\" and \"driver\" specified\"): Compose does not create an external volume, so it cannot apply `driver`; remove `driver`, or remove `external` to let Compose create the volume.",
        },
      ],
    },
    {
      name: "external volume with labels (audit case 90)",
      code: "volumes:\n  data:\n    external: true\n    labels:\n      team: web\n",
      errors: [{ messageId: "externalVolume", line: 4, column: 5, data: { name: "data", key: "labels" } }],
    },
    {
      name: "legacy external mapping and a string boolean count as external",
      code: "volumes:\n  a:\n    external:\n      name: shared_a\n    driver_opts:\n      type: none\n  b:\n    external: \"yes\"\n    driver: local\n",
      errors: [
        { messageId: "externalVolume", line: 5, column: 5, data: { name: "a", key: "driver_opts" } },
        { messageId: "externalVolume", line: 9, column: 5, data: { name: "b", key: "driver" } },
      ],
    },
    {
      name: "extends: `gpus: all` where the base has a list of device requests",
      code: ext("    gpus:\n      - driver: nvidia\n        count: 1\n", "    gpus: all\n"),
      errors: [
        {
          messageId: "extendsMerge",
          line: 9,
          column: 5,
          endColumn: 9,
          message:
            "Service `web` sets `gpus` to a single value (`all`), but `base`, the service it extends, has a list there: docker compose cannot merge the two (\"cannot override services.x.gpus\") and refuses the project; write a list there too, or tag the value `!override` to replace the base's.",
        },
      ],
    },
    {
      name: "extends: build.ssh, build.ulimits and an x- key, where the schema takes both shapes",
      code: ext(
        "    build:\n      context: .\n      ssh: [default]\n      ulimits:\n        nofile: {soft: 1024, hard: 2048}\n    x-meta: {team: web}\n",
        "    build:\n      ssh:\n        default: /run/agent.sock\n      ulimits:\n        nofile: 4096\n    x-meta: [web]\n",
      ),
      errors: [
        { messageId: "extendsMerge", line: 13, column: 7, data: { service: "web", key: "build.ssh", value: "a mapping", base: "`base`", baseShape: "a list", baseRead: "" } },
        { messageId: "extendsMerge", line: 16, column: 9, data: { service: "web", key: "build.ulimits.nofile", value: "a single value (`4096`)", base: "`base`", baseShape: "a mapping", baseRead: "" } },
        { messageId: "extendsMerge", line: 17, column: 5, data: { service: "web", key: "x-meta", value: "a list", base: "`base`", baseShape: "a mapping", baseRead: "" } },
      ],
    },
    {
      name: "extends: the base's value comes from its own base; a merge key brings the extending value",
      code: "x-single: &single\n  gpus: all\nservices:\n  root:\n    image: x:1\n    gpus: [{driver: nvidia, count: 1}]\n  base:\n    extends: root\n  web:\n    extends: base\n    <<: *single\n",
      errors: [{ messageId: "extendsMerge", line: 11, column: 5, endColumn: 16, data: { service: "web", key: "gpus", value: "a single value (`all`)", base: "`base`", baseShape: "a list", baseRead: "" } }],
    },
    {
      name: "extends: a refusal in the base's own merge is reported there, not at the services extending it",
      code: "services:\n  root:\n    image: x:1\n    gpus: [{driver: nvidia, count: 1}]\n  mid:\n    extends: root\n    gpus: all\n  web:\n    extends: mid\n",
      errors: [{ messageId: "extendsMerge", line: 7, column: 5, data: { service: "mid", key: "gpus", value: "a single value (`all`)", base: "`root`", baseShape: "a list", baseRead: "" } }],
    },
    {
      name: "extends: a base of another file, read through the host",
      code: "services:\n  web:\n    extends: {file: common.yml, service: base}\n    gpus: all\n",
      services,
      errors: [{ messageId: "extendsMerge", line: 4, column: 5, data: { service: "web", key: "gpus", value: "a single value (`all`)", base: "`base` of `common.yml`", baseShape: "a list", baseRead: "" } }],
    },
    {
      name: "extends: a base of another file has been through transform.Canonical: its `gpus: all` is a list",
      code: "services:\n  web:\n    extends: {file: common-all.yml, service: base}\n    gpus: all\n",
      services: { readFile: (path: string) => (path === "common-all.yml" ? "services:\n  base:\n    image: cuda:12\n    gpus: all\n" : undefined) },
      errors: [
        {
          messageId: "extendsMerge",
          line: 4,
          column: 5,
          data: { service: "web", key: "gpus", value: "a single value (`all`)", base: "`base` of `common-all.yml`", baseShape: "a list", baseRead: " (`gpus: all`, which compose-go reads as a list of one device request)" },
        },
      ],
    },
    {
      name: "an override file over compose.yaml: a scalar over a list, the canonical `gpus: all` and `build.ssh`, an x- key",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    gpus: all\n    build:\n      ssh: [default]\n  gpu:\n    gpus: all\nx-common: [web]\n",
      services: projectReader,
      errors: [
        {
          messageId: "layerMerge",
          line: 3,
          column: 5,
          message:
            "This file sets `services.web.gpus` to a single value (`all`), but `compose.yaml`, which it is layered on, has a list there (`gpus: all`, which compose-go reads as a list of one device request): docker compose cannot merge the two (\"cannot override services.web.gpus\") and refuses the project; write a list here too, or tag the value `!override` to replace the earlier file's.",
        },
        { messageId: "layerMerge", line: 5, column: 7, data: { key: "services.web.build.ssh", value: "a list", baseFile: "compose.yaml", baseShape: "a mapping", baseRead: " (a list of SSH ids, which compose-go reads as a mapping of them)" } },
        { messageId: "layerMerge", line: 7, column: 5, data: { key: "services.gpu.gpus", value: "a single value (`all`)", baseFile: "compose.yaml", baseShape: "a list", baseRead: "" } },
        { messageId: "layerMerge", line: 8, column: 1, data: { key: "x-common", value: "a list", baseFile: "compose.yaml", baseShape: "a mapping", baseRead: "" } },
      ],
    },
    {
      name: "settings.composeFiles: merged in order; the message names the last earlier file that has the value",
      code: "services:\n  gpu:\n    gpus: all\n",
      filePath: "prod.yaml",
      settings: { composeFiles: ["compose.yaml", "second.yaml", "prod.yaml"] },
      services: projectReader,
      errors: [{ messageId: "layerMerge", line: 3, column: 5, data: { key: "services.gpu.gpus", value: "a single value (`all`)", baseFile: "second.yaml", baseShape: "a list", baseRead: "" } }],
    },
    {
      name: "layered pairs: the merged service is checked, at the key this file adds",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    networks: [front]\n    container_name: web\n    deploy:\n      resources:\n        limits: {memory: 1g}\n",
      services: pairsReader,
      errors: [
        { messageId: "networkMode", line: 3, column: 5, data: { service: "web", mode: "host" } },
        { messageId: "containerName", line: 4, column: 21, data: { service: "web", name: "web", attr: "scale", count: "2" } },
        { messageId: "limitUnset", line: 7, column: 9, data: { service: "web", key: "cpus", value: "0.5", deployKey: "deploy.resources.limits.cpus", section: "limits", field: "cpus" } },
      ],
    },
    {
      name: "layered pairs: a pair within this file is reported once, by this file's own check",
      filePath: "compose.override.yaml",
      code: "services:\n  web:\n    network_mode: bridge\n    networks: [front]\n",
      services: pairsReader,
      errors: [{ messageId: "networkMode", line: 4, column: 5, data: { service: "web", mode: "bridge" } }],
    },
    {
      name: "layered pairs: the last file of settings.composeFiles",
      code: "services:\n  web:\n    deploy:\n      replicas: 3\n",
      filePath: "last.yaml",
      settings: { composeFiles: ["compose.yaml", "last.yaml"] },
      services: pairsReader,
      errors: [{ messageId: "scaleReplicas", line: 4, column: 17, data: { service: "web", scale: "2", replicas: "3" } }],
    },
    {
      name: "repeats: an override repeats items of security_opt, group_add and a volume's labels (docker/compose#11777)",
      filePath: "compose.override.yaml",
      code: "services:\n  proxy:\n    security_opt:\n      - label:type:container_runtime_t\n    group_add: [\"999\", docker]\nvolumes:\n  data:\n    labels:\n      team: web\n",
      services: listsReader,
      errors: [
        {
          messageId: "layerRepeat",
          line: 4,
          column: 9,
          message:
            "`services.proxy.security_opt` lists `label:type:container_runtime_t` here, and `compose.yaml`, which this file is layered on, lists it too: docker compose appends the two lists and refuses the repeat (\"services.proxy.security_opt array items[0,1] must be unique\"); remove it from this file (the earlier file's entry stays), or tag the list `!override` to replace the earlier file's.",
        },
        { messageId: "layerRepeat", line: 5, column: 24, data: { key: "services.proxy.group_add", item: "docker", baseFile: "compose.yaml", first: "0", second: "2" } },
        { messageId: "layerRepeat", line: 9, column: 7, data: { key: "volumes.data.labels", item: "team=web", baseFile: "compose.yaml", first: "0", second: "1" } },
      ],
    },
    {
      name: "repeats: a service that extends one with the same security_opt, in this file and in another",
      code: "services:\n  base:\n    image: nginx:1.27\n    security_opt: [no-new-privileges:true]\n  web:\n    extends: base\n    security_opt: [no-new-privileges:true]\n  api:\n    extends: {file: hardened.yml, service: hardened}\n    security_opt:\n      - seccomp:default.json\n      - no-new-privileges:true\n",
      services: { readFile: (path: string) => (path === "hardened.yml" ? "services:\n  hardened:\n    image: nginx:1.27\n    security_opt: [no-new-privileges:true]\n" : undefined) },
      errors: [
        { messageId: "extendsRepeat", line: 7, column: 20, data: { service: "web", key: "security_opt", item: "no-new-privileges:true", base: "`base`", first: "0", second: "1" } },
        { messageId: "extendsRepeat", line: 12, column: 9, data: { service: "api", key: "security_opt", item: "no-new-privileges:true", base: "`hardened` of `hardened.yml`", first: "0", second: "2" } },
      ],
    },
    {
      name: "name and external.name (audit case 42)",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/data\nvolumes:\n  data:\n    name: data_a\n    external:\n      name: data_b\n",
      errors: [
        {
          messageId: "externalName",
          line: 10,
          column: 13,
          endColumn: 19,
          message:
            "Volume `data` sets `name: data_a` and the legacy `external.name: data_b`, which docker compose refuses (\"volumes.data: name and external.name conflict; only use name\"); keep `name: …` and write `external: true`.",
        },
      ],
    },
    {
      name: "name and external.name on a network and a secret",
      code: "networks:\n  front:\n    name: proxy\n    external:\n      name: traefik\nsecrets:\n  token:\n    external:\n      name: token_v2\n    name: token_v1\n",
      errors: [
        { messageId: "externalName", line: 5, column: 13, data: { kind: "Network", section: "networks", name: "front", own: "proxy", legacy: "traefik" } },
        { messageId: "externalName", line: 9, column: 13, data: { kind: "Secret", section: "secrets", name: "token", own: "token_v1", legacy: "token_v2" } },
      ],
    },
  ],
});
