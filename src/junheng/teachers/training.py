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

from junheng.model.numbers import year_range
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

from junheng.model.numbers import year_range

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


def window_hours(teachers: pd.DataFrame, records: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """Per teacher (indexed as ``teachers``) the hours of the window ending ``year``:
    ``recorded``, the 教师培训 records' sum (NaN for a teacher without records), ``stated``,
    the 近五年培训学时 column, and ``hours``, the records' sum where the teacher has records
    (the year-by-year source the column is the sum of), else the column (NaN: not known).

    >>> t = pd.DataFrame({"teacher_id": ["a", "b"], "training_hours_5y": [300.0, None]})
    >>> r = pd.DataFrame({"teacher_id": ["a", "a", "a"], "year": [2020, 2021, 2025],
    ...                   "hours": [500.0, 200.0, 160.0]})
    >>> window_hours(t, r, 2025).to_dict("list")  # 2020 is out of 2021–2025
    {'recorded': [360.0, nan], 'stated': [300.0, nan], 'hours': [360.0, nan]}
    """
    stated = teachers["training_hours_5y"].astype("Float64").astype(float)
    recorded = pd.Series(np.nan, index=teachers.index)
    if records is not None and len(records):
        recent = records[records["year"].between(year - WINDOW + 1, year)]
        sums = recent.groupby("teacher_id")["hours"].sum()
        listed = teachers["teacher_id"].isin(set(records["teacher_id"].dropna()))
        recorded = teachers["teacher_id"].map(sums).fillna(0.0).astype(float).where(listed)
    return pd.DataFrame({"recorded": recorded, "stated": stated,
                         "hours": recorded.fillna(stated)}, index=teachers.index)


def disagreeing(hours: pd.DataFrame) -> int:
    """Teachers whose 教师培训 records and 近五年培训学时 differ by more than half an hour (the
    import check's tolerance), of :func:`window_hours`' frame."""
    both = hours["recorded"].notna() & hours["stated"].notna()
    return int((both & ((hours["recorded"] - hours["stated"]).abs() > 0.5)).sum())


def disagreement_notice(n: int) -> str:
    """The data-quality notice on the two sources of a teacher's hours ("" when they agree).

    >>> disagreement_notice(3)
    '“教师培训”表记录合计与“教师”表近五年培训学时列不一致：3 人（按“教师培训”表记录计算）'
    """
    return (f"“教师培训”表记录合计与“教师”表近五年培训学时列不一致：{n:,} 人（按“教师培训”表记录计算）"
            if n else "")


def rule_text(hours: float = REQUIRED_HOURS) -> str:
    """The rule in words, for every page and document that counts the teachers short.

    >>> rule_text()
    '近五年培训不足 360 学时（参加工作不满五年的按每年 72 学时折算）'
    """
    return f"近五年培训不足 {hours:g} 学时（参加工作不满五年的按每年 {hours / WINDOW:g} 学时折算）"


def counts_text(year: int, met: int, short: int, hours: float = REQUIRED_HOURS) -> str:
    """The teachers who reach the hours and those who do not, each named with what is counted
    and over which school years: the one sentence of the 自评 item (教师 5 年 360 学时培训完成率)
    and of the 台账 target measuring it (review hd 2: the 台账 listed 1,795 and the 自评 1,128
    for the same 2,923 teachers, neither saying it counted those who reach or those short).

    >>> counts_text(2025, 1_795, 1_128)
    '2021—2025 学年培训学时达到 360 学时（参加工作不满五年的按每年 72 学时折算）的专任教师 1,795 人，未达到或学时未填报、需补足的 1,128 人'
    """
    return (f"{year_range(year - WINDOW + 1, year)} 学年培训学时达到 {hours:g} 学时（参加工作不满五年的按每年 "
            f"{hours / WINDOW:g} 学时折算）的专任教师 {met:,} 人，未达到或学时未填报、需补足的 {short:,} 人")


def short_of_hours(teachers: pd.DataFrame, year: int, records: pd.DataFrame | None = None,
                   hours: float = REQUIRED_HOURS) -> pd.DataFrame:
    """The standard's rule (表10 教师培训, 教师 5 年 360 学时培训完成率): a teacher is short whose
    hours of school year ``year`` and the four before (:func:`window_hours`: the 教师培训
    records where he or she has any, else 近五年培训学时) are below what the window owes
    (:func:`required`: ``hours``, or ``hours / 5`` a year served for one who started work
    within it), or not known. A five-year cycle a new teacher is in the middle of is not
    failed: else a county that hires could never reach the standard's 100 % (review vf: the
    demo's 278 teachers who started 2022–2025, short of 360 but not of their share).

    One row per such teacher: ``teacher_id``, ``school_id``, ``hours_5y`` (NaN when not known),
    ``required`` and ``shortfall`` (all it owes when not known).

    >>> teachers = pd.DataFrame({"teacher_id": ["a", "b", "c", "d"], "school_id": ["s", "s", "t", "t"],
    ...                          "training_hours_5y": [372.0, 244.0, None, 100.0],
    ...                          "work_start_year": [2000, 2000, 2000, 2024]})
    >>> short = short_of_hours(teachers, 2025)  # d: 2 years served owe 144
    >>> short["teacher_id"].tolist(), short["shortfall"].tolist()
    (['b', 'c', 'd'], [116.0, 360.0, 44.0])
    """
    got = window_hours(teachers, records, year)["hours"]
    start = teachers["work_start_year"] if "work_start_year" in teachers \
        else pd.Series(np.nan, index=teachers.index)
    owed = pd.Series(required(start, year, hours), index=teachers.index)
    short = (got.isna() | (got < owed - 1e-9)).to_numpy(bool)
    rows = teachers.loc[short, ["teacher_id", "school_id"]].reset_index(drop=True)
    return rows.assign(hours_5y=got[short].to_numpy(), required=owed[short].to_numpy(),
                       shortfall=np.round(owed[short].to_numpy()
                                          - np.nan_to_num(got[short].to_numpy(), nan=0.0), 1))


def meets_hours(teachers: pd.DataFrame, year: int, records: pd.DataFrame | None = None,
                hours: float = REQUIRED_HOURS) -> tuple[pd.Series, str]:
    """Per teacher (indexed as ``teachers``) whether the hours reach what the window owes by
    :func:`short_of_hours` (NA: not known), and the data-quality notice where the 教师培训
    records and 近五年培训学时 disagree (:func:`disagreement_notice`).

    >>> t = pd.DataFrame({"teacher_id": ["a", "b"], "school_id": "s", "work_start_year": 2000,
    ...                   "training_hours_5y": [360.0, 360.0]})
    >>> r = pd.DataFrame({"teacher_id": ["a"], "year": [2025], "hours": [200.0]})
    >>> ok, notice = meets_hours(t, 2025, r)
    >>> ok.tolist(), notice  # a: 200 recorded, not the 360 stated
    ([False, True], '“教师培训”表记录合计与“教师”表近五年培训学时列不一致：1 人（按“教师培训”表记录计算）')
    """
    known = window_hours(teachers, records, year)
    short = teachers["teacher_id"].isin(short_of_hours(teachers, year, records, hours)["teacher_id"])
    ok = (~short).astype("boolean").mask(known["hours"].isna())
    return ok, disagreement_notice(disagreeing(known))


def trained_per_year(records: pd.DataFrame) -> pd.Series:
    """Distinct teachers with training hours > 0, per year."""
    done = records[records["hours"] > 0]
    return done.groupby("year")["teacher_id"].nunique().astype(int)
