"""The 过渡期 decisions count the pupils where the plan's one placement rule puts them (issue 16,
planner review rv14 N1, briefs hentry2 and hearly).

The solve decides each school's rooms built and met by 临时周转 (临时周转) and the year it first
needs a build (:func:`~.layout_years.site_years`) from its yearly pupils. Under
``rezoning_grades: entry`` (:mod:`~.layout_entrants`) a 划片 or a new school's 片区 moves only the
entering grades: a receiver fills grade by grade and the older cohorts finish the stage at their
present school. The checker (:func:`~.layout_check_years.yearly_loads`) counts a school's pupils
so, and so must the solve, else its rooms borrowed are decided on pupils who are not there
(the demo under entry: 「洛北县东城小学（小学）以临时周转解决 1 间，按逐年缺口应为 0 间」).

The placement needs the plan's timing — the new schools' opening years, the closures' years,
the 划片 moves' years (:func:`~.layout_waiting.plan_moves`) and the entry rule's first year —
which follows from the build years the decisions give. The solve therefore decides once with
every pupil at the plan's school, reads the timing of that plan (:func:`plan_timing`), decides
again with the pupils placed by it (:func:`placed_yearly`), and repeats until the timing no
longer changes (:func:`~.layout_runs.kept_within`). Under ``whole`` too (the entry rule's year
:data:`None`): a closing school keeps its pupils until it closes and a 划片 move waits for its
year, as the rows (:func:`~.layout_arrivals.arrived_rows`) and the checker place them (brief
hearly: counted at the receiver from the first year, a closing school's village made its
receiver build 3 rooms in use 2027 for a need of 2028 alone, 临时周转 within the limit, and the
checker refused the plan; the demo listed 洛北县第四中学's 临时周转 from 2027 for 划片 pupils who
come in 2029).

A school's yearly pupils are, as the checker counts them, the pupils of the assignments whose
plan school it is that the placement puts there that year (all of them before a new school
opens: its waiting pupils are its row's own, :mod:`~.layout_waiting`); the older cohorts an
entry move leaves at their present school are that school's waiting pupils (``waiting`` and
the rooms they lack, :func:`~.layout_waiting.held_row`), 临时周转 too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace

from junheng.model import CountyData
from junheng.planning.layout_entrants import entry_first, move_start, share_at
from junheng.planning.layout_years import (
    SiteYears,
    growth_factors,
    plan_years,
    summed,
    yearly_pupils,
)


def plan_timing(outcome, data: CountyData, sites) -> tuple | None:
    """The placement timing of a layout ``outcome`` (opens, closes, 划片 moves, the entry
    rule's first year: :func:`~.layout_entrants.school_parts`; None under ``whole``), None
    without its years (the decisions then count every pupil at the plan's school)."""
    from junheng.planning.layout_waiting import first_paid_year, plan_moves

    if not outcome.year or not outcome.target_year:
        return None
    first = entry_first(outcome.rules, max(first_paid_year(outcome), outcome.year + 1))
    opens, closes = ({s.school_id: outcome.year + (s.phase or 1) for s in outcome.schools
                      if s.action == action} for action in ("new", "close"))
    return opens, closes, plan_moves(outcome, data, sites), first


def placed_timing(data: CountyData):
    """A layout plan -> :func:`plan_timing` of its outcome on ``data`` and its problem's sites
    (:func:`~.layout_runs.kept_within`'s ``timing_of``)."""
    return lambda plan: plan_timing(plan.outcome, data, plan.problem.sites)


def placement(timing: tuple | None) -> tuple | None:
    """The placement part of a solve's ``timing`` (opens, closes, moves, the entry rule's
    year), without its build floor (:func:`with_build_floor`)."""
    return None if timing is None else timing[:4]


@dataclass(frozen=True)
class FlooredYears(SiteYears):
    """:class:`~.layout_years.SiteYears` whose schools that only borrow are listed no later than
    ``floor`` (school -> school year, :func:`with_build_floor`)."""

    floor: Mapping[str, int] = field(default_factory=dict)

    def borrow_phases(self, schools: Iterable[str], data_year: int, first: int) -> dict[str, int]:
        return {s: max(min(p, self.floor.get(s, data_year + p) - data_year), first)
                for s, p in super().borrow_phases(schools, data_year, first).items()}


def with_build_floor(years: SiteYears, timing: tuple | None) -> SiteYears:
    """``years`` (:class:`~.layout_years.SiteYears`) with each school's first year needing a
    built room no later than its build year in the plans before (``timing``'s fifth part,
    school -> school year; :func:`~.layout_runs.kept_within`): a build decided again on the
    pupils placed by a plan's timing is never put later than it was, so that the decisions and
    the timing settle (the demo under entry: 第四中学's 划片 move in 2029 left its room first
    needed in 2030, its build then in 2030 moved the move to 2030, which put the build back in
    2029 — and so on). A school that only borrows (临时周转) is listed no later than in the
    plans before that were decided on placed pupils (the sixth part; the fifth where there is
    none): its listing year is when its 划片 moves may go (:func:`~.layout_waiting.ready_years`).

    The rules kept, and why they differ (brief hearly). A build keeps the year of every plan
    before, the first too, decided with every pupil at the plan's school: that year is the
    earliest its need can start, and what waits for a build follows it — a closure comes after
    its receivers' builds (先建后撤), a 划片 move once its receiver is ready — so the need the
    placement then gives starts after it and keeps it. Without it a receiver building for a
    closing school's pupils is built for the closure year, which 先建后撤 then puts a year
    later, and the closure slips a year each time (a closing school's receiver built in use
    2027 for the pupils of 2028 stays so). A school that only borrows holds back no closure
    (先建后撤 waits for builds, not for a receiver that only borrows), so the first plan's year
    is no floor to it: listed there, it would be listed before the first year it borrows on
    the pupils placed (a receiver borrowing for 2028 alone listed in 2027, the checker's
    「应在本校新建其中 0 间」 plan; the demo's 第四中学 listed in 2027 for 划片 pupils who come
    in 2029, its 划片 moves waiting for its own pupils' move out).

    >>> y = with_build_floor(SiteYears({}, {("C", "junior"): {2029: 0, 2030: 1}}, {}, {},
    ...                                {"A": 2030, "B": 2029}), (0, 0, 0, 0, {"A": 2029, "C": 2029}))
    >>> y.first, y.borrow_phases(["C"], 2025, 2)
    ({'A': 2029, 'B': 2029}, {'C': 4})
    """
    if timing is None or len(timing) < 5:
        return years
    return FlooredYears(years.pupils, years.need, years.temporary, years.built,
                        {s: min(y, timing[4].get(s, y)) for s, y in years.first.items()}, timing[-1])


def build_years(outcome) -> dict[str, int]:
    """School -> the school year its build is in use (an expansion's or a new school's)."""
    return {s.school_id: outcome.year + s.phase for s in outcome.schools
            if s.action in ("expand", "new") and s.phase}


def earliest(floor: Mapping[str, int], outcome) -> dict[str, int]:
    """``floor`` (school -> school year) with the ``outcome``'s :func:`build_years`, the
    earlier of the two for each school.

    >>> from types import SimpleNamespace as NS
    >>> plan = NS(year=2025, schools=[NS(school_id="A", action="expand", phase=4),
    ...                               NS(school_id="B", action="expand", phase=2)])
    >>> earliest({"A": 2028, "C": 2030}, plan)
    {'A': 2028, 'C': 2030, 'B': 2027}
    """
    return {**floor, **{s: min(y, floor.get(s, y)) for s, y in build_years(outcome).items()}}


def here(row, year: int, timing: tuple) -> float:
    """The share of an assignment ``row`` (village, stage group, plan school, pupils, today's
    school) at its plan school in ``year`` by ``timing``: all of it before a new school opens
    (its waiting pupils, counted in its row), as the checker's ``_here``.

    A 划片 move of 七至九年级 from P to R from 2028 under entry: a third in 2028, all in 2030.

    >>> t = ({}, {}, {"R": 2028}, 2027)
    >>> [round(here(("V", "grades_7_9", "R", 90, "P"), y, t), 3) for y in (2027, 2028, 2030)]
    [0.0, 0.333, 1.0]
    >>> here(("V", "grades_1_3", "N", 90, "P"), 2028, ({"N": 2029}, {}, {}, 2027))
    1.0
    """
    village, group, school, _, before = row[:5]
    if timing[0].get(school, 0) > year:
        return 1.0
    a = SimpleNamespace(school_id=school, before_school=before if isinstance(before, str) else "",
                        stage_group=group)
    return float(share_at(a, year, school, *timing))


def placed_yearly(data: CountyData, rows: Iterable[tuple], target_year: int,
                  first_year: int | None, timing: tuple | None) -> tuple[dict, dict]:
    """(school, stage) -> {school year: pupils} and (school, stage group) -> {school year:
    pupils unrounded} of the assignment ``rows`` (village, stage group, plan school, pupils in
    the target year, today's school), each placed by ``timing`` (:func:`here`; None: every
    pupil at its plan school, :func:`~.layout_years.yearly_pupils`). A row none of whose
    pupils is there that year counts 0 (the year still looked at, as the checker's)."""
    rows = list(rows)
    if timing is None:
        return (yearly_pupils(data, rows, target_year, first_year),
                yearly_pupils(data, rows, target_year, first_year, by_group=True))
    years = plan_years(data.school_year, target_year, first_year)
    factors = growth_factors(data, [(r[0], r[1], *r[4:]) for r in rows], target_year, years)
    pupils: dict = {}
    groups: dict = {}
    for year in years:
        shares = [here(r, year, timing) for r in rows]
        placed = [(r[0], r[1], r[2], r[3] * f) for r, f in zip(rows, shares, strict=True)]
        grown = [k if f else 1.0 for k, f in zip(factors[year], shares, strict=True)]
        for out, by_group in ((pupils, False), (groups, True)):
            for key, value in summed(placed, grown, by_group).items():
                out.setdefault(key, {})[year] = value
    return pupils, groups


def held_by_entry(outcome, data: CountyData, timing: tuple, large: dict[str, dict[int, int]]
                  ) -> dict[str, dict[int, int]]:
    """School -> {school year: the enrolled pupils of other plan schools the entry rule keeps
    there that year} for the school-years of ``large`` (school -> year -> pupils): from its
    move's first year, their share at the school under ``timing`` less that under the
    whole-stage rule (the older cohorts finishing their stage, not those waiting for a new
    school or a 划片 move),
    grown as :func:`~.layout_large.pupils_by_year` grows them."""
    whole = (*timing[:3], None)
    rows = [(a.village_id, a.stage_group, a.before_school, a, a.before_school)
            for a in outcome.assignments if a.before_school in large and a.before_school != a.school_id]
    out: dict[str, dict[int, int]] = {}
    for year in sorted({y for by in large.values() for y in by}):
        placed = [(v, g, b, a.students * (share_at(a, year, b, *timing) - share_at(a, year, b, *whole))
                   if year >= (move_start(a, *timing) or year + 1) else 0.0, t) for v, g, b, a, t in rows]
        for (school, _), by in yearly_pupils(data, placed, outcome.target_year, only=year).items():
            if year in large.get(school, {}) and by.get(year):
                out.setdefault(school, {})[year] = out.get(school, {}).get(year, 0) + by[year]
    return out


def held_note(outcome, data: CountyData, sites, large: dict[str, dict[int, int]],
              timing: tuple) -> tuple[str, ...]:
    """The plan's note on the schools over their size cap in a year because the entry rule
    keeps enrolled pupils of a new 片区 there (:func:`held_by_entry`), school by school and
    year by year, with the pupils without them; () under ``whole`` or where none is.

    >>> import pandas as pd
    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "第一初级中学", "keep"),), {},
    ...                      year=2025, target_year=2030)
    >>> print(_held_words(plan, {"P": {2030: 2252}}, {"P": {2030: 274}},
    ...                   pd.DataFrame({"size_cap": [2000]}, index=["P"]))[0])
    大校额逐年中的在读学生（划片只对新生）：下列学校在过渡学年超过校额上限，其中有已划入新片区、在原校就读至毕业的在读学生（义务教育在校生原则上不因学区调整转学，方案不为校额把他们中途转出，其毕业后减少）：第一初级中学（上限 2,000 人）2030 学年 2,252 人，其中在读学生 274 人，不计他们 1,978 人。
    """
    if timing is None or timing[3] is None or not large:
        return ()
    return _held_words(outcome, large, held_by_entry(outcome, data, timing, large), sites)


def _held_words(outcome, large: dict, held: dict, sites) -> tuple[str, ...]:
    parts = [f"{outcome.names.get(s, s)}（上限 {int(sites.at[s, 'size_cap']):,} 人）" + "、".join(
        f"{y} 学年 {large[s][y]:,} 人，其中在读学生 {n:,} 人，不计他们 {large[s][y] - n:,} 人"
        for y, n in sorted(by.items())) for s, by in sorted(held.items()) if by]
    if not parts:
        return ()
    return ("大校额逐年中的在读学生（划片只对新生）：下列学校在过渡学年超过校额上限，其中有已划入新片区、在原校就读至毕业的在读学生"
            "（义务教育在校生原则上不因学区调整转学，方案不为校额把他们中途转出，其毕业后减少）：" + "；".join(parts) + "。",)
