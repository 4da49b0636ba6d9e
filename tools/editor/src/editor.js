// lambdabox code editor: CodeMirror 6 wrapped behind one global,
// window.LambdaboxEditor.create(textarea, options).
//
// Built into static/vendor/codemirror/lambdabox-editor.js by ../build.sh.
//
// The page's Content-Security-Policy has `style-src 'self'`. CodeMirror
// (through style-mod) injects its CSS as a <style> element when mounted in a
// Document, which that policy blocks; inside a ShadowRoot it uses a
// constructed stylesheet (adoptedStyleSheets), which CSP does not govern.
// So by default the editor is mounted in a shadow root attached to a host
// <div> placed where the textarea was. Pass options.cspNonce (or
// options.shadowDom === false on pages without a strict style-src) to mount
// it in the light DOM instead.

import { basicSetup } from "codemirror";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { search } from "@codemirror/search";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { tags as t } from "@lezer/highlight";

const MONO =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Monaco, Consolas, "Liberation Mono", "DejaVu Sans Mono", "Courier New", monospace';
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const BORDER = "#d0d5dd";
const SUBTLE_BORDER = "#eaecf0";
const TEXT = "#101828";
const MUTED = "#98a2b3";

const lambdaboxTheme = EditorView.theme(
  {
    "&": {
      color: TEXT,
      backgroundColor: "#ffffff",
      border: `1px solid ${BORDER}`,
      borderRadius: "8px",
      fontSize: "13.5px",
      textAlign: "left",
    },
    "&.cm-focused": {
      outline: "none",
      borderColor: "#84adff",
      boxShadow: "0 0 0 3px rgba(41, 112, 255, 0.14)",
    },
    ".cm-scroller": {
      fontFamily: MONO,
      lineHeight: "1.6",
      borderRadius: "8px",
    },
    ".cm-content, .cm-gutter": { minHeight: "420px" },
    ".cm-content": { padding: "8px 0", caretColor: TEXT },
    ".cm-line": { padding: "0 12px 0 8px" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: TEXT, borderLeftWidth: "2px" },
    "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
      { backgroundColor: "#d1e0ff" },
    ".cm-gutters": {
      backgroundColor: "#f9fafb",
      color: MUTED,
      borderRight: `1px solid ${SUBTLE_BORDER}`,
      borderTopLeftRadius: "8px",
      borderBottomLeftRadius: "8px",
    },
    ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px", minWidth: "28px" },
    ".cm-foldGutter .cm-gutterElement": { padding: "0 4px", cursor: "pointer", color: MUTED },
    ".cm-foldGutter .cm-gutterElement:hover": { color: "#344054" },
    ".cm-activeLine": { backgroundColor: "#f5f8ff" },
    ".cm-activeLineGutter": { backgroundColor: "#eef4ff", color: "#344054" },
    "&.cm-focused .cm-matchingBracket": {
      backgroundColor: "#d3f8df",
      outline: "1px solid #73e2a3",
    },
    "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "#fee4e2" },
    ".cm-selectionMatch": { backgroundColor: "#fef0c7" },
    ".cm-searchMatch": { backgroundColor: "#fef0c7", outline: "1px solid #fdb022" },
    ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "#fedf89" },
    ".cm-foldPlaceholder": {
      backgroundColor: "#f2f4f7",
      border: `1px solid ${BORDER}`,
      color: "#475467",
      borderRadius: "4px",
      padding: "0 4px",
    },
    ".cm-placeholder": { color: MUTED },
    ".cm-panels": {
      backgroundColor: "#f9fafb",
      color: "#344054",
      fontFamily: SANS,
      fontSize: "13px",
    },
    ".cm-panels.cm-panels-top": {
      borderBottom: `1px solid ${SUBTLE_BORDER}`,
      borderTopLeftRadius: "8px",
      borderTopRightRadius: "8px",
    },
    ".cm-panels.cm-panels-bottom": {
      borderTop: `1px solid ${SUBTLE_BORDER}`,
      borderBottomLeftRadius: "8px",
      borderBottomRightRadius: "8px",
    },
    ".cm-panel.cm-search": { padding: "6px 28px 6px 10px" },
    ".cm-panel.cm-search input, .cm-panel.cm-search button, .cm-panel.cm-search label": {
      fontFamily: SANS,
      fontSize: "13px",
    },
    ".cm-textfield": {
      border: `1px solid ${BORDER}`,
      borderRadius: "6px",
      padding: "3px 8px",
      backgroundColor: "#ffffff",
    },
    ".cm-textfield:focus": { outline: "2px solid #84adff", outlineOffset: "0" },
    ".cm-button": {
      backgroundImage: "none",
      backgroundColor: "#ffffff",
      border: `1px solid ${BORDER}`,
      borderRadius: "6px",
      padding: "3px 10px",
      color: "#344054",
    },
    ".cm-button:hover": { backgroundColor: "#f2f4f7" },
    ".cm-tooltip": {
      border: `1px solid ${BORDER}`,
      borderRadius: "6px",
      backgroundColor: "#ffffff",
      boxShadow: "0 4px 12px rgba(16, 24, 40, 0.08)",
      fontFamily: SANS,
      fontSize: "13px",
    },
    ".cm-tooltip-autocomplete > ul": { fontFamily: MONO },
    ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
      backgroundColor: "#eef4ff",
      color: TEXT,
    },
    ".cm-diagnostic": { padding: "4px 8px" },
    ".cm-diagnostic-error": { borderLeft: "4px solid #d92d20" },
    ".cm-lintRange-error": { backgroundColor: "rgba(217, 45, 32, 0.06)" },
  },
  { dark: false },
);

