"""The crowding a new school's wait leaves at the present schools: before a new school opens
(the data year + its phase) the pupils the plan gives it stay at their present schools
(``before_school``), which may then hold more pupils than their standard seats.

For a waiting year ``y`` of a new school ``N`` and a stage, its present schools are the
``before_school`` of ``N``'s assignments of the stage. A present school's pupils in ``y`` are
those of the plan's assignment (:func:`~.layout_years.summed`, aged from the target
year) with every new school not yet open in ``y`` giving its pupils back to their present
schools, and every school the plan closes after ``y`` keeping its pupils (:func:`school_in`);
its seats are the standard seats before the plan (capacity less the plan's rooms at the
standard class size) plus the plan's rooms when it is built by ``y``. A present school the
plan closes is counted too (fixtext item 6: its pupils are still there; it closes after
``N`` opens, as a school closes after its receivers' builds), at its seats before the plan
(``sites``: the planner's, ``seats_primary`` and ``seats_junior`` by school id), the outcome keeping none for it. The row's
``crowded`` is the pupils over those seats, summed over the present schools, and
``crowded_rooms`` the classrooms short, ⌈over / class size⌉ school by school; ``crowded_at``
names the schools over their seats, each with its pupils over and rooms short. A present
school's own 过渡期 row (an expansion) counts the pupils waiting there (``waiting``), so that
its 学生数 is the 大校额逐年 note's (:func:`with_waiting_pupils`).

>>> from junheng.planning.layout_outcome import PlannedSchool
>>> p = PlannedSchool("P", "甲", "expand", phase=3, capacity={"junior": 600},
...                   added_classrooms_by_stage={"junior": 2})
>>> seats_in(p, "junior", 50, 2027, 2025), seats_in(p, "junior", 50, 2028, 2025)
((500, 500), (500, 600))
"""

from __future__ import annotations

from dataclasses import replace

from junheng.model import CountyData
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_later import rooms_needed
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_years import growth_factors, summed


def seats_in(school, stage: str, size: int, year: int, data_year: int) -> tuple[int, int]:
    """A school's standard seats before the plan, and in ``year`` (with the plan's rooms once
    built: the data year + its phase)."""
    rooms = int((school.added_classrooms_by_stage or {}).get(stage, 0))
    before = int((school.capacity or {}).get(stage, 0)) - rooms * size
    built = school.action in ("expand", "new") and data_year + (school.phase or 1) <= year
    return before, before + (rooms * size if built else 0)


def school_in(a, year: int, opens: dict[str, int], closes: dict[str, int]) -> str:
    """Where assignment ``a``'s pupils are in ``year``: at their present school while the
    plan's school is a new one not yet open or the present school is not yet closed
    (``opens``, ``closes``: school -> school year), else at the plan's school.

    >>> from types import SimpleNamespace as NS
    >>> a = NS(school_id="R", before_school="P")
    >>> school_in(a, 2027, {}, {"P": 2028}), school_in(a, 2028, {}, {"P": 2028})
    ('P', 'R')
    """
    if a.before_school and (opens.get(a.school_id, 0) > year or closes.get(a.before_school, 0) > year):
        return a.before_school
    return a.school_id


def closed_seats(sites, school: str, stage: str) -> int | None:
    """A closed school's standard seats of ``stage`` before the plan, from ``sites`` (None
    when not among them: the school is then left out, its seats unknown)."""
    column = f"seats_{stage}"
    if sites is None or school not in sites.index or column not in sites:
        return None
    return int(sites.at[school, column])


