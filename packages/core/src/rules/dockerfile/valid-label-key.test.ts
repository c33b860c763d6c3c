import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-label-key.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\n',
    { name: "plain lower-case keys", code: 'FROM alpine:3.20\nLABEL maintainer="me@example.org" version=1.0 description="x"\n' },
    { name: "digits, dashes, underscores and slashes", code: 'FROM alpine:3.20\nLABEL org.valid-key.label3="foo" com.example/team_name=core\n' },
    { name: "quoted key", code: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME"\n' },
    { name: "legacy form", code: "FROM alpine:3.20\nLABEL description a web server\n" },
    { name: "key from a build argument", code: "FROM alpine:3.20\nARG NS\nLABEL ${NS}.version=1\n" },
    { name: "key from an ARG default", code: "FROM alpine:3.20\nARG NS=com.example\nLABEL ${NS}.version=1\n" },
    {
      name: "Docker Desktop extension labels, which Docker's docs require (portainer's extension image)",
      code: [
        "FROM alpine:3.20",
        'LABEL com.docker.desktop.extension.api.version=">= 0.2.2" \\',
        '      com.docker.desktop.extension.icon="https://example.com/icon.svg" \\',
        "      com.docker.extension.screenshots='[{\"alt\":\"home\",\"url\":\"https://example.com/1.png\"}]' \\",
        '      com.docker.extension.detailed-description="<p>Manage containers</p>" \\',
        '      com.docker.extension.publisher-url="https://example.com" \\',
        "      com.docker.extension.additional-urls='[{\"title\":\"Docs\",\"url\":\"https://example.com/docs\"}]' \\",
        '      com.docker.extension.changelog="<p>Fixes</p>" \\',
        "      com.docker.extension.account-info=required \\",
        "      com.docker.extension.categories=container-orchestration,utility-tools",
        "",
      ].join("\n"),
    },
  ],
  invalid: [
    {
      name: "LABEL MAINTAINER: the OCI key for it first (getsentry/self-hosted's jq)",
      code: "FROM alpine:3.20\nLABEL MAINTAINER=\"oss@sentry.io\"\n",
      errors: [{ messageId: "invalid", line: 2, suggestions: ['Rename the label to "org.opencontainers.image.authors", the OCI image spec\'s key for it', 'Rename the label to "maintainer"'] }],
    },
    {
      name: "reserved namespace",
      code: 'FROM alpine:3.20\nLABEL com.docker.label="foo"\n',
      errors: [{ messageId: "reserved", data: { key: "com.docker.label", prefix: "com.docker." }, line: 2, column: 7, endColumn: 23 }],
    },
    {
      name: "Compose's own labels stay reserved: Compose sets them",
      code: "FROM alpine:3.20\nLABEL com.docker.compose.project=shop\n",
      errors: [
        {
          messageId: "reserved",
          message: 'Label key "com.docker.compose.project" uses the "com.docker." namespace, which Docker reserves for its own labels; prefix it with a domain you own (e.g. `com.example.…`).',
          line: 2,
        },
      ],
    },
    {
      name: "a misspelt extension label: the documented key is suggested",
      code: "FROM alpine:3.20\nLABEL com.docker.extension.screenshot='[]' com.docker.desktop.extension.api-version=0.3.0 com.docker.extension.vendor=acme\n",
      errors: [
        {
          messageId: "unknownExtensionKey",
          message: 'Label key "com.docker.extension.screenshot" is not one of the Docker Desktop extension labels, so Docker Desktop ignores it; did you mean "com.docker.extension.screenshots"?',
          line: 2,
          column: 7,
          endColumn: 38,
          suggestions: ['Rename the label to "com.docker.extension.screenshots"'],
        },
        { messageId: "unknownExtensionKey", data: { key: "com.docker.desktop.extension.api-version", suggestion: "com.docker.desktop.extension.api.version" }, line: 2 },
        { messageId: "reserved", data: { key: "com.docker.extension.vendor", prefix: "com.docker." }, line: 2 },
      ],
    },
    { name: "io.docker.", code: 'LABEL io.docker.label="foo"\n', errors: [{ messageId: "reserved", data: { key: "io.docker.label", prefix: "io.docker." }, line: 1 }] },
    { name: "org.dockerproject.", code: 'LABEL org.dockerproject.label="foo"\n', errors: [{ messageId: "reserved", line: 1 }] },
    {
      name: "upper-case letters",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL Description="IIS" Vendor="Microsoft"\n',
      errors: [
        { messageId: "invalid", data: { key: "Description", problem: "has upper-case letters" }, line: 2, column: 7, endColumn: 18, suggestions: ['Rename the label to "org.opencontainers.image.description", the OCI image spec\'s key for it', 'Rename the label to "description"'] },
        { messageId: "invalid", data: { key: "Vendor", problem: "has upper-case letters" }, line: 2, column: 25, endColumn: 31, suggestions: ['Rename the label to "org.opencontainers.image.vendor", the OCI image spec\'s key for it', 'Rename the label to "vendor"'] },
      ],
    },
    {
      name: "a character outside the allowed set",
      code: 'LABEL invalid$character="foo"\n',
      errors: [{ messageId: "invalid", data: { key: "invalid$character", problem: 'contains "$"' }, line: 1, column: 7, endColumn: 24, suggestions: ['Rename the label to "invalid-character"'] }],
    },
    {
      name: "starts with a dot (legacy form with a blank before =)",
      code: 'LABEL .invalid ="foo"\n',
      errors: [{ messageId: "invalid", data: { key: ".invalid", problem: "does not start with a lower-case letter" }, line: 1, column: 7, endColumn: 15, suggestions: ['Rename the label to "invalid"'] }],
    },
    { name: "starts with a dash", code: 'LABEL -invalid="foo"\n', errors: [{ messageId: "invalid", line: 1 }] },
    { name: "starts with a digit", code: 'LABEL 1invalid="foo"\n', errors: [{ messageId: "invalid", data: { key: "1invalid", problem: "does not start with a lower-case letter" }, line: 1 }] },
    { name: "ends with a dot", code: 'FROM alpine:3.20\nLABEL com.example.="foo"\n', errors: [{ messageId: "invalid", data: { key: "com.example.", problem: "does not end with a lower-case letter or digit" }, line: 2 }] },
    {
      name: "consecutive separators",
      code: 'LABEL invalid..character="foo" invalid--character="bar"\n',
      errors: [
        { messageId: "invalid", data: { key: "invalid..character", problem: 'has consecutive "." separators' }, line: 1, column: 7 },
        { messageId: "invalid", data: { key: "invalid--character", problem: 'has consecutive "-" separators' }, line: 1, column: 32 },
      ],
    },
    {
      name: "ONBUILD LABEL",
      code: "FROM alpine:3.20\nONBUILD LABEL Team=core\n",
      errors: [{ messageId: "invalid", line: 2, column: 15, endColumn: 19 }],
    },
    {
      name: "every stage",
      code: "FROM alpine:3.20 AS build\nLABEL BUILD_ID=1\nFROM alpine:3.20\nLABEL ok=1\n",
      errors: [{ messageId: "invalid", data: { key: "BUILD_ID", problem: "has upper-case letters" }, line: 2, suggestions: ['Rename the label to "build_id"'] }],
    },
    {
      name: "continued LABEL",
      code: "FROM alpine:3.20\nLABEL a=1 \\\n      Maintainer=me\n",
      errors: [{ messageId: "invalid", line: 3, column: 7, endColumn: 17 }],
    },
    {
      name: "escape directive",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL Version="10" `\n      vendor=ms\n',
      errors: [{ messageId: "invalid", data: { key: "Version", problem: "has upper-case letters" }, line: 3, column: 7, endColumn: 14 }],
    },
    {
      name: "key from an ENV value",
      code: "FROM alpine:3.20\nENV NS=Com.Example\nLABEL ${NS}.version=1\n",
      errors: [{ messageId: "invalid", data: { key: "Com.Example.version", problem: "has upper-case letters" }, line: 3, suggestions: [] }],
    },
  ],
});
