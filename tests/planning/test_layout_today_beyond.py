"""A village whose grades 1–3 already travel beyond the day limit to their school today gets
a plan (brief hstay): today's school stays an allowed pair (the status quo), the 教学点 stays
open as 应留必留 with today's minutes in its reason and the 一至三年级远距离 rows, the
checker accepts the pair there only, and a village with no school today is still refused.

Village 4 (4 children of grades 1–3) lives 0.122° of longitude east of the teaching point TP
(112.10), its nearest school: 0.122 / 0.05 × 4.6094 = 11.247 km, × 1.3 / 25 × 60 = 35.09
minutes, beyond the 30-minute day limit; the central primary C1 (112.00) is 0.222° away,
20.466 km, 63.86 minutes. On main the village had no pair and the county no plan.
"""

from __future__ import annotations

from datetime import date

import pytest
from layout_builders import C1, FLAT_COSTS, TP, V1_PRICES, J, county, school, village

from junheng.errors import InfeasibleError
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model import solve_layout
from junheng.planning.layout_outcome import by_school
from junheng.planning.layout_trips import young_far_rows
from junheng.planning.layout_unmet import day_reasons
from junheng.report.layout_assignments import assignment_rows

FAR = "410306101004"  # village 4, 35.09 minutes from TP


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "today_shares": False, "weights": FLAT_COSTS, "costs": V1_PRICES,
            "plan_date": date(2026, 6, 1), "expansion_lead_years": 0,
            "temporary_peak_years": 1, "sports_land_max_m2": 0}
    return load_layout_config(None, **{**base, **kw})


def far_county(*, primary: bool = True):
    """C1 and TP as in layout_builders.line_county, village 3 at TP, village 4 35.09 minutes
    beyond it; without ``primary`` only the junior school J (no school teaches grades 1–3)."""
    villages = [village(1, 112.00, g13=60, g46=60, g79=60),
                village(3, 112.10, g13=12, g46=12, g79=12),
                village(4, 112.222, g13=4)]
    schools = [school(J, "junior_school", 112.05, beds=200)]
    rooms = {J: 12}
    if primary:
        schools += [school(C1, "primary_school", 112.00, beds=100),
                    school(TP, "teaching_point", 112.10, central=C1)]
        rooms |= {C1: 12, TP: 2}
    return county(villages, schools, rooms)


def far_pairs(problem):
    """(site, minutes to 2 places) of village 4's grades 1–3 pairs."""
    far = problem.customers.index[problem.customers["village_code"] == FAR]
    rows = problem.pairs[problem.pairs["customer"].isin(far)]
    return [(s, round(m, 2)) for s, m in zip(rows["site_id"], rows["travel_min"], strict=True)]


def test_todays_school_beyond_the_day_limit_is_the_villages_only_pair():
    problem = build_layout_problem(far_county(), config())
    assert far_pairs(problem) == [(TP, 35.09)]  # C1 at 63.86 stays out
    assert not problem.travel.loc[problem.travel["site_id"] == TP, "boarding"].any()


@pytest.fixture(scope="module")
def plan():
    return plan_layout(far_county(), config())


def test_the_point_stays_open_as_yingliu_with_todays_minutes(plan):
    doc = layout_json(plan.outcome)
    assert plan.status == "optimal"
    assert {s["school_id"]: s["action"] for s in doc["schools"]}[TP] == "keep"
    far = [a for a in doc["assignments"] if a["village_id"] == FAR]
    assert [(a["school_id"], a["students"], a["boarding"], a["travel_min"]) for a in far] == \
        [(TP, 4, False, 35.09)]
    reason = plan.outcome.kept_reasons[TP]
    assert reason.startswith("应留必留：村3、村4的一至三年级学生在通行时间限制内")
    assert ("村4最近的可接收学校为学校4103060001，一至三年级单程 63.9 分钟，超过走读上限 30 分钟，且不安排一至三年级寄宿。"
            "村4一至三年级 4 人现状单程 35.1 分钟，已超过走读上限 30 分钟，无更近的可接收学校，就读学校不变。") in reason


def test_the_far_rows_list_the_pupils_with_todays_minutes(plan):
    rows = young_far_rows(by_school(plan.outcome.assignments), 20, plan.outcome.names, 30)
    assert [r for r in rows if r[0] == FAR] == [
        [FAR, "村4", TP, "学校TP01", 4, 11.25, 35.09,
         "现状单程已超过走读上限 30 分钟，本方案就读学校不变；需听取家长意见，可选：安排校车接送、就近设教学点"]]


def test_the_day_pupils_over_the_limit_say_their_school_is_unchanged(plan):
    assert plan.outcome.day_over_limit() == {TP: 4}
    assert day_reasons(plan.outcome)[TP] == \
        "村4一至三年级 4 人单程 35.1 分钟，一至三年级不寄宿，就读学校不变，现状即超过走读上限"
    far = [r for r in assignment_rows(plan.outcome.assignments, plan.outcome.names, 30) if r[0] == FAR]
    assert [r[3:11] for r in far] == [[TP, "学校TP01", 4, 4, 0, 11.247, 35.09,
                                       "单程超过走读上限 30 分钟，现状即如此：一至三年级不寄宿，就读学校不变，按现状走读"]]


def test_the_checker_accepts_the_pair_at_todays_school_only(plan):
    doc = layout_json(plan.outcome)
    # the JSON's minutes to 2 places: 1,309,500.48 against the solver's 1,309,506.10
    assert check_plan(plan.problem, doc) == pytest.approx(plan.solution.objective, rel=1e-5)
    moved = next(a for a in doc["assignments"] if a["village_id"] == FAR)
    moved.update(school_id=C1, travel_min=63.86, distance_km=20.47)
    with pytest.raises(PlanViolation, match="村4到学校4103060001单程 63.9 分钟，"
                                            "超过上限 30 分钟。"):
        check_plan(plan.problem, doc)


def test_a_village_with_no_school_today_is_still_refused():
    problem = build_layout_problem(far_county(primary=False), config())
    with pytest.raises(InfeasibleError) as err:
        solve_layout(problem)
    assert str(err.value) == (
        "以下村居的学生现状没有就读学校（或其学校由方案指定撤并），在限制内也没有可就读的学校："
        "村1（410306101001）一至三年级 60 人；村3（410306101003）一至三年级 12 人；村4（410306101004）一至三年级 4 人；"
        "村1（410306101001）四至六年级 60 人；村3（410306101003）四至六年级 12 人。一至三年级须走读且单程不超过 30 分钟，"
        "四至九年级寄宿单程不超过 90 分钟。请放宽通行时间上限或增加候选校址。")


def test_a_village_whose_only_school_today_the_plan_closes_is_refused():
    problem = build_layout_problem(far_county(), config(close=[TP]))
    with pytest.raises(InfeasibleError, match="在限制内也没有可就读的学校：村4（410306101004）一至三年级 4 人。"):
        solve_layout(problem)
