"""What the county 自评报告 adds to :class:`~junheng.report.word_document.WordReport`: a table
of contents field, a running header with the county's name, numbered figures, and Word's
"update fields on open" so the contents and page numbers are filled when the file is opened.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from junheng.report.word_document import HEADING_FONT, WordReport, _field, set_east_asian_font

TOC_PLACEHOLDER = "（目录在打开文件时自动生成；如未显示，请在此处右键选择“更新域”。）"


def _field_run(paragraph, instruction: str, placeholder: str) -> None:
    _field(paragraph, instruction, placeholder, dirty=True)


def table_of_contents(r: WordReport):
    """'目　录' and a TOC field over the first two heading levels, on its own page; returns
    the field's paragraph for :func:`fill_contents`."""
    title = r.doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    run = title.add_run("目　　录")
    set_east_asian_font(run, HEADING_FONT)
    run.font.size = Pt(16)
    body = r.doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(0)
    _field_run(body, 'TOC \\o "1-2" \\h \\z \\u', TOC_PLACEHOLDER)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    r.doc.settings.element.append(update)
    return body


def fill_contents(r: WordReport, paragraph) -> None:
    """Put the headings written so far into the TOC field's result, one per line (level 2
    indented), so a reader that does not update fields (a PDF converter) still shows the
    contents; Word replaces them with the entries and page numbers when it updates the field."""
    lines = [("　　" if p.style.name == "Heading 2" else "") + p.text
             for p in r.doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    texts = paragraph._p.findall(f".//{qn('w:t')}")
    result = texts[-1]
    run = result.getparent()
    run.remove(result)
    for k, line in enumerate(lines):
        if k:
            run.append(OxmlElement("w:br"))
        node = OxmlElement("w:t")
        node.set(qn("xml:space"), "preserve")
        node.text = line
        run.append(node)


def running_header(section, text: str) -> None:
    """The county and report name centred in the header of a section (and those after it)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(9)


class FigureCounter:
    """Numbered figures: '图 1  标题' under a picture as wide as the text allows."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, r: WordReport, png: Path, title: str, *, width_share: float = 0.9) -> None:
        self.count += 1
        picture = r.doc.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.first_line_indent = Pt(0)
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(str(png), width=int(r.width * width_share))
        caption = r.doc.add_paragraph(style=r.table_style)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_after = Pt(6)
        set_east_asian_font(caption.add_run(f"图 {self.count}  {title}"), HEADING_FONT)
