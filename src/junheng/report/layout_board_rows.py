"""Where the reports print the priced option for a town without a boarding school
(:mod:`junheng.planning.layout_board_option`, rv16 finding 5): a row of 表 2 「需局务会决定的
事项」 a town and stage, and in the 调整前后对比 notes the note naming the towns goes on to the options (the
workbook's sheet, in full) or to that row (the document, which prints them once, in 表 2).
"""

from __future__ import annotations

from collections import Counter

from junheng.planning.layout_board_option import OPTIONS_KEY, idle_key, idle_text, option_texts
from junheng.planning.layout_outcome import LayoutOutcome

#: where the reason of the 表 2 rows is
ROW_PART = "调整前后对比的说明“本方案不满足”"
#: the target note's end with the options (workbook) and in the document
OPTIONS_LEAD = "。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用（按本方案单价）如下："
TABLE_REF = "。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用见“需局务会决定的事项”表各乡镇寄宿制学校行。"


def boarding_rows(plan: LayoutOutcome) -> list[list[str]]:
    """表 2's rows, one a town and stage: the plan's choice (none) or the priced option ([]
    without options).

    >>> row = {"town_name": "甲镇", "stage": "primary", "school_name": "甲镇中心小学", "pupils": 553,
    ...        "boarders": 0, "beds_now": 0, "beds": 50, "area_m2": 400.0, "yuan": 1_400_000.0,
    ...        "yearly_yuan": 0.0}
    >>> [(head, said[:21], where) for head, said, where in boarding_rows(LayoutOutcome(
    ...     "optimal", (), {}, target_year=2030, rules={"boarding_per_town_options": [row]}))]
    [('甲镇寄宿制小学', '本方案不设；或候选甲镇中心小学（本镇保留的', '调整前后对比的说明“本方案不满足”')]
    >>> boarding_rows(LayoutOutcome("optimal", (), {}))
    []

    Two towns where nobody must board and the least boarding school costs the same: one row
    (review rv27 8):

    >>> two = [row, {**row, "town_name": "乙镇", "school_name": "乙镇中心小学"}]
    >>> [(head, said[:10]) for head, said, _ in boarding_rows(LayoutOutcome(
    ...     "optimal", (), {}, target_year=2030, rules={"boarding_per_town_options": two}))]
    [('甲镇、乙镇寄宿制小学', '本方案不设。候选学校')]
    """
    rules = plan.rules or {}
    options = list(rules.get(OPTIONS_KEY) or ())
    alike = Counter(idle_key(o) for o in options)
    rows, said = [], set()
    for option, text in zip(options, option_texts(rules, plan.target_year), strict=True):
        key = idle_key(option)
        if key is not None and alike[key] > 1:  # said once for all alike (review rv27 8)
            if key not in said:
                said.add(key)
                rows.append([*idle_text([o for o in options if idle_key(o) == key], rules,
                                        plan.target_year), ROW_PART])
            continue
        head, rest = text.split("：", 1)
        rows.append([head, f"本方案不设；或{rest}", ROW_PART])
    return rows


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
    ['甲。如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用见“需局务会决定的事项”表各乡镇寄宿制学校行。', '乙']
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
