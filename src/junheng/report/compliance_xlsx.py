"""The compliance path as an Excel workbook in the layout counties submit: a 整改项目清单 (one
row per school and project: content, quantity, investment, year, responsible unit), the
investment by year, the CVs before and after, every action, and how the plan was made."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from junheng.io.excel import new_workbook
from junheng.model.numbers import cv3, trimmed, year_range
from junheng.planning.compliance import CompliancePlan
from junheng.planning.compliance_actions import TRAINING_ITEMS
from junheng.planning.compliance_json import (
    PROJECT_NAMES,
    STAGE_NAMES,
    TYPE_NAMES,
    compliance_dict,
    funding_span,
    passing_text,
    recurring_note,
    recurring_said,
    year_rows,
)
from junheng.planning.compliance_measures import RESPONSIBLE, count_sentence
from junheng.planning.compliance_outside import whole_m2
from junheng.planning.compliance_sports_path import path_lines
from junheng.planning.compliance_unresolved import HEADS, todo_lines, verdict_line
from junheng.planning.cv_fill import fill_text
from junheng.planning.floor_rule import floor_notes
from junheng.planning.plans_apart import LAYOUT_PAID_TEXT
from junheng.planning.policy_costs import plan_policy_rows
from junheng.planning.teacher_moves_words import ROTATION
from junheng.report.compliance_backbone_docx import HEADS as BACKBONE_HEADS
from junheng.report.compliance_backbone_docx import backbone_words, school_rows
from junheng.report.compliance_measures_docx import COLUMNS, NOTE, table_rows
from junheng.report.compliance_money import result_text
from junheng.report.layout_xlsx import Cv, write_cell
from junheng.report.sheet_rows import rows_or_none
from junheng.report.signed_text import signed, signed_notes
from junheng.standards import load_standard

PROJECT_ORDER = ("building", "temporary", "rented_area", "renovation", "repair", "sports", "lease", "equipment",
                 "books", "multimedia", "teachers", "training", "rotation")


def project_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per school and project: content, investment (万元), years, responsible unit."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for a in doc["actions"]:
        groups[(a["school_id"], a["project"])].append(a)
    rows, floors = [], floor_notes(doc.get("sports_floor") or [], (doc.get("after") or {}).get("stages"))
    for (school, project), actions in groups.items():
        years = sorted({int(y) for a in actions for y in a["funding"]})
        own = project == "sports" or (project == "lease" and (school, "sports") not in groups)
        floor = [floors[school]] if own and school in floors else []
        rows.append({"school_id": school, "name": actions[0]["name"], "project": project,
                     "content": "；".join([*(_content(a) for a in actions), *floor]),
                     "cost": round(sum(a["cost"] for a in actions), 2),
                     "one_off": round(float(sum(a["cost"] for a in actions if not a["annual_cost"])), 2),
                     "annual": round(sum(a["annual_cost"] for a in actions), 2),
                     "years": _years(years), "in_use": max(a["in_use_year"] for a in actions),
                     "responsible": RESPONSIBLE[project]})
    return sorted(rows, key=lambda r: (r["school_id"], PROJECT_ORDER.index(r["project"])))


#: what every new field in the list says of its ground
FIELD_CAVEAT = "建在校内空地上，需现场核实用地"


def _content(a: dict[str, Any]) -> str:
    qty = f"{a['quantity']:,.0f}" if float(a["quantity"]).is_integer() else f"{a['quantity']:,.2f}"
    stage = f"（{STAGE_NAMES[a['stage']]}）" if a.get("stage") else ""
    text = f"{a['item_name']}{stage} {qty} {a['unit']}"
    if a["item"] in ("classroom", "temporary_classroom", "temporary_area", "books", *TRAINING_ITEMS) and a.get("reason"):
        text += f"（{a['reason']}）"
    if a["item"] == "field":  # review rv3 finding 8: the spare ground is a lower bound from data
        text += f"（{FIELD_CAVEAT}）"
    if a["item"] == "rotation":
        text = f"{TYPE_NAMES[a['teacher_type']]}{stage} {qty} 人交流轮岗到{a['to_name']}（{ROTATION}）"
        text += f"（{a['reason']}）" if a.get("reason") else ""
        if a.get("exchanged"):  # brief hteach 3: the receiver is at its 编制
            text += f"（{a['to_name']}已达编制，交换：该校同时派 {a['exchanged']:,} 名本校教师到{a['name']}）"
    if a.get("layout_paid"):  # review 2026-12-04 finding 1
        text += (f"（{LAYOUT_PAID_TEXT}）" if a["layout_paid"] == a["quantity"]
                 else f"（其中 {a['layout_paid']:,} 人{LAYOUT_PAID_TEXT}）")
    return text


def _years(years: list[int]) -> str:
    return year_range(years[0], years[-1]) if years else ""


def write_compliance_xlsx(plan: CompliancePlan, path: str | Path) -> Path:
    """Write the plan's workbook; return its path."""
    doc = compliance_dict(plan)
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _formats(wb)
        _list_sheet(wb, f, doc)
        _year_sheet(wb, f, doc)
        _cv_sheet(wb, f, doc)
        _action_sheet(wb, f, doc)
        _outside_sheets(wb, f, doc)
        _combined_sheet(wb, f, doc)
        _redeploy_sheet(wb, f, doc)
        _staffing_sheet(wb, f, doc)
        _backbone_sheet(wb, f, doc)
        _measures_sheet(wb, f, doc)
        _unresolved_sheet(wb, f, doc)
        _about_sheet(wb, f, doc)
    finally:
        wb.close()
    return path


