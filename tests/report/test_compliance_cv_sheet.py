"""Brief hq (ha noticed): the 达标路径 workbook's 差异系数 sheet with a CV the county's data
cannot give: 无法计算 in its cell, no crash (xlsxwriter refuses to write NaN)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from openpyxl import load_workbook

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.io.excel import new_workbook
from junheng.planning.compliance_json import evaluation_summary
from junheng.report.compliance_xlsx import _cv_sheet, _formats, cv_body

ROOMS = "每百名学生拥有网络多媒体教室数"


def _no_rooms():
    """The example county with no 网络多媒体教室 figure at any school: both stages' CV of the
    indicator is NaN (no value to spread), the other six as computed."""
    data = example_county()
    tables = dict(data.tables)
    tables["facilities"] = tables["facilities"].assign(multimedia_rooms=np.nan)
    return evaluate(replace(data, tables=tables))


def test_a_cv_without_data_reads_cannot_be_computed(tmp_path):
    ev = _no_rooms()
    summary = evaluation_summary(ev)
    assert summary["stages"]["primary"]["cv"]["multimedia_rooms_per_100"] is None  # plan.json's null
    layout = {"primary": {k: float("nan") if k == "multimedia_rooms_per_100" else 0.2
                          for k in summary["stages"]["primary"]["cv"]}}
    doc = {"before": summary, "after": summary, "layout_cvs": layout, "layout_year": 2027}
    head, body = cv_body(doc)
    rooms = [row for row in body if row[1] == ROOMS]
    # primary: layout NaN, before and after null → 无法计算; junior: no layout figures → blank
    assert rooms == [["小学", ROOMS, "无法计算", "无法计算", "无法计算", 0.5],
                     ["初中", ROOMS, "", "无法计算", "无法计算", 0.45]]
    path = tmp_path / "cv.xlsx"
    wb = new_workbook(path)
    try:
        _cv_sheet(wb, _formats(wb), doc)
    finally:
        wb.close()
    sheet = load_workbook(path)["差异系数"]
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[1].value == ROOMS]
    assert cells == [["小学", ROOMS, "无法计算", "无法计算", "无法计算", 0.5],
                     ["初中", ROOMS, None, "无法计算", "无法计算", 0.45]]
    # a computed CV stays a number, rounded to the three decimals the documents print (rv13
    # 15: the cell held 0.711714 beside the documents' 0.712): 0.083063 → 0.083
    area = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "生均教学及辅助用房面积")
    assert (area[3].value, area[3].number_format) == (0.083, "0.000")


def test_a_plan_without_after_figures_leaves_the_column_blank():
    summary = evaluation_summary(_no_rooms())
    head, body = cv_body({"before": summary, "after": None})
    # 2 stages × (7 indicators + 达标学校数) = 16 rows, no layout column, 实施后 blank
    assert head == [] and len(body) == 16
    assert [row[3] for row in body] == [""] * 16
    assert [row[2] for row in body if row[1] == ROOMS] == ["无法计算", "无法计算"]
