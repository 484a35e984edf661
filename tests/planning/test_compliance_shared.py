"""A school that also teaches 高中 (完全中学) in the compliance plan and the forecast: the
compulsory stage's share of shared rooms, counted the same way by both.

D 完全中学 has 400 junior pupils (8 classes of 50, g7–g9) and 500 senior (10 classes) in 16
普通教室 (the builder gives a room per class: 18). Its 高中 classes keep 16 × 10 / 18 = 8.89,
i.e. 9 rooms (the layout's split, rounded), so the junior stage has 7 rooms for 8 classes: the
plan builds 1 classroom, not the 18 − 16 = 2 that counted 高中 classes against all rooms.
"""

from __future__ import annotations

import pytest
from compliance_builders import complete_secondary, cost_file, county, primary_school, school_id

from junheng.forecast import forecast_county
from junheng.forecast.capacity import rooms_kept_by_other
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_data import build_problem

D = school_id("D")


def _county(rooms: int = 16):
    d = complete_secondary("D", 400, 500)
    d["facilities"][0]["classrooms"] = rooms
    return county(primary_school("A", 1000), d)


def test_senior_classes_keep_their_share_of_the_rooms():
    assert rooms_kept_by_other(_county()).to_dict() == {school_id("A"): 0.0, D: 9.0}


def test_the_plan_builds_classrooms_for_the_junior_classes_only(tmp_path):
    data = _county()
    problem = build_problem(data, current_students(data), 2026,
                            costs=load_costs(cost_file(tmp_path)))
    rooms = problem.forced[problem.forced["item"] == "classroom"]
    assert rooms[["school_id", "quantity"]].to_dict("records") == [{"school_id": D,
                                                                    "quantity": 1}]


def test_no_classroom_when_the_junior_stage_has_its_rooms(tmp_path):
    # 17 rooms: 高中 keeps round(17 × 10 / 18) = round(9.44) = 9, the junior stage 8 for 8
    # classes; counting all 18 classes against 17 rooms would have built one for 高中.
    data = _county(17)
    problem = build_problem(data, current_students(data), 2026,
                            costs=load_costs(cost_file(tmp_path)))
    assert not (problem.forced["item"] == "classroom").any()


def test_the_forecast_counts_the_same_rooms():
    schools = forecast_county(_county(), 1).schools.set_index(["school_id", "year"])
    row = schools.loc[(D, 2025)]
    assert (row["classes_needed"], row["classrooms"], row["classrooms_other"],
            row["classroom_shortfall"], row["idle_classrooms"]) == (8, 7, 9, 1, 0)
    assert row["students"] == 900  # the school's pupils, 高中 included
    assert row["students_per_classroom"] == pytest.approx(400 / 7)


def test_multimedia_rooms_at_a_complete_secondary_are_bought_in_compulsory_terms(tmp_path):
    # D: 17 multimedia rooms (1.68 per hundred junior pupils / share 0.4, rounded up), so the
    # junior unit has 17 × 0.4 = 6.8 rooms, 1.7 per hundred (70.8 %); every other indicator is
    # met, so the school rule asks 85 %: 2.04 × 4 = 8.16 rooms, 1.36 more for the junior stage.
    # The plan buys 2 rooms for the junior stage (6 万元) and the school gets ⌈2 / 0.4⌉ = 5, 3
    # of them counted for 高中 (9 万元, outside the plan); whole rooms split by the share would
    # have cost ⌈1.36 / 0.4⌉ = 4 rooms (12 万元). (10) holds: 0.4 × 5 free rooms (18
    # classrooms + 2 music + 2 art − 17) = 2.
    data = county(primary_school("A", 1000),
                  complete_secondary("D", 400, 500, multimedia_rooms=1.68))
    assert data.facilities.set_index("school_id").at[D, "multimedia_rooms"] == 17
    plan = plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path)), time_limit=30)
    assert plan.confirmed
    bought = plan.actions[["school_id", "item", "quantity", "built", "cost"]]
    assert bought.to_dict("records") == [{"school_id": D, "item": "multimedia_room",
                                          "quantity": 2.0, "built": 5.0, "cost": 6.0}]
    assert plan.objective == pytest.approx(6.0)
    assert plan.senior[["item", "quantity", "built", "senior", "senior_cost"]].to_dict(
        "records") == [{"item": "multimedia_room", "quantity": 2.0, "built": 5.0,
                        "senior": 3.0, "senior_cost": 9.0}]
    assert plan.after.facilities.set_index("school_id").at[D, "multimedia_rooms"] == 22
    assert check_plan(plan.problem, plan.actions) == pytest.approx(6.0)
    assert any("配置网络多媒体教室义务教育阶段需 2 间（计入本方案），建成与高中共用的共 5 间，"
               "其中 3 间按评估办法计入高中（估算 9.00 万元）" in w for w in plan.warnings)
