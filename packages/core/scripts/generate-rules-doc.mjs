#!/usr/bin/env node
// Writes docs/rules/README.md, the rule index, from the built rules' meta (run after `pnpm build`).
// `--check` exits 1 when the committed index is out of date.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { builtinRules, listRules } = await import(join(root, "packages/core/dist/index.js"));
const rules = listRules(builtinRules);
const categories = ["security", "correctness", "best-practice", "maintainability", "style"];
const peers = (refs) =>
  Object.entries(refs)
    .filter(([, ids]) => ids.length > 0)
    .map(([peer, ids]) => `${peer}: ${ids.map((id) => (peer === "kics" ? id.slice(0, 8) : id)).join(", ")}`)
    .join("; ");
const lines = [
  "# Rules",
  "",
  "Generated from the rules' meta by `packages/core/scripts/generate-rules-doc.mjs`; `docklint rules --format json` prints the same data.",
  "",
  `${rules.length} rules. ✅ in \`recommended\`, 🔒 in \`strict\` only, 🔧 fixable, 💡 has suggestions. KICS query ids are shortened to their first 8 characters.`,
  "",
];
for (const category of categories) {
  const inCategory = rules.filter((r) => r.category === category);
  if (inCategory.length === 0) continue;
  lines.push(`## ${category}`, "", "| rule | | severity | description | peers |", "|---|---|---|---|---|");
  for (const r of inCategory) {
    const badges = [
      r.presets.includes("recommended") ? "✅" : r.presets.includes("strict") ? "🔒" : "",
      r.fixable ? "🔧" : "",
      r.hasSuggestions ? "💡" : "",
    ].join("");
    lines.push(`| [${r.id}](${r.id}.md) | ${badges} | ${r.severity} | ${r.description.replace(/\|/g, "\\|")} | ${peers(r.references).replace(/\|/g, "\\|")} |`);
  }
  lines.push("");
}
const text = lines.join("\n");
const target = join(root, "docs/rules/README.md");
if (process.argv.includes("--check")) {
  if (!existsSync(target) || readFileSync(target, "utf8") !== text) {
    console.error("docs/rules/README.md is out of date: run `node packages/core/scripts/generate-rules-doc.mjs` after `pnpm build`.");
    process.exit(1);
  }
} else writeFileSync(target, text);
