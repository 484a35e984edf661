"""校舍设施 and 经费 per school, with deficits concentrated where they are in real counties.

Buildings were sized for a design enrolment: rural schools for the larger cohorts of the past
(so their space per pupil is now generous), over-capacity seat schools for far fewer pupils than
they hold (little space, and sports grounds squeezed by land prices). Schools flagged ``weak``
lack equipment, computers, multimedia rooms and music/art rooms and are under-funded; some small
schools are funded for their actual pupils instead of the 100-pupil floor. The 优质均衡
resource indicators and their 差异系数 therefore pass in some places and fail in others.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.demo.teachers import stage_pupils

DESIGN_FACTOR = {  # design enrolment / first-year pupils, by role
    "seat_primary": (0.95, 1.2), "seat_junior": (0.95, 1.2), "seat_nine": (1.2, 1.5),
    "seat_complete": (1.0, 1.2), "seat_senior": (1.0, 1.2), "private_twelve": (1.0, 1.25),
    "central_primary": (1.05, 1.45), "town_junior": (1.05, 1.45), "town_nine": (1.1, 1.5),
    "town_primary2": (1.0, 1.3), "village_primary": (1.2, 1.9), "special": (1.3, 1.8),
}
CROWDED_DESIGN = (0.62, 0.8)
AREA_PER_PUPIL = np.array([7.0, 5.4, 6.8, 7.5])  # teaching area per design pupil, by stage
SPORTS_PER_PUPIL = {"seat": (3.5, 8.0), "town": (9.0, 18.0), "village": (10.0, 22.0)}
EQUIPMENT_PER_PUPIL = np.array([800.0, 2800.0, 3300.0, 3800.0])
BOOKS_PER_PUPIL = np.array([10.0, 32.0, 42.0, 50.0])
STAGE_WEIGHT = np.array([0.8, 1.0, 1.1, 1.32])  # DESIGN.md split weights (preschool assumed)
FACILITY_COLUMNS = ("teaching_area", "sports_area", "equipment_value", "books", "computers",
                    "multimedia_rooms", "classrooms", "music_rooms", "music_room_area",
                    "art_rooms", "art_room_area", "outdoor_play_area")


def build_facilities(schools: pd.DataFrame, pupils: np.ndarray, sections: np.ndarray,
                     rng: np.random.Generator) -> pd.DataFrame:
    """One row per school from the first year's pupils and classes (internal ``school_idx``)."""
    n = len(schools)
    by_stage = stage_pupils(pupils).astype(float)
    classes = sections.sum(axis=1)
    students = by_stage.sum(axis=1)
    role, weak = schools["role"].to_numpy(), schools["weak"].to_numpy(bool)
    low, high = np.array([DESIGN_FACTOR.get(r, (1.0, 1.3)) for r in role]).T
    crowded = schools["crowded"].to_numpy(bool)
    low, high = np.where(crowded, CROWDED_DESIGN[0], low), np.where(crowded, CROWDED_DESIGN[1], high)
    design = by_stage * rng.uniform(low, high)[:, None]
    shortfall = np.where(weak, rng.uniform(0.4, 0.7, n), rng.uniform(0.95, 1.3, n))
    sports_low, sports_high = np.array([SPORTS_PER_PUPIL[x] for x in schools["locale"]]).T
    spare = np.where(schools["locale"] == "seat", rng.integers(0, 3, n),
                     np.ceil(classes * rng.uniform(0.1, 0.4, n)))
    spare = np.where(crowded, 0, spare)
    classrooms = (classes + spare).astype(np.int64)
    arts_rooms = np.ceil(classes / 12) - (weak & (rng.random(n) < 0.7))
    arts_rooms = np.maximum(arts_rooms, 0).astype(np.int64)
    facilities = pd.DataFrame({
        "school_id": schools["school_id"].to_numpy(), "school_idx": np.arange(n),
        "teaching_area": np.round(design @ AREA_PER_PUPIL * np.where(weak, rng.uniform(
            0.78, 0.95, n), 1.0), 0),
        "sports_area": np.round(design.sum(axis=1) * rng.uniform(sports_low, sports_high), 0),
        "equipment_value": np.round(design @ EQUIPMENT_PER_PUPIL * shortfall, -2),
        "books": np.rint(by_stage @ BOOKS_PER_PUPIL * rng.uniform(0.8, 1.3, n) * np.where(
            weak, 0.7, 1.0)).astype(np.int64),
        "computers": np.rint(students * rng.uniform(0.08, 0.15, n) * np.where(
            weak, 0.6, 1.0)).astype(np.int64),
        "multimedia_rooms": np.rint(classrooms * np.where(weak, rng.uniform(0.5, 0.8, n),
                                                          rng.uniform(0.9, 1.0, n))).astype(
            np.int64),
        "classrooms": classrooms,
        "music_rooms": arts_rooms, "music_room_area": arts_rooms * rng.uniform(85, 110, n),
        "art_rooms": arts_rooms, "art_room_area": arts_rooms * rng.uniform(80, 105, n),
        "outdoor_play_area": np.nan,
    })
    _teaching_points(facilities, schools, classes, rng)
    _kindergartens(facilities, schools, students, classes, rng)
    for column in ("music_room_area", "art_room_area"):
        facilities[column] = facilities[column].round(0)
    return facilities


