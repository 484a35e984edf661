"""Town (乡镇) areas for the maps: read from a boundary file the county supplies, or drawn
from its villages' points.

Drawn from points (:func:`towns_from_points`), a town is the union of the Voronoi cells of
its villages, clipped to the county's outline: the convex hull of all villages widened by
``margin_km`` (mitred corners, so a rectangle stays a rectangle). The cells are computed in
a local plane (kilometres east and north of the points' mean; at county scale the error of
this projection is far below the precision of the points), so a cell's border is the true
perpendicular bisector between two villages. The result is a partition of that outline:
the towns cover it and do not overlap. It is a sketch, not the legal boundary, and every
map that draws it says so (:data:`INFERRED_NOTE`).

A boundary file (:func:`read_boundaries`) is GeoJSON with Polygon or MultiPolygon features
in WGS84 longitude/latitude, each with a town code or a town name among its properties.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPoint, shape
from shapely.geometry.base import BaseGeometry

from junheng.errors import ConfigError

KM_PER_DEGREE = 111.195  # mean Earth radius 6371.0088 km × π / 180
INFERRED_NOTE = "乡镇界线为按村点推算的示意范围，非法定界线"
FILE_NOTE = "乡镇界线取自县区提供的界线文件"
CODE_KEYS = ("town_code", "code", "乡镇代码", "代码", "xzqdm", "XZQDM", "adcode")
NAME_KEYS = ("town_name", "name", "乡镇", "乡镇名称", "名称", "xzqmc", "XZQMC", "NAME")


@dataclass(frozen=True)
class TownArea:
    """One town's area in WGS84 lon/lat; ``name`` is empty when only the code is known."""

    code: str
    name: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class TownAreas:
    """The towns of one map and where they come from (``file`` or ``villages``)."""

    areas: tuple[TownArea, ...]
    source: str

    @property
    def note(self) -> str:
        """The sentence a map shows about its town boundaries."""
        return FILE_NOTE if self.source == "file" else INFERRED_NOTE


def cells_by_code(x: Sequence[float], y: Sequence[float], codes: Sequence[str], *,
                  margin: float) -> dict[str, BaseGeometry]:
    """{code: area} in plane coordinates: Voronoi cells of the points dissolved by code,
    clipped to the points' convex hull widened by ``margin``.

    Points at the same place share one cell, given to the first of them.

    >>> parts = cells_by_code([0, 0, 4, 4], [0, 2, 0, 2], ["A", "A", "B", "B"], margin=1)
    >>> parts["A"].bounds, parts["B"].bounds, parts["A"].area + parts["B"].area
    ((-1.0, -1.0, 2.0, 3.0), (2.0, -1.0, 5.0, 3.0), 24.0)
    """
    if not len(x):
        return {}
    points = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
    outline = MultiPoint(points).convex_hull.buffer(margin, join_style="mitre", mitre_limit=2.0)
    unique, first = np.unique(points, axis=0, return_index=True)
    if len(unique) == 1:
        return {str(codes[0]): outline}
    cells = shapely.get_parts(shapely.voronoi_polygons(MultiPoint(unique),
                                                       extend_to=outline.envelope.buffer(margin)))
    tree = shapely.STRtree(cells)
    owner_of_point, cell_of_point = tree.query(shapely.points(unique), predicate="within")
    pieces: dict[str, list[BaseGeometry]] = {}
    for p, c in zip(owner_of_point, cell_of_point, strict=True):
        pieces.setdefault(str(codes[first[p]]), []).append(cells[c])
    return {code: shapely.union_all(parts).intersection(outline)
            for code, parts in pieces.items()}


