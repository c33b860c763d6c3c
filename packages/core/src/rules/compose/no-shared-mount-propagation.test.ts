import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-shared-mount-propagation.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n",
    { name: "private propagation", code: "services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n        bind:\n          propagation: rprivate\n" },
    { name: "SELinux relabel and other modes", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data:z\n      - ./cache:/cache:ro,Z\n      - ./x:/x:cached\n      - data:/var/lib/data:nocopy\nvolumes:\n  data: {}\n" },
    { name: "a path that merely contains the word", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./shared:/shared\n      - /mnt/rshared:/data:ro\n" },
    { name: "bind options without propagation", code: "services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n        bind:\n          create_host_path: true\n" },
    { name: "unset variable in the mode", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data:${MODE}\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "long syntax shared, at the propagation value",
      code: "services:\n  agent:\n    image: x\n    volumes:\n      - type: bind\n        source: /var/lib/kubelet\n        target: /var/lib/kubelet\n        bind:\n          propagation: shared\n",
      errors: [
        {
          messageId: "shared",
          line: 9,
          column: 24,
          endColumn: 30,
          message:
            "Service `agent` mounts `/var/lib/kubelet` with `shared` propagation: mounts made inside the container under `/var/lib/kubelet` appear on the host and in every container sharing it, so a compromised container can mount over host paths; remove `shared` to keep the default `rprivate`.",
        },
      ],
    },
    {
      name: "short syntax rshared, at the entry",
      code: "services:\n  agent:\n    image: x\n    volumes:\n      - /mnt/data:/data:rshared\n",
      errors: [{ messageId: "shared", data: { service: "agent", source: "/mnt/data", target: "/data", mode: "rshared" }, line: 5, column: 9, endColumn: 32 }],
    },
    {
      name: "short syntax with ro and rshared",
      code: "services:\n  agent:\n    image: x\n    volumes:\n      - \"/mnt/data:/data:ro,rshared\"\n",
      errors: [{ messageId: "shared", data: { service: "agent", source: "/mnt/data", target: "/data", mode: "rshared" }, line: 5, column: 9 }],
    },
    {
      name: "slave propagation (KICS flags it too)",
      code: "services:\n  backup:\n    image: x\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rslave\n",
      errors: [{ messageId: "slave", data: { service: "backup", source: "/mnt", target: "/mnt", mode: "rslave" }, line: 9, column: 24 }],
    },
    {
      name: "short syntax slave",
      code: "services:\n  backup:\n    image: x\n    volumes:\n      - /media:/media:slave\n",
      errors: [{ messageId: "slave", line: 5, column: 9 }],
    },
    {
      name: "interpolation default",
      code: "services:\n  agent:\n    image: x\n    volumes:\n      - /mnt/data:/data:${PROPAGATION:-shared}\n",
      errors: [{ messageId: "shared", data: { service: "agent", source: "/mnt/data", target: "/data", mode: "shared" }, line: 5 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-mnt: &mnt\n  volumes:\n    - /mnt:/mnt:rshared\nservices:\n  agent:\n    <<: *mnt\n    image: x\n",
      errors: [{ messageId: "shared", line: 6, column: 5, endColumn: 13 }],
    },
    {
      name: "anchored long-syntax entry: at the alias",
      code: "x-vol: &vol\n  type: bind\n  source: /mnt\n  target: /mnt\n  bind:\n    propagation: shared\nservices:\n  agent:\n    image: x\n    volumes:\n      - *vol\n",
      errors: [{ messageId: "shared", line: 11, column: 9, endColumn: 13 }],
    },
    {
      name: "one finding per entry",
      code: "services:\n  agent:\n    image: x\n    volumes:\n      - /a:/a:shared\n      - ./b:/b\n      - /c:/c:rslave\n",
      errors: [
        { messageId: "shared", line: 5 },
        { messageId: "slave", line: 7 },
      ],
    },
  ],
});

describe("no-shared-mount-propagation levels", () => {
  it("reports slave propagation at level info, shared at the configured level", () => {
    const result = lintText("services:\n  a:\n    image: x\n    volumes:\n      - /a:/a:rslave\n      - /b:/b:rshared\n", {
      kind: "compose",
      rules: [rule],
      config: { rules: { "no-shared-mount-propagation": "error" } },
    });
    expect(result.messages.map((m) => [m.messageId, m.level])).toEqual([
      ["slave", "info"],
      ["shared", "error"],
    ]);
  });
});
