import { describe, it } from "vitest";
import plugin from "../src/index.js";
import { MAJORS } from "./helpers.js";

type Tester = InstanceType<(typeof MAJORS)[number]["RuleTester"]>;
type RuleArg = Parameters<Tester["run"]>[1];
const rule = (id: string) => plugin.rules[id] as unknown as RuleArg;

const DIGEST = `sha256:${"a".repeat(64)}`;

describe.each(MAJORS)("ESLint $major RuleTester", ({ RuleTester }) => {
  // RuleTester drives vitest's describe/it.
  RuleTester.describe = describe;
  RuleTester.it = it;
  RuleTester.itOnly = it.only;

  const dockerfile = new RuleTester({ plugins: { docklint: plugin }, language: "docklint/dockerfile" } as never);
  const compose = new RuleTester({ plugins: { docklint: plugin }, language: "docklint/compose" } as never);
  const daemon = new RuleTester({ plugins: { docklint: plugin }, language: "docklint/daemon" } as never);

  dockerfile.run("no-maintainer", rule("no-maintainer"), {
    valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\n'],
    invalid: [
      {
        code: "FROM alpine:3.20\nMAINTAINER me\n",
        output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\n',
        errors: [{ message: /^MAINTAINER is deprecated/, line: 2, column: 1, endLine: 2, endColumn: 11 }],
      },
    ],
  });

  dockerfile.run("no-sudo", rule("no-sudo"), {
    valid: ["FROM alpine:3.20\nRUN id\n", "FROM alpine:3.20\n# eslint-disable-next-line rule-to-test/no-sudo\nRUN sudo id\n"],
    invalid: [{ code: "FROM alpine:3.20\nRUN sudo ls\n", output: null, errors: [{ message: /^`sudo` in a RUN/, line: 2, column: 5, endLine: 2, endColumn: 9 }] }],
  });

  dockerfile.run("require-no-install-recommends", rule("require-no-install-recommends"), {
    valid: ["FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7.88\n"],
    invalid: [
      {
        code: "FROM debian:12\nRUN apt-get install -y curl=7.88\n",
        output: null,
        errors: [
          {
            message: /^`apt-get install` also installs/,
            line: 2,
            column: 5,
            suggestions: [
              {
                desc: "Add `--no-install-recommends` after `install` (then install what you need explicitly, e.g. ca-certificates).",
                output: "FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7.88\n",
              },
            ],
          },
        ],
      },
    ],
  });

  dockerfile.run("require-pinned-image", rule("require-pinned-image"), {
    valid: ["FROM ubuntu:22.04\n", { code: `FROM ubuntu:22.04@${DIGEST}\n`, options: [{ requireDigest: true }] }],
    invalid: [
      { code: "FROM ubuntu:22.04\n", options: [{ requireDigest: true }], errors: [{ message: /pinned by tag only/, line: 1, column: 6, endLine: 1, endColumn: 18 }] },
      { code: "FROM ubuntu\n", errors: [{ message: /has no tag/, line: 1, column: 6 }] },
    ],
  });

  dockerfile.run("directives", rule("directives"), {
    valid: ["FROM alpine:3.20\n", "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n", "FROM alpine:3.20\n# docklint-disable-next-line no-sudo\nRUN sudo id\n"],
    invalid: [
      { code: "# check=error=maybe\nFROM alpine:3.20\n", errors: [{ message: 'Invalid "# check=" directive: error="maybe" is not a boolean; the build rejects it.', line: 1, column: 1 }] },
      {
        code: "FROM alpine:3.20\n# docklint-disable-next-line not-a-rule\nRUN id\n",
        errors: [{ message: /^Unknown rule "not-a-rule" in a docklint-disable-next-line comment/, line: 2, column: 30, endLine: 2, endColumn: 40 }],
      },
    ],
  });

  compose.run("directives", rule("directives"), {
    valid: ["services:\n  web:\n    # docklint-disable-next-line no-privileged\n    privileged: true\n"],
    invalid: [{ code: "services:\n  web:\n    # docklint-disable-next-line nope\n    image: nginx:1.27\n", errors: [{ message: /^Unknown rule "nope"/, line: 3, column: 34, endLine: 3, endColumn: 38 }] }],
  });

  compose.run("no-privileged", rule("no-privileged"), {
    valid: ["services:\n  web:\n    image: nginx:1.27\n"],
    invalid: [{ code: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n", errors: [{ message: /^Service `web` runs privileged/, line: 4, column: 17, endLine: 4, endColumn: 21 }] }],
  });

  compose.run("require-pinned-image", rule("require-pinned-image"), {
    valid: ["services:\n  web:\n    image: nginx:1.27\n"],
    invalid: [{ code: "services:\n  web:\n    image: nginx:1.27\n", options: [{ requireDigest: true }], errors: [{ message: /^Service `web` pins image `nginx:1.27` by tag only/, line: 3, column: 12 }] }],
  });

  daemon.run("no-aufs-storage-driver", rule("no-aufs-storage-driver"), {
    valid: ['{\n  "storage-driver": "overlay2"\n}\n', "{}\n"],
    invalid: [
      {
        code: '{\n  "storage-driver": "aufs"\n}\n',
        output: null,
        errors: [{ message: /^`"storage-driver": "aufs"` selects aufs/, line: 2, column: 21, endLine: 2, endColumn: 27 }],
      },
    ],
  });

  daemon.run("valid-daemon-config", rule("valid-daemon-config"), {
    valid: ['{\n  "icc": false\n}\n'],
    invalid: [{ code: '{\n  "icc": "false"\n}\n', output: null, errors: [{ message: /^`icc` must be a boolean/, line: 2, column: 10, endLine: 2, endColumn: 17 }] }],
  });

  daemon.run("require-no-new-privileges", rule("require-no-new-privileges"), {
    valid: ['{\n  "no-new-privileges": true\n}\n'],
    invalid: [{ code: "{}\n", output: null, errors: [{ message: /no-new-privileges/, line: 1, column: 1, endLine: 1, endColumn: 2 }] }],
  });
});
