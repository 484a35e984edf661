"""A new school costs what building it to the standard costs (term (16) of layout_model): its
base cost, its classrooms, and the teaching and auxiliary area its pupils need by the 优质均衡
2017 standard beyond those classrooms (小学 4.5, 初中 5.8 m² a pupil; a room of 120 m² gives a
class of 45 primary pupils 120 / 45 ≈ 2.67 m² each and a class of 50 junior pupils 2.4 m²).

Distances as in ``layout_builders``: 0.05° of longitude at lat 34° is 4.6094 km; at the rural
speed 25 km/h with the detour factor 1.3, 0.07° is 20.13 minutes and 0.10° 28.76 minutes,
within the 30-minute day limit. A day pupil's minute costs 0.2 元 × 360 trips = 72 元 a year.
Unit prices are the file's: 3,500 元/m², a classroom 120 × 3,500 = 420,000 元, a new school's
base 12,000,000 元, all over 20 years in the objective. These tests isolate the teaching area
of the package (no fill margin, no field or equipment price: :data:`ONLY_AREA`);
``test_layout_new_package`` prices the whole package.
"""

from __future__ import annotations

import pytest
from layout_builders import COUNTY, TOWN, county, school, village

from junheng.model import CountyData
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model import solve_layout
from junheng.planning.layout_reasons import action_reasons

P, J, N = "4103060001", "4103060002", "N1"
#: no per-site operating cost and no 公用经费 floor: the objectives are construction and travel
#: no per-site cost, no floor and no school bus price (the trade-offs below are worked by hand
#: without them; the bus: test_layout_bus)
NO_SITE_COST = {"operating_yuan_per_school": 0, "funding_floor_pupils": 0,
                "school_bus_yuan_per_pupil_year": 0}
#: the new school's package without its fill margin, sports field and equipment
ONLY_AREA = {"new_school_fill_margin": 0,
             "costs": {"field_yuan_per_m2": 0, "new_school_equipment_yuan_primary": 0,
                       "new_school_equipment_yuan_junior": 0}}


def config(lon: float, **kw):
    base = {"new_sites": [{"id": N, "name": "新校", "lon": lon, "lat": 34.0, "town_code": TOWN}],
            "boarding_per_town": False, "target_year": 2025, "today_shares": False,
            "cv_limits": False, "weights": NO_SITE_COST, **ONLY_AREA,
            "expansion_lead_years": 0}  # expansions in use the year paid (test_layout_build_time)
    return load_layout_config(None, **{**base, **kw})


def closed_county() -> CountyData:
    """Village 1 at 112.00 with 225 children in grades 1–3, 225 in 4–6 and 500 in 7–9; a
    primary P and a junior school J at 112.05, both closed by the plan."""
    return county([village(1, 112.00, g13=225, g46=225, g79=500, code="220")],
                  [school(P, "primary_school", 112.05, code="220"),
                   school(J, "junior_school", 112.05, code="220")], {P: 12, J: 12})


def new_school_plan():
    return plan_layout(closed_county(), config(112.00, close=[P, J]))


def test_a_new_school_costs_base_rooms_and_its_teaching_area_to_the_standard():
    # 450 primary pupils fill 450 / 45 = 10 rooms and 500 junior pupils 500 / 50 = 10 rooms
    # by their stages' seats, but classes are formed grade by grade (rule (23)): 75 a primary
    # grade in ⌈75 / 45⌉ = 2 classes, 12 rooms; 166.7 a junior grade in ⌈166.7 / 50⌉ = 4, 12:
    #   base                                    12,000,000
    #   rooms 24 × 120 m² × 3,500 元            10,080,000   (2,880 m²)
    #   primary (4.5 − 120/45) × 450 = 825 m²    2,887,500
    #   junior  (5.8 − 120/50) × 500 = 1,700 m²  5,950,000
    #   total                                   30,917,500 元
    # (2,400 m² of the rooms and the 825 + 1,700 make 4,925 m² = 4.5 × 450 + 5.8 × 500; the
    # 4 rooms more are what grade-by-grade classes add.) The objective is that over 20 years,
    # 1,545,875 元 (the village is at the new school: no travel).
    plan = new_school_plan()
    doc = layout_json(plan.outcome)
    new = next(s for s in doc["schools"] if s["school_id"] == N)
    assert (new["action"], new["added_classrooms_by_stage"], new["students_after"]) == (
        "new", {"primary": 12, "junior": 12}, {"primary": 450, "junior": 500})
    assert (new["standard_area"], new["standard_area_yuan"]) == (2525.0, 8_837_500.0)
    assert new["capital_yuan"] == 12_000_000 + 24 * 120 * 3500 + 825 * 3500 + 1700 * 3500 \
        == 30_917_500.0
    assert doc["metrics"]["after"]["capital_cost_yuan"] == 30_917_500.0
    assert plan.outcome.objective == pytest.approx(1_545_875.0)
    assert check_plan(plan.problem, doc) == pytest.approx(1_545_875.0)
    assert "建设投资 3,091.75 万元：基础造价 1,200.00 万元（征地、场地平整、围墙、道路管网等）＋普通教室 24 间 " \
           "1,008.00 万元＋按生均标准补足教学及辅助用房 2,525 平方米 883.75 万元" in action_reasons(plan.outcome)[N]


