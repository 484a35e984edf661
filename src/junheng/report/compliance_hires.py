"""The 整改措施's 教师招聘 sentence: the plan's hires and, apart, the teachers hired in place of
those the 交流轮岗 sends (:mod:`junheng.planning.rotation_cover`)."""

from __future__ import annotations

from junheng.planning.plans_apart import HIRE_ITEMS, LAYOUT_PAID_TEXT
from junheng.planning.rotation_cover import COVER_ITEM


def _sum(actions: list[dict], item: str, key: str = "quantity") -> float:
    return sum(a[key] for a in actions if a["item"] == item)


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _schools(actions: list[dict]) -> int:
    return len({a["school_id"] for a in actions})


def teachers_words(actions: list[dict]) -> str:
    """The 教师招聘 measure: the plan's hires, then the teachers hired in place of those the
    交流轮岗 sends (brief hrot5: their pay is the plan's, said apart from the hires its layout pays).

    >>> cover = {"school_id": "S", "item": "rotation_cover", "quantity": 2.0, "annual_cost": 20.0}
    >>> teachers_words([cover, {**cover, "school_id": "T", "quantity": 1.0, "annual_cost": 10.0}])
    '为交流轮岗调出教师的 2 所学校招聘专任教师 3 名，交流期间顶岗，每年人员经费 30.00 万元（逐校见“教师交流轮岗”）'
    """
    cover = [x for x in actions if x["item"] == COVER_ITEM]
    a = [x for x in actions if x["item"] != COVER_ITEM]
    said = [_hires(a)] if a else []
    if cover:
        said.append(f"为交流轮岗调出教师的 {_schools(cover)} 所学校招聘专任教师 {_n(_sum(cover, COVER_ITEM))} "
                    f"名，交流期间顶岗，每年人员经费 {_sum(cover, COVER_ITEM, 'annual_cost'):,.2f} 万元"
                    "（逐校见“教师交流轮岗”）")
    return "；".join(said)


def _hires(a: list[dict]) -> str:
    parts = [f"体育、音乐、美术专任教师 {_n(_sum(a, 'hire_pe_art'))} 名"
             if _sum(a, "hire_pe_art") else "",
             f"其他学科高于规定学历的专任教师 {_n(_sum(a, 'hire_teacher'))} 名"
             if _sum(a, "hire_teacher") else "",
             f"县级以上骨干教师 {_n(_sum(a, 'hire_backbone'))} 名" if _sum(a, "hire_backbone")
             else ""]
    yearly = sum(_sum(a, item, "annual_cost") for item in HIRE_ITEMS)
    layout = sum(int(x.get("layout_paid") or 0) for x in a)
    money = [f"每年新增人员经费 {yearly:,.2f} 万元" if yearly or not layout else "",
             (LAYOUT_PAID_TEXT if layout == sum(_sum(a, i) for i in HIRE_ITEMS)
              else f"其中 {layout:,} 名{LAYOUT_PAID_TEXT}") if layout else ""]
    return (f"为 {_schools(a)} 所学校招聘或引进{'、'.join(p for p in parts if p)}，"
            + "，".join(p for p in money if p))
