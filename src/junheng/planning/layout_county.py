"""The county of the layout's planning year without and with the plan, for re-evaluating the
优质均衡 CVs (:class:`PlanningYear`: issue 16 item 4, one state for the layout and the 达标路径).

Without the plan: each existing school's pupils of the planning year as the layout expects
them (规划年不调整), its teachers and buildings today's with the building projects in use by
then. With it: the county as the 达标路径 builds it after the plan
(:func:`~.compliance_layout.after_layout`), with the plan's own pupils per school and stage.

Assumptions (stated in the plan's ``evaluation.assumptions``): pupils and teachers of a closed
school move to its receivers (teachers split by the pupils each takes:
:func:`closure_destinations`), whose compulsory classes are formed anew from
its own and the merged pupils (:mod:`~.layout_classes`), and teachers follow the pupils the plan
moves between kept schools (:mod:`~.compliance_redeploy`); movable resources (equipment,
books, computers) move with them, buildings do not; every added classroom brings
``AREA_PER_CLASSROOM`` m² of teaching and auxiliary space and a receiver the areas the plan
prices there (:mod:`~.layout_areas`); a new school is built to the 2017 standard's per-student
area and equipment thresholds for the pupils it receives; a project's new school has its
project's areas, its teaching area :data:`~.projects.TEACHING_SHARE` of its building area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE
from junheng.model.numbers import CV_DIGITS
from junheng.planning.layout_classes import merged_classes
from junheng.planning.layout_config import AREA_PER_CLASSROOM
from junheng.planning.layout_forecast import GRADES_TABLE, OTHER_TABLE
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.projects import TEACHING_SHARE_NOTE
from junheng.planning.staffing_hires import LAYOUT_HIRES, with_hires
from junheng.standards import load_standard

if TYPE_CHECKING:
    from junheng.planning.layout_data import LayoutProblem

STANDARD = "quality-2017"
STAGES = ("primary", "junior")
MOVABLE = ("equipment_value", "books", "computers")
# A new school is built to the 2017 standard's junior per-student thresholds of these totals
# (its teaching area by stage where the plan states what it builds: new_school_totals).
NEW_SCHOOL_INDICATORS = {"teaching_area": "teaching_area_per_student",
                         "sports_area": "sports_area_per_student",
                         "equipment_value": "equipment_value_per_student"}
_QUALITY = load_standard("quality-2017")
NEW_SCHOOL_PER_STUDENT = {total: float(_QUALITY.indicator(ind).threshold_for("junior"))
                          for total, ind in NEW_SCHOOL_INDICATORS.items()}
#: The pupils behind the 调整后 CVs, by whether the plan's pupils are the forecast's
#: (:func:`cv_assumptions`; hr item 1: the note said "村居学龄人口推算" on a forecast run).
PUPILS_FORECAST = (
    "“调整后”按规划年各校各学段的规划学生数和方案实施后的校舍、设备、教师计算：各校学生数取招生预测，方案调整的学校"
    "加减转入、转出的学生，民办学校和高中、附设幼儿班也取其招生预测；与达标路径的“实施前（目标学年）”为同一县域、"
    "同一算法、同一学生数，同一学年两者只差方案按编制需招聘的教师（本表计入，达标路径“实施前”不计，其招聘另列）。")
PUPILS_VILLAGES = (
    "“调整后”按规划年各校各学段的规划学生数和方案实施后的校舍、设备、教师计算，与达标路径的“实施前（目标学年）”"
    "同一算法；本表取村居学龄人口推算的规划年学生数（民办学校和高中、附设幼儿班按现状），达标路径各学段全县学生总数"
    "取招生预测（民办学校取其预测），两者因此略有差别（达标路径的“差异系数”表两列并列）。")
ASSUMPTIONS = (
    "撤并学校的学生和教师并入接收学校，接收学校按合并后各年级的学生数重新编班（班额取接收学校现有平均班额，不超过标准班额）；保留学校之间分流学生时，教师随学生调配，并计入方案的县管校聘同学段调剂（见“教师配置汇总”，与达标路径相同）；"
    "仪器设备、图书、计算机随迁，校舍和场地不随迁。",
    "民办学校不参与布局调整（不撤并、不扩建、不接收分流学生），校舍、设备和教师按现状计，学生数见上条；各村居的需求按全县各学段民办学校"
    "在校生占比扣除。",
    LAYOUT_HIRES,
    f"每新增一间教室按 {AREA_PER_CLASSROOM:g} 平方米教学及辅助用房计。",
    "新建学校按优质均衡 2017 生均标准建设：教学及辅助用房按学段（小学 "
    f"{_QUALITY.indicator('teaching_area_per_student').threshold_for('primary'):g}、初中 "
    f"{NEW_SCHOOL_PER_STUDENT['teaching_area']:g} 平方米，即方案新建的教室和按生均标准补足的面积，计入其建设投资），"
    "体育运动场馆和教学仪器设备按方案的新建学校标准配套（室外运动场按学段生均面积、设备按每生投入，均含 5% 规模余量，"
    f"计入其建设投资；方案未列时按初中标准生均 {NEW_SCHOOL_PER_STUDENT['sports_area']:g} 平方米、"
    f"{NEW_SCHOOL_PER_STUDENT['equipment_value']:g} 元）；在建、规划项目新建的学校按其项目的"
    "校舍面积（教学及辅助用房面积按下条比例计）和方案给它的学生计，项目未填的体育运动场馆面积和教学仪器设备值"
    "按上述新建学校标准计（与达标路径相同）。",
    TEACHING_SHARE_NOTE,
)


def cv_assumptions(forecast: bool) -> tuple[str, ...]:
    """The assumptions under the layout's CV table: its pupils (:data:`PUPILS_FORECAST` when
    they are the forecast's, else :data:`PUPILS_VILLAGES`), then :data:`ASSUMPTIONS`.

    >>> cv_assumptions(True)[0][-15:], "民办学校和高中、附设幼儿班按现状" in cv_assumptions(False)[0]
    ('“实施前”不计，其招聘另列）。', True)
    """
    return (PUPILS_FORECAST if forecast else PUPILS_VILLAGES, *ASSUMPTIONS)


def new_school_totals(s: PlannedSchool, pupils: float) -> dict[str, float]:
    """The facility totals of a new school of the plan for ``pupils``: the junior per-pupil
    thresholds of :data:`NEW_SCHOOL_PER_STUDENT`, except the teaching area where the plan
    states what it builds and pays (its rooms at ``AREA_PER_CLASSROOM`` and its area to the
    standard, term (16) of the layout model: 4.5 m² a primary, 5.8 a junior pupil), and the
    sports field and equipment where it states them (:mod:`~junheng.planning.layout_newsite`).

    >>> s = PlannedSchool("N", "新学校", "new", added_classrooms=20, standard_area=2525.0)
    >>> new_school_totals(s, 950)["teaching_area"], new_school_totals(s, 950)["sports_area"]
    (4925.0, 9690.0)
    """
    out = {column: pupils * per for column, per in NEW_SCHOOL_PER_STUDENT.items()}
    if s.standard_area > 0:
        out["teaching_area"] = AREA_PER_CLASSROOM * s.added_classrooms + s.standard_area
    if s.field_area > 0:
        out["sports_area"] = s.field_area
    if s.equipment_yuan > 0:
        out["equipment_value"] = s.equipment_yuan
    return out


def planned_county(data: CountyData, plan: Sequence[PlannedSchool]) -> CountyData:
    """Apply the plan's closures, moves, expansions and new schools to ``data``."""
    moves = {s.school_id: s.merged_into for s in plan if s.action == "close" and s.merged_into}
    new = [s for s in plan if s.action == "new"]
    schools = data.schools[~data.schools["school_id"].isin(moves)]
    schools = pd.concat([schools, _new_school_rows(data, new)], ignore_index=True)
    types = data.schools.drop_duplicates("school_id").set_index("school_id")["school_type"]
    classes = merged_classes(data.classes, moves, types)
    teachers = data.teachers.assign(school_id=closure_destinations(data.teachers, plan))
    facilities = _planned_facilities(data.facilities, moves, plan, classes)
    return data.with_tables(schools=schools.reset_index(drop=True), classes=classes,
                            teachers=teachers, facilities=facilities)


