"""The layout plan's sentence on its yearly budget (:func:`budget_text`): the years whose one-off
spending is over it, by how much, and what pays each overrun, worked out year by year from the
plan's figures (hfix8 1: the first year over was said to be paid 「由此前学年未用完的额度」 with no
earlier year to leave any)."""

from __future__ import annotations

from junheng.model.numbers import wan as _wan
from junheng.model.numbers import year_range
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_spending import budget_cover, once_by_year, plan_budget
from junheng.planning.layout_waiting import first_paid_year

#: what a default yearly budget is (review rv10 9), said in the sentence that checks against it
ASSUMED_BUDGET = "测算取值，不是已批复预算"


def budget_text(plan: LayoutOutcome) -> str:
    """The sentence on the yearly budget: the years whose one-off construction is still over
    it, by how much and what pays the overrun (:func:`over_words`), or that none is; "" without
    a budget.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲小学", "expand", phase=2, capital_yuan=1_000_000.0),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=3_000_000.0)),
    ...     {}, year=2025, rules={"default_budget_yuan": 2_000_000.0})
    >>> print(budget_text(plan))
    县未给年度预算，本方案按每年 200.00 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度）：2029 学年一次性投入 300.00 万元，超出当年额度 100.00 万元，由此前学年未用完的额度承担（2026—2028 学年累计未用 500.00 万元）。
    >>> from dataclasses import replace
    >>> print(budget_text(replace(plan, rules={"annual_budget_yuan": 4_000_000.0})))
    年度预算每年 400.00 万元（建设按累计额度分年度安排）：各学年的一次性投入均未超出。

    Under the tool's own 测算取值 no year over claims nothing (review rv17 10: 「均未超出」 a
    share of all education spending, mostly salaries, proves nothing):

    >>> print(budget_text(replace(plan, rules={"default_budget_yuan": 4_000_000.0})))
    县未给年度预算，本方案按每年 400.00 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度），不据此判断能否负担；各学年的一次性投入须列入县财政年度预算。
    """
    budget = plan_budget(plan)
    if budget is None or budget <= 0:
        return ""
    # review rv10 9, rv17 10: the default budget is a share of all education spending, not a
    # budget the county approved; 「均未超出」 beside it read as a funding check
    if plan.rules.get("annual_budget_yuan") is None:
        head = f"县未给年度预算，本方案按每年 {_wan(budget):,.2f} 万元（{ASSUMED_BUDGET}）分年度安排建设（按累计额度）"
        if not (over := over_words(plan, "额度")):
            return head + "，不据此判断能否负担；各学年的一次性投入须列入县财政年度预算。"
        return head + "：" + "；".join(over) + "。"
    head = f"年度预算每年 {_wan(budget):,.2f} 万元（建设按累计额度分年度安排）："
    return head + ("；".join(over) + "。" if (over := over_words(plan, "预算")) else "各学年的一次性投入均未超出。")


#: what a year's overrun that the earlier years' unused budget does not cover needs (hfix8 1)
UNCOVERED = "须提前安排资金、分年度调整建设或另行申请"


def over_words(plan: LayoutOutcome, word: str) -> list[str]:
    """Each year over the yearly budget (``word``: 额度 for the tool's 测算取值, 预算 for the
    county's) in words, with what pays the overrun, year by year from the plan's figures
    (:func:`~.layout_spending.budget_cover`, hfix8 1): the earlier years' unused budget where it
    covers it, else the part it covers and the rest :data:`UNCOVERED`; the first year paid for
    has nothing before it.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("B", "乙小学", "expand", phase=2, capital_yuan=3_000_000.0),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=4_500_000.0)),
    ...     {}, year=2025, rules={"default_budget_yuan": 2_000_000.0, "plan_date": "2026-12-05"})
    >>> for line in over_words(plan, "额度"): print(line)
    2027 学年一次性投入 300.00 万元，超出当年额度 100.00 万元，此前没有可用的额度（2027 学年是额度起算的首个学年），须提前安排资金、分年度调整建设或另行申请
    2029 学年一次性投入 450.00 万元，超出当年额度 250.00 万元，其中 200.00 万元由此前学年未用完的额度承担（2027—2028 学年累计未用），其余 50.00 万元须提前安排资金、分年度调整建设或另行申请

    (From 2027 (the plan's date 2026-12-05): 2027 pays 300 of 200, nothing before it; 2028 leaves
    200 unused, 2029 pays 450: 250 over, 200 covered, 50 not.)
    """
    once, first, out = once_by_year(plan), first_paid_year(plan), []
    for year, (over, left) in budget_cover(plan).items():
        text = f"{year} 学年一次性投入 {_wan(once[year]):,.2f} 万元，超出当年{word} {_wan(over):,.2f} 万元"
        start = min(first, *once)
        since = f"{year_range(start, year - 1)} 学年{'累计' if year - 1 > start else ''}未用"
        if left >= over - 0.5:
            out.append(f"{text}，由此前学年未用完的{word}承担（{since} {_wan(left):,.2f} 万元）")
        elif left < 0.5:
            why = f"{year} 学年是{word}起算的首个学年" if year <= first else f"此前各学年的{word}已用完"
            out.append(f"{text}，此前没有可用的{word}（{why}），{UNCOVERED}")
        else:
            out.append(f"{text}，其中 {_wan(left):,.2f} 万元由此前学年未用完的{word}承担（{since}），"
                       f"其余 {_wan(over - left):,.2f} 万元{UNCOVERED}")
    return out
