import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-env-files.js";

/** The linted file is `compose.yaml`; these are the files beside it. */
const files: Record<string, string> = {
  "app.env": "# app\nexport A=1\nB: two\nC=\"multi\nline\"\nD='${literal'\nE=${A:-x} # note\nINHERITED\n",
  "raw.env": 'A="kept as written\nB=${C\n',
  "bad-name.env": "A=1\n\n$B=2\n",
  "bad-space.env": "Put your settings here\nA=1\n",
  "bad-quote.env": 'A=1\nB="abc\nC=2\n',
  "bad-template.env": "A=${B\n",
  "bad-raw.env": "A=1\n=orphan\n",
  "labels.txt": "com.example.team=web\n",
  "bad-labels.txt": "com.example.team web\n",
  "db/defaults.env": "B=2\n",
  "db/bad.env": "B='\n",
  "db/compose.yaml": "services:\n  db:\n    image: postgres:17\n",
};
const services = { readFile: (path: string) => files[path] };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "env files of every syntax compose-go reads",
      code: "services:\n  web:\n    image: x:1\n    env_file: app.env\n    label_file: labels.txt\n",
      services,
    },
    {
      name: "the long syntax with the formats docker compose knows",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - path: app.env\n        format: .env\n      - path: app.env\n        format: ''\n      - path: raw.env\n        format: raw\n",
      services,
    },
    {
      name: "a format from a variable without a default",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - path: raw.env\n        format: ${ENV_FORMAT}\n",
      services,
    },
    {
      name: "a missing env file is valid-file-references' matter",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - gone.env\n      - path: optional.env\n        required: false\n",
      services,
    },
    {
      name: "without a reader (stdin) no env file is read",
      code: "services:\n  web:\n    image: x:1\n    env_file: bad-name.env\n",
    },
    {
      name: "an include's env file that reads",
      code: "include:\n  - path: db/compose.yaml\n    env_file: db/defaults.env\n",
      services,
    },
  ],
  invalid: [
    {
      name: "an unknown format, without a reader too",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - path: app.env\n        format: dotenv\n",
      errors: [
        {
          messageId: "unknownFormat",
          message:
            "Service `web`'s `env_file` entry reads `app.env` with `format: dotenv`, which docker compose does not know (\"unsupported env_file format \"dotenv\"\"): it refuses the project as soon as it reads the file; remove `format` to read a `.env` file, or write `format: raw` to take each line as it is (as `docker run --env-file` does).",
          line: 6,
          column: 17,
          endColumn: 23,
        },
      ],
    },
    {
      name: "a format from a variable's default",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - path: app.env\n        format: ${FMT:-json}\n",
      errors: [{ messageId: "unknownFormat", data: { service: "web", path: "app.env", format: "${FMT:-json}", reason: 'unsupported env_file format "json"' }, line: 6 }],
    },
    {
      name: "a character a name cannot hold, at the entry naming the file",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - bad-name.env\n",
      services,
      errors: [
        {
          messageId: "syntax",
          message:
            "Service `web`'s `env_file` names `bad-name.env`, whose line 3 docker compose cannot read as a `.env` file (\"unexpected character \"$\" in variable name\"), so it refuses the project; write the name with letters, digits, `_`, `.`, `-`, `[` and `]` only, then `=` and the value (a comment line starts with `#`).",
          line: 5,
          column: 9,
          endColumn: 21,
        },
      ],
    },
    {
      name: "a sentence, an unclosed quote and an unclosed ${ (short syntax, long syntax's path)",
      code: "services:\n  web:\n    image: x:1\n    env_file: bad-space.env\n  api:\n    image: x:1\n    env_file:\n      - path: bad-quote.env\n        required: false\n      - path: bad-template.env\n",
      services,
      errors: [
        { messageId: "syntax", data: { subject: "Service `web`'s `env_file` names", path: "bad-space.env", line: "1", reader: "a `.env` file", reason: "key cannot contain a space", fix: "remove the blank from the name, or start the line with `#` if it is a comment" }, line: 4, column: 15 },
        { messageId: "syntax", data: { subject: "Service `api`'s `env_file` names", path: "bad-quote.env", line: "2", reader: "a `.env` file", reason: "unterminated quoted value", fix: "close the quote, or write a quote meant literally as `\\\"` (`\\'` in single quotes)" }, line: 8, column: 15 },
        { messageId: "syntax", data: { subject: "Service `api`'s `env_file` names", path: "bad-template.env", line: "1", reader: "a `.env` file", reason: "Invalid template", fix: "fix the `${…}` expression, or write a literal `$` as `$$` (or put the value in single quotes)" }, line: 10, column: 15 },
      ],
    },
    {
      name: "the raw format reads line by line: a line starting with `=`",
      code: "services:\n  web:\n    image: x:1\n    env_file:\n      - path: bad-raw.env\n        format: raw\n",
      services,
      errors: [{ messageId: "syntax", data: { subject: "Service `web`'s `env_file` names", path: "bad-raw.env", line: "2", reader: "a `raw` env file", reason: "no variable name on line", fix: "write a name before `=`, or start the line with `#` if it is a comment" }, line: 5 }],
    },
    {
      name: "a label file, and an include's env file",
      code: "include:\n  - path: db/compose.yaml\n    env_file: [db/defaults.env, db/bad.env]\nservices:\n  web:\n    image: x:1\n    label_file: bad-labels.txt\n",
      services,
      errors: [
        { messageId: "syntax", data: { subject: "`include`'s `env_file` names", path: "db/bad.env", line: "1", reader: "a `.env` file", reason: "unterminated quoted value", fix: "close the quote, or write a quote meant literally as `\\\"` (`\\'` in single quotes)" }, line: 3, column: 33 },
        { messageId: "syntax", data: { subject: "Service `web`'s `label_file` names", path: "bad-labels.txt", line: "1", reader: "a `.env` file", reason: "key cannot contain a space", fix: "remove the blank from the name, or start the line with `#` if it is a comment" }, line: 7, column: 17 },
      ],
    },
    {
      name: "one file named by two services: reported at each entry",
      code: "services:\n  web:\n    image: x:1\n    env_file: bad-name.env\n  api:\n    image: x:1\n    env_file: [./bad-name.env]\n",
      services,
      errors: [
        { messageId: "syntax", line: 4 },
        { messageId: "syntax", line: 7 },
      ],
    },
  ],
});

