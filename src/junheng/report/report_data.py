"""What the self-evaluation report (Word) and the HTML report both say, extracted once.

Each function turns an engine result into small frozen rows of Chinese text and numbers, so
that the two writers only lay them out: the county overview (一、基本情况), the CV table per
stage, failing schools with their gaps, the items of 政府保障 / 教育质量 / 社会认可度, the
rectification list, and summaries of a layout plan (``plan.json``), a forecast and a ledger.
Numbers are formatted here once (a CV always with three decimals, as the engine's messages
print it) so that both reports show the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate import Evaluation, ItemResult, Status
from junheng.evaluate.boarding import boarding_schools
from junheng.evaluate.items import STATUS_LABELS
from junheng.evaluate.schools import teaching_points
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE, GRADES, SCHOOL_TYPES, label_of
from junheng.standards import AREAS

STAGE_LABELS = {"preschool": "学前", "primary": "小学", "junior": "初中", "senior": "高中",
                "all": "合计"}
STAGE_ORDER = ("preschool", "primary", "junior", "senior")
BASIS_LABELS = {"computed": "数据计算", "county_indicator": "县级指标", "attestation": "佐证材料"}
SHORT_NAMES = {
    "higher_degree_teachers_per_100": "高于规定学历教师",
    "backbone_teachers_per_100": "县级以上骨干教师",
    "pe_art_teachers_per_100": "体育艺术专任教师",
    "teaching_area_per_student": "生均教学及辅助用房",
    "sports_area_per_student": "生均体育运动场馆",
    "equipment_value_per_student": "生均教学仪器设备值",
    "multimedia_rooms_per_100": "网络多媒体教室",
    "computers_per_100": "每百名学生计算机",
    "books_per_student": "生均图书",
    "teachers_per_student": "师生比",
    "higher_degree_teachers_per_student": "生均高学历教师",
    "senior_title_teachers_per_student": "生均中高级职称教师",
}
LEDGER_KIND_FORMATS = {"share": "{:.1%}", "count": "{:,.0f}", "number": "{:,.4g}"}
DETAIL_SHOWN = 10


# --- formatting ------------------------------------------------------------------------------

def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas NA."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_cv(cv: float | None) -> str:
    """A 差异系数 with three decimals, as the engine prints it ('0.524'); '无法计算' when NaN."""
    return "无法计算" if is_missing(cv) or math.isinf(cv) else f"{cv:.3f}"


def fmt_limit(limit: float | None) -> str:
    """A CV limit with two decimals ('0.50'); '—' without a limit."""
    return "—" if limit is None else f"{limit:.2f}"


def fmt_int(value: Any) -> str:
    """A count with thousands separators; '—' when unknown."""
    return "—" if is_missing(value) else f"{int(round(float(value))):,}"


def fmt_amount(value: Any, unit: str = "") -> str:
    """An amount in its natural unit: 元 as whole numbers, shares as percentages, else 2 decimals."""
    if is_missing(value):
        return "—"
    value = float(value)
    if unit == "比例":
        return f"{value:.1%}"
    if unit == "元":
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def fmt_met(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def fmt_date(day: date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def school_year_label(year: int) -> str:
    """2025 -> '2025—2026 学年'."""
    return f"{year}—{year + 1} 学年"


def county_label(ev: Evaluation) -> str:
    """'洛阳市示例县' (or the code when the name is unknown)."""
    name = ev.county.get("name") or ev.county.get("code") or ""
    return f"{ev.county.get('city') or ''}{name}"


def indicator_short(indicator_id: str, name: str) -> str:
    return SHORT_NAMES.get(indicator_id, name)


def threshold_text(indicator, stage: str | None = None) -> str:
    """'≥4.2' for a stage, '小学 ≥100.0%、初中 ≥95.0%' for a per-stage item; '' without one."""
    if not indicator.thresholds:
        return ""
    sign = "≥" if indicator.comparator == ">=" else "≤"

    def one(value: float) -> str:
        if indicator.unit == "比例":
            return f"{sign}{value:.1%}"
        return f"{sign}{value:,.2f}".rstrip("0").rstrip(".") + (
            "" if indicator.area == "resources" else indicator.unit)

    if stage is not None:
        value = indicator.threshold_for(stage)
        return "" if value is None else one(value)
    if indicator.per_stage:
        return "、".join(f"{STAGE_LABELS.get(s, s)} {one(v)}" for s, v in indicator.thresholds.items())
    return one(indicator.threshold_for())


# --- 一、基本情况 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountRow:
    """Schools, classes, students and full-time teachers of one school type or one stage."""

    label: str
    schools: int
    classes: int
    students: int
    teachers: int


@dataclass(frozen=True)
class Overview:
    """The county in numbers: by school type and by stage, with where the numbers came from."""

    by_type: tuple[CountRow, ...]
    by_stage: tuple[CountRow, ...]
    teaching_points: int
    boarding_schools: int | None
    source: str

    @property
    def total(self) -> CountRow:
        rows = self.by_type
        return CountRow("合计", sum(r.schools for r in rows), sum(r.classes for r in rows),
                        sum(r.students for r in rows), sum(r.teachers for r in rows))


def overview(ev: Evaluation, data: CountyData | None = None) -> Overview:
    """The county's schools, classes, students and teachers, from the data when given.

    Without ``data`` only the evaluation units are known (compulsory schools, teaching points
    counted inside their central school), and :attr:`Overview.source` says so.
    """
    if data is not None:
        return _overview_from_data(data)
    return _overview_from_units(ev)


def _type_order(codes) -> list[str]:
    order = list(SCHOOL_TYPES.values())
    return sorted(set(codes), key=lambda c: order.index(c) if c in order else len(order))


def _type_label(code: str) -> str:
    try:
        return label_of(SCHOOL_TYPES, code)
    except KeyError:
        return str(code)


def _overview_from_data(data: CountyData) -> Overview:
    schools = data.schools
    kind = dict(zip(schools["school_id"], schools["school_type"], strict=True))
    classes = data.classes.assign(
        school_type=data.classes["school_id"].map(kind),
        stage=data.classes["grade"].map(GRADE_STAGE))
    teachers = data.teachers
    teachers = teachers[teachers["full_time"].fillna(False).astype(bool)]
    teachers = teachers.assign(school_type=teachers["school_id"].map(kind))
    by_type = tuple(CountRow(
        _type_label(code), int((schools["school_type"] == code).sum()),
        int((classes["school_type"] == code).sum()),
        int(classes.loc[classes["school_type"] == code, "students"].sum()),
        int((teachers["school_type"] == code).sum()))
        for code in _type_order(schools["school_type"].dropna()))
    stages = [s for s in STAGE_ORDER if (classes["stage"] == s).any()]
    by_stage = tuple(CountRow(
        STAGE_LABELS[s], int(classes.loc[classes["stage"] == s, "school_id"].nunique()),
        int((classes["stage"] == s).sum()),
        int(classes.loc[classes["stage"] == s, "students"].sum()),
        int((teachers["stage"] == s).sum())) for s in stages)
    return Overview(by_type, by_stage, len(teaching_points(data)),
                    len(boarding_schools(data).schools), "县域教育数据工作簿（学校、班级、教师表）")


def _overview_from_units(ev: Evaluation) -> Overview:
    units = ev.units
    if units.empty or "school_type" not in units:
        return Overview((), (), 0, None, "评估单位（无数据）")
    by_type = []
    for code in _type_order(units["school_type"].dropna()):
        part = units[units["school_type"] == code]
        by_type.append(CountRow(_type_label(code), int(part["school_id"].nunique()),
                                int(part["classes"].sum()), int(part["students"].sum()),
                                int(part["full_time_teachers"].sum())))
    by_stage = tuple(CountRow(STAGE_LABELS[s], len(part), int(part["classes"].sum()),
                              int(part["students"].sum()), int(part["full_time_teachers"].sum()))
                     for s in STAGE_ORDER if len(part := units[units["stage"] == s]))
    points = int(units.drop_duplicates("school_id")["points_merged"].sum()) \
        if "points_merged" in units else 0
    return Overview(tuple(by_type), by_stage, points, None,
                    "评估单位（义务教育学校，教学点并入所属中心校）")


# --- 二、资源配置 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CvRow:
    """One indicator in one stage: the per-school standard, mean, CV, limit and schools meeting it."""

    stage: str
    indicator: str
    name: str
    short: str
    unit: str
    standard: str
    mean: float
    cv: float
    limit: float | None
    met: bool | None
    meeting: int | None
    units: int


def cv_rows(ev: Evaluation, stage: str) -> list[CvRow]:
    """The stage's indicators in the standard's order."""
    result = ev.stages[stage]
    meeting = _units_meeting(ev, stage)
    rows = []
    for ind in ev.standard.resource_indicators:
        cv = result.indicators[ind.id]
        rows.append(CvRow(stage, ind.id, cv.name, indicator_short(ind.id, cv.name), ind.unit,
                          threshold_text(ind, stage), cv.mean, cv.cv, cv.limit, cv.met,
                          meeting.get(ind.id), result.units))
    return rows


def _units_meeting(ev: Evaluation, stage: str) -> dict[str, int]:
    """Per indicator with a threshold: how many of the stage's units meet it."""
    table = ev.assessment
    if table.empty:
        return {}
    part = table[(table["stage"] == stage) & table["threshold"].notna()]
    met = part["met"].fillna(False).astype(bool)
    return {k: int(v) for k, v in met.groupby(part["indicator"]).sum().items()}


