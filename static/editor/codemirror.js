// Entry point bundled by esbuild at set-up into vendor/codemirror.js: the
// parts of CodeMirror 6 a code cell uses, and nothing else.
export { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection } from "@codemirror/view";
export { EditorState, Compartment, Prec } from "@codemirror/state";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { indentOnInput, bracketMatching, syntaxHighlighting, defaultHighlightStyle,
  HighlightStyle, indentUnit } from "@codemirror/language";
export { tags } from "@lezer/highlight";
export { python } from "@codemirror/lang-python";
