"""The files of a zoning plan: zones.csv (block → school), zones.geojson (dissolved zones),
zones.xlsx (before/after per school and county totals) and map.html (offline Leaflet).

A zone's area is the union of its polygon blocks or, for point blocks (a county's 村居), of
their Voronoi cells clipped to the county outline, as :mod:`junheng.geo.towns` draws towns;
zones are coloured greedily so that neighbouring zones differ (review finding 13)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping

from junheng.geo.towns import TownAreas, colour_indices, label_point, towns_from_points
from junheng.io.excel import new_workbook
from junheng.model.labels import MAP_COLOURS
from junheng.model.labels import SCHOOL_PALETTE as PALETTE
from junheng.report.map_parts import offline_map_html, town_layer, town_legend, town_note
from junheng.report.sheet_rows import rows_or_none
from junheng.zones.build import centres
from junheng.zones.crossing import block_labels
from junheng.zones.io import ZoneInput
from junheng.zones.summary import (
    HEADINGS,
    PER_SCHOOL_COLUMNS,
    RATIO_NOTES,
    TOTAL_LABELS,
    per_school,
    totals,
)


def write_zone_outputs(data: ZoneInput, school: np.ndarray, out: Path, *,
                       title: str = "就近划片方案", towns: TownAreas | None = None,
                       notes: list[str] | tuple[str, ...] = (), comparisons=()) -> list[Path]:
    """Write the four files into ``out``; return their paths. ``towns``: the towns the map
    draws under the zones (none when not given); ``notes``: the run's warnings, written
    under the county figures; ``comparisons``: staff plans against the plans under their
    caps (:class:`~junheng.jobs.zones_staff.StaffComparison`), a sheet of zones.xlsx and
    zones_vs_staff.csv (every plan block by block)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = per_school(data.problem, school, data.schools.names, data.schools.enrolled,
                      data.blocks.children)
    areas = zone_areas(data, school)
    paths = [write_csv(data, school, out / "zones.csv"),
             write_geojson(areas, rows, out / "zones.geojson"),
             write_xlsx(data, school, rows, out / "zones.xlsx", notes, comparisons)]
    if comparisons:
        paths.append(write_staff_csv(data, comparisons, out / "zones_vs_staff.csv"))
    (out / "map.html").write_text(map_html(data, school, rows, title, towns=towns, areas=areas),
                                  encoding="utf-8")
    return [*paths, out / "map.html"]


#: zones.csv's column of the pupils before 现状按在校生校准 (county data).
CHILDREN_COLUMN = "推算学生数（按村居适龄儿童，未校准）"


def write_csv(data: ZoneInput, school: np.ndarray, path: Path) -> Path:
    """zones.csv; with the 乡镇 of county data also each block's 乡镇 and 跨乡镇调整 (否, 是,
    or 是 with “跨乡镇且未缓解超容量，建议保留原划片”, :mod:`junheng.zones.crossing`)."""
    p, names, children = data.problem, data.schools.names, data.blocks.children
    crossing = None if data.towns is None else block_labels(p, school)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["地块", "学生数", "现学校", "划入学校", "是否调整", "距离（公里）"]
                   + ([] if children is None else [CHILDREN_COLUMN])
                   + ([] if crossing is None else ["乡镇", "跨乡镇调整"]))
        for i, block in enumerate(data.blocks.names):
            cur = p.current[i]
            w.writerow([block, f"{p.pupils[i]:g}", names[cur] if cur >= 0 else "",
                        names[school[i]], "是" if cur >= 0 and cur != school[i] else "否",
                        f"{p.distance[i, school[i]]:.2f}"]
                       + ([] if children is None else [f"{children[i]:g}"])
                       + ([] if crossing is None else [data.towns[0][i], crossing[i]]))
    return path


