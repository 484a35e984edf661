"""An independent check of 先建后撤 against a receiver's building project at 规划 status (review
rv 13: 上桃寨村教学点 closed in 2027 into 余下洼村小学, whose 迁建 was 规划, not begun, dated to be
in use in 2027 while the plan gives its own new school 2 学年), re-derived from the county's
建设项目 table without the planner's code:

a school the plan closes whose pupils go to a school with a 迁建, 新建 or 改扩建 project at 规划
status, 竣工日期 filled and by the target year's 9-1, closes no sooner than

    max(the school year its 竣工日期 gives (9-1 or before: that year, else the next; a date
        already past on the plan's day: the first school year not begun),
        the first school year not begun on the plan's day + the build time of the project's
        type: ``new_school_lead_years`` for 迁建 and 新建, ``expansion_lead_years`` for 改扩建)
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from junheng.planning.layout_check_near import Problems

#: project type -> the config field of its build time
LEADS = {"relocation": "new_school_lead_years", "new_build": "new_school_lead_years",
         "expansion": "expansion_lead_years"}
TYPE_WORDS = {"relocation": "迁建", "new_build": "新建", "expansion": "改扩建"}


def school_year_of(day: date) -> int:
    """The first school year not begun on ``day`` (a 学年 starts on 9-1).

    >>> school_year_of(date(2027, 8, 31)), school_year_of(date(2027, 9, 1))
    (2027, 2028)
    """
    return day.year + 1 if (day.month, day.day) >= (9, 1) else day.year


def earliest_years(projects: pd.DataFrame | None, target_year: int, day: date, config
                   ) -> dict[str, tuple[int, str]]:
    """School -> (the earliest school year its project at 规划 status is in use, the project
    type in words), by the rule of the module docstring; the latest of a school's projects.

    >>> from types import SimpleNamespace as NS
    >>> cfg = NS(new_school_lead_years=2, expansion_lead_years=1)
    >>> p = pd.DataFrame({"school_id": ["B", "C", "D"], "status": ["planned", "under_construction", "planned"],
    ...     "project_type": ["relocation", "relocation", "expansion"],
    ...     "completion_date": pd.to_datetime(["2027-08-31", "2027-08-31", "2030-08-31"])})
    >>> earliest_years(p, 2030, date(2026, 12, 5), cfg)
    {'B': (2029, '迁建'), 'D': (2030, '改扩建')}
    """
    if projects is None or projects.empty or "status" not in projects:
        return {}
    first, out = school_year_of(day), {}
    for r in projects.itertuples(index=False):
        done = pd.to_datetime(r.completion_date)
        if r.status != "planned" or r.project_type not in LEADS or pd.isna(done) \
                or done.date() > date(target_year, 9, 1):
            continue
        on = done.date()  # in use from its own school year when done by 9-1, else the next
        in_use = first if on < day else on.year + int((on.month, on.day) > (9, 1))
        year = max(in_use, first + int(getattr(config, LEADS[r.project_type])))
        if year >= out.get(str(r.school_id), (0, ""))[0]:
            out[str(r.school_id)] = (year, TYPE_WORDS[r.project_type])
    return out


def check_project_waits(problem, plan: dict, data) -> None:
    """Raise :class:`~.layout_check.PlanViolation` for every closure sooner than its receivers'
    projects at 规划 status can be in use (module docstring)."""
    from junheng.planning.layout_phases import plan_day

    earliest = earliest_years(data.tables.get("projects"), problem.target_year,
                              plan_day(problem.config), problem.config)
    schools = {s["school_id"]: s for s in plan["schools"]}
    found = Problems()
    for sid, s in sorted(schools.items()):
        if s["action"] != "close" or not s.get("phase"):
            continue
        closes = problem.school_year + int(s["phase"])
        for r in sorted({a["school_id"] for a in plan["assignments"]
                         if a.get("before_school") == sid and a["school_id"] in earliest}):
            year, kind = earliest[r]
            if closes < year:
                found.add(f"先建后撤：{s['name']}在 {closes} 学年撤并，但接收学校{schools[r]['name'] if r in schools else r}"
                          f"的{kind}项目现为规划状态（未开工），按建设周期最早 {year} 学年投入使用，撤并应不早于该学年。")
    found.raise_any()
