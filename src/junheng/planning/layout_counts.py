"""Counts per school that the layout planner reads from the workbook: classes, students and
boarders per stage, the classrooms of the compulsory stages, the compulsory teachers, and the
county's 民办 share of pupils per stage."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from junheng.forecast.capacity import other_rooms
from junheng.model import CountyData

STAGE_OF_GRADE = {**{f"g{g}": "primary" for g in range(1, 7)},
                  **{f"g{g}": "junior" for g in range(7, 10)}}


def stage_counts(data: CountyData, ids: pd.Series) -> pd.DataFrame:
    """Per school (index ``ids``): classes, students and boarders of its primary, junior and
    other (高中, 幼儿园) classes, and the students and boarders of grades 4–6 (``upper``):
    columns like ``classes_primary``, ``students_other``, ``boarders_upper``."""
    classes = data.classes[data.classes["school_id"].isin(ids)]
    stage = classes["grade"].map(STAGE_OF_GRADE).fillna("other")
    upper = classes["grade"].isin(["g4", "g5", "g6"])
    frame = pd.concat([classes.assign(stage=stage),
                       classes[upper].assign(stage="upper")], ignore_index=True)
    per = (frame.groupby(["school_id", "stage"])
           .agg(classes=("students", "size"), students=("students", "sum"),
                boarders=("boarders", "sum")).unstack(fill_value=0))
    per.columns = [f"{what}_{st}" for what, st in per.columns]
    cols = [f"{w}_{st}" for w in ("classes", "students", "boarders")
            for st in ("primary", "junior", "other", "upper")]
    return per.reindex(index=ids, columns=cols).fillna(0).astype(np.int64)


def split_rooms(rooms: np.ndarray, n_p: np.ndarray, n_j: np.ndarray, n_o: np.ndarray,
                teaches_p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Classrooms of the primary and the junior stage: the other classes (高中 of a 完全中学
    or 十二年一贯制, 幼儿园 classes) first take their share in proportion to today's classes,
    the rest is split between primary and junior likewise (all to primary at a school with
    no compulsory classes that teaches grades 1–3); half rounds to even.

    >>> p, j = split_rooms(np.array([62, 67, 10]), np.array([0, 30, 0]), np.array([14, 16, 0]),
    ...                    np.array([48, 21, 0]), np.array([False, True, True]))
    >>> p.tolist(), j.tolist()
    ([0, 30, 10], [14, 16, 0])
    """
    other = other_rooms(rooms, n_p + n_j, n_o)
    left = rooms - other.astype(np.int64)
    compulsory = n_p + n_j
    share_p = np.where(compulsory > 0, n_p / np.maximum(compulsory, 1), teaches_p * 1.0)
    rooms_p = np.round(left * share_p).astype(np.int64)
    return rooms_p, left - rooms_p


def private_shares(data: CountyData) -> dict[str, float]:
    """Per stage (primary, junior): the share of the county's pupils today who attend a
    民办 school (their students over all students of the stage's grades); 0 without classes.

    民办学校 take no part in the layout: the bureau neither closes them nor sends pupils
    there, so the public schools' demand is the villages' children less this share.
    """
    classes = data.classes
    stage = classes["grade"].map(STAGE_OF_GRADE)
    private = set(data.schools.loc[data.schools["ownership"] == "private", "school_id"])
    out = {}
    for st in ("primary", "junior"):
        mine = classes[stage == st]
        total = float(mine["students"].sum())
        priv = float(mine.loc[mine["school_id"].isin(private), "students"].sum())
        out[st] = priv / total if total > 0 else 0.0
    return out


def compulsory_teachers(data: CountyData, ids: pd.Series) -> np.ndarray:
    """Teachers of the primary and junior stages per school (a teacher without a stage
    counts), NaN at a school with none listed (the count is unknown)."""
    teachers = data.teachers
    ours = teachers[teachers["stage"].isna() | teachers["stage"].isin(["primary", "junior"])]
    return ours.groupby("school_id").size().reindex(ids).to_numpy(float)


#: The grades of each stage group of the layout (layout_data.GROUP_AGES).
GROUP_GRADES = {"grades_1_3": ("g1", "g2", "g3"), "grades_4_6": ("g4", "g5", "g6"),
                "grades_7_9": ("g7", "g8", "g9")}


