"""The layout and the zones planner name one school per village today (issue 16): both read
the workbook's zone school of the stage (村居 zone_primary / zone_junior). They differ in two
places, each by design:

* grades 1–3 attending the 教学点 near home: the layout keeps the point as a site (it may
  close it); the zones planner folds a point into its 中心校 (jobs/zones_points);
* a 城区 community: the layout shares its pupils among the schools that report them (多校划片,
  layout_today); the zones planner keeps one current school per community, its zone school.
"""

from __future__ import annotations

from junheng.jobs.zones_county import county_zone_input
from junheng.model.places import own_name
from junheng.planning import build_layout_problem, load_layout_config
from junheng.planning.layout_today import SPLIT_CODES


def zones_current(data) -> dict[tuple[str, str], str]:
    """The zones planner's current school (name) per village and layout group."""
    out = {}
    for stage, groups in (("primary", ("grades_1_3", "grades_4_6")), ("junior", ("grades_7_9",))):
        current = county_zone_input(data, stage).blocks.current[:len(data.villages)]
        for code, name in zip(data.villages["village_code"], current, strict=True):
            out.update({(code, g): own_name(name) if name else None for g in groups})
    return out


def test_the_layout_and_the_zones_name_one_school_today(second):
    problem = build_layout_problem(second, load_layout_config())
    now, sites = problem.now, problem.sites
    current = zones_current(second)
    zones = [current[k] for k in zip(now["village_code"], now["group"], strict=True)]
    differ = now[(now["site_id"].map(sites["name"]) != zones).to_numpy()]
    town = differ["urban_rural_code"].isin(SPLIT_CODES)
    point = differ["site_id"].map(sites["kind"]) == "teaching_point"
    assert (town | point).all() and not (town & point).any()
    assert set(differ.loc[point, "group"]) == {"grades_1_3"}
    # 886 customers in the data year: 125 villages' grades 1–3 at their point, and 31 of the
    # 城区 communities' parts at a school other than the community's zone school; 116 of
    # the points' villages have more children of grades 1–3 than the point reports, the
    # others attending their zone school (planner review 2026-12-03 finding 6; 770 before);
    # brief htrips (rv18 4): today's rows split off 实验中学's boarders at its doubtful rate (a
    # data-check item) as the plan-year columns do, 36 more rows, 8 of them 城区 parts: 922, 39
    assert (len(now), int(point.sum()), int(town.sum())) == (922, 125, 39)
