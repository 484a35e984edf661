"""Seats in every school year of the plan, not the target year's only (planner review:
洛北县第二实验小学 is 138 pupils over its places in 2027 though within them in 2030, and the
plan said so only inside a new school's reason).

The layout decides the rooms of its target year; the 过渡期 (:mod:`~.layout_years`) follows
the stages the plan adds rooms to. Every other stage of a school open in a school year ``y``
(:func:`~.layout_years.plan_years`) is checked here: its pupils that year are the plan's
pupils of its villages grown as each village's children grow (the rule of
:mod:`~.layout_later`), except that pupils stay at their present school until it closes
(its closing phase) or until the school they move to opens (a new school's phase, a 建设项目's
first school year after completion). A stage whose classes that year, formed grade by grade
(the one room rule of both plans, :func:`~.layout_years.stage_classes`: each stage group's
pupils spread over its grades as the 过渡期 spreads them, :func:`~.layout_years.year_shares`),
are more than its classrooms before the plan (its seats ÷ the standard class size) is an
:class:`Overload`, met by 临时周转 (the classrooms short), and the plan says so school by
school (:func:`overload_reasons`) and in one note (:func:`overload_note`). An overload of
pupils waiting at their present school for a new school of the plan is left to that new
school's 过渡期 row, which lists it (:mod:`~.layout_waiting`, :func:`awaited`). In the target
year itself a stage within its seats is no overload though its grades lack rooms: the layout
sizes the target year by seats per stage (rules (3)–(4)), a documented relaxation whose rooms
the school's reason names and the 达标路径 builds or rents
(:func:`~.layout_counts.room_shortfalls`, :func:`in_target_relaxation`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from junheng.planning.layout_later import STAGE_WORDS, rooms_needed

#: what covers a year's overload, as the plan says it
COVER = ("由临时周转解决（借用、租用或校内调剂用房，按临时周转教室每间每学年的单价计入当年一次性投入，不计入建设投资），需论证；也可把该校部分片区在该学年划入"
         "有空余学位的学校")
NOTE_COVER = COVER.replace("该校", "这些学校")


@dataclass(frozen=True)
class Overload:
    """A school's stage over its seats in a school year other than the plan adds rooms for."""

    school_id: str
    stage: str      # primary | junior
    year: int
    pupils: int
    seats: int
    rooms: int      # classrooms short: its classes less its rooms, met by 临时周转
    #: the pupils against those without the plan (layout_forecast.moved_words), or ""
    said: str = field(default="", repr=False, compare=False)
    #: its classes formed grade by grade (None: a stage without grades, one cohort)
    classes: int | None = None

    def text(self) -> str:
        """The overload in words: 46 pupils in each of grades 1–6 are 276 within 315 seats
        (7 rooms of 45), yet form 2 classes a grade, 12 classes: 5 rooms short.

        >>> Overload("S", "primary", 2027, 276, 315, 5, classes=12).text()
        '2027 学年小学 276 人、学位 315 个，按年级编 12 个班、现有教室 7 间，需临时周转教室 5 间'
        >>> Overload("S", "primary", 2027, 2073, 1935, 4).text()
        '2027 学年小学 2,073 人、学位 1,935 个，超出 138 人，需临时周转教室 4 间'
        """
        over = self.pupils - self.seats
        said = f"，超出 {over:,} 人" if over > 0 else ""
        if self.classes is not None:
            said += f"，按年级编 {self.classes:,} 个班、现有教室 {self.classes - self.rooms:,} 间"
        return (f"{self.year} 学年{STAGE_WORDS[self.stage]} {self.pupils:,} 人{self.said}、学位 {self.seats:,} 个"
                f"{said}，需临时周转教室 {self.rooms} 间")


def school_in(year: int, site: str, before: object, closes: dict[str, int],
              opens: dict[str, int], moves: dict[str, int] | None = None) -> str:
    """Where a row's pupils are in ``year`` (:func:`~.layout_waiting.school_in`; ``before``
    is not a school id where the pupils have no present school).

    >>> school_in(2027, "R", "C", {"C": 2030}, {}), school_in(2030, "R", "C", {"C": 2030}, {})
    ('C', 'R')
    >>> school_in(2027, "N", "A", {}, {"N": 2029}), school_in(2027, "N", None, {}, {"N": 2029})
    ('A', 'N')
    """
    return year_parts(year, site, before, "", (closes, opens, moves))[0][0]


