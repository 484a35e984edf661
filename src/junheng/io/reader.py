"""Read a county workbook (format v1 or v2) into a :class:`CountyData`, locating every problem.

Reading happens in two layers. :func:`read_grids` is pure: it takes each sheet as a grid of
cell values (row 0 is Excel row 1) and maps headers, skips example and empty rows, converts
types and runs :func:`validate_county`. :func:`inspect_workbook` checks the file
(:func:`check_workbook_file`), loads the grids with python-calamine and calls it.
:func:`read_workbook` is the strict form used by import: data or an exception.

Excel row numbers survive skipped rows: the reading carries, per sheet key, the Excel row of
every frame row (``rows``), and the validator reports through that mapping.

The format version is read from the content (:func:`workbook_version`), never asked of the
user: a v1 workbook lacks the v2 sheets and columns silently; in a v2 workbook a missing
optional sheet or column is a notice. Sheets v2 added are optional either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from junheng.errors import Problem, ValidationError, WorkbookError
from junheng.geo.coords import to_wgs84
from junheng.io.bounds import SheetScan, scan_workbook
from junheng.io.cells import CellError, is_blank, parse_cell
from junheng.io.resolve import resolved_tables
from junheng.io.safety import check_workbook_file
from junheng.io.template import GUIDE_SHEET, OLD_VERSION_MARK, VERSION_MARK
from junheng.io.validate import county_notices, validate_county
from junheng.model import (
    EXAMPLE_MARKER,
    FORMAT_VERSION,
    SHEETS,
    SHEETS_BY_KEY,
    V1_SHEETS,
    Column,
    CountyData,
    Sheet,
    typed_frame,
)

Grid = Sequence[Sequence[Any]]
IGNORED_SHEETS = frozenset({GUIDE_SHEET})
_UNIT_BRACKET = re.compile(r"[（(【\[]")


@dataclass(frozen=True)
class WorkbookReading:
    """What reading a workbook found.

    Attributes
    ----------
    data
        The county, or ``None`` when the workbook's structure (a missing sheet or required
        column) prevents building one. Present even when cell-level problems exist; such cells
        are NA.
    problems
        Every located problem, reading and validation together, in sheet and row order.
    notices
        Chinese remarks that do not block import (ignored columns and sheets, conversions).
    rows
        Per sheet key, the Excel row number of each frame row (``county_info`` included).
    format_version
        "v1" or "v2", as :func:`workbook_version` read it from the content.
    """

    data: CountyData | None
    problems: list[Problem]
    notices: list[str]
    rows: Mapping[str, list[int]] = field(default_factory=dict)
    format_version: str = FORMAT_VERSION

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems


@dataclass
class _SheetReading:
    records: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    broken: bool = False  # structure unusable: no data can be built from this sheet
    letters: dict[str, str] = field(default_factory=dict)  # column header -> its letter


def column_letter(index: int) -> str:
    """The Excel letter of the 0-based column ``index``.

    >>> column_letter(0), column_letter(3), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'D', 'Z', 'AA', 'ZZ')
    """
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _located(problems: list[Problem], readings: Mapping[str, _SheetReading]) -> list[Problem]:
    """Each problem in a column with the column's letter in the workbook read and its header
    as the template writes it (「D 列“学生数（人）”」, review rw 12)."""
    letters = {(SHEETS_BY_KEY[key].name, header): letter for key, reading in readings.items()
               for header, letter in reading.letters.items()}
    headings = {(s.name, c.header): c.header_with_unit for s in SHEETS for c in s.columns}
    return [replace(p, letter=letters.get((p.sheet, p.column)),
                    heading=headings.get((p.sheet, p.column))) if p.column else p
            for p in problems]


def header_name(cell: Any) -> str:
    """The column name in a header cell: the text before any unit bracket, trimmed.

    Examples
    --------
    >>> header_name("教学及辅助用房面积（平方米）"), header_name(" 学生数(人) "), header_name("*学年")
    ('教学及辅助用房面积', '学生数', '学年')
    """
    text = "" if is_blank(cell) else str(cell).replace("\n", "").strip()
    text = _UNIT_BRACKET.split(text, maxsplit=1)[0]
    return text.strip().lstrip("*＊").strip()


_HEADER_SEARCH_ROWS = 10


def _header_row(sheet: Sheet, grid: Grid) -> int | None:
    """The header's index: among the first non-empty rows, the one naming most columns.

    Users sometimes put a title row above the header; it is skipped, with a notice.
    """
    candidates = [i for i, row in enumerate(grid) if not all(is_blank(v) for v in row)]
    best, best_score = None, 0
    for i in candidates[:_HEADER_SEARCH_ROWS]:
        score = sum(header_name(v) in sheet.headers for v in grid[i])
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return candidates[0] if candidates else None
    return best


def _map_headers(sheet: Sheet, header: Sequence[Any], out: _SheetReading, excel_row: int,
                 version: str) -> dict[int, Column]:
    known = sheet.headers
    mapped: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for j, cell in enumerate(header):
        name = header_name(cell)
        if not name:
            continue
        if name not in known:
            out.notices.append(f"工作表“{sheet.name}”的列“{str(cell).strip()}”不是模板中的列，已忽略。")
            continue
        if name in seen:
            out.problems.append(Problem(sheet.name, excel_row, name, str(cell).strip(),
                                        f"列“{name}”出现了两次（第 {seen[name] + 1} 列和第 {j + 1} "
                                        "列）：请删除或改名其中一列。"))
            out.broken = True
            continue
        seen[name] = j
        mapped[j] = known[name]
    present = {c.key for c in mapped.values()}
    for col in sheet.columns:
        if col.key in present:
            continue
        if col.required:
            out.problems.append(Problem(sheet.name, excel_row, col.header, None,
                                        f"缺少必填列“{col.header}”：请按模板在表头添加该列。"))
            out.broken = True
        elif col.since == "v1" or version != "v1":
            out.notices.append(f"工作表“{sheet.name}”没有可选列“{col.header}”，按未知处理。")
    return mapped


def _is_example(row: Sequence[Any]) -> bool:
    return bool(row) and isinstance(row[0], str) and row[0].strip().startswith(EXAMPLE_MARKER)


def _read_row(sheet: Sheet, row: Sequence[Any], excel_row: int, columns: dict[int, Column],
              out: _SheetReading, scan: SheetScan | None = None) -> None:
    record: dict[str, Any] = {}
    for j, col in columns.items():
        mark = scan.mark_at(excel_row - 1, j) if scan is not None else None
        if mark is not None:  # an error value, a formula without result, a merged cell
            record[col.key] = None
            out.problems.append(Problem(sheet.name, excel_row, col.header, mark.text,
                                        mark.message(col.header)))
            continue
        raw = row[j] if j < len(row) else None
        try:
            record[col.key] = parse_cell(col, raw)
        except CellError as exc:
            record[col.key] = None
            out.problems.append(Problem(sheet.name, excel_row, col.header, raw, str(exc)))
    out.records.append(record)
    out.rows.append(excel_row)


def _marked_rows(scan: SheetScan | None, columns: dict[int, Column]) -> frozenset[int]:
    """0-based rows with a mark in a column that is read (the grid shows them empty)."""
    if scan is None:
        return frozenset()
    return frozenset(i for i in scan.marked_rows
                     if any(scan.mark_at(i, j) is not None for j in columns))


def read_sheet(sheet: Sheet, grid: Grid, scan: SheetScan | None = None,
               version: str = FORMAT_VERSION) -> _SheetReading:
    """Read one sheet's grid: headers, then every non-empty, non-example row.

    ``scan`` (from :func:`junheng.io.bounds.scan_workbook`) names the cells the grid shows
    empty although they hold an error value, a formula without result or a merged range's
    value; each one in a column that is read becomes a problem. ``version`` is the workbook's
    format: a v1 workbook lacks the v2 columns without notice.
    """
    out = _SheetReading()
    start = _header_row(sheet, grid)
    if start is None:
        out.problems.append(Problem(sheet.name, 1, None, None,
                                    "工作表没有表头：请从模板复制表头行到第 1 行。"))
        out.broken = True
        return out
    columns = _map_headers(sheet, grid[start], out, start + 1, version)
    out.letters = {col.header: column_letter(j) for j, col in columns.items()}
    above = sum(not all(is_blank(v) for v in row) for row in grid[:start])
    if above:
        out.notices.append(f"工作表“{sheet.name}”的表头在第 {start + 1} 行，其上方 {above} 行内容已忽略。")
    marked = _marked_rows(scan, columns)
    for i in range(start + 1, max(len(grid), max(marked, default=-1) + 1)):
        row = grid[i] if i < len(grid) else ()
        if (i not in marked and all(is_blank(v) for v in row)) or _is_example(row):
            continue
        _read_row(sheet, row, i + 1, columns, out, scan)
    if sheet.single_row and len(out.records) > 1:
        for excel_row in out.rows[1:]:
            out.problems.append(Problem(sheet.name, excel_row, None, None,
                                        f"“{sheet.name}”只能填一行：请删除多余的行。"))
    return out


def _convert_coordinates(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Convert GCJ-02 / BD-09 rows to WGS84; returns the frame and how many rows changed."""
    shifted = frame["crs"].isin(["GCJ02", "BD09"]) & frame["lon"].notna() & frame["lat"].notna()
    if not shifted.any():
        return frame, 0
    lon, lat = to_wgs84(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float),
                        frame["crs"].to_numpy(object))
    frame = frame.copy()
    frame["lon"], frame["lat"] = lon, lat
    frame.loc[shifted.to_numpy(), "crs"] = "WGS84"
    return frame, int(shifted.sum())


