import { describe, it } from "vitest";
import "../../compose/index.js";
import { runOrderTests } from "../../../test/support/order-rule-tests.js";
import rule from "./order-service-keys.js";

const ORDER =
  "image, build, container_name; depends_on; volumes, volumes_from, configs, secrets; environment, env_file; ports, networks, network_mode, extra_hosts; command, entrypoint, working_dir, restart, healthcheck; logging, labels; user, isolation; then the other keys alphabetically";

/** dclint's `groups` option from its fix test: two groups re-ordered, the others as by default. */
const DCLINT_GROUPS = {
  groups: {
    "Core Definitions": ["container_name", "build", "image"],
    "Service Dependencies": ["depends_on"],
    "Data Management and Configuration": ["volumes", "volumes_from", "configs", "secrets"],
    "Environment Configuration": ["environment", "env_file"],
    Networking: ["extra_hosts", "ports"],
    "Runtime Behavior": ["command", "entrypoint", "working_dir", "restart", "healthcheck"],
    "Operational Metadata": ["logging", "labels"],
    "Security and Execution Context": ["user", "isolation"],
    Other: [],
  },
  groupOrder: ["Networking", "Core Definitions"],
};

runOrderTests({ describe, it }, rule, {
  valid: [
    "services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/data\n    environment:\n      - NODE_ENV=production\n    ports:\n      - 80:80\n    annotations:\n      - com.example.foo=bar\n    cpu_rt_period: '1400us'\n    cpu_rt_runtime: '400ms'\n",
    { name: "every group in order", code: "services:\n  web:\n    image: a\n    build: .\n    container_name: web\n    depends_on: [db]\n    volumes: []\n    secrets: []\n    environment: {}\n    env_file: .env\n    ports: []\n    networks: [n]\n    extra_hosts: []\n    command: run\n    entrypoint: sh\n    working_dir: /app\n    restart: always\n    healthcheck: {test: [NONE]}\n    logging: {}\n    labels: {}\n    user: '1000'\n    isolation: default\n    cap_drop: [ALL]\n    x-meta: 1\n  db:\n    image: postgres\n" },
    { name: "other keys alphabetically, extension keys among them", code: "services:\n  web:\n    image: a\n    cap_drop: [ALL]\n    read_only: true\n    x-note: hi\n" },
    { name: "a merge key anywhere is not a key to place", code: "x-d: &d\n  restart: always\nservices:\n  web:\n    image: a\n    <<: *d\n    command: run\n" },
    { name: "a service written as an alias is ordered where its anchor is written", code: "x-base: &base\n  image: a\nservices:\n  web: *base\n" },
    { name: "partial service (override file): the keys it has are in order", code: "services:\n  web:\n    environment:\n      A: '1'\n    ports:\n      - 80:80\n" },
    { name: "Compose v1 file in order", code: "web:\n  image: nginx\n  ports:\n    - 80:80\n" },
    { name: "flow map in order", code: "services:\n  web: {image: a, ports: ['80:80']}\n" },
    { name: "option: groupOrder", code: "services:\n  web:\n    extra_hosts: []\n    ports:\n      - 8080:80\n    container_name: web\n    build: ./web\n    image: nginx\n", options: DCLINT_GROUPS },
    { name: "option: a group left out of groupOrder places nothing; its keys are other keys", code: "services:\n  web:\n    image: a\n    command: run\n    depends_on: [db]\n", options: { groupOrder: ["Core Definitions", "Runtime Behavior"] } },
    { name: "option: a new group", code: "services:\n  web:\n    x-owner: me\n    image: a\n", options: { groups: { Ownership: ["x-owner"] }, groupOrder: ["Ownership", "Core Definitions"] } },
  ],
  invalid: [
    {
      name: "dclint's case: one finding per key that an earlier key should follow, at the key",
      code: "services:\n  web:\n    image: nginx\n    annotations:\n      - com.example.foo=bar\n    ports:\n      - 80:80\n    environment:\n      - NODE_ENV=production\n    volumes:\n      - ./data:/data\n    cpu_rt_runtime: '400ms'\n    cpu_rt_period: '1400us'\n",
      errors: [
        { messageId: "misplaced", data: { key: "ports", service: "web", before: "annotations", order: ORDER }, line: 6, column: 5, endColumn: 10 },
        { messageId: "misplaced", data: { key: "environment", service: "web", before: "ports", order: ORDER }, line: 8, column: 5, endColumn: 16 },
        { messageId: "misplaced", data: { key: "volumes", service: "web", before: "environment", order: ORDER }, line: 10, column: 5 },
        { messageId: "misplaced", data: { key: "cpu_rt_period", service: "web", before: "cpu_rt_runtime", order: ORDER }, line: 13, column: 5 },
      ],
      output: "services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/data\n    environment:\n      - NODE_ENV=production\n    ports:\n      - 80:80\n    annotations:\n      - com.example.foo=bar\n    cpu_rt_period: '1400us'\n    cpu_rt_runtime: '400ms'\n",
    },
    {
      name: "dclint's groups and groupOrder options",
      options: DCLINT_GROUPS,
      code: "services:\n  web:\n    container_name: my-web-container\n    image: nginx\n    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n    ports:\n      - 8080:80\n    build: ./web\n  db:\n    ports:\n      - 5432:5432\n    image: postgres\n",
      errors: [
        { messageId: "misplaced", line: 5, column: 5 },
        { messageId: "misplaced", line: 7, column: 5 },
        { messageId: "misplaced", line: 9, column: 5 },
      ],
      output: "services:\n  web:\n    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n    ports:\n      - 8080:80\n    container_name: my-web-container\n    build: ./web\n    image: nginx\n  db:\n    ports:\n      - 5432:5432\n    image: postgres\n",
    },
    {
      name: "several services fixed in one pass; comments above a key move with it, comments after the last key stay",
      code: "services:\n  web:\n    ports:\n      - 80:80 # http\n    # the image\n    image: nginx\n  db:\n    restart: always\n    image: postgres\n    # data:\n    #   - ./db:/var/lib/postgresql/data\n",
      errors: [
        { messageId: "misplaced", data: { key: "image", service: "web", before: "ports", order: ORDER }, line: 6, column: 5 },
        { messageId: "misplaced", data: { key: "image", service: "db", before: "restart", order: ORDER }, line: 9, column: 5 },
      ],
      output: "services:\n  web:\n    # the image\n    image: nginx\n    ports:\n      - 80:80 # http\n  db:\n    image: postgres\n    restart: always\n    # data:\n    #   - ./db:/var/lib/postgresql/data\n",
    },
    {
      name: "a merge key goes first, whatever its place (explicit keys override merged ones anywhere)",
      code: "x-d: &d\n  restart: always\nservices:\n  web:\n    ports: [\"80:80\"]\n    <<: *d\n    image: a\n",
      errors: [{ messageId: "misplaced", data: { key: "image", service: "web", before: "ports", order: ORDER }, line: 7, column: 5 }],
      output: "x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: a\n    ports: [\"80:80\"]\n",
    },
    {
      name: "values reached through a merge key are not keys of this map",
      code: "x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    command: run\n    image: a\n",
      errors: [{ messageId: "misplaced", line: 7, column: 5 }],
      output: "x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: a\n    command: run\n",
    },
    {
      name: "partial service: written keys are still ordered",
      code: "services:\n  web:\n    ports:\n      - 80:80\n    environment:\n      A: '1'\n",
      errors: [{ messageId: "misplaced", line: 5, column: 5 }],
      output: "services:\n  web:\n    environment:\n      A: '1'\n    ports:\n      - 80:80\n",
    },
    {
      name: "Compose v1 file",
      code: "web:\n  ports:\n    - 80:80\n  image: nginx\n",
      errors: [{ messageId: "misplaced", data: { key: "image", service: "web", before: "ports", order: ORDER }, line: 4, column: 3 }],
      output: "web:\n  image: nginx\n  ports:\n    - 80:80\n",
    },
    {
      name: "flow map: reordered between its commas",
      code: "services:\n  web: {ports: [\"80:80\"], image: a}\n",
      errors: [{ messageId: "misplaced", line: 2, column: 27, endColumn: 32 }],
      output: "services:\n  web: {image: a, ports: [\"80:80\"]}\n",
    },
    {
      name: "anchored value keeps its anchor when its key moves",
      code: "services:\n  web:\n    environment: &env\n      A: '1'\n    image: a\n  db:\n    image: b\n    environment: *env\n",
      errors: [{ messageId: "misplaced", line: 5, column: 5 }],
      output: "services:\n  web:\n    image: a\n    environment: &env\n      A: '1'\n  db:\n    image: b\n    environment: *env\n",
    },
    {
      name: "no fix: an alias in the service would move above its anchor in the same service",
      code: "services:\n  web:\n    labels: &l\n      a: b\n    image: a\n    environment: *l\n",
      errors: [
        { messageId: "misplaced", data: { key: "image", service: "web", before: "labels", order: ORDER }, line: 5, column: 5 },
        { messageId: "misplaced", data: { key: "environment", service: "web", before: "labels", order: ORDER }, line: 6, column: 5 },
      ],
      output: null,
    },
    {
      name: "no fix: duplicate keys (Compose keeps the last; moving them would change which)",
      code: "services:\n  web:\n    ports: ['80:80']\n    image: a\n    image: b\n",
      errors: [
        { messageId: "misplaced", line: 4, column: 5 },
        { messageId: "misplaced", line: 5, column: 5 },
      ],
      output: null,
    },
  ],
});
