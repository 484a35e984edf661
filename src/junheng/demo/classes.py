"""Classes, new entrants (招生) and past enrolment (在校生历史) from pupils per school and grade.

A class keeps its number of sections as its cohort moves up: sections are formed in an entry
grade (托班/小班, 一年级, 七年级, 高一) as ``ceil(pupils / cap)`` and carried on, re-formed only when
the classes would exceed the cap by more than four (53 pupils outside crowded schools) or fall
under 55% of it. Over-capacity seat
schools have caps of 60–68, which is where 大班额 come from. Teaching points have one class per
grade that has pupils; small private kindergartens one 混合班.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.demo.enrolment import GRADE_AXIS, JUNIOR, PRESCHOOL, PRIMARY, SENIOR

KG_CAPS = np.array([20.0, 25.0, 30.0, 35.0])  # 托班, 小班, 中班, 大班
ENTRY_GRADES = frozenset({0, 1, 4, 10, 13})  # k0, k1, g1, g7, s1
BOARDING_BY_GRADE = {"primary_low": 0.0, "primary_high": (0.3, 0.6), "junior": (0.6, 0.9),
                     "senior": 0.85}
MIGRANT_SHARE = {"seat": 0.06, "town": 0.015, "village": 0.003}


def class_caps(schools: pd.DataFrame) -> np.ndarray:
    """Largest class per school (rows) and grade (columns) before another section is opened."""
    caps = np.repeat(schools["class_cap"].to_numpy(float)[:, None], len(GRADE_AXIS), axis=1)
    private = (schools["ownership"] == "private").to_numpy()
    caps[:, PRESCHOOL] = KG_CAPS[None, :] * np.where(private, 1.15, 1.0)[:, None]
    return caps


def _fresh(pupils: np.ndarray, caps: np.ndarray) -> np.ndarray:
    return np.where(pupils > 0, np.ceil(pupils / caps), 0).astype(np.int64)


def class_counts(pupils_by_year: list[np.ndarray], schools: pd.DataFrame) -> list[np.ndarray]:
    """Sections per school and grade for consecutive years (see the module docstring)."""
    caps = class_caps(schools)
    # crowded schools let classes grow 4 over their cap; others stop at 53 (大班额 is 56+)
    slack = np.where(schools["crowded"].to_numpy(bool)[:, None], 4.0,
                     np.clip(53.0 - caps, 0.0, 4.0))
    single = schools["school_type"].isin(["teaching_point", "special_education"]).to_numpy()
    counts: list[np.ndarray] = []
    for pupils in pupils_by_year:
        fresh = _fresh(pupils, caps)
        if counts:
            carried = np.zeros_like(fresh)
            carried[:, 1:] = counts[-1][:, :-1]
            carried[:, sorted(ENTRY_GRADES)] = 0
            per_class = pupils / np.maximum(carried, 1)
            keep = (carried > 0) & (pupils > 0) & (per_class <= caps + slack) & \
                (per_class >= caps * 0.55)
            fresh = np.where(keep, carried, fresh)
        fresh[single] = (pupils[single] > 0).astype(np.int64)
        counts.append(fresh)
    return counts


def _split_sizes(pupils: np.ndarray, sections: np.ndarray, rng: np.random.Generator
                 ) -> np.ndarray:
    """Class sizes: each group's pupils split evenly, then up to ±2 moved between its classes."""
    group = np.repeat(np.arange(len(pupils)), sections)
    first = np.r_[0, np.cumsum(sections)[:-1]]
    within = np.arange(len(group)) - first[group]
    sizes = pupils[group] // sections[group] + (within < pupils[group] % sections[group])
    step = rng.integers(-1, 2, len(group))
    last = first + sections - 1
    previous = np.where(within == 0, last[group], np.arange(len(group)) - 1)
    sizes = sizes + step - step[previous]  # sums to zero within each group
    return np.maximum(sizes, 0)


