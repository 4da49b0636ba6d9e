// Side-by-side diffs (review before deploy, Compare in the deployment history): every
// [data-diff] element holding data-original and data-modified becomes a read-only CodeMirror
// merge view (static/vendor/codemirror/lambdabox-editor.js, loaded before this script). What
// the element holds without JavaScript (the plain code) is replaced. A
// <select data-diff-target="ID"> whose options carry data-code and data-label switches the
// right-hand side of diff ID.
(function () {
  "use strict";

  var diffs = {};

  function show(host, modified, modifiedLabel) {
    var previous = diffs[host.id];
    if (previous) previous.destroy();
    var mount = host.querySelector(".lambdabox-merge");
    if (!mount) {
      while (host.firstChild) host.removeChild(host.firstChild);
      mount = document.createElement("div");
      mount.className = "lambdabox-merge";
      host.appendChild(mount);
    } else if (mount.shadowRoot) {
      // A shadow root cannot be detached: mount the new view in a fresh element.
      var fresh = document.createElement("div");
      fresh.className = "lambdabox-merge";
      host.replaceChild(fresh, mount);
      mount = fresh;
    }
    diffs[host.id] = window.LambdaboxEditor.diff(mount, {
      original: host.getAttribute("data-original"),
      modified: modified,
      originalLabel: host.getAttribute("data-original-label") || "Before",
      modifiedLabel: modifiedLabel,
    });
  }

  function init() {
    if (!window.LambdaboxEditor || !window.LambdaboxEditor.diff) {
      if (window.console) window.console.error("lambdabox: editor bundle not loaded");
      return;
    }
    var hosts = document.querySelectorAll("[data-diff]");
    for (var i = 0; i < hosts.length; i++) {
      try {
        show(hosts[i], hosts[i].getAttribute("data-modified"), hosts[i].getAttribute("data-modified-label") || "After");
      } catch (err) {
        // The plain code stays.
        if (window.console) window.console.error(err);
      }
    }
    var selects = document.querySelectorAll("select[data-diff-target]");
    for (var j = 0; j < selects.length; j++) {
      selects[j].addEventListener("change", function (event) {
        var select = event.target;
        var host = document.getElementById(select.getAttribute("data-diff-target"));
        var option = select.options[select.selectedIndex];
        if (host && option) show(host, option.getAttribute("data-code"), option.getAttribute("data-label"));
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
