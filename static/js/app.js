// lambdabox UI helpers: confirmation before destructive actions, closing menus on outside clicks
// and the small-screen navigation drawer. (The theme switch lives in theme.js.)
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
      if (shell && shell.classList.contains("nav-open")) {
        setNav(false);
        toggle.focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
    if (event.target.closest && event.target.closest("#nav-toggle")) {
      setNav(!shell.classList.contains("nav-open"));
    } else if (event.target.closest && event.target.closest("[data-nav-close]")) {
      setNav(false);
    }
  });

  // Small screens: the menu button opens the sidebar as a drawer.
  var shell = document.querySelector(".shell");
  var toggle = document.getElementById("nav-toggle");
  function setNav(open) {
    if (!shell || !toggle) {
      return;
    }
    shell.classList.toggle("nav-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      var current = shell.querySelector(".sidebar .nav-link.active") || shell.querySelector(".sidebar .nav-link");
      if (current) {
        current.focus();
      }
    }
  }
})();
