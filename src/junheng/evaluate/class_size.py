"""大班额 / 超大班额 class lists and the 大校额 school list (``class-size.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from junheng.model import CountyData
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, GRADE_STAGE
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


def oversized_classes(data: CountyData, limits: ClassSizeStandard) -> pd.DataFrame:
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
    classes = data.classes
    stage = classes["grade"].map(GRADE_STAGE)
    over = classes[stage.isin(SCHOOL_STAGES) & (classes["students"] >= limits.oversized_min)]
    over = over.assign(stage=stage[over.index])
    names = data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    category = pd.Series("大班额", index=over.index, dtype=object)
    category[over["students"] >= limits.extra_oversized_min] = "超大班额"
    standard = over["stage"].map(dict(limits.standard_class)).astype("int64")
    out = over.assign(name=over["school_id"].map(names), category=category,
                      excess=over["students"].astype("int64") - standard)
    out = out.sort_values(["students", "school_id"], ascending=[False, True])
    return out[["school_id", "name", "grade", "class_no", "stage", "students", "category",
                "excess"]].reset_index(drop=True)


def oversized_schools(data: CountyData, limits: ClassSizeStandard) -> pd.DataFrame:
    """Compulsory schools whose compulsory-stage students exceed the cap of their type.

    Columns: school_id, name, school_type, students, cap, excess.
    """
    schools = data.schools[data.schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES)]
    classes = data.classes
    compulsory = classes["grade"].map(GRADE_STAGE).isin(("primary", "junior"))
    students = classes[compulsory].groupby("school_id")["students"].sum()
    frame = schools[["school_id", "name", "school_type"]].assign(
        students=schools["school_id"].map(students).fillna(0).astype("int64"),
        cap=schools["school_type"].map(limits.school_cap).astype("int64"))
    frame["excess"] = frame["students"] - frame["cap"]
    return frame[frame["excess"] > 0].sort_values("excess", ascending=False) \
        .reset_index(drop=True)


def class_lists(data: CountyData, limits: ClassSizeStandard) -> ClassLists:
    """Both lists for a county."""
    return ClassLists(oversized_classes(data, limits), oversized_schools(data, limits))
