"""The 整改 measure of a 待核实 item the county attests (review rv6 N3: the table said 「在“县级认定”
表…填写…佐证材料」, a step in the workbook, and for the 违规择校 veto item 「查实存在违规择校的改认定为
“是”」, an instruction to change the answer).

The measure is what the bureau does: who verifies what, with which evidence, by when; the
workbook step follows in brackets. For 违规择校 it is a special check of the schools the
招生表 names, whose findings are handled by the rules and attested as found.
"""

from __future__ import annotations

from typing import Any

from junheng.evaluate.items import fmt_number

#: who verifies an item other than the bureau alone (the rest: 县教育局 with its offices and schools)
CHECKERS = {
    "layout_planning": ("县教育局会同县自然资源局", "县教育局、县自然资源局"),
    "school_building_standard": ("县教育局会同县发展改革委、县财政局", "县教育局、县发展改革委、县财政局"),
    "staffing_allocation": ("县委编办、县人社局会同县教育局", "县委编办、县人社局、县教育局"),
}
BY_BUREAU = ("县教育局会同有关股室和学校", "县教育局")
#: the workbook step, after the bureau's action
WORKBOOK = "（核实后在工作簿“县级认定”表更新认定结果和佐证说明）"
CHOICE = "irregular_school_choice"


def attested_measure(ind_id: str, name: str, evidence: str, year: int, detail: Any = None
                     ) -> tuple[str, str]:
    """(measure, department) of the attested item ``ind_id`` (``name``: its standard's words;
    ``detail``: the 违规择校 schools the 招生表 flags, with ``name`` and ``out``).

    >>> attested_measure("academic_monitoring", "质量监测达标", "国家义务教育质量监测报告", 2027)[0]
    '县教育局会同有关股室和学校核查“质量监测达标”的落实情况，形成核查报告，附佐证材料（国家义务教育质量监测报告），2027 学年内报市级复核（核实后在工作簿“县级认定”表更新认定结果和佐证说明）'
    >>> attested_measure("layout_planning", "规划布局合理", "", 2027)
    ('县教育局会同县自然资源局核查“规划布局合理”的落实情况，形成核查报告和佐证材料，2027 学年内报市级复核（核实后在工作簿“县级认定”表更新认定结果和佐证说明）', '县教育局、县自然资源局')
    """
    if ind_id == CHOICE:
        return choice_measure(year, detail), "县教育局"
    who, department = CHECKERS.get(ind_id, BY_BUREAU)
    papers = f"，附佐证材料（{evidence}）" if evidence else "和佐证材料"
    return f"{who}核查“{name}”的落实情况，形成核查报告{papers}，{year} 学年内报市级复核{WORKBOOK}", department


def choice_measure(year: int, detail: Any = None) -> str:
    """违规择校 (a one-vote veto item): a special check, never an edit of the answer; the
    schools the 招生表 flags by name, with their pupils from outside the zone (2 schools,
    30 + 17 = 47 pupils):

    >>> import pandas as pd
    >>> detail = pd.DataFrame({"name": ["第二实验小学", "城关一小"], "out": [30, 17]})
    >>> choice_measure(2027, detail)
    '县教育局开展招生入学专项排查，对第二实验小学、城关一小划片范围外新生 47 人逐人核查入学依据（政策性照顾、随迁子女统筹安置等），形成核查报告；查实的依规处理并如实认定，2027 学年内报市级复核（核实后在工作簿“县级认定”表更新认定结果和佐证说明）'
    """
    named = ""
    if detail is not None and len(detail):
        schools = "、".join(dict.fromkeys(detail["name"]))
        named = f"，对{schools}划片范围外新生 {fmt_number(detail['out'].sum())} 人逐人核查入学依据"
    else:
        named = "，逐校核查划片范围外新生的入学依据"
    return (f"县教育局开展招生入学专项排查{named}（政策性照顾、随迁子女统筹安置等），形成核查报告；"
            f"查实的依规处理并如实认定，{year} 学年内报市级复核{WORKBOOK}")
