"""Bound a workbook before the spreadsheet reader allocates for it, and find what it cannot see.

python-calamine (Rust) allocates a dense grid from A1 to the last cell of a sheet, and
reserves the shared-string table at the size the file declares: one cell at ``XFD1048576``
asks for 512 GB, a ``uniqueCount`` of four billion for 96 GB, and the process aborts (no
exception, no message; in ``junheng serve`` the whole server). :func:`scan_workbook` reads
the parts that drive those allocations first, streaming each sheet's XML in chunks with
regular expressions (no tree is built), and refuses, with the sheet and cell named, a sheet
whose cells, declared dimension or merged ranges reach beyond :data:`MAX_ROWS` rows or
:data:`MAX_COLUMNS` columns, a grid of more than :data:`MAX_SHEET_CELLS` cells, and a
shared-string table larger than :data:`MAX_SHARED_STRINGS`.

The same pass finds the cells the reader returns as empty although they are not: Excel
error values (``#DIV/0!``), formulas saved without a cached value, and merged ranges (only
their top-left cell holds the value). They come back as :class:`CellMark` per sheet, and the
reader reports each one in a mapped column as a located problem instead of reading
"unknown". Files written by Excel, WPS and xlsxwriter give every cell its reference, and
the pass costs about 1 µs per cell; cells without a reference, formulas and error values
are followed tag by tag in the rows that hold them.
"""

from __future__ import annotations

import enum
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from junheng.errors import WorkbookError

MAX_ROWS = 200_000
"""Rows a sheet may reach (a county's largest sheet, 在校生历史 or 教师, has some tens of
thousands)."""
MAX_COLUMNS = 256
"""Columns a sheet may reach (column IV; the widest v1 sheet has 24)."""
MAX_SHEET_CELLS = 5_000_000
"""Cells of a sheet's grid from A1 to its last cell: what the reader allocates (~32 bytes
each in Rust, 8 more in Python)."""
MAX_SHARED_STRINGS = 2_000_000
"""Distinct strings a workbook may declare (a county has well under 100,000)."""
MAX_MARKS = 10_000
"""Error values and formulas without a cached value a workbook may hold (each is a problem
to report)."""
MAX_MERGED_ROWS = 1_000_000
"""Rows the merged ranges of a sheet may cover in all."""
MAX_INDEX_BYTES = 8 * 1024 * 1024
"""Largest ``workbook.xml`` or relationships part read whole."""

_CHUNK = 4 * 1024 * 1024
_NS = r"(?:[A-Za-z_][\w.-]*:)?"
_ROW_START = re.compile(rf"<{_NS}row[\s/>]".encode())
_PREFIXED_TAGS = {b"c": re.compile(rf"<{_NS}c[\s/>]".encode()), b"row": _ROW_START}
_TAG_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")
# What Excel, WPS and xlsxwriter write: the reference first. A tag written otherwise makes
# the counts differ, and the rows are followed tag by tag instead.
_FIRST_ROW_NUMBER = re.compile(rb'<row r="([0-9]+)"')
_FIRST_CELL_LETTERS = re.compile(rb'<c r="([A-Za-z]+)')
_FIRST_CELL_DIGITS = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"')
_R_ATTR = re.compile(rb'\br="([^"]*)"')
_T_ATTR = re.compile(rb'\bt="([^"]*)"')
_DIMENSION = re.compile(rf'<{_NS}dimension\b[^>]*\bref="([^"]*)"'.encode())
_MERGE = re.compile(rf'<{_NS}mergeCell\b[^>]*\bref="([^"]*)"'.encode())
_FORMULA = re.compile(rf"<{_NS}f[\s/>]".encode())
_TOKEN = re.compile(rf"<(/?){_NS}(row|c|f|v|is)\b([^>]*?)(/?)>".encode())
_SST = re.compile(rf"<{_NS}sst\b([^>]*)>".encode())
_COUNT_ATTR = re.compile(rb'\b(?:uniqueCount|count)="([0-9]+)"')
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,10})")
_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
             "http://purl.oclc.org/ooxml/officeDocument/relationships")
_FIX = "请在电子表格软件中删除多余的行列（或整张无关的工作表）后另存为 .xlsx，再导入。"


class MarkKind(enum.StrEnum):
    """Why the reader cannot see a cell's value."""

    ERROR = "error"
    UNCACHED_FORMULA = "uncached_formula"
    MERGED = "merged"


