"""当前 counts a trip as the plan-year columns do (rv18 4: 表 10 「走读超时学生数 0 | 33 | 31」,
while the plan's 31 are pupils of two bed-less schools who 「按现状走读」 today as well), and an
应留必留 教学点 says in minutes why it stays (rv18 audit 2).

The hand-made county (layout_builders): village 1 at C1 (0 steps); village 4 and its 教学点
TP three steps away (3 × 14.38 = 43.14 minutes, over the day limit of 30). C1 is the only
primary school and has no beds; the junior school J beside it has 100. Village 4 has 9 children
of grades 1–3 and 9 of grades 4–6 (3 of each age 6–11), so its grades 4–6 are 9 in 2025 and in
2026 (today's ages 8–10); in 2026 its 3 of grade 7 (age 11 today) board at J, as do village
1's 20 (its 60 of grades 4–6 are 20 of each age) walk to J beside them."""

from __future__ import annotations

import pytest
from layout_builders import C1, TP, J, county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_trips import BEDLESS_ONLY
from junheng.report.layout_xlsx import comparison_text


def far_county():
    villages = [village(1, 112.00, g13=60, g46=60), village(4, 112.15, g13=9, g46=9)]
    schools = [school(C1, "primary_school", 112.00), school(TP, "teaching_point", 112.15, central=C1),
               school(J, "junior_school", 112.00, beds=100)]
    return county(villages, schools, {C1: 12, TP: 2, J: 12})


def test_today_counts_the_bedless_day_pupils_over_the_limit_as_the_plan_year_does():
    plan = plan_layout(far_county(), flat_config(target_year=2026), evaluate_cvs=False).outcome
    far = next(a for a in plan.assignments if a.village_id.endswith("004") and a.stage_group == "grades_4_6")
    assert (far.school_id, far.students, far.travel_min) == (C1, 9, pytest.approx(43.14, abs=0.01))
    # village 4's grades 4–6 board by the rule, C1 has no bed: the same 9 day pupils over the
    # limit today, without the plan and with it (before the fix 当前 counted 9 boarders in 0
    # beds and 0 over the limit); the plan year's 3 boarders are village 4's grade 7 at J
    for column, boarders in (("now", 0), ("before", 3), ("after", 3)):
        m = plan.metrics[column]
        assert (m["day_pupils_over_limit"], m["bus_pupils_without_bed"], m["boarders"]) == (9, 9, boarders)
    text = {r[0]: r[1:] for r in comparison_text(plan)}
    assert text[BEDLESS_ONLY] == ["9", "9", "9", "0"]


def test_a_kept_point_says_how_far_its_nearest_receiver_is():
    plan = plan_layout(far_county(), flat_config(target_year=2026, keep_points_beyond_review=True),
                       evaluate_cvs=False).outcome
    assert next(s.action for s in plan.schools if s.school_id == TP) == "keep"
    assert plan.kept_reasons[TP].startswith(
        "应留必留：村4的一至三年级学生在通行时间限制内（走读单程 30 分钟，一至三年级不寄宿；教学点的一至三年级转学单程"
        "不超过需论证的 20 分钟）没有本乡镇其他可接收的完全学校。村4最近的可接收学校为学校4103060001，一至三年级单程 "
        "43.1 分钟，超过走读上限 30 分钟，且不安排一至三年级寄宿。按学段学位计已够用；")