@dataclass(frozen=True)
class Shortfall:
    """One unmet indicator of a school with what it must add."""

    indicator: str
    name: str
    value: str
    standard: str
    text: str


@dataclass(frozen=True)
class FailingSchool:
    """A unit that fails the school rule, with every unmet indicator."""

    unit_id: str
    name: str
    stage: str
    students: int
    n_met: int
    n_indicators: int
    shortfalls: tuple[Shortfall, ...]


def failing_schools(ev: Evaluation, stage: str) -> list[FailingSchool]:
    """Units of ``stage`` failing the school rule, fewest indicators met first."""
    units = ev.units
    if units.empty or "passes" not in units:
        return []
    failing = units[(units["stage"] == stage) & units["passes"].eq(False).fillna(False)
                    .astype(bool)].sort_values(["n_met", "name"], kind="stable")
    by_unit = dict(iter(ev.gaps.groupby("unit_id", sort=False))) if len(ev.gaps) else {}
    n = len(ev.standard.resource_indicators)
    out = []
    for r in failing.itertuples(index=False):
        gaps = by_unit.get(r.unit_id)
        shortfalls = () if gaps is None else tuple(_shortfall(g, stage)
                                                   for g in gaps.itertuples(index=False))
        out.append(FailingSchool(r.unit_id, r.name, stage, int(r.students), int(r.n_met), n,
                                 shortfalls))
    return out


