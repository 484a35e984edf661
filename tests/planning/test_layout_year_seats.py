"""A school within its seats in the target year but over them in an earlier plan year: the
plan reports that year's overload and what covers it (临时周转) in the school's reason and a
note (planner review: 第二实验小学 138 pupils over its places in 2027, said only inside a new
school's reason)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, COUNTY, FLAT_COSTS, J, school, village

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_overload import Overload, school_in
from junheng.planning.layout_reasons import action_reasons


def shrinking_county() -> CountyData:
    """One rural primary C1 of 6 classrooms (6 × 45 = 270 seats) with 300 pupils, and a
    junior school J, beside one village of 50 children of each age 6–11 and 40 of each age
    0–5. The target year 2029 has ages 2–4 → grades 1–3 (120) and ages 5–7 → grades 4–6
    (40 + 50 + 50 = 140) of today: 260 pupils, within the 270 seats. 2027 has ages 4–6
    (130) and 7–9 (150) of today: 280 pupils, 10 over; 2028: 40 + 40 + 40 + 50 + 50 + 50 =
    270, not over; 2030 and later fall further. C1's grades are a third each of their group
    today (50 each), so its classes of 45 grade by grade: 2027 130 (43.3 a grade: 1 class
    each, 3) and 150 (50: 2 each, 6) = 9 in 6 rooms; 2028 120 (40: 3) and 150 (6) = 9; 2029
    120 (3) and 140 (46.7: 6) = 9; 2030 120 (3) and 40 + 40 + 50 = 130 (3) = 6."""
    v = village(1, 112.00)
    v.update({f"age_{a}": 50 if a >= 6 else 40 for a in range(12)})
    rows = [{"school_id": C1, "grade": g, "class_no": "1", "students": 50}
            for g in ("g1", "g2", "g3", "g4", "g5", "g6")]
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    schools = [school(C1, "primary_school", 112.00, code="220"),
               school(J, "junior_school", 112.00, code="220")]
    return CountyData.from_records(info, villages=[v], schools=schools, classes=rows,
                                   facilities=[{"school_id": C1, "classrooms": 6},
                                               {"school_id": J, "classrooms": 12}])


@pytest.fixture(scope="module")
def plan():
    # target 2030 (2029 before brief hborrow5: rule (27) now prices the 2029 classes grade by grade, 9
    # in 6 rooms, so C1 would add 3 rooms for its target year and have no year over)
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2030,
                             weights=FLAT_COSTS, cv_limits=False, plan_date=date(2026, 12, 4))
    return plan_layout(shrinking_county(), cfg, evaluate_cvs=False)


def test_an_earlier_years_overload_is_reported_with_its_temporary_rooms(plan):
    c1 = next(s for s in plan.outcome.schools if s.school_id == C1)
    assert (c1.action, c1.added_classrooms, c1.capacity["primary"], c1.students_after["primary"]) \
        == ("keep", 0, 270, 250)
    # 2027: 280 − 270 = 10 pupils over, 9 classes grade by grade in 6 rooms: 3 classrooms of
    # 临时周转 (pooled ⌈10 / 45⌉ = 1); 2028: within the 270 seats, yet 9 classes: 3 rooms; 2029
    # 260 pupils, 9 classes: 3 rooms; 2030 (the target year, 250 pupils) 6 classes: none
    assert plan.outcome.overflow == ((2027, C1, "primary", 3), (2028, C1, "primary", 3), (2029, C1, "primary", 3))
    years = ("2027 学年小学 280 人、学位 270 个，超出 10 人，按年级编 9 个班、现有教室 6 间，需临时周转教室 3 间",
             "2028 学年小学 270 人、学位 270 个，按年级编 9 个班、现有教室 6 间，需临时周转教室 3 间",
             "2029 学年小学 260 人、学位 270 个，按年级编 9 个班、现有教室 6 间，需临时周转教室 3 间")
    clause = ("规划年以外学年超出学位或按年级编班缺教室（本方案按规划年核定学位，未扩建该学段）：" + "、".join(years)
              + "；由临时周转解决（借用、租用或校内调剂用房，按临时周转教室每间每学年的单价计入当年一次性投入，不计入建设投资），需论证；"
              "也可把该校部分片区在该学年划入有空余学位的学校。")
    assert clause in action_reasons(plan.outcome)[C1]
    assert [n for n in plan.outcome.notes if n.startswith("规划年以外学年超出学位或按年级编班缺教室")] == [
        "规划年以外学年超出学位或按年级编班缺教室：本方案按规划年核定学位，另逐年核对各校学位（扩建的学段和新建学校启用前等待转入的学生见“过渡期”，不在此列），"
        f"1 所学校共 3 个学年超出学位或缺教室：学校4103060001 {years[0]}；{years[1]}；{years[2]}。"
        "均由临时周转解决（借用、租用或校内调剂用房，按临时周转教室每间每学年的单价计入当年一次性投入，不计入建设投资），需论证；也可把这些学校部分片区在该学年划入有空余学位的学校。"]


def test_pupils_stay_at_their_school_until_it_closes_or_the_new_one_opens():
    closes, opens = {"C": 2030}, {"N": 2029}
    assert [school_in(y, "R", "C", closes, opens) for y in (2027, 2029, 2030)] == ["C", "C", "R"]
    assert [school_in(y, "N", "A", closes, opens) for y in (2028, 2029)] == ["A", "N"]
    assert school_in(2027, "R", float("nan"), closes, opens) == "R"  # no school today


def test_an_overload_counts_classrooms_of_the_standard_size():
    # 605 over at 50 a class: ⌈605 / 50⌉ = 13 classrooms
    assert Overload("J", "junior", 2028, 3155, 2550, 13).text() == (
        "2028 学年初中 3,155 人、学位 2,550 个，超出 605 人，需临时周转教室 13 间")
    from junheng.planning.layout_overload import overloads

    sites = pd.DataFrame({"seats_junior": [2550], "class_size_junior": [50]}, index=["J"])
    assert overloads({("J", "junior"): 3155}, 2028, sites, set())[0].rooms == 13
    # given its classes grade by grade, 66, beyond its 2,550 / 50 = 51 rooms: 66 − 51 = 15
    assert overloads({("J", "junior"): 3155}, 2028, sites, set(), {("J", "junior"): 66})[0].rooms == 15
