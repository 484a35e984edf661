"""当前 counts a trip as the plan-year columns do (rv18 4: 表 10 「走读超时学生数 0 | 33 | 31」,
while the plan's 31 are pupils of two bed-less schools who 「按现状走读」 today as well).

The hand-made county (layout_builders): village 1 at C1 (0 steps) and village 4 three steps
away (3 × 14.38 = 43.14 minutes, over the day limit of 30); C1 is the only primary school
and has no beds. Village 4's 9 pupils of grades 4–6 board by the rule, C1 has no bed for
them, so they stay day pupils over the limit: today, without the plan and with it."""

from __future__ import annotations

import pytest
from layout_builders import C1, county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_trips import BEDLESS_ONLY
from junheng.report.layout_xlsx import comparison_text


def far_county():
    villages = [village(1, 112.00, g13=60, g46=60), village(4, 112.15, g46=9)]
    return county(villages, [school(C1, "primary_school", 112.00)], {C1: 12})


def test_today_counts_the_bedless_day_pupils_over_the_limit_as_the_plan_year_does():
    plan = plan_layout(far_county(), flat_config(), evaluate_cvs=False).outcome
    far = next(a for a in plan.assignments if a.village_id.endswith("004"))
    assert (far.school_id, far.students, far.travel_min) == (C1, 9, pytest.approx(43.14, abs=0.01))
    # the same 9 in every column (before the fix 当前 counted them as 9 boarders in 0 beds)
    for column in ("now", "before", "after"):
        m = plan.metrics[column]
        assert (m["day_pupils_over_limit"], m["bus_pupils_without_bed"], m["boarders"]) == (9, 9, 0)
    text = {r[0]: r[1:] for r in comparison_text(plan)}
    assert text[BEDLESS_ONLY] == ["9", "9", "9", "0"]