def test_the_checker_refuses_a_new_school_cost_without_its_area_to_the_standard():
    plan = new_school_plan()
    doc = layout_json(plan.outcome)
    new = next(s for s in doc["schools"] if s["school_id"] == N)
    # a plan of before term (16): the base and the rooms only, no area to the standard
    del new["standard_area"], new["standard_area_yuan"]
    new["capital_yuan"] = 22_080_000.0  # 12,000,000 + 24 rooms × 420,000
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert str(err.value) == ("新校报告的建设投资 22,080,000 元与按新增教室、床位和新建学校重新计算的 "
                              "30,917,500 元不符：新建学校按生均标准配套的教学及辅助用房、运动场和设备（8,837,500 元）未计入。")
    new.update(standard_area=0.0, standard_area_yuan=0.0)
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert err.value.lines == (  # both figures named (2,525 m² × 3,500 元), not the first only
        "新建学校新校报告的按生均标准补足的教学及辅助用房（平方米） 0 与按分配学生（含余量）重新计算的 2,525 不符。",
        "新建学校新校报告的按生均标准补足的教学及辅助用房费用（元） 0 与按分配学生（含余量）重新计算的 8,837,500 不符。")


def two_village_county(lon: float, far: int = 500) -> CountyData:
    """Junior school J at 112.00 with 5 rooms (250 seats) and ample area (100,000 m² of
    teaching and of sports area: no receiver's area is priced), teaching village 1 (250
    children in grades 7–9, beside it); village 2 with ``far`` such children at ``lon``,
    where the candidate site N stands."""
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    rows = [{"school_id": J, "grade": g, "class_no": k, "students": 50}
            for g, k in (("g7", "1"), ("g7", "2"), ("g8", "1"), ("g8", "2"), ("g9", "1"))]
    return CountyData.from_records(
        info, villages=[village(1, 112.00, g79=250), village(2, lon, g79=far)],
        schools=[school(J, "junior_school", 112.00)],
        facilities=[{"school_id": J, "classrooms": 5, "teaching_area": 100_000.0,
                     "sports_area": 100_000.0}], classes=rows)


def actions(plan) -> dict[str, tuple[str, int]]:
    return {s.school_id: (s.action, s.added_classrooms) for s in plan.outcome.schools}


def test_the_area_to_the_standard_makes_expanding_cheaper_than_building():
    # Village 2 at 112.07, 20.13 minutes from J. Expanding J builds 10 junior rooms
    # (4,200,000: J's seats are a stage's), the new school 12 (5,040,000: 166.7 pupils a grade
    # in ⌈166.7 / 50⌉ = 4 classes, rule (23)).
    #   expand J: 4,200,000 / 20 + 500 × 20.13 × 72 = 210,000 + 724,680 = 934,680 a year
    #   build N:  (12,000,000 + 5,040,000 + 5,950,000) / 20 = 1,149,500 (no travel)
    # Without the 1,700 m² to the standard (5,950,000, 297,500 a year) building cost 852,000
    # and won; with it, expanding J wins by 214,820.
    plan = plan_layout(two_village_county(112.07), config(112.07))
    assert actions(plan) == {J: ("expand", 10)}
    assert check_plan(plan.problem, layout_json(plan.outcome)) == pytest.approx(934_680.0)
    built = plan_layout(two_village_county(112.07), config(112.07, keep=[N]))
    assert actions(built) == {J: ("keep", 0), N: ("new", 12)}
    assert built.outcome.objective == pytest.approx(1_149_500.0)


