import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-oom-kill-disable.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  db:\n    image: postgres:16\n",
    { name: "explicitly false", code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: false\n" },
    { name: "string false", code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: \"false\"\n" },
    { name: "interpolated default false", code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: ${OOM_KILL_DISABLE:-false}\n" },
    { name: "unset variable", code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: ${OOM_KILL_DISABLE}\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "layers: the memory limit the override file gives the service makes it the milder finding",
      code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: true\n",
      filePath: "/repo/compose.yaml",
      services: { readFile: (path: string) => (path === "compose.override.yaml" ? "services:\n  db:\n    mem_limit: 1g\n" : undefined) },
      errors: [{ messageId: "withLimit", line: 4 }],
    },
    {
      name: "without a memory limit, at the value",
      code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: true\n",
      errors: [
        {
          messageId: "noLimit",
          line: 4,
          column: 23,
          endColumn: 27,
          message:
            "Service `db` disables the OOM killer (`oom_kill_disable: true`) and has no memory limit: when the host runs out of memory the kernel must kill host processes instead of this container's; remove `oom_kill_disable`, or at least set `mem_limit` (or `deploy.resources.limits.memory`).",
        },
      ],
    },
    {
      name: "with mem_limit",
      code: "services:\n  db:\n    image: postgres:16\n    mem_limit: 512m\n    oom_kill_disable: true\n",
      errors: [{ messageId: "withLimit", data: { service: "db", value: "true" }, line: 5, column: 23 }],
    },
    {
      name: "with deploy.resources.limits.memory",
      code: "services:\n  db:\n    image: postgres:16\n    oom_kill_disable: true\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n",
      errors: [{ messageId: "withLimit", line: 4 }],
    },
    {
      name: "memory limit from an unset variable counts as a limit",
      code: "services:\n  db:\n    image: postgres:16\n    mem_limit: ${DB_MEMORY}\n    oom_kill_disable: true\n",
      errors: [{ messageId: "withLimit", line: 5 }],
    },
    {
      name: "mem_limit 0 is no limit",
      code: "services:\n  db:\n    image: postgres:16\n    mem_limit: 0\n    oom_kill_disable: true\n",
      errors: [{ messageId: "noLimit", line: 5 }],
    },
    {
      // compose-go's toBoolean: true, yes, on, y in any case (not 1, which it refuses).
      name: "string and interpolated true",
      code: "services:\n  a:\n    image: x\n    oom_kill_disable: \"true\"\n  b:\n    image: x\n    oom_kill_disable: ${OOM:-On}\n",
      errors: [
        { messageId: "noLimit", data: { service: "a", value: "true" }, line: 4 },
        { messageId: "noLimit", data: { service: "b", value: "${OOM:-On}" }, line: 7 },
      ],
    },
    {
      name: "partial service: its limit may be in the base file",
      code: "services:\n  db:\n    oom_kill_disable: true\n",
      errors: [{ messageId: "withLimit", line: 3 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-db: &db\n  oom_kill_disable: true\nservices:\n  db:\n    <<: *db\n    image: postgres:16\n",
      errors: [{ messageId: "noLimit", line: 5, column: 5, endColumn: 12 }],
    },
  ],
});

describe("no-oom-kill-disable levels", () => {
  it("lowers the finding to info when a memory limit is set", () => {
    const result = lintText("services:\n  a:\n    image: x\n    oom_kill_disable: true\n  b:\n    image: x\n    mem_limit: 1g\n    oom_kill_disable: true\n", {
      kind: "compose",
      rules: [rule],
      config: { rules: { "no-oom-kill-disable": "warn" } },
    });
    expect(result.messages.map((m) => [m.messageId, m.level])).toEqual([
      ["noLimit", "warning"],
      ["withLimit", "info"],
    ]);
  });
});