def _build_county(readings: dict[str, _SheetReading], notices: list[str]) -> CountyData:
    info_sheet = SHEETS[0]
    info_records = readings[info_sheet.key].records
    info = {c.key: None for c in info_sheet.columns} | (info_records[0] if info_records else {})
    tables = {}
    for sheet in SHEETS[1:]:
        reading = readings.get(sheet.key)
        frame = typed_frame(sheet, reading.records if reading else ())
        if "crs" in frame:
            frame, converted = _convert_coordinates(frame)
            if converted:
                notices.append(f"“{sheet.name}”有 {converted} 行坐标由 GCJ02/BD09 换算为 WGS84。")
        tables[sheet.key] = frame
    return CountyData(info, resolved_tables(tables))


def _known_problem_cells(problems: list[Problem]) -> set[tuple[str, int | None, str | None]]:
    return {(p.sheet, p.row, p.column) for p in problems}


def _order(problems: list[Problem]) -> list[Problem]:
    sheet_order = {s.name: i for i, s in enumerate(SHEETS)}
    column_order = {(s.name, c.header): j for s in SHEETS for j, c in enumerate(s.columns)}
    return sorted(problems, key=lambda p: (sheet_order.get(p.sheet, len(SHEETS)),
                                           p.row if p.row is not None else 0,
                                           column_order.get((p.sheet, p.column), -1)))


