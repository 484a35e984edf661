"""A Word document as county reports are set: A4, 仿宋 body, 黑体 / 楷体 headings, 宋体 tables
(East-Asian fonts set through ``w:eastAsia``), numbered tables whose header row repeats on every
page, page numbers "— 1 —" in the footer, portrait and landscape sections.

:class:`WordReport` is what a report writer fills: headings, paragraphs, notes and tables.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from junheng.errors import JunhengError
from junheng.report.report_format import point_paragraphs

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
TABLE_FONT = "宋体"
BODY_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(10.5)  # 五号
BLACK = RGBColor(0, 0, 0)
RED = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "D9E2F3"
PORTRAIT_WIDTH = Cm(21.0 - 2.8 - 2.6)
LANDSCAPE_WIDTH = Cm(29.7 - 2.5 - 2.5)
TABLE_STYLE_NAME = "表格文字"
NOTE_STYLE_NAME = "表注"
CN_NUMBERS = "一二三四五六七八九十"


def cn_number(k: int) -> str:
    """1 -> '一' … 99 -> '九十九', as a heading numbers them (beyond: the digits).

    >>> [cn_number(k) for k in (1, 10, 11, 19, 20, 21, 99, 100)]
    ['一', '十', '十一', '十九', '二十', '二十一', '九十九', '100']
    """
    if not 1 <= k <= 99:
        return str(k)
    tens, ones = divmod(k, 10)
    head = "" if tens == 0 else "十" if tens == 1 else CN_NUMBERS[tens - 1] + "十"
    return head + (CN_NUMBERS[ones - 1] if ones else "")


# --- fonts, page and tables -----------------------------------------------------------------

def set_east_asian_font(style_or_run, east_asia: str, *, latin: str = LATIN_FONT) -> None:
    """Set the Latin and East-Asian fonts of a style or run (theme fonts removed)."""
    style_or_run.font.name = latin
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def _style(doc, name: str, *, font: str, size: Pt, bold: bool = False, base: str = "Normal"):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
    set_east_asian_font(style, font)
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = BLACK
    return style


def _setup_styles(doc) -> None:
    normal = _style(doc, "Normal", font=BODY_FONT, size=BODY_SIZE)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(28)
    fmt.line_spacing = 1.5
    fmt.space_after = Pt(0)
    for name, font, size in (("Title", HEADING_FONT, Pt(22)), ("Heading 1", HEADING_FONT, Pt(16)),
                             ("Heading 2", SUBHEADING_FONT, Pt(14)),
                             ("Heading 3", BODY_FONT, Pt(14))):
        style = _style(doc, name, font=font, size=size, bold=name in ("Heading 2", "Heading 3"))
        style.font.italic = False
        style.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(28)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title_ppr = doc.styles["Title"].element.pPr
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)  # the template's blue rule under the title
    for name, size in ((TABLE_STYLE_NAME, TABLE_SIZE), (NOTE_STYLE_NAME, Pt(10.5))):
        style = _style(doc, name, font=TABLE_FONT, size=size)
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)


def _a4(section, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = Cm(21.0), Cm(29.7)
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    if landscape:
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.2)
    else:
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)


def _field(paragraph, instruction: str, placeholder: str = "1", *, dirty: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) whose result Word fills in when it lays out the
    page; ``placeholder`` is shown until then, ``dirty`` asks Word to update it on opening."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", placeholder), ("end", None)):
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} "
        elif kind == "text":
            node = OxmlElement("w:t")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            if kind == "begin" and dirty:
                node.set(qn("w:dirty"), "true")
        run._r.append(node)


def page_numbers(section) -> None:
    """'— 1 —' centred in the footer, numbering restarting at 1 in this section."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    sect = section._sectPr
    cols = sect.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(number_type)
    else:
        sect.append(number_type)


@dataclass(frozen=True)
class Column:
    """A table column: header, relative width, alignment."""

    header: str
    width: float = 1.0
    align: str = "left"


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}


_INVALID_XML = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]")


def _run_xml(text: str, *, bold: bool = False, red: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{RED}"/>' if red else "")
    parts = [escape(_INVALID_XML.sub("", part)) for part in text.split("\n")]
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{part}</w:t>' for part in parts)
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{body}</w:r>"


def _cell_xml(text: str, width: int, align: str, paragraph_style: str, *, header: bool = False,
              red: bool = False) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}<w:vAlign w:val="center"/>'
            f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/><w:jc w:val="{align}"/>'
            f"</w:pPr>{_run_xml(text, bold=header, red=red)}</w:p></w:tc>")


