"""Plan a county's compliance path (达标路径) and write its files; the same for a province.

One county: the target year's pupils come from the forecast of the county's school years
(the target year and up to three later years, which the earliest-year search uses when the
budget or the lead times do not fit); the county starts with its 在建、规划 building projects
finishing by the target year in use (:func:`~junheng.planning.projects.county_at`; a new
school, which has no pupils in the forecast, is listed but not planned for); the plan is solved, checked by the evaluation engine on
the county after it, and written as ``plan.json``, 达标路径工作簿.xlsx (整改项目清单), 整改措施.docx
and, when asked, the county workbook as it would be after the plan.

A province: every county's job in parallel on Dask (processes by default), each into
``out/<county code>/``, and a summary table of every county.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from junheng.errors import ConfigError
from junheng.forecast.capacity import rooms_kept_by_other
from junheng.forecast.county import MAX_HORIZON
from junheng.jobs.forecast import forecast_or_reason
from junheng.model import CountyData
from junheng.model.times import today_beijing
from junheng.planning.compliance import CompliancePlan, default_target_year, plan_compliance
from junheng.planning.compliance_budget import budget_problem, default_budget
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_kept import with_layout_status
from junheng.planning.compliance_layout import (
    compulsory_pupils,
    cv_basis_note,
    pupil_count_note,
    room_difference_note,
)
from junheng.planning.compliance_measures import plan_measures
from junheng.planning.compliance_rooms_later import (
    converted_room_notes,
    later_room_notes,
    special_room_notes,
)
from junheng.planning.cv_recruits import plan_recruit_difference
from junheng.planning.layout_borrow import short_rooms
from junheng.planning.layout_conditions import project_leads
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.planning.layout_funds import funding_note
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_phases import first_year_note
from junheng.planning.layout_spending import assumed_budget
from junheng.planning.layout_waiting import borrowed_rooms
from junheng.planning.plans_apart import layout_pays
from junheng.planning.plans_budget import (
    committed_by_year,
    committed_note,
    opening_years,
    ready_by_school,
)
from junheng.planning.plans_combined import combined_summary, layout_leads, target_after_layout
from junheng.planning.plans_together import unsited_money
from junheng.planning.plans_transition import temporary_kind_years
from junheng.planning.policy_costs import policy_costs
from junheng.planning.projects import county_at
from junheng.report.file_names import COMPLIANCE_BOOK, COMPLIANCE_DOCX

#: the files a 达标路径's folder holds, CLI, web job and demo alike (the workbook under the name
#: the documents cite: it was plan.xlsx, which old web job folders still hold)
PLAN_FILES = ("plan.json", COMPLIANCE_BOOK, COMPLIANCE_DOCX)
LATER_YEARS = 3  # years past the target the earliest-year search may try


def target_students(history: Sequence[CountyData], target_year: int
                    ) -> tuple[pd.DataFrame, str, dict[str, tuple[float, float]]]:
    """Pupils per school, grade and year (target year … +3) from the forecast, and a note
    when the forecast was not possible (today's pupils are used for every year then), and the
    forecast's interval of each stage in the target year (:func:`stage_interval`, {} without)."""
    data = history[-1]
    horizon = min(target_year - data.school_year + LATER_YEARS, MAX_HORIZON)
    forecast, reason = forecast_or_reason(history, max(horizon, 1))
    if forecast is not None:
        return (forecast.students[["school_id", "grade", "year", "students"]], "",
                stage_interval(forecast.county, target_year))
    today = current_students(data)
    years = range(data.school_year + 1, data.school_year + horizon + 1)
    frame = pd.concat([today.assign(year=y) for y in years], ignore_index=True)
    return frame, f"无法做招生预测（{reason}），目标学年按数据学年的在校生计算。", {}


def stage_interval(county: pd.DataFrame, year: int) -> dict[str, tuple[float, float]]:
    """Per compulsory stage, the forecast's county interval in ``year`` (its ``county`` frame:
    stage, year, students, students_low, students_high, the 自评's 表 20) as fractions of the
    middle figure, (low − mid, high − mid) / mid (review rv10 finding 11: the 2,000 cap's
    2-pupil margin against the ±2.5 % the 自评 shows). The interval of a school's bounds added
    up is far wider (−13.7 %—+13.3 % in the demo): the county's is the forecast's own.

    >>> f = pd.DataFrame({"stage": ["junior", "primary", "junior"], "year": [2030, 2030, 2029],
    ...                   "students": [15959.0, 0.0, 1.0], "students_low": [15568.0, 0.0, 1.0],
    ...                   "students_high": [16367.0, 0.0, 1.0]})
    >>> {k: (round(a, 4), round(b, 4)) for k, (a, b) in stage_interval(f, 2030).items()}
    {'junior': (-0.0245, 0.0256)}

    (15,959 in 15,568—16,367: −391 / 15,959 = −2.45 %, +408 / 15,959 = +2.56 %.)
    """
    if not {"stage", "students_low", "students_high"} <= set(county):
        return {}
    rows = county[(county["year"] == year) & county["stage"].isin(["primary", "junior"])]
    by = rows.groupby("stage")[["students", "students_low", "students_high"]].sum()
    return {str(k): (float(r.students_low / r.students - 1), float(r.students_high / r.students - 1))
            for k, r in by.iterrows() if r.students > 0}


def run_compliance(history: Sequence[CountyData], out: Path | None = None, *,
                   target_year: int | None = None, budget: float | None = None,
                   costs: Path | None = None, apply: Path | None = None,
                   time_limit: float = 60.0, gap: float = 1e-4,
                   layout: Path | LayoutOutcome | None = None,
                   plan_date: date | None = None) -> CompliancePlan:
    """Plan the latest school year of ``history`` (oldest first) and write its files into
    ``out`` (and the workbook after the plan to ``apply``) when given. With ``layout`` (a
    layout ``plan.json``, its folder, or the outcome itself) the plan is for the county after
    that layout plan (:mod:`junheng.planning.compliance_layout`), and says so, and the
    layout's one-off construction each year is counted as committed in the yearly budget.
    ``plan_date`` (编制日期, blank: today) sets the first school year funded; after a layout
    plan, the layout's (:func:`_plan_day`: both plans made together have one day)."""
    if (problem := budget_problem(budget)) is not None:
        raise ConfigError(problem)
    history = sorted(history, key=lambda d: d.school_year)
    data, unit_costs, layout = history[-1], load_costs(costs), _layout_outcome(layout)
    day = _plan_day(plan_date, layout)
    target, layout_text = _target(data, target_year, layout, unit_costs, day)
    students, note, interval = target_students(history, target)
    built = replace(county_at(data, target, today=day), leads=project_leads(layout, unit_costs))  # as 表3 (rv7 8)
    opened = _new_schools_used(layout, built.new_schools)
    data = built.existing_schools(opened)
    notes = [first_year_note(data.school_year, day, "整改项目"), *([note] if note else [])]
    # the rooms 高中 / 附设幼儿班 classes keep: today's split, as the forecast's, so rooms that
    # projects or a layout add stay the compulsory stages'
    kept = rooms_kept_by_other(history[-1])
    # a layout plan written without its target year: this plan's
    layout_year = (layout.target_year or target) if layout is not None else None
    data, students, used, moves, spare, staffing = _teachers_first(data, students, layout, target)
    notes[:0] = [*used, *([layout_text] if layout_text else [])]
    # a project's new school the layout fills is built by its project, as a relocating
    # school's new campus: no action of this plan there (final review 2026-12-03: a
    # 2,378 m² hall at a 2,160-place school under construction with 371 pupils)
    options = {"costs": unit_costs, "time_limit": time_limit, "gap": gap,
               "kept_rooms": kept, "no_build": built.no_build | frozenset(opened),
               "layout_year": layout_year, "plan_date": day,
               "committed": committed_by_year(layout) if layout is not None else None,
               **({"layout_ready": ready_by_school(layout), "opening": opening_years(layout), "borrowed": borrowed_rooms(layout), "borrowed_kinds": temporary_kind_years(layout)} if layout is not None else {}),
               "peak_years": _peak_years(layout), "today": history[-1], "staffing": staffing}
    plan, said = plan_within_budget(history[-1], data, students, target, budget, options)
    said += committed_note(plan.problem.committed, plan.problem.budget)
    target = plan.problem.target_year  # later when the default budget cannot finish by then
    notes += [*said, *built.plan_notes("达标路径", plan.actions, new_schools_used=opened)]
    plan = replace(plan, assumptions=(*notes, *_teacher_assumptions(plan, moves, layout is not None)),
                   assumed=frozenset(opened), unsited=_unsited(layout), layout_year=layout_year, layout_forecast=_forecast_used(layout),
                   redeployed=_moves_or_empty(moves), staffing=staffing,
                   closed_moved=_closed_moves(layout), problem=replace(plan.problem, spare_teachers=spare),
                   pupil_interval=interval)
    later = _room_notes(data, students, plan.actions, target)
    if later:
        plan = replace(plan, warnings=(*plan.warnings, *later))
    if layout is not None:
        plan = _beside_layout(plan, layout, data, target)
    plan = _with_policy(replace(plan, measures=plan_measures(plan, history[-1], *_rooms_short(layout))), layout)
    if out is not None:
        write_compliance_outputs(plan, out)
    if apply is not None:
        write_applied_workbook(plan, apply)
    return plan


def _unsited(layout: LayoutOutcome | None) -> frozenset[str]:
    """The layout's schools whose new rooms have no site (review rv14 N4); none without."""
    from junheng.planning.layout_footprint import unsited_ids

    return frozenset() if layout is None else unsited_ids(layout)


def _rooms_short(layout: LayoutOutcome | None) -> tuple[int, str]:
    """The layout's classrooms still short in its target year (brief hhonest2 3) and the schools
    still borrowing then, in words (review rv14 3); 0 and "" without."""
    from junheng.planning.layout_footprint import borrowing_words, still_borrowing

    if layout is None or not layout.metrics:
        return 0, ""
    return short_rooms(layout, layout.metrics.get("after") or {}), borrowing_words(still_borrowing(layout))


def _with_policy(plan: CompliancePlan, layout: LayoutOutcome | None) -> CompliancePlan:
    """``plan`` with the yearly cost of the county's own 整改 items beside both plans' year
    table, and whether their budget is the default (review rv10 9, 10)."""
    from junheng.planning.layout_floor import topup_words
    from junheng.planning.policy_costs import with_topup_words

    if layout is None or not plan.combined or not (by := plan.combined.get("by_year")):
        return plan
    said = topup_words(layout, [int(y) for y in by["years"]])
    plan = replace(plan, measures={**plan.measures, "rows": with_topup_words(plan.measures["rows"], said)})
    return replace(plan, combined={**plan.combined, "policy": policy_costs(layout, by["years"], plan.measures["rows"]),
                                   "budget_assumed": assumed_budget(layout, plan.combined.get("budget")),
                                   "funding_note": funding_note(layout)})


def _forecast_used(layout: LayoutOutcome | None) -> bool:
    """Whether the layout plan's pupils are the forecast's (planning.layout_forecast)."""
    return bool(layout is not None and (layout.rules or {}).get(FORECAST_RULE))


def _beside_layout(plan: CompliancePlan, layout: LayoutOutcome, data: CountyData,
                   target: int) -> CompliancePlan:
    """``plan`` with both plans' money and actions together, and the notes on where the two
    count rooms, pupils and CVs differently."""
    pupils = compulsory_pupils(plan.problem.before)
    actions, paid = layout_pays(plan.actions, layout.staffing)
    plan = replace(plan, actions=actions, layout_paid=paid, left_out=with_layout_status(plan.left_out, layout))
    if plan.after is not None:
        plan = replace(plan, combined=combined_summary(
            layout, plan.actions, target, plan.problem.costs.recurring_years,
            plan.problem.budget, halls=_layout_halls(data), pupils=pupils,
            committed=plan.problem.committed,
            senior=_with_layout_senior(plan.senior, layout, data, plan.problem),
            apart=(plan.sports_path or {}).get("total"), temporary=plan.problem.temporary,
            rented=plan.problem.rented_area))
    notes = [room_difference_note(layout, plan.actions), pupil_count_note(layout, pupils, target)]
    if layout.evaluation is not None:
        plan = replace(plan, layout_cvs={k: dict(v) for k, v in layout.evaluation.after.items()})
        notes.append(cv_basis_note(layout, target, plan_recruit_difference(
            plan.layout_cvs, layout.staffing, plan.before)))
    if plan.combined is not None:  # what 方案乙 would change (review rv10 finding 12)
        plan = replace(plan, combined={**plan.combined, "option_b": _option_b(plan, layout),
                                       "unsited": unsited_money(layout, plan)})  # review rv14 N4
    return replace(plan, assumptions=(*plan.assumptions, *[n for n in notes if n]))


def _option_b(plan: CompliancePlan, layout: LayoutOutcome) -> dict | None:
    """:func:`~junheng.planning.option_b.option_b` of ``layout``'s 方案乙 beside ``plan``: the
    schools failing the school rule after it, the land-and-field price a m², the floor, the
    evaluation units and the schools only 方案甲 (``layout``) builds."""
    from junheng.planning.option_b import option_b

    p, result = plan.problem, plan.evaluation
    units = result.assessment.drop_duplicates("unit_id").set_index("unit_id")["school_id"]
    names = p.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    failing = {str(names.get(units.get(f.unit_id), "")) for f in result.verdict.failures if f.id == "school_rule"}
    price = p.costs.sports_remedy.land_unit_cost + p.costs.item("field").unit_cost
    bad = {f.unit_id for f in result.verdict.failures if f.id == "school_rule"}
    stages: dict[str, list[tuple[str, bool]]] = {}
    for unit, school, stage in result.assessment.drop_duplicates("unit_id")[["unit_id", "school_id", "stage"]].itertuples(index=False):
        stages.setdefault(str(names.get(school, "")), []).append((str(stage), unit not in bad))
    new = frozenset(str(names.get(s.school_id, s.name)) for s in layout.schools if s.action == "new")  # rv29 1
    return option_b(layout.alternative, plan.layout_cvs, failing, round(price, 6), p.standard.school_rule.floor_ratio,
                    stages, new)


def _with_layout_senior(senior, layout: LayoutOutcome, data: CountyData, problem):
    """The 达标路径's 高中 parts and the layout's (its receivers' sports top-up shared with 高中,
    layout_areas.layout_senior): 另需高中经费 counts every 高中 amount (rv3 4)."""
    from junheng.planning.layout_areas import layout_senior, sports_prices
    from junheng.planning.layout_config import county_prices

    # the 达标路径's own split and prices: one figure per school in 另需高中经费
    share = problem.schools.set_index("school_id")["share_compulsory"]
    extra = layout_senior(layout, data, share=share, prices=sports_prices(county_prices(problem.costs)))
    if extra.empty:
        return senior
    if senior is None or senior.empty:
        return extra
    return pd.concat([senior, extra], ignore_index=True)


def _room_notes(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame,
                target: int) -> list[str]:
    """What the forecast after the target year says of the rooms the plan builds or converts."""
    return [*later_room_notes(data, students, actions, target),
            *converted_room_notes(data, students, actions, target),
            *special_room_notes(data, students, actions, target)]


def _peak_years(layout: LayoutOutcome | None) -> int | None:
    """A layout plan in force: its own 临时周转 threshold (None: the layout's default)."""
    return (layout.rules or {}).get("temporary_peak_years") if layout is not None else None


def _new_schools_used(layout: LayoutOutcome | None, new_schools) -> dict[str, int]:
    """The projects' new schools a layout plan in force gives pupils, with their pupils of its
    planning year: the compliance plan counts them as the layout does (planner review
    finding 9)."""
    if layout is None:
        return {}
    return {s.school_id: int(sum(s.students_after.values())) for s in layout.schools
            if s.school_id in set(new_schools) and s.action != "close"
            and sum(s.students_after.values()) > 0}


def _layout_outcome(layout: Path | LayoutOutcome | None) -> LayoutOutcome | None:
    from junheng.planning.layout_json import read_layout_json

    return layout if layout is None or isinstance(layout, LayoutOutcome) \
        else read_layout_json(layout)


def _plan_day(plan_date: date | None, layout: LayoutOutcome | None) -> date:
    """The 编制日期: the layout plan's when there is one (its rules' ``plan_date``; fixtext
    item 5: a 达标路径 after a layout took today, so its first year could differ from the
    layout's), else ``plan_date``, else today; a ``plan_date`` other than the layout's is
    refused."""
    made = (layout.rules or {}).get("plan_date") if layout is not None else None
    made = date.fromisoformat(str(made)) if made else None
    if made and plan_date and plan_date != made:
        raise ConfigError(f"达标路径的编制日期 {plan_date.isoformat()} 与布局调整方案的编制日期 {made.isoformat()} 不同："
                          "布局调整后的达标路径与布局方案使用同一编制日期，请不填编制日期或填写布局方案的编制日期。")
    return made or plan_date or today_beijing()


def _target(data: CountyData, target_year: int | None, layout: LayoutOutcome | None,
            costs, day: date) -> tuple[int, str]:
    """The target year and, after a layout plan, the sentence on both plans' years (one rule
    for the demo, ``plan compliance --layout`` and the web: :func:`target_after_layout`)."""
    if layout is None:
        return target_year or default_target_year(data, day), ""
    return target_after_layout(data.school_year, target_year, layout, layout_leads(costs))


def plan_within_budget(latest: CountyData, data: CountyData, students: pd.DataFrame,
                        target: int, budget: float | None, options: dict
                        ) -> tuple[CompliancePlan, list[str]]:
    """The plan within ``budget`` or, when none is given, the default budget
    (:func:`~junheng.planning.compliance_budget.default_budget`); when the default budget
    cannot finish by ``target``, the plan for the earliest year it can, and the notes that say
    so (issue 16: 20,328 万元 in one year was 28 % of the county's education budget)."""
    notes: list[str] = []
    if budget is None:
        budget, rule = default_budget(latest.tables.get("county_figures"),
                                      options["costs"].budget_share)
        notes.append(rule)
        default = budget is not None
    else:
        default = False
    plan = plan_compliance(data, students, target, budget=budget, **options)
    later = plan.diagnosis.earliest_year if plan.diagnosis else None
    if default and later is not None:
        notes.append(f"按默认年度预算，{target} 学年前不能完成全部整改（{plan.diagnosis.message}）"
                     f"本方案按最早可以完成的 {later} 学年编制。")
        plan = plan_compliance(data, students, later, budget=budget, **options)
    return plan, notes


def _after_layout(data: CountyData, students: pd.DataFrame, layout: LayoutOutcome,
                  target: int) -> tuple[CountyData, pd.DataFrame, list[str], pd.DataFrame,
                                        pd.DataFrame]:
    """The county, its forecast pupils and the notes, once the layout plan is carried out,
    with the teachers who follow the pupils the layout moves between kept schools (in the
    target year: :mod:`junheng.planning.compliance_redeploy`), those moves and what the
    sending and receiving schools have to spare after them (the checker's rule (18))."""
    from junheng.planning.compliance_layout import after_layout, layout_note
    from junheng.planning.compliance_redeploy import redeploy_note, spare_teachers
    from junheng.report.staffing_rows import staffing_sentence

    state = after_layout(data, layout, students, target)
    after, before, now, moves = state.county, state.before, state.now, state.moves
    closed = sum(s.teachers_to_redeploy for s in layout.schools if s.action == "close")
    notes = [n for n in (layout_note(layout), redeploy_note(moves, closed, bool(layout.staffing)),
                         staffing_sentence(layout.staffing)) if n]
    return after, state.students, notes, moves, spare_teachers(after, before, now, moves,
                                                               flows=state.flows)


def _teachers_first(data: CountyData, students: pd.DataFrame, layout: LayoutOutcome | None,
                    target: int) -> tuple:
    """The county, pupils, notes, teacher moves, what the layout's senders may still spare (the
    checker's rule (18)) and the staffing ledger before this plan hires: after ``layout``
    (:func:`_after_layout`, its ledger printed as is), else :func:`redeploy_alone`'s."""
    if layout is None:
        after, moves, staffing, notes = redeploy_alone(data, students, target)
        return after, students, notes, moves, None, staffing
    staffing = dict(layout.staffing) if layout.staffing else None
    return (*_after_layout(data, students, layout, target), staffing)


def redeploy_alone(data: CountyData, students: pd.DataFrame, target: int
                   ) -> tuple[CountyData, pd.DataFrame | None, dict, list[str]]:
    """Without a layout plan: the county with the 县管校聘调剂 of its staffing ledger done
    before anything is hired (:func:`~junheng.planning.staffing_ledger.ledger_without_layout`,
    the target year's pupils), those moves (None when there are none), the ledger and the
    note that names them, as after a layout (review vf: 0 moved, 体育艺术 hired beside a
    surplus)."""
    from junheng.planning.compliance_redeploy import alone_note, apply_teacher_moves
    from junheng.planning.staffing_ledger import ledger_without_layout
    from junheng.report.staffing_rows import staffing_sentence

    now = students[students["year"] == target] if "year" in students else students
    ledger = ledger_without_layout(data, now[["school_id", "grade", "students"]], target)
    staffing = ledger.to_dict()
    notes = [staffing_sentence(staffing)]
    if ledger.teacher_moves is None or ledger.teacher_moves.empty:
        return data, None, staffing, notes
    after, moves = apply_teacher_moves(data, ledger.teacher_moves)
    return after, moves, staffing, [alone_note(moves), *notes]


def _teacher_assumptions(plan: CompliancePlan, moves: pd.DataFrame | None,
                         layout: bool = True) -> tuple[str, ...]:
    """The plan's assumptions; 现有教师 are kept except those redeployed (after a layout plan
    and its closures, or by 县管校聘 alone)."""
    from junheng.planning.compliance import KEPT_TEACHERS

    if moves is None or moves.empty:
        return plan.assumptions
    return tuple(a.replace(KEPT_TEACHERS, kept_teachers_text(moves, layout))
                 for a in plan.assumptions)


def kept_teachers_text(moves: pd.DataFrame, layout: bool = True) -> str:
    """The 现有教师 assumption after a layout plan: the moves between kept schools by the
    labels (and total) the 教师随学生调配 sentence uses (review 2026-12-04 finding 3: "保留学校间
    随学生调配的 91 人" were 41 moved with the pupils and 50 by 县管校聘).

    >>> moves = pd.DataFrame({"kind": ["kept", "pool", "kept"], "teachers": [30, 50, 11]})
    >>> kept_teachers_text(moves)
    '现有教师除保留学校间调配 41 人、县管校聘同学段调剂 50 人（共 91 人）及撤并学校随迁的教师外保持不变（退休、调出按同岗位补充）'
    >>> kept_teachers_text(moves.drop(columns="kind"))[:32]
    '现有教师除保留学校间调配 91 人及撤并学校随迁的教师外保持不变'
    >>> kept_teachers_text(moves[moves["kind"].eq("pool")], layout=False)[:24]
    '现有教师除县管校聘同学段调剂 50 人外保持不变'
    """
    from junheng.planning.compliance_redeploy import kept_moves_text

    total = int(moves["teachers"].sum())
    pooled, moved = (int(moves.loc[moves["kind"].eq(k), "teachers"].sum()) if "kind" in moves else 0
                     for k in ("pool", "transfer"))
    both = f"（共 {total:,} 人）" if 0 < pooled + moved < total or (pooled and moved) else ""
    closed = "及撤并学校随迁的教师" if layout else ""
    return (f"现有教师除{kept_moves_text(total, pooled, moved)}{both}{closed}外保持不变"
            "（退休、调出按同岗位补充）")


def _closed_moves(layout: LayoutOutcome | None) -> pd.DataFrame:
    """The closed schools' teachers and their receivers (撤并随迁), none without a layout."""
    from junheng.planning.compliance_closures import CLOSURE_COLUMNS, closure_moves

    if layout is None:
        return pd.DataFrame(columns=list(CLOSURE_COLUMNS))
    return closure_moves(layout.schools)


def _moves_or_empty(moves: pd.DataFrame | None) -> pd.DataFrame:
    from junheng.planning.compliance_redeploy import MOVE_COLUMNS

    return moves if moves is not None else pd.DataFrame(columns=list(MOVE_COLUMNS))


def write_compliance_outputs(plan: CompliancePlan, out: Path) -> list[Path]:
    """:data:`PLAN_FILES` in ``out``."""
    from junheng.planning.compliance_json import write_compliance_json
    from junheng.report.compliance_docx import write_compliance_docx
    from junheng.report.compliance_xlsx import write_compliance_xlsx

    out.mkdir(parents=True, exist_ok=True)
    return [write_compliance_json(plan, out / PLAN_FILES[0]),
            write_compliance_xlsx(plan, out / PLAN_FILES[1]),
            write_compliance_docx(plan, out / PLAN_FILES[2])]


def write_applied_workbook(plan: CompliancePlan, path: Path) -> Path | None:
    """The county workbook of the target year after the plan (None when there is no plan)."""
    from junheng.io import write_workbook

    if plan.after is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_workbook(plan.after, path)


def _county_job(args) -> dict:
    history, out, options = args
    plan = run_compliance(history, out / history[-1].county_code, **options)
    return {"county": history[-1].county_code, "name": plan.problem.county.get("name", ""),
            "status": plan.status.value, "objective": plan.objective, "gap": plan.solution.gap,
            "greedy": plan.solution.greedy, "confirmed": plan.confirmed,
            "seconds": round(plan.solution.seconds, 1),
            "diagnosis": plan.diagnosis.message if plan.diagnosis else ""}


def run_compliance_province(counties: Iterable[Sequence[CountyData]], out: Path, *,
                            workers: int = 2, scheduler: str = "processes",
                            **options) -> list[dict]:
    """Every county's :func:`run_compliance` on Dask; ``out/summary.json`` lists them all."""
    import dask.bag as db

    jobs = [(list(h), out, options) for h in counties]
    if not jobs:
        return []
    rows = db.from_sequence(jobs, npartitions=len(jobs)).map(_county_job).compute(
        scheduler=scheduler, num_workers=workers)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    return rows


def _layout_halls(data) -> dict[str, float]:
    """The hall m² the layout built per school (compliance_layout._with_areas), which the
    达标路径's hall there extends: one hall, one line in 布局调整与达标路径合计."""
    f = data.facilities
    if "layout_hall_area" not in f:
        return {}
    halls = f.set_index("school_id")["layout_hall_area"].fillna(0.0)
    return {str(k): float(v) for k, v in halls[halls > 0].items()}
