"""A layout's receivers: the per-pupil areas its moved pupils need beyond the receiver's
spare area are priced (rules (14)–(15), a 城镇 hall at most the 达标路径's cap), listed under
需论证, and counted as built in the county the compliance plan starts from (brief oneyear
item 3; issue 16)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.planning import load_layout_config
from junheng.planning.layout_areas import area_arrays, area_terms, receiver_note
from junheng.planning.layout_config import Costs

CONFIG = load_layout_config(None, sports_land_max_m2=0)  # no land bought (25): test_layout_land


def _amounts(*, expected_junior=700.0, teaching=5000.0, sports=8000.0, share=1.0, rural=False,
             existing=True, junior=1400.0, rooms=10.0):
    """(t, hall or field, u, one-off 元) of one junior school for its planned pupils and rooms (to 1e-6:
    7,140 m² is 14,280 − 7,140 in floating point)."""
    terms = area_terms(pd.Series([existing]), pd.DataFrame({"primary": [0.0],
                                                            "junior": [expected_junior]}),
                       teaching_area=pd.Series([teaching]), sports_area=pd.Series([sports]),
                       share=pd.Series([share]), rural=pd.Series([rural]), costs=Costs())
    areas = area_arrays(terms, CONFIG)
    t, g, f, _, u = areas.amounts(np.array([0.0]), np.array([junior]), np.array([rooms]))
    return tuple(round(float(v[0]), 6) for v in (t, g + f, u, areas.capital(t, g, f)))


def test_a_receiver_pays_for_the_area_its_moved_pupils_need_beyond_its_spare_area():
    # teaching: 5,000 m² against 700 × 5.8 = 4,060 without the plan (940 spare); 1,400 need
    # 8,120: 8,120 − 5,000 − 10 rooms × 120 = 1,920 m². Sports, at the one rule of both plans
    # (85 % × 1.02 of 10.2 = 8.8434 m² a junior pupil, brief hb 1): 8,000 against 700 ×
    # 8.8434 = 6,190.38; 1,400 need 12,380.76: 4,380.76 m², a hall at a 城镇 school of at most
    # 3,000 m² (the 达标路径's cap), 1,380.76 m² beyond it. 1,920 × 3,500 + 3,000 × 4,200 =
    # 6,720,000 + 12,600,000 元
    assert _amounts() == (1920.0, 3000.0, 1380.76, 19_320_000.0)


def test_a_rural_receiver_gets_a_field_and_a_shared_school_counts_its_compulsory_part():
    # half the pupils are 高中: teaching max(5,000 × 0.5, 4,060) = 4,060, a room gives 60 m²:
    # 8,120 − 4,060 − 600 = 3,460 m²; sports max(4,000, 6,190.38): 12,380.76 − 6,190.38 =
    # 6,190.38 m², a field at a 乡村 school, no cap: 3,460 × 3,500 + 6,190.38 × 900 =
    # 12,110,000 + 5,571,342 元
    assert _amounts(share=0.5, rural=True) == (3460.0, 6190.38, 0.0, 17_681_342.0)


def test_a_school_that_loses_pupils_or_has_the_room_or_is_a_projects_new_school_pays_nothing():
    fewer = _amounts(expected_junior=1500.0)  # needs 8,700 and 15,300 without the plan
    roomy = _amounts(teaching=9000.0, sports=15000.0)
    project = _amounts(expected_junior=0.0)  # no pupils without the plan: its project's
    for got in (fewer, roomy, project):
        assert got == (0.0, 0.0, 0.0, 0.0)


def test_the_notes_list_the_priced_receivers_and_the_area_beyond_the_hall_cap():
    schools = pd.DataFrame([{"name": "乙中学", "students_expected": 700, "students_primary": 0,
                             "students_junior": 1400, "added_teaching_area": 1920.0,
                             "added_sports_area": 3000.0, "sports_beyond_cap_area": 3280.0,
                             "area_cost_yuan": 19_320_000.0}])
    assert receiver_note(schools) == (
        "需论证：布局分流使 1 所接收学校的生均面积低于优质均衡标准，超出其富余面积的部分计为本方案一次性财政支出"
        "“接收学校补足生均面积”（共 1,932.00 万元，已计入方案的取舍、预算和分期；达标路径以其为已建成）："
        "乙中学（规划年学生 700 → 1,400 人：教学及辅助用房 1,920 平方米、室内体育馆 3,000 平方米，1,932.00 万元）。"
        "这些学校的用地和建设条件须经论证，条件不具备的应减少分流或另选接收学校。",
        "需征地/租用/布局分流，需论证：以下城镇接收学校分流所需的体育运动场馆面积超出室内体育馆面积上限，超出部分不计价："
        "乙中学 3,280 平方米。",
    )
    only_sports = receiver_note(schools.assign(added_teaching_area=0.0))[0]
    assert "1,400 人：室内体育馆 3,000 平方米，1,932.00 万元）" in only_sports  # no 0 m² part
    assert receiver_note(schools.assign(added_teaching_area=0.0, added_sports_area=0.0,
                                        sports_beyond_cap_area=0.0)) == ()


def test_the_notes_total_is_the_sum_of_the_items_as_listed():
    # each item is printed at 0.01 万元; the total is what those printed items add to
    row = {"students_expected": 100, "students_primary": 200, "students_junior": 0,
           "added_teaching_area": 100.0, "added_sports_area": 0.0, "sports_beyond_cap_area": 0.0}
    schools = pd.DataFrame([dict(row, name=n, area_cost_yuan=y) for n, y in
                            (("甲小学", 3_421_249.0), ("乙小学", 4_548_649.0), ("丙小学", 6_125_349.0))])
    note = receiver_note(schools)[0]
    # items: 342.12 + 454.86 + 612.53 = 1,409.51 (the raw sum 14,095,247 元 is 1,409.52 万元)
    assert "（共 1,409.51 万元，" in note
    assert "342.12 万元）" in note and "454.86 万元）" in note and "612.53 万元）" in note


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


def test_a_receivers_hall_larger_than_its_free_ground_says_the_land_it_needs_and_its_price():
    # Planner review tb 2: 第四小学 got a 1,646 m² hall with 「校内空地至少 144 平方米」. Its
    # spare ground (layout_ground: 9,744 − 8,000 − 1,600 = 144 m²) is read the way the 达标路径
    # reads it; the hall (single storey, footprint = floor area) needs 1,502 m² more, at the
    # 达标路径's land price of 600 元 (costs.yaml sports_remedy): 1,502 × 600 = 90.12 万元.
    from compliance_builders import county, primary_school, school_id

    f = primary_school("F", 800, sports_area=2.0)
    f["facilities"][0].update(site_area=9_744.0, building_area=8_000.0)
    schools = pd.DataFrame([{"site_id": school_id("F"), "name": "第四小学", "students_expected": 537,
                             "students_primary": 845, "students_junior": 0,
                             "added_teaching_area": 0.0, "added_sports_area": 1646.0,
                             "sports_beyond_cap_area": 0.0, "area_cost_yuan": 6_913_200.0}])
    assert ("第四小学（规划年学生 537 → 845 人：室内体育馆 1,646 平方米，691.32 万元；需要场地 1,646 平方米，"
            "校内空地（两个方案建设前）至少 144 平方米，须另行用地 1,502 平方米（按每平方米 600 元约 90.12 万元，未计入本方案投资，"
            "需论证））") in receiver_note(schools, county(f))[0]
