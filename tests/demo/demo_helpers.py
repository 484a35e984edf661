"""Small calculations the demo tests share (plain pandas, independent of the generator)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model import CountyData

PRIMARY = ("g1", "g2", "g3", "g4", "g5", "g6")
JUNIOR = ("g7", "g8", "g9")


def students_per_school(data: CountyData, grades: tuple[str, ...] | None = None) -> pd.Series:
    """Pupils per school id from the classes (only ``grades`` when given)."""
    classes = data.classes if grades is None else data.classes[data.classes["grade"].isin(grades)]
    return classes.groupby("school_id")["students"].sum().astype(int)


def weighted_cv(values: pd.Series, weights: pd.Series) -> float:
    """DESIGN.md's 差异系数: student-weighted mean and population SD, SD / mean."""
    w = weights / weights.sum()
    mean = float((w * values).sum())
    return float(np.sqrt((w * (values - mean) ** 2).sum())) / mean


def km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Equirectangular distance in km (good within a county)."""
    dx = (np.asarray(lon1) - np.asarray(lon2)) * 111.32 * np.cos(np.radians(34.5))
    dy = (np.asarray(lat1) - np.asarray(lat2)) * 110.57
    return np.hypot(dx, dy)
