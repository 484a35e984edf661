"""What the Word and HTML reports say about an evaluation, as small frozen rows of Chinese text
and numbers: the CV table per stage (二、资源配置), failing schools with their gaps, the items of
政府保障 / 教育质量 / 社会认可度, and the problems and rectification list (五、六)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate import Evaluation, ItemResult, Status
from junheng.evaluate.attested import prerequisite_texts
from junheng.evaluate.items import STATUS_LABELS, attested_answer, status_label, with_base
from junheng.model import numbers
from junheng.model.labels import BASIS_LABELS
from junheng.report.report_format import (
    STAGE_LABELS,
    fmt_against,
    fmt_amount,
    fmt_cv,
    fmt_limit,
    indicator_short,
    is_missing,
    threshold_text,
)
from junheng.standards import AREAS

DETAIL_SHOWN = 10


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
    threshold: float | None = None

    @property
    def mean_text(self) -> str:
        """The county mean as printed beside the standard (:func:`fmt_against`)."""
        return fmt_against(self.mean, self.threshold, self.unit)


def cv_rows(ev: Evaluation, stage: str) -> list[CvRow]:
    """The stage's indicators in the standard's order."""
    result = ev.stages[stage]
    meeting = _units_meeting(ev, stage)
    rows = []
    for ind in ev.standard.resource_indicators:
        cv = result.indicators[ind.id]
        rows.append(CvRow(stage, ind.id, cv.name, indicator_short(ind.id, cv.name), ind.unit,
                          threshold_text(ind, stage), cv.mean, cv.cv, cv.limit, cv.met,
                          meeting.get(ind.id), result.units, ind.threshold_for(stage)))
    return rows


def _units_meeting(ev: Evaluation, stage: str) -> dict[str, int]:
    """Per indicator with a threshold: how many of the stage's units meet it."""
    table = ev.assessment
    if table.empty:
        return {}
    part = table[(table["stage"] == stage) & table["threshold"].notna()]
    met = part["met"].fillna(False).astype(bool)
    return {k: int(v) for k, v in met.groupby(part["indicator"]).sum().items()}


def met_lookup(ev: Evaluation) -> dict[tuple[str, str], bool | None]:
    """(unit id, indicator) -> whether the unit meets the indicator's standard (None: unknown)."""
    table = ev.assessment
    if table.empty:
        return {}
    return {(u, i): (None if is_missing(m) else bool(m))
            for u, i, m in zip(table["unit_id"], table["indicator"],
                               table["met"].astype(object), strict=True)}


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
    value = "数据缺失" if is_missing(g.value) else fmt_against(g.value, g.threshold, unit)
    text = "数据缺失，须补填" if is_missing(g.amount) else g.text
    return Shortfall(g.indicator, g.indicator_name, value, numbers.trimmed(g.threshold, 4), text)


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
    """The measured value in its unit ('87.5%', '1.02 倍', '小学 97.8%'), a share with what it
    counts ('60.0%（达标学校 6/10 所）'); '—' when none."""
    if (answer := attested_answer(result)) is not None:
        return answer
    value, unit = result.value, result.indicator.unit
    if isinstance(value, Mapping):
        shown = [f"{STAGE_LABELS.get(s, s)} {item_number(v, unit)}" for s, v in value.items()
                 if v is not None]
        return "、".join(shown) or "—"
    return with_base(item_number(value, unit), result)


def item_standard_text(ind) -> str:
    """An item's 标准 in the tables: its thresholds, or the prerequisite's 「≥3 年」."""
    years = prerequisite_texts(ind, None)
    return threshold_text(ind) if years is None else years[1]


def item_number(value: float | None, unit: str) -> str:
    if is_missing(value):
        return "—"
    if unit == numbers.SHARE:
        return numbers.percent(value)
    return numbers.trimmed(value, max(2, numbers.unit_digits(unit))) + (f" {unit}" if unit else "")


def item_rows(items: Sequence[ItemResult]) -> list[ItemRow]:
    """Every item with its value, standard, status and the text behind it."""
    rows = []
    for k, r in enumerate(items, start=1):
        ind = r.indicator
        remark = [p for p in (r.gap, r.note) if p]
        if not ind.confirmed:
            remark.append("该项阈值未能在教育部原文中核实")
        rows.append(ItemRow(k, ind.id, AREAS.get(ind.area, ind.area), ind.name,
                            item_value_text(r), item_standard_text(ind), r.status,
                            status_label(r), BASIS_LABELS.get(str(r.basis), str(r.basis)),
                            "；".join(remark), r.evidence, ind.confirmed))
    return rows


# Second halves of one article of a method, evaluated as a row of their own: the 2017 method's
# 政府保障程度 has 15 articles, its 3rd (music/art rooms and their areas) and 11th (rotation
# share and its backbone share) each state two requirements, so its table has 17 rows.
SECOND_HALVES = {"music_art_room_area": "music_art_rooms",
                 "rotation_backbone_share": "rotation_rate"}


