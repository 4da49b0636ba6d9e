// The test page remembers the inputs it ran, per function, in localStorage (newest first, at
// most MAX): "Recent inputs" offers them, and opening the page again starts from the last one
// (form[data-prefill]: a fresh page, not the answer to a run).
(function () {
  "use strict";

  var MAX = 8;
  var MAX_CHARS = 10000; // the server's limit for a test input

  function storageKey(id) {
    return "lambdabox.testInputs." + id;
  }

  function load(id) {
    try {
      var list = JSON.parse(window.localStorage.getItem(storageKey(id)) || "[]");
      return Array.isArray(list) ? list.filter(function (e) { return e && typeof e.input === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function store(id, list) {
    try {
      window.localStorage.setItem(storageKey(id), JSON.stringify(list.slice(0, MAX)));
    } catch (e) {
      /* storage full or unavailable: nothing remembered */
    }
  }

  function setInput(textarea, value) {
    if (textarea.lambdaboxEditor) {
      textarea.lambdaboxEditor.setValue(value);
    } else {
      textarea.value = value;
    }
  }

  function summary(entry) {
    var when = new Date(entry.at);
    var time = isNaN(when.getTime()) ? "" : when.toLocaleString() + ": ";
    var text = entry.input.replace(/\s+/g, " ").trim();
    return time + (text.length > 60 ? text.slice(0, 59) + "…" : text);
  }

  function init() {
    var form = document.getElementById("test-form");
    if (!form) return;
    var id = form.getAttribute("data-function");
    var textarea = form.querySelector("textarea[name=input]");
    var select = document.getElementById("recent-inputs");
    if (!id || !textarea) return;
    var list = load(id);

    if (select && list.length) {
      list.forEach(function (entry, i) {
        var option = document.createElement("option");
        option.value = String(i);
        option.textContent = summary(entry);
        select.appendChild(option);
      });
      select.closest(".recent-inputs").hidden = false;
      select.addEventListener("change", function () {
        var entry = list[parseInt(select.value, 10)];
        if (entry) setInput(textarea, entry.input);
      });
    }
    if (form.hasAttribute("data-prefill") && list.length) setInput(textarea, list[0].input);

    form.addEventListener("submit", function () {
      var input = textarea.lambdaboxEditor ? textarea.lambdaboxEditor.getValue() : textarea.value;
      if (!input.trim() || input.length > MAX_CHARS) return;
      var rest = load(id).filter(function (e) { return e.input !== input; });
      store(id, [{ input: input, at: Date.now() }].concat(rest));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
