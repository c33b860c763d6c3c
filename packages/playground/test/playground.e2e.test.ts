import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { lintText, type FileKind, type LintOptions } from "@docklint/core";
import "@docklint/core/compose";
import "@docklint/core/daemon";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, playgroundDir } from "./support/build-site.js";
import { serveDirectory, type StaticServer } from "./support/static-server.js";

/** Debian's Chromium (installed by .ci/run); never a browser downloaded by Playwright. */
const chromiumPath = process.env["DOCKLINT_CHROMIUM"] ?? "/usr/bin/chromium";
const skip = existsSync(chromiumPath)
  ? undefined
  : `playground e2e: skipped, because Chromium is not at ${chromiumPath} (Debian: apt-get install chromium, or set DOCKLINT_CHROMIUM)`;
/** Set to write the screenshots under docs/playground/ (kept out of ordinary runs so the PNGs do not churn). */
const screenshotDir = process.env["DOCKLINT_PLAYGROUND_SCREENSHOTS"] ? join(playgroundDir, "..", "..", "docs", "playground") : undefined;

const PASTED = `FROM ubuntu:latest
MAINTAINER Jane <jane@example.com>
RUN apt-get update && apt-get install -y curl
COPY app.sh /usr/local/bin/app.sh
CMD /usr/local/bin/app.sh
`;

interface ShownFinding {
  rule: string;
  position: string;
}

async function shownFindings(page: Page): Promise<ShownFinding[]> {
  return page.$$eval("#findings .finding", (items) =>
    items.map((item) => ({ rule: (item as HTMLElement).dataset["rule"] ?? "", position: item.querySelector(".position")?.textContent ?? "" })),
  );
}

async function editorText(page: Page): Promise<string> {
  return page.$$eval(".cm-content .cm-line", (lines) => lines.map((line) => line.textContent ?? "").join("\n"));
}

/** What core itself reports for a text, in the list's `line:column–endLine:endColumn` form. */
function expectedFindings(text: string, config?: LintOptions["config"], kind: FileKind = "dockerfile"): ShownFinding[] {
  const filePath = { dockerfile: "Dockerfile", compose: "compose.yaml", daemon: "daemon.json" }[kind];
  return lintText(text, { kind, filePath, config }).messages.map((m) => ({
    rule: m.ruleId ?? "",
    position: `${m.line}:${m.column}–${m.endLine}:${m.endColumn}`,
  }));
}

