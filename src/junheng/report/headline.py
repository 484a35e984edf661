"""The headline figures (:class:`~junheng.jobs.figures.HeadlineFigures`) as each file shows
them: an HTML section, a Word table and an Excel sheet, all from ``figures.rows()`` so the
same figure is the same text in every output (tests/report/test_headline_figures.py reads
them back and compares)."""

from __future__ import annotations

from html import escape

TITLE = "主要数据"
SHEET = "主要数据"
#: No source sentence: the 自评报告 named itself as its own source, in English words
#: (planner review finding 14); every output prints the same rows, so none is needed.
NOTE = "“义务教育”为小学和初中，“含高中”另加高中，“学前”为幼儿园和附设幼儿班。"
HEADERS = ("项目", "数值")


def headline_note(figures) -> str:
    """The note under the table: the scopes, then the 综合差异系数 (a reference figure, no row
    among the 评估指标: review ht 1)."""
    return NOTE + figures.cv_note()


def headline_html(figures) -> str:
    """The 主要数据 section of the HTML report."""
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>"
                   for k, v in figures.rows())
    return (f'<section id="figures"><h2>{TITLE}</h2>'
            f'<table class="num headline"><thead><tr><th>{HEADERS[0]}</th><th>{HEADERS[1]}</th>'
            f'</tr></thead><tbody>{rows}</tbody></table><p class="note">{escape(headline_note(figures))}</p>'
            "</section>")


def write_headline_docx(r, figures) -> None:
    """The 主要数据 table of the Word 自评报告 (``r`` a :class:`WordReport`)."""
    from junheng.report.word_document import Column

    r.table(f"{figures.county} {figures.school_year} 学年{TITLE}",
            [Column(HEADERS[0], 3.0), Column(HEADERS[1], 2.0, "right")], figures.rows())
    r.para(headline_note(figures))


def write_headline_sheet(workbook, figures) -> None:
    """The 主要数据 sheet of an xlsxwriter workbook (first when written first)."""
    ws = workbook.add_worksheet(SHEET)
    bold = workbook.add_format({"bold": True, "font_name": "宋体", "border": 1,
                                "bg_color": "#DDEBF7"})
    cell = workbook.add_format({"font_name": "宋体", "border": 1})
    ws.write_string(0, 0, f"{figures.county} {figures.school_year} 学年{TITLE}",
                    workbook.add_format({"bold": True, "font_size": 14, "font_name": "黑体"}))
    ws.write_row(2, 0, HEADERS, bold)
    for k, (label, value) in enumerate(figures.rows(), start=3):
        ws.write_string(k, 0, label, cell)
        ws.write_string(k, 1, value, cell)
    ws.write_string(4 + len(figures.rows()), 0, headline_note(figures))
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 36)
