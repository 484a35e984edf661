"""A receiver's classes after the layout merges a 教学点 into it (planner review: the 达标路径
must see the layout's merged schools)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from compliance_builders import county, primary_school, school_id
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_data import build_problem
from junheng.planning.compliance_layout import county_after_layout, students_after_layout
from junheng.planning.layout_classes import merged_classes
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

A, P = school_id("A"), school_id("P")
GRADES = ("g1", "g2", "g3", "g4", "g5", "g6")


def _receiver() -> dict:
    """A: 2 classes of 36 in each grade (432 pupils in 12 classes), 20 普通教室, one music
    and one art room; its resources sized for the 437 pupils it has with the point."""
    part = primary_school("A", 437)
    part["classes"] = [{"school_id": A, "grade": g, "class_no": f"{g}-{k}", "students": 36}
                       for g in GRADES for k in (1, 2)]
    part["facilities"][0].update(classrooms=20, music_rooms=1, music_room_area=96.0,
                                 art_rooms=1, art_room_area=90.0, computers=44)
    return part


def _point() -> dict:
    """P: a 教学点 of A with g1 2, g2 2, g3 1 pupils, one class each."""
    part = primary_school("P", 5)
    part["schools"][0].update(school_type="teaching_point", central_school=A)
    part["facilities"][0]["computers"] = 1
    part["classes"] = [{"school_id": P, "grade": g, "class_no": "1", "students": n}
                       for g, n in (("g1", 2), ("g2", 2), ("g3", 1))]
    return part


def _layout(data) -> LayoutOutcome:
    return LayoutOutcome("optimal", (
        PlannedSchool(P, "P教学点", "close", kind="teaching_point", merged_into=A),
        PlannedSchool(A, "A小学", "keep")), {}, county=data.county_code, year=2025,
        target_year=2026, scenario="撤点方案")


def test_a_receiver_forms_its_classes_from_the_merged_pupils():
    # g1 72 + 2 = 74, g2 74, g3 73 pupils: ceil(74 / 45) = 2 ≤ A's 2 classes, so 2 classes
    # each (37 + 37, 37 + 37, 37 + 36); g4–g6 take no one and keep their classes. Carrying
    # P's classes over made 12 + 3 = 15 classes.
    data = county(_receiver(), _point())
    after = county_after_layout(data, _layout(data))
    mine = after.classes[after.classes["school_id"] == A]
    by_grade = mine.groupby("grade")["students"]
    assert by_grade.sum().to_dict() == {"g1": 74, "g2": 74, "g3": 73, "g4": 72, "g5": 72,
                                        "g6": 72}
    assert by_grade.size().to_dict() == dict.fromkeys(GRADES, 2)
    assert sorted(mine.loc[mine["grade"] == "g3", "students"]) == [36, 37]
    assert not (after.classes["school_id"] == P).any()


def test_a_receiver_needs_no_music_or_art_room_for_the_points_old_classes():
    # The target year 2026 with today's pupils, classes at A's average class (never above
    # 45): now 437 / 12 = 36.4 → 37: 74 / 37 → 2, 73 → 2, 72 → 2, 12 classes, one music and
    # one art room needed, A has them. Before, P's 3 classes made 15 and the average
    # 437 / 15 = 29.1 → 30: 74, 74, 73, 72, 72, 72 / 30 → 3 each, 18 classes in 20 rooms:
    # ceil(18 / 12) = 2 music and 2 art rooms, one of each converted from idle rooms.
    data = county(_receiver(), _point())
    layout = _layout(data)
    students = students_after_layout(current_students(data).assign(year=2026), layout)
    problem = build_problem(county_after_layout(data, layout),
                            students[["school_id", "grade", "students"]], 2026,
                            costs=load_costs(), plan_date=date(2026, 6, 1))
    classes = problem.before.classes
    assert len(classes[classes["school_id"] == A]) == 12
    rooms = ("music_room", "art_room", "music_room_conversion", "art_room_conversion")
    assert problem.forced[problem.forced["item"].isin(rooms)].empty


def test_merged_classes_spread_every_count_and_move_other_stages_as_they_are():
    # C teaches g1 in 1 class of 40 (boarders 4); point Q brings g1 6 pupils (boarders 2) and
    # a 附设幼儿班 of 8. g1: 46 pupils > 45 → 2 classes of 23, boarders 6 → 3 and 3; Q's kmix
    # class moves as it is, numbered after Q.
    classes = pd.DataFrame({"school_id": ["C", "Q", "Q"], "grade": ["g1", "g1", "kmix"],
                            "class_no": ["1", "1", "1"], "students": [40, 6, 8],
                            "boarders": [4, 2, 0]})
    out = merged_classes(classes, {"Q": "C"}, {"C": "primary_school"})
    assert out.values.tolist() == [["C", "kmix", "Q-1", 8, 0], ["C", "g1", "1", 23, 3],
                                   ["C", "g1", "2", 23, 3]]


def test_a_receiver_without_the_grade_forms_standard_classes():
    # Primary school C takes D's junior class of 60: C has no g7 class, so the standard
    # junior class of 50: ceil(60 / 50) = 2 classes of 30. C's g1 takes no one and stays.
    classes = pd.DataFrame({"school_id": ["C", "D"], "grade": ["g1", "g7"], "class_no": ["1", "1"],
                            "students": [40, 60]})
    out = merged_classes(classes, {"D": "C"}, {"C": "primary_school"})
    assert out[["grade", "class_no", "students"]].values.tolist() == [
        ["g1", "1", 40], ["g7", "1", 30], ["g7", "2", 30]]
