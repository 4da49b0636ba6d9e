// Invocation charts: every <div data-invocation-chart="ID"> draws the series in the
// <script type="application/json" id="ID"> element ({"bucketMs": n, "points": [[startMs,
// invocations, failures], ...]}) with uPlot (static/vendor/uplot, loaded before this file).
// Colours come from CSS custom properties, so the chart follows the light or dark theme.
(function () {
  "use strict";

  // A colour custom property resolved to rgb() (it may be written with light-dark() or
  // other variables, which a canvas does not understand): read it back from a probe element.
  function cssVar(name, fallback) {
    var probe = document.createElement("span");
    probe.className = "offscreen";
    probe.style.color = "var(" + name + ", " + fallback + ")";
    document.body.appendChild(probe);
    var colour = getComputedStyle(probe).color;
    document.body.removeChild(probe);
    return colour || fallback;
  }

  // "rgb(r, g, b)" with an alpha.
  function withAlpha(colour, alpha) {
    var m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
    return m ? "rgba(" + m[1] + ", " + m[2] + ", " + m[3] + ", " + alpha + ")" : colour;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // 24-hour UTC labels, as everywhere else in lambdabox.
  function label(seconds, bucketMs) {
    var d = new Date(seconds * 1000);
    var time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    if (bucketMs >= 86400000) return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
    return time;
  }

  function draw(host) {
    var source = document.getElementById(host.getAttribute("data-invocation-chart"));
    if (!source || !window.uPlot) return null;
    var series;
    try { series = JSON.parse(source.textContent); } catch (e) { return null; }
    var xs = [], totals = [], failures = [];
    series.points.forEach(function (p) { xs.push(p[0] / 1000); totals.push(p[1]); failures.push(p[2]); });
    var text = cssVar("--text", "#101828");
    var grid = cssVar("--line", "#eaecf0");
    var okColour = cssVar("--chart-ok", "#4f46e5");
    var failColour = cssVar("--chart-fail", "#d92d20");
    var opts = {
      width: Math.max(240, host.clientWidth),
      height: 180,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
          // A label every few buckets, on bucket boundaries.
          splits: function () { return xs.filter(function (x, i) { return (xs.length - 1 - i) % 4 === 0; }); },
          values: function (u, splits) { return splits.map(function (s) { return label(s, series.bucketMs); }); } },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } },
      ],
      series: [
        { label: "UTC", value: function (u, v) { return v == null ? "" : label(v, series.bucketMs); } },
        { label: "Invocations", stroke: okColour, width: 2, fill: withAlpha(okColour, 0.12) },
        { label: "Failures", stroke: failColour, width: 2 },
      ],
    };
    var plot = new window.uPlot(opts, [xs, totals, failures], host);
    var observer = null;
    if (window.ResizeObserver) {
      observer = new ResizeObserver(function () {
        plot.setSize({ width: Math.max(240, host.clientWidth), height: 180 });
      });
      observer.observe(host);
    }
    return { destroy: function () { if (observer) observer.disconnect(); plot.destroy(); } };
  }

  var plots = [];

  function drawAll() {
    plots.forEach(function (plot) { plot.destroy(); });
    plots = [];
    var hosts = document.querySelectorAll("[data-invocation-chart]");
    for (var i = 0; i < hosts.length; i++) {
      var plot = draw(hosts[i]);
      if (plot) plots.push(plot);
    }
  }

  // The colours are read when drawing: draw again in the other theme.
  document.addEventListener("lambdabox:themechange", drawAll);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
