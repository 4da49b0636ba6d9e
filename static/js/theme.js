// Colour theme. Loaded without defer in <head>, so data-theme ("light" or "dark") is on <html>
// before the first paint: the choice saved by the theme switch, or with "system" (nothing saved)
// the OS preference, followed live. data-theme-choice says which switch button is pressed. A
// change of the applied theme fires "lambdabox:themechange" on document (canvas charts redraw).
(function () {
  "use strict";
  var KEY = "lambdabox-theme";
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function saved() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : "system";
    } catch (e) {
      return "system"; // storage blocked (privacy settings): follow the OS
    }
  }

  function apply() {
    var choice = saved();
    var theme = choice === "system" ? (media && media.matches ? "dark" : "light") : choice;
    root.setAttribute("data-theme-choice", choice);
    var buttons = document.querySelectorAll("[data-theme-choice]:not(html)");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-theme-choice") === choice));
    }
    if (root.getAttribute("data-theme") !== theme) {
      root.setAttribute("data-theme", theme);
      document.dispatchEvent(new CustomEvent("lambdabox:themechange", { detail: { theme: theme } }));
    }
  }

  function choose(choice) {
    try {
      if (choice === "light" || choice === "dark") {
        window.localStorage.setItem(KEY, choice);
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (e) {
      // Storage blocked: nothing to keep.
    }
    apply();
  }

  apply();
  if (media && media.addEventListener) {
    media.addEventListener("change", apply);
  }
  // Another tab changed the theme.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) {
      apply();
    }
  });
  // The switch buttons (user menu, foot of the sign-in pages) exist once the body is parsed.
  document.addEventListener("DOMContentLoaded", apply);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-theme-choice]");
    if (button) {
      choose(button.getAttribute("data-theme-choice"));
    }
  });
})();
