// lambdabox UI helpers: confirmation before destructive actions, and closing menus on outside clicks.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // Selects that reload their form when changed (e.g. the wizard's event).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
    // Wizard: show the code of the chosen template.
    if (target.matches && target.matches("input[data-preview]")) {
      document.querySelectorAll(".template-preview pre").forEach(function (pre) {
        pre.hidden = pre.id !== target.getAttribute("data-preview");
      });
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
        menu.removeAttribute("open");
      });
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });
})();
