import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-label-values.js";

const settings = {
  labelSchema: {
    title: "text",
    "org.opencontainers.image.source": "url",
    "org.opencontainers.image.created": "rfc3339",
    "org.opencontainers.image.licenses": "spdx",
    "org.opencontainers.image.revision": "hash",
    "org.opencontainers.image.version": "semver",
    maintainer: "email",
  },
};
const label = (key: string, value: string) => ({ code: `FROM alpine:3.20\nLABEL ${key}=${value}\n`, settings });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no schema: the rule does nothing", code: 'FROM alpine:3.20\nLABEL maintainer=""\n' },
    { name: "labels outside the schema", ...label("other", '""') },
    { name: "text", ...label("title", '"My app"') },
    { name: "url", ...label("org.opencontainers.image.source", "https://github.com/acme/app") },
    { name: "url with port, query and fragment", ...label("org.opencontainers.image.source", '"http://example.com:8080/a/b?x=1#top"') },
    { name: "url of another scheme", ...label("org.opencontainers.image.source", "git+ssh://git@github.com/acme/app.git") },
    { name: "rfc3339 with fraction and offset", ...label("org.opencontainers.image.created", '"2021-03-10T10:26:33.564595127+01:00"') },
    { name: "rfc3339 UTC", ...label("org.opencontainers.image.created", "2024-02-29T23:59:60Z") },
    { name: "spdx id", ...label("org.opencontainers.image.licenses", '"BSD-3-Clause"') },
    { name: "spdx id, other case", ...label("org.opencontainers.image.licenses", "apache-2.0") },
    { name: "spdx expression", ...label("org.opencontainers.image.licenses", '"(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0"') },
    { name: "spdx or-later suffix", ...label("org.opencontainers.image.licenses", "GPL-2.0+") },
    { name: "spdx LicenseRef", ...label("org.opencontainers.image.licenses", "LicenseRef-ACME-Proprietary") },
    {
      name: "spdx id added by the extraLicenses option",
      code: "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=Glulxe\n",
      settings,
      options: { extraLicenses: ["Glulxe"] },
    },
    { name: "short git hash", ...label("org.opencontainers.image.revision", "2dbfae9") },
    { name: "long git hash", ...label("org.opencontainers.image.revision", "43c572f1272b6b3171dd1db9e41b7027128ce080") },
    { name: "semver with pre-release and build", ...label("org.opencontainers.image.version", "2.0.1-rc.1+build.5") },
    { name: "semver", ...label("org.opencontainers.image.version", '"1.0.0"') },
    { name: "email", ...label("maintainer", '"abcd@google.com"') },
    { name: "email with a display name", ...label("maintainer", '"Jane Doe <jane.doe+ops@example.co.uk>"') },
    { name: "value from a build argument without default", code: "FROM alpine:3.20\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE\n", settings },
    { name: "value from an ARG default", code: "FROM alpine:3.20\nARG VERSION=1.2.3\nLABEL org.opencontainers.image.version=${VERSION}\n", settings },
    { name: "unknown type is text", code: 'FROM alpine:3.20\nLABEL a="x"\n', settings: { labelSchema: { a: "number" } } },
  ],
  invalid: [
    {
      name: "empty",
      code: 'FROM alpine:3.20\nLABEL title=""\n',
      settings,
      errors: [{ messageId: "empty", data: { key: "title", type: "text" }, line: 2, column: 13, endColumn: 15 }],
    },
    {
      name: "empty without quotes",
      code: "FROM alpine:3.20\nLABEL maintainer=\n",
      settings,
      errors: [{ messageId: "empty", data: { key: "maintainer", type: "email" }, line: 2, column: 7, endColumn: 17 }],
    },
    {
      name: "empty from an ARG default",
      code: 'FROM alpine:3.20\nARG REV=""\nLABEL org.opencontainers.image.revision="${REV}"\n',
      settings,
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "not a URL",
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="not-url"\n',
      settings,
      errors: [{ messageId: "url", data: { key: "org.opencontainers.image.source", value: "not-url" }, line: 2, column: 39, endColumn: 48, suggestions: [] }],
    },
    {
      name: "URL without scheme: suggestion",
      ...label("org.opencontainers.image.source", "github.com/acme/app"),
      errors: [{ messageId: "url", line: 2, suggestions: ['Write "https://github.com/acme/app"'] }],
    },
    { name: "http URL without host", ...label("org.opencontainers.image.source", "https:///path"), errors: [{ messageId: "url", line: 2 }] },
    { name: "URL with a space", ...label("org.opencontainers.image.source", '"https://example.com/a b"'), errors: [{ messageId: "url", line: 2 }] },
    { name: "not a date", ...label("org.opencontainers.image.created", '"not-date"'), errors: [{ messageId: "rfc3339", data: { key: "org.opencontainers.image.created", value: "not-date" }, line: 2 }] },
    { name: "date without time", ...label("org.opencontainers.image.created", "2024-05-01"), errors: [{ messageId: "rfc3339", line: 2 }] },
    { name: "date without offset", ...label("org.opencontainers.image.created", "2024-05-01T12:00:00"), errors: [{ messageId: "rfc3339", line: 2 }] },
    { name: "February 30th", ...label("org.opencontainers.image.created", "2023-02-29T12:00:00Z"), errors: [{ messageId: "rfc3339", line: 2 }] },
    {
      name: "not SPDX",
      ...label("org.opencontainers.image.licenses", '"not-spdx"'),
      errors: [{ messageId: "spdx", data: { key: "org.opencontainers.image.licenses", value: "not-spdx" }, line: 2, suggestions: [] }],
    },
    {
      name: "a common license name: suggestion",
      ...label("org.opencontainers.image.licenses", '"Apache License 2.0"'),
      errors: [{ messageId: "spdx", line: 2, column: 41, endColumn: 61, suggestions: ['Write "Apache-2.0"'] }],
    },
    { name: "mixed-case operators", ...label("org.opencontainers.image.licenses", '"MIT or Apache-2.0 AND ISC"'), errors: [{ messageId: "spdx", line: 2 }] },
    { name: "dangling operator", ...label("org.opencontainers.image.licenses", '"MIT OR"'), errors: [{ messageId: "spdx", line: 2 }] },
    { name: "unknown exception", ...label("org.opencontainers.image.licenses", '"GPL-2.0-only WITH Foo-exception"'), errors: [{ messageId: "spdx", line: 2 }] },
    { name: "not a git hash", ...label("org.opencontainers.image.revision", '"not-git-hash"'), errors: [{ messageId: "hash", line: 2, suggestions: [] }] },
    { name: "too short", ...label("org.opencontainers.image.revision", "2dbfae"), errors: [{ messageId: "hash", line: 2 }] },
    {
      name: "upper-case hash: suggestion",
      ...label("org.opencontainers.image.revision", "2DBFAE9"),
      errors: [{ messageId: "hash", line: 2, suggestions: ['Write "2dbfae9"'] }],
    },
    { name: "not semver", ...label("org.opencontainers.image.version", '"not-sem-ver"'), errors: [{ messageId: "semver", line: 2 }] },
    { name: "two components", ...label("org.opencontainers.image.version", "1.2"), errors: [{ messageId: "semver", line: 2 }] },
    { name: "leading zero", ...label("org.opencontainers.image.version", "1.02.3"), errors: [{ messageId: "semver", line: 2 }] },
    {
      name: "leading v: suggestion",
      ...label("org.opencontainers.image.version", "v2.11.2"),
      errors: [{ messageId: "semver", data: { key: "org.opencontainers.image.version", value: "v2.11.2" }, line: 2, suggestions: ['Write "2.11.2"'] }],
    },
    {
      name: "semver from an ARG default: no suggestion (the value is not written here)",
      code: "FROM alpine:3.20\nARG V=v1.0.0\nLABEL org.opencontainers.image.version=$V\n",
      settings,
      errors: [{ messageId: "semver", data: { key: "org.opencontainers.image.version", value: "v1.0.0" }, line: 3, suggestions: [] }],
    },
    { name: "not an email", ...label("maintainer", '"not-email"'), errors: [{ messageId: "email", data: { key: "maintainer", value: "not-email" }, line: 2 }] },
    { name: "email without domain dot", ...label("maintainer", "me@localhost"), errors: [{ messageId: "email", line: 2 }] },
    { name: "a name and a URL", ...label("maintainer", '"Jane https://example.com"'), errors: [{ messageId: "email", line: 2 }] },
    {
      name: "ONBUILD LABEL, every stage, and a continued LABEL",
      code: 'FROM alpine:3.20 AS build\nLABEL title=""\nFROM alpine:3.20\nONBUILD LABEL a=1 \\\n  maintainer=nobody\n',
      settings,
      errors: [
        { messageId: "empty", line: 2 },
        { messageId: "email", line: 5, column: 14, endColumn: 20 },
      ],
    },
    {
      name: "escape directive: suggestion quotes with the file's escape character",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.version="v1.0.0"\n',
      settings,
      errors: [{ messageId: "semver", line: 3, suggestions: ['Write "1.0.0"'] }],
    },
  ],
});
