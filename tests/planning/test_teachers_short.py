"""Review rv19 3: the 整改措施's 「调配后县级以上骨干教师仍少于标准所需的 N 个」 listed only the
schools a teacher move touches (表 5), while 表 4 named schools short of 骨干 that no move
touches. ``plan.json``'s ``teachers_short`` lists every public school and stage short after the
moves, from the re-check after the plan, and the sentence reads it."""

from datetime import date

from docx import Document

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.report.teacher_figures_table import short_words, write_teacher_figures
from junheng.report.word_document import WordReport

A, D, E = school_id("A"), school_id("D"), school_id("E")


def _plan(tmp_path, *schools):
    data = county(*schools)
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    return plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30,
                           plan_date=date(2026, 6, 1))


def _paragraphs(tmp_path, doc) -> list[str]:
    r = WordReport()
    write_teacher_figures(r, doc)
    path = tmp_path / "t.docx"
    r.doc.save(str(path))
    return [p.text for p in Document(str(path)).paragraphs]


def test_a_school_no_move_touches_is_listed_beside_the_tables(tmp_path):
    """The rotation county (test_compliance_teacher_figures: 城区 A rotates 2 骨干 to D, D hires 2)
    and E, 1,000 pupils with ⌈0.9 × 10⌉ = 9 骨干 against ⌈1 × 1,000 / 100⌉ = 10: 90 % of the
    standard, above the 85 % floor, so the plan adds nothing there and no move touches it. Before,
    the sentence named D alone."""
    doc = compliance_dict(_plan(tmp_path, primary_school("A", 500, code="111", backbone=2.0),
                                primary_school("D", 1000, backbone=0.5),
                                primary_school("E", 1000, backbone=0.9)))
    assert [x["school_id"] for x in doc["teacher_figures"]] == [A, D]
    short = doc["teachers_short"]
    # D: 5 + 2 rotated = 7 after the moves of 10, 2 引进 → 9, 0.9 per 100 (90 %); E: 9 of 10, none added
    engine = {"kind": "backbone", "stage": "primary", "school_passes": True, "school_floor": 0.85, "trained": 0}
    assert short == {"rows": [
        {"school_id": D, "name": "D小学", **engine, "need": 10, "after": 7, "short": 3, "hired": 2,
         "planned": 9, "ratio": 0.9, "in_table": True},
        {"school_id": E, "name": "E小学", **engine, "need": 10, "after": 9, "short": 1, "hired": 0,
         "planned": 9, "ratio": 0.9, "in_table": False}], "apart": [
        # 表 4's 体育艺术 rows: D and E each hold ⌈0.9 × 10⌉ = 9 for 1,000 pupils, ⌊900 / 0.9⌋ = 1,000:
        # the 1,001st takes them below (margin 1): met by the moves alone, so not in the list
        {"school_id": D, "name": "D小学", "stage": "primary", "kind": "pe_art", "margin": 1},
        {"school_id": E, "name": "E小学", "stage": "primary", "kind": "pe_art", "margin": 1}]}
    said = _paragraphs(tmp_path, doc)[0]
    assert said.endswith(
        "调配后县级以上骨干教师仍少于标准所需的有 2 所学校（表中 1 所，另 1 所调配未涉及）："
        "D小学（小学）少 3 名，本方案引进 2 名，实施后达到标准的 90%，在“其余指标不低于 85%”的范围内，该校达标；"
        "E小学（小学）少 1 名，本方案未安排引进或培养认定，达到标准的 90%，在“其余指标不低于 85%”的范围内，该校达标。")


def test_without_any_move_the_short_schools_are_said_alone(tmp_path):
    """E alone: no move, no 表 5; the sentence stands by itself, naming no table."""
    doc = compliance_dict(_plan(tmp_path, primary_school("E", 1000, backbone=0.9)))
    assert doc["teacher_figures"] == []
    assert _paragraphs(tmp_path, doc) == [
        "调配后县级以上骨干教师仍少于标准所需的有 1 所学校：E小学（小学）少 1 名，本方案未安排引进或培养认定，"
        "达到标准的 90%，在“其余指标不低于 85%”的范围内，该校达标。"]


def test_a_plan_stored_before_the_list_says_table_5s_rows_as_it_did():
    row = {"school_id": D, "name": "D小学", "stage": "primary", "backbone_after": 7, "backbone_need": 10,
           "backbone_hired": 2, "backbone_trained": 0, "backbone_ratio": 0.9, "school_passes": True,
           "school_floor": 0.85, "pe_art_after": 9, "pe_art_need": 9}
    assert short_words({"teacher_figures": [row]}) == (
        "调配后县级以上骨干教师仍少于标准所需的有 1 所学校：D小学（小学）少 3 名，本方案引进 2 名，实施后达到标准的 90%，"
        "在“其余指标不低于 85%”的范围内，该校达标。")


def test_a_margin_row_whose_school_is_not_listed_says_why():
    """表 4 names a unit for 骨干 that the moves alone bring to its need (its margin within the
    forecast's error): beside a list of that kind the sentence says so rather than leave it out
    silently; without a list of the kind 表 4 alone speaks of margins."""
    x = {"name": "D小学", "stage": "primary", "kind": "backbone", "short": 3, "hired": 2, "trained": 0,
         "ratio": 0.9, "school_passes": True, "school_floor": 0.85, "in_table": True}
    apart = [{"school_id": E, "name": "E小学", "stage": "primary", "kind": "backbone", "margin": 3}]
    assert short_words({"teachers_short": {"rows": [x], "apart": apart}}) == (
        "调配后县级以上骨干教师仍少于标准所需的有 1 所学校：D小学（小学）少 3 名，本方案引进 2 名，实施后达到标准的 90%，"
        "在“其余指标不低于 85%”的范围内，该校达标；表 4 另列的E小学（小学）调配后已达到标准所需，仅余量小于招生预测误差，"
        "不在此列。")
    assert short_words({"teachers_short": {"rows": [], "apart": apart}}) == ""
