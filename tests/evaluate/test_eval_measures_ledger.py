"""The ledger's measures and the evaluation's items give one figure: both call the evaluate
measures. Where the two used to be computed apart and disagreed, the hand-worked figure of the
standard's rule is asserted here."""

from __future__ import annotations

import pytest
from measures_county import measures_county

from junheng.evaluate import evaluate
from junheng.ledger import compute_measure

DATA = measures_county()


def item(evaluation, item_id):
    return next(r for r in (*evaluation.guarantee, *evaluation.quality)
                if r.indicator.id == item_id)


@pytest.fixture(scope="module")
def quality():
    return evaluate(DATA, "quality-2017")


@pytest.fixture(scope="module")
def preschool():
    return evaluate(DATA, "preschool-2020")


def test_near_zone_rate_is_the_2017_item_per_stage(quality):
    # primary A 190/200 + T 45/50 = 235/250; junior J 78/80. The special-education school's
    # 0/12 first-graders used to count in the ledger (it filtered no school type): 235/262.
    values = item(quality, "near_zone_enrolment").value
    assert values == pytest.approx({"primary": 235 / 250, "junior": 78 / 80})
    for stage, value in values.items():
        assert compute_measure("near_zone_rate", DATA, {"stage": stage}).value("share") == value


def test_gross_preschool_rate_is_the_2020_item(preschool):
    # 99 of 120: the special school's 中班 of 8 counts (the ledger used to count only
    # kindergartens' classes: 91 / 120)
    value = item(preschool, "gross_preschool_rate").value
    assert value == pytest.approx(99 / 120)
    assert compute_measure("gross_preschool_rate", DATA).value("share") == value


def test_kindergarten_shares_without_nursery_children_are_the_2020_items(preschool):
    public = item(preschool, "public_kindergarten_share").value
    affordable = item(preschool, "affordable_coverage").value
    assert (public, affordable) == pytest.approx((25 / 91, 55 / 91))
    # the ledger's default leaves 托班 out, as the 2020 items do
    assert compute_measure("public_kindergarten_share", DATA).value("share") == public
    assert compute_measure("affordable_kindergarten_coverage", DATA).value("share") == affordable
    # asked to, it counts 托班 (K1's 20): 45/111
    assert compute_measure("public_kindergarten_share", DATA,
                           {"include_nursery": True}).value("share") == pytest.approx(45 / 111)


def test_oversized_class_counts_are_the_evaluation_list_of_compulsory_stages(quality):
    listed = quality.class_lists.oversized_classes
    compulsory = listed[listed["stage"].isin(["primary", "junior"])]
    counts = compulsory["category"].value_counts().to_dict()
    assert counts == {"大班额": 4, "超大班额": 2}
    assert compute_measure("oversized_classes", DATA).value("count") == counts["大班额"]
    assert compute_measure("extra_oversized_classes", DATA).value("count") == counts["超大班额"]
    assert compute_measure("oversized_classes", DATA, {"include_extra": True}).items == (
        "A/g1/1", "A/g1/2", "A/g1/3", "B/g7/1", "C/g7/1", "V/g1/1")
    # 6 of the 13 primary and junior classes
    share = compute_measure("oversized_class_share", DATA, {"include_extra": True})
    assert share.value("share") == pytest.approx(6 / 13)


def test_oversized_schools_are_the_evaluation_list():
    small = {"limit": 100, "limit_through": 80}
    assert compute_measure("oversized_schools", DATA, small).items == ("A", "B", "C")
    assert compute_measure("oversized_schools", DATA).items == ()


def test_boarding_and_teaching_point_measures():
    # compulsory boarding schools: B and C (H is a senior school, P a teaching point)
    assert compute_measure("boarding_schools", DATA).items == ("B", "C")
    assert compute_measure("teaching_points", DATA, {"area": "rural"}).items == ("P",)
