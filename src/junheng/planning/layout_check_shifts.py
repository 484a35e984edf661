"""An independent check of the 过渡期's year moves to an open new school
(:mod:`~junheng.planning.layout_shifts`), part of the rule 过渡期逐年学位: the pupils of each
school year re-derived from the county's children and the plan's village assignments (as
:mod:`~.layout_check_years` does), placed by the plan's timing (closures, new schools'
openings, 划片 moves re-derived), without the solver or the planner's frames.

For each move (year, community, stage, school, receiver, pupils, minutes) of the plan the check
refuses:

* a receiver that is not a 建设项目's new school (a kept school with a first school year)
  open that year, or a trip beyond the day limit;
* a community with a part at the school that year whose school today is another (the plan
  brought it there);
* a community placed back at the school it left in a later school year, to the target year,
  without a move of that year (no pupils moved out and back: :mod:`~.layout_stay_new`);
* pupils other than the community's re-derived pupils of the stage at the school that year;
* a move from a school already within its standard seats of the stage before it (the moves
  of a school and year taken in the plan's order; seats before the plan, from the data);
* a receiver over its standard seats of the stage or its size cap that year with the year's
  moves in;
* a school the plan moves pupils from whose 临时周转 that year (the plan's ``overflow``) is not
  the rooms its pupils left after the moves fill beyond its seats.
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model import CountyData
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_data import GROUP_STAGE, THROUGH_TYPES
from junheng.planning.layout_forecast import school_forecast
from junheng.planning.layout_later import STAGE_WORDS, rooms_needed
from junheng.planning.layout_outcome import LayoutOutcome


def check_shifts(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """Raise :class:`~.layout_check.PlanViolation` with every wrong year move (module
    docstring); nothing without moves."""
    if not plan.shifts:
        return
    from junheng.planning.layout_check_years import (
        _children,
        _move_years,
        _place,
        _seats_before,
        _size,
    )

    by_id, found = {s.school_id: s for s in plan.schools}, Problems()
    opens = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
             if s.action == "new"}
    closes = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
              if s.action == "close"}
    base = _children(data, plan.target_year)
    moves = _move_years(data, plan, config, (opens, closes), base)
    seats = _seats_before(data, config)
    overflow = {(y, s, st): k for y, s, st, k in plan.overflow}
    villages = {a.village_id: a.village_name or a.village_id for a in plan.assignments}
    for year in sorted({int(m[0]) for m in plan.shifts}):
        mine = [m for m in plan.shifts if int(m[0]) == year]
        parts = _year_parts(data, plan, year, (opens, closes, moves), base)
        load: dict[tuple[str, str], float] = defaultdict(float)
        for (_, st, at), n in parts.items():
            load[(at, st)] += n
        for _, v, st, s, r, n, minutes in mine:
            where = f"{year} 学年{_name(by_id, s)}片区{villages.get(v, v)}{STAGE_WORDS.get(st, st)}划入{_name(by_id, r)}"
            receiver = by_id.get(r)
            if receiver is None or receiver.action != "keep" or not receiver.opens_year \
                    or receiver.opens_year > year:
                found.add(f"{where}：接收学校不是该学年已启用的建设项目新建学校。")
            if minutes > config.day_travel_limit_min + 1e-9:
                found.add(f"{where}：单程 {minutes:.1f} 分钟，超出走读上限 {config.day_travel_limit_min:g} 分钟。")
            if any(a.before_school != s for a in plan.assignments if a.village_id == v and GROUP_STAGE[
                    a.stage_group] == st and _place(a, year, opens, closes, moves) == s):
                found.add(f"{where}：该片区在该校的学生有本方案转入的，不再划出。")
            if (back := _return_year(plan, (year, v, st, s, r), (opens, closes, moves))) is not None:
                found.add(f"{where}：该片区 {back[0]} 学年回到{_name(by_id, s)}，同一批学生不应划出后再划回。"
                          if back[1] == s else f"{where}：该片区 {back[0]} 学年转入{_name(by_id, back[1])}，"
                          "同一批学生不应两次转学。")
            got = parts.get((v, st, s), 0.0)
            if round(got) != n:
                found.add(f"{where}：{n:,} 人，应为 {round(got):,} 人。")
            if round(load[(s, st)]) <= seats.get((s, st), 0):
                found.add(f"{where}：该校划出前 {round(load[(s, st)]):,} 人，未超出学位 "
                          f"{seats.get((s, st), 0):,} 个，不应划出。")
            load[(s, st)] -= got
            load[(r, st)] += got
        for s, st in sorted({(m[3], m[2]) for m in mine}):
            left = round(load[(s, st)])
            short = rooms_needed(left, seats.get((s, st), 0), _size(config, st))
            if overflow.get((year, s, st), 0) != short:
                found.add(f"{year} 学年{_name(by_id, s)}{STAGE_WORDS.get(st, st)}划出后 {left:,} 人，临时周转 "
                          f"{overflow.get((year, s, st), 0)} 间，应为 {short} 间。")
        for r in sorted({m[4] for m in mine}):
            found.run(_check_receiver, by_id.get(r), year, load, config)
    found.raise_any()


def _return_year(plan: LayoutOutcome, move: tuple[int, str, str, str, str], timing
                 ) -> tuple[int, str] | None:
    """The first later school year, to the target year, in which the plan places a part of the
    moved community's stage at a school other than the one it was moved to, without a move of
    that year, and that school: the one it left (rv 3: 光明社区 moved out for 2027-2028 and
    zoned back in 2030) or a third (moved twice); None when it stays."""
    from junheng.planning.layout_check_years import _place

    year, v, st, s, r = move
    moved = {(int(m[0]), m[1], m[2], m[3]) for m in plan.shifts}
    mine = [a for a in plan.assignments if a.village_id == v and GROUP_STAGE[a.stage_group] == st]
    for later in range(year + 1, int(plan.target_year) + 1):
        if (later, v, st, s) in moved:
            continue
        where = {_place(a, later, *timing) for a in mine} - {r}
        if where:
            return later, (s if s in where else sorted(where)[0])
    return None


def _year_parts(data: CountyData, plan: LayoutOutcome, year: int, timing, base: dict
                ) -> dict[tuple[str, str, str], float]:
    """(community, stage, school placed at) -> its pupils in ``year`` unrounded, by the plan's
    timing (``timing``: opens, closes, 划片 moves)."""
    from junheng.planning.layout_check_years import _children, _place, _ratio

    now, forecast = _children(data, year), school_forecast(data)
    out: dict[tuple[str, str, str], float] = defaultdict(float)
    for a in plan.assignments:
        ratio = _ratio(forecast, a, year, plan.target_year, base, now)
        if ratio is not None:
            out[(a.village_id, GROUP_STAGE[a.stage_group], _place(a, year, *timing))] += \
                a.students * ratio
    return out


def _check_receiver(school, year: int, load: dict, config: LayoutConfig) -> None:
    """A receiver within its standard seats of each stage and its size cap with the moves in."""
    from junheng.planning.layout_check import PlanViolation

    if school is None:
        return
    lines = []
    for st, n in sorted((st, n) for (s, st), n in load.items() if s == school.school_id):
        if round(n) > int(school.capacity.get(st, 0)):
            lines.append(f"{year} 学年{school.name}{STAGE_WORDS.get(st, st)}划入后 {round(n):,} 人，"
                         f"超出学位 {int(school.capacity.get(st, 0)):,} 个。")
    cap = config.school_size_cap_through if school.kind in THROUGH_TYPES else config.school_size_cap
    total = round(sum(n for (s, _), n in load.items() if s == school.school_id))
    if total > cap:
        lines.append(f"{year} 学年{school.name}划入后 {total:,} 人，超出校额上限 {cap:,} 人。")
    if lines:
        raise PlanViolation(*lines)


def _name(by_id, sid: str) -> str:
    s = by_id.get(sid)
    return s.name if s is not None else sid
