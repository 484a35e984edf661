"""An independent check of the pupils waiting at an open school (planning.layout_waiting,
``held_row``): an expanded school's 过渡期 row holds, beyond the plan's pupils, those waiting
there for a new school not yet open or for their 划片 move, and they sit in rooms too (rv2
review 3: 洛北县实验中学 held 396 pupils in 2027 whose rooms no row counted).

For each open school's row the check re-derives from the county's children and the
assignments (as :mod:`~.layout_check_years` does for a new school's row) the school's pupils
that year with every pupil at the school the plan's timing puts them in; it refuses:

* a row whose ``waiting`` is not those pupils less the row's own (none where no pupil waits
  there);
* a row whose ``crowded`` (the waiting pupils over the standard seats that year) and
  ``crowded_rooms`` (the classrooms short: the school's classes formed grade by grade beyond
  its seats ÷ the class size, :func:`~.layout_check_shifts.class_counter`, less the row's
  ``temporary``)
  differ from the re-derived ones, or whose ``crowded_at`` does not name the school with
  them — except where they fit in the rooms the row borrows (none then), and at a school a
  new school's row counts as a present school that year, whose rooms that row holds.
"""

from __future__ import annotations

from junheng.model import CountyData
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_later import built_rooms
from junheng.planning.layout_outcome import LayoutOutcome


def check_held(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """Refuse an open school's 过渡期 row whose waiting pupils or their rooms are not the
    re-derived ones (module docstring)."""
    from junheng.planning.layout_check_shifts import class_counter
    from junheng.planning.layout_check_years import _children, _entry, _move_years
    from junheng.planning.layout_forecast import school_forecast

    opens = _years_of(data, plan, "new")
    timing = (opens, _years_of(data, plan, "close"))
    base = _children(data, plan.target_year)
    moves = _move_years(data, plan, config, timing, base)
    covered = {
        (r.year, a.before_school, r.stage)
        for r in plan.transition
        if opens.get(r.school_id, 0) > r.year
        for a in plan.assignments
        if a.school_id == r.school_id and GROUP_STAGE[a.stage_group] == r.stage
    }
    found, forecast = Problems(), school_forecast(data)
    count = class_counter(data, plan, config)
    by_id = {s.school_id: s for s in plan.schools}
    for r in plan.transition:
        if opens.get(r.school_id, 0) > r.year or r.school_id not in by_id:
            continue
        pupils, holds, classes = _pupils_at(
            plan, r, (forecast, base, _children(data, r.year)), (*timing, moves, _entry(data, config)), count
        )
        waiting = pupils - r.pupils if holds and pupils > r.pupils else 0
        want = (
            (0, 0)
            if not waiting or (r.year, r.school_id, r.stage) in covered
            else _rooms_short(data, plan, config, r, (pupils, classes))
        )
        want = want if want[1] else (0, 0)  # none where they fit in the rooms the row borrows
        at = ((r.school_id, *want),) if any(want) else ()
        if (r.waiting, r.crowded, r.crowded_rooms) != (waiting, *want) or r.crowded_at != at:
            found.add(
                f"{by_id[r.school_id].name}{r.year} 学年等待转出的学生 {r.waiting:,} 人、超出标准学位 "
                f"{r.crowded:,} 人、缺教室 {r.crowded_rooms} 间，应为 {waiting:,} 人、{want[0]:,} 人、"
                f"{want[1]} 间（学生数 {pupils:,} 人，其中按方案划入本校 {r.pupils:,} 人）。"
            )
    found.raise_any()


def _years_of(data: CountyData, plan: LayoutOutcome, action: str) -> dict[str, int]:
    """School -> the school year its ``action`` (new: opens; close: closes) is in force."""
    return {
        s.school_id: data.school_year + (s.phase or 1) for s in plan.schools if s.action == action
    }


def _pupils_at(plan: LayoutOutcome, row, counts: tuple, timing: tuple, count
               ) -> tuple[int, bool, int]:
    """The pupils of ``row``'s stage at its school in its year (``counts``: the county's
    forecast, its children in the target year and in the row's year; ``timing``: opens,
    closes, moves, the entry rule's first year), whether any of them wait there for another school, and their classes
    formed grade by grade (``count``: :func:`~.layout_check_shifts.class_counter`'s)."""
    from junheng.planning.layout_check_years import _at, _ratio

    forecast, base, now = counts
    groups: dict[tuple[str, str], float] = {}
    holds = False
    for a in plan.assignments:
        share = _at(a, row.year, row.school_id, *timing) if GROUP_STAGE[a.stage_group] == row.stage else 0
        if not share:
            continue
        ratio = _ratio(forecast, a, row.year, plan.target_year, base, now)
        holds = holds or a.school_id != row.school_id
        key = (row.school_id, a.stage_group)
        groups[key] = groups.get(key, 0.0) + (a.students * ratio * share if ratio is not None else 0.0)
    pupils, classes = count(groups, row.school_id, row.stage, row.year)
    return pupils, holds, classes


def _rooms_short(
    data: CountyData, plan: LayoutOutcome, config: LayoutConfig, row, counted: tuple[int, int]
) -> tuple[int, int]:
    """The waiting pupils over the school's standard seats that year (its seats before the
    plan and the plan's rooms once built, those met by 临时周转 no seats) and the classrooms
    short beyond the row's own: :func:`~.layout_check_years._crowding` (``counted``: the
    school's pupils and classes formed grade by grade)."""
    from junheng.planning.layout_check_years import _crowding, _size

    s, size = (
        next(s for s in plan.schools if s.school_id == row.school_id),
        _size(config, row.stage),
    )
    built = s.action in ("expand", "new") and data.school_year + (s.phase or 1) <= row.year
    seats = (
        s.capacity.get(row.stage, 0)
        - (s.added_classrooms_by_stage or {}).get(row.stage, 0) * size
        + (built_rooms(s, row.stage) * size if built else 0)
    )
    return _crowding(counted[0], seats, size, row, counted[1])