def read_grids(grids: Mapping[str, Grid], scans: Mapping[str, SheetScan] | None = None
               ) -> WorkbookReading:
    """Read a workbook given as ``{sheet name: grid of cell values}``, then validate it.

    ``scans`` ({sheet name: scan}, see :func:`read_sheet`) reports the cells the grids
    cannot show.

    Raises
    ------
    WorkbookError
        When not one sheet of the v1 format is present.

    Examples
    --------
    >>> grids = {s.name: [[c.header for c in s.columns]] for s in SHEETS}
    >>> reading = read_grids(grids)
    >>> reading.data.schools.shape[0], [p.message[:12] for p in reading.problems]
    (0, ['“基本信息”没有填写：请'])
    """
    if not set(grids) & {s.name for s in SHEETS}:
        raise WorkbookError("这不是县域教育数据工作簿：没有任何模板中的工作表（如“基本信息”“学校”“班级”）。"
                            "请用 junheng template 生成模板，把数据填入模板后再导入。")
    problems: list[Problem] = []
    notices = [f"工作表“{name}”不是模板中的工作表，已忽略。"
               for name in grids if name not in {s.name for s in SHEETS} | IGNORED_SHEETS]
    readings: dict[str, _SheetReading] = {}
    broken = False
    version = workbook_version(grids)
    for sheet in SHEETS:
        if sheet.name not in grids:
            if sheet.optional:
                if version != "v1":
                    notices.append(f"工作簿没有工作表“{sheet.name}”（第 2 版新增，可选），按空表处理。")
                continue
            problems.append(Problem(sheet.name, None, None, None,
                                    f"缺少工作表“{sheet.name}”：请使用 junheng template 生成的模板，"
                                    "不要删除或重命名工作表。"))
            broken = True
            continue
        readings[sheet.key] = reading = read_sheet(sheet, grids[sheet.name],
                                                   (scans or {}).get(sheet.name), version)
        problems += reading.problems
        notices += reading.notices
        broken = broken or reading.broken
    rows = {key: r.rows for key, r in readings.items()}
    if broken:
        return WorkbookReading(None, _order(_located(problems, readings)), notices, rows, version)
    data = _build_county(readings, notices)
    located = _known_problem_cells(problems)
    problems += [p for p in validate_county(data, rows=rows)
                 if (p.sheet, p.row, p.column) not in located]
    notices += county_notices(data, rows=rows)
    return WorkbookReading(data, _order(_located(problems, readings)), notices, rows, version)


