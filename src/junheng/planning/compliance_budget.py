"""The compliance path's default yearly budget, from the county's own spending (issue 16).

Without a budget the solver put 20,328 万元 of the demo county's plan in one year, 28 % of its
whole 一般公共预算教育支出. When the user gives no budget, the default is a share
(``budget.share`` in costs.yaml, a 假设值 the county overrides) of the latest
一般公共预算教育支出 in the workbook's 县级年度数据; without that figure there is no limit,
and the plan says so.

Examples
--------
>>> import pandas as pd
>>> figures = pd.DataFrame({"figure": ["public_education_spending"] * 2,
...                         "year": [2023, 2024], "value": [41_250.0, 43_880.0]})
>>> default_budget(figures, 0.1)[0]
4388.0
>>> default_budget(pd.DataFrame(), 0.1)
(None, '年度预算：工作簿的县级年度数据没有一般公共预算教育支出，本方案不限年度预算，分年度投资仅供参考。')
"""

from __future__ import annotations

import math

import pandas as pd

from junheng.model.numbers import trimmed

FIGURE = "public_education_spending"


#: the largest yearly budget (万元) a form or option accepts: 100 亿元, beyond any county's
MAX_BUDGET = 1_000_000.0


def budget_problem(budget: float | None, typed: str | None = None) -> str | None:
    """Why a yearly budget (万元) the user gave is refused, or None when it is usable (blank:
    the default share). ``typed``: the text as the user entered it, shown in the message.

    >>> budget_problem(-5)
    '年度预算 -5 万元无效：应为大于 0、不超过 1,000,000 万元的数（金额以万元计），或留空按一般公共预算教育支出的 10% 计。'
    >>> budget_problem(2e6)[:19]
    '年度预算 2,000,000 万元无效'
    >>> budget_problem(3_000) is None
    True
    """
    if budget is None or (budget == budget and 0 < budget <= MAX_BUDGET):
        return None
    shown = typed.strip() if typed is not None else trimmed(budget)
    return (f"年度预算 {shown} 万元无效：应为大于 0、不超过 {MAX_BUDGET:,.0f} 万元的数（金额以万元计），"
            "或留空按一般公共预算教育支出的 10% 计。")


def default_budget(figures: pd.DataFrame | None, share: float,
                   within: str = "建设和新增人员经费都在此额度内分年度安排") -> tuple[float | None, str]:
    """万元 a year (None: no figure, no limit) and the sentence that states the rule
    (``within``: what the plan phases within it)."""
    rows = pd.DataFrame() if figures is None else figures
    if not rows.empty and {"figure", "year", "value"} <= set(rows.columns):
        rows = rows[(rows["figure"] == FIGURE) & rows["value"].notna()]
    else:
        rows = pd.DataFrame()
    if rows.empty:
        return None, (
            "年度预算：工作簿的县级年度数据没有一般公共预算教育支出，本方案不限年度预算，"
            "分年度投资仅供参考。"
        )
    latest = rows.sort_values("year").iloc[-1]
    spending = float(latest["value"])
    budget = math.floor(spending * share * 100 + 1e-6) / 100
    return budget, (
        f"年度预算：按 {int(latest['year'])} 年一般公共预算教育支出 {spending:,.0f} 万元（含高中等各学段，"
        f"工作簿未分学段）的 {share:.0%} 计，每年 {budget:,.2f} 万元（假设值，可在计算时指定年度预算，"
        f"或在县区单价文件中修改预算占比）；{within}。"
    )


__all__ = ["default_budget"]
