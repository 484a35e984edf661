"""Geography: coordinate systems (WGS84, GCJ-02, BD-09) and town areas (:mod:`junheng.geo.towns`:
from a boundary file or drawn from the villages' points)."""

from junheng.geo.coords import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

__all__ = [
    "bd09_to_gcj02", "bd09_to_wgs84", "gcj02_to_bd09", "gcj02_to_wgs84", "in_china", "to_wgs84",
    "wgs84_to_bd09", "wgs84_to_gcj02",
]
