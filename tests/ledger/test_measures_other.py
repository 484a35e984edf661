"""Enrolment, school groups, county indicators and the under-100 funding floor."""

from __future__ import annotations

import pytest
from ledger_builders import classes, county, indicator, school

from junheng.ledger import compute_measure


def entrant(school_id: str, grade: str, entrants: int, zone: int) -> dict:
    return {"school_id": school_id, "grade": grade, "entrants": entrants, "zone_entrants": zone}


ENROLMENT = county(
    schools=[
        school("U1", code="111"),                                  # urban public day primary
        school("U2", "junior_school", code="111"),
        school("T1", code="121"),                                  # town public primary
        school("B1", code="121", boarding=True),                   # boarding: excluded
        school("M1", code="111", ownership="private"),             # private: excluded
        school("R1", code="220"),                                  # rural: excluded by default
    ],
    enrolment=[
        entrant("U1", "g1", 100, 97), entrant("T1", "g1", 50, 50), entrant("B1", "g1", 40, 10),
        entrant("M1", "g1", 30, 0), entrant("R1", "g1", 20, 20), entrant("U2", "g7", 200, 190),
    ],
)


def test_near_zone_rate_over_urban_and_town_public_day_schools():
    # primary: U1 97/100 + T1 50/50 -> 147/150 = 0.98
    reading = compute_measure("near_zone_rate", ENROLMENT)
    assert (reading.numerator, reading.denominator) == (147, 150)
    assert reading.value("share") == pytest.approx(0.98)
    # junior: U2 190/200 = 0.95
    junior = compute_measure("near_zone_rate", ENROLMENT, {"stage": "junior"})
    assert junior.value("share") == pytest.approx(0.95)


def test_near_zone_rate_options_widen_the_schools():
    # all areas, all ownership, boarding included, primary:
    # (97 + 50 + 10 + 0 + 20) / (100 + 50 + 40 + 30 + 20) = 177 / 240
    everyone = compute_measure("near_zone_rate", ENROLMENT,
                               {"area": "all", "ownership": "all", "exclude_boarding": False})
    assert everyone.value("share") == pytest.approx(177 / 240)
    # urban only: U1 97/100
    assert compute_measure("near_zone_rate", ENROLMENT, {"area": "urban"}).value(
        "share") == pytest.approx(0.97)


def test_entrants_sum_new_pupils():
    # g1: 100 + 50 + 40 + 30 + 20 = 240; g7: 200 -> 440
    assert compute_measure("entrants", ENROLMENT).value("count") == 440
    assert compute_measure("entrants", ENROLMENT, {"stage": "junior"}).value("count") == 200


GROUPS = county(
    schools=[
        school("A", school_group="一中教育集团"),
        school("B", "junior_school", school_group="一中教育集团"),
        school("C", school_group="城乡协作联盟二"),
        school("D", school_group="  "),                            # blank: not in a group
        school("E", "nine_year"),
        school("P", "teaching_point", central_school="A", school_group="城乡协作联盟三"),
        school("K", "kindergarten", school_group="幼教集团"),
    ],
)


def test_school_group_coverage_over_compulsory_schools_without_teaching_points():
    # schools A, B, C, D, E; in a group: A, B, C -> 3/5
    share = compute_measure("school_group_coverage", GROUPS)
    assert share.value("share") == pytest.approx(0.6)
    # with teaching point P (in a group): 4/6
    with_points = compute_measure("school_group_coverage", GROUPS, {"include_teaching_points": True})
    assert with_points.value("share") == pytest.approx(4 / 6)


def test_school_groups_counts_distinct_group_names():
    # 一中教育集团, 城乡协作联盟二, 城乡协作联盟三; 幼教集团 has kindergartens only -> 3
    assert compute_measure("school_groups", GROUPS).items == (
        "一中教育集团", "城乡协作联盟三", "城乡协作联盟二")


INDICATORS = county(county_indicators=[indicator("disabled_enrolment_rate", 0.985),
                                       indicator("teacher_pay_ratio", 1.02)])


def test_county_indicator_reads_the_value_by_code():
    assert compute_measure("county_indicator", INDICATORS, {"code": "teacher_pay_ratio"}).value(
        "number") == pytest.approx(1.02)
    assert compute_measure("disabled_enrolment_rate", INDICATORS).value("number") == pytest.approx(
        0.985)


def test_absent_county_indicator_is_missing_with_its_name_in_words():
    reading = compute_measure("county_indicator", INDICATORS, {"code": "satisfaction_rate"})
    assert reading.value("number") is None
    assert reading.note == "县级指标缺少“社会认可度（群众满意度）”"


FUNDING = county(
    schools=[school("S1"), school("S2", code="220"), school("S3", code="111"),
             school("P1", "teaching_point", central_school="S1"),
             school("P2", "teaching_point", central_school="S1"), school("J1", "junior_school")],
    classes=[*classes("S1", "g1", 45, 45, 45),        # 135: not small
             *classes("S2", "g1", 40, 40),            # 80: small, a village primary
             *classes("S3", "g1", 40, 40),            # 80: small but urban: not in scope
             *classes("P1", "g1", 12),                # 12: small
             *classes("P2", "g1", 9),                 # 9: small, no funding row
             *classes("J1", "g7", 30)],               # junior: not in scope
    funding=[{"school_id": "S1", "public_funding": 97200.0},
             {"school_id": "S2", "public_funding": 72000.0},   # = 100 x 720: meets the floor
             {"school_id": "S3", "public_funding": 10000.0},
             {"school_id": "P1", "public_funding": 8640.0},    # = 12 x 720: below 72,000
             {"school_id": "J1", "public_funding": 28200.0}],
)


def test_funding_floor_share_checks_small_primaries_against_100_times_the_quota():
    # small: S2, P1, P2; floor 100 x 720 = 72,000: S2 meets, P1 does not, P2 unknown -> 1/3
    reading = compute_measure("small_school_funding_floor_share", FUNDING)
    assert reading.value("share") == pytest.approx(1 / 3)
    assert reading.items == ("S2",)


def test_funding_floor_without_quota_is_missing():
    data = county(schools=[school("S1")])
    data = data.__class__({**data.info, "primary_funding_quota": None}, data.tables)
    assert compute_measure("small_school_funding_floor_share", data).value("share") is None


def test_funding_quota_share_checks_every_public_school_against_its_pupils():
    # S1: 135 primary × 720 = 97,200 due, 97,200 paid (met); S2: 80 × 720 = 57,600 due,
    # 72,000 paid (met); S3: 57,600 due, 10,000 paid (short); J1: 30 × 940 = 28,200 (met);
    # points P1, P2 are funded through S1 and not counted → 3 of 4
    reading = compute_measure("funding_quota_share", FUNDING)
    assert (reading.numerator, reading.denominator) == (3.0, 4.0)
    assert reading.items == ("J1", "S1", "S2")
