"""Brief hcounts 2: the placement timing of the 大校额逐年 pupils and of the notes on them is
built once (planning.layout_large.placement_timing) and read by both: ``pupils_by_year``
places pupils by the timing it is given, ``with_large`` hands it the one it gives its notes.

The counties are those of test_layout_moves (R's works in use in 2029, its 划片 move waits)
and test_layout_entrants (V's 600 primary pupils moving from 西关小学 P to 东城小学 R, planned
2027-12-05: first school year 2028)."""

from __future__ import annotations

from test_layout_entrants import county as primary_county
from test_layout_entrants import plan as primary_plan
from test_layout_entrants import sites as primary_sites
from test_layout_moves import moving
from test_layout_moves import sites as junior_sites
from test_layout_years import county as years_county

from junheng.planning.layout_large import placement_timing, pupils_by_year, with_large


def test_the_timing_holds_opens_closes_moves_and_the_entry_year():
    # R (400 seats) waits for its works (2025 + phase 4 = 2029); no entry rule in the plan's rules
    assert placement_timing(moving(), years_county(), junior_sites()) == ({}, {}, {"R": 2029}, None)
    # P closes in phase 3: 2025 + 3 = 2028; the entry rule from the first school year 2028
    assert placement_timing(primary_plan(p_action="close"), primary_county(), primary_sites()) == (
        {}, {"P": 2028}, {}, 2028)
    assert placement_timing(primary_plan({"rezoning_grades": "whole"}), primary_county(),
                            primary_sites())[3] is None


def test_pupils_are_placed_by_the_timing_given():
    plan, county, sites = primary_plan(), primary_county(), primary_sites()
    timing = placement_timing(plan, county, sites)
    assert pupils_by_year(plan, county, sites, timing) == pupils_by_year(plan, county, sites)
    # the same plan with the timing's entry year taken away: all 600 at R from 2026, as the
    # whole-group rule places them (test_the_whole_stage_key_restores_the_old_numbers)
    whole = pupils_by_year(plan, county, sites, (*timing[:3], None))
    assert {y: by.get(("R", "primary")) for y, by in whole.items() if by} == dict.fromkeys(range(2026, 2032), 600)
    # with_large's year pupils are those of its timing: 2028 一年级 (100) at R, 二至六年级 at P
    pupils = with_large(plan, county, sites).year_pupils
    assert [r for r in pupils if r[0] == 2028] == [(2028, "P", "primary", 500), (2028, "R", "primary", 100)]