def list_body(doc: dict[str, Any]) -> list[list]:
    """The 整改项目清单 rows: each school's project with its one-off money and its yearly
    spending in their own columns, and a 合计 row of the one-off money every document states,
    the yearly spending beside it, not added (review rv3 finding 11: the sheet's 合计 was
    2,432.48, the one-off 2,399.48 plus 5 × 6.60 of 交流补助, while every document says 2,399.48).

    >>> doc = {"costs": {"recurring_years": 5}, "actions": [
    ...     {"school_id": "A", "name": "甲中学", "project": "multimedia", "item": "multimedia",
    ...      "item_name": "配置网络多媒体教室", "stage": None, "quantity": 10, "unit": "间",
    ...      "cost": 30.0, "annual_cost": 0.0, "funding": {"2027": 30.0}, "in_use_year": 2027},
    ...     {"school_id": "A", "name": "甲中学", "project": "rotation", "item": "rotation",
    ...      "item_name": "交流", "stage": None, "quantity": 6, "unit": "人", "teacher_type": "pe_art",
    ...      "to_name": "乙中学", "cost": 18.0, "annual_cost": 3.6, "funding": {"2030": 3.6},
    ...      "in_use_year": 2030}]}
    >>> [row[4:6] for row in list_body(doc)]
    [[30.0, 0.0], [0.0, 3.6], [30.0, 3.6]]
    """
    rows = project_rows(doc)
    body = [[i, r["name"], PROJECT_NAMES[r["project"]], r["content"], r["one_off"], r["annual"],
             r["years"], r["in_use"], r["responsible"]] for i, r in enumerate(rows, start=1)]
    body.append(["", "合计", "", f"{len(rows)} 个项目", round(sum(r["one_off"] for r in rows), 2),
                 round(sum(r["annual"] for r in rows), 2), "", "", ""])
    return body


def _list_sheet(wb, f, doc) -> None:
    title = (f"{doc['county']['name']}义务教育优质均衡发展整改项目清单（投资合计覆盖 "
             f"{funding_span(doc)}；{recurring_said(doc)}）")
    _sheet(wb, f, "整改项目清单", ["序号", "学校", "项目类别", "建设内容与数量", "一次性投入（万元）",
                                 "每年经常性支出（万元）", "安排资金学年", "投入使用学年", "责任单位"],
           list_body(doc), title=title, widths=[6, 22, 14, 60, 12, 14, 12, 12, 30],
           note="一次性投入与每年经常性支出分别合计，不相加；每年经常性支出逐年见“分年度投资”表。")


def _year_sheet(wb, f, doc) -> None:
    years, rows = year_rows(doc)
    policy = plan_policy_rows(doc, [int(y) for y in years])  # review rv10 9, 10: outside the totals
    body = [[name, *values, total] for name, values, total in [*rows, *policy]]
    _sheet(wb, f, "分年度投资", ["项目类别", *[f"{y} 学年（万元）" for y in years], "合计（万元）"],
           body, widths=[34] + [14] * (len(years) + 1),
           note=recurring_note(doc, rows, len(policy)))


def _cv_sheet(wb, f, doc) -> None:
    head, body = cv_body(doc)
    _sheet(wb, f, "差异系数", ["学段", "指标", *head, "实施前（目标学年）", "实施后", "限值"], body,
           widths=[8, 44, *([22] if head else []), 18, 12, 8])


