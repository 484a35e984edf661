"""A layout plan a planner would sign (issue 16, review findings 4, 8, 9 and 17), on
hand-made counties worked out by hand: the 高中 classes of a 完全中学 keep their rooms, 民办
schools take no part, grades 1–3 never board, and a small site's extra staff are the
teachers it has."""

from __future__ import annotations

import pytest
from layout_builders import C1, TP, J, county, line_county, school, village

from junheng.jobs.zones_county import county_zone_input
from junheng.model import CountyData
from junheng.model.county import typed_frame
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_counts import private_shares
from junheng.planning.layout_data import existing_sites

K, V = "4103060009", "4103060010"


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025}
    return load_layout_config(None, **{**base, **kw})


def classes(sid: str, grade: str, n: int, students: int, boarders: int = 0) -> list[dict]:
    return [{"school_id": sid, "grade": grade, "class_no": f"{grade}-{i}", "students": students,
             "boarders": boarders} for i in range(1, n + 1)]


def complete_secondary_county() -> CountyData:
    """第四中学-like K: 62 classrooms, 14 grade-7 classes of 46 and 48 高中 classes of 50."""
    villages = [village(1, 112.00, g79=645)]
    schools = [school(K, "complete_secondary", 112.00)]
    rows = classes(K, "g7", 14, 46) + classes(K, "s1", 48, 50)
    return county(villages, schools, {K: 62}, rows)


def test_the_senior_classes_of_a_complete_secondary_school_keep_their_rooms():
    site = existing_sites(complete_secondary_county(), config()).iloc[0]
    # 62 rooms × 48 / 62 classes go to 高中; 14 rooms × 50 = 700 junior seats (was 3,100)
    assert (site["rooms_junior"], site["seats_junior"]) == (14, 700)
    assert site["students_junior_now"] == 644


def test_the_beds_of_senior_boarders_are_not_junior_beds():
    # 3,390 beds; 48 高中 classes with 45 boarders each (2,160) and 14 grade-7 classes with 10
    # (140): the layout has 3,390 − 2,160 = 1,230 beds for its boarders (second review 7)
    schools = [school(K, "complete_secondary", 112.00, beds=3390)]
    rows = classes(K, "g7", 14, 46, boarders=10) + classes(K, "s1", 48, 50, boarders=45)
    data = county([village(1, 112.00, g79=645)], schools, {K: 62}, rows)
    site = existing_sites(data, config()).iloc[0]
    assert (site["beds"], site["boarders_now"]) == (1230, 140)


def test_the_zones_count_the_same_junior_places():
    zi = county_zone_input(complete_secondary_county(), "junior")
    assert zi.schools.capacity.tolist() == [700.0]


def private_county() -> CountyData:
    """Village 1 (112.00, 120 pupils of grades 1–3) lies beside the 民办 primary V (112.00,
    60 pupils today) and one step from the public C1 (112.05, 180 pupils today)."""
    villages = [village(1, 112.00, g13=120)]
    schools = [school(C1, "primary_school", 112.05),
               {**school(V, "primary_school", 112.00), "ownership": "private"}]
    rows = classes(C1, "g1", 4, 45) + classes(V, "g1", 2, 30)
    return county(villages, schools, {C1: 12, V: 6}, rows)


def test_a_private_school_is_neither_a_receiver_nor_the_nearest_school_today():
    data = private_county()
    assert private_shares(data) == {"primary": 0.25, "junior": 0.0}  # 60 of 240
    problem = build_layout_problem(data, config(today_shares=False))
    assert V not in problem.sites.index
    # the village's public demand: 120 less the 25% at 民办 schools, at C1 (not at V)
    assert problem.customers[["demand", "before_site"]].values.tolist() == [[90, C1]]
    assert set(problem.pairs["site_id"]) == {C1}