def official_count_note(items: Sequence[ItemResult]) -> str:
    """How the rows relate to the method's articles, when some article takes two rows ('' if
    every row is one article).

    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> official_count_note(evaluate(example_county()).guarantee)
    '评估办法规定 15 项，其中第 3、11 项各含两项要求，分两行评估，故本表共 17 行。'
    """
    ids = [r.indicator.id for r in items]
    split, article = [], 0
    for item in ids:
        if SECOND_HALVES.get(item) in ids:
            split.append(article)
        else:
            article += 1
    if not split:
        return ""
    shown = "、".join(str(n) for n in split)
    return (f"评估办法规定 {article} 项，其中第 {shown} 项各含两项要求，分两行评估，"
            f"故本表共 {len(ids)} 行。")


def status_word(result: ItemResult) -> str:
    """The status word a table's count uses: '待核实' for an attestation the county's own figures
    contradict (its row reads '待核实（县级认定与数据不一致）'), else the status label."""
    return status_label(result).split("（")[0]


def status_counts(items: Sequence[ItemResult]) -> dict[str, int]:
    """How many items have each status word, in the order 达标, 未达标, 待佐证, 待核实, 数据缺失,
    不适用 (the word of the item's row, :func:`status_word`)."""
    labels = list(STATUS_LABELS.values())
    counts = dict.fromkeys([*labels[:3], "待核实", *labels[3:]], 0)
    for r in items:
        counts[status_word(r)] += 1
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
    preschool = ev.standard.kind == "preschool"
    rows = [_gap_row(g, preschool) for g in _ordered_gaps(ev.gaps)]
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
                f"{r.text}（使{label}由 {numbers.cv3(fix.cv_before)} 降至 {numbers.cv3(fix.cv_after)}）"))
    for result in (*ev.guarantee, *ev.quality):
        if result.status is Status.NOT_MET:
            ind = result.indicator
            rows.append(RectificationRow(AREAS.get(ind.area, ind.area), "全县", "", ind.name,
                                         item_value_text(result), item_standard_text(ind),
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


def gap_category(required: bool, preschool: bool = False) -> str:
    """The 整改清单 category of a school's shortfall, in the terms of the school sheet's 结论.

    A compulsory school's row is 学校达标 when the school fails the school rule, else a short
    indicator of a school that still passes. A kindergarten fails its own 结论 on every short
    item (the sheet's footnote: all classes within the caps, 1 : 15, every teacher certified), so
    each of its rows is 幼儿园达标; the 2020 method judges the county on county-wide figures
    (85% of classes, the county ratio), so a row whose county item is met says so.

    >>> gap_category(True), gap_category(False)
    ('学校达标', '学校指标（不影响达标）')
    >>> gap_category(True, preschool=True), gap_category(False, preschool=True)
    ('幼儿园达标', '幼儿园达标（全县该项已达标，不影响县域结论）')
    """
    if preschool:
        return "幼儿园达标" if required else "幼儿园达标（全县该项已达标，不影响县域结论）"
    return "学校达标" if required else "学校指标（不影响达标）"


def _gap_row(g, preschool: bool = False) -> RectificationRow:
    category = gap_category(g.required, preschool)
    unit = "元" if g.unit == "元" else ""
    value = "数据缺失" if is_missing(g.value) else fmt_against(g.value, g.threshold, unit)
    action = "数据缺失，须补填" if is_missing(g.amount) else g.text
    return RectificationRow(category, g.name, STAGE_LABELS.get(g.stage, g.stage),
                            g.indicator_name, value, numbers.trimmed(g.threshold, 4), action)


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
        label = f"{STAGE_LABELS[fix.stage]}{fix.indicator_name}差异系数 {numbers.cv3(fix.cv_before)}（限值 " \
                f"{numbers.number(fix.limit, 2)}）"
        drivers = "、".join(fix.contributors["name"].head(top).astype(str))
        if not fix.feasible:
            out.append(f"{label}：拉大差异最多的是{drivers}；仅补足薄弱学校无法降到限值以内，需同时调整资源较多的学校。")
            continue
        spec = ev.standard.indicator(fix.indicator).gap
        total = float(fix.additions["amount"].sum())
        what = f"{spec.verb}{spec.item} {numbers.number(total)} {spec.unit}" if spec \
            else f"增加 {numbers.number(total)}"
        out.append(f"{label}：拉大差异最多的是{drivers}；为 {len(fix.additions)} 所薄弱学校共{what}，"
                   f"可使差异系数降至 {numbers.cv3(fix.cv_after)}。")
    return out


def class_size_sentence(ev: Evaluation) -> str:
    """'大班额（56–65 人）3 个，超大班额（66 人及以上）0 个；大校额学校 1 所。'"""
    counts, sizes = ev.class_lists.counts, ev.rules.sizes
    return (f"{sizes.oversized_text}{counts['oversized']} 个，{sizes.extra_oversized_text}"
            f"{counts['extra_oversized']} 个；大校额学校 {counts['oversized_schools']} 所。")


def require_compulsory(ev: Evaluation) -> None:
    """The self-evaluation reports cover compulsory education (优质均衡 2017 or 基本均衡 2012)."""
    if ev.standard.kind != "compulsory":
        raise ConfigError(f"自评报告只适用于义务教育均衡发展的评估，收到的是“{ev.standard.name}”："
                          "请用 quality-2017（优质均衡）或 basic-2012（基本均衡）的评估结果。")