def cv_body(doc: dict[str, Any]) -> tuple[list[str], list[list]]:
    """The 差异系数 sheet's layout column heading (none without a layout plan) and rows: per
    stage each indicator's CV before and after the plan and its limit, then 达标学校数; a CV the
    county's data cannot give reads 无法计算 (brief hq: NaN crashed the sheet), a stage the
    plan has no figures of stays blank."""
    std = load_standard("quality-2017")
    names = {i.id: i.name for i in std.resource_indicators}
    layout = doc.get("layout_cvs") or {}
    body = []
    for stage, before in (doc["before"] or {}).get("stages", {}).items():
        after = (doc["after"] or {}).get("stages", {}).get(stage, {})
        for k, cv in before["cv"].items():
            mine = [_cv(layout[stage].get(k)) if stage in layout else ""] if layout else []
            body.append([STAGE_NAMES[stage], names[k], *mine, _cv(cv),
                         _cv(after["cv"].get(k)) if after else "", Cv(before["limit"])])
        body.append([STAGE_NAMES[stage], "达标学校数", *([""] if layout else []),
                     passing_text(before), passing_text(after) if after else "", ""])
    head = [f"布局方案调整后（规划年 {doc.get('layout_year')} 学年，布局方案学生数）"] if layout else []
    return head, body


def _cv(value):
    """A CV cell with three decimals; 无法计算 (:func:`~junheng.model.numbers.cv3`) without data.

    >>> _cv(0.5034), _cv(float("nan")), _cv(None)
    (0.5034, '无法计算', '无法计算')
    """
    return Cv(value) if isinstance(value, int | float) and math.isfinite(value) else cv3(None)


def _price(value: float):
    """A unit price in 万元 as written: below 0.01 (a book's 0.0025, a 元 of equipment's
    0.0001) as its digits, which the sheet's two decimals would show as 0; one with more
    than two decimals (a lease at 2.00 万元 a room of 120 m² a 学年: 0.016667) to four
    significant digits, so that quantity × price reads the investment (review rv12 4: 240 ×
    「0.02」 = 4.80 beside 4.00).

    >>> _price(0.35), _price(0.0025), _price(2 / 120)
    (0.35, '0.0025', '0.01667')
    """
    if value < 0.01:
        return f"{value:.10g}"
    return value if round(value, 2) == value else f"{value:.4g}"


def _action_sheet(wb, f, doc) -> None:
    body = [[a["name"], STAGE_NAMES.get(a["stage"] or "", ""), a["item_name"], a["quantity"],
             a["unit"], _price(a["unit_cost"]), a["cost"], a["annual_cost"],
             "、".join(f"{y} 学年 {v:,.2f}" for y, v in a["funding"].items()), a["in_use_year"],
             "是" if a["forced"] else "否", a["to_name"] or ""] for a in doc["actions"]]
    _sheet(wb, f, "逐项明细", ["学校", "学段", "措施", "数量", "单位", "单价（万元）", "投资（万元）",
                             "每年经常性支出（万元）", "分年投入（万元）", "投入使用学年",
                             "保障项目必需", "调入学校"], body,
           widths=[22, 6, 28, 12, 8, 12, 12, 14, 28, 12, 10, 22])


def _outside_sheets(wb, f, doc) -> None:
    """What the plan names but does not fund: 民办 schools' needs, 高中's part of shared
    buildings (indicative costs, never in the totals)."""
    private = doc.get("private_needs") or {}   # a plan.json of an earlier version has none
    needs = private.get("items", [])
    if needs:
        body = [[a["name"], STAGE_NAMES.get(a["stage"] or "", ""), a["item_name"], a["quantity"],
                 a["unit"], a["cost"]] for a in needs]
        body.append(["合计（估算）", "", "", "", "", private["indicative_total"]])
        _sheet(wb, f, "民办学校举办者整改需求", ["学校", "学段", "措施", "数量", "单位", "估算投资（万元）"],
               body, widths=[24, 6, 30, 12, 8, 16],
               note="民办学校的办学条件由举办者负责投入：本表按各项指标补足到标准值、单价同本方案估算，"
                    "不计入本方案投资。")
    senior = doc.get("senior_part") or []
    if senior:
        joint = any(a.get("layout") for a in senior)  # review2 finding 4: one hall, one whole
        body = [[a["name"], a["item_name"], a["quantity"], *([a.get("layout") or 0] if joint else []),
                 *whole_m2(a), a["unit"], a["senior_cost"]] for a in senior]
        _sheet(wb, f, "与高中共用部分", ["学校", "措施", "义务教育阶段所需（计入本方案）",
                                        *(["布局调整方案所建（同一场馆）"] if joint else []),
                                        "建成共用总量" + ("（布局调整与达标路径合为一座）" if joint else ""),
                                        "高中部分", "单位", "高中部分估算（万元）"],
               body, widths=[24, 28, 18, *([18] if joint else []), 14, 12, 8, 16],
               note="评估办法按学生数加权拆分完全中学、十二年一贯制学校的校舍和设施；高中部分由高中经费安排，"
                    "不计入本方案投资。")


