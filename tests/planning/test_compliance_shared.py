"""A school that also teaches 高中 (完全中学) in the compliance plan and the forecast: the
compulsory stage's share of shared rooms, counted the same way by both.

D 完全中学 has 400 junior pupils (8 classes of 50, g7–g9) and 500 senior (10 classes) in 16
普通教室 (the builder gives a room per class: 18). Its 高中 classes keep 16 × 10 / 18 = 8.89,
i.e. 9 rooms (the layout's split, rounded), so the junior stage has 7 rooms for 8 classes: the
plan builds 1 classroom, not the 18 − 16 = 2 that counted 高中 classes against all rooms.
"""

from __future__ import annotations

from datetime import date

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
                            costs=load_costs(cost_file(tmp_path)), plan_date=date(2026, 6, 1))
    rooms = problem.forced[problem.forced["item"] == "classroom"]
    assert rooms[["school_id", "quantity"]].to_dict("records") == [{"school_id": D,
                                                                    "quantity": 1}]


def test_no_classroom_when_the_junior_stage_has_its_rooms(tmp_path):
    # 17 rooms: 高中 keeps round(17 × 10 / 18) = round(9.44) = 9, the junior stage 8 for 8
    # classes; counting all 18 classes against 17 rooms would have built one for 高中.
    data = _county(17)
    problem = build_problem(data, current_students(data), 2026,
                            costs=load_costs(cost_file(tmp_path)), plan_date=date(2026, 6, 1))
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
                           costs=load_costs(cost_file(tmp_path)), time_limit=30, plan_date=date(2026, 6, 1))
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


def _private(label: str, students: int, **ratios) -> dict:
    school = primary_school(label, students, **ratios)
    school["schools"][0]["ownership"] = "private"
    return school


def _sports_plan(tmp_path, a: float, b: float):
    data = county(primary_school("A", 1000, sports_area=a), _private("B", 1000, sports_area=b))
    return plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path)), time_limit=30, plan_date=date(2026, 6, 1))


def test_a_cv_kept_over_the_limit_by_a_private_school_says_so(tmp_path):
    # A public at 20 m² per pupil, B 民办 at 5 (1,000 pupils each): CV (20 − 5) / (20 + 5) =
    # 0.600 > 0.50 and no public action lowers it (the plan buys nothing). B's 举办者 needs
    # 2,500 m² (to 7.5): the CV would be (20 − 7.5) / (20 + 7.5) = 0.4545, so it is B's small
    # area that keeps the county over the limit, and the plan says it in those words.
    plan = _sports_plan(tmp_path, 20.0, 5.0)
    assert plan.actions.empty
    assert "小学生均体育运动场馆面积差异系数 0.600，超过 0.50" in plan.failures()
    assert ("达标路径实施后小学生均体育运动场馆面积差异系数仍为 0.600（限值 0.50）：民办学校（B小学）的办学条件由举办者负责，"
            "本方案未在该校投入，按其现状计算，是该校条件不足使差异系数仍超限；举办者按“民办学校举办者整改需求”"
            "补足后为 0.455，可以达标。") in plan.warnings


def test_a_cv_over_the_limit_even_with_the_private_school_mended_says_so(tmp_path):
    # A at 30, B 民办 at 5: 0.714; B at 7.5 still gives (30 − 7.5) / (30 + 7.5) = 0.600. The
    # county mean is 17.5 and both schools deviate by 12.5 with 1,000 pupils: half each of the
    # weighted squared deviation, so both are named (issue 16 item 4: the causes, by name).
    plan = _sports_plan(tmp_path, 30.0, 5.0)
    # rv5 12: each named with its side of the mean (30 > 17.5 above, 5 < 17.5 below)
    causes = ("主要由A小学（高于平均，目标学年 1,000 人，生均 30.0 平方米，达标路径实施后全县平均 17.5 平方米）、B小学（民办，低于平均，"
              "目标学年 1,000 人，生均 5.0 平方米）造成，占学生加权离差平方和的 100%")
    assert (f"达标路径实施后小学生均体育运动场馆面积差异系数仍为 0.714（限值 0.50）：{causes}；即使举办者按“民办学校举办者"
            "整改需求”补足，也仍为 0.600，超过限值，还需公办学校之间的调整（如布局分流）。") in plan.warnings
    assert plan.cv_reasons == {"primary:sports_area_per_student": f"差异系数由个别学校拉高：{causes}"}


def test_rooms_added_since_today_stay_the_compulsory_stages(tmp_path):
    # D with 14 rooms today: 高中 keeps round(14 × 10 / 18) = round(7.78) = 8, the junior stage
    # 6 for 8 classes (2 short). A layout adds 2 rooms (16): split again they would give 高中
    # round(8.89) = 9 and leave 1 short; with today's split (kept_rooms) the 2 added rooms are
    # the junior stage's and nothing is short.
    today = _county(14)
    kept = rooms_kept_by_other(today)
    assert kept[D] == 8
    after = _county(16)
    costs = load_costs(cost_file(tmp_path))
    split_again = build_problem(after, current_students(after), 2026, costs=costs, plan_date=date(2026, 6, 1))
    assert split_again.forced.loc[split_again.forced["item"] == "classroom", "quantity"] \
        .tolist() == [1]
    kept_today = build_problem(after, current_students(after), 2026, costs=costs,
                               kept_rooms=kept, plan_date=date(2026, 6, 1))
    assert not (kept_today.forced["item"] == "classroom").any()
    short_today = build_problem(today, current_students(today), 2026, costs=costs, plan_date=date(2026, 6, 1))
    assert short_today.forced.loc[short_today.forced["item"] == "classroom", "quantity"] \
        .tolist() == [2]
