"""The 基本均衡 recognition held 待核实 while the county's own figures fail what it rests on.

教督〔2017〕6号 asks a county applying for 优质均衡 to have passed the national 基本均衡
recognition 3 years or more before (前提条件 ``basic_balance_recognised``); 教督〔2012〕3号 makes
every compulsory school meeting the province's 办学基本标准 a precondition of 基本均衡
(``province_school_standard``). While this school year's figures fail that precondition, or
cannot show it met (待佐证 or 数据缺失: without a province overlay no 省定标准 is known; review
rvweb 3: the web said 达标 beside a 基本均衡 of 待核实), the recognition's 成果 is not proven kept
up: the item is 待核实（基本均衡成果须复核）, counted pending in the verdict, never 达标 (pending is
not passed). It is 达标 only while this year's 基本均衡 precondition is 达标. The engine applies the hold
(:func:`hold_recognition`) to every 优质均衡 evaluation, so every output — reports, workbook,
JSON, web, ledger, city ranking — reads the one held verdict.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from junheng.evaluate.items import STATUS_LABELS, ItemResult, Status

if TYPE_CHECKING:
    from junheng.evaluate.engine import Evaluation

RECOGNITION = "basic_balance_recognised"  # the 2017 前提条件
PRECONDITION = "province_school_standard"  # the 2012 前提条件 it rests on
#: why the held item is pending, in its status label: nothing the county declared disagrees
#: with its data (the recognition is a fact); whether its result is kept up is what is open (rv5 4)
DOUBT = "基本均衡成果须复核"
CLOSES = "按“整改措施”使未达到省定办学基本标准的学校达标，复核后确认基本均衡成果"
UNPROVEN_CLOSES = "按本学年数据复核各校达到省定办学基本标准后确认基本均衡成果"


def held_remark(item: ItemResult, found: str, year: int) -> str:
    """The held recognition's remark: its years, what the county's ``year`` figures found
    (``found``: 「3 所学校未达到省定办学基本标准」) and what closes it.

    >>> from types import SimpleNamespace as NS
    >>> item = NS(indicator=NS(params={"years": 3}), value=11.0)
    >>> print(held_remark(item, "3 所学校未达到省定办学基本标准", 2025))
    认定 11 年，已满 3 年；基本均衡成果：按 2025 学年数据 3 所学校未达到省定办学基本标准（见“存在的问题”），整改后复核（见“整改措施”），复核达到前待核实
    """
    return (
        f"认定 {item.value:.0f} 年，已满 {float(item.indicator.params.get('years', 3)):g} 年；"
        f"基本均衡成果：按 {year} 学年数据 {found}（见“存在的问题”），整改后复核（见“整改措施”），"
        "复核达到前待核实"
    )


def unproven_remark(item: ItemResult, basic: ItemResult, year: int) -> str:
    """The held recognition's remark while the 基本均衡 precondition ``basic`` is neither met nor
    failed (待佐证 or 数据缺失): its years, why the precondition is open (``basic``'s own note)
    and that it waits for it.

    >>> from types import SimpleNamespace as NS
    >>> item = NS(indicator=NS(params={"years": 3}), value=11.0)
    >>> basic = NS(indicator=NS(name="县域内义务教育学校均达到省定办学基本标准"), status=Status.ATTESTATION,
    ...            note="未提供省定办学基本标准的标准值")
    >>> print(unproven_remark(item, basic, 2025))
    认定 11 年，已满 3 年；基本均衡成果：按 2025 学年数据，基本均衡的前提条件“县域内义务教育学校均达到省定办学基本标准”待佐证（未提供省定办学基本标准的标准值），尚不能确认，佐证后复核，复核达到前待核实
    """
    why = f"（{basic.note.rstrip('。')}）" if basic.note else ""
    return (
        f"认定 {item.value:.0f} 年，已满 {float(item.indicator.params.get('years', 3)):g} 年；"
        f"基本均衡成果：按 {year} 学年数据，基本均衡的前提条件“{basic.indicator.name}”"
        f"{STATUS_LABELS[basic.status]}{why}，尚不能确认，佐证后复核，复核达到前待核实"
    )


def hold_recognition(ev: Evaluation, basic_standard: ItemResult | None) -> Evaluation:
    """``ev`` with its recognition held while ``basic_standard`` (the 基本均衡 evaluation's
    ``province_school_standard`` item on the same data, overlay and units) is not 达标: the item
    待核实 and disputed, its remark :func:`held_remark` (未达标) or :func:`unproven_remark`
    (待佐证, 数据缺失), counted pending in the verdict and no longer met nor attested. ``ev``
    itself (with ``basic_standard`` kept) when its recognition is not met or the precondition
    is met (or not applicable); holding a held evaluation changes nothing."""
    from junheng.evaluate.engine import item_failure

    ev = ev if ev.basic_standard is basic_standard else replace(ev, basic_standard=basic_standard)
    item = next((i for i in ev.conditions if i.indicator.id == RECOGNITION), None)
    if (
        item is None
        or item.status is not Status.MET
        or item.value is None
        or basic_standard is None
        or basic_standard.status in (Status.MET, Status.NOT_APPLICABLE)
    ):
        return ev
    if basic_standard.status is Status.NOT_MET:
        found = basic_standard.gap.partition("：")[0]  # 「3 所学校未达到省定办学基本标准」
        note, closes = held_remark(item, found, ev.year), CLOSES
    else:
        note = unproven_remark(item, basic_standard, ev.year)
        closes = f"{basic_standard.closes.rstrip('。')}，{UNPROVEN_CLOSES}" if basic_standard.closes \
            else UNPROVEN_CLOSES
    doubted = replace(
        item,
        status=Status.ATTESTATION,
        disputed=True,
        doubt=DOUBT,
        gap="",
        note=note,
        closes=closes,
    )
    verdict = ev.verdict
    verdict = replace(
        verdict,
        pending=(*verdict.pending, item_failure(doubted)),
        met_items=verdict.met_items - 1,
        attested=tuple(n for n in verdict.attested if n != item.indicator.name),
    )
    return replace(
        ev, verdict=verdict, conditions=tuple(doubted if i is item else i for i in ev.conditions)
    )
