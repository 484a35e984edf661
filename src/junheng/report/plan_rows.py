"""The plans the reports add to an evaluation, summarised once for the Word and HTML reports:
a layout plan, an enrolment forecast and a plan ledger."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from junheng.evaluate.cv import COMPOSITE_REFERENCE
from junheng.model import numbers
from junheng.planning.layout_borrow import Borrowing, school_borrowing
from junheng.planning.layout_land import PENDING, beyond_cap_text, land_text
from junheng.planning.layout_later import classes_words
from junheng.planning.layout_naming import layout_name, with_details
from junheng.planning.layout_outcome import CvComparison, LayoutOutcome, PlannedSchool
from junheng.planning.layout_reasons import areas_built
from junheng.planning.layout_room_words import room_words
from junheng.planning.layout_runs import run_since
from junheng.planning.layout_sports import sports_words
from junheng.planning.plans_temporary import peak_of
from junheng.report.layout_cv_text import composite_change
from junheng.report.plan_phases import phased_years
from junheng.report.report_format import STAGE_LABELS, STAGE_ORDER, indicator_short

# --- layout plan ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LayoutAction:
    """A school the plan closes, expands or builds."""

    name: str
    action: str
    phase: int | None
    detail: str
    procedure: str = ""  # a closure's 撤并程序 status (layout_procedure.PENDING), '' else


@dataclass(frozen=True)
class LayoutSummary:
    """A layout plan as the reports show it: actions, phases and before/after metrics."""

    name: str  # the plan as the documents name it (report.layout_name)
    status: str
    target_year: int | None
    phases: int
    counts: Mapping[str, int]
    actions: tuple[LayoutAction, ...]
    metrics: tuple[tuple[str, ...], ...]  # comparison_text rows: 指标, 当前, 不调整, 调整后, 变化
    cvs: tuple[tuple[str, str, float | None, float | None], ...]
    assumptions: tuple[str, ...]
    metric_heads: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the less obvious rows count (大班额 bases, site cost)
    money: str = ""  # what the bureau spends, then staff and travel (spending_headline)
    cv_before_head: str = "调整前"
    cv_basis: str = ""  # what 调整前 of the CV table is (it is not the data year's evaluation)
    data_year: int | None = None  # phase t falls in the school year data_year + t
    transition: str = ""  # the 过渡期 paragraph (report.layout_years)
    #: the closed schools that are not small today (:func:`not_small_closures`), in words
    not_small: str = ""
    #: the closures after 撤并 (LayoutOutcome.closed_words: 教学点 by 个, review2 finding 13)
    closed: str = ""

    def phase_text(self, phase: int | None) -> str:
        """A phase as its school year (2027 学年), "—" for none."""
        from junheng.report.layout_years import phase_label

        return phase_label(self.data_year, phase)

    def when(self) -> str:
        """The school years the plan acts in, from its actions (:func:`phased_years`), after
        a comma; '' for none.

        >>> s = LayoutSummary("甲", "optimal", 2030, 4, {}, (LayoutAction("乙", "撤并", 2, ""),
        ...     LayoutAction("丙", "扩建", 4, "")), (), (), (), data_year=2025)
        >>> s.when()
        '，2027—2029 学年分 2 期实施'
        >>> from dataclasses import replace
        >>> replace(s, actions=s.actions[:1]).when(), replace(s, actions=()).when()
        ('，2027 学年实施', '')
        >>> replace(s, actions=(LayoutAction("丁", "保留（临时周转过渡）", 1, ""), *s.actions)).when()
        '，2026 学年临时周转过渡，2027—2029 学年分 2 期实施'
        """
        text = phased_years(self.data_year, [(a.action, a.phase) for a in self.actions])
        return f"，{text}" if text else ""

    def sentence(self) -> str:
        return (with_details(self.name, f"目标学年 {self.target_year}{self.when()}") + "："
                + action_words(self.counts, self.closed, self.not_small) + "。" + self.money)


def action_words(counts: Mapping[str, int], closed: str = "", not_small: str = "") -> str:
    """A plan's adjustments by kind with their counts, zero kinds left out, and the schools
    that only bridge with 临时周转 said as the transition they are, not as a kind of
    adjustment (review rv3 finding 10: 「扩建 0 所，改扩建 5 所，临时周转 1 所（不新建）」);
    ``closed``: the closures in words (:func:`~.layout_outcome.closed_count`).

    >>> action_words({"close": 65, "rebuild": 5, "temporary": 1, "new": 1}, "学校 1 所、教学点 64 个")
    '撤并学校 1 所、教学点 64 个，改扩建 5 所，新建 1 所；另有 1 所学校不扩建，所缺教室以临时周转过渡'
    >>> action_words({"expand": 2, "close": 3}), action_words({"close": 0}, " 0 所")
    ('撤并 3 所，扩建 2 所', '不撤并、不扩建、不新建学校')
    """
    closed = (closed or f" {counts['close']} 所") if counts.get("close") else ""
    parts = [*([f"撤并{closed}{not_small}"] if closed else []),
             *(f"{word} {counts[key]} 所" for key, word in
               (("expand", "扩建"), ("rebuild", "改扩建"), ("grounds", "补足运动场地"), ("new", "新建"))
               if counts.get(key))]
    text = "，".join(parts) or "不撤并、不扩建、不新建学校"
    if counts.get("temporary"):
        text += f"；另有 {counts['temporary']} 所学校不扩建，所缺教室以临时周转过渡"
    return text


def changed_schools(plan: LayoutOutcome) -> list:
    """The schools a plan acts at (an action, or areas added at a kept school), by phase."""
    order = {"close": 1, "expand": 2, "new": 0}
    return sorted((s for s in plan.schools if s.action != "keep" or s.added_teaching_area
                   or s.added_sports_area or s.sports_beyond_cap_area),
                  key=lambda s: (s.phase or 0, order.get(s.action, 3), s.name))


def plan_when(plan: LayoutOutcome) -> str:
    """:func:`phased_years` of a plan's actions (what the web page's verdict line says)."""
    from junheng.model.labels import SHOWN_ACTION_LABELS

    return phased_years(plan.year, [(SHOWN_ACTION_LABELS[s.shown_action], s.phase) for s in changed_schools(plan)])


def layout_summary(plan: LayoutOutcome) -> LayoutSummary:
    """Summarise a layout plan: counts, the changed schools by phase, before/after, CVs."""
    from junheng.model.labels import SHOWN_ACTION_LABELS
    from junheng.planning.layout_procedure import procedure_status
    from junheng.planning.layout_receivers import receivers
    from junheng.report.layout_money_text import spending_headline
    from junheng.report.layout_xlsx import comparison_heads, comparison_text
    from junheng.report.layout_years import transition_text

    names = plan.names
    changed = changed_schools(plan)
    into = receivers(plan)
    unsure = not_small_closures(plan)
    borrowing = school_borrowing(plan)
    actions = tuple(LayoutAction(s.name, SHOWN_ACTION_LABELS[s.shown_action], s.phase,
                                 _layout_detail(s, names, into.get(s.school_id, ""),
                                                (borrowing.get(s.school_id), plan))
                                 + unsure.get(s.school_id, ""), procedure_status(s, plan)) for s in changed)
    rows = comparison_text(plan) if plan.metrics.get("before") else []
    metrics = tuple(tuple(r) for r in rows if r[0] != "说明")
    cvs, assumptions = _layout_cvs(plan.evaluation)
    from junheng.report.layout_info import status_said

    return LayoutSummary(layout_name(plan), status_said(plan), plan.target_year, plan.phases,
                         plan.shown_counts(), actions, metrics, cvs, assumptions,
                         tuple(comparison_heads(plan)),
                         (*size_warnings(plan), *(r[1] for r in rows if r[0] == "说明")),
                         workbook_named(spending_headline(plan, wan=True))
                         + composite_change(plan.evaluation, plan.year, plan.target_year),
                         *cv_before_basis(plan),
                         data_year=plan.year,
                         transition=transition_text(plan), not_small=not_small_text(plan),
                         closed=plan.closed_words())


def _not_small(plan: LayoutOutcome) -> list[PlannedSchool]:
    """The closed schools (not 教学点, not listed in ``close_candidates`` or ``close``) with
    ``small_school_max_pupils`` or more pupils today: closed in the year they expect fewer
    (planning.layout_small, planner review finding 2)."""
    rules = plan.rules or {}
    listed = set(rules.get("close_candidates") or ()) | set(rules.get("close") or ())
    least = rules.get("small_school_max_pupils", 100)
    return [s for s in plan.schools if s.action == "close" and s.kind != "teaching_point"
            and s.school_id not in listed and s.students_now >= least]


#: the 临界 clause the planner adds to a closure's reason
#: (:func:`junheng.planning.layout_small.critical_clause`), up to the next clause
_CRITICAL = re.compile(r"临界：[^；]*")


def not_small_closures(plan: LayoutOutcome) -> dict[str, str]:
    """school_id -> the 需论证 clause of a closure in :func:`_not_small` (表 1, the web), with
    the planner's 临界 clause when the closure rests on a projection near the line (planner
    review: 表 1 showed 袁桥 without the 临界 that the document's 说明 gave).

    >>> from types import SimpleNamespace as NS
    >>> s = PlannedSchool("A", "甲村小学", "close", kind="primary_school", students_now=159,
    ...                   students_expected=97)
    >>> not_small_closures(NS(schools=(s,), rules={"small_school_max_pupils": 100}, target_year=2030,
    ...                       kept_reasons={}))
    {'A': '（现有在校生 159 人，2030 学年预计 97 人，需论证）'}
    >>> not_small_closures(NS(schools=(s,), rules={}, target_year=2030, kept_reasons={"A":
    ...     "；需论证：……；临界：撤并取决于预测，2030 学年预计 97 人，距小规模学校标准 100 人在 10% 以内（差 3 人）；划片"}))
    {'A': '（现有在校生 159 人，2030 学年预计 97 人，需论证；临界：撤并取决于预测，2030 学年预计 97 人，距小规模学校标准 100 人在 10% 以内（差 3 人））'}
    """
    out = {}
    for s in _not_small(plan):
        critical = _CRITICAL.search(plan.kept_reasons.get(s.school_id, ""))
        out[s.school_id] = (f"（现有在校生 {s.students_now:,} 人，{plan.target_year} 学年预计 "
                            f"{s.students_expected:,} 人，需论证"
                            + (f"；{critical.group(0)}" if critical else "") + "）")
    return out


def not_small_text(plan: LayoutOutcome) -> str:
    """The summary's clause on the closures of :func:`_not_small` ('' for none).

    >>> from types import SimpleNamespace as NS
    >>> s = PlannedSchool("A", "甲村小学", "close", kind="primary_school", students_now=159,
    ...                   students_expected=97)
    >>> p = PlannedSchool("P", "乙教学点", "close", kind="teaching_point", students_now=12)
    >>> not_small_text(NS(schools=(p, s), rules={}, target_year=2030))
    '（其中小学 1 所：甲村小学，现有在校生 159 人，2030 学年预计 97 人，需论证）'
    """
    from junheng.model.labels import SCHOOL_TYPE_LABELS

    big = _not_small(plan)
    if not big:
        return ""
    kinds = sorted({SCHOOL_TYPE_LABELS.get(s.kind, "学校") for s in big})
    each = "；".join(f"{s.name}，现有在校生 {s.students_now:,} 人，{plan.target_year} 学年预计 "
                    f"{s.students_expected:,} 人" for s in big)
    return f"（其中{'、'.join(kinds)} {len(big)} 所：{each}，需论证）"


def workbook_named(text: str) -> str:
    """``text`` for a document other than the layout workbook: the 教师配置汇总 sheet named
    with its workbook (review2 (b): the Word said "见“教师配置汇总”表", a table only the
    workbook has).

    >>> workbook_named("需招聘 5 人（见“教师配置汇总”表）。")
    '需招聘 5 人（见《布局调整方案工作簿》的“教师配置汇总”表）。'
    """
    from junheng.report.layout_docx import LAYOUT_WORKBOOK
    from junheng.report.staffing_rows import SHEET_TITLE

    return text.replace(f"（见“{SHEET_TITLE}”表）", f"（见{LAYOUT_WORKBOOK}的“{SHEET_TITLE}”表）")


def size_warnings(plan: LayoutOutcome) -> tuple[str, ...]:
    """The kept schools whose places the plan leaves mostly empty (a project's new school:
    :func:`~junheng.planning.layout_reasons.opening_reason`), one 说明 each, first: the Word
    documents listed such a school only among 必须保留的学校 (layoutfix item 7).

    >>> p = LayoutOutcome("optimal", (PlannedSchool("N", "新区二小", "keep"),), {},
    ...                   kept_reasons={"N": "学位利用率 17%，其余学位空余：请核实项目规模。"})
    >>> size_warnings(p)
    ('学位利用率低，需核实：新区二小（保留）：学位利用率 17%，其余学位空余：请核实项目规模。',)
    """
    from junheng.model.labels import SHOWN_ACTION_LABELS
    from junheng.planning.layout_batches import batches_words
    from junheng.planning.layout_borrow import receiver_borrow
    from junheng.planning.layout_reasons import VERIFY_SIZE

    names = {s.school_id: s for s in plan.schools}
    return tuple(f"学位利用率低，需核实：{names[sid].name}（{SHOWN_ACTION_LABELS[names[sid].shown_action]}）："
                 f"{receiver_borrow(text, plan)}{batches_words(plan, sid)}"
                 for sid, text in plan.kept_reasons.items() if VERIFY_SIZE in text and sid in names)


def size_facts(plan: LayoutOutcome) -> tuple[str, ...]:
    """:func:`size_warnings` as the 自评报告 states them: the facts, without asking the county
    to check itself (review2 finding 5; the ask goes to 报送前核对,
    :func:`~junheng.report.checklist.pre_submission_checks`).

    >>> from junheng.planning.layout_reasons import opening_reason
    >>> p = LayoutOutcome("optimal", (PlannedSchool("N", "新区二小", "keep"),), {},
    ...                   kept_reasons={"N": opening_reason({"seats_primary": 2160, "seats_junior": 0}, 371)})
    >>> print(size_facts(p)[0])
    学位利用率低：新区二小（保留）：建设项目的新建学校，学位 2,160 个按项目建设（不是本方案确定的规模）；本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 371 人，学位利用率 17%，其余学位空余。
    """
    from junheng.planning.layout_reasons import VERIFY_ASK

    return tuple(w.replace("学位利用率低，需核实：", "学位利用率低：", 1).replace(VERIFY_ASK, "")
                 for w in size_warnings(plan))


def cv_before_basis(plan: LayoutOutcome) -> tuple[str, str]:
    """The head and the note of the plan's 调整前 CVs: the planning year's pupils without the
    plan, today's teachers and buildings with the building projects finished by then.

    >>> from types import SimpleNamespace as NS
    >>> cv_before_basis(NS(year=2025, target_year=2030, rules={}))[0]
    '调整前（2030 学年不调整布局，计入 2030 学年前建成项目）'
    """
    from junheng.planning.compliance_layout import cv_pupils
    from junheng.planning.layout_forecast import FORECAST_RULE

    if not plan.year or not plan.target_year:
        return "调整前", ""
    year = plan.target_year
    head = f"调整前（{year} 学年不调整布局，计入 {year} 学年前建成项目）"
    forecast = bool((plan.rules or {}).get(FORECAST_RULE))
    pupils = "各校的招生预测数" if forecast else f"各校 {plan.year} 学年的学生按所在乡镇学龄人口的变化推算"
    note = (f"“调整前”按规划年 {year} 学年不调整布局时各校的学生（{pupils}）和现有教师、校舍计算，"
            f"并计入 {year} 学年前建成的在建、规划项目，因此与 {plan.year} "
            f"学年评估的差异系数不同；“调整后”为同一学年按本方案调整后的县域。{cv_pupils(forecast)}。")
    return head, note


def _layout_detail(school: PlannedSchool, names: Mapping[str, str], into: str = "",
                   borrowed: tuple[Borrowing | None, LayoutOutcome] | None = None) -> str:
    """What a school's action does; ``into``: a closed school's receivers with their pupils
    (:func:`junheng.report.layout_assignments.receivers`); ``borrowed``: the school's 临时周转
    as the 过渡期 rows have it and the plan (:mod:`~junheng.planning.layout_borrow`, brief
    hsize: 表3 said 东城小学 「临时周转 1 间」 and 45 places while 表4 had it borrow none after
    2028), else the solve's rooms not built (a plan without 过渡期 rows)."""
    if school.action == "close":
        target = into or names.get(school.merged_into, "")
        staff = f"，{school.teachers_text(names)}" if school.teachers_to_redeploy else ""
        return (f"学生并入{target}" if target else "撤并") + school.condition + staff
    rows, plan = borrowed or (None, None)
    if plan is not None and plan.transition:  # the reason's words (layout_reasons.counted_rooms)
        parts = room_words(school.built_classrooms, rows, plan.target_year, run_since(plan), peak_of(plan.rules))
        if school.built_classrooms:  # the classes the rooms are for (brief hfourth 1)
            parts[0] += classes_words(school, plan)
    else:
        parts = [f"新建普通教室 {school.built_classrooms} 间"] if school.built_classrooms else []
        if school.temporary_classrooms:
            parts.append(f"临时周转普通教室 {school.temporary_classrooms} 间（借用的教室不新建，见“过渡期”）")
    if school.added_beds:
        parts.append(f"增加宿舍床位 {school.added_beds} 张")
    # its sports gap in figures, each part m² × price (brief hfourth 2); '' in older plans
    sports = sports_words(school, plan.costs) if plan is not None else ""
    if areas := areas_built(replace(school, added_sports_area=0.0) if sports else school, cost=False):
        parts.append(areas)  # layout_areas (layoutfix item 11)
    if sports:
        parts.append(sports)
    elif school.sports_land_area:  # rule (25): land bought beside it, a field laid on it
        parts.append(land_text(school.sports_land_area, school.sports_land_yuan)
                     + f"（征用或置换相邻用地并建室外体育运动场地，{PENDING}）")
    if school.sports_beyond_cap_area and not sports:
        parts.append(beyond_cap_text(school.sports_beyond_cap_area,
                                     school.added_sports_area > 0, school.sports_field))
    seats = sum(v for v in school.lasting_capacity.values() if v)
    if plan is not None and plan.transition:
        borrowed = rows.target_seats(plan.rules or {}) if rows else 0
    else:
        borrowed = sum(school.temporary_seats.values())
    if seats or borrowed:  # a borrowed room is no lasting place (its seats said apart)
        parts.append(f"调整后学位 {seats:,} 个" + (
            f"（另临时周转教室学位 {borrowed:,} 个，过渡期借用，不计入）" if borrowed else ""))
    return "，".join(parts) or "—"