def grade_mix(data: CountyData, ids: pd.Series) -> pd.DataFrame:
    """Per school (index ``ids``): each compulsory grade's share of its stage group's pupils
    today (columns ``share_g1`` … ``share_g9``; a third each where the group has none), and
    ``other_classes``: the classes its other grades (高中, 附设幼儿园) need at the standard
    class size, grade by grade, as the enrolment forecast counts them.

    >>> from junheng.io import example_county
    >>> data = example_county()
    >>> mix = grade_mix(data, data.schools["school_id"].head(1))
    >>> round(float(mix.filter(like="share_g").iloc[0, :3].sum()), 6)
    1.0
    """
    from junheng.standards import load_class_size

    classes = data.classes[data.classes["school_id"].isin(ids)]
    per = classes.groupby(["school_id", "grade"])["students"].sum().unstack(fill_value=0)
    per = per.reindex(index=ids, fill_value=0)
    out = pd.DataFrame(index=ids)
    for grades in GROUP_GRADES.values():
        got = per.reindex(columns=list(grades), fill_value=0).astype(float)
        total = got.sum(axis=1)
        for g in grades:
            out[f"share_{g}"] = np.where(total > 0, got[g] / total.where(total > 0, 1.0), 1 / 3)
    other = [g for g in per.columns if g not in STAGE_OF_GRADE]
    kinds = data.schools.set_index("school_id")["school_type"].reindex(ids).to_numpy(object)
    sizes = load_class_size().class_sizes(kinds, other) if other else np.zeros((len(ids), 0))
    students = per.reindex(columns=other, fill_value=0).to_numpy(float)
    out["other_classes"] = np.where(students > 0, np.ceil(students / sizes - 1e-9), 0).sum(axis=1)
    return out


def stage_rooms(sites: pd.DataFrame, schools: pd.DataFrame | None, site: str, stage: str) -> int:
    """普通教室 of a site's stage: today's, plus what the plan adds (none if it closes)."""
    return stage_rooms_of(sites, schools)(site, stage)


def stage_rooms_of(sites: pd.DataFrame, schools: pd.DataFrame | None) -> Callable[[str, str], int]:
    """(site, stage) -> :func:`stage_rooms`, the planner's ``schools`` read once for many sites
    (its first row of a site; filtered per site it was 3,000 calls, 7 s under a profiler, of
    the demo's layout step).

    >>> sites = pd.DataFrame({"rooms_primary": [6, 4], "rooms_junior": [0, 3]}, index=["A", "B"])
    >>> plan = pd.DataFrame({"site_id": ["A", "B"], "action": ["expand", "close"],
    ...                      "added_primary": [2, 0], "added_junior": [1, 0]})
    >>> rooms = stage_rooms_of(sites, plan)
    >>> rooms("A", "primary"), rooms("A", "junior"), rooms("B", "junior"), rooms("C", "primary")
    (8, 1, 0, 0)
    >>> stage_rooms_of(sites, None)("B", "junior")
    3
    """
    first: dict = {}
    for i, sid in enumerate([] if schools is None else schools["site_id"]):
        first.setdefault(sid, i)
    action = None if schools is None else schools["action"].to_numpy()

    def rooms(site: str, stage: str) -> int:
        today = int(sites.at[site, f"rooms_{stage}"]) if site in sites.index else 0
        if schools is None:
            return today
        i = first.get(site)
        if i is None or action[i] == "close":
            return 0
        return today + int(schools[f"added_{stage}"].iloc[i])

    return rooms


def grade_classes(pupils: float, shares, size: float) -> int:
    """The classes a stage group's ``pupils`` form grade by grade: each grade's pupils (its
    share of ``shares``) in classes of at most ``size``, as the 达标路径 forms a year's classes
    (:func:`~junheng.planning.compliance_county.class_count`). The one room rule of both
    plans: a school-stage-year needs a 普通教室 for each class.

    330 pupils a third in each grade, classes of 50: 110 a grade, 3 classes each (pooled: 7)

    >>> grade_classes(330, [1 / 3, 1 / 3, 1 / 3], 50), grade_classes(0, [0.5, 0.5, 0.0], 45)
    (9, 0)
    """
    from junheng.planning.compliance_county import class_count

    grade = np.asarray(shares, float) * float(pupils)
    return int(class_count(grade, np.full(len(grade), float(size))).sum())


