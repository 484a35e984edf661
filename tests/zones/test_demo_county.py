"""Plausibility of the 就近划片 plan of the demo county 洛北县 (review finding 4): the plan is
proven within the requested gap, no kept school loses more than 20 % of the pupils it has
places for (of today's zone joined to it), no school under capacity today is pushed over it,
民办学校 take no zone and every school's 在校生 is reported beside the village-based 现状."""

from __future__ import annotations

import pytest

from junheng.demo.generator import county_specs, generate_county
from junheng.jobs.zones import run_zones
from junheng.jobs.zones_county import county_zone_input


@pytest.mark.slow
def test_the_demo_county_plan_keeps_schools_and_creates_no_new_overcrowding(tmp_path):
    data = generate_county(county_specs()[0], years=2, first_year=2024)[-1]
    zones = county_zone_input(data, "primary")
    private = set(data.schools.loc[data.schools["ownership"] == "private", "name"])
    assert "洛北县育才外国语学校" in private and not private & set(zones.schools.names)
    run = run_zones(zones, tmp_path, time_limit=240.0, gap=0.01)
    p, school = zones.problem, run.plan.school
    assert run.plan.gap <= 0.01
    load = p.load(school)
    assert (load >= p.keep - 1e-6).all() and p.keep.sum() > 0.5 * p.pupils.sum()
    under = p.today <= p.capacity
    assert (load[under] <= p.capacity[under] + 1e-6).all()
    assert run.totals["方案超员"] <= run.totals["现状超员"]
    assert zones.schools.enrolled is not None and zones.schools.enrolled.sum() > 0
    assert any("不是公办学校填报的在校生" in note for note in run.notes)
    assert not any("未在时限内证明" in note for note in run.notes)