def _layout_cvs(evaluation: CvComparison | None):
    if evaluation is None:
        return (), ()
    rows = tuple((STAGE_LABELS.get(stage, stage),
                  COMPOSITE_REFERENCE if ind == "composite" else indicator_short(ind, ind),
                  cv, evaluation.after.get(stage, {}).get(ind))
                 for stage, cvs in evaluation.before.items() for ind, cv in cvs.items())
    return rows, (*evaluation.causes, *evaluation.assumptions)


# --- forecast -------------------------------------------------------------------------------

@dataclass(frozen=True)
class StageSeries:
    """County students of one stage per forecast year: middle, low and high."""

    stage: str
    label: str
    students: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class ForecastSummary:
    """The forecast as the reports show it: stage series, highlights and the county seat."""

    base_year: int
    horizon: int
    coverage: float
    years: tuple[int, ...]
    series: tuple[StageSeries, ...]
    lines: tuple[str, ...]
    seat_shortfall_years: tuple[int, ...]
    seat: tuple[tuple[int, int, int, int], ...]
    #: (stage group, net per year): the 教室供需 tables show these, never the net across stages
    seat_stages: tuple[tuple[str, tuple[int, ...]], ...] = ()
    #: the note under the 教室供需 table naming the new schools' rooms in it ("" none)
    seat_note: str = ""

    def seat_table(self) -> tuple[list[str], list[list[str]], list[list[bool]]]:
        """The 教室供需 table: headers, rows and which cells are short (a positive gap).

        >>> s = ForecastSummary(2025, 1, 0.8, (2025, 2026), (), (), (2026,),
        ...     ((2025, 30, 31, -1), (2026, 32, 31, 1)), (("primary", (-3, -2)), ("junior", (2, 3))))
        >>> s.seat_table()
        (['学年', '所需班数', '普通教室数', '小学缺口（正为不足）', '初中缺口（正为不足）'], [['2025', '30', '31', '-3', '+2'], ['2026', '32', '31', '-2', '+3']], [[False, False, False, False, True], [False, False, False, False, True]])
        """
        from junheng.jobs.figures import STAGE_GROUP_NAMES

        stages = self.seat_stages or (("all", tuple(net for *_, net in self.seat)),)
        names = {**STAGE_GROUP_NAMES, "all": ""}
        headers = ["学年", "所需班数", "普通教室数",
                   *(f"{names[g]}缺口（正为不足）" for g, _ in stages)]
        rows = [[str(y), f"{need:,}", f"{rooms:,}", *(f"{nets[k]:+,}" for _, nets in stages)]
                for k, (y, need, rooms, _) in enumerate(self.seat)]
        flags = [[False] * 3 + [nets[k] > 0 for _, nets in stages] for k in range(len(self.seat))]
        return headers, rows, flags


