"""The template: every sheet, headers with units, comments, drop-downs, example rows, 说明."""

import openpyxl
import pytest

from junheng.io import inspect_workbook, write_template
from junheng.io.writer import sheet_rows
from junheng.model import EXAMPLE_MARKER, SHEETS, Kind


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("t") / "模板.xlsx")


@pytest.fixture(scope="module")
def book(template):
    return openpyxl.load_workbook(template)


def test_template_reads_back_as_an_empty_county_with_one_problem(template):
    reading = inspect_workbook(template)
    assert all(len(frame) == 0 for frame in reading.data.tables.values())
    assert [(p.sheet, p.row, p.column) for p in reading.problems] == [("基本信息", 2, None)]
    assert reading.problems[0].message.startswith("“基本信息”没有填写")
    assert reading.notices == []  # the 说明 sheet is known, example rows are skipped silently


def test_template_has_the_guide_then_every_sheet(book):
    assert book.sheetnames == ["说明", *[s.name for s in SHEETS]]


def test_headers_carry_units_and_comments(book):
    for sheet in SHEETS:
        ws = book[sheet.name]
        headers = [c.value for c in ws[1]]
        assert headers == [c.header_with_unit for c in sheet.columns]
        for cell, col in zip(ws[1], sheet.columns, strict=True):
            assert cell.comment is not None, (sheet.name, col.header)
            assert "类型：" in cell.comment.text
            assert ("必填" if col.required else "可空（空白表示未知）") in cell.comment.text
    assert book["校舍设施"]["B1"].value == "教学及辅助用房面积（平方米）"
    assert "可选：小学、初级中学、九年一贯制学校" in book["学校"]["C1"].comment.text


def _validations(ws):
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.min_col] = dv
    return out


def test_every_enumeration_and_yes_no_column_has_a_drop_down(book):
    for sheet in SHEETS:
        rules = _validations(book[sheet.name])
        for j, col in enumerate(sheet.columns, start=1):
            if col.kind in (Kind.ENUM, Kind.BOOL):
                dv = rules[j]
                assert dv.type == "list"
                assert dv.formula1 == '"' + ",".join(col.choices) + '"'
            elif col.kind is Kind.INTEGER and col.minimum is not None:
                assert rules[j].type == "whole"
            elif col.kind is Kind.NUMBER and col.minimum is not None:
                assert rules[j].type == "decimal"
    students = _validations(book["班级"])[4]
    # "between" is the OOXML default operator and is not written out
    assert (students.operator, students.formula1, students.formula2) == (None, "0", "120")


def test_code_and_text_columns_are_formatted_as_text(book):
    for sheet in SHEETS:
        ws = book[sheet.name]
        # openpyxl keeps one dimension per run of identically formatted columns
        formats = {j: dim.number_format for dim in ws.column_dimensions.values()
                   for j in range(dim.min, dim.max + 1)}
        for j, col in enumerate(sheet.columns, start=1):
            expected = "@" if col.kind in (Kind.CODE, Kind.TEXT) else "General"
            assert formats[j] == expected, (sheet.name, col.header)


def test_one_marked_example_row_per_sheet_from_the_schema_examples(book):
    for sheet in SHEETS:
        ws = book[sheet.name]
        row = [c.value for c in ws[2]]
        first = sheet.columns[0]
        assert row[0] == f"{EXAMPLE_MARKER}{first.example}"
        for value, col in zip(row[1:], sheet.columns[1:], strict=True):
            assert value == col.example, (sheet.name, col.header)
        assert ws.max_row == 2


def test_guide_describes_every_column(book):
    ws = book["说明"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    described = {(r[0], r[1]) for r in rows if r[0] and len(r) > 1}
    for sheet in SHEETS:
        for col in sheet.columns:
            assert (sheet.name, col.header) in described
    header = next(r for r in rows if r[:2] == ["工作表", "列名"])
    assert header == ["工作表", "列名", "类型", "单位", "必填", "允许值", "范围", "说明"]
    students = next(r for r in rows if r[:2] == ["班级", "学生数"])
    assert students == ["班级", "学生数", "整数", "人", "是", None, "0–120", "0–120 的整数"]


def test_filled_template_with_its_example_rows_left_in_reads_exactly(template, county, tmp_path):
    book = openpyxl.load_workbook(template)
    for sheet in SHEETS:
        ws = book[sheet.name]
        for row in sheet_rows(sheet, county):
            ws.append(row)
    path = tmp_path / "filled.xlsx"
    book.save(path)
    reading = inspect_workbook(path)
    assert reading.problems == []
    assert reading.rows["classes"][:2] == [3, 4]
    assert reading.data.info == county.info
    assert len(reading.data.teachers) == len(county.teachers)
    assert reading.data.classes["students"].sum() == county.classes["students"].sum()
