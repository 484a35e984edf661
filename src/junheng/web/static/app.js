// Draws the server-built charts (ECharts) and maps (Leaflet via map_layers.js, no tile server) and sends the
// CSRF token with every htmx request. Data comes in <script type="application/json"> blocks.
(function () {
  "use strict";

  function readJson(el) {
    var block = el.querySelector('script[type="application/json"]');
    return block ? JSON.parse(block.textContent) : null;
  }

  function drawCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll(".chart:not([data-drawn])").forEach(function (el) {
      var option = readJson(el);
      if (!option) return;
      el.setAttribute("data-drawn", "1");
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Every map is drawn by map_layers.js (shared with the offline map files) from its data,
  // colours included: this file holds no colour of its own.
  function drawMaps(root) {
    if (!window.L || !window.JunhengMap) return;
    root.querySelectorAll(".map:not([data-drawn])").forEach(function (el) {
      var data = readJson(el);
      if (!data) return;
      el.setAttribute("data-drawn", "1");
      window.JunhengMap.draw(el, data);
    });
  }

  function draw(root) { drawCharts(root); drawMaps(root); }

  // A form with data-busy (an upload that takes seconds to check): once submitted, its
  // button is disabled and says what is happening, so it is not sent twice (review rw 14).
  function markBusy(event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-busy")) return;
    form.querySelectorAll('button[type="submit"], button:not([type])').forEach(function (button) {
      if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
      button.textContent = form.getAttribute("data-busy");
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    });
  }

  // Back to a page kept by the browser: its buttons work again.
  function clearBusy() {
    document.querySelectorAll("button[data-label]").forEach(function (button) {
      button.textContent = button.getAttribute("data-label");
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("submit", markBusy);
  window.addEventListener("pageshow", clearBusy);
  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var meta = document.querySelector('meta[name="csrf-token"]');
    document.body.addEventListener("htmx:configRequest", function (event) {
      if (meta) event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    });
    document.body.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
    // A report file of the evaluation pages is ready (routers.deliverables.prepare): save it.
    document.body.addEventListener("report-file-ready", function (event) {
      if (event.detail && event.detail.url) window.location.assign(event.detail.url);
    });
  });
})();