def forecast_summary(forecast, layout=None) -> ForecastSummary:
    """Stage totals per year with their band, the highlight sentences (with the ``layout``
    plan in force: :func:`~junheng.report.forecast_xlsx.highlight_lines`) and the county
    seat rooms."""
    from junheng.forecast import forecast_highlights
    from junheng.jobs.figures import ClassroomShortage
    from junheng.report.forecast_xlsx import highlight_lines

    years = tuple(forecast.years)
    county = forecast.county
    series = []
    for stage in STAGE_ORDER:
        part = county[county["stage"] == stage].groupby("year")[
            ["students", "students_low", "students_high"]].sum().reindex(years)
        if part["students"].fillna(0).sum() == 0:
            continue
        series.append(StageSeries(stage, STAGE_LABELS[stage],
                                  *(tuple(float(v) for v in part[c].fillna(0))
                                    for c in ("students", "students_low", "students_high"))))
    highlights = forecast_highlights(forecast)
    seat = tuple((int(r.year), int(r.classes_needed), int(r.classrooms), int(r.net_shortfall))
                 for r in highlights.seat.itertuples(index=False))
    return ForecastSummary(forecast.base_year, forecast.horizon, forecast.coverage, years,
                           tuple(series), tuple(highlight_lines(highlights, top=5, layout=layout)),
                           highlights.seat_shortfall_years, seat,
                           ClassroomShortage.from_highlights(highlights).stages,
                           new_rooms_note(highlights.new_schools))