def closure_destinations(teachers: pd.DataFrame, plan: Sequence[PlannedSchool]) -> pd.Series:
    """The school each of ``teachers`` is at once ``plan``'s closures are done (indexed as
    ``teachers``): a closed school's teachers of each stage, 专任 and not apart, go to its
    receivers by the pupils each takes (:func:`closure_weights`, largest remainders:
    planning.layout_small.split_whole), the lowest 教师编号 to the school it is merged into
    first; the staffing ledger's 撤并随迁 counts its full-time teachers this way.

    Hand-worked: 3 primary teachers of A, whose pupils go 65 to B (merged into) and 32 to C:
    3 × 65 / 97 = 2.01 → 2 to B (T1, T2), 3 × 32 / 97 = 0.99 → 1 to C (T3); D stays.

    >>> t = pd.DataFrame({"teacher_id": ["T3", "T1", "T2", "T9"], "school_id": ["A", "A", "A", "D"],
    ...                   "stage": "primary", "full_time": True})
    >>> a = PlannedSchool("A", "袁桥村小学", "close", merged_into="B", moved_pupils={"B": 65, "C": 32})
    >>> closure_destinations(t, [a]).tolist()
    ['C', 'B', 'B', 'D']
    """
    from junheng.planning.layout_small import split_whole

    out = teachers["school_id"].copy()
    into = {s.school_id: s for s in plan if s.action == "close" and s.merged_into}
    gone = teachers[teachers["school_id"].isin(into)]
    if gone.empty:
        return out
    full = gone["full_time"].fillna(False).astype(bool)
    for (sid, _, _), group in gone.groupby([gone["school_id"], gone["stage"].astype(str), full]):
        ids = group.sort_values("teacher_id", kind="stable").index
        counts = split_whole(len(ids), closure_weights(into[sid]))
        out.loc[ids] = [to for to, n in counts.items() for _ in range(n)]
    return out


