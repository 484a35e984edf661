"""Resource indicators per evaluation unit, their comparison with thresholds, and the school rule.

Every indicator is a ratio of a unit total to the unit's students (from 班级): per hundred
students (teachers, multimedia rooms, computers) or per student (areas, equipment value, books,
the 2012 teacher ratios). The formulas are named; a standard file refers to them by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.standards import SchoolRule, Standard

# Relative tolerance when comparing with a threshold: 4.2 reached as 21 × 100 / 500 is met.
TOLERANCE = 1e-9


def per_hundred(count, students):
    """Count per hundred students; NaN where there are no students.

    Examples
    --------
    >>> per_hundred(pd.Series([21, 3]), pd.Series([500, 0])).tolist()
    [4.2, nan]
    """
    students = pd.Series(students, dtype=float)
    return pd.Series(count, dtype=float) * 100.0 / students.where(students > 0)


def per_student(amount, students):
    """Amount per student; NaN where there are no students.

    Examples
    --------
    >>> per_student(pd.Series([4500.0]), pd.Series([1000])).tolist()
    [4.5]
    """
    students = pd.Series(students, dtype=float)
    return pd.Series(amount, dtype=float) / students.where(students > 0)


@dataclass(frozen=True)
class RatioFormula:
    """value = numerator × per / students; ``numerator`` is a column of the units frame."""

    numerator: str
    per: float

    def __call__(self, units: pd.DataFrame) -> pd.Series:
        amount = units[self.numerator].to_numpy(dtype=float, na_value=np.nan)
        students = units["students"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(students > 0, amount * self.per / students, np.nan)
        return pd.Series(values, index=units.index)


RESOURCE_FORMULAS: Mapping[str, RatioFormula] = {
    # 2017
    "higher_degree_teachers_per_100": RatioFormula("higher_degree_teachers", 100),
    "backbone_teachers_per_100": RatioFormula("backbone_teachers", 100),
    "pe_art_teachers_per_100": RatioFormula("pe_art_teachers", 100),
    "teaching_area_per_student": RatioFormula("teaching_area", 1),
    "sports_area_per_student": RatioFormula("sports_area", 1),
    "equipment_value_per_student": RatioFormula("equipment_value", 1),
    "multimedia_rooms_per_100": RatioFormula("multimedia_rooms", 100),
    # 2012
    "computers_per_100": RatioFormula("computers", 100),
    "books_per_student": RatioFormula("books", 1),
    "teachers_per_student": RatioFormula("full_time_teachers", 1),
    "higher_degree_teachers_per_student": RatioFormula("higher_degree_teachers", 1),
    "senior_title_teachers_per_student": RatioFormula("senior_title_teachers", 1),
}


def resource_formula(name: str, standard_id: str = "") -> RatioFormula:
    """The named resource formula, or a ConfigError naming the standard and the known names."""
    try:
        return RESOURCE_FORMULAS[name]
    except KeyError:
        raise ConfigError(f"标准 {standard_id} 使用了未知的指标公式“{name}”：可用公式为 "
                          f"{'、'.join(RESOURCE_FORMULAS)}。") from None


def indicator_values(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """A wide frame: one column per resource indicator of ``standard``, indexed like ``units``."""
    return pd.DataFrame({ind.id: resource_formula(ind.formula, standard.id)(units)
                         for ind in standard.resource_indicators}, index=units.index)


def meets(value, threshold, comparator: str = ">="):
    """Whether ``value`` satisfies ``comparator threshold`` (NA where value or threshold is NA)."""
    value = pd.Series(value, dtype=float)
    threshold = pd.Series(threshold, dtype=float, index=value.index)
    slack = TOLERANCE * threshold.abs().clip(lower=1.0)
    ok = value >= threshold - slack if comparator == ">=" else value <= threshold + slack
    return ok.astype("boolean").mask(value.isna() | threshold.isna())


def _stage_thresholds(stages: pd.Series, indicator, all_stages) -> np.ndarray:
    by_stage = {s: indicator.threshold_for(s) for s in all_stages}
    return stages.map(by_stage).to_numpy(dtype=float, na_value=np.nan)


def assess(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """Compare every unit's resource indicators with the standard: one row per unit × indicator.

    Columns: unit_id, school_id, stage, students, indicator, value, threshold, met, ratio
    (value ÷ threshold), current (the unit's total of the numerator), per (1 or 100).
    ``met`` and ``ratio`` are NA where the standard sets no threshold or the value is unknown.
    """
    indicators = standard.resource_indicators
    wide = indicator_values(units, standard)
    n, k = len(units), len(indicators)
    formulas = [resource_formula(ind.formula, standard.id) for ind in indicators]
    thresholds = np.column_stack([_stage_thresholds(units["stage"], ind, standard.stages)
                                  for ind in indicators]) if k else np.empty((n, 0))
    current = np.column_stack([units[f.numerator].to_numpy(dtype=float, na_value=np.nan)
                               for f in formulas]) if k else np.empty((n, 0))
    tidy = pd.DataFrame({
        "unit_id": np.repeat(units["unit_id"].to_numpy(), k),
        "school_id": np.repeat(units["school_id"].to_numpy(), k),
        "stage": np.repeat(units["stage"].to_numpy(), k),
        "students": np.repeat(units["students"].to_numpy(), k),
        "indicator": np.tile([ind.id for ind in indicators], n),
        "value": wide.to_numpy(dtype=float).reshape(-1),
        "threshold": thresholds.reshape(-1) if n else np.empty(0),
        "current": current.reshape(-1),
        "per": np.tile([f.per for f in formulas], n),
    })
    tidy["met"] = meets(tidy["value"], tidy["threshold"])
    tidy["ratio"] = (tidy["value"] / tidy["threshold"]).where(tidy["threshold"] > 0)
    return tidy


def apply_school_rule(tidy: pd.DataFrame, rule: SchoolRule | None) -> pd.DataFrame:
    """Per unit: indicators met, below the floor, and whether the school passes.

    A unit passes when at least ``rule.min_met`` indicators are met and every unmet one reaches
    ``rule.floor_ratio`` of its threshold (an unknown value fails). Without a rule (2012) the
    result's ``passes`` is NA.

    Returns a frame indexed by unit_id with n_indicators, n_met, n_unknown, n_below_floor, passes.
    """
    met = tidy["met"].fillna(False).astype(bool)
    unknown = tidy["value"].isna()
    floor = rule.floor_ratio if rule else 0.0
    below = ~met & ~(tidy["ratio"] >= floor - TOLERANCE).fillna(False).astype(bool)
    per_unit = pd.DataFrame({"unit_id": tidy["unit_id"], "met": met, "unknown": unknown,
                             "below": below}).groupby("unit_id", sort=False)
    out = pd.DataFrame({
        "n_indicators": per_unit.size(),
        "n_met": per_unit["met"].sum(),
        "n_unknown": per_unit["unknown"].sum(),
        "n_below_floor": per_unit["below"].sum(),
    })
    if rule is None:
        out["passes"] = pd.array([pd.NA] * len(out), dtype="boolean")
    else:
        out["passes"] = ((out["n_met"] >= rule.min_met) & (out["n_below_floor"] == 0)
                         ).astype("boolean")
    return out
