// The editor's look. Every colour is a CSS custom property with today's (light) value as the
// fallback: custom properties inherit into the editor's shadow root, so a dark theme only sets
// --editor-* on :root. The names are listed in tools/editor/README.md.

import { EditorView } from "@codemirror/view";
import { HighlightStyle } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const MONO =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Monaco, Consolas, "Liberation Mono", "DejaVu Sans Mono", "Courier New", monospace';
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const v = (name, fallback) => `var(--editor-${name}, ${fallback})`;

const BG = v("bg", "#ffffff");
const TEXT = v("text", "#101828");
const BORDER = v("border", "#d0d5dd");
const SUBTLE_BORDER = v("border-subtle", "#eaecf0");
const MUTED = v("muted", "#98a2b3");
const STRONG = v("text-strong", "#344054");
const PANEL_BG = v("panel-bg", "#f9fafb");

export const lambdaboxTheme = EditorView.theme(
  {
    "&": {
      color: TEXT,
      backgroundColor: BG,
      border: `1px solid ${BORDER}`,
      borderRadius: "8px",
      fontSize: "13.5px",
      textAlign: "left",
    },
    "&.cm-focused": {
      outline: "none",
      borderColor: v("focus-border", "#84adff"),
      boxShadow: `0 0 0 3px ${v("focus-ring", "rgba(41, 112, 255, 0.14)")}`,
    },
    ".cm-scroller": { fontFamily: MONO, lineHeight: "1.6", borderRadius: "8px" },
    ".cm-content": { padding: "8px 0", caretColor: TEXT },
    ".cm-line": { padding: "0 12px 0 8px" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: TEXT, borderLeftWidth: "2px" },
    "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
      { backgroundColor: v("selection", "#d1e0ff") },
    ".cm-gutters": {
      backgroundColor: v("gutter-bg", "#f9fafb"),
      color: MUTED,
      borderRight: `1px solid ${SUBTLE_BORDER}`,
      borderTopLeftRadius: "8px",
      borderBottomLeftRadius: "8px",
    },
    ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px", minWidth: "28px" },
    ".cm-foldGutter .cm-gutterElement": { padding: "0 4px", cursor: "pointer", color: MUTED },
    ".cm-foldGutter .cm-gutterElement:hover": { color: STRONG },
    ".cm-activeLine": { backgroundColor: v("active-line", "#f5f8ff") },
    ".cm-activeLineGutter": { backgroundColor: v("active-line-gutter", "#eef4ff"), color: STRONG },
    "&.cm-focused .cm-matchingBracket": {
      backgroundColor: v("bracket-match", "#d3f8df"),
      outline: `1px solid ${v("bracket-match-outline", "#73e2a3")}`,
    },
    "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: v("bracket-mismatch", "#fee4e2") },
    ".cm-selectionMatch": { backgroundColor: v("search-match", "#fef0c7") },
    ".cm-searchMatch": {
      backgroundColor: v("search-match", "#fef0c7"),
      outline: `1px solid ${v("search-match-outline", "#fdb022")}`,
    },
    ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: v("search-match-selected", "#fedf89") },
    ".cm-foldPlaceholder": {
      backgroundColor: v("fold-bg", "#f2f4f7"),
      border: `1px solid ${BORDER}`,
      color: v("fold-text", "#475467"),
      borderRadius: "4px",
      padding: "0 4px",
    },
    ".cm-placeholder": { color: MUTED },
    ".cm-panels": { backgroundColor: PANEL_BG, color: STRONG, fontFamily: SANS, fontSize: "13px" },
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
      backgroundColor: BG,
      color: TEXT,
    },
    ".cm-textfield:focus": { outline: `2px solid ${v("focus-border", "#84adff")}`, outlineOffset: "0" },
    ".cm-button": {
      backgroundImage: "none",
      backgroundColor: BG,
      border: `1px solid ${BORDER}`,
      borderRadius: "6px",
      padding: "3px 10px",
      color: STRONG,
    },
    ".cm-button:hover": { backgroundColor: v("button-hover", "#f2f4f7") },
    ".cm-tooltip": {
      border: `1px solid ${BORDER}`,
      borderRadius: "6px",
      backgroundColor: BG,
      color: TEXT,
      boxShadow: `0 4px 12px ${v("tooltip-shadow", "rgba(16, 24, 40, 0.08)")}`,
      fontFamily: SANS,
      fontSize: "13px",
    },
    ".cm-tooltip-autocomplete > ul": { fontFamily: MONO },
    ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
      backgroundColor: v("completion-selected", "#eef4ff"),
      color: TEXT,
    },
    ".cm-completionDetail": { color: MUTED, fontStyle: "normal", marginLeft: "1em" },
    ".cm-completionMatchedText": { textDecoration: "none", fontWeight: "700" },
    ".cm-tooltip.cm-completionInfo": { maxWidth: "360px", padding: "6px 10px", lineHeight: "1.45" },
    ".cm-diagnostic": { padding: "4px 8px" },
    ".cm-diagnostic-error": { borderLeft: `4px solid ${v("error", "#d92d20")}` },
    ".cm-diagnostic-warning": { borderLeft: `4px solid ${v("warning", "#dc6803")}` },
    ".cm-diagnosticSource": { color: MUTED },
    ".cm-lintRange-error": { backgroundColor: v("error-range", "rgba(217, 45, 32, 0.06)") },
    // Diffs (@codemirror/merge): changed lines and the changed text in them.
    "&.cm-merge-a .cm-changedLine, .cm-deletedChunk": { backgroundColor: v("diff-removed-line", "#fef3f2") },
    "&.cm-merge-b .cm-changedLine, .cm-inlineChangedLine": { backgroundColor: v("diff-added-line", "#ecfdf3") },
    "&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText": {
      background: `linear-gradient(${v("diff-removed-text", "#fda29b")}, ${v("diff-removed-text", "#fda29b")}) bottom/100% 2px no-repeat`,
    },
    "&.cm-merge-b .cm-changedText": {
      background: `linear-gradient(${v("diff-added-text", "#32d583")}, ${v("diff-added-text", "#32d583")}) bottom/100% 2px no-repeat`,
    },
    ".cm-changeGutter": { width: "3px", paddingLeft: "1px" },
    "&.cm-merge-a .cm-changedLineGutter, .cm-deletedLineGutter": { background: v("diff-removed-gutter", "#f04438") },
    "&.cm-merge-b .cm-changedLineGutter": { background: v("diff-added-gutter", "#12b76a") },
    ".cm-collapsedLines": {
      color: MUTED,
      backgroundColor: PANEL_BG,
      backgroundImage: "none",
      fontFamily: SANS,
      fontSize: "12px",
      padding: "3px 12px",
    },
  },
  { dark: false },
);

