"""Review 2026-12-04 findings on the layout job page: 18 (a 改扩建 row of the 调整清单 showed
新增教室 0 and an empty 说明, its hall not said), 7 (the 公用经费保底 saving not all spent today)
and 13 (new teachers' pay in both plans)."""

from __future__ import annotations

import re
from dataclasses import replace

from junheng.planning.layout_outcome import PlannedSchool

from .leaks import visible_text
from .test_layout_docs import _job
from .test_layout_page import _plan


def test_a_rebuilt_schools_row_says_the_hall_and_its_cost(app, as_user):
    hall = PlannedSchool("4103060003", "河口乡九年一贯制学校", "keep", kind="nine_year", phase=2,
                         students_expected=600, students_after={"primary": 400, "junior": 250},
                         added_sports_area=815.0, area_yuan=3_421_200.0)
    plan = _plan()
    plan = replace(plan, schools=tuple(hall if s.school_id == hall.school_id else s
                                       for s in plan.schools))
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, plan=plan)}").text
    rows = re.findall(r"<tr><td>[^<]*</td><td>4103060003</td>.*?</tr>", page, re.S)
    assert len(rows) == 1
    cells = [visible_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rows[0], re.S)]
    # 2025 + phase 2 = 2027 学年; 3,421,200 元 = 342.12 万元; 400 + 250 = 650 pupils after
    # review rv18 2: 规划年 and 各学年最多 临时周转 apart, both empty here
    assert cells == ["2027 学年", "4103060003", "河口乡九年一贯制学校", "改扩建", "", "0", "", "", "0",
                     "400", "250",
                     "2030 学年不调整预计 600 人，调整后接收 650 人；补足接收学生所需的室内体育馆 "
                     "815 平方米（需论证），投资 342.12 万元"]


def test_a_school_whose_rooms_are_all_borrowed_is_not_an_expansion(app, as_user):
    # planner review: rooms met by 临时周转 were listed as added permanent rooms; 2 borrowed,
    # none built: 措施 临时周转, 新建教室 0, 临时周转教室 2
    page, cells = _borrowing_row(app, as_user)
    # rv6 N14: not a project type; rv18 2: without 过渡期 rows the 2 rooms are both the
    # target year's and the most in a year, in two named columns
    assert cells[3:9] == ["保留（临时周转过渡）", "", "0", "2", "2", "0"]
    assert ("<th class=\"n\">新建教室</th><th class=\"n\">规划年 2030 学年临时周转教室（间，不新建）</th>"
            "<th class=\"n\">各学年最多临时周转教室（间）</th>") in page


def test_the_page_says_how_much_of_the_floor_saving_is_not_spent_today(app, as_user):
    # review 2026-12-04 finding 7; 4,110,500 − 388,100 = 3,722,400 元 saved a year (372.24
    # 万元), 18 of 37 schools paid (48.6%), 1,269,800 元 short: at most 126.98 万元 not spent
    metrics = {"now": {"floor_schools": 37, "floor_paid_schools": 18,
                       "floor_unpaid_yuan": 1_269_800.0},
               "before": {"funding_floor_yuan": 4_110_500.0},
               "after": {"funding_floor_yuan": 388_100.0}}
    plan = replace(_plan(), metrics=metrics, weights={"funding_floor_pupils": 100})
    text = visible_text(as_user("admin").get(f"/plans/layout/jobs/{_job(app, plan=plan)}").text)
    assert ("公用经费保底：本表按不足 100 人的村小学和教学点都已按 100 人拨付公用经费计算，调整后每年少 "
            "372.24 万元；但按经费表 2025 学年各校的公用经费拨款，这类村小学和教学点共 37 个（所），只有 18 个（所）（48.6%）已按 "
            "100 人拨付，其余共少拨 126.98 万元（与自评报告“不足 100 名学生的村小学和教学点按 100 名学生核定"
            "公用经费”一项同一算法）。这项节省中至多 126.98 万元目前并未支出，实际节省可能相应减少。") in text


def test_the_comparison_says_both_plans_pay_the_same_new_teachers(app, as_user):
    # review 2026-12-04 finding 13: 720.00 万元 in both plans read "方案甲含…"; 7,200,000 元 each
    from junheng.jobs.layout import without_new_schools_note
    from junheng.planning.layout_outcome import LayoutOutcome

    from .test_layout_docs import AFTER, ALT_AFTER

    plan = replace(_plan(), metrics={"before": {}, "after": {**AFTER, "hire_staff_yuan": 7_200_000.0}},
                   objective=3_100_000.0)
    alt = LayoutOutcome("optimal", _plan().schools[:1], {"before": {}, "after": {
        **ALT_AFTER, "hire_staff_yuan": 7_200_000.0}}, objective=3_600_000.0, gap=0.0)
    note = without_new_schools_note(plan, alt)
    text = visible_text(as_user("admin").get(f"/plans/layout/jobs/{_job(app, note)}").text)
    assert "两方案均含新聘教师人员经费 720.00 万元" in text and "方案甲含新聘" not in text


def test_the_list_names_the_target_year_s_borrowed_rooms_and_the_most_in_a_year_apart(app, as_user):
    # review rv18 2: 「临时周转教室（不新建）」 printed the solve's 2 rooms where the plan borrows
    # 3 in 2030 and at most 5 (2029): the 过渡期's two counts, each in its named column
    from junheng.planning.layout_outcome import YearRooms

    _, cells = _borrowing_row(app, as_user, tuple(YearRooms(y, "4103060003", "junior", 250, k, 0, k)
                                                  for y, k in ((2029, 5), (2030, 3))))
    assert cells[5:8] == ["0", "3", "5"]


def _borrowing_row(app, as_user, transition: tuple = ()) -> tuple[str, list[str]]:
    """The page and the 调整清单 row of a school whose 2 added rooms are all borrowed, with the
    plan's 过渡期 ``transition``."""
    borrowed = PlannedSchool("4103060003", "河口乡九年一贯制学校", "expand", kind="nine_year", phase=2,
                             students_expected=600, students_after={"primary": 400, "junior": 250},
                             added_classrooms=2, temporary_classrooms=2, capital_yuan=840_000.0,
                             temporary_yuan=840_000.0)
    plan = _plan()
    plan = replace(plan, schools=tuple(borrowed if s.school_id == borrowed.school_id else s
                                       for s in plan.schools), transition=transition)
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, plan=plan)}").text
    row = re.findall(r"<tr><td>[^<]*</td><td>4103060003</td>.*?</tr>", page, re.S)[0]
    return page, [visible_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