def _shortfall(g, stage: str) -> Shortfall:
    unit = "元" if g.unit == "元" else ""
    value = "数据缺失" if is_missing(g.value) else fmt_amount(g.value, unit)
    text = "数据缺失，须补填" if is_missing(g.amount) else g.text
    return Shortfall(g.indicator, g.indicator_name, value, f"{g.threshold:,g}", text)


# --- 三、四：items -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemRow:
    """One 政府保障 / 教育质量 / 社会认可度 item as the reports print it."""

    number: int
    id: str
    area: str
    name: str
    value: str
    standard: str
    status: Status
    status_label: str
    basis: str
    remark: str
    evidence: str
    confirmed: bool


def item_value_text(result: ItemResult) -> str:
    """The measured value in its unit ('87.5%', '1.02 倍', '小学 97.8%'); '—' when none."""
    value, unit = result.value, result.indicator.unit
    if isinstance(value, Mapping):
        shown = [f"{STAGE_LABELS.get(s, s)} {item_number(v, unit)}" for s, v in value.items()
                 if v is not None]
        return "、".join(shown) or "—"
    return item_number(value, unit)


def item_number(value: float | None, unit: str) -> str:
    if is_missing(value):
        return "—"
    if unit == "比例":
        return f"{value:.1%}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + (f" {unit}" if unit else "")


