"""The 整改措施's 时间表 and its 局务会 decisions (brief hhigh, review rv13 findings 3 and 11).

A row of 表 1 the plan leaves 仍未达标 used to read 「—」 in its 完成学年 while the measure
that closes it was already priced elsewhere in the same document (实验中学 征地 1,207.95 万元,
the 差异系数 fill 10,131.99 万元). :func:`decided_due` gives such a row the year it is met IF
the bureau takes the named, priced decision, marked 「须局务会决定：…」; a row keeps 「—」 only
when some gap in it has no priced measure (a 民办 school, a project not the plan's, missing
data), and says which. A decision that takes land beside a school (the 达标路径's
置换或征用相邻用地, a 差异系数 fill beyond the schools' own ground) gives no year either
(review rv15 2: 8.9 ha, about 1.4 亿元, beside 「2030 学年」): the land is the 自然资源
department's to grant and its money is not in the plan's total, so the row reads 「—（须局务会决定，
需论证，待核实：…用地 N 平方米，约 X 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）」.
The same rule holds for a row 待核实 (rv28 5): the 班额 row whose rooms still borrowed wait on an
unpriced decision (``waits``) reads 「—（须局务会决定：…，本方案无计价措施）」, not the target year;
a row met by the forecast's middle figure within its error (``margin``) keeps its year with
「（余量小于预测误差）」, and :func:`status_line` says so in the rule.

:func:`senior_decision` is the 高中 bill of a school that shares its buildings with a 高中 as
a decision of its own (the 评估办法 splits a shared room or field by pupils, so the 初中's k
rooms cost the whole school k / share), with beside it what the school still lacks after the
money (「投入后仍缺 949 平方米，仍不达标」).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.model import numbers
from junheng.model.labels import STAGE_LABELS
from junheng.planning.compliance_unresolved import NOT_BEGUN, PRIVATE, RELOCATING, UNRESOLVED

#: why a gap has no priced measure in this plan, by its 未解决事项 reason
UNPRICED = ((PRIVATE, "民办学校由举办者整改"), (RELOCATING, "由在建项目保障"),
            (NOT_BEGUN, "建设项目未开工"))
DECIDES = "须局务会决定"
#: a decision that takes land beside a school (review rv15 2): as the other land rows say it
LAND_PENDING = "需论证，待核实"
APART = "未计入本方案总投资"
LAND_TAIL = f"{APART}；用地须经自然资源部门确认，确认前不列完成学年"
#: a row met only by the forecast's middle figure, by less than its error (rv28 5): its year, said so
MARGIN = "余量小于预测误差"
#: the rule's clause for such rows (:func:`status_line`)
MARGIN_RULE = "余量小于预测误差的按预测中位数列并注明"


def _why(reason: str) -> str:
    for full, short in UNPRICED:
        if reason.startswith(full):
            return short
    return "数据待补" if "数据" in reason else reason.split("：")[0]


def _in_use(doc: Mapping[str, Any]) -> int:
    """The year land bought on a decision is in use: the 达标路径's priced route's, else the target."""
    return int((doc.get("sports_path") or {}).get("in_use_year") or doc["target_year"])


def _cv_due(row: Mapping[str, Any], doc: Mapping[str, Any]) -> str | None:
    if "item" not in row:
        return None
    for f in doc.get("cv_fill") or []:
        if f"{STAGE_LABELS.get(f['stage'], f['stage'])}{f['name']}差异系数" != row["item"]:
            continue
        fill = f.get("fill")
        if not fill:
            return f"{numbers.DASH}（把公办学校补到全县最高的生均水平也降不到限值，无计价措施）"
        area = f"另增体育运动场馆面积 {fill['area']:,} 平方米"
        if fill.get("land"):  # rv15 2: land is the 自然资源 department's to grant
            own = f"，其中校内空地 {fill['ground']:,} 平方米" if fill.get("ground") else ""
            return (f"{numbers.DASH}（{DECIDES}，{LAND_PENDING}：{area}{own}，须征用相邻用地 {fill['land']:,} 平方米，"
                    f"约 {fill['cost']:,.2f} 万元，{LAND_TAIL}）")
        return f"{_in_use(doc)} 学年（{DECIDES}：{area}，均在校内空地，约 {fill['cost']:,.2f} 万元，{APART}）"
    return None


def _blockers(row: Mapping[str, Any], doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The 未解决事项 rows that keep ``row`` open: a stage's schools for 学校达标, else its item."""
    rows = doc.get("unresolved") or []
    if row.get("group") == "units":
        stage = str(row["item"])[:2]
        return [x for x in rows if str(x["school"]).endswith(f"（{stage}）") and not str(x["school"]).startswith("全县")]
    return [x for x in rows if x["item"] == row["item"]]