@dataclass(frozen=True)
class CellMark:
    """A cell the reader returns as empty although the sheet shows something there.

    ``text`` is the error value (``#DIV/0!``), the formula (``=SUM(B2:B5)``) or the merged
    range (``A5:A7``).
    """

    kind: MarkKind
    text: str

    def message(self, header: str) -> str:
        """The Chinese 说明 for this cell in column ``header``."""
        if self.kind is MarkKind.ERROR:
            return (f"“{header}”是 Excel 错误值 {self.text}（公式计算出错）：请修正公式，"
                    "或改填数值后再导入。")
        if self.kind is MarkKind.UNCACHED_FORMULA:
            return (f"“{header}”是公式 {self.text}，但文件中没有保存计算结果：请在电子表格软件中"
                    "打开工作簿，确认计算完成后保存，或把公式改为数值，再导入。")
        return (f"“{header}”位于合并单元格 {self.text} 中，只有左上角的单元格有值：请取消合并，"
                "在每一行分别填写后再导入。")


Box = tuple[int, int, int, int]
"""A merged range as 0-based (first row, first column, last row, last column)."""


@dataclass(frozen=True)
class SheetScan:
    """What the scan found in one sheet: its extent and the cells the reader cannot see.

    ``rows`` and ``columns`` count from A1 to the last cell. ``marks`` holds error values and
    formulas without a cached value by 0-based (row, column), like the reader's grid;
    ``merged`` the merged ranges covering each 0-based row (clipped to the used grid).
    """

    name: str
    part: str
    rows: int
    columns: int
    marks: dict[tuple[int, int], CellMark] = field(default_factory=dict)
    merged: dict[int, tuple[Box, ...]] = field(default_factory=dict)

    def mark_at(self, row: int, column: int) -> CellMark | None:
        """The mark of a cell: an error, an uncached formula, or a merged range's covered
        cell (not its top-left one); None for a cell the reader sees as it is."""
        mark = self.marks.get((row, column))
        if mark is not None:
            return mark
        for r0, c0, r1, c1 in self.merged.get(row, ()):
            if c0 <= column <= c1 and (row, column) != (r0, c0):
                return CellMark(MarkKind.MERGED, f"{cell_name(r0, c0)}:{cell_name(r1, c1)}")
        return None

    @property
    def marked_rows(self) -> frozenset[int]:
        """The rows holding a mark (a row the reader sees as empty may still hold data)."""
        return frozenset({row for row, _ in self.marks} | set(self.merged))


def column_letters(index: int) -> str:
    """The letters of 0-based column ``index``: 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """The A1 name of 0-based (row, column)."""
    return f"{column_letters(column)}{row + 1}"


def _column_index(letters: bytes | str) -> int:
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    index = 0
    for char in text.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _position(reference: str) -> tuple[int, int] | None:
    """0-based (row, column) of ``B12`` (``$B$12`` too), or None when it is no reference."""
    found = _REFERENCE.fullmatch(reference.strip())
    if found is None:
        return None
    return int(found.group(2)) - 1, _column_index(found.group(1))


# --- which part holds which sheet ---------------------------------------------------------------


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_INDEX_BYTES:
        raise WorkbookError(f"工作簿的目录部件 {name} 大小 {info.file_size:,} 字节，不像正常的工作簿："
                            "文件可能已损坏或被改动，请在电子表格软件中另存为 .xlsx 后再导入。")
    return archive.read(info)


def _parse_xml(data: bytes, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, ValueError) as exc:
        raise WorkbookError(f"工作簿的目录部件 {name} 已损坏（{exc}）：请在电子表格软件中打开并"
                            "另存为 .xlsx 后再导入。") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{zip part: sheet name} of every sheet ``xl/workbook.xml`` lists (unlisted worksheet
    parts under ``xl/worksheets/`` too, named by their file)."""
    names: dict[str, str] = {}
    workbook = _read_small(archive, "xl/workbook.xml")
    rels = _read_small(archive, "xl/_rels/workbook.xml.rels")
    if workbook is not None and rels is not None:
        targets = {r.get("Id"): r.get("Target", "") for r in
                   _parse_xml(rels, "xl/_rels/workbook.xml.rels") if _local(r.tag) == "Relationship"}
        for sheet in _parse_xml(workbook, "xl/workbook.xml").iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((sheet.get(f"{{{ns}}}id") for ns in _DOCUMENT if sheet.get(f"{{{ns}}}id")),
                       None)
            target = targets.get(rid)
            if target:
                part = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join("xl", target))
                names[part] = sheet.get("name") or part
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            names.setdefault(info.filename, posixpath.basename(info.filename))
    return {part: name for part, name in names.items() if part in archive.NameToInfo}


# --- one sheet, streamed ------------------------------------------------------------------------


@dataclass
class _Extent:
    """The running state of one sheet's scan."""

    name: str
    last_row: int = -1  # 0-based index of the row being read
    max_row: int = -1
    max_column: int = -1
    marks: dict[tuple[int, int], CellMark] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def reach(self, row: int, column: int) -> None:
        if row >= MAX_ROWS or column >= MAX_COLUMNS:
            raise _beyond(self.name, f"的单元格 {cell_name(row, column)}")
        self.max_row, self.max_column = max(self.max_row, row), max(self.max_column, column)


