"""Features of a zoning file in degrees: GeoJSON, shapefile (plain or zipped) or CSV points,
with coordinates in longitude/latitude or in a projected system (metres), detected.

A file that names its coordinate system (GeoJSON ``crs`` member, shapefile ``.prj``) is
converted from it; a file that does not is taken as longitude/latitude when every coordinate
lies within ±180°/±90°, else converted from the system the user names (``--crs``), else
refused with a Chinese message that shows a coordinate. Distances are then great-circle
(:func:`junheng.zones.io.haversine_km`), in metres whatever the input's unit.
"""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import astuple, dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, shape

from junheng.errors import Problem, ValidationError

#: Coordinate columns of a CSV (lon/x first, lat/y second), first match wins.
LON_FIELDS = ("lon", "lng", "longitude", "经度", "x", "X", "easting", "Easting", "POINT_X")
LAT_FIELDS = ("lat", "latitude", "纬度", "y", "Y", "northing", "Northing", "POINT_Y")
_GEOGRAPHIC = ("CRS84", "EPSG:4326", "EPSG:4490", "WGS 84", "WGS84")


@dataclass
class Features:
    rows: list[dict]
    geometries: list
    columns: list[str]  # every attribute name, in file order
    first_row: int = 1  # file row of the first feature (2 in a CSV: the header)
    crs: str | None = None  # the coordinate system read or given (None: degrees)
    problems: list[Problem] = field(default_factory=list)


def columns_text(columns) -> str:
    """The columns a file has, for a message.

    >>> columns_text(["id", "人数"])
    '现有字段：id、人数'
    >>> columns_text([])
    '文件没有任何字段'
    """
    return "现有字段：" + "、".join(str(c) for c in columns) if columns else "文件没有任何字段"


def read_features(path: Path, crs: str | None = None) -> Features:
    """The features of ``path`` with geometries in degrees (see the module docstring)."""
    path = Path(path)
    if not path.exists():
        raise ValidationError([Problem(path.name, None, None, str(path), "文件不存在。")])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        found = _csv_features(path)
    elif suffix in (".shp", ".zip"):
        found = _ogr_features(path)
    else:
        found = _geojson_features(path)
    if not found.problems:
        given = crs if not in_degrees(found.geometries) else None
        found.geometries, found.crs = to_degrees(found.geometries, found.crs or given, path)
    return found


