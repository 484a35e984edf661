"""The 最优性差距 as the 布局调整方案's 附录 prints it: in the words of every status and with its
division in 元, so a reader recomputes the figure said (review rv21: the 万元 rows above it gave
0.0067 % beside the 0.0066 % said)."""

from __future__ import annotations

import math

from junheng.model import numbers


def gap_said(gap: float | None) -> str:
    """The gap as the 求解状态 row and every status say it
    (:func:`~junheng.optimize.status_words.gap_percent`: 「0.005%」, not 「0.0050%」 beside
    「与下界差 0.005%」); "—" when not proven."""
    from junheng.optimize.status_words import gap_percent

    return gap_percent(gap) if gap is not None and math.isfinite(gap) and 0 <= gap < 1 else numbers.DASH


def gap_worked(objective: float | None, bound: float | None) -> str:
    """The gap's division in 元, so a reader recomputes the gap said (rv21: the rows above in
    万元, 4,469.69 − 4,469.39 = 0.30 over 4,469.69 = 0.0067 %, beside 0.0066 % of the unrounded
    2,933.96 元 over 44,696,855.89 元); "" without both figures.

    >>> gap_worked(44_696_855.89, 44_693_921.93)
    '，即 2,933.96 元 ÷ 44,696,855.89 元'
    >>> gap_worked(None, 1.0)
    ''
    """
    if objective is None or bound is None or not math.isfinite(bound) or not objective > 0:
        return ""
    return f"，即 {numbers.number(objective - bound, 2)} 元 ÷ {numbers.number(objective, 2)} 元"


def gap_row(plan, what: str) -> list[str]:
    """The 附录's 最优性差距 row of ``plan`` (a LayoutOutcome) whose objective is ``what``
    (求解器目标值 or 综合评价值): 项目, 值, 说明."""
    return ["与可能的最低值的差距（最优性差距）", gap_said(plan.gap),
            f"（{what} − 下界）÷ {what}{gap_worked(plan.objective, plan.bound)}；"
            "不超过 0.01%（万分之一）即为在所设单价和权重下已是最低"]
