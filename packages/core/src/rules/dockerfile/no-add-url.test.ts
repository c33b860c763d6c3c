import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-add-url.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nCOPY app.tar.gz /tmp/\n",
    { name: "a local file", code: "FROM alpine:3.20\nADD app.py /app/\n" },
    {
      name: "verified download",
      code: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://mirrors.edge.kernel.org/pub/linux/kernel/Historic/linux-0.01.tar.gz /\n",
    },
    { name: "checksum from a build argument", code: "FROM alpine:3.20\nARG SHA256\nADD --checksum=sha256:${SHA256} https://example.com/tool /usr/local/bin/tool\n" },
    { name: "git source pinned to a commit", code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${SHA} /src\n` },
    { name: "git source pinned to a commit, with a subdirectory", code: `FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#${SHA}:frontend /src\n` },
    { name: "git source with --checksum", code: `FROM alpine:3.20\nADD --checksum=${SHA} https://github.com/moby/buildkit.git#v0.14.0 /src\n` },
    { name: "git source, query form with a commit", code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=v0.14.0&commit=${SHA} /src\n` },
    { name: "git source pinned to a release tag", code: "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n" },
    { name: "git ref from a build argument", code: "FROM alpine:3.20\nARG REF\nADD https://github.com/moby/buildkit.git#${REF} /src\n" },
    { name: "URL from a build argument without default", code: "FROM alpine:3.20\nARG URL\nADD $URL /opt/\n" },
    { name: "COPY of a URL-looking name is not a download", code: "FROM alpine:3.20\nCOPY https-proxy.conf /etc/\n" },
    { name: "heredoc", code: "FROM alpine:3.20\nADD <<EOF /etc/hosts.extra\nhttps://example.com\nEOF\n" },
  ],
  invalid: [
    {
      name: "remote file without checksum",
      code: "FROM openjdk:10-jdk\nADD https://example.com/big.tar.xz /usr/src/things/\n",
      errors: [{ messageId: "unverified", data: { url: "https://example.com/big.tar.xz" }, line: 2, column: 5, endColumn: 35 }],
    },
    {
      name: "plain http, quoted",
      code: 'FROM alpine:3.20\nADD "http://file.com/x.txt" /usr/src/app/\n',
      errors: [{ messageId: "unverified", data: { url: "http://file.com/x.txt" }, line: 2, column: 5, endColumn: 28 }],
    },
    {
      name: "a version in the URL is not a checksum",
      code: "FROM alpine:3.20\nARG V=3.2.0\nADD https://github.com/just-containers/s6-overlay/releases/download/v${V}/s6.tar.xz /tmp\n",
      errors: [{ messageId: "unverified", line: 3, column: 5 }],
    },
    {
      name: "a URL from an ARG default",
      code: "FROM alpine:3.20\nARG PKG=https://example.com/pkg.rpm\nADD ${PKG} /tmp/pkg.rpm\n",
      errors: [{ messageId: "unverified", data: { url: "https://example.com/pkg.rpm" }, line: 3, column: 5, endColumn: 11 }],
    },
    {
      name: "exec form, several URLs",
      code: 'FROM alpine:3.20\nADD ["https://a.example/x", "https://b.example/y", "/opt/"]\n',
      errors: [
        { messageId: "unverified", line: 2, column: 6, endColumn: 27 },
        { messageId: "unverified", line: 2, column: 29, endColumn: 50 },
      ],
    },
    {
      name: "ONBUILD ADD",
      code: "FROM alpine:3.20\nONBUILD ADD https://example.com/x /x\n",
      errors: [{ messageId: "unverified", line: 2, column: 13, endColumn: 34 }],
    },
    {
      name: "other flags do not verify anything",
      code: "FROM alpine:3.20\nADD --chmod=755 --checksum= https://example.com/tool /usr/local/bin/tool\n",
      errors: [{ messageId: "unverified", line: 2, column: 29 }],
    },
    {
      name: "git source at its default branch",
      code: "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git /src\n",
      errors: [
        {
          messageId: "gitDefaultBranch",
          data: { url: "https://github.com/moby/buildkit.git", base: "https://github.com/moby/buildkit.git" },
          line: 2,
          column: 5,
          endColumn: 41,
        },
      ],
    },
    {
      name: "git source at a branch",
      code: "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#master /src\n",
      errors: [{ messageId: "gitBranch", data: { url: "git@github.com:moby/buildkit.git#master", base: "git@github.com:moby/buildkit.git", ref: "master" }, line: 2 }],
    },
    {
      name: "git source at a branch from an ARG default",
      code: "FROM alpine:3.20\nARG KEYRING_VERSION=main\nADD https://github.com/acme/keyring.git#${KEYRING_VERSION} /\n",
      errors: [{ messageId: "gitBranch", data: { url: "https://github.com/acme/keyring.git#main", base: "https://github.com/acme/keyring.git", ref: "main" }, line: 3 }],
    },
    {
      name: "git source, query form with a branch",
      code: "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?branch=master /src\n",
      errors: [{ messageId: "gitBranch", line: 2 }],
    },
    {
      name: "requireGitCommit: a tag is not enough",
      code: "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n",
      options: { requireGitCommit: true },
      errors: [{ messageId: "gitTag", data: { url: "https://github.com/moby/buildkit.git#v0.14.0", base: "https://github.com/moby/buildkit.git", ref: "v0.14.0" }, line: 2 }],
    },
    {
      name: "every stage",
      code: "FROM alpine:3.20 AS fetch\nADD https://example.com/a /a\nFROM scratch\nCOPY --from=fetch /a /a\n",
      errors: [{ messageId: "unverified", line: 2 }],
    },
  ],
});
