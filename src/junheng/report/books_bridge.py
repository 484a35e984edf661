"""From the books the 自评报告's 基本均衡 re-check finds short to those the 整改 buys (review rv6
N11: 自评 said 14,773 册, the 整改 bought 16,380 with nothing between them in the 自评).

The re-check counts the data year's pupils; the 整改 counts its target year's, after the
layout plan moved pupils, so a school met today may be short then. The note under the 自评's
table names each school whose 整改 purchase differs from its data-year shortfall.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd


def books_bridge(today: pd.Series, actions: list[Mapping[str, Any]], data_year: int,
                 target_year: int, layout: bool = True) -> str:
    """The note ("" when the 整改 buys what the re-check found short, or buys no books);
    ``today``: the data year's shortfall per school id (books), ``actions``: the 整改's
    actions (:func:`~junheng.planning.compliance_json.compliance_dict`); ``layout``: the 整改
    is for the county after a layout plan.

    Hand-worked (the demo): today 53 + 4,265 + 10,455 = 14,773; the 整改 buys those and 1,607
    at 第三初级中学, 14,773 + 1,607 = 16,380:

    >>> today = pd.Series({"W": 53.0, "Z": 4265.0, "T": 10455.0})
    >>> acts = [{"item": "books", "school_id": s, "name": n, "quantity": q} for s, n, q in
    ...         [("S", "第三初级中学", 1607.0), ("Z", "竹关镇九年制学校", 4265.0),
    ...          ("W", "魏西坪村小学", 53.0), ("T", "桃桥镇九年制学校", 10455.0)]]
    >>> books_bridge(today, acts, 2025, 2030)
    '注：整改措施购置图书 16,380 册，上表按 2025 学年在校生复核缺 14,773 册；按 2030 学年在校生（含布局调整分流），第三初级中学另需 1,607 册，合计 16,380 册（14,773 + 1,607 = 16,380，见整改措施“图书配备”）。'
    >>> books_bridge(today, acts[1:], 2025, 2030)
    ''
    """
    books = [a for a in actions if a.get("item") == "books"]
    if not books:
        return ""
    frame = pd.DataFrame(books)
    bought = frame.groupby("school_id", sort=False)["quantity"].sum()
    names = frame.drop_duplicates("school_id").set_index("school_id")["name"]
    ids = bought.index.union(today.index, sort=False)
    change = bought.reindex(ids, fill_value=0.0) - today.reindex(ids, fill_value=0.0)
    change = change[change.round() != 0]
    if change.empty:
        return ""
    now, total = float(today.sum()), float(bought.sum())
    parts = "、".join(f"{names.get(s, s)}{'另需' if v > 0 else '少需'} {abs(v):,.0f} 册" for s, v in change.items())
    sums = " ".join(f"{'+' if v > 0 else '−'} {abs(v):,.0f}" for v in change)
    return (f"注：整改措施购置图书 {total:,.0f} 册，上表按 {data_year} 学年在校生复核缺 {now:,.0f} 册；"
            f"按 {target_year} 学年在校生{'（含布局调整分流）' if layout else ''}，{parts}，合计 {total:,.0f} 册"
            f"（{now:,.0f} {sums} = {total:,.0f}，见整改措施“图书配备”）。")


def books_note(compliance: Mapping[str, Any] | None, data) -> str:
    """:func:`books_bridge` of a 自评报告's compliance plan and data ("" without a plan)."""
    if not compliance or not compliance.get("actions") or data is None:
        return ""
    from junheng.planning.compliance_books import book_shortfalls

    short = book_shortfalls(data)
    today = short.groupby("school_id")["quantity"].sum() if not short.empty else pd.Series(dtype=float)
    return books_bridge(today, compliance["actions"], data.school_year, compliance["target_year"],
                        compliance.get("layout_year") is not None)
