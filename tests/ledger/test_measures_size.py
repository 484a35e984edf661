"""Class and school size: 大班额 (56–65), 超大班额 (≥ 66), 大校额 (> 2000, 一贯制 > 2500)."""

from __future__ import annotations

import pytest
from ledger_builders import classes, county, school

from junheng.ledger import compute_measure

SIZES = county(
    schools=[
        school("U1", "primary_school", code="111"),
        school("U2", "junior_school", code="111"),
        school("R1", "primary_school", code="220"),
        school("K1", "kindergarten", code="111"),
    ],
    classes=[
        *classes("U1", "g1", 55, 56, 65, 66),   # 56, 65 oversized; 66 extra
        *classes("U2", "g7", 70, 50),           # 70 extra
        *classes("R1", "g3", 60),               # 60 oversized (rural)
        *classes("K1", "k2", 70),               # kindergarten classes never count
    ],
)


def test_oversized_classes_are_56_to_65_by_default():
    # U1: 56, 65; R1: 60 -> 3
    reading = compute_measure("oversized_classes", SIZES)
    assert reading.value("count") == 3
    assert reading.items == ("U1/g1/2", "U1/g1/3", "R1/g3/1")


def test_oversized_classes_with_extra_counts_every_class_of_56_or_more():
    # 56, 65, 66, 70, 60 -> 5
    assert compute_measure("oversized_classes", SIZES, {"include_extra": True}).value("count") == 5


def test_oversized_classes_filtered_by_stage_and_area():
    # junior: U2 has 70 (extra only) -> 0 in 56–65, 1 with extra
    assert compute_measure("oversized_classes", SIZES, {"stage": "junior"}).value("count") == 0
    urban = compute_measure("oversized_classes", SIZES, {"area": "urban", "include_extra": True})
    assert urban.value("count") == 4  # U1: 56, 65, 66; U2: 70


def test_extra_oversized_classes_are_66_or_more():
    # U1 66, U2 70 -> 2
    assert compute_measure("extra_oversized_classes", SIZES).value("count") == 2
    assert compute_measure("extra_oversized_classes", SIZES, {"stage": "primary"}).items == (
        "U1/g1/4",)


def test_oversized_class_share_divides_by_all_compulsory_classes():
    # compulsory classes: 4 + 2 + 1 = 7; oversized 56–65: 3 -> 3/7
    share = compute_measure("oversized_class_share", SIZES)
    assert share.value("share") == pytest.approx(3 / 7)


SCHOOL_SIZES = county(
    schools=[
        school("B1", "primary_school"),
        school("B2", "nine_year"),
        school("B3", "nine_year"),
        school("B4", "complete_secondary"),
        school("B5", "primary_school"),
    ],
    classes=[
        *classes("B1", "g1", *([55] * 37)),                      # 37 x 55 = 2035 > 2000
        *classes("B2", "g1", *([55] * 45)),                      # 45 x 55 = 2475 <= 2500
        *classes("B3", "g1", *([55] * 23)), *classes("B3", "g7", *([55] * 23)),  # 46 x 55 = 2530
        *classes("B4", "g7", *([55] * 36)), *classes("B4", "s1", *([55] * 10)),  # junior 1980
        *classes("B5", "g1", *([50] * 40)),                      # 40 x 50 = 2000, not over
    ],
)


def test_oversized_schools_use_2000_and_2500_for_through_schools():
    # B1 2035 > 2000; B3 2530 > 2500; B2 2475, B4 1980 (senior 550 not counted), B5 = 2000 -> 2
    reading = compute_measure("oversized_schools", SCHOOL_SIZES)
    assert reading.items == ("B1", "B3")


def test_oversized_schools_limit_is_a_parameter():
    # with limit 1900: B1 2035, B4 1980, B5 2000 over; through-school limit 2500: B3 -> 4
    reading = compute_measure("oversized_schools", SCHOOL_SIZES, {"limit": 1900})
    assert reading.value("count") == 4
