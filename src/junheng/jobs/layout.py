"""Run a layout scenario: solve it and write ``plan.json``, 布局调整方案工作簿.xlsx and
布局方案地图.html (:data:`PLAN_FILES`, the names the documents cite); compare several scenarios
side by side."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from junheng.errors import ConfigError, InfeasibleError, JunhengError
from junheng.jobs.listeners import Silent, StepListener
from junheng.model import CountyData, numbers
from junheng.model.labels import QUOTA_FUNDING
from junheng.planning import LayoutConfig, LayoutPlan, load_layout_config, plan_layout
from junheng.planning.layout_compare import SCORE_ROW
from junheng.planning.layout_costs import shown_metrics
from junheng.planning.layout_forecast import pupil_basis, with_forecast
from junheng.planning.layout_json import write_layout_json
from junheng.planning.layout_options import AMONG_B, OPTION_A, OPTION_A_FULL, OPTION_B
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_phases import plan_day
from junheng.report.file_names import LAYOUT_BOOK, LAYOUT_MAP

#: the files a layout plan's folder holds, CLI, web job and demo alike (plan.json is read back
#: by the system; the workbook and the map under the names the documents cite: they were
#: plan.xlsx and map.html, which old web job folders still hold)
PLAN_FILES = ("plan.json", LAYOUT_BOOK, LAYOUT_MAP)


#: A travel matrix's columns by the headers a user may give them (Chinese, as the 就近划片 files
#: have them, or the codes'), lower-cased as :func:`~junheng.io.csv_text.read_csv_table` reads.
TRAVEL_HEADS = {"village_code": ("village_code", "村居代码", "村居"),
                "school_id": ("school_id", "学校代码", "学校标识码", "学校"),
                "minutes": ("minutes", "分钟", "单程分钟", "通行分钟")}
TRAVEL_LABELS = {"village_code": "村居代码", "school_id": "学校代码", "minutes": "分钟"}


def read_travel_matrix(path: Path | None) -> pd.DataFrame | None:
    """A CSV of 村居代码, 学校代码, 分钟 (or village_code, school_id, minutes), codes as text;
    UTF-8 or GBK as Excel saves it."""
    from junheng.io.csv_text import read_csv_table

    if path is None:
        return None
    try:
        frame = read_csv_table(Path(path), "通行时间表")
    except JunhengError as exc:
        raise ConfigError(str(exc)) from None
    found = {key: next((h for h in heads if h in frame.columns), None) for key, heads in TRAVEL_HEADS.items()}
    missing = [TRAVEL_LABELS[key] for key, head in found.items() if head is None]
    if missing:
        raise ConfigError(f"通行时间表 {path} 缺少列：{'、'.join(missing)}（表头应为 村居代码、学校代码、分钟）。")
    frame = frame.rename(columns={head: key for key, head in found.items()})
    bad = pd.to_numeric(frame["minutes"], errors="coerce")
    rows = frame.index[bad.isna() | (bad < 0)]
    if len(rows):
        r = int(rows[0])
        raise ConfigError(f"通行时间表 {path} 第 {r + 2} 行“{found['minutes']}”为“{frame.at[r, 'minutes']}”："
                          "应为非负的分钟数。")
    return frame.assign(minutes=bad)[["village_code", "school_id", "minutes"]]


def village_points(data: CountyData) -> list[dict]:
    from junheng.model.places import town_names

    v, towns = data.villages, town_names(data)
    return [{"village_code": c, "name": n, "lon": float(x), "lat": float(y),
             "town_code": str(t), "town": towns.get(str(t), "")}
            for c, n, x, y, t in zip(v["village_code"], v["name"], v["lon"], v["lat"],
                                     v["town_code"], strict=True)]


def write_layout_outputs(plan: LayoutOutcome, data: CountyData, out: Path, *,
                         boundaries: Path | None = None) -> list[Path]:
    """Write :data:`PLAN_FILES` into ``out``; the map's towns from the
    ``boundaries`` file when given, else drawn from the villages' points."""
    from junheng.geo.towns import county_towns
    from junheng.report.layout_map import write_layout_map
    from junheng.report.layout_xlsx import write_layout_xlsx

    out.mkdir(parents=True, exist_ok=True)
    towns = county_towns(data, boundaries)
    json_name, book, page = PLAN_FILES
    return [write_layout_json(plan, out / json_name),
            write_layout_xlsx(plan, out / book, data=data),
            write_layout_map(plan, village_points(data), out / page, towns=towns,
                             county_name=str(data.info.get("county_name") or ""))]


