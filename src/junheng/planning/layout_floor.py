"""The 公用经费保底 once the county funds it in full (review rv10 finding 10).

The 整改措施 tells the county to fund every village school and 教学点 under the floor
(``funding_floor_pupils``, 100) in full from the first plan year (「需补足公用经费 126.98 万元 |
2027 学年」). Today's shortfall (``metrics["now"]["floor_unpaid_yuan"]``) is then a yearly
top-up the county pays, falling as the short schools close
(``metrics["now"]["floor_unpaid_by_school"]``): :func:`floor_topup_by_year`. On that lawful
baseline the plan saves the whole 保底 of the closed schools (the comparison table's
「公用经费保底」 row); on today's payments (the cash view) it saves that less what the closed
schools are short today, which is not spent now.
"""

from __future__ import annotations

from collections import defaultdict

from junheng.planning.layout_costs import closed_kinds, floor_unpaid_closed
from junheng.planning.layout_outcome import LayoutOutcome


def _close_year(plan: LayoutOutcome, phase: int | None) -> int:
    return int(plan.year or 0) + (phase or 1)


def floor_topup_by_year(plan: LayoutOutcome, years: list[int]) -> dict[int, float]:
    """Year -> the 公用经费 (元 a year) the county must add to fund the floor in full: today's
    shortfall less the whole shortfall of the schools closed by then
    (``floor_due_by_school``); {} when none is short or the plan has no data year.

    Hand-worked: 30 万 short today, of it P 10 万 (closes 2027) and Q 5 万 (closes 2028);
    30 − 10 = 20 万 in 2027, 20 − 5 = 15 万 from 2028:

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲", "close", phase=2),
    ...     PlannedSchool("Q", "乙", "close", phase=3)), {"now": {"floor_unpaid_yuan": 300_000.0,
    ...     "floor_due_by_school": {"P": 100_000.0, "Q": 50_000.0, "K": 150_000.0}}}, year=2025)
    >>> floor_topup_by_year(plan, [2027, 2028, 2029])
    {2027: 200000.0, 2028: 150000.0, 2029: 150000.0}
    """
    now = (plan.metrics or {}).get("now") or {}
    whole = float(now.get("floor_unpaid_yuan") or 0.0)
    if whole <= 0 or not plan.year:
        return {}
    # each closed school's whole shortfall (a plan stored before it: its 保底 part)
    short = now.get("floor_due_by_school") or now.get("floor_unpaid_by_school") or {}
    closing: dict[int, float] = defaultdict(float)
    for s in plan.schools:
        if s.action == "close" and short.get(s.school_id):
            closing[_close_year(plan, s.phase)] += float(short[s.school_id])
    return {year: max(whole - sum(v for y, v in closing.items() if y <= year), 0.0) for year in years}


def topup_words(plan: LayoutOutcome, years: list[int], shown=None) -> str:
    """The top-up year by year (``shown``: 元 as text, 万元 to 0.01 without it), a run of
    equal years said once: 「2027 学年 61.25 万元、
    2028 学年 32.66 万元、2029 学年起每年 10.56 万元」; '' without one.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲", "close", phase=2),),
    ...     {"now": {"floor_unpaid_yuan": 300_000.0, "floor_unpaid_by_school": {"P": 100_000.0}}}, year=2025)
    >>> topup_words(plan, [2027, 2028])
    '2027 学年起每年 20.00 万元'
    >>> from dataclasses import replace
    >>> topup_words(replace(plan, metrics={"now": {"floor_unpaid_yuan": 100_000.0,
    ...     "floor_due_by_school": {"P": 100_000.0}}}), [2026, 2027, 2028])
    '2026 学年 10.00 万元、2027 学年起为 0（其余少拨的学校均已撤并）'
    """
    by = floor_topup_by_year(plan, years)
    if not by:
        return ""
    shown = shown or (lambda yuan: f"{yuan / 10_000:,.2f} 万元")
    text = {y: shown(v) for y, v in by.items()}
    last = max(text)
    start = min(y for y in text if all(text[z] == text[last] for z in text if z >= y))
    said = [f"{y} 学年 {v}" for y, v in text.items() if y < start]
    end = f"{start} 学年起为 0（其余少拨的学校均已撤并）" if by[last] < 0.5 else f"{start} 学年起每年 {text[last]}"
    return "、".join([*said, end])


def floor_saving(plan: LayoutOutcome) -> float:
    """The 公用经费保底 the plan saves a year on the lawful baseline (元, before less after,
    as the comparison table shows it)."""
    from junheng.planning.layout_costs import shown_metrics

    shown = shown_metrics(plan.metrics)
    return max(float(shown.get("before", {}).get("funding_floor_yuan", 0.0))
               - float(shown.get("after", {}).get("funding_floor_yuan", 0.0)), 0.0)


def floor_basis(plan: LayoutOutcome) -> str:
    """The 公用经费保底 part's basis: the cash view (what of it the closed schools are not
    paid today, :func:`~.layout_costs.floor_unpaid_closed`, review 2026-12-05 finding 4) and
    the saving on the lawful baseline (review rv10 10); '' when none is short or for a plan
    stored before the figure.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙", "close"), PlannedSchool("D", "丁", "close")),
    ...     {"now": {"floor_unpaid_by_school": {"B": 14_400.0, "D": 22_000.0}},
    ...      "before": {"funding_floor_yuan": 100_000.0}, "after": {"funding_floor_yuan": 0.0}},
    ...     weights={"funding_floor_pupils": 100})
    >>> floor_basis(plan)  # 14,400 + 22,000 = 36,400 元; 10.00 万 on the lawful baseline
    '撤并的村小学和教学点中 2 所学校目前未按 100 人拨付的保底 3.64 万元不是现在支出的钱，不计为节省；按足额拨付保底计（整改措施要求足额拨付），每年减少 10.00 万元'
    """
    closed = floor_unpaid_closed(plan)
    if not closed or not closed[0]:
        return ""
    floor = int((plan.weights or {}).get("funding_floor_pupils") or 100)
    return (f"撤并的村小学和教学点中 {closed_kinds(plan)}目前未按 {floor} 人拨付的保底 "
            f"{closed[1] / 10_000:,.2f} 万元不是现在支出的钱，不计为节省；按足额拨付保底计（整改措施要求足额拨付），"
            f"每年减少 {floor_saving(plan) / 10_000:,.2f} 万元")