// A GitHub-light-like palette.
const s = (name, fallback) => v(`syntax-${name}`, fallback);
export const lambdaboxHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.modifier], color: s("keyword", "#cf222e") },
  { tag: [t.self, t.null, t.bool, t.atom], color: s("atom", "#0550ae") },
  { tag: [t.number, t.integer, t.float], color: s("number", "#0550ae") },
  { tag: [t.string, t.special(t.string), t.character], color: s("string", "#0a3069") },
  { tag: [t.regexp, t.escape], color: s("regexp", "#116329") },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: s("comment", "#6e7781"), fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: s("function", "#8250df") },
  { tag: [t.typeName, t.className, t.namespace, t.definition(t.typeName)], color: s("type", "#953800") },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: s("property", "#0550ae") },
  { tag: [t.labelName, t.macroName], color: s("label", "#953800") },
  { tag: t.variableName, color: s("variable", "#101828") },
  { tag: t.definition(t.variableName), color: s("definition", "#953800") },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: s("punctuation", "#57606a") },
  { tag: t.meta, color: s("meta", "#6e7781") },
  { tag: t.invalid, color: s("invalid", "#82071e"), textDecoration: "underline wavy" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.link, textDecoration: "underline" },
]);

/** Minimum height of a code editor (not of diffs or the small JSON editor). */
export const tallEditor = EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: "420px" } });
export const shortEditor = EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: "260px" } });
