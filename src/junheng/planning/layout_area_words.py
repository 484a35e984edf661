"""A receiver's sports area in words: the layout's unit prices (:func:`sports_prices`, where
they come from, :func:`price_source`), a hall or field shared with 高中 built whole
(:func:`senior_sports`) and the ground it needs against the school's spare ground
(:func:`sports_ground_text`), moved out of :mod:`~.layout_areas` (which re-exports them)."""

from __future__ import annotations

import numpy as np

from junheng.planning.layout_config import Costs


def sports_prices(costs) -> tuple[float, float, float]:
    """元 per m² of land bought beside a school, of a hall and of a field: the layout's unit
    prices (``costs``, a :class:`~.layout_config.Costs` or its JSON), which
    :func:`~.layout_config.county_prices` loads from the 达标路径's unit-price file (the county's
    ``--costs`` over the shipped ``costs.yaml``), so both plans price them alike."""
    got = costs.model_dump() if isinstance(costs, Costs) else dict(costs or {})
    return tuple(float(got[k]) if got.get(k) is not None else float(getattr(Costs(), k))
                 for k in ("land_yuan_per_m2", "gym_yuan_per_m2", "field_yuan_per_m2"))


def price_source(costs) -> str:
    """The clause naming where the layout's unit prices come from (its ``price_files``).

    >>> price_source(Costs()), price_source({"price_files": ["costs.yaml", "洛北县单价.yaml"]})
    ('', '（单价取自县区单价文件 洛北县单价.yaml）')
    """
    got = costs.model_dump() if isinstance(costs, Costs) else dict(costs or {})
    county = [f for f in got.get("price_files") or () if f != "costs.yaml"]
    return f"（单价取自县区单价文件 {'、'.join(county)}）" if county else ""


def senior_sports(m2: float, share: float, yuan: float) -> tuple[int, int, float]:
    """A receiver's sports top-up ``m2`` (compulsory part at the compulsory ``share``) built
    whole: (whole m², 高中's m², 高中's 万元 at ``yuan`` per m²), the one figure the layout's note
    and the plans' 另需高中经费 both state (rv3 4).

    >>> senior_sports(530.0, 530 / 2_630, 900.0), senior_sports(500.0, 1.0, 900.0)
    ((2630, 2100, 189.0), (500, 0, 0.0))
    """
    whole = round(m2 / (share or 1.0)) if share < 1 - 1e-9 else round(m2)
    senior = whole - round(m2)
    return whole, senior, round(senior * yuan / 10_000, 2)


def sports_ground_text(m2: float, share: float, spare: float | None, land_yuan: float,
                       hall_yuan: float = 4_200.0, field: bool = False,
                       left: float | None = None) -> str:
    """A receiver's sports area as what is built (a hall shared with 高中 whole, the 高中's
    part said once, planner review tb 3) and the ground it needs against the school's spare
    ground (:mod:`~.layout_ground`; a single-storey hall or a field: floor area = footprint),
    the land beyond priced apart (review tb 2: a 1,646 m² hall on 144 m² of free ground).
    A ``field`` (its price in ``hall_yuan``) is one 整块 laid on that ground (rv3 3).
    ``left``: the compulsory part of the ground the school's own gap leaves (``L_i``, brief
    va2), said where the own gap takes some of the ground.

    >>> sports_ground_text(1_646.0, 1.0, 144.0, 600.0)
    '；需要场地 1,646 平方米，校内空地（两个方案建设前）至少 144 平方米，须另行用地 1,502 平方米（按每平方米 600 元约 90.12 万元，未计入本方案投资，需论证）'
    >>> sports_ground_text(530.0, 0.195, 12_701.0, 600.0)
    '；与高中共用，整座 2,718 平方米，其中义务教育阶段 530 平方米计入本方案，高中部分 2,188 平方米（按每平方米 4,200 元约 918.96 万元）由高中经费安排，不计入本方案投资；校内空地（两个方案建设前）至少 12,701 平方米，可以容纳'
    >>> sports_ground_text(159.0, 1.0, 1_475.0, 600.0, 900.0, True, left=159.0)
    '；校内空地（两个方案建设前）至少 1,475 平方米，留足本校自身缺口 1,316 平方米（由达标路径补足）后余 159 平方米，可以容纳'
    >>> sports_ground_text(0.0, 1.0, 10.0, 600.0), sports_ground_text(500.0, 1.0, None, 600.0)
    ('', '')
    """
    if m2 <= 0:
        return ""
    whole, senior, wan = senior_sports(m2, share, hall_yuan)
    text = (f"；与高中共用，{'整块' if field else '整座'} {whole:,} 平方米，其中义务教育阶段 {m2:,.0f} 平方米计入本方案，"
            f"高中部分 {senior:,} 平方米（按每平方米 {hall_yuan:,.0f} 元约 "
            f"{wan:,.2f} 万元）由高中经费安排，不计入本方案投资"
            if senior > 0 else "")
    if spare is None:
        return text
    rest = spare if left is None or np.isnan(left) else min(spare, round(left / max(share, 1e-9)))
    own = f"，留足本校自身缺口 {spare - rest:,.0f} 平方米（由达标路径补足）后余 {rest:,.0f} 平方米" if rest < spare - 0.5 else ""
    if whole <= rest:
        return text + f"；校内空地（两个方案建设前）至少 {spare:,.0f} 平方米{own}，可以容纳"
    buy = whole - round(spare)
    return (text + f"；需要场地 {whole:,} 平方米，校内空地（两个方案建设前）至少 {spare:,.0f} 平方米，须另行用地 {buy:,} 平方米"
            f"（按每平方米 {land_yuan:,.0f} 元约 {buy * land_yuan / 10_000:,.2f} 万元，未计入本方案投资，需论证）")
