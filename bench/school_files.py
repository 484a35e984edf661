"""Published CSV files as they come, for :mod:`bench.school_data`'s reader.

A file is read as published: UTF-8 (with or without a byte-order mark), else Windows-1252
(GIAS's ``edubasealldata*.csv``), else Latin-1; lines before the header (Nomis downloads
start with a title, a copyright line and the selections) are skipped: the header is the
first line with as many non-empty fields as the widest of the first 20 lines. Column names are matched case-insensitively with runs of spaces and underscores
taken as one space. Coordinates are metres on the British National Grid (EPSG:27700): a
pair of columns in degrees (|x| <= 180 and |y| <= 90 on every row) is projected there with
pyproj, outside Great Britain to an equidistant cylindrical grid at the data's latitude.
A GeoJSON FeatureCollection reads as rows of its properties with the point (or the
area-weighted centre of a polygon's outer rings) as ``geometry x`` / ``geometry y``.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
#: Column pairs of a point (east, north), in order of preference.
COORDINATE_PAIRS = (("easting", "northing"), ("x", "y"), ("bng e", "bng n"),
                    ("x coord", "y coord"), ("long", "lat"), ("lon", "lat"),
                    ("longitude", "latitude"), ("lng", "lat"), ("geometry x", "geometry y"))
#: A capacity column: SchoolCapacity, capacity, School capacity (2019), net_capacity…
CAPACITY = (r"school ?capacity( \(?\d{4}\)?)?", r"(net )?capacity( \(?\d{4}\)?)?")
#: An output-area code column: OA21CD, OA 2021 Code, Output Areas Code, geography code…
AREA_CODE = (r"oa\d*cd", r"oa (\d{2,4} )?code", r"output areas?( \d{4})?( code)?",
             r"geography code", r"geo code", r"mnemonic", r"area code", r"oa")
#: A local-authority column: LAD22CD, LAD 2021 Name, LA code, LA (name), la_name, …
LA_COLUMN = (r"(lad|ltla|utla)\d*(cd|nm)", r"(lad|ltla|utla) (\d{2,4} )?(code|name)",
             r"(la|lea|local authority( district)?)( \d{4})? (code|name)",
             r"(la|districtadministrative|gsslacode) \((code|name)\)", r"(old|new) la code",
             r"local authority( district)?", r"la")
#: Population total rows when a table also has rows by sex.
TOTAL_SEX = {"persons", "all persons", "total", "all", "all usual residents", "people"}


def clean(name: str) -> str:
    """A column name as matched: lower case, spaces and underscores as one space."""
    return re.sub(r"[\s_]+", " ", name.strip().lower())


def column(header: list[str], *patterns: str) -> str | None:
    """The first column (in the order of ``patterns``) whose cleaned name matches one."""
    for pattern in patterns:
        for name in header:
            if re.fullmatch(pattern, clean(name)):
                return name
    return None


def number(text: str | None) -> float:
    """A published count or coordinate; ``nan`` for blanks, "NA", "-" or text."""
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return math.nan


def _encoding(path: Path) -> str:
    for encoding in ENCODINGS:
        try:
            with open(path, encoding=encoding) as handle:
                while handle.read(1 << 20):
                    pass
            return encoding
        except UnicodeDecodeError:
            continue
    return ENCODINGS[-1]  # pragma: no cover - Latin-1 decodes every byte


@dataclass(frozen=True)
class Table:
    """One CSV file: its header and where its rows start."""

    path: Path
    header: list[str]
    encoding: str
    skip: int

    @classmethod
    def open(cls, path: Path) -> Table | None:
        """The table of ``path``, or ``None`` for an empty file."""
        encoding = _encoding(path)
        with open(path, newline="", encoding=encoding) as handle:
            head = [row for _, row in zip(range(20), csv.reader(handle), strict=False)]
        widths = [sum(1 for field in row if field.strip()) for row in head]
        if not widths or max(widths) == 0:
            return None
        skip = widths.index(max(widths))
        return cls(path, [h.strip() for h in head[skip]], encoding, skip)

    def rows(self) -> Iterator[dict[str, str]]:
        """The rows as dictionaries keyed by the header, read lazily."""
        with open(self.path, newline="", encoding=self.encoding) as handle:
            reader = csv.reader(handle)
            for _ in range(self.skip + 1):
                next(reader)
            for row in reader:
                yield dict(zip(self.header, row, strict=False))


# --------------------------------------------------------------------------- coordinates


def coordinate_pairs(header: list[str]) -> list[tuple[str, str]]:
    """Every (east, north) column pair of the header, preferred first (ArcGIS exports
    may hold both ``X``/``Y`` and ``x``/``y``: upper case goes with upper case)."""
    pairs = []
    for east, north in COORDINATE_PAIRS:
        norths = [h for h in header if clean(h) == north]
        for e in (h for h in header if clean(h) == east):
            n = next((n for n in norths if n.isupper() == e.isupper()), None)
            if (n := n or (norths[0] if norths else None)) and (e, n) not in pairs:
                pairs.append((e, n))
    return pairs


def to_metres(east: np.ndarray, north: np.ndarray, degrees: bool) -> np.ndarray:
    """Points as metres on the British National Grid (n × 2)."""
    east, north = np.asarray(east, float), np.asarray(north, float)
    if not degrees or east.size == 0:
        return np.column_stack([east, north])
    from pyproj import Transformer

    lat = float(np.nanmean(north))
    in_britain = -9.0 <= float(np.nanmean(east)) <= 2.5 and 49.0 <= lat <= 61.0
    target = "EPSG:27700" if in_britain else f"+proj=eqc +lat_ts={round(lat / 5) * 5}"
    x, y = Transformer.from_crs("EPSG:4326", target, always_xy=True).transform(east, north)
    return np.column_stack([x, y])


def looks_like_degrees(values: list[tuple[float, float]]) -> bool:
    """Every finite point within ±180 / ±90 (a grid in metres never is, in Britain)."""
    finite = [(x, y) for x, y in values if math.isfinite(x) and math.isfinite(y)]
    return bool(finite) and all(abs(x) <= 180 and abs(y) <= 90 for x, y in finite)


@dataclass(frozen=True)
class Rows:
    """Rows already in memory (a list of dictionaries), read like a :class:`Table`;
    ``polygons`` when the points are centres of area polygons (a GeoJSON of shapes)."""

    header: list[str]
    records: list[dict[str, str]]
    path: Path | None = None
    polygons: bool = False

    def rows(self) -> Iterator[dict[str, str]]:
        """The rows."""
        return iter(self.records)


def source(rows: Table | Rows | list[dict[str, str]]) -> Table | Rows:
    """A table, or rows in memory wrapped as one."""
    if isinstance(rows, Table | Rows):
        return rows
    return Rows(list(rows[0]) if rows else [], list(rows))


def _ring_centre(ring: list) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula)."""
    xy = np.asarray(ring, float)[:, :2]
    x, y = xy[:, 0], xy[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2.0
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    return (area, float(((x[:-1] + x[1:]) * cross).sum() / (6 * area)),
            float(((y[:-1] + y[1:]) * cross).sum() / (6 * area)))


def geometry_point(geometry: dict | None) -> tuple[float, float] | None:
    """A Point's coordinates, or the area-weighted centre of a (Multi)Polygon's outer
    rings; ``None`` for anything else."""
    kind = (geometry or {}).get("type")
    if kind == "Point":
        return float(geometry["coordinates"][0]), float(geometry["coordinates"][1])
    polygons = {"Polygon": [(geometry or {}).get("coordinates")],
                "MultiPolygon": (geometry or {}).get("coordinates")}.get(kind)
    if not polygons:
        return None
    parts = [_ring_centre(polygon[0]) for polygon in polygons if polygon]
    total = sum(abs(a) for a, _, _ in parts) or 1.0
    return (sum(abs(a) * x for a, x, _ in parts) / total,
            sum(abs(a) * y for a, _, y in parts) / total)


def geojson_rows(path: Path) -> Rows | None:
    """A GeoJSON FeatureCollection as rows: its properties, and its points (or polygon
    centres) as ``geometry x`` / ``geometry y``."""
    try:
        features = json.loads(path.read_text(encoding="utf-8-sig")).get("features") or []
    except (ValueError, AttributeError):
        return None
    records, header, polygons = [], {}, False
    for feature in features:
        row = {k: "" if v is None else str(v) for k, v in (feature.get("properties") or {}).items()}
        if point := geometry_point(feature.get("geometry")):
            row["geometry x"], row["geometry y"] = str(point[0]), str(point[1])
            polygons = polygons or feature["geometry"]["type"] != "Point"
        header.update(dict.fromkeys(row))
        records.append(row)
    return Rows(list(header), records, path, polygons) if records else None
