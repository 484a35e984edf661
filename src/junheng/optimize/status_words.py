"""A plan's solve status in the words every face shows, for every plan (layout, zones,
达标路径): 最优 only at a proven gap within the project's tolerance of 0.01 %, and always with
the gap it was proven at (review 2026-12-04 finding 11: "最优" stood beside a 0.0066 % gap
that the reader had to find in another table).

>>> status_words(True, 0.00006618)
'最优（与下界差 0.0066%，在容差 0.01% 内）'
>>> status_words(True, 0.0), status_words(False, 0.0096), status_words(False, None)
('最优（与下界差 0%，在容差 0.01% 内）', '可行方案，与最优的差距不超过 0.96%', '可行方案，尚未证明与下界的差距')
"""

from __future__ import annotations

import math

#: the proven relative gap (objective − bound) / objective at which a plan is called 最优
PLAN_TOLERANCE = 1e-4


def gap_percent(gap: float) -> str:
    """A relative gap as a percentage: 4 decimals under 0.1 % (so 0.0066 % is not 0.01 %), else 2,
    trailing zeros dropped.

    >>> gap_percent(0.00006618), gap_percent(0.0000894), gap_percent(0.00951), gap_percent(0.0)
    ('0.0066%', '0.0089%', '0.95%', '0%')
    """
    pct = gap * 100
    text = f"{pct:.4f}" if pct < 0.1 else f"{pct:.2f}"
    return text.rstrip("0").rstrip(".") + "%"


def status_words(solved: bool, gap: float | None, tolerance: float = PLAN_TOLERANCE) -> str:
    """``solved``: the solver stopped with a plan it calls optimal at its gap setting (with
    a gap of None there the plan is within the tolerance, its gap not known: none is made
    up); ``gap``: the proven relative gap (None, infinite or not in [0, 1): not proven).

    >>> status_words(False, 0.00005)  # a time limit reached after the gap was proven
    '最优（与下界差 0.005%，在容差 0.01% 内）'
    >>> status_words(True, None)
    '最优（在容差 0.01% 内）'
    """
    tol = gap_percent(tolerance)
    if solved and gap is None:
        return f"最优（在容差 {tol} 内）"
    if gap is None or not math.isfinite(gap) or not 0 <= gap < 1:
        return "可行方案，尚未证明与下界的差距"
    if gap <= tolerance + 1e-12:  # proven within the tolerance, whatever stopped the solve
        return f"最优（与下界差 {gap_percent(gap)}，在容差 {tol} 内）"
    # issue 16 item 5: the optimum lies between the bound and the plan, so the plan is
    # at most the proven gap from it
    return f"可行方案，与最优的差距不超过 {gap_percent(gap)}"


#: a tolerance as a reader says it (0.01 % is 万分之一)
TOLERANCE_WORDS = {1e-4: "万分之一", 1e-3: "千分之一", 1e-2: "百分之一"}


def tolerance_words(tolerance: float) -> str:
    """A tolerance in words, a percentage where it has no common name.

    >>> tolerance_words(1e-4), tolerance_words(0.005)
    ('万分之一', ' 0.5% ')
    """
    return TOLERANCE_WORDS.get(tolerance) or f" {gap_percent(tolerance)} "


def measured_words(solved: bool, gap: float | None, tolerance: float = PLAN_TOLERANCE,
                   what: str = "综合评价值") -> str:
    """:func:`status_words` as a document's running text says it, in a bureau's words (review
    rv3 7: 「最优」 reads as "the best plan", here the least of assumed prices and weights;
    rv5 13: 「与求解下界相差 0%（在容差 0.01% 内）」 is solver talk): what the figure rests on,
    whether it is proven the least reachable and how near; never 最优, 下界 or 容差. The 求解状态
    rows of the workbook and the 附录 keep :func:`status_words`.

    The body says what was computed, not that it is proven (review rv13 14: 「已是可达到的最低值
    （经计算证明…）」 in 方案 三 and 表 9 for a model solved with every closure on time); the proof,
    its gap and tolerance stay in the technical appendix (:func:`status_words`):

    >>> measured_words(True, 0.0)
    '按所设单价和权重测算，综合评价值最低（测算模型按表列建设和撤并如期实施计算）'
    >>> measured_words(False, 0.0096)
    '按所设单价和权重测算，综合评价值与最低值相差不超过 0.96%（测算模型按表列建设和撤并如期实施计算）'
    >>> measured_words(True, None) == measured_words(True, 0.0), measured_words(False, None)
    (True, '按所设单价和权重测算，综合评价值是否最低，尚未能确定')
    """
    lead, when = f"按所设单价和权重测算，{what}", "（测算模型按表列建设和撤并如期实施计算）"
    if solved and gap is None:
        return f"{lead}最低{when}"
    if gap is None or not math.isfinite(gap) or not 0 <= gap < 1:
        return f"{lead}是否最低，尚未能确定"
    if gap <= tolerance + 1e-12:
        return f"{lead}最低{when}"
    return f"{lead}与最低值相差不超过 {gap_percent(gap)}{when}"


def signed_words(gap: float | None, solved: bool = False, what: str = "总投资", least: str = "") -> str:
    """The solve's outcome as an official writes it in a signed document, without solver
    words (planner review finding 5: 「模型求解状态：最优（与下界差 0.0088%，在容差 0.01% 内）」):
    最优方案 only at a proven gap of 0, else how far from the least ``what`` (``least``: how the
    least is named, ``what`` by default) it can be at most.

    >>> signed_words(0.0)
    '经测算，本方案为最优方案'
    >>> signed_words(0.000088), signed_words(0.0139)
    ('经测算，本方案的总投资与最少可能的总投资相差不超过 0.0088%', '经测算，本方案的总投资与最少可能的总投资相差不超过 1.39%')
    >>> signed_words(None, solved=True), signed_words(None)
    ('经测算，本方案的总投资与最少可能的总投资相差不超过 0.01%', '经测算，本方案可以实施，与最少可能的总投资的差距未能确定')
    """
    if gap is None and solved:
        gap = PLAN_TOLERANCE
    if gap is None or not math.isfinite(gap) or not 0 <= gap < 1:
        return f"经测算，本方案可以实施，与最少可能的{what}的差距未能确定"
    if gap <= 1e-12:
        return "经测算，本方案为最优方案"
    return f"经测算，本方案的{what}与最少可能的{least or what}相差不超过 {gap_percent(gap)}"
