import "./style.css";
import { builtinRules, type Fix, type LintMessage } from "@docklint/core";
import { forceLinting, type Action, type Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { DEFAULT_PLAYGROUND_CONFIG, configFileText, enabledRuleIds, withRule } from "./config.js";
import { createEditor } from "./editor.js";
import { KIND_LABELS, effectiveKind, fixAll, lint, messageRange, type Linted } from "./linting.js";
import { SAMPLES } from "./samples.js";
import { decodeState, encodeState, type KindChoice, type PlaygroundState } from "./state.js";

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const ui = {
  sample: byId<HTMLSelectElement>("sample"),
  kind: byId<HTMLSelectElement>("kind"),
  detected: byId("detected"),
  preset: byId<HTMLSelectElement>("preset"),
  share: byId<HTMLButtonElement>("share"),
  notice: byId("notice"),
  editor: byId("editor"),
  summary: byId("summary"),
  fixAll: byId<HTMLButtonElement>("fix-all"),
  findings: byId<HTMLOListElement>("findings"),
  ruleCount: byId("rule-count"),
  ruleFilter: byId<HTMLInputElement>("rule-filter"),
  ruleToggles: byId<HTMLUListElement>("rule-toggles"),
  configJson: byId("config-json"),
  copyConfig: byId<HTMLButtonElement>("copy-config"),
};

const documentedRules = new Set(builtinRules.map((r) => r.meta.id));
const defaultSample = SAMPLES[0];

function docHref(ruleId: string): string | undefined {
  return documentedRules.has(ruleId) ? `rules/${ruleId}.html` : undefined;
}

function showNotice(text: string | undefined): void {
  ui.notice.hidden = text === undefined;
  ui.notice.textContent = text ?? "";
}

const fromHash = location.hash.length > 1 ? await decodeState(location.hash) : undefined;
if (location.hash.length > 1 && !fromHash) showNotice("This link's state could not be read (it may be cut short); the default sample is shown instead.");
let kindChoice: KindChoice = fromHash?.kind ?? "auto";
let config = fromHash?.config ?? DEFAULT_PLAYGROUND_CONFIG;
let lastLint: { doc: Text; linted: Linted } | undefined;

const editor = createEditor({
  parent: ui.editor,
  text: fromHash?.text ?? defaultSample?.text ?? "",
  lint: lintView,
  onChange: saveState,
});
// The first lint need not wait for the typing debounce.
forceLinting(editor.view);

/** Edits made with the findings of an older text would land in the wrong place: apply only to the linted one. */
function applyFix(doc: Text, fix: Fix): void {
  const view = editor.view;
  if (view.state.doc !== doc) return;
  view.dispatch({ changes: { from: fix.range[0], to: fix.range[1], insert: fix.text }, userEvent: "input.fix", scrollIntoView: true });
  view.focus();
}

function actionsOf(doc: Text, message: LintMessage): Action[] {
  const actions: Action[] = [];
  const fix = message.fix;
  if (fix) actions.push({ name: "Fix", apply: () => applyFix(doc, fix) });
  for (const suggestion of message.suggestions ?? []) actions.push({ name: suggestion.desc, apply: () => applyFix(doc, suggestion.fix) });
  return actions;
}

function toDiagnostic(doc: Text, message: LintMessage): Diagnostic {
  const { from, to } = messageRange(doc, message);
  const diagnostic: Diagnostic = {
    from,
    to,
    severity: message.level === "warning" ? "warning" : message.level,
    source: message.ruleId ?? "docklint",
    message: message.message,
    actions: actionsOf(doc, message),
  };
  const href = message.ruleId === null ? undefined : docHref(message.ruleId);
  if (href) {
    diagnostic.renderMessage = () => element("span", {}, message.message, " ", element("a", { href, textContent: "(docs)" }));
  }
  return diagnostic;
}

async function lintView(view: EditorView): Promise<readonly Diagnostic[]> {
  const doc = view.state.doc;
  const linted = await lint(doc.toString(), kindChoice, config);
  lastLint = { doc, linted };
  void editor.setLanguage(linted.kind);
  renderFindings(doc, linted);
  renderRules(linted);
  return linted.result.messages.map((m) => toDiagnostic(doc, m));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function renderFindings(doc: Text, { kind, result }: Linted): void {
  ui.detected.textContent = kindChoice === "auto" ? (kind ? `detected: ${KIND_LABELS[kind]}` : "kind not detected") : "";
  ui.summary.textContent = `${plural(result.errorCount, "error")}, ${plural(result.warningCount, "warning")}, ${plural(result.infoCount, "info")}`;
  const fixable = result.fixableErrorCount + result.fixableWarningCount;
  ui.fixAll.hidden = fixable === 0;
  ui.fixAll.textContent = `Apply ${plural(fixable, "fix")}`;
  const items = result.messages.map((message) => {
    const { from, to } = messageRange(doc, message);
    const ruleId = message.ruleId;
    const href = ruleId === null ? undefined : docHref(ruleId);
    const rule = href ? element("a", { className: "rule", href, textContent: ruleId ?? "" }) : element("span", { className: "rule", textContent: ruleId ?? (message.fatal ? "parse error" : "docklint") });
    const end = message.endLine === undefined ? "" : `–${message.endLine}:${message.endColumn ?? 1}`;
    const buttons = actionsOf(doc, message).map((action) =>
      element("button", {
        type: "button",
        className: action.name === "Fix" ? "apply-fix" : "apply-suggestion",
        textContent: action.name === "Fix" ? "Fix" : `Suggestion: ${action.name}`,
        onclick: (event: MouseEvent) => {
          event.stopPropagation();
          action.apply(editor.view, from, to);
        },
      }),
    );
    const item = element(
      "li",
      { className: `finding level-${message.level}`, title: "Show in the editor" },
      element("span", { className: "severity", textContent: message.level }),
      rule,
      element("span", { className: "position", textContent: `${message.line}:${message.column}${end}` }),
      element("p", { className: "message", textContent: message.message }),
    );
    if (buttons.length > 0) item.append(element("div", { className: "actions" }, ...buttons));
    item.dataset["rule"] = ruleId ?? "";
    item.dataset["from"] = String(from);
    item.dataset["to"] = String(to);
    item.addEventListener("click", (event) => {
      if ((event.target as HTMLElement).closest("a")) return;
      editor.view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: "center" }) });
      editor.view.focus();
    });
    return item;
  });
  ui.findings.replaceChildren(...(items.length > 0 ? items : [element("li", { className: "empty", textContent: kind ? "No findings." : "" })]));
  ui.findings.dataset["count"] = String(result.messages.length);
}

