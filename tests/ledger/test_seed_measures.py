"""Seed-plan targets measured as the plans say (issue 15): each county below is built to expose
the old fault of one measure."""

from __future__ import annotations

from ledger_builders import classes, county, school, teacher

from junheng.ledger import compute_measure
from junheng.ledger.plan import load_plan

ZHONGMOU = load_plan("examples/plans/zhongmou.yaml")


def target_reading(target_id: str, data):
    target = next(t for t in ZHONGMOU.targets if t.id == target_id)
    return compute_measure(target.measure.name, data, target.measure.params)


def test_near_zone_counts_a_county_seat_school_coded_121():
    # 中牟's seat primary is 镇中心区 (121): 90 entrants, 90 by zone. Counting 111/112 only found
    # no school at all; the county's 城区 includes its seat town.
    data = county(schools=[school("S1", code="121"), school("V1", code="220")],
                  classes=[*classes("S1", "g1", 45, 45), *classes("V1", "g1", 20)],
                  enrolment=[{"school_id": "S1", "grade": "g1", "entrants": 90,
                              "zone_entrants": 90},
                             {"school_id": "V1", "grade": "g1", "entrants": 20,
                              "zone_entrants": 0}])
    reading = target_reading("near_zone_primary", data)
    assert (reading.numerator, reading.denominator, reading.items) == (90.0, 90.0, ("S1",))


def test_new_backbone_selections_count_designations_since_the_base_year():
    # three county-level 骨干: designated 2019 (held before the plan), 2024 and 2025 → 2 new
    staff = [dict(teacher("T1", backbone="county"), backbone_year=2019),
             dict(teacher("T2", backbone="county"), backbone_year=2024),
             dict(teacher("T3", backbone="city"), backbone_year=2025),
             dict(teacher("T4"), backbone_year=None)]
    data = county(2025, schools=[school("S1")], classes=classes("S1", "g1", 40), teachers=staff)
    reading = target_reading("backbone_designated", data)
    assert (reading.numerator, reading.items) == (2.0, ("T2", "T3"))
    # the old measure counted every title holder: 3
    assert compute_measure("backbone_teachers", data).numerator == 3.0


def test_alliances_come_from_the_membership_sheet_without_kindergarten_alliances():
    # 2 城乡学校联盟 and 1 教育共同体 with compulsory members; a 学前教育联盟 of kindergartens only
    # and an 教育集团 are not 协作发展联盟. The 教育集团 column names only the group.
    schools = [school("P1", school_group="城关教育集团"), school("P2"), school("J1", "junior_school"),
               school("K1", "kindergarten", school_group="学前教育联盟"), school("K2", "kindergarten")]
    rows = [("城乡学校联盟一", "alliance", "P1"), ("城乡学校联盟一", "alliance", "P2"),
            ("城乡学校联盟二", "alliance", "P2"), ("城乡教育共同体", "community", "J1"),
            ("学前教育联盟", "alliance", "K1"), ("学前教育联盟", "alliance", "K2"),
            ("城关教育集团", "education_group", "P1")]
    groups = [{"group_name": n, "group_type": t, "school_id": s,
               "role": "member_school", "join_year": 2022} for n, t, s in rows]
    data = county(schools=schools, classes=classes("P1", "g1", 40), school_groups=groups)
    reading = target_reading("cooperation_alliances", data)
    assert reading.items == ("城乡学校联盟一", "城乡学校联盟二", "城乡教育共同体")
    # without the sheet the kind cannot be told: missing rather than a wrong count
    v1 = county(schools=schools, classes=classes("P1", "g1", 40))
    assert target_reading("cooperation_alliances", v1).numerator is None
    # the plain count leaves the kindergartens' 学前教育联盟 out of the 教育集团 column too
    assert compute_measure("school_groups", v1).items == ("城关教育集团",)
