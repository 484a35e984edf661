"""A short peak of 教学及辅助用房 is named by the rooms' rule (planning.layout_years.temporary_amount
at the layout's threshold, 3 years, looked at from the target year to three years after it) and
leased for the school's independent use where that is cheaper than building it, counted as
非学校产权独立使用校舍 (review rv11 1); 临时周转 space counts nowhere (review rv9 1).

The example county, data year 2025, planned on 2026-06-01 for 2028. 示例县城关第一小学 has 12
普通教室 and 2,750 m² of 教学及辅助用房; with 130 pupils in each of grades 1–6 in 2028 (780
pupils, 3 classes a grade: 18 classes) and 90 a grade after (540, 12 classes), 2028 lacks 6
rooms (met by 临时周转, bringing no area: tests/planning/test_compliance_temporary.py) and a
music and an art room (built: 96 + 90 m²). 780 × 4.5 = 3,510 m² against 2,750 + 186 = 2,936:
574 m² short, 73.6 % of the standard per pupil (below the 85 % floor), so the plan must add
them. In 2029 the school has 240 pupils fewer, needing 240 × 4.5 = 1,080 m² less: none of the
574 is needed after 2028.
"""

import sys
from pathlib import Path

import pandas as pd
import pytest

from junheng.planning.compliance_check import check_plan
from junheng.planning.compliance_temporary_area import (
    area_demand,
    area_needs,
    short_area_note,
    split_area,
)
from junheng.planning.layout_years import temporary_amount, temporary_rooms, year_runs
from junheng.standards import load_standard

sys.path.insert(0, str(Path(__file__).parent))
from test_compliance_temporary import LEVEL, SCHOOL, _items, _plan  # noqa: E402

PEAK = dict.fromkeys(range(1, 7), 130)  # 780 pupils in 2028


@pytest.fixture(scope="module")
def peak_plan():
    return _plan({2028: PEAK, 2029: LEVEL, 2030: LEVEL, 2031: LEVEL})


def test_a_one_year_area_peak_is_leased_when_that_is_cheaper(peak_plan):
    """574 m² needed for 2028 alone are leased for the school's independent use: 574 m²·学年 ×
    2 万元 / 120 m² = 9.5667 万元, against 574 m² × 0.35 万元 = 200.90 万元 built (the plan
    building them: 503.50 万元; leasing: 503.50 − 200.90 + 9.5667 = 312.17 万元). The music and
    art rooms keep their building project (30 万元)."""
    assert _items(peak_plan) == {
        "art_room": (1.0, 31.5), "building": (1.0, 30.0), "equipment": (310000.0, 31.0),
        "field": (1550.0, 139.5), "multimedia_room": (5.0, 15.0), "music_room": (1.0, 33.6),
        "sports": (1.0, 10.0), "temporary_area": (574.0, 9.57), "temporary_classroom": (6.0, 12.0)}
    assert peak_plan.confirmed and round(peak_plan.objective, 2) == 312.17
    assert check_plan(peak_plan.problem, peak_plan.actions) == pytest.approx(312.17)
    row = peak_plan.actions[peak_plan.actions["item"] == "temporary_area"].iloc[0]
    assert (row["unit"], row["project"], row["year"], row["built"]) == ("平方米·学年", "rented_area", 2028, 574.0)
    assert peak_plan.problem.short_area.empty


def test_the_leased_m2_count_as_non_owned_independently_used_school_buildings(peak_plan):
    """The county after the plan has 2,750 + 96 + 90 + 574 = 3,510 m² at the school, 4.5 m² a
    pupil (780 × 4.5 = 3,510): a lease for independent use counts (非学校产权独立使用校舍)."""
    fac = peak_plan.after.facilities.set_index("school_id")
    assert float(fac.at[SCHOOL, "teaching_area"]) == pytest.approx(3510.0)