function renderRules({ kind }: Linted): void {
  ui.configJson.textContent = configFileText(config);
  ui.preset.value = config.extends[0] ?? "";
  if (!kind) {
    ui.ruleToggles.replaceChildren();
    ui.ruleCount.textContent = "";
    return;
  }
  const enabled = enabledRuleIds(config, kind);
  const rules = builtinRules.filter((r) => r.meta.kind === kind).sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const filter = ui.ruleFilter.value.trim().toLowerCase();
  ui.ruleCount.textContent = `(${enabled.size} of ${rules.length} on)`;
  ui.ruleToggles.replaceChildren(
    ...rules
      .filter((r) => filter === "" || r.meta.id.includes(filter) || r.meta.docs.toLowerCase().includes(filter))
      .map((rule) => {
        const id = rule.meta.id;
        const toggle = element("input", { type: "checkbox", checked: enabled.has(id), title: rule.meta.docs });
        toggle.dataset["rule"] = id;
        toggle.addEventListener("change", () => setConfig(withRule(config, id, toggle.checked, kind)));
        return element("li", {}, element("label", {}, toggle, ` ${id}`), element("span", { className: "level", textContent: rule.meta.severity }), element("a", { href: docHref(id) ?? "#", textContent: "docs" }));
      }),
  );
}

function setConfig(next: PlaygroundState["config"]): void {
  config = next;
  ui.configJson.textContent = configFileText(config);
  saveState();
  editor.relint();
}

let saving = 0;
/** Writes the state into the URL fragment; `data-saved` tells tests and scripts when the link is current. */
function saveState(): void {
  const ticket = ++saving;
  document.body.dataset["saved"] = "false";
  void encodeState({ text: editor.view.state.doc.toString(), kind: kindChoice, config }).then((fragment) => {
    if (ticket !== saving) return;
    history.replaceState(null, "", `#${fragment}`);
    document.body.dataset["saved"] = "true";
  });
}

function applyState(state: PlaygroundState): void {
  kindChoice = state.kind;
  config = state.config;
  ui.kind.value = kindChoice;
  editor.setText(state.text);
  setConfig(config);
}

for (const sample of SAMPLES) ui.sample.append(element("option", { value: sample.id, textContent: sample.label }));
ui.kind.value = kindChoice;
ui.preset.value = config.extends[0] ?? "";
ui.configJson.textContent = configFileText(config);

ui.sample.addEventListener("change", () => {
  const sample = SAMPLES.find((s) => s.id === ui.sample.value);
  ui.sample.value = "";
  if (sample) applyState({ text: sample.text, kind: "auto", config });
});
ui.kind.addEventListener("change", () => {
  kindChoice = ui.kind.value as KindChoice;
  void editor.setLanguage(effectiveKind(kindChoice, editor.view.state.doc.toString()));
  saveState();
  editor.relint();
});
ui.preset.addEventListener("change", () => setConfig({ extends: ui.preset.value === "" ? [] : [ui.preset.value], rules: config.rules }));
ui.ruleFilter.addEventListener("input", () => {
  if (lastLint) renderRules(lastLint.linted);
});
ui.fixAll.addEventListener("click", () => {
  const doc = editor.view.state.doc;
  void fixAll(doc.toString(), kindChoice, config).then((output) => {
    if (editor.view.state.doc === doc && output !== doc.toString()) editor.setText(output);
  });
});
ui.share.addEventListener("click", () => {
  void navigator.clipboard.writeText(location.href).then(
    () => (ui.share.textContent = "Link copied"),
    () => showNotice(`Copy this link: ${location.href}`),
  );
});
ui.copyConfig.addEventListener("click", () => void navigator.clipboard.writeText(configFileText(config)));
addEventListener("hashchange", () => {
  void decodeState(location.hash).then((state) => {
    if (state) applyState(state);
  });
});
saveState();
