"""Preschool measures: 公办园在园幼儿占比, 普惠性覆盖率, 毛入园率."""

from __future__ import annotations

import pytest
from ledger_builders import classes, county, school, village

from junheng.ledger import compute_measure

KINDERGARTENS = county(
    schools=[
        school("K1", "kindergarten", ownership="public"),
        school("K2", "kindergarten", ownership="private", affordable=True),
        school("K3", "kindergarten", ownership="private", affordable=False),
        school("K4", "kindergarten", ownership="private"),  # 普惠性 unknown
        school("S1", "primary_school"),
    ],
    classes=[
        *classes("K1", "k1", 30, 30), *classes("K1", "k0", 20),  # 60 + 托班 20 = 80
        *classes("K2", "k2", 35),                                # 35
        *classes("K3", "k3", 40),                                # 40
        *classes("K4", "kmix", 45),                              # 45
        *classes("S1", "g1", 40),                                # not preschool
    ],
    villages=[
        village("410306101001", "410306101", "121", age_3=50, age_4=60, age_5=70),
        village("410306101002", "410306101", "220", age_3=10, age_4=20),  # age_5 unknown
    ],
)


def test_public_kindergarten_share_is_public_children_over_all_children():
    # 托班 left out by default: 60 + 35 + 40 + 45 = 180; public K1: 60 -> 1/3
    reading = compute_measure("public_kindergarten_share", KINDERGARTENS)
    assert reading.numerator == 60 and reading.denominator == 180
    # with 托班: 80 of 200 -> 0.40
    reading = compute_measure("public_kindergarten_share", KINDERGARTENS,
                              {"include_nursery": True})
    assert reading.numerator == 80 and reading.denominator == 200


def test_affordable_coverage_counts_public_and_affordable_private_only():
    # K1 60 + K2 35 = 95 of 180 (K4 unknown is not counted as affordable; no 托班)
    reading = compute_measure("affordable_kindergarten_coverage", KINDERGARTENS)
    assert reading.value("share") == pytest.approx(95 / 180)
    assert reading.items == ("K1", "K2")


def test_gross_preschool_rate_divides_children_by_villagers_aged_3_to_5():
    # children without 托班: 200 - 20 = 180; ages 3–5: 50+60+70+10+20 = 210 -> 180/210
    reading = compute_measure("gross_preschool_rate", KINDERGARTENS)
    assert reading.value("share") == pytest.approx(180 / 210)
    with_nursery = compute_measure("gross_preschool_rate", KINDERGARTENS, {"include_nursery": True})
    assert with_nursery.value("share") == pytest.approx(200 / 210)


def test_gross_preschool_rate_without_village_ages_is_missing():
    data = county(schools=[school("K1", "kindergarten")], classes=classes("K1", "k1", 30))
    reading = compute_measure("gross_preschool_rate", data)
    assert reading.value("share") is None
    assert "3–5 岁" in reading.note


def test_kindergarten_shares_without_kindergartens_are_undefined():
    data = county(schools=[school("S1")])
    assert compute_measure("public_kindergarten_share", data).value("share") is None
