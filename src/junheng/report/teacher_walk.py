"""The primary surplus in one walk, in the order the 人事股 acts on it (review rv28 4: the
布局调整方案 gave 672, 635, 569, 397 and 435 and the transfers 37, 66 and 103, each right, but a
局务会 could not tell which to approve): the surplus at the plan year's 编制, the transfers to
初中 (its 编制 gap, then its retirees' posts), the retirements not replaced, what is left when
the plan year starts and, through the forecast, what is left at its last year. Said once, in
the 教师学段结构失衡 finding every document prints; the other teacher sentences refer to it
(:func:`walked`) instead of deriving the figures again.

>>> doc = {"year": 2030, "moves": [{"kind": "transfer", "teachers": 37}],
...        "transfer": {"filled": True, "retire": {"teachers": 66}},
...        "retirement": {"year": 2030, "by_stage": {"primary": 172, "junior": 72}},
...        "forecast": {"done": None, "last": 2033, "retired": 118, "cut": 156, "left": 435},
...        "schools": [{"stage": "primary", "need": 1068, "today": 1740, "hire": 0, "surplus": 635},
...                    {"stage": "junior", "need": 1119, "today": 1079, "hire": 3, "surplus": 0}]}
>>> print(surplus_walk(doc))  # 672 − 37 − 66 − 172 = 397; 397 − 118 + 156 = 435
小学按 2030 学年编制富余 672 人 → 转任初中补编制缺口 37 人 → 转任补初中退休岗位 66 人（两项共 103 人）→ 退休不补 172 人 → 2030 学年开学时仍富余 397 人 → 2031—2033 学年退休不补 118 人、编制减少 156 人（富余随之增加）→ 2033 学年开学时仍富余 435 人（按该学年编制；预测期后学生数未预测，能否消化无法判断）
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_transfer import certified_left, rest_words, transferred

#: the finding the walk stands in, and the words of the sentences that refer to it
WALK_HEAD = "教师学段结构失衡"
WALK_REF = f"见“{WALK_HEAD}”"


def walked(doc: Mapping | None) -> bool:
    """Whether the 教师学段结构失衡 finding of ``doc`` (plan.json ``staffing``) carries
    :func:`surplus_walk`: a primary surplus left while 初中 hires, the transfers counted from
    the workbook's 教师资格证学段.

    >>> walked({"transfer": {"filled": True}, "schools": [
    ...     {"stage": "primary", "need": 1, "today": 3, "hire": 0, "surplus": 2},
    ...     {"stage": "junior", "need": 2, "today": 1, "hire": 1, "surplus": 0}]})
    True
    >>> walked({"transfer": {}, "schools": []}), walked(None)
    (False, False)
    """
    stages = stage_figures(doc or {})
    p, j = stages.get("primary"), stages.get("junior")
    return bool(p and j and p.get("left", p["surplus"]) and j["hire"]
                and ((doc or {}).get("transfer") or {}).get("filled"))


def walk_finding(doc: Mapping | None) -> str:
    """The 教师学段结构失衡 finding of a ledger :func:`walked` is true of, for a sheet that prints
    the ledger's sentence (which then refers to it) without it; "" otherwise."""
    from junheng.report.staffing_rows import imbalance_sentence

    return imbalance_sentence(doc) if walked(doc) else ""


def surplus_walk(doc: Mapping) -> str:
    """The walk (module docstring) of a ledger :func:`walked` is true of: each step a figure
    the next one starts from, the forecast's (``doc``'s ``forecast``) after the plan year."""
    f, year, moved = stage_figures(doc)["primary"], doc["year"], transferred(doc)
    cover = -f.get("cover", 0)
    steps = [f"小学按 {year} 学年编制富余 {f['surplus'] + moved:,} 人"]
    steps += [f"转任初中补编制缺口 {moved:,} 人"] if moved else []
    steps += [f"转任补初中退休岗位 {cover:,} 人" + (f"（两项共 {moved + cover:,} 人）" if moved else "")] if cover else []
    steps += [f"退休不补 {f['absorbed']:,} 人"] if f.get("absorbed") else []
    steps.append(f"{year} 学年开学时仍富余 {f.get('left', f['surplus']):,} 人")
    return " → ".join([*steps, *_later(doc.get("forecast"), year)]).replace("） →", "）→")


