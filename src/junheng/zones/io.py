"""Zoning input from files: blocks (GeoJSON or shapefile, zipped or not, polygons or points,
or CSV points), schools (CSV), barriers (GeoJSON lines or polygons) and pins (CSV). Every
problem is reported in Chinese with its file, row, column and value (a missing column with
the columns the file has), and nothing is solved until all are fixed.

Blocks: an id (``id_field``, else the first of :data:`ID_FIELDS`), pupils (``pupils_field``,
else :data:`PUPIL_FIELDS`), optionally the current school and staff-drawn plans (fields, or
CSV files ``block,school`` for staff plans). Schools CSV: name, coordinates, capacity, with
English or Chinese headers (:data:`SCHOOL_FIELDS`), optionally a code (:data:`CODE_FIELDS`);
a school named in a block file is matched by name or code after trimming and ignoring case.
Coordinates: longitude/latitude or projected, see :mod:`junheng.zones.geofile`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from junheng.errors import Problem, ValidationError
from junheng.zones.geofile import (
    Features,
    columns_text,
    csv_points,
    in_degrees,
    pick_column,
    read_csv_rows,
    read_features,
    to_degrees,
)
from junheng.zones.problem import ZoneProblem

ID_FIELDS = ("id", "编号", "地块编号", "地块", "block", "block_id", "name", "名称")
PUPIL_FIELDS = ("students", "学生数", "学生", "pupils", "人数")
SCHOOL_NAMES = ("school", "学校", "学校名称", "name", "名称", "id", "code", "编号")
CODE_FIELDS = ("id", "code", "编号", "学校代码", "学校标识码", "school_id")
CAPACITY_FIELDS = ("capacity", "容量", "学位", "学位数", "核定学位")
GROUP_FIELDS = ("group", "多校划片")
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
    crs: str | None = None  # the projected system the file was in (None: degrees)
    source: str = "地块文件"  # the file name, for messages
    notes: tuple[str, ...] = ()  # how the file was read (blank counts taken as 0)


@dataclass(frozen=True, eq=False)
class Schools:
    names: list[str]
    lon: np.ndarray
    lat: np.ndarray
    capacity: np.ndarray
    group: list[str | None] | None = None  # 多校划片: schools of one group share one zone
    enrolled: np.ndarray | None = None  # 在校生 of the stage (county data), for the outputs
    notes: tuple[str, ...] = ()  # what the school set leaves out (民办, 教学点), for the outputs
    codes: list[str] | None = None  # the schools' codes when the file has them


@dataclass(frozen=True, eq=False)
class ZoneInput:
    """A problem with the names it was built from (for the outputs)."""

    problem: ZoneProblem
    blocks: Blocks
    schools: Schools
    staff: dict[str, np.ndarray] | None = None  # staff plans (school index per block, -1)
    notes: tuple[str, ...] = ()  # how the input was read (islands joined, schools placed)
    #: (each block's 乡镇, each school's) of county data, for marking 跨乡镇调整
    towns: tuple[list[str], list[str]] | None = None


def text(value) -> str | None:
    """A cell as trimmed text (None when blank); a whole float without its ``.0``.

    >>> text("  甲小学 "), text(17.0), text(""), text(None)
    ('甲小学', '17', None, None)
    """
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = " ".join(str(value).split())
    return shown or None


def folded(value) -> str | None:
    """A school or block name as matched: trimmed, inner spaces single, case ignored.

    >>> folded(" Oak  Hill ES ") == folded("oak hill es")
    True
    """
    shown = text(value)
    return None if shown is None else shown.casefold()


def _number(value, problems, where, column, what: str) -> float:
    """A count that is a number ≥ 0 (thousands commas allowed); a blank or bad one located."""
    if text(value) is None:
        problems.append(Problem(where[0], where[1], column, None, f"缺少{what}。"))
        return 0.0
    try:
        number = float(str(value).strip().replace(",", ""))
        if not np.isfinite(number) or number < 0:
            raise ValueError
        return number
    except ValueError:
        problems.append(Problem(where[0], where[1], column, value, f"{what}应为不小于 0 的数。"))
        return 0.0


def find_column(found: Features, name: str, given: str | None, defaults: tuple[str, ...],
                what: str, option: str, problems: list[Problem]) -> str | None:
    """The column of ``what``: ``given`` (an option), else the first of ``defaults``; a
    missing one is a problem naming the columns the file has."""
    column = pick_column(found.columns, (given,) if given else defaults)
    if column is None and found.rows:
        asked = f"“{given}”" if given else "（默认找 " + "、".join(defaults) + "）"
        problems.append(Problem(name, None, given or what, None,
                                f"找不到{what}字段{asked}，可用 {option} 指定；"
                                f"{columns_text(found.columns)}。"))
    return column


def read_blocks(path: Path, *, pupils_field: str | None = None,
                current_field: str | None = None, staff_fields: Sequence[str] = (),
                id_field: str | None = None, crs: str | None = None) -> Blocks:
    """Blocks of a GeoJSON, shapefile (or zip of one) or CSV file (see the module docstring).
    ``staff_fields``: fields holding staff-drawn plans (a school per block), or paths of CSV
    files ``block,school`` (the plan is then named after the file)."""
    path = Path(path)
    found = read_features(path, crs)
    problems = list(found.problems)
    name, first = path.name, found.first_row
    id_col = find_column(found, name, id_field, ID_FIELDS, "地块编号", "--id", problems)
    pupil_col = find_column(found, name, pupils_field, PUPIL_FIELDS, "学生数", "--pupils",
                            problems)
    current_col = (find_column(found, name, current_field, (), "现划片学校", "--current", problems)
                   if current_field else None)
    files = [f for f in staff_fields if str(f).lower().endswith(".csv")]
    columns = {f: find_column(found, name, f, (), "人工方案", "--staff", problems)
               for f in staff_fields if f not in files}
    names, pupils, empty = [], [], []
    for number, row in enumerate(found.rows, start=first):
        key = text(row.get(id_col)) if id_col else str(number)
        if key is None:
            problems.append(Problem(name, number, id_col, None, "缺少地块编号。"))
        names.append(key or f"第 {number} 行")
        blank = pupil_col is not None and text(row.get(pupil_col)) is None
        if blank:
            empty.append(number)
        pupils.append(0.0 if blank or pupil_col is None else
                      _number(row.get(pupil_col), problems, (name, number), pupil_col, "学生数"))
    current = [text(row.get(current_col)) if current_col else None for row in found.rows]
    staff = {f: [text(row.get(c)) if c else None for row in found.rows]
             for f, c in columns.items()}
    problems += _duplicates(names, name, id_col, first)
    if not found.rows:
        problems.append(Problem(name, None, None, None, "文件中没有地块。"))
    for f in files:
        staff[Path(f).stem] = read_staff_file(Path(f), names, problems)
    if problems:
        raise ValidationError(problems)
    notes = (f"{name}有 {len(empty)} 个地块的学生数（{pupil_col}）为空，按 0 人计"
             f"（第 {'、'.join(str(n) for n in empty[:5])}{' 等' if len(empty) > 5 else ''} 行）。",
             ) if empty else ()
    return Blocks(names, found.geometries, np.array(pupils, float), current, staff or None,
                  first, crs=found.crs, source=name, notes=notes)


def _duplicates(names: list[str], name: str, column: str | None, first: int) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for number, key in enumerate(names, start=first):
        if folded(key) in seen:
            out.append(Problem(name, number, column, key,
                               f"地块编号重复（与第 {seen[folded(key)]} 行相同）。"))
        else:
            seen[folded(key)] = number
    return out


def read_staff_file(path: Path, names: list[str], problems: list[Problem]) -> list[str | None]:
    """A staff plan from a CSV ``block,school`` (or ``地块,学校``): the school of each block
    (None where the file leaves a block out); unknown and repeated blocks are problems."""
    if not path.is_file():
        problems.append(Problem(path.name, None, None, str(path), "人工方案文件不存在。"))
        return [None] * len(names)
    rows, columns = read_csv_rows(path)
    found = Features(rows, [], columns, 2)
    block = find_column(found, path.name, None, ID_FIELDS, "地块编号", "列名 block", problems)
    school = find_column(found, path.name, None, ("school", "学校", "学校名称"), "学校",
                         "列名 school", problems)
    if block is None or school is None:
        return [None] * len(names)
    index = {folded(n): i for i, n in enumerate(names)}
    plan: list[str | None] = [None] * len(names)
    seen: set[int] = set()
    for number, row in enumerate(rows, start=2):
        i = index.get(folded(row.get(block)))
        if i is None:
            problems.append(Problem(path.name, number, block, row.get(block) or None,
                                    "地块编号不在地块文件中。"))
        elif i in seen:
            problems.append(Problem(path.name, number, block, row.get(block), "地块重复出现。"))
        else:
            seen.add(i)
            plan[i] = text(row.get(school))
    return plan


def read_schools(path: Path, crs: str | None = None) -> Schools:
    """Schools from CSV (or a GeoJSON or shapefile of points): name, coordinates
    (longitude/latitude, or projected in ``crs``, the blocks' system or the one the user
    names), capacity; Chinese or English headers."""
    path = Path(path)
    found, problems = _school_features(path, crs), []
    rows, columns, first = found.rows, found.columns, found.first_row
    name_col = find_column(found, path.name, None, SCHOOL_NAMES, "学校名称", "列名 school", problems)
    cap_col = find_column(found, path.name, None, CAPACITY_FIELDS, "容量", "列名 capacity", problems)
    code_col = pick_column([c for c in columns if c != name_col], CODE_FIELDS)
    problems += found.problems
    names, capacity = [], []
    for number, row in enumerate(rows, start=first):
        names.append(text(row.get(name_col)) or "")
        if name_col and not names[-1]:
            problems.append(Problem(path.name, number, name_col, None, "缺少学校名称。"))
        capacity.append(_number(row.get(cap_col), problems, (path.name, number), cap_col, "容量")
                        if cap_col else 0.0)
    problems += _duplicates(names, path.name, name_col, first) if name_col else []
    if not rows:
        problems.append(Problem(path.name, None, None, None, "文件中没有学校。"))
    if problems:
        raise ValidationError([Problem(p.sheet, p.row, p.column, p.value,
                                       p.message.replace("地块编号重复", "学校名称重复"))
                               for p in problems])
    xy = shapely.get_coordinates(shapely.point_on_surface(np.asarray(found.geometries, object)))
    group_col = pick_column(columns, GROUP_FIELDS)
    groups = [text(row.get(group_col)) if group_col else None for row in rows]
    codes = [text(row.get(code_col)) or "" for row in rows] if code_col else None
    return Schools(names, xy[:, 0], xy[:, 1], np.array(capacity, float),
                   groups if any(groups) else None, codes=codes)


def _school_features(path: Path, crs: str | None) -> Features:
    """The schools file's rows and points in degrees (a CSV's projected coordinates in
    ``crs``)."""
    if path.suffix.lower() != ".csv":
        return read_features(path, crs)
    if not path.exists():
        raise ValidationError([Problem(path.name, None, None, str(path), "文件不存在。")])
    rows, columns = read_csv_rows(path)
    points, bad = csv_points(rows, columns, path.name)
    if not bad:
        points, _ = to_degrees(points, None if in_degrees(points) else crs, path)
    return Features(rows, points, columns, 2, None, bad)


def school_lookup(schools: Schools) -> dict[str, int]:
    """Folded name (and code) → school index; a name wins over another school's code."""
    out = {folded(c): s for s, c in enumerate(schools.codes or []) if c}
    out.update({folded(n): s for s, n in enumerate(schools.names)})
    return out



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
