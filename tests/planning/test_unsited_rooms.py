"""Review rv14 N4 and 3: a room the school's land cannot hold is not built until the land is
decided, and a school still borrowing rooms in its target year is not solved on rooms.

One fact (layout_footprint.unsited_rooms): an expanding school whose new rooms' least footprint
(rooms × 120 m² ÷ the storeys GB 50099-2011 allows: 4 for 小学, 5 for 初中) exceeds the ground its
sports builds leave has them 用地未定. The plan's JSON states it, the checker refuses a plan that
counts such rooms as built, and the 达标路径's counts hold such a school's pass apart as 待核实.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.planning.compliance_summary import UNSITED, assumed_passing, passing_text, plan_unsited
from junheng.planning.layout_check_areas import unsited_problem
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_footprint import (
    borrowing_words,
    still_borrowing,
    unsited_ids,
    unsited_rooms,
)
from junheng.planning.layout_json import _school_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms

COSTS = {"classroom_area_m2": 120.0}


def school(sid, name, rooms, spare, left, action="expand", temporary=0, phase=4):
    return PlannedSchool(sid, name, action, phase=phase, added_classrooms=sum(rooms.values()),
                         temporary_classrooms=temporary, added_classrooms_by_stage=rooms,
                         spare_ground_m2=spare, room_ground_m2=left)


def _plan() -> LayoutOutcome:
    return LayoutOutcome("optimal", (
        school("E", "新区实验学校", {"junior": 6}, 2_398, 0),     # 6 × 120 ÷ 5 = 144 > 0
        school("F", "第四小学", {"primary": 2}, 144, 60),          # 2 × 120 ÷ 4 = 60 ≤ 60: fits
        school("G", "第三初级中学", {"junior": 4}, 3_893, 95),     # 4 × 120 ÷ 5 = 96 > 95
        school("N", "新建初中", {"junior": 18}, 0, 0, "new"),      # a new school's site is its own
        school("B", "实验中学", {}, 0, 0, phase=2),                # builds none, borrows 3 in 2030
    ), {}, year=2025, target_year=2030, costs=COSTS,
        transition=(YearRooms(2030, "B", "junior", 1986, 3, 0, 3),))


def test_the_rooms_without_a_site_are_one_fact_per_school():
    plan = _plan()
    assert [unsited_rooms(s, 120.0) for s in plan.schools] == [6, 0, 4, 0, 0]
    assert unsited_ids(plan) == frozenset({"E", "G"})
    # the plan's JSON states them, as the compliance plan and the checker read them
    assert [_school_json(s, 2025, 120.0)["unsited_rooms"] for s in plan.schools] == [6, 0, 4, 0, 0]


def test_the_checker_refuses_a_plan_counting_rooms_without_a_site_as_built():
    plan = _plan()
    found = Problems()
    unsited_problem("第三初级中学", plan.schools[2], 95.0, 0, 120.0, found)
    assert found.lines == ["第三初级中学新建教室 4 间，按教学用房层数上限计占地至少 96 平方米，体育运动场馆占用后校内空地余 "
                           "95 平方米，放不下，方案却按已建成计（须标明用地未定 4 间，须先核定用地）。"]
    found = Problems()
    unsited_problem("第三初级中学", plan.schools[2], 95.0, 4, 120.0, found)  # said: accepted
    unsited_problem("第四小学", plan.schools[1], 60.0, 0, 120.0, found)       # fits: accepted
    unsited_problem("新建初中", plan.schools[3], 0.0, 0, 120.0, found)        # new site: accepted
    assert found.lines == []
    unsited_problem("第四小学", plan.schools[1], 60.0, 2, 120.0, found)
    assert found.lines == ["第四小学报告用地未定的新建教室 2 间，重新计算为 0 间。"]


def test_a_pass_resting_on_rooms_without_a_site_is_held_apart_as_to_be_verified():
    """The compliance plan's own building that does not fit (a music and an art room, 96 + 90 =
    186 m² ÷ 4 = 46.5 m² on 2,398 − 2,122 − 276 = 0 m²) and the layout's rooms without a site
    (``plan.unsited``) are one set; the junior count 14/18 becomes 12/18 with two held apart."""
    schools = pd.DataFrame({"school_id": ["X", "Y"], "name": ["新区实验学校", "乙中学"], "share_primary": [0.4, 0.0],
                            "ground_whole": [2_398.0, 5_000.0], "ground_layout": [2_122.0, 0.0]})
    actions = pd.DataFrame({"school_id": ["X", "X", "X", "Y"], "item": ["music_room", "art_room", "field", "music_room"],
                            "quantity": [1.0, 1.0, 276.0, 1.0], "built": [1.0, 1.0, 276.0, 1.0]})
    plan = SimpleNamespace(problem=SimpleNamespace(schools=schools), actions=actions, unsited=frozenset({"G"}))
    held = plan_unsited(plan)
    assert held == frozenset({"X", "G"})  # 乙中学's 96 ÷ 5 m² stands on its 5,000 m²
    units = pd.DataFrame({"school_id": ["X", "G", "Y", "X"], "stage": ["junior", "junior", "junior", "primary"],
                          "name": ["新区实验学校", "第三初级中学", "乙中学", "新区实验学校"],
                          "passes": [True, True, True, False]})
    names = assumed_passing(units, "junior", held)
    assert names == ["新区实验学校", "第三初级中学"] and assumed_passing(units, "primary", held) == []
    said = passing_text({"units": 18, "passing": 14, "unsited_passing": names, "fragile_passing": ["乙中学", "第三初级中学"]},
                        " 所达标")
    assert said == (f"按预测中位数 12/18 所达标，其中 1 所余量小于预测误差，另 2 所（新区实验学校、第三初级中学）{UNSITED}，待核实")
    assert UNSITED == "新建校舍本校用地放不下，须先核定用地（局务会决定）"


def test_a_school_borrowing_in_its_target_year_is_named_as_not_solved():
    """实验中学 borrows 3 初中 rooms in 2030 and builds none: 3 × 120 ÷ 5 = 72 m² on its 0 m²."""
    rows = still_borrowing(_plan())
    assert rows == [("实验中学", 3, True)]
    assert borrowing_words(rows) == (
        "其中实验中学 3 间（校内用地放不下）规划年仍借用教室上课、本方案不新建，这些学校的普通教室不计为已解决，"
        "须由局务会决定（见《布局调整方案》“学区调整的选择”）")  # rv28 5: the options are the 完成学年's
    assert borrowing_words([]) == ""


def test_the_school_rows_mark_rooms_without_a_site_and_the_money_is_not_decided():
    """新区实验学校's 6 rooms (no site) are marked in the layout's 理由 and the combined per-school
    row; 第四小学's 2 (fit in 60 m²) are not. 6 × 42.00 + 95.10 = 347.10 万元 of 7,411.91 are not
    decided: 7,064.81 万元 without them."""
    from junheng.planning.layout_footprint import UNSITED_MARK
    from junheng.planning.layout_reasons import action_reason
    from junheng.planning.plans_combined import _school_layout_text
    from junheng.planning.plans_together import unsited_line

    plan = _plan()
    by_id = {s.school_id: s for s in plan.schools}
    e, f = by_id["E"], by_id["F"]
    assert UNSITED_MARK in action_reason(e, by_id, 2030) and UNSITED_MARK not in action_reason(f, by_id, 2030)
    assert _school_layout_text(e, {}).startswith(f"新建教室 6 间{UNSITED_MARK}")
    assert _school_layout_text(f, {}).startswith("新建教室 2 间")
    assert UNSITED_MARK not in _school_layout_text(f, {})
    assert unsited_line({"once": 7411.91, "unsited": {"rooms": 6, "rooms_wan": 252.0, "schools": 1,
                                                      "here_wan": 95.1, "wan": 347.1}}).endswith(
        "不计这部分，一次性财政支出合计 7,064.81 万元。")
    assert unsited_line({"once": 7411.91}) == ""


def test_the_plan_checker_refuses_a_layout_plan_counting_a_room_without_a_site_as_built():
    """test_layout_area_model's N: 600 m² of ground, all taken by its own gap's field (250 m²) and
    the layout's (350 m²). A plan building a 小学 room there (120 ÷ 4 = 30 m² on 0 m²) without
    stating it 用地未定 is refused; stating it (unsited_rooms 1) takes that line away."""
    import sys
    from pathlib import Path

    import pytest

    sys.path.insert(0, str(Path(__file__).parent))
    from test_layout_area_model import config, ground_county

    from junheng.planning import plan_layout
    from junheng.planning.layout_check import PlanViolation, check_plan
    from junheng.planning.layout_json import layout_json

    both = plan_layout(ground_county(), config(), evaluate_cvs=False)
    line = ("学校N新建教室 1 间，按教学用房层数上限计占地至少 30 平方米，体育运动场馆占用后校内空地余 0 平方米，放不下，"
            "方案却按已建成计（须标明用地未定 1 间，须先核定用地）。")
    for said, refused in ((0, True), (1, False)):
        doc = layout_json(both.outcome)
        n = next(s for s in doc["schools"] if s["school_id"] == "N")
        assert (n["room_ground_m2"], n["unsited_rooms"]) == (0, 0)
        n.update(action="expand", added_classrooms=1, added_classrooms_by_stage={"primary": 1, "junior": 0},
                 unsited_rooms=said)
        with pytest.raises(PlanViolation) as err:  # the room's cost is unreported either way
            check_plan(both.problem, doc)
        assert (line in str(err.value).splitlines()) is refused