def plan_layout_with_projects(data: CountyData, config: LayoutConfig, *, verify: bool = True,
                              forecast: pd.DataFrame | None = None, **options) -> LayoutPlan:
    """:func:`~junheng.planning.plan_layout` of the county with its 在建、规划 projects in use by
    the plan's target year (:func:`~junheng.planning.projects.county_at`): their rooms, beds
    and areas at today's schools, a placed new school kept as an open school with no pupils
    yet; the outcome's notes list the projects and warn when the plan builds at a school being
    relocated. With ``verify`` the independent checker re-derives every rule of the plan on
    that county (:func:`~junheng.planning.layout_check.verify_plan`): its verdict is the
    last note, and a plan that breaks a rule raises instead of being written. With
    ``forecast`` (the enrolment forecast's school_id, grade, year, students) each school's
    pupils are the forecast's until the plan moves some (:mod:`~junheng.planning.layout_forecast`)."""
    from junheng.planning.layout_check import verify_plan
    from junheng.planning.layout_conditions import lead_years
    from junheng.planning.layout_data import SITE_GROUPS
    from junheng.planning.layout_json import layout_json
    from junheng.planning.projects import county_at

    # the plan's day (编制日期, else today) flags projects past their 竣工日期 and puts them in
    # use from the next school year: the day the plan's first year is counted from, not the
    # machine's (a plan dated 2026-06-01 counted a project due 2026-08 from 2027 when run in
    # December)
    built = county_at(data, config.target_year or data.school_year + config.target_years_ahead,
                      today=plan_day(config))
    built = replace(built, leads=lead_years(config))  # a 规划 project's earliest year, as 表3 (rv6 N10)
    county = with_forecast(built.data, forecast)
    types = built.data.schools.set_index("school_id")["school_type"]
    sites = [s for s in built.new_schools if types.get(s) in SITE_GROUPS]  # not a 幼儿园
    if sites:
        config = config.model_copy(update={"keep": [*config.keep, *sites]})
    config, rule = with_default_budget(config, data)
    plan = plan_layout(county, config, reported=data, **options)
    builds = pd.DataFrame([{"school_id": s.school_id, "name": s.name, "project": "building"}
                           for s in plan.outcome.schools if s.added_classrooms or s.added_beds],
                          columns=["school_id", "name", "project"])
    notes = built.plan_notes("布局调整方案", builds, new_schools_used=True)
    checked = (verify_plan(plan.problem, layout_json(plan.outcome), county),) if verify else ()
    return replace(plan, outcome=replace(plan.outcome, notes=(*plan.outcome.notes, *notes, *rule,
                                                              *checked)))


def check_note(notes: tuple[str, ...] | list[str]) -> str:
    """The checker's verdict among a plan's notes ("" for a plan made without it).

    >>> check_note(("预算说明", "方案校验：16 项规则均按方案核对无误"))
    '方案校验：16 项规则均按方案核对无误'
    """
    from junheng.planning.layout_check import CHECKED

    return next((n for n in notes if n.startswith(CHECKED)), "")


def done_message(plan: LayoutOutcome) -> str:
    """A finished layout job's message on the web, with the checker's verdict.

    >>> done_message(LayoutOutcome("optimal", (), {}, notes=("方案校验：16 项规则均按方案核对无误",)))
    '规划完成；方案校验：16 项规则均按方案核对无误'
    """
    checked = check_note(plan.notes)
    return f"规划完成；{checked}" if checked else "规划完成"


