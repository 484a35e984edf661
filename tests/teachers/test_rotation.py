"""交流轮岗 plan on a hand-made county: a 体育 shortage filled, 骨干 quota, CVs reduced, the
solver-free check, an infeasible quota explained, the applied county."""

from __future__ import annotations

import pytest
from teacher_builders import classes, county, school, teachers

from junheng.errors import InfeasibleError
from junheng.teachers.rotation import Move
from junheng.teachers.rotation_check import check_plan
from junheng.teachers.rotation_plan import apply_rotation, plan_json, plan_rotation

U, V = "4103060001", "4103060002"


def make(backbone: bool = True):
    town = (teachers(U, 8, school_start_year=2015)
            + teachers(U, 1, backbone="county" if backbone else "none", school_start_year=2010)
            + teachers(U, 1, backbone="county" if backbone else "none", school_start_year=2015)
            + teachers(U, 2, subject="pe"))
    return county(
        schools=[school(U), school(V, code="220")],
        classes=[classes(U, g, [38]) for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
        + [classes(V, "g1", [30, 30, 30])],
        teachers=[town, teachers(V, 1), teachers(V, 3, school_start_year=2023)]), town


@pytest.fixture(scope="module")
def planned():
    data, town = make()
    return data, town, plan_rotation(data)


def test_shortage_filled_and_backbone_quota(planned):
    data, town, plan = planned
    # 12 eligible at U and 1 at V (its other 3 have 2 years): rotate ⌈1.3⌉ = 2, at most
    # ⌊2.6⌋ = 2 (V, 乡村, sends nobody: no school is more rural).
    assert plan.required == (2, 2)
    rows = plan.move_rows()
    # V (乡村, 6 posts by 班师比) lacks its 体育 teacher; U has one 体育 teacher to spare;
    # 骨干 ≥ 20 % of 2: the longer-serving 骨干 (since 2010) goes.
    assert sorted((r["teacher_id"], r["to_school_id"], r["subject"]) for r in rows) == sorted(
        [(town[8]["teacher_id"], V, "chinese"), (town[10]["teacher_id"], V, "pe")])
    assert plan.result.status.value == "optimal"
    assert all(v == [] for v in plan.violations.values())
    assert plan.checked_objective == pytest.approx(plan.result.objective, abs=1e-6)
    assert plan.shortages()["before"]["priority"] - plan.shortages()["after"]["priority"] == 1


def test_cv_reduced(planned):
    cvs = planned[2].cvs()
    # 骨干 per 100 students: U 2/228, V 0 -> 1/228, 1/90 (weights 228, 90)
    assert cvs["before"]["backbone"] == 0.6283
    assert cvs["after"]["backbone"] == 0.4817
    assert cvs["after"]["pe_art"] == 0.4817


def test_json(planned):
    out = plan_json(planned[2])
    assert (out["eligible"], out["required"], out["rotated"], out["backbone_rotated"]) == (
        13, 2, 2, 1)
    assert out["indicators"][1] == {"key": "backbone", "name": "每百名学生拥有县级以上骨干教师数",
                                    "cv_before": 0.6283, "cv_after": 0.4817}
    assert out["violations"] == {}


def test_checker_finds_broken_constraints(planned):
    data, town, plan = planned
    d = plan.data
    bad = [Move(town[0]["teacher_id"], 0, 1, 0), Move(town[1]["teacher_id"], 0, 1, 0),
           Move(town[2]["teacher_id"], 0, 1, 0)]
    found = check_plan(d, plan.config, bad)
    assert found["(3)"] == ["交流 3 名，多于上限 2 名"]
    assert found["(4)"] == ["骨干教师 0 名，不足交流人数的 20%"]
    assert found["(5)"] == ["4103060001校交流出 3 名，超过上限 2 名"]
    back = check_plan(d, plan.config, [Move(town[0]["teacher_id"], 0, 0, 0)])
    assert back["direction"] == [f"教师 {town[0]['teacher_id']} 的交流方向不符合规则"]


def test_infeasible_backbone_quota_explained():
    data, _ = make(backbone=False)
    with pytest.raises(InfeasibleError, match="符合条件的教师 13 名，至少交流 2 名，其中骨干教师"
                                              "至少 1 名，但符合条件的骨干教师只有 0 名。"):
        plan_rotation(data)


def test_applied_county(planned):
    data, town, plan = planned
    after = apply_rotation(data, plan)
    moved = after.teachers.set_index("teacher_id").loc[town[10]["teacher_id"]]
    assert (moved["school_id"], moved["from_school_id"], bool(moved["rotated_in"])) == (V, U, True)
    # brief hrot2: V (90 pupils, 编制 ⌈90 / 19⌉ = 5, 4 teachers) may gain 1: of the 2 rotated in,
    # 1 is an exchange; brief hrot3: the one V sends to U is its only teacher the 交流轮岗 rules
    # let rotate (10 years there; the other 3 came in 2023)
    first = min(data.teachers.loc[data.teachers["school_id"] == V, "teacher_id"])
    assert after.rotations[["from_school_id", "to_school_id", "mode"]].values.tolist() == [
        [U, V, "exchange"], [U, V, "exchange"], [V, U, "exchange"]]
    assert after.rotations["teacher_id"].iloc[-1] == first
    assert after.teachers.set_index("teacher_id").at[first, "school_id"] == U
    assert str(after.rotations["start_date"].iloc[0].date()) == "2025-09-01"


def test_every_json_key_documented(planned):
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "rotation-json.md").read_text(encoding="utf-8")
    out = plan_json(planned[2])
    keys = [*out, *(f"solve.{k}" for k in out["solve"]), *out["rules"], *out["moves"][0],
            *out["indicators"][0], *(f"cv_rule.{k}" for k in out["cv_rule"]),
            *out["cv_rule"]["stages"][0]]
    assert [k for k in keys if f"`{k}" not in text] == []   # `key`, `key.sub`, `key[]`


def test_infeasible_direction_explained():
    # both schools 城区: no school is more rural than another, nobody can move
    data = county(schools=[school(U), school(V)],
                  classes=[classes(U, "g1", [40]), classes(V, "g1", [40])],
                  teachers=[teachers(U, 10, backbone="county"), teachers(V, 2)])
    with pytest.raises(InfeasibleError, match="符合条件的教师 12 名，至少交流 2 名；按交流方向和各校输出"
                                              "上限（不超过在职专任教师的 20%）最多只能交流 0 名。"):
        plan_rotation(data)


def test_teacher_on_an_ongoing_rotation_is_not_eligible():
    from junheng.teachers.rotation_data import RotationConfig, eligible_teachers

    data, town = make()
    away = {"teacher_id": town[0]["teacher_id"], "from_school_id": U, "to_school_id": V,
            "start_date": "2024-09-01", "mode": "support_teaching"}
    done = {**away, "teacher_id": town[1]["teacher_id"], "end_date": "2025-07-01"}
    data = county(schools=[school(U), school(V, code="220")], teachers=[town],
                  rotations=[away, done])
    ok = eligible_teachers(data, data.teachers, RotationConfig())
    assert ok.tolist()[:3] == [False, True, True]