def new_rooms_note(new_schools) -> str:
    """The 教室供需 table's note on the new schools' rooms it counts (review rv 15).

    >>> from junheng.forecast import NewSchoolRooms
    >>> new_rooms_note((NewSchoolRooms("城东二小", "primary_school", "111", 48, 2027),))
    '注：普通教室数含新建学校城东二小 48 间（2027 学年起）；该校在招生预测中没有自己的学生，其学生由周边学校划片分流，仍计在原就读学校。'
    >>> new_rooms_note(())
    ''
    """
    if not new_schools:
        return ""
    named = "、".join(f"{n.name} {n.rooms:,} 间（{n.first_year} 学年起）" for n in new_schools)
    return (f"注：普通教室数含新建学校{named}；该校在招生预测中没有自己的学生，其学生由周边学校划片分流，"
            "仍计在原就读学校。")


# --- ledger ---------------------------------------------------------------------------------

#: the column of :attr:`LedgerRow.reason` (the web ledger's list is 未达成目标的原因)
LEDGER_REASON_HEAD = "未达成的原因"


@dataclass(frozen=True)
class LedgerRow:
    """One target of a plan ledger: target, latest value, deadline, status, projection."""

    name: str
    target: str
    latest: str
    latest_year: int | None
    deadline: str  # a school year (2026) or a date (2025年6月)
    status: str
    projected: str
    responsible: str
    reason: str = ""  # why a row is not 已达成 (:func:`ledger_reason`); '' for 已达成, 待填报


