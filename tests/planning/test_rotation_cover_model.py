"""Brief hrot6 item 1: the 交流轮岗's backfill hires are in the 达标路径's model (26), so the plan
it calls the least is the least with them, and the gap it prints is the printed total's.

Every county here: quality-2017, 小学 生师比 19, 380 pupils a school, so each needs
⌈380 / 19⌉ = 20 teachers and ⌈1 × 3.8⌉ = 4 县级骨干. 城区 T小学 (code 111): ⌈4.7 × 3.8⌉ = 18
teachers, 8 骨干. 乡村 R小学 (220): ⌈5.7 × 3.8⌉ = 22 teachers, ⌈0.7 × 3.8⌉ = 3 骨干 (75 % of its
4, below the 85 % a school may fall to: one more 骨干 is a must). The staffing ledger's 县管校聘
sends R's 2 over its 20 to T (2 short). Costs (:func:`cost_file`): a rotation 0.1 万元 a year
× 5 years = 0.5, a hire (``hire_teacher``) 10 万元 a year × 5 = 50, 培养认定 a 骨干 2.0 once.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance_check import PlanCheckError, check_plan

COSTS = {"items__rotation__unit_cost": 0.1, "items__backbone_training__unit_cost": 2.0}


@pytest.fixture(autouse=True)
def _todays_pupils(monkeypatch):
    """Every year's pupils are today's (the forecast is not under test)."""
    from junheng.planning.compliance_county import current_students

    def today(history, target_year):
        now = current_students(history[-1])
        return pd.concat([now.assign(year=y) for y in range(2026, 2030)], ignore_index=True), "", {}

    monkeypatch.setattr("junheng.jobs.compliance.target_students", today)


def _plan(tmp_path, *schools, **costs):
    from junheng.jobs.compliance import run_compliance

    return run_compliance([county(*schools)], target_year=2026, time_limit=30,
                          plan_date=date(2026, 6, 1), costs=cost_file(tmp_path, **costs))


def _seen(actions: pd.DataFrame) -> list[list]:
    cols = actions[["school_id", "item", "quantity", "to_school_id", "cost"]]
    return cols.astype(object).where(cols.notna(), None).values.tolist()


def _t(**extra):
    return primary_school("T", 380, code="111", higher=4.7, backbone=2.0, **extra)


def _r(**extra):
    return primary_school("R", 380, higher=5.7, backbone=0.7, **extra)


def test_the_plan_trains_a_backbone_teacher_rather_than_rotate_one_it_must_hire_for(tmp_path):
    """R's 一级 teachers of 5+ years qualify for 培养认定. Rotating 1 骨干 T → R costs 0.5, but T
    (20 of its 20 after the 县管校聘, no surplus in the stage) must then hire 1 in his post: 50,
    50.5 in all. Training 1 at R costs 2.0: the cheapest. Before (26) the model saw 0.5 against
    2.0, rotated, and the plan then added the 50 (50.5, a gap of 97 % to the bound 2.0 behind
    「最低投入」)."""
    plan = _plan(tmp_path, _t(), _r(title="first"), **COSTS)
    assert _seen(plan.actions) == [[school_id("R"), "backbone_training", 1.0, None, 2.0]]
    assert check_plan(plan.problem, plan.actions) == pytest.approx(2.0)
    assert plan.solution.objective == pytest.approx(2.0)


def test_a_school_over_its_staffing_quota_sends_and_no_one_is_hired(tmp_path):
    """U小学 (城区 111, 8 骨干 like T) has ⌈5.5 × 3.8⌉ = 21 teachers, 1 over its 20; the
    县管校聘 moves R's 2 to T, so U keeps its 1 surplus. Rotating U → R (0.5) leaves U 20 in
    post, its own surplus fills the post: no hire, 0.5 in all, below training's 2.0."""
    from junheng.planning.compliance_rotation import exchange_words

    plan = _plan(tmp_path, _t(), primary_school("U", 380, code="111", higher=5.5, backbone=2.0),
                 _r(title="first"), **COSTS)
    assert _seen(plan.actions) == [[school_id("U"), "rotation", 1.0, school_id("R"), 0.5]]
    assert check_plan(plan.problem, plan.actions) == pytest.approx(0.5)
    assert plan.solution.objective == pytest.approx(0.5)
    rows = plan.actions.to_dict("records")
    assert exchange_words([{**r, "name": "U小学", "to_name": "R小学"} for r in rows],
                          plan.staffing).endswith(
        "逐校补足：U小学调出 1 名（现有 21 名，编制 20 名），本校按编制富余的 1 名顶岗。")


def test_the_hire_is_in_the_solve_and_the_printed_gap_is_the_printed_total_s(tmp_path):
    """R's teachers are 二级 (none qualifies for training) and a 骨干 hire costs 12 × 5 = 60:
    the rotation T → R (0.5) and T's hire in his post (50) are the least, 50.5, and the model
    now says so (its objective 50.5, not 0.5). plan.json's gap is (50.5 − bound) / 50.5, the
    total it prints, and the workbook's 模型目标值 is that total."""
    from junheng.planning.compliance_json import compliance_dict

    plan = _plan(tmp_path, _t(), _r(), items__rotation__unit_cost=0.1)
    assert _seen(plan.actions) == [[school_id("T"), "rotation", 1.0, school_id("R"), 0.5],
                                   [school_id("T"), "rotation_cover", 1.0, None, 50.0]]
    total = check_plan(plan.problem, plan.actions)
    assert total == pytest.approx(50.5) and plan.solution.objective == pytest.approx(50.5)
    doc = compliance_dict(plan)
    assert (doc["objective"], doc["model_objective"]) == (50.5, 50.5)
    assert doc["gap"] == pytest.approx(max(0.0, 50.5 - doc["bound"]) / 50.5, abs=1e-8)
    assert doc["gap"] <= 1e-4


def test_the_checker_refuses_a_hire_the_staffing_surplus_makes_needless(tmp_path):
    """The plan of :func:`test_a_school_over_its_staffing_quota_sends_and_no_one_is_hired` with
    a hire at U added: U's own surplus fills the post, (26) wants none."""
    plan = _plan(tmp_path, _t(), primary_school("U", 380, code="111", higher=5.5, backbone=2.0),
                 _r(title="first"), **COSTS)
    rot = plan.actions.iloc[0]
    hire = rot.to_dict() | {"item": "rotation_cover", "to_school_id": None, "cost": 50.0,
                            "unit_cost": 10.0, "annual_cost": 10.0,
                            "funding": dict.fromkeys(range(2026, 2031), 10.0)}
    with pytest.raises(PlanCheckError, match=r"^\(26\) U小学（小学）交流轮岗期间须招聘顶岗教师 0 名（调出教师减去"
                                             r"交换派回、本校和同学段按编制富余教师调剂后的人数），方案写 1 名。$"):
        check_plan(plan.problem, pd.concat([plan.actions, pd.DataFrame([hire])],
                                           ignore_index=True))