def _boarding_rates(schools: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Share of boarders per school and grade (none below grade 4, none at day schools)."""
    rates = np.zeros((len(schools), len(GRADE_AXIS) + 1))  # last column: 混合班
    boarding = schools["boarding"].to_numpy(bool)
    rates[:, PRIMARY.start + 3:PRIMARY.stop] = rng.uniform(*BOARDING_BY_GRADE["primary_high"],
                                                           (len(schools), 1))
    rates[:, JUNIOR] = rng.uniform(*BOARDING_BY_GRADE["junior"], (len(schools), 1))
    rates[:, SENIOR] = BOARDING_BY_GRADE["senior"]
    special = (schools["role"] == "special").to_numpy()
    rates[special, PRIMARY.start:JUNIOR.stop] = 0.7
    return rates * boarding[:, None]


def class_rows(pupils: np.ndarray, sections: np.ndarray, schools: pd.DataFrame,
               rng: np.random.Generator) -> pd.DataFrame:
    """The 班级 rows of one year (internal columns ``school_idx`` and ``grade_idx`` included)."""
    pupils, sections = _mixed_kindergartens(pupils, sections, schools)
    school_idx, grade_idx = np.nonzero(sections)
    n, k = pupils[school_idx, grade_idx], sections[school_idx, grade_idx]
    sizes = _split_sizes(n, k, rng)
    row_school = np.repeat(school_idx, k)
    row_grade = np.repeat(grade_idx, k)
    first = np.r_[0, np.cumsum(k)[:-1]]
    class_no = np.arange(len(sizes)) - np.repeat(first, k) + 1
    rates = _boarding_rates(schools, rng)[row_school, row_grade]
    migrant = schools["locale"].map(MIGRANT_SHARE).to_numpy(float) * np.where(
        schools["ownership"] == "private", 1.6, 1.0)
    special = (schools["role"] == "special").to_numpy()[row_school]
    grades = np.array(GRADE_AXIS + ("kmix",), dtype=object)
    return pd.DataFrame({
        "school_id": schools["school_id"].to_numpy()[row_school],
        "grade": grades[row_grade], "class_no": class_no.astype(str), "students": sizes,
        "boarders": rng.binomial(sizes, rates),
        "migrant_students": rng.binomial(sizes, migrant[row_school]),
        "disabled_students": np.where(special, sizes, rng.binomial(sizes, 0.002)),
        "school_idx": row_school, "grade_idx": row_grade,
    })


KMIX = len(GRADE_AXIS)  # grade index of 混合班 in widened arrays


def _mixed_kindergartens(pupils: np.ndarray, sections: np.ndarray, schools: pd.DataFrame
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Widen to a 混合班 column: mixed kindergartens put all their children in one class."""
    mixed = schools["kg_mixed"].to_numpy(bool)
    wide_pupils = np.zeros((len(pupils), KMIX + 1), dtype=np.int64)
    wide_sections = np.zeros_like(wide_pupils)
    wide_pupils[:, :KMIX], wide_sections[:, :KMIX] = pupils, sections
    wide_pupils[mixed, KMIX] = pupils[mixed, PRESCHOOL].sum(axis=1)
    wide_sections[mixed, KMIX] = np.ceil(wide_pupils[mixed, KMIX] / 40).astype(np.int64)
    wide_pupils[mixed, PRESCHOOL] = 0
    wide_sections[mixed, PRESCHOOL] = 0
    return wide_pupils, wide_sections


def cap_boarders(classes: pd.DataFrame, beds: pd.Series) -> pd.DataFrame:
    """Lower boarders of schools whose beds are fewer than their boarders (later years)."""
    total = classes.groupby("school_id")["boarders"].transform("sum")
    limit = classes["school_id"].map(beds).fillna(0).to_numpy()
    factor = np.where(total > limit, limit / np.maximum(total, 1), 1.0)
    classes["boarders"] = np.floor(classes["boarders"] * factor).astype(np.int64)
    return classes


def enrolment_rows(classes: pd.DataFrame, schools: pd.DataFrame, zone_rates: np.ndarray
                   ) -> pd.DataFrame:
    """招生: entrants of 一年级 and 七年级 per school (the classes' totals) and how many by zone."""
    entry = classes[classes["grade"].isin(["g1", "g7"])]
    totals = entry.groupby(["school_idx", "grade"], as_index=False)[
        ["students", "migrant_students"]].sum()
    rate = zone_rates[totals["school_idx"].to_numpy()]
    return pd.DataFrame({
        "school_id": schools["school_id"].to_numpy()[totals["school_idx"]],
        "grade": totals["grade"], "entrants": totals["students"],
        "zone_entrants": np.minimum(np.rint(totals["students"] * rate).astype(np.int64),
                                    totals["students"]),
        "migrant_entrants": totals["migrant_students"],
    })


def zone_rates(schools: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Share of entrants admitted by attendance zone: 90–100%, boarding and private lower."""
    n = len(schools)
    rate = rng.uniform(0.95, 1.0, n)
    rate = np.where(schools["crowded"], rng.uniform(0.90, 0.97, n), rate)
    rate = np.where(schools["boarding"], rng.uniform(0.80, 0.92, n), rate)
    rate = np.where(schools["ownership"] == "private", rng.uniform(0.0, 0.2, n), rate)
    rate = np.where(schools["role"] == "teaching_point", 1.0, rate)
    return np.where(schools["role"] == "special", 0.0, rate)


def history_rows(pupils_by_year: dict[int, np.ndarray], schools: pd.DataFrame,
                 present: np.ndarray, closed: frozenset[int]) -> pd.DataFrame:
    """在校生历史 of the years given, for the schools ``present`` this year.

    Pupils of teaching points merged since are counted at their central school, as a bureau
    re-keys a merged school's history; mixed kindergartens report one 混合班 total.
    """
    index_of = {sid: i for i, sid in enumerate(schools["school_id"])}
    frames = []
    for year, pupils in pupils_by_year.items():
        pupils = pupils.copy()
        for s in closed:
            pupils[index_of[schools.at[s, "central_school"]]] += pupils[s]
            pupils[s] = 0
        wide, _ = _mixed_kindergartens(pupils, pupils > 0, schools)
        wide[~present] = 0
        school_idx, grade_idx = np.nonzero(wide)
        frames.append(pd.DataFrame({
            "school_year": year, "school_id": schools["school_id"].to_numpy()[school_idx],
            "grade": np.array(GRADE_AXIS + ("kmix",), dtype=object)[grade_idx],
            "students": wide[school_idx, grade_idx]}))
    return pd.concat(frames, ignore_index=True)
