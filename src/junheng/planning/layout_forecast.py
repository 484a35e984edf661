"""One number per school and year: the layout's pupils calibrated to the enrolment forecast.

The layout counts pupils by village (村居适龄儿童, :func:`~.layout_data.village_demand`), the
forecast (招生预测, :mod:`junheng.forecast`) per school by grade progression, and the 达标路径
places the forecast's pupils. Left apart, the two disagree for the same school and year
(the demo county's 第一初级中学 2027: 3,025 in the layout, 2,693 in the forecast): village
children aged forward know no migration, no transition between stages, no pupils from
outside the school's villages. With the forecast attached to the county
(:func:`with_forecast`, the ``pupil_forecast`` table: school, stage group, year, pupils):

* **target year**: the customers (village × group, a split community per part) whose school
  today is a forecast school share that school's forecast pupils of the group in proportion
  to their village-based pupils (:func:`calibrated`, largest remainders), so a school the plan
  does not touch has exactly its forecast pupils, and one it moves pupils from or to has the
  forecast ± the pupils moved;
* **other school years** (过渡期, 大校额逐年, the years after the target): a customer grows
  as its today's school's forecast pupils of the group grow (:func:`forecast_factor`:
  forecast of the year ÷ forecast of the target year), not as its village's children;
* without the table, a school or a year the forecast does not cover, the village rule
  stands (its children aged forward).

A 教学点's forecast pupils all count in grades 1–3, as the layout counts its reported pupils
(:func:`~.layout_today.reported_pupils`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.model import CountyData
from junheng.model.memo import per_object

#: the county table holding the forecast per school, stage group and year (not a sheet)
FORECAST_TABLE = "pupil_forecast"
#: the county table holding the forecast per school, compulsory grade and year (not a sheet)
GRADES_TABLE = "pupil_forecast_grades"
#: the county table holding the forecast's other grades (高中, 幼儿班) per school and year, by
#: which both plans split a shared building (:mod:`~.stage_split`; not a sheet)
OTHER_TABLE = "pupil_forecast_other"
GRADE_GROUP = {**{f"g{g}": "grades_1_3" for g in (1, 2, 3)},
               **{f"g{g}": "grades_4_6" for g in (4, 5, 6)},
               **{f"g{g}": "grades_7_9" for g in (7, 8, 9)}}


def group_forecast(students: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """school_id, group, year, pupils: the forecast's pupils (``students``: school_id, grade,
    year, students) summed per stage group; a 教学点's all in grades 1–3; other grades (高中,
    幼儿班) left out.

    >>> students = pd.DataFrame({"school_id": ["A", "A", "A", "P"], "grade": ["g1", "g3", "g8", "g4"],
    ...                          "year": 2027, "students": [40.0, 38.0, 90.0, 5.0]})
    >>> schools = pd.DataFrame({"school_id": ["A", "P"], "school_type": ["nine_year", "teaching_point"]})
    >>> group_forecast(students, schools).values.tolist()
    [['A', 'grades_1_3', 2027, 78.0], ['A', 'grades_7_9', 2027, 90.0], ['P', 'grades_1_3', 2027, 5.0]]
    """
    group = students["grade"].map(GRADE_GROUP)
    point = students["school_id"].isin(
        schools.loc[schools["school_type"] == "teaching_point", "school_id"])
    group = group.where(~(point & group.isin(["grades_4_6"])), "grades_1_3")
    frame = students.assign(group=group).dropna(subset=["group"])
    out = frame.groupby(["school_id", "group", "year"], as_index=False)["students"].sum()
    return out.rename(columns={"students": "pupils"})


def with_forecast(data: CountyData, students: pd.DataFrame | None) -> CountyData:
    """``data`` carrying the forecast (``students``: school_id, grade, year, students) as its
    :data:`FORECAST_TABLE`; ``data`` itself without one."""
    if students is None or students.empty:
        return data
    ours = students["grade"].isin(list(GRADE_GROUP))
    keep = ["school_id", "grade", "year", "students"]
    ranges = {RANGE_TABLE: forecast_ranges(students[ours])} if {
        "students_low", "students_high"} <= set(students) else {}
    return data.with_tables(**{FORECAST_TABLE: group_forecast(students, data.schools),
                               GRADES_TABLE: students.loc[ours, keep],
                               OTHER_TABLE: students.loc[~ours, keep], **ranges})


#: the forecast's interval per school and year (compulsory grades)
RANGE_TABLE = "pupil_forecast_range"


def forecast_ranges(students: pd.DataFrame) -> pd.DataFrame:
    """school_id, year, low, high: the forecast's lower and upper bounds of its compulsory
    grades (``students_low``, ``students_high``) summed per school and year, whole pupils
    (the bounds of each grade added: at least as wide as the interval of the sum).

    >>> students = pd.DataFrame({"school_id": ["A", "A"], "grade": ["g1", "g2"], "year": 2030,
    ...                          "students_low": [30.4, 20.0], "students_high": [50.0, 41.2]})
    >>> forecast_ranges(students).values.tolist()
    [['A', 2030, 50, 92]]
    """
    out = students.groupby(["school_id", "year"], as_index=False)[
        ["students_low", "students_high"]].sum()
    return out.assign(low=np.floor(out["students_low"] + 1e-9).astype(int),
                      high=np.ceil(out["students_high"] - 1e-9).astype(int))[
        ["school_id", "year", "low", "high"]]


def with_range(sites: pd.DataFrame, data, year: int) -> pd.DataFrame:
    """``sites`` with ``expected_low`` and ``expected_high``: the forecast's interval of each
    school's pupils in ``year`` (:func:`forecast_ranges`; NaN without one)."""
    frame = getattr(data, "tables", {}).get(RANGE_TABLE)
    if frame is None or frame.empty:
        return sites.assign(expected_low=np.nan, expected_high=np.nan)
    got = frame[frame["year"] == year].set_index("school_id")
    return sites.assign(expected_low=got["low"].reindex(sites.index).astype(float),
                        expected_high=got["high"].reindex(sites.index).astype(float))


