"""The crowding a new school's wait leaves at the present schools: before a new school opens
(the data year + its phase) the pupils the plan gives it stay at their present schools
(``before_school``), which may then hold more pupils than their standard seats.

For a waiting year ``y`` of a new school ``N`` and a stage, its present schools are the
``before_school`` of ``N``'s assignments of the stage. A present school's pupils in ``y`` are
those of the plan's assignment (:func:`~.layout_years.summed`, aged from the target
year) with every new school not yet open in ``y`` giving its pupils back to their present
schools, and every school the plan closes after ``y`` keeping its pupils (:func:`~.layout_entrants.school_in`);
its seats are the standard seats before the plan (capacity less the plan's rooms at the
standard class size) plus the plan's rooms built (not met by 临时周转) when it is built by ``y``. A present school the
plan closes is counted too (fixtext item 6: its pupils are still there; it closes after
``N`` opens, as a school closes after its receivers' builds), at its seats before the plan
(``sites``: the planner's, ``seats_primary`` and ``seats_junior`` by school id), the outcome keeping none for it. The row's
``crowded`` is the pupils over those seats, summed over the present schools, and
``crowded_rooms`` the classrooms short school by school: its classes that year formed grade by
grade (the one room rule of both plans, :func:`~.layout_overload.year_classes`) beyond its
rooms (those seats ÷ the class size); ``crowded_at``
names the schools over their seats, each with its pupils over and rooms short. A present
school's own 过渡期 row (an expansion) counts the pupils waiting there (``waiting``), so that
its 学生数 is the 大校额逐年 note's (:func:`with_waiting_pupils`), and the rooms they lack there
beyond the row's own 临时周转 (``crowded``, ``crowded_rooms``, ``crowded_at`` of that row,
:func:`held_row`), unless a new school's row counts that school that year already: every pupil
sits in a room in every year (rv2 review 3). A year such a school has no row of its own (no
overflow, no build) yet lacks rooms for the pupils waiting there gets one
(:func:`~.layout_arrivals.held_years`).

划片 moves wait for the receiving school to be ready (review rv 4: 洛北县第一初级中学, 2,751
pupils for a cap of 2,000, received 58 in 2027 before the new school relieved it; 东城小学
received 169 two years before its own works and rented a room for them). A 划片 move is an
assignment whose present school stays open and whose plan school is another existing school.
The receiver ``R`` is ready (:func:`ready_years`) in the school year the plan's work there is
in use: its own build or works (an expansion, or a kept school with a phase: areas, a field,
rooms it rents) at the data year + its phase, and no sooner than every new school that takes
pupils from ``R`` opens. Moves into ``R`` go in that year, or sooner when ``R`` has room in
every year from then on until it is ready (:func:`move_years`): its pupils that year, with the
moves and with the plan's other timing (new schools' waits, closures), within the standard
seats of each stage that year and within its size cap (校额上限). Until their move the pupils
stay at their present school, counted there (:func:`~.layout_entrants.school_in`).

>>> from junheng.planning.layout_outcome import PlannedSchool
>>> p = PlannedSchool("P", "甲", "expand", phase=3, capacity={"junior": 600},
...                   added_classrooms_by_stage={"junior": 2})
>>> seats_in(p, "junior", 50, 2027, 2025), seats_in(p, "junior", 50, 2028, 2025)
((500, 500), (500, 600))
>>> seats_in(replace(p, temporary_classrooms=2), "junior", 50, 2028, 2025)
(500, 500)
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from junheng.model import CountyData
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_entrants import entry_first, school_parts, share_at
from junheng.planning.layout_later import built_rooms, rooms_needed
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_years import growth_factors, plan_years, summed


def seats_in(school, stage: str, size: int, year: int, data_year: int) -> tuple[int, int]:
    """A school's standard seats before the plan, and in ``year`` (with the plan's rooms once
    built: the data year + its phase; its rooms met by 临时周转 are no seats, brief hl: its own
    row borrows them, :func:`~.layout_later.built_rooms`)."""
    rooms = int((school.added_classrooms_by_stage or {}).get(stage, 0))
    before = int((school.capacity or {}).get(stage, 0)) - rooms * size
    built = school.action in ("expand", "new") and data_year + (school.phase or 1) <= year
    return before, before + (built_rooms(school, stage) * size if built else 0)


def ready_years(schools, pairs, data_year: int) -> dict[str, int]:
    """School -> the school year the plan's work there is in use (module docstring):
    ``schools`` with ``school_id``, ``action``, ``phase``; ``pairs``: (plan school, present
    school) of the assignments.

    >>> from junheng.planning.layout_outcome import PlannedSchool as P
    >>> ready_years([P("E", "东城", "keep", phase=4), P("N", "新初中", "new", phase=4),
    ...              P("F", "一初中", "keep"), P("K", "乙", "keep")], [("N", "F"), ("F", "K")], 2025)
    {'E': 2029, 'F': 2029}
    """
    opens = {s.school_id: data_year + (s.phase or 1) for s in schools if s.action == "new"}
    out = {s.school_id: data_year + int(s.phase) for s in schools
           if s.action in ("expand", "keep") and s.phase}
    for school, before in pairs:
        if school in opens and before and before != school:
            out[before] = max(out.get(before, 0), opens[school])
    return out


def move_years(ready: dict[str, int], receivers, short, first: int) -> dict[str, int]:
    """Receiver -> the school year the 划片 moves into it go, where later than ``first``: its
    ready year (``ready``), or the year after the last year before it that it is ``short``
    of room in (``short(school, year)``), whichever is sooner.

    Ready in 2029, short in 2027 only: the moves go in 2028; short in 2028 too: in 2029.

    >>> move_years({"R": 2029}, ["R"], lambda r, y: y == 2027, 2027)
    {'R': 2028}
    >>> move_years({"R": 2029}, ["R"], lambda r, y: y <= 2028, 2027)
    {'R': 2029}
    >>> move_years({"R": 2029}, ["R", "S"], lambda r, y: False, 2027)
    {}
    """
    out = {}
    for r in sorted(receivers):
        start = first
        for year in range(first, ready.get(r, first)):
            if short(r, year):
                start = year + 1
        if start > first:
            out[r] = start
    return out


def receivers_of(rows, opens, closes) -> set[str]:
    """The schools 划片 moves go to: rows (village, group, plan school, present school,
    pupils) whose present school stays open and whose plan school is another existing one."""
    return {s for _, _, s, b, _ in rows if b and b != s and s not in opens and b not in closes}


def settle_moves(ready: dict[str, int], pairs, receivers, short, first: int) -> dict[str, int]:
    """The move years of ``receivers`` (:func:`move_years`) with each receiver ready no sooner
    than the 划片 moves out of it go (``pairs``: (receiver, present school) of the moves): a
    school whose own pupils wait to leave is not given others before they do (review rv 4:
    第三小学 took 465 pupils in 2027 while its own waited for 第四小学's works). ``short(school,
    year, moves)``: is the school short of room that year with its moves in and the other
    ``moves`` kept; repeated until no year changes.

    B's pupils move to A (ready 2029); C's move to B (no works). B is short in 2027 while its
    own pupils wait: C's move waits for A's too.

    >>> settle_moves({"A": 2029}, [("A", "B"), ("B", "C")], ["A", "B"],
    ...              lambda r, y, m: r == "A" or "A" in m, 2027)
    {'A': 2029, 'B': 2029}
    """
    moves: dict[str, int] = {}
    for _ in range(len(set(receivers)) + 1):
        now = dict(ready)
        for school, before in pairs:
            if school in moves and before and before != school:
                now[before] = max(now.get(before, 0), moves[school])
        late = {r for r in receivers if now.get(r, 0) > first}
        found = move_years(now, late, lambda r, y, m=dict(moves): short(r, y, m), first)
        if found == moves:
            break
        moves = found
    return moves


def derive_moves(data: CountyData, rows: list[tuple], schools, seats, caps, years: tuple[int, int, int],
                 entry: bool = True) -> dict[str, int]:
    """:func:`settle_moves` of assignment ``rows`` (village, group, plan school, present
    school, pupils in the target year) and ``schools`` (``school_id``, ``action``, ``phase``):
    ``seats(school, stage, year)`` the standard seats that year (None: unknown), ``caps``
    school -> its size cap; ``years``: the data year, the target year and the first school year
    the plan acts in. A year's pupils are the rows' grown to it (whole pupils by school and
    stage), placed by the plan's timing (:func:`~.layout_entrants.school_parts`: ``entry``,
    the entering grades only, or the whole stage group)."""
    data_year, target, first = years
    opens = {s.school_id: data_year + (s.phase or 1) for s in schools if s.action == "new"}
    closes = {s.school_id: data_year + (s.phase or 1) for s in schools if s.action == "close"}
    ready = ready_years(schools, [(r[2], r[3]) for r in rows], data_year)
    receivers = receivers_of(rows, opens, closes)
    if not any(ready.get(r, 0) > first for r in receivers):
        return {}
    looked = list(range(first, max(ready.values())))
    factors = growth_factors(data, [(v, g, b or None) for v, g, _, b, _ in rows], target, looked)
    near: dict[str, list[int]] = {}
    for i, (_, _, s, b, _) in enumerate(rows):
        for school in {s, b} - {""}:
            near.setdefault(school, []).append(i)

    def short(school: str, year: int, moves: dict[str, int]) -> bool:
        others = {k: v for k, v in moves.items() if k != school}
        got: dict[str, float] = {}
        for i in near.get(school, ()):
            v, g, s, b, n = rows[i]
            f = factors[year][i]
            part = share_at(_Row(s, b, g), year, school, opens, closes, others,
                            first if entry else None) if f is not None else 0.0
            if part:
                got[GROUP_STAGE[g]] = got.get(GROUP_STAGE[g], 0.0) + n * f * part
        whole = {st: int(np.rint(n)) for st, n in got.items()}
        over = [n > k for st, n in whole.items() if n and (k := seats(school, st, year)) is not None]
        cap = caps.get(school)
        return any(over) or (cap is not None and sum(whole.values()) > cap)

    pairs = [(s, b) for _, _, s, b, _ in rows if s in receivers and b not in closes]
    return settle_moves(ready, pairs, receivers, short, first)


class _Row:
    """An assignment's two schools, as :func:`~.layout_entrants.school_parts` reads them."""

    def __init__(self, school_id: str, before_school: str | None, stage_group: str = ""):
        self.school_id, self.before_school = school_id, before_school or ""
        self.stage_group = stage_group


