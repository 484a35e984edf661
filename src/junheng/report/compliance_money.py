"""The 达标路径's money as its opening sentence says it (整改措施 and the 自评报告's 八, the web
page): the one-off money with its years and, beside it, each yearly cost by its name and its
years, never added into one figure; then how near the least possible the plan is.

Review rv 7: 「另每年经常性支出 4.20 万元（…不与一次性投入相加）。经测算，本方案的总投资 2,447.73
万元 […] 之和（2,497.73 万元）与最少可能的这一合计相差不超过 0.0066%」 said not to add the two
kinds and then added them (2,447.73 = 2,426.73 + 5 × 4.20; 2,497.73 with the hires the layout
pays). The sentence now names the two kinds apart and the gap alone; the measure the solve
makes least (the one-off money, the yearly money over ``recurring_years`` years and the hires
the layout pays) is defined in the workbook's 方案说明 (:data:`MEASURE_WHERE`).

>>> doc = {"status": "gap_limit", "gap": 0.00006639, "costs": {"recurring_years": 5}, "confirmed": True,
...        "totals": {"one_off": 2426.73, "annual": 4.2, "recurring_years": [2030, 2034]},
...        "actions": [{"project": "rotation", "cost": 21.0, "annual_cost": 4.2, "funding": {"2030": 4.2}},
...                    {"project": "sports", "cost": 2426.73, "annual_cost": 0.0,
...                     "funding": {"2027": 2000.0, "2030": 426.73}}]}
>>> print(money_sentence(doc))
一次性投入 2,426.73 万元（2027—2030 学年），另交流补助每年 4.20 万元（2030—2034 学年）；这一投入已接近最少（与最少可能的投入相差不超过 0.0066%，测算口径见《达标路径工作簿》“方案说明”表）

A plan its re-check fails is not called 最少 (review rv3 7), and no plan's gap is said as a
「下界」 (review rv5 13: a 局务会 member does not know the word):

>>> print(money_sentence({**doc, "confirmed": False}).split("；")[1])
已计价措施中投入最少（测算值与可达到的最低值相差不超过 0.0066%，测算口径见《达标路径工作簿》“方案说明”表）

Review rv10 finding 13: 「可达到的最低值」 beside 「仍未达标」 read as the cheapest way to pass; it is
the least within the measures set, which the overview says next to the year the county still
fails (:data:`WITHIN`).
"""

from __future__ import annotations

import math
from typing import Any

from junheng.model import numbers
from junheng.planning.compliance_json import (
    RECURRING_WORDS,
    YEAR_TOTALS,
    lasting_from,
    solve_line,
    year_rows,
)

#: where the measure the solve makes least is defined (its rows 总投资（测算口径）and its least)
MEASURE_WHERE = "测算口径见《达标路径工作簿》“方案说明”表"
#: what :func:`bound_words` compares with the least reachable: the measure, not the money alone
MEASURED = "这一投入的测算值"
#: what a plan its re-check fails is the least of (review rv10 finding 13; rv15 5: 「所设措施范围内的
#: 最低投入」 beside 「仍不能通过复核」 read as the cheapest way to pass: it is the least of the measures priced)
WITHIN = "已计价措施中的最少投入"
#: the same said of the plan itself
LEAST_PRICED = "已计价措施中投入最少"
#: what follows it for a plan its re-check fails (review rv15 5)
STILL_FAILS = "按此仍未达标"


def once_span(doc: dict[str, Any]) -> str:
    """The school years the one-off money is paid in (the year table's 一次性投入合计); "" without any.

    >>> once_span({"actions": [{"project": "building", "annual_cost": 0.0,
    ...                         "funding": {"2026": 5.0, "2028": 1.0}}]})
    '2026—2028 学年'
    """
    years, rows = year_rows(doc)
    once = next((r for r in rows if r[0] == YEAR_TOTALS[False]), None)
    paid = [y for y, v in zip(years, once[1], strict=True) if v] if once else []
    return f"{numbers.year_range(paid[0], paid[-1])} 学年" if paid else ""


def yearly_kinds(doc: dict[str, Any]) -> list[str]:
    """The yearly costs the plan pays, by name (交流补助, 新增教师, 租用场地).

    >>> yearly_kinds({"actions": [{"project": "rotation", "annual_cost": 4.2},
    ...                           {"project": "lease", "annual_cost": 1.0}]})
    ['租用场地', '交流补助']
    """
    return [w for k, w in RECURRING_WORDS.items()
            if any(a.get("project") == k and a.get("annual_cost") for a in doc.get("actions") or [])]


