"""Two parts of the 整改措施 chapter that span the layout plan and the 达标路径: the teachers
moved before anyone is recruited, and both plans' money together. The 《整改措施》 prints them
in full; the 自评报告 (``brief``) says the county's figures and names the workbook's sheets that
hold the rest (brief hshort4: chapter 八 was 57 % of the 自评报告)."""

from __future__ import annotations

from typing import Any

from junheng.model import numbers
from junheng.report.compliance_brief import WORKBOOK, steps_note
from junheng.report.word_document import Column, WordReport


def write_redeployed(r: WordReport, doc: dict[str, Any], brief: bool = False) -> None:
    """The teachers moved before anyone is recruited (after a layout plan, or by 县管校聘 alone):
    the county's figures here, each school's moves and staffing named by their sheet of the
    workbook, which holds exactly those rows (brief hshort3: 18 pages of per-school tables);
    ``brief``: the staffing ledger's first clause, its sheet for the rest."""
    from junheng.planning.compliance_redeploy import moves_sheet, redeployment_lines
    from junheng.report.staffing_rows import (
        SHEET_TITLE,
        STAFFING_KEY,
        compliance_staffing_text,
        imbalance_sentence,
        staffing_rows,
    )

    text, rows = redeployment_lines(doc)
    if not rows:
        return
    ledger = compliance_staffing_text(doc)
    r.para(f"{text}逐校调出、调入人数见{WORKBOOK}“{moves_sheet(doc)}”表（{len(rows)} 行）。")
    if not brief and (imbalance := imbalance_sentence(doc.get("staffing"))):
        r.para(imbalance)  # the 自评报告 says it with the layout plan
    if not ledger:
        return
    rows = staffing_rows(doc["staffing"]) if doc["staffing"].get("schools") else []
    each = f"逐校 {len(rows) - 1} 行" if rows else ""  # less the 全县合计 row
    if brief:  # the sheet's title row is the whole sentence
        where = f"见{WORKBOOK}“{SHEET_TITLE}”表" + (f"（{each}）" if each else "")
        r.said[STAFFING_KEY] = where
        r.para(f"{without_long_brackets(ledger.split('。', 1)[0])}；逐校的编制、调配、招聘和自然减员{where}。")
        return
    # in full here, referred to elsewhere in the document (review rv 13)
    r.said[STAFFING_KEY] = "已在上文列出（调配教师人数之后一段）"
    r.para(ledger.replace(f"（见“{SHEET_TITLE}”表）", f"（{each}见{WORKBOOK}“{SHEET_TITLE}”表）"))


def write_combined(r: WordReport, doc: dict[str, Any], brief: bool = False) -> None:
    """After a layout plan: both plans' money together, the schools (those both plans build at
    too) named by their sheet; ``brief``: the totals and the year table, the sheets for the notes."""
    from junheng.planning.plans_budget import year_note
    from junheng.planning.plans_combined import combined_lines, combined_table, combined_year_rows
    from junheng.planning.plans_together import TOGETHER_TITLE, together_rows

    both = doc.get("combined")
    if not both:
        return
    head, *lines = combined_lines(both)  # a paragraph each (htext2 1: one of 3,937 characters)
    # the schools both plans build at: the 合计 sheet's column of that name holds each (brief hshort4)
    column = f"逐校见{WORKBOOK}“布局调整与达标路径合计”表的“{TOGETHER_TITLE}”列"
    for k, line in enumerate(lines[:2] if brief else lines):
        line = line.replace(f"逐校见“{TOGETHER_TITLE}”", column)
        r.para(head + line if k == 0 else line)
    together = together_rows(both)
    years, by_year = combined_year_rows(both)
    if by_year:
        r.table("布局调整与达标路径分年度投资（万元）", [Column("项目", 3.4), *[Column(f"{y} 学年", 1.1, "right")
                                                             for y in years], Column("合计", 1.3, "right")],
                [[name, *[f"{v:,.2f}" for v in values], numbers.number(total, 2)]  # a yearly row's 「—」 (rv28 6)
                 for name, values, total in by_year])
        if not brief:
            r.note("注：" + year_note(both))
        if steps := steps_note(both):
            r.note(steps)
        if (funds := both.get("funding_note")) and not brief:  # review rv10 9
            r.note("注：" + funds)
    write_totals(r, doc)
    rows = combined_table(both)[1]  # the sheet holds the same rows (brief hshort3: 18 pages here)
    said = f"布局调整与达标路径逐校措施与投资（{len(rows)} 行）见{WORKBOOK}“布局调整与达标路径合计”表"
    if brief:
        said += ((f"（含同校同项合计的 {len(together)} 所学校，" if together else "（")
                 + "表末为两个方案合计的各项说明），分年度投资的编制口径和资金来源见“布局调整与达标路径分年度投资”表")
    r.para(said + "。")


