import { describe, expect, it } from "vitest";
import { lintText } from "../linter.js";
import "./index.js";
import { parseDaemon } from "./parse.js";
import { daemonLanguage } from "./language.js";

function model(text: string) {
  const result = parseDaemon(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.model;
}

describe("parseDaemon", () => {
  it("keeps the range of every key and value", () => {
    const text = '{\n  "icc": false,\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],\n  "log-opts": { "max-size": "10m" }\n}\n';
    const m = model(text);
    expect(m.root.members.map((member) => member.key)).toEqual(["icc", "hosts", "log-opts"]);
    const hosts = m.get("hosts");
    expect(hosts && text.slice(...hosts.keyRange)).toBe('"hosts"');
    expect(hosts?.value.type).toBe("array");
    if (hosts?.value.type !== "array") return;
    const second = hosts.value.items[1];
    expect(second && text.slice(...second.range)).toBe('"tcp://0.0.0.0:2376"');
    expect(second && m.source.positionAt(second.range[0])).toEqual({ line: 3, column: 44 });
    expect(m.anchor).toEqual([0, 1]);
  });

  it("keeps duplicate keys and answers get() with the last one, as dockerd does", () => {
    const m = model('{"icc": true, "icc": false}');
    expect(m.root.members).toHaveLength(2);
    expect(m.get("icc")?.value).toMatchObject({ type: "boolean", value: false });
  });

  it("keeps the text of numbers (Go refuses 3.0 for an integer field)", () => {
    expect(model('{"mtu": 3.0}').get("mtu")?.value).toMatchObject({ type: "number", value: 3, text: "3.0" });
  });

  it("reads an empty file as {} (dockerd starts with its defaults)", () => {
    const m = model("  \n");
    expect(m.empty).toBe(true);
    expect(m.root.members).toEqual([]);
    expect(m.anchor).toEqual([0, 0]);
  });

  it("accepts a byte order mark and keeps offsets those of the file", () => {
    const text = '\uFEFF{"icc": false}';
    const m = model(text);
    expect(m.anchor).toEqual([1, 2]);
    const icc = m.get("icc");
    expect(icc && text.slice(...icc.value.range)).toBe("false");
  });

  it.each([
    ['{\n  "icc": false,\n}\n', 3, 1, /Unexpected token RBrace/],
    ['{\n  // comment\n  "icc": false\n}\n', 2, 3, /Unexpected character '\/'/],
    ['{\n  "icc": tru\n}\n', 2, 10, /Unexpected identifier 'tru'/],
    ["{'icc': false}", 1, 2, /Unexpected character/],
    ['{"icc": false', 1, 14, /Unexpected end of input/],
    ['{"a": 1} {"b": 2}', 1, 10, /Unexpected/],
    // Found by the long fuzz run: momoa points past the CR it quotes, between the CR and the LF.
    ["false\\\r\nfalse", 1, 7, /Unexpected character '\\r'/],
  ])("a syntax error is a parse error with line and column: %j", (text, line, column, message) => {
    const result = parseDaemon(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line, column });
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain(`at line ${line}, column ${column}`);
  });

  it.each([
    ["[]", "an array"],
    ['"x"', "a string"],
    ["null", "null"],
    ["42", "a number"],
  ])("a top level that is not an object is a parse error: %s", (text, what) => {
    const result = parseDaemon(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`holds ${what}`);
  });

  it("a file nested too deeply is an error, not a crash", () => {
    const result = parseDaemon(`{"a": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nested too deeply/);
  });

  it("statementAfter gives the lines of the member at or after a line", () => {
    const m = model('{\n  "log-opts": {\n    "max-size": "10m"\n  },\n  "icc": false\n}\n');
    expect(daemonLanguage.statementAfter(m, 2)).toEqual({ startLine: 2, endLine: 4 });
    expect(daemonLanguage.statementAfter(m, 3)).toEqual({ startLine: 3, endLine: 3 });
    expect(daemonLanguage.statementAfter(m, 5)).toEqual({ startLine: 5, endLine: 5 });
    expect(daemonLanguage.statementAfter(m, 6)).toBeUndefined();
    expect(daemonLanguage.comments(m)).toEqual([]);
  });
});

describe("lintText on daemon.json", () => {
  it("is detected by name and reports a syntax error as one fatal message", () => {
    const result = lintText('{\n  "icc": false,\n}\n', { filePath: "/etc/docker/daemon.json" });
    expect(result.kind).toBe("daemon");
    expect(result.fatalErrorCount).toBe(1);
    expect(result.messages[0]).toMatchObject({ fatal: true, line: 3, column: 1 });
    expect(result.messages[0]?.message).toMatch(/^Parsing error: daemon.json is not valid JSON/);
  });

  it("runs the daemon rules of the recommended preset", () => {
    const result = lintText('{\n  "insecure-registries": ["registry.internal:5000"],\n  "log-opts": {"max-size": "10m"}\n}\n', { filePath: "daemon.json" });
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-insecure-registries", 2, 27]]);
  });
});
