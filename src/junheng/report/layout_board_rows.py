"""Where the reports print the priced option for a town without a boarding school
(:mod:`junheng.planning.layout_board_option`, rv16 finding 5): a row of 表 2 「需局务会决定的
事项」, and in the 调整前后对比 notes the note naming the towns goes on to the options (the
workbook's sheet, in full) or to that row (the document, which prints them once, in 表 2).
"""

from __future__ import annotations

from junheng.planning.layout_board_option import OPTIONS_KEY, option_texts
from junheng.planning.layout_outcome import LayoutOutcome

#: the 表 2 row's head and where the reason is
ROW_HEAD = "乡镇寄宿制学校"
ROW_PART = "调整前后对比的说明“本方案不满足”"
#: the target note's end with the options (workbook) and in the document
OPTIONS_LEAD = "。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用（按本方案单价）如下："
TABLE_REF = f"。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用见“需局务会决定的事项”表“{ROW_HEAD}”行。"


def boarding_row(plan: LayoutOutcome) -> list[str]:
    """表 2's row: the towns, the plan's choice (none) or each town's priced option ([]
    without options).

    >>> row = {"town_name": "甲镇", "stage": "primary", "school_name": "甲镇中心小学", "pupils": 553,
    ...        "boarders": 0, "beds_now": 0, "beds": 50, "area_m2": 400.0, "yuan": 1_400_000.0,
    ...        "yearly_yuan": 0.0}
    >>> plan = LayoutOutcome("optimal", (), {}, target_year=2030, rules={OPTIONS_KEY: [row]})
    >>> boarding_row(plan)[0], boarding_row(plan)[1][:26], boarding_row(plan)[2]
    ('乡镇寄宿制学校（甲镇）', '本方案不设；或按规划目标设：甲镇寄宿制小学：候选甲镇中心', '调整前后对比的说明“本方案不满足”')
    >>> boarding_row(LayoutOutcome("optimal", (), {}))
    []
    """
    rules = plan.rules or {}
    texts = option_texts(rules, plan.target_year)
    if not texts:
        return []
    towns = list(dict.fromkeys(row["town_name"] for row in rules[OPTIONS_KEY]))
    return [f"{ROW_HEAD}（{'、'.join(towns)}）", "本方案不设；或按规划目标设：" + "".join(texts), ROW_PART]


def target_notes(note: str, plan: LayoutOutcome) -> list[str]:
    """The note naming the towns (it ends with the target they miss, ``note``) and, when the
    plan has priced options, its end pointing to them, each a note of its own."""
    texts = option_texts(plan.rules or {}, plan.target_year)
    if not texts:
        return [note]
    return [note.removesuffix(TARGET_TAIL) + OPTIONS_LEAD, *texts]


#: the target note's end without priced options (an older plan.json)
TARGET_TAIL = "：如要达到，须另行决定在这些乡镇建设寄宿制学校。"


def in_table(notes: list[str]) -> list[str]:
    """The document's notes: the options are in 表 2, so the note points there and the
    option notes go.

    >>> in_table(["甲" + OPTIONS_LEAD, "甲镇寄宿制小学：候选……", "乙"])
    ['甲。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用见“需局务会决定的事项”表“乡镇寄宿制学校”行。', '乙']
    """
    if not any(n.endswith(OPTIONS_LEAD) for n in notes):
        return notes
    out, skip = [], False
    for n in notes:
        if n.endswith(OPTIONS_LEAD):
            out.append(n.removesuffix(OPTIONS_LEAD) + TABLE_REF)
            skip = True
        elif skip and n.split("：")[0].endswith(("寄宿制小学", "寄宿制初中")):
            continue
        else:
            out.append(n)
            skip = False
    return out
