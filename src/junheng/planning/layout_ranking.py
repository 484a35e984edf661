"""Which layout option the 综合评价值 favours and what the order rests on, in one sentence every
document says alike (brief hc2, review rv finding 5): the docx said that 方案甲 ranks first
only through the weight on 方案乙's sports area short, while the workbook's 结论, the CLI and
the web said only 「按设定权重，方案甲综合评价值较低」.

:func:`ranking_sentence` is that sentence (the docx's 二 and every headline of
:func:`~junheng.planning.layout_options.option_headline`); :func:`priced_gap` sets beside it
方案乙's extra gap priced at the plan's own land and field prices (1,500 元/m² in the demo, not
the weight's 10,000 元/m²), the alternative the 局务会 weighs.
"""

from __future__ import annotations

from junheng.planning.layout_options import OPTION_A, OPTION_B, sports_short_area
from junheng.planning.layout_outcome import LayoutOutcome


def weight_words(weights: dict) -> str:
    """The sports-area weight per m² with its years: '每平方米 10,000 元（分 20 年计入）'.

    >>> weight_words({"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}), weight_words({})
    ('每平方米 10,000 元（分 20 年计入）', '设定的权重')
    """
    per, years = weights.get("hall_beyond_cap_yuan_per_m2"), weights.get("capital_years")
    if isinstance(per, int | float) and isinstance(years, int | float) and years:
        return f"每平方米 {per:,.0f} 元（分 {years:g} 年计入）"
    return "设定的权重"


def weight_settings(weights: dict) -> str:
    """The settings the sports-area weight is made of, by name and value, as a sentence ('' when
    they are not both set): where a 局务会 member finds the weight a ranking rests on.

    >>> print(weight_settings({"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}))
    这一权重即方案设置“未能补足的体育运动场馆面积折算额”（每平方米 10,000 元）和“建设投资折算年限”（20 年）。
    >>> weight_settings({})
    ''
    """
    from junheng.planning.layout_config import setting_name

    per, years = weights.get("hall_beyond_cap_yuan_per_m2"), weights.get("capital_years")
    if not isinstance(per, int | float) or not isinstance(years, int | float) or not years:
        return ""
    return (f"这一权重即方案设置{setting_name('hall_beyond_cap_yuan_per_m2')}（每平方米 {per:,.0f} 元）"
            f"和{setting_name('capital_years')}（{years:g} 年）。")


def ranking_sentence(a: dict, b: dict, weights: dict) -> str:
    """Which option the 综合评价值 favours and whether only the sports-area weight makes it so
    (the order without that weight's 万元 is the order of the rest of the score).

    >>> w = {"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}
    >>> a = {"objective_yuan": 100.0, "sports_weight_yuan": 0.0}
    >>> print(ranking_sentence(a, {"objective_yuan": 130.0, "sports_weight_yuan": 50.0}, w))
    在设定权重下方案甲综合评价值较低，只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入：这一权重是设定的假设值，不是支出；不计这一权重，方案乙综合评价值较低。
    >>> print(ranking_sentence(a, {"objective_yuan": 130.0, "sports_weight_yuan": 10.0}, w))
    在设定权重下方案甲综合评价值较低（不计体育运动场馆面积缺口的权重也是如此）。
    >>> print(ranking_sentence(a, {"objective_yuan": 120.0}, w))
    在设定权重下方案甲综合评价值较低。
    >>> print(ranking_sentence(a, {"objective_yuan": 100.0}, w))
    两方案综合评价值相同。
    """
    sa, sb = float(a.get("sports_weight_yuan") or 0.0), float(b.get("sports_weight_yuan") or 0.0)
    oa, ob = round(a["objective_yuan"]), round(b["objective_yuan"])
    if oa == ob:
        return "两方案综合评价值相同。"
    first, second = (OPTION_A, OPTION_B) if oa < ob else (OPTION_B, OPTION_A)
    flips = rests_on_weight(a, b)
    if sa == sb:
        return f"在设定权重下{first}综合评价值较低。"
    if not flips:
        return f"在设定权重下{first}综合评价值较低（不计体育运动场馆面积缺口的权重也是如此）。"
    return (f"在设定权重下{first}综合评价值较低，只因体育运动场馆面积缺口按{weight_words(weights)}的权重计入："
            f"这一权重是设定的假设值，不是支出；不计这一权重，{second}综合评价值较低。")


def rests_on_weight(a: dict, b: dict) -> bool:
    """Whether the order of the two options' 综合评价值 turns once the sports-area weight
    (``sports_weight_yuan``) is taken out of both (:func:`ranking_sentence`).

    >>> a = {"objective_yuan": 100.0, "sports_weight_yuan": 0.0}
    >>> rests_on_weight(a, {"objective_yuan": 130.0, "sports_weight_yuan": 50.0})
    True
    >>> rests_on_weight(a, {"objective_yuan": 130.0, "sports_weight_yuan": 10.0}), rests_on_weight(a, {"objective_yuan": 100.0})
    (False, False)
    """
    if "objective_yuan" not in a or "objective_yuan" not in b:
        return False
    sa, sb = float(a.get("sports_weight_yuan") or 0.0), float(b.get("sports_weight_yuan") or 0.0)
    oa, ob = round(a["objective_yuan"]), round(b["objective_yuan"])
    if oa == ob or sa == sb:
        return False
    return (round(a["objective_yuan"] - sa) < round(b["objective_yuan"] - sb)) != (oa < ob)


