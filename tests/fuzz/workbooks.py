"""The workbook fuzz corpus: files that crashed the reader or were misread, built in code.

Issue 14's attack run sent 1,116 bad workbooks; 8 of them made python-calamine allocate
51–512 GB and abort the process, and 32 lost data silently (error values, formulas without
a cached value, merged cells, numbers with separators). Each kind is rebuilt here, small,
together with the classic broken files and seeded byte mutations of a good workbook.

Every case is ``Case(name, content, expect)``: ``expect`` is ``"refused"`` (a WorkbookError
naming the problem must come back, with ``needle`` in its message), ``"problem"`` (the
workbook reads, and a located problem carries ``needle``) or ``"any"`` (a mutation: an
error or a reading, never a crash). :mod:`fuzz.run_corpus` reads them in a child process,
so a regression that aborts the reader fails the test instead of killing pytest.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
          'ContentType="application/xml"/></Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
              'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
              f'{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


@dataclass(frozen=True)
class Case:
    """One corpus file and what reading it must give."""

    name: str
    content: bytes
    expect: str  # "refused", "problem" or "any"
    needle: str = ""


def xlsx_from_sheets(sheets: dict[str, str], *, shared_strings: str | None = None) -> bytes:
    """A minimal xlsx: each sheet's ``<sheetData>…`` (and anything after it) given as XML."""
    entries = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(sheets, start=1))
    targets = "".join(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" '
                                            f'xmlns:r="{RELS}"><sheets>{entries}</sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                         f'.org/package/2006/relationships">{targets}</Relationships>')
        for i, body in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml",
                             f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">{body}</worksheet>')
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def _one_sheet(rows: str, after: str = "", before: str = "") -> bytes:
    return xlsx_from_sheets({"学校": f"{before}<sheetData>{rows}</sheetData>{after}"})


def crashing_cases() -> Iterator[Case]:
    """Files whose declared or real extent made the reader ask for gigabytes and abort."""
    a1 = '<row r="1"><c r="A1" t="inlineStr"><is><t>学校标识码</t></is></c></row>'
    yield Case("cell_at_XFD1048576", _one_sheet(
        a1 + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'), "refused", "XFD1048576")
    yield Case("cell_beyond_columns", _one_sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'), "refused", "XFD1")
    yield Case("cell_row_beyond_its_row", _one_sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="B900000"><v>1</v></c></row>'), "refused",
        "B900000")
    yield Case("reference_not_first", _one_sheet(
        '<row r="1"><c s="0" r="XFD70000"><v>1</v></c></row>'), "refused", "XFD70000")
    yield Case("prefixed_tags", xlsx_from_sheets({"学校": (
        f'<x:sheetData xmlns:x="{MAIN}"><x:row r="1"><x:c r="XFD1048576"><x:v>1</x:v></x:c>'
        '</x:row></x:sheetData>')}), "refused", "XFD1048576")
    cells = "".join("<c><v>1</v></c>" for _ in range(300))
    yield Case("cells_without_reference", _one_sheet(f"<row>{cells}</row>"), "refused", "IW1")
    yield Case("rows_without_reference", _one_sheet(
        '<row r="199999"/><row/><row><c><v>1</v></c></row>'), "refused", "A200001")
    yield Case("grid_too_large", _one_sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="100000"><c r="IV100000"><v>1</v></c>'
        '</row>'), "refused", "A1:IV100000")
    yield Case("declared_dimension", _one_sheet(a1, before='<dimension ref="A1:XFD1048576"/>'),
               "refused", "A1:XFD1048576")
    yield Case("shared_strings_count", xlsx_from_sheets(
        {"学校": f"<sheetData>{a1}</sheetData>"},
        shared_strings=f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="4000000000" '
                       'uniqueCount="4000000000"><si><t>a</t></si></sst>'),
        "refused", "4,000,000,000")


def classic_cases() -> Iterator[Case]:
    """Files that are not a sound xlsx at all."""
    yield Case("csv_text", "学校标识码,学校名称\n4103060001,第一小学\n".encode("gbk"), "refused",
               "文本文件")
    yield Case("empty", b"", "refused", "空的")
    good = xlsx_from_sheets({"学校": "<sheetData/>"})
    yield Case("truncated", good[: len(good) // 2], "refused", "已损坏或不完整")


def misread_cases(example: bytes) -> Iterator[Case]:
    """The example county with one cell changed the ways that used to be read as unknown
    or as another number; ``example`` is the county written by ``write_workbook``."""
    yield Case("error_value", _edited(example, "B2", "#DIV/0!", error=True), "problem",
               "Excel 错误值 #DIV/0!")
    yield Case("uncached_formula", _edited(example, "B2", "SUM(C2:D2)", formula=True),
               "problem", "是公式 =SUM(C2:D2)，但文件中没有保存计算结果")
    yield Case("merged_cells", _merged(example, "E2:E4"), "problem", "位于合并单元格 E2:E4 中")
    for text in ("12 34", "1,2,3", "1_000"):
        yield Case(f"separator_{text}", _edited(example, "E2", text), "problem",
                   f"“{text}”不是数字")
    yield Case("integer_2_31", _edited(example, "E2", "2147483648"), "problem",
               "超出可保存的范围")


_FACILITIES_PART = "xl/worksheets/sheet6.xml"  # 校舍设施 in write_workbook's sheet order


def _edited(example: bytes, reference: str, text: str, *, error: bool = False,
            formula: bool = False) -> bytes:
    """``example`` with cell ``reference`` of 校舍设施 replaced."""
    if error:
        cell = f'<c r="{reference}" t="e"><v>{text}</v></c>'
    elif formula:
        cell = f'<c r="{reference}"><f>{text}</f></c>'
    else:
        cell = f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'
    return _rewrite(example, _FACILITIES_PART, lambda xml: _replace_cell(xml, reference, cell))


def _merged(example: bytes, ref: str) -> bytes:
    def add(xml: str) -> str:
        return xml.replace("</sheetData>",
                           f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>')
    return _rewrite(example, _FACILITIES_PART, add)


def _replace_cell(xml: str, reference: str, cell: str) -> str:
    start = xml.index(f'<c r="{reference}"')
    closing = xml.find("</c>", start)
    empty = xml.find("/>", start)
    end = empty + 2 if empty != -1 and (closing == -1 or empty < xml.find(">", start) + 1) \
        else closing + 4
    return xml[:start] + cell + xml[end:]


def _rewrite(content: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def mutated_cases(example: bytes, count: int, seed: int = 14) -> Iterator[Case]:
    """``count`` copies of ``example`` with a few bytes of one sheet's XML changed (seeded):
    tag names, digits of references and quotes; each must be refused or read, never crash."""
    rng = random.Random(seed)
    source = zipfile.ZipFile(io.BytesIO(example))
    parts = [n for n in source.namelist() if n.startswith("xl/")]
    for k in range(count):
        part = rng.choice(parts)

        def mutate(xml: str, rng=rng) -> str:
            chars = list(xml)
            for _ in range(rng.randint(1, 6)):
                i = rng.randrange(len(chars))
                chars[i] = rng.choice('<>/"=9XFD0r c')
            return "".join(chars)

        yield Case(f"mutation_{k:02d}_{Path(part).stem}", _rewrite(example, part, mutate), "any")
