"""Review finding 7 (rule (17)): idle 普通教室 become music and art rooms before any is built."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from compliance_builders import county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_data import build_problem

A, B = school_id("A"), school_id("B")


def _without_rooms(label: str, classrooms: int) -> dict:
    """School ``label``: 480 pupils in 12 classes of 40, ``classrooms`` 普通教室 and no music
    or art room (the item asks for one of each)."""
    part = primary_school(label, 480)
    part["facilities"][0].update(classrooms=classrooms, music_rooms=0, music_room_area=0.0,
                                 art_rooms=0, art_room_area=0.0)
    return part


def _pupils() -> pd.DataFrame:
    grades = ["g1", "g2", "g3", "g4", "g5", "g6"]
    return pd.DataFrame({"school_id": [A] * 6 + [B] * 6, "grade": grades * 2,
                         "students": [80.0] * 12})


def _data():
    # A: 14 rooms for 12 classes, 2 idle; B: 13 rooms, 1 idle
    return county(_without_rooms("A", 14), _without_rooms("B", 13))


def test_idle_rooms_are_converted_first_and_only_the_rest_is_built():
    problem = build_problem(_data(), _pupils(), 2028, costs=load_costs(), plan_date=date(2026, 6, 1))
    forced = problem.forced[["school_id", "item", "quantity"]].to_dict("records")
    assert forced == [
        {"school_id": A, "item": "music_room_conversion", "quantity": 1.0},
        {"school_id": B, "item": "music_room_conversion", "quantity": 1.0},
        {"school_id": A, "item": "art_room_conversion", "quantity": 1.0},
        {"school_id": B, "item": "art_room", "quantity": 1.0}]
    assert problem.idle_rooms.to_dict() == {A: 2, B: 1}


def test_conversions_are_priced_apart_from_new_rooms_and_need_no_building_project():
    # A: 96 × 0.15 + 90 × 0.15 = 14.4 + 13.5 万元, no 前期费用; B: a music room converted
    # (14.4) and an art room built, 90 m² × 0.35 = 31.5 plus the building project's 30
    plan = plan_compliance(_data(), _pupils(), 2028, time_limit=20, plan_date=date(2026, 6, 1))
    rooms = plan.actions[plan.actions["project"].isin(("renovation", "building"))]
    got = sorted((r.school_id, r.item, r.quantity, round(r.cost, 2))
                 for r in rooms.itertuples())
    assert got == [(A, "art_room_conversion", 1.0, 13.5), (A, "music_room_conversion", 1.0, 14.4),
                   (B, "art_room", 1.0, 31.5), (B, "building", 1.0, 30.0),
                   (B, "music_room_conversion", 1.0, 14.4)]
    assert plan.confirmed
    after = plan.after.facilities.set_index("school_id")
    assert after.loc[[A, B], "classrooms"].tolist() == [12, 12]
    assert after.loc[[A, B], "music_rooms"].tolist() == [1, 1]
    assert check_plan(plan.problem, plan.actions) == pytest.approx(
        plan.actions["cost"].sum())


def test_the_checker_rejects_new_rooms_beside_idle_ones_and_conversions_beyond_them():
    plan = plan_compliance(_data(), _pupils(), 2028, time_limit=20, plan_date=date(2026, 6, 1))
    more = replace(plan.problem, idle_rooms=pd.Series({A: 2, B: 2}))
    with pytest.raises(PlanCheckError, match=r"^\(17\) B小学仍有闲置普通教室 1 间，却新建音乐、美术专用教室 1 间"):
        check_plan(more, plan.actions)
    fewer = replace(plan.problem, idle_rooms=pd.Series({A: 1, B: 1}))
    with pytest.raises(PlanCheckError, match=r"^\(17\) A小学改造普通教室 2 间，超过目标学年闲置的 1 间"):
        check_plan(fewer, plan.actions)


def test_a_conversion_the_forecast_needs_back_as_a_classroom_is_said():
    # A converts 2 of its 14 rooms for 12 classes in 2028; in 2029 its 600 pupils (100 a
    # grade) need 3 classes a grade (18 > 14 rooms: classes of 45, still 3): 18 − 12 = 6 short
    from junheng.planning.compliance_rooms_later import converted_room_notes

    data = county(_without_rooms("A", 14))
    actions = pd.DataFrame({"school_id": [A, A], "name": ["A小学"] * 2, "quantity": [1.0, 1.0],
                            "item": ["music_room_conversion", "art_room_conversion"]})
    later = pd.DataFrame({"school_id": [A] * 6, "grade": ["g1", "g2", "g3", "g4", "g5", "g6"],
                          "year": 2029, "students": [100.0] * 6})
    assert converted_room_notes(data, later, actions, 2028) == [
        "1 所学校把闲置普通教室改造为音乐、美术专用教室后，招生预测显示目标学年后 3 年内普通教室又不足："
        "A小学（改造 2 间后 2029 学年缺 6 间）。届时可把专用教室恢复为普通教室或新建专用教室（本方案按目标学年计算）。"]
    assert converted_room_notes(data, later.assign(students=80.0), actions, 2028) == []
