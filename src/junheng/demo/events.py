"""Events of later years that change v1 sheets on purpose, each from its own random stream.

- 附设幼儿班: from the second year, two or three village primaries open a preschool 混合班 in a
  spare classroom, with a newly hired preschool teacher each (ids ``T<county>9xxxx``, apart from
  the v1 staff's); later years' 在校生历史 lists those classes.
- An emptied teaching point: from the third year, one of the points merged that year stays on
  the 学校 list with no pupils, no classes and no teachers, and is delisted the year after.
- Finished projects (:func:`junheng.demo.projects.finished_since_first`): a relocated school's
  new coordinates, a dormitory's beds, an extension's classrooms and teaching area, a sports
  ground's area, from the year they are finished.

Nothing here feeds back into the v1 draws: the v1 staff, beds and facilities carried from year
to year are never changed, only the frames a snapshot hands out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.demo.projects import Project

ATTACHED_SCHOOLS = (2, 4)  # how many village primaries open a 附设幼儿班: 2 or 3
ATTACHED_PUPILS = (12, 27)
TRAINING_STEP = (50, 95)  # hours added a year, as the v1 staff gets


@dataclass
class AttachedClasses:
    """The village primaries with a 附设幼儿班, their teachers and past classes."""

    schools: list[int]
    opening: int
    county_code: str
    teachers: pd.DataFrame | None = None
    past: dict[int, pd.DataFrame] = field(default_factory=dict)


def choose_attached(schools: pd.DataFrame, first_year: int, county_code: str,
                    rng: np.random.Generator) -> AttachedClasses:
    village = np.flatnonzero((schools["role"] == "village_primary").to_numpy())
    n = min(len(village), int(rng.integers(*ATTACHED_SCHOOLS)))
    picked = sorted(int(s) for s in rng.choice(village, n, replace=False)) if n else []
    return AttachedClasses(picked, first_year + 1, county_code)


def attached_classes(att: AttachedClasses, schools: pd.DataFrame, year: int,
                     rng: np.random.Generator) -> pd.DataFrame:
    """This year's 附设幼儿班 rows (one 混合班 per school), remembered for 在校生历史."""
    if year < att.opening or not att.schools:
        return pd.DataFrame()
    students = rng.integers(*ATTACHED_PUPILS, len(att.schools))
    rows = pd.DataFrame({"school_id": schools["school_id"].to_numpy()[att.schools],
                         "grade": "kmix", "class_no": "1", "students": students,
                         "boarders": 0, "migrant_students": 0, "disabled_students": 0})
    att.past[year] = rows
    return rows


def attached_history(att: AttachedClasses, year: int, history_years: int) -> pd.DataFrame:
    """在校生历史 rows of the 附设幼儿班 of the years before ``year``."""
    frames = [rows.assign(school_year=y)[["school_year", "school_id", "grade", "students"]]
              for y, rows in att.past.items() if year - history_years <= y < year]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _hire(att: AttachedClasses, schools: pd.DataFrame, year: int, rng: np.random.Generator
          ) -> pd.DataFrame:
    n = len(att.schools)
    age = rng.integers(22, 28, n)
    return pd.DataFrame({
        "teacher_id": [f"T{att.county_code}9{k:04d}" for k in range(1, n + 1)],
        "school_id": schools["school_id"].to_numpy()[att.schools], "stage": "preschool",
        "subject": "other", "full_time": True,
        "degree": np.where(rng.random(n) < 0.6, "associate", "bachelor").astype(object),
        "title": "unranked", "backbone": "none", "certified": True, "sex": "female",
        "birth_year": year - age, "work_start_year": year, "school_start_year": year,
        "training_hours_5y": np.round(rng.uniform(20, 60, n)), "rotated_in": False,
        "from_school_id": None})


def attached_teachers(att: AttachedClasses, schools: pd.DataFrame, year: int,
                      rng: np.random.Generator) -> pd.DataFrame:
    """The 附设幼儿班 teachers on this year's staff (hired the opening year)."""
    if year < att.opening or not att.schools:
        return pd.DataFrame()
    if att.teachers is None:
        att.teachers = _hire(att, schools, year, rng)
    elif year > int(att.teachers["work_start_year"].min()):
        hours = att.teachers["training_hours_5y"] * 0.8 + rng.uniform(*TRAINING_STEP,
                                                                       len(att.teachers))
        att.teachers = att.teachers.assign(training_hours_5y=np.clip(np.rint(hours), 0, 800))
    return att.teachers


def emptied_point(closed: dict[int, frozenset[int]], year: int, k: int,
                  rng: np.random.Generator) -> int | None:
    """From the third year: one point merged this year stays listed, empty, for the year."""
    if k < 2:
        return None
    new = sorted(closed[year] - closed.get(year - 1, frozenset()))
    return int(rng.choice(new)) if new else None


def apply_finished(done: list[Project], schools: pd.DataFrame, facilities: pd.DataFrame
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """学校 and 校舍设施 frames with what the finished projects changed."""
    schools, facilities = schools.copy(), facilities.copy()
    for project in done:
        at_school = (schools["school_id"] == project.school_id).to_numpy()
        at_facility = (facilities["school_id"] == project.school_id).to_numpy()
        for what, value in project.effects.items():
            if what == "coords":
                schools.loc[at_school, ["lon", "lat"]] = value
            elif what == "beds":
                schools.loc[at_school, "boarding_beds"] += value
            else:
                facilities.loc[at_facility, what] += value
    return schools, facilities