def plan_moves(outcome: LayoutOutcome, data: CountyData, sites) -> dict[str, int]:
    """:func:`derive_moves` of a plan: seats by :func:`seats_in` at the ``sites``' (the
    planner's) class sizes, caps their ``size_cap``; {} without sites or years."""
    if sites is None or not outcome.year or not outcome.target_year:
        return {}
    by_id = {s.school_id: s for s in outcome.schools}

    def seats(school: str, stage: str, year: int) -> int | None:
        column = f"class_size_{stage}"
        if school not in by_id or school not in sites.index or column not in sites:
            return None
        return seats_in(by_id[school], stage, int(sites.at[school, column]), year, outcome.year)[1]

    caps = ({s: int(c) for s, c in sites["size_cap"].items()} if "size_cap" in sites else {})
    rows = [(a.village_id, a.stage_group, a.school_id, a.before_school, a.students)
            for a in outcome.assignments]
    first = max(first_paid_year(outcome), outcome.year + 1)
    return derive_moves(data, rows, outcome.schools, seats, caps,
                        (outcome.year, outcome.target_year, first),
                        entry_first(outcome.rules, first) is not None)


def closed_seats(sites, school: str, stage: str) -> int | None:
    """A closed school's standard seats of ``stage`` before the plan, from ``sites`` (None
    when not among them: the school is then left out, its seats unknown)."""
    column = f"seats_{stage}"
    if sites is None or school not in sites.index or column not in sites:
        return None
    return int(sites.at[school, column])


