"""A self-contained offline map of a layout plan: Leaflet inlined, no tiles, no requests."""

from __future__ import annotations

from pathlib import Path

from junheng.model.labels import ACTION_COLOURS, ACTION_LABELS
from junheng.model.labels import SCHOOL_PALETTE as PALETTE
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.html_safety import ESCAPE_JS, csp_meta, esc, script_json
from junheng.report.offline_assets import vendor_text


def layout_map_html(plan: LayoutOutcome, villages: list[dict], *, title: str | None = None
                    ) -> str:
    """The map page as a string. ``villages``: [{village_code, name, lon, lat}]."""
    payload = script_json({"schools": _school_points(plan),
                           "villages": _village_points(plan, villages), "flows": _flows(plan)})
    heading = esc(title or f"布局调整方案：{plan.scenario}（目标学年 {plan.target_year}）")
    leaflet = vendor_text("leaflet.js")
    app = f"{ESCAPE_JS}\nconst data = {payload};\n{_MAP_JS}"
    return _PAGE.format(title=heading, css=vendor_text("leaflet.css"), csp=csp_meta([leaflet, app]),
                        js=leaflet, app=app,
                        legend="".join(f'<div><span style="background:{c}"></span>{ACTION_LABELS[a]}</div>'
                                       for a, c in ACTION_COLOURS.items()))


def _village_points(plan: LayoutOutcome, villages: list[dict]) -> list[dict]:
    """Villages coloured by the school their grades 4–6 attend."""
    colour = {s.school_id: PALETTE[i % len(PALETTE)] for i, s in enumerate(
        x for x in plan.schools if x.action != "close")}
    places = {v["village_code"]: v for v in villages}
    names = plan.names
    points = []
    for a in plan.assignments:
        v = places.get(a.village_id)
        if a.stage_group != "grades_4_6" or v is None:
            continue
        points.append({"lat": v["lat"], "lon": v["lon"], "name": v["name"],
                       "school": names[a.school_id], "colour": colour.get(a.school_id, "#555"),
                       "students": a.students, "minutes": a.travel_min})
    return points


def _flows(plan: LayoutOutcome) -> list[dict]:
    by_school = {s.school_id: s for s in plan.schools}
    return [{"from": [s.lat, s.lon], "to": [t.lat, t.lon], "label": f"{s.name} 并入 {t.name}"}
            for s in plan.schools
            if s.action == "close" and (t := by_school.get(s.merged_into)) is not None]


def _school_points(plan: LayoutOutcome) -> list[dict]:
    return [{"lat": s.lat, "lon": s.lon, "name": s.name, "action": s.action,
             "label": ACTION_LABELS[s.action], "colour": ACTION_COLOURS[s.action],
             "students": s.students_after["primary"] + s.students_after["junior"],
             "phase": s.phase} for s in plan.schools]


def write_layout_map(plan: LayoutOutcome, villages: list[dict], path: str | Path) -> Path:
    path = Path(path)
    path.write_text(layout_map_html(plan, villages), encoding="utf-8")
    return path


_MAP_JS = """
const map = L.map('map', { zoomControl: true, attributionControl: false });
const layers = [];
for (const v of data.villages) {
  layers.push(L.circleMarker([v.lat, v.lon], { radius: 4, color: v.colour, weight: 1,
    fillOpacity: 0.7 }).bindTooltip(`${esc(v.name)}：${esc(v.students)} 人 → ${esc(v.school)}（${esc(v.minutes)} 分钟）`));
}
for (const f of data.flows) {
  layers.push(L.polyline([f.from, f.to], { color: '#636363', dashArray: '6 6', weight: 2 })
    .bindTooltip(esc(f.label)));
}
for (const s of data.schools) {
  layers.push(L.circleMarker([s.lat, s.lon], { radius: s.action === 'close' ? 6 : 9,
    color: '#222', weight: 1, fillColor: s.colour, fillOpacity: 0.9 })
    .bindPopup(`<b>${esc(s.name)}</b><br>${esc(s.label)}${s.phase ? '（第 ' + esc(s.phase) + ' 期）' : ''}<br>规划后 ${esc(s.students)} 人`));
}
const group = L.featureGroup(layers).addTo(map);
if (layers.length) { map.fitBounds(group.getBounds().pad(0.05)); } else { map.setView([34.6, 112.4], 9); }
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{csp}
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{css}</style>
<style>
body {{ margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }}
h1 {{ font-size: 18px; margin: 8px 12px; }}
#map {{ position: absolute; top: 40px; bottom: 0; left: 0; right: 0; background: #f4f1ea; }}
.legend {{ position: absolute; right: 12px; top: 52px; z-index: 1000; background: #fff;
  padding: 8px 10px; border: 1px solid #ccc; font-size: 13px; line-height: 20px; }}
.legend span {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px;
  margin-right: 6px; vertical-align: middle; }}
</style></head>
<body><h1>{title}</h1><div id="map"></div>
<div class="legend"><b>学校</b>{legend}<div>小圆点：村居（颜色为四至六年级就读学校）</div><div>虚线：撤并学生流向</div></div>
<script>{js}</script>
<script>{app}</script>
</body></html>
"""