def _combined_sheet(wb, f, doc) -> None:
    """After a layout plan: both plans per school, their one-off and yearly totals."""
    from junheng.planning.plans_apart import senior_table_rows
    from junheng.planning.plans_budget import year_note
    from junheng.planning.plans_combined import COMBINED_COLUMNS, combined_lines, combined_year_rows
    from junheng.planning.plans_transition import temporary_table_row

    both = doc.get("combined")
    if not both:
        return
    keys = [k for k, _ in COMBINED_COLUMNS]
    body = [[r.get(k, "") for k in keys] for r in both["schools"]]
    body += [temporary] if (temporary := temporary_table_row(both, len(keys))) else []  # the 合计 adds its rows
    layout_once = round(both["layout_construction"] + both.get("layout_temporary", 0.0), 2)
    held = "".join(w + "、" for w, on in (("临时周转", temporary), ("租赁校舍", both.get("compliance_rented"))) if on)  # hlease 1
    body.append([f"合计（一次性财政支出，含{held}设备、培训：各行之和）", "",
                 layout_once, "", "", round(both["compliance_construction"] + both["compliance_other_once"], 2),
                 both["compliance_yearly"], both["once"]])
    body.append([f"其中：一次性建设投资（不含{held}设备、培训）", "",
                 both["layout_construction"], "", "", both["compliance_construction"], "", both["construction"]])
    body.append(["每年经常性支出变化", "", both["layout_yearly"], "", "", "",
                 both["compliance_yearly"], both["yearly"]])
    body += [[*r[:-1], float(r[-1].replace(",", ""))]  # outside the totals, then with them
             for r in senior_table_rows(both, len(keys))]
    lines = combined_lines(both)
    _sheet(wb, f, "布局调整与达标路径合计", [h for _, h in COMBINED_COLUMNS], body, title=lines[0],
           widths=[22, 40, 12, 60, 40, 14, 14, 12], note="".join(lines[1:]))
    years, rows = combined_year_rows(both)
    if rows:
        _sheet(wb, f, "布局调整与达标路径分年度投资", ["项目", *[f"{y} 学年（万元）" for y in years], "合计（万元）"],
               [[name, *values, total] for name, values, total in rows], title=lines[0],
               widths=[52] + [14] * (len(years) + 1),
               note=year_note(both) + (f"资金来源：{both['funding_note'].removeprefix('资金来源：')}" if both.get("funding_note") else ""))


def _redeploy_sheet(wb, f, doc) -> None:
    """The teachers who follow the pupils after a layout plan, or are pooled by 县管校聘 without
    one, per school (none: no sheet)."""
    from junheng.planning.compliance_redeploy import moves_sheet, redeployment_lines

    text, rows = redeployment_lines(doc)
    if rows:
        _sheet(wb, f, moves_sheet(doc), ["学校", "学段", "调出（人）", "调入（人）", "去向或来源"], rows,
               title=text, widths=[24, 6, 10, 10, 80])


def _staffing_sheet(wb, f, doc) -> None:
    """The staffing ledger (a layout plan's, else the county's own), the layout workbook's sheet."""
    from junheng.report.staffing_rows import (
        HEADER,
        SHEET_TITLE,
        compliance_staffing_text,
        ledger_sheet_rows,
    )
    from junheng.report.teacher_walk import walk_finding

    if staffing := doc.get("staffing"):  # rv28 4: with the walk its sentence refers to
        _sheet(wb, f, SHEET_TITLE, list(HEADER), ledger_sheet_rows(staffing), title=compliance_staffing_text(doc)
               + walk_finding(staffing), widths=[24, 6, 12, 14, 12, 10, 10, 12, 12, 14, 80])


