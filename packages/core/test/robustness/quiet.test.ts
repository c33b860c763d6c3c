/**
 * Linting writes nothing but its results: no process warning, which Node prints to standard error
 * beside the report. yaml logs that way, and did for Compose's own `!reset` and `!override` tags in
 * a file that includes the linted one, and for a collection used as a key under `--fix`.
 */
import { describe, expect, it } from "vitest";
import { lintChecked } from "./harness.js";

describe("no process warnings", () => {
  it("an including Compose file with Compose's tags (`!reset`, `!override`), an unknown tag and an unknown directive", () => {
    const included = "services:\n  b:\n    image: y:1\n    depends_on: [a]\n";
    const including = "%FOO bar\n---\ninclude:\n  - app/compose.yaml\nservices:\n  a:\n    image: x:1\n    ports: !reset []\n    environment: !override\n      A: !custom 1\n";
    // Paths are relative to the linted file's directory, app/.
    const files: Record<string, string> = { "compose.yaml": included, "../compose.yaml": including };
    const { problems, result } = lintChecked(included, "compose", { filePath: "/project/app/compose.yaml", services: { readFile: (path) => files[path] } });
    expect(problems).toEqual([]);
    // The including file was read: the service it defines is known.
    expect(result?.messages.filter((m) => m.message.includes("`a`")).map((m) => m.ruleId)).not.toContain("no-undefined-service");
  });

  it("a collection as a key, with the fixes that compare a file's plain values before and after", () => {
    const text = "services:\n  a:\n    networks: [n]\n    image: x:1\n    depends_on:\n      ? [a, b]\n      :\n        condition: service_started\n    labels:\n      ? {k: v}\n      : 1\nnetworks:\n  n: {}\n";
    expect(lintChecked(text, "compose", { fix: true }).problems).toEqual([]);
  });
});
