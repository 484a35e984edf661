// Draws the server-built charts (ECharts) and maps (Leaflet, no tile server) and sends the
// CSRF token with every htmx request. Data comes in <script type="application/json"> blocks.
(function () {
  "use strict";

  // Leaflet tooltips are HTML: every value from the data goes through esc().
  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

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

  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7",
                 "#9c755f", "#e15759", "#bab0ac"];

  function colourOf(id, index) {
    if (!id) return "#9aa5b1";
    if (!(id in index)) index[id] = PALETTE[Object.keys(index).length % PALETTE.length];
    return index[id];
  }

  function hull(points) {
    // Andrew's monotone chain: the county outline drawn from its own points (no tiles).
    var p = points.slice().sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });
    if (p.length < 3) return p;
    function cross(o, a, b) { return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]); }
    var lower = [], upper = [];
    p.forEach(function (q) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
      lower.push(q);
    });
    p.slice().reverse().forEach(function (q) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
      upper.push(q);
    });
    upper.pop(); lower.pop();
    return lower.concat(upper);
  }

  function drawMaps(root) {
    if (!window.L) return;
    root.querySelectorAll(".map:not([data-drawn])").forEach(function (el) {
      var data = readJson(el);
      if (!data) return;
      el.setAttribute("data-drawn", "1");
      var map = L.map(el, { zoomControl: true, attributionControl: false, preferCanvas: true });
      var all = [];
      var schoolColours = {};
      (data.schools || []).forEach(function (s) {
        if (!s.colour) colourOf(s.id, schoolColours);
      });
      (data.villages || []).forEach(function (v) {
        all.push([v.lat, v.lon]);
        L.circleMarker([v.lat, v.lon], {
          radius: 3, weight: 0, fillOpacity: 0.75,
          fillColor: v.school ? colourOf(v.school, schoolColours) : "#9aa5b1"
        }).bindTooltip(esc(v.name) + (v.children !== undefined ? "（学龄儿童 " + esc(v.children) + " 人）" : "")).addTo(map);
      });
      (data.flows || []).forEach(function (f) {
        L.polyline(f, { color: "#c0392b", weight: 1.5, opacity: 0.8, dashArray: "4 3" }).addTo(map);
      });
      (data.schools || []).forEach(function (s) {
        all.push([s.lat, s.lon]);
        var colour = s.colour || (s.kind === "teaching_point" ? "#e69f00" : "#1d4e89");
        L.circleMarker([s.lat, s.lon], {
          radius: s.kind === "teaching_point" ? 4 : 6, color: "#ffffff", weight: 1,
          fillColor: colour, fillOpacity: 0.95
        }).bindTooltip(esc(s.name) + (s.label ? "：" + esc(s.label) : "") + (s.type ? "（" + esc(s.type) + "）" : "")).addTo(map);
      });
      if (all.length >= 3) {
        L.polygon(hull(all), { color: "#52606d", weight: 1, fill: false, dashArray: "6 4" }).addTo(map);
      }
      if (all.length) map.fitBounds(L.latLngBounds(all).pad(0.05));
      else map.setView([34.6, 112.4], 9);
    });
  }

  function draw(root) { drawCharts(root); drawMaps(root); }

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
  });
})();