def _names_a_v2_column(sheet: Sheet, grid: Grid) -> bool:
    added = {c.header for c in sheet.columns if c.since != "v1"}
    start = _header_row(sheet, grid) if added else None
    return start is not None and bool(added & {header_name(v) for v in grid[start]})


def workbook_version(grids: Mapping[str, Grid]) -> str:
    """"v2" when the workbook has a sheet or column v2 added, or the v2 template's mark; else "v1".

    Examples
    --------
    >>> workbook_version({"学校": [["学校标识码"]]}), workbook_version({"建设项目": []})
    ('v1', 'v2')
    """
    if any(s.name in grids for s in SHEETS if s.optional):
        return "v2"
    guide = grids.get(GUIDE_SHEET) or [[]]
    if guide and guide[0] and isinstance(guide[0][0], str) and \
            any(mark in guide[0][0] for mark in (VERSION_MARK, OLD_VERSION_MARK)):
        return "v2"
    if any(_names_a_v2_column(s, grids[s.name]) for s in V1_SHEETS if s.name in grids):
        return "v2"
    return "v1"


def _load_grids(path: Path) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    # read by content, not by name: an .xlsx saved as "x.xls" is still read (the safety check
    # before this has already refused what is not a zip workbook)
    try:
        with path.open("rb") as handle, CalamineWorkbook.from_filelike(handle) as workbook:
            return {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                    for name in workbook.sheet_names}
    except Exception as exc:  # calamine raises several unrelated types on malformed input
        raise WorkbookError(f"无法读取“{path.name}”：工作簿内容已损坏，无法读出工作表。"
                            "请在电子表格软件中打开并重新保存为 .xlsx 后再试。") from exc


def inspect_workbook(path: str | Path) -> WorkbookReading:
    """Read and validate a workbook file, returning everything found (never raising for rows).

    Raises
    ------
    WorkbookError
        When the file cannot be read as an xlsx at all (missing, not xlsx, encrypted,
        truncated, a zip bomb, corrupt), or a sheet reaches beyond the bounds of
        :mod:`junheng.io.bounds` (checked before the reader allocates anything).

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.io import example_county, write_workbook
    >>> path = write_workbook(example_county(), os.path.join(tempfile.mkdtemp(), "c.xlsx"))
    >>> reading = inspect_workbook(path)
    >>> reading.problems, len(reading.data.schools)
    ([], 6)
    """
    path = check_workbook_file(path)
    scans = scan_workbook(path)
    return read_grids(_load_grids(path), scans)


def read_workbook(path: str | Path) -> CountyData:
    """Read a workbook, returning its county only if it has no problem at all.

    Raises
    ------
    ValidationError
        Carrying every located problem.
    WorkbookError
        When the file cannot be read as an xlsx at all.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.io import example_county, write_workbook
    >>> path = write_workbook(example_county(), os.path.join(tempfile.mkdtemp(), "c.xlsx"))
    >>> read_workbook(path).county_code
    '410306'
    """
    reading = inspect_workbook(path)
    if reading.problems or reading.data is None:
        raise ValidationError(reading.problems)
    return reading.data


__all__ = ["WorkbookReading", "header_name", "inspect_workbook", "read_grids", "read_sheet",
           "read_workbook", "workbook_version"]