def test_the_plan_says_lease_for_independent_use_and_how_it_differs_from_temporary_rooms(peak_plan):
    """167 元 = 2 万元 / 120 m² (rounded); 574 × 2 / 120 = 9.57 万元; 574 × 0.35 = 200.90."""
    note = next(w for w in peak_plan.warnings if w.startswith("生均教学及辅助用房面积的缺口持续不超过"))
    assert note == (
        "生均教学及辅助用房面积的缺口持续不超过 3 年、末年已不缺的，租赁校舍比新建省的，租赁、不新建：1 所学校共 574 平方米"
        "（共 574 平方米·学年，租金按每平方米每学年 167 元计（假设值，按临时周转教室每间 120 平方米每学年 2.00 万元折算，"
        "以本县实际租金替换），共 9.57 万元）：示例县城关第一小学租赁 574 平方米（租期须覆盖 2028 学年、独立使用，"
        "按非学校产权独立使用校舍计；目标学年需补 574 平方米，学生减少后逐年所需：2028 学年 780 人需 574 平方米，"
        "2029 学年 540 人不需，2030 学年 540 人不需，2031 学年 540 人不需；租金 9.57 万元，新建须 200.90 万元）。"
        "租赁校舍与临时周转不同：临时周转（暂用、借用本校或邻校用房、装配式临时用房）不计入校舍面积；租期一年以上、"
        "由学校独立使用的校舍，教育统计计入校舍建筑面积（《中小学校舍情况》表：校舍建筑面积指学校用于办学并可长期"
        "（一年以上）占有的房屋，其中单列租借面积），目标学年复核时按非学校产权独立使用校舍计入该校教学及辅助用房面积；"
        "租不到的，该校须新建同等面积（须先核定用地），或以布局调整分流学生。")


def test_a_short_peak_is_built_where_the_lease_costs_more(tmp_path):
    """At 50 万元 a room-year the lease of 574 m²·学年 costs 574 × 50 / 120 = 239.17 万元, more
    than the 200.90 万元 of building: the 574 m² are built and named, with the years 临时周转
    instead would leave the school short."""
    from dataclasses import replace

    from junheng.planning.compliance_costs import load_costs

    costs = load_costs()
    room = replace(costs.item("temporary_room"), unit_cost=50.0)
    costs = replace(costs, items={**costs.items, "temporary_room": room})
    plan = _plan({2028: PEAK, 2029: LEVEL, 2030: LEVEL, 2031: LEVEL}, costs=costs)
    items = _items(plan)
    assert items["teaching_area"] == (574.0, 200.9) and "temporary_area" not in items
    assert plan.problem.short_area.loc[SCHOOL, ["added", "rented"]].tolist() == [574.0, 574.0]
    note = next(w for w in plan.warnings if w.startswith("生均教学及辅助用房面积的缺口持续不超过"))
    assert note.startswith("生均教学及辅助用房面积的缺口持续不超过 3 年、末年已不缺的，租赁校舍不比新建省的，新建：")
    assert note.endswith("如以临时周转代替新建，2028 学年该项未达标，2029 学年起学生减少后不缺）。")


def test_a_school_whose_gap_is_met_only_by_temporary_rooms_stays_short(peak_plan):
    """The same plan with the 574 m² as 临时周转 (no 校舍 of the school's): the county after it has
    2,750 + 96 + 90 = 2,936 m², 2,936 / 780 = 3.76 m² a pupil, below 4.5 and below its 85 %
    (3.825): the checker's engine says the school fails (5/7 items)."""
    from junheng.planning.compliance_check import PlanCheckError, _check_engine
    from junheng.planning.compliance_county import apply_actions

    acts = peak_plan.actions.copy()
    acts = acts[acts["item"] != "temporary_area"]
    after = apply_actions(peak_plan.problem.before, acts)
    assert float(after.facilities.set_index("school_id").at[SCHOOL, "teaching_area"]) == 2936.0
    with pytest.raises(PlanCheckError, match=r"\(4\)-\(6\) 方案实施后仍未达标：示例县城关第一小学（小学）：5/7 项达标.*"
                       r"生均教学及辅助用房面积 3.76 平方米/生（标准 4.5 平方米/生，低于 85%）"):
        _check_engine(peak_plan.problem, after)


def test_short_area_note_says_nothing_without_a_short_peak():
    assert short_area_note(None, {}, 3, 2030) == ""
    assert short_area_note(pd.DataFrame(), {}, 3, 2030) == ""


def test_a_lasting_peak_builds_its_rooms_and_rents_no_area():
    """130 a grade in every year: the 6 rooms are built (720 m² with them), 2,936 + 720 = 3,656 ≥
    3,510 m²: nothing rented, no area beyond the rooms."""
    plan = _plan(dict.fromkeys(range(2026, 2032), PEAK))
    items = _items(plan)
    assert items["classroom"] == (6.0, 252.0)
    assert "temporary_area" not in items and "teaching_area" not in items
    assert plan.problem.rented_area is None and plan.problem.short_area.empty


