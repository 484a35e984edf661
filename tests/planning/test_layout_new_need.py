"""A new school only where its town's need is lasting (review rv15 1): the rule of
layout_years for rooms — a shortage that lasts at most ``temporary_peak_years`` (3) school
years and is gone by the last year looked at is met by 临时周转 — applied to a 城区 candidate
site, on hand-made counties.

One 城区 community (111) at 112.00 and one junior school J there with 10 rooms (50 a class,
500 seats); the data year 2025, the plan made 2026-12-05 (first school year 2027), a new school
built in 2 years (opens 2029 at the earliest), target 2030, looked at to 2033. A child aged
``a`` in 2025 is in 初中 (ages 12–14) in 2025 + 12 − a … 2025 + 14 − a.
"""

from __future__ import annotations

from datetime import date

import pytest
from layout_builders import COUNTY, TOWN, county, school, village

from junheng.planning import load_layout_config
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_data import build_layout_problem
from junheng.planning.layout_new_need import check_new_need

J, N = f"{COUNTY}0002", "N1"


def bulge_county(later: int):
    """250 children at ages 8–10 (a bulge: 初中 in 2029–2031), ``later`` at ages 4–6, 100 at
    every other age 0–14."""
    v = village(1, 112.00, code="111")
    v.update({f"age_{a}": 100 for a in range(15)})
    v.update({f"age_{a}": 250 for a in (8, 9, 10)})
    v.update({f"age_{a}": later for a in (4, 5, 6)})
    return county([v], [school(J, "junior_school", 112.00, code="111")], {J: 10})


def config(need: str = "lasting"):
    return load_layout_config(None, new_sites=[{"id": N, "name": "村1片区学校", "lon": 112.01, "lat": 34.0,
                                                "town_code": TOWN, "urban_rural_code": "111"}],
                              target_year=2030, today_shares=False, boarding_per_town=False, cv_limits=False,
                              plan_date=date(2026, 12, 5), new_school_need=need)


def test_a_bulge_gone_in_two_years_offers_no_new_school():
    # 初中 pupils: 2029 ages 8–10: 750 → 15 classes, 5 short; 2030 ages 7–9: 100 + 500 = 600 → 2
    # short; 2031 ages 6–8: 100 + 100 + 250 = 450 → 9 classes, none short; 2032, 2033 300 → none:
    # 2 years ≤ 3 and gone by 2033 → 临时周转, no new school
    problem = build_layout_problem(bulge_county(100), config())
    assert N not in problem.sites.index
    assert problem.not_offered == {"村1片区学校": (
        "新建学校最早 2029 学年启用；该乡镇（街道）现有学校教室逐年缺口：初中 2029 学年 5 间、2030 学年 2 间，"
        "2031 学年起不缺；小学各年不缺；缺口持续不超过临时周转年限 3 年且至 2033 学年已消失，以临时周转解决，不新建学校")}
    # the rule off: the site is offered
    assert N in build_layout_problem(bulge_county(100), config("any")).sites.index


def test_a_need_still_there_in_the_last_year_offers_the_new_school():
    # 250 at ages 4–6 too: 2031 ages 6–8 250 + 100 + 250 = 600 → 2 short; 2032 ages 5–7 600 → 2;
    # 2033 ages 4–6 750 → 5 short: short in the last year looked at → lasting
    problem = build_layout_problem(bulge_county(250), config())
    assert N in problem.sites.index and problem.not_offered == {}


def test_the_checker_refuses_a_new_school_for_a_temporary_need():
    # the plan made without the rule (``any``) opens N; the checker of the rule re-derives the
    # town's need from the problem's schools and pupils and names it
    problem = build_layout_problem(bulge_county(100), config())
    plan = {N: {"action": "new", "name": "村1片区初级中学", "town_code": TOWN}, J: {"action": "keep"}}
    with pytest.raises(PlanViolation) as err:
        check_new_need(problem, plan, bulge_county(100))
    assert err.value.lines == (
        "村1片区初级中学：新建学校最早 2029 学年启用；该乡镇（街道）现有学校教室逐年缺口：初中 2029 学年 5 间、2030 学年 2 间，"
        "2031 学年起不缺；小学各年不缺；缺口持续不超过临时周转年限 3 年且至 2033 学年已消失，以临时周转解决，不新建学校，"
        "本方案不应新建。",)
    lasting = build_layout_problem(bulge_county(250), config())
    assert check_new_need(lasting, plan, bulge_county(250)) is None


def test_without_the_rule_a_kept_site_carries_the_town_shortage_for_the_documents():
    # new_school_need any: the site is offered; if the plan opens it, its note gives the town's
    # shortage year by year and what the rule would do
    from junheng.planning.layout_new_need import kept_note
    from junheng.planning.layout_outcome import PlannedSchool

    problem = build_layout_problem(bulge_county(100), config("any"))
    assert kept_note(problem.sites, [PlannedSchool(N, "村1片区初级中学", "new")]) == (
        "新建学校与临时周转年限：村1片区初级中学：新建学校最早 2029 学年启用；该乡镇（街道）现有学校教室逐年缺口：初中 2029 学年 5 间、"
        "2030 学年 2 间，2031 学年起不缺；小学各年不缺；缺口持续不超过临时周转年限 3 年且至 2033 学年已消失；"
        "按“新建学校只用于持续的学位缺口”规则（方案设置“新建学校条件”为持续缺口）应以临时周转解决、不新建学校，"
        "本方案未采用该规则，是否新建由局务会决定。")
    assert kept_note(problem.sites, [PlannedSchool(J, "学校", "keep")]) == ""


def test_a_school_still_over_its_size_cap_is_a_lasting_need():
    # the bulge county (rooms short 2029–2030 only, gone by 2033) with a 校额上限 of 250: J's 初中
    # pupils in 2033 (ages 4–6 in 2025: 100 + 100 + 100 = 300) exceed it → J stays 大校额 → the
    # need lasts, the site is offered and the checker accepts the new school
    problem = build_layout_problem(bulge_county(100), config().model_copy(update={"school_size_cap": 250}))
    assert N in problem.sites.index and problem.not_offered == {}
    plan = {N: {"action": "new", "name": "村1片区初级中学", "town_code": TOWN}, J: {"action": "keep"}}
    assert check_new_need(problem, plan, bulge_county(100)) is None
    # a cap of 300: 300 pupils are not over it → the temporary need alone → not offered
    capped = build_layout_problem(bulge_county(100), config().model_copy(update={"school_size_cap": 300}))
    assert N not in capped.sites.index


def test_a_school_listed_to_close_lends_its_pupils_not_its_rooms():
    # the bulge county with J listed to close: its 初中 pupils (300 in 2033, 6 classes) still need
    # rooms and its 10 rooms are gone: 6 short in 2033 → lasting → the site is offered
    problem = build_layout_problem(bulge_county(100), config().model_copy(update={"close": [J]}))
    assert N in problem.sites.index and problem.not_offered == {}