describe("the project's own .env", () => {
  const lint = (code: string, filePath: string, beside: Record<string, string>) =>
    lintText(code, { filePath, kind: "compose", config: { rules: { "valid-env-files": "error" } }, services: { readFile: (path: string) => beside[path] } }).messages;
  const code = "# the web tier\nservices:\n  web:\n    image: nginx:1.27\n";

  it("is read as docker compose reads it for interpolation, and a line it refuses is reported at the file's first line", () => {
    const messages = lint(code, "compose.yaml", { ".env": "TAG=1.27\nNOTE=\"unclosed\n" });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: "valid-env-files", line: 1, column: 1 });
    expect(messages[0]?.message).toContain("the project's environment file (read for interpolation before anything else) is `.env`, whose line 2");
    expect(messages[0]?.message).not.toContain("unclosed");
  });

  it("is checked from the file that starts the project, not from an override layered on it", () => {
    expect(lint(code, "compose.override.yaml", { "compose.yaml": code, ".env": "A=\"\n" })).toEqual([]);
  });

  it("of a file another one includes: its own directory's `.env` only when compose-go reads it", () => {
    const included = (entry: string) => ({ "../compose.yaml": `include:\n${entry}`, ".env": "A=\"\n" });
    // compose-go reads the entry's `env_file` instead, or the `.env` of the project directory (the root's own lint checks that one).
    expect(lint(code, "/repo/db/compose.yaml", included("  - path: db/compose.yaml\n    env_file: db/db.env\n"))).toEqual([]);
    expect(lint(code, "/repo/db/compose.yaml", included("  - path: db/compose.yaml\n    project_directory: .\n"))).toEqual([]);
    expect(lint(code, "/repo/db/compose.yaml", included("  - db/compose.yaml\n")).map((m) => m.line)).toEqual([1]);
  });

  it("named by an `env_file` entry too: reported once, at the entry", () => {
    const named = `${code}    env_file: [.env, ./app.env]\n`;
    const messages = lint(named, "compose.yaml", { ".env": "A=\"\n", "app.env": "B=\"\n" });
    expect(messages.map((m) => [m.line, m.column])).toEqual([
      [5, 16],
      [5, 22],
    ]);
    expect(messages[0]?.message).toContain("Service `web`'s `env_file` names `.env`, whose line 1");
    // Read as `raw`, the entry does not report what the project's reading refuses: both stay.
    const raw = `${code}    env_file:\n      - path: .env\n        format: raw\n`;
    expect(lint(raw, "compose.yaml", { ".env": "A=\"\n" }).map((m) => m.line)).toEqual([1]);
  });

  it("well formed, or absent: nothing", () => {
    expect(lint(code, "compose.yaml", { ".env": "# settings\nTAG=1.27\nexport NAME='web'\n" })).toEqual([]);
    expect(lint(code, "compose.yaml", {})).toEqual([]);
  });
});

describe("valid-env-files reads", () => {
  it("each env file once per lint, however many entries and rules ask", () => {
    const reads = new Map<string, number>();
    const readFile = (path: string): string | undefined => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return files[path];
    };
    const code = "services:\n  web:\n    image: x:1\n    env_file: [bad-name.env, app.env]\n  api:\n    image: x:1\n    env_file: bad-name.env\n";
    const result = lintText(code, {
      filePath: "compose.yaml",
      kind: "compose",
      config: { rules: { "valid-env-files": "error", "valid-file-references": "error" } },
      services: { readFile },
    });
    expect(result.messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(["valid-env-files:4", "valid-env-files:7"]);
    expect(reads.get("bad-name.env")).toBe(1);
    expect(reads.get("app.env")).toBe(1);
  });
});