def item_rows(items: Sequence[ItemResult]) -> list[ItemRow]:
    """Every item with its value, standard, status and the text behind it."""
    rows = []
    for k, r in enumerate(items, start=1):
        ind = r.indicator
        remark = [p for p in (r.gap, r.note) if p]
        if not ind.confirmed:
            remark.append("该项阈值未能在教育部原文中核实")
        rows.append(ItemRow(k, ind.id, AREAS.get(ind.area, ind.area), ind.name,
                            item_value_text(r), threshold_text(ind), r.status,
                            STATUS_LABELS[r.status], BASIS_LABELS.get(str(r.basis), str(r.basis)),
                            "；".join(remark), r.evidence, ind.confirmed))
    return rows


def status_counts(items: Sequence[ItemResult]) -> dict[str, int]:
    """How many items have each status, in the order 达标, 未达标, 待佐证, 数据缺失, 不适用."""
    counts = dict.fromkeys(STATUS_LABELS.values(), 0)
    for r in items:
        counts[STATUS_LABELS[r.status]] += 1
    return counts


def status_sentence(items: Sequence[ItemResult]) -> str:
    """'共 17 项：达标 10 项，未达标 5 项，待佐证 3 项。' (statuses with none left out)."""
    counts = status_counts(items)
    parts = "，".join(f"{k} {v} 项" for k, v in counts.items() if v)
    return f"共 {len(items)} 项：{parts}。" if items else "：本标准未设此类项目。"


# --- 五、六：problems and rectification ---------------------------------------------------------

@dataclass(frozen=True)
class RectificationRow:
    """One line of the rectification list: who must do what."""

    category: str
    target: str
    stage: str
    indicator: str
    value: str
    standard: str
    action: str


def rectification_rows(ev: Evaluation) -> list[RectificationRow]:
    """School gaps (required first), greedy CV fixes, then one line per unmet item.

    The schools, classes and towns behind an unmet item are in :func:`item_detail_rows`.
    """
    rows = [_gap_row(g) for g in _ordered_gaps(ev.gaps)]
    for fix in ev.cv_fixes:
        label = f"{STAGE_LABELS[fix.stage]}{fix.indicator_name}差异系数"
        if not fix.feasible:
            rows.append(RectificationRow("差异系数", "全县", STAGE_LABELS[fix.stage],
                                         fix.indicator_name, fmt_cv(fix.cv_before),
                                         fmt_limit(fix.limit),
                                         f"{label}无法仅靠补足薄弱学校降到限值以内，需同时调整资源较多的学校"))
            continue
        for r in fix.additions.itertuples(index=False):
            rows.append(RectificationRow(
                "差异系数", r.name, STAGE_LABELS[fix.stage], fix.indicator_name,
                fmt_amount(r.value_before), "",
                f"{r.text}（使{label}由 {fix.cv_before:.3f} 降至 {fix.cv_after:.3f}）"))
    for result in (*ev.guarantee, *ev.quality):
        if result.status is Status.NOT_MET:
            ind = result.indicator
            rows.append(RectificationRow(AREAS.get(ind.area, ind.area), "全县", "", ind.name,
                                         item_value_text(result), threshold_text(ind),
                                         result.gap or result.note or "未达标"))
    return rows


@dataclass(frozen=True)
class DetailRow:
    """A school, class or town behind an unmet item, with its gap."""

    item: str
    target: str
    stage: str
    text: str


def item_detail_rows(ev: Evaluation) -> list[DetailRow]:
    """Every row behind every unmet 政府保障 / 教育质量 item (schools, classes, towns)."""
    rows = []
    for result in (*ev.guarantee, *ev.quality):
        detail = result.detail
        if result.status is not Status.NOT_MET or detail is None or detail.empty \
                or "gap" not in detail:
            continue
        rows += [DetailRow(result.indicator.name, str(r.get("name") or r.get("town_code") or ""),
                           STAGE_LABELS.get(r.get("stage"), ""), str(r["gap"]))
                 for r in detail.to_dict("records")]
    return rows


