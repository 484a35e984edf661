"""The end of the 自评报告's 整改措施 chapter: the plan's warnings with the per-school
boilerplate said once (the schools built by their own project in one sentence), and the
private schools' needs and the plan's assumptions named by their sheet of the plan's
workbook instead of printed (the standalone 整改措施.docx prints them in full)."""

from __future__ import annotations

import re
from typing import Any

from junheng.planning.compliance_outside import NOT_BEGUN_MARK
from junheng.planning.compliance_unresolved import NOT_BEGUN, PRIVATE, RELOCATING, UNRESOLVED
from junheng.report.word_document import WordReport

PROJECT_MARK = "，建设按项目实施；本方案不在该校安排"
#: the workbook by its title, without the web page that downloads it (planner review finding 14)
WORKBOOK = "《达标路径工作簿》"
NOT_BUILT = "教室、校舍面积、运动场地和多媒体教室建设"


#: the sheets whose rows the Word documents name instead of printing (brief hshort3)
WORKBOOK_ONLY = ("教师随学生调配", "教师县管校聘调剂", "教师配置汇总", "布局调整与达标路径合计")
_SHEET_REF = re.compile(r"(?<!》)(?<!》的)“(" + "|".join(WORKBOOK_ONLY) + r")”表")


def in_workbook(text: str) -> str:
    """``text`` with each sheet the documents no longer print named with its workbook (the plan's
    notes are the workbook's too, where the sheet's name alone suffices).

    >>> in_workbook("调剂（见“教师随学生调配”表）；见《达标路径工作簿》“教师配置汇总”表")
    '调剂（见《达标路径工作簿》“教师随学生调配”表）；见《达标路径工作簿》“教师配置汇总”表'
    """
    return _SHEET_REF.sub(lambda m: f"{WORKBOOK}“{m.group(1)}”表", text)


def project_sentence(warnings: list[str], layout: bool = False) -> tuple[list[str], list[str]]:
    """The schools whose building is their project's, in one sentence for the projects under
    way and one for those still 规划 (no guarantee yet: the layout plan's 先建后撤, which
    ``layout`` names), and the other warnings.

    >>> text, rest = project_sentence(["甲小学：正在迁建，建设按项目实施；本方案不在该校安排教室……",
    ...                                "乙小学：在建项目新建的学校，建设按项目实施；本方案不在该校安排……",
    ...                                "其他说明。"])
    >>> text
    ['迁建中或在建项目新建的学校 2 所（甲小学、乙小学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设，其校舍、场地类指标由项目保障，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》的“未解决事项”表。']
    >>> rest
    ['其他说明。']
    >>> project_sentence(["丙小学：迁建项目现为规划状态（未开工），建设按项目实施；本方案不在该校安排……"],
    ...                  layout=True)[0]
    ['建设项目现为规划状态（未开工）的学校 1 所（丙小学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设；规划项目尚不能作为保障，其校舍、场地类指标须待项目竣工投入使用后复核，布局调整方案中并入这些学校的撤并也待项目竣工投入使用后实施（先建后撤），推迟竣工则撤并顺延，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》的“未解决事项”表。']
    """
    ours = [w for w in warnings if PROJECT_MARK in w]
    rest = [w for w in warnings if PROJECT_MARK not in w]
    later = [w.split("：", 1)[0] for w in ours if NOT_BEGUN_MARK in w]
    under_way = [w.split("：", 1)[0] for w in ours if NOT_BEGUN_MARK not in w]
    tail = f"教师类指标仍由本方案配足；各校按标准至少需要的建设见{WORKBOOK}的“未解决事项”表。"
    out = []
    if under_way:
        out.append(f"迁建中或在建项目新建的学校 {len(under_way)} 所（{'、'.join(under_way)}）：建设按项目实施，"
                   f"本方案不在这些学校安排{NOT_BUILT}，其校舍、场地类指标由项目保障，{tail}")
    if later:
        waits = "布局调整方案中并入这些学校的撤并也待项目竣工投入使用后实施（先建后撤），推迟竣工则撤并顺延，" if layout else ""
        out.append(f"建设{NOT_BEGUN_MARK}的学校 {len(later)} 所（{'、'.join(later)}）：建设按项目实施，"
                   f"本方案不在这些学校安排{NOT_BUILT}；规划项目尚不能作为保障，其校舍、场地类指标须待项目竣工投入"
                   f"使用后复核，{waits}{tail}")
    return out, rest


