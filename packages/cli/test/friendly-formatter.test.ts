/**
 * The friendly report, rendered by docklint (src/formatters/friendly.ts), against the report of
 * eslint-formatter-friendly 7.0.0 itself (friendly-oracle.mjs): byte for byte, with and without
 * colour, under each of the formatter's environment variables, on hand-made results and on a
 * sample of the corpus. And the reason it is rendered here: linear time in the findings of a file.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { builtinRules, lintText, listRules, type LintResult } from "@docklint/core";
import formatFriendly from "../src/formatters/friendly.js";
import { rulesMetaFor, type FormatterContext } from "../src/formatters/index.js";
import { oracleFriendly } from "./friendly-oracle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, "../../../../shared/corpus");
const CWD = "/project";

/** Every tenth file of each corpus kind, when ../shared is here. */
function corpusSample(): { filePath: string; text: string }[] {
  const sample: { filePath: string; text: string }[] = [];
  for (const kind of ["dockerfile", "compose"]) {
    const dir = path.join(CORPUS, kind);
    if (!fs.existsSync(dir)) continue;
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).sort();
    files.forEach((file, i) => {
      if (i % 10 === 0) sample.push({ filePath: path.join(CWD, kind, path.relative(dir, file)), text: fs.readFileSync(file, "utf8") });
    });
  }
  return sample;
}

const HANDMADE = [
  { filePath: `${CWD}/Dockerfile`, text: "from alpine:latest\nMAINTAINER me\nRUN apt-get install curl && \\\n  sudo rm -rf /var/lib/apt/lists/*\n\tRUN cd /x && wget http://x\n" },
  { filePath: `${CWD}/sub dir/Dockerfile.crlf`, text: "FROM ubuntu\r\nRUN apt-get update\r\nEXPOSE 22 99999\r\nCMD node app.js\r\n" },
  { filePath: `${CWD}/compose.yaml`, text: "services:\n  web:\n    image: nginx\n    privileged: true\n    ports: [\"80:80\", \"abc\"]\n" },
  { filePath: `${CWD}/bad.yaml`, text: "services:\n  web: [\n" },
  { filePath: `${CWD}/Dockerfile.unicode`, text: "FROM alpine:3.19\nRUN echo “quoted” – ok\u2028x\nUSER root\n" },
  { filePath: "relative/Dockerfile", text: "FROM debian\nRUN apt-get update\n" },
  { filePath: `${CWD}/daemon.json`, text: '{"icc": true, "live-restore": false}' },
];

async function resultsOf(files: readonly { filePath: string; text: string }[]): Promise<LintResult[]> {
  await import("@docklint/core/compose");
  await import("@docklint/core/daemon");
  return files.map(({ filePath, text }) => {
    const kind = filePath.endsWith(".json") ? "daemon" : /ya?ml$/.test(filePath) ? "compose" : "dockerfile";
    return { ...lintText(text, { filePath, kind, config: { extends: ["recommended"] } }), source: text };
  });
}

function contextFor(results: readonly LintResult[], color: boolean): FormatterContext {
  return { cwd: CWD, rulesMeta: rulesMetaFor(results, listRules(builtinRules)), color };
}

const ENVIRONMENTS: Record<string, Record<string, string>> = {
  default: {},
  "EFF_BY_ISSUE": { EFF_BY_ISSUE: "true" },
  "EFF_NO_SOURCE": { EFF_NO_SOURCE: "true" },
  "EFF_FILTER": { EFF_FILTER: "require-pinned-image" },
  "EFF_EDITOR_SCHEME": { EFF_EDITOR_SCHEME: "vscode://file/{file}:{line}:{column}" },
  "EFF_NO_GRAY and EFF_NO_LINK_RULES": { EFF_NO_GRAY: "true", EFF_NO_LINK_RULES: "true" },
  "EFF_ABSOLUTE_PATHS": { EFF_ABSOLUTE_PATHS: "true" },
};

const saved: Record<string, string | undefined> = {};
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
});

describe("the friendly report, against eslint-formatter-friendly's own", () => {
  for (const [name, env] of Object.entries(ENVIRONMENTS)) {
    it(`is the same, with and without colour (${name})`, async () => {
      for (const [key, value] of Object.entries(env)) {
        saved[key] = process.env[key];
        process.env[key] = value;
      }
      const results = await resultsOf(HANDMADE);
      for (const color of [false, true]) {
        const context = contextFor(results, color);
        expect(formatFriendly(results, context)).toBe(oracleFriendly(results, context));
      }
    });
  }

  it("is the same on every tenth corpus file, in one report", async (test) => {
    const sample = corpusSample();
    if (sample.length === 0) {
      test.skip(`../shared/corpus is not here (${CORPUS})`);
      return;
    }
    const results = await resultsOf(sample);
    expect(results.reduce((n, r) => n + r.messages.length, 0)).toBeGreaterThan(1000);
    for (const color of [false, true]) {
      const context = contextFor(results, color);
      expect(formatFriendly(results, context)).toBe(oracleFriendly(results, context));
    }
  });

  // @babel/highlight decides at load time whether code frames are coloured: a process with FORCE_COLOR.
  it("is the same with highlighted code frames (FORCE_COLOR=1), from the built formatter", () => {
    const script = `
      import { builtinRules, lintText, listRules } from "@docklint/core";
      import formatFriendly from "../dist/formatters/friendly.js";
      import { rulesMetaFor } from "../dist/formatters/index.js";
      import { oracleFriendly } from "./friendly-oracle.mjs";
      const files = ${JSON.stringify(HANDMADE.filter((f) => !/\.(ya?ml|json)$/.test(f.filePath)))};
      const results = files.map(({ filePath, text }) => ({ ...lintText(text, { filePath, kind: "dockerfile" }), source: text }));
      const context = { cwd: ${JSON.stringify(CWD)}, rulesMeta: rulesMetaFor(results, listRules(builtinRules)), color: true };
      const ours = formatFriendly(results, context);
      process.stdout.write(JSON.stringify({ same: ours === oracleFriendly(results, context), highlighted: /\\u001b\\[3[0-9]m/.test(ours.split("|").slice(1).join("|")) }));
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: here, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "1" } });
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual({ same: true, highlighted: true });
  });
});

describe("the friendly report's cost", () => {
  // Counted, not timed: the code frames highlight each file once, where eslint-formatter-friendly
  // (through @babel/code-frame) highlighted and split the whole file again for every message.
  it("highlights a file once, however many findings it has", async () => {
    const require = createRequire(import.meta.url);
    const fromCodeFrame = createRequire(createRequire(require.resolve("eslint-formatter-friendly")).resolve("@babel/code-frame"));
    const highlight = fromCodeFrame("@babel/highlight") as { default: (code: string) => string; shouldHighlight: () => boolean };
    const calls = vi.spyOn(highlight, "default");
    vi.spyOn(highlight, "shouldHighlight").mockReturnValue(true);
    try {
      const text = `FROM alpine:3.19\n${Array.from({ length: 2000 }, (_, i) => `RUN sudo echo ${i}`).join("\n")}\n`;
      const results = await resultsOf([{ filePath: `${CWD}/Dockerfile`, text }, { filePath: `${CWD}/other/Dockerfile`, text }]);
      expect(results[0]?.messages.length).toBeGreaterThan(2000);
      const report = formatFriendly(results, contextFor(results, false));
      expect(report).toContain("other/Dockerfile:2001:");
      expect(calls).toHaveBeenCalledTimes(2);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
