"""Brief va 2: a field planned to 85 % × 1.02 of the standard (``land.floor_margin``) uses up
the school's one indicator allowed below standard (优质均衡: 每所学校至多一项指标低于要求，且不低于
85%); the 达标路径 says so where the field is listed, and a school that already has another
indicator below standard gets its field to 100 %.

A and B: 1,000 pupils each in the main city (code 111), 2 m² of sports area a pupil (2,000 m²,
the standard 7.5 asks 7,500 m²) and 20,000 m² of free ground. B has 4.0 m² of teaching area a
pupil (88.9 % of 4.5: below standard, above 85 %).

* A: the floor 0.85 × 7,500 = 6,375 m² with the 2 % margin 6,502.5 m²: a field of 4,502.5,
  in whole m² 4,503 (405.27 万元); after the plan 6,503 / 1,000 = 6.50 m² a pupil, its only
  indicator below standard.
* B: teaching area to the standard is 500 m² × 0.35 = 175 万元, the field from the floor to
  the standard 997.5 m² × 0.09 ≈ 89.78 万元: the teaching area stays below standard and the
  field goes to the standard, 7,500 − 2,000 = 5,500 m² (495.00 万元), with no floor note.
"""

from __future__ import annotations

from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_sports_path import sports_reasons
from junheng.report.compliance_xlsx import project_rows

A, B = school_id("A"), school_id("B")
NOTE = ("小学生均体育运动场馆面积按标准的 85% 规划（加 2% 余量，目标 6.5 平方米，规划后 6.5 平方米，标准 7.5 "
        "平方米），是该校唯一一项低于标准的指标（优质均衡要求每所学校至多一项指标低于要求、且不低于标准的 85%），"
        "其余 6 项须全部达到标准，任何一项降到标准以下即不能通过复核")


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("floor")
    a = primary_school("A", 1000, code="111", sports_area=2.0)
    a["facilities"][0].update(site_area=20_000.0 + 4_500.0 + 2_000.0, building_area=4_500.0)
    b = primary_school("B", 1000, code="111", sports_area=2.0, teaching_area=4.0)
    b["facilities"][0].update(site_area=20_000.0 + 4_000.0 + 2_000.0, building_area=4_000.0)
    data = county(a, b)
    plan = plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp)), time_limit=30,
                           plan_date=date(2026, 6, 1))
    return plan, compliance_dict(plan)


def test_a_field_at_the_floor_is_the_schools_one_indicator_below_standard_and_says_so(solved):
    plan, doc = solved
    assert [(a["school_id"], a["item"], a["quantity"], a["cost"]) for a in doc["actions"]
            if a["school_id"] == A] == [(A, "field", 4503.0, 405.27)]
    assert [(r["school_id"], r["after"], r["floor"], r["target"]) for r in doc["sports_floor"]] == [
        (A, 6.5, 6.38, 6.5)]
    listed = {r["school_id"]: r["content"] for r in project_rows(doc)}
    assert listed[A] == "新建室外体育运动场地 4,503 平方米（建在校内空地上，需现场核实用地）；" + NOTE
    assert sports_reasons(doc) == (
        "体育运动场馆按标准的 85% 规划、用去学校唯一一项可低于标准的指标的学校：A小学的" + NOTE
        + "。已有其他指标低于标准的学校，体育运动场馆按标准的 100% 规划")


def test_a_school_with_another_indicator_below_standard_gets_its_field_to_the_standard(solved):
    plan, doc = solved
    assert [(a["item"], a["quantity"], a["cost"]) for a in doc["actions"]
            if a["school_id"] == B] == [("field", 5500.0, 495.0)]
    listed = {r["school_id"]: r["content"] for r in project_rows(doc)}
    assert listed[B] == "新建室外体育运动场地 5,500 平方米（建在校内空地上，需现场核实用地）"
    assert B not in {r["school_id"] for r in doc["sports_floor"]}
    # its teaching area stays at 4.0 m² a pupil, the one indicator below standard it has, and
    # both schools pass (the evaluation engine's word)
    after = plan.evaluation.assessment
    below = after[~after["met"].astype(bool)]
    assert sorted(zip(below["school_id"], below["indicator"], below["value"].round(3), strict=True)) == [
        (A, "sports_area_per_student", 6.503), (B, "teaching_area_per_student", 4.0)]
    assert doc["unresolved"] == [] and plan.confirmed