def write_totals(r: WordReport, doc: dict[str, Any]) -> None:
    """The 总投资 table (review rv15 9, :func:`~junheng.planning.plans_totals.totals_rows`): every
    money total of the sentences above in one table, how its rows add; none without a layout plan."""
    from junheng.planning.plans_totals import TITLE, totals_rows

    if rows := totals_rows(doc):
        _totals_table(r, TITLE, rows)


def _totals_table(r: WordReport, title: str, rows: list[list[str]]) -> None:
    """A 总投资 table: :data:`~junheng.planning.plans_totals.HEADS` over ``rows``."""
    from junheng.planning.plans_totals import HEADS

    widths = (0.5, 4.2, 1.3, 0.9, 1.8)
    r.table(title, [Column(h, w, "right" if h == "万元" else "left") for h, w in zip(HEADS, widths, strict=True)], rows)


def write_layout_totals(r: WordReport, doc: dict[str, Any] | None, plan=None) -> None:
    """Both plans' money in the 布局调整方案 (brief hwords6 1), with a 达标路径 made after the
    layout plan (``doc``: its plan.json): the 总投资 table of the 《整改措施》 and the 自评报告, after
    the sentence that says what it is, its one-off total and where the layout's own totals (said
    above it) stand in it; without one, the layout ``plan``'s own rows of it
    (:func:`write_layout_alone`). No total is said again (rv10 15: the 临时周转's seven times)."""
    from junheng.planning.plans_totals import ONCE_TOTAL, TITLE, layout_rows_said, totals_rows
    from junheng.report.compliance_brief import PLAN_DOC

    rows = totals_rows(doc or {})
    if not rows:
        if plan is not None:
            write_layout_alone(r, plan)
        return
    number, _, wan, *_ = next(row for row in rows if row[1] == ONCE_TOTAL)
    r.para(f"下表为本方案与达标路径的总投资（同{PLAN_DOC}“{TITLE.removesuffix('（万元）')}”表；达标路径按本方案实施后的"
           f"县域测算，逐项措施见{PLAN_DOC}）：{ONCE_TOTAL} {wan} 万元（第 {number} 行）。{layout_rows_said(rows)}")
    write_totals(r, doc)


def write_layout_alone(r: WordReport, plan) -> None:
    """The 总投资 table of a layout ``plan`` with no 达标路径 yet (hfix8 4: the web job's 布局调整方案
    had none): its own rows (:func:`~junheng.planning.plans_layout_totals.layout_totals_rows`)
    after the sentence saying the 达标路径's rows are not yet computed; nothing for a plan that
    spends nothing."""
    from junheng.planning.plans_layout_totals import (
        LAYOUT_ONCE,
        NOT_YET,
        TITLE,
        layout_alone,
        layout_totals_rows,
    )
    from junheng.planning.plans_totals import layout_rows_said

    rows = layout_totals_rows(layout_alone(plan))
    if not rows:
        return
    number, _, wan, *_ = next(row for row in rows if row[1] == LAYOUT_ONCE)
    r.para(f"下表为本方案的总投资（{NOT_YET}）：{LAYOUT_ONCE.removeprefix('布局调整：')} {wan} 万元（第 {number} 行）。"
           f"{layout_rows_said(rows)}")
    _totals_table(r, TITLE, rows)


def without_long_brackets(text: str, longest: int = 12) -> str:
    """``text`` without its bracketed asides of more than ``longest`` characters and those
    naming where to look (the figures stay, their breakdowns go to the sheet).

    >>> without_long_brackets("教师（2030 学年）：教职工 27 人（小学 10 人、初中 17 人；按中央编办文件核定），现有 25 人（不另计）（见“甲”表）")
    '教师（2030 学年）：教职工 27 人，现有 25 人（不另计）'
    """
    out, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch == "（":
            if depth == 0:
                start = k
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0 and k - start - 1 <= longest and "见" not in text[start:k]:
                out.append(text[start:k + 1])
        elif depth == 0:
            out.append(ch)
    return "".join(out)