def year_parts(year: int, site: str, before: object, group: str, timing: tuple
               ) -> tuple[tuple[str, float], ...]:
    """(school, share) of a row of stage group ``group`` in ``year``
    (:func:`~.layout_entrants.school_parts`; ``timing``: closes, opens, moves[, the entry
    rule's first year]).

    >>> year_parts(2029, "R", "C", "grades_7_9", ({}, {}, {"R": 2028}, 2027))
    (('R', 0.6666666666666666), ('C', 0.33333333333333337))
    """
    from types import SimpleNamespace

    from junheng.planning.layout_entrants import school_parts

    closes, opens, moves, *entry = timing
    row = SimpleNamespace(school_id=site, before_school=before if isinstance(before, str) else None,
                          stage_group=group)
    return school_parts(row, year, opens, closes, moves, entry[0] if entry else None)


def planner_first(data, problem) -> int | None:
    """The entry rule's first year of the planner's placement
    (:func:`~.layout_entrants.entry_first`): the first school year the plan acts in."""
    from junheng.planning.layout_entrants import entry_first
    from junheng.planning.layout_phases import first_school_year, plan_day

    return entry_first({"rezoning_grades": getattr(problem.config, "rezoning_grades", "whole")},
                       max(first_school_year(plan_day(problem.config)), data.school_year + 1))


def awaited(assignments: pd.DataFrame, schools: pd.DataFrame, opens: dict[str, int],
            years: list[int]) -> set[tuple[str, str, int]]:
    """(present school, stage, year) where pupils wait for a new school of the plan not yet
    open: the 过渡期 row of that new school lists the present school's overload
    (:mod:`~.layout_waiting`), so it is not listed again.

    >>> a = pd.DataFrame({"site_id": ["N", "R"], "before_site": ["A", "B"],
    ...                   "group": ["grades_7_9", "grades_1_3"]})
    >>> sorted(awaited(a, pd.DataFrame({"site_id": ["N"], "action": ["new"]}), {"N": 2029},
    ...                [2027, 2028, 2029]))
    [('A', 'junior', 2027), ('A', 'junior', 2028)]
    """
    from junheng.planning.layout_data import GROUP_STAGE

    new = set(schools.loc[schools["action"] == "new", "site_id"])
    rows = assignments[assignments["site_id"].isin(new)]
    return {(b, GROUP_STAGE[g], y) for s, b, g in zip(rows["site_id"], rows["before_site"],
                                                       rows["group"], strict=True)
            for y in years if isinstance(b, str) and opens.get(s, 0) > y}


