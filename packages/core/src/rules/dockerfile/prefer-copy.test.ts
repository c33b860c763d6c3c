import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./prefer-copy.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nCOPY app.py /app/\n",
    { name: "a local tar archive is unpacked by ADD", code: "FROM scratch\nADD rootfs.tar.xz /\n" },
    { name: "gzip, bzip2 and xz may hold a tar archive", code: "FROM scratch\nADD a.gz b.bz2 c.xz /x/\n" },
    { name: "quoted archive", code: 'FROM scratch\nADD "file.tgz" /usr/src/app/\n' },
    { name: "remote URL is no-add-url's business", code: "FROM alpine:3.20\nADD https://example.com/app.jar /app/\n" },
    { name: "quoted URL", code: 'FROM alpine:3.20\nADD "http://file.com" /usr/src/app/\n' },
    { name: "git repository", code: "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#v0.14.0 /src\n" },
    { name: "git over https", code: "FROM alpine:3.20\nADD --keep-git-dir https://github.com/moby/buildkit.git#v0.14.0 /src\n" },
    { name: "a variable named like a URL", code: "FROM alpine:3.20\nARG DOWNLOAD_URL\nADD ${DOWNLOAD_URL} /opt/\n" },
    { name: "exec-form archive", code: 'FROM scratch\nADD ["rootfs.tar.gz", "/"]\n' },
    { name: "ONBUILD ADD of an archive", code: "FROM alpine:3.20\nONBUILD ADD app.tgz /app/\n" },
    {
      // BuildKit ends the ADD at the escaped backslash; the words of the COPY below are not its sources.
      name: "an ADD of a URL whose line ends in an escaped backslash, then a COPY",
      code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nADD https://example.com/a.zip \\\n    C:\\tools\\\\\nCOPY id_rsa src/ C:\\app\\\\\n",
    },
    { name: "escape directive: Windows archive path", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nADD tools\\bin.tar.gz C:\\tools\\\n" },
  ],
  invalid: [
    {
      name: "a local file",
      code: "FROM alpine:3.20\nADD file /usr/src/app/\n",
      errors: [{ messageId: "useCopyUncertain", data: { source: '"file"' }, line: 2, column: 1, endColumn: 4, suggestions: ["Replace ADD with COPY"] }],
    },
    {
      name: "a file with a plain extension is fixed",
      code: "FROM alpine:3.20\nADD app.py /app/\n",
      errors: [{ messageId: "useCopy", data: { source: '"app.py"', what: "a local file" }, line: 2, column: 1, endColumn: 4 }],
      output: "FROM alpine:3.20\nCOPY app.py /app/\n",
    },
    {
      name: "a zip file is not unpacked by ADD",
      code: "FROM alpine:3.20\nADD file.zip /usr/src/app/\n",
      errors: [{ messageId: "useCopy", line: 2, column: 1, endColumn: 4 }],
      output: "FROM alpine:3.20\nCOPY file.zip /usr/src/app/\n",
    },
    {
      name: "a directory",
      code: "FROM node:20\nADD . /app\n",
      errors: [{ messageId: "useCopy", data: { source: '"."', what: "a local directory" }, line: 2 }],
      output: "FROM node:20\nCOPY . /app\n",
    },
    {
      name: "flags ADD and COPY share are kept",
      code: "FROM alpine:3.20\nADD --chown=10001:10001 --chmod=755 --link ./run.sh /usr/local/bin/\n",
      errors: [{ messageId: "useCopy", line: 2 }],
      output: "FROM alpine:3.20\nCOPY --chown=10001:10001 --chmod=755 --link ./run.sh /usr/local/bin/\n",
    },
    {
      name: "--unpack=false: ADD copies the archive as is, so COPY without the flag does the same",
      code: "FROM alpine:3.20\nADD --unpack=false --chmod=644 dist.tar.gz /srv/\n",
      errors: [{ messageId: "useCopy", line: 2 }],
      output: "FROM alpine:3.20\nCOPY --chmod=644 dist.tar.gz /srv/\n",
    },
    {
      name: "--checksum on a local file fails the build: no automatic fix",
      code: "FROM alpine:3.20\nADD --checksum=sha256:0123 app.py /app/\n",
      errors: [{ messageId: "useCopyUncertain", line: 2, suggestions: ["Replace ADD with COPY"] }],
    },
    {
      name: "a glob that may match archives",
      code: "FROM alpine:3.20\nADD files* /data/\n",
      errors: [{ messageId: "useCopyUncertain", line: 2 }],
    },
    {
      name: "a glob of one plain extension",
      code: "FROM alpine:3.20\nADD conf/*.yaml /etc/app/\n",
      errors: [{ messageId: "useCopy", data: { source: '"conf/*.yaml"', what: "local files" }, line: 2 }],
      output: "FROM alpine:3.20\nCOPY conf/*.yaml /etc/app/\n",
    },
    {
      name: "a variable without default (KICS's case)",
      code: "FROM openjdk:10-jdk\nARG JAR_FILE\nADD ${JAR_FILE} app.jar\n",
      errors: [{ messageId: "useCopyUncertain", data: { source: '"${JAR_FILE}"' }, line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "a variable inside a name with a plain extension",
      code: "FROM eclipse-temurin:21\nARG VERSION\nADD target/app-${VERSION}.jar /app.jar\n",
      errors: [{ messageId: "useCopy", line: 3 }],
      output: "FROM eclipse-temurin:21\nARG VERSION\nCOPY target/app-${VERSION}.jar /app.jar\n",
    },
    {
      name: "an ARG default that resolves to a local file",
      code: "FROM alpine:3.20\nARG CONFIG=app.conf\nADD $CONFIG /etc/\n",
      errors: [{ messageId: "useCopy", line: 3 }],
      output: "FROM alpine:3.20\nARG CONFIG=app.conf\nCOPY $CONFIG /etc/\n",
    },
    {
      name: "exec form",
      code: 'FROM alpine:3.20\nADD ["my file.txt", "/data/"]\n',
      errors: [{ messageId: "useCopy", data: { source: '"my file.txt"', what: "a local file" }, line: 2 }],
      output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
    },
    {
      name: "heredoc",
      code: "FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n",
      errors: [{ messageId: "useCopy", data: { source: "the heredoc <<EOF", what: "a local inline file" }, line: 2 }],
      output: "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n",
    },
    {
      name: "ONBUILD ADD",
      code: "FROM alpine:3.20\nONBUILD ADD ./requirements.txt /app/\n",
      errors: [{ messageId: "useCopy", line: 2, column: 9, endColumn: 12 }],
      output: "FROM alpine:3.20\nONBUILD COPY ./requirements.txt /app/\n",
    },
    {
      name: "lower-case keyword keeps its case",
      code: "from alpine:3.20\nadd app.py /app/\n",
      errors: [{ messageId: "useCopy", line: 2 }],
      output: "from alpine:3.20\ncopy app.py /app/\n",
    },
    {
      name: "every stage: a build stage too",
      code: "FROM golang:1.22 AS build\nADD go.mod go.sum ./\nFROM scratch\nCOPY --from=build /out /\n",
      errors: [{ messageId: "useCopy", data: { source: '"go.mod" and 1 more', what: "local files" }, line: 2 }],
      output: "FROM golang:1.22 AS build\nCOPY go.mod go.sum ./\nFROM scratch\nCOPY --from=build /out /\n",
    },
    {
      name: "a local file ADDed with an archive: move it out",
      code: "FROM scratch\nADD rootfs.tar.gz extra.conf /\n",
      errors: [{ messageId: "mixed", data: { source: '"extra.conf"', other: '"rootfs.tar.gz"' }, line: 2, column: 19, endColumn: 29 }],
    },
    {
      name: "escape directive: backslash paths",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nADD config\\app.json C:\\app\\\n",
      errors: [{ messageId: "useCopy", line: 3 }],
      output: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY config\\app.json C:\\app\\\n",
    },
    {
      name: "trivy's case: one of two ADDs",
      code: 'FROM alpine:3.13\nUSER mike\nADD "/target/resources.tar.gz" "resources.jar"\nADD "/target/app.jar" "app.jar"\n',
      errors: [{ messageId: "useCopy", data: { source: '"/target/app.jar"', what: "a local file" }, line: 4 }],
      output: 'FROM alpine:3.13\nUSER mike\nADD "/target/resources.tar.gz" "resources.jar"\nCOPY "/target/app.jar" "app.jar"\n',
    },
  ],
});