def with_waiting(outcome: LayoutOutcome, data: CountyData, class_size: dict[str, int],
                 sites=None) -> LayoutOutcome:
    """The outcome with each new school's 过渡期 rows before it opens counting the pupils over
    the present schools' standard seats and the classrooms short (module docstring);
    ``sites``: the planner's sites (index school id), whose ``seats_<stage>`` the schools it
    closes keep until they close."""
    if not outcome.year or not outcome.target_year:
        return outcome
    opens = {s.school_id: outcome.year + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    closes = {s.school_id: outcome.year + (s.phase or 1) for s in outcome.schools
              if s.action == "close"}
    waiting = [r for r in outcome.transition if opens.get(r.school_id, 0) > r.year]
    if not waiting:
        return outcome
    schools = {s.school_id: s for s in outcome.schools}
    loads = {}
    years = sorted({r.year for r in waiting})
    factors = growth_factors(data, [(a.village_id, a.stage_group, a.before_school)
                                    for a in outcome.assignments],
                             outcome.target_year, years)
    for year in years:
        rows = [(a.village_id, a.stage_group, school_in(a, year, opens, closes), a.students)
                for a in outcome.assignments]
        loads[year] = summed(rows, factors[year])
    own = {(r.year, r.school_id, r.stage): r for r in outcome.transition if r not in waiting}
    out = []
    for r in outcome.transition:
        if r not in waiting:
            out.append(with_waiting_pupils(r, loads, outcome, opens))
            continue
        present = {a.before_school for a in outcome.assignments if a.school_id == r.school_id
                   and GROUP_STAGE[a.stage_group] == r.stage and a.before_school in schools}
        at = []
        for p in sorted(present):
            size = class_size[r.stage]
            seats = (closed_seats(sites, p, r.stage) if schools[p].action == "close"
                     else seats_in(schools[p], r.stage, size, r.year, outcome.year)[1])
            if seats is None:
                continue
            crowd = present_crowding(loads[r.year].get((p, r.stage), 0), seats, size,
                                     own.get((r.year, p, r.stage)))
            if any(crowd):
                at.append((p, *crowd))
        out.append(replace(r, crowded=sum(o for _, o, _ in at),
                           crowded_rooms=sum(k for _, _, k in at), crowded_at=tuple(at)))
    return replace(outcome, transition=tuple(out))


def present_crowding(pupils: int, seats: int, size: int, own=None) -> tuple[int, int]:
    """A present school's pupils over its ``seats`` and the classrooms short (⌈over / size⌉),
    less what its own 过渡期 row (``own``, an expansion's) counts already: the plan's pupils
    there over the seats and the rooms that row borrows (planner review: 洛北县实验中学 2027,
    2,044 pupils on 1,900 seats, was 3 rooms short on the new school's row and 1 more on its
    own, 4 room-years for 3 rooms).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> present_crowding(2044, 1900, 50), present_crowding(2044, 1900, 50, YearRooms(
    ...     2027, "E", "junior", 1938, 1, 0, 1, waiting=106))
    ((144, 3), (106, 2))
    """
    over, rooms = max(pupils - seats, 0), rooms_needed(pupils, seats, size)
    if own is None:
        return over, rooms
    return max(over - max(own.pupils - seats, 0), 0), max(rooms - own.temporary, 0)


def with_waiting_pupils(row, loads: dict[int, dict[tuple[str, str], int]],
                       outcome: LayoutOutcome, opens: dict[str, int]):
    """An open school's 过渡期 ``row`` with its pupils waiting there that year for a new school
    not yet open (``waiting``: its pupils that year, as ``loads`` and the 大校额逐年 note count
    them, less the plan's); ``row`` itself when it holds none (planner review: 洛北县实验中学
    2027 read 1,938 in the 过渡期 and 2,057 in the 大校额逐年 note)."""
    holds = any(a.before_school == row.school_id and opens.get(a.school_id, 0) > row.year
                and GROUP_STAGE[a.stage_group] == row.stage for a in outcome.assignments)
    present = loads.get(row.year, {}).get((row.school_id, row.stage))
    if not holds or present is None or present <= row.pupils:
        return row
    return replace(row, waiting=present - row.pupils)


def waiting_rooms(outcome: LayoutOutcome) -> dict[int, int]:
    """School year -> the classrooms the present schools lack while pupils wait for a new
    school (the 过渡期 rows' ``crowded_rooms``, summed), met by 临时周转 for the year."""
    out: dict[int, int] = {}
    for r in outcome.transition:
        if r.crowded_rooms:
            out[r.year] = out.get(r.year, 0) + int(r.crowded_rooms)
    return dict(sorted(out.items()))


def room_year_yuan(outcome: LayoutOutcome) -> float:
    """元 per 临时周转 room and school year: the plan's ``temporary_room_yuan`` (the unit-price
    file's ``temporary_room``, the 达标路径's price), or the shipped price for a plan written
    without it."""
    from junheng.planning.layout_config import _price

    return float((outcome.costs or {}).get("temporary_room_yuan") or _price("temporary_room_yuan"))


def waiting_yuan(outcome: LayoutOutcome) -> dict[int, float]:
    """School year -> what the 临时周转 of :func:`waiting_rooms` costs (元): the rooms × the
    price of a room-year (:func:`room_year_yuan`). Review finding 1: 洛北县第一初级中学 lacked
    10 rooms in 2027 and 13 in 2028 while the new junior school was built, 「过渡措施及费用未测算」;
    at 2 万元 a room-year that is 20 万元 and 26 万元.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, costs={"temporary_room_yuan": 20_000.0},
    ...     transition=(YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10),
    ...                 YearRooms(2028, "N", "junior", 1139, 0, 0, 0, 0, 605, 13)))
    >>> waiting_rooms(plan), waiting_yuan(plan)
    ({2027: 10, 2028: 13}, {2027: 200000.0, 2028: 260000.0})
    """
    price = room_year_yuan(outcome)
    return {y: n * price for y, n in waiting_rooms(outcome).items()}


def open_temporary_rooms(outcome: LayoutOutcome) -> dict[int, int]:
    """School year -> the 过渡期's rooms met by 临时周转 at open schools (the rows'
    ``temporary``: pupils over the seats before the plan's rooms are built; a new school's
    rows before it opens count none, their pupils wait at :func:`waiting_rooms`)."""
    opens = {s.school_id: (outcome.year or 0) + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    out: dict[int, int] = {}
    for r in outcome.transition:
        if r.temporary and opens.get(r.school_id, 0) <= r.year:
            out[r.year] = out.get(r.year, 0) + int(r.temporary)
    return dict(sorted(out.items()))


def overflow_rooms(outcome: LayoutOutcome) -> dict[int, int]:
    """School year -> the rooms short in school years other than the target year (the
    plan's ``overflow``: :mod:`~.layout_overload`), met by 临时周转."""
    out: dict[int, int] = {}
    for year, _school, _stage, rooms in outcome.overflow:
        out[int(year)] = out.get(int(year), 0) + int(rooms)
    return dict(sorted(out.items()))


def temporary_rooms(outcome: LayoutOutcome) -> dict[int, int]:
    """School year -> every room-year of 临时周转 the plan asks for: at the present schools
    while a new school is built (:func:`waiting_rooms`), at open schools before their rooms
    are built (:func:`open_temporary_rooms`) and in years other than the target year
    (:func:`overflow_rooms`)."""
    first = first_paid_year(outcome)
    out: dict[int, int] = {}
    for part in (waiting_rooms(outcome), open_temporary_rooms(outcome), overflow_rooms(outcome)):
        for year, n in part.items():
            if year >= first:
                out[year] = out.get(year, 0) + n
    return dict(sorted(out.items()))


def first_paid_year(outcome: LayoutOutcome) -> int:
    """The first school year the plan pays for: the first not begun on its ``plan_date``
    (a year begun already, or the data year, is today's situation, not the plan's money);
    the data year + 1 for a plan written without the date.

    >>> first_paid_year(LayoutOutcome("optimal", (), {}, year=2025, rules={"plan_date": "2026-12-05"}))
    2027
    """
    from datetime import date

    from junheng.planning.layout_phases import first_school_year

    day = (outcome.rules or {}).get("plan_date")
    return first_school_year(date.fromisoformat(str(day))) if day else int(outcome.year or 0) + 1


def temporary_yuan(outcome: LayoutOutcome) -> dict[int, float]:
    """School year -> what all the plan's 临时周转 costs (元): :func:`temporary_rooms` at
    the price of a room-year (:func:`room_year_yuan`), one price for every 周转 room (review
    rv2 6: only the 第一初级中学 rooms were priced, 21 other room-years were not).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),), {},
    ...     year=2025, costs={"temporary_room_yuan": 20_000.0},
    ...     transition=(YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10),
    ...                 YearRooms(2027, "E", "junior", 500, 2, 0, 2),
    ...                 YearRooms(2028, "E", "junior", 520, 3, 0, 3)),
    ...     overflow=((2027, "S", "primary", 4), (2028, "S", "primary", 2)))
    >>> temporary_rooms(plan), temporary_yuan(plan)
    ({2027: 16, 2028: 5}, {2027: 320000.0, 2028: 100000.0})
    """
    price = room_year_yuan(outcome)
    return {y: n * price for y, n in temporary_rooms(outcome).items()}


def borrowed_rooms(outcome: LayoutOutcome) -> dict[str, dict[int, int]]:
    """School -> school year -> the rooms the plan's 临时周转 meets there (and pays: from
    :func:`first_paid_year`): the present schools' classrooms short while a new school is
    built (the rows' ``crowded_at``), an open school's rooms before its build (the rows'
    ``temporary``) and the overflow of the years other than the target year; summed over the
    schools, :func:`temporary_rooms`. A 达标路径 after the plan pays only the rooms beyond them
    (:mod:`~.compliance_temporary`).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),), {},
    ...     year=2025, rules={"plan_date": "2026-12-05"},
    ...     transition=(YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10,
    ...                           (("P", 300, 6), ("E", 175, 4))),
    ...                 YearRooms(2027, "E", "junior", 500, 2, 0, 2),
    ...                 YearRooms(2026, "E", "junior", 480, 1, 0, 1)),
    ...     overflow=((2027, "S", "primary", 4), (2028, "E", "primary", 2)))
    >>> borrowed_rooms(plan)
    {'E': {2027: 6, 2028: 2}, 'P': {2027: 6}, 'S': {2027: 4}}
    >>> temporary_rooms(plan)
    {2027: 16, 2028: 2}
    """
    first = first_paid_year(outcome)
    opens = {s.school_id: (outcome.year or 0) + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    parts: list[tuple[str, int, int]] = []
    for r in outcome.transition:
        if opens.get(r.school_id, 0) > r.year:
            parts += [(school, r.year, int(rooms)) for school, _over, rooms in r.crowded_at]
        elif r.temporary:
            parts.append((r.school_id, r.year, int(r.temporary)))
    parts += [(school, int(year), int(rooms)) for year, school, _stage, rooms in outcome.overflow]
    out: dict[str, dict[int, int]] = {}
    for school, year, rooms in parts:
        if year >= first and rooms:
            out.setdefault(school, {})[year] = out.get(school, {}).get(year, 0) + rooms
    return {s: dict(sorted(by.items())) for s, by in sorted(out.items())}