def weight_caveat(a: dict, b: dict, weights: dict) -> str:
    """Where the ranking rests on the sports-area weight alone (:func:`rests_on_weight`), what
    a table saying 「综合评价值最低」 of an option must say beside it (review rv17 8: 方案甲's
    3,988.71 万元 new school won only through a weight of 10,000 元/m², the document pricing
    the same m² at 1,500 元); '' otherwise.

    >>> w = {"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}
    >>> a = {"objective_yuan": 100.0, "sports_weight_yuan": 0.0}
    >>> print(weight_caveat(a, {"objective_yuan": 130.0, "sports_weight_yuan": 50.0}, w))
    两方案的优劣取决于权重假设：体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入时方案甲综合评价值较低，不计该权重时方案乙较低
    >>> weight_caveat(a, {"objective_yuan": 130.0, "sports_weight_yuan": 10.0}, w)
    ''
    """
    if not rests_on_weight(a, b):
        return ""
    first, second = (OPTION_A, OPTION_B) if round(a["objective_yuan"]) < round(b["objective_yuan"]) else (OPTION_B, OPTION_A)
    return (f"两方案的优劣取决于权重假设：体育运动场馆面积缺口按{weight_words(weights)}的权重计入时{first}综合评价值较低，"
            f"不计该权重时{second}较低")


def plan_caveat(plan: LayoutOutcome) -> str:
    """:func:`weight_caveat` of a plan (方案甲) and its stored ``alternative`` (方案乙); '' without one."""
    from junheng.planning.layout_options import option_facts

    if not plan.alternative:
        return ""
    return weight_caveat(option_facts(plan), dict(plan.alternative), dict(plan.weights or {}))


def priced_gap(plan: LayoutOutcome, a: dict, b: dict) -> str:
    """方案乙's sports area short beyond 方案甲's priced at the plan's land and field prices
    (:func:`~junheng.planning.layout_compare.area_price_note`) against what 方案乙 builds less,
    as a sentence ('' when 方案乙 is not short of more area or the prices are not set).

    Hand-worked: 方案乙 short 400 m² more (its schools' whole m²,
    :func:`~.layout_options.sports_short_area`), 方案甲 builds
    1,000,000 元 more; 400 × (600 + 900) = 600,000 元 = 60.00 万元, 100.00 − 60.00 = 40.00 万元:

    >>> plan = LayoutOutcome("optimal", (), {}, weights={"hall_beyond_cap_yuan_per_m2": 10_000,
    ...     "capital_years": 20}, costs={"land_yuan_per_m2": 600.0, "field_yuan_per_m2": 900.0})
    >>> short = {"sports_weight_yuan": 200_000.0, "sports_short": [["乙", 400, True]]}
    >>> print(priced_gap(plan, {"once_yuan": 1_500_000.0, "sports_weight_yuan": 0.0}, {"once_yuan": 500_000.0, **short}))
    按本方案单价补足方案乙多出的体育运动场馆面积缺口 400 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 900 元），一次约 60.00 万元，方案乙加上这笔仍比方案甲少 40.00 万元；面积缺口的权重每平方米 10,000 元高于这一造价，方案甲综合评价值较低来自权重，不是少花钱。

    方案乙 renting 3 room-years (6.00 万元) more: 40.00 − 6.00 = 34.00 万元 (brief hnew 3):

    >>> print(priced_gap(plan, {"once_yuan": 1_500_000.0, "sports_weight_yuan": 0.0, "temporary": [0, 2, 4.0]},
    ...       {"once_yuan": 500_000.0, **short, "temporary": [1, 5, 10.0]}).split("；")[0])
    按本方案单价补足方案乙多出的体育运动场馆面积缺口 400 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 900 元），一次约 60.00 万元，方案乙加上这笔和多出的过渡期临时周转 6.00 万元仍比方案甲少 34.00 万元
    >>> priced_gap(plan, {"once_yuan": 1.0, "sports_weight_yuan": 5.0}, {"once_yuan": 0.0, "sports_weight_yuan": 5.0})
    ''
    """
    from junheng.planning.layout_areas import sports_prices
    from junheng.planning.layout_compare import area_price_note

    area = sports_short_area(b) - sports_short_area(a)
    land, _, field = sports_prices(plan.costs)
    rent = (float(b["temporary"][2]) - float(a["temporary"][2])) * 10_000 \
        if a.get("temporary") and b.get("temporary") else 0.0  # brief hnew 3: like for like
    note = area_price_note(area, (land, field), a["once_yuan"] - b["once_yuan"],
                           (plan.weights or {}).get("hall_beyond_cap_yuan_per_m2"), rent)
    return f"{note}。" if note else ""