def forecast_grade_mix(sites: pd.DataFrame, data: CountyData, year: int) -> pd.DataFrame:
    """``sites`` (index site id, columns ``share_g1`` … ``share_g9``: each grade's share of
    its stage group's pupils today, :func:`~.layout_counts.grade_mix`) with the shares of the
    forecast's grades of ``year`` where ``data`` carries them (:data:`GRADES_TABLE`) for a
    site and group, so that the layout forms a school's classes grade by grade from the same
    pupils as the forecast and the 达标路径 (the demo county's 2030 县城 gap, 不调整: 28 with
    today's shares, 27 as the forecast counts); a 教学点 keeps today's shares (the forecast's
    grades 4–6 there are the layout's grades 1–3).

    >>> sites = pd.DataFrame({"kind": ["primary_school", "teaching_point"],
    ...     **{f"share_g{g}": 1 / 3 for g in range(1, 10)}}, index=["A", "P"])
    >>> grades = pd.DataFrame({"school_id": ["A", "A", "A", "P"], "grade": ["g1", "g2", "g3", "g1"],
    ...                        "year": 2030, "students": [90.0, 45.0, 45.0, 6.0]})
    >>> data = CountyData.__new__(CountyData)
    >>> object.__setattr__(data, "tables", {GRADES_TABLE: grades})
    >>> forecast_grade_mix(sites, data, 2030).loc[:, "share_g1":"share_g4"].round(2).values.tolist()
    [[0.5, 0.25, 0.25, 0.33], [0.33, 0.33, 0.33, 0.33]]
    """
    frame = getattr(data, "tables", {}).get(GRADES_TABLE)
    if frame is None or frame.empty:
        return sites
    part = frame[(frame["year"] == year) & frame["school_id"].isin(
        sites.index[sites["kind"] != "teaching_point"])]
    per = part.groupby(["school_id", "grade"])["students"].sum().unstack(fill_value=0.0)
    out = sites.copy()
    for group in ("grades_1_3", "grades_4_6", "grades_7_9"):
        grades = [g for g, of in GRADE_GROUP.items() if of == group]
        got = per.reindex(index=out.index, columns=grades, fill_value=0.0).astype(float)
        total = got.sum(axis=1)
        for g in grades:
            out[f"share_{g}"] = out[f"share_{g}"].where(total <= 0, got[g] / total.where(total > 0, 1.0))
    return out


#: :func:`grade_shares` kept: key -> (the grades table it was made of, site -> grade -> share)
_SHARES: dict[tuple, tuple[object, dict[str, dict[str, float]]]] = {}
#: the values :func:`grade_shares` keeps, oldest dropped first
SHARES_KEPT = 64


