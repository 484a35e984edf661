"""The 优质均衡 2017 verdict, CVs and unit compliance, read from the evaluation engine."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from junheng.evaluate import evaluate
from junheng.ledger.frames import (
    Stage,
)
from junheng.ledger.registry import (
    MeasureContext,
    NoParams,
    Params,
    Reading,
    measure,
    missing,
    share_of,
)
from junheng.model.labels import STAGE_LABELS


@measure("quality_balanced", "义务教育优质均衡评估结论", "bool", "是/否")
def quality_balanced(ctx: MeasureContext, p: NoParams) -> Reading:
    """优质均衡 2017 评估是否整体达标（评估引擎 junheng.evaluate 的结论）；无未达标项但仍有待佐证或
    缺数据的事项时结论为“待核实”，不计为已达成。"""
    facts = ctx.evaluation()
    if facts.status == "pending":
        return Reading(None, None, tuple(facts.pending),
                       note=f"评估结论待核实：{len(facts.pending)} 项待佐证或缺数据")
    return Reading(1.0 if facts.passes else 0.0, 1.0, tuple(facts.failures))


def verdict_reading(verdict) -> Reading:
    """达标 → 1, 未达标 → 0 (the failures as rows), 待核实 → no value (the open items as rows,
    each with what closes it)."""
    if verdict.status == "pending":
        rows = tuple(f"{f.message}（补齐方式：{f.closes}）" for f in verdict.pending)
        return Reading(None, None, rows,
                       note=f"评估结论待核实：{len(verdict.pending)} 项待佐证或缺数据")
    return Reading(1.0 if verdict.passes else 0.0, 1.0,
                   tuple(f.message for f in verdict.failures))


class VerdictParams(Params):
    overlay: str | None = Field(default=None, min_length=1)


@measure("basic_balanced", "义务教育基本均衡评估结论", "bool", "是/否", VerdictParams)
def basic_balanced(ctx: MeasureContext, p: VerdictParams) -> Reading:
    """基本均衡 2012 评估是否整体达标（评估引擎的三值结论：待核实不计为达成）；overlay 为省级覆盖
    文件路径（省定办学基本标准），未给时“学校达到省定办学基本标准”一项待核实。"""
    return verdict_reading(evaluate(ctx.data, "basic-2012", overlay=p.overlay).verdict)


@measure("preschool_balanced", "学前教育普及普惠评估结论", "bool", "是/否")
def preschool_balanced(ctx: MeasureContext, p: NoParams) -> Reading:
    """学前教育普及普惠 2020 评估是否整体达标（评估引擎的三值结论：待核实不计为达成）。"""
    return verdict_reading(evaluate(ctx.data, "preschool-2020").verdict)


def _stage(code: str) -> str:
    return STAGE_LABELS.get(code, code)


class CvParams(Params):
    stage: Literal["primary", "junior"] = "primary"
    indicator: str = Field(default="composite", min_length=1)


@measure("quality_cv", "优质均衡差异系数", "number", "差异系数", CvParams)
def quality_cv(ctx: MeasureContext, p: CvParams) -> Reading:
    """某学段某项资源配置指标的校际差异系数；indicator 为 composite 时取综合差异系数。"""
    value = ctx.evaluation().cv(p.stage, p.indicator)
    if value is None:
        return missing(f"评估结果中没有{_stage(p.stage)}学段“{p.indicator}”指标的差异系数")
    return Reading(value, None, (f"{p.stage}:{p.indicator}",))


class UnitsMetParams(Params):
    stage: Stage = "all"
    indicators: tuple[str, ...] = ()


@measure("quality_units_met_share", "优质均衡指标达标学校占比", "share", "比例", UnitsMetParams)
def quality_units_met_share(ctx: MeasureContext, p: UnitsMetParams) -> Reading:
    """评估单位（学校分学段）中 indicators 各项都达标的所占比例；indicators 为空时按学校整体达标。"""
    units = ctx.evaluation().units
    if p.stage != "all":
        units = [u for u in units if u.stage == p.stage]
    met = [u.unit_id for u in units if u.meets(p.indicators)]
    return share_of(met, len(units))


class ItemParams(Params):
    item: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")


@measure("quality_item", "优质均衡评估县级项目数值", "number", "", ItemParams)
def quality_item(ctx: MeasureContext, p: ItemParams) -> Reading:
    """优质均衡 2017 评估中县级项目 item 的数值（如 special_education_funding 全县特殊教育学校生均
    公用经费，元），与评估报告同一口径；按学段分列的项目不适用。本县数据与县级认定不一致而待核实的
    项目（如省定办学基本标准未达到时的基本均衡认定）不计数值，待核实不计为达成。"""
    facts = ctx.evaluation()
    if p.item not in facts.items:
        return missing(f"优质均衡评估没有县级项目 {p.item}（按学段分列的项目不适用）")
    name, value = facts.items[p.item]
    if p.item in facts.disputed:
        return Reading(None, None, (name,), note=f"优质均衡评估项目“{name}”待核实：{facts.disputed[p.item]}")
    if value is None:
        return missing(f"优质均衡评估项目“{name}”缺少数据，无法计算")
    return Reading(value, None, (name,))


@measure("basic_cv", "基本均衡差异系数", "number", "差异系数", CvParams)
def basic_cv(ctx: MeasureContext, p: CvParams) -> Reading:
    """基本均衡（2012）某学段某项指标的校际差异系数；indicator 为 composite 时取综合差异系数
    （八项的平均）。与 target: previous、comparator: "<"、every_year: true 合用核验“校际差距逐年缩小”。"""
    import math

    from junheng.ledger.evaluation import DIGITS

    stage = evaluate(ctx.data, "basic-2012").stages.get(p.stage)
    if stage is None:
        return missing(f"没有{_stage(p.stage)}学段的评估单位")
    if p.indicator == "composite":
        value = stage.composite_cv
    elif p.indicator in stage.indicators:
        value = stage.indicators[p.indicator].cv
    else:
        return missing(f"基本均衡标准没有指标 {p.indicator}")
    if math.isnan(value):
        return missing(f"{_stage(p.stage)}学段“{p.indicator}”指标的差异系数无法计算")
    return Reading(round(float(value), DIGITS), None, (f"{p.stage}:{p.indicator}",))
