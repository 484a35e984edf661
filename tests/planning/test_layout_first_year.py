"""The first school year a plan can act in (planning.layout_phases) and its money by school
year (planning.layout_spending, report.layout_years, planning.plans_combined), worked by hand.

Review 2026-12-04: phase 1 was "2026 学年", a school year begun three months before the
report; recurring savings and costs were booked only from the target year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, TP, line_county
from test_layout import checked, config, school_row
from test_layout_years import ROOM, outcome
from test_layout_years import config as years_config
from test_layout_years import county as years_county

from junheng.planning import plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_phases import (
    closure_phases,
    first_phase,
    first_school_year,
    schedule_builds,
)
from junheng.planning.layout_spending import REST, running_steps, site_steps, yearly_money
from junheng.planning.layout_years import site_years
from junheng.planning.plans_combined import combined_lines, combined_summary, combined_years
from junheng.report.layout_years import money_rows, money_text

DECEMBER = date(2026, 12, 4)  # the report's day: the 2026 学年 began on 2026-09-01


def test_the_first_school_year_is_the_next_one_not_yet_begun():
    assert first_school_year(DECEMBER) == 2027
    assert first_school_year(date(2026, 9, 1)) == 2027   # begins that day: under way
    assert first_school_year(date(2026, 8, 31)) == 2026  # begins the next day
    # phase t is data year 2025 + t: 2027 is phase 2; never before phase 1
    assert first_phase(2025, DECEMBER) == 2
    assert first_phase(2025, date(2024, 3, 1)) == 1


def test_the_budget_counts_from_the_first_phase():
    # 1.0 a year from phase 2: A (1.5, first by priority) needs phases 2–3 → 3; B (0.5) fits
    # phase 2 (0.5 ≤ 1.0, then 2.0 ≤ 2 × 1.0 in phase 3). Counted from phase 1 instead, A
    # fits phase 2 (1.5 ≤ 2 × 1.0) and B phase 1
    assert schedule_builds({"A": 1.5, "B": 0.5}, {"A": 1}, annual_budget=1.0, phases=3,
                           first=2) == {"A": 3, "B": 2}
    assert schedule_builds({"A": 1.5, "B": 0.5}, {"A": 1}, annual_budget=1.0,
                           phases=3) == {"A": 2, "B": 1}
    assert closure_phases({"X": {"A"}, "Y": {"Z"}}, {"A": 3}, first=2) == {"X": 4, "Y": 2}


def test_a_plan_made_in_december_builds_and_closes_from_the_next_school_year():
    """line_county, C1 of 2 rooms (test_layout): C1 adds 4 rooms (rule (27): its target year's
    classes grade by grade; 3 by seats), all built; classes formed grade by grade need 4, 4, 4, 1
    rooms in 2025–2028 (test_layout_years; by seats it was 3, 2, 2, 1, and 2 of 3 rooms were
    built); made on 2026-12-04 the build is in 2027 (phase 2), TP closes after it in 2028 (phase
    3), 2025—2026 are met by 临时周转 (2027's fourth room too before rule (27)). Until TP closes village 3's grades 1–3 stay there (review rv10 2: the rows count the
    pupils at C1 that year), 12, 8 and 4 in 2025–2027: 192, 162 and 132 at C1."""
    plan = plan_layout(line_county(far_village=False, c1_rooms=2), config(plan_date=DECEMBER))
    assert (school_row(plan, C1)["phase"], school_row(plan, TP)["phase"]) == (2, 3)
    assert plan.outcome.transition == (
        YearRooms(2025, C1, "primary", 192, 4, 0, 4, 0),
        YearRooms(2026, C1, "primary", 162, 4, 0, 4, 0),
        YearRooms(2027, C1, "primary", 132, 4, 4, 0, 4),
        YearRooms(2028, C1, "primary", 102, 1, 4, 0, 0))
    assert plan.outcome.notes[0] == (
        "首个可实施学年：2027 学年（按编制日期 2026 年 12 月 4 日推算：2026 学年已于 2026 年 9 月 1 日开学，"
        "建设和撤并最早自下一学年起实施，年度预算自该学年起计）。"
        # rule (26): a 2027 closure's 论证报告 was due by 2026-09-30, so closures spread over
        # 2028—2029 (what is left of 2027—2029); TP also waits for C1's build (先建后撤)
        "撤并须先完成逐点论证报告，再听证、公示、报批（见“撤并程序”）：2027 学年撤并的论证报告期限（2026 年 9 月底）"
        "在编制日期 2026 年 12 月 4 日前已过，撤并最早自 2028 学年起实施。"
        "分期撤并：撤并在 2028 学年的 1 个学年实施：按现有在校生由少到多排入 2028—2029 学年，每学年约 1/2，规模最小的先撤并；"
        "等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。"
        "各学年撤并：2028 学年教学点 1 个。")
    assert check_years(line_county(far_village=False, c1_rooms=2), plan.outcome,
                       config(plan_date=DECEMBER)) == {2027: 4 * 800_000}  # rule (27)'s 4 rooms
    checked(plan)
    # money by year: 4 rooms built in 2027 (rule (27); 3 and the fourth borrowed that year, 20,000, before);
    # TP's 400,000 a year saved from 2028 (FLAT_COSTS; no boarder or pupil cost changes: the
    # same pupils, none boarding), to target 2025 + 5 recurring years − 1 = 2029 (brief hyears 2:
    # one horizon with the joint table; it was 2025 + 3 = 2028): 3,200,000 − 400,000
    assert [(r.year, r.once_yuan, r.running_yuan, r.cumulative_yuan, r.starts)
            for r in yearly_money(plan.outcome)] == [
        (2027, 3_200_000.0, 0.0, 3_200_000.0, "扩建 1 所"),
        (2028, 0.0, -400_000.0, 2_800_000.0, "撤并教学点 1 个"),  # TP: a point, 个 (finding 18)
        (2029, 0.0, -400_000.0, 2_400_000.0, "")]


def test_the_yearly_budget_counts_from_the_first_school_year():
    # 1,000,000 a year from 2027: C1's 2.4 million (its 3 rooms, all built: classes formed
    # grade by grade, the test above; by seats 2 rooms, 1.6 million, phase 3) and its rooms
    # borrowed meanwhile (100,000) need 2027–2029 (phase 4), TP closes in phase 5;
    # test_layout had phases 2 and 3 from 2026
    plan = plan_layout(line_county(far_village=False, c1_rooms=2),
                       config(annual_budget_yuan=1_000_000, phases=3, plan_date=DECEMBER))
    assert (school_row(plan, C1)["phase"], school_row(plan, TP)["phase"]) == (4, 5)
    checked(plan)


def test_both_checkers_refuse_an_action_in_a_school_year_already_begun():
    plan = plan_layout(line_county(far_village=False, c1_rooms=2), config(plan_date=DECEMBER))
    doc = layout_json(plan.outcome)
    next(s for s in doc["schools"] if s["school_id"] == TP)["phase"] = 1
    with pytest.raises(PlanViolation, match="学校TP01在 2026 学年实施，早于首个可实施学年 2027 学年。"):
        check_plan(plan.problem, doc)
    # test_layout_years' plan builds in phase 1 (2026)
    with pytest.raises(PlanViolation, match="甲初中在 2026 学年实施，该学年在编制日期 2026-12-04 已开学，"
                                            "应不早于 2027 学年。"):
        check_years(years_county(), outcome(), years_config(plan_date=DECEMBER))


def test_the_years_looked_at_start_with_the_first_school_year():
    # test_layout_years' county from 2027 (2026 begun): T 330, 300, 300, 270 → need 2, 1, 1, 1;
    # T's second room is needed in 2027 only: 临时周转; S's room (2027 only) too
    y = site_years(years_county(), [("V1", "grades_7_9", "S", 330), ("V2", "grades_7_9", "T", 330)],
                   {("S", "junior"): 1, ("T", "junior"): 2},
                   {("S", "junior"): 300, ("T", "junior"): 250},
                   {("S", "junior"): 50, ("T", "junior"): 50}, 2027, 1, 2027)
    assert y.pupils[("T", "junior")] == {2027: 330, 2028: 300, 2029: 300, 2030: 270}
    assert y.temporary == {("S", "junior"): 1, ("T", "junior"): 1}
    assert y.first == {"T": 2027}


def plan_with_money() -> LayoutOutcome:
    """Data year 2025, target 2029: a new school (5 million, 10 posts) and an expansion
    (1 million, 0.2 of it a temporary room) in 2027, two closures in 2028; 1.6 万 a site (the
    shipped price, brief hsite) and 10 万 a post a year; the whole change after less before
    +83.4 万 a year."""
    none = {"capacity": {"primary": 0, "junior": 0}, "students_after": {"primary": 0, "junior": 0}}
    return LayoutOutcome("optimal", (
        PlannedSchool("N", "新建初级中学", "new", phase=2, capital_yuan=5_000_000.0, teacher_posts=10,
                      **none),
        PlannedSchool("E", "东关小学", "expand", phase=2, capital_yuan=1_000_000.0,
                      temporary_classrooms=1, temporary_yuan=200_000.0, **none),
        PlannedSchool("P", "北坡教学点", "close", phase=3, **none),
        PlannedSchool("Q", "南岭教学点", "close", phase=3, **none)),
        {"before": {"operating_yuan": 2_000_000.0},
         "after": {"operating_yuan": 2_830_800.0, "hire_staff_yuan": 1_000_000.0}},
        year=2025, target_year=2029,
        weights={"operating_yuan_per_school": 19_200, "teacher_yuan_per_year": 100_000})


def test_running_changes_start_in_the_school_year_each_action_takes_effect():
    # 2027: the 10 hires 100 万 (where the posts are: the new school and the expansion, in use
    # 2027; second review 2026-12-04: booked with the last closure they came a year late);
    # 2028: the rest 83.08 − 1.92 + 3.84 − 100 = −15 万 (boarding, transport…); the sites at the
    # shipped 1.92 万 (a reference price, review rv 1; brief hguard) apart: +1.92 万 in 2027, −3.84 万 in 2028
    assert running_steps(plan_with_money()) == {2027: {"hire": 1_000_000.0}, 2028: {"rest": -150_000.0}}
    assert site_steps(plan_with_money()) == {2027: 19_200.0, 2028: -38_400.0}
    # one-off 500 + 100 − 20 = 580 万 in 2027; running (traced) 100 万 in 2027, 85 万 from
    # 2028; each cumulated on its own to the target year + 4 (2033: the 达标路径's 5 recurring
    # years from 2029, brief hyears 2; it was + 3), never added (review 2026-12-05 finding 1):
    # one-off 580 throughout, running 100, 185, 270, 355, 440, 525, 610 万
    assert money_rows(plan_with_money()) == [
        ["2027 学年", 580.0, 100.0, 580.0, 100.0, "扩建 1 所、新建 1 所"],
        ["2028 学年", 0.0, 85.0, 580.0, 185.0, "撤并 2 所"],
        ["2029 学年", 0.0, 85.0, 580.0, 270.0, ""],
        ["2030 学年", 0.0, 85.0, 580.0, 355.0, ""],
        ["2031 学年", 0.0, 85.0, 580.0, 440.0, ""],
        ["2032 学年", 0.0, 85.0, 580.0, 525.0, ""],
        ["2033 学年", 0.0, 85.0, 580.0, 610.0, ""]]
    assert money_text(plan_with_money()) == (
        "分年度财政支出（见“分年度财政支出”表）：一次性投入按各项建设投入使用的学年计，年度运行成本变化自撤并、"
        "新建学校生效的学年起计，不是只从规划年起计：2027 学年起新聘教师人员经费每年 100.00 万元；"
        "另按参考单价测算（单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”，不计入）：新建学校开办校点运行费用每年 1.92 万元；"
        f"2028 学年起{REST}每年 -15.00 万元；另按同一参考单价测算（不计入）："  # said once (rv29 3's room)
        "撤并 2 所校点运行费用每年 -3.84 万元；"
        "至 2033 学年一次性投入累计 580.00 万元、年度运行成本变化累计 610.00 万元（两者不相加）。")


def test_the_joint_table_books_the_layouts_running_change_from_its_first_year():
    # the compliance plan: 30 万 of building in 2026, 5 万 a year of teachers 2029–2030
    frame = pd.DataFrame({"project": ["building", "teachers"], "annual_cost": [0.0, 5.0],
                          "funding": [{2026: 30.0}, {2029: 5.0, 2030: 5.0}]})
    by = combined_years(plan_with_money(), frame, 2029, 2)
    assert by["years"] == [2026, 2027, 2028, 2029, 2030]
    assert by["layout_construction"] == [0.0, 580.0, 0.0, 0.0, 0.0]
    assert by["layout_yearly"] == [0.0, 100.0, 85.0, 85.0, 85.0]  # traced: the sites apart
    assert by["layout_recurring_years"] == [2027, 2028, 2029, 2030]
    assert by["recurring_years"] == [2029, 2030]
    # the sentence gives each plan's own years: the layout's 100 + 85 × 3 = 355 and the
    # 达标路径's 5 × 2 = 10 万元, 365 in all
    full = frame.assign(school_id=["E", "E"], name="东关小学", stage="primary",
                        item=["teaching_area", "hire_pe_art"], quantity=[10.0, 1.0], cost=[30.0, 10.0])
    line = combined_lines(combined_summary(plan_with_money(), full, 2029, recurring_years=2))[2]
    assert line.endswith("，布局调整按 2027—2030 学年共 4 年（自撤并、新建学校生效的学年起逐年计）、"
                         "达标路径按 2029—2030 学年共 2 年，合计 +365.00 万元。")


def test_a_plan_without_a_data_year_has_no_money_by_year():
    plan = LayoutOutcome("optimal", (PlannedSchool("E", "东关小学", "expand", phase=1,
                                                   capital_yuan=ROOM),), {})
    assert yearly_money(plan) == [] and money_rows(plan) == [] and money_text(plan) == ""


def new_school_plan(last_pupils: int, last_rooms: int) -> LayoutOutcome:
    """A 200-pupil junior school opened in 2027 with 5 rooms (200 × 1.05 / 50 → 5), its
    pupils 190, 200, 160, 140 and then ``last_pupils`` filling ``last_rooms`` in 2031."""
    need = [(2027, 190, 4), (2028, 200, 4), (2029, 160, 4), (2030, 140, 3),
            (2031, last_pupils, last_rooms)]
    return LayoutOutcome("optimal", (PlannedSchool(
        "N", "东区新建初级中学", "new", phase=2, added_classrooms=5,
        added_classrooms_by_stage={"junior": 5}, students_after={"junior": 200}),), {},
        year=2025, target_year=2028, rules={"new_school_fill_margin": 0.05,
                                            "temporary_peak_years": 1},
        transition=tuple(YearRooms(y, "N", "junior", n, k, 5, 0, 5 if y == 2027 else 0)
                         for y, n, k in need))


def test_the_new_schools_sizing_year_and_its_rooms_idle_later_are_stated():
    from junheng.planning.layout_newsite import sizing_notes

    # 2031 needs 2 of the 5 rooms: 3 idle; rooms beyond 2 are needed 2027–2030 (a new school
    # is built whole, never 临时周转); at most 4 rooms are ever needed: the fifth is the 5 % margin
    assert sizing_notes(new_school_plan(100, 2)) == (
        "新建学校规模：东区新建初级中学初中规模按规划年 2028 学年 200 人确定（另加 5% 余量），设初中教室 5 间；"
        "按各村适龄儿童逐年推算，学生最多 2028 学年 200 人，2031 学年 100 人；逐年需用教室 2027 学年 4 间，"
        "2028 学年 4 间，2029 学年 4 间，2030 学年 3 间，2031 学年 2 间；2031 学年 3 间闲置：多于该学年所需的"
        "教室连续需用 4 年（2027—2030 学年），新建学校按规划年一次建成（临时周转只用于现有学校扩建），其中 1 间为余量，"
        "各年均不需用，闲置教室的用途需论证。",)
    assert sizing_notes(new_school_plan(240, 5))[0].endswith("2031 学年 5 间，末年仍全部使用。")


def test_the_workbook_and_the_document_show_the_money_by_school_year(tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    from junheng.report.layout_docx import write_layout_docx
    from junheng.report.layout_xlsx import write_layout_xlsx

    ws = load_workbook(write_layout_xlsx(plan_with_money(), tmp_path / "plan.xlsx"))["分年度财政支出"]
    rows = list(ws.iter_rows(values_only=True))
    # review 2026-12-04 finding 17; review2 B8: the one-off head says how it is paid (this
    # plan sets no build time, so each build is paid in its year of use)
    assert rows[0] == ("学年", "一次性投入（万元，各项建设在投入使用当年拨付）",
                       "年度运行成本变化（万元，负数为节省；新增支出按所设单价计，节省只计目前实际拨付的，另列的节省见表前说明）",
                       "一次性投入累计（万元）", "年度运行成本变化累计（万元）", "当年生效的调整（撤并生效，扩建、新建投入使用）")
    assert rows[1:3] == [("2027 学年", 580, 100, 580, 100, "扩建 1 所、新建 1 所"),
                         ("2028 学年", 0, 85, 580, 185, "撤并 2 所")]
    doc = Document(str(write_layout_docx(plan_with_money(), tmp_path / "plan.docx")))
    # the plan names itself 本方案 where the other documents say 《布局调整方案》 (brief hwords3 3)
    said = money_text(plan_with_money())
    assert "见《布局调整方案》“测算方法和未满足的规则”" in said
    assert said.replace("见《布局调整方案》", "见本方案") in [p.text for p in doc.paragraphs]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "学年"
                 and t.rows[0].cells[1].text == "一次性投入（万元，各项建设在投入使用当年拨付）")
    assert [c.text for c in table.rows[1].cells] == ["2027 学年", "580.00", "100.00", "580.00", "100.00",
                                                     "扩建 1 所、新建 1 所"]


def test_the_joint_summary_says_the_compliance_spending_in_a_year_already_begun():
    from junheng.planning.plans_combined import combined_lines, combined_summary

    # the layout made on 2026-12-04 (rules as its plan file keeps them); the compliance plan
    # funds 30 万 in 2026 (begun) and 5 万 a year of teachers 2029–2030 (not begun)
    plan = replace(plan_with_money(), rules={"plan_date": "2026-12-04"})
    frame = pd.DataFrame({"school_id": ["E", "E"], "name": ["东关小学"] * 2,
                          "project": ["building", "teachers"], "item": ["gym", "hire_pe_art"],
                          "quantity": [1.0, 1.0], "cost": [30.0, 10.0], "annual_cost": [0.0, 5.0],
                          "funding": [{2026: 30.0}, {2029: 5.0, 2030: 5.0}]})
    lines = combined_lines(combined_summary(plan, frame, 2029, 2))
    assert ("达标路径在 2026 学年安排 30.00 万元，该学年在布局方案编制日期 2026-12-04 已开学（首个可实施学年为 "
            "2027 学年）：需顺延到 2027 学年及以后，并在该学年与布局调整的投入一并纳入年度预算。") in lines
    # a plan file without its day says nothing of it
    assert not [t for t in combined_lines(combined_summary(plan_with_money(), frame, 2029, 2))
                if "已开学" in t]


def test_an_expansions_years_before_its_build_count_in_the_temporary_rule():
    # as above with T an expansion in use from 2028: T's need 2, 1, 1, 1 (2027–2030); room 1 is
    # needed to the last year (built), room 2 in 2027 only, before any room could stand: it is
    # borrowed, not built (it was built while the rule looked from 2028 only); first need 2028
    y = site_years(years_county(), [("V1", "grades_7_9", "S", 330), ("V2", "grades_7_9", "T", 330)],
                   {("S", "junior"): 1, ("T", "junior"): 2},
                   {("S", "junior"): 300, ("T", "junior"): 250},
                   {("S", "junior"): 50, ("T", "junior"): 50}, 2027, 1, 2027, {"T": 2028})
    assert y.need[("T", "junior")] == {2027: 2, 2028: 1, 2029: 1, 2030: 1}  # rows keep 2027
    assert y.temporary == {("S", "junior"): 1, ("T", "junior"): 1}
    assert y.built == {("S", "junior"): 0, ("T", "junior"): 1}
    assert y.first == {"T": 2028}


def test_a_room_borrowed_before_the_build_counts_from_the_first_year_it_can_be_in_use():
    # planner review: 第三初级中学 borrowed 2, 3, 3, 3, 2 rooms 2027–2031 (five years) under the
    # ≤3-year rule, its build in use from 2029 and the rule counting from 2029 alone (3 years);
    # the layout then counted the years before the build too. Review rv4 4 (brief hrun): one
    # start in both plans, the first year a new room can be in use; 2027–2028 no build can help
    # and are said so (layout_years.unavoidable_words), not counted.
    # T, 8 rooms of 45 (360 seats), a third of its pupils in each grade: 330, 300, 300, 270
    # pupils → 110, 100, 100, 90 a grade → 3, 3, 3, 2 classes a grade → 9, 9, 9, 6 classes →
    # need 1, 1, 1, 0 (2027–2030; by seats none: this test had 280 seats of 50, grades
    # unknown, before brief hroom); in use from 2029, at most 2 years: the room is needed
    # 2027–2029, counted from 2029 1 year, and not in 2030: borrowed, never built (every year
    # counted it was 3 years and built)
    thirds = {f"g{g}": 1 / 3 for g in range(7, 10)}
    y = site_years(years_county(), [("V2", "grades_7_9", "T", 330)], {("T", "junior"): 1},
                   {("T", "junior"): 360}, {("T", "junior"): 45}, 2027, 2, 2027, {"T": 2029},
                   shares=lambda school, year: thirds)
    assert y.need[("T", "junior")] == {2027: 1, 2028: 1, 2029: 1, 2030: 0}
    assert (y.temporary, y.built, y.first) == ({("T", "junior"): 1}, {("T", "junior"): 0}, {})
    # the 过渡期 rows: borrowed 2027, 2028 and 2029, nothing built
    assert [(r.year, r.built, r.temporary) for r in y.rows({})] == [
        (2027, 0, 1), (2028, 0, 1), (2029, 0, 1)]


def test_a_new_school_is_built_whole_without_temporary_rooms():
    # planner review: 长青社区片区初级中学, a new school, opened with 4 of its 20 rooms met by
    # 临时周转. As test_the_years_looked_at_start_with_the_first_school_year with T a new
    # school opening in 2027: its need 2, 1, 1, 1 would meet room 2 (2027 only) by 临时周转
    # as an expansion does; a new school builds both
    args = (years_county(), [("V1", "grades_7_9", "S", 330), ("V2", "grades_7_9", "T", 330)],
            {("S", "junior"): 1, ("T", "junior"): 2}, {("S", "junior"): 300, ("T", "junior"): 250},
            {("S", "junior"): 50, ("T", "junior"): 50}, 2027, 1, 2027, {"T": 2027})
    assert site_years(*args).temporary == {("S", "junior"): 1, ("T", "junior"): 1}
    y = site_years(*args, new={"T"})
    assert y.temporary == {("S", "junior"): 1, ("T", "junior"): 0}
    assert y.built == {("S", "junior"): 0, ("T", "junior"): 2}
    assert y.rows({"T": 2027})[1] == YearRooms(2027, "T", "junior", 330, 2, 2, 0, 2)
    # the checker refuses a new school with a room met by 临时周转 (test_layout_years' T)
    plan = outcome()
    plan = replace(plan, schools=tuple(replace(s, action="new") if s.school_id == "T" else s
                                       for s in plan.schools))
    with pytest.raises(PlanViolation, match="^新建学校乙初中有 1 间教室以临时周转解决：新建学校一次建成，"
                                            "临时周转只用于现有学校扩建。$"):
        check_years(years_county(), plan, years_config().model_copy(
            update={"new_school_lead_years": 0}))


def waiting_plan() -> LayoutOutcome:
    """V1 (300 junior pupils in 2029) goes to N, opening in 2029, from P; V2 (300) stays at P
    (400 junior seats); N's rows 2027—2029."""
    from junheng.planning.layout_outcome import VillageAssignment

    return LayoutOutcome("optimal", (
        PlannedSchool("N", "新建初级中学", "new", phase=4, capacity={"junior": 500},
                      added_classrooms_by_stage={"junior": 10}),
        PlannedSchool("P", "城关初级中学", "keep", capacity={"junior": 400})), {},
        year=2025, target_year=2029, assignments=(
            VillageAssignment("V1", "grades_7_9", "N", 300, 1.0, 5.0, False, before_school="P"),
            VillageAssignment("V2", "grades_7_9", "P", 300, 1.0, 5.0, False, before_school="P")),
        transition=(YearRooms(2027, "N", "junior", 330, 7, 0, 7, 0),
                    YearRooms(2028, "N", "junior", 300, 6, 0, 6, 0),
                    YearRooms(2029, "N", "junior", 300, 6, 10, 0, 10)))


def test_a_new_schools_wait_counts_the_pupils_over_the_present_schools_seats():
    from junheng.planning.layout_waiting import with_waiting
    from junheng.report.layout_years import transition_text

    # test_layout_years' county, target 2029: each village's grades 7–9 are 330 in 2027, 300 in
    # 2028 and 2029. V1 (300 in 2029) goes to N, opening in 2025 + 4 = 2029, from P; V2 (300)
    # stays at P, 400 junior seats (capacity 400, no rooms added). Before N opens both wait at
    # P: 2027 330 + 330 = 660 → 260 over, ⌈260 / 50⌉ = 6 rooms; 2028 600 → 200 over, 4 rooms
    plan = waiting_plan()
    rows = with_waiting(plan, years_county(), {"primary": 45, "junior": 50}).transition
    assert [(r.year, r.crowded, r.crowded_rooms) for r in rows] == [
        (2027, 260, 6), (2028, 200, 4), (2029, 0, 0)]
    # P is the only present school: it holds all of it (review finding 10: name the school)
    assert [r.crowded_at for r in rows] == [(("P", 260, 6),), (("P", 200, 4),), ()]
    text = transition_text(replace(plan, transition=rows))
    # the rooms short are met by 临时周转 at the shipped 2 万元 a room-year (review finding 1):
    # 6 × 2 = 12 万元 in 2027, 4 × 2 = 8 万元 in 2028
    assert "2027 学年，新建初级中学（2029 学年启用）的 330 名初中学生在现就读学校过渡，现就读学校学生超出标准学位 " \
           "260 人（按标准班额缺教室 6 间：城关初级中学超出 260 人、缺 6 间），现就读学校临时周转 6 间、12.00 万元；2028 学年，" \
           "新建初级中学（2029 学年启用）的 300 名初中学生在现就读学校过渡，现就读学校学生超出标准学位 200 人（按标准" \
           "班额缺教室 4 间：城关初级中学超出 200 人、缺 4 间），现就读学校临时周转 4 间、8.00 万元；" in text
    # then where its rooms stand (review rd 2): P's figures are not in this plan
    text, ground = text.split("临时周转用地")
    assert ground.endswith("）：城关初级中学最多 6 间：无占地面积、校舍建筑面积或体育运动场馆面积数据，能否在校内搭建"
                           "须现场核定，不能搭建的就近借用邻近学校校舍或租用校外用房。"
                           # review rv 3: every room-year of the 过渡期, 6 + 4
                           "临时周转合计：方案新增教室全部新建；临时周转最多一年 6 间（2027 学年），过渡期 2027—2028 学年"
                           "共 10 间·学年、20.00 万元（其中 2027 学年 6 间·学年、12.00 万元（均为等待新建学校或接收学校就绪）；"
                           "自 2028 学年起 4 间·学年、8.00 万元，整改措施自该学年起计）（逐校逐年见“过渡期”表）。"
                           # review rv4 4: a plan without its date acts from the data year + 1 =
                           # 2026, a room built in 2 years (the shipped default) is in use from
                           # 2028: P's 2027 is unavoidable, its 2028 is 1 year
                           "连续临时周转的年限自新建教室可投入使用的 2028 学年起计（首个可实施学年 2026 学年加扩建建设周期 "
                           "2 个学年，两个方案同一起算学年）：2027 学年即使新建教室也来不及投入使用，只能临时周转（1 所学校），"
                           "不计入连续借用的学年；自 2028 学年起各校连续借用均不超过 3 个学年。")
    assert text.endswith("城关初级中学学生超出标准学位（缺教室 2027 学年 6 间、2028 学年 4 间，分校见上），班额超过"
                         "标准班额、可能形成大班额（56 人及以上），这一状况持续到新建初级中学 2029 学年启用；过渡措施："
                         "与扩建学校同一临时周转办法，所缺教室以临时周转解决（暂用本校其他用房、调整功能室、借用邻近学校"
                         "校舍或租用装配式临时用房），每间每学年 2.00 万元，共 10 间·学年、20.00 万元（2027 学年 12.00 万元、"
                         "2028 学年 8.00 万元），计入各学年一次性投入和分年度财政支出；也可把这些学校部分片区在该学年划入"
                         "有空余学位的学校，需论证。")
    # P closing (into N, after it opens: its pupils are still there) counts at its seats
    # before the plan, the planner's sites' (the outcome keeps none): the same 400, so the same
    # crowding (fixtext item 6); without the sites its seats are unknown and it is left out
    shut = replace(plan, schools=(plan.schools[0], replace(plan.schools[1], action="close")))
    sites = pd.DataFrame({"seats_primary": [0], "seats_junior": [400]}, index=["P"])
    assert [(r.crowded, r.crowded_rooms) for r in with_waiting(
        shut, years_county(), {"junior": 50}, sites).transition] == [(260, 6), (200, 4), (0, 0)]
    assert [r.crowded for r in with_waiting(shut, years_county(), {"junior": 50}).transition] == [0, 0, 0]


def test_the_years_checker_recounts_the_crowding_of_a_new_schools_wait():
    from junheng.planning.layout_check_years import _check_waiting
    from junheng.planning.layout_waiting import with_waiting

    # the county and plan of the test above: 2027 260 over, 6 rooms short; 2028 200, 4
    plan = waiting_plan()
    cfg = years_config()  # junior classes of 50
    good = with_waiting(plan, years_county(), {"primary": 45, "junior": 50})
    _check_waiting(years_county(), good, cfg)
    wrong = replace(good, transition=(replace(good.transition[0], crowded=200), *good.transition[1:]))
    with pytest.raises(PlanViolation, match=r"^新建初级中学2027 学年启用前，现就读学校超出标准学位 200 人、"
                                            r"缺教室 6 间，应为 260 人、6 间（逐校：城关初级中学 260 人、缺 6 间）。$"):
        _check_waiting(years_county(), wrong, cfg)
    # the totals right, the school that holds them wrong
    elsewhere = replace(good, transition=(replace(good.transition[0], crowded_at=(("N", 260, 6),)),
                                          *good.transition[1:]))
    with pytest.raises(PlanViolation, match=r"应为 260 人、6 间（逐校：城关初级中学 260 人、缺 6 间）。$"):
        _check_waiting(years_county(), elsewhere, cfg)


def test_a_school_over_its_size_cap_before_the_target_year_is_listed_year_by_year():
    """Planner review finding 1: 大校额 shown year by year, not at the target year only. In
    waiting_plan P holds V1 and V2 until N opens in 2029: 330 + 330 = 660 in 2027, 600 in
    2028, then V2's 300; with a cap of 500 it is over in 2027 and 2028 (N, cap 2,000, never)."""
    from junheng.planning.layout_large import large_by_year, large_note

    sites = pd.DataFrame({"size_cap": [500, 2000]}, index=["P", "N"])
    plan = waiting_plan()
    assert large_by_year(plan, years_county(), sites) == {"P": {2027: 660, 2028: 600}}
    assert large_note(plan, years_county(), sites) == (
        "大校额逐年（在校生超过校额上限的学校，按各村适龄儿童逐年推算，新建学校启用前、划片转入顺延前学生在现就读学校；本方案只在"
        "目标学年 2029 学年按上限核定）：1 所学校：城关初级中学（上限 500 人）2027 学年 660 人、2028 学年 600 人。",)
    assert large_note(plan, years_county(), sites.assign(size_cap=700)) == ()


def test_an_open_schools_transition_row_counts_the_pupils_waiting_there_as_the_large_note_does():
    """Planner review (ve 1): 洛北县实验中学 2027 read 1,938 pupils in the 过渡期 and 2,057 in
    the 大校额逐年 note, the second with the pupils waiting there for a new school. In
    waiting_plan P keeps V2 (330 in 2027, 300 in 2028) and holds V1 (330, 300) until N opens
    in 2029: P's row reads its plan pupils 330 and 300, and 330 and 300 waiting, 660 and 600
    as the note counts; from 2029 nobody waits."""
    from junheng.planning.layout_large import large_by_year
    from junheng.planning.layout_waiting import with_waiting
    from junheng.report.layout_years import transition_rows

    plan = waiting_plan()
    plan = replace(plan, transition=(*plan.transition, YearRooms(2027, "P", "junior", 330, 0, 0, 0),
                                     YearRooms(2028, "P", "junior", 300, 0, 0, 0),
                                     YearRooms(2029, "P", "junior", 300, 0, 0, 0)))
    rows = with_waiting(plan, years_county(), {"primary": 45, "junior": 50}).transition
    assert [(r.year, r.pupils, r.waiting) for r in rows if r.school_id == "P"] == [
        (2027, 330, 330), (2028, 300, 300), (2029, 300, 0)]
    sites = pd.DataFrame({"size_cap": [500, 2000]}, index=["P", "N"])
    assert large_by_year(plan, years_county(), sites) == {"P": {2027: 660, 2028: 600}}
    # the 过渡期 sheet's 学生数 is the note's, and says who waits
    sheet = [r for r in transition_rows(replace(plan, transition=rows))
             if str(r[1]).startswith("城关初级中学")]
    assert [(r[0], r[1], "".join(r[10:]), r[3]) for r in sheet] == [  # the name, its 说明 apart (review rv15 15)
        ("2027 学年", "城关初级中学", "学生数 660 人，其中等待转出 330 人（新建学校启用或接收学校就绪后转出）；需用新增教室按方案"
                     "划入本校的 330 人计 0 间，等待转出的学生所缺教室计入新建学校行“现就读学校”临时周转", 660),
        ("2028 学年", "城关初级中学", "学生数 600 人，其中等待转出 300 人（新建学校启用或接收学校就绪后转出）；需用新增教室按方案"
                     "划入本校的 300 人计 0 间，等待转出的学生所缺教室计入新建学校行“现就读学校”临时周转", 600),
        ("2029 学年", "城关初级中学", "", 300)]


def test_a_present_school_with_its_own_transition_row_is_not_short_of_its_rooms_twice():
    """Planner review (ve 1): 洛北县实验中学 2027, 2,044 pupils on 1,900 seats, was 3 rooms
    short on the new school's row (144 over) and borrowed 1 on its own row (its plan's 1,938,
    38 over): 4 room-years for 3 rooms. In waiting_plan, with P's own row saying 450 plan
    pupils and 1 room borrowed in 2027, P holds 660 on 400 seats: 260 over, 6 rooms short, of
    which its own row counts 50 and 1; the new school's row counts 210 and 5."""
    from junheng.planning.layout_check_years import _check_waiting
    from junheng.planning.layout_waiting import borrowed_rooms, with_waiting
    from junheng.report.layout_years import waiting_text

    plan = waiting_plan()
    plan = replace(plan, rules={"plan_date": "2026-12-05"},
                   transition=(*plan.transition, YearRooms(2027, "P", "junior", 450, 1, 0, 1)))
    done = with_waiting(plan, years_county(), {"primary": 45, "junior": 50})
    assert [(r.year, r.school_id, r.crowded, r.crowded_rooms, r.crowded_at)
            for r in done.transition if r.school_id == "N"] == [
        (2027, "N", 210, 5, (("P", 210, 5),)), (2028, "N", 200, 4, (("P", 200, 4),)),
        (2029, "N", 0, 0, ())]
    assert borrowed_rooms(done) == {"P": {2027: 6, 2028: 4}}
    _check_waiting(years_county(), done, years_config())  # the checker counts it so too
    assert waiting_text(done, done.transition[:1]) == (
        "新建初级中学（2029 学年启用）的 330 名初中学生在现就读学校过渡，现就读学校学生超出标准学位 210 人"
        "（按标准班额缺教室 5 间：城关初级中学超出 210 人、缺 5 间（另 1 间计入本校行））")
