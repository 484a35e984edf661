"""How the Word and HTML reports write numbers, dates and names, defined once so both show the
same figures (a CV always with three decimals, as the engine's messages print it). Plain numbers
go through :mod:`junheng.model.numbers`, the one number formatter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from junheng.evaluate import Evaluation
from junheng.model import numbers
from junheng.model.codes import GRADES, label_of
from junheng.model.labels import COMPARATOR_SIGNS
from junheng.model.labels import STAGE_LABELS_WITH_TOTAL as STAGE_LABELS
from junheng.model.numbers import cv3

STAGE_ORDER = ("preschool", "primary", "junior", "senior")
SHORT_NAMES = {
    "higher_degree_teachers_per_100": "高于规定学历教师",
    "backbone_teachers_per_100": "县级以上骨干教师",
    "pe_art_teachers_per_100": "体育艺术专任教师",
    "teaching_area_per_student": "生均教学及辅助用房",
    "sports_area_per_student": "生均体育运动场馆",
    "equipment_value_per_student": "生均教学仪器设备值",
    "multimedia_rooms_per_100": "网络多媒体教室",
    "computers_per_100": "每百名学生计算机",
    "books_per_student": "生均图书",
    "teachers_per_student": "师生比",
    "higher_degree_teachers_per_student": "生均高学历教师",
    "senior_title_teachers_per_student": "生均中高级职称教师",
}


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas NA."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_cv(cv: float | None) -> str:
    """A 差异系数 with three decimals, as the engine prints it ('0.524'); '无法计算' when NaN."""
    return cv3(cv)


def fmt_limit(limit: float | None) -> str:
    """A CV limit with two decimals ('0.50'); '—' without a limit."""
    return "—" if limit is None else f"{limit:.2f}"


def fmt_int(value: Any) -> str:
    """A count with thousands separators; '—' when unknown."""
    return numbers.number(value, 0)


def shown_total(values: Any, digits: int = 0) -> float:
    """The total of ``values`` as each is shown, rounded to ``digits`` first: a 合计 row then
    equals the sum of the rows above it (planner review finding 19: 42,126 + 33,575 + 980
    printed a total of 76,682).

    >>> shown_total([42126.4, 33575.4, 980.4])  # 42,126 + 33,575 + 980; unrounded 76,682.2
    76681.0
    >>> shown_total([1.234, 2.345], 2)  # 1.23 + 2.35 (2.345 is stored as 2.34500…01)
    3.58
    """
    return round(sum(float(f"{float(v):.{digits}f}") for v in values), digits)


def fmt_amount(value: Any, unit: str = "") -> str:
    """An amount in its natural unit: 元 as whole numbers, shares as percentages, else 2 decimals."""
    if unit == numbers.SHARE:
        return numbers.percent(value)
    return numbers.number(value, 0 if unit == "元" else 2)


def fmt_against(value: Any, threshold: Any, unit: str = "") -> str:
    """:func:`fmt_amount` of a value judged against ``threshold`` (:func:`numbers.against`):
    0.896 against 0.9, never 0.90."""
    return numbers.against(value, threshold, unit)


def fmt_met(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def fmt_date(day: date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def school_year_label(year: int) -> str:
    """2025 -> '2025—2026 学年'."""
    return f"{year}—{year + 1} 学年"


def county_label(ev: Evaluation) -> str:
    """'洛阳市示例县' (or the code when the name is unknown)."""
    name = ev.county.get("name") or ev.county.get("code") or ""
    return f"{ev.county.get('city') or ''}{name}"


def self_report_title(ev: Evaluation) -> str:
    """The county's 自评报告 title, one for the Word report and the web page (planner review
    2026-12-05 finding 6: the page called itself the 督导 body's 「…督导评估报告」)."""
    return f"{county_label(ev)}{ev.standard.name}自评报告"


def indicator_short(indicator_id: str, name: str) -> str:
    return SHORT_NAMES.get(indicator_id, name)


