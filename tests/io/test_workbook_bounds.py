"""Bounds before parsing (issue 14, item 2) and the cells the reader cannot see (item 8).

A 4 KB workbook with one cell at XFD1048576 made python-calamine allocate 512 GB and abort
the process; a shared-string table declaring four billion strings asked for 96 GB. The
scan refuses both before the reader runs. Files that crash an unbounded reader are only
read in a child process (``test_workbook_fuzz.py``); here the scan is called directly.
"""

from __future__ import annotations

import pytest

from fuzz.workbooks import MAIN, _edited, _merged, _rewrite, xlsx_from_sheets
from junheng.errors import Problem, WorkbookError
from junheng.io import example_county, inspect_workbook, write_workbook
from junheng.io.bounds import CellMark, MarkKind, SheetScan, column_letters, scan_workbook
from junheng.io.reader import read_sheet
from junheng.model import SHEETS_BY_KEY

SCHOOLS = SHEETS_BY_KEY["schools"]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("bounds")
    return write_workbook(example_county(), folder / "c.xlsx").read_bytes()


def _file(tmp_path, content: bytes, name: str = "t.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_4_kb_workbook_with_a_cell_at_XFD1048576_is_refused_before_reading(tmp_path):
    content = xlsx_from_sheets({"学校": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                       '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                                       '</sheetData>'})
    assert len(content) < 4096
    with pytest.raises(WorkbookError, match="工作表“学校”的单元格 XFD1048576 超出可读取的范围"
                                            r"（最多 200,000 行、256 列，即 A 至 IV 列）"):
        inspect_workbook(_file(tmp_path, content))


def test_a_shared_string_table_of_four_billion_is_refused(tmp_path):
    content = xlsx_from_sheets({"学校": "<sheetData/>"}, shared_strings=(
        f'<sst xmlns="{MAIN}" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>'))
    with pytest.raises(WorkbookError, match="共享字符串表声明了 4,000,000,000 个字符串，超过上限 "
                                            "2,000,000"):
        inspect_workbook(_file(tmp_path, content))


def test_a_grid_of_more_cells_than_the_limit_is_refused_naming_its_corner(tmp_path):
    content = xlsx_from_sheets({"教师": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                       '<row r="30000"><c r="HZ30000"><v>1</v></c></row>'
                                       '</sheetData>'})
    with pytest.raises(WorkbookError, match="工作表“教师”的数据区域 A1:HZ30000 共 7,020,000 个单元格，"
                                            "超过上限 5,000,000"):
        scan_workbook(_file(tmp_path, content))


def test_cells_without_references_are_counted_along_the_row(tmp_path):
    cells = "".join("<c><v>1</v></c>" for _ in range(30))
    content = xlsx_from_sheets({"学校": f'<sheetData><row r="4">{cells}</row></sheetData>'})
    scan = scan_workbook(_file(tmp_path, content))["学校"]
    assert (scan.rows, scan.columns) == (4, 30)


def test_the_scan_of_a_county_workbook_gives_each_sheets_extent_and_no_marks(example, tmp_path):
    scans = scan_workbook(_file(tmp_path, example))
    assert list(scans)[:3] == ["基本信息", "学校", "班级"]
    assert (scans["学校"].rows, scans["学校"].columns) == (7, 14)  # header + 6 schools, A:N
    assert (scans["班级"].rows, scans["班级"].columns) == (41, 7)
    assert all(not s.marks and not s.merged for s in scans.values())


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (255, "IV"),
                                                (16383, "XFD")])
def test_column_letters(index, letters):
    assert column_letters(index) == letters


# --- what the reader cannot see: error values, formulas without result, merged cells -------


def _problems(tmp_path, content: bytes) -> list[Problem]:
    return inspect_workbook(_file(tmp_path, content)).problems


def test_an_error_value_in_an_optional_column_is_a_located_problem(example, tmp_path):
    problems = _problems(tmp_path, _edited(example, "B2", "#DIV/0!", error=True))
    assert problems == [Problem("校舍设施", 2, "教学及辅助用房面积", "#DIV/0!",
                                "“教学及辅助用房面积”是 Excel 错误值 #DIV/0!（公式计算出错）：请修正公式，"
                                "或改填数值后再导入。")]


def test_a_formula_without_a_cached_value_is_a_located_problem(example, tmp_path):
    problems = _problems(tmp_path, _edited(example, "E3", "SUM(C3:D3)", formula=True))
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("校舍设施", 3, "图书册数", "=SUM(C3:D3)")]
    assert "没有保存计算结果：请在电子表格软件中打开工作簿" in problems[0].message


def test_a_formula_with_its_cached_value_is_read_as_that_value(example, tmp_path):
    cell = '<c r="E2"><f>16000+500</f><v>16500</v></c>'
    content = _rewrite(example, "xl/worksheets/sheet6.xml",
                       lambda xml: xml.replace(xml[xml.index('<c r="E2"'):
                                                   xml.index("</c>", xml.index('<c r="E2"')) + 4],
                                               cell))
    reading = inspect_workbook(_file(tmp_path, content))
    assert reading.problems == []
    assert reading.data.facilities["books"].iloc[0] == 16500


def test_an_uncached_formula_below_the_last_value_is_still_reported(example, tmp_path):
    row = '<row r="9"><c r="E9"><f>E2*2</f></c></row>'
    content = _rewrite(example, "xl/worksheets/sheet6.xml",
                       lambda xml: xml.replace("</sheetData>", row + "</sheetData>"))
    located = [(p.sheet, p.row, p.column, p.value) for p in _problems(tmp_path, content)]
    assert ("校舍设施", 9, "图书册数", "=E2*2") in located


def test_cells_covered_by_a_merged_range_are_located_problems(example, tmp_path):
    problems = _problems(tmp_path, _merged(example, "E2:E4"))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (3, "图书册数", "E2:E4"), (4, "图书册数", "E2:E4")]
    assert problems[0].message == ("“图书册数”位于合并单元格 E2:E4 中，只有左上角的单元格有值：请取消合并，"
                                   "在每一行分别填写后再导入。")


def test_a_merged_title_above_the_header_is_not_a_problem():
    grid = [["示例县学校名单", "", ""], [c.header for c in SCHOOLS.columns]]
    scan = SheetScan("学校", "xl/worksheets/sheet2.xml", 2, len(SCHOOLS.columns),
                     merged={0: ((0, 0, 0, 13),)})
    reading = read_sheet(SCHOOLS, grid, scan)
    assert reading.problems == [] and reading.records == []


def test_a_marked_cell_in_an_otherwise_empty_row_keeps_the_row():
    grid = [[c.header for c in SCHOOLS.columns]]
    scan = SheetScan("学校", "p", 3, 3, marks={(2, 1): CellMark(MarkKind.ERROR, "#REF!")})
    reading = read_sheet(SCHOOLS, grid, scan)
    assert reading.rows == [3]
    assert [(p.row, p.column, p.value) for p in reading.problems
            if "错误值" in p.message] == [(3, "学校名称", "#REF!")]
