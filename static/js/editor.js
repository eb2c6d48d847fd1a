// Code editors for cells: CodeMirror 6 (bundled at set-up into vendor/) with
// Python highlighting, line numbers, Tab to indent (Escape, then Tab, leaves)
// and Shift+Enter to run.
//
//   const editor = await createEditor(parent, code, {onRun, onChange, label})
//   editor.code / editor.setCode(text) / editor.replace(from, to, text, source)
//   editor.focus() / editor.destroy(); onChange(code, source) with source
//   "reader" or the tag a replace() gave
import { siteConfig } from "./config.js";

let codemirror = null;
const loadCodeMirror = () => (codemirror ||= import(siteConfig.url(siteConfig.editor)));

// Colours come from CSS variables, so one style serves light and dark themes.
function highlightStyle(cm) {
  const { tags: t } = cm;
  return cm.HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--code-keyword)" },
    { tag: [t.string, t.special(t.string)], color: "var(--code-string)" },
    { tag: [t.number, t.bool, t.null], color: "var(--code-number)" },
    { tag: [t.comment, t.lineComment], color: "var(--code-comment)", fontStyle: "italic" },
    { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: "var(--code-function)" },
    { tag: [t.definition(t.variableName), t.className], color: "var(--code-definition)" },
    { tag: [t.operator], color: "var(--code-operator)" },
  ]);
}

let editors = 0;

export async function createEditor(parent, code, { onRun, onChange, label }) {
  const cm = await loadCodeMirror();
  // Tab indents, so the editor says how to leave it (CodeMirror's own
  // convention: Escape, then Tab moves focus on), while it has focus.
  const hint = Object.assign(document.createElement("p"), {
    className: "editor-hint", id: `editor-hint-${++editors}`, textContent: "Esc then Tab to leave the editor",
  });
  const runKey = { key: "Shift-Enter", run: () => { onRun(); return true; }, preventDefault: true };
  const view = new cm.EditorView({
    parent,
    state: cm.EditorState.create({
      doc: code,
      extensions: [
        cm.lineNumbers(),
        cm.history(),
        cm.drawSelection(),
        cm.indentOnInput(),
        cm.bracketMatching(),
        cm.indentUnit.of("    "),
        cm.python(),
        cm.syntaxHighlighting(highlightStyle(cm)),
        cm.Prec.highest(cm.keymap.of([runKey])),
        cm.keymap.of([...cm.defaultKeymap, ...cm.historyKeymap, cm.indentWithTab]),
        // tabindex as well as contenteditable, so tools (axe) see that the
        // editor's sideways-scrolling area can be reached by keyboard.
        cm.EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": hint.id, tabindex: "0" }),
        cm.EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const source = update.transactions.some((tr) => tr.isUserEvent("slider")) ? "slider" : "reader";
          onChange(update.state.doc.toString(), source);
        }),
      ],
    }),
  });
  view.dom.after(hint);
  return {
    view,
    get code() {
      return view.state.doc.toString();
    },
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    // Replace part of the code; `source` tags the change (e.g. "slider").
    replace(from, to, text, source) {
      view.dispatch({ changes: { from, to, insert: text }, userEvent: source });
    },
    focus() {
      view.focus();
    },
    destroy() {
      view.destroy();
      hint.remove();
    },
  };
}
