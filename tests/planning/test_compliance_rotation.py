"""交流轮岗 of a compliance plan goes 城镇 → 乡村 and 优质 → 薄弱 only (constraint (15), review
finding 8): the unit levels, the model's rows, the pairing with its reasons, the checker."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_rotation import direction_pattern, rotation_levels, rotation_rows

A, B, C = school_id("A"), school_id("B"), school_id("C")


def _row(school, item, quantity, **extra):
    return {"from": school, "to": extra["to_school_id"], "n": quantity, "why": extra["reason"]}


def _units(**columns):
    return pd.DataFrame({"stage": "primary", **columns})


def test_levels_order_the_class_then_the_share_of_backbone_teachers():
    """城区 W (4 of 40 骨干 = 10%) 0, 城区 X (1 of 20 = 5%) 1, 镇区 Y (0) 2, 乡村 Z (3 of 10 =
    30%) 3 and 乡村 V (3 of 10, a tie with Z) 3."""
    units = _units(school_id=list("WXYZV"), urban_rural_code=["111", "111", "121", "220", "210"],
                   full_time_teachers=[40, 20, 15, 10, 10], backbone_teachers=[4, 1, 0, 3, 3])
    assert rotation_levels(units).tolist() == [0, 1, 2, 3, 3]
    rows, cols, signs = direction_pattern(units, np.array([True, True, True, True, False]))
    # level 0: in_W ≤ 0; level 1: in_W + in_X ≤ out_W; level 2: … + in_Y ≤ out_W + out_X;
    # level 3: … + in_Z ≤ out_W + out_X + out_Y (V may not move: it is left out)
    assert rows.tolist() == [0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3]
    assert cols.tolist() == [0, 0, 1, 0, 0, 1, 2, 0, 1, 0, 1, 2, 3, 0, 1, 2]
    assert signs.tolist() == [1, 1, 1, -1, 1, 1, 1, -1, -1, 1, 1, 1, 1, -1, -1, -1]


def test_receivers_take_from_the_senders_below_them_and_every_move_says_why():
    """Senders: 城区 A (2 of 10 骨干, 2 teachers), 镇区 B (1 of 10, 1 teacher). Receivers: 镇区 C
    (0 of 10) takes 1, 乡村 D takes 2. C comes first (the lower level) and takes A's first
    teacher; D takes A's second and B's one."""
    units = _units(school_id=list("ABCD"), urban_rural_code=["111", "121", "121", "220"],
                   full_time_teachers=10, backbone_teachers=[2, 1, 0, 0])
    rows = rotation_rows(units, "backbone", out=np.array([2, 1, 0, 0]),
                         into=np.array([0, 0, 1, 2]), row=_row)
    assert rows == [
        {"from": "A", "to": "C", "n": 1, "why": "城区→镇区：城区学校向镇区学校交流"},
        {"from": "A", "to": "D", "n": 1, "why": "城区→乡村：城镇学校向乡村学校交流"},
        {"from": "B", "to": "D", "n": 1, "why": "镇区→乡村：城镇学校向乡村学校交流"}]
    same = rotation_rows(units.iloc[[1, 2]].reset_index(drop=True), "pe_art",
                         out=np.array([1, 0]), into=np.array([0, 1]), row=_row)
    assert same[0]["why"] == ("镇区→镇区：调出校骨干教师占专任教师 10.0%，高于调入校的 0.0%，"
                              "优质学校向薄弱学校交流")


def test_a_stage_pairs_only_within_itself():
    units = pd.DataFrame({"school_id": ["C", "D", "C", "D"],
                          "stage": ["primary", "primary", "junior", "junior"],
                          "urban_rural_code": ["111", "220", "111", "220"],
                          "full_time_teachers": 10, "backbone_teachers": 1})
    rows = rotation_rows(units, "pe_art", out=np.array([1, 0, 0, 0]),
                         into=np.array([0, 1, 0, 0]), row=_row)
    assert [(r["from"], r["to"], r["n"]) for r in rows] == [("C", "D", 1)]


def test_a_rural_school_does_not_send_to_a_town_school_and_the_checker_refuses_it(tmp_path):
    """乡村 A has 20 骨干 for 1,000 pupils (2 per 100, its 10 spare), 城区 C 8 for 1,000 (0.8,
    below the 85% floor: it needs a 9th). Rotation (0.1 万元 a year) is far cheaper than a hire
    (12), but A may not send to C; C hires 1 骨干: 1 × 12 × 5 years = 60 万元."""
    data = county(primary_school("A", 1000, backbone=2.0),
                  primary_school("B", 1000),
                  primary_school("C", 1000, code="111", backbone=0.8))
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    plan = plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30, plan_date=date(2026, 6, 1))
    a = plan.actions
    assert a[["school_id", "item", "quantity"]].values.tolist() == [[C, "hire_backbone", 1]]
    assert check_plan(plan.problem, a) == pytest.approx(60.0)
    wrong = pd.concat([a, a.assign(item="rotation", item_name="交流轮岗调出教师", school_id=A,
                                   name="A小学", to_school_id=C, teacher_type="backbone",
                                   unit_cost=0.1, cost=0.5, annual_cost=0.1,
                                   funding=[dict.fromkeys(range(2026, 2031), 0.1)])])
    with pytest.raises(PlanCheckError, match=r"^\(15\) A小学向C小学交流轮岗不符合城镇学校向乡村学校、"
                                             "优质学校向薄弱学校交流的方向。$"):
        check_plan(plan.problem, wrong.reset_index(drop=True))


def test_schools_less_than_five_points_apart_in_backbone_share_do_not_exchange():
    """The review's case: 城区 实验中学 22.0% 骨干 and 第四中学 20.4% were called 优质 → 薄弱. Within
    one 城乡 class a new tier starts only where the share drops by ≥ 5 points: 22.0%, 20.4% and
    16.0% are one tier (each step < 5 points), 10.0% the next; 乡村 are after every 城区 tier."""
    units = _units(school_id=list("PQRST"), urban_rural_code=["111", "111", "111", "111", "220"],
                   full_time_teachers=[100, 250, 25, 10, 10],
                   backbone_teachers=[22, 51, 4, 1, 0])
    assert rotation_levels(units).tolist() == [0, 0, 0, 1, 2]
    rows = rotation_rows(units, "backbone", out=np.array([1, 0, 0, 0, 0]),
                         into=np.array([0, 0, 0, 0, 1]), row=_row)
    assert [(r["from"], r["to"]) for r in rows] == [("P", "T")]


def test_a_school_sends_at_most_a_fifth_of_its_backbone_teachers(tmp_path):
    """城区 A: 10 骨干 for 500 pupils (2 per 100); 乡村 D: 5 for 1,000 (0.5, it needs 9 to reach
    the 85% floor: 4 more). Rotation (0.1 万元 a year) is far cheaper than a hire (12), but A
    sends at most ⌈20% × 10⌉ = 2 (16): D takes 2 from A and hires 2 —
    2 × 12 × 5 + 2 × 0.1 × 5 = 121 万元 (without the cap: 4 rotations, 2 万元)."""
    data = county(primary_school("A", 500, code="111", backbone=2.0),
                  primary_school("D", 1000, backbone=0.5))
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    plan = plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30, plan_date=date(2026, 6, 1))
    a = plan.actions
    D = school_id("D")
    assert a[["school_id", "item", "quantity"]].values.tolist() == [
        [D, "hire_backbone", 2], [A, "rotation", 2]]
    assert check_plan(plan.problem, a) == pytest.approx(121.0)
    more = a.copy()
    rotated = more["item"] == "rotation"
    more.loc[rotated, ["quantity", "cost", "annual_cost"]] = [3, 1.5, 0.3]
    more.loc[rotated, "funding"] = [{y: v * 1.5 for y, v in f.items()}
                                    for f in a.loc[a["item"] == "rotation", "funding"]]
    with pytest.raises(PlanCheckError, match=r"^\(16\) A小学交流出 3 名教师，超过该校该类教师 10 人的 20%"
                                             r"（最多 2 人）。$"):
        check_plan(plan.problem, more)


def test_a_rotation_into_a_school_at_its_staffing_quota_is_an_exchange(tmp_path):
    """Brief hteach 3, the county of the test above with 11 more teachers at 乡村 D (高中及以下,
    so no indicator counts them): D has 42 + 11 = 53 teachers, its 编制 ⌈1,000 / 19⌉ = 53. The
    2 骨干 rotated from A into D are exchanged: D sends 2 of the 11 back to A, both schools end
    with the teachers they had (A 21, D 53); the cost is the same 121 万元. The checker (22)
    refuses the plan without the exchange: D would have 55."""
    from compliance_builders import _teachers
    from junheng.planning.compliance_county import apply_actions

    d = primary_school("D", 1000, backbone=0.5)
    D = school_id("D")
    d["teachers"] += _teachers(D, 11, degree="secondary_or_below")
    data = county(primary_school("A", 500, code="111", backbone=2.0), d)
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    plan = plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30,
                           plan_date=date(2026, 6, 1))
    a = plan.actions
    moved = a[a["item"] == "rotation"]
    assert moved[["school_id", "to_school_id", "quantity", "exchanged"]].values.tolist() == [
        [A, D, 2, 2]]
    assert check_plan(plan.problem, a) == pytest.approx(121.0)
    after = apply_actions(plan.problem.before, a).teachers
    staff = after[after["full_time"]].groupby("school_id").size().to_dict()
    assert staff == {A: 21, D: 53 + 2}  # D: 53 + 2 hired 骨干
    back = after[(after["school_id"] == A) & after["rotated_in"]]
    assert back["degree"].tolist() == ["secondary_or_below"] * 2
    assert back["from_school_id"].tolist() == [D, D]
    with pytest.raises(PlanCheckError, match=r"^\(22\) D小学（小学）交流轮岗后专任教师 55 人，多于编制 53 人"
                                             r"和轮岗前的 53 人：调入该校的交流轮岗应为交换（该校同时派出教师到调出学校）或不安排。$"):
        check_plan(plan.problem, a.assign(exchanged=0))


def test_the_backbone_share_counts_the_teachers_a_school_at_its_staffing_quota_sends_back(tmp_path):
    """Brief hrot. 城区 A (500 pupils): 10 骨干, 15 体育艺术, 5 others (30 teachers); it sends at
    most ⌈20% × 10⌉ = 2 骨干 and ⌈20% × 15⌉ = 3 体育艺术 (16). 乡村 D (1,000 pupils): 5 体育艺术,
    below the 85% floor 0.85 × 0.9 × 10 = 7.65 → 8, so 3 more; with 11 高中及以下 teachers it has
    42 + 11 = 53 = its 编制 ⌈1,000 / 19⌉. 乡村 E (500 pupils): 4 骨干, 0.85 × 1.0 × 5 = 4.25 → 5,
    so 1 more; 21 teachers, 编制 ⌈500 / 19⌉ = 27 (room for 6).
    One way (the plan before (23)): 3 体育艺术 A → D and 1 骨干 A → E, 1 of 4 = 25% 骨干; but D
    is at its 编制, its 3 are exchanged: 1 of 4 + 3 = 7 is 14.3% < 20%. The plan rotates a
    second 骨干 to E: 2 of 5 + 3 = 8, 25% (≥ 20%). Both plans also hire 1 体育艺术 at D for the
    小学 差异系数 (limit 0.50): with D at 8 of 9 the stage's ratios are A 12 / 4.5 = 2.667
    (500 pupils), D 0.889 (1,000), E 5 / 4.5 = 1.111 (500): mean 1.389, CV 0.743 / 1.389 = 0.535;
    with D at 9: mean 1.444, CV 0.707 / 1.444 = 0.490. Cost: 1 × 10 万元 × 5 years + 5 moves ×
    0.1 万元 × 5 years = 52.5 万元 (the one-way plan 52.0)."""
    from compliance_builders import _teachers

    d = primary_school("D", 1000, pe_art=0.5)
    D, E = school_id("D"), school_id("E")
    d["teachers"] += _teachers(D, 11, degree="secondary_or_below")
    data = county(primary_school("A", 500, code="111", backbone=2.0, pe_art=3.0, higher=6.0), d,
                  primary_school("E", 500, backbone=0.8))
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    plan = plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30,
                           plan_date=date(2026, 6, 1))
    a = plan.actions
    moved = a[a["item"] == "rotation"]
    assert moved[["school_id", "to_school_id", "teacher_type", "quantity", "exchanged"]
                 ].values.tolist() == [[A, E, "backbone", 2, 0], [A, D, "pe_art", 3, 3]]
    assert a.loc[a["item"] != "rotation", ["school_id", "item", "quantity"]].values.tolist() == [
        [D, "hire_pe_art", 1]]
    assert check_plan(plan.problem, a) == pytest.approx(52.5)
    one_way = a.copy()
    first = moved.index[0]
    one_way.loc[first, ["quantity", "cost", "annual_cost"]] = [1, 0.5, 0.1]
    one_way.at[first, "funding"] = {y: v / 2 for y, v in a.at[first, "funding"].items()}
    with pytest.raises(PlanCheckError, match=r"^\(23\) 本方案交流轮岗 7 人（含已达编制的调入学校交换派出的 3 人），"
                                             r"其中骨干教师 1 人，占 14\.3%，低于优质均衡要求的交流轮岗教师总数的 20%："
                                             r"应增加骨干教师交流，或减少调入已达编制学校的交流。$"):
        check_plan(plan.problem, one_way)
