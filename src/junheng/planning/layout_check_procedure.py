"""An independent check of rule (26) of the layout model (review rv13 5: 21 教学点 closed in 2027
by a plan made on 2026-12-06, their 论证报告 due by 2026-09-30), re-derived from the plan's JSON
and its day without the planner's code:

a school the plan closes in school year ``Y`` (data year + its phase) needs its 逐点论证报告 by the
end of September of ``Y − 1``, its 听证会 by the end of December of ``Y − 1``, its 公示 by the end
of March of ``Y`` and its 报批 by the end of May of ``Y``. A step not yet done is done on the
plan's day at the soonest, so a plan made after 9-30 may not close it in ``Y``, only from the
first school year whose report is still due: the plan's year + 1 when made by 9-30, else + 2.
A step the county lists as done (the scenario's ``closures_reviewed``) counts from its day.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from datetime import date
from typing import Any

from junheng.planning.layout_check_near import Problems

#: (what, month of its deadline, its year less the closure's school year), in order
_DUE = (("逐点论证报告", 9, -1, "report"), ("听证会", 12, -1, "hearing"), ("公示", 3, 0, "notice"),
        ("报批", 5, 0, None))


def _earliest(done: Mapping[str, Any], day: date) -> int:
    """The first school year every step is within its deadline, done on the day of ``done``
    (ISO days by key) or, not done, on ``day``."""
    year = day.year - 1
    while True:
        ends = [date(year + back, month, monthrange(year + back, month)[1]) for _, month, back, _ in _DUE]
        when = [date.fromisoformat(str(done[key])) if key and done.get(key) else day for *_, key in _DUE]
        if all(w <= end for w, end in zip(when, ends, strict=True)):
            return year
        year += 1


def check_closure_years(school_year: int, plan: dict[str, Any], day: date,
                        reviewed: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Raise :class:`~.layout_check.PlanViolation` naming each closure of ``plan`` (a plan's
    JSON, data year ``school_year``) whose 逐点论证报告 was due before ``day``, the plan's day;
    ``reviewed``: school -> the days its steps were done (``report``, ``hearing``, ``notice``).

    >>> plan = {"schools": [{"name": "甲村教学点", "school_id": "P", "action": "close", "phase": 2},
    ...                     {"name": "乙村教学点", "action": "close", "phase": 3}]}
    >>> check_closure_years(2025, plan, date(2026, 9, 30))
    >>> check_closure_years(2025, plan, date(2026, 12, 6))
    Traceback (most recent call last):
    ...
    junheng.planning.layout_check.PlanViolation: 甲村教学点在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 2026 年 12 月 6 日已过此期限，撤并应不早于 2028 学年。
    >>> check_closure_years(2025, plan, date(2026, 12, 6), {"P": {"report": "2026-09-20"}})
    >>> check_closure_years(2025, plan, date(2027, 1, 6), {"P": {"report": "2026-09-20"}})
    Traceback (most recent call last):
    ...
    junheng.planning.layout_check.PlanViolation: 甲村教学点在 2027 学年撤并，其逐点论证报告已于 2026-09-20 完成，听证会须在 2026 年 12 月底前完成，编制日期 2027 年 1 月 6 日已过此期限，撤并应不早于 2028 学年。
    """
    found = Problems()
    for s in plan.get("schools", ()):
        if s.get("action") != "close" or s.get("phase") is None:
            continue
        year, done = school_year + int(s["phase"]), (reviewed or {}).get(s.get("school_id"), {})
        earliest = _earliest(done, day)
        if year >= earliest:
            continue
        what, month, back, _ = next(d for d in _DUE if not (d[3] and done.get(d[3])) and date(
            year + d[2], d[1], monthrange(year + d[2], d[1])[1]) < day)
        was = f"其逐点论证报告已于 {done['report']} 完成，" if done.get("report") else "其"
        found.add(f"{s.get('name') or s.get('school_id')}在 {year} 学年撤并，{was}{what}须在 {year + back} 年 "
                  f"{month} 月底前完成，编制日期 {day.year} 年 {day.month} 月 {day.day} 日已过此期限，"
                  f"撤并应不早于 {earliest} 学年。")
    found.raise_any()
