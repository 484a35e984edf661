"""The choice between the two layout options in one plain paragraph, for a 局务会 (review rv
finding 1: the document called the dearer 方案甲 「本方案」 and 「最优」 while 方案乙 spends less
and 方案甲 ranks first only through the weight on the sports area short).

Every figure is read from the objects the comparison table uses
(:func:`~junheng.planning.layout_options.option_facts` of the plan, its ``alternative``), never
retyped: each option's one-off investment and yearly running cost, what 方案乙 saves, and
whether the order of the 综合评价值 rests on the sports-area weight (the order without that
weight's 万元 is the order of the rest of the score: the one sentence of
:func:`~junheng.planning.layout_ranking.ranking_sentence`, which every headline says).
"""

from __future__ import annotations

from junheng.model import numbers
from junheng.planning.layout_options import (
    OPTION_A,
    OPTION_A_FULL,
    OPTION_B,
    OPTION_B_FULL,
    option_facts,
)
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_ranking import ranking_sentence

#: the last sentence of the paragraph: the choice is the bureau's
DECIDES = "选择哪个方案由局务会决定。"


def _money(f: dict, g: dict, key: str) -> str:
    """``f[key]`` in the unit of the larger of the two options (as the comparison table)."""
    return numbers.money(f[key], max(abs(f[key]), abs(g[key])))


def _saves(a: dict, b: dict, key: str, what: str, floor: float = 0.0) -> str:
    """方案乙 relative to 方案甲: '一次性建设投资少 3,546.04 万元' (``floor``: 万元 from this 元)."""
    d = b[key] - a[key]
    if not round(d):
        return f"{what}相同"
    return f"{what}{'多' if d > 0 else '少'} {numbers.money(abs(d), max(abs(a[key]), abs(b[key]), floor))}"


def saves_text(a: dict, b: dict, floor: float = 0.0) -> str:
    """方案乙 relative to 方案甲, once and each year: '一次性建设投资少 …，每年运行支出多 …'."""
    return "，".join(_saves(a, b, k, w, floor) for k, w in (("once_yuan", "一次性建设投资"), ("operating_yuan", "每年运行支出")))


def choice_paragraph(plan: LayoutOutcome) -> str:
    """The paragraph opening the comparison of the two options ('' for a plan without an
    ``alternative``): what each costs once and each year, what 方案乙 saves, what the ranking
    rests on, and that the 局务会 decides.

    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 52_000_000.0,
    ...     "operating_yuan": 9_000_000.0, "objective_yuan": 10.0}}, objective=10.0)
    >>> choice_paragraph(plan)
    ''
    >>> from dataclasses import replace
    >>> other = {"once_yuan": 840_000.0, "operating_yuan": 9_500_000.0, "objective_yuan": 12.0,
    ...          "sports_weight_yuan": 5.0, "unmet": "无", "new_schools": []}
    >>> print(choice_paragraph(replace(plan, alternative=other,
    ...       weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20})))
    两个方案的财政支出：方案甲（新建学校）一次性建设投资 5,200.00 万元，每年运行支出 900.00 万元；方案乙（不新建学校）一次性建设投资 84.00 万元，每年运行支出 950.00 万元。与方案甲相比，方案乙一次性建设投资少 5,116.00 万元，每年运行支出多 50.00 万元。在设定权重下方案甲综合评价值较低，只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入：这一权重是设定的假设值，不是支出；不计这一权重，方案乙综合评价值较低。选择哪个方案由局务会决定。
    """
    if not plan.alternative:
        return ""
    a, b = option_facts(plan), dict(plan.alternative)
    each = "；".join(f"{name}一次性建设投资 {_money(f, g, 'once_yuan')}，每年运行支出 {_money(f, g, 'operating_yuan')}"
                    for name, f, g in ((OPTION_A_FULL, a, b), (OPTION_B_FULL, b, a)))
    saves = saves_text(a, b)
    return (f"两个方案的财政支出：{each}。与{OPTION_A}相比，{OPTION_B}{saves}。"
            + ranking_sentence(a, b, dict(plan.weights or {})) + DECIDES)


#: the 方案概要 row that sets 方案乙 beside 方案甲's figures (review rv5 finding 3)
VERSUS = "与方案乙比较"


def differences_paragraph(plan: LayoutOutcome) -> str:
    """What else sets the two options apart, after :func:`choice_paragraph`, each said once
    with both options' figures: the rules unmet (counted; the table names them), the sports
    area short that the layout's moves add ('' without an ``alternative``); the 过渡期 临时周转
    is the table's row and the 需局务会决定的事项 (rv10 15: its total said seven times).

    >>> from dataclasses import replace
    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 1.0}}, year=2025,
    ...     costs={"temporary_room_yuan": 20_000.0}, overflow=((2027, "S", "primary", 4),),
    ...     weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20})
    >>> other = {"unmet_labels": ["甲", "乙"], "temporary": [0, 6, 12.0, [2027, 2028]],
    ...          "sports_weight_yuan": 500.0, "sports_short": [["乙", 1, True]]}
    >>> print(differences_paragraph(replace(plan, alternative=other)))
    两方案的其他差别（逐项见下表）：未满足的规则方案甲无、方案乙 2 项（不含差异系数）；布局分流新增的体育运动场馆面积缺口方案甲 0 平方米、方案乙 1 平方米（需征地、租用或布局分流；不含各校原有的缺口）。
    """
    from junheng.planning.layout_options import area_text, sports_short_area

    if not plan.alternative:
        return ""
    a, b = option_facts(plan), dict(plan.alternative)

    def rules(f: dict) -> str:
        n = len(f.get("unmet_labels") or [])
        return f"{n} 项" if n else "无"

    def beside(name: str, text: str) -> str:
        return f"{name} {text}" if text[:1].isdigit() else f"{name}{text}"

    parts = [f"未满足的规则{beside(OPTION_A, rules(a))}、{beside(OPTION_B, rules(b))}（不含差异系数）"]
    area = [sports_short_area(f) for f in (a, b)]
    if area[0] != area[1]:
        parts.append(f"布局分流新增的体育运动场馆面积缺口{OPTION_A} {area_text(area[0])}、{OPTION_B} {area_text(area[1])}"
                     "（需征地、租用或布局分流；不含各校原有的缺口）")
    return "两方案的其他差别（逐项见下表）：" + "；".join(parts) + "。"
