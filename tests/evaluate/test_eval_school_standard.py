"""2012: every school meets the province's 办学基本标准, the thresholds from an overlay (issue 15).

The county: two primary schools of 200 pupils each (5 classes of 40); 甲校 holds 6,000 books
(30 a pupil), 乙校 3,000 (15 a pupil). Henan's overlay asks 20 books a primary pupil.
"""

from pathlib import Path

from evaluate_builders import classes, county, county_indicators, facility, school, teachers

from junheng.evaluate import Status, evaluate
from junheng.standards import Overlay, load_standard

ROOT = Path(__file__).resolve().parents[2]
HENAN = ROOT / "examples" / "overlays" / "henan.yaml"
TEMPLATE = ROOT / "examples" / "overlays" / "basic-2012-template.yaml"
GOV = ("gov_enrolment_access", "gov_funding_guarantee", "gov_teacher_workforce",
       "gov_quality_management")


def attest(item, answer=True):
    return {"item": item, "answer": answer, "year": None, "evidence": f"{item} 佐证"}


def two_schools(books_b=6000, rest=None):
    atts = [attest(g) for g in GOV] + ([] if rest is None else
                                       [attest("province_school_standard", rest)])
    return county(
        schools=[school("A", name="甲校"), school("B", name="乙校")],
        classes=[classes(i, "g1", [40] * 5) for i in "AB"],
        teachers=[teachers(i, "primary", 10, title="first") for i in "AB"],
        facilities=[facility(i, teaching_area=1000.0, sports_area=1600.0, equipment_value=4e5,
                             books=b, computers=30, multimedia_rooms=5)
                    for i, b in (("A", 6000), ("B", books_b))],
        county_indicators=county_indicators(public_satisfaction_rate=0.9),
        county_attestations=atts)


def item(ev):
    [result] = [r for r in ev.conditions if r.indicator.id == "province_school_standard"]
    return result


def test_henan_overlay_supplies_books_per_pupil_by_stage():
    std = load_standard("basic-2012", HENAN)
    assert dict(std.indicator("books_per_student").thresholds) == {"primary": 20.0, "junior": 30.0}


def test_without_overlay_the_2012_verdict_is_pending_and_says_what_closes_it():
    ev = evaluate(two_schools(rest=True), "basic-2012")
    assert ev.verdict.status == "pending"
    [open_item] = ev.verdict.pending
    assert open_item.id == "province_school_standard"
    assert open_item.closes.startswith("提供本省义务教育学校办学基本标准的省级覆盖文件")
    assert item(ev).status is Status.ATTESTATION


def test_an_empty_template_checks_nothing_and_stays_pending():
    std = load_standard("basic-2012", TEMPLATE)
    assert all(not i.thresholds for i in std.resource_indicators) and std.overrides == ()
    ev = evaluate(two_schools(rest=True), "basic-2012", overlay=TEMPLATE)
    assert [p.id for p in ev.verdict.pending] == ["province_school_standard"]


def test_a_school_below_one_provincial_threshold_fails_the_2012_verdict():
    ev = evaluate(two_schools(books_b=3000, rest=True), "basic-2012", overlay=HENAN)
    v = ev.verdict
    assert v.status == "fail" and [f.id for f in v.failures] == ["province_school_standard"]
    result = item(ev)
    assert result.value == 0.5  # 1 of 2 schools meets every supplied threshold
    assert result.detail.to_dict("records") == [
        {"school_id": "B", "name": "乙校", "stage": "primary",
         "gap": "生均图书册数 15 册（省定标准 20 册）"}]
    assert "1 所学校未达到省定办学基本标准：乙校（小学）：生均图书册数 15 册（省定标准 20 册）" \
        in v.failures[0].message


def test_all_thresholds_met_but_the_rest_of_the_standard_not_attested_is_pending():
    ev = evaluate(two_schools(), "basic-2012", overlay=HENAN)
    [open_item] = ev.verdict.pending
    assert ev.verdict.status == "pending" and open_item.id == "province_school_standard"
    assert open_item.closes.startswith("在“县级认定”表填写“学校达到省定办学基本标准”")
    assert item(ev).value == 1.0


def test_all_thresholds_met_and_the_rest_attested_passes():
    ev = evaluate(two_schools(rest=True), "basic-2012", overlay=HENAN)
    assert (ev.verdict.status, ev.verdict.label) == ("pass", "达标")
    assert item(ev).note == "按省定标准核查 2 所学校的生均图书册数，全部达标；县级认定：其余条目达到要求"


def test_the_rest_attested_false_fails():
    ev = evaluate(two_schools(rest=False), "basic-2012", overlay=HENAN)
    assert [f.id for f in ev.verdict.failures] == ["province_school_standard"]


def test_an_overlay_object_with_one_junior_threshold_checks_no_primary_school():
    overlay = Overlay("某省", "某文件", {"basic-2012": {"computers_per_100": {"junior": 12}}})
    ev = evaluate(two_schools(books_b=10, rest=True), "basic-2012", overlay=overlay)
    assert ev.verdict.status == "pending"
    assert item(ev).status is Status.ATTESTATION


def test_a_nine_year_school_is_checked_per_stage_and_the_note_says_so():
    # review 2026-12-05 finding 10: 「核查 60 所学校」 in a county of 55. 甲校 (小学) and 丙校
    # (九年一贯制, a 小学 and an 初中 unit): 3 评估单位 in 2 schools
    data = county(
        schools=[school("A", name="甲校"), school("C", "nine_year", name="丙校")],
        classes=[classes("A", "g1", [40] * 5), classes("C", "g1", [40] * 5), classes("C", "g7", [40] * 5)],
        teachers=[teachers("A", "primary", 10, title="first"), teachers("C", "primary", 10, title="first"),
                  teachers("C", "junior", 10, title="first")],
        facilities=[facility(i, teaching_area=2000.0, sports_area=3200.0, equipment_value=8e5,
                             books=12000, computers=60, multimedia_rooms=10) for i in "AC"],
        county_indicators=county_indicators(public_satisfaction_rate=0.9),
        county_attestations=[attest(g) for g in GOV] + [attest("province_school_standard")])
    ev = evaluate(data, "basic-2012", overlay=HENAN)
    assert item(ev).note.startswith("按省定标准核查 3 个评估单位（2 所学校，一贯制学校分学段）的生均图书册数")