def _backbone_sheet(wb, f, doc) -> None:
    """培养认定县级骨干教师: per school, those planned beside those who qualify (none: no sheet)."""
    if b := doc.get("backbone_training"):
        _sheet(wb, f, "培养认定县级骨干教师", list(BACKBONE_HEADS), school_rows(b),
               title="".join(backbone_words(doc)), widths=[30, 8, 22, 14, 14])


def _measures_sheet(wb, f, doc) -> None:
    """指标整改措施: every indicator the data year fails or holds 待核实, as the Word table."""
    if rows := (doc.get("measures") or {}).get("rows"):
        _sheet(wb, f, "指标整改措施", [h for h, _ in COLUMNS], table_rows(rows, doc),
               title=count_sentence(rows, doc["target_year"], "本表"), widths=[30, 18, 18, 30, 60, 30, 10, 36],
               note=NOTE)


def _unresolved_sheet(wb, f, doc) -> None:
    """未解决事项: what the re-check still finds short, with why (none: no sheet)."""
    rows = doc.get("unresolved") or []
    if rows:
        _sheet(wb, f, "未解决事项", list(HEADS),
               [[x["school"], x["item"], x["current"], x["standard"], x["reason"]] for x in rows],
               title=doc.get("verdict") or verdict_line(doc), widths=[28, 30, 16, 22, 60],
               note=signed(todo) if (todo := todo_note(rows)) else None)


def todo_note(rows: list[dict[str, Any]]) -> str | None:
    """The 数据待补 list under the 未解决事项 table (review 2, B7), or None.

    >>> todo_note([{"school": "甲小学", "todo": "缺少专用教室面积数据，请补填校舍设施表"}])
    '数据待补（表中“数据待补”的行）：甲小学：缺少专用教室面积数据，请补填校舍设施表。'
    """
    lines = todo_lines(rows)
    return f"数据待补（表中“数据待补”的行）：{'；'.join(lines)}。" if lines else None


#: the bound as the workbook's reader is told it, once (review rv5 13: 「下界」 unexplained)
BOUND_SAID = "可达到的最低值（下界：经计算证明任何方案都不会低于此数，万元）"


def solve_rows(doc: dict[str, Any]) -> list[list]:
    """方案说明's rows on the solve: its status, bound and gap whatever the re-check says
    (review 2026-12-04 finding 11), the model's objective when it holds pay the layout plan
    carries (finding 1), so the bound is read against the figure it bounds.

    >>> doc = {"status": "gap_limit", "gap": 0.00008938, "objective": 4552.26, "bound": 4651.84,
    ...        "model_objective": 4652.26, "layout_paid": 100.0}
    >>> for row in solve_rows(doc):
    ...     print(*row)
    模型求解状态 最优（与下界差 0.0089%，在容差 0.01% 内）
    模型目标值（万元） 4652.26
    模型目标值可达到的最低值（下界：经计算证明任何方案都不会低于此数，万元） 4651.84
    模型目标值与总投资 模型目标值含已计入布局调整方案新聘教师的人员经费 100.00 万元，总投资不含
    """
    from junheng.optimize import SolveStatus
    from junheng.planning.compliance_json import SOLVE_LABEL, status_text

    if doc.get("bound") is None:
        return []
    said = status_text(SolveStatus(doc["status"]), doc.get("gap"))
    if doc.get("confirmed") is False and said.startswith("最优"):  # rv10 13: not beside 仍未达标
        said = said.replace("最优", "所设措施范围内最低", 1)
    rows = [[SOLVE_LABEL, said]]
    bound = ("在所设措施范围内" if doc.get("confirmed") is False else "") + BOUND_SAID
    paid = doc.get("layout_paid") or 0.0
    if not paid:
        return [*rows, [f"总投资（测算口径）{bound}", doc["bound"]]]
    return [*rows, ["模型目标值（万元）", doc["model_objective"]],
            [f"模型目标值{bound}", doc["bound"]],
            ["模型目标值与总投资", f"模型目标值含已计入布局调整方案新聘教师的人员经费 {paid:,.2f} 万元，总投资不含"]]


