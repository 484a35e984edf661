"""Frame helpers the measures share: stage filters, safe sums (school selection by type, area
and ownership is :mod:`junheng.evaluate.schools`).

Unknown (NA) is never counted as yes: a boarding flag left empty is not boarding, an unknown
``affordable`` is not affordable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from junheng.model import CountyData, areas

Area = areas.AreaSelection
Stage = Literal["primary", "junior", "all"]
Ownership = Literal["public", "private", "all"]


# School types serving each compulsory stage (teaching points serve primary grades).
STAGE_SCHOOL_TYPES: dict[str, frozenset[str]] = {
    "primary": frozenset({"primary_school", "nine_year", "twelve_year", "teaching_point"}),
    "junior": frozenset({"junior_school", "nine_year", "twelve_year", "complete_secondary"}),
    "senior": frozenset({"senior_school", "complete_secondary", "twelve_year"}),
    "preschool": frozenset({"kindergarten"}),
}
THROUGH_SCHOOL_TYPES = frozenset({"nine_year", "twelve_year"})
BACKBONE_ORDER = ("none", "county", "city", "province", "national")
SCHOOL_GROUPS_OF_TYPES: dict[str, frozenset[str] | None] = {
    "compulsory": STAGE_SCHOOL_TYPES["primary"] | STAGE_SCHOOL_TYPES["junior"],
    "kindergarten": STAGE_SCHOOL_TYPES["preschool"],
    "senior": STAGE_SCHOOL_TYPES["senior"],
    "all": None,
}
SchoolTypes = Literal["compulsory", "kindergarten", "senior", "all"]


# --- shared frame helpers -------------------------------------------------------------


def known_true(series: pd.Series) -> pd.Series:
    """A boolean column with NA read as False (unknown is never counted as yes)."""
    return series.fillna(False).astype(bool)


def stage_types(stage: str) -> frozenset[str]:
    """The school types serving a stage (``all``: every compulsory type)."""
    if stage == "all":
        return STAGE_SCHOOL_TYPES["primary"] | STAGE_SCHOOL_TYPES["junior"]
    return STAGE_SCHOOL_TYPES[stage]


def classes_in(data: CountyData, grades: Iterable[str], school_ids: Iterable[str]) -> pd.DataFrame:
    """The classes of the given grades in the given schools."""
    classes = data.classes
    return classes[classes["grade"].isin(set(grades)) & classes["school_id"].isin(set(school_ids))]


def total(series: pd.Series) -> float:
    """The sum of the known values (0 when none is known)."""
    value = series.sum(skipna=True)
    return 0.0 if pd.isna(value) else float(value)

def county_indicator_value(data: CountyData, code: str) -> float | None:
    """The 县级指标 value with ``code``, or None when the row is absent or empty."""
    rows = data.county_indicators
    values = rows.loc[rows["indicator_code"] == code, "value"].dropna()
    return None if values.empty else float(values.iloc[-1])