def closure_weights(school: PlannedSchool) -> dict[str, float]:
    """A closed school's receivers weighted by the pupils each takes (its teachers' split
    where it has no pupils), the school it is merged into first.

    >>> closure_weights(PlannedSchool("A", "甲", "close", merged_into="C",
    ...                               moved_pupils={"B": 40, "C": 30}))
    {'C': 30, 'B': 40}
    """
    from junheng.planning.compliance_closures import closure_split
    from junheng.planning.layout_order import main_first

    if sum(school.receivers.values()):
        return school.receivers
    return main_first(closure_split(school), school.merged_into)


def _new_school_rows(data: CountyData, new: list[PlannedSchool]) -> pd.DataFrame:
    return pd.DataFrame([{
        "school_id": s.school_id, "name": s.name, "school_type": "nine_year",
        "ownership": "public", "town_code": s.town_code,
        "urban_rural_code": s.urban_rural_code or "121",
        "lon": s.lon, "lat": s.lat, "crs": "WGS84", "boarding": s.added_beds > 0,
        "boarding_beds": s.added_beds} for s in new], columns=data.schools.columns)


def _planned_facilities(facilities: pd.DataFrame, moves: dict, plan: Sequence[PlannedSchool],
                        classes: pd.DataFrame) -> pd.DataFrame:
    fac = facilities.set_index("school_id").copy()
    fac = _with_movables(fac, moves).drop(index=[s for s in moves if s in fac.index])
    students = classes.groupby("school_id")["students"].sum()
    for s in (s for s in plan if s.action == "new"):
        totals = new_school_totals(s, float(students.get(s.school_id, 0)))
        fac.loc[s.school_id, list(totals)] = list(totals.values())
        fac.loc[s.school_id, ["classrooms", "multimedia_rooms"]] = s.added_classrooms
    # the rooms it builds: a room met by 临时周转 is borrowed, not built (compliance_temporary)
    added = pd.Series({s.school_id: s.built_classrooms for s in plan
                       if s.action != "new" and s.built_classrooms}, dtype=float)
    added = added[added.index.isin(fac.index)]
    if len(added):
        fac.loc[added.index, "classrooms"] = fac.loc[added.index, "classrooms"] + added
        fac.loc[added.index, "teaching_area"] = (fac.loc[added.index, "teaching_area"]
                                                 + AREA_PER_CLASSROOM * added)
    out = fac.reset_index()
    return out.astype({c: t for c, t in facilities.dtypes.items() if c in out})


def _with_movables(fac: pd.DataFrame, moves: dict) -> pd.DataFrame:
    """Each receiver's movable resources with those of the schools merged into it (a sum of
    unknowns stays unknown)."""
    into = {c: r for c, r in moves.items() if c in fac.index and r in fac.index}
    if not into:
        return fac
    owner = fac.index.map(lambda s: into.get(s, s))
    mine = owner.isin(set(into.values()))
    sums = fac.loc[mine, list(MOVABLE)].groupby(owner[mine]).sum(min_count=1)
    fac.loc[sums.index, list(MOVABLE)] = sums
    return fac