def with_default_budget(config: LayoutConfig, data: CountyData) -> tuple[LayoutConfig, list[str]]:
    """``config`` with the 达标路径's default yearly budget as ``default_budget_yuan`` when it
    has no budget of its own (:func:`~junheng.planning.compliance_budget.default_budget`, the
    shipped share of the county's 一般公共预算教育支出), and the note that states the rule."""
    from junheng.planning.compliance_budget import default_budget
    from junheng.planning.compliance_costs import load_costs

    if config.annual_budget_yuan is not None:
        return config, []
    wan, rule = default_budget(data.tables.get("county_figures"), load_costs().budget_share,
                               within="布局调整的建设投资按此额度分年度安排（按累计额度，"
                                      "当年未用完的结转以后学年），不限制调整后的总投资")
    rule = rule.replace("年度预算：", "布局调整年度预算（未给预算，与达标路径的默认预算相同）：", 1)
    if wan is None:
        return config, [rule.replace("本方案", "布局调整方案")]
    return config.model_copy(update={"default_budget_yuan": wan * 10_000}), [rule]


def layout_forecast(history: Sequence[CountyData]) -> tuple[pd.DataFrame | None, tuple[str, ...]]:
    """The enrolment forecast a layout plan takes its pupils from, as ``junheng demo`` does:
    :func:`~junheng.jobs.forecast.forecast_with_projects` of the county's school years
    (``history``, oldest first), :data:`~junheng.jobs.forecast.DEFAULT_HORIZON` years ahead,
    as (school_id, grade, year, students) and no note; when the data allow no forecast (one
    school year without 在校生历史, …), None and the note saying the village rule stands and why."""
    from junheng.jobs.forecast import DEFAULT_HORIZON, forecast_or_reason

    forecast, reason = forecast_or_reason(history, DEFAULT_HORIZON)
    if forecast is not None:
        return forecast.students[["school_id", "grade", "year", "students"]], ()
    return None, (f"无法做招生预测（{reason.rstrip('。')}），各校学生按各村适龄儿童推算。",)


#: the steps :func:`plan_county_layout` tells its listener of, as (name, title): the forecast,
#: the plan's solve and, when it opens a new school, the solve of the same scenario without
PLAN_STEPS = (("forecast", "招生预测"), ("plan", "求解方案"),
              ("without_new", f"{OPTION_A}新建学校：求解{OPTION_B}（不新建学校）"))


def plan_county_layout(history: Sequence[CountyData], config: LayoutConfig, *,
                       listener: StepListener | None = None, alternative: bool = False,
                       forecast: tuple[pd.DataFrame | None, tuple[str, ...]] | None = None,
                       **options) -> LayoutPlan:
    """The layout plan (方案甲) of a county's latest school year as ``junheng demo``, ``plan
    layout``, the web and the province's jobs make it: pupils from the forecast of its school
    years (``history``, oldest first; :func:`layout_forecast`, or ``forecast`` as it gives
    them when already made: the demo's forecast step, a comparison's scenarios), its 在建、规划
    projects in use and the checker's verdict (:func:`plan_layout_with_projects`, which takes
    ``options``); with ``alternative`` a plan that opens a new school is compared with the
    same scenario without new schools (:func:`without_new_schools`, one more solve); the
    forecast's note (none, or why there is no forecast) last among the plan's notes.
    ``listener`` is told of each of :data:`PLAN_STEPS` as it starts and what it gave (the
    web's progress bar); bench.layout_plausible measures this plan."""
    listener = listener or Silent()
    (forecast_step, title), (plan_step, plan_title), (other_step, other_title) = PLAN_STEPS
    if forecast is None:
        listener.step(forecast_step, title)
        forecast = layout_forecast(history)
        listener.done(forecast_step, forecast)
    pupils, notes = forecast
    data = history[-1]
    listener.step(plan_step, plan_title)
    plan = plan_layout_with_projects(data, config, forecast=pupils, **options)
    listener.done(plan_step, plan)
    if alternative and opens_new_school(config, plan):
        listener.step(other_step, other_title)
        plan = without_new_schools(data, config, plan, options.get("travel_matrix"), pupils)
        listener.done(other_step, plan)
    return with_notes(plan, notes) if notes else plan


def run_layout(data: CountyData, config: LayoutConfig, out: Path, *,
               travel_matrix: pd.DataFrame | None = None, boundaries: Path | None = None,
               alternative: bool = True, forecast: pd.DataFrame | None = None,
               notes: tuple[str, ...] = ()) -> LayoutPlan:
    """Solve one scenario of ``data`` (:func:`plan_county_layout` with the ``forecast`` and its
    ``notes`` as :func:`layout_forecast` gives them, already made) and write its files into
    ``out`` (the demo)."""
    plan = plan_county_layout([data], config, alternative=alternative, forecast=(forecast, notes),
                              travel_matrix=travel_matrix)
    write_layout_outputs(plan.outcome, data, out, boundaries=boundaries)
    return plan