def money_rows(doc: dict[str, Any]) -> list[list]:
    """The 方案说明 rows of the plan's money: the one-off and the yearly spending apart, and
    the 总投资 the solve makes least (the yearly items counted for their years), named as
    that measure, never as a sum to spend (review 2026-12-05 finding 3).

    >>> doc = {"objective": 130.0, "costs": {"recurring_years": 5},
    ...        "totals": {"total": 130.0, "one_off": 80.0, "annual": 10.0}}
    >>> for row in money_rows(doc): print(row)
    ['一次性投入（万元）', 80.0]
    ['每年经常性支出（万元，单独列示，不与一次性投入相加）', 10.0]
    ['总投资（万元，测算口径：一次性投入加每年经常性支出按 5 年计，只用于求解和比较方案）', 130.0]
    >>> money_rows({"objective": 12.5, "totals": {"total": 12.5, "one_off": 12.5, "annual": 0.0}})
    [['一次性投入（万元）', 12.5]]
    """
    totals = doc.get("totals") or {}
    if "one_off" not in totals:
        return [["总投资（万元）", doc["objective"]]]
    if not totals.get("annual"):
        return [["一次性投入（万元）", totals["one_off"]]]
    n = doc["costs"]["recurring_years"]
    return [["一次性投入（万元）", totals["one_off"]],
            ["每年经常性支出（万元，单独列示，不与一次性投入相加）", totals["annual"]],
            [f"总投资（万元，测算口径：一次性投入加每年经常性支出按 {n} 年计，只用于求解和比较方案）",
             doc["objective"]]]


def _about_sheet(wb, f, doc) -> None:
    rows = [["结论", doc.get("verdict") or verdict_line(doc)],
            ["求解结果", result_text(doc)], *money_rows(doc), *solve_rows(doc)]
    if fill := fill_text(doc.get("cv_fill") or []):
        rows.append(["差异系数降到限值所需（本方案未安排）", fill + "。"])
    rows += [
            ["逐校、逐项简单补齐的投资（万元）", GREEDY_NONE if doc["greedy"] is None else doc["greedy"]],
            ["评估引擎复核", "实施后全部学校和差异系数达标" if doc["confirmed"]
             else "未通过复核，见“未解决事项”表"],
            ["年度预算（万元）", doc["budget"] if doc["budget"] is not None else "不限"]]
    if doc.get("plan_date"):  # the first plan year follows from it (plan.json since round 2)
        year, month, day = (int(x) for x in doc["plan_date"].split("-"))
        rows.append(["编制日期", f"{year} 年 {month} 月 {day} 日（首个可实施学年 {doc['years'][0]} 学年）"
                     if doc.get("years") else f"{year} 年 {month} 月 {day} 日"])
    if doc["diagnosis"]:
        rows.append(["无法达标的原因", doc["diagnosis"]["message"]])
    rows += [["方案之外", text] for text in doc["outside"]]
    rows += [["需论证", text] for text in doc["warnings"]]
    rows += [["说明", text] for text in signed_notes(doc["assumptions"])]
    kinds = {"teaching_point": "教学点（并入中心校配置）", "small_school": "小规模学校（撤并候选）"}
    rows += [["小规模学校" if r.get("layout_status") else kinds[r["kind"]], f"{r['name']}：目标学年 {r['students']} 人（按学校"
              f"在校生预测），本方案投入 {r['cost']:,.2f} 万元" + "".join(f"；{x}" for x in (r.get("layout_status"),) if x)] for r in doc["left_out"]
             if r["kind"] == "small_school" or r["cost"] > 0]
    rows += [[f"单价：{c['name']}", f"{unit_price(c)}；{signed(c['source'])}"]
             for c in (*doc["costs"]["items"].values(), *doc["costs"]["projects"].values())]
    rows += size_rules(doc["costs"])
    rows += remedy_rows(doc)
    _sheet(wb, f, "方案说明", ["项目", "内容"], rows, widths=[30, 110])


def remedy_rows(doc: dict[str, Any]) -> list[list[str]]:
    """方案说明's rows on the sports area the school's ground cannot hold: the assumed path, its re-check
    and the land's price with its source (a plan.json written before has none).

    >>> remedy_rows({"costs": {"recurring_years": 5, "sports_remedy": {
    ...     "name": "置换或征用相邻用地建室外运动场", "land_unit_cost": 0.06, "source": "假设值"}}})
    [['单价：置换或征用相邻用地（本校用地放不下的体育运动场馆）', '600 元/平方米，另按室外体育运动场地单价建场地；假设值']]
    """
    path = doc.get("sports_path")  # a plan.json written before has none, nor its costs' years
    lines = path_lines(path, doc["costs"]["recurring_years"]) if path else []
    rows = [["本校用地放不下的体育运动场馆", text] for text in lines]
    remedy = doc["costs"].get("sports_remedy")
    if remedy:
        rows.append(["单价：置换或征用相邻用地（本校用地放不下的体育运动场馆）",
                     f"{remedy['land_unit_cost'] * 10_000:,.0f} 元/平方米，另按室外体育运动场地单价建场地；"
                     f"{signed(remedy['source'])}"])
    return rows


