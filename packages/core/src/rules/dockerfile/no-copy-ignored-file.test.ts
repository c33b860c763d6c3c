import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-copy-ignored-file.js";

/** Services whose `.dockerignore` holds `text` (and, optionally, `Dockerfile.dockerignore`). */
function ignoring(text: string, own?: string): { readFile: (path: string) => string | undefined } {
  return { readFile: (path) => (path === ".dockerignore" ? text : path === "Dockerfile.dockerignore" ? own : undefined) };
}


/** The full message data of a finding. */
function found(keyword: string, source: string, pattern: string, line: number, path = source, file = ".dockerignore"): Record<string, string | number> {
  return { keyword, source, pattern, file, line, path };
}

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no file reader", code: "FROM scratch\nCOPY Dockerfile .\n" },
    { name: "no .dockerignore", code: "FROM scratch\nCOPY Dockerfile .\n", services: { readFile: () => undefined } },
    { name: "a path that is not ignored", code: "FROM scratch\nCOPY app.js /app/\n", services: ignoring("node_modules\n*.md\n") },
    { name: "a deeper file of the same name is not matched by a top-level pattern", code: "FROM scratch\nCOPY src/node_modules /x\n", services: ignoring("node_modules\n") },
    { name: "--from copies from a stage", code: "FROM scratch AS base\nCOPY a /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile\n", services: ignoring("foobar\n") },
    { name: "--from an image", code: "FROM scratch\nCOPY --from=alpine:3.20 /etc/passwd /\n", services: ignoring("etc\n") },
    { name: "exception patterns turn the check off", code: "FROM scratch\nCOPY ./Dockerfile .\n", services: ignoring("**\n!Dockerfile\n") },
    { name: "the root is fine for .* patterns", code: "FROM scratch\nCOPY . .\n", services: ignoring(".*\n") },
    { name: "the root is fine for ordinary patterns", code: "FROM scratch\nCOPY . /app\n", services: ignoring("node_modules\n.git\n") },
    { name: "URLs are fetched", code: "FROM scratch\nADD https://example.com/a.tar.gz /x\n", services: ignoring("**/*.gz\nhttps:\n") },
    { name: "git sources are fetched", code: "FROM scratch\nADD git@github.com:moby/buildkit.git /src\n", services: ignoring("git@github.com:moby\n") },
    { name: "heredoc sources are inline", code: "FROM scratch\nCOPY <<EOF /etc/app.conf\nx\nEOF\n", services: ignoring("EOF\n<<EOF\n") },
    { name: "an unresolved variable is not judged", code: "FROM scratch\nARG SRC\nCOPY $SRC /x\n", services: ignoring("secret\n") },
    { name: "ONBUILD runs in a child build, with its own context", code: "FROM scratch\nONBUILD COPY secret /x\n", services: ignoring("secret\n") },
    { name: "a glob whose directory is not ignored", code: "FROM scratch\nCOPY src/*.go /x/\n", services: ignoring("*.md\n") },
    { name: "comments and blank lines only", code: "FROM scratch\nCOPY a /x\n", services: ignoring("# a\n\n") },
    {
      name: "Dockerfile.dockerignore wins over .dockerignore",
      code: "FROM scratch\nCOPY secret /x\n",
      filePath: "Dockerfile",
      services: ignoring("secret\n", "other\n"),
    },
  ],
  invalid: [
    {
      name: "a Compose build context elsewhere: its root's .dockerignore (settings.buildContext)",
      code: "FROM scratch\nCOPY secret /x\n",
      filePath: "docker/Dockerfile",
      settings: { buildContext: ".." },
      services: { readFile: (path) => (path === "../.dockerignore" ? "secret\n" : undefined) },
      errors: [{ messageId: "ignored", data: found("COPY", "secret", "secret", 1, "secret", "../.dockerignore"), line: 2, column: 6 }],
    },
    {
      name: "COPY and ADD of an ignored file (BuildKit's own case)",
      code: "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
      services: ignoring("\nDockerfile\n"),
      errors: [
        { messageId: "ignored", data: found("COPY", "Dockerfile", "Dockerfile", 2), line: 3, column: 6, endColumn: 16 },
        { messageId: "ignored", data: found("ADD", "Dockerfile", "Dockerfile", 2), line: 4, column: 5, endColumn: 15 },
      ],
    },
    {
      name: "the context root under `*`",
      code: "FROM scratch\nCOPY . .\n",
      services: ignoring("*\n"),
      errors: [{ messageId: "ignored", data: found("COPY", ".", "*", 1), line: 2, column: 6, endColumn: 7 }],
    },
    {
      name: "the context root under `**/*`",
      code: "FROM scratch\nCOPY ./ /app\n",
      services: ignoring("**/*\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "./", "**/*", 1, "."), line: 2, column: 6, endColumn: 8 }],
    },
    {
      name: "a file inside an ignored directory, written with ./ and a leading slash",
      code: "FROM node:20\nCOPY ./node_modules/react /app/\nCOPY /build/out.js /app/\n",
      services: ignoring("/node_modules/\nbuild\n"),
      errors: [
        { messageId: "ignored", data: found("COPY", "./node_modules/react", "node_modules", 1, "node_modules/react"), line: 2, column: 6, endColumn: 26 },
        { messageId: "ignored", data: found("COPY", "/build/out.js", "build", 2, "build/out.js"), line: 3, column: 6, endColumn: 19 },
      ],
    },
    {
      name: "only the ignored source of several",
      code: "FROM scratch\nCOPY a.txt .env b.txt /x/\n",
      services: ignoring(".env\n"),
      errors: [{ messageId: "ignored", data: found("COPY", ".env", ".env", 1), line: 2, column: 12, endColumn: 16 }],
    },
    {
      name: "** patterns",
      code: "FROM scratch\nCOPY docs/guide/README.md /x\n",
      services: ignoring("**/*.md\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "docs/guide/README.md", "**/*.md", 1), line: 2, column: 6, endColumn: 26 }],
    },
    {
      name: "multi-stage: a build stage's COPY reads the same context",
      code: "FROM golang:1.22 AS build\nCOPY vendor/x /src/\nFROM scratch\nCOPY --from=build /src /src\n",
      services: ignoring("vendor\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "vendor/x", "vendor", 1), line: 2, column: 6, endColumn: 14 }],
    },
    {
      name: "exec form",
      code: 'FROM scratch\nCOPY ["secret.key", "/x/"]\n',
      services: ignoring("*.key\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "secret.key", "*.key", 1), line: 2, column: 7, endColumn: 19 }],
    },
    {
      name: "a variable resolved from ARG",
      code: "FROM scratch\nARG SRC=secrets\nCOPY ${SRC}/db.txt /x\n",
      services: ignoring("secrets\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "secrets/db.txt", "secrets", 1), line: 3, column: 6, endColumn: 19 }],
    },
    {
      name: "a heredoc and a context file in one COPY",
      code: "FROM scratch\nCOPY <<EOF secret /x/\nhello\nEOF\n",
      services: ignoring("secret\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "secret", "secret", 1), line: 2, column: 12, endColumn: 18 }],
    },
    {
      name: "a glob inside an ignored directory",
      code: "FROM scratch\nCOPY tmp/*.log /x/\n",
      services: ignoring("tmp\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "tmp/*.log", "tmp", 1), line: 2, column: 6, endColumn: 15 }],
    },
    {
      name: "a glob written exactly like a pattern",
      code: "FROM scratch\nCOPY *.log /x/\n",
      services: ignoring("*.log\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "*.log", "*.log", 1), line: 2, column: 6, endColumn: 11 }],
    },
    {
      name: "escape directive: backslash paths",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY bin\\Debug\\app.exe C:\\app\\\n",
      services: ignoring("bin/Debug\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "bin\\Debug\\app.exe", "bin/Debug", 1, "bin/Debug/app.exe"), line: 3, column: 6, endColumn: 23 }],
    },
    {
      name: "Dockerfile.dockerignore is read first",
      code: "FROM scratch\nCOPY other /x\n",
      filePath: "Dockerfile",
      services: ignoring("secret\n", "other\n"),
      errors: [{ messageId: "ignored", data: found("COPY", "other", "other", 1, "other", "Dockerfile.dockerignore"), line: 2, column: 6, endColumn: 11 }],
    },
    {
      name: "lower-case instructions",
      code: "from scratch\ncopy --chown=1:1 .git /x\n",
      services: ignoring(".git\n"),
      errors: [{ messageId: "ignored", data: found("COPY", ".git", ".git", 1), line: 2, column: 18, endColumn: 22 }],
    },
  ],
});