def with_waiting(outcome: LayoutOutcome, data: CountyData, class_size: dict[str, int],
                 sites=None) -> LayoutOutcome:
    """The outcome with each open school's 过渡期 rows counting the plan's pupils there that
    year (:func:`~.layout_arrivals.arrived_rows`), each new school's rows before it opens counting the pupils over
    the present schools' standard seats and the classrooms short, and each open school's row
    its pupils waiting there and the rooms they lack beyond the row's own (module docstring,
    :func:`held_row`); ``sites``: the planner's sites (index school id), whose
    ``seats_<stage>`` the schools it closes keep until they close."""
    from junheng.planning.layout_arrivals import arrived_rows, held_years

    if not outcome.year or not outcome.target_year:
        return outcome
    opens, closes = _opening(outcome, "new"), _opening(outcome, "close")
    moves = plan_moves(outcome, data, sites)
    entry = entry_first(outcome.rules, max(first_paid_year(outcome), outcome.year + 1))
    timing = (opens, closes, moves, entry)
    outcome = replace(outcome, transition=arrived_rows(outcome, data, sites, timing))
    unopened = [r for r in outcome.transition if opens.get(r.school_id, 0) > r.year]
    if not unopened and not moves and entry is None:
        return outcome
    last = max([*opens.values(), *moves.values()]) if entry is None else \
        max((r.year + 1 for r in outcome.transition), default=0)
    held = held_years(outcome, data, sites, timing, [y for y in plan_years(
        outcome.year, outcome.target_year, first_paid_year(outcome)) if y < last])
    outcome = replace(outcome, transition=tuple(sorted(
        outcome.transition + held, key=lambda r: (r.year, r.school_id, r.stage))))
    loads = _year_loads(outcome, data, sorted({r.year for r in outcome.transition if r.year < last}),
                        timing, _classes_of(outcome, data, sites))
    own = {(r.year, r.school_id, r.stage): r for r in outcome.transition if r not in unopened}
    waited = {r: waiting_row(r, outcome, loads, own, (class_size[r.stage], sites))
              for r in unopened}
    covered = {(r.year, p, r.stage) for r in unopened for p in present_schools(outcome, r)}
    out = [waited[r] if r in waited else held_row(
        with_waiting_pupils(r, loads, outcome, timing), outcome, class_size[r.stage], covered,
        loads.get(r.year, {}).get((r.school_id, f"classes_{r.stage}")))
        for r in outcome.transition]
    # a row added for its waiting pupils stays where they lack rooms (every pupil sits in a room)
    return replace(outcome, transition=tuple(r for r, was in zip(out, outcome.transition, strict=True)
                                             if was not in held or r.crowded_rooms or r.overflow))


