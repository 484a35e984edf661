"""An open school's 过渡期 row counts the plan's pupils who are there that year (review rv10
finding 2: 洛北县第四小学 rented 7 rooms in 2027 for 1,052 pupils, 383 of them the 锦绣社区
children who by the plan's own 划片转入顺延 stay at 洛北县第三小学 until 2029; 第三小学 lent
its 「空余」 rooms while they sat in them).

The rows are first derived in the solve (:func:`~.layout_years.site_years`) with every pupil
at the plan's school, since the 划片 move years follow from the build years the rows decide.
Once the timing is known (``opens``, ``closes``, ``moves`` and the entry rule's first year of
:func:`~.layout_entrants.school_parts`), the row of an open school ``R`` in a school year ``y``
counts only the pupils of ``R``'s assignments that :func:`~.layout_entrants.school_parts`
places at ``R`` in ``y`` (under the entry rule the entering grades only, rv14 N1) — the one placement of ``year_pupils`` (:mod:`~.layout_large`), the
lending and the 大校额逐年 note — and its overflow is again the one room rule: its classes that
year formed grade by grade (:func:`~.layout_overload.year_classes`) net of the rooms its other
stage has spare (:func:`~.layout_counts.pooled_classes`) beyond its rooms before the plan
(``seats_<stage>`` ÷ ``class_size_<stage>`` of the planner's sites; its pupils as one cohort
where the sites give no grade shares; after the target year at most the plan's added rooms
or the target year's overflow when more, :func:`~.layout_years.overflows`), its ``temporary`` the
overflow beyond the rooms standing. Pupils who are at ``R`` for another school (waiting for a
new school or for their own move) are the row's ``waiting``
(:func:`~.layout_waiting.with_waiting_pupils`). A row left with no overflow, no build and no
pupil held for another school is dropped. The checker places the pupils the same way
(:func:`~.layout_check_years.yearly_loads` with its timing).
"""

from __future__ import annotations

from dataclasses import replace

from junheng.model import CountyData
from junheng.planning.layout_counts import pooled_classes
from junheng.planning.layout_outcome import LayoutOutcome, YearRooms
from junheng.planning.layout_years import growth_factors, summed


def away_until(outcome: LayoutOutcome, timing: tuple) -> dict[str, int]:
    """School -> the first school year all its plan's pupils are there (``timing``: opens,
    closes, moves[, the entry rule's first year] of :func:`~.layout_entrants.school_parts`),
    for the open schools some of whose pupils are elsewhere before it: still at a school
    closing later, waiting for their 划片 move into it, or (entry rule) finishing their stage
    at their present school.

    >>> from types import SimpleNamespace as NS
    >>> plan = NS(assignments=[NS(school_id="R", before_school="P"),
    ...                        NS(school_id="R", before_school="T"), NS(school_id="Q", before_school="Q")])
    >>> away_until(plan, ({}, {"T": 2028}, {"R": 2029}))
    {'R': 2029}
    >>> plan.assignments[0].stage_group = "grades_7_9"
    >>> away_until(plan, ({}, {"T": 2028}, {"R": 2029}, 2027))
    {'R': 2031}
    """
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_entrants import completes, move_start

    opens, closes, moves, *entry = timing
    first = entry[0] if entry else None
    out: dict[str, int] = {}
    for a in outcome.assignments:
        r, b = a.school_id, a.before_school
        if not b or b == r:
            continue
        until = closes[b] if b in closes else moves.get(r, opens.get(r, 0))
        start = None if first is None else move_start(a, opens, closes, moves, first)
        if start is not None:
            until = completes(GROUP_STAGE[a.stage_group], start)
        if until:
            out[r] = max(out.get(r, 0), until)
    return out


def arrived_rows(outcome: LayoutOutcome, data: CountyData, sites,
                 timing: tuple) -> tuple[YearRooms, ...]:
    """The outcome's 过渡期 rows with each open school's row counting only the plan's pupils
    there that year (module docstring); the rows as they are without
    the planner's sites or with every pupil in place."""
    until = away_until(outcome, timing)
    late = [r for r in outcome.transition if r.year < until.get(r.school_id, 0)
            and timing[0].get(r.school_id, 0) <= r.year]
    if sites is None or not late:
        return outcome.transition
    fixed = _recounted(outcome, data, sites, timing, late)
    out = [fixed.get((r.year, r.school_id, r.stage), r) for r in outcome.transition]
    return tuple(r for r in out if r is not None)