def grade_shares(sites: pd.DataFrame, data: CountyData, year: int) -> dict[str, dict[str, float]]:
    """Site -> grade (``"g1"`` …) -> its share of its stage group in ``year``: the ``share_g*``
    of :func:`forecast_grade_mix` as numbers, made once per value of the sites' ids, kinds and
    ``share_g*`` and ``year`` and per grades table of ``data`` (by identity, held while kept):
    the layout's class counts ask for them per school and year (234 times on the demo, 5 s of
    the layout step under a profiler). Each caller gets its own copy.

    >>> sites = pd.DataFrame({"kind": ["primary_school"], **{f"share_g{g}": 1 / 3 for g in range(1, 10)}}, index=["A"])
    >>> grades = pd.DataFrame({"school_id": "A", "grade": ["g1", "g2", "g3"], "year": 2030, "students": [90.0, 45.0, 45.0]})
    >>> data = CountyData.__new__(CountyData)
    >>> object.__setattr__(data, "tables", {GRADES_TABLE: grades})
    >>> got = grade_shares(sites, data, 2030)
    >>> got["A"]["g1"], grade_shares(sites, data, 2030) == got, round(grade_shares(sites, data, 2031)["A"]["g1"], 2)
    (0.5, True, 0.33)
    """
    frame = getattr(data, "tables", {}).get(GRADES_TABLE)
    key = _shares_key(sites, frame, year)
    got = _SHARES.get(key) if key is not None else None
    if got is None or got[0] is not frame:
        mix = forecast_grade_mix(sites, data, year).filter(like="share_g")
        got = (frame, {i: {c.removeprefix("share_"): float(v) for c, v in row.items()} for i, row in mix.iterrows()})
        if key is not None:
            if len(_SHARES) >= SHARES_KEPT:
                del _SHARES[next(iter(_SHARES))]
            _SHARES[key] = got
    return {site: dict(by) for site, by in got[1].items()}


def _shares_key(sites: pd.DataFrame, frame, year: int) -> tuple | None:
    """What :func:`grade_shares` depends on, as a key (None where the shares are not numbers)."""
    cols = [c for c in sites.columns if "share_g" in str(c)]
    try:
        values = sites[cols].to_numpy(dtype=float).tobytes()
    except (TypeError, ValueError):
        return None
    kinds = tuple(sites["kind"]) if "kind" in sites else None
    return id(frame), int(year), tuple(sites.index), tuple(cols), kinds, values


def school_forecast(data: CountyData) -> dict[tuple, float] | None:
    """(school_id, group, year) -> forecast pupils, None when ``data`` carries none: a dict,
    not a Series (the checks look it up per assignment and year, about a million times on
    the demo, where a MultiIndex lookup costs 30 µs)."""
    frame = getattr(data, "tables", {}).get(FORECAST_TABLE)  # a bare namespace in tests
    if frame is None or frame.empty:
        return None
    return _forecast_by_key(frame)


@per_object  # once per forecast table: the plan's years and checks ask for it 300 times on the demo
def _forecast_by_key(frame: pd.DataFrame) -> dict[tuple, float]:
    """(school_id, group, year) -> pupils of the forecast table ``frame`` (:func:`school_forecast`)."""
    keys = zip(frame["school_id"], frame["group"], frame["year"].astype(int), strict=True)
    return dict(zip(keys, frame["pupils"].astype(float), strict=True))


def forecast_factor(forecast: Mapping | None, school, group: str, year: int, target: int
                    ) -> float | None:
    """The school's forecast pupils of ``group`` in ``year`` over those of the target year;
    None without a forecast of both years (or none in the target year).

    >>> f = pd.Series([80.0, 100.0], index=pd.MultiIndex.from_tuples(
    ...     [("A", "grades_7_9", 2027), ("A", "grades_7_9", 2030)]))
    >>> forecast_factor(f, "A", "grades_7_9", 2027, 2030), forecast_factor(f, "B", "grades_7_9", 2027, 2030)
    (0.8, None)
    """
    if forecast is None or not isinstance(school, str):
        return None
    was, now = forecast.get((school, group, target)), forecast.get((school, group, year))
    if was is None or now is None or not was > 0:
        return None
    return float(now) / float(was)