def money_line(doc: dict[str, Any]) -> str:
    """The one-off money with its years and the yearly money apart with its years (a plan file
    without totals: its 总投资).

    >>> money_line({"objective": 12.5})
    '总投资 12.50 万元'
    >>> money_line({"totals": {"one_off": 12.5, "annual": 0.0}, "actions": []})
    '一次性投入 12.50 万元'
    """
    totals = doc.get("totals") or {}
    if "one_off" not in totals:
        return f"总投资 {doc['objective']:,.2f} 万元"
    span = once_span(doc) if doc.get("actions") else ""
    text = f"一次性投入 {totals['one_off']:,.2f} 万元" + (f"（{span}）" if span else "")
    if not totals.get("annual"):
        return text
    years = totals.get("recurring_years") or []
    when = (f"{numbers.year_range(years[0], years[-1])} 学年" if years
            else f"按 {doc['costs']['recurring_years']} 年计")
    kinds = yearly_kinds(doc)
    if kinds == [RECURRING_WORDS["teachers"]] and (full := lasting_from(doc["actions"])):
        when = f"自 {full} 学年起持续"  # hires' pay never stops (review rv15 13)
    if len(kinds) == 1:
        return f"{text}，另{kinds[0]}每年 {totals['annual']:,.2f} 万元（{when}）"
    named = f"{'、'.join(kinds)}，" if kinds else ""
    return f"{text}，另每年经常性支出 {totals['annual']:,.2f} 万元（{named}{when}）"


def _proven_gap(doc: dict[str, Any]) -> tuple[str | None, float | None]:
    """(the solve line of a solve without a plan, else None; the gap proven, None where not:
    a gap within the solver's setting with no figure read as 0.01 %)."""
    from junheng.optimize import SolveStatus
    from junheng.optimize.status_words import PLAN_TOLERANCE

    status = SolveStatus(doc["status"])
    if not status.has_solution:
        return solve_line(doc), None
    gap = doc.get("gap")
    if gap is None and status in (SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT):
        gap = PLAN_TOLERANCE
    return None, (gap if gap is not None and math.isfinite(gap) and 0 <= gap < 1 else None)


def least_words(doc: dict[str, Any]) -> str:
    """How near the least possible the plan's money is, with no sum of the two kinds: 最少 only
    at a proven gap of 0, a gap within the solver's setting with no figure read as 0.01 %.

    >>> least_words({"status": "optimal", "gap": 0.0})
    '经测算为最少可能的投入（已证明最优，测算口径见《达标路径工作簿》“方案说明”表）'
    >>> least_words({"status": "time_limit", "gap": 0.0139})
    '这一投入与最少可能的投入相差不超过 1.39%（测算口径见《达标路径工作簿》“方案说明”表）'
    >>> least_words({"status": "time_limit", "gap": None})
    '本方案可以实施，与最少可能的投入的差距未能确定'
    >>> least_words({"status": "infeasible", "gap": None})
    '模型求解状态：无可行方案'
    """
    from junheng.optimize.status_words import PLAN_TOLERANCE, gap_percent

    said, gap = _settled(doc, "本方案可以实施，与最少可能的投入的差距未能确定",
                         f"经测算为最少可能的投入（已证明最优，{MEASURE_WHERE}）")
    if said:
        return said
    if gap <= PLAN_TOLERANCE + 1e-12:
        return f"这一投入已接近最少（与最少可能的投入相差不超过 {gap_percent(gap)}，{MEASURE_WHERE}）"
    return f"这一投入与最少可能的投入相差不超过 {gap_percent(gap)}（{MEASURE_WHERE}）"


def bound_words(doc: dict[str, Any]) -> str:
    """How near the solve's bound a plan its re-check fails is, without 最少 or 最优 (review rv3
    7: 「这一投入已接近最少」 beside 「不能通过复核」 read as "the best plan"; it is the least of
    the set prices and weights among plans that still fail, said as such: :data:`WITHIN`,
    review rv10 finding 13).

    >>> bound_words({"status": "gap_limit", "gap": 0.00004124})
    '已计价措施中投入最少（测算值与可达到的最低值相差不超过 0.0041%，测算口径见《达标路径工作簿》“方案说明”表）'
    >>> bound_words({"status": "optimal", "gap": 0.0}), bound_words({"status": "time_limit", "gap": None})
    ('已计价措施中投入最少（测算口径见《达标路径工作簿》“方案说明”表）', '这一投入的测算值与已计价措施中的最少投入相差多少，未能确定')
    >>> bound_words({"status": "time_limit", "gap": 0.004})
    '这一投入的测算值与已计价措施中的最少投入相差不超过 0.4%（测算口径见《达标路径工作簿》“方案说明”表）'
    """
    from junheng.optimize.status_words import PLAN_TOLERANCE, gap_percent

    said, gap = _settled(doc, f"{MEASURED}与{WITHIN}相差多少，未能确定", f"{LEAST_PRICED}（{MEASURE_WHERE}）")
    if said:
        return said
    if gap <= PLAN_TOLERANCE + 1e-12:
        return f"{LEAST_PRICED}（测算值与可达到的最低值相差不超过 {gap_percent(gap)}，{MEASURE_WHERE}）"
    return f"{MEASURED}与{WITHIN}相差不超过 {gap_percent(gap)}（{MEASURE_WHERE}）"


def _settled(doc: dict[str, Any], unknown: str, at_bound: str) -> tuple[str, float]:
    """The words when the gap settles them (no plan, a gap not proven: ``unknown``, a gap of
    0: ``at_bound``), else "" and the proven gap for the caller's own words."""
    none, gap = _proven_gap(doc)
    if none is not None:
        return none, 0.0
    if gap is None:
        return unknown, 0.0
    return (at_bound, 0.0) if gap <= 1e-12 else ("", gap)


