import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { StreamLanguage, bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { lintGutter, lintKeymap, linter, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, StateEffect, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import type { FileKind } from "@docklint/core";

const dockerfileLanguage = StreamLanguage.define(dockerFile);
/** Asks for a new lint when what the text is linted with (kind, config) changed, not the text. */
const relint = StateEffect.define<null>();

/** The highlighting of a kind; YAML and JSON modes are loaded only when such a file is shown. */
export async function languageOf(kind: FileKind | undefined): Promise<Extension> {
  if (kind === "compose") return (await import("@codemirror/lang-yaml")).yaml();
  if (kind === "daemon") return (await import("@codemirror/lang-json")).json();
  return dockerfileLanguage;
}

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  lint: (view: EditorView) => Promise<readonly Diagnostic[]>;
  onChange: () => void;
}

export interface Editor {
  view: EditorView;
  setLanguage(kind: FileKind | undefined): Promise<void>;
  setText(text: string): void;
  relint(): void;
}

export function createEditor(options: EditorOptions): Editor {
  const language = new Compartment();
  let languageKind: FileKind | undefined = "dockerfile";
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        language.of(dockerfileLanguage),
        lintGutter(),
        linter(options.lint, { delay: 250, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(relint))) }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange();
        }),
        EditorView.contentAttributes.of({ "aria-label": "File to lint" }),
      ],
    }),
  });
  return {
    view,
    async setLanguage(kind) {
      const wanted = kind ?? "dockerfile";
      if (wanted === languageKind) return;
      languageKind = wanted;
      const extension = await languageOf(wanted);
      // A later call may have asked for another kind while this one loaded.
      if (languageKind === wanted) view.dispatch({ effects: language.reconfigure(extension) });
    },
    relint() {
      view.dispatch({ effects: relint.of(null) });
    },
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
}