async function paste(page: Page, text: string): Promise<void> {
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  // A real paste event with clipboard data, as a user's Ctrl+V delivers it to CodeMirror.
  await page.$eval(
    ".cm-content",
    (content, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    text,
  );
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector("body[data-saved='true']");
  await page.waitForFunction(() => document.querySelector("#findings")?.hasAttribute("data-count"));
}

describe.skipIf(skip !== undefined)("playground in headless Chromium", () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  let composeChunk: string;

  beforeAll(async () => {
    site = buildSite();
    const manifest = JSON.parse(readFileSync(join(site, ".vite", "manifest.json"), "utf8")) as Record<string, { file: string }>;
    composeChunk = Object.entries(manifest).find(([source]) => source.endsWith("core/dist/compose/index.js"))?.[1].file ?? "";
    server = await serveDirectory(site);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  async function freshPage(url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(url);
    await settled(page);
    expect(errors).toEqual([]);
    return page;
  }

  it("lints a pasted Dockerfile at exact ranges, applies a fix, and a shared link reproduces the state", async () => {
    const requested: string[] = [];
    const page = await freshPage(server.url);
    page.on("request", (request) => requested.push(request.url()));

    await paste(page, PASTED);
    // The sample shown before the paste has findings too: wait for the pasted file's.
    await expect.poll(() => shownFindings(page), { timeout: 10_000 }).toEqual(expectedFindings(PASTED));
    await settled(page);
    expect(await page.textContent("#detected")).toBe("detected: Dockerfile");
    const underlined = await page.$$eval(".cm-lintRange", (ranges) => ranges.map((r) => r.textContent));
    expect(underlined).toEqual(expect.arrayContaining(["MAINTAINER", "apt-get update", "latest"]));
    if (screenshotDir) await page.screenshot({ path: join(screenshotDir, "dockerfile.png") });

    await page.click("#findings .finding[data-rule='no-maintainer'] button.apply-fix");
    await page.waitForFunction(() => !document.querySelector("#findings .finding[data-rule='no-maintainer']"));
    const fixed = PASTED.replace("MAINTAINER Jane <jane@example.com>", 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"');
    expect(await editorText(page)).toBe(fixed.trimEnd() + "\n");

    await page.click("#rules-panel summary");
    await page.uncheck("#rule-toggles input[data-rule='require-pinned-image']");
    const config = { extends: ["recommended"], rules: { "require-pinned-image": "off" as const } };
    await expect.poll(() => shownFindings(page), { timeout: 10_000 }).toEqual(expectedFindings(fixed, config));
    await settled(page);
    expect(JSON.parse((await page.textContent("#config-json")) ?? "")).toEqual(config);
    const findings = await shownFindings(page);
    // Nothing of the Compose support was downloaded for a Dockerfile.
    expect(requested.filter((url) => url.endsWith(composeChunk))).toEqual([]);

    const shared = page.url();
    expect(shared).toMatch(/#z\./);
    const reopened = await freshPage(shared);
    expect(await editorText(reopened)).toBe(await editorText(page));
    expect(await shownFindings(reopened)).toEqual(findings);
    expect(await reopened.textContent("#config-json")).toBe(await page.textContent("#config-json"));
    expect(await reopened.inputValue("#kind")).toBe(await page.inputValue("#kind"));
    await reopened.context().close();
    await page.context().close();
  });

  it("loads the Compose and daemon.json samples with their languages on demand", async () => {
    const page = await freshPage(server.url);
    const chunk = page.waitForRequest((request) => request.url().endsWith(composeChunk));
    await page.selectOption("#sample", "insecure-compose");
    await chunk;
    await expect.poll(() => page.textContent("#detected"), { timeout: 10_000 }).toBe("detected: Compose");
    await settled(page);
    const sample = readFileSync(join(playgroundDir, "..", "..", "examples", "insecure", "stack", "docker-compose.yml"), "utf8");
    expect(await shownFindings(page)).toEqual(expectedFindings(sample, undefined, "compose"));
    if (screenshotDir) await page.screenshot({ path: join(screenshotDir, "compose.png") });

    // A suggestion is applied with a click, like a fix.
    await page.click("#findings .finding[data-rule='require-port-host-ip'] button.apply-suggestion");
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('"127.0.0.1:80:80"');

    await page.selectOption("#sample", "insecure-daemon");
    await expect.poll(() => page.textContent("#detected"), { timeout: 10_000 }).toBe("detected: daemon.json");
    const daemon = readFileSync(join(playgroundDir, "..", "..", "examples", "insecure", "daemon", "daemon.json"), "utf8");
    await expect.poll(() => shownFindings(page), { timeout: 10_000 }).toEqual(expectedFindings(daemon, undefined, "daemon"));
    await page.context().close();
  });

  it("opens a rule's page from a finding, and the rule index searches", async () => {
    const page = await freshPage(server.url);
    await page.click("#findings .finding[data-rule='no-maintainer'] a.rule");
    await page.waitForURL(/rules\/no-maintainer\.html$/);
    expect(await page.textContent("h1")).toBe("no-maintainer");
    if (screenshotDir) await page.screenshot({ path: join(screenshotDir, "rule-page.png") });

    await page.click("header a[href='index.html']");
    // The index's script runs at the end of the page: typing before it has run raced it (CI, a slow machine).
    await page.waitForURL(/rules\/index\.html$/, { waitUntil: "load" });
    await page.fill("#rule-search", "maintainer");
    const visibleRules = (): Promise<(string | null)[]> => page.$$eval("#rule-index tbody tr:not([hidden]) a", (links) => links.map((a) => a.textContent));
    await expect.poll(visibleRules, { timeout: 10_000 }).not.toContain("no-privileged");
    expect(await visibleRules()).toContain("no-maintainer");
    if (screenshotDir) {
      await page.fill("#rule-search", "compose secret");
      await page.screenshot({ path: join(screenshotDir, "rule-index.png") });
    }
    await page.context().close();
  });
});

if (skip) {
  describe("playground in headless Chromium", () => {
    it.skip(skip, () => undefined);
  });
}
