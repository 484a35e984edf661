"""The Word chapter 整改措施 of the compliance path: the plan summarised by area (校舍, 体育场馆,
装备, 教师 …) with schools, quantities, investment and years, the investment by year with
totals, the CVs before and after, merge candidates and what the plan leaves to others — never
one line per class or per action (those are in the workbook's 逐项明细). The chapter uses
the 自评报告's page, fonts and tables (:class:`.word_document.WordReport`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from junheng.model import numbers
from junheng.planning.compliance import CompliancePlan
from junheng.planning.compliance_building_ground import building_notes
from junheng.planning.compliance_due import status_line, still_failing
from junheng.planning.compliance_json import (
    PROJECT_NAMES,
    STAGE_NAMES,
    classroom_scope,
    compliance_dict,
    recurring_note,
    year_rows,
)
from junheng.planning.compliance_kept import small_schools_text
from junheng.planning.compliance_layout import cv_pupils, layout_cv_beside
from junheng.planning.compliance_rotation import exchange_words
from junheng.planning.compliance_sports_path import path_lines, sports_reasons
from junheng.planning.compliance_temporary_area import rented_words, temporary_words
from junheng.planning.compliance_unresolved import HEADS, verdict_line
from junheng.planning.cv_fill import fill_text
from junheng.planning.cv_recruits import doc_recruit_difference
from junheng.planning.option_b import counts_text, option_b_text
from junheng.planning.policy_costs import plan_policy_rows
from junheng.planning.teacher_moves_words import ROTATION
from junheng.report.compliance_backbone_docx import before_opening, write_backbone
from junheng.report.compliance_brief import (
    WORKBOOK,
    brief_verdict,
    in_workbook,
    path_summary,
    recurring_counted,
    unresolved_summary,
)
from junheng.report.compliance_floor import write_brief_risks, write_floor, write_margins
from junheng.report.compliance_hires import lasting_words, teachers_words
from junheng.report.compliance_joint_docx import write_combined, write_redeployed
from junheng.report.compliance_measures_docx import SHEET_REF, policy_count, write_measures_table
from junheng.report.compliance_money import STILL_FAILS, cover_apart, money_sentence, room_price
from junheng.report.compliance_private import write_private_table
from junheng.report.compliance_xlsx import PROJECT_ORDER, todo_note
from junheng.report.signed_text import signed, signed_notes
from junheng.report.teacher_figures_table import write_teacher_figures
from junheng.report.word_document import Column, WordReport, cn_number
from junheng.standards import load_standard

TOP_SCHOOLS = 5


def _sum(actions: list[dict], item: str, key: str = "quantity") -> float:
    return sum(a[key] for a in actions if a["item"] == item)


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _span(values) -> str:
    values = sorted(set(values))
    return numbers.year_range(values[0], values[-1])


def _lead(a: dict) -> int:
    """An action's 实施周期 (costs.yaml ``lead_years``) as the plan states it; a plan.json
    written without it read back from the rule of its day: last payment + lead, a yearly item
    first payment + lead."""
    if a.get("lead_years") is not None:
        return int(a["lead_years"])
    paid = [int(y) for y in a["funding"]]
    if not paid:
        return 0
    yearly = a["annual_cost"] or a.get("layout_paid")  # a hire the layout pays: still yearly
    return int(a["in_use_year"]) - (min(paid) if yearly else max(paid))


def _years(actions: list[dict]) -> str:
    """When a project is paid for and in use, in the same words for every project, the
    实施周期 named so that the rule (in use = payment year + 实施周期) reads off the sentence.

    >>> room = {"funding": {"2028": 9.0}, "annual_cost": 0.0, "in_use_year": 2028}
    >>> _years([room])
    '2028 学年安排资金，当年实施，2028 学年投入使用'
    >>> _years([{**room, "in_use_year": 2030}, {**room, "funding": {"2027": 1.0}, "in_use_year": 2028}])
    '2027—2028 学年安排资金，实施周期 1—2 年，2028—2030 学年陆续投入使用'
    """
    uses = sorted({int(a["in_use_year"]) for a in actions})
    use = (f"{uses[0]} 学年投入使用" if len(uses) == 1
           else f"{uses[0]}—{uses[-1]} 学年陆续投入使用")
    leads = [_lead(a) for a in actions]  # none: "当年实施", not "实施周期 0 年" (review finding 13)
    period = "当年实施" if max(leads, default=0) == 0 else f"实施周期 {_span(leads)} 年"
    return f"{_span(int(y) for a in actions for y in a['funding'])} 学年安排资金，{period}，{use}"


def _schools(actions: list[dict]) -> int:
    return len({a["school_id"] for a in actions})


def top_spenders(actions: list[dict], still: dict[str, str] | None = None) -> str:
    """The schools spending most, each with its 万元; none whose amount rounds to 0.00; 「无」;
    ``still``: what a school lacks after the money, said beside it (rv13 3).

    >>> top_spenders([{"name": "丁", "cost": 216.19}], {"丁": "投入后仍缺体育运动场馆面积 949 平方米，仍不达标"})
    '丁（216.19 万元，投入后仍缺体育运动场馆面积 949 平方米，仍不达标）'

    >>> top_spenders([{"name": "甲", "cost": 12.5}, {"name": "乙", "cost": 0.004},
    ...               {"name": "甲", "cost": 1.0}])
    '甲（13.50 万元）'
    >>> top_spenders([{"name": "乙", "cost": 0.0}])
    '无'
    """
    cost: dict[str, float] = defaultdict(float)
    for a in actions:
        cost[a["name"]] += a["cost"]
    spent = [(name, value) for name, value in cost.items() if round(value, 2) > 0]
    top = sorted(spent, key=lambda kv: -kv[1])[:TOP_SCHOOLS]
    return "、".join(f"{name}（{value:,.2f} 万元{'，' + (still or {})[name] if name in (still or {}) else ''}）"
                    for name, value in top) or "无"


def _building(a: list[dict], doc: dict[str, Any] | None = None) -> str:
    parts = [f"普通教室 {_n(_sum(a, 'classroom'))} 间{classroom_scope(doc)}" if _sum(a, "classroom")
             else "",
             f"音乐专用教室 {_n(_sum(a, 'music_room'))} 间" if _sum(a, "music_room") else "",
             f"美术专用教室 {_n(_sum(a, 'art_room'))} 间" if _sum(a, "art_room") else "",
             f"其他教学及辅助用房 {_n(_sum(a, 'teaching_area'))} 平方米"
             if _sum(a, "teaching_area") else ""]
    return f"在 {_schools(a)} 所学校新建、扩建校舍，包括{'、'.join(p for p in parts if p)}"


def _sports(a: list[dict], doc: dict[str, Any] | None = None) -> str:
    parts = [f"室外体育运动场地 {_n(_sum(a, 'field'))} 平方米" if _sum(a, "field") else "",
             f"室内体育馆（风雨操场）{_n(_sum(a, 'gym'))} 平方米" if _sum(a, "gym") else ""]
    gyms = len({x["school_id"] for x in a if x["item"] == "gym"})
    tail = f"；场馆和场地建在本校空地上，{gyms} 所学校建室内体育馆" if gyms else ""
    return f"为 {_schools(a)} 所学校新建{'、'.join(p for p in parts if p)}{tail}{_sports_left(doc, gyms > 0)}"


def _sports_left(doc: dict[str, Any] | None, halls: bool = True) -> str:
    """The m² the ground (and the hall cap where it builds ``halls``, rv3 3) leaves unresolved
    (issue 16: the plan built 39,046 m² and still failed, without saying how much was missing).

    >>> _sports_left({"unresolved": [{"short_m2": 2500}, {"reason": "民办"}, {"short_m2": 100}]})
    '；另有 2 个学校学段仍缺 2,600 平方米，校内空地和每校室内体育馆上限容纳不下，未计价，见“未解决事项”表'
    """
    short = [r["short_m2"] for r in (doc or {}).get("unresolved") or [] if r.get("short_m2")]
    if not short:
        return ""
    room = "校内空地和每校室内体育馆上限" if halls else "校内空地"
    return f"；另有 {len(short)} 个学校学段仍缺 {sum(short):,} 平方米，{room}容纳不下，未计价，见“未解决事项”表"


def _renovation(a: list[dict]) -> str:
    """Enlarged rooms and (17) idle classrooms converted, each said only when there are any.

    >>> _renovation([{"school_id": "A", "item": "music_room_conversion", "quantity": 2},
    ...              {"school_id": "B", "item": "art_room_renovation", "quantity": 6}])
    '对 2 所学校：将闲置普通教室改造为音乐专用教室 2 间、美术专用教室 0 间（不新建）；面积不足的音乐、美术专用教室改造扩大共 6 平方米'
    """
    music, art = _sum(a, "music_room_conversion"), _sum(a, "art_room_conversion")
    area = _sum(a, "music_room_renovation") + _sum(a, "art_room_renovation")
    parts = [f"将闲置普通教室改造为音乐专用教室 {_n(music)} 间、美术专用教室 {_n(art)} 间（不新建）"
             if music + art else "", f"面积不足的音乐、美术专用教室改造扩大共 {_n(area)} 平方米"
             if area else ""]
    return f"对 {_schools(a)} 所学校：" + "；".join(p for p in parts if p)


def _repair(a: list[dict]) -> str:
    """The small room gaps (维修改造（核定面积）), one sentence for every school.

    >>> _repair([{"school_id": "A", "item": "music_room_repair", "quantity": 1},
    ...          {"school_id": "A", "item": "art_room_repair", "quantity": 11}])
    '对 1 所学校面积略小于标准的音乐、美术专用教室（共差 12 平方米）：先按使用面积核定现有面积，仍不足的结合校舍维修改造补足，不单独立项'
    """
    area = _sum(a, "music_room_repair") + _sum(a, "art_room_repair")
    return (f"对 {_schools(a)} 所学校面积略小于标准的音乐、美术专用教室（共差 {_n(area)} 平方米）：先按使用面积"
            "核定现有面积，仍不足的结合校舍维修改造补足，不单独立项")


def _books(a: list[dict]) -> str:
    """The 图书配备 sentence: each school with its books (review finding 3).

    >>> _books([{"school_id": "A", "name": "甲小学", "item": "books", "quantity": 300.0}])
    '为 1 所生均图书册数低于省定办学基本标准的学校购置图书 300 册（甲小学 300 册），使其各学段达到省定标准'
    >>> _books([{"school_id": "A", "name": "甲小学", "item": "books", "quantity": 300.0},
    ...         {"school_id": "B", "name": "乙中学", "item": "books", "quantity": 50.0,
    ...          "reason": "2030 学年初中…；现状达到省定标准，因布局调整分流在校生增加后低于标准"}])
    '为 2 所生均图书册数低于省定办学基本标准的学校购置图书 350 册（甲小学 300 册、乙中学 50 册），使其各学段达到省定标准（现状低于省定标准的为其中 1 所；乙中学现状达到省定标准，因布局调整分流在校生增加后低于标准）'
    """
    from junheng.planning.compliance_books import MET_NOW

    names = "、".join(f"{x['name']} {_n(x['quantity'])} 册" for x in a if x["item"] == "books")
    later = [x for x in a if x["item"] == "books" and MET_NOW in (x.get("reason") or "")]
    why = "".join(f"；{x['name']}{MET_NOW}{x['reason'].split(MET_NOW)[1]}" for x in later)
    now = f"（现状低于省定标准的为其中 {_schools(a) - len(later)} 所{why}）" if later else ""
    return (f"为 {_schools(a)} 所生均图书册数低于省定办学基本标准的学校购置图书 {_n(_sum(a, 'books'))} 册"
            f"（{names}），使其各学段达到省定标准{now}")


def _rotation(a: list[dict]) -> str:
    """The 交流轮岗 measure; moves into a school at its 编制 are exchanges (brief hrot).

    >>> _rotation([{"item": "rotation", "school_id": "C", "to_school_id": "V", "quantity": 2.0,
    ...             "exchanged": 2, "annual_cost": 1.2},
    ...            {"item": "rotation", "school_id": "C", "to_school_id": "W", "quantity": 3.0,
    ...             "annual_cost": 1.8}])
    '在县域内交流轮岗骨干教师和体育艺术教师 5 名（编制留在原校，期满返回），由 1 所学校交流到 2 所学校，其中 2 名为交换，调入学校同时派出 2 名本校教师到调出学校，每年交流补助 3.00 万元'
    """
    to = len({x["to_school_id"] for x in a})
    back = sum(int(x.get("exchanged") or 0) for x in a)
    swap = f"，其中 {back:,} 名为交换，调入学校同时派出 {back:,} 名本校教师到调出学校" if back else ""
    return (f"在县域内交流轮岗骨干教师和体育艺术教师 {_n(_sum(a, 'rotation'))} 名（{ROTATION}），由 {_schools(a)} "
            f"所学校交流到 {to} 所学校{swap}，每年交流补助 {_sum(a, 'rotation', 'annual_cost'):,.2f} 万元")


SENTENCES = {
    "building": _building,
    "temporary": temporary_words,
    "rented_area": rented_words,
    "renovation": lambda a: _renovation(a),
    "repair": _repair,
    "sports": _sports,
    "lease": lambda a: f"为 {_schools(a)} 所学校租用校外体育场地 {_n(_sum(a, 'lease'))} 平方米",
    "equipment": lambda a: f"为 {_schools(a)} 所学校购置教学仪器设备",
    "books": _books,
    "multimedia": lambda a: (f"在 {_schools(a)} 所学校配置网络多媒体教室 "
                             f"{_n(_sum(a, 'multimedia_room'))} 间"),
    "teachers": teachers_words,
    "training": lambda a: "、".join(f"{pre} {_n(_sum(a, k))} 名{post}" for k, pre, post in (
        ("degree_upgrade", "支持", "教师提升学历"), ("backbone_training", "培养认定县级骨干教师", ""))
        if _sum(a, k)) + before_opening(a),  # a zero count unsaid (review rv4 4)
    "rotation": _rotation,
}


def _result(project: str, doc: dict[str, Any]) -> str:
    """What a project achieves, said only when the evaluation re-check of the county after
    the plan confirms it (review finding 2: the room sizes were claimed while the re-check
    still failed them).

    >>> _result("renovation", {"after": {"failed_items": []}})
    '，使每间音乐教室不小于 96 平方米、美术教室不小于 90 平方米'
    >>> _result("renovation", {"after": {"failed_items": ["music_art_room_area"]}})
    '；复核仍有专用教室面积不足，见上文“未解决事项”表'
    >>> _result("building", {"after": None})
    ''
    """
    if project != "renovation":
        return ""
    failed = (doc.get("after") or {}).get("failed_items")
    if failed is None:
        return ""
    if "music_art_room_area" in failed:
        return "；复核仍有专用教室面积不足，见上文“未解决事项”表"
    return "，使每间音乐教室不小于 96 平方米、美术教室不小于 90 平方米"


def add_compliance_chapter(r: WordReport, doc: dict[str, Any], *, number: int | None = None,
                           brief: bool = False) -> None:
    """Write the chapter into a report (``number``: its place among the report's chapters;
    ``brief``: the 自评报告's version, whose per-school tables and long notes are summed up and
    named by their sheet of the plan's workbook or their table of the 《整改措施》 instead of
    printed: brief hshort4)."""
    r.heading(f"{cn_number(number)}、整改措施" if number else title(doc), 1)
    # the plan's scope under its title, not its name (rv13 11)
    if status := status_line(doc, SHEET_REF if brief else f"表 {r.tables + 1}"):
        r.para(status)
    r.para(brief_verdict(doc) if brief else doc.get("verdict") or verdict_line(doc))
    ob, stages = (doc.get("combined") or {}).get("option_b"), (doc.get("after") or {}).get("stages")
    for text in (option_b_text(ob, stages), counts_text(ob, stages)):  # rv10 12: 甲 only; hcounts 1
        if text:
            r.para(text)
    measured = write_measures_table(r, doc, brief)  # every failing and 待核实 indicator (brief hfail)
    if brief:
        for text in (unresolved_summary(doc), path_summary(doc.get("sports_path"))):
            if text:
                r.para(text)
    else:
        _unresolved_table(r, doc)
        for line in path_lines(doc.get("sports_path"), doc["costs"]["recurring_years"]):
            r.para(line)
    r.para(_overview(doc, r.tables if doc.get("unresolved") and not brief else None, measured, brief))
    _projects(r, doc, brief)
    write_redeployed(r, doc, brief)
    if not brief:  # each school's 骨干 and 体育艺术 teachers after the moves (brief hm 1)
        write_teacher_figures(r, doc)
    _year_table(r, doc)
    r.note(f"注：各项单价及来源见{WORKBOOK}“方案说明”表。")  # the sheet gives every price and its source
    write_combined(r, doc, brief)
    _cv_paragraph(r, doc)
    _left_out(r, doc)
    if brief:
        from junheng.report.compliance_brief import write_outside

        write_outside(r, doc)
        return
    for text in (*doc["warnings"], *doc["outside"]):
        r.para(in_workbook(text))
    write_private_table(r, doc)
    _assumptions(r, doc)


def _projects(r: WordReport, doc: dict[str, Any], brief: bool) -> None:
    """A section per project, with the 风险 under 体育场馆建设 (``brief``: summed up)."""
    by_project: dict[str, list[dict]] = defaultdict(list)
    for a in doc["actions"]:
        by_project[a["project"]].append(a)
    for k, project in enumerate((p for p in PROJECT_ORDER if p in by_project), start=1):
        actions = by_project[project]
        r.heading(f"（{cn_number(k)}）{PROJECT_NAMES[project]}", 2)
        r.para(_project_para(project, actions, doc, brief))
        if project == "sports" and (why := sports_reasons(doc, _sports_cvs(doc))):
            r.para(why + "。")
        if project == "sports":
            write_brief_risks(r, doc) if brief else write_floor(r, doc)
        if project == "training":  # who is 认定 a new 骨干, the money, the CV if fewer (rv7)
            write_backbone(r, doc)
        for line in building_notes(doc) if project == "building" else ():
            r.para(line)
    if "sports" not in by_project:  # the 风险 write_floor says under 体育场馆建设
        write_brief_risks(r, doc) if brief else write_margins(r, doc)


def _assumptions(r: WordReport, doc: dict[str, Any]) -> None:
    """The plan's 说明, counted and named by the rows of the workbook's 方案说明 sheet that hold
    each word for word (brief hshort4: 4,000 characters at the end of the 《整改措施》)."""
    if notes := signed_notes(doc["assumptions"]):
        r.note(f"说明：本方案的编制口径 {len(notes)} 条逐条见{WORKBOOK}“方案说明”表的“说明”行；"
               f"{recurring_counted(doc)}。")


def _project_para(project: str, actions: list[dict], doc: dict[str, Any], brief: bool = False) -> str:
    """A project's paragraph: what it does, its money and years; hires whose pay is all the
    layout plan's (``layout_paid``) have no money or payment years of this plan; the schools
    spending most unless ``brief`` (the workbook's 整改项目清单 gives each school's money).

    >>> hire = {"school_id": "S", "name": "第三初级中学", "item": "hire_pe_art", "quantity": 2.0,
    ...         "cost": 0.0, "annual_cost": 0.0, "funding": {"2030": 0.0}, "in_use_year": 2030,
    ...         "layout_paid": 2}
    >>> _project_para("teachers", [hire], {"costs": {"recurring_years": 5}})
    '为 1 所学校招聘或引进体育、音乐、美术专任教师 2 名，人员经费已计入布局调整方案新聘教师，本方案不另计投资，2030 学年到岗。'
    """
    said = (SENTENCES[project](actions, doc) if project in ("sports", "building")
            else SENTENCES[project](actions))
    if brief:  # the paragraphs each school's lease or loan is in are the sheet's rows (brief hshort4)
        for here in ("见本章“与布局调整方案同一规则”一段后的逐校各段", "见本章各段", "见本节各段"):
            said = said.replace(here, f"见{WORKBOOK}“方案说明”表的“需论证”行")
    cost = sum(a["cost"] for a in actions)
    if not cost and all(a.get("layout_paid") for a in actions):
        uses = sorted({int(a["in_use_year"]) for a in actions})
        return f"{said}，本方案不另计投资，{_span(uses)} 学年到岗。"
    recurring = "（每年支出按 {} 年计）".format(doc["costs"]["recurring_years"]) \
        if any(a["annual_cost"] for a in actions) else ""
    still = {n: text.removeprefix(n) for n in {a["name"] for a in actions} if (text := still_failing(doc, [n]))}
    if project == "teachers" and (lasting := lasting_words(actions, doc["costs"]["recurring_years"])):
        uses = sorted({int(a["in_use_year"]) for a in actions})
        yearly = top_spenders([{**a, "cost": a["annual_cost"]} for a in actions], still)
        return (f"{said}{_result(project, doc)}，{lasting}，{_span(uses)} 学年到岗。"
                + ("" if brief else f"每年人员经费较多的学校：{yearly}。"))
    top = "" if brief else f"投资较多的学校：{top_spenders(actions, still)}。"
    return (f"{said}{_result(project, doc)}，投资{recurring} {cost:,.2f} "
            f"万元，{_years(actions)}。{top}"
            + (room_price(actions, doc) if project == "building" else "")
            + (exchange_words(doc["actions"], doc.get("staffing")) if project == "rotation" else ""))


def title(doc: dict[str, Any]) -> str:
    """The document's title: county, target year and what it is; a plan that does not pass
    its target year is not named by it (rv13 11: its :func:`status_line` goes under the title).

    >>> title({"county": {"name": "洛北县", "code": "410399"}, "target_year": 2028})
    '洛北县义务教育优质均衡发展整改措施（2028 学年达标路径）'
    >>> title({"county": {"name": "洛北县", "code": "410399"}, "target_year": 2028, "confirmed": False})
    '洛北县义务教育优质均衡发展整改措施'
    """
    county = doc["county"]["name"] or doc["county"]["code"]
    if not doc.get("confirmed", True):
        return f"{county}义务教育优质均衡发展整改措施"
    return f"{county}义务教育优质均衡发展整改措施（{doc['target_year']} 学年达标路径）"


def _unresolved_table(r: WordReport, doc: dict[str, Any]) -> None:
    """未解决事项: one row per school and item the re-check still finds short (the 自评报告 sums
    them up: :func:`~junheng.report.compliance_brief.unresolved_summary`)."""
    rows = doc.get("unresolved") or []
    if not rows:
        return
    widths = (3.2, 3.0, 2.0, 2.2, 4.6)
    r.table(f"按此方案 {doc['target_year']} 学年仍未解决的事项",
            [Column(h, w) for h, w in zip(HEADS, widths, strict=True)],
            [[x["school"], x["item"], x["current"], x["standard"], signed(x["reason"])] for x in rows])
    if todo := todo_note(rows):
        r.note(signed(todo))


def top_project_text(doc: dict[str, Any]) -> str:
    """The project of the most one-off money, and its share of the one-off total (a yearly
    project's years are never set against it).

    >>> doc = {"totals": {"one_off": 100.0}, "actions": [
    ...     {"project": "sports", "cost": 60.0, "annual_cost": 0.0},
    ...     {"project": "teachers", "cost": 500.0, "annual_cost": 100.0},
    ...     {"project": "classroom", "cost": 40.0, "annual_cost": 0.0}]}
    >>> top_project_text(doc)
    '。一次性投入最多的是体育场馆建设，60.00 万元，占一次性投入的 60.0%。'
    """
    once: dict[str, float] = {}
    for a in doc["actions"]:
        if not a.get("annual_cost"):
            once[a["project"]] = once.get(a["project"], 0.0) + float(a["cost"])
    total = float(doc["totals"].get("one_off") or 0.0)
    if not once or total <= 0:
        return "。"
    project, amount = max(once.items(), key=lambda kv: kv[1])
    return (f"。一次性投入最多的是{PROJECT_NAMES[project]}，{amount:,.2f} 万元，"
            f"占一次性投入的 {amount / total:.1%}。")


def _overview(doc: dict[str, Any], table: int | None = None, measured: str | None = None,
              brief: bool = False) -> str:
    """The chapter's first paragraph; ``table``: the number of the 未解决事项 table, which a
    plan its re-check fails names with its count (review 2026-12-04 finding 5: "在满足标准的
    前提下…（按此方案复核仍未达标）" said both); ``measured``: where the table of
    every failing indicator is (表 N, or the workbook's sheet), whose policy rows are named apart (never "solved", brief hfail);
    ``brief``: what the CVs over their limit would take named by its row of the workbook."""
    county = doc["county"]["name"] or doc["county"]["code"]
    if not doc["actions"] and doc["confirmed"]:
        return (f"按 {doc['target_year']} 学年的学生数复核，{county}各校已达到优质均衡资源配置要求，"
                "各项差异系数均不超过限值，无需新增整改投资。")
    if not doc["actions"] and doc["after"] is not None:
        return (f"按 {doc['target_year']} 学年的学生数，{county}公办学校无需新增整改投资，但按评估办法复核仍未"
                "全部达标，未达标的部分不在本方案的投入范围内（见下文）。")
    if not doc["actions"]:
        reason = doc["diagnosis"]["message"] if doc["diagnosis"] else "未找到可行方案。"
        return f"{county}在 {doc['target_year']} 学年前无法达到优质均衡资源配置要求：{reason}"
    if doc["confirmed"]:
        aim = (f"为使{county}在 {doc['target_year']} 学年达到义务教育优质均衡发展资源配置要求，"
               f"在满足标准的前提下按总投资最少测算整改方案")
    else:  # the set prices and weights, never 最少 beside a fail (review rv3 7)
        aim = f"按所设单价和权重测算，{county}在 {doc['target_year']} 学年前可以实施的整改"
    # also for a plan its re-check fails (review A11), the two kinds of money never added (rv 7)
    text = f"{aim}：{money_sentence(doc)}"
    if doc["greedy"]:
        text += f"，按同一测算口径比逐校、逐项简单补齐少 {doc['greedy'] - doc['objective']:,.2f} 万元"
    if cover := cover_apart(doc):  # a sentence of its own (brief hlease 4)
        text += f"。{cover}"
    if not doc["confirmed"]:
        left = len(doc.get("unresolved") or [])
        where = f"（见表 {table}）" if table else "（见“未解决事项”表）"
        # rv10 13: the least within the measures set, and the year it still fails, side by side
        text += (f"{'' if cover else '；'}{STILL_FAILS}：全县 {doc['target_year']} 学年仍不能通过复核"
                 + (f"，本方案措施仍未能解决的事项 {left:,} 项{where}" if left else ""))
        if policy := policy_count(doc):
            text += f"，另有 {policy:,} 项指标须县政府部门落实、待核实（见{measured}）"
        if brief and (fills := doc.get("cv_fill") or []):  # the sheet's row says it in full
            text += (f"。{len(fills)} 项超过限值的差异系数降到限值所需的场地和投资本方案均未安排，须由局务会决定，见{WORKBOOK}"
                     "“方案说明”表的“差异系数降到限值所需（本方案未安排）”行")
        elif fill := fill_text(doc.get("cv_fill") or []):
            text += f"。{fill}"
    text = text.removesuffix("。") + top_project_text(doc)
    if doc["confirmed"]:
        text += "按评估办法对实施后的数据逐校、逐项复核，所有学校均达到学校达标要求，各项差异系数均不超过限值。"
    return text


def _year_table(r: WordReport, doc: dict[str, Any]) -> None:
    years, rows = year_rows(doc)
    policy = plan_policy_rows(doc, [int(y) for y in years])  # review rv10 9, 10: outside the totals
    columns = [Column("项目类别", 2.6), *[Column(f"{y} 学年", 1.1, "right") for y in years],
               Column("合计", 1.3, "right")]
    r.table("整改投资分年度安排（万元）", columns,
            [[name, *[f"{v:,.2f}" for v in values], numbers.number(total, 2)]  # a yearly row's 「—」 (rv28 6)
             for name, values, total in [*rows, *policy]])
    r.note("注：" + recurring_note(doc, rows, len(policy)))


def _sports_cvs(doc: dict[str, Any]) -> str:
    """The sports area CVs over their limit, before → after the plan.

    >>> _sports_cvs({"before": {"stages": {"junior": {"cv": {"sports_area_per_student": 0.679},
    ...     "limit": 0.45}}}, "after": {"stages": {"junior": {"cv": {"sports_area_per_student": 0.623}}}}})
    '初中 0.679 → 0.623，限值 0.45'
    """
    if not doc.get("before") or not doc.get("after"):
        return ""
    key = "sports_area_per_student"
    parts = [f"{STAGE_NAMES[stage]} {numbers.cv3(b['cv'][key])} → "
             f"{numbers.cv3(doc['after']['stages'][stage]['cv'].get(key))}，限值 {numbers.number(b['limit'], 2)}"
             for stage, b in doc["before"]["stages"].items()
             if b["cv"].get(key) is not None and b["cv"][key] > b["limit"]]
    return "；".join(parts)


def _above_today(doc: dict[str, Any], stage: str, key: str, after: float | None) -> str:
    """「（高于 2025 学年 0.632）」 when the CV after the 达标路径 is higher than the data year's
    (``today_cvs``, which the 自评报告 gives: it shows the data year's beside, review rv28 2); else ''.

    >>> doc = {"data_year": 2025, "today_cvs": {"primary": {"k": 0.631944}}}
    >>> _above_today(doc, "primary", "k", 0.707878), _above_today(doc, "primary", "k", 0.6), _above_today({}, "primary", "k", 0.7)
    ('（高于 2025 学年 0.632）', '', '')
    """
    now = ((doc.get("today_cvs") or {}).get(stage) or {}).get(key)
    if now is None or after is None or not (numbers.cv_change(now, after) or 0) > 0:
        return ""
    return f"（高于 {doc['data_year']} 学年 {numbers.cv3(now)}）"


def _cv_paragraph(r: WordReport, doc: dict[str, Any]) -> None:
    if not doc["before"] or not doc["after"]:
        return
    names = {i.id: i.name for i in load_standard("quality-2017").resource_indicators}
    parts = []
    for stage, before in doc["before"]["stages"].items():
        after = doc["after"]["stages"].get(stage, {}).get("cv", {})
        over = [f"{names[k]} {numbers.cv3(v)}{layout_cv_beside(doc, stage, k)} → {numbers.cv3(after.get(k))}"
                f"{_above_today(doc, stage, k, after.get(k))}"
                for k, v in before["cv"].items() if v is not None and v > before["limit"]]
        if over:
            parts.append(f"{STAGE_NAMES[stage]}（限值 {numbers.number(before['limit'], 2)}）：{'；'.join(over)}")
    if parts:
        state = "达标路径实施前（布局调整后）" if doc.get("layout_year") else "达标路径实施前 "  # rv13 4
        r.para(f"目标学年超过限值的差异系数，{state}→ 实施后：" + "。".join(parts) + "。")  # rv28 2: shorter
        if doc.get("layout_year"):  # beside the layout plan's own CVs (review2 finding 2)
            said = cv_pupils(bool(doc.get("layout_forecast")), compliance=True,
                             difference=doc_recruit_difference(doc))
            r.note(f"注：{said}。")


def _left_out(r: WordReport, doc: dict[str, Any]) -> None:
    small = [x for x in doc["left_out"] if x["kind"] == "small_school"]
    points = [x for x in doc["left_out"] if x["kind"] == "teaching_point"]
    if points:
        when = "" if doc.get("layout_year") is None else \
            f"按布局调整计划实施后（规划年 {doc['layout_year']} 学年）保留的"
        r.para(f"全县{when} {len(points)} 个教学点（目标学年共 {sum(x['students'] for x in points):,} 名学生）"
               "按评估办法并入所属中心校计算，所需资源在中心校配置，不为教学点单独建设。")
    if small:
        r.para(small_schools_text(small))


def write_compliance_docx(plan: CompliancePlan, path: str | Path) -> Path:
    """Write the chapter as its own document (整改措施.docx); return its path."""
    r = WordReport()
    add_compliance_chapter(r, compliance_dict(plan))
    return r.save(path)
