// lambdabox code editor glue: turns every textarea[data-code-editor] into a
// CodeMirror editor (static/vendor/codemirror/lambdabox-editor.js, loaded
// before this script), shows a server-side error on its line, and warns about
// unsaved changes until the editor's form is submitted.
(function () {
  "use strict";

  var editors = [];
  var warning = false;
  // The server may render the page already unsaved (e.g. a rejected save
  // re-shows the posted code): a visible #unsaved-marker or
  // <body data-unsaved="true"> at load keeps it unsaved until submitted.
  var unsavedAtLoad = false;

  function onBeforeUnload(event) {
    event.preventDefault();
    event.returnValue = "";
    return "";
  }

  function setWarning(on) {
    if (on === warning) return;
    warning = on;
    if (on) {
      window.addEventListener("beforeunload", onBeforeUnload);
    } else {
      window.removeEventListener("beforeunload", onBeforeUnload);
    }
  }

  function refresh() {
    var unsaved = unsavedAtLoad;
    for (var i = 0; i < editors.length; i++) {
      if (editors[i].dirty) unsaved = true;
    }
    var marker = document.getElementById("unsaved-marker");
    if (unsaved) {
      document.body.setAttribute("data-unsaved", "true");
      if (marker) marker.removeAttribute("hidden");
    } else {
      document.body.removeAttribute("data-unsaved");
      if (marker) marker.setAttribute("hidden", "");
    }
    setWarning(unsaved);
  }

  function attach(textarea) {
    var readOnlyAttr = textarea.getAttribute("data-readonly");
    var readOnly = readOnlyAttr !== null && readOnlyAttr !== "false";
    var editor = window.LambdaboxEditor.create(textarea, { readOnly: readOnly });
    var entry = { textarea: textarea, editor: editor, initial: editor.getValue(), dirty: false };
    editors.push(entry);

    var line = parseInt(textarea.getAttribute("data-error-line"), 10);
    var message = textarea.getAttribute("data-error-message");
    if (line > 0 && message) {
      editor.setDiagnostics([{ line: line, message: message }]);
    }

    editor.onChange(function (value) {
      var dirty = value !== entry.initial;
      if (dirty !== entry.dirty) {
        entry.dirty = dirty;
        refresh();
      }
    });
  }

  // Listening on window runs after handlers on the form and the document
  // (app.js asks data-confirm questions there), so a cancelled submit keeps
  // the warning.
  window.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    for (var i = 0; i < editors.length; i++) {
      if (editors[i].textarea.form === event.target) {
        setWarning(false);
        return;
      }
    }
  });

  // Back/forward cache: the page comes back with its edits, so warn again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) refresh();
  });

  function init() {
    if (!window.LambdaboxEditor) {
      if (window.console) window.console.error("lambdabox: editor bundle not loaded");
      return;
    }
    var areas = document.querySelectorAll("textarea[data-code-editor]");
    if (!areas.length) return;
    var marker = document.getElementById("unsaved-marker");
    unsavedAtLoad = document.body.getAttribute("data-unsaved") === "true" ||
      (marker !== null && !marker.hasAttribute("hidden"));
    for (var i = 0; i < areas.length; i++) {
      try {
        attach(areas[i]);
      } catch (err) {
        // The plain textarea still works.
        if (window.console) window.console.error(err);
      }
    }
    if (unsavedAtLoad) refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