def opens_new_school(config: LayoutConfig, plan: LayoutPlan) -> bool:
    """Whether ``plan`` opens a new school in a scenario that offers new sites: then it is
    compared with the same scenario without them (:func:`without_new_schools`)."""
    return config.new_sites != "none" and bool(plan.outcome.action_counts().get("new"))


def with_notes(plan: LayoutPlan, notes: tuple[str, ...]) -> LayoutPlan:
    """``plan`` with ``notes`` last among its outcome's notes."""
    return replace(plan, outcome=replace(plan.outcome, notes=(*plan.outcome.notes, *notes)))


def write_layout_document(plan: LayoutOutcome, data: CountyData, out: Path) -> Path:
    """布局调整方案.docx in ``out`` (the web's worker and the demo's web plans write it beside
    its workbook), titled with the county's city and name as the 自评报告 is; with ``data`` its
    teachers (the 转任 range, the primary surplus year by year) and projects (an old campus),
    as the demo's own 布局调整方案 (review rv10 14, 8)."""
    from junheng.report.layout_docx import LAYOUT_DOCX_NAME, write_layout_docx

    info = data.info
    county = f"{info.get('city_name') or ''}{info.get('county_name') or data.county_code}"
    return write_layout_docx(plan, Path(out) / LAYOUT_DOCX_NAME, county=county, data=data)


#: how the notes on the plan without new schools begin (the CLI prints them): its one name
WITHOUT_NEW = OPTION_B
#: what it is, said once after its name (方案乙（不新建学校：不设候选新校址，其他设置相同…）)
WITHOUT_NEW_WHAT = "不新建学校：不设候选新校址，其他设置相同"


def _built_rooms(metrics: dict) -> int:
    """The rooms a plan builds (a plan written before 2026-12-05: its 新增 rooms)."""
    return int(metrics.get("built_classrooms", metrics.get("added_classrooms", 0)))


def without_new_schools_note(plan: LayoutOutcome, alt: LayoutOutcome) -> str:
    """One line comparing the plan with the same scenario solved without candidate new sites
    (``new_sites: none``): construction, rooms, travel, and the yearly spending, so a planner
    sees what the new schools buy; its status as every document says it (review rv 8)."""
    from junheng.report.layout_info import status_said

    new = [s for s in plan.schools if s.action == "new"]
    if not alt.schools or not (alt.metrics or {}).get("after"):
        return (f"{WITHOUT_NEW}（{WITHOUT_NEW_WHAT}）：{status_said(alt, values=True, running=True, among=AMONG_B)}，"
                f"即不新建学校时{OPTION_A}的规则无法全部满足。")
    # 运行支出 and 综合评价值 as each plan's tables show them (review rv2 finding 10)
    a, b = shown_metrics(plan.metrics)["after"], shown_metrics(alt.metrics)["after"]

    def money(m: dict) -> float:
        return float(m["capital_cost_yuan"]) + float(m.get("receiver_area_yuan", 0.0))

    def pair(label: str, key, fmt) -> str:
        mine, other = (key(m) if callable(key) else m[key] for m in (a, b))
        if fmt is None:  # money, both in one unit
            scale = max(abs(float(mine)), abs(float(other)))
            return (f"{label} {numbers.money(other, scale)}（{OPTION_A} "
                    f"{numbers.money(mine, scale)}）")
        return f"{label} {fmt(other)}（{OPTION_A} {fmt(mine)}）"

    wan = None
    # the money first, then the score that adds the weights to it, then the rest (planner
    # review: "目标函数值（含权重）" was jargon, last, apart from the money it sums)
    parts = [
        pair("建设投资（含接收学校补足生均面积）", money, wan),
        pair("每年运行支出", "operating_yuan", wan)
        + hires_said(float(a.get("hire_staff_yuan", 0.0)), float(b.get("hire_staff_yuan", 0.0)),
                     max(abs(float(m["operating_yuan"])) for m in (a, b))),
        pair(SCORE_ROW, lambda m: float(m.get("objective_yuan", (alt if m is b else plan).objective)),
             wan),
        pair("新建普通教室", _built_rooms, lambda v: f"{int(v):,} 间"),
        *_kept_said(plan, alt),
        *_rentals_said(plan, alt),
        pair("平均单程通行", "mean_travel_min", lambda v: f"{float(v):.2f} 分钟"),
        pair("学生单程通行时间合计", "travel_pupil_minutes",
             lambda v: f"{float(v) / 10_000:,.1f} 万人·分钟/年"),
        pair("走读超时学生", "day_pupils_over_limit", lambda v: f"{int(v):,} 人"),
        pair("寄宿生", "boarders", lambda v: f"{int(v):,} 人"),
    ]
    names = "、".join(s.name for s in new)
    return (f"{WITHOUT_NEW}（{WITHOUT_NEW_WHAT}，{status_said(alt, values=True, running=True, among=AMONG_B)}）：" + "；".join(parts)
            + f"。{OPTION_A_FULL}新建{names}；{OPTION_B}与{OPTION_A}相比，"
            + new_school_verdict(plan, alt, money) + idle_new_rooms(plan))


