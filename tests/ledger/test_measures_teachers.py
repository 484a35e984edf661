"""Teacher measures: rotation share and its backbone share, 360 training hours, backbone counts."""

from __future__ import annotations

import pytest
from ledger_builders import county, indicator, school, teacher

from junheng.ledger import compute_measure

TEACHERS = county(
    schools=[school("S1"), school("S2", "junior_school"), school("K1", "kindergarten")],
    teachers=[
        # 10 full-time compulsory teachers in S1/S2
        teacher("T01", "S1", rotated=True, backbone="county"),
        teacher("T02", "S1", rotated=True, backbone="none"),
        teacher("T03", "S2", stage="junior", rotated=True, backbone="none"),
        teacher("T04", "S2", stage="junior", rotated=True, backbone="none"),
        teacher("T05", "S1", hours=359.5),
        teacher("T06", "S1", hours=None),                         # unknown hours
        teacher("T07", "S1", backbone="city"),
        teacher("T08", "S2", stage="junior", backbone="province"),
        teacher("T09", "S2", stage="junior"),
        teacher("T10", "S2", stage="junior", hours=360.0),
        # not counted: a non-teaching staff member and a kindergarten teacher
        teacher("X01", "S1", full_time=False, rotated=True, backbone="national"),
        teacher("X02", "K1", stage="preschool", rotated=True),
    ],
    county_indicators=[indicator("rotation_eligible_teachers", 50)],
)


def test_rotation_share_against_eligible_teachers_from_county_indicators():
    # rotated full-time compulsory teachers: T01..T04 = 4; eligible 50 -> 0.08
    reading = compute_measure("rotation_share", TEACHERS)
    assert reading.numerator == 4 and reading.denominator == 50
    assert reading.value("share") == pytest.approx(0.08)


def test_rotation_share_against_full_time_teachers():
    # 4 of 10 full-time compulsory teachers -> 0.40
    share = compute_measure("rotation_share", TEACHERS, {"basis": "full_time"})
    assert share.value("share") == pytest.approx(0.40)
    # with the kindergarten included: 5 of 11
    everyone = compute_measure("rotation_share", TEACHERS,
                               {"basis": "full_time", "compulsory_only": False})
    assert everyone.value("share") == pytest.approx(5 / 11)


def test_rotation_share_without_eligible_count_is_missing_and_says_why():
    data = county(schools=[school("S1")], teachers=[teacher("T1", rotated=True)])
    reading = compute_measure("rotation_share", data)
    assert reading.value("share") is None
    assert reading.note == "县级指标缺少“符合交流轮岗条件的教师数”"


def test_rotated_backbone_share_is_backbone_among_the_rotated():
    # rotated: T01 (county backbone), T02, T03, T04 -> 1/4
    share = compute_measure("rotated_backbone_share", TEACHERS)
    assert share.value("share") == pytest.approx(0.25)
    assert share.items == ("T01",)


def test_training_share_counts_360_hours_and_unknown_as_not_met():
    # 10 teachers; under 360: T05 (359.5); unknown: T06 -> 8 of 10
    reading = compute_measure("training_hours_share", TEACHERS)
    assert reading.value("share") == pytest.approx(0.8)
    assert "1 名教师学时未填" in reading.note


def test_backbone_counts_by_minimum_level():
    # county+: T01 county, T07 city, T08 province -> 3; city+: T07, T08 -> 2
    assert compute_measure("backbone_teachers", TEACHERS).value("count") == 3
    assert compute_measure("backbone_teachers", TEACHERS, {"min_level": "city"}).items == (
        "T07", "T08")
    assert compute_measure("backbone_teacher_share", TEACHERS).value("share") == pytest.approx(0.3)
