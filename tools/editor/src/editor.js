// lambdabox code editor: CodeMirror 6 wrapped behind one global,
// window.LambdaboxEditor: create(textarea, options) makes a textarea a code
// (or JSON) editor; diff(host, options) shows a read-only side-by-side diff.
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
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { syntaxHighlighting } from "@codemirror/language";
import { search } from "@codemirror/search";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";
import { MergeView } from "@codemirror/merge";
import { lambdaboxTheme, lambdaboxHighlight, tallEditor, shortEditor } from "./theme.js";
import { lambdaCompletions } from "./completions.js";

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
      source: item.source ? String(item.source) : undefined,
    });
  }
  return result;
}

// A shadow root for the editor's CSS (see the top of this file), or the host itself.
function mountPoint(host, options) {
  const useShadow = !options.cspNonce && options.shadowDom !== false && typeof host.attachShadow === "function";
  return { parent: useShadow ? host.attachShadow({ mode: "open" }) : host, useShadow };
}

// Language, completions and linting for options.language ("javascript", the default, or "json").
function languageExtensions(options) {
  if (options.language === "json") {
    return [json(), linter(jsonParseLinter(), { delay: 300 })];
  }
  const exts = [javascript(), javascriptLanguage.data.of({ autocomplete: lambdaCompletions })];
  if (typeof options.lint === "function") {
    // options.lint(code) resolves to [{line, message, severity?, source?}] or null (no opinion,
    // e.g. the server refused). The linter drops answers for a document that changed meanwhile.
    const check = options.lint;
    exts.push(
      linter(
        async (view) => {
          const doc = view.state.doc;
          const list = await check(doc.toString());
          return list ? toDiagnostics(doc, list) : [];
        },
        { delay: options.lintDelay || 400 },
      ),
    );
  }
  return exts;
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
  const { parent, useShadow } = mountPoint(host, options);

  const listeners = [];
  // Set while the textarea is being copied into the editor (options.keepTextarea).
  let syncingFromTextarea = false;
  const saveKeys = typeof options.onSave === "function"
    ? [{ key: "Mod-s", preventDefault: true, run: () => { options.onSave(); return true; } }]
    : [];
  const extensions = [
    lintGutter(), // before basicSetup: leftmost gutter
    keymap.of(saveKeys), // before basicSetup's keymaps
    basicSetup,
    keymap.of([indentWithTab]),
    languageExtensions(options),
    search({ top: true }),
    syntaxHighlighting(lambdaboxHighlight),
    lambdaboxTheme,
    options.language === "json" ? shortEditor : tallEditor,
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ "aria-label": labelFor(textarea) }),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      const value = update.state.doc.toString();
      if (!syncingFromTextarea) textarea.value = value;
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
  // options.keepTextarea leaves it in the layout, invisible and out of the tab order and the
  // accessibility tree, and copies what is typed into it (scripts, autofill) into the editor.
  const onTextareaInput = () => {
    if (textarea.value === view.state.doc.toString()) return;
    syncingFromTextarea = true;
    try {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.value } });
    } finally {
      syncingFromTextarea = false;
    }
  };
  if (options.keepTextarea) {
    textarea.classList.add("lambdabox-editor-source");
    textarea.tabIndex = -1;
    textarea.setAttribute("aria-hidden", "true");
    textarea.addEventListener("input", onTextareaInput);
  } else {
    textarea.hidden = true;
    textarea.style.display = "none";
  }
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
      textarea.removeEventListener("input", onTextareaInput);
      textarea.classList.remove("lambdabox-editor-source");
      textarea.removeAttribute("aria-hidden");
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

// A read-only side-by-side diff (@codemirror/merge) of options.original (left) and
// options.modified (right), mounted in `host` (in a shadow root, like the editor). Returns
// {view (the MergeView), destroy()}.
function diff(host, options) {
  options = options || {};
  const { parent, useShadow } = mountPoint(host, options);
  const side = (text, label) => ({
    doc: text == null ? "" : String(text),
    extensions: [
      basicSetup,
      options.language === "json" ? json() : javascript(),
      syntaxHighlighting(lambdaboxHighlight),
      lambdaboxTheme,
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.contentAttributes.of({ "aria-label": label }),
    ],
  });
  const view = new MergeView({
    a: side(options.original, options.originalLabel || "Before"),
    b: side(options.modified, options.modifiedLabel || "After"),
    parent,
    root: useShadow ? parent : host.ownerDocument,
    gutter: true,
    highlightChanges: true,
    collapseUnchanged: options.collapseUnchanged === false ? undefined : { margin: 3, minSize: 6 },
  });
  return {
    view,
    destroy() {
      view.destroy();
    },
  };
}

window.LambdaboxEditor = { create, diff };