def test_a_much_nearer_new_site_is_built_with_its_area_to_the_standard():
    # Village 2 at 112.10, 28.76 minutes from J: expanding J costs 210,000 + 500 × 28.76 ×
    # 72 = 1,245,360 a year, building N 1,149,500 (22,990,000 over 20 years).
    plan = plan_layout(two_village_county(112.10), config(112.10))
    assert actions(plan) == {J: ("keep", 0), N: ("new", 12)}
    doc = layout_json(plan.outcome)
    assert next(s for s in doc["schools"] if s["school_id"] == N)["capital_yuan"] == 22_990_000.0
    assert check_plan(plan.problem, doc) == pytest.approx(1_149_500.0)
    closed = plan_layout(two_village_county(112.10), config(112.10, close=[N]))
    assert check_plan(closed.problem, layout_json(closed.outcome)) == pytest.approx(1_245_360.0)


def test_the_budget_counts_the_area_to_the_standard():
    # A budget of 20,000,000 in one phase holds the 17,040,000 of base and rooms but not the
    # 22,990,000 with the area to the standard: J is expanded (4,200,000) instead; 23,000,000
    # holds N.
    plan = plan_layout(two_village_county(112.10),
                       config(112.10, annual_budget_yuan=20_000_000, phases=1))
    assert actions(plan) == {J: ("expand", 10)}
    check_plan(plan.problem, layout_json(plan.outcome))
    plan = plan_layout(two_village_county(112.10),
                       config(112.10, annual_budget_yuan=23_000_000, phases=1))
    assert actions(plan) == {J: ("keep", 0), N: ("new", 12)}
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc)
    # the checker's budget row counts it too: the same plan under 20,000,000 is refused
    with pytest.raises(PlanViolation, match="建设投资 22,990,000 元超过预算 20,000,000 元"):
        check_plan(plan_layout(two_village_county(112.10), config(
            112.10, annual_budget_yuan=20_000_000, phases=1)).problem, doc)


def test_the_facility_core_counts_the_area_to_the_standard_in_its_budget():
    # the core's side block holds the pairs' term (16) in its budget row (10), as the MILP
    # (a new site's classes grade by grade, rule (23), are the MILP's: the core hands such a
    # problem to it). 450 pupils at N: 9 rooms, 150 a grade in 3 classes; 12,000,000 +
    # 3,780,000 + 3.4 × 450 × 3,500 (5,355,000) = 21,135,000
    for budget, opened in ((20_000_000, {J}), (21_200_000, {J, N})):
        problem = build_layout_problem(two_village_county(112.10, 450), config(
            112.10, annual_budget_yuan=budget, phases=1))
        assert solve_layout(problem, core=True).open_sites == opened
        assert solve_layout(problem).open_sites == opened


def test_the_county_after_the_plan_has_the_teaching_area_the_plan_pays_for():
    # the 差异系数对比 and the compliance plan count what the plan builds at the new school:
    # 24 rooms × 120 + 2,525 = 5,405 m² (4.5 × 450 + 5.8 × 500 = 4,925 and the 4 rooms its
    # classes formed grade by grade add), not 5.8 m² for every pupil (950 × 5.8 = 5,510)
    from junheng.planning.layout_county import planned_county

    plan = new_school_plan()
    after = planned_county(closed_county(), plan.outcome.schools)
    assert after.facilities.set_index("school_id").at[N, "teaching_area"] == 5405.0


def test_the_checker_names_a_site_known_by_its_code_only_by_the_plans_name():
    # review 2026-12-04 C1: messages named schools by code; a site whose name is its code
    # takes the plan's name for it, and with none is 学校（代码 N1）
    from dataclasses import replace

    plan = new_school_plan()
    sites = plan.problem.sites
    bare = replace(plan.problem, sites=sites.assign(name=sites["name"].where(sites.index != N, N)))
    doc = layout_json(plan.outcome)
    new = next(s for s in doc["schools"] if s["school_id"] == N)
    new.update(standard_area=0.0, standard_area_yuan=0.0)
    with pytest.raises(PlanViolation, match="^新建学校新校报告的按生均标准补足的教学及辅助用房"):
        check_plan(bare, doc)
    new["name"] = N
    with pytest.raises(PlanViolation, match="^新建学校学校（代码 N1）报告的按生均标准补足的教学及辅助用房"):
        check_plan(bare, doc)
