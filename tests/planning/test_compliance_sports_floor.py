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
from junheng.report.compliance_floor import floor_risk, floor_table_rows, floor_title, margin_pupils
from junheng.report.compliance_xlsx import project_rows

A, B = school_id("A"), school_id("B")
# rv15 6: 6,503 m² / 1,000 / 7.5 = 86.7 % said with the rule that counts it 达标
NOTE = ("小学生均体育运动场馆面积按标准的 85% 规划（加 2% 余量，目标 6.5 平方米，规划后 6.5 平方米，标准 7.5 "
        "平方米），为标准的 86.7%，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标：是该校唯一一项"
        "低于标准的指标，其余 6 项须全部达到标准，任何一项降到标准以下即不能通过复核")


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
    # rv5 15: no clause per school in the 整改's text but one table and one sentence on the
    # risk: A's 6,503 m² hold 6,503 / (0.85 × 7.5) = 1,020.08 → 1,020 pupils at the floor, so
    # the 1,021st (21 more than its 1,000) takes it below 85 %; 6,503 / 1,000 / 7.5 = 86.7 %
    assert sports_reasons(doc) == ""
    assert [(r["pupils"], r["area"], r["ratio"]) for r in doc["sports_floor"]] == [(1000, 6503.0, 0.85)]
    assert floor_title(doc["sports_floor"]) == "体育运动场馆按标准的 85% 加 2% 余量规划的学校"
    assert floor_table_rows(doc["sports_floor"]) == [["A小学", "小学", "6.5", "7.5", "86.7%", "1,000", "21"]]
    assert floor_risk(doc["sports_floor"], 0.8) == (
        "表中学校的规划年学生按招生预测（预测区间约 80%，约 20% 的实际学生数落在区间以外）；某校学生比预测多出表中"
        "余量，该校生均体育运动场馆面积即低于标准的 85%，学校达标复核不能通过：这是该校唯一一项可低于标准的指标"
        "（优质均衡要求每所学校至多一项指标低于要求、且不低于标准的 85%），其余 6 项须全部达到标准。已有其他指标"
        "低于标准的学校，体育运动场馆按标准的 100% 规划。")


def test_the_margin_in_pupils_is_the_first_pupil_below_the_floor(solved):
    # 21 more pupils at A (the margin of the table) and its area per pupil falls below 85 %
    # of 7.5: 6,503 / 1,021 = 6.369 < 6.375; with 20 more, 6,503 / 1,020 = 6.3755, still above
    plan, doc = solved
    row = doc["sports_floor"][0]
    assert margin_pupils(row) == 21
    for more, passes in ((20, True), (21, False)):
        value = row["area"] / (row["pupils"] + more)
        assert (value >= row["ratio"] * row["standard"]) is passes


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


def test_the_rectification_chapter_says_the_floor_schools_in_one_table_and_one_risk_sentence(
        solved, tmp_path):
    # the 整改措施 docx: after the sports project, the table of A (as worked above) and the
    # sentence once; no school's clause repeated in a paragraph (review rv5 15)
    from docx import Document

    from junheng.report.compliance_docx import add_compliance_chapter
    from junheng.report.word_document import WordReport

    _plan, doc = solved
    r = WordReport()
    add_compliance_chapter(r, {**doc, "layout_forecast": True})
    r.doc.save(str(tmp_path / "a.docx"))
    word = Document(str(tmp_path / "a.docx"))
    paras = [p.text for p in word.paragraphs]
    title = next(k for k, p in enumerate(paras) if p.endswith("体育运动场馆按标准的 85% 加 2% 余量规划的学校"))
    table = next(t for t in word.tables if t.rows[0].cells[-1].text.startswith("余量"))
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["学校", "学段", "规划后生均面积（平方米）", "标准（平方米）", "占标准", "规划年学生（人）",
         "余量（学生比预测多出此数即低于 85%，人）"],
        ["A小学", "小学", "6.5", "7.5", "86.7%", "1,000", "21"]]
    # rv15 6: under the table, why 86.7 % of the standard is 达标
    assert paras[title + 1] == (
        "注：表中学校的生均体育运动场馆面积为标准的 86.7%（“占标准”列），低于标准，按“每所学校至少 6 项达到要求、其余"
        "不低于要求的 85%”计为达标（教督〔2017〕6号第五条）：这一项是该校唯一低于标准的指标，其余 6 项均达到标准。")
    assert paras[title + 2] == floor_risk(doc["sports_floor"], 0.8)
    assert sum("唯一一项" in p for p in paras) == 1


def test_a_school_the_plan_adds_nothing_to_is_listed_when_within_the_margin(tmp_path):
    """Review rv11 8: 第四小学's sports area was built to 85 % × 1.02 by the layout, so the 整改
    added none and its 风险 sentence left it out. C has 6,503 m² for 1,000 pupils (as A after its
    field: 6,503 / 6.375 = 1,020.08, 21 more fall below; ⌈0.02 × 1,000⌉ + 1 = 21): listed. D has
    6,700 m² (6,700 / 6.375 = 1,050.98, 51 more): not listed. Neither gets an action."""
    c = primary_school("C", 1000, code="111", sports_area=6.503)
    c["facilities"][0].update(site_area=20_000.0 + 4_500.0 + 6_503.0, building_area=4_500.0)
    d = primary_school("D", 1000, code="111", sports_area=6.7)
    d["facilities"][0].update(site_area=20_000.0 + 4_500.0 + 6_700.0, building_area=4_500.0)
    data = county(c, d)
    plan = plan_compliance(data, current_students(data), 2026, costs=load_costs(cost_file(tmp_path)),
                           time_limit=30, plan_date=date(2026, 6, 1))
    doc = compliance_dict(plan)
    assert not [a for a in doc["actions"] if a["item"] in ("field", "gym")]
    assert [(r["school_id"], r["pupils"], r["area"]) for r in doc["sports_floor"]] == [
        (school_id("C"), 1000, 6503.0)]
    assert margin_pupils(doc["sports_floor"][0]) == 21
    assert floor_table_rows(doc["sports_floor"]) == [["C小学", "小学", "6.5", "7.5", "86.7%", "1,000", "21"]]


def test_86_7_percent_of_the_sports_standard_passes_only_with_the_other_six_met():
    """Review rv15 6, the rule itself (教督〔2017〕6号第五条: at least 6 of the 7 resource indicators
    at their values, the rest not below 85 %), by the evaluation engine on hand-made schools of
    1,000 pupils: E at 6.503 m² of sports area a pupil (6.503 / 7.5 = 86.7 % ≥ 85 %) and every other
    indicator at its value passes; F at the same 86.7 % with its teaching area at 4.0 m² (4.0 / 4.5
    = 88.9 %) has 5 met and fails; G at 6.3 m² (84.0 %) with the other 6 met fails too."""
    from junheng.evaluate import evaluate

    data = county(primary_school("E", 1000, sports_area=6.503),
                  primary_school("F", 1000, sports_area=6.503, teaching_area=4.0),
                  primary_school("G", 1000, sports_area=6.3))
    failing = {f.unit_id for f in evaluate(data).verdict.failures if f.id == "school_rule"}
    units = evaluate(data).assessment.drop_duplicates("unit_id").set_index("school_id")["unit_id"]
    assert {s for s, u in units.items() if u in failing} == {school_id("F"), school_id("G")}