def _kept_said(plan: LayoutOutcome, alt: LayoutOutcome) -> list[str]:
    """Both options' rooms met by 临时周转 instead of built, 方案乙's first, counted as 表5 and
    表7 count them (:func:`~junheng.planning.layout_borrow.kept_rooms`: the target year's
    borrowed rooms; review rv5 10: 「4 间（方案甲 3 间）」 beside 8 and 5); [] when neither has any."""
    from junheng.planning.layout_borrow import kept_rooms

    mine, other = kept_rooms(plan), kept_rooms(alt)
    if not mine and not other:
        return []
    return [f"以临时周转代替新建的教室 {other:,} 间（{OPTION_A} {mine:,} 间）"]


def _rentals_said(plan: LayoutOutcome, alt: LayoutOutcome) -> list[str]:
    """Both options' 过渡期 临时周转 (room-years, 万元), 方案乙's first as the note's pairs read
    (brief hp 4: 方案乙's rentals were in no comparison); [] when neither rents."""
    from junheng.planning.borrow_runs import rent_years_text
    from junheng.planning.layout_options import temporary_facts

    mine, other = temporary_facts(plan), temporary_facts(alt)
    if not mine[1] and not other[1]:
        return []
    return [f"{rent_years_text(other, '过渡期临时周转')}（{rent_years_text(mine, OPTION_A)}）"]


def hires_said(mine: float, other: float, beside: float = 0.0) -> str:
    """Which plan's 每年运行支出 holds new teachers' pay (元 a year, 方案甲 ``mine``, 方案乙
    ``other``), after a comma; '' for neither (review 2026-12-04 finding 13: "方案甲含新聘教师
    人员经费 720.00 万元" read as if only 方案甲 paid them while both did); in the unit of the
    运行支出 it is said beside (``beside``, 元; rv18 10: 「300,000 元」 beside 5,035.44 万元).

    >>> hires_said(300_000.0, 0.0, 50_354_400.0)
    '，方案甲含新聘教师人员经费 30.00 万元'

    >>> hires_said(7_200_000.0, 7_200_000.0)
    '，两方案均含新聘教师人员经费 720.00 万元'
    >>> hires_said(2_000_000.0, 0.0), hires_said(0.0, 0.0)
    ('，方案甲含新聘教师人员经费 200.00 万元', '')
    >>> hires_said(5_700_000.0, 5_600_000.0)
    '，新聘教师人员经费方案乙 560.00 万元、方案甲 570.00 万元'
    >>> hires_said(0.0, 1_000_000.0)
    '，方案乙含新聘教师人员经费 100.00 万元'
    """
    scale = max(abs(mine), abs(other), abs(beside))
    a, b = numbers.money(mine, scale), numbers.money(other, scale)
    if not round(mine) and not round(other):
        return ""
    if a == b:
        return f"，两方案均含新聘教师人员经费 {a}"
    if not round(other) or not round(mine):
        return f"，{OPTION_A if round(mine) else OPTION_B}含新聘教师人员经费 {a if round(mine) else b}"
    return f"，新聘教师人员经费{OPTION_B} {b}、{OPTION_A} {a}"


