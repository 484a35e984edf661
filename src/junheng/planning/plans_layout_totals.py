"""The 总投资 table of a layout plan written before any 达标路径 (hfix8 4: the web job's 布局调整方案
had none while the demo's, written after the 达标路径, had one): the rows that exist at that
point, each the value the joint table (:func:`~.plans_totals.totals_rows`) gives the same row once
a 达标路径 follows, worked out by the same functions of :mod:`~.plans_combined` with no 达标路径
action, and a line naming the 达标路径 rows not yet computed.

The demo's shape, hand-worked: 5,156.52 + 182.00 = 5,338.52; 5,338.52 − 378.60 = 4,959.92:

>>> c = {"layout_construction": 5156.52, "layout_temporary": 182.0, "layout_review": 663.81,
...      "layout_land": {"wan": 378.6}, "layout_yearly": -242.67, "recurring": -1610.11,
...      "years": [2028, 2034]}
>>> for row in layout_totals_rows(c): print(row)
['1', '布局调整：建设投资', '5,156.52', '一次性', '计入 3']
['2', '布局调整：过渡期临时周转', '182.00', '一次性', '计入 3']
['3', '布局调整：一次性投入合计', '5,338.52', '一次性', '1＋2']
['4', '需论证：布局调整接收学校补足的面积', '663.81', '一次性', '在 1 内']
['5', '其中待决策的相邻用地', '378.60', '一次性', '在 4 内']
['6', '一次性投入（不计 5）', '4,959.92', '一次性', '3－5']
['7', '布局调整：经常性支出变化', '-242.67', '每年', '不与一次性相加']
['8', '经常性支出变化累计（2028—2034 学年）', '-1,610.11', '各学年之和', '不与一次性相加']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.model.numbers import year_range
from junheng.planning.plans_totals import (
    LAYOUT_BUILD,
    LAYOUT_LAND,
    LAYOUT_REVIEW,
    LAYOUT_TEMPORARY,
    numbered,
    recurring_span,
)

#: the table's title
TITLE = "布局调整总投资（万元）"
#: the 布局调整方案's one-off total row (:func:`layout_totals_rows`)
LAYOUT_ONCE = "布局调整：一次性投入合计"
#: what the table leaves for the 达标路径 (the joint table's other rows, hfix8 4)
NOT_YET = ("达标路径尚未测算，下表只有本方案的各行：在本方案基础上编制达标路径后，《整改措施》的“布局调整与达标路径总投资”表"
           "另列达标路径的建设投资，设备、培训、租赁校舍等一次性投入，两个方案的一次性财政支出合计和另需高中经费")


def _cents(value: Any) -> int:
    return round(float(value or 0.0) * 100)


def layout_alone(plan) -> dict[str, Any]:
    """The layout plan's own figures of the joint summary (万元, :func:`~.plans_combined.combined_summary`'s
    keys of the same name) with no 达标路径 action: its construction, 临时周转, receivers' area
    and land, yearly change and that change over ``years`` (the first and last school year of its
    year table, :func:`~.plans_combined.combined_years` to :func:`~.layout_later.money_end`)."""
    import pandas as pd

    from junheng.planning.compliance_costs import load_costs
    from junheng.planning.layout_outcome import shown_yuan
    from junheng.planning.plans_combined import _layout_change, combined_years
    from junheng.planning.plans_together import land_pending

    recurring = (plan.costs or {}).get("recurring_years") or load_costs().recurring_years
    by = combined_years(plan, pd.DataFrame(), int(plan.target_year or plan.year), int(recurring))
    return {"layout_construction": sum(_cents(v) for v in by["layout_construction"]) / 100,
            "layout_temporary": sum(_cents(v) for v in by["layout_temporary"]) / 100,
            "layout_review": round(shown_yuan([s.area_yuan for s in plan.schools]) / 10_000, 2),
            "layout_land": land_pending(plan), "layout_yearly": _layout_change(plan) / 100,
            "recurring": sum(_cents(v) for v in by["layout_yearly"]) / 100,
            "years": [(ys := recurring_span(by, layout_only=True))[0], ys[-1]] if by["years"] else []}


def layout_totals_rows(c: Mapping[str, Any]) -> list[list[str]]:
    """The table's rows (module docstring; ``c``: :func:`layout_alone`), as the joint table's
    (:data:`~.plans_totals.HEADS`); [] for a plan that spends nothing."""
    once = (_cents(c["layout_construction"]) + _cents(c["layout_temporary"])) / 100
    if not once and not c["layout_yearly"]:
        return []
    rows: list[tuple[str, str, float, str, str]] = [
        ("lc", LAYOUT_BUILD, c["layout_construction"], "一次性", "计入 {o}"),
        ("lt", LAYOUT_TEMPORARY, c["layout_temporary"], "一次性", "计入 {o}"),
        ("o", LAYOUT_ONCE, once, "一次性", "{lc}＋{lt}")]
    if review := c.get("layout_review"):
        rows.append(("lr", LAYOUT_REVIEW, review, "一次性", "在 {lc} 内"))
        if land := (c.get("layout_land") or {}).get("wan"):
            rows += [("ll", LAYOUT_LAND, land, "一次性", "在 {lr} 内"),
                     ("ol", "一次性投入（不计 {ll}）", (_cents(once) - _cents(land)) / 100, "一次性", "{o}－{ll}")]
    rows.append(("y", "布局调整：经常性支出变化", c["layout_yearly"], "每年", "不与一次性相加"))
    if years := c.get("years"):
        rows.append(("r", f"经常性支出变化累计（{year_range(years[0], years[-1])} 学年）", c["recurring"],
                     "各学年之和", "不与一次性相加"))
    return numbered(rows)