def size_rules(costs: dict[str, Any]) -> list[list[str]]:
    """The unit-price file's size rules a reader needs to read the project list: the smallest
    and largest hall, and the room gap below which a room is 维修改造（核定面积）(a plan.json
    written before a rule has none of it).

    >>> for row in size_rules({"gym_min_area": 800.0, "gym_max_area": 3000.0,
    ...                        "room_repair_below": 20.0}): print(row)
    ['规则：新建室内体育馆面积', '每座 800–3,000 平方米（建筑面积，与高中共用的按整座计）：缺口小于 800 平方米的学校建一座 800 平方米的场馆，或改用室外场地、租用场地等更省的办法；超出 3,000 平方米的缺口不计价，列入“未解决事项”']
    ['规则：专用教室维修改造（核定面积）', '一所学校一类专用教室面积差额小于 20 平方米的，先按使用面积核定，仍不足的结合校舍维修改造补足，列为“专用教室维修改造（核定面积）”，不单独立项']
    """
    rows = []
    least, most = costs.get("gym_min_area"), costs.get("gym_max_area")
    if least and most:
        rows.append(["规则：新建室内体育馆面积",
                     f"每座 {least:,.0f}–{most:,.0f} 平方米（建筑面积，与高中共用的按整座计）：缺口小于 "
                     f"{least:,.0f} 平方米的学校建一座 {least:,.0f} 平方米的场馆，或改用室外场地、租用场地等更省的"
                     f"办法；超出 {most:,.0f} 平方米的缺口不计价，列入“未解决事项”"])
    below = costs.get("room_repair_below")
    if below:
        rows.append(["规则：专用教室维修改造（核定面积）",
                     f"一所学校一类专用教室面积差额小于 {below:,.0f} 平方米的，先按使用面积核定，仍不足的结合校舍"
                     "维修改造补足，列为“专用教室维修改造（核定面积）”，不单独立项"])
    return rows


GREEDY_NONE = "无：逐校、逐项简单补齐不能使全部学校和差异系数达标，没有可比的投资额"


def price_basis(doc: dict[str, Any], most: int = 4) -> str:
    """The unit prices behind most of the plan's money, each with its source and year (review
    ca item 4: the field's price is a 2018 Yunnan approval, nowhere said in the document).

    >>> doc = {"actions": [{"item": "gym", "cost": 1260.0}, {"item": "classroom", "cost": 42.0},
    ...                    {"item": "rotation", "cost": 0.0}],
    ...        "costs": {"items": {"gym": {"name": "室内体育馆", "unit": "平方米", "unit_cost": 0.42,
    ...                                    "source": "假设值：按教学用房单价的 1.2 倍计"},
    ...                            "teaching_area": {"name": "教学及辅助用房", "unit": "平方米",
    ...                                              "unit_cost": 0.35, "source": "2023 年批复"}},
    ...                  "projects": {}}}
    >>> price_basis(doc)
    '主要单价及来源（按投资多少排列）：室内体育馆 4,200 元/平方米，本方案 1,260.00 万元，假设值：按教学用房单价的 1.2 倍计；教学及辅助用房 3,500 元/平方米，本方案 42.00 万元，2023 年批复。'

    A project's fee beyond the items listed is named with its sum (rv 10):

    >>> doc["actions"].append({"item": "sports", "cost": 50.0})
    >>> doc["costs"]["projects"] = {"sports": {"name": "体育场馆建设项目前期与管理费用（每校每个项目）", "unit": "项",
    ...                                        "unit_cost": 10.0, "source": "假设值"}}
    >>> print(price_basis(doc, most=1))
    主要单价及来源（按投资多少排列）：室内体育馆 4,200 元/平方米，本方案 1,260.00 万元，假设值：按教学用房单价的 1.2 倍计；另体育场馆建设项目前期与管理费用（每校每个项目） 10 万元/项，本方案 50.00 万元。
    """
    from junheng.planning.compliance_model import FORCED_COST_ITEM

    costs = doc.get("costs") or {}  # a plan.json of an earlier version, or a test's, may lack them
    table = {**costs.get("items", {}), **costs.get("projects", {})}
    money: dict[str, float] = {}
    for a in doc.get("actions") or []:
        key = FORCED_COST_ITEM.get(a["item"], a["item"])
        if key in table and a.get("cost"):
            money[key] = money.get(key, 0.0) + a["cost"]
    top = sorted(money.items(), key=lambda kv: -kv[1])[:most]
    if not top:
        return ""
    parts = [f"{table[k]['name']} {unit_price(table[k])}，本方案 {v:,.2f} 万元，{signed(_joined(table[k]['source']))}"
             for k, v in top]
    # the projects' fees the items above do not hold (rv 10: 体育场馆 1,435.91 万元 in the text,
    # 1,385.91 万元 here with the 50.00 万元 of fees said nowhere)
    fees = [f"另{table[k]['name']} {unit_price(table[k])}，本方案 {v:,.2f} 万元"
            for k, v in sorted(money.items(), key=lambda kv: -kv[1])
            if k in costs.get("projects", {}) and k not in dict(top)]
    return ("主要单价及来源（按投资多少排列）："
            + "；".join(parts + fees) + "。")