def zone_areas(data: ZoneInput, school: np.ndarray) -> list:
    """Each school's zone as an area (lon/lat): the union of its blocks when they are
    polygons, else of their Voronoi cells within the county outline (the convex hull of
    the blocks widened by 2 km, as the towns drawn from villages)."""
    school = np.asarray(school, np.int64)
    geoms = np.asarray(data.blocks.geometries, dtype=object)
    k = len(data.schools.names)
    if all(g.geom_type.endswith("Polygon") for g in geoms):
        return [shapely.union_all(geoms[school == s]) for s in range(k)]
    xy = centres(data.blocks)
    cells = point_zone_areas(xy[:, 0], xy[:, 1], school, k)
    return [cell or shapely.union_all(geoms[school == s]) for s, cell in enumerate(cells)]


def point_zone_areas(lon, lat, school, k: int) -> list:
    """The zone of each of ``k`` schools drawn from its blocks' points: their Voronoi cells
    dissolved, within the points' convex hull widened by 2 km (None: a school without a
    block with coordinates). The downloaded map and the web page both draw these.

    Two zones of points on a line meet half-way between 112.41° and 112.43°:

    >>> areas = point_zone_areas([112.40, 112.41, 112.43], [34.6, 34.6, 34.6], [0, 0, 1], 3)
    >>> round(areas[0].bounds[2], 4), round(areas[1].bounds[0], 4), areas[2]
    (112.42, 112.42, None)
    """
    codes = [str(int(s)) for s in np.asarray(school, np.int64)]
    cells = {a.code: a.geometry for a in towns_from_points(lon, lat, codes).areas}
    return [cells.get(str(s)) for s in range(k)]


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


def write_geojson(areas: list, rows: list[dict], path: Path) -> Path:
    features = []
    for shape, row in zip(areas, rows, strict=True):
        features.append({"type": "Feature", "geometry": mapping(shape),
                         "properties": {k: row[k] for k in ("学校", "容量", "方案学生", "方案利用率")}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), encoding="utf-8")
    return path


def write_xlsx(data: ZoneInput, school: np.ndarray, rows: list[dict], path: Path,
               notes: list[str] | tuple[str, ...] = (), comparisons=()) -> Path:
    book = new_workbook(path)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("各校前后对比")
    sheet.write_row(0, 0, [HEADINGS.get(c, c) for c in PER_SCHOOL_COLUMNS], bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row[c] for c in PER_SCHOOL_COLUMNS])
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(PER_SCHOOL_COLUMNS) - 1, 13)
    county = book.add_worksheet("全县汇总")
    figures = totals(data.problem, school)
    for r, (key, value) in enumerate(figures.items()):
        county.write(r, 0, TOTAL_LABELS.get(key, key), bold)
        county.write(r, 1, f"{value:.2%}" if key.endswith("比例") else value)
    r = len(figures) + 1
    for heading, lines in (("说明", notes), ("比例的含义", RATIO_NOTES)):
        for n, line in enumerate(lines):
            county.write(r, 0, "" if n else heading, bold)
            county.write(r, 1, line)
            r += 1
    county.set_column(0, 0, 32)
    _moved_sheet(book.add_worksheet("调整学区的地块"), data, school, bold)
    if comparisons:
        table = [c.row() for c in comparisons]
        sheet = book.add_worksheet("人工方案对比")
        sheet.write_row(0, 0, list(table[0]), bold)
        for r, row in enumerate(table, start=1):
            sheet.write_row(r, 0, list(row.values()))
        sheet.set_column(0, len(table[0]) - 1, 16)
    book.close()
    return path


def _moved_sheet(sheet, data: ZoneInput, school: np.ndarray, bold) -> None:
    """The blocks zoned to another school than today, with 跨乡镇调整 for county data."""
    p, names = data.problem, data.schools.names
    crossing = None if data.towns is None else block_labels(p, school)
    sheet.write_row(0, 0, ["地块", "学生数", "现学校", "划入学校", "距离（公里）"]
                    + ([] if crossing is None else ["乡镇", "跨乡镇调整"]), bold)
    moved = np.nonzero((p.current >= 0) & (np.asarray(school) != p.current))[0].tolist()
    rows = [[data.blocks.names[i], float(p.pupils[i]), names[p.current[i]], names[school[i]],
             round(float(p.distance[i, school[i]]), 2)]
            + ([] if crossing is None else [data.towns[0][i], crossing[i]]) for i in moved]
    for r, row in enumerate(rows_or_none(sheet.name, rows), start=1):
        sheet.write_row(r, 0, row)
    sheet.set_column(0, 3, 20)
    sheet.set_column(6, 6, 40)