def _opening(outcome: LayoutOutcome, action: str) -> dict[str, int]:
    """School -> the school year the plan's ``action`` (new: it opens; close: it closes) is in
    force: the data year + its phase."""
    return {s.school_id: int(outcome.year or 0) + (s.phase or 1) for s in outcome.schools
            if s.action == action}


def _year_loads(outcome: LayoutOutcome, data: CountyData, years: list[int],
                timing: tuple, classes=None) -> dict[int, dict[tuple[str, str], int]]:
    """School year -> (school, stage) -> its pupils that year, placed by the plan's timing
    (:func:`~.layout_entrants.school_parts`), and (school, "classes_" + stage) -> its classes formed grade by grade
    (``classes(groups, year)``: :func:`_classes_of`; none without it)."""
    factors = growth_factors(data, [(a.village_id, a.stage_group, a.before_school)
                                    for a in outcome.assignments], outcome.target_year, years)
    out = {}
    for year in years:
        placed = [(a.village_id, a.stage_group, at, a.students * f, k)
                  for a, k in zip(outcome.assignments, factors[year], strict=True)
                  for at, f in school_parts(a, year, *timing)]
        rows, grown = [r[:4] for r in placed], [r[4] for r in placed]
        out[year] = summed(rows, grown)
        if classes is not None:
            out[year].update({(s, f"classes_{st}"): k for (s, st), k in
                              classes(summed(rows, grown, by_group=True), year).items()})
    return out


def _classes_of(outcome: LayoutOutcome, data: CountyData, sites):
    """``classes(groups, year)``: (school, stage) -> its classes formed grade by grade that
    year from ``groups`` ((school, stage group) -> pupils), as the planner forms them
    (:func:`~.layout_overload.year_classes`, the ``sites``' grade shares and class sizes);
    None without the planner's sites (then a school's pupils fill classes as one cohort)."""
    if sites is None or "share_g1" not in sites or "kind" not in sites:
        return None
    from junheng.planning.layout_overload import year_classes
    from junheng.planning.layout_years import year_shares

    shares = year_shares(data, sites)
    return lambda groups, year: year_classes(groups, lambda s: shares(s, year), sites)


