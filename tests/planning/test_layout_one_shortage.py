"""One target-year classroom shortage per school (brief hshort, review rv7): the 布局调整方案's
表7 summed 10 rooms borrowed in 2030 school by school, the next row said the county seat lacked
4 (the borrowed rooms counted as standing) and a later paragraph said 实验中学 「约缺 1 间」 (the
grade-by-grade rooms beyond the solve's pooled seats) where 表3 said it borrows 3. The rooms a
school lacks after the plan count its built rooms only, and a school whose rooms the 过渡期
counts is not named again with the solve's note."""

from __future__ import annotations

import pandas as pd

from junheng.planning.layout_borrow import school_borrowing
from junheng.planning.layout_counts import built_only, room_shortfalls
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_room_words import room_notes
from junheng.planning.layout_unmet import rooms_short, rooms_short_text


def _sites() -> pd.DataFrame:
    # J: a 初级中学 with 6 junior rooms; K: a 小学 with 12 primary rooms
    return pd.DataFrame({"rooms_primary": [0, 12], "rooms_junior": [6, 0],
                         "class_size_primary": [45, 45], "class_size_junior": [50, 50],
                         **{f"share_g{g}": 1 / 3 for g in range(1, 10)}}, index=["J", "K"])


def test_the_rooms_short_after_the_plan_are_those_it_borrows_not_net_of_them():
    # J's 420 pupils of grades 7–9, 140 a grade, form 3 classes a grade: 9 classes. The solve
    # adds 3 junior rooms by seats, 2 of them met by 临时周转 (100 seats at 50 a class): 1 built.
    # Counting the borrowed rooms as standing, 9 − (6 + 3) = 0 short; counting the built only,
    # 9 − (6 + 1) = 2, the rooms it borrows in the target year. K's 300 pupils of grades 1–3,
    # 100 a grade, form 3 classes a grade: 9 in its 12 rooms, none short.
    sites = _sites()
    assign = pd.DataFrame({"site_id": ["J", "K"], "demand": [420, 300],
                           "group": ["grades_7_9", "grades_1_3"]})
    plan = pd.DataFrame({"site_id": ["J", "K"], "action": ["expand", "keep"],
                         "added_primary": [0, 0], "added_junior": [3, 0],
                         "temporary_seats": [{"junior": 100}, {}]})
    assert room_shortfalls(sites, assign, plan) == {"J": 0, "K": 0}
    assert room_shortfalls(sites, assign, built_only(plan, sites)) == {"J": 2, "K": 0}
    # the frame itself is left as it was
    assert plan["added_junior"].tolist() == [3, 0]


def test_a_school_whose_rooms_the_transition_counts_is_not_named_with_the_solve_s_note():
    # J (实验中学): the solve adds 2 rooms by seats, both borrowed; grade by grade it lacks 1 more,
    # its note 「约缺 1 间」; the 过渡期 counts all 3 borrowed in 2030 (1,986 pupils). K (第二小学)
    # builds and borrows nothing: its note's 1 room is no 过渡期 figure, the paragraph keeps it.
    j = PlannedSchool("J", "实验中学", "expand", added_classrooms=2, temporary_classrooms=2,
                      students_after={"junior": 1_986}, students_expected=2_392)
    k = PlannedSchool("K", "第二小学", "keep", students_after={"primary": 400},
                      students_expected=380)
    notes = room_notes({"J": 1, "K": 1}, {"J": 2})
    plan = LayoutOutcome("optimal", (j, k), {}, year=2025, target_year=2030, kept_reasons=notes,
                         transition=(YearRooms(2029, "J", "junior", 2_031, 5, 0, 5),
                                     YearRooms(2030, "J", "junior", 1_986, 3, 0, 3)))
    assert school_borrowing(plan)["J"].target == 3
    assert rooms_short(plan) == {"K": 1}
    text = rooms_short_text(plan)
    assert "第二小学约缺 1 间（规划后 400 人，不调整预计 380 人：含方案转入的学生）" in text
    assert "实验中学" not in text
    # without 过渡期 rows the note is the only figure of J's rooms: both are named
    bare = LayoutOutcome("optimal", (j, k), {}, year=2025, target_year=2030, kept_reasons=notes)
    assert rooms_short(bare) == {"J": 1, "K": 1}