def school_lines(texts: list[str], doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The warnings about one school (they start with its name: a school's 临时周转 years, its
    lease, its share with a 高中) apart from the county's; the workbook's 方案说明 holds each.

    >>> doc = {"actions": [{"name": "甲中学"}], "unresolved": [{"school": "乙小学"}]}
    >>> school_lines(["甲中学临时周转 2 间。", "全县规则。", "乙小学租赁 30 平方米。"], doc)
    (['甲中学临时周转 2 间。', '乙小学租赁 30 平方米。'], ['全县规则。'])
    """
    names = {a["name"] for a in doc.get("actions") or []} | {x["school"] for x in doc.get("unresolved") or []}
    ours = [t for t in texts if any(t.startswith(name) for name in names)]
    return ours, [t for t in texts if t not in ours]


def school_pointer(lines: list[str], doc: dict[str, Any]) -> str:
    """The sentence naming the schools whose own warnings the workbook holds ("" without).

    >>> school_pointer(["甲中学临时周转 2 间。", "甲中学租赁。"], {"actions": [{"name": "甲中学"}]})
    '逐校的需论证事项 2 条（甲中学）见《达标路径工作簿》“方案说明”表的“需论证”行和《整改措施》。'
    """
    if not lines:
        return ""
    names = [a["name"] for a in doc.get("actions") or []] + [x["school"] for x in doc.get("unresolved") or []]
    schools = [name for name in dict.fromkeys(names) if any(t.startswith(name) for t in lines)]
    return (f"逐校的需论证事项 {len(lines)} 条（{'、'.join(schools)}）见{WORKBOOK}“方案说明”表的“需论证”行"
            "和《整改措施》。")


def write_outside(r: WordReport, doc: dict[str, Any]) -> None:
    """Warnings and what lies outside the plan (a school's own by the sheet that holds them:
    brief hshort3), then where its tables and assumptions are."""
    projects, rest = project_sentence([*doc["warnings"], *doc["outside"]],
                                      layout=bool(doc.get("layout_year")))
    ours, rest = school_lines(rest, doc)
    for text in [*rest, *projects]:
        r.para(in_workbook(text))
    if pointer := school_pointer(ours, doc):
        r.para(pointer)
    private = (doc.get("private_needs") or {}).get("items") or []
    sheets = ["“整改项目清单”（逐校逐项）", "“方案说明”（编制口径、单价及来源）"]
    if private:
        sheets.insert(1, f"“民办学校举办者整改需求”（{len(private)} 项，不计入本方案投资）")
    r.note(f"说明：本章按项目类别和年度汇总；{WORKBOOK}的{'、'.join(sheets)}各表列出明细和编制口径，"
           f"经常性支出在总投资中按 {doc['costs']['recurring_years']} 年计。逐项展开的整改措施见《整改措施》文档。")


#: The 未解决原因 said once under the table; each row gives the short name (and its figure).
SHORT_REASONS = ((PRIVATE, "民办学校"), (RELOCATING, "项目保障"), (NOT_BEGUN, "项目未开工"),
                 (UNRESOLVED, "需征地/租用/分流"))
SHORTFALL = re.compile(r"仍缺 [\d,]+ 平方米$")


def short_reason(reason: str) -> str:
    """A reason repeated on many rows, by its short name (the note under the table says it in full).

    >>> short_reason(PRIVATE), short_reason(RELOCATING), short_reason(NOT_BEGUN)
    ('民办学校', '项目保障', '项目未开工')
    >>> short_reason(UNRESOLVED + "：校内空地和室内体育馆每校上限 3,000 平方米（含布局调整方案已建部分）容纳不下，仍缺 7,189 平方米")
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
    """The note under the table naming in full each short reason used; a reason whose full
    wording starts with its short name says the rest only (review rv finding 12: "“民办学校”即
    民办学校，由举办者整改…").

    >>> reason_note([PRIVATE])
    '注：“民办学校”即由举办者整改，不在本方案投入。'
    """
    said = {short_reason(x).split("：")[0] for x in reasons}
    full = {short: full.removeprefix(short).lstrip("，：") for full, short in SHORT_REASONS}
    full["需征地/租用/分流"] = UNRESOLVED + "：校内空地（建室内体育馆的学校另受每校上限，含布局调整方案已建部分）容纳不下的面积"
    parts = [f"“{short}”即{full[short]}" for _, short in SHORT_REASONS if short in said]
    return f"注：{'；'.join(parts)}。" if parts else ""


def steps_note(both: dict[str, Any]) -> str:
    """Under the joint year table: what of the layout's yearly change starts in which year,
    so a change in the yearly line is explained where it shows (planner review finding 17:
    −1,026.95 in 2027–2028, −296.95 from 2029 with no word why); "" with one start only.

    >>> steps_note({"layout_steps": {"2027": "撤并 64 所每年 -640.00 万元",
    ...     "2029": "新建学校开办每年 10.00 万元、新聘教师人员经费每年 720.00 万元"}})
    '注：布局调整的经常性支出变化按各项生效的学年起计：2027 学年起撤并 64 所每年 -640.00 万元；2029 学年起新建学校开办每年 10.00 万元、新聘教师人员经费每年 720.00 万元。'
    >>> steps_note({"layout_steps": {"2027": "撤并 1 所每年 -10.00 万元"}})
    ''
    """
    steps = both.get("layout_steps") or {}
    if len(steps) < 2:
        return ""
    return ("注：布局调整的经常性支出变化按各项生效的学年起计："
            + "；".join(f"{year} 学年起{words}" for year, words in steps.items()) + "。")
