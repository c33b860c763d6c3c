import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { builtinRules, listRules, type RuleInfo } from "@docklint/core";
import { Marked, type Tokens } from "marked";
import type { Plugin } from "vite";

/** Where the repository's other docs live, for links from a rule page to a page that is not a rule. */
const REPOSITORY_DOCS = "https://github.com/docklint/docklint/blob/main/docs/";
const KIND_LABELS: Record<string, string> = { dockerfile: "Dockerfile", compose: "Compose", daemon: "daemon.json" };

export interface RulePage {
  /** Path inside the site, e.g. `rules/no-add-url.html`. */
  fileName: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A link in a rule page: another rule's page (`no-add-url.md#why`) stays in the site; other docs
 * (`../configuration.md`) point to the repository, since the site carries only rule pages.
 */
export function rewriteDocLink(href: string, ruleIds: ReadonlySet<string>): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) return href;
  const rule = /^(?:\.\/)?([\w-]+)\.md(#.*)?$/.exec(href);
  if (rule?.[1] !== undefined && ruleIds.has(rule[1])) return `${rule[1]}.html${rule[2] ?? ""}`;
  const normalized = href.replace(/^\.\//, "");
  return normalized.startsWith("../") ? REPOSITORY_DOCS + normalized.slice(3) : `${REPOSITORY_DOCS}rules/${normalized}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · docklint</title>
<link rel="stylesheet" href="docs.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="site-header"><a href="../index.html">docklint playground</a><a href="index.html">Rules</a></header>
<main class="doc">
${body}
</main>
</body>
</html>
`;
}

function indexPage(rules: readonly RuleInfo[]): string {
  const rows = rules
    .map((rule) => {
      const kinds = rule.kinds.map((k) => KIND_LABELS[k] ?? k).join(", ");
      const search = [rule.id, rule.description, kinds, rule.category, ...rule.presets].join(" ").toLowerCase();
      return `<tr data-search="${escapeHtml(search)}"><td><a href="${rule.id}.html">${rule.id}</a></td><td>${escapeHtml(kinds)}</td><td>${rule.category}</td><td>${rule.severity}</td><td>${escapeHtml(rule.description)}</td></tr>`;
    })
    .join("\n");
  // A dozen lines of script, inline, so the page needs no bundle of its own.
  const script = `<script>
const input = document.getElementById("rule-search");
const rows = [...document.querySelectorAll("#rule-index tbody tr")];
const count = document.getElementById("rule-count");
function filter() {
  const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown = 0;
  for (const row of rows) {
    const hit = words.every((w) => row.dataset.search.includes(w));
    row.hidden = !hit;
    if (hit) shown++;
  }
  count.textContent = shown + " of " + rows.length + " rules";
}
// A query in the address wins; otherwise what was typed before this script ran is kept and applied.
const query = new URLSearchParams(location.search).get("q");
if (query !== null) input.value = query;
input.addEventListener("input", filter);
filter();
</script>`;
  return page(
    "Rules",
    `<h1>Rules</h1>
<p><input id="rule-search" type="search" placeholder="Search rules: id, kind, category, words of the description" autofocus aria-label="Search rules"> <span id="rule-count"></span></p>
<table id="rule-index"><thead><tr><th>Rule</th><th>Kinds</th><th>Category</th><th>Default</th><th>What it checks</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${script}`,
  );
}

const DOC_CSS = `body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1d2430;background:#fff}
.site-header{display:flex;gap:1.5rem;padding:.7rem 1.5rem;background:#16202e}
.site-header a{color:#fff;text-decoration:none;font-weight:600}
.doc{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
.doc pre{background:#f4f6f8;padding:.8rem;overflow:auto;border-radius:4px}
.doc code{font:13px/1.45 ui-monospace,monospace}
.doc table{border-collapse:collapse}
.doc td,.doc th{border:1px solid #d5dbe1;padding:.3rem .6rem;vertical-align:top;text-align:left}
#rule-search{width:32rem;max-width:100%;padding:.4rem;font-size:15px}
`;

/** Every rule page, the searchable index and their style sheet, rendered from `docs/rules/*.md`. */
export function renderRuleDocs(docsDir: string): RulePage[] {
  const rules = listRules(builtinRules);
  const ruleIds = new Set(rules.map((r) => r.id));
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === "link") (token as Tokens.Link).href = rewriteDocLink((token as Tokens.Link).href, ruleIds);
    },
  });
  const pages: RulePage[] = [];
  // docs/rules/README.md is the repository's rule table; the site has its searchable index instead.
  for (const file of readdirSync(docsDir).filter((f) => f.endsWith(".md") && ruleIds.has(f.slice(0, -3))).sort()) {
    const id = file.slice(0, -3);
    const markdown = readFileSync(join(docsDir, file), "utf8");
    pages.push({ fileName: `rules/${id}.html`, html: page(id, marked.parse(markdown, { async: false })) });
  }
  pages.push({ fileName: "rules/index.html", html: indexPage(rules) });
  pages.push({ fileName: "rules/docs.css", html: DOC_CSS });
  return pages;
}

/** Emits the rule documentation into the site at build time and serves it in `vite dev`. */
export function ruleDocs(docsDir: string): Plugin {
  let pages: Map<string, string> | undefined;
  const load = (): Map<string, string> => (pages ??= new Map(renderRuleDocs(docsDir).map((p) => [p.fileName, p.html])));
  return {
    name: "docklint:rule-docs",
    buildStart() {
      for (const file of readdirSync(docsDir)) this.addWatchFile(join(docsDir, file));
    },
    generateBundle() {
      for (const [fileName, source] of load()) this.emitFile({ type: "asset", fileName, source });
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? "").split("?")[0]?.replace(/^\//, "") ?? "";
        const body = load().get(path === "rules/" || path === "rules" ? "rules/index.html" : path);
        if (body === undefined) return next();
        response.setHeader("content-type", path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
        response.end(body);
      });
    },
  };
}
