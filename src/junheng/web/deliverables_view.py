"""What the deliverable pages show and send: the report files of a county-year (自评报告, the
inspection tables, the evaluation workbook) and the per-school indicator table with its
sorting and filters (done on the server: the table works without scripts and prints)."""

from __future__ import annotations

import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from junheng.evaluate import Evaluation
from junheng.report.report_format import STAGE_LABELS, fmt_amount, fmt_int

STANDARDS = {"quality-2017": "优质均衡", "basic-2012": "基本均衡", "preschool-2020": "学前普及普惠"}
COMPULSORY = ("quality-2017", "basic-2012")
# kind -> (file name, media type)
FILES = {
    "self-report": ("自评报告.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "inspection": ("督导评估检查用表.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "evaluation": ("评估结果.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# kind -> (what the file is called in a sentence, the link's text)
FILE_LINKS = {"self-report": ("自评报告", "自评报告（文档）"),
              "inspection": ("督导评估检查用表", "督导评估检查用表（电子表格）"),
              "evaluation": ("评估结果", "评估结果（电子表格）")}


def file_name(kind: str, county: str, year: int, standard: str) -> str:
    """'示例县2025学年优质均衡自评报告.docx'."""
    return f"{county}{year}学年{STANDARDS.get(standard, '')}{FILES[kind][0]}"


def content_disposition(name: str) -> str:
    """An attachment header a browser saves under the Chinese name (RFC 6266); a client that
    reads only the ASCII ``filename`` gets digits of the name's checksum, one per name, so two
    downloads never overwrite each other as "report.xlsx" did (rw review finding 4).

    >>> content_disposition("示例县布局调整方案.docx").split("; ")[1]
    'filename="0289670338.docx"'
    """
    fallback = f"{zlib.crc32(name.encode('utf-8')):010d}{Path(name).suffix}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def build_file(kind: str, history: list, standard: str, *, layout_plan=None,
               compliance: dict | None = None, ledger: Path | None = None,
               manual=None) -> bytes:
    """The file's bytes for the latest of ``history`` (oldest first). The 自评报告 is the
    CLI's and the demo's document, from the same builder
    (:func:`~junheng.jobs.reports.write_self_report`): 主要数据, the forecast, the 整改措施 of
    ``compliance`` (a 达标路径's plan.json) with its 教师配置汇总, ``layout_plan`` (a
    :class:`~junheng.planning.layout_outcome.LayoutOutcome`) summarised, and the 规划台账 of
    ``ledger`` (the county's plan file) with the values entered on the web (``manual``)."""
    from junheng.jobs import Evaluations
    from junheng.jobs.ledger import ledger_over
    from junheng.jobs.reports import write_self_report
    from junheng.report.evaluation_xlsx import write_evaluation_xlsx
    from junheng.report.inspection_xlsx import write_inspection_xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILES[kind][0]
        if kind == "self-report":
            evaluations = Evaluations()
            progress = None if ledger is None else ledger_over(
                ledger, history, evaluations=evaluations, layout=layout_plan, manual=manual)
            write_self_report(history, path, standard=standard, layout_plan=layout_plan,
                              compliance=compliance, ledger=progress, evaluations=evaluations)
        else:
            ev = Evaluations().get(history[-1], standard)
            (write_inspection_xlsx if kind == "inspection" else write_evaluation_xlsx)(ev, path)
        return path.read_bytes()


# --- the per-school table -------------------------------------------------------------------

@dataclass(frozen=True)
class SchoolColumn:
    key: str
    label: str
    numeric: bool


@dataclass(frozen=True)
class SchoolTable:
    columns: tuple[SchoolColumn, ...]
    rows: tuple[dict, ...]  # key -> shown text; "_bad" -> set of failing keys; "_id" school id
    total: int


def school_table(ev: Evaluation, *, stage: str = "", result: str = "", q: str = "",
                 sort: str = "", order: str = "asc") -> SchoolTable:
    """Every evaluation unit with its indicators; filtered by stage, result (达标 / 未达标)
    and a name fragment, sorted by any column."""
    indicators = ev.standard.resource_indicators
    columns = (SchoolColumn("name", "学校", False), SchoolColumn("stage", "学段", False),
               SchoolColumn("students", "学生数", True),
               *(SchoolColumn(i.id, f"{i.name}（{i.unit}）", True) for i in indicators))
    if ev.standard.school_rule is not None:
        columns += (SchoolColumn("n_met", "达标项数", True), SchoolColumn("passes", "结论", False))
    units = ev.units
    total = len(units)
    if stage:
        units = units[units["stage"] == stage]
    if result in ("达标", "未达标"):
        units = units[units["passes"].fillna(False).astype(bool) == (result == "达标")]
    if q:
        units = units[units["name"].astype(str).str.contains(q, regex=False)]
    keys = {c.key for c in columns}
    if sort in keys:
        units = units.sort_values(sort, ascending=order != "desc", kind="stable",
                                  na_position="last")
    met = _met(ev)
    rows = tuple(_row(u, indicators, met) for u in units.to_dict("records"))
    return SchoolTable(columns, rows, total)


def _met(ev: Evaluation) -> dict[tuple[str, str], bool]:
    if ev.assessment.empty:
        return {}
    return {(r["unit_id"], r["indicator"]): r["met"] for r in
            ev.assessment[["unit_id", "indicator", "met"]].to_dict("records")}


def _amount(value, unit: str) -> str:
    """As the reports write it; ratios below 0.1 (师生比 per pupil) with four decimals."""
    try:
        small = 0 < abs(float(value)) < 0.1
    except (TypeError, ValueError):
        small = False
    return f"{float(value):.4f}" if small and unit != "比例" else fmt_amount(value, unit)


def _row(u: dict, indicators, met) -> dict:
    passes = u.get("passes")
    unknown = passes is None or pd.isna(passes)
    row = {"_id": u["school_id"], "name": u["name"], "stage": STAGE_LABELS.get(u["stage"], ""),
           "students": fmt_int(u["students"]), "n_met": fmt_int(u.get("n_met")),
           "passes": "—" if unknown else ("达标" if passes else "未达标")}
    row.update({i.id: _amount(u[i.id], i.unit) for i in indicators})
    row["_bad"] = {i.id for i in indicators if met.get((u["unit_id"], i.id)) is False}
    if not unknown and not passes:
        row["_bad"].add("passes")
    return row