def _beyond(sheet: str, what: str) -> WorkbookError:
    return WorkbookError(
        f"工作表“{sheet}”{what} 超出可读取的范围（最多 {MAX_ROWS:,} 行、{MAX_COLUMNS} 列，即 A 至 "
        f"{column_letters(MAX_COLUMNS - 1)} 列）：{_FIX}")


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML in pieces that each end before a ``<row`` (whole rows per piece)."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            cut = _last_row_start(buffer)
            if cut <= 0:
                tail = buffer
                continue
            yield buffer[:cut]
            tail = buffer[cut:]
    if tail:
        yield tail


def _last_row_start(buffer: bytes) -> int:
    if b":row" not in buffer:
        return max(buffer.rfind(b"<row" + end) for end in _TAG_ENDS)
    return max((m.start() for m in _ROW_START.finditer(buffer)), default=-1)


def _count_tags(body: bytes, tag: bytes) -> int:
    """How many ``tag`` elements start in ``body`` (with any namespace prefix)."""
    if b":" + tag in body:
        return len(_PREFIXED_TAGS[tag].findall(body))
    return sum(body.count(b"<" + tag + end) for end in _TAG_ENDS)


def _needs_tokens(body: bytes) -> bool:
    """True when a formula or an error value may be in ``body``."""
    return b't="e"' in body or ((b"<f" in body or b":f" in body)
                                 and _FORMULA.search(body) is not None)


def _declared(extent: _Extent, body: bytes) -> None:
    """Check the declared dimension and collect merged ranges."""
    at = body.find(b"dimension")
    for found in _DIMENSION.finditer(body, max(0, at - 64), at + 4096) if at >= 0 else ():
        corners = [_position(p) for p in found.group(1).decode("ascii", "replace").split(":")]
        for corner in filter(None, corners):
            if corner[0] >= MAX_ROWS or corner[1] >= MAX_COLUMNS:
                raise _beyond(extent.name, "声明的数据范围 " + found.group(1).decode("ascii", "replace"))
    at = body.find(b"mergeCell")
    for found in _MERGE.finditer(body, max(0, at - 64)) if at >= 0 else ():
        corners = [_position(p) for p in found.group(1).decode("ascii", "replace").split(":")]
        if len(corners) == 2 and all(corners):
            (r0, c0), (r1, c1) = corners
            extent.merges.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))


def _fast(extent: _Extent, body: bytes) -> bool:
    """Extent from the rows' and cells' references alone; False when one lacks its own."""
    references = _FIRST_CELL_DIGITS.findall(body)
    rows = _FIRST_ROW_NUMBER.findall(body)
    if len(references) != _count_tags(body, b"c") or len(rows) != _count_tags(body, b"row"):
        return False
    if references:
        row = max(map(int, references)) - 1
        column = max(map(_column_index, set(_FIRST_CELL_LETTERS.findall(body))))
        extent.reach(row, column)
    if rows:
        extent.last_row = int(rows[-1]) - 1
        top = max(map(int, rows)) - 1
        if top >= MAX_ROWS:
            raise _beyond(extent.name, f"的第 {top + 1:,} 行")
    return True


@dataclass
class _Cell:
    row: int
    column: int
    kind: bytes = b""
    formula: bytes | None = None
    value: bytes = b""


def _tokens(extent: _Extent, body: bytes) -> None:
    """Follow every row and cell tag: positions without references, formulas, error values."""
    column, cell, text_from = -1, None, None
    for found in _TOKEN.finditer(body):
        closing, tag, attrs, empty = found.groups()
        if tag == b"row" and not closing:
            number = _R_ATTR.search(attrs)
            extent.last_row = int(number.group(1)) - 1 if number and number.group(1).isdigit() \
                else extent.last_row + 1
            column = -1
        elif tag == b"c" and not closing:
            reference = _R_ATTR.search(attrs)
            place = _position(reference.group(1).decode("ascii", "replace")) if reference else None
            row, column = place if place else (max(extent.last_row, 0), column + 1)
            extent.reach(row, column)
            kind = _T_ATTR.search(attrs)
            cell = _Cell(row, column, kind.group(1) if kind else b"")
            if empty:
                cell = None
        elif tag == b"c":
            _finish(extent, cell)
            cell = None
        elif cell is not None and tag in (b"f", b"v", b"is"):
            if tag == b"f" and not closing:
                cell.formula = b""
            if not closing and not empty:
                text_from = found.end()
            elif closing and text_from is not None:
                _keep_text(cell, tag, body[text_from:found.start()])
                text_from = None
    if extent.last_row >= MAX_ROWS:
        raise _beyond(extent.name, f"的第 {extent.last_row + 1:,} 行")


