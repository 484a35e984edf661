"""大班额 / 超大班额 class lists and the 大校额 school list (``class-size.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.frames import STAGE_CODE, STAGES, CountyFrames
from junheng.model import CountyData
from junheng.standards import ClassSizeStandard

SCHOOL_STAGES = ("primary", "junior", "senior")


@dataclass(frozen=True)
class ClassLists:
    """Oversized classes (≥ 56, category 大班额 or 超大班额) and oversized schools (大校额)."""

    oversized_classes: pd.DataFrame
    oversized_schools: pd.DataFrame

    @property
    def counts(self) -> dict[str, int]:
        """Number of 大班额, 超大班额 classes and 大校额 schools."""
        category = self.oversized_classes["category"]
        return {"oversized": int(category.eq("大班额").sum()),
                "extra_oversized": int(category.eq("超大班额").sum()),
                "oversized_schools": len(self.oversized_schools)}


def oversized_classes(data: CountyData, limits: ClassSizeStandard,
                      frames: CountyFrames | None = None) -> pd.DataFrame:
    """Classes of primary, junior and senior grades with ≥ ``oversized_min`` students.

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
    frames = frames or CountyFrames(data)
    codes = np.array([STAGE_CODE[s] for s in SCHOOL_STAGES])
    mask = np.isin(frames.class_stage, codes) & (frames.class_students >= limits.oversized_min)
    over = data.classes[mask]
    stage = np.asarray(STAGES, dtype=object)[frames.class_stage[mask]]
    standard = np.array([limits.standard_class.get(s, np.nan) for s in STAGES])
    students = over["students"].to_numpy(dtype="int64")
    out = pd.DataFrame({
        "school_id": over["school_id"].to_numpy(), "name": frames.name_of(over["school_id"]),
        "grade": over["grade"].to_numpy(), "class_no": over["class_no"].to_numpy(),
        "stage": stage, "students": students,
        "category": np.where(students >= limits.extra_oversized_min, "超大班额", "大班额"),
        "excess": (students - standard[frames.class_stage[mask]]).astype("int64"),
    })
    return out.sort_values(["students", "school_id"], ascending=[False, True]) \
        .reset_index(drop=True)


def oversized_schools(data: CountyData, limits: ClassSizeStandard,
                      frames: CountyFrames | None = None) -> pd.DataFrame:
    """Compulsory schools whose compulsory-stage students exceed the cap of their type.

    Columns: school_id, name, school_type, students, cap, excess.
    """
    frames = frames or CountyFrames(data)
    schools = frames.schools
    students = frames.stage_students[:, [STAGE_CODE["primary"], STAGE_CODE["junior"]]].sum(axis=1)
    caps = {t: limits.school_cap(t) for t in schools["school_type"].dropna().unique()}
    cap = schools["school_type"].map(caps).to_numpy(dtype=float, na_value=np.nan)
    over = frames.compulsory & (students > cap)
    out = pd.DataFrame({
        "school_id": schools["school_id"].to_numpy()[over], "name": schools["name"].to_numpy()[over],
        "school_type": schools["school_type"].to_numpy()[over],
        "students": students[over].astype("int64"), "cap": cap[over].astype("int64"),
    })
    out["excess"] = out["students"] - out["cap"]
    return out.sort_values("excess", ascending=False).reset_index(drop=True)


def class_lists(data: CountyData, limits: ClassSizeStandard,
                frames: CountyFrames | None = None) -> ClassLists:
    """Both lists for a county."""
    frames = frames or CountyFrames(data)
    return ClassLists(oversized_classes(data, limits, frames),
                      oversized_schools(data, limits, frames))
