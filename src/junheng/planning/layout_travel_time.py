"""A pupil's trip as the layout plan times and prices it: one-way minutes by the road and the
speed of the area (:func:`trip_minutes`) and who rides the school bus (:func:`bus_riders`).
Split from :mod:`~.layout_config`, whose settings they read; imported there too.
"""

from __future__ import annotations

import numpy as np


def bus_riders(distance_km, travel_min, config) -> np.ndarray:
    """Whether the day pupils of a row ride the school bus: they live more than
    ``school_bus_km`` from their school in a straight line, or their trip exceeds
    ``day_travel_limit_min`` (pupils who must board by the rule but have no bed travel daily;
    planner review: 49 such pupils were left out of the 1,288 who need a bus).

    >>> cfg = type("Cfg", (), {"school_bus_km": 5.0, "day_travel_limit_min": 30.0})()
    >>> bus_riders([6.0, 4.0, 4.0, 5.0], [18.7, 33.0, 12.5, 15.6], cfg).tolist()
    [True, True, False, False]
    """
    return ((np.asarray(distance_km, float) > config.school_bus_km + 1e-9)
            | (np.nan_to_num(np.asarray(travel_min, float)) > config.day_travel_limit_min + 1e-9))


def trip_minutes(distance_km, urban, config) -> np.ndarray:
    """One-way minutes of a trip of ``distance_km`` (straight line) × ``detour_factor``: a
    镇村 trip at ``speed_kmh_rural`` (school bus or lift); a 城区 trip at ``speed_kmh_urban``
    (on foot, e-bike or lift) unless it is longer than ``school_bus_km``, where the plan has
    the pupil ride the bus it prices (:func:`bus_riders`), at ``speed_kmh_urban_bus`` (review
    rv 5: 城关第一小学's communities, 5.3 km from 城东新区第二小学, were timed 29–39 minutes at
    12 km/h and kept out, while the plan charged them a bus).

    >>> from junheng.planning.layout_config import LayoutConfig
    >>> cfg = LayoutConfig()
    >>> [round(float(m), 1) for m in trip_minutes(np.array([4.0, 4.8, 5.3, 5.3]),
    ...                                           np.array([True, True, True, False]), cfg)]
    [26.0, 31.2, 20.7, 16.5]

    (4.0 × 1.3 / 12 × 60 = 26.0 and 4.8 km 31.2 on foot; 5.3 km by the town bus 5.3 × 1.3 /
    20 × 60 = 20.7, by the 镇村 bus 16.5.)
    """
    d = np.asarray(distance_km, float)
    road = d * config.detour_factor * 60.0
    town = np.where(d > config.school_bus_km + 1e-9, road / config.speed_kmh_urban_bus,
                    road / config.speed_kmh_urban)
    return np.where(urban, town, road / config.speed_kmh_rural)
