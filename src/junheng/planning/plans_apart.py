"""What the two plans' totals (:mod:`~junheng.planning.plans_combined`) leave out or count
once (review 2026-12-04 findings 2 and 7).

* :func:`senior_funds`: 高中's part of the buildings the 达标路径 builds shared with 高中
  (:func:`~.compliance_outside.senior_part`; 第四中学 in the demo: 623.72 + 1,022.70 + 93.00 =
  1,739.42 万元). Neither plan funds it, so it stays out of every total, and it is stated beside
  them: the totals sentence, the per-school table and the year table each carry it on a line of
  its own (:func:`senior_text`, :func:`senior_year_rows`, :func:`senior_table_rows`), all from
  the one figure this function gives.
* :func:`ledger_hires`: the 达标路径's hires (招聘、引进教师) at a school and stage where the
  layout's staffing ledger (:mod:`~.staffing_ledger`) hires by 编制 too. The ledger's hires may
  be of any subject, so the 达标路径's few are recruited among them (第三初级中学: 2 体育、音乐、
  美术 teachers among the ledger's 21); their pay is in the layout's 新聘教师人员经费 already,
  and :func:`without_ledger_hires` takes it out of the 达标路径's yearly line of the totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.planning.plans_budget import _cents  # the same 0.01 万元 parts as the year table
from junheng.planning.plans_totals import once_with_senior  # the 总投资 table's figure too

#: the 达标路径's items that recruit teachers
HIRE_ITEMS = ("hire_teacher", "hire_pe_art", "hire_backbone")
#: the actions' column: how many of the row's hires the layout's staffing ledger pays
LAYOUT_PAID = "layout_paid"
#: what the 达标路径's money says of them (review 2026-12-04 finding 1)
LAYOUT_PAID_TEXT = "人员经费已计入布局调整方案新聘教师"


def senior_funds(senior: pd.DataFrame, actions: pd.DataFrame) -> dict[str, Any] | None:
    """高中's part of the shared buildings: its ``total`` (万元, the sum of the rows'
    ``senior_cost``), the ``schools`` (names) and ``by_year`` (year -> 万元: each row's cost in
    the years its action is funded, in proportion to that funding, the rounding remainder in the
    last year, so the years add up to the total); None without one.

    Hand-worked: 第四中学 builds 10 m² for 20 万 funded 2027 (5) and 2028 (15); 高中's part of it
    is 8.00 万 → 2.00 in 2027, 6.00 in 2028, and 1.00 万 of rooms funded 2028 only:

    >>> senior = pd.DataFrame({"school_id": ["D", "D"], "name": "第四中学",
    ...                        "item": ["teaching_area", "multimedia_room"],
    ...                        "senior": [16.0, 1.0], "senior_cost": [8.0, 1.0]})
    >>> actions = pd.DataFrame({"school_id": ["D", "D"], "item": ["teaching_area", "multimedia_room"],
    ...                         "funding": [{2027: 5.0, 2028: 15.0}, {2028: 3.0}]})
    >>> funds = senior_funds(senior, actions)
    >>> funds["total"], funds["schools"], funds["by_year"]
    (9.0, ['第四中学'], {2027: 2.0, 2028: 7.0})
    >>> funds["items"]  # name, 高中's quantity, unit, 万元
    [['教学及辅助用房', 16.0, '平方米', 8.0], ['网络多媒体教室', 1.0, '间', 1.0]]
    >>> senior_funds(senior.iloc[:0], actions) is None
    True
    """
    if senior is None or senior.empty:
        return None
    by_year: dict[int, int] = {}
    for row in senior.itertuples():
        paid: dict[int, float] = {}
        same = actions[(actions["school_id"] == row.school_id) & (actions["item"] == row.item)]
        for funding in same["funding"]:
            for year, amount in funding.items():
                paid[int(year)] = paid.get(int(year), 0.0) + float(amount)
        if pd.notna(getattr(row, "year", None)):  # the layout's part: funded in its year
            paid = {int(row.year): 1.0}
        for year, cents in _split(_cents(row.senior_cost), paid).items():
            by_year[year] = by_year.get(year, 0) + cents
    total = sum(_cents(c) for c in senior["senior_cost"])
    return {
        "total": total / 100,
        "schools": list(dict.fromkeys(senior["name"])),
        "by_year": {y: c / 100 for y, c in sorted(by_year.items()) if c},
        "items": _senior_items(senior),
    }


#: the shared buildings' names in the 高中 clause (compliance_actions.ITEM_NAMES without the verb)
SENIOR_NAMES = {"teaching_area": "教学及辅助用房", "field": "室外体育运动场地",
                "gym": "室内体育馆（风雨操场）", "lease": "租用体育场地", "equipment": "教学仪器设备",
                "multimedia_room": "网络多媒体教室"}


def _senior_items(senior: pd.DataFrame) -> list[list]:
    """Per item (in the rows' order, over the schools): [name, 高中's quantity, unit, 万元]."""
    from junheng.planning.compliance_actions import ITEM_NAMES

    out: list[list] = []
    if "senior" not in senior:  # a file without the quantities: the total alone
        return out
    for item, rows in senior.groupby("item", sort=False):
        out.append([SENIOR_NAMES.get(item, ITEM_NAMES[item][0]), round(float(rows["senior"].sum()), 2),
                    ITEM_NAMES[item][1], sum(_cents(c) for c in rows["senior_cost"]) / 100])
    return out


def _split(cents: int, paid: Mapping[int, float]) -> dict[int, int]:
    """``cents`` over the years of ``paid`` in proportion (remainder in the last year)."""
    whole = sum(paid.values())
    if whole <= 0:
        return {}
    years = sorted(paid)
    out = {y: int(cents * paid[y] / whole) for y in years[:-1]}
    out[years[-1]] = cents - sum(out.values())
    return out


def once_headline(doc: Mapping[str, Any], years: str = "") -> str:
    """The summary's one-off need (review rv6 N5: the headline named 7,294.42 万 while the plan
    also needs 1,058.28 万 of 高中 money); with a shared building, the whole need first and both
    parts named (hand-worked 7,294.42 + 1,058.28 = 8,352.70):

    >>> once_headline({"once": 7294.42, "senior": {"total": 1058.28}}, "（2027—2031 学年投入）")
    '布局调整与达标路径需一次性投入 8,352.70 万元（含普通高中部分 1,058.28 万元；其中义务教育部分 7,294.42 万元（2027—2031 学年投入））'
    >>> once_headline({"once": 520.95}, "（2026 学年投入）")
    '布局调整与达标路径需一次性投入 520.95 万元（2026 学年投入）'
    """
    s = doc.get("senior")
    if not s:
        return f"布局调整与达标路径需一次性投入 {doc['once']:,.2f} 万元{years}"
    return (f"布局调整与达标路径需一次性投入 {once_with_senior(doc):,.2f} 万元（含普通高中部分 {s['total']:,.2f} 万元；"
            f"其中义务教育部分 {doc['once']:,.2f} 万元{years}）")


def senior_text(doc: Mapping[str, Any], outside: str = "布局调整与达标路径合计", once: float | None = None) -> str:
    """The clause the totals sentence adds ('' without a shared building); ``outside``: the
    total it is not in; with ``once`` (that total), both together, so a reader reconciles
    (review rv 9; hand-worked 8,090.25 + 1,071.36 = 9,161.61):

    >>> senior_text({"senior": {"total": 1071.36, "schools": ["第四中学"]}}, once=8090.25)
    '另需高中经费 1,071.36 万元（第四中学与高中共用部分，不计入布局调整与达标路径合计），与一次性投入 8,090.25 万元合计 9,161.61 万元（含高中部分）'

    >>> senior_text({"senior": {"total": 1739.42, "schools": ["洛北县第四中学"]}})
    '另需高中经费 1,739.42 万元（洛北县第四中学与高中共用部分，不计入布局调整与达标路径合计）'

    With its items (review 2026-12-04 finding 16: the CLI explained only the hall's 1,022.70
    of the demo's 1,739.42 = 623.72 + 1,022.70 + 93.00):

    >>> senior_text({"senior": {"total": 1739.42, "schools": ["洛北县第四中学"], "items": [
    ...     ["教学及辅助用房", 1782.06, "平方米", 623.72], ["室内体育馆（风雨操场）", 2435.0, "平方米", 1022.7],
    ...     ["网络多媒体教室", 31.0, "间", 93.0]]}})
    '另需高中经费 1,739.42 万元（洛北县第四中学与高中共用部分：教学及辅助用房 1,782 平方米 623.72 万元、室内体育馆（风雨操场） 2,435 平方米 1,022.70 万元、网络多媒体教室 31 间 93.00 万元，不计入布局调整与达标路径合计）'

    A school still failing after the money says so beside it (rv13 3):

    >>> senior_text({"senior": {"total": 9.0, "schools": ["丁中学"], "still": "丁中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标"}})
    '另需高中经费 9.00 万元（丁中学与高中共用部分，不计入布局调整与达标路径合计；丁中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标）'
    """
    s = doc.get("senior")
    if not s:
        return ""
    items = "、".join(f"{name}{'' if unit == '元' else f' {qty:,.0f} {unit}'} {cost:,.2f} 万元"
                     for name, qty, unit, cost in s.get("items") or [])  # equipment: its money
    both = ("" if once is None else
            f"，与一次性投入 {once:,.2f} 万元合计 {(_cents(once) + _cents(s['total'])) / 100:,.2f} 万元（含高中部分）")
    return (
        f"另需高中经费 {s['total']:,.2f} 万元（{'、'.join(s['schools'])}与高中共用部分"
        f"{'：' + items + '，' if items else '，'}不计入{outside}{'；' + s['still'] if s.get('still') else ''}）{both}"
    )


def plan_senior_text(doc: Mapping[str, Any]) -> str:
    """:func:`senior_text` of a 达标路径's ``plan.json`` (its ``senior_part`` and ``actions``),
    for the pages that show its own total.

    >>> doc = {"senior_part": [{"school_id": "D", "name": "第四中学", "item": "gym",
    ...        "senior": 19.05, "senior_cost": 8.0}], "actions": [{"school_id": "D", "item": "gym",
    ...        "funding": {"2027": 20.0}}]}
    >>> plan_senior_text(doc), plan_senior_text({"senior_part": [], "actions": []})
    ('另需高中经费 8.00 万元（第四中学与高中共用部分：室内体育馆（风雨操场） 19 平方米 8.00 万元，不计入本方案投资）', '')
    """
    rows = doc.get("senior_part") or []
    if not rows:
        return ""
    funds = senior_funds(pd.DataFrame(rows), pd.DataFrame(doc.get("actions") or []))
    return senior_text({"senior": funds}, "本方案投资")


#: the 高中 line's first words: the part is its own line of the totals, so that a reader
#: reconciles the money the county pays (review rv 9: 1,071.36 万元 sat outside every total)
SENIOR_PART = "高中部分（不计入义务教育投资）"
#: the line after it: the one-off total and the 高中 part together
WITH_SENIOR = "一次性投入合计连同高中部分"


def senior_label(doc: Mapping[str, Any]) -> str:
    """The first cell of the 高中 line in the year and per-school tables.

    >>> senior_label({"senior": {"schools": ["第四中学"]}})
    '高中部分（不计入义务教育投资）：另需高中经费（第四中学与高中共用部分，由高中经费安排）'
    """
    return f"{SENIOR_PART}：另需高中经费（{'、'.join(doc['senior']['schools'])}与高中共用部分，由高中经费安排）"


def senior_year_rows(
    doc: Mapping[str, Any], years: list[int], once: tuple[str, list[float], float]
) -> list[tuple[str, list[float], float]]:
    """The year table's 高中 line after the totals, outside them, and the one-off total
    (``once``: its row) with it, year by year; [] without one.

    Hand-worked: 10.00 + 0.00, 5.00 + 2.00, 0.00 + 7.00; 15.00 + 9.00 = 24.00:

    >>> doc = {"senior": {"total": 9.0, "schools": ["第四中学"], "by_year": {"2027": 2.0, "2028": 7.0}}}
    >>> for row in senior_year_rows(doc, [2026, 2027, 2028], ("合计", [10.0, 5.0, 0.0], 15.0)): print(row)
    ('高中部分（不计入义务教育投资）：另需高中经费（第四中学与高中共用部分，由高中经费安排）', [0.0, 2.0, 7.0], 9.0)
    ('一次性投入合计连同高中部分', [10.0, 7.0, 7.0], 24.0)
    """
    if not doc.get("senior"):
        return []
    paid = {int(y): float(v) for y, v in doc["senior"]["by_year"].items()}
    part = [paid.get(int(y), 0.0) for y in years]
    both = [(_cents(a) + _cents(b)) / 100 for a, b in zip(once[1], part, strict=True)]
    return [(senior_label(doc), part, doc["senior"]["total"]),
            (WITH_SENIOR, both, (_cents(once[2]) + _cents(doc["senior"]["total"])) / 100)]


def senior_table_rows(doc: Mapping[str, Any], width: int) -> list[list[str]]:
    """The per-school table's 高中 line after its 合计 and the 合计 with it: the label and
    the figure in the last column (一次性合计); [] without one.

    >>> for row in senior_table_rows({"once": 15.0, "senior": {"total": 9.0, "schools": ["第四中学"]}}, 4):
    ...     print(row)
    ['高中部分（不计入义务教育投资）：另需高中经费（第四中学与高中共用部分，由高中经费安排）', '', '', '9.00']
    ['一次性投入合计连同高中部分', '', '', '24.00']
    """
    if not doc.get("senior"):
        return []
    both = once_with_senior(doc)
    return [[senior_label(doc), *[""] * (width - 2), f"{doc['senior']['total']:,.2f}"],
            [WITH_SENIOR, *[""] * (width - 2), f"{both:,.2f}"]]


# --- the 达标路径's hires among the layout's ---------------------------------------------------


def ledger_hires(actions: pd.DataFrame, staffing: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Per 达标路径 hire at a school and stage where the layout's staffing ledger hires too:
    how many of it fall among the ledger's hires there (``covered``, the ledger's ``hire``
    shared in the order of the actions) and the ledger's figure.

    >>> staffing = {"schools": [{"school_id": "S", "name": "第三初级中学", "stage": "junior",
    ...                          "hire": 21}]}
    >>> actions = pd.DataFrame({"school_id": ["S", "T"], "name": ["第三初级中学", "乙"],
    ...     "stage": "junior", "item": ["hire_pe_art", "hire_pe_art"], "quantity": [2.0, 1.0]})
    >>> ledger_hires(actions, staffing)
    [{'index': 0, 'name': '第三初级中学', 'item': 'hire_pe_art', 'quantity': 2, 'covered': 2, 'ledger': 21, 'county': 21}]
    """
    if not staffing or not len(actions) or "stage" not in actions:
        return []
    left = {
        (r["school_id"], r["stage"]): int(r.get("hire", 0) or 0)
        for r in staffing.get("schools", ())
    }
    ledger = dict(left)
    county = sum(ledger.values())
    out = []
    hires = actions[actions["item"].isin(HIRE_ITEMS)]
    for index, row in zip(hires.index, hires.itertuples(), strict=True):
        key = (row.school_id, row.stage)
        covered = min(int(round(row.quantity)), left.get(key, 0))
        if covered > 0:
            left[key] -= covered
            out.append(
                {
                    "index": index,
                    "name": row.name,
                    "item": row.item,
                    "quantity": int(round(row.quantity)),
                    "covered": covered,
                    "ledger": ledger[key],
                    "county": county,
                }
            )
    return out


def without_ledger_hires(actions: pd.DataFrame, covered: list[dict[str, Any]]) -> pd.DataFrame:
    """``actions`` with the pay of the ``covered`` hires (:func:`ledger_hires`) taken out:
    their yearly cost, cost and funding scaled by the share not covered (the quantity stays,
    the per-school text still names them), and how many were covered in ``layout_paid``
    (:data:`LAYOUT_PAID`); a row taken out before stays as it is.

    >>> actions = pd.DataFrame({"item": ["hire_pe_art"], "quantity": [2.0], "cost": [100.0],
    ...     "annual_cost": [20.0], "funding": [{2030: 20.0, 2031: 20.0}]})
    >>> out = without_ledger_hires(actions, [{"index": 0, "covered": 1}])
    >>> [float(out.at[0, k]) for k in ("cost", "annual_cost")], out.at[0, "funding"]
    ([50.0, 10.0], {2030: 10.0, 2031: 10.0})
    >>> float(without_ledger_hires(out, [{"index": 0, "covered": 1}]).at[0, "cost"])  # once
    50.0
    """
    if not covered:
        return actions
    out = actions.copy()
    if LAYOUT_PAID not in out:
        out[LAYOUT_PAID] = 0
    for c in covered:
        if out.at[c["index"], LAYOUT_PAID]:
            continue  # taken out already (the 达标路径 after a layout: :func:`layout_pays`)
        out.at[c["index"], LAYOUT_PAID] = c["covered"]
        keep = 1.0 - c["covered"] / float(out.at[c["index"], "quantity"])
        out.at[c["index"], "cost"] = round(float(out.at[c["index"], "cost"]) * keep, 2)
        out.at[c["index"], "annual_cost"] = round(
            float(out.at[c["index"], "annual_cost"]) * keep, 2
        )
        out.at[c["index"], "funding"] = {
            y: round(float(v) * keep, 2) for y, v in out.at[c["index"], "funding"].items()
        }
    return out


def ledger_hires_text(doc: Mapping[str, Any]) -> str:
    """The clause on the 达标路径's hires counted among the layout's ('' for none): the
    school's own ledger figure, with the county's beside it (review 2026-12-04 finding 14:
    "按编制招聘的 21 人" read as the county's 72).

    >>> ledger_hires_text({"ledger_hires": [{"name": "第三初级中学", "item": "hire_pe_art",
    ...                    "quantity": 2, "covered": 2, "ledger": 21, "county": 72}]})
    '达标路径在第三初级中学招聘体育、音乐、美术专任教师 2 人，在布局调整为该校按编制招聘的 21 人（全县 72 人）之内，人员经费已计入布局调整，不重复计入'
    >>> ledger_hires_text({"ledger_hires": [
    ...     {"name": "新中学", "item": "hire_teacher", "quantity": 12, "covered": 12, "ledger": 40},
    ...     {"name": "新中学", "item": "hire_pe_art", "quantity": 4, "covered": 4, "ledger": 40}]})
    '达标路径在新中学招聘高于规定学历的专任教师 12 人、招聘体育、音乐、美术专任教师 4 人（共 16 人），在布局调整为该校按编制招聘的 40 人之内，人员经费已计入布局调整，不重复计入'
    """
    from junheng.planning.compliance_actions import ITEM_NAMES

    rows = doc.get("ledger_hires") or []
    if not rows:
        return ""
    by_school: dict[str, list[dict]] = {}
    for r in rows:  # one clause per school (brief hteach 1: 12 高于规定学历 and 4 体育艺术 hires)
        by_school.setdefault(r["name"], []).append(r)
    parts = []
    for name, mine in by_school.items():
        r, quantity, covered = mine[0], sum(x["quantity"] for x in mine), sum(x["covered"] for x in mine)
        county = f"（全县 {r['county']:,} 人）" if r.get("county") else ""
        within = f"在布局调整为该校按编制招聘的 {r['ledger']:,} 人{county}之内"
        hired = "、".join(f"{ITEM_NAMES[x['item']][0]} {x['quantity']:,} 人" for x in mine)
        both = f"（共 {quantity:,} 人）" if len(mine) > 1 else ""
        parts.append(f"在{name}{hired}{both}，"
                     + (within if covered == quantity else f"其中 {covered:,} 人{within}"))
    return "达标路径" + "；".join(parts) + "，人员经费已计入布局调整，不重复计入"


def layout_pays(actions: pd.DataFrame, staffing: Mapping[str, Any] | None
                ) -> tuple[pd.DataFrame, float]:
    """The 达标路径's ``actions`` after a layout plan, with the pay of its hires among the
    layout's staffing ledger's taken out (:func:`ledger_hires`, :func:`without_ledger_hires`),
    and the 万元 taken out: the one place the 达标路径's own total leaves them out (review
    2026-12-04 finding 1: the demo's 4,652.26 万元 held 2 × 10 万 × 5 年 = 100.00 of them;
    its total is 4,552.26).

    >>> staffing = {"schools": [{"school_id": "S", "stage": "junior", "hire": 21}]}
    >>> actions = pd.DataFrame({"school_id": ["S", "S"], "name": "第三初级中学",
    ...     "stage": "junior", "item": ["hire_pe_art", "field"], "quantity": [2.0, 10.0],
    ...     "cost": [100.0, 5.0], "annual_cost": [20.0, 0.0],
    ...     "funding": [{2030: 20.0, 2034: 80.0}, {2027: 5.0}]})
    >>> out, paid = layout_pays(actions, staffing)
    >>> paid, list(out["cost"]), list(out["layout_paid"]), out.at[0, "funding"]
    (100.0, [0.0, 5.0], [2, 0], {2030: 0.0, 2034: 0.0})
    >>> layout_pays(actions, None)[1]
    0.0
    """
    out = without_ledger_hires(actions, ledger_hires(actions, staffing or {}))
    if out is actions:
        return actions, 0.0
    return out, (_cents(actions["cost"].sum()) - _cents(out["cost"].sum())) / 100