def _joined(source: str) -> str:
    """A source as one clause of a sentence: no space where the unit-price file folded a line
    between Chinese characters, no closing 。.

    >>> _joined("参照安徽东至县青山乡 扩建三层教学楼 2,469.3 平方米。")
    '参照安徽东至县青山乡扩建三层教学楼 2,469.3 平方米'
    """
    return signed(re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "",
                         source).rstrip("。"))


def unit_price(cost: dict[str, Any]) -> str:
    """A unit price as a reader takes it; one priced by value (unit 元) says so.

    >>> unit_price({"unit_cost": 0.0001, "unit": "元"}), unit_price({"unit_cost": 0.35, "unit": "平方米"})
    ('按设备价值计，1 元投入 1 元', '3,500 元/平方米')

    A price per square metre, or one under 1 万元, in 元 (rv 11: 「0.09 万元/平方米」 for 900 元);
    a larger one in 万元:

    >>> unit_price({"unit_cost": 0.09, "unit": "平方米"}), unit_price({"unit_cost": 0.005, "unit": "册"})
    ('900 元/平方米', '50 元/册')
    >>> unit_price({"unit_cost": 10.0, "unit": "项"}), unit_price({"unit_cost": 1.5, "unit": "平方米"})
    ('10 万元/项', '15,000 元/平方米')
    """
    if cost["unit"] == "元":
        return f"按设备价值计，1 元投入 {cost['unit_cost'] * 10_000:,.4g} 元"
    if cost["unit"] == "平方米" or abs(cost["unit_cost"]) < 1:
        return f"{trimmed(cost['unit_cost'] * 10_000, 2)} 元/{cost['unit']}"
    return f"{cost['unit_cost']:,.10g} 万元/{cost['unit']}"


def _formats(wb):
    return {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, "valign": "vcenter"}),
            "cell": wb.add_format({"border": 1, "num_format": "#,##0", "text_wrap": True, "valign": "top"}),
            "dec": wb.add_format({"border": 1, "num_format": "#,##0.00", "text_wrap": True, "valign": "top"}),
            "cv": wb.add_format({"border": 1, "num_format": "0.000", "valign": "top"}),
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "note": wb.add_format({"italic": True})}


def _sheet(wb, f, name, heads, rows, *, title: str | None = None, widths=None, note: str | None = None) -> None:
    ws = wb.add_worksheet(name)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    top = 1 if title else 0
    if title:
        ws.write_string(0, 0, title, f["title"])
    ws.repeat_rows(top)
    ws.freeze_panes(top + 1, 0)
    for j, h in enumerate(heads):
        ws.write_string(top, j, str(h), f["head"])
        ws.set_column(j, j, (widths or [])[j] if widths and j < len(widths) else 14)
    money = {j for j, h in enumerate(heads) if "万元" in str(h)}  # money (a 万元 column or row) as the documents write it: 84.00
    rows = rows_or_none(name, rows)
    for i, row in enumerate(rows, start=top + 1):
        for j, v in enumerate(row):
            if v is None:
                ws.write_blank(i, j, None, f["cell"])
            elif (j in money or (j and "万元" in str(row[0]))) and isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
                ws.write_number(i, j, round(v, 2) + 0.0, f["dec"])
            else:
                write_cell(ws, i, j, v, f)
    if note:
        ws.write_string(top + len(rows) + 2, 0, note, f["note"])