def built_only(schools: pd.DataFrame | None, sites: pd.DataFrame) -> pd.DataFrame | None:
    """The planner's ``schools`` with ``added_<stage>`` its built rooms only: less the rooms met
    by 临时周转 (``temporary_seats`` ÷ the site's class size), which are borrowed, not built, so
    the rooms a school lacks after the plan (:func:`room_shortfalls`) are those it borrows in
    the target year (brief hshort: 「缺 4 间」 beside 10 borrowed in 2030, the borrowed rooms
    counted as standing).

    A's 3 added junior rooms, 2 of them borrowed (100 seats at 50 a class): 1 built

    >>> sites = pd.DataFrame({"class_size_primary": [45], "class_size_junior": [50]}, index=["A"])
    >>> plan = pd.DataFrame({"site_id": ["A"], "added_primary": [0], "added_junior": [3],
    ...                      "temporary_seats": [{"junior": 100}]})
    >>> built_only(plan, sites)[["added_primary", "added_junior"]].to_numpy().tolist()
    [[0, 1]]
    """
    if schools is None or "temporary_seats" not in schools:
        return schools
    out = schools.copy()
    for st in ("primary", "junior"):
        size = sites[f"class_size_{st}"].reindex(out["site_id"]).to_numpy(float)
        seats = np.array([float(t.get(st, 0)) if isinstance(t, Mapping) else 0.0
                          for t in out["temporary_seats"]])
        out[f"added_{st}"] = out[f"added_{st}"] - np.rint(seats / size).astype(np.int64)
    return out


def room_shortfalls(sites: pd.DataFrame, assign: pd.DataFrame,
                    schools: pd.DataFrame | None = None) -> dict[str, int]:
    """Per site with pupils in ``assign``: the 普通教室 it lacks when each grade's pupils form
    classes of the standard size (a stage group's pupils spread over its grades as the
    site's pupils are today, ``share_g*``), against its compulsory stages' rooms
    (:func:`stage_rooms`). The plan's seats are per stage (rules (3)–(4)), so a site may lack
    a room or two this way after the plan (planner review finding 6: the 达标路径 builds them).

    >>> sites = pd.DataFrame({"rooms_primary": [2, 4], "rooms_junior": [0, 0],
    ...     "class_size_primary": [45, 45], "class_size_junior": [50, 50],
    ...     **{f"share_g{g}": 1 / 3 for g in range(1, 10)}}, index=["A", "B"])
    >>> assign = pd.DataFrame({"site_id": ["A", "B"], "demand": [192, 100],
    ...                        "group": ["grades_1_3", "grades_4_6"]})
    >>> room_shortfalls(sites, assign)  # A: 3 × 2 classes in 2 rooms; B: 3 in 4
    {'A': 4, 'B': 0}
    """
    stage_of = {"grades_1_3": "primary", "grades_4_6": "primary", "grades_7_9": "junior"}
    load = assign.groupby(["site_id", "group"])["demand"].sum()
    classes: dict[str, float] = {}
    for (site, group), pupils in load.items():
        size = sites.at[site, f"class_size_{stage_of[group]}"]
        shares = [sites.at[site, f"share_{g}"] for g in GROUP_GRADES[group]]
        classes[site] = classes.get(site, 0.0) + grade_classes(pupils, shares, size)
    rooms = stage_rooms_of(sites, schools)
    return {site: int(max(0, n - rooms(site, "primary") - rooms(site, "junior"))) for site, n in classes.items()}


def pooled_classes(classes: Mapping[tuple[str, str], Mapping[int, int]],
                   rooms: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], dict[int, int]]:
    """(school, stage) -> year -> the stage's classes less the rooms the school's other stages
    have spare that year (their ``rooms`` before the plan beyond their ``classes``): a
    classroom is a classroom, so a school's shortage of a stage is net of its spare rooms of
    the other, as the 达标路径 counts a school's rooms whole
    (:func:`~.compliance_temporary.room_gaps`). A stage the other lacks a year is as if spare 0.

    A 九年一贯制 school short 1 primary and 1 junior room: both stay (2 in all); short 1
    junior room with 2 primary rooms spare: the junior need falls by 2 (0 short in all):

    >>> both = {("A", "primary"): {2029: 11}, ("A", "junior"): {2029: 7}}
    >>> rooms = {("A", "primary"): 10, ("A", "junior"): 6}
    >>> pooled_classes(both, rooms)
    {('A', 'primary'): {2029: 11}, ('A', 'junior'): {2029: 7}}
    >>> pooled_classes({("A", "primary"): {2029: 8}, ("A", "junior"): {2029: 7}}, rooms)
    {('A', 'primary'): {2029: 8}, ('A', 'junior'): {2029: 5}}
    """
    out: dict[tuple[str, str], dict[int, int]] = {}
    for key, by_year in classes.items():
        others = [k for k in classes if k[0] == key[0] and k != key]
        out[key] = {y: n - sum(max(rooms.get(k, 0) - classes[k].get(y, rooms.get(k, 0)), 0)
                               for k in others) for y, n in by_year.items()}
    return out