def _later(figures: Mapping | None, year: int) -> list[str]:
    """The walk's steps after the plan year (``figures``: plan.json ``staffing.forecast``);
    none without a forecast year after it.

    >>> _later({"done": 2032, "last": 2033}, 2030)
    ['退休不补至 2032 学年开学前全部消化']
    >>> _later({"done": None, "last": 2031, "retired": 5, "cut": -2, "left": 9}, 2030)[0]
    '2031 学年退休不补 5 人、编制增加 2 人'
    >>> _later(None, 2030), _later({"done": None, "last": None}, 2030)
    ([], [])
    """
    if not figures or not figures.get("last"):
        return []
    if figures.get("done"):
        return [f"退休不补至 {figures['done']} 学年开学前全部消化"]
    last, cut = figures["last"], int(figures.get("cut") or 0)
    span = f"{year + 1}—{last} 学年" if last > year + 1 else f"{last} 学年"
    change = (f"、编制减少 {cut:,} 人（富余随之增加）" if cut > 0 else f"、编制增加 {-cut:,} 人" if cut < 0 else "")
    return [f"{span}退休不补 {figures['retired']:,} 人{change}",
            f"{last} 学年开学时仍富余 {figures['left']:,} 人（按该学年编制；预测期后学生数未预测，能否消化无法判断）"]


def transfer_note(found: Mapping, hire: int, walk: bool = False) -> str:
    """The 自然减员 sentence's part on 转任初中 counted from 教师资格证学段 (``found``: the
    ledger's ``transfer``; ``hire``: the junior 招聘 left with the retirees' replacements);
    ``walk``: after :func:`surplus_walk`, whose transfers it names by their sum.

    >>> transfer_note({"teachers": 40, "candidates": 150, "unknown": 12}, 56)
    '小学富余教师中持初中及以上教师资格证的 150 人，已转任初中 40 人，上列按编制需招聘已扣除；其余 110 人可转任补充初中退休岗位，少招聘相应人数；另有 12 名持证教师未填资格证学段，未计入，须核实'
    >>> transfer_note({"teachers": 37, "candidates": 271, "retire": {"teachers": 66},
    ...                "left": {"teachers": 135, "unknown": 51}}, 9, walk=True)  # 271 − 37 − 66 = 168
    '小学富余教师中持初中及以上教师资格证的 271 人，除上列转任 103 人外，其余 168 人，按各校仍富余人数可转任 135 人，与初中仍缺的学科不对口；另有 51 名持证教师未填资格证学段，未计入，须核实'
    >>> transfer_note({"teachers": 0, "candidates": 0, "unknown": 0}, 56)
    '小学富余教师中没有持初中及以上教师资格证的（按工作簿“教师资格证学段”），初中所需仍须招聘'
    """
    n, can = found["teachers"], found["candidates"]
    left, unknown = certified_left(found)
    cover = (found.get("retire") or {}).get("teachers") or 0
    done = (f"除上列转任 {n + cover:,} 人外" if walk else f"已转任初中 {n:,} 人，上列按编制需招聘已扣除"
            + (f"，另转任补充初中退休岗位 {cover:,} 人" if cover else ""))
    text = (f"小学富余教师中持初中及以上教师资格证的 {can:,} 人，{done}"
            if can else "小学富余教师中没有持初中及以上教师资格证的（按工作簿“教师资格证学段”），初中所需仍须招聘")
    if left and hire and "retire" not in found:  # an older file: the retirees not yet filled
        text += f"；其余 {left:,} 人可转任补充初中退休岗位，少招聘相应人数"
    elif left:
        sep = "，" if walk else "；"
        text += f"{sep}{rest_words(can - n - cover, left)}与初中仍缺的学科不对口" if hire else f"{sep}其余 {can - n - cover:,} 人留在小学"
    return text + (f"；另有 {unknown:,} 名持证教师未填资格证学段，未计入，须核实" if unknown else "")
