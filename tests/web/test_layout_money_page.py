"""The layout plan page's 分年度财政支出 (planning.layout_spending): the one-off construction
and the yearly running change by school year, with the paragraph that says when each
change starts (review 2026-12-04: savings and costs were booked only from the target year)."""

from __future__ import annotations

import re
from dataclasses import replace

from .test_layout_page import _plan, plan_page


def _money_plan():
    """test_layout_page's plan in phase 2 (2027): the expansion 84 万 (2 rooms of 42 万), the
    new school 1,000 万 with 20 posts, 20 teachers hired; 1.6 万 a site (the shipped price, brief
    hsite) and 10 万 a teacher a year; the change after less before +200 万 a year: the new
    school's site +1.6 万, the hires +200 万 and the closure −1.6 万, all in 2027, nothing else."""
    plan = _plan()
    money = {"4103060001": 840_000.0, "NEW-410306001-1": 10_000_000.0}
    schools = tuple(replace(s, phase=2 if s.action != "keep" else None,
                            capital_yuan=money.get(s.school_id, 0.0),
                            teacher_posts=20 if s.action == "new" else 0)
                    for s in plan.schools)
    return replace(plan, schools=schools,
                   metrics={"before": {"operating_yuan": 1_000_000.0},
                            "after": {"operating_yuan": 3_000_000.0,
                                      "hire_staff_yuan": 2_000_000.0}},
                   weights={"operating_yuan_per_school": 19_200, "teacher_yuan_per_year": 100_000})


def test_the_page_shows_the_money_by_school_year(app, as_user):
    _, page = plan_page(app, as_user, _money_plan())
    panel = re.search(r'id="money-by-year".*?</table>', page, re.S).group(0)
    # 2027: 84 + 1,000 = 1,084 万 once, 200 万 a year from then; each cumulated on its own
    # (review 2026-12-05 finding 1): one-off 1,084 throughout, running 200 more a year to the
    # target year 2030 + 5 recurring years − 1 = 2034 (brief hyears 2: one horizon with the joint
    # table; it was 2030 + 3): 8 years, 1,600
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", panel)
    # 甲村教学点 is a teaching point: counted by 个 (planner review finding 18)
    assert cells[:12] == ["2027 学年", "1,084.00", "200.00", "1,084.00", "200.00", "撤并教学点 1 个、扩建 1 所、新建 1 所",
                          "2028 学年", "0.00", "200.00", "1,084.00", "400.00", ""]
    assert cells[-6:] == ["2034 学年", "0.00", "200.00", "1,084.00", "1,600.00", ""]
    # the traced change only (review rv 1): the sites at the shipped 1.6 万 each, −1.6 for the
    # closed point and +1.6 for the new school, net 0 in 2027, are not said as money spent
    assert "不是只从规划年起计：2027 学年起新聘教师人员经费每年 200.00 万元；至 2034 学年" in panel
