// 就近划片 maps: each zone's area (its villages' Voronoi cells dissolved, as in the downloaded
// map) coloured so that touching zones differ, villages in their zone's colour with those that
// change zone outlined red, schools as large dots. Offline Leaflet (no tiles); data from a
// JSON block.
(function () {
  "use strict";

  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function drawZoneMaps() {
    if (!window.L) return;
    document.querySelectorAll(".zone-map:not([data-drawn])").forEach(function (el) {
      var block = el.querySelector('script[type="application/json"]');
      if (!block) return;
      var data = JSON.parse(block.textContent);
      el.setAttribute("data-drawn", "1");
      var map = L.map(el, { zoomControl: false, attributionControl: false, preferCanvas: true });
      L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(map);
      var all = [];
      var areas = L.svg();  // zones as SVG paths (class zone-area) under the canvas dots
      (data.zones || []).forEach(function (z) {
        var area = L.geoJSON(z.geometry, {
          renderer: areas,
          style: { color: "#444", weight: 1.2, fillColor: z.colour, fillOpacity: 0.35,
                   className: "zone-area" }
        }).bindTooltip(esc(z.label), { sticky: true }).addTo(map);
        var box = area.getBounds();
        if (box.isValid()) all.push(box.getSouthWest(), box.getNorthEast());
      });
      data.blocks.forEach(function (b) {
        all.push([b.lat, b.lon]);
        L.circleMarker([b.lat, b.lon], {
          radius: 5, color: b.changed ? "#d00" : "#555", weight: b.changed ? 3 : 0.5,
          fillColor: b.colour, fillOpacity: 0.75
        }).bindTooltip(esc(b.label)).addTo(map);
      });
      data.schools.forEach(function (s) {
        all.push([s.lat, s.lon]);
        L.circleMarker([s.lat, s.lon], {
          radius: 9, color: "#000", weight: 2, fillColor: s.colour, fillOpacity: 1
        }).bindTooltip(esc(s.label)).addTo(map);
      });
      if (all.length) map.fitBounds(L.latLngBounds(all).pad(0.05));
      else map.setView([34.6, 112.4], 9);
    });
  }

  document.addEventListener("DOMContentLoaded", drawZoneMaps);
})();