def present_schools(outcome: LayoutOutcome, row) -> set[str]:
    """The present schools of a new school's row: the ``before_school`` of its assignments of
    the row's stage that are schools of the plan."""
    schools = {s.school_id for s in outcome.schools}
    return {a.before_school for a in outcome.assignments if a.school_id == row.school_id
            and GROUP_STAGE[a.stage_group] == row.stage and a.before_school in schools}


def waiting_row(r, outcome: LayoutOutcome, loads, own, size_sites: tuple[int, object]):
    """A new school's row before it opens with the crowding at its present schools
    (``own``: the open schools' rows by (year, school, stage); ``size_sites``: the stage's
    class size and the planner's sites)."""
    size, sites = size_sites
    schools = {s.school_id: s for s in outcome.schools}
    at = []
    for p in sorted(present_schools(outcome, r)):
        seats = (closed_seats(sites, p, r.stage) if schools[p].action == "close"
                 else seats_in(schools[p], r.stage, size, r.year, outcome.year)[1])
        if seats is None:
            continue
        crowd = present_crowding(loads[r.year].get((p, r.stage), 0), seats, size,
                                 own.get((r.year, p, r.stage)), loads[r.year].get((p, f"classes_{r.stage}")))
        if any(crowd):
            at.append((p, *crowd))
    return replace(r, crowded=sum(o for _, o, _ in at), crowded_rooms=sum(k for _, _, k in at),
                   crowded_at=tuple(at))


def held_row(row, outcome: LayoutOutcome, size: int, covered: set[tuple[int, str, str]],
             classes: int | None = None):
    """An open school's row with the rooms its pupils waiting there (``waiting``: for a new
    school or for their 划片 move) lack beyond the row's own 临时周转: ``crowded``, the waiting
    pupils over the seats that year, ``crowded_rooms`` the classrooms short beyond the row's
    ``temporary`` (:func:`present_crowding`), ``crowded_at`` the school itself — every pupil
    sits in a room, rented by 临时周转 at the one price (rv2 review 3: 洛北县实验中学 held 396
    pupils in 2027 whose 8 rooms no row counted); the row as it is where they fit in the rooms
    it borrows. A school a new school's row counts as a present school that year (``covered``:
    (year, school, stage)) is counted there instead. ``classes``: the school's classes that
    year formed grade by grade (None: its pupils as one cohort, :func:`present_crowding`).

    2,334 pupils (1,938 of the plan's, 396 waiting) on 1,900 seats: ⌈434 / 50⌉ = 9 rooms short,
    the row borrows 1, so 8 more for the 396 (434 − 38 = 396 over the seats):

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "expand", phase=2,
    ...     capacity={"junior": 2000}, added_classrooms_by_stage={"junior": 2},
    ...     temporary_classrooms=2),), {}, year=2025)
    >>> row = YearRooms(2027, "E", "junior", 1938, 1, 0, 1, waiting=396)
    >>> held = held_row(row, plan, 50, set())
    >>> held.crowded, held.crowded_rooms, held.crowded_at
    (396, 8, (('E', 396, 8),))
    >>> held_row(row, plan, 50, {(2027, "E", "junior")}) == row
    True
    """
    if not row.waiting or (row.year, row.school_id, row.stage) in covered:
        return row
    school = next((s for s in outcome.schools if s.school_id == row.school_id), None)
    if school is None:
        return row
    seats = seats_in(school, row.stage, size, row.year, int(outcome.year or 0))[1]
    over, rooms = present_crowding(row.pupils + row.waiting, seats, size, row, classes)
    if not rooms:  # they fit in the rooms the row borrows already
        return row
    return replace(row, crowded=over, crowded_rooms=rooms, crowded_at=((row.school_id, over, rooms),))


