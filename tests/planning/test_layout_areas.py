"""A layout's receivers: the per-pupil areas its moved pupils need beyond the receiver's
spare area are priced in the plan, listed under 需要论证, and counted as built in the county
the compliance plan starts from (brief oneyear item 3)."""

from __future__ import annotations

import pandas as pd

from junheng.planning.layout_areas import receiver_areas, receiver_note

PRICES = {"teaching_yuan": 3500.0, "gym_yuan": 4200.0, "field_yuan": 900.0}


def _schools(**changes) -> pd.DataFrame:
    row = {
        "site_id": "B",
        "name": "乙中学",
        "action": "expand",
        "existing": True,
        "added_classrooms": 10,
        "students_primary": 0,
        "students_junior": 1400,
        "students_expected": 700,
        "cost_yuan": 4_200_000.0,
    }
    return pd.DataFrame([{**row, **changes}])


FACILITIES = pd.DataFrame({"school_id": ["B"], "teaching_area": [5000.0], "sports_area": [8000.0]})


def test_a_receiver_pays_for_the_area_its_moved_pupils_need_beyond_its_spare_area():
    # teaching: 5,000 + 10 rooms × 120 = 6,200 m²; 700 junior pupils need 700 × 5.8 = 4,060
    # (2,140 spare), 1,400 need 8,120: 1,920 m² more. Sports: 8,000 m²; 7,140 (860 spare),
    # 14,280: 6,280 m², a hall at a 城镇 school. 1,920 × 3,500 + 6,280 × 4,200 = 33,096,000 元
    out = receiver_areas(
        _schools(), FACILITIES, pd.Series({"B": 1.0}), pd.Series({"B": False}), **PRICES
    )
    row = out.iloc[0]
    assert (row["added_teaching_area"], row["added_sports_area"]) == (1920.0, 6280.0)
    assert row["area_cost_yuan"] == 33_096_000.0
    assert row["cost_yuan"] == 4_200_000.0  # the model's rooms; the areas are apart
    assert receiver_note(out) == (
        "需要论证：布局分流使 1 所接收学校的生均面积低于优质均衡标准，超出其富余面积的部分计为本方案一次性财政支出"
        "“接收学校补足生均面积”（共 3,309.60 万元；达标路径以其为已建成）：乙中学（规划年学生 700 → 1,400 人：教学及辅助用房 1,920 平方米、"
        "体育运动场馆 6,280 平方米，3,309.60 万元）。请论证这些学校的用地和建设条件，条件不具备的应减少分流或另选接收学校。",
    )


def test_a_rural_receiver_gets_a_field_and_a_shared_school_counts_its_compulsory_part():
    # half the pupils are 高中, so half the buildings are the compulsory stages': teaching
    # 6,200 × 0.5 = 3,100 m² against 4,060 without (960 short) and 8,120 with the plan (5,020
    # short): 4,060 m²; sports 4,000 against 7,140 (3,140) and 14,280 (10,280): 7,140 m², a
    # field at a 乡村 school: 4,060 × 3,500 + 7,140 × 900 = 14,210,000 + 6,426,000 元
    out = receiver_areas(
        _schools(), FACILITIES, pd.Series({"B": 0.5}), pd.Series({"B": True}), **PRICES
    )
    row = out.iloc[0]
    assert (row["added_teaching_area"], row["added_sports_area"]) == (4060.0, 7140.0)
    assert row["area_cost_yuan"] == 20_636_000.0


def test_a_school_that_loses_pupils_or_has_the_room_or_is_a_projects_new_school_pays_nothing():
    fewer = receiver_areas(
        _schools(students_expected=1500),
        FACILITIES,
        pd.Series({"B": 1.0}),
        pd.Series({"B": False}),
        **PRICES,
    )
    big = FACILITIES.assign(teaching_area=9000.0, sports_area=15000.0)
    roomy = receiver_areas(
        _schools(), big, pd.Series({"B": 1.0}), pd.Series({"B": False}), **PRICES
    )
    project = receiver_areas(
        _schools(students_expected=0),
        FACILITIES,
        pd.Series({"B": 1.0}),
        pd.Series({"B": False}),
        **PRICES,
    )
    for out in (fewer, roomy, project):
        assert out[["added_teaching_area", "added_sports_area", "area_cost_yuan"]].sum().sum() == 0
        assert out["cost_yuan"].iloc[0] == 4_200_000.0
    assert receiver_note(roomy) == ()


def test_the_county_the_compliance_plan_starts_from_has_the_priced_areas_built():
    # the compliance plan starts from this county: the areas are not bought twice
    from compliance_builders import county, primary_school, school_id

    from junheng.planning.compliance_layout import county_after_layout
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

    data = county(primary_school("A", 1000), primary_school("B", 600))
    b = school_id("B")
    before = data.facilities.set_index("school_id").loc[b]
    plan = LayoutOutcome(
        "optimal",
        (PlannedSchool(b, "B小学", "keep", added_teaching_area=900.0, added_sports_area=1500.0),),
        {},
        county=data.county_code,
        year=data.school_year,
    )
    after = county_after_layout(data, plan).facilities.set_index("school_id").loc[b]
    assert after["teaching_area"] == before["teaching_area"] + 900.0
    assert after["sports_area"] == before["sports_area"] + 1500.0
