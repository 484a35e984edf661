"""Money in the ledger workbook to the 分 (review rv22 finding 6): 中牟's 台账 H30 held
6590.666666666667 元 with the format ``#,##0.00##``, so Excel showed 「6,590.6667」 元 where
the web ledger shows 6,590.67 元."""

from __future__ import annotations

import openpyxl
import pytest

from junheng.ledger import plan_from_dict, run_ledger
from junheng.model import CountyData
from junheng.report.ledger_xlsx import write_ledger_xlsx


def figure_target(tid: str, figure: str, target: float) -> dict:
    return {"id": tid, "name": tid, "quote": "……", "measure": {"name": "county_figure",
            "params": {"figure": figure}}, "comparator": ">=", "target": target,
            "deadline": 2026, "responsible": "县财政局"}


def test_yuan_and_wan_yuan_cells_show_two_decimals(tmp_path):
    # 生均公用经费（小学） 19,772 元 ÷ 3 = 6,590.666… 元 (the figure of 中牟's row 26 in the demo,
    # its own check is in tests/demo); 一般公共预算教育支出 71,607.125 万元
    figures = [{"year": 2024, "figure": f, "value": v, "unit": u, "evidence": "决算"}
               for f, v, u in (("primary_public_funding_per_pupil", 19772 / 3, "元"),
                               ("public_education_spending", 71607.125, "万元"))]
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"}, "baseline_year": 2025,
                           "targets": [figure_target("funding", "primary_public_funding_per_pupil", 6000),
                                       figure_target("spending", "public_education_spending", 70000)]})
    data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
                                   county_figures=figures)
    ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    sheet = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))["台账"]
    # row 5 and 6 (header row 4); column G is the 2025 学年 value
    cells = [sheet["G5"], sheet["G6"]]
    assert [c.value for c in cells] == [pytest.approx(6590.666666666667), 71607.125]
    assert [c.number_format for c in cells] == ["#,##0.00", "#,##0.00"]
    money = [c for row in sheet.iter_rows(min_row=5) for c in row if isinstance(c.value, float)]
    assert {c.number_format for c in money} == {"#,##0.00"}


def test_a_rate_in_the_county_indicators_shows_as_a_percentage(tmp_path):
    """rv23 4: 中牟's row 29 「适龄残疾儿童少年义务教育入学率保持98%以上」 showed 「0.932」 beside
    「不低于 98%」: a number whose unit is 比例 takes the share format, 93.2 % in Excel."""
    target = {"id": "disabled", "name": "适龄残疾儿童少年义务教育入学率保持98%以上", "quote": "……",
              "measure": {"name": "disabled_enrolment_rate"}, "comparator": ">=", "target": 0.98,
              "deadline": 2026, "responsible": "县教育局"}
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"}, "baseline_year": 2025,
                           "targets": [target]})
    data = CountyData.from_records({"county_code": "410306", "school_year": 2025}, county_indicators=[
        {"indicator_code": "disabled_enrolment_rate", "indicator_name": "残疾儿童少年入学率", "value": 0.932,
         "evidence": "县残联统计"}])
    ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    sheet = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))["台账"]
    assert sheet["D5"].value == "不低于 98%"
    assert (sheet["G5"].value, sheet["G5"].number_format) == (pytest.approx(0.932), "0.0%")
