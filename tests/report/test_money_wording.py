"""Units and spacing a reader checks (review 2026-12-04 finding 13): sums of money still
needed in 万元 to 0.01 (rounded up, as every other sum of the reports), a space between a name
and a figure."""

from __future__ import annotations

from types import SimpleNamespace

from junheng.evaluate.gaps import gap_text
from junheng.report.headline import write_headline_docx
from junheng.report.word_document import WordReport
from junheng.standards import GapSpec


def test_a_money_gap_is_said_in_wan_yuan_rounded_up():
    spec = GapSpec("需增加", "教学仪器设备值", "元", 1)
    # 375,000 元 = 37.50 万元; 23,366 元 = 2.3366 → 2.34 万元 (a shortfall is never understated)
    assert gap_text(spec, 375_000.0) == "需增加教学仪器设备值 37.50 万元"
    assert gap_text(spec, 23_366.0) == "需增加教学仪器设备值 2.34 万元"
    # other units keep theirs
    assert (
        gap_text(GapSpec("需增加", "体育运动场馆", "平方米", 1), 1150.0)
        == "需增加体育运动场馆 1,150 平方米"
    )


def test_the_headline_table_title_has_a_space_before_the_year():
    r = WordReport()
    figures = SimpleNamespace(county="洛北县", school_year=2025, rows=lambda: [("在校生", "1 人")],
                              cv_note=lambda: "")
    write_headline_docx(r, figures)
    assert any(p.text == "表 1  洛北县 2025 学年主要数据" for p in r.doc.paragraphs)
