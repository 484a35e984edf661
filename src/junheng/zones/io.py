"""Zoning input from files: blocks (GeoJSON polygons or points, or CSV points), schools (CSV),
barriers (GeoJSON lines or polygons) and pins (CSV). Every problem is reported in Chinese
with its file, row, column and value, and nothing is solved until all are fixed.

Blocks: an ``id`` (or ``编号``/``name``/``名称``) and pupils in ``students`` (or ``学生数``,
or the field named by ``pupils_field``); optionally the current school (``current_field``).
Schools CSV: ``school,lon,lat,capacity`` (or ``学校,经度,纬度,容量``). Coordinates are WGS84.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, shape

from junheng.errors import Problem, ValidationError
from junheng.zones.problem import ZoneProblem

ID_FIELDS = ("id", "编号", "name", "名称")
PUPIL_FIELDS = ("students", "学生数", "pupils")
SCHOOL_FIELDS = {"school": ("school", "学校"), "lon": ("lon", "经度"), "lat": ("lat", "纬度"),
                 "capacity": ("capacity", "容量")}
EARTH_KM = 6371.0088


@dataclass(frozen=True, eq=False)
class Blocks:
    names: list[str]
    geometries: list
    pupils: np.ndarray
    current: list[str | None]
    staff: dict[str, list[str | None]] | None = None  # staff-drawn plans by field
    first_row: int = 1  # the file row of the first block (2 in a CSV with its header)
    #: Pupils before 现状按在校生校准 (zones.calibrate): the villages' children of the
    #: stage's ages; None when ``pupils`` were not calibrated.
    children: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Schools:
    names: list[str]
    lon: np.ndarray
    lat: np.ndarray
    capacity: np.ndarray
    group: list[str | None] | None = None  # 多校划片: schools of one group share one zone
    enrolled: np.ndarray | None = None  # 在校生 of the stage (county data), for the outputs
    notes: tuple[str, ...] = ()  # what the school set leaves out (民办, 教学点), for the outputs


@dataclass(frozen=True, eq=False)
class ZoneInput:
    """A problem with the names it was built from (for the outputs)."""

    problem: ZoneProblem
    blocks: Blocks
    schools: Schools
    staff: dict[str, np.ndarray] | None = None  # staff plans (school index per block, -1)


def _number(text, problems, where, column, *, signed=False) -> float:
    try:
        value = float(str(text).strip())
        if not np.isfinite(value) or (value < 0 and not signed):
            raise ValueError
        return value
    except (TypeError, ValueError):
        need = "数值（经纬度，度）" if signed else "不小于 0 的数"
        problems.append(Problem(where[0], where[1], column, text, f"应为{need}。"))
        return 0.0


def _pick(row: dict, names: tuple[str, ...]):
    return next((n for n in names if n in row and row[n] not in (None, "")), None)


def read_blocks(path: Path, *, pupils_field: str | None = None,
                current_field: str | None = None, staff_fields: Sequence[str] = ()) -> Blocks:
    """Blocks from GeoJSON (polygons or points) or CSV (``id,lon,lat,students``);
    ``staff_fields``: properties holding staff-drawn plans (a school name per block)."""
    path = Path(path)
    rows, geoms, problems = _block_rows(path)
    names, pupils, current = [], [], []
    staff: dict[str, list[str | None]] = {f: [] for f in staff_fields}
    fields = (pupils_field,) if pupils_field else PUPIL_FIELDS
    first = 2 if path.suffix.lower() == ".csv" else 1  # CSV rows count the header
    for number, row in enumerate(rows, start=first):
        where = (path.name, number)
        key = _pick(row, ID_FIELDS)
        if key is None:
            problems.append(Problem(path.name, number, "id", None, "缺少地块编号。"))
        names.append(str(row.get(key, number)))
        field = _pick(row, fields)
        pupils.append(_number(row.get(field) if field else None, problems, where,
                              field or fields[0]))
        current.append(None if not current_field or row.get(current_field) in (None, "")
                       else str(row[current_field]))
        for f, plan in staff.items():
            plan.append(None if row.get(f) in (None, "") else str(row[f]))
    problems += [Problem(path.name, None, f, None, "地块文件中没有这个人工方案字段。")
                 for f in staff if rows and all(row.get(f) in (None, "") for row in rows)]
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=first):
        if name in seen:
            problems.append(Problem(path.name, number, "id", name, "地块编号重复。"))
        seen[name] = number
    if not rows:
        problems.append(Problem(path.name, None, None, None, "文件中没有地块。"))
    if problems:
        raise ValidationError(problems)
    return Blocks(names, geoms, np.array(pupils), current, staff or None, first)


def _block_rows(path: Path) -> tuple[list[dict], list, list[Problem]]:
    problems: list[Problem] = []
    if not path.exists():
        raise ValidationError([Problem(path.name, None, None, str(path), "文件不存在。")])
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        geoms = []
        for number, row in enumerate(rows, start=2):
            lon = _number(row.get("lon", row.get("经度")), problems, (path.name, number), "lon",
                          signed=True)
            lat = _number(row.get("lat", row.get("纬度")), problems, (path.name, number), "lat",
                          signed=True)
            geoms.append(Point(lon, lat))
        return rows, geoms, problems
    if path.suffix.lower() == ".shp":
        return (*_shapefile_rows(path), problems)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        features = document["features"]
    except (ValueError, KeyError, TypeError):
        raise ValidationError([Problem(path.name, None, None, None,
                                       "不是有效的 GeoJSON 要素集合（FeatureCollection）。")]) from None
    to_wgs84 = _projection(document, path)
    rows, geoms = [], []
    for number, feature in enumerate(features, start=1):
        rows.append(dict(feature.get("properties") or {}))
        try:
            geoms.append(to_wgs84(shape(feature["geometry"])))
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(Problem(path.name, number, "geometry", None, "缺少或无法读取几何图形。"))
            geoms.append(Point(0, 0))
    return rows, geoms, problems


def _shapefile_rows(path: Path) -> tuple[list[dict], list]:
    """Attributes and geometries (in degrees) of a shapefile, read by pyogrio (GDAL)."""
    try:
        from pyogrio.raw import read
    except ImportError:
        raise ValidationError([Problem(path.name, None, None, None,
                                       "本机无法读取 shapefile：请转换为 GeoJSON 后再导入。")]) from None
    try:
        meta, _, wkb, fields = read(path)
    except Exception:  # pyogrio.errors.DataSourceError and GDAL's own errors
        raise ValidationError([Problem(path.name, None, None, None,
                                       "无法读取该 shapefile（缺少 .shx/.dbf 或文件已损坏）。")]) from None
    crs = meta.get("crs") or ""
    to_wgs84 = _projection({"crs": {"properties": {"name": crs}}}, path)
    names = list(meta["fields"])
    rows = [{n: _plain(column[i]) for n, column in zip(names, fields, strict=True)}
            for i in range(len(wkb))]
    return rows, [to_wgs84(g) for g in shapely.from_wkb(wkb)]


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def _projection(document: dict, path: Path):
    """WGS84 from the legacy GeoJSON ``crs`` member (e.g. ``EPSG:3857``); identity without."""
    name = ((document.get("crs") or {}).get("properties") or {}).get("name", "")
    if not name or name.upper().replace("::", ":").endswith(("CRS84", "EPSG:4326")):
        return lambda g: g
    from pyproj import Transformer
    from pyproj.exceptions import CRSError

    try:
        forward = Transformer.from_crs(name, "EPSG:4326", always_xy=True)
    except CRSError:
        raise ValidationError([Problem(path.name, None, "crs", name,
                                       "无法识别的坐标系：请转换为经纬度（WGS84）。")]) from None
    return lambda g: shapely.transform(g, lambda xy: np.column_stack(
        forward.transform(xy[:, 0], xy[:, 1])))


def read_schools(path: Path) -> Schools:
    """Schools from CSV: ``school,lon,lat,capacity`` (Chinese headers accepted)."""
    path = Path(path)
    if not path.exists():
        raise ValidationError([Problem(path.name, None, None, str(path), "文件不存在。")])
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    problems: list[Problem] = []
    out: dict[str, list] = {k: [] for k in SCHOOL_FIELDS}
    for number, row in enumerate(rows, start=2):
        for key, names in SCHOOL_FIELDS.items():
            field = _pick(row, names)
            if key == "school":
                out[key].append(str(row[field]) if field else "")
                if field is None:
                    problems.append(Problem(path.name, number, "school", None, "缺少学校名称。"))
            else:
                out[key].append(_number(row.get(field) if field else None, problems,
                                        (path.name, number), field or key,
                                        signed=key != "capacity"))
    groups = [(row.get("group") or row.get("多校划片") or "").strip() or None for row in rows]
    if len(set(out["school"])) < len(out["school"]):
        problems.append(Problem(path.name, None, "school", None, "学校名称重复。"))
    if not rows:
        problems.append(Problem(path.name, None, None, None, "文件中没有学校。"))
    if problems:
        raise ValidationError(problems)
    return Schools(out["school"], np.array(out["lon"]), np.array(out["lat"]),
                   np.array(out["capacity"]), groups if any(groups) else None)


def read_barriers(path: Path | None) -> list:
    """Lines or polygons of a GeoJSON file (rivers, expressways) that cut adjacency."""
    if path is None:
        return []
    try:
        return [shape(f["geometry"]) for f in json.loads(Path(path).read_text("utf-8"))["features"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError([Problem(Path(path).name, None, None, None,
                                       "障碍文件不是有效的 GeoJSON 要素集合。")]) from None


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance (km).

    >>> round(float(haversine_km(0.0, 0.0, 1.0, 0.0)), 3)
    111.195
    """
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, float)) for v in (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
