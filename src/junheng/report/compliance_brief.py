"""The end of the 自评报告's 整改措施 chapter: the plan's warnings with the per-school
boilerplate said once (the schools built by their own project in one sentence), and the
private schools' needs and the plan's assumptions named by their sheet of the plan's
workbook instead of printed (the standalone 整改措施.docx prints them in full)."""

from __future__ import annotations

import re
from typing import Any

from junheng.planning.compliance_unresolved import PRIVATE, RELOCATING, UNRESOLVED
from junheng.report.word_document import WordReport

PROJECT_MARK = "，建设按项目实施；本方案不在该校安排"
WORKBOOK = "《达标路径工作簿》（Excel 文件，达标路径结果页下载的“整改项目清单（Excel）”）"


def project_sentence(warnings: list[str]) -> tuple[str, list[str]]:
    """The schools whose building is their project's, in one sentence, and the other warnings.

    >>> text, rest = project_sentence(["甲小学：正在迁建，建设按项目实施；本方案不在该校安排教室……",
    ...                                "乙小学：在建、规划项目新建的学校，建设按项目实施；本方案不在该校安排……",
    ...                                "其他说明。"])
    >>> text
    '迁建或在建、规划项目新建的学校 2 所（甲小学、乙小学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设，其校舍、场地类指标由项目保障，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》（Excel 文件，达标路径结果页下载的“整改项目清单（Excel）”）的“未解决事项”表。'
    >>> rest
    ['其他说明。']
    """
    schools = [w.split("：", 1)[0] for w in warnings if PROJECT_MARK in w]
    rest = [w for w in warnings if PROJECT_MARK not in w]
    if not schools:
        return "", rest
    return (f"迁建或在建、规划项目新建的学校 {len(schools)} 所（{'、'.join(schools)}）：建设按项目实施，"
            "本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设，其校舍、场地类指标由项目保障，教师类指标仍由本方案配足；"
            f"各校按标准至少需要的建设见{WORKBOOK}的“未解决事项”表。", rest)


def write_outside(r: WordReport, doc: dict[str, Any]) -> None:
    """Warnings and what lies outside the plan, then where its tables and assumptions are."""
    projects, rest = project_sentence([*doc["warnings"], *doc["outside"]])
    for text in rest:
        r.para(text)
    if projects:
        r.para(projects)
    private = (doc.get("private_needs") or {}).get("items") or []
    sheets = ["“整改项目清单”（逐校逐项）", "“方案说明”（编制口径、单价及来源）"]
    if private:
        sheets.insert(1, f"“民办学校举办者整改需求”（{len(private)} 项，不计入本方案投资）")
    r.note(f"说明：本章按项目类别和年度汇总；{WORKBOOK}的{'、'.join(sheets)}各表列出明细和编制口径，"
           f"经常性支出在总投资中按 {doc['costs']['recurring_years']} 年计。逐项展开的整改措施见达标路径输出的“整改措施.docx”。")


#: The 未解决原因 said once under the table; each row gives the short name (and its figure).
SHORT_REASONS = ((PRIVATE, "民办学校"), (RELOCATING, "项目保障"), (UNRESOLVED, "需征地/租用/分流"))
SHORTFALL = re.compile(r"仍缺 [\d,]+ 平方米$")


def short_reason(reason: str) -> str:
    """A reason repeated on many rows, by its short name (the note under the table says it in full).

    >>> short_reason(PRIVATE), short_reason(RELOCATING)
    ('民办学校', '项目保障')
    >>> short_reason(UNRESOLVED + "：室内体育馆按每校上限 3,000 平方米计（含布局调整方案已建部分），仍缺 7,189 平方米")
    '需征地/租用/分流：仍缺 7,189 平方米'
    >>> short_reason("差异系数由个别学校拉高：……")
    '差异系数由个别学校拉高：……'
    """
    for full, short in SHORT_REASONS:
        if reason == full:
            return short
        if full == UNRESOLVED and reason.startswith(full) and (m := SHORTFALL.search(reason)):
            return f"{short}：{m.group(0)}"
    return reason


def reason_note(reasons: list[str]) -> str:
    """The note under the table naming in full each short reason used."""
    said = {short_reason(x).split("：")[0] for x in reasons}
    full = {short: full for full, short in SHORT_REASONS}
    full["需征地/租用/分流"] = UNRESOLVED + "：室内体育馆按每校上限计（含布局调整方案已建部分）后仍缺的面积"
    parts = [f"“{short}”即{full[short]}" for _, short in SHORT_REASONS if short in said]
    return f"注：{'；'.join(parts)}。" if parts else ""
