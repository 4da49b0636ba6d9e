// Progress while a form's request runs (Save, Approve & Deploy, Invoke): a submitted
// form[data-busy] gets aria-busy, its submit buttons are disabled (so a second click does not
// send it again) and a spinner with the data-busy text appears beside them. The next page
// replaces all of it; coming back through the back/forward cache undoes it.
(function () {
  "use strict";

  function buttonsOf(form) {
    var own = Array.prototype.slice.call(form.querySelectorAll("button[type=submit], button:not([type])"));
    if (form.id) {
      var outside = document.querySelectorAll('button[form="' + form.id + '"]');
      own = own.concat(Array.prototype.slice.call(outside));
    }
    return own;
  }

  function setBusy(form, submitter) {
    form.setAttribute("aria-busy", "true");
    form.classList.add("is-busy");
    var buttons = buttonsOf(form);
    // After the submit event: a disabled submitter would be left out of the form data.
    setTimeout(function () {
      buttons.forEach(function (b) {
        if (!b.disabled) {
          b.disabled = true;
          b.setAttribute("data-busy-disabled", "");
        }
      });
    }, 0);
    var anchor = submitter && submitter.form === form ? submitter : buttons[0];
    if (!anchor || form.querySelector(".busy-indicator")) return;
    var indicator = document.createElement("span");
    indicator.className = "busy-indicator";
    indicator.setAttribute("role", "status");
    indicator.textContent = form.getAttribute("data-busy");
    anchor.parentNode.insertBefore(indicator, anchor.nextSibling);
  }

  function clearBusy() {
    var forms = document.querySelectorAll("form[data-busy].is-busy");
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute("aria-busy");
      forms[i].classList.remove("is-busy");
      var indicator = forms[i].querySelector(".busy-indicator");
      if (indicator) indicator.remove();
    }
    var buttons = document.querySelectorAll("button[data-busy-disabled]");
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].disabled = false;
      buttons[j].removeAttribute("data-busy-disabled");
    }
  }

  // On window: runs after the page's own submit handlers (a data-confirm "Cancel" prevents).
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-busy")) return;
    setBusy(form, event.submitter);
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) clearBusy();
  });
})();