def _unit(t) -> str:
    """The unit a ledger row prints: the target's, else its measure's when that is a count
    (个, 所, 人, 张: 「不高于 0」 read without one) or 倍 for a ratio."""
    counted = t.kind == "count" or t.unit == numbers.TIMES
    return t.target.unit or (t.unit if counted else "")


def ledger_value(value: Any, kind: str, unit: str = "") -> str:
    """A ledger value: 是/否, a percentage for shares, a count or a number with its unit
    (thousands separators, never scientific notation); '—' when none.

    >>> ledger_value(39800.0, "number", "万元"), ledger_value(0.4551, "share"), ledger_value(None, "count")
    ('39,800 万元', '45.5%', '—')
    >>> ledger_value(0.995, "number", "倍")
    '0.995 倍'

    """
    if value is None or numbers.is_missing(value):
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    if kind == "share":
        return numbers.percent(value)
    text = numbers.number(value) if kind == "count" else numbers.trimmed(
        value, max(2, numbers.unit_digits(unit)))  # 0.995 倍 as the evaluation prints it
    return f"{text} {unit}" if unit else text  # a space before the unit, as numbers.amount


def ledger_rows(ledger) -> list[LedgerRow]:
    """Every target of a :class:`~junheng.ledger.Ledger`."""
    from junheng.ledger.plan import COMPARATOR_LABELS

    rows = []
    for t in ledger.targets:
        goal = t.target.target
        shown = {"baseline": "基准年数值", "previous": "上一学年数值"}.get(goal) \
            if isinstance(goal, str) else ledger_value(goal, t.kind, _unit(t))
        comparator = "" if t.target.comparator == "==" else \
            COMPARATOR_LABELS.get(t.target.comparator, "")
        a = t.assessment
        latest = None if a.latest_year is None else t.values.get(a.latest_year)
        rows.append(LedgerRow(t.target.name, f"{comparator}{' ' if comparator and shown[:1].isdigit() else ''}{shown}",
                              ledger_value(latest, t.kind, _unit(t)), a.latest_year,
                              t.target.deadline_label, t.status.value,
                              ledger_value(t.projected, t.kind, _unit(t)),
                              t.target.responsible, ledger_reason(t)))
    return rows