def money_sentence(doc: dict[str, Any]) -> str:
    """:func:`money_line` and how near the least it is, as the opening paragraph says them:
    :func:`least_words` for a plan the re-check confirms, :func:`bound_words` for one it fails."""
    near = least_words(doc) if doc.get("confirmed") else bound_words(doc)
    return f"{money_line(doc)}；{near}"


def cover_apart(doc: dict[str, Any]) -> str:
    """The hires in place of the teachers the 交流轮岗 sends (brief hrot5) are in the money and,
    since brief hrot6, in what the solve weighs (the compliance model's (26)), so the gap of
    :func:`money_sentence` covers them: said so in a sentence of its own ("" without; brief
    hlease 4: it ran on into 「，按此方案全县…」).

    >>> cover_apart({"actions": [{"item": "rotation_cover", "cost": 100.0},
    ...                          {"item": "rotation_cover", "cost": 50.0}]})
    '上述投入中，交流轮岗期间顶岗招聘教师的人员经费 150.00 万元已计入测算，上述比较包括这笔支出。'
    >>> cover_apart({"actions": []})
    ''
    """
    from junheng.planning.rotation_cover import COVER_ITEM

    cost = sum(float(a["cost"]) for a in doc.get("actions") or () if a.get("item") == COVER_ITEM)
    return (f"上述投入中，交流轮岗期间顶岗招聘教师的人员经费 {cost:,.2f} 万元已计入测算，"
            "上述比较包括这笔支出。") if cost else ""


def result_text(doc: dict[str, Any]) -> str:
    """The 求解结果 row: a plan its re-check fails is the least within the measures set and
    still fails in its target year (review rv10 finding 13), else the plan's status text.

    >>> result_text({"confirmed": False, "status": "gap_limit", "target_year": 2030,
    ...              "status_text": "按此方案复核仍未达标"})
    '已计价措施中投入最少；按此仍未达标：全县 2030 学年仍不能通过复核'
    >>> result_text({"confirmed": True, "status": "optimal", "status_text": "已证明最优"})
    '已证明最优'
    """
    from junheng.optimize import SolveStatus

    if doc.get("confirmed") or not SolveStatus(doc["status"]).has_solution:
        return doc["status_text"]
    return f"{LEAST_PRICED}；{STILL_FAILS}：全县 {doc['target_year']} 学年仍不能通过复核"


def room_price(actions: list[dict[str, Any]], doc: dict[str, Any]) -> str:
    """The building paragraph's prices (review rv 4: one classroom read 42 万元 in the layout and
    72 万元 in 整改措施): a 普通教室 at the layout's price, and the 校舍建设项目前期与管理费用
    apart, once a school, with its count and sum ("" without rooms or fee). Hand-worked: 120 m²
    × 0.35 万元 = 42.00 万元 a room; 2 schools × 30.00 = 60.00 万元.

    >>> acts = [{"item": "classroom", "unit_cost": 42.0, "cost": 42.0},
    ...         {"item": "building", "unit_cost": 30.0, "cost": 30.0},
    ...         {"item": "music_room", "unit_cost": 33.6, "cost": 33.6},
    ...         {"item": "building", "unit_cost": 30.0, "cost": 30.0}]
    >>> print(room_price(acts, {"costs": {"items": {"teaching_area": {"unit_cost": 0.35}}}}))
    普通教室每间 42.00 万元（120 平方米 × 每平方米 0.35 万元，与布局调整方案的教室同一单价）；另每校每个项目前期与管理费用 30.00 万元（勘察、设计、监理、审批等），2 项共 60.00 万元，布局调整方案的教室单价不含此项，上列各校投资含此项。
    """
    rooms = [a for a in actions if a.get("item") == "classroom"]
    fees = [a for a in actions if a.get("item") == "building"]
    parts = []
    if rooms:
        price = float(rooms[0]["unit_cost"])
        per = float(((doc.get("costs") or {}).get("items") or {}).get("teaching_area", {}).get("unit_cost") or 0.0)
        area = f"{price / per:,.0f} 平方米 × 每平方米 {per:,.2f} 万元，" if per else ""
        parts.append(f"普通教室每间 {price:,.2f} 万元（{area}与布局调整方案的教室同一单价）")
    if fees:
        apart = "，布局调整方案的教室单价不含此项" if rooms else ""
        parts.append(f"另每校每个项目前期与管理费用 {float(fees[0]['unit_cost']):,.2f} 万元（勘察、设计、监理、审批等），"
                     f"{len(fees):,} 项共 {sum(float(a['cost']) for a in fees):,.2f} 万元{apart}，上列各校投资含此项")
    return "；".join(parts) + "。" if parts else ""


__all__ = ["result_text", "room_price", "MEASURE_WHERE", "WITHIN", "bound_words", "cover_apart", "least_words", "money_line", "money_sentence", "once_span", "yearly_kinds"]
