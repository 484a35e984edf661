"""The target-year county of the compliance path: classes at the standard, forced rooms,
and the county after a plan's actions."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.planning.compliance_builders import county, primary_school, school_id

from junheng.errors import JunhengError
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import apply_actions, target_county
from junheng.planning.compliance_data import actions_frame, build_problem

A = school_id("A")


def test_pupils_of_the_target_year_are_put_in_classes_of_at_most_the_standard():
    data = county(primary_school("A", 400))          # ten classes of 40
    pupils = pd.DataFrame({"school_id": [A, A], "grade": ["g1", "g2"], "students": [91.0, 40.0]})
    t = target_county(data, pupils, 2027)
    sizes = t.classes.groupby("grade")["students"].apply(list).to_dict()
    # g1: 91 pupils at the school's average class of 40 -> 3 classes of 31, 30, 30
    assert sizes == {"g1": [31, 30, 30], "g2": [40]}
    assert t.school_year == 2027


def test_more_classes_than_rooms_forces_classrooms_and_music_and_art_rooms():
    data = county(primary_school("A", 480))          # 12 classes, 12 rooms, 1 music, 1 art
    pupils = pd.DataFrame({"school_id": [A] * 6, "grade": ["g1", "g2", "g3", "g4", "g5", "g6"],
                           "students": [90.0] * 6})  # 18 classes of 30 (average class 40 > 30)
    problem = build_problem(data, pupils, 2026, costs=load_costs())
    forced = dict(zip(problem.forced["item"], problem.forced["quantity"], strict=True))
    # 18 classes in 12 rooms: 6 classrooms; ceil(18 / 12) = 2 music and 2 art rooms needed
    assert forced == {"classroom": 6.0, "music_room": 1.0, "art_room": 1.0}
    area = problem.start.facilities.set_index("school_id").loc[A, "teaching_area"]
    assert area == 4.5 * 480 + 6 * 120 + 96 + 90


def test_hires_rotation_and_upgrades_change_the_teacher_table():
    data = county(primary_school("A", 1000, title="first"), primary_school("B", 1000))
    b = school_id("B")
    actions = actions_frame([
        {"school_id": A, "stage": "primary", "item": "hire_pe_art", "quantity": 2},
        {"school_id": A, "stage": "primary", "item": "backbone_training", "quantity": 1},
        {"school_id": b, "stage": "primary", "item": "rotation", "quantity": 1,
         "teacher_type": "backbone", "to_school_id": A}])
    after = apply_actions(data.with_tables(), actions).teachers
    at_a = after[after["school_id"] == A]
    assert len(at_a) == 42 + 2 + 1
    assert sorted(at_a.loc[at_a["teacher_id"].str.startswith("新聘"), "subject"]) == ["art", "music"]
    assert (at_a["backbone"] == "county").sum() == 10 + 1 + 1
    moved = at_a[at_a["rotated_in"].fillna(False).astype(bool)]
    assert moved["from_school_id"].tolist() == [b]


def test_training_more_teachers_than_the_unit_has_is_refused():
    data = county(primary_school("A", 1000))         # every teacher 二级: none trainable
    actions = actions_frame([{"school_id": A, "stage": "primary", "item": "backbone_training",
                              "quantity": 1}])
    with pytest.raises(JunhengError, match="学校 4103060001 符合条件的教师不足 1 名"):
        apply_actions(data, actions)
