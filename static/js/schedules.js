// Schedule form: shows the next run times while the cron expression is typed (from
// /schedules/preview), and fills the field from the example chips.
(function () {
  "use strict";
  var input = document.getElementById("cron");
  var list = document.getElementById("next-runs");
  var error = document.getElementById("cron-error");
  var hint = document.getElementById("next-runs-hint");
  if (!input || !list || !error) {
    return;
  }
  var timer = null;
  function show(runs, message) {
    list.textContent = "";
    runs.forEach(function (time) {
      var item = document.createElement("li");
      item.textContent = time;
      list.appendChild(item);
    });
    error.textContent = message || "";
    if (hint) {
      hint.hidden = runs.length > 0 || !!message;
    }
  }
  function update() {
    var value = input.value.trim();
    if (!value) {
      show([], "");
      return;
    }
    fetch("/schedules/preview?cron=" + encodeURIComponent(value), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (body) {
        show(body.nextRuns || [], body.error);
      })
      .catch(function () {
        show([], "");
      });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  });
  document.querySelectorAll("[data-cron-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      input.value = button.getAttribute("data-cron-example");
      update();
    });
  });
  if (input.value.trim() && list.children.length === 0) {
    update();
  }
})();
