"""Review 2026-12-04 finding 18: the web 调整清单 showed the two 改扩建 schools (kept schools
the plan builds a hall at: 东城小学 815 m², 342.12 万元) with 新增教室 0 and an empty 说明, so the
row read as no work. Its 说明 now says what is built and its cost."""

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
    assert cells == ["2027 学年", "4103060003", "河口乡九年一贯制学校", "改扩建", "", "0", "0",
                     "400", "250",
                     "2030 学年不调整预计 600 人，调整后接收 650 人；补足接收学生所需的体育运动场馆 "
                     "815 平方米（需论证），投资 342.12 万元"]
