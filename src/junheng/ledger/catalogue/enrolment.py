"""Enrolment measures: 就近划片入学比例 from 招生 (citing the 就近划片 plan in force), whether a
plan is in force, and the number of entrants.

The plan in force reaches a measure inside the county-year's ``info`` under
:data:`ZONE_PLANS_KEY` ({stage: :class:`ZonePlanFigures`}); :func:`with_zone_plans` wraps a
ledger loader to put it there (the store keeps the plans; this package never reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from junheng.evaluate.enrolment import near_zone
from junheng.evaluate.schools import select_schools
from junheng.ledger.frames import (
    Area,
    Ownership,
    Stage,
    total,
)
from junheng.ledger.registry import (
    MeasureContext,
    Params,
    Reading,
    measure,
)
from junheng.model import CountyData


class NearZoneParams(Params):
    stage: Stage = "primary"
    area: Area = "urban_town"
    ownership: Ownership = "public"
    exclude_boarding: bool = True


@measure("near_zone_rate", "就近划片入学比例", "share", "比例", NearZoneParams)
def near_zone_rate(ctx: MeasureContext, p: NearZoneParams) -> Reading:
    """招生表中划片入学数之和除以新生数之和（默认城区和镇区公办、非寄宿制义务教育学校的一年级）。"""
    share = near_zone(ctx.data, area=p.area, ownership=p.ownership,
                      exclude_boarding=p.exclude_boarding).share(p.stage)
    return Reading(share.numerator, share.denominator, share.ids)


class EntrantParams(Params):
    stage: Stage = "all"
    area: Area = "all"


@measure("entrants", "义务教育招生数", "count", "人", EntrantParams)
def entrants(ctx: MeasureContext, p: EntrantParams) -> Reading:
    """招生表中一年级和（或）七年级新生数之和。"""
    schools = select_schools(ctx.data, area=p.area)
    grades = {"primary": {"g1"}, "junior": {"g7"}, "all": {"g1", "g7"}}[p.stage]
    rows = ctx.data.enrolment
    rows = rows[rows["grade"].isin(grades) & rows["school_id"].isin(set(schools["school_id"]))]
    return Reading(total(rows["entrants"]), None, tuple(sorted(set(rows["school_id"]))))


ZONE_PLANS_KEY = "zone_plans_in_force"
#: {stage: ((year, ZonePlanFigures), ...)}: the county's plans in force of earlier years
ZONE_HISTORY_KEY = "zone_plans_before"


@dataclass(frozen=True)
class ZonePlanFigures:
    """A 就近划片 plan in force as the ledger reads it: which plan, when it was adopted, the
    pupils of the stage whose zone school has places for them and all pupils of the stage;
    ``zones`` its (村居, 学校) rows and ``moved`` the 村居 it zones elsewhere than the
    workbook's zones of its year (for 动态调整学区, :mod:`junheng.ledger.catalogue.zones`)."""

    plan_id: int
    name: str
    adopted_on: str
    seated: float
    pupils: float
    zones: tuple[tuple[str, str], ...] = ()
    moved: tuple[str, ...] = ()


def with_zone_plans(loader: Callable[[str, int], CountyData],
                    plans: Mapping[tuple[str, int], Mapping[str, ZonePlanFigures]]
                    ) -> Callable[[str, int], CountyData]:
    """``loader`` whose county-years carry their plans in force ({(county, year): {stage:
    figures}}) in ``info``, and the county's plans in force of earlier years (by stage, oldest
    first); county-years without either load unchanged."""
    def load(code: str, year: int) -> CountyData:
        data = loader(code, year)
        found = plans.get((code, year))
        history: dict[str, list] = {}
        for (c, y), by_stage in sorted(plans.items()):
            if c == code and y < year:
                for stage, figures in by_stage.items():
                    history.setdefault(stage, []).append((y, figures))
        if not found and not history:
            return data
        info = {**data.info, ZONE_PLANS_KEY: dict(found or {}),
                ZONE_HISTORY_KEY: {s: tuple(h) for s, h in history.items()}}
        return replace(data, info=info)  # keeps its overlay

    return load


@measure("near_zone_plan_rate", "就近划片入学比例（招生表，注明生效划片方案）", "share", "比例",
         NearZoneParams)
def near_zone_plan_rate(ctx: MeasureContext, p: NearZoneParams) -> Reading:
    """招生表中划片入学数之和除以新生数之和（同 near_zone_rate）；本学年有生效的就近划片方案时，说明
    注明方案及其学区学位可容纳比例（全县该学段口径，只供参考，不作为本指标的值）。

    The plan's own figure (Σ_s min(pupils zoned to s, places of s) over all pupils of the stage,
    every school of the stage, pupils calibrated to today's enrolment) answers another question
    than the plan's words ("城区公办…就近划片入学比例": entrants admitted by zone over entrants at
    urban public day schools), so the value stays the 招生 figure the evaluation also uses, and a
    year with a plan in force is not measured on a different basis than the year before.
    """
    base = near_zone_rate(ctx, p)
    plans = ctx.data.info.get(ZONE_PLANS_KEY) or {}
    stages = ("primary", "junior") if p.stage == "all" else (p.stage,)
    found = [plans[s] for s in stages if s in plans]
    if len(found) < len(stages):
        return Reading(base.numerator, base.denominator, base.items,
                       "按招生表的划片入学数计算；本学年该学段尚无生效的就近划片方案")
    items, cited = _cited(found)
    seated, pupils = sum(f.seated for f in found), sum(f.pupils for f in found)
    fit = f"{seated / pupils:.1%}" if pupils else "无学生"
    note = (f"按招生表的划片入学数计算；{cited}，学区学位可容纳比例 {fit}"
            "（按方案划片，全县该学段所有学校、按在校生口径，只供参考，不作为本指标的值）")
    return Reading(base.numerator, base.denominator, base.items + items, note)


def _cited(found: list[ZonePlanFigures]) -> tuple[tuple[str, ...], str]:
    items = tuple(f"就近划片方案第 {f.plan_id} 号" for f in found)
    note = "；".join(f"本学年生效的就近划片方案“{f.name}”（第 {f.plan_id} 号，{f.adopted_on} 设为生效）"
                    for f in found)
    return items, note


class ZoneStageParams(Params):
    stage: Stage = "all"


@measure("zone_plan_in_force", "本学年有生效的就近划片方案", "bool", "是/否", ZoneStageParams)
def zone_plan_in_force(ctx: MeasureContext, p: ZoneStageParams) -> Reading:
    """本学年该学段（all：小学和初中都）在网页“就近划片”设定了生效的划片方案（动态调整学区）。"""
    plans = ctx.data.info.get(ZONE_PLANS_KEY) or {}
    stages = ("primary", "junior") if p.stage == "all" else (p.stage,)
    found = [plans[s] for s in stages if s in plans]
    if len(found) < len(stages):
        return Reading(0.0, None, (), "本学年该学段尚无生效的就近划片方案")
    items, note = _cited(found)
    return Reading(1.0, None, items, note)
