"""Enrolment measures from 招生: 就近划片入学比例 and the number of entrants."""

from __future__ import annotations

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
