"""Classes and classrooms: what projected students need against the rooms a school has.

Standard class sizes (DESIGN.md, 班额/校额; 幼儿园工作规程 for kindergartens): primary 45
(teaching points, as incomplete primary schools, 30), junior and senior 50; kindergarten 托班
20, 小班 25, 中班 30, 大班 35, 混合班 30. Each grade needs ``ceil(students / size)`` classes.

Against the school's 普通教室数: the shortfall is classes needed beyond the rooms, idle rooms
are rooms beyond the classes; ``students_per_classroom > 55`` flags 大班额 risk (56 or more
pupils per class if the rooms are all the school has); utilisation is the class-equivalents
``sum(students / size)`` per room, so 1.0 means every room holds a full standard class.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CLASS_SIZE: dict[str, int] = {
    "k0": 20, "k1": 25, "k2": 30, "k3": 35, "kmix": 30,
    "g1": 45, "g2": 45, "g3": 45, "g4": 45, "g5": 45, "g6": 45,
    "g7": 50, "g8": 50, "g9": 50, "s1": 50, "s2": 50, "s3": 50,
}
INCOMPLETE_PRIMARY_CLASS_SIZE = 30
OVERSIZED_CLASS = 55
UNDER_USED = 0.5


def class_sizes(school_types: pd.Series | np.ndarray, grades: tuple[str, ...]) -> np.ndarray:
    """Standard class size per school and grade (schools x grades).

    Examples
    --------
    >>> class_sizes(np.array(["primary_school", "teaching_point"]), ("g1", "g7")).tolist()
    [[45.0, 50.0], [30.0, 50.0]]
    """
    types = np.asarray(school_types, dtype=object)
    sizes = np.array([CLASS_SIZE[g] for g in grades], dtype=float)[None, :].repeat(len(types), 0)
    primary = np.array([g.startswith("g") and int(g[1:]) <= 6 for g in grades])
    incomplete = (types == "teaching_point")[:, None] & primary[None, :]
    return np.where(incomplete, float(INCOMPLETE_PRIMARY_CLASS_SIZE), sizes)


def classes_needed(students: np.ndarray, size: np.ndarray) -> np.ndarray:
    """``ceil(students / size)``; no class for no students; NaN stays NaN."""
    students = np.asarray(students, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(students > 0, np.ceil(students / size - 1e-9), np.where(
            np.isnan(students), np.nan, 0.0))


def classroom_balance(students: np.ndarray, class_equivalents: np.ndarray,
                      classes: np.ndarray, classrooms: np.ndarray) -> dict[str, np.ndarray]:
    """Shortfall, idle rooms, students per room, 大班额 risk and utilisation, element-wise.

    ``classrooms`` NaN (unknown) gives NaN measures and no risk flag; zero rooms with pupils
    gives an infinite load.
    """
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
        "oversized_risk": known & (per_room > OVERSIZED_CLASS),
        "utilisation": np.where(known, utilisation, np.nan),
    }