def read_csv_rows(path: Path) -> tuple[list[dict], list[str]]:
    """Rows of a UTF-8 (or GBK) CSV with the header's names trimmed, and the header."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]
    rows = [dict(zip(header, (v.strip() for v in values), strict=False))
            for values in reader if any(v.strip() for v in values)]
    return rows, header


def pick_column(columns, names) -> str | None:
    """The first of ``names`` among ``columns`` (exact, then ignoring case).

    >>> pick_column(["ID", "Lon"], ("id", "编号"))
    'ID'
    """
    for name in names:
        if name in columns:
            return name
    folded = {str(c).casefold(): c for c in columns}
    return next((folded[n.casefold()] for n in names if n.casefold() in folded), None)


def csv_points(rows, columns, name: str, first_row: int = 2) -> tuple[list, list[Problem]]:
    """Points of CSV rows (coordinates as written), each bad value located."""
    problems: list[Problem] = []
    picked = [pick_column(columns, LON_FIELDS), pick_column(columns, LAT_FIELDS)]
    for which, got in zip(("经度（lon 或 x）", "纬度（lat 或 y）"), picked, strict=True):
        if got is None:
            problems.append(Problem(name, None, which, None,
                                    f"缺少坐标列；{columns_text(columns)}。"))
    if problems:
        return [], problems
    points = []
    for number, row in enumerate(rows, start=first_row):
        xy = []
        for column in picked:
            try:
                value = float(str(row.get(column) or "").replace(",", ""))
                if not np.isfinite(value):
                    raise ValueError
            except ValueError:
                problems.append(Problem(name, number, column, row.get(column) or None,
                                        "缺少坐标或坐标不是数值。"))
                value = 0.0
            xy.append(value)
        points.append(Point(*xy))
    return points, problems


def _csv_features(path: Path) -> Features:
    rows, columns = read_csv_rows(path)
    points, problems = csv_points(rows, columns, path.name)
    return Features(rows, points, columns, 2, None, problems)


def _geojson_features(path: Path) -> Features:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        features = document["features"]
        if not isinstance(features, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ValidationError([Problem(path.name, None, None, None,
                                       "不是有效的 GeoJSON 要素集合（FeatureCollection）。")]) from None
    rows, geoms, problems = [], [], []
    for number, feature in enumerate(features, start=1):
        rows.append({str(k).strip(): v for k, v in ((feature or {}).get("properties") or {}).items()})
        try:
            geom = shape(feature["geometry"])
            if geom.is_empty:
                raise ValueError
            geoms.append(geom if geom.is_valid else shapely.make_valid(geom))
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
            problems.append(Problem(path.name, number, "geometry", None, "缺少或无法读取几何图形。"))
            geoms.append(Point(0, 0))
    name = ((document.get("crs") or {}).get("properties") or {}).get("name") or None
    columns = list(dict.fromkeys(k for row in rows for k in row))
    return Features(rows, geoms, columns, 1, name, problems)


def _ogr_features(path: Path) -> Features:
    """A shapefile, or the first shapefile or GeoJSON inside a zip archive, read by pyogrio."""
    try:
        from pyogrio.raw import read
    except ImportError:
        raise ValidationError([Problem(path.name, None, None, None,
                                       "本机无法读取 shapefile：请转换为 GeoJSON 后再导入。")]) from None
    source = str(path)
    if path.suffix.lower() == ".zip":
        source = _zip_member(path)
        if source.lower().endswith((".geojson", ".json")):
            return _geojson_in_zip(path, source)
        source = f"/vsizip/{path}/{source}"
    try:
        meta, _, wkb, values = read(source)
    except Exception:  # pyogrio.errors.DataSourceError and GDAL's own errors
        raise ValidationError([Problem(path.name, None, None, None,
                                       "无法读取该 shapefile（缺少 .shx/.dbf 或文件已损坏）。")]) from None
    names = [str(n).strip() for n in meta["fields"]]
    rows = [{n: _plain(column[i]) for n, column in zip(names, values, strict=True)}
            for i in range(len(wkb))]
    geoms = [shapely.make_valid(g) if g is not None and not g.is_valid else g
             for g in shapely.from_wkb(wkb)]
    problems = [Problem(path.name, i + 1, "geometry", None, "缺少或无法读取几何图形。")
                for i, g in enumerate(geoms) if g is None or g.is_empty]
    geoms = [Point(0, 0) if g is None or g.is_empty else g for g in geoms]
    return Features(rows, geoms, names, 1, meta.get("crs") or None, problems)


def _zip_member(path: Path) -> str:
    try:
        members = zipfile.ZipFile(path).namelist()
    except zipfile.BadZipFile:
        raise ValidationError([Problem(path.name, None, None, None, "不是有效的 zip 压缩包。")]) from None
    for ending in (".shp", ".geojson", ".json"):
        found = sorted(m for m in members if m.lower().endswith(ending)
                       and not m.startswith("__MACOSX"))
        if found:
            return found[0]
    raise ValidationError([Problem(path.name, None, None, None,
                                   "压缩包中没有 shapefile（.shp）或 GeoJSON 文件。")])


def _geojson_in_zip(path: Path, member: str) -> Features:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        inner = Path(folder) / Path(member).name
        inner.write_bytes(zipfile.ZipFile(path).read(member))
        found = _geojson_features(inner)
    found.problems = [Problem(path.name, *astuple(p)[1:]) for p in found.problems]
    return found


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def is_geographic(name: str | None) -> bool:
    """Whether a coordinate system name means longitude/latitude (WGS84 or CGCS2000).

    >>> is_geographic("urn:ogc:def:crs:OGC:1.3:CRS84"), is_geographic("EPSG:3857")
    (True, False)
    """
    if not name:
        return True
    text = name.upper().replace("::", ":")
    if text.endswith(_GEOGRAPHIC):
        return True
    if text.startswith(("PROJCS", "PROJCRS", "GEOGCS", "GEOGCRS", "{")):
        try:
            from pyproj import CRS

            return bool(CRS.from_user_input(name).is_geographic)
        except Exception:  # pyproj.exceptions.CRSError: decided by the coordinates' range
            return False
    return False


def in_degrees(geometries) -> bool:
    """Whether every coordinate lies within ±180° and ±90°."""
    if not len(geometries):
        return True
    x0, y0, x1, y1 = shapely.total_bounds(np.asarray(geometries, dtype=object))
    return x0 >= -180 and x1 <= 180 and y0 >= -90 and y1 <= 90


def to_degrees(geometries: list, crs: str | None, path: Path) -> tuple[list, str | None]:
    """``geometries`` in longitude/latitude, and the system they were converted from."""
    if is_geographic(crs) and (crs or in_degrees(geometries)):
        return geometries, None
    if not crs:
        x0, y0, _, _ = shapely.total_bounds(np.asarray(geometries, dtype=object))
        raise ValidationError([Problem(
            path.name, None, "坐标", f"{x0:.0f}, {y0:.0f}",
            "坐标不是经纬度，文件也未说明坐标系：请用 --crs 给出坐标系（如 EPSG:4547、"
            "EPSG:27700），或把文件转换为经纬度（WGS84）。")])
    forward = transformer(crs, path)
    out = [shapely.transform(g, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
           for g in geometries]
    if not in_degrees(out) or not np.isfinite(shapely.total_bounds(np.asarray(out, object))).all():
        raise ValidationError([Problem(path.name, None, "坐标系", crs,
                                       "按该坐标系换算后不是有效的经纬度：请核对坐标系。")])
    return out, crs


def transformer(crs: str, path: Path):
    """pyproj's transformer from ``crs`` to WGS84 longitude/latitude."""
    from pyproj import Transformer
    from pyproj.exceptions import CRSError

    try:
        return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    except CRSError:
        raise ValidationError([Problem(path.name, None, "坐标系", crs,
                                       "无法识别的坐标系：请转换为经纬度（WGS84）。")]) from None