def _ordered_gaps(gaps: pd.DataFrame):
    if gaps.empty:
        return []
    return gaps.sort_values("required", ascending=False, kind="stable").itertuples(index=False)


def _gap_row(g) -> RectificationRow:
    category = "学校达标" if g.required else "学校指标（不影响达标）"
    unit = "元" if g.unit == "元" else ""
    value = "数据缺失" if is_missing(g.value) else fmt_amount(g.value, unit)
    action = "数据缺失，须补填" if is_missing(g.amount) else g.text
    return RectificationRow(category, g.name, STAGE_LABELS.get(g.stage, g.stage),
                            g.indicator_name, value, f"{g.threshold:,g}", action)


def item_detail_lines(result: ItemResult, limit: int = DETAIL_SHOWN) -> list[str]:
    """The first ``limit`` detail rows of an unmet item as '学校：缺口' lines, and a count of the rest."""
    detail = result.detail
    if detail is None or detail.empty or "gap" not in detail:
        return []
    records = detail.to_dict("records")
    lines = [f"{r.get('name') or r.get('town_code') or ''}：{r['gap']}" for r in records[:limit]]
    if len(records) > limit:
        lines.append(f"……共 {len(records)} 处，详见附表“政府保障程度和教育质量未达标项目明细”。")
    return lines


def cv_fix_sentences(ev: Evaluation, top: int = 3) -> list[str]:
    """Per failing CV: the schools that widen the gap most and the greedy fix in natural units."""
    out = []
    for fix in ev.cv_fixes:
        label = f"{STAGE_LABELS[fix.stage]}{fix.indicator_name}差异系数 {fix.cv_before:.3f}（限值 " \
                f"{fix.limit:.2f}）"
        drivers = "、".join(fix.contributors["name"].head(top).astype(str))
        if not fix.feasible:
            out.append(f"{label}：拉大差异最多的是{drivers}；仅补足薄弱学校无法降到限值以内，需同时调整资源较多的学校。")
            continue
        spec = ev.standard.indicator(fix.indicator).gap
        total = float(fix.additions["amount"].sum())
        what = f"{spec.verb}{spec.item} {total:,.0f} {spec.unit}" if spec else f"增加 {total:,.0f}"
        out.append(f"{label}：拉大差异最多的是{drivers}；为 {len(fix.additions)} 所薄弱学校共{what}，"
                   f"可使差异系数降至 {fix.cv_after:.3f}。")
    return out


def class_size_sentence(ev: Evaluation) -> str:
    """'大班额（56–65 人）3 个，超大班额（66 人及以上）0 个；大校额学校 1 所。'"""
    counts, sizes = ev.class_lists.counts, ev.rules.sizes
    return (f"{sizes.oversized_text}{counts['oversized']} 个，{sizes.extra_oversized_text}"
            f"{counts['extra_oversized']} 个；大校额学校 {counts['oversized_schools']} 所。")


def grade_label(grade: str) -> str:
    try:
        return label_of(GRADES, grade)
    except KeyError:
        return str(grade)


# --- layout plan (plan.json) ----------------------------------------------------------------

@dataclass(frozen=True)
class LayoutAction:
    """A school the plan closes, expands or builds."""

    name: str
    action: str
    phase: int | None
    detail: str


@dataclass(frozen=True)
class LayoutSummary:
    """A layout plan as the reports show it: actions, phases and before/after metrics."""

    scenario: str
    status: str
    target_year: int | None
    phases: int
    counts: Mapping[str, int]
    actions: tuple[LayoutAction, ...]
    metrics: tuple[tuple[str, Any, Any], ...]
    cvs: tuple[tuple[str, str, float | None, float | None], ...]
    assumptions: tuple[str, ...]

    def sentence(self) -> str:
        c = self.counts
        return (f"布局调整方案“{self.scenario}”（目标学年 {self.target_year}，分 {self.phases} 期实施）："
                f"撤并 {c.get('close', 0)} 所，扩建 {c.get('expand', 0)} 所，新建 {c.get('new', 0)} 所。")