def _held_due(row: Mapping[str, Any]) -> str | None:
    """The 完成学年 of a row whose rest waits on a decision the plan does not price (``waits``:
    the 班额 row's rooms still borrowed): none; of one met by less than the forecast's error
    (``margin``): its year, said so (rv28 5); None for any other row.

    >>> _held_due({"year": 2030, "waits": "核定用地后新建，或调整学区"})
    '—（须局务会决定：核定用地后新建，或调整学区，本方案无计价措施）'
    >>> _held_due({"year": 2030, "margin": True}), _held_due({"year": 2030})
    ('2030 学年（余量小于预测误差）', None)
    """
    if row.get("waits"):
        return f"{numbers.DASH}（{DECIDES}：{row['waits']}，本方案无计价措施）"
    if row.get("margin"):
        return f"{row['year']} 学年（{MARGIN}）"
    return None


def decided_due(row: Mapping[str, Any], doc: Mapping[str, Any]) -> str:
    """The 完成学年 cell of a 表 1 row: its year when met or due; for one left 仍未达标, the
    year it is met if the 局务会 takes the priced decision, or 「—」 with why none closes it.

    Hand-worked: 8,053 m² at 实验中学 1,207.95 万元 + 949 m² at 第四中学 142.35 万元 =
    1,350.30 万元 (8,053 + 949 = 9,002 m² × 1,500 元), on land beside them: no year, the land
    the 自然资源 department's to grant (rv15 2); a 民办 school's gap keeps 「—」 too:

    >>> path = {"in_use_year": 2030, "remedy": "adjacent_land", "remedy_name": "置换或征用相邻用地建室外运动场",
    ...     "counts": True, "schools": [{"name": "甲中学", "stage": "junior", "area_m2": 8053, "cost": 1207.95},
    ...                                 {"name": "乙中学", "stage": "junior", "area_m2": 949, "cost": 142.35}]}
    >>> un = [{"school": "甲中学（初中）", "item": "生均体育运动场馆面积", "reason": UNRESOLVED + "：仍缺 8,053 平方米"},
    ...       {"school": "乙中学（初中）", "item": "生均体育运动场馆面积", "reason": UNRESOLVED + "：仍缺 949 平方米"}]
    >>> doc = {"target_year": 2030, "sports_path": path, "unresolved": un}
    >>> row = {"group": "units", "item": "初中学校达标（资源配置 7 项指标）", "year": 2030, "after": "仍未达标"}
    >>> decided_due(row, doc)
    '—（须局务会决定，需论证，待核实：甲中学、乙中学置换或征用相邻用地建室外运动场，用地 9,002 平方米，约 1,350.30 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）'

    A lease the province counts is the bureau's own to sign: the year it is in use (5 years
    of 30 元 a m²: 9,002 × 0.015 = 135.03 万元):

    >>> lease = {**path, "remedy": "shared_use", "remedy_name": "就近共享、租用公共体育设施", "schools": [
    ...     {"name": "甲中学", "stage": "junior", "cost": 120.8}, {"name": "乙中学", "stage": "junior", "cost": 14.23}]}
    >>> decided_due(row, {**doc, "sports_path": lease})
    '2030 学年（须局务会决定：甲中学、乙中学就近共享、租用公共体育设施，约 135.03 万元，未计入本方案总投资）'
    >>> un.append({"school": "丙学校（初中）", "item": "生均体育运动场馆面积", "reason": PRIVATE})
    >>> decided_due(row, {**doc, "sports_path": lease})
    '—（丙学校民办学校由举办者整改，本方案无计价措施；其余须局务会决定：甲中学、乙中学就近共享、租用公共体育设施，约 135.03 万元，未计入本方案总投资，2030 学年补足）'
    >>> decided_due({"year": 2027, "after": "未达标，落实后按数据复核"}, doc)
    '2027 学年'
    """
    if (held := _held_due(row)) is not None:  # a 待核实 row the rule dates (rv28 5)
        return held
    if (cv := _cv_due(row, doc)) is not None:  # an area CV the plan leaves over its limit, its row
        return cv  # 仍未达标 or, with no project of the plan for it, a policy row (rv15 2)
    if not str(row.get("after", "")).startswith("仍未达标"):
        return f"{row['year']} 学年"
    path = doc.get("sports_path") or {}
    counts = path.get("counts", True)  # a lease the province does not count closes nothing
    cost = {f"{s['name']}（{STAGE_LABELS.get(s.get('stage'), '')}）": s for s in path.get("schools") or []
            if counts and s.get("cost") is not None}
    priced, open_ = {}, {}
    for x in _blockers(row, doc):
        school, reason = str(x["school"]), str(x.get("reason", ""))
        if reason.startswith(UNRESOLVED) and school in cost:
            priced[school.split("（")[0]] = cost[school]
        else:
            open_.setdefault(_why(reason), []).append(school.split("（")[0])
    if not priced and not open_:
        return numbers.DASH
    if open_:
        why = "；".join(f"{'、'.join(dict.fromkeys(names))}{short}" for short, names in open_.items())
        return f"{numbers.DASH}（{why}，本方案无计价措施{_path_due(doc, priced, '；其余')}）"
    return _path_due(doc, priced, "")


