"""On the demo county the ledger's measures and the evaluation's items give the same figures."""

from __future__ import annotations

import pytest

from junheng.evaluate import evaluate
from junheng.ledger import compute_measure


def item(evaluation, item_id):
    return next(r for r in (*evaluation.guarantee, *evaluation.quality)
                if r.indicator.id == item_id)


@pytest.fixture(scope="module")
def evaluations(second):
    return evaluate(second, "quality-2017"), evaluate(second, "preschool-2020")


def test_near_zone_rate_is_the_2017_item(second, evaluations):
    values = item(evaluations[0], "near_zone_enrolment").value
    assert set(values) == {"primary", "junior"}
    for stage, value in values.items():
        assert compute_measure("near_zone_rate", second, {"stage": stage}).value("share") == value


def test_preschool_rates_are_the_2020_items(second, evaluations):
    preschool = evaluations[1]
    no_nursery = {"include_nursery": False}
    pairs = [("gross_preschool_rate", "gross_preschool_rate", {}),
             ("public_kindergarten_share", "public_kindergarten_share", no_nursery),
             ("affordable_coverage", "affordable_kindergarten_coverage", no_nursery)]
    for item_id, measure, params in pairs:
        value = item(preschool, item_id).value
        assert value is not None
        assert compute_measure(measure, second, params).value("share") == value, measure


def test_size_counts_are_the_evaluation_lists(second, evaluations):
    lists = evaluations[0].class_lists
    classes = lists.oversized_classes
    compulsory = classes[classes["stage"].isin(["primary", "junior"])]
    assert compute_measure("oversized_classes", second).value("count") == \
        (compulsory["category"] == "大班额").sum()
    assert compute_measure("extra_oversized_classes", second).value("count") == \
        (compulsory["category"] == "超大班额").sum()
    assert compute_measure("oversized_schools", second).items == \
        tuple(sorted(lists.oversized_schools["school_id"]))
    assert len(lists.oversized_schools) > 0 and len(compulsory) > 0
