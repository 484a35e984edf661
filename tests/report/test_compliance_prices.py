"""The 达标路径 documents' unit prices in 元 per square metre with the projects' fees named
(review rv 10, 11), and the 差异系数 cells of both workbooks with three decimals (rv 11)."""

from __future__ import annotations

import openpyxl
import xlsxwriter

from junheng.report.compliance_xlsx import _cv_sheet, _formats, price_basis, unit_price


def test_a_price_per_square_metre_reads_in_yuan():
    # rv 11: 「室外体育运动场地 0.09 万元/平方米」 for the layout's 900 元/平方米
    assert unit_price({"unit_cost": 0.09, "unit": "平方米"}) == "900 元/平方米"
    assert unit_price({"unit_cost": 0.42, "unit": "平方米"}) == "4,200 元/平方米"
    assert unit_price({"unit_cost": 2.0, "unit": "间"}) == "2 万元/间"
    assert unit_price({"unit_cost": 0.0025, "unit": "册"}) == "25 元/册"


def test_the_price_note_names_the_project_fees_its_items_leave_out():
    # rv 10: 体育场馆建设 1,435.91 万元 in 整改措施 （五）, the note 1,385.91 万元 for the field:
    # 1,435.91 − 1,385.91 = 50.00 万元 of fees, 5 projects × 10 万元
    doc = {"actions": [{"item": "field", "cost": 1385.91}, {"item": "sports", "cost": 50.0}],
           "costs": {"items": {"field": {"name": "室外体育运动场地（田径场、球场）", "unit": "平方米",
                                         "unit_cost": 0.09, "source": "参考价"}},
                     "projects": {"sports": {"name": "体育场馆建设项目前期与管理费用（每校每个项目）",
                                             "unit": "项", "unit_cost": 10.0, "source": "假设值"}}}}
    assert price_basis(doc, most=1) == (
        "主要单价及来源（按投资多少排列）：室外体育运动场地（田径场、球场） 900 元/平方米，本方案 1,385.91 万元，参考价；"
        "另体育场馆建设项目前期与管理费用（每校每个项目） 10 万元/项，本方案 50.00 万元。")
    # listed among the top items, it is not said twice
    assert price_basis(doc).count("本方案 50.00 万元") == 1


def test_the_compliance_cvs_read_with_three_decimals(tmp_path):
    stage = {"cv": {"higher_degree_teachers_per_100": 0.711714, "sports_area_per_student": 0.493534}, "limit": 0.5,
             "passing": 33, "units": 44}
    doc = {"before": {"stages": {"primary": stage}},
           "after": {"stages": {"primary": {**stage, "cv": {"higher_degree_teachers_per_100": 0.26501, "sports_area_per_student": 0.450485}}}}}
    path = tmp_path / "cv.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    _cv_sheet(wb, _formats(wb), doc)
    wb.close()
    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2, max_row=3))
    for row in rows:
        numbers = [c for c in row[2:] if isinstance(c.value, float)]
        assert numbers and {c.number_format for c in numbers} == {"0.000"}
    # rv13 15: stored as printed, half up to 3 decimals (0.711714 → 0.712, 0.26501 → 0.265)
    assert [c.value for c in rows[0][2:]] == [0.712, 0.265, 0.5]