def new_school_verdict(plan: LayoutOutcome, alt: LayoutOutcome, money) -> str:
    """What the new schools cost in money (one-off and yearly, the plan less the plan without
    them) and, where the plan costs more yet its objective is lower, the weights that make
    it so (review item 1: "更划算" stood where only a weight favoured the new school)."""
    from junheng.planning.layout_compare import objective_terms

    a, b = shown_metrics(plan.metrics)["after"], shown_metrics(alt.metrics)["after"]
    once, yearly = money(a) - money(b), float(a["operating_yuan"]) - float(b["operating_yuan"])
    staff = float(a.get("hire_staff_yuan", 0.0)) - float(b.get("hire_staff_yuan", 0.0))

    # each difference in the unit of the larger figure it is the difference of (review
    # finding 12: "每年运行支出多 3,006 元" beside "5,517.04 万元")
    big = max(abs(money(a)), abs(money(b)))
    run = max(abs(float(a["operating_yuan"])), abs(float(b["operating_yuan"])))

    def said(d: float, what: str, scale: float) -> str:
        return (f"{what}{'多' if d > 0 else '少'} {numbers.money(abs(d), scale)}" if round(d)
                else f"{what}相同")
    # 方案乙 relative to 方案甲 (review B5: this said 甲 against 乙, the next note 乙 against 甲)
    spend = (said(-once, "一次性建设投资", big) + "，" + said(-yearly, "每年运行支出", run)
             + (f"（其中新聘教师人员经费少 {numbers.money(staff, run)}，不计入综合评价值）"
                if staff > 0 else ""))
    dearer = once > 0 or yearly > 0  # 方案甲 spends more, 方案乙 less
    head = (f"按财政支出计更省，{spend}" if once >= 0 and yearly >= 0 and dearer
            else f"按财政支出计更贵，{spend}" if not dearer else f"按财政支出计，{spend}")
    if plan.objective > alt.objective:
        return head + f"；综合评价值反而更低（{OPTION_A}未达最优或求解时间不足），须比较后取舍。"
    weights = sorted(((o - p, label.replace("（权重，不是支出）", "")) for (label, p, m), (_, o, _)
                      in zip(objective_terms(a), objective_terms(b), strict=True)
                      if not m and round(o - p) > 0), reverse=True)
    scale = max((d for d, _ in weights), default=0.0)
    why = "、".join(f"{label}每年多 {numbers.money(d, scale)}{area_said(plan, alt, label)}"
                   for d, label in weights)
    if not dearer:
        return head + "；综合评价值也更高。"
    if why:
        return (head + f"；综合评价值更高主要因为{why}（权重，不是支出），取舍时须判断这些权重是否合理"
                + "".join(f"；{t}" for t in (area_priced(plan, alt, once),) if t) + "。")
    return head + "；综合评价值更高" + ("（综合评价值不计新聘教师人员经费）" if staff > 0 else "") + "。"


def area_said(plan: LayoutOutcome, alt: LayoutOutcome, label: str) -> str:
    """Beside the sports area's weight, the square metres it weighs and the weight per m²
    (review finding 8: the 402.73 万元 a year was a 10,000 元/m² weight, not spending): the
    area as the options table writes it (:func:`~.layout_options.sports_short_area`, to
    0.1 m²: review 2026-12-04 findings 12 and A12, "8,055" × 500 元 = 402.75, not 402.73)."""
    from junheng.planning.layout_options import (
        area_text,
        option_facts,
        sports_short_area,
        yearly_per_m2,
    )

    if "体育运动场馆" not in label:
        return ""
    w = dict(plan.weights or {})
    area = sports_short_area(option_facts(alt)) - sports_short_area(option_facts(plan))
    per = yearly_per_m2(w)
    if per is None:
        return f"（面积缺口多 {area_text(area)}）"
    return f"（面积缺口多 {area_text(area)}，每平方米每年按 {per:,.0f} 元计）"


