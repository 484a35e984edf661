"""图书配备 (planner review finding 3): the compliance plan buys books for every school below
the province's books per pupil in the target year, priced by costs.yaml, and says so in the
plan's workbook and document.

Henan's thresholds (examples/overlays/henan.yaml): 小学 20, 初中 30 册 a pupil. The test cost
file has no lead times, so a plan's one-off items are bought in 2026, its only year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.evaluate import evaluate
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_books import book_shortfalls
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import apply_actions, current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.report.compliance_docx import _project_para
from junheng.report.compliance_xlsx import project_rows
from junheng.standards import Overlay

A, B = school_id("A"), school_id("B")
HENAN = Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20, "junior": 30}}})
PRICE = 0.0025  # 万元 a book (25 元, costs.yaml books)


def _school(label: str, pupils: int, books: float, **kw) -> dict:
    records = primary_school(label, pupils)
    records["facilities"][0]["books"] = books
    for row in records["schools"]:
        row.update(kw)
    return records


def _plan(data, tmp_path):
    return plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path, items__books__lead_years=0)),
                           time_limit=30, plan_date=date(2026, 6, 1))


def test_a_school_below_the_standard_buys_the_books_it_lacks(tmp_path):
    # A: 300 pupils, 5,700 books; 20 × 300 − 5,700 = 300 books, 300 × 25 元 = 0.75 万元.
    # B: 300 pupils, 6,000 books = 20 × 300, at the standard: no item.
    data = replace(county(_school("A", 300, 5700.0), _school("B", 300, 6000.0)), overlay=HENAN)
    plan = _plan(data, tmp_path)
    books = plan.actions[plan.actions["item"] == "books"]
    assert books[["school_id", "quantity", "cost", "year", "project"]].to_dict("records") == [
        {"school_id": A, "quantity": 300.0, "cost": pytest.approx(0.75), "year": 2026,
         "project": "books"}]
    assert books["reason"].iloc[0] == ("2025 学年小学在校生 300 人，图书 5,700 册（生均 19 册），省定标准 20 册，"
                                       "缺 300 册")
    assert plan.objective == pytest.approx(0.75)  # every 2017 indicator is met exactly
    assert plan.totals_by_year() == {2026: 0.75}
    # the county after the plan meets the province's books per pupil
    basic = evaluate(plan.after, "basic-2012", overlay=HENAN)
    assert not [f for f in basic.verdict.failures if "图书" in f.message]


def test_the_workbook_and_document_name_the_school_and_the_books(tmp_path):
    data = replace(county(_school("A", 300, 5700.0), _school("B", 300, 6000.0)), overlay=HENAN)
    doc = compliance_dict(_plan(data, tmp_path))
    rows = [r for r in project_rows(doc) if r["project"] == "books"]
    assert [(r["name"], r["content"], r["cost"], r["years"], r["responsible"]) for r in rows] == [
        ("A小学", "购置图书（补足省定办学基本标准生均图书册数） 300 册（2025 学年小学在校生 300 人，图书 5,700 册"
         "（生均 19 册），省定标准 20 册，缺 300 册）", 0.75, "2026", "县教育局（教育技术装备中心）、学校")]
    actions = [a for a in doc["actions"] if a["project"] == "books"]
    assert _project_para("books", actions, doc) == (
        "为 1 所生均图书册数低于省定办学基本标准的学校购置图书 300 册（A小学 300 册），使其各学段达到省定标准，"
        "投资 0.75 万元，2026 学年安排资金，当年实施，2026 学年投入使用。投资较多的学校：A小学（0.75 万元）。")


def test_no_item_without_a_shortfall_or_without_the_provincial_standard(tmp_path):
    at_standard = replace(county(_school("A", 300, 6000.0)), overlay=HENAN)
    assert book_shortfalls(at_standard).empty
    assert "books" not in set(_plan(at_standard, tmp_path).actions.get("item", []))
    # no overlay: the national method sets no books per pupil, so nothing is bought
    assert book_shortfalls(county(_school("A", 300, 10.0))).empty
    # unknown books are the engine's 待核实, not 6,000 books to buy
    assert book_shortfalls(replace(county(_school("A", 300, float("nan"))),
                                   overlay=HENAN)).empty


def test_a_private_school_is_left_to_its_owner(tmp_path):
    # B is 民办 with 5,700 books: its 300 books are the 举办者's, not in the plan's money
    data = replace(county(_school("A", 300, 6000.0),
                          _school("B", 300, 5700.0, ownership="private")), overlay=HENAN)
    plan = _plan(data, tmp_path)
    assert "books" not in set(plan.actions.get("item", []))
    theirs = plan.problem.private_forced
    assert theirs[["school_id", "item", "quantity"]].to_dict("records") == [
        {"school_id": B, "item": "books", "quantity": 300.0}]


def test_the_demo_countys_three_schools_by_hand(second):
    # The 2025 demo county (seed 2025) with Henan's thresholds, the data year's pupils:
    # 石店镇魏西坪村小学: 182 pupils, 3,587 books: 20 × 182 − 3,587 = 53.
    # 竹关镇九年制学校 (九年一贯制, 968 primary + 654 junior pupils, 41,755 books, its teaching
    # points' pupils and books in its primary unit): the junior unit gets 1.1 × 654 / (968 +
    # 1.1 × 654) = 719.4 / 1,687.4 of the school's books, 17,801.67, against 30 × 654 =
    # 19,620; the school must reach 30 × 1,687.4 / 1.1 = 46,020 books: 46,020 − 41,755 = 4,265.
    # 桃桥镇九年制学校 (937 + 699, 36,070 books): 30 × (937 + 1.1 × 699) / 1.1 =
    # 46,524.55 → 46,525 − 36,070 = 10,455.
    data = replace(second, overlay=HENAN)
    names = data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    found = book_shortfalls(data)
    assert {names[s]: q for s, q in zip(found["school_id"], found["quantity"], strict=True)} == {
        "石店镇魏西坪村小学": 53.0, "竹关镇九年制学校": 4265.0, "桃桥镇九年制学校": 10455.0}
    after = apply_actions(data, found)
    basic = evaluate(after, "basic-2012", overlay=HENAN)
    assert not [f for f in basic.verdict.failures if "图书" in f.message]


def test_a_school_short_today_buys_even_when_the_target_year_is_not():
    # today A has 300 pupils and 5,700 books (short 300); in the target year 250 pupils need
    # 20 × 250 = 5,000 ≤ 5,700: today's 300 books are bought, with today's reason.
    # C (short today: 300 pupils, 10 books) is gone in the target year (closed): none for it.
    from junheng.planning.compliance_books import book_shortfalls, with_books
    from junheng.planning.compliance_data import empty_actions

    today = replace(county(_school("A", 300, 5700.0), _school("C", 300, 10.0)), overlay=HENAN)
    target = replace(county(_school("A", 250, 5700.0)), overlay=HENAN)
    now = book_shortfalls(today, years=True)  # once, for every target year tried
    forced, theirs, books = with_books(empty_actions(), empty_actions(), target, (), now)
    assert with_books(empty_actions(), empty_actions(), target, (), today)[0].equals(forced)
    assert forced[["school_id", "item", "quantity"]].to_dict("records") == [
        {"school_id": A, "item": "books", "quantity": 300.0}]
    assert theirs.empty
    assert books["reason"].tolist() == [
        "2025 学年小学在校生 300 人，图书 5,700 册（生均 19 册），省定标准 20 册，缺 300 册"]


def test_a_school_short_only_after_the_layout_says_so():
    # review2 item 7: A meets the standard today (300 pupils, 6,000 books = 20 × 300); after
    # the layout's 分流 it has 330 pupils: 20 × 330 − 6,000 = 600 books short. Its reason says
    # it meets the standard today, and the 整改措施 counts the schools short today apart.
    from junheng.planning.compliance_books import with_books
    from junheng.planning.compliance_data import empty_actions
    from junheng.report.compliance_docx import _books

    today = replace(county(_school("A", 300, 6000.0)), overlay=HENAN)
    target = replace(county(_school("A", 330, 6000.0)), overlay=HENAN)
    _, _, books = with_books(empty_actions(), empty_actions(), target, (), today, None, True)
    assert books["reason"].tolist() == [
        "2025 学年小学在校生 330 人，图书 6,000 册（生均 18.18 册），省定标准 20 册，缺 600 册；"
        "现状达到省定标准，因布局调整分流在校生增加后低于标准"]
    action = {"school_id": A, "name": "A小学", "item": "books", "quantity": 600.0,
              "reason": books["reason"].iloc[0]}
    assert _books([action]) == (
        "为 1 所生均图书册数低于省定办学基本标准的学校购置图书 600 册（A小学 600 册），使其各学段达到省定"
        "标准（现状低于省定标准的为其中 0 所；A小学现状达到省定标准，因布局调整分流在校生增加后低于标准）")