def resource_cvs(result: Evaluation) -> dict[str, dict[str, float]]:
    """The CV of every resource indicator per stage, and the composite, of an evaluation."""
    out = {}
    for stage, res in result.stages.items():
        out[stage] = {k: round(float(v.cv), CV_DIGITS) for k, v in res.indicators.items()}
        out[stage]["composite"] = round(float(res.composite_cv), CV_DIGITS)
    return out


def planning_year(data: CountyData, problem: LayoutProblem) -> PlanningYear:
    """The layout's planning year without the plan, for :class:`PlanningYear`."""
    return PlanningYear(data, expected_pupils_by_grade(data, problem), int(problem.target_year),
                        frozenset(unsized_schools(problem)))


def expected_pupils_by_grade(data: CountyData, problem: LayoutProblem) -> pd.DataFrame:
    """school_id, grade, students: each existing site's pupils of each stage in the planning
    year without the plan (规划年不调整: today's pupils times its 乡镇's growth,
    layout_rules.expected_pupils), in whole pupils spread over the grades it teaches today
    (largest remainders). Where ``data`` carries the forecast (:func:`outside_sites`), the
    schools that are no site (民办) and the grades no stage of the plan counts (高中, 幼儿班)
    take its pupils of the planning year, as the 达标路径 counts them; without it they keep
    today's classes."""
    from junheng.planning.compliance_layout import apportion
    from junheng.planning.layout_data import site_growth

    sites = problem.sites[problem.sites["existing"]]
    growth = site_growth(problem.customers, problem.sites)
    now = data.classes.groupby(["school_id", "grade"])["students"].sum().astype(float)
    stage = now.index.get_level_values("grade").map(GRADE_STAGE)
    rows = []
    for st in ("primary", "junior"):
        grades = now[stage == st]
        expected = (sites[f"students_{st}_now"] * growth.loc[sites.index, st]).round()
        for sid, total in expected[expected > 0].items():
            own = grades.xs(sid, level="school_id") if sid in grades.index else None
            if own is None or own.sum() <= 0:
                continue
            part = apportion(own, int(total))
            rows += [{"school_id": sid, "grade": g, "students": float(n)}
                     for g, n in part.items() if n > 0]
    own = pd.DataFrame(rows, columns=["school_id", "grade", "students"])
    return pd.concat([own, outside_sites(data, set(sites.index), int(problem.target_year))],
                     ignore_index=True)


def outside_sites(data: CountyData, sites: set, year: int) -> pd.DataFrame:
    """school_id, grade, students: the forecast's pupils of ``year`` that no site of the layout
    counts: every grade of a school that is no site (民办, 特殊教育) and the other grades
    (高中, 幼儿班) of every school; none without a forecast. The 达标路径 places the same
    pupils (hr item 1: the demo's 民办 育才外国语学校 kept its 967 primary pupils of today
    here and took its 727 of the 2030 forecast there, 小学生均体育运动场馆 0.713 against
    0.704 for one county after the plan).

    >>> grades = pd.DataFrame({"school_id": ["A", "P", "P"], "grade": ["g1", "g1", "g1"],
    ...                        "year": [2030, 2030, 2029], "students": [40.0, 30.0, 28.0]})
    >>> other = pd.DataFrame({"school_id": ["A"], "grade": ["s1"], "year": [2030], "students": [50.0]})
    >>> data = CountyData.__new__(CountyData)
    >>> object.__setattr__(data, "tables", {GRADES_TABLE: grades, OTHER_TABLE: other})
    >>> outside_sites(data, {"A"}, 2030).values.tolist()
    [['P', 'g1', 30.0], ['A', 's1', 50.0]]
    """
    tables = getattr(data, "tables", {})
    grades, other = tables.get(GRADES_TABLE), tables.get(OTHER_TABLE)
    parts = [] if grades is None else [grades[~grades["school_id"].isin(sites)]]
    parts += [] if other is None else [other]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["school_id", "grade", "year", "students"])
    frame = frame[(frame["year"] == year) & (frame["students"] > 0)]
    return frame[["school_id", "grade", "students"]].astype({"students": float}).reset_index(drop=True)


