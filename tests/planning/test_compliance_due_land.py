"""Review rv15 2 on a hand-made county: a 差异系数 met only with land beside a school is a
decision of the 局务会 that needs 论证 and is 待核实, its land's m² and 万元 apart from the plan's
total and no 完成学年 in 表 1, the text or the workbook (the land is the 自然资源 department's to
grant; the demo's fills were 8.9 ha, about 1.4 亿元, beside 「2030 学年」).

A and B are urban primary schools (code 111: no ground of their own for a field) of 1,000 pupils,
A at the 7.5 m² threshold of sports area a pupil, B at 30: CV (30 − 7.5) / (30 + 7.5) = 0.6 over
0.50. Neither lacks sports area, so the plan builds none (test_compliance: 「no school needs a
gym for」) and the CV is left over its limit. The fill raises A to h with (30 − h) / (30 + h) =
0.5, h = 10: (10 − 7.5) × 1,000 = 2,500 m², none on A's own ground (no data), all on land:
2,500 × (600 + 900) 元 = 375.00 万元.
"""

from __future__ import annotations

from datetime import date

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_due import decided_due, status_line
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_measures import plan_measures
from junheng.planning.cv_fill import fill_text
from junheng.report.compliance_measures_docx import table_rows

CV_ROW = "小学生均体育运动场馆面积差异系数"


def _doc(tmp_path):
    data = county(primary_school("A", 1000, sports_area=7.5, code="111"),
                  primary_school("B", 1000, sports_area=30.0, code="111"))
    plan = plan_compliance(data, current_students(data), 2026, costs=load_costs(cost_file(tmp_path)),
                           time_limit=30, plan_date=date(2026, 6, 1))
    return {**compliance_dict(plan), "measures": plan_measures(plan, data)}


def test_a_cv_met_only_with_land_has_no_year_and_its_land_apart(tmp_path):
    doc = _doc(tmp_path)
    (fill,) = doc["cv_fill"]
    assert (fill["cv"], fill["limit"]) == (0.6, 0.5)
    assert fill["fill"] == {"level": 10.0, "area": 2500, "ground": 0, "land": 2500, "cost": 375.0, "schools": [
        {"school_id": school_id("A"), "name": "A小学", "area": 2500, "ground": 0, "land": 2500, "cost": 375.0}]}
    rows = {r[0]: r for r in table_rows(doc["measures"]["rows"], doc)}
    assert rows[CV_ROW][6] == (
        "—（须局务会决定，需论证，待核实：另增体育运动场馆面积 2,500 平方米，须征用相邻用地 2,500 平方米，约 375.00 万元，"
        "未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）")
    assert "2026 学年" not in rows[CV_ROW][6]
    # the plan's total holds none of it: it builds nothing here
    assert doc["objective"] == 0.0
    # the text and the workbook's 方案说明 row (fill_text) say the same rule
    assert fill_text(doc["cv_fill"]).endswith(
        "按本方案单价约 375.00 万元。以上本方案均未安排，未计入本方案总投资，须由局务会决定；须征用的相邻用地需论证、待核实，"
        "须经自然资源部门确认用地，确认前不列完成学年（见“评估未达标和待核实指标的整改措施”表）")
    assert status_line(doc).endswith("须征用相邻用地的事项在自然资源部门确认用地前、本方案无计价措施的事项均不列完成学年，并写明原因。")


def test_a_fill_on_the_schools_own_ground_keeps_its_year_as_a_decision():
    # the same fill with A's 2,500 m² on its own spare ground: 2,500 × 900 元 = 225.00 万元,
    # no land to grant, so the bureau's decision dates it (the target year, no 达标路径 route)
    own = {"level": 10.0, "area": 2500, "ground": 2500, "land": 0, "cost": 225.0, "schools": []}
    doc = {"target_year": 2026, "cv_fill": [{"stage": "primary", "name": "生均体育运动场馆面积", "fill": own}]}
    assert decided_due({"item": CV_ROW, "year": 2026, "after": "仍未达标"}, doc) == (
        "2026 学年（须局务会决定：另增体育运动场馆面积 2,500 平方米，均在校内空地，约 225.00 万元，未计入本方案总投资）")
    # part on its ground, part on land: no year, both m² said
    part = {**own, "ground": 1000, "land": 1500, "cost": 315.0}  # 1,000 × 900 + 1,500 × 1,500 元
    assert decided_due({"item": CV_ROW, "year": 2026, "after": "仍未达标"},
                       {**doc, "cv_fill": [{**doc["cv_fill"][0], "fill": part}]}) == (
        "—（须局务会决定，需论证，待核实：另增体育运动场馆面积 2,500 平方米，其中校内空地 1,000 平方米，"
        "须征用相邻用地 1,500 平方米，约 315.00 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）")