def area_priced(plan: LayoutOutcome, alt: LayoutOutcome, once: float) -> str:
    """What closing 方案乙's extra sports-area gap costs at the plan's land and field prices,
    against the ``once`` (元) 方案甲 builds more (:func:`~.layout_compare.area_price_note`,
    review rv 2: a weight-made edge is not money)."""
    from junheng.planning.layout_areas import sports_prices
    from junheng.planning.layout_compare import area_price_note
    from junheng.planning.layout_options import option_facts, sports_short_area

    w, a, b = dict(plan.weights or {}), option_facts(plan), option_facts(alt)
    area = sports_short_area(b) - sports_short_area(a)
    land, _, field = sports_prices(plan.costs)
    rent = (b["temporary"][2] - a["temporary"][2]) * 10_000  # brief hnew 3: like for like
    return area_price_note(area, (land, field), once, w.get("hall_beyond_cap_yuan_per_m2"), rent)


def idle_new_rooms(plan: LayoutOutcome) -> str:
    """Each new school's pupils in the target year and the last year of the 过渡期, and its
    rooms standing idle then (review item 1: the new school's pupils fall 1,186 → 904)."""
    from junheng.planning.layout_compare import idle_after_peak
    from junheng.planning.layout_options import new_school_years

    after = {s.name: s.students_after for s in plan.schools if s.action == "new"}
    stages = {"小学": "primary", "初中": "junior"}
    out = [f"{name}{word}学生 {plan.target_year} 学年 "
           f"{int(after[name].get(stages.get(word, ''), 0)):,} 人、{year} 学年 {pupils:,} 人，"
           + (f"届时{word}教室 {rooms} 间中 {idle} 间闲置" if idle else "届时教室仍全部使用")
           for name, word, rooms, year, pupils, idle in new_school_years(plan)]
    town = idle_after_peak(plan)  # review rv 2: every school's rooms of the plan, not only the new one's
    return (f"{pupil_basis(plan.rules)}，" + "；".join(out) + (f"；{town}" if town else "") + "。") if out else ""


#: the alternative of :func:`without_new_schools`
NO_NEW = "不新建学校"


def without_new_schools(data: CountyData, config: LayoutConfig, plan: LayoutPlan,
                        travel_matrix: pd.DataFrame | None = None,
                        forecast: pd.DataFrame | None = None) -> LayoutPlan:
    """``plan`` compared with the same scenario allowed no new school (one more solve): the
    notes on what the new schools buy (:func:`without_new_schools_note`) and the objective
    term by term (planning.layout_compare) last among its notes, and the alternative's facts
    for the side-by-side table (planning.layout_options) as its ``alternative``."""
    from junheng.planning.layout_compare import difference_note
    from junheng.planning.layout_newsite import with_exception
    from junheng.planning.layout_options import option_facts
    from junheng.planning.option_b import short_shares

    try:
        other = plan_layout_with_projects(  # compared, not written: not checked
            data, config.model_copy(update={"new_sites": "none", "name": NO_NEW}),
            travel_matrix=travel_matrix, verify=False, forecast=forecast).outcome
    except InfeasibleError:
        return with_notes(plan, (f"{WITHOUT_NEW}（{WITHOUT_NEW_WHAT}）：无可行方案，"
                                 f"即不新建学校时{OPTION_A}的规则无法全部满足。",))
    note = without_new_schools_note(plan.outcome, other)
    if not other.schools or not (other.metrics or {}).get("after"):
        return with_notes(plan, (note,))
    plan = with_notes(plan, (note, difference_note(
        OPTION_A, plan.outcome.metrics["after"], OPTION_B, other.metrics["after"], plan.outcome.weights)))
    facts = {**option_facts(other), **short_shares(other)}  # what the 达标路径 says of 乙 (rv10 12)
    return replace(plan, outcome=replace(with_exception(plan.outcome, facts), alternative=facts))


def without_new_notes(notes: tuple[str, ...] | list[str]) -> list[str]:
    """The notes of :func:`without_new_schools` among a plan's notes (the CLI prints them, the
    web shows them in their own panel)."""
    return [n for n in notes if n.startswith(WITHOUT_NEW)]


_NOTE = re.compile(rf"^(?P<head>{WITHOUT_NEW}（.*?）)：(?P<body>建设投资.*?)。(?P<tail>{OPTION_A}（.*)$")
_PART = re.compile(rf"^(?P<label>\S+) (?P<other>.+?)（{OPTION_A} (?P<mine>[^）]+)）(?:，(?P<extra>.+))?$")