LAYOUT_KEYS = ("schools", "metrics")


def layout_summary(plan: Mapping[str, Any]) -> LayoutSummary:
    """Summarise a layout plan (the ``plan.json`` of ``junheng plan layout``).

    Raises
    ------
    ConfigError
        When the document lacks ``schools`` or ``metrics`` (not a layout plan).
    """
    missing = [k for k in LAYOUT_KEYS if k not in plan]
    if missing:
        raise ConfigError(f"布局方案缺少 {'、'.join(missing)}：请使用 junheng plan layout 写出的 plan.json。")
    from junheng.planning.layout import ACTION_LABELS
    from junheng.report.layout_xlsx import METRIC_LABELS

    schools = list(plan["schools"])
    names = {s["school_id"]: s["name"] for s in schools}
    counts: dict[str, int] = {}
    for s in schools:
        counts[s["action"]] = counts.get(s["action"], 0) + 1
    order = {"close": 1, "expand": 2, "new": 0}
    changed = sorted((s for s in schools if s["action"] != "keep"),
                     key=lambda s: (s["phase"] or 0, order.get(s["action"], 3), s["name"]))
    actions = tuple(LayoutAction(s["name"], ACTION_LABELS.get(s["action"], s["action"]),
                                 s.get("phase"), _layout_detail(s, names)) for s in changed)
    before, after = plan["metrics"].get("before", {}), plan["metrics"].get("after", {})
    metrics = tuple((METRIC_LABELS.get(k, k), v, after.get(k)) for k, v in before.items())
    cvs, assumptions = _layout_cvs(plan.get("evaluation"))
    return LayoutSummary(str(plan.get("scenario", "")), str(plan.get("status", "")),
                         plan.get("target_year"), int(plan.get("phases") or 0), counts, actions,
                         metrics, cvs, assumptions)


def _layout_detail(school: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if school["action"] == "close":
        target = names.get(school.get("merged_into"), "")
        return f"学生并入{target}" if target else "撤并"
    parts = []
    if school.get("added_classrooms"):
        parts.append(f"增加普通教室 {school['added_classrooms']} 间")
    if school.get("added_beds"):
        parts.append(f"增加宿舍床位 {school['added_beds']} 张")
    capacity = school.get("capacity") or {}
    seats = sum(v for v in capacity.values() if v)
    if seats:
        parts.append(f"调整后学位 {seats:,} 个")
    return "，".join(parts) or "—"


def _layout_cvs(evaluation: Mapping[str, Any] | None):
    if not evaluation:
        return (), ()
    before, after = evaluation.get("before", {}), evaluation.get("after", {})
    rows = tuple((STAGE_LABELS.get(stage, stage),
                  "综合差异系数" if ind == "composite" else indicator_short(ind, ind),
                  cv, after.get(stage, {}).get(ind))
                 for stage, cvs in before.items() for ind, cv in cvs.items())
    return rows, tuple(evaluation.get("assumptions", ()))


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


def forecast_summary(forecast) -> ForecastSummary:
    """Stage totals per year with their band, the highlight sentences and the county seat rooms."""
    from junheng.forecast import forecast_highlights
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
                           tuple(series), tuple(highlight_lines(highlights, top=5)),
                           highlights.seat_shortfall_years, seat)


# --- ledger ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerRow:
    """One target of a plan ledger: target, latest value, deadline, status, projection."""

    name: str
    target: str
    latest: str
    latest_year: int | None
    deadline: int
    status: str
    projected: str
    responsible: str