def _path_due(doc: Mapping[str, Any], priced: Mapping[str, Mapping[str, Any]], lead: str) -> str:
    """The 达标路径's priced route for ``priced`` schools: 「须局务会决定…」 with the year it is
    in use, or, on land beside them (``adjacent_land``), 「需论证，待核实」, the land's m² and 万元
    apart from the total and no year (rv15 2); '' without a priced school. ``lead``: '' for a
    cell of its own (「2030 学年（…）」 or 「—（…）」), else what joins it to the cell's 「—（…」."""
    if not priced:
        return ""
    path = doc.get("sports_path") or {}
    money = (f"{'、'.join(priced)}{path.get('remedy_name', '')}"
             + (f"，用地 {sum(int(s.get('area_m2') or 0) for s in priced.values()):,} 平方米"
                if path.get("remedy") == "adjacent_land" else "")
             + f"，约 {sum(float(s['cost']) for s in priced.values()):,.2f} 万元")
    if path.get("remedy") == "adjacent_land":
        said = f"{DECIDES}，{LAND_PENDING}：{money}，{LAND_TAIL}"
        return f"{lead}{said}" if lead else f"{numbers.DASH}（{said}）"
    if lead:
        return f"{lead}{DECIDES}：{money}，{APART}，{_in_use(doc)} 学年补足"
    return f"{_in_use(doc)} 学年（{DECIDES}：{money}，{APART}）"


