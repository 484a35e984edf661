"""The words of a layout plan's 差异系数 over their limit, one function per fact, used by every
face that says them (表 1, 表 11, section 三, the 方案校验 note, the web headline).

The plan's rule for a CV (:mod:`~junheng.planning.layout_cv`): within the limit, or, when the
county is already over it in the plan year without the adjustment, no higher than then (within
:data:`~junheng.planning.layout_cv.WORSE_TOL`). A CV over its limit that keeps that rule is not
a breach of the plan (review rv16 1: 「否（本方案不满足）：…0.712 超过限值 0.50（2030 学年不调整布局时
0.737）」 for a plan that lowers the CV); nor does it pass the limit: the 达标路径 must bring it
down. Each item says which of the two it is.
"""

from __future__ import annotations

import math

from junheng.model.numbers import cv3
from junheng.planning.layout_cv import WORSE_TOL

STAGES = {"primary": "小学", "junior": "初中"}
#: the rule a CV already over its limit keeps, in the words the appendix states it (表 11 规则)
KEPT_RULE = "规则“已超限的不高于规划年不调整布局时”"


def kept(after: float, limit: float, before: float | None) -> bool:
    """Whether a CV over its ``limit`` after the plan keeps the rule: over already without the
    adjustment and no higher than then.

    >>> kept(0.712, 0.5, 0.737), kept(0.7374, 0.5, 0.737), kept(0.738, 0.5, 0.737)
    (True, True, False)
    >>> kept(0.52, 0.5, 0.48), kept(0.52, 0.5, None)
    (False, False)
    """
    return (before is not None and math.isfinite(before) and before > limit
            and after <= before + WORSE_TOL)


def item_words(stage: str, name: str, after: float, limit: float, before: float | None,
               year: int | None = None) -> str:
    """One CV over its limit after the plan, in words: kept the rule (already over, lowered or
    not raised: still short of the limit, the 达标路径 brings it down) or broke it.

    >>> item_words("primary", "生均体育运动场馆面积", 0.712, 0.5, 0.737, 2030)
    '小学生均体育运动场馆面积差异系数：2030 学年不调整布局时已超过限值 0.50（0.737），布局调整后降至 0.712，符合规则“已超限的不高于规划年不调整布局时”；仍超过限值，须由达标路径补足'
    >>> item_words("junior", "生均体育运动场馆面积", 0.7372, 0.45, 0.737, 2030).split("，")[1]
    '布局调整后为 0.737（升高不到 0.0005）'
    >>> item_words("junior", "生均图书册数", 0.52, 0.45, 0.40)
    '初中生均图书册数差异系数：布局调整后 0.520 超过限值 0.45（规划年不调整布局时 0.400），不符合规则'
    >>> item_words("junior", "生均图书册数", 0.62, 0.45, 0.55)
    '初中生均图书册数差异系数：布局调整后 0.620 超过限值 0.45（规划年不调整布局时 0.550），已超限又升高，不符合规则“已超限的不高于规划年不调整布局时”'
    """
    when = f"{year} 学年" if year else "规划年"
    head = f"{STAGES.get(stage, '')}{name}差异系数："
    if kept(after, limit, before):
        moved = (f"布局调整后降至 {cv3(after)}" if after < before - WORSE_TOL
                 else f"布局调整后为 {cv3(after)}（升高不到 {WORSE_TOL:g}）")
        return (f"{head}{when}不调整布局时已超过限值 {limit:.2f}（{cv3(before)}），{moved}，"
                f"符合{KEPT_RULE}；仍超过限值，须由达标路径补足")
    was = f"（{when}不调整布局时 {cv3(before)}）" if before is not None and math.isfinite(before) else ""
    worse = ("已超限又升高，不符合" + KEPT_RULE if before is not None and math.isfinite(before)
             and before > limit else "不符合规则")
    return f"{head}布局调整后 {cv3(after)} 超过限值 {limit:.2f}{was}，{worse}"


def named_over(cvs) -> list[tuple[str, str, float, float, float | None]]:
    """(stage, name, after, limit, before) of every CV of ``cvs`` (a
    :class:`~.layout_outcome.CvComparison`) over its limit after the plan."""
    from junheng.planning.layout_outcome import cv_name

    return [(stage, cv_name(key), after, limit, before) for stage, key, after, limit, before in cvs.over_limit()]


def plan_count(plan) -> str:
    """:func:`count_words` of a layout plan ('' when not evaluated or none over)."""
    cvs = plan.evaluation
    return count_words([o[2:] for o in cvs.over_limit()]) if cvs is not None else ""


def count_words(over: list[tuple[float, float, float | None]]) -> str:
    """How many CVs are over their limit after the plan, ``over`` = (after, limit, before)
    each, and whether the plan keeps the rule for them; '' when none.

    >>> count_words([(0.712, 0.5, 0.737), (0.693, 0.45, 0.783)])
    '差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须由达标路径补足）'
    >>> count_words([(0.712, 0.5, 0.737), (0.52, 0.45, 0.40)])
    '差异系数 2 项超过限值（其中 1 项本方案使其超限或变差，不符合规则；1 项不调整布局时已超限、本方案未使其变差）'
    >>> count_words([(0.52, 0.45, 0.40)]), count_words([])
    ('差异系数 1 项超过限值（本方案使其超限或变差，不符合规则）', '')
    """
    if not over:
        return ""
    good = sum(kept(*o) for o in over)
    bad = len(over) - good
    head = f"差异系数 {len(over)} 项超过限值"
    if not bad:
        return f"{head}（{'均' if good > 1 else ''}为不调整布局时已超限、本方案未使其变差，须由达标路径补足）"
    if not good:
        return f"{head}（本方案使其超限或变差，不符合规则）"
    return f"{head}（其中 {bad} 项本方案使其超限或变差，不符合规则；{good} 项不调整布局时已超限、本方案未使其变差）"


def verdict_words(over: list[tuple[str, str, float, float, float | None]], year: int | None) -> str:
    """是否满足差异系数上限: ``over`` = (stage, name, after, limit, before) of every CV over its
    limit after the plan. 否 only when the plan breaks the rule for one; when it keeps the rule
    for all, neither 是 nor 否 but both facts (review rv16 1).

    >>> verdict_words([], 2030)
    '是（本方案满足）'
    >>> verdict_words([("primary", "生均体育运动场馆面积", 0.712, 0.5, 0.737)], 2030).split("：")[0]
    '符合规则“已超限的不高于规划年不调整布局时”，仍未达到限值（须由达标路径补足）'
    >>> verdict_words([("junior", "生均图书册数", 0.52, 0.45, 0.40)], 2030).split("：")[0]
    '否（本方案不满足）'
    """
    if not over:
        return "是（本方案满足）"
    text = "；".join(item_words(s, n, a, lim, b, year) for s, n, a, lim, b in over)
    if all(kept(a, lim, b) for _, _, a, lim, b in over):
        return f"符合{KEPT_RULE}，仍未达到限值（须由达标路径补足）：{text}"
    return f"否（本方案不满足）：{text}"
