"""The 过渡期: each build in the school year it is first needed, and a short overflow met by
临时周转 (temporary rooms) rather than by building.

The layout decides the rooms of its target year. For a school the plan expands or builds and
a stage, its pupils in a school year ``y`` (:func:`plan_years`: from the data year + 1 or
the first school year not yet begun, at most the target year, to :data:`LATER` years after it)
are the plan's pupils of its villages grown as each village's children of the stage group grow
(:mod:`~junheng.planning.layout_later`), once the plan's timing is known only those the plan's
placement puts there that year (a closing school's pupils from its closure, a 划片 move's from
its year; under ``rezoning_grades: entry`` the entering grades: :mod:`~.layout_placed`)::

    pupils(s, y) = Σ over the villages assigned to s:  pupils × children(y) / children(target)

The year's overflow is the one room rule of both plans (brief hroom: the 达标路径's
:func:`~.compliance_temporary.room_gaps` counts the same way): the classes its pupils form
grade by grade (each stage group spread over its grades as the forecast has them that year,
else as the school's pupils are today; :func:`stage_classes`) beyond the school's rooms of the
stage before the plan; after the target year at most the plan's added rooms or the target
year's overflow when more (:func:`overflows`). The solve counts the target year's classes so too
(rule (27)), the rooms borrowed then among those it prices; those the budget does not build (its
``u``, ``borrowed``) are met by 临时周转 whatever the rules below ask. Room ``r`` of the plan (1 =
the first added) is needed in the years whose overflow is at least ``r``. It is met by 临时周转 —
listed, not costed — when every run of such years lasts at most ``temporary_peak_years`` and the
need is gone by the last year looked at; otherwise it is built. A school builds all its built
rooms (and its beds, its new buildings, its areas) in the first school year one of them is
needed; the budget may push that later, and the years between are then met by 临时周转 too. A
school's years before its build can be in use (``opens``: the first school year the plan acts in
plus its build time, ``new_school_lead_years`` for a new school, ``expansion_lead_years`` for an
expansion) are left out of the first need: a new school's pupils stay at their present schools,
an expanded school's overflow is met by 临时周转 until its build is in use (:func:`from_opening`).

One start for a 临时周转 run in both plans and both checkers (review rv4 finding 4:
:func:`run_start`): a run is counted from the first school year a newly built room can be in use
— the first school year the plan acts in plus ``expansion_lead_years``. The years before it are
years no build can help: borrowing there is unavoidable, counts toward no run too long and makes
no room be built; the documents say so (「2027—2028 学年即使新建教室也来不及投入使用，只能临时周转」 —
said too of a school that builds none, review rv6 N2, :func:`unavoidable_words`). The rule is
also the school's, not only each room's: where the school's rooms borrowed in a row from the run
start — those its pupils waiting for a new school fill and its other stages' overflow counted —
run longer than ``temporary_peak_years``, the fewest rooms that cut the run are built (``floors``,
:func:`~.layout_runs.run_floors`). (T) A school with rooms built (it extends) builds every room its
target year needs, U1 and rule (27)'s ``u`` aside (``floors``, :func:`~.layout_runs.target_floors`).
The use test (brief hl: 实验中学 built 2 rooms for 2030, idle from 2031), one rule for both plans
(:func:`used_enough`, the 达标路径's joint rule 3 too, :mod:`~.compliance_temporary`):

(U1) a room the rules above would build is built only if it is in use (a year's need at least its
     number) in at least :data:`USE_SHARE` (a half) of the school years from its first year in
     use (the first year from ``opens`` needing it) to the last year looked at
     (:func:`idle_rooms`); a room no year from ``opens`` needs is not tested;
(U2) otherwise it is met by 临时周转 for the years needing it; where the school's run then lasts
     longer than ``temporary_peak_years`` and the rooms that would cut it fail (U1) too, they
     are not built either: the run stays and the plan names it as an exception for the 局务会
     (:func:`~.layout_runs.own_breaches`, :func:`~.layout_runs.idle_floor`).

A new school is built whole: the 临时周转 rule is for the expansions of existing schools only,
and every room a new school is given is built (planner review: a new 初级中学 opened with 4 of
its 20 rooms met by 临时周转). A year whose stage group is not yet born in the data year is not
looked at (grades 1–3 more than six years ahead).

>>> need = {2027: 0, 2028: 2, 2029: 3, 2030: 1, 2031: 0}
>>> temporary_rooms(need, 3, 1), temporary_rooms(need, 3, 2), temporary_rooms({2027: 0, 2028: 2, 2029: 3, 2030: 3}, 3, 3)
(1, 2, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from junheng.model import CountyData
from junheng.planning.layout_children import children_by_group
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_forecast import forecast_factor, school_forecast
from junheng.planning.layout_later import LATER
from junheng.planning.layout_outcome import YearRooms

#: (U1) the share of the school years from its first year in use in which a new permanent room
#: must be in use to be built (a planner would not sign a room idle most of the plan, brief hj)
USE_SHARE = 0.5
#: the compulsory stages a school may have (a 九年一贯制 school both)
STAGES = ("primary", "junior")


def plan_years(data_year: int, target_year: int, first_year: int | None = None) -> list[int]:
    """The school years looked at: the data year + 1, or the first school year the plan can
    act in when later (``first_year``, :func:`~.layout_phases.first_school_year`: a year
    already begun is as today), at most the target year, to :data:`LATER` years after the
    target.

    >>> plan_years(2024, 2027), plan_years(2025, 2025)
    ([2025, 2026, 2027, 2028, 2029, 2030], [2025, 2026, 2027, 2028])
    >>> plan_years(2025, 2030, 2027)
    [2027, 2028, 2029, 2030, 2031, 2032, 2033]
    """
    start = min(max(data_year + 1, first_year or 0), target_year)
    return list(range(start, target_year + LATER + 1))


def yearly_pupils(data: CountyData, rows: Iterable[tuple],
                  target_year: int, first_year: int | None = None, only: int | None = None,
                  by_group: bool = False) -> dict[tuple[str, str], dict[int, int]]:
    """(school, stage) -> {school year: pupils} for the rows (village, stage group, school,
    pupils in the target year[, today's school]), by the rule of the module docstring (with
    today's school and the county's forecast: :func:`growth_factors`); a year is missing
    where a group of the stage cannot be aged forward. ``only``: that school year alone;
    ``by_group``: (school, stage group) -> {school year: pupils unrounded}."""
    rows = list(rows)
    years = [only] if only is not None else plan_years(data.school_year, target_year, first_year)
    factors = growth_factors(data, [(r[0], r[1], *r[4:]) for r in rows], target_year, years)
    out: dict[tuple[str, str], dict[int, int]] = {}
    for year in years:
        for key, value in summed(rows, factors[year], by_group).items():
            out.setdefault(key, {})[year] = value
    return out


def growth_factors(data: CountyData, groups: list[tuple[str, ...]], target_year: int,
                   years: Iterable[int]) -> dict[int, list[float | None]]:
    """School year -> per (village, stage group) of ``groups``: its children that year over
    the target year's (1 where the target year has none), None where the group cannot be
    aged forward to that year; the children of each year are counted once, whatever school
    the rows' pupils are at in it (:func:`summed`). A group given with its school today
    (village, stage group, school) that the county's pupil forecast covers grows as that
    school's forecast pupils of the group (:mod:`~junheng.planning.layout_forecast`)."""
    base = children_by_group(data, target_year - data.school_year)
    forecast = school_forecast(data)
    out: dict[int, list[float | None]] = {}
    for year in years:
        later = children_by_group(data, year - data.school_year)
        factors: list[float | None] = []
        for village, group, *today in groups:
            school = forecast_factor(forecast, today[0] if today else None, group, year,
                                     target_year)
            if school is not None:
                factors.append(school)
                continue
            if group not in later or group not in base:
                factors.append(None)
                continue
            was, now = float(base[group].get(village, 0.0)), float(later[group].get(village, 0.0))
            factors.append(now / was if was > 0 else 1.0)
        out[year] = factors
    return out


def summed(rows: Iterable[tuple[str, str, str, float]], factors: list[float | None],
           by_group: bool = False) -> dict[tuple[str, str], int]:
    """(school, stage) -> the rows' pupils (village, stage group, school, pupils in the target
    year) grown by their :func:`growth_factors` of one year, in whole pupils; a (school,
    stage) with a row that cannot be aged forward is left out. ``by_group``: (school, stage
    group) -> pupils unrounded.

    >>> summed([("V", "grades_1_3", "A", 40), ("W", "grades_4_6", "A", 10),
    ...         ("W", "grades_7_9", "B", 5)], [1.1, 0.5, None])
    {('A', 'primary'): 49}
    """
    sums: dict[tuple[str, str], float] = {}
    missing: set[tuple[str, str]] = set()
    for (_, group, school, students, *_), factor in zip(rows, factors, strict=True):
        key = (school, group if by_group else GROUP_STAGE[group])
        if factor is None:
            missing.add(key)
            continue
        sums[key] = sums.get(key, 0.0) + students * factor
    return {key: value if by_group else int(np.rint(value)) for key, value in sums.items()
            if key not in missing}


def stage_classes(groups: Mapping[str, Mapping[int, float]],
                  shares: Callable[[int], Mapping[str, float]], size: int) -> dict[int, int]:
    """Year -> the classes a school's stage forms, the one room rule of both plans
    (:func:`~.layout_counts.grade_classes`): each stage group's pupils of ``groups`` (group
    -> year -> pupils) spread over its grades by ``shares`` of the year (grade, ``"g1"`` …,
    -> share of its group), each grade in classes of ``size``; a year some group lacks is
    left out (:func:`summed`). Where nothing gives the grades (``shares`` of the year empty:
    a hand-made county without classes), the stage's pupils fill classes as one cohort, the
    stage's seats.

    880 pupils of grades 1–3 and 13 of grades 4–6 (2029), classes of 45: grade by grade
    (300, 290, 290 and 13 in grades 4–6, a third each) 7 + 7 + 7 + 3 = 24 rooms, pooled
    ⌈893 / 45⌉ = 20:

    >>> shares = {"g1": 300 / 880, "g2": 290 / 880, "g3": 290 / 880, "g4": 1 / 3, "g5": 1 / 3,
    ...           "g6": 1 / 3}
    >>> groups = {"grades_1_3": {2029: 880.0}, "grades_4_6": {2029: 13.0, 2030: 9.0}}
    >>> stage_classes(groups, lambda year: shares, 45), stage_classes(groups, lambda year: {}, 45)
    ({2029: 24}, {2029: 20})
    """
    from junheng.planning.layout_counts import GROUP_GRADES, grade_classes

    years = set.intersection(*(set(by) for by in groups.values())) if groups else set()
    out = {}
    for year in sorted(years):
        share = shares(year)
        if not share:
            out[year] = grade_classes(sum(by[year] for by in groups.values()), [1.0], size)
            continue
        out[year] = sum(grade_classes(by[year], [share.get(g, 1 / 3) for g in GROUP_GRADES[group]],
                                      size) for group, by in groups.items())
    return out


def overflows(classes: Mapping[int, int], rooms_before: int, rooms: int,
              last: int | None = None) -> dict[int, int]:
    """Year -> the rooms its ``classes`` (:func:`stage_classes`) need beyond the school's
    ``rooms_before`` the plan; in the years after ``last`` (the target year) at most the
    plan's ``rooms`` or the target year's need when more (growth beyond the target year is
    the next plan's: the 达标路径's rule, :func:`~.compliance_temporary.split_rooms`); None:
    at most ``rooms`` every year (a new school).

    >>> overflows({2027: 20, 2028: 22, 2029: 24, 2030: 19}, 19, 1, 2028)
    {2027: 1, 2028: 3, 2029: 3, 2030: 0}
    >>> overflows({2027: 20, 2028: 22, 2029: 24}, 19, 1)
    {2027: 1, 2028: 1, 2029: 1}
    """
    need = {y: max(n - rooms_before, 0) for y, n in classes.items()}
    cap = rooms if last is None else max(rooms, need.get(last, 0))
    return {y: k if last is not None and y <= last else min(k, cap) for y, k in need.items()}


def run_start(first_year: int, lead: int, target_year: int | None = None) -> int:
    """The school year a 临时周转 run is counted from, the one rule of both plans and both
    checkers (module docstring): the first school year a newly built room can be in use, the
    first school year the plan acts in (``first_year``) plus the build time of an expansion
    (``lead``, ``expansion_lead_years``). ``target_year``: at most that year, for the 达标路径
    alone, which looks at its target year's gap even where no room could be in use by then (a
    plan no build can meet in time; a layout's build may be in use after its target year).

    >>> run_start(2027, 2), run_start(2027, 2, 2030), run_start(2027, 3, 2028)
    (2029, 2029, 2028)
    """
    start = int(first_year) + int(lead)
    return start if target_year is None else min(start, int(target_year))


#: what is said of a school's years before the run start: true of a school that builds no room
#: too (review rv6 N2: not 「新建教室尚未建成」, which tells of a build that may not exist)
TOO_LATE = "即使新建教室也来不及投入使用"
#: what is said of a school's years borrowed before the run start (:func:`unavoidable_words`)
UNAVOIDABLE = f"{TOO_LATE}，只能临时周转"


def unavoidable_words(years: Collection[int], start: int | None) -> str:
    """The sentence on a school's years borrowed before the run start ``start`` (:func:`run_start`),
    in which no build can help ('' when none).

    >>> unavoidable_words([2027, 2028, 2029, 2030], 2029), unavoidable_words([2028], 2029)
    ('2027—2028 学年即使新建教室也来不及投入使用，只能临时周转', '2028 学年即使新建教室也来不及投入使用，只能临时周转')
    >>> unavoidable_words([2029, 2030], 2029), unavoidable_words([2027, 2027], 2029)
    ('', '2027 学年即使新建教室也来不及投入使用，只能临时周转')
    """
    early = sorted({y for y in years if start is not None and y < start})
    if not early:
        return ""
    span = f"{early[0]}—{early[-1]}" if len(early) > 1 else f"{early[0]}"
    return f"{span} 学年{UNAVOIDABLE}"


def year_runs(years: list[int]) -> list[list[int]]:
    """Consecutive years in runs: ``[2027, 2028, 2030]`` → ``[[2027, 2028], [2030]]``."""
    runs: list[list[int]] = []
    for y in years:
        runs[-1].append(y) if runs and runs[-1][-1] == y - 1 else runs.append([y])
    return runs


def room_use(need: Mapping[int, int], room: int) -> tuple[int, int, int | None]:
    """The years room number ``room`` is in use (a year's ``need`` at least ``room``), of
    the years looked at, and the year from which it stands idle to the last (None: in use then).

    >>> room_use({2029: 3, 2030: 1, 2031: -2, 2032: -5, 2033: -9}, 1)
    (2, 5, 2031)
    """
    years = sorted(need)
    used = [y for y in years if need[y] >= room]
    idle = [y for y in years if y > max(used, default=min(years, default=0) - 1)]
    return len(used), len(years), min(idle, default=None)


def used_enough(need: Mapping[int, int], room: int, share: float = USE_SHARE) -> bool:
    """The use test (U1; the 达标路径's joint rule 3): room ``room`` is in use in at least
    ``share`` of the years of ``need``.

    >>> used_enough({2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0}, 2)
    False
    >>> used_enough({2029: 2, 2030: 2, 2031: 1, 2032: 0}, 1)
    True
    """
    used, years, _ = room_use(need, room)
    return used >= share * years - 1e-9


def first_use(need: Mapping[int, int], room: int, opens: int | None = None) -> dict[int, int]:
    """``need`` from the first year (from ``opens``) that needs room ``room``; {} when none.

    >>> first_use({2027: 2, 2028: 1, 2029: 2, 2030: 0}, 2, 2028)
    {2029: 2, 2030: 0}
    """
    years = [y for y, k in need.items() if k >= room and (opens is None or y >= opens)]
    return {y: k for y, k in need.items() if years and y >= min(years)}


def idle_rooms(need: Mapping[int, int], built: int, share: float = USE_SHARE) -> int:
    """(U1) How many of the ``built`` rooms (the lowest numbers, 1..built) fail the use test
    over ``need`` (the years from the build's opening), counted from the last down: a room no
    year needs is not tested.

    A 1-year peak of 2 rooms in 2029 of 2029–2033: both fail (1 of 5 years); a need lasting to
    the end: none does.

    >>> idle_rooms({2029: 2, 2030: 0, 2031: 0, 2032: 0, 2033: 0}, 2)
    2
    >>> idle_rooms({2029: 2, 2030: 2, 2031: 1, 2032: 1, 2033: 1}, 2)
    1
    >>> idle_rooms({2029: 3, 2030: 3, 2031: 3, 2032: 3, 2033: 3}, 3), idle_rooms({2029: 0}, 1)
    (0, 0)
    """
    idle = 0
    for room in range(built, 0, -1):
        use = first_use(need, room)
        if not use or used_enough(use, room, share):
            break
        idle += 1
    return idle


def temporary_rooms(need: Mapping[int, int], rooms: int, peak_years: int) -> int:
    """How many of the plan's ``rooms`` are met by 临时周转: room ``r`` is when each run of the
    years needing it lasts at most ``peak_years`` and the last year looked at does not need it.
    A room no year needs stays built (the plan added it for the target year). The rule of
    :func:`temporary_amount`, in whole rooms."""
    return int(round(temporary_amount(need, rooms, peak_years)))


def temporary_amount(need: Mapping[int, float], amount: float, peak_years: int) -> float:
    """How much of ``amount`` (rooms, or m² of 教学及辅助用房) is met by 临时周转, the one rule
    of both plans for a short peak: the part at level ``r`` (0 < r ≤ amount) is when each run
    of the years needing at least ``r`` lasts at most ``peak_years`` and the last year looked
    at does not need it; a level no year needs stays built. Levels between two needs share
    their years, so the sum runs over the distinct needs.

    >>> need = {2030: 419.0, 2031: 146.4, 2032: 0.0, 2033: 0.0}
    >>> temporary_amount(need, 419.0, 3), temporary_amount(need, 419.0, 1)
    (419.0, 272.6)
    >>> temporary_amount({2030: 120.0, 2031: 120.0, 2032: 120.0, 2033: 50.0}, 120.0, 3)
    70.0

    (the 50 m² the last year still needs are built, the 70 above them gone after three years
    are not)
    """
    if not need or peak_years <= 0:
        return 0.0
    last, low, out = max(need), 0.0, 0.0
    for level in sorted({min(float(k), float(amount)) for k in need.values() if k > 0}):
        years = sorted(y for y, k in need.items() if k >= level - 1e-9)
        if last not in years and all(len(run) <= peak_years for run in year_runs(years)):
            out += level - low
        low = level
    return round(out, 6)


def site_temporary(need: Mapping[int, int], open_need: Mapping[int, int], rooms: int,
                   peak_years: int) -> int:
    """How many of an expansion's ``rooms`` are met by 临时周转: of the rooms a year from its
    build on needs (``open_need``, from :func:`run_start`), :func:`temporary_rooms` on them, a
    run counted from the run start (the years before it are borrowed whatever is built, module
    docstring); a room needed only before the build could stand is
    borrowed then, never built; a room no year needs stays built, and so does every room when
    no year looked at has the build standing (nothing says its need ends); of the rooms left to
    build, those failing the use test (U1, :func:`idle_rooms`) are borrowed too.

    The demo's 实验中学: 2 rooms for 2030, in use from 2029, needed 2027–2030 and none after:
    counted from 2029 both runs last 2 years (2029–2030) and end before 2033: both borrowed:

    >>> site_temporary({2027: 1, 2028: 2, 2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0},
    ...                {2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0}, 2, 3)
    2

    Short 2, 3, 3, 3, 2, 0 rooms 2027–2032, in use from 2029: rooms 1–2 are needed 2029–2031
    (3 years, 2027–2028 not counted) and room 3 2029–2030, none in 2032: all 3 borrowed (from
    2027 on, rooms 1–2 would run 5 years and be built):

    >>> site_temporary({2027: 2, 2028: 3, 2029: 3, 2030: 3, 2031: 2, 2032: 0},
    ...                {2029: 3, 2030: 3, 2031: 2, 2032: 0}, 3, 3)
    3
    >>> site_temporary({2027: 2, 2028: 1, 2029: 0}, {2029: 0}, 2, 1)
    2
    """
    if not open_need:  # no year looked at has the build standing: what it needs then is unknown
        return temporary_rooms(open_need, rooms, peak_years)
    top = min(max(open_need.values(), default=0), rooms)
    early = max(min(max(need.values(), default=0), rooms) - top, 0)
    borrowed = temporary_rooms(open_need, top, peak_years)  # runs from the run start
    if peak_years <= 0:  # 0: every room built
        return borrowed + early
    return borrowed + early + idle_rooms(open_need, top - borrowed)


def from_opening(need: Mapping[int, int], opens: int | None) -> dict[int, int]:
    """``need`` from the school year ``opens`` on (all of it when None).

    >>> from_opening({2027: 2, 2028: 3, 2029: 3, 2030: 1}, 2029), from_opening({2027: 1}, None)
    ({2029: 3, 2030: 1}, {2027: 1})
    """
    return {y: k for y, k in need.items() if opens is None or y >= opens}


def first_need(need: Mapping[int, int], built: int) -> int | None:
    """The first year that needs one of the ``built`` rooms (rooms 1..built), or None.

    >>> first_need({2027: 0, 2028: 1, 2029: 2}, 1), first_need({2027: 0}, 1), first_need({2028: 1}, 0)
    (2028, None, None)
    """
    years = [y for y, k in need.items() if k >= 1]
    return min(years) if years and built > 0 else None


def year_rows(need: Mapping[tuple[str, str], Mapping[int, int]],
              pupils: Mapping[tuple[str, str], Mapping[int, int]],
              built: Mapping[tuple[str, str], int], build_year: Mapping[str, int]
              ) -> tuple[YearRooms, ...]:
    """The 过渡期 rows, by year then school and stage: each school's stage in each year it has an
    overflow or builds, with the rooms standing (``built`` from ``build_year`` on) and the
    temporary rooms (the overflow beyond them)."""
    rows = []
    for (school, stage), by_year in need.items():
        at = build_year.get(school)
        for year, over in by_year.items():
            standing = built.get((school, stage), 0) if at is not None and year >= at else 0
            new = built.get((school, stage), 0) if year == at else 0
            if over or new:
                rows.append(YearRooms(year, school, stage, pupils[(school, stage)][year], over,
                                      standing, max(over - standing, 0), new))
    return tuple(sorted(rows, key=lambda r: (r.year, r.school_id, r.stage)))


@dataclass(frozen=True)
class SiteYears:
    """The yearly figures of the schools a plan adds rooms to (keys (school, stage))."""
    pupils: Mapping[tuple[str, str], Mapping[int, int]]
    need: Mapping[tuple[str, str], Mapping[int, int]]
    temporary: Mapping[tuple[str, str], int]  # the plan's rooms met by 临时周转
    built: Mapping[tuple[str, str], int]      # the plan's rooms built
    first: Mapping[str, int]                  # school -> first year a built room is needed

    def temporary_at(self, school: str) -> int:
        """The school's rooms met by 临时周转, both stages."""
        return sum(k for (s, _), k in self.temporary.items() if s == school)

    def borrowed(self, school: str, room_yuan: float, site: Mapping[str, int]) -> dict:
        """The school's rooms met by 临时周转 as its plan row has them: their count, their
        construction cost at ``room_yuan`` (not spent) and their seats by stage at its
        ``class_size_<stage>`` of ``site``.

        >>> y = SiteYears({}, {}, {("A", "junior"): 1, ("B", "junior"): 2}, {}, {})
        >>> y.borrowed("A", 420_000.0, {"class_size_junior": 50})
        {'temporary_classrooms': 1, 'temporary_yuan': 420000.0, 'temporary_seats': {'junior': 50}}
        """
        return {"temporary_classrooms": self.temporary_at(school),
                "temporary_yuan": self.temporary_at(school) * room_yuan,
                "temporary_seats": {st: k * int(site[f"class_size_{st}"])
                                    for (s, st), k in self.temporary.items() if s == school and k}}

    def spending(self, costs: Mapping[str, float], room_yuan: float
                 ) -> tuple[dict[str, float], set[str]]:
        """The builds' ``costs`` (元 by school) less their rooms met by 临时周转 at
        ``room_yuan`` (borrowed, not built: the budget does not pay them), and apart the
        schools that only borrow (nothing left to build).

        >>> y = SiteYears({}, {}, {("A", "junior"): 1, ("B", "junior"): 2}, {}, {})
        >>> y.spending({"A": 840_000.0, "B": 840_000.0, "C": 10.0}, 420_000.0)
        ({'A': 420000.0, 'C': 10.0}, {'B'})
        """
        net = {s: c - self.temporary_at(s) * room_yuan for s, c in costs.items()}
        only = {s for s, c in net.items() if self.temporary_at(s) and c <= 0.5}
        return {s: c for s, c in net.items() if s not in only}, only

    def borrow_phases(self, schools: Iterable[str], data_year: int, first: int) -> dict[str, int]:
        """Phase (school year − ``data_year``) of each of ``schools`` that only borrows: the
        first school year one of its rooms is borrowed (its overflow), at least ``first``.

        >>> y = SiteYears({}, {("B", "junior"): {2026: 0, 2027: 1, 2028: 1, 2029: 0}}, {}, {}, {})
        >>> y.borrow_phases(["B"], 2025, 1), y.borrow_phases(["B"], 2025, 3)
        ({'B': 2}, {'B': 3})
        """
        out = {}
        for school in schools:
            years = [y for (s, _), need in self.need.items() if s == school
                     for y, k in need.items() if k > 0]
            out[school] = max(min(years, default=data_year + first) - data_year, first)
        return out

    def rows(self, build_year: Mapping[str, int]) -> tuple[YearRooms, ...]:
        return year_rows(self.need, self.pupils, self.built, build_year)


def site_years(data: CountyData, rows: Iterable[tuple],
               rooms: Mapping[tuple[str, str], int], seats: Mapping[tuple[str, str], int],
               class_size: Mapping[tuple[str, str], int], target_year: int, peak_years: int,
               first_year: int | None = None, opens: Mapping[str, int] | None = None,
               new: Collection[str] = (), floors: Mapping[tuple[str, str], int] | None = None,
               shares: Callable[[str, int], Mapping[str, float]] | None = None,
               timing: tuple | None = None, borrowed: Mapping[tuple[str, str], int] | None = None
               ) -> SiteYears:
    """The :class:`SiteYears` of the schools and stages in ``rooms`` (the plan's added rooms,
    ``seats`` before them, ``class_size``) for the assignment ``rows`` (village, stage group,
    school, pupils in the target year), from ``first_year`` (:func:`plan_years`); a school's
    临时周转 and first need count from its year in ``opens`` (school -> school year); a school of
    ``new`` is built whole (no room met by 临时周转). ``floors``: (school, stage) -> the rooms it
    builds at least, keeping its whole 临时周转 (its pupils waiting for a new school counted)
    within ``peak_years`` in a row (:func:`~.layout_runs.run_floors`); ``borrowed``: the rooms
    the solve borrows in the target year (rule (27)'s ``u``, the budget does not pay them), met
    by 临时周转 whatever ``floors`` ask. A year's overflow is its classes formed grade by grade
    (:func:`stage_classes`, ``shares``: (school, year) -> each grade's share of its group; the
    stage's seats when None) beyond the rooms before the plan (``seats`` / ``class_size``), for
    every stage of such a school in ``seats``, built at or not (a 九年一贯制 school's other stage:
    its shortage is borrowed), net of the rooms its other stage has spare (as the 达标路径 counts
    a school's rooms whole); ``timing``: the pupils placed by it (layout_placed)."""
    from junheng.planning.layout_counts import pooled_classes
    from junheng.planning.layout_placed import placed_yearly

    schools = {s for s, _ in rooms}
    rows = [r for r in rows if r[2] in schools]
    pupils, groups = placed_yearly(data, rows, target_year, first_year, timing)
    need, temporary, built, first = {}, {}, {}, {}
    keys = [k for k in seats if k[0] in schools and (k in rooms or k in pupils)]
    before = {k: seats[k] // class_size[k] for k in keys}
    classes = pooled_classes({key: stage_classes(
        {g: by for (s, g), by in groups.items() if s == key[0] and GROUP_STAGE[g] == key[1]},
        lambda y, s=key[0]: shares(s, y) if shares else {}, class_size[key]) for key in keys},
        before)
    for key in keys:
        added = rooms.get(key, 0)
        need[key] = overflows({y: k for y, k in classes[key].items() if y in pupils.get(key, {})},
                              before[key], added, None if key[0] in new else target_year)
        if key not in rooms:  # a stage the plan builds nothing at: its shortage is borrowed
            continue
        open_need = from_opening(need[key], (opens or {}).get(key[0]))
        temporary[key] = 0 if key[0] in new else site_temporary(need[key], open_need, added,
                                                                 peak_years)
        temporary[key] = min(temporary[key], added - min((floors or {}).get(key, 0), added))
        temporary[key] = max(temporary[key], min((borrowed or {}).get(key, 0), added))
        built[key] = added - temporary[key]
        year = first_need(open_need, built[key])
        if year is not None:
            first[key[0]] = min(first.get(key[0], year), year)
    return SiteYears({k: pupils.get(k, {}) for k in need}, need, temporary, built, first)


def solved_site_years(data: CountyData, problem, solution, assignments,
                      floors: Mapping[tuple[str, str], int] | None = None,
                      timing: tuple | None = None) -> SiteYears:
    """:func:`site_years` of a solve: the planner's sites (seats, class sizes before the plan), the
    solution's added rooms, its assignment frame, at the config's ``temporary_peak_years``, from
    the first school year not begun on its ``plan_date``; ``floors``, ``timing``: layout_placed."""
    from junheng.planning.layout_phases import first_school_year, plan_day, site_leads
    from junheng.planning.layout_placed import placement, with_build_floor

    sites = problem.sites
    rooms, seats, size = {}, {}, {}
    for stage, added in (("primary", solution.added_primary_rooms),
                         ("junior", solution.added_junior_rooms)):
        rooms |= {(s, stage): int(k) for s, k in added.items() if k > 0}
    for s, stage in [(s, st) for s in sorted({s for s, _ in rooms}) for st in STAGES]:
        if (s, stage) in rooms or int(sites.at[s, f"seats_{stage}"]) > 0:  # every stage it has
            seats[(s, stage)] = int(sites.at[s, f"seats_{stage}"])
            size[(s, stage)] = int(sites.at[s, f"class_size_{stage}"])
    rows = zip(assignments["village_code"], assignments["group"], assignments["site_id"],
               assignments["demand"], assignments["before_site"], strict=True)
    first = max(first_school_year(plan_day(problem.config)), data.school_year + 1)
    leads = site_leads(problem.config, sites.loc[sorted({s for s, _ in rooms})])
    opens = {s: run_start(first, lead) for s, lead in leads.items()  # 0 years: all years
             if lead or not bool(sites.at[s, "existing"])}
    new = {s for s, _ in rooms if not bool(sites.at[s, "existing"])}
    return with_build_floor(site_years(
        data, rows, rooms, seats, size, problem.target_year, problem.config.temporary_peak_years,
        first_school_year(plan_day(problem.config)), opens, new, floors,
        year_shares(data, sites.loc[sorted({s for s, _ in rooms})]), placement(timing),
        {(s, st): k for s, by in getattr(solution, "borrowed_rooms", {}).items() for st, k in by.items()}), timing)


def year_shares(data: CountyData, sites) -> Callable[[str, int], Mapping[str, float]]:
    """(site, school year) -> each grade's share of its stage group at the site: the
    forecast's grades of that year where ``data`` carries them, else the site's ``share_g*``
    (:func:`~.layout_forecast.forecast_grade_mix`), as the 达标路径 forms the year's classes."""
    from junheng.planning.layout_forecast import grade_shares

    cache: dict[int, dict] = {}

    def shares(site: str, year: int) -> Mapping[str, float]:
        if year not in cache:
            cache[year] = grade_shares(sites, data, year)
        return cache[year].get(site, {})

    return shares
