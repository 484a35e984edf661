"""Seed-plan targets measured as the plans say (issue 15): each county below is built to expose
the old fault of one measure."""

from __future__ import annotations

import pytest
from ledger_builders import classes, county, school, teacher, village

from junheng.ledger import compute_measure
from junheng.ledger.plan import load_plan

ZHONGMOU = load_plan("examples/plans/zhongmou.yaml")


def target_reading(target_id: str, data):
    target = next(t for t in ZHONGMOU.targets if t.id == target_id)
    return compute_measure(target.measure.name, data, target.measure.params)


def test_near_zone_counts_the_urban_schools_the_seed_names_and_not_the_town_seats():
    # Seed 004 says 城区 (review rv finding 13): the 城区 primary S1 (111) admits 90 of 90 by zone,
    # the 镇区 primary T1 (121) 30 of 60, the village primary V1 (220) none of 20 → 90 / 90 = 100%,
    # where 城区和镇区 read (90 + 30) / (90 + 60) = 80%
    data = county(schools=[school("S1", code="111"), school("T1", code="121"), school("V1", code="220")],
                  classes=[*classes("S1", "g1", 45, 45), *classes("T1", "g1", 30, 30),
                           *classes("V1", "g1", 20)],
                  enrolment=[{"school_id": "S1", "grade": "g1", "entrants": 90, "zone_entrants": 90},
                             {"school_id": "T1", "grade": "g1", "entrants": 60, "zone_entrants": 30},
                             {"school_id": "V1", "grade": "g1", "entrants": 20, "zone_entrants": 0}])
    reading = target_reading("near_zone_primary", data)
    assert (reading.numerator, reading.denominator, reading.items) == (90.0, 90.0, ("S1",))
    wider = compute_measure("near_zone_rate", data, {"stage": "primary", "area": "urban_town"})
    assert (wider.numerator, wider.denominator) == (120.0, 150.0)
    for target_id in ("near_zone_primary", "near_zone_junior"):
        target = ZHONGMOU.target(target_id)
        assert target.name.startswith("城区公办") and target.measure.params["area"] == "urban"


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


MENGJIN = load_plan("examples/plans/mengjin.yaml")


def test_mengjin_teachers_trained_counts_public_teachers_in_county_or_higher_training():
    # Review rv finding 12: "每年组织不少于1000名一线教师进行培训" (seed 000) by the 教师发展中心.
    # In 2025: T1 县培 24 h and 校本 12 h → counted once; T2 a 2024 course only; T3 a 县培 row of
    # 0 h; T4 part-time; T5 校本 only; T6 at the private school P1 (县培); T7 市培 → T1 and T7: 2.
    staff = [teacher("T1"), teacher("T2"), teacher("T3"), teacher("T4", full_time=False),
             teacher("T5"), teacher("T6", "P1"), teacher("T7")]
    rows = [("T1", 2025, 24.0, "county"), ("T1", 2025, 12.0, "school_based"), ("T2", 2024, 40.0, "county"),
            ("T3", 2025, 0.0, "county"), ("T4", 2025, 30.0, "county"), ("T5", 2025, 30.0, "school_based"),
            ("T6", 2025, 30.0, "county"), ("T7", 2025, 16.0, "city")]
    data = county(2025, schools=[school("S1"), school("P1", ownership="private")],
                  classes=classes("S1", "g1", 40), teachers=staff,
                  training=[{"teacher_id": t, "year": y, "hours": h, "category": c} for t, y, h, c in rows])
    target = MENGJIN.target("teachers_trained_per_year")
    assert (target.measure.name, target.every_year) == ("teachers_trained", True)
    reading = compute_measure(target.measure.name, data, target.measure.params)
    assert (reading.numerator, reading.items) == (2.0, ("T1", "T7"))
    # the old reading: any hours in 2025, 校本 and the private school included → T1, T5, T6, T7
    assert compute_measure("teachers_trained", data).items == ("T1", "T5", "T6", "T7")
    assert "校本培训和民办学校教师不计" in target.note


def test_zhongmou_rotation_target_counts_the_eligible_teachers_by_the_rules():
    target = next(t for t in ZHONGMOU.targets if t.id == "rotation_share")
    assert target.measure.name == "rotation_share_by_rules"


def in_quota(teacher_id, school_id, post="professional"):
    return dict(teacher(teacher_id, school_id), quota_status="in_quota", post_category=post)


def test_staffing_consistency_share_from_the_staffing_engine():
    # each school 38 pupils (standard quota 38 / 19 = 2). S1: quota 2, 2 on the quota, posts
    # 2 → consistent; S2: quota 3, 2 on the quota → 空编 1; S3: quota 2, 2 on the quota, posts
    # 1 + 0 + 0 = 1 ≠ 2 and 2 professionals on 1 post → not consistent. 1 of 3.
    schools = [school(s) for s in ("S1", "S2", "S3")]
    staff = [in_quota(f"{s}-{i}", s) for s in ("S1", "S2", "S3") for i in (1, 2)]
    posts = {"professional_posts": 1, "management_posts": 0, "support_posts": 0}
    staffing = [{"school_id": "S1", "staff_quota": 2, "professional_posts": 2,
                 "management_posts": 0, "support_posts": 0},
                {"school_id": "S2", "staff_quota": 3},
                {"school_id": "S3", "staff_quota": 2, **posts}]
    data = county(2025, schools=schools, classes=[r for s in ("S1", "S2", "S3")
                                                  for r in classes(s, "g1", 38)],
                  teachers=staff, staffing=staffing)
    reading = compute_measure("staffing_consistent_share", data)
    assert (reading.numerator, reading.denominator, reading.items) == (1.0, 3.0, ("S1",))
    assert reading.note == ("不一致：学校S2：在编 2 人，核定编制 3 人，空编 1 个；学校S3：岗位数合计 1 个，"
                            "与核定编制 2 不一致；学校S3：专业技术岗位在岗 2 人，岗位数 1 个，超岗 1 人")
    assert compute_measure("staffing_consistent_share", county(2025)).numerator is None