def threshold_text(indicator, stage: str | None = None) -> str:
    """'≥4.2' for a stage, '小学 ≥100.0%、初中 ≥95.0%' for a per-stage item; '' without one."""
    if not indicator.thresholds:
        return ""
    sign = COMPARATOR_SIGNS[indicator.comparator]

    def one(value: float) -> str:
        if indicator.unit == numbers.SHARE:
            return f"{sign}{numbers.percent(value)}"
        return f"{sign}{numbers.trimmed(value)}" + (
            "" if indicator.area == "resources" else indicator.unit)

    if stage is not None:
        value = indicator.threshold_for(stage)
        return "" if value is None else one(value)
    if indicator.per_stage:
        return "、".join(f"{STAGE_LABELS.get(s, s)} {one(v)}" for s, v in indicator.thresholds.items())
    return one(indicator.threshold_for())



def grade_label(grade: str) -> str:
    try:
        return label_of(GRADES, grade)
    except KeyError:
        return str(grade)


def sentences(text: str) -> list[str]:
    """``text`` cut after each 。 outside brackets, for a paragraph each (htext2 1: the 自评's
    layout paragraph ran 3,225 characters); a 。 inside （） or “” stays in its sentence.

    >>> sentences("撤并 2 个。财政支出：一次性 5 万元（含面积。另计）。通行：减少 8%。")
    ['撤并 2 个。', '财政支出：一次性 5 万元（含面积。另计）。', '通行：减少 8%。']
    >>> sentences("没有句号"), sentences("")
    (['没有句号'], [])
    """
    return _cut(text, "。")


