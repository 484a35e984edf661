"""The inspection tables (督导评估检查用表) as one Excel workbook, in the layout inspectors fill:
the county's self-evaluated figures on the left, blank 核查 columns on the right.

Per standard evaluated (优质均衡 2017, 基本均衡 2012):

- 表一 各校资源配置指标: every school (评估单位) with its indicators, 达标项数 and 结论;
  columns 核查情况 and 核查意见 left blank.
- 表二 校际差异系数: per stage every indicator's weighted mean, standard deviation, CV and
  limit, the composite CV; columns 核查差异系数 and 核查结论 blank.
- 表三 政府保障程度 (优质均衡 only; 基本均衡's 县级政府工作 items are set by each province):
  every item with its standard, the county's figure, the three-valued conclusion
  (达标 / 未达标 / 待佐证) and its evidence; columns 核查情况 and 核查结论 blank.

Pages print on A4 landscape, one page wide, with title and header rows repeated and page
numbers in the footer (:class:`~junheng.report.evaluation_xlsx._Writer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from junheng.evaluate import Evaluation
from junheng.io.excel import new_workbook
from junheng.report.evaluation_xlsx import (
    Col,
    _cv_rows,
    _item_rows,
    _school_rows,
    _title,
    _Writer,
)

CHECK_COLUMNS = (Col("核查情况", 16), Col("核查意见", 16))
ITEM_KEEP = (0, 2, 4, 3, 5, 8)  # 序号, 指标, 标准, 现值, 状态, 佐证 of evaluation_xlsx's item rows
ITEM_HEADERS = ("序号", "评估内容", "评估标准", "县自评情况", "自评结论", "佐证材料")


def _with_checks(columns, rows, bad, checks=CHECK_COLUMNS):
    columns = [Col(c.header.strip(), c.width, c.kind) for c in (*columns, *checks)]
    rows = [[*row, *([None] * len(checks))] for row in rows]
    bad = [[*flags, *([False] * len(checks))] for flags in bad]
    return columns, rows, bad


def _item_table(ev: Evaluation):
    columns, rows, bad, notes = _item_rows(ev, ev.guarantee)
    widths = {0: 6, 2: 44, 4: 16, 3: 14, 5: 9, 8: 26}
    kinds = {0: "int"}
    columns = [Col(h, widths[k], kinds.get(k, "text")) for k, h in zip(ITEM_KEEP, ITEM_HEADERS,
                                                                      strict=True)]
    rows = [[row[k] if row[k] not in ("", None) else "—" for k in ITEM_KEEP] for row in rows]
    bad = [[flags[k] for k in ITEM_KEEP] for flags in bad]
    return (*_with_checks(columns, rows, bad, (Col("核查情况", 18), Col("核查结论", 10))), notes)


def _write_standard(writer: _Writer, ev: Evaluation, prefix: str) -> None:
    columns, rows, bad, notes = _school_rows(ev)
    columns, rows, bad = _with_checks(columns, rows, bad)
    writer.sheet(f"{prefix}表一 各校指标", _title(ev, "表一 各校资源配置指标"), columns, rows,
                 bad=bad, notes=notes)
    columns, rows, bad, notes = _cv_rows(ev)
    columns, rows, bad = _with_checks(columns, rows, bad,
                                      (Col("核查差异系数", 12), Col("核查结论", 10)))
    writer.sheet(f"{prefix}表二 差异系数", _title(ev, "表二 校际差异系数"), columns, rows, bad=bad,
                 notes=notes)
    if ev.guarantee:
        columns, rows, bad, notes = _item_table(ev)
        writer.sheet(f"{prefix}表三 政府保障", _title(ev, "表三 政府保障程度"), columns, rows,
                     bad=bad, notes=notes)


def write_inspection_xlsx(evaluations: Evaluation | Sequence[Evaluation], path: str | Path
                          ) -> Path:
    """Write the inspection tables of one or more compulsory evaluations; return the path.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> out = write_inspection_xlsx(evaluate(example_county()),
    ...                             os.path.join(tempfile.mkdtemp(), "督导评估检查用表.xlsx"))
    >>> out.name
    '督导评估检查用表.xlsx'
    """
    evs = [evaluations] if isinstance(evaluations, Evaluation) else list(evaluations)
    evs = [ev for ev in evs if ev.standard.kind == "compulsory"]
    path = Path(path)
    workbook = new_workbook(path, nan_inf_to_errors=True)
    try:
        writer = _Writer(workbook)
        for ev in evs:
            _write_standard(writer, ev, f"{ev.standard.short_name}" if len(evs) > 1 else "")
    finally:
        workbook.close()
    return path