def test_grades_1_to_3_never_board_and_the_others_at_their_grades_share():
    """C1 teaches 2 grade-1 classes of 30 (nobody boards) and one grade-4 class of 30, 30 of
    them boarding: today's 30 boarders of 90 pupils are all in grade 4."""
    villages = [village(1, 112.00, g13=60, g46=30)]
    rows = classes(C1, "g1", 2, 30) + classes(C1, "g4", 1, 30, boarders=30)
    data = county(villages, [school(C1, "primary_school", 112.00, beds=50)], {C1: 12}, rows)
    problem = build_layout_problem(data, config())
    share = problem.pairs.merge(problem.customers, left_on="customer", right_index=True)
    assert dict(zip(share["group"], share["board_share"], strict=True)) == {
        "grades_1_3": 0.0, "grades_4_6": 1.0}
    plan = plan_layout(data, config(), evaluate_cvs=False)
    assert plan.metrics["before"]["boarders"] == 30


def small_point_county(teachers: int) -> CountyData:
    """line_county with the point TP teaching 3 classes of 2 pupils and ``teachers`` listed."""
    base = line_county(far_village=False)
    rows = [r for g in ("g1", "g2", "g3") for r in classes(TP, g, 1, 2)]
    data = county(base.villages.to_dict("records"), base.schools.to_dict("records"),
                  {C1: 12, TP: 2, J: 12}, rows)
    staff = [{"teacher_id": f"T{i}", "school_id": TP, "stage": "primary"}
             for i in range(teachers)]
    return data.with_tables(teachers=typed_frame("teachers", staff))


def test_a_small_site_costs_the_teachers_it_has_at_most_its_entitlement():
    cost = build_layout_problem(small_point_county(2), config()).sites["site_cost"]
    # 19,200 元 (the site: one guard, brief hsite; 河南 minimum wage, brief hguard) + (2 teachers − 6 / 19 earned) × 100,000 元
    assert cost[TP] == pytest.approx(19_200 + (2 - 6 / 19) * 100_000)
    # 8 teachers are more than the 3 × 1.7 = 5.1 the 班师比 allows: capped there
    cost = build_layout_problem(small_point_county(8), config()).sites["site_cost"]
    assert cost[TP] == pytest.approx(19_200 + (5.1 - 6 / 19) * 100_000)


def test_the_site_cost_is_reported_once_and_the_extra_staff_as_a_weight():
    plan = plan_layout(small_point_county(2), config(), evaluate_cvs=False)
    before = plan.metrics["before"]
    assert "operating_cost_yuan" not in before
    # the site's own 19,200 元 a year (brief hsite, hguard) is money spent, three sites 57,600; its extra
    # staff (redeployed, not dismissed, when it closes) only a weight of the objective
    assert before["operating_site_yuan"] == 57_600
    assert before["staff_weight_yuan"] == round((2 - 6 / 19) * 100_000)



def two_town_county() -> CountyData:
    """An urban town (village 1 and school U, 112.00) and a rural town (village 2 and school
    R, 112.10), 100 children in grades 4–6 each; U teaches 150 pupils today, R 50: a third
    of the rural children attend U today."""
    rural = "410306102"
    villages = [village(1, 112.00, g46=100, code="111"),
                village(2, 112.10, g46=100, town=rural)]
    schools = [school("U", "primary_school", 112.00, code="111"),
               school("R", "primary_school", 112.10, town=rural, code="220")]
    rows = classes("U", "g4", 3, 50) + classes("R", "g4", 1, 50)
    return county(villages, schools, {"U": 12, "R": 12}, rows)


def test_the_baseline_keeps_each_towns_pupils_today():
    problem = build_layout_problem(two_town_county(), config())
    # village 1's 100 children × 150 / 100, village 2's × 50 / 100
    assert problem.customers["demand"].tolist() == [150, 50]
    assert problem.sites["expected"].to_dict() == {"U": 150, "R": 50}
    plan = plan_layout(two_town_county(), config(), evaluate_cvs=False)
    assert plan.metrics["now"]["pupils"] == 200 and plan.metrics["now"]["urban_pupils"] == 150
    # by the villages alone U would expect 100 and R 100
    village_based = build_layout_problem(two_town_county(), config(today_shares=False))
    assert village_based.sites["expected"].to_dict() == {"U": 100, "R": 100}