def held_years(outcome: LayoutOutcome, data: CountyData, sites, timing: tuple,
               years) -> tuple[YearRooms, ...]:
    """A row for each of ``years`` in which an open school's stage with 过渡期 rows (a stage
    the plan adds rooms to or borrows for) has none yet holds pupils of that stage for
    another school (waiting for their 划片 move or, under entry, finishing their stage there):
    the plan's pupils there that year, their overflow and the rooms standing, as
    :func:`arrived_rows` counts them; () without the planner's sites. Its waiting pupils and
    the rooms they lack are :func:`~.layout_waiting.held_row`'s (the demo: 洛北县第四中学
    held 2027–2028 the 行政路社区 pupils waiting for their move to 新区实验学校, 2 rooms short,
    in no row once its own need was counted from its 划片 pupils' year, 2029)."""
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_entrants import share_at
    from junheng.planning.layout_later import built_rooms

    if sites is None:
        return ()
    by_id = {s.school_id: s for s in outcome.schools}
    stages = sorted({(r.school_id, r.stage) for r in outcome.transition
                     if r.school_id in by_id and r.school_id not in timing[0]})
    have = {(r.year, r.school_id, r.stage) for r in outcome.transition}
    bare = [YearRooms(y, s, st, -1, 0, built_rooms(by_id[s], st)
                      if y >= (outcome.year or 0) + (by_id[s].phase or 1) else 0, 0)
            for y in years for s, st in stages if (y, s, st) not in have
            and any(a.before_school == s != a.school_id and GROUP_STAGE[a.stage_group] == st
                    and share_at(a, y, s, *timing) > 0 for a in outcome.assignments)]
    if not bare:
        return ()
    fixed = _recounted(outcome, data, sites, timing, bare, True)
    return tuple(r for r in (fixed[(r.year, r.school_id, r.stage)] for r in bare) if r is not None)


def _recounted(outcome: LayoutOutcome, data: CountyData, sites, timing: tuple,
               late: list[YearRooms], holds: bool = False) -> dict:
    """(year, school, stage) -> each of the ``late`` rows counting the plan's pupils there
    that year (:func:`_arrived`; None where it is left with nothing); ``holds``: every row's
    school holds pupils for another school that year."""
    from junheng.planning.layout_entrants import school_parts, share_at

    mine = [a for a in outcome.assignments if a.school_id in {r.school_id for r in late}]
    years = sorted({r.year for r in late})
    factors = growth_factors(data, [(a.village_id, a.stage_group, a.before_school) for a in mine],
                             outcome.target_year, years)
    fixed: dict[tuple[int, str, str], YearRooms | None] = {}
    for year in years:
        placed = [(a, at, f, k) for a, k in zip(mine, factors[year], strict=True)
                  for at, f in school_parts(a, year, *timing)]
        rows = [(a.village_id, a.stage_group, at if at == a.school_id else "", a.students * f)
                for a, at, f, _ in placed]
        counted = _counted(rows, [k for *_, k in placed], year, data, sites)
        held = {a.before_school for a in outcome.assignments if a.before_school != a.school_id
                and share_at(a, year, a.before_school, *timing) > 0}
        for r in (r for r in late if r.year == year):
            fixed[(r.year, r.school_id, r.stage)] = _arrived(
                r, counted, sites, holds or r.school_id in held,
                None if year <= outcome.target_year else _later_cap(outcome, r, fixed))
    return fixed


def _counted(rows: list[tuple], factors: list, year: int, data: CountyData, sites
             ) -> tuple[dict, dict]:
    """(school, stage) -> the rows' pupils that year (whole pupils), and -> their classes
    formed grade by grade (:func:`~.layout_overload.year_classes`); rows placed elsewhere
    (school "") left out."""
    from junheng.planning.layout_overload import year_classes
    from junheng.planning.layout_years import year_shares

    pupils = {k: n for k, n in summed(rows, factors).items() if k[0]}
    groups = {k: n for k, n in summed(rows, factors, by_group=True).items() if k[0]}
    shares = year_shares(data, sites) if "share_g1" in sites else lambda _s, _y: {}
    return pupils, year_classes(groups, lambda s: shares(s, year), sites)


def _later_cap(outcome: LayoutOutcome, row: YearRooms, fixed: dict) -> int:
    """The most a year after the target year counts short at ``row``'s school and stage: the
    plan's added rooms or the target year's overflow when more (rows ``fixed`` so far, else the
    outcome's; :func:`~.layout_years.overflows`)."""
    school = next((s for s in outcome.schools if s.school_id == row.school_id), None)
    added = int(((school.added_classrooms_by_stage or {}) if school else {}).get(row.stage, 0))
    key = (outcome.target_year, row.school_id, row.stage)
    target = fixed[key] if key in fixed else next(
        (r for r in outcome.transition if (r.year, r.school_id, r.stage) == key), None)
    return max(added, target.overflow if target is not None else 0)


def _arrived(row: YearRooms, counted: tuple[dict, dict], sites, held: bool,
             cap: int | None = None) -> YearRooms | None:
    """``row`` with its school's pupils of the year there (``counted``: :func:`_counted`), its
    overflow (at most ``cap`` after the target year) and 临时周转 again; None where it is left
    with nothing (no overflow, no build, no pupil held for another school: ``held``)."""
    pupils, classes = counted
    key = (row.school_id, row.stage)
    if pupils.get(key, 0) == row.pupils:
        return row
    seats = {st: int(sites.at[row.school_id, f"seats_{st}"]) if f"seats_{st}" in sites else 0
             for st in ("primary", "junior")}
    before = {(row.school_id, st): n // int(sites.at[row.school_id, f"class_size_{st}"])
              for st, n in seats.items()
              if st == row.stage or (row.school_id, st) in pupils and n > 0}
    pooled = pooled_classes({k: {row.year: classes.get(k, 0)} for k in before}, before)
    over = max(pooled[key][row.year] - before[key], 0)
    over = over if cap is None else min(over, cap)
    if not over and not row.new_rooms and not held:
        return None
    return replace(row, pupils=pupils.get(key, 0), overflow=over,
                   temporary=max(over - row.built, 0))

