"""What the county checks before it submits its 自评报告 (报送前核对): the report states only
its resolved positions (review finding 4), so the questions it used to ask itself are listed
here — each 县级认定 the county's own data contradicts, and each 在建 or 规划 project past its
竣工日期 (review finding 12), and each project's new school the layout plan leaves mostly empty
(review2 finding 5); and the data checks the signed documents no longer carry
(:mod:`junheng.report.signed_text`: the rotation count that differs from the county's, the
layout's notes that are data checks)."""

from __future__ import annotations

from datetime import date

from junheng.evaluate import Evaluation
from junheng.model import CountyData
from junheng.planning.layout_naming import layout_name
from junheng.planning.project_entry import _STATUS_LABELS, OVERDUE
from junheng.planning.projects import county_at
from junheng.report.self_report.problems import attestation_doubts
from junheng.report.signed_text import is_data_check, rules_count_check, signed

ASK = "请核实该认定，或补充说明两者不矛盾的佐证材料"
HEADS = ("序号", "核对事项", "核对结果")


def overdue_projects(data: CountyData, today: date) -> list[str]:
    """One line per 在建 or 规划 project whose 竣工日期 is before ``today``."""
    built = county_at(data, data.school_year, today=today)
    return [f"建设项目“{e.name}”（{e.school}）计划 {e.completion.year} 年 {e.completion.month} 月竣工，"
            f"仍为“{_STATUS_LABELS.get(e.status, e.status)}”：{OVERDUE}（建设项目表的状态和竣工日期），"
            "各方案据此计入。" for e in built.overdue]


def count_checks(ev: Evaluation) -> list[str]:
    """The asks the reports leave out of an item's remark (:func:`~junheng.report.signed_text.
    signed`), one line each: the county's count against the ledger's
    (:func:`~junheng.report.signed_text.rules_count_check`), else the item and its note."""
    out = []
    for item in (*ev.conditions, *ev.guarantee, *ev.quality):
        note = item.note or ""
        if line := rules_count_check(note):
            out.append(line)
        elif signed(note) != note:
            out.append(f"“{item.indicator.name}”：{note}。")
    return out


def layout_checks(layout) -> list[str]:
    """The layout plan's notes that are data checks (left out of 布局调整方案.docx)."""
    return [f"{layout_name(layout)}：{note}" for note in layout.notes if is_data_check(note)]


def pre_submission_checks(ev: Evaluation, data: CountyData | None = None,
                          today: date | None = None, layout=None) -> list[str]:
    """The 报送前核对 list: the contradicted 县级认定, then (with ``data`` and ``today``) the
    projects past their date, then the counts the 自评报告 states only as the county's
    (:func:`count_checks`), then (with ``layout``, a
    :class:`~junheng.planning.layout_outcome.LayoutOutcome`) its schools to check the size of
    and its notes that are data checks (:func:`layout_checks`)."""
    out = [f"{doubt.replace('（见本章上文）', '（见自评报告“存在的问题”）')}。{ASK}。"
           for doubt in attestation_doubts(ev, data)]
    if data is not None and today is not None and not data.projects.empty:
        out += overdue_projects(data, today)
    out += count_checks(ev)
    if layout is not None:
        from junheng.report.plan_rows import size_warnings

        out += [f"{layout_name(layout)}：{w}" for w in size_warnings(layout)]
        out += layout_checks(layout)
    return out
