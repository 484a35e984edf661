"""The plan ledger (台账) and the city ranking as print-ready Excel workbooks (Chinese).

Sheets of a ledger: 台账 (one row per target: values per school year, status, projection),
原文与佐证 (the plan's words, notes and evidence per year), 测算明细 (the ids behind each
number), 说明 (status rules and notes), and 报送前核对 when a note asks the county to check its
data (the 台账 sheet states the difference only). A city ranking: 排名 (per year), 问责, 说明.
A4 landscape, fitted to the page width, frozen and repeated header rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from junheng.io.excel import new_workbook
from junheng.ledger.city import CityRanking
from junheng.ledger.plan import COMPARATOR_LABELS
from junheng.ledger.registry import get_measure
from junheng.ledger.run import TEACHER_WORD, Ledger, TargetProgress
from junheng.model import numbers
from junheng.model.codes import BACKBONE_LEVELS, GRADES, OWNERSHIP, label_of
from junheng.model.codes_v2 import GROUP_TYPES, PROJECT_TYPES, ROTATION_MODES, TRAINING_LEVELS
from junheng.model.county_items import INDICATORS
from junheng.model.labels import (
    AREA_LABELS,
    SCHOOL_TYPE_LABELS,
    STAGE_LABELS,
    URBAN_RURAL_LABELS,
)
from junheng.report.signed_text import signed
from junheng.standards import load_standard

STATUS_COLOURS = {
    "已达成": "#C6EFCE", "按期推进": "#DDEBF7", "滞后": "#FFC7CE", "无进展": "#FFEB9C",
    "倒退": "#FF9999",
    "待填报": "#E7E6E6", "无对比数据": "#E7E6E6",
}
STATUS_RULES = [
    ("待填报", "没有任何学年的数值：手工填报目标尚未填写，或数据缺少测算所需的内容（如县级指标）。"),
    ("已达成", "最新学年的数值达到目标；每年核验的目标（原文写“每年”“保持”“逐年”“持续”，见下）还须计划期内"
              "每个学年都达到。"),
    ("倒退", "未达到目标，且最新数值比实际基准年离目标更远（如大班额应为 0 个而由 187 个增到 191 个，"
            "或应不低于 100% 而由 99% 降到 97%）；"
            "比例的下降只因测算范围扩大（基准年计入的仍全部计入，如新开办或新转为公办的学校尚未评定）的，"
            "不计为倒退，按期限和趋势判断。"),
    ("滞后", "未达到目标，且最新学年已到或超过期限；或按趋势线推算到期限仍达不到目标（数值原地不动时趋势线持平，"
            "如大校额学校 5 → 5 而目标为 0，同样为滞后）；或每年核验的目标有某个学年未达到（即使最新学年已达到）。"),
    ("每年核验", "原文写“每年”“保持”“逐年”“持续”的目标，计划期内每个学年单独核验：任一学年未达到即为滞后，"
                 "该行说明列出未达到的学年（如目标为每年不低于某一比例，较早某个学年低于该比例，"
                 "即使最新学年已达到，仍为滞后）。"),
    ("无进展", "未达到目标、未到期限，最新数值与实际基准年相同，且没有趋势线可推算：只有基准年一年的数据，"
              "或是/否目标仍为“否”。"),
    ("无对比数据", "目标与基准年或上一学年比较，而计划期内只有一个学年的数据：待下一学年数据再判断。"),
    ("按期推进", "未达到目标、未到期限，按基准年以来各学年数值的最小二乘趋势线推算到期限能达到目标。"),
]
MAX_ITEMS_SHOWN = 300


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"border": 1, "valign": "vcenter", "font_name": "宋体", "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_name": "黑体"})
        self.subtitle = wb.add_format({"font_size": 10, "font_name": "宋体", "italic": True})
        self.head = wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                                   "align": "center"})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.centre = wb.add_format({**base, "align": "center"})
        self.number = {
            "share": wb.add_format({**base, "num_format": "0.0%"}),
            "count": wb.add_format({**base, "num_format": "#,##0"}),
            "number": wb.add_format({**base, "num_format": "#,##0.00##"}),
            CV_KIND: wb.add_format({**base, "num_format": "0.000"}),
            MONEY_KIND: wb.add_format({**base, "num_format": MONEY_FORMAT}),
        }
        self.status = {s: wb.add_format({**base, "align": "center", "bold": True, "bg_color": c})
                       for s, c in STATUS_COLOURS.items()}


def _page(ws, header_row: int) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(header_row)
    ws.freeze_panes(header_row + 1, 0)
    ws.set_footer("&C第 &P 页，共 &N 页")


def _heads(ws, f: _Formats, row: int, heads: Sequence[tuple[str, float]]) -> None:
    for j, (head, width) in enumerate(heads):
        ws.write_string(row, j, head, f.head)
        ws.set_column(j, j, width)
    ws.set_row(row, 30)


#: how a 差异系数 is written: 3 decimals, as in the evaluation reports (0.274, not 0.2742)
CV_KIND = "cv"
#: money (元, 万元) to the 分, as the web ledger shows it: 6,590.67 元, not 6,590.6667 (review
#: rv22 finding 6)
MONEY_KIND = "money"
MONEY_FORMAT = "#,##0.00"
MONEY_UNITS = frozenset({"元", "万元"})


def cell_kind(kind: str, unit: str) -> str:
    """The number format a target's values take: a 差异系数 has its own (3 decimals), money its
    own (2 decimals), a 比例 is a percentage.

    >>> cell_kind("number", "差异系数"), cell_kind("number", ""), cell_kind("share", "比例")
    ('cv', 'number', 'share')
    >>> cell_kind("number", "元"), cell_kind("number", "万元"), cell_kind("count", "人")
    ('money', 'money', 'count')

    A number whose unit is 比例 (a 县级指标 such as the 残疾儿童少年入学率) is a share, as its target
    「不低于 98%」 is shown (review rv23 4: 「0.932」 beside it):

    >>> cell_kind("number", "比例")
    'share'
    """
    if unit == "差异系数":
        return CV_KIND
    if unit == "比例":
        return "share"
    return MONEY_KIND if unit in MONEY_UNITS and kind != "share" else kind


def _write_value(ws, f: _Formats, row: int, col: int, value: Any, kind: str) -> None:
    if value is None:
        ws.write_blank(row, col, None, f.centre)
    elif isinstance(value, bool):
        ws.write_string(row, col, "是" if value else "否", f.centre)
    elif isinstance(value, str):
        ws.write_string(row, col, value, f.centre)
    else:
        ws.write_number(row, col, float(value), f.number.get(kind, f.number["number"]))


def joined_notes(notes) -> str:
    """A target's notes in one cell, joined by '；' without a sentence's '。' before it
    (review 2026-12-04 finding 19: '逐一列出。；基准年…').

    >>> joined_notes(["测算明细逐一列出。", "", "基准年 2023 学年没有数据"])
    '测算明细逐一列出；基准年 2023 学年没有数据'
    """
    return "；".join(x.rstrip("。；") for x in notes if x)


def _target_text(t: TargetProgress) -> str:
    goal = t.target.target
    if goal == "baseline":
        shown = "基准年数值"
    elif goal == "previous":
        shown = "上一学年数值"
    elif isinstance(goal, bool):
        shown = "是" if goal else "否"
    elif t.kind == "share" or t.unit == "比例":
        shown = _percent(float(goal))
    else:
        shown = f"{float(goal):,.10g}"
    relative = goal in ("baseline", "previous")  # a value of the plan's own years: no unit
    unit = "" if relative or t.kind == "share" or t.unit in ("比例", "是/否", "") else t.unit
    return f"{COMPARATOR_LABELS[t.target.comparator]} {shown}{unit}"


def _percent(share: float) -> str:
    """0.6 -> '60%', 0.955 -> '95.5%'."""
    whole = round(share * 100, 6).is_integer()
    return f"{share:.0%}" if whole else f"{share:.1%}"


# A measure's parameters as the 测算方式 column names them (values through model.labels).
PARAM_NAMES = {"area": "范围", "stage": "学段", "stages": "学段", "ownership": "举办者",
               "since": "起始学年", "min_level": "最低骨干等级", "hours": "学时",
               "min_years": "任教年限", "threshold": "界限", "school_types": "学校类型",
               "types": "学校类别", "project_types": "项目类型", "include_teaching_points": "含教学点",
               "include_nursery": "含附设幼儿班", "years_ahead": "预测年数", "code": "指标",
               "indicator": "指标", "boarding_only": "仅寄宿制学校", "codes": "城乡分类",
               "basis": "口径", "group_types": "集团类型", "item": "评估项目", "min_category": "最低培训类别"}
YEAR_PARAMS = {"since"}  # school years: written without a thousands separator
SCHOOL_GROUP_LABELS = {"compulsory": "义务教育学校", "kindergarten": "幼儿园", "senior": "普通高中",
                       "all": "全部学校"}
PARAM_VALUES = {**AREA_LABELS, **STAGE_LABELS, **SCHOOL_TYPE_LABELS, **URBAN_RURAL_LABELS,
                **{code: name for name, code in OWNERSHIP.items()},
                **{code: name for table in (PROJECT_TYPES, GROUP_TYPES, TRAINING_LEVELS,
                                            ROTATION_MODES) for name, code in table.items()},
                **{i.code: i.label for i in INDICATORS}, "composite": "综合差异系数",
                "eligible": "符合交流条件的教师", "full_time": "专任教师"}
QUALITY_ITEMS = {i.id: i.name for i in load_standard("quality-2017").indicators}
# A 骨干 level is named as a 骨干 level (县级), not as the training level of the same code (县培).
BACKBONE_LABELS = {code: name for name, code in BACKBONE_LEVELS.items()}
PARAM_VALUES_OF = {"types": SCHOOL_GROUP_LABELS, "item": QUALITY_ITEMS, "min_level": BACKBONE_LABELS,
                   "min_category": {code: name for name, code in TRAINING_LEVELS.items()}}
CV_MEASURES = {"quality_cv": "优质均衡", "basic_cv": "基本均衡"}


def _param_text(value: Any, key: str = "") -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_param_text(v, key) for v in value)
    if key in YEAR_PARAMS and isinstance(value, int | float):
        return str(int(value))
    if isinstance(value, int | float):
        return numbers.trimmed(value, 4)
    return PARAM_VALUES_OF.get(key, {}).get(str(value)) or PARAM_VALUES.get(str(value), str(value))


def cv_label(measure: str, params: Any) -> str:
    """'基本均衡小学综合差异系数': the standard, the stage and the indicator of a CV measure.

    >>> cv_label("basic_cv", {"stage": "primary"}), cv_label("quality_cv", {"stage": "junior"})
    ('基本均衡小学综合差异系数', '优质均衡初中综合差异系数')
    """
    stage = STAGE_LABELS.get(params.get("stage", "primary"), "")
    indicator = params.get("indicator", "composite")
    shown = "综合差异系数" if indicator == "composite" else f"{_param_text(indicator)}差异系数"
    return f"{CV_MEASURES[measure]}{stage}{shown}"


def _measure_text(t: TargetProgress) -> str:
    """'大班额班级数（范围 城区，学段 小学）': the measure and its parameters in words."""
    if t.target.is_manual:
        return "手工填报"
    if t.target.measure.name in CV_MEASURES:
        return cv_label(t.target.measure.name, t.target.measure.params)
    params = "，".join(f"{PARAM_NAMES[k]} {_param_text(v, k)}" for k, v in
                      t.target.measure.params.items() if k in PARAM_NAMES)
    if not params:
        return t.label
    # the label's own scope and the parameters in one bracket: '寄宿制学校数（公办义务教育学校，举办者 公办）'
    return f"{t.label[:-1]}，{params}）" if t.label.endswith("）") else f"{t.label}（{params}）"


#: a class id as :meth:`junheng.evaluate.class_size.ClassSizes.ids` makes it: ``school/grade/class_no``,
#: a school id and a class number without spaces or "/" around a grade code of ``GRADES``
CLASS_ID = re.compile(r"([^/\s]+)/(" + "|".join(sorted(GRADES.values(), key=len, reverse=True))
                      + r")/([^/\s]+)")


def item_text(item: str, names: Mapping[str, str] | None = None) -> str:
    """A 测算明细 id in words: '4103310020:primary' -> '4103310020（小学）'; a school by its
    name when ``names`` has it, a class ``school/grade/class_no`` as 学校 一年级1班 (review
    finding 11: the codes put English letters before the reader).

    >>> item_text("4103310020:primary"), item_text("primary:composite"), item_text("S1")
    ('4103310020（小学）', '小学（综合差异系数）', 'S1')
    >>> item_text("4103310001/g1/1", {"4103310001": "洛北县实验小学"})
    '洛北县实验小学 一年级1班'
    >>> item_text("4103310001:junior", {"4103310001": "洛北县实验中学"}), item_text("X/g7/2")
    ('洛北县实验中学（初中）', 'X 七年级2班')
    >>> item_text("撤销:4103313025", {"4103313025": "红林镇顾岭村教学点"})
    '撤销（红林镇顾岭村教学点）'

    Only a class id's shape (:data:`CLASS_ID`) is read as a class; a sentence with two "/"
    stays as written (review rv22 finding 1: 「达标学校 38 55 所、教学点 3470 个…万元班」):

    >>> item_text("现值 57.6%（达标学校 38/55 所、教学点 34/70 个），需增加 26.55 万元")
    '现值 57.6%（达标学校 38/55 所、教学点 34/70 个），需增加 26.55 万元'

    """
    names = names or {}
    klass = CLASS_ID.fullmatch(item)
    if klass:
        school, grade, number = klass.groups()
        return f"{names.get(school, school)} {label_of(GRADES, grade)}{number}班"
    head, *rest = item.split(":")
    head = names.get(head) or PARAM_VALUES.get(head, head)
    if not rest:
        return head
    tail = "，".join(names.get(x) or PARAM_VALUES.get(x, x) for x in rest)
    return f"{head}（{tail}）"


def _ledger_sheet(wb, f: _Formats, ledger: Ledger) -> None:
    ws = wb.add_worksheet("台账")
    years = sorted({y for t in ledger.targets for y in t.values})
    ws.write_string(0, 0, ledger.title, f.title)
    ws.write_string(1, 0, f"区域：{ledger.region}；基准年：{ledger.plan.baseline_year} 学年；"
                          f"数据学年：{'、'.join(map(str, ledger.years)) or '无'}。"
                          "比例以百分数显示；学年按起始年份记。", f.subtitle)
    heads = [("序号", 5), ("目标", 28), ("测算方式", 24), ("目标值", 14), ("期限", 7),
             ("责任单位", 16), *[(f"{y} 学年", 10) for y in years], ("状态", 9),
             ("到期预计", 10), ("说明", 36)]
    _heads(ws, f, 3, heads)
    for i, t in enumerate(ledger.targets, start=1):
        row = 3 + i
        ws.write_number(row, 0, i, f.centre)
        ws.write_string(row, 1, t.target.name, f.text)
        ws.write_string(row, 2, _measure_text(t), f.text)
        ws.write_string(row, 3, _target_text(t), f.text)
        if t.target.deadline_date:
            ws.write_string(row, 4, t.target.deadline_label, f.centre)
        else:
            ws.write_number(row, 4, t.target.deadline, f.centre)
        ws.write_string(row, 5, t.target.responsible, f.text)
        kind = cell_kind(t.kind, t.unit)
        for j, year in enumerate(years, start=6):
            _write_value(ws, f, row, j, t.values.get(year), kind)
        col = 6 + len(years)
        ws.write_string(row, col, t.status.value, f.status[t.status.value])
        _write_value(ws, f, row, col + 1, t.projected, kind)
        ws.write_string(row, col + 2, joined_notes(signed(n) for n in (t.target.note, *t.notes)),
                        f.text)  # states the difference; the ask is on 报送前核对
    _page(ws, 3)


#: the 报送前核对 sheet's title: the bureau checks, then removes the sheet before sending
CHECKS_TITLE = "报送前核对（台账报送前由县区核实，核实后删除本表，不随台账报送）"


def ledger_checks(ledger: Ledger) -> list[str]:
    """The asks :func:`~junheng.report.signed_text.signed` leaves out of the 台账 sheet's
    说明 column, one line per note: the target, the school year, the note as measured
    (planner review 2026-12-05 finding 1: "…相差 84 人，请核对县级填报" stood in a sheet the
    bureau sends).

    >>> from types import SimpleNamespace as NS
    >>> t = NS(target=NS(name="交流轮岗比例", note="分母按交流规则计算"), notes=(
    ...     "2024：本指标按教师表和交流规则计为 1,123 人，相差 84 人，请核对县级填报", "每年均须达到"))
    >>> ledger_checks(NS(targets=[t]))
    ['“交流轮岗比例”2024 学年：本指标按教师表和交流规则计为 1,123 人，相差 84 人，请核对县级填报。']
    """
    out = []
    for t in ledger.targets:
        for note in (t.target.note, *t.notes):
            if note and signed(note) != note:
                year = re.match(r"(\d{4})：", note)
                said = f"{year.group(1)} 学年：{note[year.end():]}" if year else f"：{note}"
                out.append(f"“{t.target.name}”{said.rstrip('。')}。")
    return out


def _checks_sheet(wb, f: _Formats, ledger: Ledger) -> None:
    """报送前核对 (:func:`ledger_checks`), only when there is something to check."""
    from junheng.report.checklist import HEADS

    checks = ledger_checks(ledger)
    if not checks:
        return
    ws = wb.add_worksheet("报送前核对")
    ws.write_string(0, 0, CHECKS_TITLE, f.title)
    _heads(ws, f, 2, [(HEADS[0], 6), (HEADS[1], 110), (HEADS[2], 30)])
    for k, text in enumerate(checks, start=1):
        ws.write_number(2 + k, 0, k, f.centre)
        ws.write_string(2 + k, 1, text, f.text)
        ws.write_blank(2 + k, 2, None, f.text)
    _page(ws, 2)


def _quotes_sheet(wb, f: _Formats, ledger: Ledger) -> None:
    ws = wb.add_worksheet("原文与佐证")
    _heads(ws, f, 0, [("序号", 5), ("目标", 26), ("计划原文", 50), ("佐证要求", 30),
                      ("各学年填报值与佐证", 50)])
    for i, t in enumerate(ledger.targets, start=1):
        evidence = "\n".join(f"{y} 学年：{_shown(t.values.get(y), cell_kind(t.kind, t.unit))}；{e}"
                             for y, e in sorted(t.evidence.items()))
        for j, text in enumerate((t.target.name, t.target.quote, t.target.evidence, evidence),
                                 start=1):
            ws.write_string(i, j, text, f.text)
        ws.write_number(i, 0, i, f.centre)
    _page(ws, 0)


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return "未填"
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind == CV_KIND:
        return f"{value:.3f}"
    if kind == MONEY_KIND:
        return f"{value:,.2f}"
    return numbers.percent(value) if kind == "share" else numbers.trimmed(value, 4)


#: the 测算明细 sheet's detail column
ITEMS_HEAD = "明细（学校、班级、乡镇；教师按所在学校计人数；县区为代码）"


def items_shown(items: Sequence[str], names: Mapping[str, str]) -> str:
    """A year's 测算明细 in words: teachers (named 学校教师 in ``names``) counted per school,
    in the schools' order (as the data list them), anything else by :func:`item_text`, at most ``MAX_ITEMS_SHOWN`` entries.

    >>> names = {"S1": "城关小学", "S2": "河口小学", "T1": "河口小学教师", "T2": "城关小学教师",
    ...          "T3": "城关小学教师"}
    >>> items_shown(["T1", "T2", "T3"], names), items_shown(["S1", "X9"], names)
    ('城关小学教师 2 人、河口小学教师 1 人', '城关小学、X9')
    """
    texts = [item_text(x, names) for x in items]
    teachers = Counter(t for x, t in zip(items, texts, strict=True)
                       if x in names and t.endswith(TEACHER_WORD))
    if teachers:  # one entry per school, the schools in their order in ``names``
        order: dict[str, int] = {}
        for i, name in enumerate(names.values()):
            order.setdefault(name, i)
        texts = sorted(dict.fromkeys(texts), key=lambda t: order.get(
            t.removesuffix(TEACHER_WORD) if t in teachers else t, len(order)))
        texts = [f"{t} {teachers[t]:,} 人" if t in teachers else t for t in texts]
    shown = texts
    if len(shown) <= MAX_ITEMS_SHOWN:
        return "、".join(shown)
    return ("、".join(shown[:MAX_ITEMS_SHOWN])
            + f"……（共 {len(shown)} 项，此处列出前 {MAX_ITEMS_SHOWN} 项）")


def _items_sheet(wb, f: _Formats, ledger: Ledger) -> None:
    ws = wb.add_worksheet("测算明细")
    _heads(ws, f, 0, [("目标", 26), ("学年", 8), ("所计", 30), ("个数", 8), (ITEMS_HEAD, 90)])
    row = 1
    for t in ledger.targets:
        for year, items in sorted(t.items.items()):
            if not items:
                continue
            shown = items_shown(items, ledger.names)
            ws.write_string(row, 0, t.target.name, f.text)
            ws.write_number(row, 1, year, f.centre)
            ws.write_string(row, 2, get_measure(t.target.measure.name).counted_text(t.label), f.text)
            ws.write_number(row, 3, len(items), f.centre)
            ws.write_string(row, 4, shown, f.text)
            row += 1
    _page(ws, 0)


def _notes_sheet(wb, f: _Formats, title: str, summary: dict[str, int] | None,
                 rules: Sequence[tuple[str, str]], notes: Sequence[str]) -> None:
    ws = wb.add_worksheet("说明")
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, title, f.title)
    row = 2
    if summary is not None:
        _heads(ws, f, row, [("状态", 14), ("目标数", 100)])
        for status, n in summary.items():
            row += 1
            ws.write_string(row, 0, status, f.status.get(status, f.centre))
            ws.write_number(row, 1, n, f.number["count"])
        row += 2
    _heads(ws, f, row, [("项目", 14), ("说明", 100)])
    for name, text in [*rules, *[("提示", n) for n in notes]]:
        row += 1
        ws.write_string(row, 0, name, f.status.get(name, f.centre))
        ws.write_string(row, 1, text, f.text)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def write_ledger_xlsx(ledger: Ledger, path: str | Path) -> Path:
    """Write a measured plan to a print-ready Excel workbook.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from junheng.ledger import plan_from_dict, run_ledger
    >>> from junheng.model import CountyData
    >>> plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"},
    ...     "baseline_year": 2025, "targets": [{"id": "tp", "name": "教学点清零", "quote": "……",
    ...     "measure": "teaching_points", "comparator": "<=", "target": 0, "deadline": 2027,
    ...     "responsible": "县教育局"}]})
    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "T", "school_type": "teaching_point"}])
    >>> ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    >>> write_ledger_xlsx(ledger, Path(tempfile.mkdtemp()) / "台账.xlsx").suffix
    '.xlsx'
    """
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _Formats(wb)
        _ledger_sheet(wb, f, ledger)
        _quotes_sheet(wb, f, ledger)
        _items_sheet(wb, f, ledger)
        _notes_sheet(wb, f, f"{ledger.plan.plan}：状态说明", ledger.summary(), STATUS_RULES,
                     ledger.notes)
        _checks_sheet(wb, f, ledger)
    finally:
        wb.close()
    return path


def write_city_xlsx(ranking: CityRanking, path: str | Path) -> Path:
    """Write the city ranking (per school year) and the 问责 list to an Excel workbook."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _Formats(wb)
        ws = wb.add_worksheet("排名")
        ws.write_string(0, 0, f"{ranking.city or '全市'}各县区台账完成与优质均衡评估排名", f.title)
        ws.write_string(1, 0, f"台账计划：{ranking.plan}", f.subtitle)
        _heads(ws, f, 3, [("学年", 7), ("名次", 6), ("县区", 14), ("县区代码", 10),
                          ("达成目标", 9), ("可测目标", 9), ("完成率", 9), ("优质均衡", 9),
                          ("未达标指标（项）", 9),
                          ("未达到学校达标要求的评估单位（个）", 12), ("优质均衡小学综合差异系数", 12),
                          ("优质均衡初中综合差异系数", 12), ("后两名", 8), ("问责", 8)])
        row = 3
        for year in ranking.years:
            for s in ranking.year(year):
                row += 1
                cells = [(s.school_year, "count"), (s.rank, "count"), (s.county_name, "text"),
                         (s.county_code, "text"), (s.targets_met, "count"),
                         (s.targets_measured, "count"), (s.completion, "share"),
                         (None if s.quality_status is None else s.quality_label, "text"),
                         (s.quality_failures, "count"), (s.quality_failed_units, "count"),
                         (s.primary_cv, CV_KIND),
                         (s.junior_cv, CV_KIND),
                         ("是" if s.bottom_two else "", "text"),
                         ("启动问责" if s.accountable else "", "text")]
                for j, (value, kind) in enumerate(cells):
                    _write_value(ws, f, row, j, value, kind)
        _page(ws, 3)
        flagged = wb.add_worksheet("问责")
        _heads(flagged, f, 0, [("学年", 8), ("县区", 16), ("县区代码", 10), ("依据", 80)])
        for i, s in enumerate(ranking.accountable, start=1):
            for j, value in enumerate((s.school_year, s.county_name, s.county_code,
                                       f"{s.school_year - 1}、{s.school_year} 两个学年均排在后两名")):
                _write_value(flagged, f, i, j, value, "count")
        _page(flagged, 0)
        _notes_sheet(wb, f, "排名规则", None, [
            ("排序", "依次比较：台账完成率（高者在前）、优质均衡未达标指标项数（少者在前）、未达到学校达标要求的评估单位个数（少者在前）、优质均衡小学和初中综合差异系数的平均值"
                     "（小者在前，仅用于排序；表中分列两个学段的数值）；各项都相同的县区名次相同。"),
            ("后两名", "排在该县区之后的县区少于两个（并列者同等对待）；当年县区不足 3 个时不判定。"),
            ("问责", "连续两个学年都在后两名的县区（新乡市 2023 年教育工作会议：连续两年排在后两名的单位启动问责机制）。"),
        ], ranking.notes)
    finally:
        wb.close()
    return path
