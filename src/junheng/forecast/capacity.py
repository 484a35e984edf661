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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.standards import ClassSizeStandard, load_class_size

UNDER_USED = 0.5


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
