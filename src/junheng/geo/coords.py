"""Chinese map coordinate systems: WGS84, GCJ-02 (高德/腾讯) and BD-09 (百度).

GCJ-02 is WGS84 with a published, deterministic offset (a few hundred metres) applied inside
China; BD-09 adds a further rotation and scaling on top of GCJ-02. The forward directions are
closed formulas. Their inverses have no closed form, so we solve ``forward(x) = y`` by
fixed-point iteration ``x <- x - (forward(x) - y)``: the offset changes slowly with position
(its derivative is about 1e-3), so every step shrinks the error by roughly a thousand and a few
steps reach machine precision. Points outside China's bounding box are not shifted, exactly
as the map providers do.

Every function takes scalars or numpy arrays of longitudes and latitudes (degrees) and returns
a ``(lon, lat)`` pair of the same shape.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0

# The bounding box inside which the providers shift coordinates.
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)

_TOLERANCE = 1e-12  # degrees; about 0.1 micrometre
_MAX_ITERATIONS = 50

Coordinates = tuple[NDArray[np.float64], NDArray[np.float64]]


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """True where a point lies in the box the map providers shift (and is not NaN)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return ((lon >= _CHINA_LON[0]) & (lon <= _CHINA_LON[1])
            & (lat >= _CHINA_LAT[0]) & (lat <= _CHINA_LAT[1]))


def _offset_lat(x: NDArray, y: NDArray) -> NDArray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: NDArray, y: NDArray) -> NDArray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _gcj02_delta(lon: NDArray, lat: NDArray) -> Coordinates:
    """The GCJ-02 offset (degrees) at a WGS84 point."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return dlon, dlat


def _as_arrays(lon: ArrayLike, lat: ArrayLike) -> Coordinates:
    lon, lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return lon.copy(), lat.copy()


def _shape_like(lon: NDArray, lat: NDArray) -> tuple:
    if lon.ndim == 0:
        return float(lon), float(lat)
    return lon, lat


def _invert(forward, lon: NDArray, lat: NDArray) -> Coordinates:
    """Solve ``forward(x) = (lon, lat)`` by fixed-point iteration, elementwise."""
    x, y = lon.copy(), lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        ex, ey = fx - lon, fy - lat
        x, y = x - ex, y - ey
        if not (np.nanmax(np.abs(ex), initial=0.0) > _TOLERANCE
                or np.nanmax(np.abs(ey), initial=0.0) > _TOLERANCE):
            break
    return x, y


def _wgs84_to_gcj02(lon: NDArray, lat: NDArray) -> Coordinates:
    dlon, dlat = _gcj02_delta(lon, lat)
    return lon + dlon, lat + dlat


def _gcj02_to_bd09(lon: NDArray, lat: NDArray) -> Coordinates:
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _only_in_china(transform, lon: ArrayLike, lat: ArrayLike):
    lon, lat = _as_arrays(lon, lat)
    inside = in_china(lon, lat)
    if inside.any():
        new_lon, new_lat = transform(lon[inside], lat[inside])
        lon[inside], lat[inside] = new_lon, new_lat
    return _shape_like(lon, lat)


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike):
    """Convert WGS84 to GCJ-02 (the coordinates of 高德 and 腾讯 maps).

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02(116.404, 39.915)
    >>> round(lon, 6), round(lat, 6)
    (116.410244, 39.916404)
    """
    return _only_in_china(_wgs84_to_gcj02, lon, lat)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike):
    """Convert GCJ-02 to WGS84, exactly inverting :func:`wgs84_to_gcj02` (to ~1e-12 degrees).

    Examples
    --------
    >>> lon, lat = gcj02_to_wgs84(116.41024449916938, 39.91640428150164)
    >>> round(lon, 9), round(lat, 9)
    (116.404, 39.915)
    """
    return _only_in_china(lambda x, y: _invert(_wgs84_to_gcj02, x, y), lon, lat)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike):
    """Convert GCJ-02 to BD-09 (the coordinates of 百度 maps).

    Examples
    --------
    >>> lon, lat = gcj02_to_bd09(116.404, 39.915)
    >>> round(lon, 6), round(lat, 6)
    (116.410369, 39.921337)
    """
    return _only_in_china(_gcj02_to_bd09, lon, lat)


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike):
    """Convert BD-09 to GCJ-02, exactly inverting :func:`gcj02_to_bd09`."""
    return _only_in_china(lambda x, y: _invert(_gcj02_to_bd09, x, y), lon, lat)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike):
    """Convert WGS84 to BD-09 (via GCJ-02)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike):
    """Convert BD-09 to WGS84 (via GCJ-02), exactly inverting :func:`wgs84_to_bd09`.

    Examples
    --------
    >>> lon, lat = bd09_to_wgs84(*wgs84_to_bd09(112.4539, 34.6197))
    >>> round(lon, 9), round(lat, 9)
    (112.4539, 34.6197)
    """
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


_TO_WGS84 = {"GCJ02": gcj02_to_wgs84, "BD09": bd09_to_wgs84}


def to_wgs84(lon: ArrayLike, lat: ArrayLike, crs: ArrayLike) -> Coordinates:
    """Convert points given each in its own system (``"WGS84"``, ``"GCJ02"``, ``"BD09"``).

    Rows whose system is WGS84 or unknown are returned unchanged; NaN stays NaN.

    Examples
    --------
    >>> lon, lat = to_wgs84([116.41024449916938, 116.0], [39.91640428150164, 40.0],
    ...                     ["GCJ02", "WGS84"])
    >>> lon.round(6).tolist(), lat.round(6).tolist()
    ([116.404, 116.0], [39.915, 40.0])
    """
    lon, lat = _as_arrays(lon, lat)
    lon, lat = np.atleast_1d(lon).copy(), np.atleast_1d(lat).copy()
    crs = np.broadcast_to(np.asarray(crs, dtype=object), lon.shape)
    for name, convert in _TO_WGS84.items():
        rows = (crs == name) & ~np.isnan(lon) & ~np.isnan(lat)
        if rows.any():
            lon[rows], lat[rows] = convert(lon[rows], lat[rows])
    return lon, lat