def towns_from_points(lon: Sequence[float], lat: Sequence[float], codes: Sequence[str],
                      names: dict[str, str] | None = None, *, margin_km: float = 2.0
                      ) -> TownAreas:
    """Town areas drawn from village points (see the module's note); points without
    coordinates or without a town code are skipped."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    codes = ["" if c is None else str(c) for c in codes]
    keep = np.isfinite(lon) & np.isfinite(lat) & np.array([c not in ("", "nan", "None")
                                                           for c in codes], dtype=bool)
    lon, lat, codes = lon[keep], lat[keep], [c for c, k in zip(codes, keep, strict=True) if k]
    if not len(lon):
        return TownAreas((), "villages")
    lon0, lat0 = float(lon.mean()), float(lat.mean())
    scale = math.cos(math.radians(lat0))
    x, y = (lon - lon0) * scale * KM_PER_DEGREE, (lat - lat0) * KM_PER_DEGREE
    plane = cells_by_code(x, y, codes, margin=margin_km)
    per_km = np.array([1 / (scale * KM_PER_DEGREE), 1 / KM_PER_DEGREE])
    names = names or {}
    areas = tuple(TownArea(code, names.get(code, ""),
                           shapely.transform(geom, lambda c: c * per_km + [lon0, lat0]))
                  for code, geom in sorted(plane.items()))
    return TownAreas(areas, "villages")


def county_towns(data, boundaries: str | Path | None = None) -> TownAreas:
    """A county's towns: from the ``boundaries`` file when given, else drawn from the points
    of its villages and schools. ``data`` is a :class:`junheng.model.county.CountyData`."""
    from junheng.model.places import town_names

    names = town_names(data)
    if boundaries is not None:
        return read_boundaries(boundaries, names)
    frames = [data.villages, data.schools]
    lon = np.concatenate([f["lon"].to_numpy(dtype=float) for f in frames])
    lat = np.concatenate([f["lat"].to_numpy(dtype=float) for f in frames])
    codes = [str(c) for f in frames for c in f["town_code"]]
    return towns_from_points(lon, lat, codes, names)


def boundary_file(folder: str | Path | None, county_code: str) -> Path | None:
    """``<folder>/<county code>.geojson`` when the folder is set and holds that file."""
    if folder is None or str(folder) == "":
        return None
    path = Path(folder) / f"{county_code}.geojson"
    return path if path.is_file() else None


def read_boundaries(path: str | Path, names: dict[str, str] | None = None) -> TownAreas:
    """Town areas from a GeoJSON file of polygons with a town code or name property.

    Raises
    ------
    ConfigError
        The file is missing or not GeoJSON, or a feature has no polygon or no code and name.
    """
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"找不到乡镇界线文件 {path}。") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ConfigError(f"乡镇界线文件 {path} 不是 UTF-8 编码的 GeoJSON 文件。") from None
    features = document.get("features") if isinstance(document, dict) else None
    if not features:
        raise ConfigError(f"乡镇界线文件 {path} 中没有要素（应为 GeoJSON FeatureCollection）。")
    names = names or {}
    areas = [_area(feature, n, path, names) for n, feature in enumerate(features, start=1)]
    return TownAreas(tuple(_merge(areas)), "file")


def _area(feature: dict, number: int, path: Path, names: dict[str, str]) -> TownArea:
    props = feature.get("properties") or {}
    code = _first(props, CODE_KEYS)
    name = _first(props, NAME_KEYS)
    if code and len(code) == 12 and code.endswith("000"):
        code = code[:9]  # a 12-digit statistical code of the town itself
    if not code and not name:
        raise ConfigError(f"乡镇界线文件 {path} 第 {number} 个要素没有乡镇代码或名称"
                          f"（属性应有 {CODE_KEYS[0]}、乡镇代码、{NAME_KEYS[1]} 或 乡镇名称 之一）。")
    try:
        geometry = shape(feature.get("geometry"))
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
        geometry = None
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ConfigError(f"乡镇界线文件 {path} 第 {number} 个要素（{name or code}）"
                          "不是面（Polygon 或 MultiPolygon）。")
    return TownArea(code or name, names.get(code, "") or name, shapely.make_valid(geometry))


def _first(props: dict, keys: Iterable[str]) -> str:
    return next((str(props[k]).strip() for k in keys
                 if props.get(k) not in (None, "") and str(props[k]).strip()), "")


def _merge(areas: list[TownArea]) -> list[TownArea]:
    """One area per town (a town drawn as several features is united)."""
    by_code: dict[str, list[TownArea]] = {}
    for area in areas:
        by_code.setdefault(area.code, []).append(area)
    return [TownArea(code, parts[0].name, shapely.union_all([p.geometry for p in parts]))
            for code, parts in by_code.items()]


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """(lon, lat) of a point inside the area, where its name is written.

    >>> from shapely.geometry import Polygon
    >>> label_point(Polygon([(0, 0), (2, 0), (2, 2), (0, 2)]))
    (1.0, 1.0)
    """
    point = geometry.representative_point()
    return float(point.x), float(point.y)


def colour_indices(geometries: Sequence[BaseGeometry], colours: int) -> list[int]:
    """A colour index per area, greedily the lowest one no touching neighbour has
    (wrapping round when all ``colours`` are taken around an area).

    >>> from shapely.geometry import Polygon
    >>> squares = [Polygon([(i, 0), (i + 1, 0), (i + 1, 1), (i, 1)]) for i in range(4)]
    >>> colour_indices(squares, 3)
    [0, 1, 0, 1]
    """
    chosen: list[int] = []
    for i, geometry in enumerate(geometries):
        taken = {chosen[j] for j in range(i) if geometry.intersects(geometries[j])}
        free = [c for c in range(colours) if c not in taken]
        chosen.append(free[0] if free else i % colours)
    return chosen


__all__ = ["FILE_NOTE", "INFERRED_NOTE", "TownArea", "TownAreas", "boundary_file", "cells_by_code", "colour_indices", "county_towns",
           "label_point",
           "read_boundaries", "towns_from_points"]