@pytest.mark.parametrize(("needs", "peak", "rented", "built", "years"), [
    # 300 m² for three years, 100 of them still the last year: the 100 are built, 200 rented
    ({2028: 300, 2029: 300, 2030: 300, 2031: 100}, 3, 200.0, 100.0, 600.0),
    # at a threshold of 2 years the 300 m² run of three years is built whole
    ({2028: 300, 2029: 300, 2030: 300, 2031: 100}, 2, 0.0, 300.0, 0.0),
    # 419 m² in 2030, 147 in 2031: all rented, 419 + 147 = 566 m²·学年
    ({2028: 419, 2029: 147, 2030: 0, 2031: 0}, 3, 419.0, 0.0, 566.0),
    # no year after the target year looked at: nothing says the need ends
    ({2028: 419}, 3, 0.0, 419.0, 0.0),
])
def test_split_area_rents_the_levels_of_a_short_peak(needs, peak, rented, built, years):
    top = float(max(needs.values()))
    demand = pd.DataFrame({y: [10_000.0 - (top - k)] for y, k in needs.items()}, index=["S"])
    split = split_area(pd.Series({"S": top}), demand, 2028, peak)
    assert split.loc["S", ["rented", "built", "area_years"]].tolist() == [rented, built, years]


def test_area_needs_fall_by_the_standard_area_of_each_pupil_fewer_and_skip_earlier_years():
    # 2029: 100 junior pupils fewer than 2028 free 580 m² of the 600 added: 20 left
    assert area_needs(600.0, {2027: 9_000.0, 2028: 8_700.0, 2029: 8_120.0, 2030: 9_500.0},
                      2028) == {2028: 600.0, 2029: 20.0, 2030: 600.0}


def test_area_demand_counts_each_stage_at_its_standard_with_the_teaching_points():
    """A: 100 in grade 1 and 50 in grade 7, its teaching point P 10 in grade 1 (a unit with A);
    senior grades and other years are left out: 110 × 4.5 + 50 × 5.8 = 785 m²."""
    yearly = pd.DataFrame({"school_id": ["A", "A", "P", "A", "A"],
                           "grade": ["g1", "g7", "g1", "g10", "g1"],
                           "students": [100.0, 50.0, 10.0, 40.0, 99.0],
                           "year": [2028, 2028, 2028, 2028, 2027]})
    assignment = pd.DataFrame({"school_id": ["A", "P"], "unit_school_id": ["A", "A"]})
    demand, pupils = area_demand(None, yearly, assignment, ["A"], [2028],
                                 load_standard("quality-2017"))
    assert demand.loc["A", 2028] == pytest.approx(785.0) and pupils.loc["A", 2028] == 160


def _rooms_by_room(need, rooms, peak):
    """The rooms' rule as it was written before it served areas too, room by room."""
    last, out = max(need), 0
    for r in range(1, rooms + 1):
        years = sorted(y for y, k in need.items() if k >= r)
        if years and last not in years and all(len(x) <= peak for x in year_runs(years)):
            out += 1
    return out


@pytest.mark.parametrize("seed", range(40))
def test_one_rule_for_rooms_and_areas_counts_rooms_as_before(seed):
    import random

    rng = random.Random(seed)
    need = {2027 + k: rng.randint(0, 6) for k in range(rng.randint(1, 7))}
    rooms, peak = rng.randint(0, 7), rng.randint(1, 4)
    assert temporary_rooms(need, rooms, peak) == _rooms_by_room(need, rooms, peak)
    assert temporary_amount(need, rooms, peak) == _rooms_by_room(need, rooms, peak)


def test_the_senior_part_of_a_shared_rent_is_in_the_same_square_metre_years():
    """第四中学 (compulsory share 0.195) rents 566 m²·学年 for its compulsory stages: the whole
    rent is 566 / 0.195 = 2,902.56 → 2,903 m²·学年, 高中's 2,903 − 566 = 2,337 × 2 万元 / 120 =
    38.95 万元 (not the target year's 2,148.72 m² less the m²·学年); whole units, as printed
    (rv18 9: 2,336.56 priced 38.94 beside the printed 2,337)."""
    from types import SimpleNamespace

    from junheng.planning.compliance_outside import senior_notes, senior_part

    problem = SimpleNamespace(
        schools=pd.DataFrame({"school_id": ["D"], "share_compulsory": [0.195]}),
        before=SimpleNamespace(facilities=pd.DataFrame({"school_id": ["D"]})))
    actions = pd.DataFrame({"school_id": ["D"], "name": ["第四中学"], "item": ["temporary_area"],
                            "quantity": [566.0], "built": [2148.72], "unit_cost": [2.0 / 120]})
    part = senior_part(problem, actions)
    assert part[["built", "senior", "senior_cost"]].iloc[0].tolist() == [2903.0, 2337.0, 38.95]
    assert "租赁与高中共用的共 2,903 平方米·学年，其中 2,337 平方米·学年按评估办法计入高中（估算 38.95 万元）" \
        in senior_notes(problem, part)[0]