def two_schools(year, books_b):
    """Two primary schools of 200 pupils, alike but for 乙's books (甲 6,000 = 30 a pupil)."""
    from junheng.model import CountyData

    ids = ("A", "B")
    facilities = [{"school_id": i, "teaching_area": 1000.0, "sports_area": 1600.0,
                   "equipment_value": 4e5, "books": b, "computers": 30}
                  for i, b in zip(ids, (6000, books_b), strict=True)]
    staff = [dict(teacher(f"{i}{n}", i), degree="bachelor", title="first")
             for i in ids for n in range(10)]
    return CountyData.from_records(
        {"county_code": "410306", "county_name": "示例县", "school_year": year},
        schools=[school(i) for i in ids], classes=[r for i in ids for r in classes(i, "g1", *[40] * 5)],
        teachers=staff, facilities=facilities)


def test_gaps_narrowing_year_on_year_with_the_2012_cv():
    from junheng.ledger.progress import assess

    # books a pupil: 30 and 20 → mean 25, SD 5, CV 0.2; the other 7 CVs are 0 → composite 0.025.
    # 30 and 25 → mean 27.5, SD 2.5, CV 1/11 → composite 1/88 ≈ 0.011364; back to 20 → 0.025.
    values = {year: compute_measure("basic_cv", two_schools(year, books)).numerator
              for year, books in ((2023, 4000), (2024, 5000), (2025, 4000))}
    assert values == {2023: 0.025, 2024: pytest.approx(1 / 88, abs=1e-6), 2025: 0.025}
    books = compute_measure("basic_cv", two_schools(2023, 4000), {"indicator": "books_per_student"})
    assert books.numerator == pytest.approx(0.2)
    a = assess(values, comparator="<", target="previous", baseline_year=2023, deadline=2025,
               every_year=True)
    assert a.missed_years == (2025,) and a.status.value == "滞后"


def test_both_plans_measure_the_gap_between_schools_with_the_2017_cvs_and_agree():
    # Review rv finding 4: 孟津's "缩小校际差距" read the 基本均衡 composite (0.274 → 0.273, 已达成)
    # while 中牟's same aim read the 优质均衡 composites (倒退). Both now compare the 优质均衡
    # composite of each stage with the baseline year's, so the same values get the same verdict.
    from junheng.ledger.progress import assess

    mengjin = [MENGJIN.target(i) for i in ("school_gap_narrowing", "school_gap_narrowing_junior")]
    zhongmou = [ZHONGMOU.target(i) for i in ("resource_gap_primary", "resource_gap_junior")]
    for stage, m, z in zip(("primary", "junior"), mengjin, zhongmou, strict=True):
        assert (m.measure.name, m.measure.params) == (z.measure.name, z.measure.params) == (
            "quality_cv", {"stage": stage, "indicator": "composite"})
        assert (m.comparator, m.target, m.every_year) == (z.comparator, z.target, z.every_year) == (
            "<", "baseline", False)
    assert "优质均衡" in mengjin[0].name and "基本均衡" not in mengjin[0].note
    # the demo's primary composite 0.371 → 0.385: 倒退 in both
    for t in (mengjin[0], zhongmou[0]):
        a = assess({2024: 0.371, 2025: 0.385}, comparator=t.comparator, target=t.target,
                   baseline_year=2024, deadline=t.deadline)
        assert a.status.value == "倒退"


def zoned(year, zones):
    schools = [school(s) for s in ("S1", "S2")] + [school(s, "junior_school") for s in ("J1", "J2")]
    villages = [dict(village(code, "410306101", "220", age_6=10), zone_primary=p, zone_junior=j)
                for code, p, j in zones]
    return county(year, schools=schools, classes=classes("S1", "g1", 30), villages=villages)


def test_zones_adjusted_counts_villages_whose_zone_school_changed_since_the_baseline():
    # V1 unchanged; V2 primary S1 → S2; V3 primary S2 → S1 and junior J1 → J2 (one village);
    # V4 had no zone in the baseline (not a change): 2 villages, 3 rows
    base = zoned(2023, [("V1", "S1", "J1"), ("V2", "S1", "J1"), ("V3", "S2", "J1"),
                        ("V4", None, None)])
    now = zoned(2025, [("V1", "S1", "J1"), ("V2", "S2", "J1"), ("V3", "S1", "J2"),
                       ("V4", "S1", "J1")])
    reading = compute_measure("zones_adjusted", now, baseline=base)
    assert (reading.numerator, reading.items) == (2.0, ("V2:小学:S1→S2", "V3:小学:S2→S1",
                                                         "V3:初中:J1→J2"))
    junior = compute_measure("zones_adjusted", now, {"stage": "junior"}, baseline=base)
    assert (junior.numerator, junior.items) == (1.0, ("V3:初中:J1→J2",))
    blank = zoned(2025, [("V1", None, None)])
    assert compute_measure("zones_adjusted", blank, baseline=base).numerator is None
