"""Three-valued verdicts (达标 / 未达标 / 待核实), the 2017 veto items and prerequisite, and the
2012 government work items and satisfaction (issue 15)."""

import pandas as pd
import pytest
from evaluate_builders import classes, county, county_indicators, facility, school, teachers

from junheng.evaluate import Status, evaluate
from junheng.evaluate.serialize import evaluation_dict

GOV = ("gov_enrolment_access", "gov_funding_guarantee", "gov_teacher_workforce",
       "gov_quality_management")


def attest(item, answer=True, year=None):
    return {"item": item, "answer": answer, "year": year, "evidence": f"{item} 佐证"}


def twins(attestations, satisfaction=0.9):
    """Two identical primary schools: every 2012 single CV is 0, so only the county items
    decide the 2012 verdict."""
    ids = ("A", "B")
    return county(
        schools=[school(i) for i in ids],
        classes=[classes(i, "g1", [40] * 5) for i in ids],
        teachers=[teachers(i, "primary", 10, title="first") for i in ids],
        facilities=[facility(i, teaching_area=1000.0, sports_area=1600.0, equipment_value=4e5,
                             books=6000, computers=30, multimedia_rooms=5) for i in ids],
        county_indicators=county_indicators(public_satisfaction_rate=satisfaction),
        county_attestations=attestations)


def test_2012_all_met_passes():
    v = evaluate(twins([attest(g) for g in GOV]), "basic-2012").verdict
    assert (v.status, v.label, v.passes) == ("pass", "达标", True)
    assert v.failures == () and v.pending == ()


def test_2012_all_data_met_but_one_attestation_open_is_pending():
    ev = evaluate(twins([attest(g) for g in GOV[:3]]), "basic-2012")
    v = ev.verdict
    assert (v.status, v.label, v.passes) == ("pending", "待核实", False)
    [open_item] = v.pending
    assert open_item.id == "gov_quality_management"
    assert open_item.closes == ("在“县级认定”表填写“政府工作：质量与管理”的认定结果和佐证说明"
                                "（佐证：省级督导评估对质量与管理的评估结论）")
    doc = evaluation_dict(ev)["verdict"]
    assert (doc["status"], doc["passes"]) == ("pending", False)
    assert doc["pending"][0]["closes"] == open_item.closes


def test_2012_government_work_attested_false_fails():
    atts = [attest(g) for g in GOV[:3]] + [attest(GOV[3], answer=False)]
    v = evaluate(twins(atts), "basic-2012").verdict
    assert v.status == "fail" and [f.id for f in v.failures] == ["gov_quality_management"]


def test_2012_satisfaction_below_85_percent_fails():
    v = evaluate(twins([attest(g) for g in GOV], satisfaction=0.84), "basic-2012").verdict
    assert v.status == "fail" and [f.id for f in v.failures] == ["public_satisfaction_rate"]


def test_2012_satisfaction_from_the_county_figures_by_year():
    # no 县级指标 row: the 2025 survey of 县级年度数据 (0.86) decides; 2024 (0.80) is older
    data = twins([attest(g) for g in GOV])
    figures = [{"year": y, "figure": "public_satisfaction", "value": v, "unit": None,
                "evidence": "满意度调查"} for y, v in ((2024, 0.80), (2025, 0.86))]
    data = data.with_tables(county_indicators=data.county_indicators.iloc[0:0],
                            county_figures=pd.DataFrame(figures))
    ev = evaluate(data, "basic-2012")
    item = next(r for r in ev.quality if r.indicator.id == "public_satisfaction_rate")
    assert item.value == pytest.approx(0.86) and item.status is Status.MET
    assert item.evidence == "2025 年：满意度调查"


def conditions(attestations, year=2025):
    ev = evaluate(county(schools=[school("A")], classes=[classes("A", "g1", [40])],
                         county_attestations=attestations, info={"school_year": year}))
    return ev, {r.indicator.id: r for r in ev.conditions}


def test_2017_key_classes_attested_fails_the_verdict_by_one_vote():
    ev, items = conditions([attest("key_classes", True)])
    assert items["key_classes"].status is Status.NOT_MET
    failure = next(f for f in ev.verdict.failures if f.id == "key_classes")
    assert failure.area == "veto"
    assert failure.message.startswith("一票否决：不设重点班，未达标")
    assert ev.verdict.status == "fail"


def test_2017_veto_attested_absent_is_met_and_missing_is_pending():
    ev, items = conditions([attest("key_schools", False)])
    assert items["key_schools"].status is Status.MET
    assert items["exam_admission"].status is Status.ATTESTATION
    pending = {f.id: f for f in ev.verdict.pending}
    assert pending["exam_admission"].closes.startswith("在“县级认定”表填写“以考试方式招生”")


@pytest.mark.parametrize(("recognised", "status", "value"), [
    (2022, Status.MET, 3.0),       # 2025 − 2022 = 3 years: enough
    (2023, Status.NOT_MET, 2.0),   # 2 years: too recent
])
def test_2017_prerequisite_needs_basic_balance_three_years_before(recognised, status, value):
    _, items = conditions([attest("basic_balance_recognised", True, recognised)])
    item = items["basic_balance_recognised"]
    assert (item.status, item.value) == (status, value)


def test_2017_prerequisite_not_recognised_fails_and_unanswered_is_pending():
    _, items = conditions([attest("basic_balance_recognised", False)])
    assert items["basic_balance_recognised"].status is Status.NOT_MET
    _, items = conditions([])
    assert items["basic_balance_recognised"].status is Status.ATTESTATION
