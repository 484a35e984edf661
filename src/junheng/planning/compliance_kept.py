"""What the layout plan says of the small schools the 达标路径 lists (review rv14 N10: 整改 called
红林镇袁桥村小学 「撤并候选」 while the 方案 keeps it for a 2030 复核): after a layout plan every
school the 达标路径 plans for is one the layout keeps, and its status is the layout's
(``kept_reasons``), one status in both documents."""

from __future__ import annotations

import re

import pandas as pd

from junheng.planning.layout_outcome import LayoutOutcome

#: a layout reason of a school kept for 目标学年复核 (layout_small.review_reason)
REVIEW = re.compile(r"^保留，(\d{4}) 学年复核")


def kept_status(layout: LayoutOutcome, school_id: str, line: int = 100) -> str:
    """The layout plan's word on a school it keeps: kept for the target year's 复核, or kept.

    >>> plan = LayoutOutcome("optimal", (), {}, kept_reasons={
    ...     "Y": "保留，2030 学年复核：现有在校生 159 人，不是小规模学校；…"})
    >>> kept_status(plan, "Y"), kept_status(plan, "Z")
    ('布局调整方案保留，2030 学年按实际在校生复核，少于 100 人的再论证撤并', '布局调整方案保留')
    """
    found = REVIEW.match(str((layout.kept_reasons or {}).get(school_id, "")))
    if found:
        return f"布局调整方案保留，{found.group(1)} 学年按实际在校生复核，少于 {line} 人的再论证撤并"
    return "布局调整方案保留"


def with_layout_status(left_out: pd.DataFrame, layout: LayoutOutcome) -> pd.DataFrame:
    """``left_out`` (:func:`~.compliance.left_out`) with the layout's status of each small
    school (``layout_status``; "" for a teaching point)."""
    status = [kept_status(layout, str(r.school_id)) if r.kind == "small_school" else ""
              for r in left_out.itertuples()]
    return left_out.assign(layout_status=status)


def small_schools_text(small: list[dict]) -> str:
    """The 整改's sentence on the small schools (``left_out`` rows of kind small_school, as
    plan.json has them): what this plan spends there (:func:`_spent`; rv20 10: 「85 人，1.50
    万元」 said of what), the layout plan's status where the plan follows one, else the closure
    candidates they are without a layout plan.

    >>> x = {"name": "红林镇袁桥村小学", "students": 85, "cost": 1.5}
    >>> print(small_schools_text([{**x, "layout_status": "布局调整方案保留，2030 学年按实际在校生复核"}]))
    目标学年不足 100 人的小规模学校 1 所：红林镇袁桥村小学（85 人，本方案在该校投资 1.50 万元；布局调整方案保留，2030 学年按实际在校生复核）。其去留以布局调整方案为准，本方案按保留安排投资。
    >>> print(small_schools_text([x]))
    目标学年不足 100 人的小规模学校 1 所：红林镇袁桥村小学（85 人，本方案在该校投资 1.50 万元）。这些学校是布局调整的撤并候选，如布局调整方案将其撤并，相应投资可以不再安排。
    """
    names = "、".join(f"{x['name']}（{x['students']} 人，{_spent(x['cost'])}"
                     + (f"；{x['layout_status']}" if x.get("layout_status") else "") + "）" for x in small)
    head = f"目标学年不足 100 人的小规模学校 {len(small)} 所：{names}。"
    if all(x.get("layout_status") for x in small):
        return head + "其去留以布局调整方案为准，本方案按保留安排投资。"
    return head + "这些学校是布局调整的撤并候选，如布局调整方案将其撤并，相应投资可以不再安排。"


def _spent(cost: float) -> str:
    """What the 达标路径 spends at a school (``left_out``'s ``cost``: its actions there), in words.

    >>> _spent(1.5), _spent(0.0)
    ('本方案在该校投资 1.50 万元', '本方案在该校无投资')
    """
    return f"本方案在该校投资 {cost:,.2f} 万元" if round(cost, 2) else "本方案在该校无投资"