// A GitHub-light-like palette.
const lambdaboxHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.modifier], color: "#cf222e" },
  { tag: [t.self, t.null, t.bool, t.atom], color: "#0550ae" },
  { tag: [t.number, t.integer, t.float], color: "#0550ae" },
  { tag: [t.string, t.special(t.string), t.character], color: "#0a3069" },
  { tag: [t.regexp, t.escape], color: "#116329" },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: "#6e7781", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: "#8250df" },
  { tag: [t.typeName, t.className, t.namespace, t.definition(t.typeName)], color: "#953800" },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "#0550ae" },
  { tag: [t.labelName, t.macroName], color: "#953800" },
  { tag: t.variableName, color: TEXT },
  { tag: t.definition(t.variableName), color: "#953800" },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: "#57606a" },
  { tag: t.meta, color: "#6e7781" },
  { tag: t.invalid, color: "#82071e", textDecoration: "underline wavy" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.link, textDecoration: "underline" },
]);

function labelFor(textarea) {
  const explicit = textarea.getAttribute("aria-label");
  if (explicit) return explicit;
  const labels = textarea.labels;
  if (labels && labels.length) return labels[0].textContent.trim();
  return "Code editor";
}

function toDiagnostics(doc, list) {
  const result = [];
  for (const item of list || []) {
    if (!item) continue;
    let n = parseInt(item.line, 10);
    if (!Number.isFinite(n)) n = 1;
    n = Math.min(Math.max(n, 1), doc.lines);
    const line = doc.line(n);
    const indent = /^\s*/.exec(line.text)[0].length;
    result.push({
      from: indent < line.length ? line.from + indent : line.from,
      to: line.to,
      severity: item.severity === "warning" || item.severity === "info" || item.severity === "hint" ? item.severity : "error",
      message: String(item.message == null ? "" : item.message),
    });
  }
  return result;
}

function create(textarea, options) {
  if (!textarea || textarea.nodeName !== "TEXTAREA") {
    throw new TypeError("LambdaboxEditor.create expects a <textarea> element");
  }
  if (textarea.lambdaboxEditor) return textarea.lambdaboxEditor;
  options = options || {};
  const readOnly = !!options.readOnly;
  const doc = textarea.ownerDocument;

  const host = doc.createElement("div");
  host.className = "lambdabox-editor";
  textarea.parentNode.insertBefore(host, textarea);
  const useShadow = !options.cspNonce && options.shadowDom !== false && typeof host.attachShadow === "function";
  const parent = useShadow ? host.attachShadow({ mode: "open" }) : host;

  const listeners = [];
  const extensions = [
    lintGutter(), // before basicSetup: leftmost gutter
    basicSetup,
    keymap.of([indentWithTab]),
    javascript(),
    search({ top: true }),
    syntaxHighlighting(lambdaboxHighlight),
    lambdaboxTheme,
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ "aria-label": labelFor(textarea) }),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      const value = update.state.doc.toString();
      textarea.value = value;
      for (const fn of listeners.slice()) {
        try {
          fn(value, update);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      }
    }),
  ];
  if (textarea.placeholder) extensions.push(placeholder(textarea.placeholder));
  if (options.cspNonce) extensions.push(EditorView.cspNonce.of(String(options.cspNonce)));

  const view = new EditorView({
    state: EditorState.create({ doc: textarea.value, extensions }),
    parent,
    root: useShadow ? parent : doc,
  });

  // Keep the textarea in the form (it is what gets submitted), out of sight.
  textarea.hidden = true;
  textarea.style.display = "none";
  if (readOnly) textarea.readOnly = true;

  const focusEditor = (event) => {
    if (event) event.preventDefault();
    view.focus();
  };
  const labels = Array.prototype.slice.call(textarea.labels || []);
  labels.forEach((label) => label.addEventListener("click", focusEditor));
  // A hidden `required` textarea cannot take focus when validation fails.
  textarea.addEventListener("invalid", focusEditor);

  const editor = {
    view,
    textarea,
    getValue() {
      return view.state.doc.toString();
    },
    setValue(text) {
      const value = text == null ? "" : String(text);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      textarea.value = value;
    },
    onChange(fn) {
      if (typeof fn !== "function") throw new TypeError("onChange expects a function");
      listeners.push(fn);
      return () => {
        const i = listeners.indexOf(fn);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    // [{line (1-based), message, severity?}]; an empty list clears them.
    setDiagnostics(list) {
      view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, list)));
    },
    focus() {
      view.focus();
    },
    destroy() {
      labels.forEach((label) => label.removeEventListener("click", focusEditor));
      textarea.removeEventListener("invalid", focusEditor);
      textarea.value = view.state.doc.toString();
      view.destroy();
      host.remove();
      textarea.hidden = false;
      textarea.style.display = "";
      delete textarea.lambdaboxEditor;
    },
  };
  textarea.lambdaboxEditor = editor;
  return editor;
}

window.LambdaboxEditor = { create };