def present_crowding(pupils: int, seats: int, size: int, own=None,
                     classes: int | None = None) -> tuple[int, int]:
    """A present school's pupils over its ``seats`` and the classrooms short: its ``classes``
    formed grade by grade beyond its rooms (``seats`` ÷ ``size``; None: its pupils as one
    cohort, ⌈over / size⌉), less what its own 过渡期 row (``own``, an expansion's) counts
    already: the plan's pupils there over the seats and the rooms that row borrows (planner
    review: 洛北县实验中学 2027, 2,044 pupils on 1,900 seats, was 3 rooms short on the new
    school's row and 1 more on its own, 4 room-years for 3 rooms). 276 pupils on 315 seats (7
    rooms of 45) in 12 classes (46 in each of six grades) are over no seat, yet 5 rooms short.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> present_crowding(2044, 1900, 50), present_crowding(2044, 1900, 50, YearRooms(
    ...     2027, "E", "junior", 1938, 1, 0, 1, waiting=106))
    ((144, 3), (106, 2))
    >>> present_crowding(276, 315, 45, classes=12)
    (0, 5)
    """
    over = max(pupils - seats, 0)
    rooms = rooms_needed(pupils, seats, size) if classes is None else max(classes - seats // size, 0)
    if own is None:
        return over, rooms
    return max(over - max(own.pupils - seats, 0), 0), max(rooms - own.temporary, 0)


def with_waiting_pupils(row, loads: dict[int, dict[tuple[str, str], int]],
                       outcome: LayoutOutcome, timing: tuple):
    """An open school's 过渡期 ``row`` with its pupils waiting there that year for a new school
    not yet open, for their 划片 move or to finish their stage there (``timing``: opens, closes,
    moves and the entry rule's first year of :func:`~.layout_entrants.school_parts`;
    ``waiting``: its pupils that year, as ``loads`` and the 大校额逐年 note count them, less the
    plan's); ``row`` itself when it holds none (planner review: 洛北县实验中学 2027 read 1,938
    in the 过渡期 and 2,057 in the 大校额逐年 note)."""
    holds = any(a.before_school == row.school_id != a.school_id
                and share_at(a, row.year, row.school_id, *timing) > 0
                and GROUP_STAGE[a.stage_group] == row.stage for a in outcome.assignments)
    present = loads.get(row.year, {}).get((row.school_id, row.stage))
    if not holds or present is None or present <= row.pupils:
        return row
    return replace(row, waiting=present - row.pupils)


def waiting_rooms(outcome: LayoutOutcome) -> dict[int, int]:
    """School year -> the classrooms the present schools lack while pupils wait there for a
    new school or their 划片 move (the 过渡期 rows' ``crowded_rooms``, summed: a new school's
    rows before it opens and the open schools' own, :func:`held_row`), met by 临时周转 for the
    year."""
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


def room_price_words(wan: float) -> str:
    """The price of a 临时周转 room-year as a document says it once, where its total is first
    given (review rv9 3: ``costs.yaml``'s ``temporary_room`` is an assumption, the plans said it
    as a fact).

    >>> room_price_words(2.0)
    '每间每学年 2.00 万元（假设值，以本县实际租金替换）'
    """
    return f"每间每学年 {wan:,.2f} 万元（假设值，以本县实际租金替换）"


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
    out: dict[str, dict[int, int]] = {}
    for school, _stage, year, rooms in borrowed_parts(outcome):
        out.setdefault(school, {})[year] = out.get(school, {}).get(year, 0) + rooms
    return {s: dict(sorted(by.items())) for s, by in sorted(out.items())}


def borrowed_parts(outcome: LayoutOutcome) -> list[tuple[str, str, int, int]]:
    """(school, stage, school year, rooms) of every 临时周转 part :func:`borrowed_rooms` sums
    (from :func:`first_paid_year`, none of 0 rooms)."""
    first = first_paid_year(outcome)
    opens = {s.school_id: (outcome.year or 0) + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    parts = [(r.school_id, r.stage, r.year, int(r.temporary)) for r in outcome.transition
             if r.temporary and opens.get(r.school_id, 0) <= r.year]
    parts += [(school, stage, int(year), int(rooms))
              for year, school, stage, rooms in outcome.overflow]
    return waiting_parts(outcome) + [p for p in parts if p[2] >= first and p[3]]


def waiting_parts(outcome: LayoutOutcome) -> list[tuple[str, str, int, int]]:
    """(school, stage, school year, rooms) of the rooms pupils waiting at their present school
    lack (the rows' ``crowded_at``: a new school's row before it opens, or an open school's own
    row, :func:`held_row`), from :func:`first_paid_year`: a part of :func:`borrowed_parts`."""
    first = first_paid_year(outcome)
    return [(school, r.stage, r.year, int(rooms)) for r in outcome.transition
            for school, _over, rooms in r.crowded_at if r.year >= first and rooms]