#: a run Word does not break inside: a number, a code, a year (brief hzuofa 3: 「3,988.71」
#: and 「2030」 wrapped mid-number in columns of 0.9–1.2 cm)
_UNBROKEN = re.compile(r"[!-~−±×·]+")
#: a half-width character of the table font (half an em: 10.5 pt = 210 twips), a column's
#: left and right cell margins with a little slack, and the least a text column keeps when
#: numbers take its room: four characters (twips)
_HALF_EM = int(TABLE_SIZE.pt * 10)
_CELL_MARGINS = 2 * 108 + 30
_TEXT_FLOOR = 4 * 2 * _HALF_EM + _CELL_MARGINS


def fitted_widths(columns: Sequence[Column], rows: Sequence[Sequence[Any]], total: int) -> list[int]:
    """Column widths in twips filling ``total``: each column its relative share, but none
    narrower than its longest unbreakable run (a number, a year: :data:`_UNBROKEN`) in the
    header or a cell; the room those take comes from the other columns by their share, each
    keeping its own longest run and four characters (:data:`_TEXT_FLOOR`). When that is not
    room enough the shares stay (the table wants a landscape page).

    >>> cols = [Column("学校", 4), Column("投资（万元）", 1, "right")]
    >>> fitted_widths(cols, [["甲小学", "3,988.71"]], 5000)  # 8 × 105 + 246 = 1,086
    [3914, 1086]
    >>> fitted_widths(cols, [["甲小学", "5"]], 5000)
    [4000, 1000]
    >>> fitted_widths(cols, [["甲小学", "3,988.71"]], 1500)  # the school keeps 4 × 210 + 246
    [1200, 300]
    """
    share = sum(c.width for c in columns)
    widths = [total * c.width / share for c in columns]
    need = [0] * len(columns)
    for values in (*rows, [c.header for c in columns]):
        for k, v in enumerate(values):
            runs = _UNBROKEN.findall("" if v is None else str(v))
            if runs:
                need[k] = max(need[k], max(len(t) for t in runs) * _HALF_EM + _CELL_MARGINS)
    short = [k for k, w in enumerate(widths) if w < need[k]]
    if not short:
        return [int(w) for w in widths]
    floor = [max(need[k], min(w, _TEXT_FLOOR)) for k, w in enumerate(widths)]
    spare = {k: widths[k] - floor[k] for k in range(len(columns)) if k not in short and widths[k] > floor[k]}
    wanted, room = sum(need[k] - widths[k] for k in short), sum(spare.values())
    if room < wanted:  # too many numbers for the page: it needs a landscape page, not this
        return [int(w) for w in widths]
    out = list(widths)
    for k in short:
        out[k] = need[k]
    for k, slack in spare.items():
        out[k] -= slack * wanted / room
    return [int(w) for w in out]


def table_xml(columns: Sequence[Column], rows: Sequence[Sequence[Any]], widths: Sequence[int], *,
              flagged: Sequence[Sequence[bool]] | None = None, paragraph_style: str,
              table_style: str) -> str:
    """A ``w:tbl`` with fixed column widths (twips) and a header row repeated on each page.

    Written as text and parsed once: python-docx's cell API resolves styles per cell, which
    takes minutes for the few thousand cells of a county's rectification list.
    """
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = "".join(_cell_xml(c.header, w, "center", paragraph_style, header=True)
                     for c, w in zip(columns, widths, strict=True))
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{table_style}"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
           f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"
           f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>']
    for k, values in enumerate(rows):
        marks = flagged[k] if flagged else [False] * len(columns)
        cells = "".join(_cell_xml("" if v is None else str(v), w, c.align, paragraph_style,
                                  red=bool(m))
                        for v, c, w, m in zip(values, columns, widths, marks, strict=True))
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _made_now(doc) -> None:
    """The file's own dates and author: made now, by 均衡 (htext2 4: python-docx's template
    dated every document 2013-12-23 and signed it 「python-docx」, 「generated by python-docx」)."""
    props, now = doc.core_properties, datetime.now(UTC).replace(microsecond=0)
    props.created = props.modified = now
    props.author, props.last_modified_by, props.comments = "均衡", "均衡", ""