def calibrated(customers: pd.DataFrame, forecast: Mapping | None, year: int) -> pd.DataFrame:
    """``customers`` (``before_site``, ``group``, ``demand``) with each forecast school's
    customers of a group sharing its forecast pupils of ``year`` in proportion to their
    demand (largest remainders, ties to the first); ``calibrated`` marks them. Customers
    rounding to no pupil are dropped.

    School A's villages have 30 and 10 children, its forecast 60 pupils; B has no forecast:

    >>> cust = pd.DataFrame({"before_site": ["A", "A", "B"], "group": "grades_7_9",
    ...                      "demand": [30, 10, 7]})
    >>> f = pd.Series([60.0], index=pd.MultiIndex.from_tuples([("A", "grades_7_9", 2030)]))
    >>> calibrated(cust, f, 2030)[["demand", "calibrated"]].values.tolist()
    [[45, True], [15, True], [7, False]]
    """
    from junheng.zones.calibrate import apportion

    out = customers.assign(calibrated=False)
    if forecast is None:
        return out
    demand = out["demand"].to_numpy(np.int64).copy()
    done = np.zeros(len(out), bool)
    keys = out[["before_site", "group"]].reset_index(drop=True)
    for (site, group), pos in keys.groupby(["before_site", "group"]).indices.items():
        total = forecast.get((site, group, year))
        if total is None or demand[pos].sum() <= 0:
            continue
        demand[pos] = apportion(demand[pos].astype(float), int(round(float(total))))
        done[pos] = True
    out = out.assign(demand=demand, calibrated=done)
    return out[out["demand"] > 0].reset_index(drop=True)


def forecast_growth(growth: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame
                    ) -> pd.DataFrame:
    """``growth`` (per site, columns primary and junior: :func:`~.layout_data.site_growth`)
    where a site's customers of a stage are :func:`calibrated`: their pupils over its pupils
    of the stage today, so that its expected pupils (规划年不调整) are its forecast.

    >>> sites = pd.DataFrame({"students_primary_now": [50.0], "students_junior_now": 0.0},
    ...                      index=["A"])
    >>> cust = pd.DataFrame({"before_site": "A", "group": ["grades_1_3", "grades_4_6"],
    ...                      "demand": [30, 25], "calibrated": [True, False]})
    >>> growth = pd.DataFrame({"primary": [0.9], "junior": [1.0]}, index=["A"])
    >>> forecast_growth(growth, cust, sites).loc["A"].tolist()  # (30 + 25) / 50
    [1.1, 1.0]
    """
    if "calibrated" not in customers or not customers["calibrated"].any():
        return growth
    frame = customers.assign(stage=np.where(customers["group"] == "grades_7_9", "junior",
                                            "primary"))
    by = frame.groupby(["before_site", "stage"])
    pupils, done = by["demand"].sum(), by["calibrated"].any()
    out = growth.copy()
    for (site, stage), n in pupils[done].items():
        now = float(sites.at[site, f"students_{stage}_now"]) if site in sites.index else 0.0
        if now > 0:
            out.at[site, stage] = float(n) / now
    return out


#: the plan's rule (``LayoutOutcome.rules``) saying its pupils are calibrated to the forecast
FORECAST_RULE = "pupil_forecast"


def forecast_used(customers: pd.DataFrame) -> bool:
    """Whether any of the layout's customers is :func:`calibrated` to the forecast."""
    return bool("calibrated" in customers and customers["calibrated"].any())


def pupil_basis(rules, yearly: bool = False) -> str:
    """How a plan's pupils are reckoned, as its documents say it (``rules``: the plan's).

    >>> pupil_basis({FORECAST_RULE: True}, yearly=True), pupil_basis({})
    ('按招生预测逐年推算', '按各村适龄儿童推算')
    """
    step = "逐年" if yearly else ""
    return f"按招生预测{step}推算" if (rules or {}).get(FORECAST_RULE) else f"按各村适龄儿童{step}推算"


def moved_words(shown: int, own: int | None, forecast: bool) -> str:
    """A year's pupils said against the forecast's (``own``: the school's pupils without the
    plan), with the pupils the plan moves in or out; "" where they agree or without the
    forecast (``forecast`` False: the village rule, no figure of another document to meet).

    >>> moved_words(2751, 2693, True), moved_words(1990, 2100, True), moved_words(5, 5, True)
    ('（招生预测 2,693 人，本方案转入 58 人）', '（招生预测 2,100 人，本方案转出 110 人）', '')
    >>> moved_words(2751, 2693, False)
    ''
    """
    if own is None or own == shown or not forecast:
        return ""
    way = "转入" if shown > own else "转出"
    return f"（招生预测 {own:,} 人，本方案{way} {abs(shown - own):,} 人）"