def status_line(doc: Mapping[str, Any], where: str = "表 1") -> str:
    """The line under a failing plan's title: its scope and where it stands, without making
    the failure its name ('' for a plan that passes); with a decision on land (:func:`takes_land`)
    it says that such rows have no year (rv15 2), with a row met by less than the forecast's
    error (``margin``) how its year is said (rv28 5).

    >>> status_line({"target_year": 2030, "confirmed": False})
    '按本方案已安排的措施，2030 学年全县仍不能通过复核；表 1 的完成学年按局务会决定相应事项后计（标“须局务会决定”），本方案无计价措施的事项不列完成学年，并写明原因。'
    >>> status_line({"target_year": 2030, "confirmed": False, "cv_fill": [{"fill": {"land": 300}}]}).split("），")[1]
    '须征用相邻用地的事项在自然资源部门确认用地前、本方案无计价措施的事项均不列完成学年，并写明原因。'
    >>> status_line({"target_year": 2030, "confirmed": False, "measures": {"rows": [{"margin": True}]}}).split("），")[1]
    '本方案无计价措施的事项不列完成学年，并写明原因；余量小于预测误差的按预测中位数列并注明。'
    """
    if doc.get("confirmed", True):
        return ""
    none = ("须征用相邻用地的事项在自然资源部门确认用地前、本方案无计价措施的事项均不列完成学年" if takes_land(doc)
            else "本方案无计价措施的事项不列完成学年")
    margin = any(r.get("margin") for r in (doc.get("measures") or {}).get("rows") or [])
    return (f"按本方案已安排的措施，{doc['target_year']} 学年全县仍不能通过复核；{where}{' ' if where[-1:].isdigit() else ''}的完成学年按局务会决定相应事项后计"
            f"（标“{DECIDES}”），{none}，并写明原因{f'；{MARGIN_RULE}' if margin else ''}。")


def takes_land(doc: Mapping[str, Any]) -> bool:
    """Whether a decision of the plan takes land beside a school: a 差异系数 fill beyond the
    schools' own ground or the 达标路径's 置换或征用相邻用地.

    >>> takes_land({"sports_path": {"remedy": "adjacent_land", "schools": [{"name": "甲中学"}]}}), takes_land({})
    (True, False)
    """
    path = doc.get("sports_path") or {}
    return (any((f.get("fill") or {}).get("land") for f in doc.get("cv_fill") or [])
            or (path.get("remedy") == "adjacent_land" and bool(path.get("schools"))))


def still_failing(doc: Mapping[str, Any], schools: list[str]) -> str:
    """What each of ``schools`` (that the plan spends on) still lacks after the money, from the
    未解决事项 rows with the m² short ('' when none of them fails on an area).

    >>> still_failing({"unresolved": [{"school": "丁中学（初中）", "item": "生均体育运动场馆面积", "short_m2": 949},
    ...                               {"school": "戊中学（初中）", "item": "生均体育运动场馆面积", "short_m2": 8053}]}, ["丁中学"])
    '丁中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标'
    """
    return "；".join(f"{x['school'].split('（')[0]}投入后仍缺{x['item'].removeprefix('生均')} {x['short_m2']:,} 平方米，仍不达标"
                    for x in doc.get("unresolved") or []
                    if x.get("short_m2") and x["school"].split("（")[0] in schools)


