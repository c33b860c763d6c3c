import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-credentials-in-run.js";

const LITERAL = "as a literal in the RUN line, which anyone with the image can read with `docker history`";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM ubuntu:24.04\nRUN chgrp root /etc/passwd && passwd -l root && passwd -d builduser\n",
    {
      name: "values read from secret mounts",
      code: 'FROM ubuntu:24.04\nRUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw\nRUN --mount=type=secret,id=pw echo "root:$(cat /run/secrets/pw)" | chpasswd\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git clone https://x-access-token:${GH_TOKEN}@github.com/org/r.git\nRUN --mount=type=secret,id=npm,target=/root/.npmtoken NPM_TOKEN=$(cat /root/.npmtoken) && npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"\n',
    },
    {
      name: "values computed at build time or not declared",
      code: 'FROM ubuntu:24.04\nRUN echo "root:$(openssl rand -base64 18)" | chpasswd\nRUN curl -u "$CI_USER:$CI_PASS" https://example.com\nRUN TOKEN=$(vault read -field=t secret/x) && git clone https://oauth2:$TOKEN@gitlab.example.com/g/r.git\n',
    },
    { name: "login without a secret on the command line", code: "FROM debian:12\nRUN az login --identity && gcloud auth activate-service-account --key-file=/run/secrets/key.json && docker login -u me --password-stdin < /run/secrets/pw\n" },
    { name: "user names are no secrets", code: "FROM debian:12\nRUN curl -u anonymous https://example.com && git clone https://git@github.com/org/r.git && curl ftp://anonymous:anonymous@ftp.example.com/pub/x\n" },
    { name: "locked accounts", code: "FROM debian:12\nRUN echo 'root:*' | chpasswd -e && useradd -p '!' svc\n" },
    { name: "a bare -p prompts, a port is no password", code: "FROM mysql:8\nRUN mysql -u root -p -e 'select 1' && mysql --port=3306 -e 'select 1'\n" },
    { name: "an Authorization header from a secret", code: "FROM debian:12\nRUN --mount=type=secret,id=t,env=TOKEN curl -H \"Authorization: Bearer $TOKEN\" https://example.com\n" },
  ],
  invalid: [
    {
      name: "chpasswd with literal and build-argument passwords (Checkov's case)",
      code: 'FROM ubuntu:24.04\nARG ROOT_PASSWORD=changeme\nRUN echo \'root:root\' | chpasswd && echo "app:${ROOT_PASSWORD}" | chpasswd\n',
      errors: [
        {
          messageId: "chpasswd",
          message:
            "`chpasswd` gets the password for `root` as a literal in the RUN line, which anyone with the image can read with `docker history`; feed it from a secret mount instead (`RUN --mount=type=secret,id=passwd chpasswd < /run/secrets/passwd`), or lock the account.",
          line: 3,
          column: 10,
          endColumn: 21,
        },
        {
          messageId: "chpasswd",
          data: { what: "the password for `app`", origin: "from build argument `ROOT_PASSWORD`, whose value is recorded in the image history" },
          line: 3,
          column: 41,
          endColumn: 63,
        },
      ],
    },
    {
      name: "empty password, password file, here-string, continued lines",
      code: "FROM ubuntu:24.04\nRUN apt-get update ;\\\n    echo 'root:' | chpasswd; chpasswd < input.txt; chpasswd <<< \"bob:hunter2\"\n",
      errors: [
        { messageId: "emptyPassword", data: { command: "chpasswd", user: "root" }, line: 3, column: 10, endColumn: 17 },
        { messageId: "chpasswdFile", data: { file: "input.txt" }, line: 3, column: 41, endColumn: 50 },
        { messageId: "chpasswd", line: 3, column: 65, endColumn: 78 },
      ],
    },
    {
      name: "passwd --stdin, useradd -p with openssl passwd, usermod -p with a hash",
      code: "FROM rockylinux:9\nRUN echo \"pass123\" | passwd --stdin root && useradd -m -p \"$(openssl passwd -1 s3cret)\" bob && usermod -p '$6$abc$def' alice\n",
      errors: [
        { messageId: "password", data: { command: "passwd", what: "the password for `root`", origin: LITERAL }, line: 2, column: 10, endColumn: 19 },
        { messageId: "password", data: { command: "useradd", what: "the password for `bob`", origin: LITERAL }, line: 2, column: 80, endColumn: 86 },
        { messageId: "password", data: { command: "usermod", what: "the password hash for `alice`", origin: LITERAL }, line: 2, column: 107, endColumn: 119 },
      ],
    },
    {
      name: "cloud CLIs (Trivy DS-0031's RUN part)",
      code: "FROM debian:12\nENV DB_PASS=secret\nRUN aws configure set aws_secret_access_key wJalrXUtnFEMI && az login -u x -p \"$DB_PASS\" && doctl auth init -t dop_v1_abc\nRUN gcloud auth activate-service-account --key-file=/app/key.json\n",
      errors: [
        { messageId: "cloudLogin", data: { command: "aws configure set", what: "`aws_secret_access_key`", origin: LITERAL }, line: 3, column: 45, endColumn: 58 },
        {
          messageId: "cloudLogin",
          data: { command: "az login", what: "the password or client secret", origin: "from ENV `DB_PASS`, which is stored in the image configuration" },
          line: 3,
          column: 79,
          endColumn: 89,
        },
        { messageId: "cloudLogin", line: 3, column: 112, endColumn: 122 },
        { messageId: "keyFile", data: { command: "gcloud auth activate-service-account", file: "/app/key.json" }, line: 4, column: 53, endColumn: 66 },
      ],
    },
    {
      name: "registry logins",
      code: 'FROM docker:27\nARG REGISTRY_PASSWORD\nRUN docker login -u me -p hunter2 registry.example.com && echo "$REGISTRY_PASSWORD" | podman login --password-stdin -u me r.example.com\n',
      errors: [
        { messageId: "credential", data: { command: "docker login", what: "the registry password", origin: LITERAL }, line: 3, column: 27, endColumn: 34 },
        { messageId: "credential", line: 3, column: 64, endColumn: 84 },
      ],
    },
    {
      name: "curl and wget credentials",
      code: 'FROM debian:12\nRUN curl -u admin:admin https://example.com && curl -H "Authorization: Bearer abc123" https://example.com && wget --password=xyz https://example.com\n',
      errors: [
        { messageId: "credential", data: { command: "curl -u", what: "the password", origin: LITERAL }, line: 2, column: 13, endColumn: 24 },
        { messageId: "credential", data: { command: "curl -H", what: "the `Authorization` header", origin: LITERAL }, line: 2, column: 56, endColumn: 86 },
        { messageId: "credential", data: { command: "wget --password", what: "the password", origin: LITERAL }, line: 2, column: 126, endColumn: 129 },
      ],
    },
    {
      name: "credentials in URLs",
      code: "FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://user:token123@github.com/org/repo.git && pip install git+https://${GITHUB_TOKEN}@github.com/org/lib.git\n",
      errors: [
        { messageId: "credential", data: { command: "git", what: "a password or token in a URL", origin: LITERAL }, line: 3, column: 15, endColumn: 60 },
        {
          messageId: "credential",
          data: { command: "pip", what: "a token in a URL", origin: "from build argument `GITHUB_TOKEN`, whose value is recorded in the image history" },
          line: 3,
          column: 76,
          endColumn: 126,
        },
      ],
    },
    {
      name: "other tools with passwords on the command line",
      code: 'FROM debian:12\nRUN sshpass -p secret ssh host true && mysql -uroot -proot -e "select 1" && htpasswd -bc /etc/htpasswd admin admin\nRUN npm config set //registry.npmjs.org/:_authToken npm_abcdefghijklmnopqrstuvwxyz && openssl rsa -passout pass:foobar -in k\n',
      errors: [
        { messageId: "credential", data: { command: "sshpass -p", what: "the SSH password", origin: LITERAL }, line: 2, column: 16, endColumn: 22 },
        { messageId: "credential", data: { command: "mysql", what: "the database password", origin: LITERAL }, line: 2, column: 53, endColumn: 59 },
        { messageId: "credential", data: { command: "htpasswd -b", what: "the password", origin: LITERAL }, line: 2, column: 110, endColumn: 115 },
        { messageId: "credential", line: 3, column: 53, endColumn: 83 },
        { messageId: "credential", data: { command: "openssl -passout", what: "the key password", origin: LITERAL }, line: 3, column: 108, endColumn: 119 },
      ],
    },
    {
      name: "a secret mount for something else does not cover a literal",
      code: "FROM debian:12\nRUN --mount=type=secret,id=npm curl -u admin:s3cret https://example.com\n",
      errors: [{ messageId: "credential", line: 2, column: 40, endColumn: 52 }],
    },
    {
      name: "exec form, heredoc, ONBUILD, every stage",
      code: 'FROM debian:12 AS build\nRUN ["curl", "-u", "admin:s3cret", "https://example.com"]\nRUN <<EOF\nset -e\necho "root:toor" | chpasswd\nEOF\nFROM debian:12\nONBUILD RUN docker login -p hunter2 registry.example.com\n',
      errors: [
        { messageId: "credential", line: 2, column: 20, endColumn: 34 },
        { messageId: "chpasswd", line: 5, column: 6, endColumn: 17 },
        { messageId: "credential", line: 8, column: 29, endColumn: 36 },
      ],
    },
    {
      name: "chpasswd reading a Dockerfile heredoc",
      code: "FROM debian:12\nRUN chpasswd <<EOF\nroot:toor\napp:app\nEOF\n",
      errors: [
        { messageId: "chpasswd", data: { what: "the password for `root`", origin: LITERAL }, line: 3, column: 1, endColumn: 10 },
        { messageId: "chpasswd", data: { what: "the password for `app`", origin: LITERAL }, line: 4, column: 1, endColumn: 8 },
      ],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12\nRUN curl `\n    -u admin:s3cret https://example.com\n",
      errors: [{ messageId: "credential", line: 4, column: 8, endColumn: 20 }],
    },
  ],
});
