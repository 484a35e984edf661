"""Classes and classrooms: what projected students need against the rooms a school has.

Standard class sizes come from the class-size rules (``class-size.yaml``, see
:class:`~junheng.standards.ClassSizeStandard`): primary 45 (teaching points, as incomplete
primary schools, 30), junior and senior 50; kindergarten 托班 20, 小班 25, 中班 30, 大班 35,
混合班 30. Each grade needs ``ceil(students / size)`` classes.

Against the school's 普通教室数: the shortfall is classes needed beyond the rooms, idle rooms
are rooms beyond the classes; more than ``oversized_min - 1`` students per classroom flags
大班额 risk (some class of ``oversized_min`` or more if the rooms are all the school has);
utilisation is the class-equivalents ``sum(students / size)`` per room, so 1.0 means every
room holds a full standard class.

At a compulsory school that also teaches 高中 (完全中学, 十二年一贯制) or has 附设幼儿班, those
other classes keep their share of the rooms first (:func:`other_rooms`, the layout's split):
the balance is of the compulsory grades against the rest, so no plan counts 高中 classes
against the compulsory stage's rooms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, JUNIOR_GRADES, PRIMARY_GRADES
from junheng.model.county import CountyData
from junheng.standards import ClassSizeStandard, load_class_size

UNDER_USED = 0.5
COMPULSORY_GRADES = PRIMARY_GRADES + JUNIOR_GRADES


def other_rooms(rooms: np.ndarray, compulsory: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Rooms a school's other classes (高中, 附设幼儿班) keep: its rooms in proportion to
    today's classes, ``round(rooms × other / (compulsory + other))``, half to even; 0 without
    classes.

    >>> other_rooms(np.array([49.0, 10.0, 8.0]), np.array([13, 10, 0]), np.array([53, 0, 0]))
    array([39.,  0.,  0.])
    """
    total = np.asarray(compulsory) + np.asarray(other)
    return np.round(np.asarray(rooms, float)
                    * np.where(total > 0, np.asarray(other) / np.maximum(total, 1), 0.0))


def rooms_kept_by_other(data: CountyData) -> pd.Series:
    """Per compulsory school (school id) with a known 普通教室数: the rooms its 高中 and
    附设幼儿班 classes keep (:func:`other_rooms` on today's classes); other schools are absent.

    >>> data = CountyData.from_records(
    ...     {"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "M", "school_type": "complete_secondary"}],
    ...     classes=[{"school_id": "M", "grade": g, "class_no": str(k), "students": 50}
    ...              for g, n in (("g7", 3), ("g10", 5)) for k in range(n)],
    ...     facilities=[{"school_id": "M", "classrooms": 12}])
    >>> rooms_kept_by_other(data).to_dict()  # 12 × 5 / 8 = 7.5, half to even
    {'M': 8.0}
    """
    schools = data.schools.drop_duplicates("school_id")
    ids = schools.loc[schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES), "school_id"]
    rooms = data.facilities.drop_duplicates("school_id").set_index("school_id")["classrooms"]
    rooms = rooms.astype(float).reindex(ids).dropna()
    classes = data.classes[data.classes["school_id"].isin(rooms.index)]
    mine = classes["grade"].isin(COMPULSORY_GRADES)
    compulsory = classes[mine].groupby("school_id").size().reindex(rooms.index, fill_value=0)
    other = classes[~mine].groupby("school_id").size().reindex(rooms.index, fill_value=0)
    return pd.Series(other_rooms(rooms.to_numpy(), compulsory.to_numpy(), other.to_numpy()),
                     index=rooms.index, name="classrooms_other")


def class_sizes(school_types: pd.Series | np.ndarray, grades: tuple[str, ...],
                limits: ClassSizeStandard | None = None) -> np.ndarray:
    """Standard class size per school and grade (schools x grades).

    Examples
    --------
    >>> class_sizes(np.array(["primary_school", "teaching_point"]), ("g1", "g7")).tolist()
    [[45.0, 50.0], [30.0, 50.0]]
    """
    return (limits or load_class_size()).class_sizes(np.asarray(school_types, dtype=object),
                                                     grades)


def classes_needed(students: np.ndarray, size: np.ndarray) -> np.ndarray:
    """``ceil(students / size)``; no class for no students; NaN stays NaN."""
    students = np.asarray(students, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(students > 0, np.ceil(students / size - 1e-9), np.where(
            np.isnan(students), np.nan, 0.0))


def classroom_balance(students: np.ndarray, class_equivalents: np.ndarray,
                      classes: np.ndarray, classrooms: np.ndarray,
                      limits: ClassSizeStandard | None = None) -> dict[str, np.ndarray]:
    """Shortfall, idle rooms, students per room, 大班额 risk and utilisation, element-wise.

    ``classrooms`` NaN (unknown) gives NaN measures and no risk flag; zero rooms with pupils
    gives an infinite load.
    """
    crowded = (limits or load_class_size()).oversized_min - 1
    rooms = np.asarray(classrooms, dtype=float)
    known = ~np.isnan(rooms)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_room = np.where(rooms > 0, students / np.where(rooms > 0, rooms, 1.0),
                            np.where(students > 0, np.inf, 0.0))
        utilisation = np.where(rooms > 0, class_equivalents / np.where(rooms > 0, rooms, 1.0),
                               np.where(class_equivalents > 0, np.inf, 0.0))
    return {
        "classroom_shortfall": np.where(known, np.maximum(classes - rooms, 0.0), np.nan),
        "idle_classrooms": np.where(known, np.maximum(rooms - classes, 0.0), np.nan),
        "students_per_classroom": np.where(known, per_room, np.nan),
        "oversized_risk": known & (per_room > crowded),
        "utilisation": np.where(known, utilisation, np.nan),
    }
