"""The 达标路径 section of the offline report (report.html).

The plan's verdict and its 未解决事项 come from the same source as the CLI, the workbook and
the Word chapter (``plan.json``'s ``verdict`` and ``unresolved``, or
:func:`~junheng.planning.compliance_unresolved.verdict_line` for a file written before the
verdict was stored); after a layout plan, both plans' money by year and per school from
:mod:`junheng.planning.plans_combined`.
"""

from __future__ import annotations

from typing import Any

from junheng.model import numbers
from junheng.planning.compliance_measures import count_sentence
from junheng.planning.compliance_room_bridge import bridge_lines
from junheng.planning.compliance_sports_path import path_lines
from junheng.planning.compliance_unresolved import HEADS, verdict_line
from junheng.planning.plans_budget import year_note
from junheng.planning.plans_combined import (
    combined_lines,
    combined_table,
    combined_year_rows,
)
from junheng.planning.plans_together import TOGETHER_HEADS, TOGETHER_TITLE, together_rows
from junheng.report.compliance_measures_docx import COLUMNS, NOTE, TITLE, table_rows
from junheng.report.compliance_money import cover_apart, money_sentence
from junheng.report.compliance_xlsx import todo_note
from junheng.report.html_parts import html_list, html_section, html_table
from junheng.report.html_safety import esc
from junheng.report.signed_text import signed


def compliance_section(doc: dict[str, Any]) -> str:
    """The section: verdict, 未解决事项 table, then the two plans together (if any).

    >>> html = compliance_section({"target_year": 2030, "confirmed": False, "after": {},
    ...     "verdict": "按此方案，2030 学年不能通过复核，原因：民办学校由举办者整改 1 项。",
    ...     "unresolved": [{"school": "甲", "item": "乙", "current": "1", "standard": "2",
    ...                     "reason": "民办"}]})
    >>> '<p class="verdict bad">按此方案，2030 学年不能通过复核' in html, "<td>民办</td>" in html
    (True, True)
    >>> compliance_section({"target_year": 2030, "confirmed": True, "after": {}, "verdict": "可以",
    ...     "status": "gap_limit", "gap": 0.000137, "objective": 12.5, "actions": [{}]}).count(
    ...     "<p>按所设单价和权重测算：总投资 12.50 万元；这一投入与最少可能的投入相差不超过 0.0137%（"
    ...     "测算口径见《达标路径工作簿》“方案说明”表）。</p>")
    1
    """
    ok = bool(doc.get("confirmed"))
    body = f'<p class="verdict {"ok" if ok else "bad"}">{esc(doc.get("verdict") or verdict_line(doc))}</p>'
    body += _measures(doc)
    rows = doc.get("unresolved") or []
    if rows:
        body += (f"<h3>按此方案 {doc['target_year']} 学年仍未解决的事项</h3>"
                 + '<div class="scroll short">'
                 + html_table(list(HEADS), [[x["school"], x["item"], x["current"], x["standard"],
                                             signed(x["reason"])] for x in rows]) + "</div>")
        if todo := todo_note(rows):
            body += f'<p class="note">{esc(signed(todo))}</p>'
    years = (doc.get("costs") or {}).get("recurring_years", 5)
    body += "".join(f"<p>{esc(line)}</p>" for line in path_lines(doc.get("sports_path"), years))
    # after the table, in 整改措施's words: what the plan is, not the solver's status (planner
    # review 2026-12-05 finding 12: 「模型求解状态：可行方案（…超出容差）」; that stays in the workbook)
    if doc.get("status") and doc.get("actions"):
        body += f"<p>{esc(f'按所设单价和权重测算：{money_sentence(doc)}。{cover_apart(doc)}')}</p>"
    both = doc.get("combined")
    if both:
        body += "<h3>布局调整与达标路径合计</h3>" + html_list(combined_lines(both), "ul")
        if together := together_rows(both):  # a row a school, not one sentence (htext2 1)
            body += f"<h3>{TOGETHER_TITLE}</h3>" + html_table(list(TOGETHER_HEADS), together)
        years, by_year = combined_year_rows(both)
        if by_year:
            body += ("<h3>布局调整与达标路径分年度投资（万元）</h3>" + html_table(["项目", *(f"{y} 学年" for y in years), "合计"],
                                [[name, *(f"{v:,.2f}" for v in values), numbers.number(total, 2)]
                                 for name, values, total in by_year], table_class="num")
                     + f'<p class="note">注：{esc(year_note(both))}</p>')
        heads, school_rows = combined_table(both)
        body += f'<div class="scroll short">{html_table(heads, school_rows)}</div>'
    return html_section("compliance", "达标路径", body)


def _measures(doc: dict[str, Any]) -> str:
    """Every failing and 待核实 indicator with its measure, as the Word chapter's table, and the
    music and art rooms' bridge (brief hfail)."""
    measures = doc.get("measures") or {}
    rows = measures.get("rows") or []
    if not rows:
        return ""
    rooms = bridge_lines(measures["rooms"], measures["data_year"], doc["target_year"]) if measures.get("rooms") else []
    return (f"<p>{esc(count_sentence(rows, doc['target_year'], '下表'))}</p><h3>{TITLE}</h3>"
            + '<div class="scroll short">' + html_table([h for h, _ in COLUMNS], table_rows(rows, doc)) + "</div>"
            + f'<p class="note">{esc(NOTE)}</p>' + "".join(f"<p>{esc(x)}</p>" for x in rooms))
