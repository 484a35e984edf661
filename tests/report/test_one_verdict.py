"""Brief hq: one county, one verdict. The 前提条件 “通过国家义务教育发展基本均衡县认定 3 年以上”
reads the same status, remark and count in the 自评报告.docx, report.html and the web's
evaluation page: 待核实 while the county's own figures fail 省定办学基本标准, 达标 when they meet it.

The hand-made county is the example county (3 schools; 2016 recognised, school year 2025:
2025 − 2016 = 9 years ≥ 3) under two provincial overlays of 生均图书册数:

* HIGH (小学 50, 初中 60 册): 示例县城关第一小学 16,500 / 542 = 30.44 < 50, 示例县第一初级中学
  21,000 / 438 = 47.95 < 60 and 河口乡九年一贯制学校's two stages fail: 4 units of 3 schools;
* HENAN (小学 20, 初中 30 册): every school meets it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from junheng.evaluate import evaluate
from junheng.evaluate.held import hold_recognition
from junheng.io import example_county
from junheng.report.html_report import report_html
from junheng.report.self_report import write_county_report
from junheng.standards import Overlay

NAME = "通过国家义务教育发展基本均衡县认定 3 年以上"
HIGH = Overlay("某省", "", {"basic-2012": {"books_per_student": {"primary": 50, "junior": 60}}})
HENAN = Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20, "junior": 30}}})
# rv5 4: nothing the county declared disagrees with its data; the recognition's result is what is open
HELD = "待核实（基本均衡成果须复核）"
REMARK = ("认定 9 年，已满 3 年；基本均衡成果：按 2025 学年数据 4 个评估单位（3 所学校，一贯制学校分学段）"
          "未达到省定办学基本标准（见“存在的问题”），整改后复核（见“整改措施”），复核达到前待核实")
# HENAN: the books all meet 省定标准 but the county does not attest the rest of it, so this
# year's 基本均衡 precondition is 待佐证 and the recognition held with that reason (review rvweb 3)
UNPROVEN = ("认定 9 年，已满 3 年；基本均衡成果：按 2025 学年数据，基本均衡的前提条件“县域内义务教育学校均达到省定办学基本标准”"
            "待佐证（按省定标准核查 4 个评估单位（3 所学校，一贯制学校分学段）的生均图书册数，全部达标；"
            "省定标准的其余条目须县级认定），尚不能确认，佐证后复核，复核达到前待核实")
EVIDENCE = "；佐证：教育部 2016 年义务教育发展基本均衡县认定文件"
# the example county's own 8 pending items; the held recognition is one more, counted by every output
PENDING = {"HIGH": 9, "HENAN": 9}


def _docx(ev, data, tmp_path) -> tuple[list[str], str, str]:
    """(the recognition's row, the 一票否决事项与前提条件 sentence, the 评估结论 paragraph)."""
    doc = Document(str(write_county_report(ev, tmp_path / "自评报告.docx", data=data,
                                           report_date=date(2026, 3, 1))))
    row = next([c.text for c in r.cells] for t in doc.tables for r in t.rows if r.cells[1].text == NAME)
    texts = [p.text for p in doc.paragraphs]
    return (row, next(t for t in texts if t.startswith("一票否决事项与前提条件共")),
            next(t for t in texts if t.startswith("按照教督〔2017〕6号")))


def _html(ev, data) -> tuple[list[str], str]:
    """(the recognition's row, the section's count) of report.html."""
    page = report_html(ev, data=data, report_date=date(2026, 3, 1))
    section = page[page.index('id="conditions"'):page.index('id="guarantee"')]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", section)]
    return next(r for r in rows if r and r[1] == NAME), re.search(r"<p>(共 .*?)</p>", section).group(1)


@pytest.mark.parametrize("overlay", ["HIGH", "HENAN"])
def test_the_docx_and_the_html_report_say_the_same(overlay, tmp_path):
    data = replace(example_county(), overlay={"HIGH": HIGH, "HENAN": HENAN}[overlay])
    ev = evaluate(data)
    remark = REMARK if overlay == "HIGH" else UNPROVEN
    status, counts = HELD, "共 5 项：达标 4 项，待核实 1 项。"
    row, sentence, conclusion = _docx(ev, data, tmp_path)
    assert row == ["5", NAME, "9 年", "≥3 年", status, remark + EVIDENCE]  # rv10: 标准 was 「—」
    assert sentence.startswith(f"一票否决事项与前提条件{counts}")
    assert conclusion.endswith(f"待核实（尚需佐证材料或补充数据）的事项 {PENDING[overlay]} 项。")
    html_row, html_counts = _html(ev, data)
    assert html_row == ["5", NAME, "9 年", "≥3 年", status, remark + EVIDENCE]
    assert html_counts == counts
    # the verdict all outputs count from, held by the engine: 未达标 either way (5 failing
    # indicators), one more pending
    assert (ev.verdict.label, len(ev.verdict.pending)) == ("未达标", PENDING[overlay])
    assert hold_recognition(ev, ev.basic_standard) is ev  # held once, however often it is read


def test_the_held_sentence_of_the_docx(tmp_path):
    data = replace(example_county(), overlay=HIGH)
    _, sentence, _ = _docx(evaluate(data), data, tmp_path)
    assert sentence == ("一票否决事项与前提条件共 5 项：达标 4 项，待核实 1 项。前提条件“通过国家义务教育发展基本均衡县认定 3 年以上”"
                        "待核实：认定年限已满，按 2025 学年数据 4 个评估单位（3 所学校，一贯制学校分学段）未达到省定办学基本标准"
                        "（见“存在的问题”），整改后复核（见“整改措施”），复核达到前待核实。")
