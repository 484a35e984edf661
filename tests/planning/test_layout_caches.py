"""The layout step's values made once (brief hspeed): each cache hands out what the function
makes, and an input changed is made again, never served from the cache."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pandas as pd
import pytest
from tests.planning.test_layout_lend import _county

from junheng.model.memo import per_object
from junheng.planning import layout_lend
from junheng.planning.compliance_layout import apportion
from junheng.planning.layout_check_years import _children
from junheng.planning.layout_children import village_children
from junheng.planning.layout_forecast import (
    FORECAST_TABLE,
    GRADES_TABLE,
    grade_shares,
    school_forecast,
)
from junheng.planning.layout_lend import placements
from junheng.planning.layout_options import option_facts
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_unmet import rule_lines
from junheng.planning.staffing_transfer import subject_groups, taught


def _loans(plan) -> list:
    return [(p.year, p.rooms, [(k, n) for k, _d, n, _sp in p.lenders]) for p in placements(plan)]


def test_a_plans_loans_are_made_once_and_a_changed_plan_again(monkeypatch):
    made = []
    lend_year = layout_lend.lend_year
    monkeypatch.setattr(layout_lend, "lend_year", lambda *a: made.append(a[1]) or lend_year(*a))
    plan = _county()
    # test_layout_lend: 2028 from 新区二小 (12), 2030 and 2031 from 第一初中 (11 spare rooms)
    assert _loans(plan) == _loans(plan) == [(2028, 12, [("N", 12)]), (2030, 3, [("F", 3)]), (2031, 1, [("F", 1)])]
    assert made == [2028, 2030, 2031]  # the second call made nothing
    assert placements(plan) is not placements(plan)  # each caller its own list
    # 第一初中 with 2,540 pupils in 2030: ⌊(2,550 − 2,540) ÷ 50⌋ = 0 spare; 新区二小 (1.1 km) lends
    fuller = replace(plan, year_pupils=tuple((y, s, st, 2540 if (y, s) == (2030, "F") else n)
                                             for y, s, st, n in plan.year_pupils))
    assert _loans(fuller) == [(2028, 12, [("N", 12)]), (2030, 3, [("N", 3)]), (2031, 1, [("F", 1)])]
    assert made == [2028, 2030, 2031] * 2


def test_the_distance_of_a_pair_is_the_haversines():
    a, b = PlannedSchool("A", "甲", "keep", lon=112.7, lat=34.6), PlannedSchool("B", "乙", "keep", lon=112.7, lat=34.61)
    # 0.01° of latitude: 0.01 × π / 180 × 6,371 = 1.112 km, the same from the cache
    assert [round(layout_lend.km(a, b), 3), round(layout_lend.km(a, b), 3)] == [1.112, 1.112]
    assert layout_lend.km(a, replace(b, lat=34.62)) == pytest.approx(2.224, abs=1e-3)
    assert layout_lend.km(a, replace(b, lon=None)) is None


def test_objects_and_their_copies():
    made = []
    pair = per_object(lambda a, b: made.append((a, b)) or {"n": [len(a) + len(b)]})
    one, two = [1], [2, 3]
    assert pair(one, two) == pair(one, two) == {"n": [3]} and len(made) == 1
    pair(one, two)["n"].append(9)  # a shallow copy: the inner list is the one kept
    assert pair(two, one) == {"n": [3]} and len(made) == 2  # another order, made again
    deep = per_object(deep=True)(lambda a: {"n": [len(a)]})
    deep(one)["n"].append(9)
    assert deep(one) == {"n": [1]}


def test_option_facts_are_each_callers_own():
    plan = _county()
    facts = option_facts(plan)
    facts["new_schools"].append("甲")
    facts["status"] = "改"
    assert option_facts(plan) != facts and "甲" not in option_facts(plan)["new_schools"]
    assert option_facts(plan) == option_facts(_county())  # another object, the same facts


def test_rule_lines_follow_the_plan():
    plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…"})
    said = ["“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明"]
    assert rule_lines(plan) == rule_lines(plan) == said
    rule_lines(plan).append("改")
    assert rule_lines(plan) == said
    assert rule_lines(replace(plan, rules={})) == []


def _sites(share: float = 1 / 3) -> pd.DataFrame:
    return pd.DataFrame({"kind": ["primary_school", "primary_school"],
                         **{f"share_g{g}": [share, 1 / 3] for g in range(1, 10)}}, index=["A", "B"])


def _data(**tables) -> SimpleNamespace:
    return SimpleNamespace(tables=tables)


def test_grade_shares_follow_the_sites_the_year_and_the_table():
    grades = pd.DataFrame({"school_id": "A", "grade": ["g1", "g2", "g3"], "year": 2030,
                           "students": [90.0, 45.0, 45.0]})
    data = _data(**{GRADES_TABLE: grades})
    got = grade_shares(_sites(), data, 2030)
    # A's forecast grades 1–3 of 2030: 90, 45, 45 of 180; B has none: its own thirds
    assert (got["A"]["g1"], got["A"]["g2"], got["B"]["g1"]) == (0.5, 0.25, 1 / 3)
    got["A"]["g1"] = 0.0  # a caller's change stays its own
    assert grade_shares(_sites(), data, 2030)["A"]["g1"] == 0.5
    assert grade_shares(_sites(), data, 2031)["A"]["g1"] == 1 / 3  # no forecast that year
    assert grade_shares(_sites(0.2), data, 2031)["A"]["g1"] == 0.2  # the site's own shares
    assert grade_shares(_sites().assign(kind=["teaching_point", "primary_school"]), data, 2030)["A"]["g1"] == 1 / 3
    other = _data(**{GRADES_TABLE: grades.assign(students=[60.0, 60.0, 60.0])})  # another table
    assert grade_shares(_sites(), other, 2030)["A"]["g1"] == 1 / 3


def test_the_forecast_lookup_follows_its_table():
    table = pd.DataFrame({"school_id": ["A"], "group": ["grades_7_9"], "year": [2030], "pupils": [80]})
    got = school_forecast(_data(**{FORECAST_TABLE: table}))
    assert got == {("A", "grades_7_9", 2030): 80.0}
    got[("A", "grades_7_9", 2030)] = 0.0
    assert school_forecast(_data(**{FORECAST_TABLE: table}))[("A", "grades_7_9", 2030)] == 80.0
    assert school_forecast(_data(**{FORECAST_TABLE: table.assign(pupils=[90])})) == {("A", "grades_7_9", 2030): 90.0}
    assert school_forecast(_data()) is None


def test_the_checks_children_follow_the_villages():
    villages = pd.DataFrame({"village_code": ["V"], **{f"age_{a}": [1.0] for a in range(0, 15)}})
    data = SimpleNamespace(villages=villages, school_year=2025)
    # 2026: grades 1–3 aged 5–7 today, 3 children; grades 7–9 aged 11–13: 3
    assert _children(data, 2026) == {("V", "grades_1_3"): 3.0, ("V", "grades_4_6"): 3.0, ("V", "grades_7_9"): 3.0}
    _children(data, 2026)[("V", "grades_1_3")] = 0.0
    assert _children(data, 2026)[("V", "grades_1_3")] == 3.0
    # 2033: grades 1–3 then are aged −2–0 today: not yet born
    assert _children(data, 2033)[("V", "grades_1_3")] is None
    more = SimpleNamespace(villages=villages.assign(age_6=5.0), school_year=2025)  # a changed frame
    assert _children(more, 2025)[("V", "grades_1_3")] == 7.0
    assert village_children(data, 0)[("V", "grades_1_3")] == 3.0


def test_apportion_in_whole_numbers():
    # 2 over three equal weights: ⅔ each, floors 0, both left to the first two (ties in order)
    assert apportion(pd.Series([1.0, 1.0, 1.0], index=["a", "b", "c"], name="n"), 2).to_dict() == {"a": 1, "b": 1, "c": 0}
    # 10 over 3 and 1: 7.5 and 2.5, floors 7 + 2, the one left to the first
    got = apportion(pd.Series([3, 1]), 10)
    assert got.tolist() == [8, 2] and str(got.dtype) == "int64"
    with pytest.raises(ValueError, match="Cannot convert non-finite values"):
        apportion(pd.Series([0.0, 0.0]), 5)  # no weight to share by


def test_subject_groups_as_taught():
    teachers = pd.DataFrame({"subject": ["chinese", "physics", "art"]}, index=[7, 8, 9])
    groups = subject_groups(teachers)
    assert groups == {7: "chinese", 8: "science", 9: "art"}
    lack = {"science": 1, "practice": 1}
    assert [taught(s, lack) for s in teachers["subject"]] == ["practice", "science", "practice"]


def test_closure_trips_follow_the_assignments(monkeypatch):
    from junheng.planning import layout_trips
    from junheng.planning.layout_config import LayoutConfig

    made = []
    destinations = layout_trips.destinations
    monkeypatch.setattr(layout_trips, "destinations", lambda *a: made.append(1) or destinations(*a))
    assign = pd.DataFrame({"before_site": ["A"], "village_code": ["V"], "village_name": ["王后庄村"],
                           "site_id": ["B"], "group": ["grades_1_3"], "demand": [14], "travel_min": [5.0],
                           "distance_km": [1.0], "boarding": [False], "board_share": [0.0]})
    cfg, names = LayoutConfig(), {"B": "大龙堡村小学"}
    head = "；划片村居规划年学生去向（按各村适龄儿童推算，共 {n} 人；与按现有在校生推算的“预计在校”口径不同；各接收学校的人数按撤并学年的预计在校生依此去向分配）：王后庄村一至三年级 {n} 人到大龙堡村小学"
    got = layout_trips.closure_trip_notes(assign, cfg, ["A"], {("V", "B")}, names)
    assert got == {"A": head.format(n=14)}
    assert layout_trips.closure_trip_notes(assign.copy(), cfg, ["A"], {("V", "B")}, dict(names)) == got and made == [1]
    assert layout_trips.closure_trip_notes(assign.assign(demand=[15]), cfg, ["A"], {("V", "B")}, names) == {"A": head.format(n=15)}
    unmeasured = layout_trips.closure_trip_notes(assign, cfg, ["A"], set(), names)["A"]  # its time estimated
    assert unmeasured.startswith(head.format(n=14) + "；通行时间按直线距离估算") and made == [1, 1, 1]


def test_a_plans_rooms_by_site_and_stage():
    from junheng.planning.layout_counts import stage_rooms, stage_rooms_of

    sites = pd.DataFrame({"rooms_primary": [6, 4], "rooms_junior": [0, 3]}, index=["A", "B"])
    # A twice: its first row counts (2 rooms added), as stage_rooms filtered it
    plan = pd.DataFrame({"site_id": ["A", "B", "A"], "action": ["expand", "close", "keep"],
                         "added_primary": [2, 0, 9], "added_junior": [1, 0, 0]})
    rooms = stage_rooms_of(sites, plan)
    assert [rooms("A", "primary"), rooms("B", "primary"), rooms("N", "junior")] == [8, 0, 0]
    assert [stage_rooms(sites, plan, "A", "primary"), stage_rooms(sites, None, "B", "junior")] == [8, 3]