def unsized_schools(problem: LayoutProblem) -> list[str]:
    """Open schools with no pupils today (a 建设项目's new school): their buildings are there,
    the plan only decides how many pupils they get."""
    sites = problem.sites
    return list(sites.index[sites["existing"] & (sites["pupils_now"] <= 0)])


@dataclass(frozen=True)
class PlanningYear:
    """The county of the layout's planning year: ``data`` (with the projects in use by then),
    ``pupils`` without the plan, and ``unsized`` (:func:`unsized_schools`). Before the plan:
    those pupils at today's schools; after it: the plan's pupils per school and stage
    (``students_after``) placed the way the 达标路径 places them
    (:func:`~.compliance_layout.after_layout`), its closures, rooms, areas, beds and new
    schools done, the teachers following the pupils and those it hires (:mod:`~.staffing_hires`)."""

    data: CountyData
    pupils: pd.DataFrame
    year: int
    unsized: frozenset[str] = frozenset()

    def before(self) -> Evaluation:
        """The 优质均衡 2017 evaluation of the planning year without the plan."""
        from junheng.planning.compliance_county import target_county

        return evaluate(target_county(self.data, self.pupils, self.year), STANDARD)

    def after(self, plan: LayoutOutcome | Sequence[PlannedSchool]) -> Evaluation:
        """The 优质均衡 2017 evaluation of the planning year after ``plan``."""
        from junheng.planning.compliance_layout import after_layout

        if not isinstance(plan, LayoutOutcome):
            plan = LayoutOutcome("optimal", tuple(plan), {})
        state = after_layout(self.data, plan, self.pupils, self.year, scale=False)
        return evaluate(with_hires(state.in_year(self.year), plan.staffing, self.year), STANDARD)

    def staffing(self, plan: LayoutOutcome):
        """The plan year's staffing ledger after ``plan`` (its pupils, closures, new schools
        and the teachers following the pupils: :mod:`~.staffing_ledger`)."""
        from junheng.planning.compliance_layout import after_layout
        from junheng.planning.staffing_ledger import ledger_after_layout

        state = after_layout(self.data, plan, self.pupils, self.year, scale=False)
        return ledger_after_layout(self.data, plan, state, self.year)

    def with_staffing(self, plan: LayoutOutcome, yuan_per_teacher: float,
                      before_hires: int) -> LayoutOutcome:
        """``plan`` with its staffing ledger (:meth:`staffing`, checked; its 县管校聘 moves are
        part of the plan) and its hires priced in its metrics (the unadjusted county's
        ``before_hires`` in the 规划年不调整 column): the plan whose CVs :meth:`after` gives
        and the CV rule is enforced on (rv finding 2: the 调整后 CVs were of the plan without
        its 83 pool moves, the 达标路径's of the plan with them)."""
        from junheng.planning.layout_costs import with_hire_cost

        ledger = self.staffing(replace(plan, staffing=None))
        ledger.check()
        return replace(plan, staffing=ledger.to_dict(), metrics=with_hire_cost(
            plan.metrics, ledger.county()["hire"], yuan_per_teacher, before_hires=before_hires))

    def staffing_before(self):
        """The plan year's staffing ledger without the plan (its pupils at today's schools,
        counted as :meth:`staffing` counts them): the hires enrolment alone causes."""
        return self.staffing(LayoutOutcome("optimal", (), {}))

    def reopened(self, plan: LayoutOutcome, school_id: str) -> LayoutOutcome:
        """``plan`` with the closure of ``school_id`` undone: it keeps its pupils of the
        planning year, which its receiver no longer takes."""
        own = self.pupils[self.pupils["school_id"] == school_id]
        back = own.groupby(own["grade"].map(GRADE_STAGE))["students"].sum()
        shut = next(s for s in plan.schools if s.school_id == school_id)
        schools = []
        for s in plan.schools:
            if s.school_id == school_id:
                s = replace(s, action="keep", merged_into=None, students_after={
                    st: int(back.get(st, 0)) for st in STAGES})
            elif s.school_id == shut.merged_into and s.students_after:
                s = replace(s, students_after={st: max(0, int(n) - int(back.get(st, 0)))
                                               for st, n in s.students_after.items()})
            schools.append(s)
        return replace(plan, schools=tuple(schools))
