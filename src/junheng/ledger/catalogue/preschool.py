"""Preschool measures: 公办园在园幼儿占比, 普惠性幼儿园覆盖率, 毛入园率."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from junheng.ledger.frames import (
    classes_in,
    known_true,
    select_schools,
    total,
)
from junheng.ledger.registry import (
    MeasureContext,
    NoParams,
    Params,
    Reading,
    measure,
    missing,
)
from junheng.model import CountyData
from junheng.model.codes import PRESCHOOL_GRADES


def _kindergarten_children(data: CountyData, grades: Iterable[str] = PRESCHOOL_GRADES
                           ) -> pd.Series:
    """Children per kindergarten (school_id -> students), kindergartens without classes as 0."""
    kgs = select_schools(data, types={"kindergarten"})
    classes = classes_in(data, grades, kgs["school_id"])
    per_school = classes.groupby("school_id")["students"].sum()
    return per_school.reindex(kgs["school_id"]).fillna(0).astype(float)


def _kindergarten_share(data: CountyData, chosen: pd.Series) -> Reading:
    children = _kindergarten_children(data)
    chosen_ids = [i for i in children.index if chosen.get(i, False)]
    total = float(children.sum())
    return Reading(float(children[chosen_ids].sum()), total, tuple(chosen_ids))


@measure("public_kindergarten_share", "公办园在园幼儿占比", "share", "比例")
def public_kindergarten_share(ctx: MeasureContext, p: NoParams) -> Reading:
    """公办幼儿园在园幼儿数占幼儿园在园幼儿总数的比例。"""
    kgs = select_schools(ctx.data, types={"kindergarten"}).set_index("school_id")
    return _kindergarten_share(ctx.data, kgs["ownership"] == "public")


@measure("affordable_kindergarten_coverage", "普惠性幼儿园覆盖率", "share", "比例")
def affordable_kindergarten_coverage(ctx: MeasureContext, p: NoParams) -> Reading:
    """公办园和普惠性民办园在园幼儿数占幼儿园在园幼儿总数的比例（普惠性未填的民办园不计入普惠）。"""
    kgs = select_schools(ctx.data, types={"kindergarten"}).set_index("school_id")
    affordable = (kgs["ownership"] == "public") | known_true(kgs["affordable"])
    return _kindergarten_share(ctx.data, affordable)


class PreschoolRateParams(Params):
    include_nursery: bool = False


@measure("gross_preschool_rate", "学前三年毛入园率", "share", "比例", PreschoolRateParams)
def gross_preschool_rate(ctx: MeasureContext, p: PreschoolRateParams) -> Reading:
    """幼儿园在园幼儿数（默认不含托班）除以村居 3–5 岁常住儿童数。"""
    grades = PRESCHOOL_GRADES if p.include_nursery else tuple(g for g in PRESCHOOL_GRADES
                                                              if g != "k0")
    children = float(_kindergarten_children(ctx.data, grades).sum())
    ages = ctx.data.villages[["age_3", "age_4", "age_5"]]
    if ages.notna().sum().sum() == 0:
        return missing("村居表没有 3–5 岁儿童数")
    return Reading(children, total(ages.stack()))
