"""The 整改措施 table of every indicator the evaluation fails or holds 待核实, its count
sentence, and the music and art rooms' bridge (brief hfail; rows from
:mod:`junheng.planning.compliance_measures`, the bridge from
:mod:`junheng.planning.compliance_room_bridge`)."""

from __future__ import annotations

from typing import Any

from junheng.planning.compliance_due import decided_due
from junheng.planning.compliance_measures import PLAN, POLICY, count_sentence
from junheng.planning.compliance_room_bridge import bridge_lines
from junheng.planning.option_b import MEASURES
from junheng.report.word_document import Column, WordReport

TITLE = MEASURES  # named by 方案乙's counts (option_b.counts_text)
#: the workbook's sheet of the table's rows (report.compliance_xlsx._measures_sheet)
SHEET_REF = "《达标路径工作簿》“指标整改措施”表"
COLUMNS = (("指标", 3.0), ("现值", 2.0), ("标准", 1.8), ("差距", 2.2), ("整改措施", 5.0),
           ("责任单位", 2.4), ("完成学年", 1.2), ("测算口径与复核", 2.6))
NOTE = (f"注：“{PLAN}”的指标由本方案（及布局调整方案）的项目整改，按评估办法对实施后的数据复核；"
        f"“{POLICY}”的指标是评估标准对县人民政府的要求，本方案不能测算，落实前该项仍为未达标或待核实，"
        "须以落实后的数据和佐证材料复核。")


def table_rows(rows: list[dict[str, Any]], doc: dict[str, Any] | None = None) -> list[list[str]]:
    """The table's cells, one list per row; ``doc`` the plan, whose priced decisions date a row
    it leaves 仍未达标 (:func:`~junheng.planning.compliance_due.decided_due`).

    >>> table_rows([{"item": "甲", "current": "0.995 倍", "standard": "≥1 倍", "gap": "差 0.005 倍",
    ...              "measure": "乙", "department": "县财政局", "year": 2027, "basis": "需县政府部门落实、待核实",
    ...              "after": "未达标，落实后按数据复核"}])
    [['甲', '0.995 倍', '≥1 倍', '差 0.005 倍', '乙', '县财政局', '2027 学年', '需县政府部门落实、待核实；未达标，落实后按数据复核']]
    """
    return [[x["item"], x["current"], x["standard"], x["gap"], x["measure"], x["department"],
             decided_due(x, doc or {}), f"{x['basis']}；{x['after']}"] for x in rows]


def write_measures_table(r: WordReport, doc: dict[str, Any], brief: bool = False) -> str | None:
    """The count sentence, the table and its note; where the table is ("表 N"), None without
    rows. ``brief`` (the 自评报告): the sentence names the workbook's sheet of the same rows and
    the 《整改措施》 instead of printing them (brief hshort3: 8 of the report's pages)."""
    measures = doc.get("measures") or {}
    rows = measures.get("rows") or []
    if not rows:
        return None
    where = f"{SHEET_REF}和《整改措施》同名表" if brief else f"表 {r.tables + 1}"
    r.para(count_sentence(rows, doc["target_year"], where))
    if not brief:
        r.table(TITLE, [Column(h, w) for h, w in COLUMNS], table_rows(rows, doc))
        r.note(NOTE)
    write_room_bridge(r, doc)
    return SHEET_REF if brief else where


def write_room_bridge(r: WordReport, doc: dict[str, Any]) -> None:
    """The music and art rooms from the 自评报告's count to the 整改's (rv5 finding 14)."""
    measures = doc.get("measures") or {}
    if measures.get("rooms"):
        for line in bridge_lines(measures["rooms"], measures["data_year"], doc["target_year"]):
            r.para(line)


def policy_count(doc: dict[str, Any]) -> int:
    """How many rows are policy commitments (0 without rows)."""
    return sum(x["basis"] == POLICY for x in (doc.get("measures") or {}).get("rows") or [])


def room_pointer(doc: dict[str, Any] | None, chapter: str) -> str:
    """The 自评报告's clause after its music and art rooms shortfall: how the target year's
    classes change it and what the 整改 builds, the figures of the bridge (rv5 finding 14).

    >>> p = {"now": 32, "closed": 0, "classes": -21, "rooms": 0, "new": 0, "target": 11,
    ...      "built": 1, "converted": 9, "other": 0, "left": 1}
    >>> room_pointer({"target_year": 2030, "measures": {"rooms": {"music": p, "art": p}}}, "八、整改措施")
    '按 2030 学年班数复核需增加音乐专用教室 11 间、美术专用教室 11 间，由整改措施新建或改造闲置普通教室 10 间、10 间，仍缺 1 间、1 间（逐项核算见“八、整改措施”）'

    With a school opened by then whose rooms are not in the data (review rv6 N7):

    >>> q = {**p, "todo": [["城东新区第二小学", 2]]}
    >>> room_pointer({"target_year": 2030, "measures": {"rooms": {"music": q, "art": q}}}, "八、整改措施").split("，仍缺")[1]
    ' 1 间、1 间，另缺少专用教室数据的学校须配 2 间、2 间（数据待补）（逐项核算见“八、整改措施”）'
    """
    rooms = ((doc or {}).get("measures") or {}).get("rooms")
    if not rooms:
        return ""
    music, art = rooms["music"], rooms["art"]
    done = [p["built"] + p["converted"] for p in (music, art)]
    todo = [sum(v for _, v in p.get("todo") or []) for p in (music, art)]  # 数据待补 (review rv6 N7)
    left = f"，仍缺 {music['left']:,} 间、{art['left']:,} 间" if music["left"] or art["left"] else \
        ("" if any(todo) else "，不再缺")
    left += f"，另缺少专用教室数据的学校须配 {todo[0]:,} 间、{todo[1]:,} 间（数据待补）" if any(todo) else ""
    return (f"按 {doc['target_year']} 学年班数复核需增加音乐专用教室 {music['target']:,} 间、美术专用教室 "
            f"{art['target']:,} 间，由整改措施新建或改造闲置普通教室 {done[0]:,} 间、{done[1]:,} 间"
            f"{left}（逐项核算见“{chapter}”）")
