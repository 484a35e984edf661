"""Review2 finding 4: 第四中学's hall, built in part by the layout plan (162 m²) and in part by
the 达标路径 (401 m² compulsory of a 2,135 m² building shared with 高中), is one building: the
与高中共用 paragraph and sheet print the joint whole, as 布局调整与达标路径合计 does, never a second whole."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd

from junheng.planning.compliance_outside import senior_notes, senior_part

ACTION = pd.DataFrame({"school_id": ["D"], "name": ["第四中学"], "item": ["gym"],
                       "quantity": [401.0], "built": [2135.0], "unit_cost": [0.42]})


def _problem(hall: float | None):
    facilities = pd.DataFrame({"school_id": ["D"]})
    if hall is not None:
        facilities["layout_hall_area"] = [hall]
    schools = pd.DataFrame({"school_id": ["D"], "share_compulsory": [563 / 2998]})
    return NS(before=NS(facilities=facilities), schools=schools)


def test_a_hall_the_layout_also_builds_is_printed_whole_once():
    # 162 + 401 = 563 compulsory; 563 × 2,135 / 401 = 2,997.5 → 2,998 whole;
    # 高中 2,998 − 563 = 2,435 m² × 0.42 万元 = 1,022.70 万元 (plans_together's figures)
    problem = _problem(162.0)
    part = senior_part(problem, ACTION)
    assert part.loc[0, ["quantity", "layout", "built", "senior", "senior_cost"]].tolist() == [
        401.0, 162.0, 2998.0, 2435.0, 1022.70]
    [note] = senior_notes(problem, part)
    assert ("室内体育馆（风雨操场）义务教育阶段需 563 平方米（布局调整方案 162 平方米 + 本方案 401 平方米，合为一座），"
            "建成与高中共用的共 2,998 平方米，其中 2,435 平方米按评估办法计入高中（估算 1,022.70 万元）") in note
    assert "2,135" not in note and "1,734" not in note


def test_without_a_layout_hall_the_plan_own_building_is_the_whole():
    # 2,135 − 401 = 1,734 m² × 0.42 = 728.28 万元
    for problem in (_problem(None), _problem(0.0)):
        part = senior_part(problem, ACTION)
        assert part.loc[0, ["built", "senior", "senior_cost", "layout"]].tolist() == [
            2135.0, 1734.0, 728.28, 0.0]
        [note] = senior_notes(problem, part)
        assert "需 401 平方米（计入本方案），建成与高中共用的共 2,135 平方米，其中 1,734 平方米" in note
