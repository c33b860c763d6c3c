import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/no-sensitive-port.js";
import rule from "./no-sensitive-port.js";

describe("no-sensitive-port options", () => {
  it("has the same options schema and defaults as the Dockerfile rule of the same id", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
  });
});

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n    expose:\n      - "8080"\n',
    { name: "host port 22 mapped to a web port", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:22:8080"\n' },
    { name: "22/udp is not SSH", code: 'services:\n  web:\n    image: nginx:1.27\n    expose:\n      - "22/udp"\n' },
    { name: "514/udp is syslog", code: 'services:\n  log:\n    image: rsyslog/syslog_appliance_alpine:8.2404.0\n    ports:\n      - "514:514/udp"\n' },
    { name: "memcached over TCP", code: "services:\n  cache:\n    image: memcached:1.6\n    expose:\n      - 11211\n" },
    { name: "port from an unset variable", code: 'services:\n  web:\n    image: nginx:1.27\n    expose:\n      - "${ADMIN_PORT}"\n    ports:\n      - "2222:${SSH_PORT}"\n' },
    { name: "allowed port", code: 'services:\n  app:\n    image: acme/app:1.0\n    ports:\n      - "2222:22"\n', options: { allow: ["22/tcp"] } },
    { name: "allowed port as a number", code: "services:\n  app:\n    image: acme/app:1.0\n    expose:\n      - 2375\n", options: { allow: [2375] } },
    { name: "an SFTP server image publishes SSH by purpose", code: 'services:\n  sftp:\n    image: atmoz/sftp:alpine\n    ports:\n      - "2222:22"\n' },
    { name: "a Git server serves git over SSH", code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - "2222:22"\n' },
    { name: "Docker-in-Docker, etcd, syslog and a VNC browser", code: 'services:\n  dind:\n    image: docker:27-dind\n    expose: [2375, 2376]\n  etcd:\n    image: quay.io/coreos/etcd:v3.5.15\n    ports: ["2379:2379", "2380:2380"]\n  log:\n    image: rsyslog/syslog_appliance_alpine\n    ports: ["514:514/tcp"]\n  browser:\n    image: selenium/standalone-chrome:4.23\n    ports: ["5900:5900"]\n' },
    { name: "image purpose from an interpolated default", code: 'services:\n  git:\n    image: ${GIT_IMAGE:-gitlab/gitlab-ce:17.3.0-ce.0}\n    ports:\n      - "2222:22"\n' },
    {
      name: "a service built from ./gitlab (laradock) serves git over SSH",
      code: 'services:\n  gitlab:\n    build:\n      context: ./gitlab\n    ports:\n      - "${GITLAB_HOST_SSH_PORT:-2222}:22"\n',
    },
    {
      name: "a service built from ./graylog publishes syslog over TCP on 514",
      code: "services:\n  logs:\n    build: ./graylog\n    ports:\n      - ${GRAYLOG_SYSLOG_TCP_PORT:-1514}:514\n      - ${GRAYLOG_SYSLOG_UDP_PORT:-1514}:514/udp\n",
    },
    { name: "build context with a trailing slash, long syntax", code: 'services:\n  files:\n    build:\n      context: docker/sftp/\n      dockerfile: Dockerfile\n    ports:\n      - "2222:22"\n' },
    { name: "a built service named for its purpose", code: 'services:\n  sftp:\n    build: .\n    ports:\n      - "2222:22"\n' },
    { name: "build context from an interpolated default", code: 'services:\n  git:\n    build: ${GIT_CONTEXT:-./gitea}\n    expose:\n      - 22\n' },
    { name: "a custom list replaces the default one", code: "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - 22\n", options: { ports: { "8081/tcp": "the admin console" } } },
    { name: "malformed ports are not this rule's", code: "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - http\n      - 70000\n" },
  ],
  invalid: [
    {
      name: "expose 22, at the entry",
      code: 'services:\n  app:\n    image: ubuntu:24.04\n    expose:\n      - "22"\n',
      errors: [{ messageId: "expose", data: { service: "app", value: "22", services: "SSH (22/tcp)" }, line: 5, column: 9, endColumn: 13 }],
    },
    {
      name: "published container port 22 (the target, whatever the host port)",
      code: 'services:\n  app:\n    image: ubuntu:24.04\n    ports:\n      - "127.0.0.1:2222:22"\n',
      errors: [{ messageId: "published", data: { service: "app", value: "22", services: "SSH (22/tcp)" }, line: 5, column: 9 }],
    },
    {
      name: "container port alone, and a YAML number in expose",
      code: "services:\n  app:\n    image: ubuntu:24.04\n    ports:\n      - 3389\n    expose:\n      - 23\n",
      errors: [
        { messageId: "published", data: { service: "app", value: "3389", services: "RDP (3389/tcp)" }, line: 5 },
        { messageId: "expose", data: { service: "app", value: "23", services: "Telnet (23/tcp)" }, line: 7 },
      ],
    },
    {
      name: "a range names every sensitive port in it, once",
      code: 'services:\n  desktop:\n    image: acme/app:1.0\n    ports:\n      - "5900-5910:5900-5910"\n',
      errors: [{ messageId: "published", data: { service: "desktop", value: "5900-5910", services: "VNC (5900-5903/tcp)" }, line: 5 }],
    },
    {
      name: "protocol from the short syntax and from the long syntax",
      code: 'services:\n  nas:\n    image: acme/files:1.0\n    ports:\n      - "137:137/udp"\n      - target: 445\n        published: 445\n        protocol: tcp\n',
      errors: [
        { messageId: "published", data: { service: "nas", value: "137/udp", services: "NetBIOS (137/udp)" }, line: 5 },
        { messageId: "published", data: { service: "nas", value: "445/tcp", services: "SMB (445/tcp)" }, line: 6, column: 9 },
      ],
    },
    {
      name: "an image's purpose covers its own port only",
      code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    expose:\n      - "22"\n      - "2375"\n',
      errors: [{ messageId: "expose", data: { service: "git", value: "2375", services: "the Docker Engine API (unencrypted) (2375/tcp)" }, line: 6 }],
    },
    {
      name: "a built service: no image to tell its purpose",
      code: 'services:\n  workspace:\n    build: ./workspace\n    ports:\n      - "${WORKSPACE_SSH_PORT:-2222}:22"\n',
      errors: [{ messageId: "published", data: { service: "workspace", value: "22", services: "SSH (22/tcp)" }, line: 5 }],
    },
    {
      name: "with an image, the image decides, not the service's name or build context",
      code: 'services:\n  gitlab:\n    image: ubuntu:24.04\n    build: ./gitlab\n    ports:\n      - "2222:22"\n',
      errors: [{ messageId: "published", data: { service: "gitlab", value: "22", services: "SSH (22/tcp)" }, line: 6, column: 9 }],
    },
    {
      name: "an image hidden by a variable without default tells nothing, whatever the service's name",
      code: 'services:\n  sftp:\n    image: ${SFTP_IMAGE}\n    ports:\n      - "2222:22"\n',
      errors: [{ messageId: "published", data: { service: "sftp", value: "22", services: "SSH (22/tcp)" }, line: 5 }],
    },
    {
      name: "a built service's purpose covers its own port only",
      code: 'services:\n  gitlab:\n    build: ./gitlab\n    expose:\n      - "22"\n      - "3389"\n',
      errors: [{ messageId: "expose", data: { service: "gitlab", value: "3389", services: "RDP (3389/tcp)" }, line: 6, column: 9 }],
    },
    {
      name: "a built service's purpose is read from the last directory of the context only",
      code: 'services:\n  app:\n    build: ./sftp-tools/app\n    ports:\n      - "2222:22"\n',
      errors: [{ messageId: "published", data: { service: "app", value: "22", services: "SSH (22/tcp)" }, line: 5 }],
    },
    {
      name: "interpolated default",
      code: 'services:\n  app:\n    image: ubuntu:24.04\n    expose:\n      - "${SSH_PORT:-22}"\n',
      errors: [{ messageId: "expose", data: { service: "app", value: "${SSH_PORT:-22} (= 22)", services: "SSH (22/tcp)" }, line: 5 }],
    },
    {
      name: "through a merge key: at the merge site",
      code: "x-admin: &admin\n  expose:\n    - 2375\nservices:\n  app:\n    image: acme/app:1.0\n    <<: *admin\n",
      errors: [{ messageId: "expose", line: 7, column: 5 }],
    },
    {
      name: "allow removes one port of a range only",
      code: 'services:\n  desktop:\n    image: acme/app:1.0\n    expose:\n      - "5900-5901"\n',
      options: { allow: ["5900"] },
      errors: [{ messageId: "expose", data: { service: "desktop", value: "5900-5901", services: "VNC (5901/tcp)" }, line: 5 }],
    },
    {
      name: "custom list",
      code: "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - 8081\n",
      options: { ports: { "8081/tcp": "the admin console" } },
      errors: [{ messageId: "expose", data: { service: "web", value: "8081", services: "the admin console (8081/tcp)" }, line: 5 }],
    },
  ],
});
