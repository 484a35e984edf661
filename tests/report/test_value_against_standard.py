"""A value printed against its standard reads as short when it is short (review finding 5:
"0.90 / 0.9" listed as 未达到 in the 自评报告 表18 and 表19)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

from junheng.evaluate import evaluate
from junheng.report.evaluation_rows import failing_schools
from junheng.report.html_report import write_html_report
from junheng.report.self_report import write_county_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "planning"))
from compliance_builders import county, primary_school  # noqa: E402

PE_ART = "每百名学生拥有体育、艺术（美术、音乐）专任教师数"


def _county():
    # A: 890 pupils, 8 体育 teachers (pe_art 0.89 → ⌈7.92⌉ = 8): 8 / 890 × 100 = 0.8989 per
    # hundred, which two decimals print as the standard 0.9 (three: 0.899); teaching area
    # 3.6 m² (80 % of 4.5, under the 85 % floor), so A fails the school rule, both listed.
    return county(primary_school("A", 890, pe_art=0.89, teaching_area=3.6))


def test_the_failing_schools_table_prints_a_short_value_with_three_decimals():
    (school,) = failing_schools(evaluate(_county()), "primary")
    assert [(x.name, x.value, x.standard) for x in school.shortfalls] == [
        (PE_ART, "0.899", "0.9"), ("生均教学及辅助用房面积", "3.60", "4.5")]


def test_the_self_report_and_html_unit_tables_print_0_899(tmp_path):
    data = _county()
    ev = evaluate(data)
    path = write_county_report(ev, tmp_path / "自评报告.docx", data=data)
    cells = [c.text for t in Document(str(path)).tables for row in t.rows for c in row.cells]
    assert f"{PE_ART} 0.899 / 0.9\n生均教学及辅助用房面积 3.60 / 4.5" in cells  # 表 未达标的小学评估单位
    assert "0.899" in cells and "0.90" not in cells  # 表 各校（评估单位）资源配置指标
    page = write_html_report(ev, tmp_path / "report.html", data=data).read_text(encoding="utf-8")
    assert "<td>0.899</td>" in page.replace(' class="bad"', "") and "0.90<" not in page
