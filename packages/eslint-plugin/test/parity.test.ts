import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText, type FileKind } from "@docklint/core";
import "@docklint/core/compose";
import plugin, { servicesFor } from "../src/index.js";
import { filesUnder, sharedDir, skipMessage } from "../../core/test/support/shared.js";
import { asEslintFinding, finding, findingKey, MAJORS } from "./helpers.js";

const corpus = path.join(sharedDir, "corpus");
const hasCorpus = fs.existsSync(path.join(corpus, "dockerfile")) && fs.existsSync(path.join(corpus, "compose"));
if (!hasCorpus) console.warn(skipMessage("ESLint plugin parity on the shared corpus"));

/** Every n-th file, so that the sample spreads over all the corpus's repositories. */
function sample(files: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor(files.length / count));
  return files.filter((_, i) => i % step === 0).slice(0, count);
}

describe.skipIf(!hasCorpus)("parity with core's lintText on the shared corpus", () => {
  const dockerfiles = hasCorpus ? sample(filesUnder(path.join(corpus, "dockerfile")), 220) : [];
  const composeFiles = hasCorpus ? sample(filesUnder(path.join(corpus, "compose")), 130) : [];

  it.each(MAJORS)("ESLint $major: the plugin's findings equal core's on 350 files, rule for rule and position for position", async ({ ESLint }) => {
    expect(dockerfiles.length + composeFiles.length).toBeGreaterThanOrEqual(300);
    // Corpus names are flattened (`repo__path__Dockerfile`), so the configs match by folder here;
    // the shipped configs' own patterns are tested on real names elsewhere.
    const under = (folder: string) => (file: string) => file.startsWith(path.join(corpus, folder) + path.sep);
    // The corpus has no daemon.json folder: the daemon object keeps its own pattern, which matches nothing there.
    const config = plugin.configs.all.map((c) =>
      c.language === "docklint/daemon" ? c : { ...c, files: [under(c.language === "docklint/dockerfile" ? "dockerfile" : "compose")], ignores: [] },
    );
    const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: config as never });
    const mismatches: string[] = [];
    let findings = 0;
    let fatal = 0;
    const compare = async (file: string, kind: FileKind) => {
      const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      const core = lintText(text, { kind, filePath: file, config: { extends: ["all"] }, services: servicesFor(file, kind, { shellcheck: true }) });
      const expected = core.messages.map(asEslintFinding).map(findingKey).sort();
      const [result] = await eslint.lintText(text, { filePath: file });
      const actual = (result?.messages ?? []).map(finding).map(findingKey).sort();
      findings += actual.length;
      fatal += result?.fatalErrorCount ?? 0;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const missing = expected.filter((k) => !actual.includes(k));
        const extra = actual.filter((k) => !expected.includes(k));
        mismatches.push(`${path.relative(corpus, file)}\n  missing: ${missing.join("\n           ")}\n  extra:   ${extra.join("\n           ")}`);
      }
    };
    for (const file of dockerfiles) await compare(file, "dockerfile");
    for (const file of composeFiles) await compare(file, "compose");
    console.log(`parity (ESLint ${ESLint.version}): ${dockerfiles.length} Dockerfiles + ${composeFiles.length} Compose files, ${findings} findings, ${fatal} fatal, ${mismatches.length} mismatching files`);
    expect(findings).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe.skipIf(hasCorpus)("parity with core's lintText on the shared corpus", () => {
  it.skip(`skipped: ${corpus} is absent (set DOCKLINT_SHARED_DIR to the shared folder to run it)`, () => undefined);
});
