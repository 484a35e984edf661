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


def lasting_words(actions: list[dict], years: int) -> str:
    """The hires' pay as what it is (review rv15 13: 「投资（每年支出按 5 年计） 450.00 万元」 read as
    teachers unpaid from year six): a yearly cost lasting from the year every hire is paid, never
    投资; the ``years`` years are only how the solve compares plans. "" without such hires.
    Hand-worked: 30 + 60 = 90 a year, in full from 2030; 150 + 300 = 450 over 5 years.

    >>> hire = {"project": "teachers", "item": "hire_pe_art", "annual_cost": 30.0, "cost": 150.0, "funding": {"2029": 30.0, "2030": 30.0}}
    >>> lasting_words([hire, {**hire, "annual_cost": 60.0, "cost": 300.0, "funding": {"2030": 60.0}}], 5)
    '为每年经常性支出（自 2030 学年起每年 90.00 万元，持续支出，不是一次性投资；比较方案时按 5 年计 450.00 万元）'
    """
    from junheng.planning.compliance_json import lasting_from

    own = [a for a in actions if a["item"] != COVER_ITEM and a["annual_cost"] and a["funding"]]
    if (start := lasting_from(own)) is None:
        return ""
    yearly, measured = sum(a["annual_cost"] for a in own), sum(a["cost"] for a in own)
    return (f"为每年经常性支出（自 {start} 学年起每年 {yearly:,.2f} 万元，持续支出，不是一次性投资；"
            f"比较方案时按 {years} 年计 {measured:,.2f} 万元）")