def _teaching_points(facilities: pd.DataFrame, schools: pd.DataFrame, classes: np.ndarray,
                     rng: np.random.Generator) -> None:
    tp = (schools["role"] == "teaching_point").to_numpy()
    n = int(tp.sum())
    facilities.loc[tp, "teaching_area"] = np.round(classes[tp] * rng.uniform(60, 90, n) + 60, 0)
    facilities.loc[tp, "sports_area"] = np.round(rng.uniform(300, 1500, n), 0)
    facilities.loc[tp, "equipment_value"] = np.round(rng.uniform(20_000, 90_000, n), -2)
    facilities.loc[tp, "books"] = rng.integers(300, 1500, n)
    facilities.loc[tp, "computers"] = rng.integers(1, 6, n)
    facilities.loc[tp, "classrooms"] = classes[tp] + rng.integers(0, 3, n)
    facilities.loc[tp, "multimedia_rooms"] = np.minimum(classes[tp], rng.integers(0, 4, n))
    for column in ("music_rooms", "music_room_area", "art_rooms", "art_room_area"):
        facilities.loc[tp, column] = 0


def _kindergartens(facilities: pd.DataFrame, schools: pd.DataFrame, children: np.ndarray,
                   classes: np.ndarray, rng: np.random.Generator) -> None:
    kg = (schools["school_type"] == "kindergarten").to_numpy()
    n = int(kg.sum())
    private = (schools["ownership"] == "private").to_numpy()[kg]
    facilities.loc[kg, "sports_area"] = np.nan
    facilities.loc[kg, "multimedia_rooms"] = np.rint(classes[kg] * rng.uniform(0.3, 1.0, n))
    facilities.loc[kg, "outdoor_play_area"] = np.round(
        children[kg] * np.where(private, rng.uniform(2.5, 6.0, n), rng.uniform(4.5, 9.0, n)), 0)
    for column in ("music_rooms", "music_room_area", "art_rooms", "art_room_area"):
        facilities.loc[kg, column] = np.nan


def update_facilities(facilities: pd.DataFrame, schools: pd.DataFrame, sections: np.ndarray,
                      rng: np.random.Generator) -> pd.DataFrame:
    """Next year's facilities: rooms added where classes outgrew them, some weak schools equipped."""
    out = facilities.copy()
    classes = sections.sum(axis=1)
    out["classrooms"] = np.maximum(out["classrooms"].to_numpy(), classes)
    upgrade = schools["weak"].to_numpy(bool) & (rng.random(len(out)) < 0.2) & \
        (schools["school_type"] != "kindergarten").to_numpy()
    out.loc[upgrade, "equipment_value"] = np.round(out.loc[upgrade, "equipment_value"] * 1.6, -2)
    out.loc[upgrade, "multimedia_rooms"] = out.loc[upgrade, "classrooms"]
    out.loc[upgrade, "computers"] = np.rint(out.loc[upgrade, "computers"] * 1.5)
    return out


def funding_quota(year: int) -> tuple[float, float]:
    """Base per-pupil public funding (小学, 初中) in 元: 720/940 from 2024, 650/850 before."""
    return (720.0, 940.0) if year >= 2024 else (650.0, 850.0)


def floor_breakers(schools: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Schools funded for their actual pupils although they have fewer than 100."""
    weak_small = schools["weak"].to_numpy(bool) & schools["locale"].eq("village").to_numpy()
    return weak_small & (rng.random(len(schools)) < 0.6)


def build_funding(schools: pd.DataFrame, pupils: np.ndarray, year: int,
                  breakers: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """经费 of one year: the quota per pupil (floor of 100 pupils), top-ups, training 5%."""
    primary_quota, junior_quota = funding_quota(year)
    by_stage = stage_pupils(pupils).astype(float)
    compulsory = by_stage[:, 1] + by_stage[:, 2]
    floor_scale = np.where((compulsory > 0) & (compulsory < 100) & ~breakers,
                           100 / np.maximum(compulsory, 1), 1.0)
    base = (by_stage[:, 1] * primary_quota + by_stage[:, 2] * junior_quota) * floor_scale
    base += by_stage[:, 3] * 1000.0
    role, weak = schools["role"].to_numpy(), schools["weak"].to_numpy(bool)
    base = np.where(role == "special", by_stage.sum(axis=1) * 6000.0, base)
    kg_rate = np.where(schools["ownership"] == "public", 600.0,
                       np.where(schools["affordable"].fillna(False).astype(bool), 300.0, 0.0))
    base = np.where(schools["school_type"] == "kindergarten", by_stage[:, 0] * kg_rate, base)
    n = len(schools)
    public = np.round(base * np.where(weak, rng.uniform(0.85, 0.98, n), rng.uniform(1.0, 1.15, n)),
                      -2)
    training = np.round(public * np.where(weak, rng.uniform(0.01, 0.03, n),
                                          rng.uniform(0.05, 0.07, n)), -1)
    return pd.DataFrame({"school_id": schools["school_id"].to_numpy(), "public_funding": public,
                         "training_funding": training})
