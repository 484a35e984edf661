// Draws one junheng map (Leaflet, no tiles, no requests) from its data: town areas with their
// names, zone areas, villages, flow lines, schools with labels, a legend, a north arrow, a scale
// bar and the note on where the town boundaries come from. The web pages (app.js) and the
// offline map files (inlined by report/map_parts.py) both call JunhengMap.draw, so every map
// junheng draws looks and is coloured alike; the colours come in the data (model/labels.py).
(function () {
  "use strict";

  // Leaflet tooltips are HTML: every value from the data goes through esc().
  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var LABEL_ZOOM = 12;  // from this zoom on, every school's name is written, not only the major

  // Layers are made first and added once the map has its view (Leaflet clips lines to it).
  function label(layers, lat, lon, text, className, above) {
    var marker = L.marker([lat, lon], {
      interactive: false, keyboard: false, zIndexOffset: above ? 1000 : 0,
      icon: L.divIcon({ className: "map-label " + className, html: esc(text), iconSize: null })
    });
    layers.push(marker);
    return marker;
  }

  // Where a label may go around its point (margins in px): below the mark first, then above,
  // right and left of it; the last resort is the first place (the label is written anyway).
  var PLACES = [[12, 0], [-14, 0], [0, 1], [0, -1]];

  function rect(el) { return el.getBoundingClientRect(); }

  function overlaps(r, kept) {
    return kept.some(function (k) {
      return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom;
    });
  }

  // A label that should be written (a 新建/扩建 school, a kept 教学点) takes the first of
  // PLACES where it overlaps nothing written before it; with no free place it is null and the
  // label waits for a closer zoom (review rv2 finding 12: five such names in 城关街道 were one
  // blob at the default zoom). Its mark keeps the name as a tooltip.
  function place(el, kept) {
    for (var i = 0; i < PLACES.length; i++) {
      var top = PLACES[i][0], side = PLACES[i][1];
      el.style.marginTop = top + "px";
      el.style.marginLeft = side ? side * (el.offsetWidth / 2 + 8) + "px" : "";
      var r = rect(el);
      if (!overlaps(r, kept)) return r;
    }
    el.style.marginTop = PLACES[0][0] + "px"; el.style.marginLeft = "";
    return null;
  }

  // Labels that would overlap one written before them are hidden at this zoom (class
  // "crowded"), so a county town of many schools stays legible; zooming in writes them, and
  // every school mark names its school on hover. The towns' names come first and are never
  // hidden (the legend says each town is named); then the labels of the schools the plan
  // acts on (``must``: 新建/扩建 and kept 教学点), each moved around its mark to a free place;
  // then the other major schools, then the minor ones.
  function declutter(towns, must, others) {
    var kept = [];
    towns.concat(must).forEach(function (m) {
      var el = m.getElement && m.getElement();
      if (!el) return;
      el.classList.remove("crowded");
      var r = towns.indexOf(m) >= 0 ? rect(el) : place(el, kept);
      if (!r) el.classList.add("crowded");
      else if (r.width && r.height) kept.push(r);
    });
    others.forEach(function (m) {
      var el = m.getElement && m.getElement();
      if (!el) return;
      el.classList.remove("crowded");
      var r = rect(el);
      if (!r.width || !r.height) return;  // not shown (a minor label below LABEL_ZOOM)
      if (overlaps(r, kept)) el.classList.add("crowded"); else kept.push(r);
    });
  }

  function townLayers(towns, layers) {
    towns.forEach(function (t) {
      layers.push(L.geoJSON(t.geometry, { style: function () {
        return { color: t.border, weight: 1.2, fillColor: t.colour, fillOpacity: 0.35,
                 className: "town-area" };
      } }).bindTooltip(esc(t.name), { sticky: true }));
      layers.towns.push(label(layers, t.lat, t.lon, t.name, "town-label", true));
    });
  }

  function areaLayers(areas, layers) {
    areas.forEach(function (a) {
      var style = { color: a.outline, weight: a.weight, fillColor: a.colour, fillOpacity: 0.55,
                    radius: 5 };
      var layer = a.geometry.type === "Point" ? L.circleMarker([a.lat, a.lon], style)
        : L.geoJSON(a.geometry, { style: function () { return style; } });
      layers.push(layer.bindTooltip(esc(a.tip)));
    });
  }

  function pointLayers(data, layers) {
    (data.villages || []).forEach(function (v) {
      layers.push(L.circleMarker([v.lat, v.lon], { radius: 3.5, color: v.colour, weight: 1,
        fillColor: v.colour, fillOpacity: 0.75 }).bindTooltip(esc(v.tip)));
    });
    (data.lines || []).forEach(function (f) {
      layers.push(L.polyline([f.from, f.to], { color: f.colour, weight: 2, opacity: 0.9,
        dashArray: "6 5" }).bindTooltip(esc(f.tip)));
    });
    (data.schools || []).forEach(function (s) {
      layers.push(L.circleMarker([s.lat, s.lon], { radius: s.radius, color: s.outline,
        weight: 1.5, fillColor: s.colour, fillOpacity: 0.95, className: "school-mark" })
        .bindTooltip(esc(s.tip)));
      var shown = s.major || s.must;
      var m = label(layers, s.lat, s.lon, s.name, "school-label" + (shown ? "" : " minor") +
        (s.must ? " must" : ""));
      (s.must ? layers.must : s.major ? layers.major : layers.minor).push(m);
    });
  }

  // The legend folds under its summary 图例; on a phone (window under 600 px) it starts
  // folded, since open it covered two thirds of the map (review rw 7).
  function legend(map, items, note) {
    var box = L.control({ position: "topright" });
    box.onAdd = function () {
      var div = L.DomUtil.create("details", "map-legend");
      var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
      if (!narrow) div.setAttribute("open", "");
      div.innerHTML = "<summary>图例</summary>" + items.map(function (i) {
        return '<div class="legend-item"><i class="key ' + esc(i.kind) + '" style="--c:' +
          esc(i.colour) + '"></i>' + esc(i.label) + "</div>";
      }).join("") + (note ? '<div class="map-note">' + esc(note) + "</div>" : "");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    box.addTo(map);
  }

  function northArrow(map) {
    var arrow = L.control({ position: "topleft" });
    arrow.onAdd = function () {
      var div = L.DomUtil.create("div", "north-arrow");
      div.setAttribute("title", "指北针");
      div.innerHTML = '<svg width="26" height="34" viewBox="0 0 26 34" aria-hidden="true">' +
        '<polygon points="13,2 22,26 13,20 4,26" fill="currentColor"/></svg><b>北</b>';
      return div;
    };
    arrow.addTo(map);
  }

  function draw(el, data) {
    // Quarter zoom steps: the county fills the box instead of a third of it (review 13).
    var map = L.map(el, { zoomControl: false, attributionControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(map);
    var layers = [];
    layers.towns = []; layers.must = []; layers.major = []; layers.minor = [];
    townLayers(data.towns || [], layers);
    areaLayers(data.areas || [], layers);
    pointLayers(data, layers);
    var group = L.featureGroup(layers);
    var bounds = group.getBounds();
    legend(map, data.legend || [], data.note);
    northArrow(map);
    L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);
    function zoomed() {
      el.classList.toggle("labels-all", map.getZoom() >= LABEL_ZOOM);
      declutter(layers.towns, layers.must, layers.major.concat(layers.minor));
    }
    map.on("zoomend", zoomed);
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.03)); else map.setView([34.6, 112.4], 9);
    group.addTo(map);
    zoomed();
    return map;
  }

  window.JunhengMap = { draw: draw, esc: esc };
})();
