"""达标路径: the least-cost, phased plan that makes a county pass 优质均衡 by the target year.

:func:`plan_compliance` builds the instance (:mod:`.compliance_data`), the model
(:mod:`.compliance_model`, the formulation and its numbered constraints), solves it to a
proven gap (:mod:`.compliance_solve`), reads the actions out (:mod:`.compliance_actions`),
and asks the evaluation engine itself, run on the county as it would be after the plan,
whether every school rule, every CV and every room and class-size item is met: only then is
the plan reported as reaching the standard (``confirmed``).

When no plan fits the budget or the years, the result says which constraint binds and what
works: the least yearly budget for the target year, and the earliest target year within the
budget (among the years whose pupils the caller gave).

Examples
--------
With today's pupils in 2028, the example county's central primary school lacks three
classrooms for classes at the standard size and, with them, a music and an art room; it meets
every indicator and CV already, so the plan builds just those (with the project's fixed cost)
and the engine confirms the county after it:

>>> from junheng.io import example_county
>>> from junheng.planning.compliance_county import current_students
>>> county = example_county()
>>> from datetime import date
>>> plan = plan_compliance(county, current_students(county), 2028, time_limit=10,
...                        plan_date=date(2026, 6, 1))
>>> plan.confirmed, round(plan.objective, 2), sorted(plan.actions["item"])
(True, 221.1, ['art_room', 'building', 'classroom', 'music_room'])
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData
from junheng.model.times import today_beijing
from junheng.optimize import SolveStatus
from junheng.planning.compliance_actions import checked_actions, plan_actions
from junheng.planning.compliance_books import book_shortfalls
from junheng.planning.compliance_costs import ComplianceCosts, load_costs
from junheng.planning.compliance_cv import cv_notes
from junheng.planning.compliance_data import SMALL_SCHOOL, ComplianceProblem, build_problem
from junheng.planning.compliance_lease import lease_note, solve_leasing
from junheng.planning.compliance_model import available, build_model
from junheng.planning.compliance_outside import (
    private_needs,
    private_notes,
    relocation_notes,
    senior_notes,
    senior_part,
    size_outside,
)
from junheng.planning.compliance_solve import ComplianceSolution, solve_compliance
from junheng.planning.compliance_sports_path import sports_path
from junheng.planning.compliance_temporary import temporary_note
from junheng.planning.compliance_temporary_area import short_area_note
from junheng.planning.layout_phases import first_phase
from junheng.planning.staffing_hires import HIRED_WORDS
from junheng.standards import load_class_size

#: Engine verdict items the plan answers for (besides every school rule and every CV).
PLAN_ITEMS = ("music_art_rooms", "music_art_room_area", "class_size")
DEFAULT_HORIZON = 3
#: What the plan's 新建普通教室 count, and how it relates to the forecast's and the layout's
#: figures (tests/demo/test_demo_classrooms_agree.py checks the demo county).
CLASSROOM_BASIS = (
    "新建普通教室：逐校以目标学年重新编班的班数（普通教室不够的学校按标准班额编班）减现有普通教室数，"
    "学校之间不相抵；缺口持续不超过布局调整方案临时周转年数的（同一规则），以临时周转解决、不新建；"
    "同时举办高中或附设幼儿班的学校，只计一至九年级的班数，现有普通教室先按当前班数比例留出高中和幼儿班所用部分，"
    "本方案不为高中和幼儿班新建教室。未做布局调整时，县城学校的间数（新建与临时周转合计）"
    "与招生预测同一学年“逐校相加”的缺口相同；"
    "招生预测的“县城教室缺口”按学段（小学、初中、一贯制学校）分计，是同学段县城各校合计（同学段一校富余可抵另一校不足，"
    "不跨学段相抵），布局方案按规划年和按村居推算的学生先分流再扩建，"
    "三者口径不同。")
KEPT_TEACHERS = "现有教师保持不变（退休、调出按同岗位补充）"
ASSUMPTIONS = (
    "目标学年的在校生取招生预测的中位数；班级按学校当前平均班额（不超过标准班额）重新编班。",
    CLASSROOM_BASIS,
    f"{KEPT_TEACHERS}；{HIRED_WORDS}。",
    "每新增一间普通教室按 120 平方米教学及辅助用房计，新建音乐、美术专用教室分别按 96、90 平方米计。",
    "教学点按评估规则并入所属中心校计算，所需资源配置在中心校。",
)


@dataclass(frozen=True)
class Diagnosis:
    """Why no plan fits, and what would: ``binding`` is ``budget``, ``lead_time`` or
    ``resources``; ``least_budget`` 万元 a year for the target year; ``earliest_year``
    within the budget (None when not found among the years given)."""

    binding: str
    message: str
    least_budget: float | None = None
    earliest_year: int | None = None


@dataclass(frozen=True, eq=False)
class CompliancePlan:
    """A solved compliance path: the actions, the county after them and the engine's word."""

    problem: ComplianceProblem
    solution: ComplianceSolution
    actions: pd.DataFrame
    after: CountyData | None
    evaluation: Evaluation | None
    confirmed: bool
    diagnosis: Diagnosis | None = None
    left_out: pd.DataFrame = field(default_factory=pd.DataFrame)
    outside: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ASSUMPTIONS
    before: Evaluation | None = None
    warnings: tuple[str, ...] = ()
    #: the 高中 part of buildings shared with 高中 (compliance_outside.senior_part)
    senior: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: what the standard would need at 民办 schools, the 举办者's (private_needs)
    private: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: after a layout plan: both plans' money and actions (plans_combined.combined_summary)
    combined: dict[str, Any] | None = None
    #: the target year of the layout plan this plan follows (None: no layout plan)
    layout_year: int | None = None
    #: the layout plan's pupils are the forecast's (planning.layout_forecast): one number each
    layout_forecast: bool = False
    #: after a layout plan: its staffing ledger (planning.staffing_ledger), printed as is
    staffing: dict[str, Any] | None = None
    #: after a layout plan: the teachers who follow the pupils moved between kept schools
    #: (compliance_redeploy.MOVE_COLUMNS), redeployed before anyone is recruited
    redeployed: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: per CV still over its limit (``stage:indicator``), why (compliance_cv.cv_notes)
    cv_reasons: dict[str, str] = field(default_factory=dict)
    #: after a layout plan: its 调整后 CVs in its planning year (the same county, the layout's
    #: own pupils), shown beside this plan's 实施前
    layout_cvs: dict[str, dict[str, float]] | None = None
    #: after a layout plan: the closed schools' teachers and their receivers, 撤并随迁
    #: (compliance_closures.CLOSURE_COLUMNS)
    closed_moved: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: after a layout plan: 万元 of this plan's hires whose pay is the layout's (the actions'
    #: ``layout_paid``, plans_apart.layout_pays), out of its totals but in the model's objective
    layout_paid: float = 0.0
    #: the assumed remedy for sports area beyond the hall cap (compliance_sports_path)
    sports_path: dict[str, Any] | None = None
    #: the projects' new schools counted with the layout's pupils and assumed figures (equipment
    #: the layout's standard; every room 多媒体): a pass there is 待核实 (brief hc2, review rv 12)
    assumed: frozenset[str] = frozenset()
    #: the schools whose layout rooms have no site (layout_footprint.unsited_ids): a pass 待核实
    unsited: frozenset[str] = frozenset()
    #: every indicator the data year fails or holds 待核实, with its measure, and the music
    #: and art rooms' bridge (compliance_measures.plan_measures; brief hfail)
    measures: dict[str, Any] | None = None
    #: per stage, the forecast's interval in the target year (jobs.compliance.stage_interval)
    pupil_interval: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def status(self) -> SolveStatus:
        return self.solution.status

    @property
    def objective(self) -> float | None:
        """Total cost in 万元 (yearly items counted for ``recurring_years``), without the pay
        the layout plan carries (``layout_paid``; the solver's figure is ``solution.objective``)."""
        value = self.solution.objective
        return value if value is None else round(value - self.layout_paid, 6)

    def totals_by_year(self) -> dict[int, float]:
        """万元 spent in each plan year (yearly items: their first year)."""
        out = dict.fromkeys(self.problem.years, 0.0)
        for funding in self.actions.get("funding", []):
            for year, amount in funding.items():
                out[year] = out.get(year, 0.0) + amount
        return {y: round(v, 2) for y, v in out.items()}

    def failures(self) -> list[str]:
        """The engine's failures on the planned county that the plan answers for."""
        if self.evaluation is None:
            return []
        return [f.message for f in self.evaluation.verdict.failures if _plan_failure(f)]


def _gym_m2(actions: pd.DataFrame) -> dict[str, float]:
    """The plan's hall m² per school (its ``gym`` actions)."""
    if actions.empty or "item" not in actions:
        return {}
    return actions[actions["item"] == "gym"].groupby("school_id")["quantity"].sum().to_dict()


def _plan_failure(failure) -> bool:
    return failure.id == "school_rule" or failure.area == "cv" or failure.id in PLAN_ITEMS


def default_target_year(data: CountyData, plan_date: date | None = None) -> int:
    """Data year + 3, or the first school year not yet begun on ``plan_date`` (blank: today)
    + 2 when later: a building takes two years from funding to use, so the third plan year is
    the first in which every kind of action can count (the 优质均衡 创建 cycle is 3-5 years).

    >>> from junheng.io import example_county
    >>> county = example_county()  # data year 2025
    >>> default_target_year(county, date(2026, 6, 1)), default_target_year(county, date(2026, 12, 4))
    (2028, 2029)
    """
    return default_target(data.school_year, plan_date)


def default_target(data_year: int, plan_date: date | None = None) -> int:
    """:func:`default_target_year` of a data year."""
    first = data_year + first_phase(data_year, plan_date or today_beijing())
    return max(data_year + DEFAULT_HORIZON, first + DEFAULT_HORIZON - 1)


def plan_compliance(data: CountyData, students: pd.DataFrame, target_year: int | None = None,
                    *, costs: ComplianceCosts | None = None, budget: float | None = None,
                    time_limit: float = 60.0, gap: float = 1e-4, diagnose: bool = True,
                    fund_private: bool = False, kept_rooms: pd.Series | None = None,
                    no_build: Collection[str] = (), layout_year: int | None = None,
                    plan_date: date | None = None, committed: Mapping[int, float] | None = None,
                    layout_ready: Mapping[str, int] | None = None, today: CountyData | None = None,
                    peak_years: int | None = None, opening: Mapping[str, int] | None = None, borrowed: Mapping[str, Mapping[int, int]] | None = None, borrowed_kinds: Mapping[str, Mapping[int, int]] | None = None, staffing: Mapping[str, Any] | None = None) -> CompliancePlan:
    """The least-cost plan for ``data`` to pass 优质均衡 2017 by ``target_year``.

    Parameters
    ----------
    data, today
        The county in its data year; ``today``: as reported, for books (default ``data``).
    students
        Pupils per school and grade (columns school_id, grade, students, and year when more
        than one year is given: the forecast); the target year's rows are used, later years
        serve the earliest-year search and, by ``peak_years`` (default the layout's), which
        普通教室 gaps are met by 临时周转 (:mod:`.compliance_temporary`).
    target_year
        Default :func:`default_target_year`.
    costs
        Unit costs (default the shipped ``costs.yaml``).
    budget
        万元 a year (None: no limit).
    time_limit, gap, diagnose
        Seconds and relative gap for the solve; when no plan fits, whether to find the least
        budget and the earliest year (more solves).
    fund_private
        Let the plan act at 民办 schools too (default: none; their 举办者's part is listed,
        :func:`.compliance_outside.private_needs`).
    kept_rooms
        Per school, the rooms its 高中 / 附设幼儿班 classes keep (default: today's split of
        ``data``; after a layout, the split before it, so its added rooms stay compulsory).
    no_build
        Schools being relocated (:func:`.projects.no_build_ids`): nothing built there, (14).
    layout_year
        The target year of the layout plan ``data`` is after (its 大校额 text says which
        year comes first, :func:`.compliance_outside.size_outside`); None: no layout plan.
    plan_date, committed, borrowed
        编制日期 (blank: today; funding starts in the first school year not yet begun on it)
        and 万元 a year already in the budget (a layout's construction): (3); a layout's 临时周转 rooms by school and year (this plan pays the rest), ``borrowed_kinds`` by cause and year; ``staffing`` the ledger whose surplus fills the 交流轮岗's posts before hires (26).

    Raises
    ------
    ConfigError
        The target year is not after the data year or before ``plan_date``'s first school
        year, or no pupils are given for it.
    """
    problem = _problem(data, students, target_year, costs=costs or load_costs(), budget=budget,
                       fund_private=fund_private, kept_rooms=kept_rooms, no_build=no_build,
                       plan_date=plan_date, committed=committed, layout_ready=layout_ready,
                       peak_years=peak_years, today=today, opening=opening, borrowed=borrowed, borrowed_kinds=borrowed_kinds, staffing=staffing)
    problem, model, solution, relaxed = _solve_leasing(problem, students, time_limit, gap)
    before, needs = evaluate(problem.before, problem.standard), private_needs(problem)
    if solution.values is None:
        diagnosis = _diagnose(data, students, _relaxed(problem, time_limit, gap),
                              time_limit) if diagnose else None
        return _unplanned(problem, solution, diagnosis, before, needs)
    return _planned(problem, model, solution, relaxed, before, needs, layout_year)


def _problem(data: CountyData, students: pd.DataFrame, target: int | None, **options
             ) -> ComplianceProblem:
    """:func:`.build_problem` of the target year's pupils of ``students`` (default
    :func:`default_target_year`); its other years (a ``year`` column) decide which 普通教室
    gaps are met by 临时周转."""
    target = int(target or default_target_year(data, options.get("plan_date")))
    return build_problem(data, _students_of(students, target, data), target,
                         yearly=students if "year" in students else None, **options)


def _unplanned(problem: ComplianceProblem, solution: ComplianceSolution,
               diagnosis: Diagnosis | None, before: Evaluation, needs) -> CompliancePlan:
    """The result when no plan is found: no actions, the diagnosis and what is outside."""
    return CompliancePlan(problem, solution, pd.DataFrame(), None, None, False, diagnosis,
                          left_out(problem), before=before, private=needs,
                          warnings=(*private_notes(problem, needs), *relocation_notes(problem)))


def _planned(problem: ComplianceProblem, model, solution: ComplianceSolution,
             relaxed: tuple[str, ...], before: Evaluation, needs: pd.DataFrame,
             layout_year: int | None = None
             ) -> CompliancePlan:
    """The plan of a solved model, re-checked by the engine on the county after it."""
    actions, after, result, confirmed = checked_actions(model, solution.values, _plan_failure)
    senior = senior_part(problem, actions)
    notes, reasons = cv_notes(problem, after, result, needs)
    return CompliancePlan(problem, solution, actions, after, result, confirmed, None,
                          left_out(problem, actions), size_outside(result, problem.target_year, layout_year),
                          before=before,
                          warnings=(*relaxed, *_temporary_notes(problem),
                                    *review_notes(problem, actions),
                                    *senior_notes(problem, senior),
                                    *private_notes(problem, needs), *relocation_notes(problem),
                                    *notes),
                          senior=senior, private=needs, cv_reasons=reasons,
                          sports_path=sports_path(problem, after, result, _plan_failure,
                                                  _gym_m2(actions)))


PRIVATE_CV_LEFT = ("仅靠公办学校的整改（民办学校的校舍、设备和教师按现状计入，学生取其招生预测，本方案不在民办学校安排投入），以下指标的差异系数"
                   "无法降到限值：{names}，仍未达标；各项超限的主要原因（造成超限的学校）见下文逐项说明。")
SPORTS_CV_LEFT = ("体育运动场馆面积差异系数：各校新建室内体育馆或室外场地以本校缺口（评估“需增加”面积）、"
                  "室内体育馆每校上限和校内空地为限时，仅靠建设无法把差异系数降到限值（要求部分学校建到超过"
                  "本校缺口或上限，如超大规模场馆）。本方案不建超出部分，该项差异系数仍未达标，列为未解决"
                  "（需征地/租用场地/布局分流，需论证）。")


def _relaxed(problem: ComplianceProblem, time_limit: float, gap: float | None
             ) -> ComplianceProblem:
    """``problem`` with the CV limits that no plan meets even without a budget left out, as
    :func:`_solve_capped` leaves them out: the least budget and the earliest year are then
    asked of the plan the county would get (issue 16: with a default budget the diagnosis
    otherwise found no year at all)."""
    if problem.budget is None:
        return problem
    free = _solve_capped(replace(problem, budget=None), time_limit, gap)[0]
    return replace(problem, free_cv=free.free_cv)


def _solve_leasing(problem: ComplianceProblem, students: pd.DataFrame, time_limit: float,
                   gap: float | None):
    """:func:`_solve_capped`, with the 教学及辅助用房 only a short peak needs leased for the
    school's independent use where that is cheaper than building it
    (:func:`.compliance_lease.solve_leasing`, review rv11 1)."""
    return solve_leasing(problem, students, lambda p: _solve_capped(p, time_limit, gap),
                         plan_actions)


def _solve_capped(problem: ComplianceProblem, time_limit: float, gap: float | None):
    """Solve; when no plan fits, try the two relaxations a bureau would accept, in order:
    a larger gym than a school's own shortfall is never built (:func:`_gym_cap_kept`), and
    民办 schools stay as reported (:func:`_private_kept`). Each keeps its rule and leaves the
    CV limits it blocks out of the model instead: they fail in the re-check, and the plan
    says so."""
    model = build_model(problem)
    solution = solve_compliance(model, time_limit=time_limit, gap=gap)
    if solution.values is not None:
        return problem, model, solution, ()
    for attempt in (_gym_cap_kept, _private_kept):
        found = attempt(problem, time_limit, gap)
        if found is not None:
            return found
    return problem, model, solution, ()


def _gym_cap_kept(problem: ComplianceProblem, time_limit: float, gap: float | None):
    """When a plan would fit with a larger gym somewhere (the cap or the school's spare ground
    is what blocks, not the budget), keep the cap and the ground and leave the sports-area CV limit out (review finding 1 of the
    first review: a bureau does not build a hall beyond a school's need to move a
    county-wide coefficient)."""
    wider = replace(problem, schools=problem.schools.assign(  # neither cap nor ground (20)
        bound_gym=problem.schools["bound_sports_area"], ground=math.nan))
    if solve_compliance(build_model(wider), time_limit=time_limit, gap=gap).values is None:
        return None
    found = _solve_free(problem, ("sports_area_per_student",), time_limit, gap)
    return None if found is None else (*found, (SPORTS_CV_LEFT,))


def _private_kept(problem: ComplianceProblem, time_limit: float, gap: float | None):
    """With 民办 schools as reported, the CV limits no public action can meet: every CV is
    left out, then each is put back while a plan still fits (at most one solve per
    indicator); None when no plan fits even without CV limits."""
    if not problem.private:
        return None
    free = tuple(problem.indicators)
    found = _solve_free(problem, free, time_limit, gap)
    if found is None:
        return None
    for indicator in problem.indicators:
        fewer = tuple(k for k in free if k != indicator)
        trial = _solve_free(problem, fewer, time_limit, gap)
        if trial is not None:
            free, found = fewer, trial
    names = "、".join(problem.standard.indicator(k).name for k in free)
    return (*found, (PRIVATE_CV_LEFT.format(names=names),))


def _solve_free(problem: ComplianceProblem, free: tuple[str, ...], time_limit: float,
                gap: float | None):
    freer = replace(problem, free_cv=tuple(dict.fromkeys((*problem.free_cv, *free))))
    model = build_model(freer)
    solution = solve_compliance(model, time_limit=time_limit, gap=gap)
    return None if solution.values is None else (freer, model, solution)


def _students_of(students: pd.DataFrame, year: int, data: CountyData) -> pd.DataFrame:
    if year <= data.school_year:
        raise ConfigError(f"目标学年 {year} 须晚于数据学年 {data.school_year}：建设和招聘都需要时间。")
    frame = students
    if "year" in students:
        frame = students[students["year"] == year]
    if frame.empty:
        raise ConfigError(f"没有目标学年 {year} 的在校生预测：请把预测年数延长到 {year} 学年。")
    return frame[["school_id", "grade", "students"]]


def left_out(problem: ComplianceProblem, actions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Teaching points (their resources go to the central school) and small schools (under
    100 pupils in the target year: merge candidates a layout plan may close) with what the
    plan spends on each."""
    from junheng.evaluate.guarantee import school_stage_students
    from junheng.evaluate.items import ItemContext
    from junheng.evaluate.units import build_units

    units = build_units(problem.start, problem.rules)
    schools = school_stage_students(ItemContext(problem.start, units, load_class_size()))
    points = schools[schools["school_type"] == "teaching_point"].assign(kind="teaching_point")
    small = schools[(schools["school_type"] != "teaching_point")
                    & (schools["students"] < SMALL_SCHOOL)].assign(kind="small_school")
    out = pd.concat([points, small], ignore_index=True)
    spent = (actions.groupby("school_id")["cost"].sum() if actions is not None and len(actions)
             else pd.Series(dtype=float))
    out["cost"] = out["school_id"].map(spent).fillna(0.0)
    central = problem.start.schools.set_index("school_id")["central_school"]
    out["central_school"] = out["school_id"].map(central)
    return out[["school_id", "name", "kind", "students", "central_school", "cost"]]


def _temporary_notes(problem: ComplianceProblem) -> tuple[str, ...]:
    """The paragraphs naming the 普通教室 gaps (a lead and a paragraph a school) and the 教学及
    辅助用房 met by 临时周转, with why (none: ())."""
    split, price = problem.temporary, problem.costs.item("temporary_room").unit_cost
    names = dict(zip(problem.start.schools["school_id"], problem.start.schools["name"],
                     strict=False))
    rooms = () if split is None or split.empty else temporary_note(
        split, names, problem.peak_years, price, problem.target_year, problem.layout_borrowed,
        problem.layout_kinds)
    lease = lease_note(problem.rented_area, names, problem.peak_years, price, problem.target_year,
                       problem.costs.item("teaching_area").unit_cost)
    return tuple(n for n in (*rooms, lease, short_area_note(problem.short_area, names,
                                                            problem.peak_years, problem.target_year)) if n)


def review_notes(problem: ComplianceProblem, actions: pd.DataFrame) -> tuple[str, ...]:
    """Projects a bureau should check on the ground: gyms above the review area, and what
    the plan puts into 民办 schools (their 举办者 pays, not the county's budget)."""
    return (*_big_gyms(problem, actions), *_private_share(problem, actions))


def _big_gyms(problem: ComplianceProblem, actions: pd.DataFrame) -> tuple[str, ...]:
    """Halls over the review area as built (a hall shared with 高中: the whole of it)."""
    limit = problem.costs.gym_review_area
    size = actions["built"] if "built" in actions else actions.get("quantity")
    big = actions[(actions["item"] == "gym") & (size > limit)]
    if big.empty:
        return ()
    names = "、".join(f"{n}（{q:,.0f} 平方米）" for n, q in zip(big["name"], size[big.index],
                                                          strict=True))
    return (f"{len(big)} 所学校新建室内体育馆超过 {limit:,.0f} 平方米：{names}。这些学校缺少体育运动场馆"
            "面积较多，需论证用地和建设条件；也可考虑布局调整分流学生，或在本省允许时租用校外场地。",)


def _private_share(problem: ComplianceProblem, actions: pd.DataFrame) -> tuple[str, ...]:
    """The plan's spending at 民办 schools (second review: 育才外国语学校 got a 5,101 万元 hall
    from the county's plan): named, with the public share of the total."""
    schools = problem.start.schools
    private = set(schools.loc[schools["ownership"] == "private", "school_id"].astype(str))
    mine = actions[actions["school_id"].astype(str).isin(private)] if len(actions) else actions
    if mine.empty:
        return ()
    by = mine.groupby("name", sort=True)["cost"].sum()
    names = "、".join(f"{n}（{c:,.2f} 万元）" for n, c in by.items())
    total = float(actions["cost"].sum())
    return (f"民办学校 {len(by)} 所的整改投入共 {by.sum():,.2f} 万元：{names}。民办学校的办学条件由"
            f"举办者负责投入，不应计入财政投入；本方案中公办学校的一次性投入为 "
            f"{total - by.sum():,.2f} 万元。",)


# --- when no plan fits ------------------------------------------------------------------------

def _diagnose(data: CountyData, students: pd.DataFrame, problem: ComplianceProblem,
              time_limit: float) -> Diagnosis:
    if problem.budget is not None:
        level, proven = _least_budget(problem, time_limit)
        if level is not None:
            year = _earliest_year(data, students, problem, time_limit)
            return Diagnosis("budget", _budget_message(problem, level, year, proven), level,
                             year)
    late = [i for i in ("teaching_area", "field", "gym") if not available(problem, i)]
    if late or problem.forced["item"].isin(("classroom", "music_room", "art_room")).any():
        year = _earliest_year(data, students, replace(problem, budget=None), time_limit)
        return Diagnosis("lead_time", _lead_message(problem, year), None, year)
    return Diagnosis("resources", "即使不限预算，现有可用措施也无法使全部学校和差异系数达标：请检查教师、用地等条件。")


def _least_budget(problem: ComplianceProblem, time_limit: float) -> tuple[float | None, bool]:
    """The least yearly budget (whole 万元) at which a plan is found, and whether it is proven
    least: the budget minimised (3), then the plan solved at that budget. When the minimum is
    not proven, or no plan is found at it, the smallest budget with a plan between the given
    one and the no-budget plan's whole cost, by halving (review of the web app: the form
    said at least 34,772 万元 a year while the plan at 6,876.44 万元 was solved). (None, False):
    no budget gives a plan by the target year (the lead times bind)."""
    model = build_model(replace(problem, budget=None), least_budget=True)
    least = solve_compliance(model, time_limit=time_limit, gap=1e-3)
    # with committed spending the row (3) minimised is spending + Cᵧ ≤ B, tighter than
    # max(B − Cᵧ, 0) where Cᵧ > B: its least is an upper bound, not proven least
    proven = least.status in (SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT) and not any(
        (problem.committed or {}).values())
    if least.values is not None:
        level = math.ceil(float(least.values[model.block("budget")][0]) - 1e-6)
        if _fits(problem, level, time_limit):
            if proven:
                return float(level), True
            return _halve(problem, float(problem.budget), float(level), time_limit), False
    free = solve_compliance(build_model(replace(problem, budget=None)), time_limit=time_limit,
                            gap=1e-2)
    if free.objective is None:
        return None, False
    high = float(math.ceil(free.objective))
    if not _fits(problem, high, time_limit):
        return None, False
    return _halve(problem, float(problem.budget), high, time_limit), False


def _halve(problem: ComplianceProblem, low: float, high: float, time_limit: float,
           tries: int = 8) -> float:
    """The smallest whole 万元 found in (low, high] with a plan (``high`` has one)."""
    for _ in range(tries):
        if high - low <= max(1.0, 0.005 * high):
            break
        middle = float(math.ceil((low + high) / 2))
        if _fits(problem, middle, time_limit):
            high = middle
        else:
            low = middle
    return high


def _fits(problem: ComplianceProblem, budget: float, time_limit: float) -> bool:
    """Whether a plan is found within ``budget`` 万元 a year (as the job would plan it)."""
    return _solve_capped(replace(problem, budget=budget), time_limit / 2, 1e-2)[2].values \
        is not None


def _earliest_year(data: CountyData, students: pd.DataFrame, problem: ComplianceProblem,
                   time_limit: float) -> int | None:
    years = sorted(int(y) for y in students["year"].unique()) if "year" in students else []
    now = book_shortfalls(data, years=True)  # today's books: once, not once a year tried
    for year in (y for y in years if y > problem.target_year):
        trial = replace(_problem(data, students, year, costs=problem.costs,
                                 budget=problem.budget, kept_rooms=problem.kept_rooms,
                                 no_build=problem.no_build, plan_date=problem.plan_date,
                                 committed=problem.committed, layout_ready=problem.layout_ready,
                                 peak_years=problem.peak_years, opening=problem.opening,
                                 today=now),
                        free_cv=problem.free_cv, staffing=problem.staffing)
        result = solve_compliance(build_model(trial), time_limit=time_limit / 2, gap=1e-2)
        if result.values is not None:
            return year
    return None


def _budget_message(problem: ComplianceProblem, level: float, year: int | None,
                    proven: bool = True) -> str:
    layout = "（计入布局调整方案各年的一次性投入后）" if any((problem.committed or {}).values()) else ""
    text = (f"年度预算约束：每年 {problem.budget:,.0f} 万元{layout}不足以在 {problem.target_year} 学年前完成达标，"
            + (f"至少需要每年 {level:,.0f} 万元" if proven else
               f"每年 {level:,.0f} 万元可以完成（已按此预算求得方案）"))
    if year is not None:
        text += f"；按现有预算，最早可在 {year} 学年达标"
    return text + "。"


def _lead_message(problem: ComplianceProblem, year: int | None) -> str:
    lead = problem.costs.item("teaching_area").lead_years
    text = (f"建设周期约束：新建校舍从投入资金到使用需 {lead} 年，{problem.target_year} 学年前无法建成"
            "所需的教室和功能用房")
    if year is not None:
        text += f"；最早可在 {year} 学年达标"
    return text + "。"


def summary(plan: CompliancePlan) -> dict[str, Any]:
    """Headline figures: status, cost, bound, gap, greedy cost and the engine's check."""
    s = plan.solution
    return {"status": s.status.value, "objective": s.objective, "bound": s.bound if
            math.isfinite(s.bound) else None, "gap": s.gap, "greedy": s.greedy,
            "seconds": s.seconds, "confirmed": plan.confirmed,
            "actions": int(len(plan.actions)), "cost_by_year": plan.totals_by_year()}


__all__ = ["ASSUMPTIONS", "CompliancePlan", "Diagnosis", "default_target", "default_target_year", "left_out",
           "plan_compliance", "summary"]