def without_new_table(note: str) -> dict | None:
    """:func:`without_new_schools_note` read back as a table (a page shows it so): the head,
    rows of (item, without new schools, this plan, a remark) and the conclusion; None for
    another note (the alternative infeasible, or an older wording), which is shown as text.

    >>> note = (f"{WITHOUT_NEW}（最优）：建设投资 420.00 万元（方案甲 2,899.95 万元）；每年运行支出 "
    ...         "70.50 万元（方案甲 450.50 万元），方案甲含人员经费 380.00 万元。方案甲（新建学校）新建新校；"
    ...         "方案乙与方案甲相比，按财政支出计更省。")
    >>> t = without_new_table(note)
    >>> t["head"], t["conclusion"]
    ('方案乙（最优）', '方案甲（新建学校）新建新校；方案乙与方案甲相比，按财政支出计更省。')
    >>> t["rows"]  # doctest: +NORMALIZE_WHITESPACE
    [('建设投资', '420.00 万元', '2,899.95 万元', ''),
     ('每年运行支出', '70.50 万元', '450.50 万元', '方案甲含人员经费 380.00 万元')]
    >>> without_new_table(f"{WITHOUT_NEW}（{WITHOUT_NEW_WHAT}）：无可行方案。") is None
    True
    """
    found = _NOTE.match(note)
    if found is None:
        return None
    parts = [_PART.match(p) for p in found["body"].split("；")]
    if not all(parts):
        return None
    return {"head": found["head"], "conclusion": found["tail"],
            "rows": [(p["label"], p["other"], p["mine"], p["extra"] or "") for p in parts]}


def compare_scenarios(history: Sequence[CountyData], configs: list[Path], out: Path, *,
                      target_year: int | None = None, travel_matrix: Path | None = None,
                      boundaries: Path | None = None, price_file: Path | None = None
                      ) -> list[dict]:
    """Solve each scenario of the county's latest school year (``history``, oldest first, as
    :func:`plan_county_layout` takes it; the forecast made once for all) into
    ``out/<name>/`` and write a side-by-side table; ``price_file`` is the county's unit-price
    file (``--costs``) every scenario prices from."""
    from junheng.model import numbers
    from junheng.planning.layout_compare import difference_note
    from junheng.report.layout_info import status_said
    from junheng.report.layout_xlsx import METRIC_LABELS, write_compare_xlsx

    matrix, data, forecast = read_travel_matrix(travel_matrix), history[-1], layout_forecast(history)
    rows: list[dict] = []
    first: tuple[str, dict] | None = None
    for path in configs:
        cfg = load_layout_config(path, target_year=target_year, price_file=price_file)
        plan = plan_county_layout(history, cfg, forecast=forecast, travel_matrix=matrix).outcome
        write_layout_outputs(plan, data, out / Path(path).stem, boundaries=boundaries)
        actions = plan.action_counts()
        row = {"方案": cfg.name, "文件": Path(path).name, "求解状态": status_said(plan),
               "未满足的规则": plan.unmet_rules, "是否满足差异系数上限": plan.cv_verdict,
               f"综合评价值（每年，支出加通行时间等折算，不含{QUOTA_FUNDING}，越低越好）": numbers.money(plan.metrics["after"].get("objective_yuan", plan.objective)), "差距": round(plan.gap, 4),
               "撤并": actions.get("close", 0), "扩建": actions.get("expand", 0),
               "新建": actions.get("new", 0), "方案校验": check_note(plan.notes).removeprefix("方案校验：")}
        row.update({METRIC_LABELS.get(k, "其他指标"): numbers.money(v) if k.endswith("_yuan") else v
                    for k, v in plan.metrics["after"].items()})
        # the first scenario is the reference: every other one is compared term by term
        first = first or (cfg.name, plan.metrics["after"])
        row["与第一个方案比较（逐项）"] = ("—" if len(rows) == 0 else
                                   difference_note(first[0], first[1], cfg.name,
                                                   plan.metrics["after"]))
        rows.append(row)
    (out / "compare.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    write_compare_xlsx(rows, out / "compare.xlsx")
    return rows
