"""班额 and 校额: every class in its band (大班额 / 超大班额) and every school against its cap.

The one home of these measures: the evaluation's lists and items, the ledger's size measures,
the planner's before-plan count and the web pages all read :func:`class_sizes` and
:func:`school_sizes`, with the thresholds of the class-size rules (``class-size.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.frames import JUNIOR, PRIMARY, STAGE_CODE, STAGES, CountyFrames
from junheng.model import CountyData
from junheng.model.areas import in_area
from junheng.standards import ClassSizeStandard

SCHOOL_STAGES = ("primary", "junior", "senior")
COMPULSORY_STAGES = ("primary", "junior")
OVERSIZED, EXTRA_OVERSIZED, OVER_STANDARD = "大班额", "超大班额", "超标准班额"
CLASS_COLUMNS = ["school_id", "name", "grade", "class_no", "stage", "students", "category",
                 "excess"]
SCHOOL_COLUMNS = ["school_id", "name", "school_type", "students", "cap", "excess"]


def class_category(students: pd.Series | np.ndarray, limits: ClassSizeStandard,
                   below: str = "") -> np.ndarray:
    """The band of each class size: 大班额, 超大班额, or ``below`` under ``oversized_min``.

    Examples
    --------
    >>> from junheng.standards import load_class_size
    >>> class_category(np.array([55, 56, 65, 66]), load_class_size(), below="—").tolist()
    ['—', '大班额', '大班额', '超大班额']
    """
    size = np.asarray(students, dtype=float)
    return np.select([size >= limits.extra_oversized_min, size >= limits.oversized_min],
                     [EXTRA_OVERSIZED, OVERSIZED], below).astype(object)


@dataclass(frozen=True)
class ClassSizes:
    """Every class of the primary, junior and senior grades, in the order of the 班级 table.

    ``classes`` columns: school_id, name, urban_rural_code (of its school), grade, class_no,
    stage, students, category (大班额, 超大班额 or empty), excess (students above the stage's
    standard class). A class is traced by its id ``school/grade/class_no`` (:meth:`ids`).
    """

    classes: pd.DataFrame

    def select(self, *, stages: Iterable[str] = SCHOOL_STAGES, area: str = "all") -> ClassSizes:
        """The classes of the given stages in schools of an area (``junheng.model.areas``)."""
        frame = self.classes
        keep = frame["stage"].isin(set(stages)).to_numpy() & in_area(frame["urban_rural_code"],
                                                                     area)
        return ClassSizes(frame[keep])

    def ids(self, *categories: str) -> tuple[str, ...]:
        """The ids (``school/grade/class_no``) of the classes in the given bands (both bands
        when none is named), in table order."""
        wanted = set(categories or (OVERSIZED, EXTRA_OVERSIZED))
        rows = self.classes[self.classes["category"].isin(wanted)]
        return tuple(f"{s}/{g}/{c}" for s, g, c in
                     zip(rows["school_id"], rows["grade"], rows["class_no"], strict=True))

    @property
    def oversized(self) -> pd.DataFrame:
        """大班额 and 超大班额 classes, largest first (the evaluation's list)."""
        over = self.classes[self.classes["category"].isin((OVERSIZED, EXTRA_OVERSIZED))]
        return over[CLASS_COLUMNS].sort_values(["students", "school_id"], ascending=[False, True]) \
            .reset_index(drop=True)


def class_sizes(data: CountyData, limits: ClassSizeStandard,
                frames: CountyFrames | None = None) -> ClassSizes:
    """Every class of a school stage with its 班额 band.

    Examples
    --------
    >>> from junheng.standards import load_class_size
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "name": "甲小学", "school_type": "primary_school"}],
    ...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 66},
    ...              {"school_id": "A", "grade": "g1", "class_no": "2", "students": 56},
    ...              {"school_id": "A", "grade": "g2", "class_no": "1", "students": 55}])
    >>> sizes = class_sizes(d, load_class_size())
    >>> sizes.ids(), sizes.ids("超大班额")
    (('A/g1/1', 'A/g1/2'), ('A/g1/1',))
    """
    frames = frames or CountyFrames(data)
    codes = np.array([STAGE_CODE[s] for s in SCHOOL_STAGES])
    mask = np.isin(frames.class_stage, codes)
    column = {c: data.classes[c].to_numpy(dtype=object)[mask]
              for c in ("school_id", "grade", "class_no")}
    stage_code = frames.class_stage[mask]
    position = frames.class_school[mask]
    standard = np.array([limits.standard_class.get(s, np.nan) for s in STAGES])
    students = frames.class_students[mask].astype("int64")
    out = pd.DataFrame({
        "school_id": column["school_id"], "name": _school_column(frames, "name", position),
        "urban_rural_code": _school_column(frames, "urban_rural_code", position),
        "grade": column["grade"], "class_no": column["class_no"],
        "stage": np.asarray(STAGES, dtype=object)[stage_code], "students": students,
        "category": class_category(students, limits),
        "excess": (students - standard[stage_code]).astype("int64"),
    })
    return ClassSizes(out)


def _school_column(frames: CountyFrames, column: str, position: np.ndarray) -> np.ndarray:
    """A school attribute per row located at ``position`` (None where the school is unknown)."""
    values = np.append(frames.schools[column].to_numpy(dtype=object), None)
    return values[np.where(position >= 0, position, len(values) - 1)]


@dataclass(frozen=True)
class SchoolSizes:
    """Compulsory schools and teaching points with their compulsory-stage students and cap.

    ``schools`` columns: school_id, name, school_type, urban_rural_code, students (grades
    1–9), cap (by school type), excess; in the order of the 学校 table.
    """

    schools: pd.DataFrame

    def select(self, *, area: str = "all") -> SchoolSizes:
        """The schools of an area."""
        return SchoolSizes(self.schools[in_area(self.schools["urban_rural_code"], area)])

    @property
    def oversized(self) -> pd.DataFrame:
        """大校额 schools (students above the cap), largest excess first."""
        over = self.schools[self.schools["excess"] > 0]
        return over[SCHOOL_COLUMNS].astype({"cap": "int64", "excess": "int64"}) \
            .sort_values("excess", ascending=False).reset_index(drop=True)


def school_sizes(data: CountyData, caps: Mapping[str, float],
                 frames: CountyFrames | None = None) -> SchoolSizes:
    """Every compulsory school's grades 1–9 students against ``caps`` (per school type,
    ``default`` for the rest): the class-size rules' ``school_caps`` or an item's parameters."""
    frames = frames or CountyFrames(data)
    schools = frames.schools[frames.compulsory]
    students = frames.stage_students[frames.compulsory][:, [PRIMARY, JUNIOR]].sum(axis=1)
    types = schools["school_type"]
    cap = types.map({t: caps.get(t, caps["default"]) for t in types.unique()}).astype(float)
    out = pd.DataFrame({
        "school_id": schools["school_id"].to_numpy(), "name": schools["name"].to_numpy(),
        "school_type": schools["school_type"].to_numpy(),
        "urban_rural_code": schools["urban_rural_code"].to_numpy(),
        "students": students.astype("int64"), "cap": cap.to_numpy(),
    })
    out["excess"] = out["students"] - out["cap"]
    return SchoolSizes(out)


@dataclass(frozen=True)
class ClassLists:
    """Oversized compulsory classes (≥ 56, category 大班额 or 超大班额) and oversized schools
    (大校额)."""

    oversized_classes: pd.DataFrame
    oversized_schools: pd.DataFrame

    @property
    def counts(self) -> dict[str, int]:
        """Number of 大班额, 超大班额 classes and 大校额 schools."""
        category = self.oversized_classes["category"]
        return {"oversized": int(category.eq(OVERSIZED).sum()),
                "extra_oversized": int(category.eq(EXTRA_OVERSIZED).sum()),
                "oversized_schools": len(self.oversized_schools)}


def oversized_classes(data: CountyData, limits: ClassSizeStandard,
                      frames: CountyFrames | None = None, *,
                      stages: Iterable[str] = SCHOOL_STAGES) -> pd.DataFrame:
    """Classes of the given stages (primary, junior and senior by default) with
    ≥ ``oversized_min`` students.

    Columns: school_id, name, grade, class_no, stage, students, category (大班额 56–65,
    超大班额 ≥ 66), excess (students above the stage's standard class size).

    Examples
    --------
    >>> from junheng.model import CountyData
    >>> from junheng.standards import load_class_size
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "name": "甲小学", "school_type": "primary_school"}],
    ...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 66},
    ...              {"school_id": "A", "grade": "g1", "class_no": "2", "students": 55}])
    >>> oversized_classes(d, load_class_size())[["class_no", "category", "excess"]].values.tolist()
    [['1', '超大班额', 21]]
    """
    return class_sizes(data, limits, frames).select(stages=stages).oversized


def oversized_schools(data: CountyData, limits: ClassSizeStandard,
                      frames: CountyFrames | None = None) -> pd.DataFrame:
    """Compulsory schools whose compulsory-stage students exceed the cap of their type.

    Columns: school_id, name, school_type, students, cap, excess.
    """
    return school_sizes(data, limits.school_caps, frames).oversized


def class_lists(data: CountyData, limits: ClassSizeStandard,
                frames: CountyFrames | None = None) -> ClassLists:
    """Both lists for a county's compulsory education: the 义务教育 standards judge 大班额 in
    primary and junior classes only (高中 classes are not in the 优质均衡 / 基本均衡 count)."""
    frames = frames or CountyFrames(data)
    return ClassLists(oversized_classes(data, limits, frames, stages=COMPULSORY_STAGES),
                      oversized_schools(data, limits, frames))
