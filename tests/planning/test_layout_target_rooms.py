"""Rule (27) and rule (24) at each year's forecast grades (brief hborrow3): the solve counts a
school's target-year rooms as the 过渡期 does, its classes grade by grade at the forecast's grades
of that year, so the rooms the plan borrows in its 规划年 are rooms the solve priced (main's demo:
「求解模型计入以临时周转解决的教室 4 间，过渡期…规划年 2030 学年借用 5 间」, 最优 proven for 4).

The county of test_layout_receiver_classes: village 1 at 112.00 and village 2 at 112.05, the same
number of children of every age; a primary R (8 rooms) and a junior school J at 112.00, a
primary C at 112.05 that the plan closes, so village 2's grades 1–6 go to R. R has 50 a grade of
its own, village 2 brings 45 a grade. Data year 2025, target 2027; no class data (today: a third
of each group in each grade, 45 a primary class). The forecast gives R's grades 1–6 as 60, 45,
45, 50, 50, 50 every year 2026–2030 (R's own 150 a group, as its villages): grades 1–3 at 0.4,
0.3, 0.3.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from test_layout_receiver_classes import C, J, R, config, merged_county

from junheng.planning import plan_layout
from junheng.planning.borrow_counts import borrow_counts, priced_apart
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_check_classes import target_text
from junheng.planning.layout_forecast import with_forecast
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model import solve_layout
from junheng.planning.layout_model_receivers import receiver_needs, receiver_rooms

#: R's forecast of each year 2026–2030, grades 1–6
R_YEAR = {"g1": 60.0, "g2": 45.0, "g3": 45.0, "g4": 50.0, "g5": 50.0, "g6": 50.0}


@functools.cache
def solved():
    forecast = pd.DataFrame(
        [
            {"school_id": R, "grade": g, "year": year, "students": n}
            for g, n in R_YEAR.items()
            for year in range(2026, 2031)
        ]
    )
    data = with_forecast(merged_county(8, 50, 45), forecast)
    return data, plan_layout(data, config(), evaluate_cvs=False)


def test_the_solve_prices_the_target_years_classes_at_the_forecasts_grades():
    # 2027 at R: grades 1–3 150 + 135 = 285 × 0.4, 0.3, 0.3 = 114, 85.5, 85.5: 3 + 2 + 2 classes;
    # grades 4–6 285 a third each, 95: 3 + 3 + 3; 16 classes in 8 rooms: the solve adds 8.
    # Today's grades (a third each: 95 a grade, 3 classes each, 18) would ask 10; the stage seats
    # (3) 570 − 8 × 45 = 210 pupils, ⌈210 / 45⌉ = 5; and (24) with R's own shortage allowed (its
    # own 150 a group: 60, 45, 45 → 2 + 1 + 1, 50 a grade → 2 each, 10 classes, 2 short)
    # 16 − 10 = 6: main's solve priced 6, and the 过渡期's run rule built 8 after it.
    data, plan = solved()
    assert solve_layout(plan.problem).added_primary_rooms == {R: 8}
    r = next(s for s in plan.outcome.schools if s.school_id == R)
    assert dict(r.added_classrooms_by_stage) == {"primary": 8, "junior": 0}
    # the same 16 classes every year 2027–2030 (300 pupils in 2026, before C closes): the 过渡期
    # builds the 8 rooms and borrows none in 2027, what the solve priced
    assert [(y.year, y.overflow, y.temporary) for y in plan.outcome.transition] == [
        (2026, 2, 0),
        (2027, 8, 0),
        (2028, 8, 0),
        (2029, 8, 0),
        (2030, 8, 0),
    ]
    assert not priced_apart(borrow_counts(plan.outcome))
    check_plan(plan.problem, layout_json(plan.outcome), data)
    assert {C, J} <= {s.school_id for s in plan.outcome.schools}


def test_the_checker_refuses_a_plan_whose_solve_priced_fewer_target_year_rooms():
    data, plan = solved()
    doc = layout_json(plan.outcome)
    row = next(s for s in doc["schools"] if s["school_id"] == R)
    row["added_classrooms_by_stage"] = {"primary": 6, "junior": 0}  # the rule (24) count of main
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc, data)
    # 16 classes in 8 rooms + 6: 2 short in 2027; in 2028–2030 (24) allows R's own 2 short
    assert [line for line in err.value.lines if "规划年" in line and "按年级编班" in line] == [
        target_text(f"学校{R}", 2027, 16, 8, 6, 0)
    ]
    assert not [line for line in err.value.lines if line.startswith("接收学校")]


def _problem(mix_2028: list[float]) -> SimpleNamespace:
    """One receiver R (3 primary rooms) with its own 105 pupils of grades 1–3 and 45 from C, the
    same in 2027 (target) and 2028; the forecast's grades 1–3 at R: 45, 30, 30 in 2027 and
    ``mix_2028`` in 2028."""
    sites = pd.DataFrame(
        {
            "existing": [True, True],
            "kind": ["primary_school"] * 2,
            "relocating": [False] * 2,
            "rooms_primary": [3, 3],
            "rooms_junior": [0, 0],
            "class_size_primary": [45, 45],
            "class_size_junior": [50, 50],
            **{f"share_g{g}": [1 / 3] * 2 for g in range(1, 10)},
        },
        index=["R", "C"],
    )
    mix = {y: sites.filter(like="share_g").copy() for y in (2027, 2028)}
    mix[2027].loc["R", ["share_g1", "share_g2", "share_g3"]] = [45 / 105, 30 / 105, 30 / 105]
    mix[2028].loc["R", ["share_g1", "share_g2", "share_g3"]] = mix_2028
    customers = pd.DataFrame(
        {"group": ["grades_1_3"] * 2, "demand": [105.0, 45.0], "before_site": ["R", "C"]}
    )
    return SimpleNamespace(
        sites=sites,
        customers=customers,
        target_year=2027,
        grade_mix=mix,
        pairs=pd.DataFrame({"customer": [0, 1], "site_id": ["R", "R"]}),
        years=pd.DataFrame({2027: [1.0, 1.0], 2028: [1.0, 1.0]}),
    )


def test_rule_24_forms_each_years_classes_at_that_years_forecast_grades():
    # 2027 (27): 150 × 3/7, 2/7, 2/7 = 64.3, 42.9, 42.9: 2 + 1 + 1 = 4 classes in 3 rooms: 1 added.
    # 2028 at its own grades 50, 50, 50: 2 + 2 + 2 = 6 classes; without the plan R's own 105 (35 a
    # grade, 1 class each) fit its 3 rooms: 3 added. At 2027's grades (the rule before) 2028 asked 1.
    receivers = receiver_needs(_problem([1 / 3, 1 / 3, 1 / 3]))
    assert receivers.allowed == {(0, 2027): 3.0, (0, 2028): 3.0} and receivers.target == 2027
    assert receiver_rooms(receivers, np.ones(2), 2).tolist() == [3.0, 0.0]
    same = receiver_needs(_problem([45 / 105, 30 / 105, 30 / 105]))
    assert receiver_rooms(same, np.ones(2), 2).tolist() == [1.0, 0.0]
