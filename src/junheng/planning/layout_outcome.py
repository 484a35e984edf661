"""What a layout plan decided, as typed records: every school's action, every village's school,
the before/after metrics and CVs.

:class:`LayoutOutcome` is what the reports, the web and the CLI read. A plan solved in this
process gives it as :attr:`LayoutPlan.outcome <junheng.planning.LayoutPlan.outcome>`; a
``plan.json`` gives it through :func:`junheng.planning.layout_json.read_layout_json`, the one
reader, so both paths render the same way. Numbers carry the precision ``plan.json`` documents
(``docs/layout-json.md``): objective and bound in whole 分, the gap to 6 decimals, distances to
the metre, minutes to 2 decimals."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from junheng.model.numbers import wan
from junheng.planning.layout_order import main_first, school_ordered

ACTIONS = ("keep", "close", "expand", "new")


def shown_yuan(amounts) -> float:
    """The sum of one-off amounts (元), each rounded once to 0.01 万元 (100 元) as the tables
    show it per school, so every total is the sum of the shown parts (review item 9: one
    plan's construction was 7,843.61 万元 in one place and 7,843.60 in another).

    >>> shown_yuan([1_049.0, 1_049.0, 1_049.0]), round(3 * 1_049.0 / 10_000, 2)
    (3000.0, 0.31)

    Each rounded half up, as :func:`junheng.model.numbers.wan` (610,850 元 is 61.09 万元, not
    61.08 by rounding 6,108.5 hundreds half to even):

    >>> shown_yuan([143_100.0, 610_850.0, 1_310_400.0])
    2064400.0
    """
    return 100.0 * sum(round(wan(a) * 100) for a in amounts)


@dataclass(frozen=True)
class PlannedSchool:
    """One existing or new school with what the plan does to it."""

    school_id: str
    name: str
    action: str  # keep | close | expand | new
    kind: str = ""
    merged_into: str | None = None
    phase: int | None = None
    added_classrooms: int = 0
    added_classrooms_by_stage: Mapping[str, int] = field(default_factory=dict)
    added_beds: int = 0
    beds_after: int = 0
    boarding: bool = False
    capacity: Mapping[str, int] = field(default_factory=dict)
    students_after: Mapping[str, int] = field(default_factory=dict)
    students_now: int = 0        # compulsory pupils in the data year (当前)
    students_expected: int = 0   # target year without the plan (规划年不调整)
    lon: float | None = None
    lat: float | None = None
    town_code: str | None = None
    #: the 城乡分类代码 of its site (a new school's: of the community its site is named after;
    #: "" in plans stored before 2026-12-04, read as 121 镇中心区)
    urban_rural_code: str = ""
    teachers_to_redeploy: int = 0  # a closed school's compulsory teachers, redeployed
    #: a closed school's receivers with its pupils in the year it closes and its teachers
    #: (planning.layout_small.with_closing_moves; {} in plans stored before 2026-12-04)
    moved_pupils: Mapping[str, int] = field(default_factory=dict)
    moved_teachers: Mapping[str, int] = field(default_factory=dict)
    capital_yuan: float = 0.0  # one-off construction here (rooms, beds, a new school), 元
    #: a new school's teaching and auxiliary area to the standard beyond its classrooms, m²,
    #: and its cost (in capital_yuan; planning.layout_areas, term (16))
    standard_area: float = 0.0
    standard_area_yuan: float = 0.0
    #: a new school's sports field (m²), its cost, equipment, teacher posts (layout_newsite)
    field_area: float = 0.0
    field_yuan: float = 0.0
    equipment_yuan: float = 0.0
    teacher_posts: int = 0
    #: a receiver's per-pupil areas the moved pupils need beyond its spare area, m²
    #: (compulsory part; planning.layout_areas)
    added_teaching_area: float = 0.0
    added_sports_area: float = 0.0  # the hall (城镇, at most the cap) or field (乡村) built
    #: that sports area is an outdoor field (乡村, or its spare ground holds it: halls.field_holds)
    sports_field: bool = False
    area_yuan: float = 0.0  # their one-off cost, 元 (metrics: receiver_area_yuan)
    sports_beyond_cap_area: float = 0.0  # m² beyond the hall cap or ground: not priced, 需征地/租用
    sports_land_area: float = 0.0  # m² of land bought beside it, a field on it (rule (25))
    sports_land_yuan: float = 0.0  # its 元 (land and field), within area_yuan
    sports_m2: Mapping[str, float] = field(default_factory=dict)  # its sports need (layout_sports)
    #: added rooms met by 临时周转 instead of building (planning.layout_years); they stay in
    #: added_classrooms, capacity and capital_yuan (the target year's end state)
    temporary_classrooms: int = 0
    temporary_yuan: float = 0.0  # their construction cost within capital_yuan, not spent
    borrowed_classrooms: int = 0  # of them, the target year's the solve borrows (27): the budget does not pay them
    #: the seats of those rooms by stage (within capacity; {} in plans stored before 2026-12-05)
    temporary_seats: Mapping[str, int] = field(default_factory=dict)
    spare_ground_m2: float | None = None  # ground for 临时周转 rooms (layout_ground; None: unknown)
    #: of it, what the sports builds leave for 装配式 rooms and how many stand there in the peak
    #: year (layout_ground.room_ground; None: plans stored before, or unknown ground)
    room_ground_m2: float | None = None
    ground_rooms: int = 0
    #: a school an unfinished 新建 project builds: its status (planned | under_construction)
    #: and the school year it first takes pupils (:func:`~.layout_conditions.with_openings`); "" and None otherwise
    project_status: str = ""
    opens_year: int | None = None
    #: a closure's condition: its receiver's project is still 规划 (先建后撤,
    #: :func:`~.layout_conditions.with_conditions`); "" otherwise
    condition: str = ""
    stay_floor: int = 0  # an open existing school's relief floor (12): pupils it keeps at least
    #: the figures of the floor (layout_rules.floor_fields; {} in plans stored before 2026-12-07)
    floor_terms: Mapping[str, float] = field(default_factory=dict)
    #: unfinished 改扩建 projects its seats count: {"name", "status", "due", "rooms"} each
    #: (:func:`~.layout_conditions.with_added_rooms`; () in plans stored before 2026-12-06)
    unfinished_projects: tuple = ()
    #: stage -> the indicators below the standard that hold its pass on land not yet granted
    #: 待核实 though the land leaves its sports area at 85 % or more (the 达标路径's re-check,
    #: :func:`~.layout_sports.with_land_shares`; not stored in plan.json)
    land_below: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def built_classrooms(self) -> int:
        """The rooms it builds: its added rooms less those met by 临时周转 (borrowed, not built)."""
        return int(self.added_classrooms) - int(self.temporary_classrooms)

    @property
    def lasting_capacity(self) -> dict[str, int]:
        """Its seats by stage once the 过渡期 is over: ``capacity`` (the target year's, which
        counts the rooms met by 临时周转) less the seats of those borrowed rooms, the 调整后学位
        every table shows (a borrowed room is no lasting place).

        >>> PlannedSchool("A", "甲", "expand", capacity={"primary": 0, "junior": 350},
        ...               temporary_classrooms=1, temporary_seats={"junior": 50}).lasting_capacity
        {'primary': 0, 'junior': 300}
        """
        return {k: int(v) - int(self.temporary_seats.get(k, 0)) for k, v in self.capacity.items()}

    @property
    def shown_capital_yuan(self) -> float:
        """Its construction less the rooms met by 临时周转 (not built) and the receiver's areas,
        each rounded as shown (:func:`shown_yuan`): its one 建设投资 figure everywhere."""
        return shown_yuan([self.capital_yuan]) - shown_yuan([self.temporary_yuan]) + shown_yuan([self.area_yuan])

    @property
    def receivers(self) -> dict[str, int]:
        """A closed school's receivers with the pupils each takes in the year it closes: the
        school it is merged into first (0 pupils in plans stored before 2026-12-04), then the
        others that take pupils, most first (:func:`main_first`); {} for a school not closed
        into another. The one list the tables, the map, the conditions and the teachers read.

        >>> PlannedSchool("A", "甲", "close", merged_into="C",
        ...               moved_pupils={"B": 40, "C": 30, "D": 0}).receivers
        {'C': 30, 'B': 40}
        >>> PlannedSchool("A", "甲", "close", merged_into="C").receivers
        {'C': 0}
        """
        by = {k: int(n) for k, n in self.moved_pupils.items() if n}
        if self.merged_into:
            by.setdefault(self.merged_into, 0)
        return main_first(by, self.merged_into)

    def teachers_text(self, names: Mapping[str, str]) -> str:
        """A closed school's teachers redeployed, split by receiver where there are several
        ("" for none; review 2026-12-04 B6: all 11 went to one of two receivers).

        >>> s = PlannedSchool("A", "袁桥村小学", "close", teachers_to_redeploy=11,
        ...                   moved_teachers={"B": 7, "C": 4})
        >>> s.teachers_text({"B": "小杏寨村小学", "C": "第二小学"})
        '11 名教师随学生调配到小杏寨村小学 7 人、第二小学 4 人'
        >>> replace(s, moved_teachers={"B": 11, "C": 0}).teachers_text({})
        '11 名教师调配'

        Pupils split but teachers all going to one receiver: it is named (review 2026-12-04
        finding 17: 许小岗村教学点's pupils went 5 and 1, its "2 名教师调配" said nowhere).

        >>> replace(s, teachers_to_redeploy=2, moved_pupils={"B": 5, "C": 1},
        ...         moved_teachers={"B": 2, "C": 0}).teachers_text({"B": "邓家寺村小学"})
        '2 名教师均调配到邓家寺村小学'
        """
        if not self.teachers_to_redeploy:
            return ""
        split = [(k, n) for k, n in self.moved_teachers.items() if n]
        if len(split) < 2:
            to = split[0][0] if split and split[0][1] == self.teachers_to_redeploy \
                else self.merged_into
            n = self.teachers_to_redeploy
            if sum(1 for k in self.receivers.values() if k) < 2 or not to:
                return f"{n:,} 名教师调配"
            return f"{n:,} 名教师{'均' if n > 1 else ''}调配到{names.get(to, to)}"
        return (f"{self.teachers_to_redeploy:,} 名教师随学生调配到"
                + "、".join(f"{names.get(k, k)} {n:,} 人" for k, n in split))

    @property
    def action_label(self) -> str:
        """Its action as every table and the map name it: a kept school that a 规划 or 在建
        project is still building reads as that project with its first school year, not 保留
        (planner review: 城东新区第二小学, opening 2027, read "保留").

        >>> PlannedSchool("A", "甲", "keep", project_status="under_construction",
        ...               opens_year=2027).action_label
        '在建（2027 学年启用）'
        >>> PlannedSchool("A", "甲", "keep").action_label, PlannedSchool("A", "甲", "close").action_label
        ('保留', '撤并')
        """
        from junheng.model.codes_v2 import PROJECT_STATUSES
        from junheng.model.labels import SHOWN_ACTION_LABELS

        if self.shown_action == "keep" and self.opens_year:
            status = {v: k for k, v in PROJECT_STATUSES.items()}.get(self.project_status, "在建")
            return f"{status}（{self.opens_year} 学年启用）"
        return SHOWN_ACTION_LABELS[self.shown_action]

    @property
    def shown_action(self) -> str:
        """Its action as the reports count it: a kept school built at (a receiver's hall or area,
        layout_areas) is ``rebuild`` (改扩建), not 保留 (layoutfix 11). An expansion building no room
        nor bed (its rooms borrowed: 临时周转) is ``rebuild`` when it builds a receiver's area in a
        building, else ``temporary``, not 扩建; either, or a kept school, building only a field or
        land is ``grounds`` (补足运动场地; rv6 N8: 东城小学 「改扩建」 built no building).
        >>> [PlannedSchool("A", "甲", a, area_yuan=z).shown_action for a, z in (("keep", 9.0), ("expand", 0.0))]
        ['rebuild', 'expand']
        >>> PlannedSchool("D", "东城", "expand", added_classrooms=2, temporary_classrooms=2, area_yuan=9.0,
        ...               sports_field=True).shown_action
        'grounds'
        """
        field_only = (self.sports_field or self.sports_land_area > 0) and not (
            self.added_teaching_area or (self.added_sports_area and not self.sports_field))
        if self.action == "expand" and self.temporary_classrooms and not (self.built_classrooms or self.added_beds):
            return ("grounds" if field_only else "rebuild") if self.area_yuan > 0 else "temporary"
        if self.action == "keep" and (self.capital_yuan > 0 or self.area_yuan > 0):
            return "grounds" if field_only and self.capital_yuan <= 0 else "rebuild"
        return self.action


@dataclass(frozen=True)
class YearRooms:
    """One school's stage in one school year of the 过渡期."""

    year: int
    school_id: str
    stage: str          # primary | junior
    pupils: int         # its pupils that year after the plan
    overflow: int       # rooms they fill beyond the seats before the plan (≤ the plan's rooms)
    built: int          # the plan's rooms standing that year (built that year or before)
    temporary: int      # rooms met by 临时周转 that year: overflow beyond the built rooms
    new_rooms: int = 0  # rooms built that year
    #: pupils waiting at their present school over its standard seats and the classrooms
    #: short: a new school's row before it opens, an open school's own (planning.layout_waiting)
    crowded: int = 0
    crowded_rooms: int = 0
    #: the present schools that hold them: (school_id, pupils over, classrooms short) each
    crowded_at: tuple[tuple[str, int, int], ...] = ()
    #: an open school's row: pupils there that year beyond ``pupils`` waiting for a new school
    #: not yet open (the 大校额逐年 note counts them there too; planning.layout_waiting)
    waiting: int = 0


@dataclass(frozen=True)
class VillageAssignment:
    """The school a village's stage group attends after the plan."""

    village_id: str
    stage_group: str  # grades_1_3 | grades_4_6 | grades_7_9
    school_id: str
    students: int
    distance_km: float
    travel_min: float
    boarding: bool     # boards by the rule (trip beyond the day limit)
    board_share: float = 0.0  # share who board: 1 by the rule, today's share where kept
    village_name: str = ""  # the 村居's name (older plans: "")
    before_school: str = ""  # the part's school today ("" when it has none; older plans)
    urban: bool = False      # a 城区 community (城乡分类代码 111/112): 就近划片 applies
    pinned: bool = False     # today's boarders at a town school, apart from 划片

    @property
    def boarders(self) -> int:
        return round(self.students * self.board_share)


def by_school(assignments, apart=None) -> list[VillageAssignment]:
    """The assignments with the parts of one village's stage group that go to the same school
    made one row (a 城区 community is split by today's schools, and the plan may send two parts
    to one school: the sheets then showed "分 2 所学校就读" on two rows naming the same school).
    Boarders add up; rows in their first part's order; parts flagged ``apart`` merge apart.

    >>> a = VillageAssignment("V", "grades_1_3", "S", 167, 0.12, 0.76, False, 0.0, "人民路社区")
    >>> b = VillageAssignment("V", "grades_1_3", "S", 61, 0.12, 0.76, False, 0.0, "人民路社区")
    >>> c = VillageAssignment("V", "grades_1_3", "T", 10, 1.5, 7.0, True, 1.0, "人民路社区")
    >>> [(x.school_id, x.students, x.boarders) for x in by_school([a, c, b])]
    [('S', 228, 0), ('T', 10, 10)]
    """
    rows: dict[tuple[str, str, str, bool], VillageAssignment] = {}
    for a, flag in zip(assignments, [False] * len(assignments) if apart is None else apart, strict=True):
        key = (a.village_id, a.stage_group, a.school_id, bool(flag))
        if key in rows:
            kept = rows[key]
            students = kept.students + a.students
            share = (kept.boarders + a.boarders) / students if students else 0.0
            a = replace(kept, students=students, board_share=share,
                        boarding=kept.boarding or a.boarding)
        rows[key] = a
    return list(rows.values())


@dataclass(frozen=True)
class CvComparison:
    """The 优质均衡 2017 resource CVs per stage before and after the plan, the assumptions, and
    the standard's limit of each CV that has one (the plan keeps every CV within its limit or,
    where the county exceeds it already, no worse)."""

    before: Mapping[str, Mapping[str, float]]
    after: Mapping[str, Mapping[str, float]]
    assumptions: tuple[str, ...]
    limits: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    #: per CV over its limit after the plan, the schools that make it so (layout_cv.cause_lines)
    causes: tuple[str, ...] = ()
    #: the same CVs of the data year (the 自评's 2025 figure beside the plan year's, rv 4); {} if older
    today: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    #: the same CVs after the 达标路径 (:func:`~.layout_cv_words.with_path`, rv28 2), not in plan.json
    path: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def over_limit(self) -> list[tuple[str, str, float, float, float | None]]:
        """(stage, indicator, after, limit, before) of every CV over its limit after the plan,
        whether the plan raised it or it was over before."""
        out = []
        for stage, limits in self.limits.items():
            for key, limit in limits.items():
                after = self.after.get(stage, {}).get(key)
                if after is not None and math.isfinite(after) and after > limit + 1e-9:
                    out.append((stage, key, float(after), float(limit),
                                self.before.get(stage, {}).get(key)))
        return out

    def over_text(self, year: int | None = None, data_year: int | None = None) -> str:
        """The CVs over their limit after the plan in words ('' when none), each as
        :func:`~.layout_cv_words.item_words` says it (review rv16 1).

        >>> k = "sports_area_per_student"
        >>> cvs = CvComparison({"primary": {k: 0.6974}}, {"primary": {k: 0.679}}, (), {"primary": {k: 0.5}})
        >>> cvs.over_text(2030).split("，")[0]
        '小学生均体育运动场馆面积差异系数：2030 学年不调整布局时已超过限值 0.50（0.697）'
        """
        from junheng.planning.layout_cv_words import item_words, named_over

        return "；".join(item_words(*o, year=year, data_year=data_year) for o in named_over(self))


@dataclass(frozen=True)
class LayoutOutcome:
    """A layout plan's decisions, metrics and solve report (the content of ``plan.json``)."""

    status: str
    schools: tuple[PlannedSchool, ...]
    metrics: Mapping[str, Mapping[str, float]]
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float | None = None
    county: str = ""
    year: int | None = None
    target_year: int | None = None
    scenario: str = ""
    weights: Mapping[str, Any] = field(default_factory=dict)
    costs: Mapping[str, Any] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    phases: int = 0
    assignments: tuple[VillageAssignment, ...] = ()
    kept_reasons: Mapping[str, str] = field(default_factory=dict)
    evaluation: CvComparison | None = None
    #: what the plan took as given, said to its reader (the building projects counted)
    notes: tuple[str, ...] = ()
    #: the 过渡期, year by year: overflows, temporary rooms, builds (planning.layout_years)
    transition: tuple[YearRooms, ...] = ()
    #: the overloads of years but the target year, met by 临时周转: (year, school_id, stage, rooms) (layout_overload)
    overflow: tuple[tuple[int, str, str, int], ...] = ()
    shifts: tuple[tuple[int, str, str, str, str, int, float], ...] = ()  # year moves to a new school (layout_shifts)
    #: schools over their size cap by year: (year, school_id, pupils, cap) (planning.layout_large)
    large: tuple[tuple[int, str, int, int], ...] = ()
    #: (year, school_id, stage, pupils) of every school with pupils (layout_large.pupils_by_year)
    year_pupils: tuple[tuple[int, str, str, int], ...] = ()
    #: 划片 moves between kept schools: (year, village_id, present school, plan school, stage, pupils there)
    moved_years: tuple[tuple[int, str, str, str, str, int], ...] = ()
    #: the plan year's staffing ledger (planning.staffing_ledger.StaffingLedger.to_dict)
    staffing: Mapping[str, Any] | None = None
    #: a plan opening a new school: the scenario without new sites (layout_options.option_facts)
    alternative: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        # the plan's school order: two runs write the same plan.json (layout_order)
        object.__setattr__(self, "kept_reasons", school_ordered(self.kept_reasons, self.schools))

    @property
    def status_label(self) -> str:
        """The status in words, short: 最优 only at a proven gap of at most 0.01%, else 可行方案
        and the gap; the rules the plan does not meet and the CVs over their limit are
        :attr:`unmet_rules` and :attr:`cv_verdict`, rows of their own (review item 7: a
        200-character status read "最优" beside broken rules).

        >>> LayoutOutcome("optimal", (), {}, gap=0.00007).status_label
        '最优（与下界差 0.007%，在容差 0.01% 内）'
        """
        from junheng.planning.layout_rules import status_text

        return status_text(self.status, self.gap)

    def unmet_text(self, cvs: bool = True) -> str:
        """未满足的规则 (:attr:`unmet_rules`): every rule the plan does not meet and every
        penalty it pays, with their figures (:func:`~.layout_unmet.unmet_lines`); "无" when
        there is none; without ``cvs`` leaving out the CVs over their limit (the side-by-side
        table compares an option solved without CV evaluation).

        >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "北槐凹村教学点", "keep"),), {},
        ...                      rules={"cv_kept": ["P"], "boarding_per_town_unmet": "…"})
        >>> plan.unmet_rules
        '“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明；因差异系数约束保留北槐凹村教学点（方案在此前提下求解）'
        """
        from junheng.planning.layout_unmet import unmet_lines

        return "；".join(unmet_lines(self, cvs)) or "无"

    unmet_rules = property(unmet_text)

    def day_over_limit(self) -> dict[str, int]:
        """Per school, its day pupils beyond the one-way limit (:func:`~.layout_unmet.day_over_limit`).

        >>> a = (VillageAssignment("v", "grades_1_3", "A", 15, 9.0, 33.96, True),
        ...      VillageAssignment("w", "grades_7_9", "A", 77, 6.0, 31.67, True, 0.84),
        ...      VillageAssignment("x", "grades_1_3", "B", 9, 1.0, 12.0, False))
        >>> LayoutOutcome("optimal", (), {}, rules={"day_travel_limit_min": 30}, assignments=a).day_over_limit()
        {'A': 27}
        """
        from junheng.planning.layout_unmet import day_over_limit

        return day_over_limit(self)

    def status_lines(self) -> list[tuple[str, str]]:
        """(label, text) of the status, the unmet rules and the CV verdict, each on its own
        line (CLI, web, workbook, Word), and the project schools the plan leaves mostly
        empty (:func:`~.layout_reasons.low_use`, review rv 5), where there are any."""
        from junheng.planning.layout_reasons import low_use

        empty = low_use(self)
        return [("求解状态", self.status_label), ("未满足的规则", self.unmet_rules),
                ("是否满足差异系数上限", self.cv_verdict),
                *([("学位利用率低、需核实", empty)] if empty else [])]

    @property
    def cv_verdict(self) -> str:
        """是否满足差异系数上限, for the plan's 求解信息: every 优质均衡 CV of the planned county
        within its limit, or the CVs over it (review: the CV of a project's new school at 0.830
        stood beside a status that read as if the plan passed).

        >>> cvs = CvComparison({"junior": {"k": 0.3}}, {"junior": {"k": 0.4}}, (), {"junior": {"k": 0.45}})
        >>> LayoutOutcome("optimal", (), {}, evaluation=cvs).cv_verdict
        '是（本方案满足）'
        """
        from junheng.planning.layout_cv_words import named_over, verdict_words

        if self.evaluation is None:
            return "未复核（本方案未按优质均衡标准复核差异系数）"
        return verdict_words(named_over(self.evaluation), self.target_year, self.year)

    @property
    def names(self) -> dict[str, str]:
        """School id -> name, for every school of the plan."""
        return {s.school_id: s.name for s in self.schools}

    def action_counts(self) -> dict[str, int]:
        """How many schools take each action, in the order the actions first appear."""
        counts: dict[str, int] = {}
        for s in self.schools:
            counts[s.action] = counts.get(s.action, 0) + 1
        return counts

    def receiver_ids(self) -> set[str]:
        """The schools that take pupils: a closed school's receiver, and any school open after
        the plan with more pupils than it would have without it.

        >>> LayoutOutcome("optimal", (PlannedSchool("P", "乙", "close", merged_into="A"),
        ...     PlannedSchool("A", "甲", "expand"), PlannedSchool("B", "丙", "keep")), {}).receiver_ids()
        {'A'}
        """
        into = {s.merged_into for s in self.schools if s.action == "close" and s.merged_into}
        more = {s.school_id for s in self.schools if s.action != "close"
                and sum(s.students_after.values()) > s.students_expected}
        return into | more

    def shown_counts(self) -> dict[str, int]:
        """:meth:`action_counts` with the kept schools the plan builds at as ``rebuild``
        (:attr:`PlannedSchool.shown_action`)."""
        counts: dict[str, int] = {}
        for s in self.schools:
            counts[s.shown_action] = counts.get(s.shown_action, 0) + 1
        return counts

    def closed_words(self) -> str:
        """The closures after 撤并 (:func:`closed_count`).

        >>> LayoutOutcome("optimal", (PlannedSchool("P", "乙", "close", kind="teaching_point"),
        ...     PlannedSchool("A", "甲", "expand")), {}).closed_words()
        '教学点 1 个'
        """
        return closed_count([s for s in self.schools if s.action == "close"])


def closed_count(closed) -> str:
    """Closed schools by 所 and teaching points by 个, to follow 撤并 (planner review finding
    18, review2 finding 13: 教学点 are not 学校).

    >>> t, p = PlannedSchool("T", "点", "close", kind="teaching_point"), PlannedSchool("S", "校", "close")
    >>> closed_count([t, t]), closed_count([p, t]), closed_count([p]), closed_count([])
    ('教学点 2 个', '学校 1 所、教学点 1 个', ' 1 所', ' 0 所')
    """
    points = sum(s.kind == "teaching_point" for s in closed)
    schools = len(closed) - points
    if not points:
        return f" {schools} 所"
    return "、".join([*([f"学校 {schools} 所"] if schools else []), f"教学点 {points} 个"])


# --- from the planner's frames -----------------------------------------------------------------

def planned_schools(schools: pd.DataFrame) -> tuple[PlannedSchool, ...]:
    """The planner's per-site frame (one row per existing or opened site) as records."""
    return tuple(_planned_school(r) for r in schools.itertuples(index=False))


def _planned_school(r) -> PlannedSchool:
    return PlannedSchool(
        school_id=r.site_id, name=r.name, kind=r.kind, action=r.action,
        merged_into=r.merged_into if isinstance(r.merged_into, str) else None,
        phase=int(r.phase) if pd.notna(r.phase) else None,
        added_classrooms=int(r.added_classrooms),
        added_classrooms_by_stage={"primary": int(r.added_primary),
                                   "junior": int(r.added_junior)},
        added_beds=int(r.added_beds), beds_after=int(r.beds_after), boarding=bool(r.boarding),
        capacity={"primary": int(r.capacity_primary), "junior": int(r.capacity_junior)},
        students_after={"primary": int(r.students_primary), "junior": int(r.students_junior)},
        students_now=int(r.students_now), students_expected=int(r.students_expected),
        lon=float(r.lon), lat=float(r.lat), town_code=r.town_code,
        urban_rural_code=_code(getattr(r, "urban_rural_code", "")),
        teachers_to_redeploy=int(r.teachers_to_redeploy),
        moved_pupils=_counts(getattr(r, "moved_pupils", None)),
        moved_teachers=_counts(getattr(r, "moved_teachers", None)),
        capital_yuan=round(float(getattr(r, "cost_yuan", 0.0)), 0),
        standard_area=float(getattr(r, "standard_area", 0.0)),
        standard_area_yuan=float(getattr(r, "standard_area_yuan", 0.0)),
        field_area=float(getattr(r, "field_area", 0.0)),
        field_yuan=float(getattr(r, "field_yuan", 0.0)),
        equipment_yuan=float(getattr(r, "equipment_yuan", 0.0)),
        teacher_posts=int(getattr(r, "teacher_posts", 0)),
        added_teaching_area=float(getattr(r, "added_teaching_area", 0.0)),
        added_sports_area=float(getattr(r, "added_sports_area", 0.0)),
        area_yuan=float(getattr(r, "area_cost_yuan", 0.0)),
        sports_field=bool(getattr(r, "sports_field", False)),
        sports_beyond_cap_area=float(getattr(r, "sports_beyond_cap_area", 0.0)),
        **{k: float(getattr(r, k, 0.0)) for k in ("sports_land_area", "sports_land_yuan")},
        temporary_classrooms=int(getattr(r, "temporary_classrooms", 0)),
        temporary_yuan=round(float(getattr(r, "temporary_yuan", 0.0)), 0), borrowed_classrooms=int(getattr(r, "borrowed_classrooms", 0) or 0),
        temporary_seats=_counts(getattr(r, "temporary_seats", None)),
        stay_floor=int(getattr(r, "stay_floor", 0) or 0), floor_terms=_counts(getattr(r, "floor_terms", None), float))


def _code(value) -> str:
    return str(value) if isinstance(value, str) or pd.notna(value) else ""


def _counts(value, kind=int) -> dict:
    return {str(k): kind(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


def village_assignments(assignments: pd.DataFrame) -> tuple[VillageAssignment, ...]:
    """The planner's assignment frame (one row per village and stage group) as records."""
    return tuple(VillageAssignment(r.village_code, r.group, r.site_id, int(r.demand),
                                   round(float(r.distance_km), 3), round(float(r.travel_min), 2),
                                   bool(r.boarding), round(float(r.board_share), 6),
                                   str(getattr(r, "village_name", "") or ""),
                                   _code(getattr(r, "before_site", "")),
                                   str(getattr(r, "urban_rural_code", "")) in ("111", "112"),
                                   str(getattr(r, "pinned", False)) == "True")  # numpy or NaN
                 for r in assignments.itertuples(index=False))


def cv_name(key: str) -> str:
    """The Chinese name of a resource indicator of 优质均衡 2017 (``composite``: 综合).

    >>> cv_name("teaching_area_per_student"), cv_name("composite")
    ('生均教学及辅助用房面积', '综合')
    """
    from junheng.standards import load_standard

    if key == "composite":
        return "综合"
    try:
        return load_standard("quality-2017").indicator(key).name
    except (KeyError, LookupError, ValueError):
        return "其他指标"
