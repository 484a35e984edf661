"""What every junheng map shares: the town layer, the legend entries and the offline page.

A map's data is one dict that ``web/static/map_layers.js`` draws (``JunhengMap.draw``), in the
web pages and in the offline files alike::

    {"towns":    [{"code", "name", "colour", "border", "geometry", "lat", "lon"}],
     "areas":    [{"geometry", "lat", "lon", "colour", "outline", "weight", "tip"}],
     "villages": [{"lat", "lon", "colour", "tip"}],
     "lines":    [{"from": [lat, lon], "to": [lat, lon], "colour", "tip"}],
     "schools":  [{"lat", "lon", "name", "colour", "outline", "radius", "major", "must", "tip"}],
     "legend":   [{"kind": "dot|small|line|area|outline", "colour", "label"}],
     "note":     "where the town boundaries come from"}

Every colour comes from :mod:`junheng.model.labels`; every text is Chinese.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import mapping

from junheng.geo.towns import (
    TownAreas,
    colour_indices,
    county_towns,
    label_point,
    towns_from_points,
)
from junheng.model.labels import MAP_COLOURS, SCHOOL_RESULT_COLOURS, TOWN_FILLS
from junheng.model.places import town_label
from junheng.report.html_safety import csp_meta, esc, script_json
from junheng.report.offline_assets import static_text, vendor_text

NO_TOWNS_NOTE = "未提供乡镇界线文件，图中不画乡镇界线。"
_SIMPLIFY_DEGREES = 0.0002  # about 20 m: invisible at county scale, keeps the page small
_PRECISION_DEGREES = 1e-5


def town_layer(towns: TownAreas | None) -> list[dict[str, Any]]:
    """The towns as map data: pale fills (neighbours apart), names at a point inside each."""
    if towns is None:
        return []
    areas = [a for a in towns.areas if not a.geometry.is_empty]
    shapes = [shapely.set_precision(a.geometry.simplify(_SIMPLIFY_DEGREES), _PRECISION_DEGREES)
              for a in areas]
    colours = colour_indices(shapes, len(TOWN_FILLS))
    layer = []
    for area, geometry, colour in zip(areas, shapes, colours, strict=True):
        lon, lat = label_point(area.geometry)
        layer.append({"code": area.code, "name": area.name or town_label(area.code, {}),
                      "colour": TOWN_FILLS[colour], "border": MAP_COLOURS["town_border"],
                      "geometry": mapping(geometry), "lat": round(lat, 6), "lon": round(lon, 6)})
    return layer


def town_legend(towns: TownAreas | None) -> list[dict[str, str]]:
    """The legend entry of the town layer (none without towns)."""
    if towns is None or not towns.areas:
        return []
    return [{"kind": "area", "colour": TOWN_FILLS[0],
             "label": f"乡镇范围（{len(towns.areas)} 个，名称标于其中）"}]


def town_note(towns: TownAreas | None) -> str:
    """The sentence the map shows on where its town boundaries come from."""
    return NO_TOWNS_NOTE if towns is None or not towns.areas else towns.note + "。"


def report_towns(data, layout_plan) -> TownAreas | None:
    """The towns of the evaluation report's map: drawn from the county's villages and schools
    (``data``), else from the layout plan's schools, else none."""
    if data is not None:
        return county_towns(data)
    schools = [s for s in getattr(layout_plan, "schools", ()) if s.town_code and s.lon is not None]
    if not schools:
        return None
    return towns_from_points([s.lon for s in schools], [s.lat for s in schools],
                             [s.town_code for s in schools])


def verdict_map_data(points: list, towns: TownAreas | None) -> dict[str, Any]:
    """The evaluation report's map: schools coloured 达标 / 未达标 / 未评估 over the towns.
    ``points``: :class:`junheng.report.county_rows.SchoolPoint`."""
    schools = [{"lat": p.lat, "lon": p.lon, "name": p.name,
                "colour": SCHOOL_RESULT_COLOURS[p.result], "outline": MAP_COLOURS["school_outline"],
                "radius": 4 if p.result == "未评估" else 7, "major": p.result != "未评估",
                "tip": f"{p.name}（{p.result}）：{p.detail}"} for p in points]
    used = {p.result for p in points}
    legend = [{"kind": "dot", "colour": c, "label": "学校：" + (
        "教学点（并入中心校评估）" if result == "未评估" else result)}
        for result, c in SCHOOL_RESULT_COLOURS.items() if result in used]
    return {"towns": town_layer(towns), "schools": schools,
            "legend": legend + town_legend(towns), "note": town_note(towns)}


def offline_map_html(title: str, data: dict[str, Any]) -> str:
    """A self-contained map page: Leaflet and the shared drawing code inlined, no tiles, no
    requests (a Content-Security-Policy forbids any)."""
    leaflet = vendor_text("leaflet.js")
    layers = static_text("map_layers.js")
    app = (f"const data = {script_json(data)};\n"
           "JunhengMap.draw(document.getElementById('map'), data);\n")
    return _PAGE.format(title=esc(title), csp=csp_meta([leaflet, layers, app]),
                        css=vendor_text("leaflet.css"), map_css=static_text("map.css"),
                        js=leaflet, layers=layers, app=app)


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{csp}
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{css}</style>
<style>{map_css}</style>
<style>
body {{ margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }}
h1 {{ font-size: 18px; margin: 8px 12px; }}
#map {{ position: absolute; top: 40px; bottom: 0; left: 0; right: 0; }}
</style></head>
<body><h1>{title}</h1><div id="map"></div>
<script>{js}</script>
<script>{layers}</script>
<script>{app}</script>
</body></html>
"""
