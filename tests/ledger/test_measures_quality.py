"""优质均衡 measures through the real evaluation engine, and agreement with the engine's items."""

from __future__ import annotations

import pytest

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.ledger import compute_measure, plan_from_dict, run_ledger

EXAMPLE = example_county()  # the io package's valid example county (示例县 2025)
QUALITY = evaluate(EXAMPLE, "quality-2017")
PRESCHOOL = evaluate(EXAMPLE, "preschool-2020")


def known(_data):
    """The example's quality-2017 evaluation, computed once above (the engine's own result)."""
    return QUALITY


def item_value(evaluation, item_id):
    return next(i.value for i in (*evaluation.guarantee, *evaluation.quality)
                if i.indicator.id == item_id)


def test_quality_balanced_is_the_engine_verdict_with_its_failures_as_items():
    reading = compute_measure("quality_balanced", EXAMPLE, evaluator=known)
    assert reading.value("bool") is QUALITY.verdict.passes is False
    assert reading.items == tuple(f.message for f in QUALITY.verdict.failures)


def test_quality_cv_reads_stage_and_indicator_cvs():
    composite = compute_measure("quality_cv", EXAMPLE, {"stage": "primary"}, evaluator=known)
    assert composite.value("number") == pytest.approx(QUALITY.stages["primary"].composite_cv,
                                                      abs=1e-6)
    sports = compute_measure("quality_cv", EXAMPLE,
                             {"stage": "junior", "indicator": "sports_area_per_student"},
                             evaluator=known)
    expected = QUALITY.stages["junior"].indicators["sports_area_per_student"].cv
    assert sports.value("number") == pytest.approx(expected, abs=1e-6)
    unknown = compute_measure("quality_cv", EXAMPLE, {"indicator": "no_such_indicator"}, evaluator=known)
    assert unknown.value("number") is None and "no_such_indicator" in unknown.note


def test_units_met_share_counts_units_meeting_every_listed_indicator():
    units = QUALITY.units
    rows = QUALITY.assessment
    met = rows[rows["indicator"] == "multimedia_rooms_per_100"].set_index("unit_id")["met"]
    expected = sum(bool(met[u]) for u in units["unit_id"]) / len(units)
    share = compute_measure("quality_units_met_share", EXAMPLE,
                            {"indicators": ["multimedia_rooms_per_100"]}, evaluator=known)
    assert share.value("share") == pytest.approx(expected)
    passing = compute_measure("quality_units_met_share", EXAMPLE, evaluator=known)
    assert passing.value("share") == pytest.approx(units["passes"].mean())
    primary = compute_measure("quality_units_met_share", EXAMPLE, {"stage": "primary"}, evaluator=known)
    assert primary.denominator == (units["stage"] == "primary").sum()


@pytest.mark.parametrize(("measure", "params", "evaluation", "item"), [
    ("training_hours_share", {}, QUALITY, "training_hours"),
    ("rotation_share", {}, QUALITY, "rotation_rate"),
    ("rotated_backbone_share", {}, QUALITY, "rotation_backbone_share"),
    ("small_school_funding_floor_share", {}, QUALITY, "small_school_funding"),
    ("disabled_enrolment_rate", {}, QUALITY, "disabled_enrolment_rate"),
    ("public_kindergarten_share", {}, PRESCHOOL, "public_kindergarten_share"),
    ("affordable_kindergarten_coverage", {}, PRESCHOOL, "affordable_coverage"),
    ("gross_preschool_rate", {}, PRESCHOOL, "gross_preschool_rate"),
])
def test_ledger_measures_agree_with_the_evaluation_engine(measure, params, evaluation, item):
    reading = compute_measure(measure, EXAMPLE, params)
    value = reading.value("number" if measure == "disabled_enrolment_rate" else "share")
    assert value == pytest.approx(item_value(evaluation, item))


def test_near_zone_rate_agrees_with_the_engine_per_stage():
    expected = item_value(QUALITY, "near_zone_enrolment")
    reading = compute_measure("near_zone_rate", EXAMPLE, {"stage": "primary"})
    assert reading.value("share") == pytest.approx(expected["primary"])


def test_city_share_of_counties_passing_for_a_verdict_target():
    # two counties, both the (failing) example county under different codes
    other = EXAMPLE.__class__({**EXAMPLE.info, "county_code": "410307"}, EXAMPLE.tables)
    plan = plan_from_dict({
        "plan": "市级", "region": {"city": "洛阳市"}, "baseline_year": 2025,
        "targets": [{"id": "qb", "name": "全部县区优质均衡", "quote": "原文",
                     "measure": "quality_balanced", "comparator": "==", "target": True,
                     "deadline": 2027, "responsible": "市教育局"}]})
    data = {("410306", 2025): EXAMPLE, ("410307", 2025): other}
    ledger = run_ledger(plan, lambda c, y: data[(c, y)], list(data), evaluator=known)
    (target,) = ledger.targets
    # 0 of 2 counties pass -> 0.0 (a share, not a yes/no, at city level)
    assert target.values == {2025: 0.0}
    assert target.kind == "share"
    assert target.status.value == "无进展"  # only the baseline year
