"""The checker's 临时周转 run rule (brief hn): no school borrows rooms (临时周转) more than
``temporary_peak_years`` school years in a row, every room it borrows counted — its own
pupils' overflow before and after its build, the pupils waiting there for a new school not
yet open (the new school's 过渡期 row, ``crowded_at``) and the overflow of its other stages
(the plan's ``overflow``) — and a school builds no room the rule does not ask for.

Re-derived from the plan's rows, which :func:`~.layout_check_years.check_years` re-derives
from the county's children first (the rows of each stage, the waiting rows), with each stage's
overflow ``need`` by school year as the checker counts it. A run is counted from the run start
(``since``: the first school year plus ``expansion_lead_years``, the first year a new room can
be in use, :func:`~.layout_years.run_start`, one start in both plans and both checkers, review
rv4 4): the years before it are borrowed whatever is built and count toward no run. With the
school's build in use from ``b`` (data year + its phase; a school that builds nothing: the first
school year plus ``expansion_lead_years``), the checker refuses:

* a run longer than the limit that rooms built from ``b`` could cut (one whose years before
  ``b`` are within the limit): each room built takes one borrowed room off every year from
  ``b`` on;
* a stage that builds rooms the per-room rule would borrow (:func:`~.layout_check_years.borrowable`)
  where borrowing them all leaves every run within the limit, or builds more of them than the
  fewest that do (counted stage by stage, the school's other stages as the plan has them).

Rule (T) (review rv13 9): a school with rooms built (it extends) builds the rooms its target
year needs: the checker refuses its target-year rows that borrow (:func:`target_borrowing`),
and none of the rooms the target year needs counts as borrowable there.

The use test (U1–U2 of :mod:`~.layout_years`, brief hl), re-derived here on its own: the
fewest rooms that would cut a run are not asked for — the run is the plan's exception for the
局务会, not refused — when the last of them (room ``k`` of the stage, in use in a year whose
rooms borrowed are at least ``k``) is in use in fewer than :data:`~.layout_years.USE_SHARE` of
the school years from its first year in use (from ``b``) to the last year looked at (target +
3; a year with no row borrows none) (:func:`idle_cut`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_years import USE_SHARE, year_runs

#: school years looked at after the target year (as the planner's site_years)
LOOKED_AFTER = 3


def _parts(plan: LayoutOutcome, first: int) -> dict[str, dict[str, dict[int, int]]]:
    """School -> stage -> school year (from ``first``) -> rooms borrowed, from the rows."""
    opens = {s.school_id: plan.year + (s.phase or 1) for s in plan.schools if s.action == "new"}
    out: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    # pupils waiting at their present school: a new school's row before it opens names the
    # schools, an open school's row itself
    rows = [(p, r.stage, r.year, k) for r in plan.transition for p, _o, k in r.crowded_at]
    rows += [(r.school_id, r.stage, r.year, r.temporary) for r in plan.transition
             if opens.get(r.school_id, 0) <= r.year]
    rows += [(s, st, int(y), int(k)) for y, s, st, k in plan.overflow]
    for school, stage, year, rooms in rows:
        if year >= first and rooms:
            by = out[school][stage]
            by[year] = by.get(year, 0) + int(rooms)
    return out


def longest(borrowed: dict[str, dict[int, int]]) -> list[int]:
    """The longest run of consecutive school years a school borrows in (stage -> year ->
    rooms).

    >>> longest({"junior": {2027: 9, 2028: 11, 2029: 0}, "primary": {2029: 1, 2031: 2}})
    [2027, 2028, 2029]
    """
    years = sorted({y for by in borrowed.values() for y, k in by.items() if k > 0})
    return max(year_runs(years), key=len, default=[])


def fewest(borrowed: dict[str, dict[int, int]], stage: str, at: int, peak: int) -> int | None:
    """The fewest rooms of ``stage`` built from the school year ``at`` that leave every run of
    the school within ``peak`` years, its other stages as they are; None when none do.

    >>> fewest({"junior": {2027: 9, 2028: 11, 2029: 1, 2030: 1}}, "junior", 2029, 3)
    1
    """
    top = max(borrowed.get(stage, {}).values(), default=0)
    for k in range(top + 1):
        cut = {st: {y: max(n - (k if st == stage and y >= at else 0), 0) for y, n in by.items()}
               for st, by in borrowed.items()}
        if len(longest(cut)) <= peak:
            return k
    return None


def idle_count(need: dict[int, int], rooms: int, share: float = USE_SHARE) -> int:
    """How many of rooms ``rooms``, ``rooms`` − 1, … (down to the first that passes) are in use
    (``need`` by school year at least the room's number) in fewer than ``share`` of the years
    from their first year in use to the last of ``need``; a room no year needs ends the count.

    >>> idle_count({2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0}, 2)
    2
    >>> idle_count({2029: 2, 2030: 1, 2031: 1, 2032: 0}, 2), idle_count({2029: 0}, 1)
    (1, 0)
    """
    idle = 0
    for room in range(rooms, 0, -1):
        used = [y for y, k in need.items() if k >= room]
        if not used or len(used) >= share * len([y for y in need if y >= min(used)]) - 1e-9:
            break
        idle += 1
    return idle


def idle_cut(borrowed: dict[int, int], rooms: int, at: int, last: int) -> bool:
    """Whether room ``rooms`` built from ``at`` to cut a run (a stage's rooms borrowed by school
    year) fails the use test over ``at``..``last``.

    >>> idle_cut({2027: 9, 2028: 11, 2029: 2, 2030: 2}, 2, 2029, 2033)
    True
    """
    need = {y: borrowed.get(y, 0) for y in range(at, last + 1)}
    return rooms > 0 and idle_count(need, rooms) > 0


def _idle_run(borrowed: dict[str, dict[int, int]], at: int, peak: int, last: int) -> bool:
    """Whether every stage's fewest rooms that would cut the school's run fail the use test."""
    cuts = [(st, k) for st in borrowed if (k := fewest(borrowed, st, at, peak))]
    return bool(cuts) and all(idle_cut(borrowed[st], k, at, last) for st, k in cuts)


def target_borrowing(plan: LayoutOutcome, extending: Collection[str]) -> list[str]:
    """Rule (T): the target-year rows of the schools ``extending`` (rooms built there), their
    build in use by then (data year + phase), that borrow rooms beyond those the solve borrows
    because the budget does not build them (``borrowed_classrooms``, rule (27)), each in words.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "新区实验学校", "expand", phase=4),), {},
    ...     year=2025, target_year=2030, transition=(YearRooms(2029, "E", "junior", 697, 6, 4, 2),
    ...                                              YearRooms(2030, "E", "junior", 681, 6, 4, 2)))
    >>> target_borrowing(plan, {"E"}), target_borrowing(plan, set())
    (['新区实验学校（初中）规划年 2030 学年以临时周转解决 2 间：本校新建教室，规划年所需教室应一并新建，不临时周转。'], [])
    >>> from dataclasses import replace  # 2 rooms the budget does not build (rule (27)): borrowed
    >>> target_borrowing(replace(plan, schools=(replace(plan.schools[0], borrowed_classrooms=2),)), {"E"})
    []
    """
    by_id = {s.school_id: s for s in plan.schools}
    return [f"{s.name}（{'初中' if r.stage == 'junior' else '小学'}）规划年 "
            f"{r.year} 学年以临时周转解决 {r.temporary} 间：本校新建教室，规划年所需教室应一并新建，不临时周转。"
            for r in plan.transition if r.year == plan.target_year and r.temporary > 0
            and r.school_id in extending and (s := by_id.get(r.school_id)) is not None
            and r.temporary > s.borrowed_classrooms  # rule (27)'s rooms the budget does not build
            and (plan.year or 0) + (s.phase or 1) <= r.year]


def check_runs(plan: LayoutOutcome, built_at: dict[str, int], stages: dict, peak: int,
               first: int, since: int | None = None, extending: Collection[str] = ()) -> None:
    """Refuse the runs and builds of the module docstring. ``built_at``: school -> ``b``;
    ``stages``: (school, stage) -> (need by school year, added rooms, rooms borrowed, rooms
    the per-room rule borrows) of the stages the plan adds rooms to; ``first``: the first
    school year the plan acts in; ``since``: the run start (None: ``first``); ``extending``:
    the schools with rooms built, whose target year's rooms are built (rule (T): none of them
    borrowable, :func:`target_borrowing`)."""
    found, names = Problems(), {s.school_id: s.name for s in plan.schools}
    for line in target_borrowing(plan, extending):
        found.add(line)
    now = {s.school_id for s in plan.schools if s.school_id in extending
           and (plan.year or 0) + (s.phase or 1) <= (plan.target_year or 0)}  # built by then
    stages = {k: (need, rooms, borrowed, min(want, rooms - min(need.get(plan.target_year, 0), rooms))
                  if k[0] in now else want)
              for k, (need, rooms, borrowed, want) in stages.items()}
    first = first if since is None else max(first, since)  # the years a run counts
    parts, last = _parts(plan, first), (plan.target_year or 0) + LOOKED_AFTER
    for school, borrowed in sorted(parts.items()):
        run, at = longest(borrowed), built_at.get(school)
        if len(run) <= peak or at is None or len([y for y in run if y < at]) > peak:
            continue
        if _idle_run(borrowed, at, peak, last):  # (U2): the plan's exception, not refused
            continue
        found.add(f"{names.get(school, school)} {run[0]}—{run[-1]} 学年连续 {len(run)} 个学年借用教室临时周转，"
                  f"超过临时周转年限（{peak} 个学年）：{at} 学年起在本校新建教室可缩短。")
    for (school, stage), (need, rooms, borrowed, want) in sorted(stages.items()):
        if borrowed >= want or school not in built_at:
            continue
        at = built_at[school]
        as_rule = {st: dict(by) for st, by in parts.get(school, {}).items()}
        own = as_rule.setdefault(stage, {})
        for year, over in need.items():  # the stage's rooms after the build as the rule borrows
            if year >= at and year >= first:
                was = max(over - (rooms - borrowed), 0)
                own[year] = own.get(year, 0) - was + max(over - (rooms - want), 0)
        k = fewest(as_rule, stage, at, peak)
        idle = bool(k) and idle_cut(as_rule[stage], k, at, last)
        if k is not None and (0 if idle else k) != want - borrowed:
            found.add(f"{names.get(school, school)}临时周转 {borrowed} 间，按逐年缺口可临时周转 {want} 间，"
                      f"为使连续临时周转不超过 {peak} 个学年应在本校新建其中 {0 if idle else k} 间，"
                      f"不是 {want - borrowed} 间" + ("（新建的教室自投入使用至推算末年在用的学年不足一半，"
                                                  "不新建）。" if idle else "。"))
    found.raise_any()
