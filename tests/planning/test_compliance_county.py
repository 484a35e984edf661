"""The target-year county of the compliance path: classes at the standard, forced rooms,
and the county after a plan's actions."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compliance_builders import county, primary_school, school_id
from junheng.errors import JunhengError
from junheng.planning.compliance_actions import PROJECT_OF
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import apply_actions, target_county
from junheng.planning.compliance_data import actions_frame, build_problem

A = school_id("A")


def test_pupils_of_the_target_year_are_put_in_classes_of_at_most_the_standard():
    data = county(primary_school("A", 400))          # ten classes of 40
    pupils = pd.DataFrame({"school_id": [A] * 6, "grade": ["g1", "g2", "g3", "g4", "g5", "g6"],
                           "students": [91.0, 40.0, 0.0, 0.0, 0.0, 0.0]})
    t = target_county(data, pupils, 2027)
    sizes = t.classes.groupby("grade")["students"].apply(list).to_dict()
    # g1: 91 pupils at the school's average class of 40 -> 3 classes of 31, 30, 30
    assert sizes == {"g1": [31, 30, 30], "g2": [40]}
    assert t.school_year == 2027
    # a grade the forecast does not cover (here all of B's) keeps today's classes
    b = county(primary_school("A", 400), primary_school("B", 80))
    kept = target_county(b, pupils, 2027).classes
    assert kept.loc[kept["school_id"] == school_id("B"), "students"].tolist() == [40, 40]


def _pupils(per_grade: float) -> pd.DataFrame:
    return pd.DataFrame({"school_id": [A] * 6, "grade": ["g1", "g2", "g3", "g4", "g5", "g6"],
                         "students": [per_grade] * 6})


def test_classes_that_fit_the_rooms_at_the_standard_size_need_no_new_room():
    data = county(primary_school("A", 480))          # 12 classes, 12 rooms, 1 music, 1 art
    # 90 per grade: 3 classes each at today's 40 (18 > 12 rooms), 2 each at 45 (12 rooms)
    problem = build_problem(data, _pupils(90.0), 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    assert problem.forced.empty
    assert problem.before.classes["students"].max() == 45


def test_more_classes_than_rooms_forces_classrooms_and_music_and_art_rooms():
    data = county(primary_school("A", 480))
    # 100 per grade: 3 classes each even at 45, 18 classes in 12 rooms
    problem = build_problem(data, _pupils(100.0), 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    forced = dict(zip(problem.forced["item"], problem.forced["quantity"], strict=True))
    # 6 classrooms; ceil(18 / 12) = 2 music and 2 art rooms, one of each there already
    assert forced == {"classroom": 6.0, "music_room": 1.0, "art_room": 1.0}
    area = problem.start.facilities.set_index("school_id").loc[A, "teaching_area"]
    assert area == 4.5 * 480 + 6 * 120 + 96 + 90


def test_a_teaching_point_teaching_mixed_grades_gets_no_room_for_nine_pupils():
    base = primary_school("A", 480)
    point = {"school_id": "TP01", "name": "甲教学点", "school_type": "teaching_point",
             "ownership": "public", "town_code": "410306001", "urban_rural_code": "220",
             "central_school": A, "boarding": False}
    base["schools"].append(point)
    base["facilities"].append({"school_id": "TP01", "classrooms": 2})
    data = county(base)
    pupils = pd.concat([_pupils(80.0), pd.DataFrame({"school_id": ["TP01"] * 3,
                                                     "grade": ["g1", "g2", "g3"],
                                                     "students": [3.0, 3.0, 3.0]})])
    problem = build_problem(data, pupils, 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    # three one-grade classes in two rooms: taught as mixed grades, 9 pupils fit one room
    assert "TP01" not in set(problem.forced["school_id"])


def test_hires_rotation_and_upgrades_change_the_teacher_table():
    data = county(primary_school("A", 1000, title="first"), primary_school("B", 1000))
    b = school_id("B")
    actions = actions_frame([
        {"school_id": A, "stage": "primary", "item": "hire_pe_art", "quantity": 3},
        {"school_id": A, "stage": "primary", "item": "backbone_training", "quantity": 1},
        {"school_id": b, "stage": "primary", "item": "rotation", "quantity": 1,
         "teacher_type": "backbone", "to_school_id": A}])
    after = apply_actions(data.with_tables(), actions).teachers
    at_a = after[after["school_id"] == A]
    assert len(at_a) == 42 + 3 + 1
    # A has 9 体育 teachers and no 音乐 or 美术: each new one goes where fewest teach
    assert sorted(at_a.loc[at_a["teacher_id"].str.startswith("新聘"), "subject"]) == [
        "art", "music", "music"]
    assert (at_a["backbone"] == "county").sum() == 10 + 1 + 1
    moved = at_a[at_a["rotated_in"].fillna(False).astype(bool)]
    assert moved["from_school_id"].tolist() == [b]


def test_training_more_teachers_than_the_unit_has_is_refused():
    data = county(primary_school("A", 1000))         # every teacher 二级: none trainable
    actions = actions_frame([{"school_id": A, "stage": "primary", "item": "backbone_training",
                              "quantity": 1}])
    with pytest.raises(JunhengError, match="学校 4103060001 符合条件的教师不足 1 名"):
        apply_actions(data, actions)


def test_rotation_leaves_the_teachers_training_needs():
    # A's 体育 teachers: one 一级 (trainable), nine 二级; the plan moves one to B and trains
    # the 一级 one to backbone: the mover must be one of the nine.
    data = county(primary_school("A", 1000), primary_school("B", 1000))
    teachers = data.teachers.copy()
    pe = teachers.index[(teachers["school_id"] == A) & (teachers["subject"] == "pe")]
    teachers.loc[pe[0], "title"] = "first"
    data = data.with_tables(teachers=teachers)
    actions = actions_frame([
        {"school_id": A, "stage": "primary", "item": "rotation", "quantity": 1,
         "teacher_type": "pe_art", "to_school_id": school_id("B")},
        {"school_id": A, "stage": "primary", "item": "backbone_training", "quantity": 1}])
    after = apply_actions(data, actions).teachers
    assert after.loc[pe[0], "school_id"] == A and after.loc[pe[0], "backbone"] == "county"


def test_the_applied_workbook_of_a_v2_county_is_a_valid_workbook(tmp_path):
    # The example county (format v2) in 2028: three classrooms and a music and an art room at
    # its central primary school. The workbook after the plan keeps every v2 sheet consistent:
    # 专用教室 lists the new rooms, 近五年培训学时 is summed over 2024-2028's records.
    from junheng.io import example_county, inspect_workbook, write_workbook
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_county import current_students

    data = example_county()
    plan = plan_compliance(data, current_students(data), 2028, time_limit=10, plan_date=date(2026, 6, 1))
    rooms = plan.after.tables["special_rooms"]
    music = rooms[(rooms["school_id"] == "4103060001") & (rooms["room_type"] == "music")]
    assert music["area"].tolist() == [96.0, 96.0]
    path = write_workbook(plan.after, tmp_path / "after.xlsx")
    assert [str(p) for p in inspect_workbook(path).problems] == []


def _two_music_rooms(areas: list[float]):
    """School A (12 classes) with two music rooms of ``areas`` listed in 专用教室 and 校舍设施
    totals of 2 rooms and their sum (one art room of 90 m²)."""
    part = primary_school("A", 480)
    part["facilities"][0].update(music_rooms=2, music_room_area=float(sum(areas)))
    part["special_rooms"] = [
        {"school_id": A, "room_type": "music", "room_no": str(k + 1), "area": a}
        for k, a in enumerate(areas)] + [
        {"school_id": A, "room_type": "art", "room_no": "1", "area": 90.0}]
    return county(part)


def test_listed_rooms_are_enlarged_room_by_room_though_the_average_is_above_the_standard():
    # Review finding 2: rooms of 80 and 120 m² average 100 ≥ 96, yet the first is 16 m² short.
    # The plan enlarges it by its own 16 m² (totals would have given 0) and the county after
    # the plan has rooms of 96 and 120 m². 16 m² is below rooms.repair_below (20 m²): a
    # 维修改造（核定面积） item, not an 改造扩大 project (planner review finding 9); at 20 m² or
    # more it is one.
    data = _two_music_rooms([80.0, 120.0])
    problem = build_problem(data, _pupils(80.0), 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    forced = dict(zip(problem.forced["item"], problem.forced["quantity"], strict=True))
    assert forced == {"music_room_repair": 16.0}
    assert problem.forced["item"].map(PROJECT_OF).tolist() == ["repair"]
    bigger = build_problem(_two_music_rooms([76.0, 120.0]), _pupils(80.0), 2026,
                           costs=load_costs(), plan_date=date(2026, 6, 1))
    assert bigger.forced[["item", "quantity"]].values.tolist() == [["music_room_renovation", 20.0]]
    after = apply_actions(data, problem.forced).tables["special_rooms"]
    music = after[after["room_type"] == "music"]
    assert music["area"].tolist() == [96.0, 120.0]


def test_each_short_room_gets_its_own_shortfall_rounded_up_once_per_school():
    # 95.5 and 90.2 m²: 0.5 + 5.8 = 6.3 m² short, 7 m² to build; each room reaches 96 m²
    # (the 0.7 m² of rounding is not spread)
    data = _two_music_rooms([95.5, 90.2])
    problem = build_problem(data, _pupils(80.0), 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    assert problem.forced["quantity"].tolist() == [7.0]
    after = apply_actions(data, problem.forced).tables["special_rooms"]
    assert after.loc[after["room_type"] == "music", "area"].tolist() == [96.0, 96.0]


def test_the_target_county_and_the_problem_keep_the_countys_stored_overlay():
    from dataclasses import replace

    from junheng.standards import parse_overlay

    overlay = parse_overlay("name: 某省\nstandards: {quality-2017: {sports_area_per_student: "
                            "{primary: 9}}}\n", "x.yaml")
    data = replace(county(primary_school("A", 400)), overlay=overlay)
    assert target_county(data, _pupils(90.0), 2026).overlay is overlay
    problem = build_problem(data, _pupils(90.0), 2026, costs=load_costs(), plan_date=date(2026, 6, 1))
    assert problem.standard.basis == "某省补充标准"
    assert problem.standard.indicator("sports_area_per_student").threshold_for("primary") == 9
