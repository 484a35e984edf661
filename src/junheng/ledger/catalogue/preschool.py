"""Preschool measures: 公办园在园幼儿占比, 普惠性幼儿园覆盖率, 毛入园率.

The figures are :mod:`junheng.evaluate.preschool_measures`' (the 2020 evaluation's own):
在园幼儿 are the children of 小班, 中班, 大班 and 混合班, 附设幼儿班 of 小学 and 教学点 included.
托班 children (under three) are left out by default, as in the evaluation
(``include_nursery: true`` counts them in the two kindergarten shares).
"""

from __future__ import annotations

from junheng.evaluate.measure import Share
from junheng.evaluate.preschool_measures import affordable_share, gross_enrolment, public_share
from junheng.ledger.registry import (
    MeasureContext,
    Params,
    Reading,
    measure,
    missing,
)


def _reading(share: Share) -> Reading:
    return Reading(share.numerator, share.denominator, share.ids)


class KindergartenShareParams(Params):
    include_nursery: bool = False


@measure("public_kindergarten_share", "公办园在园幼儿占比", "share", "比例",
         KindergartenShareParams)
def public_kindergarten_share(ctx: MeasureContext, p: KindergartenShareParams) -> Reading:
    """公办幼儿园（含公办小学、教学点附设幼儿班）在园幼儿数占在园幼儿总数的比例（include_nursery 为 true 时含托班）。"""
    return _reading(public_share(ctx.data, include_nursery=p.include_nursery))


@measure("affordable_kindergarten_coverage", "普惠性幼儿园覆盖率", "share", "比例",
         KindergartenShareParams)
def affordable_kindergarten_coverage(ctx: MeasureContext, p: KindergartenShareParams
                                     ) -> Reading:
    """公办园和普惠性民办园在园幼儿数占幼儿园在园幼儿总数的比例（普惠性未填的民办园不计入普惠；include_nursery 同上）。"""
    return _reading(affordable_share(ctx.data, include_nursery=p.include_nursery))


class PreschoolRateParams(Params):
    include_nursery: bool = False


@measure("gross_preschool_rate", "学前三年毛入园率", "share", "比例", PreschoolRateParams)
def gross_preschool_rate(ctx: MeasureContext, p: PreschoolRateParams) -> Reading:
    """在园幼儿数（默认不含托班）除以村居 3–5 岁常住儿童数。"""
    share = gross_enrolment(ctx.data, include_nursery=p.include_nursery)
    if share.denominator is None:
        return missing("村居表没有 3–5 岁儿童数")
    return _reading(share)