def ledger_reason(t) -> str:
    """Why a target (:class:`~junheng.ledger.TargetProgress`) is not 已达成, for the 自评报告's
    ledger table: what its status rests on (the baseline year's value it fell back from or
    stayed at, the projection short of the target, the deadline passed), then the reasons
    the web ledger shows beside the row (``TargetProgress.reasons``: the years an every-year
    target missed, a layout plan's closures against the deadline); '' for 已达成 and 待填报
    (planner review 2026-12-04: the Word table gave 滞后 with no reason)."""
    from junheng.ledger.progress import Status, compare

    a = t.assessment
    if a.status in (Status.ACHIEVED, Status.AWAITING):
        return ""

    def shown(value) -> str:
        return ledger_value(value, t.kind, _unit(t))

    first = f"{a.baseline_year} 学年（{shown(t.values.get(a.baseline_year))}）"
    short = compare(a.projected, t.target.comparator, a.target_value) is False
    said = {Status.REGRESSED: f"较 {first}退步",
            Status.STALLED: f"与 {first}相比没有进展",
            Status.ON_TRACK: f"按趋势到期预计 {shown(a.projected)}，可达到目标"}.get(a.status, "")
    if a.status is Status.NO_COMPARISON:
        said = f"只有 {a.latest_year} 学年的数据，无对比数据（待下一学年数据）"
    if a.status is Status.STALLED and a.latest_year == a.baseline_year:  # nothing to compare
        said = f"只有 {first}的数据，未达到目标"
    if a.status is Status.BEHIND and a.latest_year is not None:
        due = t.target.deadline_label + ("" if t.target.deadline_date else " 学年")
        said = (f"到期限（{due}）仍未达到目标" if a.latest_year >= t.target.deadline
                else f"按趋势到期预计 {shown(a.projected)}，达不到目标" if short else "")
    return "；".join(x for x in (said, *t.reasons) if x)


def ledger_sentence(ledger) -> str:
    """'《计划》在示例县的 12 项目标：已达成 3 项，按期推进 2 项……'"""
    counts = "，".join(f"{k} {v} 项" for k, v in ledger.summary().items() if v)
    return f"《{ledger.plan.plan}》在{ledger.region}的 {len(ledger.targets)} 项目标：{counts}。"
