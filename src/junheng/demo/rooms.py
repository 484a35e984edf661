"""专用教室 and the v2 columns of 校舍设施, drawn once from the first year's facilities.

A school's music and art rooms are those v1's 校舍设施 counts, their areas a split of its total
(so some rooms fall under the 96 / 90 m² of the 2017 standard while the average passes);
primaries also have science labs, juniors physics, chemistry and biology labs, and schools with
computers a computer room. 校舍建筑面积 is the teaching area plus offices, canteens and
dormitories; 占地面积 two to four times that outside the seat. Kindergartens get their activity
rooms (one per class), 幼儿活动用房面积, the year their buildings were designed and whether toys
and books meet the province's list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LAB_AREA = (80.0, 110.0)
COMPULSORY = ("primary_school", "junior_school", "nine_year", "twelve_year",
              "complete_secondary")


def _split(total: float, n: int, rng: np.random.Generator) -> list[float]:
    """Whole square metres of ``n`` rooms adding up to ``total``."""
    share = rng.uniform(0.85, 1.15, n)
    areas = np.floor(share / share.sum() * total)
    areas[: int(round(total - areas.sum()))] += 1
    return areas.tolist()


def _room_rows(s: int, room_type: str, areas: list[float]) -> list[dict]:
    return [{"school_idx": s, "room_type": room_type, "room_no": str(k + 1), "area": a}
            for k, a in enumerate(areas)]


def _labs(school_type: str, classes: float, computers: float) -> list[tuple[str, int]]:
    if school_type not in COMPULSORY:
        return []
    labs = []
    if school_type in ("primary_school", "nine_year", "twelve_year"):
        labs.append(("science_lab", max(1, int(np.ceil(classes / 18)))))
    if school_type != "primary_school":
        labs += [("physics_lab", 1), ("chemistry_lab", 1), ("biology_lab", 1)]
    if pd.notna(computers) and computers >= 30:
        labs.append(("computer", 1 + int(computers >= 120)))
    return labs


def build_rooms(schools: pd.DataFrame, facilities: pd.DataFrame, classes: np.ndarray,
                rng: np.random.Generator) -> pd.DataFrame:
    """Every school's special rooms (``school_idx`` rows; facilities in school row order)."""
    rows = []
    types = schools["school_type"].to_numpy()
    for s, f in enumerate(facilities.itertuples(index=False)):
        for room_type, count, total in (("music", f.music_rooms, f.music_room_area),
                                        ("art", f.art_rooms, f.art_room_area)):
            if pd.notna(count) and count > 0 and pd.notna(total):
                rows += _room_rows(s, room_type, _split(float(total), int(count), rng))
        for room_type, n in _labs(types[s], classes[s], f.computers):
            rows += _room_rows(s, room_type, np.round(rng.uniform(*LAB_AREA, n)).tolist())
    return pd.DataFrame(rows)


def facility_extras(schools: pd.DataFrame, facilities: pd.DataFrame, classes: np.ndarray,
                    rng: np.random.Generator) -> pd.DataFrame:
    """校舍建筑面积, 占地面积 and the kindergartens' 办园条件 columns, by school row."""
    n = len(schools)
    seat = (schools["locale"] == "seat").to_numpy()
    kg = (schools["school_type"] == "kindergarten").to_numpy()
    private = (schools["ownership"] == "private").to_numpy()
    building = np.round(facilities["teaching_area"].to_numpy(float) * rng.uniform(1.35, 1.7, n))
    site = np.round(building * np.where(seat, rng.uniform(1.4, 2.2, n),
                                        rng.uniform(2.0, 3.5, n)))
    rooms = np.where(kg, classes + (rng.random(n) < 0.3), np.nan)
    activity = np.round(rooms * np.where(private, rng.uniform(50, 70, n),
                                         rng.uniform(60, 90, n)))
    designed = np.where(private, rng.integers(2005, 2020, n), rng.integers(2011, 2023, n))
    toys = rng.random(n) < np.where(private, 0.55, 0.85)
    return pd.DataFrame({
        "building_area": building, "site_area": site, "activity_rooms": rooms,
        "activity_room_area": activity, "design_year": np.where(kg, designed, np.nan),
        "toys_books_complete": pd.array(np.where(kg, toys, None), dtype="boolean"),
    })
