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

from junheng.geo.towns import TownAreas
from junheng.model.labels import MAP_COLOURS
from junheng.model.labels import SCHOOL_PALETTE as PALETTE
from junheng.report.map_parts import offline_map_html, town_layer, town_legend, town_note
from junheng.zones.build import centres
from junheng.zones.io import ZoneInput
from junheng.zones.summary import HEADINGS, PER_SCHOOL_COLUMNS, per_school, totals


def write_zone_outputs(data: ZoneInput, school: np.ndarray, out: Path, *,
                       title: str = "就近划片方案", towns: TownAreas | None = None,
                       notes: list[str] | tuple[str, ...] = (), comparisons=()) -> list[Path]:
    """Write the four files into ``out``; return their paths. ``towns``: the towns the map
    draws under the zones (none when not given); ``notes``: the run's warnings, written
    under the county figures; ``comparisons``: staff plans against the plans under their
    caps (:class:`~junheng.jobs.zones_staff.StaffComparison`), a sheet of zones.xlsx and
    zones_vs_staff.csv (every plan block by block)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = per_school(data.problem, school, data.schools.names, data.schools.enrolled)
    paths = [write_csv(data, school, out / "zones.csv"),
             write_geojson(data, school, rows, out / "zones.geojson"),
             write_xlsx(data, school, rows, out / "zones.xlsx", notes, comparisons)]
    if comparisons:
        paths.append(write_staff_csv(data, comparisons, out / "zones_vs_staff.csv"))
    (out / "map.html").write_text(map_html(data, school, rows, title, towns=towns),
                                  encoding="utf-8")
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


def write_staff_csv(data: ZoneInput, comparisons, path: Path) -> Path:
    """地块, 学生数, 现学校, then per staff plan its school and ours under its caps."""
    p, names = data.problem, data.schools.names
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["地块", "学生数", "现学校"] + [h for c in comparisons for h in (
            f"人工方案“{c.name}”", f"本方案（对比“{c.name}”）")])
        for i, block in enumerate(data.blocks.names):
            cells = [block, f"{p.pupils[i]:g}", names[p.current[i]] if p.current[i] >= 0 else ""]
            for c in comparisons:
                cells += [names[c.staff[i]] if c.staff[i] >= 0 else "",
                          names[c.plan.school[i]] if c.found else ""]
            w.writerow(cells)
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


def write_xlsx(data: ZoneInput, school: np.ndarray, rows: list[dict], path: Path,
               notes: list[str] | tuple[str, ...] = (), comparisons=()) -> Path:
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("各校前后对比")
    sheet.write_row(0, 0, [HEADINGS.get(c, c) for c in PER_SCHOOL_COLUMNS], bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row[c] for c in PER_SCHOOL_COLUMNS])
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(PER_SCHOOL_COLUMNS) - 1, 13)
    county = book.add_worksheet("全县汇总")
    for r, (key, value) in enumerate(totals(data.problem, school).items()):
        county.write(r, 0, key, bold)
        county.write(r, 1, f"{value:.2%}" if key.endswith("比例") else value)
    for r, note in enumerate(notes, start=len(totals(data.problem, school)) + 1):
        county.write(r, 0, "说明" if r == len(totals(data.problem, school)) + 1 else "", bold)
        county.write(r, 1, note)
    county.set_column(0, 0, 20)
    if comparisons:
        table = [c.row() for c in comparisons]
        sheet = book.add_worksheet("人工方案对比")
        sheet.write_row(0, 0, list(table[0]), bold)
        for r, row in enumerate(table, start=1):
            sheet.write_row(r, 0, list(row.values()))
        sheet.set_column(0, len(table[0]) - 1, 16)
    book.close()
    return path


def map_html(data: ZoneInput, school: np.ndarray, rows: list[dict], title: str, *,
             towns: TownAreas | None = None) -> str:
    """A self-contained page: zones coloured, changed blocks outlined red, schools with use,
    the towns of ``towns`` (a boundary file's or the county's villages') under them."""
    return offline_map_html(title, zones_map_data(data, school, rows, towns))


_LABELLED_SCHOOLS = 40  # more schools than this: their names are written from zoom 12 on


def zones_map_data(data: ZoneInput, school: np.ndarray, rows: list[dict],
                   towns: TownAreas | None = None) -> dict:
    """The map's data (see :mod:`junheng.report.map_parts`)."""
    p, geoms = data.problem, data.blocks.geometries
    xy = centres(data.blocks)
    blocks = []
    for i in range(p.n):
        changed = bool(p.current[i] >= 0 and p.current[i] != school[i])
        blocks.append({"geometry": mapping(geoms[i]), "lat": float(xy[i, 1]),
                       "lon": float(xy[i, 0]), "colour": PALETTE[int(school[i]) % len(PALETTE)],
                       "outline": MAP_COLOURS["changed" if changed else "zone_border"],
                       "weight": 3 if changed else 0.5,
                       "tip": f"{data.blocks.names[i]}：{p.pupils[i]:g} 人 → "
                              f"{data.schools.names[school[i]]}"})
    schools = [{"lat": float(data.schools.lat[s]), "lon": float(data.schools.lon[s]),
                "name": row["学校"], "colour": PALETTE[s % len(PALETTE)],
                "outline": MAP_COLOURS["school_outline"], "radius": 9,
                "major": len(rows) <= _LABELLED_SCHOOLS,
                "tip": f"{row['学校']}：{row['方案学生']} / {row['容量']} 人（{row['方案利用率']}）"}
               for s, row in enumerate(rows)]
    legend = [{"kind": "area", "colour": PALETTE[0], "label": "地块（颜色区分所划学校）"},
              {"kind": "outline", "colour": MAP_COLOURS["changed"], "label": "调整学区的地块"},
              {"kind": "dot", "colour": PALETTE[0], "label": "学校（提示：学生 / 学位）"}]
    return {"towns": town_layer(towns), "areas": blocks, "schools": schools,
            "legend": legend + town_legend(towns), "note": town_note(towns)}