def ledger_value(value: Any, kind: str) -> str:
    """A ledger value: 是/否, a percentage for shares, a count or a number; '—' when none."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    return LEDGER_KIND_FORMATS.get(kind, "{:,.4g}").format(value)


def ledger_rows(ledger) -> list[LedgerRow]:
    """Every target of a :class:`~junheng.ledger.Ledger`."""
    from junheng.ledger.plan import COMPARATOR_LABELS

    rows = []
    for t in ledger.targets:
        goal = t.target.target
        shown = {"baseline": "基准年数值", "previous": "上一学年数值"}.get(goal) \
            if isinstance(goal, str) else ledger_value(goal, t.kind)
        comparator = "" if t.target.comparator == "==" else \
            COMPARATOR_LABELS.get(t.target.comparator, "")
        a = t.assessment
        latest = None if a.latest_year is None else t.values.get(a.latest_year)
        rows.append(LedgerRow(t.target.name, f"{comparator}{shown}",
                              ledger_value(latest, t.kind), a.latest_year, t.target.deadline,
                              t.status.value, ledger_value(t.projected, t.kind),
                              t.target.responsible))
    return rows


def ledger_sentence(ledger) -> str:
    """'《计划》在示例县的 12 项目标：已达成 3 项，按期推进 2 项……'"""
    counts = "，".join(f"{k} {v} 项" for k, v in ledger.summary().items() if v)
    return f"《{ledger.plan.plan}》在{ledger.region}的 {len(ledger.targets)} 项目标：{counts}。"


# --- map points -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SchoolPoint:
    """A compulsory school on the map with its evaluation result."""

    school_id: str
    name: str
    lon: float
    lat: float
    result: str  # 达标 | 未达标 | 未评估
    detail: str


def school_points(ev: Evaluation, data: CountyData | None = None,
                  layout_plan: Mapping[str, Any] | None = None) -> list[SchoolPoint]:
    """Schools with coordinates (from the data, else from the layout plan) and pass/fail."""
    coords = _coordinates(data, layout_plan)
    if not coords:
        return []
    results = _school_results(ev)
    points = []
    for school_id, (name, lon, lat, kind) in coords.items():
        if school_id in results:
            result, detail = results[school_id]
        elif kind == "teaching_point":
            result, detail = "未评估", "教学点（并入所属中心校评估）"
        else:
            continue
        points.append(SchoolPoint(school_id, name, lon, lat, result, detail))
    return points


def _coordinates(data, layout_plan) -> dict[str, tuple[str, float, float, str]]:
    out: dict[str, tuple[str, float, float, str]] = {}
    if data is not None:
        s = data.schools
        for sid, name, lon, lat, kind in zip(s["school_id"], s["name"], s["lon"], s["lat"],
                                             s["school_type"], strict=True):
            if not (is_missing(lon) or is_missing(lat)):
                out[str(sid)] = (str(name), float(lon), float(lat), str(kind))
    elif layout_plan:
        for s in layout_plan.get("schools", ()):
            if s.get("lon") is not None and s.get("lat") is not None and s["action"] != "new":
                out[str(s["school_id"])] = (s["name"], float(s["lon"]), float(s["lat"]),
                                            str(s.get("kind", "")))
    return out


def _school_results(ev: Evaluation) -> dict[str, tuple[str, str]]:
    units = ev.units
    if units.empty or "passes" not in units:
        return {}
    n = len(ev.standard.resource_indicators)
    grouped: dict[str, list[dict]] = {}
    for u in units[["school_id", "stage", "students", "n_met", "passes"]].to_dict("records"):
        grouped.setdefault(str(u["school_id"]), []).append(u)
    out = {}
    for school_id, group in grouped.items():
        parts = [f"{STAGE_LABELS.get(u['stage'], u['stage'])} {u['students']:,} 人"
                 + ("" if is_missing(u["n_met"]) else f"，{int(u['n_met'])}/{n} 项达标")
                 for u in group]
        known = [bool(u["passes"]) for u in group if not is_missing(u["passes"])]
        result = "未评估" if not known else ("达标" if all(known) else "未达标")
        out[school_id] = (result, "；".join(parts))
    return out


def require_compulsory(ev: Evaluation) -> None:
    """The self-evaluation reports cover compulsory education (优质均衡 2017 or 基本均衡 2012)."""
    if ev.standard.kind != "compulsory":
        raise ConfigError(f"自评报告只适用于义务教育均衡发展的评估，收到的是“{ev.standard.name}”："
                          "请用 quality-2017（优质均衡）或 basic-2012（基本均衡）的评估结果。")
