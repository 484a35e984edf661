"""An independent check of rule (26) of the layout model (review rv13 5: 21 教学点 closed in 2027
by a plan made on 2026-12-06, their 论证报告 due by 2026-09-30), re-derived from the plan's JSON
and its day without the planner's code:

a school the plan closes in school year ``Y`` (data year + its phase) needs its 逐点论证报告 by the
end of September of ``Y − 1`` (then 听证, 公示, 报批 before the September it closes in); a plan made
after that day may not close it in ``Y``, only from the first school year whose report is still
due: the plan's year + 1 when made by 9-30, else + 2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from junheng.planning.layout_check_near import Problems


def check_closure_years(school_year: int, plan: dict[str, Any], day: date) -> None:
    """Raise :class:`~.layout_check.PlanViolation` naming each closure of ``plan`` (a plan's
    JSON, data year ``school_year``) whose 逐点论证报告 was due before ``day``, the plan's day.

    >>> plan = {"schools": [{"name": "甲村教学点", "action": "close", "phase": 2},
    ...                     {"name": "乙村教学点", "action": "close", "phase": 3}]}
    >>> check_closure_years(2025, plan, date(2026, 9, 30))
    >>> check_closure_years(2025, plan, date(2026, 12, 6))
    Traceback (most recent call last):
    ...
    junheng.planning.layout_check.PlanViolation: 甲村教学点在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 2026 年 12 月 6 日已过此期限，撤并应不早于 2028 学年。
    """
    earliest = day.year + (1 if day.month <= 9 else 2)
    found = Problems()
    for s in plan.get("schools", ()):
        if s.get("action") != "close" or s.get("phase") is None:
            continue
        year = school_year + int(s["phase"])
        if year < earliest:
            found.add(f"{s.get('name') or s.get('school_id')}在 {year} 学年撤并，其逐点论证报告须在 {year - 1} 年 "
                      f"9 月底前完成，编制日期 {day.year} 年 {day.month} 月 {day.day} 日已过此期限，"
                      f"撤并应不早于 {earliest} 学年。")
    found.raise_any()
