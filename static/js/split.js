// The editor page's resizable split: dragging #split-handle (or its arrow keys) sets the side
// panel's width, kept in localStorage. Below the stacking breakpoint (functions.css) the
// handle is hidden and the panels stack.
(function () {
  "use strict";

  var KEY = "lambdabox.editor.sideWidth";
  var MIN = 240;
  var STEP = 24;

  function init() {
    var layout = document.getElementById("editor-layout");
    var handle = document.getElementById("split-handle");
    if (!layout || !handle) return;
    handle.hidden = false;

    function maxWidth() {
      return Math.max(MIN, Math.floor(layout.getBoundingClientRect().width * 0.6));
    }

    function apply(width, remember) {
      var w = Math.round(Math.min(Math.max(width, MIN), maxWidth()));
      layout.style.setProperty("--side-width", w + "px");
      handle.setAttribute("aria-valuenow", String(w));
      handle.setAttribute("aria-valuemin", String(MIN));
      handle.setAttribute("aria-valuemax", String(maxWidth()));
      if (remember) {
        try {
          window.localStorage.setItem(KEY, String(w));
        } catch (e) {
          /* storage unavailable: the width lasts for this page */
        }
      }
      return w;
    }

    function current() {
      var side = document.getElementById("editor-side");
      return side ? side.getBoundingClientRect().width : 320;
    }

    var saved = NaN;
    try {
      saved = parseInt(window.localStorage.getItem(KEY), 10);
    } catch (e) {
      /* storage unavailable */
    }
    if (saved > 0) apply(saved, false);

    var dragging = false;
    handle.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      dragging = true;
      handle.setPointerCapture(event.pointerId);
      layout.classList.add("is-resizing");
      event.preventDefault();
    });
    handle.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      apply(layout.getBoundingClientRect().right - event.clientX, false);
    });
    function stop(event) {
      if (!dragging) return;
      dragging = false;
      layout.classList.remove("is-resizing");
      if (handle.hasPointerCapture(event.pointerId)) handle.releasePointerCapture(event.pointerId);
      apply(current(), true);
    }
    handle.addEventListener("pointerup", stop);
    handle.addEventListener("pointercancel", stop);
    handle.addEventListener("keydown", function (event) {
      var delta = event.key === "ArrowLeft" ? STEP : event.key === "ArrowRight" ? -STEP : 0;
      if (!delta) return;
      event.preventDefault();
      apply(current() + delta, true);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