def _cut(text: str, mark: str) -> list[str]:
    """``text`` cut after each ``mark`` outside （） and “”."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch in "（“") - (ch in "）”")
        if ch == mark and depth <= 0:
            out.append(text[start:k + 1])
            start = k + 1
    return [*out, text[start:]] if text[start:] else out


#: the longest paragraph of a Word document (brief hzuofa 2: the 整改's 1,093 and 970)
PARAGRAPH_LIMIT = 600
#: a sentence this short joins the paragraph before when over the limit (not a point alone)
SHORT = 20
#: a sentence or ；-item so begun refers to what comes before it and never opens a paragraph
#: (rv8 7: 「本校 2027 学年起启用…」, 「按本方案该校…」, 「规划年 2030 学年 801 人…」 cut from their school)
REFERRING = ("本校", "该校", "按本方案该校", "可改为", "规划年", "其中", "其余")
#: a head before a ： this short (「迁建：」) is a detail of the entry before it, not an entry
HEAD = 5


def opens(item: str) -> int:
    """How freely a paragraph may begin at the ；-item ``item``: 2 an entry (a head of more than
    :data:`HEAD` characters before a ： outside brackets), 0 an item referring back
    (:data:`REFERRING`), 1 any other (「宿舍床位 216 张；」 is a detail of the project before).

    >>> opens("郑沟镇中心小学学生宿舍楼：建筑面积 4,320 平方米；"), opens("宿舍床位 216 张；")
    (2, 1)
    >>> opens("迁建：自竣工后的学年起按新址计；"), opens("按本方案该校 2027 学年 2,510 人；")
    (1, 0)
    """
    if item.startswith(REFERRING):
        return 0
    head = _cut(item, "：")
    return 2 if len(head) > 1 and len(head[0]) > HEAD else 1


def _parts(text: str, level: int) -> list[str]:
    """``text`` cut at ``level``: 3 its lines, 2 its entries, 1 its items that do not refer
    back, 0 every ；-item, -1 after each ，."""
    if level == 3:
        return _cut(text, "\n")
    if level < 0:
        return _cut(text, "，")
    out: list[str] = []
    for item in _cut(text, "；"):
        if out and opens(item) < level:
            out[-1] += item
        else:
            out.append(item)
    return out


def _fit(text: str, limit: int, pack: bool, level: int = 3) -> list[str]:
    """``text`` cut at the highest ``level`` that brings its parts within ``limit``, the parts
    packed up to ``limit`` (below the entries always; entries and lines only when ``pack``)."""
    if len(text) <= limit or level < -1:
        return [text]
    parts = _parts(text, level)
    if len(parts) <= 1:
        return _fit(text, limit, pack, level - 1)
    out: list[str] = []
    for part in parts:
        for k, piece in enumerate(_fit(part, limit, pack, level - 1)):
            joins = pack or level < 2 or k > 0 or len(piece) < SHORT
            if out and joins and len(out[-1]) + len(piece) <= limit:
                out[-1] += piece
            else:
                out.append(piece)
    return out


def point_paragraphs(text: str, limit: int = PARAGRAPH_LIMIT) -> list[str]:
    """``text`` whole when at most ``limit`` characters, else a paragraph a point: a sentence
    each (:func:`sentences`), a sentence over ``limit`` a paragraph per line, then per entry
    (:func:`opens`: a project with all its ；-details, rv8 7), an entry still over ``limit``
    cut at its ； where no item refers back, then at any ；, then after its ，; a sentence after
    a list, one under :data:`SHORT` characters (「详见“未解决事项”表。」) or one beginning
    「本校」「该校」 joins the paragraph before.

    >>> point_paragraphs("甲：一；二；三。乙。", 6)
    ['甲：一；二；', '三。乙。']
    >>> point_paragraphs("甲。乙丙。", 4), point_paragraphs("甲（一；二）。", 3)
    (['甲。', '乙丙。'], ['甲（一；二）。'])
    >>> point_paragraphs("一二，三四；五。", 4)
    ['一二，', '三四；', '五。']
    >>> [len(p) for p in point_paragraphs("甲" * 400 + "。" + "乙" * 400 + "。见表。")]
    [401, 404]
    >>> point_paragraphs("甲工程项目名称：面积 9 平方米；床位 216 张；乙工程项目名称：学位 9 个；迁建：按新址计。", 30)
    ['甲工程项目名称：面积 9 平方米；床位 216 张；', '乙工程项目名称：学位 9 个；迁建：按新址计。']
    >>> point_paragraphs("新校学位空余很多很多很多很多很多很多很多很多。本校 2027 学年起启用。", 40)
    ['新校学位空余很多很多很多很多很多很多很多很多。本校 2027 学年起启用。']
    """
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    listed = False  # whether the last paragraph ends a list
    for sentence in sentences(text):
        if len(sentence) <= limit:
            joins = listed or len(sentence) < SHORT or sentence.startswith(REFERRING)
            if joins and out and len(out[-1]) + len(sentence) <= limit:
                out[-1] += sentence
            else:
                out.append(sentence)
            listed = False
            continue
        out += _fit(sentence, limit, False)
        listed = True
    return [p.rstrip("\n") for p in out]


def short_paragraphs(text: str, limit: int = 600) -> list[str]:
    """``text`` as paragraphs a 局务会 can hear read (rv6 N13): whole when at most ``limit``
    characters, else a sentence each (:func:`sentences`), and a sentence over ``limit`` cut at
    its lines, then its entries, then its ；-items (never before one that refers back,
    :func:`opens`, rv8 7), the parts packed up to ``limit``; a sentence beginning 「本校」「该校」
    joins the paragraph before.

    >>> short_paragraphs("甲：一；二；三。乙。", 6)
    ['甲：一；二；', '三。', '乙。']
    >>> short_paragraphs("甲（一；二）。", 3), short_paragraphs("甲。乙。", 4)
    (['甲（一；二）。'], ['甲。乙。'])
    >>> short_paragraphs("某新校学位空余很多很多很多很多很多。本校 2027 学年起启用。" + "乙" * 30 + "。", 40)
    ['某新校学位空余很多很多很多很多很多。本校 2027 学年起启用。', '乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙。']
    >>> short_paragraphs("学校名称甲：2027 学年 9 间；2029 学年 3 间：借用；\\n学校名称乙：2027 学年 7 间。", 40)
    ['学校名称甲：2027 学年 9 间；2029 学年 3 间：借用；', '学校名称乙：2027 学年 7 间。']
    """
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    for part in sentence_paragraphs(text, limit):
        out += [part] if len(part) <= limit else _fit(part, limit, True)
    return [p.rstrip("\n") for p in out]  # a paragraph cut after a line ends without an empty one


def sentence_paragraphs(text: str, limit: int = PARAGRAPH_LIMIT) -> list[str]:
    """A paragraph a sentence (:func:`sentences`), one beginning 「本校」「该校」 joined to the one
    before while within ``limit``: it speaks of the school that one names (rv8 7).

    >>> sentence_paragraphs("新校学位空余。本校 2027 学年起启用。同乡镇超员。")
    ['新校学位空余。本校 2027 学年起启用。', '同乡镇超员。']
    """
    out: list[str] = []
    for sentence in sentences(text):
        if out and sentence.startswith(REFERRING) and len(out[-1]) + len(sentence) <= limit:
            out[-1] += sentence
        else:
            out.append(sentence)
    return out