class WordReport:
    """The document being written, with numbered tables and the current text width."""

    def __init__(self) -> None:
        self.doc = Document()
        _made_now(self.doc)
        _setup_styles(self.doc)
        _a4(self.doc.sections[0])
        self.table_style = self.doc.styles[TABLE_STYLE_NAME]
        self.note_style = self.doc.styles[NOTE_STYLE_NAME]
        self.tables = 0
        self.width = PORTRAIT_WIDTH
        #: explanations said in full once in this document: key -> where, in words (表 3)
        self.said: dict[str, str] = {}
        #: how this document names itself where the shared sentences name it as another
        #: document would ("见《布局调整方案》" -> "见本方案"; brief hwords3 3); none by default
        self.own: tuple[str, str] | None = None

    def _own(self, text):
        """``text`` with this document's name as it names itself (:attr:`own`)."""
        return text.replace(*self.own) if self.own and isinstance(text, str) else text

    def save(self, path: str | Path) -> Path:
        """Write the document to ``path`` and return it. A .docx is a ZIP, whose entries
        cannot be dated before 1980: on a machine whose clock is earlier (a lost date) the
        writer fails, said in Chinese with the date to correct, no half-written file left."""
        path = Path(path)
        try:
            self.doc.save(str(path))
        except ValueError as exc:
            if "1980" not in str(exc):
                raise
            path.unlink(missing_ok=True)
            raise JunhengError(f"本机系统日期为 {time.strftime('%Y-%m-%d', time.localtime(time.time()))}，早于 1980 年，无法写入 Word 文件"
                               f"“{path.name}”：请把系统日期改为当天后重试。") from None
        return path

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level)

    def _after_table(self, p) -> None:
        """Space above a paragraph that follows a table directly: no empty paragraph stands
        between a table and what follows it (brief left1 item 5: an empty 表注 after each
        table, where a note would be)."""
        before = p._p.getprevious()
        if before is not None and before.tag == qn("w:tbl"):
            p.paragraph_format.space_before = Pt(6)

    def para(self, text: str, *, indent: bool = True, bold: bool = False,
             align: str | None = None, red: bool = False) -> None:
        """A paragraph; one over :data:`~junheng.report.report_format.PARAGRAPH_LIMIT`
        characters is a paragraph a point (:func:`~junheng.report.report_format.point_paragraphs`)."""
        for part in point_paragraphs(text):
            self._para(part, indent=indent, bold=bold, align=align, red=red)

    def _para(self, text: str, *, indent: bool, bold: bool, align: str | None, red: bool) -> None:
        p = self.doc.add_paragraph()
        self._after_table(p)
        if not indent:
            p.paragraph_format.first_line_indent = Pt(0)
        if align:
            p.alignment = _ALIGN[align]
        run = p.add_run(self._own(text))
        run.bold = bold or None
        if red:
            run.font.color.rgb = RED

    def note(self, text: str) -> None:
        for part in point_paragraphs(text) if text else ():
            self.doc.add_paragraph(self._own(part), style=self.note_style)

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
              *, flagged: Sequence[Sequence[bool]] | None = None) -> None:
        """A numbered, titled table with a shaded header row repeated on every page."""
        self.tables += 1
        caption = self.doc.add_paragraph(style=self.table_style)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_before = Pt(6)
        caption.paragraph_format.space_after = Pt(3)
        caption.paragraph_format.keep_with_next = True
        set_east_asian_font(caption.add_run(f"表 {self.tables}  {title}"), HEADING_FONT)
        rows = [[self._own(v) for v in row] for row in rows]
        widths = fitted_widths(columns, rows, self.width.twips)
        xml = table_xml(columns, rows, widths, flagged=flagged,
                        paragraph_style=self.table_style.style_id,
                        table_style=self.doc.styles["Table Grid"].style_id)
        body = self.doc.element.body
        body.find(qn("w:sectPr")).addprevious(parse_xml(xml))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self, *, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        for restart in section._sectPr.findall(qn("w:pgNumType")):
            section._sectPr.remove(restart)  # page numbers continue from the previous section
        _a4(section, landscape=landscape)
        self.width = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