def overloads(pupils: dict[tuple[str, str], int], year: int, sites: pd.DataFrame,
              skip: set[tuple[str, str]], classes: dict[tuple[str, str], int] | None = None
              ) -> list[Overload]:
    """The :class:`Overload` rows of one year: ``pupils`` per (school, stage) open that year,
    ``sites`` with ``seats_*`` and ``class_size_*``, ``skip`` the stages the 过渡期 follows,
    ``classes`` per (school, stage) its classes formed grade by grade that year
    (:func:`year_classes`); a stage without them (no grades known) fills classes as one
    cohort, ⌈(pupils − seats) ÷ class size⌉ rooms short (:func:`~.layout_years.stage_classes`'
    rule for a county without classes).

    T: 440 pupils within 450 seats (10 rooms), but 3 grades of 80 and 3 of 67 form 12 classes:
    2 rooms short; pooled, as one cohort, it would be within its rooms.

    >>> sites = pd.DataFrame({"seats_primary": [1935, 450], "class_size_primary": [45, 45],
    ...     "seats_junior": [0, 0], "class_size_junior": [50, 50]}, index=["S", "T"])
    >>> overloads({("S", "primary"): 2073, ("T", "primary"): 440}, 2027, sites, set())
    [Overload(school_id='S', stage='primary', year=2027, pupils=2073, seats=1935, rooms=4, classes=None)]
    >>> overloads({("T", "primary"): 440}, 2027, sites, set(), {("T", "primary"): 12})
    [Overload(school_id='T', stage='primary', year=2027, pupils=440, seats=450, rooms=2, classes=12)]
    >>> overloads({("S", "primary"): 2073}, 2027, sites, {("S", "primary")})
    []
    """
    out = []
    for (school, stage), n in sorted(pupils.items()):
        seats = int(sites.at[school, f"seats_{stage}"]) if school in sites.index else 0
        if (school, stage) in skip or seats <= 0:
            continue
        size = int(sites.at[school, f"class_size_{stage}"])
        k = (classes or {}).get((school, stage))
        rooms = rooms_needed(n, seats, size) if k is None else max(k - seats // size, 0)
        if rooms > 0:
            out.append(Overload(school, stage, year, int(n), seats, rooms, classes=k))
    return out


def in_target_relaxation(o: Overload, target_year: int) -> bool:
    """Whether ``o`` is the target year's shortfall of grades within the stage's seats, left
    to the 达标路径 (module docstring), not an overload of the plan.

    >>> o = Overload("S", "primary", 2029, 260, 270, 3, classes=9)
    >>> in_target_relaxation(o, 2029), in_target_relaxation(o, 2030)
    (True, False)
    """
    return o.year == target_year and o.pupils <= o.seats


def year_classes(groups: dict[tuple[str, str], float], shares, sites: pd.DataFrame
                 ) -> dict[tuple[str, str], int]:
    """(school, stage) -> its classes formed grade by grade in one school year: ``groups``
    (school, stage group) -> pupils unrounded that year, ``shares(school)`` each grade's share
    of its group that year (:func:`~.layout_years.year_shares`; empty: the stage's pupils as one
    cohort), classes of the ``sites``' ``class_size_*`` (:func:`~.layout_years.stage_classes`).
    A 教学点 (``kind`` teaching_point) fills classes as one cohort: its grades share 复式班
    classes (:func:`~.layout_unmet.rooms_short_text` leaves it out likewise), so its seats are
    its rooms' need.

    >>> sites = pd.DataFrame({"class_size_primary": [45, 30],
    ...                       "kind": ["primary_school", "teaching_point"]}, index=["T", "P"])
    >>> year_classes({("T", "grades_1_3"): 138.0, ("T", "grades_4_6"): 138.0,
    ...               ("P", "grades_1_3"): 8.0}, lambda s: {f"g{g}": 1 / 3 for g in range(1, 7)}, sites)
    {('T', 'primary'): 12, ('P', 'primary'): 1}
    """
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_years import stage_classes

    by: dict[tuple[str, str], dict[str, dict[int, float]]] = {}
    for (school, group), n in groups.items():
        by.setdefault((school, GROUP_STAGE[group]), {})[group] = {0: n}
    point = set(sites.index[sites["kind"] == "teaching_point"]) if "kind" in sites else set()
    return {(school, stage): stage_classes(g, lambda _y, s=school: {} if s in point else shares(s),
                                           int(sites.at[school, f"class_size_{stage}"])).get(0, 0)
            for (school, stage), g in by.items() if school in sites.index}


def _moves(data, problem, schools: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """School -> the school year it closes; school -> the school year it opens (the plan's
    new schools by phase, a 建设项目's new school after its completion)."""
    from junheng.planning.layout_reasons import completion
    from junheng.planning.layout_rules import opening_sites
    from junheng.planning.projects import first_year

    frame = schools.set_index("site_id")
    phased = frame["phase"].dropna()
    closes = {s: problem.school_year + int(p) for s, p in phased.items()
              if frame.at[s, "action"] == "close"}
    opens = {s: problem.school_year + int(p) for s, p in phased.items()
             if frame.at[s, "action"] == "new"}
    for sid in opening_sites(problem.sites, problem.config):
        if (done := completion(data, sid)) is not None:
            opens[sid] = first_year(done)
    return closes, opens


def frame_moves(data, problem, assignments: pd.DataFrame, schools: pd.DataFrame) -> dict[str, int]:
    """:func:`~.layout_waiting.derive_moves` of the planner's frames (``assignments``,
    ``schools``): seats before the plan (``problem.sites``) plus the plan's rooms once built,
    caps the sites' ``size_cap``."""
    from types import SimpleNamespace

    from junheng.planning.layout_phases import first_school_year, plan_day
    from junheng.planning.layout_waiting import derive_moves

    sites, frame = problem.sites, schools.set_index("site_id")
    phase = {s: (None if pd.isna(p) else int(p)) for s, p in frame["phase"].items()}
    plan = [SimpleNamespace(school_id=s, action=frame.at[s, "action"], phase=phase[s])
            for s in frame.index]

    def seats(school: str, stage: str, year: int) -> int | None:
        if school not in sites.index or school not in frame.index:
            return None
        built = frame.at[school, "action"] in ("expand", "new") and \
            problem.school_year + (phase[school] or 1) <= year
        return int(sites.at[school, f"seats_{stage}"]) + (
            int(frame.at[school, f"added_{stage}"]) * int(sites.at[school, f"class_size_{stage}"])
            if built else 0)

    before = (assignments["before_site"] if "before_site" in assignments
              else pd.Series(None, index=assignments.index))
    rows = [(v, g, s, b if isinstance(b, str) else "", d) for v, g, s, b, d in zip(
        assignments["village_code"], assignments["group"], assignments["site_id"], before,
        assignments["demand"], strict=True)]
    first = max(first_school_year(plan_day(problem.config)), data.school_year + 1)
    return derive_moves(data, rows, plan, seats, {s: int(c) for s, c in sites["size_cap"].items()},
                        (data.school_year, problem.target_year, first),
                        planner_first(data, problem) is not None)


def phased_pupils(data, problem, assignments: pd.DataFrame, schools: pd.DataFrame,
                  years: list[int], shifts=(), by_group: bool = False
                  ) -> dict[int, dict[tuple[str, str], int]]:
    """School year -> (school, stage) -> the plan's pupils there that year, placed by the
    plan's timing (closings and openings by phase, 划片 moves once the receiver is ready:
    :func:`frame_moves`, under the entry rule the entering grades only: :func:`year_parts`),
    the figures of the 过渡期 and the 大校额逐年 note (review rv2 1: a new
    school's note read the target year's shares in 2027, 1,843 where the 过渡期 read 2,510);
    ``shifts``: the year moves to open new schools (:mod:`~.layout_shifts`); ``by_group``:
    (school, stage group) -> pupils unrounded (:func:`~.layout_years.summed`)."""
    from junheng.planning.layout_shifts import moved_to, shift_map
    from junheng.planning.layout_years import growth_factors, summed

    closes, opens = _moves(data, problem, schools)
    timing = (closes, opens, frame_moves(data, problem, assignments, schools),
              planner_first(data, problem))
    before = (assignments["before_site"] if "before_site" in assignments
              else pd.Series(None, index=assignments.index))
    groups = list(zip(assignments["village_code"], assignments["group"], before, strict=True))
    factors = growth_factors(data, groups, problem.target_year, years)
    out, shifted = {}, shift_map(shifts)
    for year in years:
        placed = [((v, g, moved_to(at, year, v, g, shifted), d * f), k)
                  for (v, g, _), s, b, d, k in zip(groups, assignments["site_id"], before,
                                                   assignments["demand"], factors[year], strict=True)
                  for at, f in year_parts(year, s, b, g, timing)]
        out[year] = summed([r for r, _ in placed], [k for _, k in placed], by_group)
    return out


def followed_stages(added: pd.DataFrame) -> set[tuple[str, str]]:
    """The (school, stage) the 过渡期 rows follow, none of them an :class:`Overload` too: every
    stage of a school the plan builds at (``added``: ``added_<stage>`` rooms by site), since the
    过渡期 looks at each stage of such a school, the other stage of a 九年一贯制 school borrowed
    net of its spare rooms (brief hyears 1; the merged demo counted 新区实验学校's 小学 room of
    2029 in its 过渡期 row and again as a year over its seats).

    >>> added = pd.DataFrame({"added_primary": [0, 0], "added_junior": [4, 0]}, index=["N", "K"])
    >>> sorted(followed_stages(added))
    [('N', 'junior'), ('N', 'primary')]
    """
    building = added.index[sum(added[f"added_{st}"] for st in STAGE_WORDS) > 0]
    return {(s, st) for st in STAGE_WORDS for s in building}


def year_overloads(data, problem, assignments: pd.DataFrame,
                   schools: pd.DataFrame, shifts=()) -> list[Overload]:
    """Every :class:`Overload` of the plan (``assignments``: ``village_code``, ``group``,
    ``site_id``, ``before_site``, ``demand``; ``schools``: the planner's frame), by year, left
    after its year moves (``shifts``: :mod:`~.layout_shifts`)."""
    from junheng.planning.layout_forecast import moved_words, school_forecast
    from junheng.planning.layout_phases import first_school_year, plan_day
    from junheng.planning.layout_years import growth_factors, plan_years, summed, year_shares

    closes, opens = _moves(data, problem, schools)
    added = schools.set_index("site_id")
    skip = followed_stages(added)
    first = max(first_school_year(plan_day(problem.config)), data.school_year + 1)
    before = (assignments["before_site"] if "before_site" in assignments
              else pd.Series(None, index=assignments.index))
    years = plan_years(data.school_year, problem.target_year, first)
    waiting = awaited(assignments.assign(before_site=before), schools, opens, years)
    groups = list(zip(assignments["village_code"], assignments["group"], before, strict=True))
    factors = growth_factors(data, groups, problem.target_year, years)
    placed = phased_pupils(data, problem, assignments, schools, years, shifts)
    grouped = phased_pupils(data, problem, assignments, schools, years, shifts, by_group=True)
    shares = year_shares(data, problem.sites)
    out: list[Overload] = []
    for year in years:
        open_then = {k: n for k, n in placed[year].items()
                     if closes.get(k[0], math.inf) > year and opens.get(k[0], -math.inf) <= year}
        own = summed([(v, g, b, d) for (v, g, b), d in zip(groups, assignments["demand"],
                                                           strict=True)], factors[year])
        out += [replace(o, said=moved_words(o.pupils, own.get((o.school_id, o.stage)),
                                            school_forecast(data) is not None))
                for o in overloads(open_then, year, problem.sites, skip, year_classes(
                    grouped[year], lambda s, y=year: shares(s, y), problem.sites))
                if (o.school_id, o.stage, year) not in waiting
                and not in_target_relaxation(o, problem.target_year)]
    return out


def overload_reasons(found: list[Overload], schools: pd.DataFrame) -> dict[str, str]:
    """School -> the clause its reason (理由) gains: a sentence of its own, or a "；" clause
    after a closed school's reason (``schools``: ``site_id``, ``action``).

    >>> found = [Overload("S", "primary", 2027, 2073, 1935, 4)]
    >>> print(overload_reasons(found, pd.DataFrame({"site_id": ["S"], "action": ["keep"]}))["S"])
    规划年以外学年超出学位或按年级编班缺教室（本方案按规划年核定学位，未扩建该学段）：2027 学年小学 2,073 人、学位 1,935 个，超出 138 人，需临时周转教室 4 间；由临时周转解决（借用、租用或校内调剂用房，按临时周转教室每间每学年的单价计入当年一次性投入，不计入建设投资），需论证；也可把该校部分片区在该学年划入有空余学位的学校。
    >>> overload_reasons(found, pd.DataFrame({"site_id": ["S"], "action": ["close"]}))["S"][:15]
    '；规划年以外学年超出学位或按年'
    """
    closing = set(schools.loc[schools["action"] == "close", "site_id"])
    by: dict[str, list[str]] = {}
    for o in found:
        by.setdefault(o.school_id, []).append(o.text())
    out = {}
    for s, parts in by.items():
        text = ("规划年以外学年超出学位或按年级编班缺教室（本方案按规划年核定学位，未扩建该学段）：" + "、".join(parts)
                + f"；{COVER}")
        out[s] = f"；{text}" if s in closing else f"{text}。"
    return out


def overload_note(found: list[Overload], names: dict[str, str]) -> tuple[str, ...]:
    """The plan's note on every year's overload (() without any).

    >>> print(overload_note([Overload("S", "primary", 2027, 2073, 1935, 4),
    ...     Overload("S", "primary", 2028, 1960, 1935, 1)], {"S": "二实小"})[0])
    规划年以外学年超出学位或按年级编班缺教室：本方案按规划年核定学位，另逐年核对各校学位（扩建的学段和新建学校启用前等待转入的学生见“过渡期”，不在此列），1 所学校共 2 个学年超出学位或缺教室：二实小 2027 学年小学 2,073 人、学位 1,935 个，超出 138 人，需临时周转教室 4 间；2028 学年小学 1,960 人、学位 1,935 个，超出 25 人，需临时周转教室 1 间。均由临时周转解决（借用、租用或校内调剂用房，按临时周转教室每间每学年的单价计入当年一次性投入，不计入建设投资），需论证；也可把这些学校部分片区在该学年划入有空余学位的学校。
    """
    if not found:
        return ()
    by: dict[str, list[str]] = {}
    for o in found:
        by.setdefault(o.school_id, []).append(o.text())
    parts = [names.get(s, s) + " " + "；".join(texts) for s, texts in by.items()]
    return (f"规划年以外学年超出学位或按年级编班缺教室：本方案按规划年核定学位，另逐年核对各校学位（扩建的学段和新建学校启用前等待转入的学生见“过渡期”，不在此列），"
            f"{len(by)} 所学校共 {len(found)} 个学年超出学位或缺教室：" + "；".join(parts) + f"。均{NOTE_COVER}。",)
