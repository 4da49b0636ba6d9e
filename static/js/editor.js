// lambdabox code editor glue: turns every textarea[data-code-editor] into a
// CodeMirror editor (static/vendor/codemirror/lambdabox-editor.js, loaded
// before this script), shows a server-side error on its line, lints as you
// type (data-lint-url: the server's save check), saves on Ctrl/Cmd+S
// (data-save-button), and warns about unsaved changes until the editor's
// form is submitted. data-language="json" makes a JSON editor.
(function () {
  "use strict";

  // The session's CSRF token: every page carries it in a hidden field.
  function csrfToken() {
    var field = document.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  // options.lint for LambdaboxEditor.create: asks `url` (POST {"code"}) for the problems a
  // save would report. Resolves to null (no opinion) when the server refuses or is
  // unreachable; after a 401/403 it stops asking. An answer to an older request is dropped
  // by the linter, and a newer request aborts the older one.
  function serverLint(url, initial) {
    var refused = false;
    var inFlight = null;
    return function (code) {
      if (refused) return Promise.resolve(null);
      if (inFlight) inFlight.abort();
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      inFlight = controller;
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken(), "Accept": "application/json" },
        body: JSON.stringify({ code: code }),
        signal: controller ? controller.signal : undefined,
      }).then(function (res) {
        if (res.status === 401 || res.status === 403) {
          refused = true;
          return null;
        }
        if (!res.ok) return null;
        return res.json().then(function (body) {
          var list = (body && body.problems) || [];
          var problems = list.map(function (p) {
            return {
              line: p.line,
              message: p.message,
              severity: "error",
              source: p.blocksSave ? "Save refuses this" : "Saves, but cannot deploy",
            };
          });
          // A problem the server found on load (a failed deployment) stays while the code is
          // unchanged, even if the save check does not repeat it.
          if (code === initial.code && initial.problem) {
            var same = problems.some(function (p) { return p.line === initial.problem.line; });
            if (!same) problems.push(initial.problem);
          }
          return problems;
        });
      }).catch(function () {
        return null;
      });
    };
  }

  // Submits `form` as a click on `button` would (its formaction, the submit event).
  function submitWith(form, button) {
    if (!form) return;
    if (button && button.disabled) return;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(button || undefined);
    } else if (button) {
      button.click();
    } else {
      form.submit();
    }
  }

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

  function saveButtonOf(textarea) {
    var id = textarea.getAttribute("data-save-button");
    return id ? document.getElementById(id) : null;
  }

  function attach(textarea) {
    var readOnlyAttr = textarea.getAttribute("data-readonly");
    var readOnly = readOnlyAttr !== null && readOnlyAttr !== "false";
    var line = parseInt(textarea.getAttribute("data-error-line"), 10);
    var message = textarea.getAttribute("data-error-message");
    var initial = { code: textarea.value, problem: line > 0 && message ? { line: line, message: message } : null };
    var options = { readOnly: readOnly, language: textarea.getAttribute("data-language") || "javascript" };
    var lintUrl = textarea.getAttribute("data-lint-url");
    if (lintUrl && !readOnly && typeof fetch === "function") options.lint = serverLint(lintUrl, initial);
    var saveButton = saveButtonOf(textarea);
    if (saveButton && !readOnly) {
      options.onSave = function () {
        submitWith(textarea.form, saveButton);
      };
    }
    if (textarea.hasAttribute("data-keep-textarea")) options.keepTextarea = true;
    var editor = window.LambdaboxEditor.create(textarea, options);
    var entry = { textarea: textarea, editor: editor, initial: editor.getValue(), dirty: false };
    editors.push(entry);

    if (initial.problem) editor.setDiagnostics([initial.problem]);

    // A scratch input (the test page's) is not work to lose.
    if (textarea.getAttribute("data-unsaved-warning") === "off") return;
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

  // Ctrl/Cmd+S outside the editor (e.g. in the Settings fields) saves too, instead of the
  // browser's "Save page" dialog. (Inside the editor, its own key binding does it.)
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key !== "s" && event.key !== "S") return;
    for (var i = 0; i < editors.length; i++) {
      var button = saveButtonOf(editors[i].textarea);
      if (button && !editors[i].textarea.readOnly) {
        event.preventDefault();
        submitWith(editors[i].textarea.form, button);
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