def map_html(data: ZoneInput, school: np.ndarray, rows: list[dict], title: str, *,
             towns: TownAreas | None = None, areas: list | None = None) -> str:
    """A self-contained page: zones coloured, changed blocks outlined red, schools with use,
    the towns of ``towns`` (a boundary file's or the county's villages') under them."""
    return offline_map_html(title, zones_map_data(data, school, rows, towns, areas))


_LABELLED_SCHOOLS = 40  # more schools than this: only the larger ones are named at first


def zone_colours(areas: list) -> list[str]:
    """A colour per zone, neighbouring (touching) zones apart (greedy, :func:`colour_indices`).

    >>> from shapely.geometry import box
    >>> zone_colours([box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)]) == [PALETTE[0], PALETTE[1], PALETTE[0]]
    True
    """
    return [PALETTE[c] for c in colour_indices(areas, len(PALETTE))]


def zones_map_data(data: ZoneInput, school: np.ndarray, rows: list[dict],
                   towns: TownAreas | None = None, areas: list | None = None) -> dict:
    """The map's data (see :mod:`junheng.report.map_parts`): each zone's area (point blocks)
    or its blocks (polygons) in its zone's colour, then the blocks, then the schools."""
    p, geoms = data.problem, data.blocks.geometries
    school = np.asarray(school, np.int64)
    areas = zone_areas(data, school) if areas is None else areas
    colour = zone_colours(areas)
    points = not all(g.geom_type.endswith("Polygon") for g in geoms)
    zones = [{"geometry": mapping(area), "lat": label_point(area)[1],
              "lon": label_point(area)[0], "colour": colour[s],
              "outline": MAP_COLOURS["zone_border"], "weight": 1.2,
              "tip": f"{row['学校']}学区：{row['方案学生']} 人，学位 {row['容量']} 个"}
             for s, (area, row) in enumerate(zip(areas, rows, strict=True))] if points else []
    xy = centres(data.blocks)
    blocks = []
    for i in range(p.n):
        if p.pupils[i] <= 0 and i in set(p.root.tolist()):
            continue  # a school's own block: the school's mark stands for it
        changed = bool(p.current[i] >= 0 and p.current[i] != school[i])
        blocks.append({"geometry": mapping(geoms[i]), "lat": float(xy[i, 1]),
                       "lon": float(xy[i, 0]), "colour": colour[school[i]],
                       "outline": MAP_COLOURS["changed" if changed else "zone_border"],
                       "weight": 3 if changed else 0.5,
                       "tip": f"{data.blocks.names[i]}：{p.pupils[i]:g} 人 → "
                              f"{data.schools.names[school[i]]}"})
    big = set(np.argsort(-p.capacity, kind="stable")[:_LABELLED_SCHOOLS].tolist())
    schools = [{"lat": float(data.schools.lat[s]), "lon": float(data.schools.lon[s]),
                "name": row["学校"], "colour": colour[s],
                "outline": MAP_COLOURS["school_outline"], "radius": 9, "major": s in big,
                "tip": f"{row['学校']}：{row['方案学生']} / {row['容量']} 人（{row['方案利用率']}）"}
               for s, row in enumerate(rows)]
    legend = [{"kind": "area", "colour": colour[0], "label": "学区（颜色区分所划学校，相邻学区不同色）"},
              {"kind": "outline", "colour": MAP_COLOURS["changed"], "label": "调整学区的地块"},
              {"kind": "dot", "colour": colour[0], "label": "学校（提示：学生 / 学位）"}]
    return {"towns": town_layer(towns), "areas": zones + blocks, "schools": schools,
            "legend": legend + town_legend(towns), "note": town_note(towns)}
