"""An independent check of the plan's 大校额逐年 (``large``, :mod:`~.layout_large`; brief hentry2):
a school over its size cap (校额上限: ``school_size_cap``, ``school_size_cap_through`` for a
九年一贯制 or 完全中学, from the config) in a school year of the 过渡期 must not pass silently.

Each school's pupils in each school year of the plan's years (the data year + 1 or the first
school year of its 过渡期 rows, to three years after the target year) are re-derived from the
county's children and the plan's village assignments (the checker's growth rule,
:func:`~.layout_check_years.yearly_loads`), placed by the plan's one rule
(:func:`~.layout_check_years._place`: new schools' and closures' years, the 划片 moves
re-derived, ``rezoning_grades``; under ``entry`` the older cohorts finish at their present
school) and by the 过渡期's year moves to an open new school (``shifts``). The check refuses a
school-year over its cap that the plan's ``large`` does not list with those pupils, and a
listed one that is not over it. Under ``entry`` that is where a receiver's old school keeps
its enrolled cohorts beyond its cap (the demo's 第一初级中学 and 实验中学 in 2030): the plan
names them year by year, with the pupils still there for their new 片区
(:func:`~.layout_placed.held_note`).
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model import CountyData
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_data import GROUP_STAGE, THROUGH_TYPES
from junheng.planning.layout_forecast import school_forecast
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_shifts import moved_to, shift_map


def school_years(data: CountyData, plan: LayoutOutcome, timing: tuple) -> dict[int, dict[str, int]]:
    """School year -> school -> its pupils (each stage in whole pupils, summed), placed by
    ``timing`` (opens, closes, moves, the entry rule's year) and the plan's ``shifts``; a
    stage with a group that cannot be aged forward that year left out."""
    from junheng.planning.layout_check_years import LOOKED_AFTER, _children, _place, _ratio

    base, forecast, shifted = _children(data, plan.target_year), school_forecast(data), shift_map(plan.shifts)
    first = min((r.year for r in plan.transition), default=data.school_year + 1)
    out: dict[int, dict[str, int]] = {}
    for year in range(min(max(data.school_year + 1, first), plan.target_year),
                      plan.target_year + LOOKED_AFTER + 1):
        now, sums, unknown = _children(data, year), defaultdict(float), set()
        for a in plan.assignments:
            ratio = _ratio(forecast, a, year, plan.target_year, base, now)
            for at, f in _place(a, year, *timing):
                key = (moved_to(at, year, a.village_id, a.stage_group, shifted), GROUP_STAGE[a.stage_group])
                if ratio is None:
                    unknown.add(key)
                    continue
                sums[key] += a.students * ratio * f
        totals: dict[str, int] = defaultdict(int)
        for (school, _), n in sums.items():
            if (school, _) not in unknown:
                totals[school] += round(n)
        out[year] = dict(totals)
    return out


def check_large(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """Raise :class:`~.layout_check.PlanViolation` naming each school-year over its cap the
    plan's ``large`` leaves out or counts otherwise, and each it lists that is not over."""
    from junheng.planning.layout_check_years import _name, _timing

    by_id, found = {s.school_id: s for s in plan.schools}, Problems()
    listed = {(y, s): (n, c) for y, s, n, c in plan.large}
    over = {}
    for year, totals in school_years(data, plan, _timing(data, plan, config)).items():
        for sid, n in totals.items():
            s = by_id.get(sid)
            if s is None or s.action == "close" and data.school_year + (s.phase or 1) <= year:
                continue
            cap = config.school_size_cap_through if s.kind in THROUGH_TYPES else config.school_size_cap
            if n > cap:
                over[(year, sid)] = (n, cap)
    for (year, sid), (n, cap) in sorted(over.items()):
        if listed.get((year, sid), (None,))[0] != n:
            shown = "未列出" if (year, sid) not in listed else f"列为 {listed[(year, sid)][0]:,} 人"
            found.add(f"{year} 学年{_name(by_id[sid])}在校 {n:,} 人，超过校额上限 {cap:,} 人，"
                      f"方案“大校额逐年”{shown}。")
    for (year, sid), (n, _) in sorted(listed.items()):
        if (year, sid) not in over and sid in by_id:
            found.add(f"方案“大校额逐年”列 {year} 学年{_name(by_id[sid])} {n:,} 人，按方案推算未超过校额上限。")
    found.raise_any()