def _keep_text(cell: _Cell, tag: bytes, text: bytes) -> None:
    if tag == b"f":
        cell.formula = text
    elif tag == b"v":
        cell.value = text
    else:  # an inline string is a value
        cell.value = text or b" "


def _finish(extent: _Extent, cell: _Cell | None) -> None:
    if cell is None:
        return
    if cell.kind == b"e":
        mark = CellMark(MarkKind.ERROR, _text(cell.value) or "#错误")
    elif cell.formula is not None and not cell.value.strip():
        mark = CellMark(MarkKind.UNCACHED_FORMULA, "=" + _text(cell.formula))
    else:
        return
    if len(extent.marks) >= MAX_MARKS:
        raise WorkbookError(
            f"工作表“{extent.name}”中有超过 {MAX_MARKS:,} 个单元格是 Excel 错误值或没有保存计算结果的"
            "公式：请在电子表格软件中把公式改为数值（复制后“选择性粘贴为数值”）再导入。")
    extent.marks[(cell.row, cell.column)] = mark


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))[:200]


def _scan_sheet(archive: zipfile.ZipFile, part: str, name: str) -> SheetScan:
    extent = _Extent(name)
    for body in _chunks(archive, part):
        _declared(extent, body)
        if _needs_tokens(body) or not _fast(extent, body):
            _tokens(extent, body)
    rows, columns = extent.max_row + 1, extent.max_column + 1
    if rows * columns > MAX_SHEET_CELLS:
        corner = cell_name(extent.max_row, extent.max_column)
        raise WorkbookError(
            f"工作表“{name}”的数据区域 A1:{corner} 共 {rows * columns:,} 个单元格，超过上限 "
            f"{MAX_SHEET_CELLS:,}：{_FIX}")
    return SheetScan(name, part, rows, columns, dict(extent.marks),
                     _merged_rows(name, extent.merges, rows, columns))


def _merged_rows(sheet: str, merges: list[Box], rows: int, columns: int
                 ) -> dict[int, tuple[Box, ...]]:
    """{row: merged ranges covering it}, each range clipped to the used grid."""
    covering: dict[int, list[Box]] = {}
    total = 0
    for r0, c0, r1, c1 in merges:
        box = (r0, c0, min(r1, rows - 1), min(c1, columns - 1))
        total += max(0, box[2] - r0 + 1)
        if total > MAX_MERGED_ROWS:
            raise WorkbookError(f"工作表“{sheet}”的合并单元格过多或过大（合计超过 {MAX_MERGED_ROWS:,} 行）："
                                f"请取消合并后另存为 .xlsx，再导入。")
        for row in range(r0, box[2] + 1):
            covering.setdefault(row, []).append(box)
    return {row: tuple(boxes) for row, boxes in covering.items()}


def _check_shared_strings(archive: zipfile.ZipFile) -> None:
    part = next((n for n in archive.NameToInfo if n.lower().endswith("sharedstrings.xml")), None)
    if part is None:
        return
    with archive.open(part) as stream:
        head = stream.read(64 * 1024)
    found = _SST.search(head)
    declared = max((int(n) for n in _COUNT_ATTR.findall(found.group(1))), default=0) \
        if found else 0
    if declared > MAX_SHARED_STRINGS:
        raise WorkbookError(
            f"工作簿的共享字符串表声明了 {declared:,} 个字符串，超过上限 {MAX_SHARED_STRINGS:,}："
            "文件可能已损坏或被改动，请在电子表格软件中打开并另存为 .xlsx 后再导入。")


def scan_workbook(path: str | Path) -> dict[str, SheetScan]:
    """Bound every sheet of an xlsx and find its unreadable cells, without parsing it.

    Call it after :func:`junheng.io.check_workbook_file` (which vouches that ``path`` is a
    sound zip within its size limits).

    Returns
    -------
    dict
        {sheet name: :class:`SheetScan`}.

    Raises
    ------
    WorkbookError
        Naming the sheet and the cell or range beyond the limits of this module.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.io import example_county, write_workbook
    >>> path = write_workbook(example_county(), os.path.join(tempfile.mkdtemp(), "c.xlsx"))
    >>> scan = scan_workbook(path)
    >>> scan["学校"].rows, scan["学校"].columns, scan["学校"].marks
    (7, 14, {})
    """
    with zipfile.ZipFile(path) as archive:
        _check_shared_strings(archive)
        return {name: _scan_sheet(archive, part, name)
                for part, name in sheet_parts(archive).items()}


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_SHARED_STRINGS", "MAX_SHEET_CELLS", "CellMark",
           "MarkKind", "SheetScan", "cell_name", "column_letters", "scan_workbook"]