def with_still(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` whose ``combined`` 高中 bill carries ``still`` (:func:`still_failing`), so that the
    money is never said without the school it leaves failing (rv13 3).

    >>> doc = {"combined": {"senior": {"total": 9.0, "schools": ["丁中学"]}}, "unresolved": [
    ...     {"school": "丁中学（初中）", "item": "生均体育运动场馆面积", "short_m2": 949}]}
    >>> with_still(doc)["combined"]["senior"]["still"]
    '丁中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标'
    >>> with_still({"combined": None}) == {"combined": None}
    True
    """
    senior = (doc.get("combined") or {}).get("senior")
    if not senior or not (still := still_failing(doc, list(senior.get("schools") or []))):
        return doc
    return {**doc, "combined": {**doc["combined"], "senior": {**senior, "still": still}}}


def senior_decision(doc: Mapping[str, Any]) -> str:
    """The 高中 bill of the schools that share with a 高中 as a 局务会 decision, its options,
    why the split makes the 高中 buy N to give the 初中 k, and what each school still lacks
    after the money ('' without a 高中 bill).

    Hand-worked (the demo's 第四中学): 6 + 28 = 34 rooms, the 初中 counts 6 / 34 = 17.6 %:

    >>> doc = {"combined": {"senior": {"total": 1058.28, "schools": ["丁中学"], "items": [
    ...     ["室外体育运动场地", 10405.66, "平方米", 936.51], ["网络多媒体教室", 28.0, "间", 84.0]]}},
    ...     "senior_part": [{"name": "丁中学", "item_name": "配置网络多媒体教室", "unit": "间", "quantity": 6.0,
    ...                      "built": 34.0, "senior": 28.0},
    ...                     {"name": "丁中学", "item_name": "新建室外体育运动场地", "unit": "平方米", "quantity": 2291.0,
    ...                      "built": 12696.66, "senior": 10405.66}],
    ...     "unresolved": [{"school": "丁中学（初中）", "item": "生均体育运动场馆面积", "short_m2": 949}]}
    >>> print(senior_decision(doc))
    须由局务会决定（与高中共用部分的高中经费）：丁中学另需高中经费 1,058.28 万元（室外体育运动场地 10,406 平方米 936.51 万元、网络多媒体教室 28 间 84.00 万元），本方案按由高中经费安排计，未计入本方案总投资。原因：该校初中与高中共用校舍和设施，评估办法按学生数加权拆分，初中只计其中一部分，初中每计 1 份全校须建数份（配置网络多媒体教室：初中计 6 间，全校须 34 间，其中 28 间计入高中；新建室外体育运动场地：初中计 2,291 平方米，全校须 12,697 平方米，其中 10,406 平方米计入高中）。可选：由高中经费安排上述高中部分（按本方案）；只建初中所需部分（初中按加权只计其中一部分，学校达标不能计足）；初中单独使用的教室和场地不与高中共用、按初中独立使用计，只建初中所需部分（须经市级复核认可独立使用的口径）。丁中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标。
    """
    senior = (doc.get("combined") or {}).get("senior") or doc.get("senior")
    if not senior or not senior.get("total"):
        return ""
    items = "、".join(f"{name}{'' if unit == '元' else f' {qty:,.0f} {unit}'} {cost:,.2f} 万元"
                      for name, qty, unit, cost in senior.get("items") or [])
    schools = list(senior.get("schools") or [])
    why = "；".join(f"{p['item_name']}：初中计 {p['quantity']:,.0f} {p['unit']}，全校须 {p['built']:,.0f} {p['unit']}，"
                   f"其中 {p['senior']:,.0f} {p['unit']}计入高中"
                   for p in doc.get("senior_part") or [] if p.get("unit") != "平方米·学年" and p.get("senior"))
    still = still_failing(doc, schools)
    return (f"须由局务会决定（与高中共用部分的高中经费）：{'、'.join(schools)}另需高中经费 {senior['total']:,.2f} 万元"
            f"{f'（{items}）' if items else ''}，本方案按由高中经费安排计，未计入本方案总投资。"
            "原因：该校初中与高中共用校舍和设施，评估办法按学生数加权拆分，初中只计其中一部分，初中每计 1 份全校须建数份"
            f"{f'（{why}）' if why else ''}。可选：由高中经费安排上述高中部分（按本方案）；只建初中所需部分"
            "（初中按加权只计其中一部分，学校达标不能计足）；初中单独使用的教室和场地不与高中共用、按初中独立使用计，"
            "只建初中所需部分（须经市级复核认可独立使用的口径）。"
            + (f"{still}。" if still else ""))


__all__ = ["DECIDES", "decided_due", "senior_decision", "status_line", "still_failing", "with_still"]
