"""The files of a zoning plan: zones.csv (block → school), zones.geojson (dissolved zones),
zones.xlsx (before/after per school and county totals) and map.html (offline Leaflet)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import shapely
import xlsxwriter
from shapely.geometry import mapping

from junheng.report.html_safety import ESCAPE_JS, csp_meta, esc, script_json
from junheng.report.layout_map import PALETTE
from junheng.report.offline_assets import vendor_text
from junheng.zones.build import centres
from junheng.zones.io import ZoneInput
from junheng.zones.summary import PER_SCHOOL_COLUMNS, per_school, totals


def write_zone_outputs(data: ZoneInput, school: np.ndarray, out: Path, *,
                       title: str = "就近划片方案") -> list[Path]:
    """Write the four files into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rows = per_school(data.problem, school, data.schools.names)
    paths = [write_csv(data, school, out / "zones.csv"),
             write_geojson(data, school, rows, out / "zones.geojson"),
             write_xlsx(data, school, rows, out / "zones.xlsx")]
    (out / "map.html").write_text(map_html(data, school, rows, title), encoding="utf-8")
    return [*paths, out / "map.html"]


def write_csv(data: ZoneInput, school: np.ndarray, path: Path) -> Path:
    p, names = data.problem, data.schools.names
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["地块", "学生数", "现学校", "划入学校", "是否调整", "距离（公里）"])
        for i, block in enumerate(data.blocks.names):
            cur = p.current[i]
            w.writerow([block, f"{p.pupils[i]:g}", names[cur] if cur >= 0 else "",
                        names[school[i]], "是" if cur >= 0 and cur != school[i] else "否",
                        f"{p.distance[i, school[i]]:.2f}"])
    return path


def write_geojson(data: ZoneInput, school: np.ndarray, rows: list[dict], path: Path) -> Path:
    geoms = np.asarray(data.blocks.geometries, dtype=object)
    features = []
    for s, row in enumerate(rows):
        shape = shapely.union_all(geoms[school == s])
        features.append({"type": "Feature", "geometry": mapping(shape),
                         "properties": {k: row[k] for k in ("学校", "容量", "方案学生", "方案利用率")}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), encoding="utf-8")
    return path


def write_xlsx(data: ZoneInput, school: np.ndarray, rows: list[dict], path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("各校前后对比")
    sheet.write_row(0, 0, PER_SCHOOL_COLUMNS, bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row[c] for c in PER_SCHOOL_COLUMNS])
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(PER_SCHOOL_COLUMNS) - 1, 13)
    county = book.add_worksheet("全县汇总")
    for r, (key, value) in enumerate(totals(data.problem, school).items()):
        county.write(r, 0, key, bold)
        county.write(r, 1, f"{value:.2%}" if key.endswith("比例") else value)
    county.set_column(0, 0, 20)
    book.close()
    return path


def map_html(data: ZoneInput, school: np.ndarray, rows: list[dict], title: str) -> str:
    """A self-contained page: zones coloured, changed blocks outlined red, schools with use."""
    p, geoms = data.problem, data.blocks.geometries
    xy = centres(data.blocks)
    blocks = [{"geometry": mapping(geoms[i]), "lat": float(xy[i, 1]), "lon": float(xy[i, 0]),
               "colour": PALETTE[int(school[i]) % len(PALETTE)],
               "changed": bool(p.current[i] >= 0 and p.current[i] != school[i]),
               "label": f"{data.blocks.names[i]}：{p.pupils[i]:g} 人 → "
                        f"{data.schools.names[school[i]]}"} for i in range(p.n)]
    schools = [{"lat": float(data.schools.lat[s]), "lon": float(data.schools.lon[s]),
                "colour": PALETTE[s % len(PALETTE)],
                "label": f"{row['学校']}：{row['方案学生']} / {row['容量']} 人（{row['方案利用率']}）"}
               for s, row in enumerate(rows)]
    leaflet = vendor_text("leaflet.js")
    app = f"{ESCAPE_JS}\nconst data = {script_json({'blocks': blocks, 'schools': schools})};\n{_JS}"
    return _PAGE.format(title=esc(title), css=vendor_text("leaflet.css"),
                        csp=csp_meta([leaflet, app]), js=leaflet, app=app)


_JS = """
const map = L.map('map', { attributionControl: false });
const layers = [];
for (const b of data.blocks) {
  const style = { color: b.changed ? '#d00' : '#555', weight: b.changed ? 3 : 0.5,
                  fillColor: b.colour, fillOpacity: 0.55, radius: 5 };
  const g = b.geometry.type === 'Point' ? L.circleMarker([b.lat, b.lon], style)
                                         : L.geoJSON(b.geometry, { style: () => style });
  layers.push(g.bindTooltip(esc(b.label)));
}
for (const s of data.schools) {
  layers.push(L.circleMarker([s.lat, s.lon], { radius: 9, color: '#000', weight: 2,
    fillColor: s.colour, fillOpacity: 1 }).bindTooltip(esc(s.label)));
}
const group = L.featureGroup(layers).addTo(map);
if (layers.length) { map.fitBounds(group.getBounds().pad(0.05)); } else { map.setView([34.6, 112.4], 9); }
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{csp}
<title>{title}</title>
<style>{css}</style>
<style>
body {{ margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }}
h1 {{ font-size: 18px; margin: 8px 12px; }}
#map {{ position: absolute; top: 40px; bottom: 0; left: 0; right: 0; background: #f4f1ea; }}
.legend {{ position: absolute; right: 12px; top: 52px; z-index: 1000; background: #fff;
  padding: 8px 10px; border: 1px solid #ccc; font-size: 13px; line-height: 20px; }}
</style></head>
<body><h1>{title}</h1><div id="map"></div>
<div class="legend">颜色：所划学校；红色描边：调整学区的地块；大圆点：学校（学生 / 学位）</div>
<script>{js}</script>
<script>{app}</script>
</body></html>
"""
