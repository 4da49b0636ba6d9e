// Live logs: a <button data-follow="TBODY_ID"> starts and stops following new log entries over
// server-sent events (/logs/stream). The filters come from the button's form (the Logs page's
// filters) or its data-query attribute (a function's page). New entries go on top of the
// table body named by data-follow, newest first; at most 500 are kept.
(function () {
  "use strict";
  var MAX_ROWS = 500;

  function cell(text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    return td;
  }

  function row(entry) {
    var tr = document.createElement("tr");
    tr.className = "log-" + String(entry.level).toLowerCase() + " live-entry";
    tr.setAttribute("data-request-id", entry.requestId);
    tr.appendChild(cell(entry.time, "small mono nowrap"));
    tr.appendChild(cell(entry.function, ""));
    tr.appendChild(cell(entry.level, ""));
    var message = cell(entry.message, "wrap-anywhere");
    if (entry.extras) {
      var extras = document.createElement("div");
      extras.className = "small muted mono wrap-anywhere";
      extras.textContent = entry.extras;
      message.appendChild(extras);
    }
    tr.appendChild(message);
    return tr;
  }

  function query(button) {
    if (button.form) {
      var params = new URLSearchParams(new FormData(button.form));
      ["from", "to", "page"].forEach(function (k) { params.delete(k); });
      return params.toString();
    }
    return button.getAttribute("data-query") || "";
  }

  function start(button) {
    var body = document.getElementById(button.getAttribute("data-follow"));
    var panel = body ? body.closest("[data-live-panel]") : null;
    var status = panel ? panel.querySelector("[data-live-status]") : null;
    var source = new EventSource("/logs/stream?" + query(button));
    if (panel) panel.hidden = false;
    button.setAttribute("aria-pressed", "true");
    button.textContent = "Stop following";
    var say = function (text) { if (status) status.textContent = text; };
    say("Connecting…");
    source.onopen = function () { say("Following: new entries appear here as they are stored."); };
    source.onerror = function () {
      say(source.readyState === EventSource.CLOSED ? "The live log stopped." : "Reconnecting…");
    };
    source.addEventListener("entry", function (event) {
      var entry;
      try { entry = JSON.parse(event.data); } catch (e) { return; }
      if (!body) return;
      body.insertBefore(row(entry), body.firstChild);
      while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
      var empty = panel ? panel.querySelector("[data-live-empty]") : null;
      if (empty) empty.hidden = true;
    });
    button._follow = source;
  }

  function stop(button) {
    if (button._follow) button._follow.close();
    button._follow = null;
    button.setAttribute("aria-pressed", "false");
    button.textContent = button.getAttribute("data-label") || "Follow live";
    var body = document.getElementById(button.getAttribute("data-follow"));
    var status = body && body.closest("[data-live-panel]") ? body.closest("[data-live-panel]").querySelector("[data-live-status]") : null;
    if (status) status.textContent = "Stopped.";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-follow]") : null;
    if (!button) return;
    event.preventDefault();
    if (!button.getAttribute("data-label")) button.setAttribute("data-label", button.textContent);
    if (button._follow) stop(button); else start(button);
  });
})();
