"""Training hours: rolling five-year sums per teacher, who falls short of 360 hours and by
when, and teachers trained per year.

A teacher's window ending in year Y is Y−4 … Y. The requirement is ``hours`` (360) per full
window; a teacher who started work less than five years before (work start W > Y−4) owes
``hours / 5`` per year served, ``Y − W + 1`` years. With the 教师培训 records the sums come
from them; a teacher without records uses 近五年培训学时 for the current window, spread evenly
over its five years for the windows after it.

``due_year``: the first year from Y on whose window, with no further training, holds less than
the requirement — Y itself for a teacher already short; ``shortfall`` is what is missing in Y.

Examples
--------
>>> import pandas as pd
>>> records = pd.DataFrame({"teacher_id": ["a", "a", "a"], "year": [2021, 2023, 2025],
...                         "hours": [200.0, 100.0, 72.0]})
>>> teachers = pd.DataFrame({"teacher_id": ["a"], "work_start_year": [2000],
...                          "training_hours_5y": [372.0]})
>>> row = training_status(teachers, records, 2025).iloc[0]
>>> float(row["hours_5y"]), float(row["shortfall"]), int(row["due_year"])
(372.0, 0.0, 2026)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REQUIRED_HOURS = 360.0
WINDOW = 5


def required(work_start: pd.Series, year: int, hours: float = REQUIRED_HOURS) -> np.ndarray:
    """The hours owed in the window ending ``year`` (pro rata for recent starters)."""
    served = (year - work_start.astype("Float64") + 1).fillna(WINDOW).clip(0, WINDOW)
    return served.to_numpy(float) * hours / WINDOW


def training_status(teachers: pd.DataFrame, records: pd.DataFrame, year: int,
                    hours: float = REQUIRED_HOURS) -> pd.DataFrame:
    """Per teacher: ``hours_5y`` (window ending ``year``), ``required``, ``shortfall`` and
    ``due_year`` (see the module docstring)."""
    ids = teachers["teacher_id"].tolist()
    by_year = (records.groupby(["teacher_id", "year"])["hours"].sum().unstack(fill_value=0.0)
               if len(records) else pd.DataFrame(index=pd.Index([], name="teacher_id")))
    years = list(range(year - WINDOW + 1, year + WINDOW))
    grid = by_year.reindex(index=ids, columns=years, fill_value=0.0).to_numpy(float)
    has = pd.Index(ids).isin(by_year.index)
    fallback = teachers["training_hours_5y"].astype("Float64").fillna(0.0).to_numpy(float)
    current = np.where(has, grid[:, :WINDOW].sum(axis=1), fallback)
    need = required(teachers["work_start_year"], year, hours)
    due = np.full(len(ids), -1)
    for k in range(WINDOW):
        spread = current * (WINDOW - k) / WINDOW           # no records: hours spread evenly
        window = np.where(has, grid[:, k:k + WINDOW].sum(axis=1), spread) if k else current
        owed = required(teachers["work_start_year"], year + k, hours)
        hit = (due < 0) & (window < owed - 1e-9)
        due[hit] = year + k
    due[due < 0] = year + WINDOW
    return pd.DataFrame({"teacher_id": ids, "school_id": teachers.get("school_id"),
                         "hours_5y": current, "required": need,
                         "shortfall": np.maximum(0.0, need - current).round(1),
                         "due_year": due})


def short_of_hours(teachers: pd.DataFrame, hours: float = REQUIRED_HOURS) -> pd.DataFrame:
    """The evaluation's rule (表10 教师培训): a teacher whose 近五年培训学时 is below ``hours`` or
    not filled is short. One row per such teacher: ``teacher_id``, ``school_id``, ``hours_5y``
    (NaN when not filled), ``required`` and ``shortfall`` (``hours`` when not filled).

    >>> import pandas as pd
    >>> teachers = pd.DataFrame({"teacher_id": ["a", "b", "c"], "school_id": ["s", "s", "t"],
    ...                          "training_hours_5y": [372.0, 244.0, None]})
    >>> short = short_of_hours(teachers)
    >>> short["teacher_id"].tolist(), short["shortfall"].tolist()
    (['b', 'c'], [116.0, 360.0])
    """
    filled = teachers["training_hours_5y"].astype("Float64")
    short = (filled.isna() | (filled < hours - 1e-9)).to_numpy(bool)
    rows = teachers.loc[short, ["teacher_id", "school_id"]].reset_index(drop=True)
    got = filled[short].astype(float).to_numpy()
    return rows.assign(hours_5y=got, required=hours,
                       shortfall=np.round(hours - np.nan_to_num(got, nan=0.0), 1))


def trained_per_year(records: pd.DataFrame) -> pd.Series:
    """Distinct teachers with training hours > 0, per year."""
    done = records[records["hours"] > 0]
    return done.groupby("year")["teacher_id"].nunique().astype(int)
