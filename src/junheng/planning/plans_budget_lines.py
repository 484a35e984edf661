"""The 整改措施's sentence comparing both plans' yearly spending with the 达标路径's yearly budget
(:func:`budget_lines`), checked against the year table it summarises (hfix8 2: 「每年均不超出这一
假设额度」 was said from a figure computed apart, and beside a budget that is the tool's 测算取值)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.planning.plans_budget import YEAR_LINES, _cents, has_lines, line, over_budget

#: what an assumed 额度 is, said first in the sentence that checks against it (rv15 8, hfix8 2)
ASSUMED = "测算取值，不是已批复预算：按一般公共预算教育支出的一定比例测算，见“年度预算”说明；"


def year_over(doc: Mapping[str, Any]) -> dict[str, float]:
    """Year -> 万元 over the budget, from the year table the sentence summarises (its lines, as
    :func:`~.plans_budget.over_budget` adds them) where the summary holds it, else its
    ``over_budget`` (a summary written before the table).

    >>> by = {"years": [2027], "layout_construction": [90.0], "compliance_construction": [0.0],
    ...       "compliance_other_once": [0.0], "layout_yearly": [0.0], "compliance_yearly": [0.0]}
    >>> year_over({"budget": 80.0, "over_budget": {}, "by_year": by}), year_over({"over_budget": {"2026": 5.0}})
    ({'2027': 10.0}, {'2026': 5.0})
    """
    by = doc.get("by_year") or {}
    if by.get("years") and has_lines(by):
        return {str(y): v for y, v in over_budget(by, doc.get("budget")).items()}
    return dict(doc.get("over_budget") or {})


def budget_lines(doc: Mapping[str, Any]) -> list[str]:
    """The sentence comparing both plans' yearly spending with the 达标路径's yearly budget
    ([] without a budget); with ``committed`` (the 达标路径 counted the layout's construction
    in its budget) the sentence says so and why each year over is over.

    >>> budget_lines({"budget": 80.0, "over_budget": {"2026": 70.0},
    ...               "by_year": {"years": [2026, 2027]}})
    ['年度预算每年 80.00 万元（达标路径的预算口径；布局调整方案的建设未在该预算内安排）：布局调整与达标路径合计超出预算的年份：2026 学年超出 70.00 万元。需统筹布局调整与达标路径的年度投资，或延长实施期、分期建设。']
    >>> budget_lines({"budget": 80.0, "over_budget": {}, "by_year": {"years": [2026]}})
    ['年度预算每年 80.00 万元（达标路径的预算口径）：布局调整与达标路径合计每年均不超出预算。']
    >>> budget_lines({"budget": 80.0, "over_budget": {}, "senior": {"total": 12.5}})
    ['年度预算每年 80.00 万元（达标路径的预算口径）：布局调整与达标路径合计（不含另需高中经费）每年均不超出预算。']
    >>> budget_lines({"budget": 80.0, "over_budget": {}, "budget_assumed": True})
    ['年度预算每年 80.00 万元（测算取值，不是已批复预算：按一般公共预算教育支出的一定比例测算，见“年度预算”说明；达标路径的预算口径）：布局调整与达标路径合计每年均不超出这一测算额度。']
    >>> print(budget_lines({"budget": 80.0, "over_budget": {"2026": 20.0}, "committed": True,
    ...     "by_year": {"years": [2026], "layout_construction": [100.0],
    ...     "compliance_construction": [0.0], "compliance_other_once": [0.0],
    ...     "layout_yearly": [0.0], "compliance_yearly": [0.0]}})[0])
    年度预算每年 80.00 万元（达标路径的预算口径，已计入布局调整方案各年的一次性投入（建设投资和过渡期临时周转），达标路径只在余额内安排）：布局调整与达标路径合计超出预算的年份：2026 学年超出 20.00 万元（当年布局调整一次性 100.00 万元、达标路径一次性 0.00 万元、布局调整与达标路径经常性支出变化 0.00 万元；布局调整当年的一次性投入单独已超出年度预算，达标路径该年未安排投入）。需统筹布局调整与达标路径的年度投资，或延长实施期、分期建设。

    (100 − 80 = 20: the layout's construction alone is over.)
    """
    budget = doc.get("budget")
    if budget is None:
        return []
    basis = ("达标路径的预算口径，已计入布局调整方案各年的一次性投入（建设投资和过渡期临时周转），达标路径只在余额内安排"
             if doc.get("committed") else "达标路径的预算口径")
    if doc.get("budget_assumed"):  # review rv10 9: the default, not an approved budget; rv15 8: a 假设
        basis = ASSUMED + basis
    over = year_over(doc)
    # second review 2026-12-04: the 高中 share paid in the same years is not in the sum
    both = "布局调整与达标路径合计（不含另需高中经费）" if (doc.get("senior") or {}).get("total") else "布局调整与达标路径合计"
    if not over:  # hfix8 2: checked against the year table (year_over), the 额度 named for what it is
        return [f"年度预算每年 {budget:,.2f} 万元（{basis}）：{both}每年均不超出"
                f"{'这一测算额度' if doc.get('budget_assumed') else '预算'}{_with_senior(doc)}。"]
    years = "；".join(f"{y} 学年超出 {v:,.2f} 万元{_year_parts(doc, int(y))}"
                     for y, v in sorted(over.items()))
    if not doc.get("committed"):
        basis += "；布局调整方案的建设未在该预算内安排"
    return [f"年度预算每年 {budget:,.2f} 万元（{basis}）："
            f"{both}超出预算的年份：{years}{_with_senior(doc)}。需统筹布局调整与达标路径的年度投资，或延长实施期、分期建设。"]


def _with_senior(doc: Mapping[str, Any]) -> str:
    """The budget check with the 另需高中经费 counted (review re finding 4): the default budget
    is a share of the whole 一般公共预算教育支出, which pays for 高中 too, so a year over once
    the 高中 share paid in it is added is named; '' without a 高中 share or a year table.

    >>> by = {"years": [2027, 2028], "layout_construction": [6000.0, 100.0],
    ...       "compliance_construction": [400.0, 0.0], "compliance_other_once": [47.19, 0.0],
    ...       "layout_yearly": [0.0, 0.0], "compliance_yearly": [0.0, 0.0]}
    >>> doc = {"budget": 7160.7, "by_year": by, "senior": {"total": 1000.0,
    ...        "by_year": {"2027": 915.04, "2028": 84.96}}}
    >>> _with_senior(doc)
    '；年度预算不分学段（一般公共预算教育支出也用于高中），计入另需高中经费后超出预算的年份：2027 学年 7,362.23 万元，超出 201.53 万元'
    >>> doc["senior"]["by_year"] = {"2028": 1000.0}
    >>> _with_senior(doc)
    '；年度预算不分学段（一般公共预算教育支出也用于高中），计入另需高中经费后每年也不超出预算'
    >>> _with_senior({**doc, "budget_assumed": True})[-13:]
    '后每年也不超出这一测算额度'

    (2027: 6,000 + 400 + 47.19 = 6,447.19, + 915.04 = 7,362.23 > 7,160.70 by 201.53.)
    """
    senior, by = doc.get("senior") or {}, doc.get("by_year") or {}
    if not senior.get("total") or not by.get("years") or not has_lines(by):
        return ""
    paid = {int(y): _cents(v) for y, v in (senior.get("by_year") or {}).items()}
    over = []
    for j, year in enumerate(by["years"]):
        spent = sum(_cents(line(by, k, j)) for k in YEAR_LINES) + paid.get(int(year), 0)
        if paid.get(int(year)) and spent > _cents(doc["budget"]):
            over.append(f"{year} 学年 {spent / 100:,.2f} 万元，超出 {(spent - _cents(doc['budget'])) / 100:,.2f} 万元")
    head = "；年度预算不分学段（一般公共预算教育支出也用于高中），计入另需高中经费后"
    # rv19: beside 「每年均不超出这一测算额度」 the 高中 clause names the same 额度
    return head + ("超出预算的年份：" + "；".join(over) if over
                   else "每年也不超出" + ("这一测算额度" if doc.get("budget_assumed") else "预算"))


def _year_parts(doc: Mapping[str, Any], year: int) -> str:
    """What a year's spending is made of (万元); "" for a summary without the year's lines.

    >>> by = {"years": [2027], "layout_construction": [7700.53], "compliance_construction":
    ...       [0.0], "compliance_other_once": [0.0], "layout_yearly": [-172.93],
    ...       "compliance_yearly": [0.0]}
    >>> _year_parts({"by_year": by}, 2027)
    '（当年布局调整一次性 7,700.53 万元、达标路径一次性 0.00 万元、布局调整与达标路径经常性支出变化 -172.93 万元）'
    """
    by = doc.get("by_year") or {}
    if year not in by.get("years", []) or not has_lines(by):
        return ""
    j = by["years"].index(year)

    def total(*keys: str) -> float:
        return sum(_cents(line(by, k, j)) for k in keys) / 100
    return (f"（当年布局调整一次性 {total('layout_construction', 'layout_temporary'):,.2f} 万元、达标路径一次性 "
            f"{total('compliance_construction', 'compliance_other_once'):,.2f} 万元、布局调整与达标路径经常性支出变化 "
            f"{total('layout_yearly', 'compliance_yearly'):,.2f} 万元{_why(doc, total)}）")


def _why(doc: Mapping[str, Any], total) -> str:
    """Why a year is over when the 达标路径 counted the layout's construction ("" otherwise):
    the layout's construction alone, or the yearly changes, which (3) does not count."""
    if not doc.get("committed"):
        return ""
    if _cents(total("layout_construction", "layout_temporary")) > _cents(doc["budget"]):
        return "；布局调整当年的一次性投入单独已超出年度预算，达标路径该年未安排投入"
    return ("；达标路径只在扣除布局调整一次性投入后的余额内安排，超出部分来自布局调整与达标路径的经常性支出变化"
            "（年度预算约束只计达标路径目标学年的经常性支出）")
