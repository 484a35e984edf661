"""The template's v2 parts: the version mark, v2 sheets and columns marked, suggested names."""

import openpyxl
import pytest

from junheng.io import write_template
from junheng.model import SHEETS
from junheng.model.county_items import INDICATORS


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return openpyxl.load_workbook(write_template(tmp_path_factory.mktemp("t") / "模板.xlsx"))


def test_the_guide_opens_with_the_v2_mark_and_marks_every_v2_sheet_and_column(book):
    rows = [[c.value for c in r] for r in book["说明"].iter_rows()]
    assert rows[0][0] == "县域教育数据工作簿模板（格式第 2 版）"
    start = next(i for i, r in enumerate(rows) if r[:2] == ["工作表", "用途"]) + 1
    purposes = {r[0]: r[1] for r in rows[start:start + len(SHEETS)]}
    for sheet in SHEETS:
        assert purposes[sheet.name].endswith("（v2 新增，可不填）") is sheet.optional, sheet.name
    notes = {(r[0], r[1]): r[7] for r in rows if len(r) > 7 and r[1]}
    assert notes[("教师", "骨干认定年份")].startswith("v2 新增。骨干等级不为“无”时填写")
    assert notes[("建设项目", "开工日期")].startswith("v2 新增。Excel 日期或文本")
    assert notes[("教师", "本校任教起始年份")] is None  # a v1 column without a note


def test_indicator_names_come_with_a_drop_down_that_still_accepts_other_names(book):
    validations = book["县级指标"].data_validations.dataValidation
    names = next(dv for dv in validations if any(r.min_col == 2 for r in dv.sqref.ranges))
    assert names.type == "list" and names.errorStyle == "information"
    assert names.formula1 == '"' + ",".join(i.label for i in INDICATORS) + '"'


def test_date_examples_are_written_as_text_dates(book):
    ws = book["建设项目"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("开工日期") + 1).value == "2025-03-01"
    assert "类型：日期" in ws.cell(1, headers.index("开工日期") + 1).comment.text
