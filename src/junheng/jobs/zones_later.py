"""就近划片 and the building projects that open later (review finding 10: the zones result
said "超员需由扩建、新建解决（见布局调整方案）" while the layout said the new school could take
more villages "在就近划片中": each sent the reader to the other).

A county's zones are solved on the places of a school year (the data year by default,
``projects_year``/``--places-year`` a later one: :func:`~junheng.planning.projects.county_at`
counts the 在建、规划 projects in use by then). When the plan still leaves pupils over
capacity, :class:`LaterPlaces` names the projects of the stage that open within
:data:`LOOKAHEAD` school years after that (school, what it adds, the school year it is in
use), solves the zones once more on the places of the year the last of them opens (the
pupils stay the data year's) and says how much of the over capacity they relieve: directly
(more places at a school, today's zones kept) and by rezoning (villages zoned to a new
school). A run on a later year's places says the same against the data year's places.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from junheng.model.county import CountyData
from junheng.planning.project_entry import ProjectEntry
from junheng.planning.projects import county_at
from junheng.zones.io import ZoneInput
from junheng.zones.problem import ZonePlan, ZoneProblem

#: School years after the places' year whose projects are looked at (the layout plan's
#: default horizon: data year + 5).
LOOKAHEAD = 5
#: School types with places of each stage (a project elsewhere adds none of them).
STAGE_TYPES = {
    "primary": {"primary_school", "nine_year", "twelve_year", "teaching_point"},
    "junior": {"junior_school", "nine_year", "twelve_year", "complete_secondary"},
}
TYPE_WORDS = {"new_build": "新建", "expansion": "改扩建", "relocation": "迁建"}
#: (the web form's field and the CLI's ``--places-year``, whose help starts with its name)
HOW = "要得到该方案的划片表和地图：把“学位计入学年”设为 {year} 后重新计算。"
#: what this table's 调整学区学生 counts, against the layout plan's 城区划片 (planner review
#: 2026-12-05 finding 9: 调整学区学生 0 here, 11 units moved there)
WHAT_COUNTS = ("本表“调整学区学生”是按 {year} 学年学位所求划片方案调整的学生；布局调整方案的“城区划片”"
               "按规划年（新建学校启用后）的学位和学生划片，两者口径不同。")


@dataclass(frozen=True)
class Opening:
    """A school whose places of the stage grow by a project: its zone name, the project
    kind in words, the places it adds, the first school year they are in use, and whether it
    is a new school."""

    school: str
    kind: str
    seats: float
    year: int
    new: bool = False
    filled: int = 0  # the projects' 新增学位 as filled in (0 when not filled)
    rooms: int = 0  # the classrooms the projects add, that ``seats`` counts

    def text(self) -> str:
        """The school, what its projects add and when; places filled in that differ from the
        zones' (classrooms × the standard class size) say both (review 2026-12-04 finding 5:
        the zones said 新增学位 450 where the project, the layout and 整改措施 say 495).

        >>> Opening("城东第二小学", "新建", 2160.0, 2027, True).text()
        '城东第二小学（新建，学位 2,160 个，2027 学年投入使用）'
        >>> Opening("第一初级中学", "改扩建", 450.0, 2026, filled=495, rooms=9).text()
        '第一初级中学（改扩建，新增学位 495 个，划片按折合普通教室 9 间计 450 个，2026 学年投入使用）'
        """
        if self.new:
            seats = f"学位 {self.seats:,.0f} 个"
        elif self.filled and self.rooms and round(self.filled) != round(self.seats):
            seats = (f"新增学位 {self.filled:,} 个，划片按折合普通教室 {self.rooms:,} 间计 "
                     f"{self.seats:,.0f} 个")
        else:
            seats = f"新增学位 {self.seats:,.0f} 个"
        return f"{self.school}（{self.kind}，{seats}，{self.year} 学年投入使用）"


@dataclass(frozen=True)
class Relief:
    """Over capacity of today's zones on the places before the projects, on the places of
    ``year`` with today's zones (the projects' direct relief) and in the plan on them (with
    the pupils moved, those zoned to each new school and the schools still over); the
    pupils are those of ``pupils_year`` throughout."""

    pupils_year: int
    year: int
    over_before: float
    over_then: float
    over_plan: float
    moved: float
    into_new: tuple[tuple[str, float], ...] = ()
    left: tuple[tuple[str, float], ...] = ()
    opened: tuple[Opening, ...] = ()  # the projects counted, for the places filled in

    def text(self) -> str:
        """The relief in one Chinese sentence (no final stop).

        >>> print(Relief(2025, 2027, 100, 60, 20, 50, (("新区小学", 40.0),), (("一小", 20.0),)).text())
        按 2027 学年的学位划片（计入 2027 学年开学前投入使用的在建、规划项目，学生仍按 2025 学年）：超员 100 → 20 人，其中项目直接缓解 40 人（现行划片不变），调整学区 50 人再缓解 40 人（划入新区小学 40 人）；仍超员：一小 20 人
        """
        text = (
            f"按 {self.year} 学年的学位划片（计入 {self.year} 学年开学前投入使用的在建、规划项目，"
            f"学生仍按 {self.pupils_year} 学年）：超员 {self.over_before:,.0f} → "
            f"{self.over_plan:,.0f} 人"
        )
        parts = []
        if self.over_before - self.over_then > 0:
            parts.append(
                f"项目直接缓解 {self.over_before - self.over_then:,.0f} 人（现行划片不变）"
            )
        if self.moved > 0:
            into = "、".join(f"{name} {n:,.0f} 人" for name, n in self.into_new if n > 0)
            parts.append(
                f"调整学区 {self.moved:,.0f} 人再缓解 {self.over_then - self.over_plan:,.0f} 人"
                + (f"（划入{into}）" if into else "")
            )
        text += ("，其中" + "，".join(parts)) if parts else ""
        if self.left:
            text += "；仍超员：" + "，".join(self._left(name, over) for name, over in self.left)
        return text

    def _left(self, name: str, over: float) -> str:
        """One school still over; where its projects filled in more places than the zones
        count (classrooms × the standard class size) and the excess holds the pupils over,
        say so (review2 'partly landed' 5: 第一初级中学 24 人 over while 495 places were filled in).

        >>> o = Opening("第一初级中学", "改扩建", 450.0, 2026, filled=495, rooms=9)
        >>> Relief(2025, 2026, 30, 24, 24, 0, opened=(o,))._left("第一初级中学", 24.0)
        '第一初级中学 24 人（按划片新增学位 450 个即折合普通教室 9 间 × 50 人计；在县区填报的新增学位 495 个之内，按填报学位不超员）'
        >>> Relief(2025, 2026, 60, 50, 50, 0, opened=(o,))._left("第一初级中学", 50.0)
        '第一初级中学 50 人'
        """
        o = next((o for o in self.opened if o.school == name and o.rooms and not o.new), None)
        if o is None or o.filled <= o.seats or over > o.filled - o.seats:
            return f"{name} {over:,.0f} 人"
        return (f"{name} {over:,.0f} 人（按划片新增学位 {o.seats:,.0f} 个即折合普通教室 {o.rooms:,} 间 × "
                f"{o.seats / o.rooms:,.0f} 人计；在县区填报的新增学位 {o.filled:,} 个之内，按填报学位不超员）")


def later_entries(data: CountyData, stage: str, year: int,
                  today: date | None = None) -> list[tuple[ProjectEntry, int]]:
    """The 在建、规划 projects of ``data`` counted within :data:`LOOKAHEAD` school years
    after ``year`` but not by ``year``, at a public school with places of ``stage`` that
    they add (rooms, or a new school), with the school year each is in use
    (:meth:`~ProjectEntry.in_use_from` ``today``: a project past its 竣工日期 on ``today`` is
    in use from the next school year, as in every other plan; review 2026-12-05 finding 9)."""
    far = county_at(data, year + LOOKAHEAD)
    now = {(e.name, e.school_id) for e in county_at(data, year).counted}
    schools = far.data.schools.set_index(far.data.schools["school_id"].astype(str))
    out = []
    for e in far.counted:
        if (e.name, e.school_id) in now or e.completion is None or e.school_id not in schools.index:
            continue
        row = schools.loc[e.school_id]
        if (
            row["school_type"] in STAGE_TYPES[stage]
            and row.get("ownership") != "private"
            and (e.rooms > 0 or e.school_id in far.new_schools)
        ):
            out.append((e, e.in_use_from(today)))
    return out


def openings(
    before: ZoneInput, after: ZoneInput, entries: list[tuple[ProjectEntry, int]]
) -> tuple[Opening, ...]:
    """The schools of ``after`` with more places than in ``before`` (or new), named by the
    projects of ``entries`` at them (by school name)."""
    had = dict(zip(before.schools.names, before.schools.capacity, strict=True))
    out = []
    for name, seats in zip(after.schools.names, after.schools.capacity, strict=True):
        mine = [(e, y) for e, y in entries if name == e.school or name.startswith(f"{e.school}（")]
        grown = float(seats) - float(had.get(name, 0.0))
        if mine and grown > 0:
            kinds = "、".join(
                dict.fromkeys(TYPE_WORDS.get(e.project_type, "其他") for e, _ in mine)
            )
            out.append(Opening(name, kinds, grown, max(y for _, y in mine), name not in had,
                               sum(e.places for e, _ in mine), sum(e.rooms for e, _ in mine)))
    return tuple(sorted(out, key=lambda o: (o.year, o.school)))


def relief(
    before: ZoneProblem,
    after: ZoneInput,
    plan: np.ndarray,
    pupils_year: int,
    year: int,
    new: set[str],
    opened: tuple[Opening, ...] = (),
) -> Relief:
    """The :class:`Relief` of ``plan`` on ``after`` against today's zones on ``before``
    (``opened``: the projects' :class:`Opening` rows, for the places they filled in)."""
    p, names = after.problem, after.schools.names
    today = np.where(p.current >= 0, p.current, plan)
    into = tuple(
        (names[s], float(p.pupils[plan == s].sum())) for s in range(p.k) if names[s] in new
    )
    over = p.over(plan)
    left = tuple(
        (names[s], float(over[s])) for s in np.argsort(-over, kind="stable") if over[s] > 0
    )
    first = np.where(before.current >= 0, before.current, 0)
    return Relief(
        pupils_year,
        year,
        float(before.over(first).sum()),
        float(p.over(today).sum()),
        float(over.sum()),
        p.moved(plan),
        into,
        left,
        opened,
    )


@dataclass
class LaterPlaces:
    """The notes on later projects of one county-stage run (``__call__`` from
    :func:`junheng.jobs.zones.run_zones`). ``build(year)``: the zoning input on the places
    of ``year`` (the run's options otherwise); ``year``: the run's places year; ``today``:
    the day the plan is made (:func:`later_entries`)."""

    data: CountyData
    stage: str
    build: Callable[[int], ZoneInput]
    year: int
    today: date | None = None

    def __call__(self, zones: ZoneInput, plan: ZonePlan, solve) -> tuple[list[str], list[str]]:
        """(notes on the projects this run counts, notes on those opening later: the
        remedy of the over capacity left)."""
        return self._counted_notes(zones, plan), self._later_notes(zones, plan, solve)

    def _counted_notes(self, zones: ZoneInput, plan: ZonePlan) -> list[str]:
        base = self.data.school_year
        if self.year <= base:
            return []
        earlier = self.build(base)
        done = openings(earlier, zones, later_entries(self.data, self.stage, base, self.today))
        if not done:
            return []
        return [
            f"本方案学位计入 {self.year} 学年开学前投入使用的在建、规划项目："
            + "、".join(o.text() for o in done)
            + "。"
            + relief(
                earlier.problem,
                zones,
                plan.school,
                base,
                self.year,
                {o.school for o in done if o.new},
                done,
            ).text()
            + "。"
        ]

    def _later_notes(self, zones: ZoneInput, plan: ZonePlan, solve) -> list[str]:
        entries = later_entries(self.data, self.stage, self.year, self.today)
        if zones.problem.over(plan.school).sum() <= 0 or not entries:
            return []
        year = max(y for _, y in entries)
        after = self.build(year)
        found = openings(zones, after, entries)
        if not found:
            return []
        current = after.problem.current
        later = solve(after.problem, current if (current >= 0).all() else None)
        head = "在建、规划项目中" + "、".join(o.text() for o in found) + "将增加学位。"
        if later.school.min() < 0:
            return [head + f"按 {year} 学年的学位在时限内没有求得划片方案。"]
        text = relief(
            zones.problem,
            after,
            later.school,
            self.data.school_year,
            year,
            {o.school for o in found if o.new},
            found,
        ).text()
        return [f"{head}{text}。{WHAT_COUNTS.format(year=self.year)}{HOW.format(year=year)}"]


def county_later(data: CountyData, stage: str, options: dict,
                 today: date | None = None) -> LaterPlaces:
    """The :class:`LaterPlaces` of a county run with ``options`` (those of
    :func:`~junheng.jobs.zones_county.county_zone_input`, ``projects_year`` among them),
    made on ``today`` (default: today in Beijing)."""
    from junheng.jobs.zones_county import county_zone_input
    from junheng.model.times import today_beijing

    def build(year: int) -> ZoneInput:
        return county_zone_input(data, stage, **{**options, "projects_year": year})

    return LaterPlaces(data, stage, build, int(options.get("projects_year") or data.school_year),
                       today or today_beijing())
