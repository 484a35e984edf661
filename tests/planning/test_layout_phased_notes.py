"""Review rv2 1: a new school's note read a crowded school's pupils in 2027 as the target
year's share (城关第一小学 1,843 pupils, "均在学位内") where the 过渡期 read 2,510 pupils for 1,980
places; the note now reads the pupils placed by the plan's timing, as the 过渡期 does
(planning.layout_overload.phased_pupils).

The county (test_layout_years): data year 2025, target 2029, planned 2026-12-05 (first school
year 2027); each village's grades 7–9 are 330 in 2027, 300 in 2028 and 2029."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
from test_layout_years import county as years_county

from junheng.planning.layout_overload import phased_pupils, year_overloads
from junheng.planning.layout_years import yearly_pupils


def frames():
    """V1 (300 in 2029) moves from 实验中学 P (600 seats) to 一初中 R (400 seats), whose
    works are in use in 2025 + 4 = 2029; R keeps V2 (300)."""
    sites = pd.DataFrame({"seats_primary": 0, "seats_junior": [400, 600], "class_size_primary": 45,
                          "class_size_junior": 50, "size_cap": 2000}, index=["R", "P"])
    problem = SimpleNamespace(sites=sites, config=SimpleNamespace(plan_date=date(2026, 12, 5)),
                              target_year=2029, school_year=2025)
    assignments = pd.DataFrame({"village_code": ["V1", "V2"], "group": "grades_7_9",
                                "site_id": "R", "before_site": ["P", "R"], "demand": 300})
    schools = pd.DataFrame({"site_id": ["R", "P"], "action": "keep", "phase": [4, None],
                            "added_primary": 0, "added_junior": 0})
    return problem, assignments, schools


def test_a_crowded_schools_pupils_wait_for_the_move_as_the_transition_counts_them():
    problem, assignments, schools = frames()
    placed = phased_pupils(years_county(), problem, assignments, schools, [2027, 2028, 2029])
    # R holds 330 + 330 = 660 > 400 in 2027 and 600 in 2028: V1 waits at P until 2029
    assert placed == {2027: {("P", "junior"): 330, ("R", "junior"): 330},
                      2028: {("P", "junior"): 300, ("R", "junior"): 300},
                      2029: {("R", "junior"): 600}}
    # the target year's shares in every year (the note before): R 660 in 2027, P none
    rows = zip(assignments["village_code"], assignments["group"], assignments["site_id"],
               assignments["demand"], assignments["before_site"], strict=True)
    assert yearly_pupils(years_county(), rows, 2029, 2027)[("R", "junior")][2027] == 660


def test_the_overloads_read_the_same_placed_pupils():
    problem, assignments, schools = frames()
    # P 330 ≤ 600 and R 330 ≤ 400 in 2027 (300 and 300 in 2028): no overload before the move;
    # from 2029 R (no rooms added here) holds both villages: 600, 2030 270 + 270 = 540, 2031 and
    # 2032 600, over 400 by 200 → ⌈200 / 50⌉ = 4 rooms, by 140 → 3
    found = year_overloads(years_county(), problem, assignments, schools)
    assert [(o.school_id, o.year, o.pupils, o.rooms) for o in found] == [
        ("R", 2029, 600, 4), ("R", 2030, 540, 3), ("R", 2031, 600, 4), ("R", 2032, 600, 4)]
