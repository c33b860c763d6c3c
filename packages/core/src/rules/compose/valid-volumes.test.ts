import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-volumes.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
const volumes = (...entries: string[]): string => service(`    volumes:\n${entries.map((entry) => `      - ${entry}\n`).join("")}`);
const EMPTY_SECTION = { error: "empty section between colons", hint: "remove the extra `:`" };
const TOO_MANY = { error: "too many colons", hint: "separate the modes with commas, not colons (`./data:/data:ro,z`)" };
const short = (entry: string, problem: typeof EMPTY_SECTION, evaluated = "") => ({ service: "web", entry, evaluated, ...problem });
const twice = (path: string, key: string, entry: string, otherKey: string, other: string, name = "web") => ({ service: name, path, key, entry, otherKey, other });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "volumes and tmpfs under !reset, which compose-go drops on load (no mount of `null`)", code: "services:\n  web:\n    image: nginx:1.27\n    volumes: !reset null\n    tmpfs: !reset null\n" },
    {
      name: "every short form compose-go reads",
      code: volumes(
        "/data",
        "db:/var/lib/db",
        "./conf:/etc/conf:ro,z",
        "./conf:/etc/conf:rw,nocopy,rshared",
        // Unknown modes are ignored by compose-go, not refused.
        "./conf:/etc/conf:readonly",
        "~/x:/x",
        "'C:\\data:/data:ro'",
        "'\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine'",
        // A one-letter section before a `:` is a Windows drive, wherever it is.
        "./a:c::ro",
        "/a:/b:c:d",
        "ab",
        "':a'",
        "${DATA:-./data}:/data",
        "${DATA:-./a:/b}:/data",
        "${ROOT}::/data",
      ),
    },
    {
      name: "long syntax",
      code: service(
        "    volumes:\n      - type: volume\n        target: /anonymous\n      - type: bind\n        source: ./data\n        target: /data\n      - type: tmpfs\n        target: /tmp\n      - type: ${KIND}\n        target: /x\n",
      ),
    },
    { name: "a target through a merge key", code: "x-t: &t\n  target: /data\nservices:\n  web:\n    image: nginx:1.27\n    volumes:\n      - <<: *t\n        type: volume\n" },
    { name: "a volume with the target of another volume: merged, not refused", code: volumes("a:/data", "b:/data", "./c:/data/", "type: volume\n        target: /data") },
    { name: "the same tmpfs twice, or with the same key before `=`: merged", code: service("    tmpfs:\n      - /run\n      - /run\n      - /cache:size=1m\n      - /cache:size=2m\n") },
    { name: "a long target with a trailing slash is not cleaned", code: service("    tmpfs: /cache\n    volumes:\n      - type: volume\n        source: c\n        target: /cache/\n") },
    { name: "unknown tmpfs paths: no guess", code: service("    tmpfs:\n      - ${RUN}\n      - /run\n    volumes:\n      - ${V}:/run\n") },
    { name: "inherited through extends: checked in the base service", code: "services:\n  base:\n    image: nginx:1.27\n    volumes:\n      - type: volume\n        source: d\n        target: /d\n  web:\n    extends: base\n" },
    { name: "numbers and null are valid-schema's", code: volumes("80", "null") },
  ],
  invalid: [
    {
      name: "43: an empty section, at the entry",
      code: volumes("./data::/data"),
      errors: [
        {
          messageId: "short",
          line: 5,
          column: 9,
          endColumn: 22,
          message:
            "Service `web` mounts `./data::/data`, which docker compose cannot read as a volume (\"empty section between colons\"); remove the extra `:`: the short syntax is `[source:]target[:mode]`, e.g. `./data:/data:ro`.",
        },
      ],
    },
    {
      name: "44: modes separated by a colon",
      code: volumes("./data:/data:ro:z"),
      errors: [{ messageId: "short", line: 5, column: 9, data: short("./data:/data:ro:z", TOO_MANY) }],
    },
    {
      name: "45: an empty entry",
      code: volumes('""'),
      errors: [
        {
          messageId: "empty",
          line: 5,
          column: 9,
          message:
            "Service `web` has an empty `volumes` entry, which docker compose refuses (\"invalid empty volume spec\"); remove it, or write `[source:]target[:mode]`, e.g. `./data:/data:ro`.",
        },
      ],
    },
    {
      name: "empty once interpolated",
      code: volumes("${DATA:-}"),
      errors: [{ messageId: "empty", line: 5, data: { service: "web", evaluated: " (`${DATA:-}`, empty once interpolated)" } }],
    },
    {
      name: "empty sections at either end, and a fourth part",
      code: volumes('":/data"', '"./data:/data:"', '"./a:/b:ro:"', "/a:/b:ro:d"),
      errors: [
        { messageId: "short", line: 5, data: short(":/data", EMPTY_SECTION) },
        { messageId: "short", line: 6, data: short("./data:/data:", EMPTY_SECTION) },
        { messageId: "short", line: 7, data: short("./a:/b:ro:", TOO_MANY) },
        { messageId: "short", line: 8, data: short("/a:/b:ro:d", TOO_MANY) },
      ],
    },
    {
      name: "the interpolated default is what counts",
      code: volumes("${DATA:-./data}::/data"),
      errors: [{ messageId: "short", line: 5, data: short("${DATA:-./data}::/data", EMPTY_SECTION, " (`./data::/data` once interpolated)") }],
    },
    {
      name: "47: a bind mount without source, at its type",
      code: service("    volumes:\n      - type: bind\n        target: /data\n"),
      errors: [
        {
          messageId: "bindWithoutSource",
          line: 5,
          column: 15,
          endColumn: 19,
          message:
            "Service `web` has a `type: bind` volume without `source`, which docker compose refuses (`invalid mount config for type \"bind\": field Source must not be empty`); add `source:` with the host path, or use `type: volume` for an anonymous volume.",
        },
      ],
    },
    {
      name: "48: a long entry without target, at the entry",
      code: service("    volumes:\n      - type: volume\n        source: data\nvolumes:\n  data: {}\n"),
      errors: [
        {
          messageId: "noTarget",
          line: 5,
          column: 9,
          message:
            "Service `web` has a long-syntax `volumes` entry without `target`, which docker compose refuses (\"service volume … is missing a mount target\"); add `target:` with the path in the container.",
        },
      ],
    },
    {
      name: "both faults of one entry",
      code: service("    volumes:\n      - type: bind\n        read_only: true\n"),
      errors: [
        { messageId: "noTarget", line: 5, column: 9 },
        { messageId: "bindWithoutSource", line: 5, column: 15 },
      ],
    },
    {
      name: "27: a volume at a tmpfs path, at the volume",
      code: service("    tmpfs:\n      - /cache\n    volumes:\n      - cache:/cache\nvolumes:\n  cache: {}\n"),
      errors: [
        {
          messageId: "mountedTwice",
          line: 7,
          column: 9,
          message:
            "Service `web` mounts `/cache` twice, with the `volumes` entry `cache:/cache` and the `tmpfs` entry `/cache`, which docker compose refuses (\"target /cache already mounted\"); remove one of them or mount it elsewhere.",
        },
      ],
    },
    {
      name: "84: two tmpfs entries at one path with different keys, at the later",
      code: service("    tmpfs:\n      - /run\n      - /run:size=64m\n"),
      errors: [{ messageId: "mountedTwice", line: 6, column: 9, data: twice("/run", "tmpfs", "/run:size=64m", "tmpfs", "/run") }],
    },
    {
      name: "a short target is cleaned; a string tmpfs; a long tmpfs volume",
      code: service("    tmpfs: /cache\n    volumes:\n      - ./c:/cache/\n      - type: tmpfs\n        target: /cache\n"),
      errors: [{ messageId: "mountedTwice", line: 7, column: 9, data: twice("/cache", "volumes", "target: /cache", "tmpfs", "/cache") }],
    },
    {
      name: "a tmpfs path from extends and a volume of the service: at the service's volume",
      code: "services:\n  base:\n    image: nginx:1.27\n    tmpfs: [/run]\n  web:\n    extends: base\n    volumes:\n      - ./r:/run\n",
      errors: [{ messageId: "mountedTwice", line: 8, column: 9, data: twice("/run", "volumes", "./r:/run", "tmpfs", "/run") }],
    },
    {
      name: "an anchored entry shared by two services: once, where it is written",
      code: 'x-v: &v "./a::/b"\nservices:\n  a:\n    image: nginx:1.27\n    volumes: [*v]\n  b:\n    image: nginx:1.27\n    volumes: [*v]\n',
      errors: [{ messageId: "short", line: 1, column: 9, data: { ...short("./a::/b", EMPTY_SECTION), service: "a" } }],
    },
  ],
});
