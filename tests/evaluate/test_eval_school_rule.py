"""The 2017 school rule: ≥ 6 of 7 met and the rest ≥ 85% of the threshold, at its edges."""

import pytest
from evaluate_builders import passing_primary, units_frame

from junheng.evaluate import apply_school_rule, assess
from junheng.standards import load_standard

STD = load_standard("quality-2017")


def verdict(**overrides) -> dict:
    """The school rule's verdict for one 1,000-pupil primary unit (thresholds met exactly)."""
    units = units_frame([passing_primary("A:primary", 1000, **overrides)])
    out = apply_school_rule(assess(units, STD), STD.school_rule)
    return out.loc["A:primary"].to_dict()


def test_unit_meeting_all_seven_passes():
    assert verdict() == {"n_indicators": 7, "n_met": 7, "n_unknown": 0, "n_below_floor": 0,
                         "passes": True}


def test_six_met_and_the_seventh_at_exactly_85_percent_passes():
    # sports area 6,375 m² for 1,000 pupils = 6.375 m² = 0.85 × 7.5
    result = verdict(sports_area=6375.0)
    assert (result["n_met"], result["n_below_floor"], result["passes"]) == (6, 0, True)


def test_six_met_and_the_seventh_just_below_85_percent_fails():
    # 6,374 m² / 1,000 = 6.374 m² = 84.99% of 7.5
    result = verdict(sports_area=6374.0)
    assert (result["n_met"], result["n_below_floor"], result["passes"]) == (6, 1, False)


def test_teacher_indicator_at_exactly_85_percent_passes():
    # 8.5 backbone teachers per 1,000 pupils would be 0.85 per 100; with 2,000 pupils: 17
    units = units_frame([passing_primary("B:primary", 2000, backbone_teachers=17.0)])
    out = apply_school_rule(assess(units, STD), STD.school_rule).loc["B:primary"]
    assert (out["n_met"], out["passes"]) == (6, True)


def test_five_met_fails_even_when_the_other_two_reach_85_percent():
    # two indicators at 90%: 6.75 m² sports, 4.05 m² teaching rooms
    result = verdict(sports_area=6750.0, teaching_area=4050.0)
    assert (result["n_met"], result["n_below_floor"], result["passes"]) == (5, 0, False)


def test_unknown_value_counts_as_unmet_and_below_the_floor():
    result = verdict(equipment_value=float("nan"))
    assert (result["n_met"], result["n_unknown"], result["passes"]) == (6, 1, False)


def test_junior_thresholds_apply_to_junior_units():
    # 5.8 m² teaching rooms per junior pupil: 5,800 m² for 1,000 pupils is exactly met,
    # while the primary threshold 4.5 would have been met by far less
    row = passing_primary("J:junior", 1000, stage="junior", higher_degree_teachers=53.0,
                          equipment_value=2_500_000.0, sports_area=10_200.0,
                          multimedia_rooms=24.0, teaching_area=5_799.0)
    tidy = assess(units_frame([row]), STD).set_index("indicator")
    assert tidy.loc["teaching_area_per_student", "threshold"] == 5.8
    assert bool(tidy.loc["teaching_area_per_student", "met"]) is False
    assert tidy.loc["teaching_area_per_student", "ratio"] == pytest.approx(5.799 / 5.8)
    assert tidy["met"].drop("teaching_area_per_student").all()


def test_a_failing_units_line_prints_equipment_in_whole_yuan_as_the_self_report_does():
    """Review rv finding 12: "生均教学仪器设备值 1,848.24（标准 2,000）" beside 1,848 in the 自评报告;
    each figure with its unit (hcli: the figures had none)."""
    from junheng.evaluate.engine import _unit_failures

    units = units_frame([passing_primary("A:primary", 1000, equipment_value=1_848_240.0, sports_area=6_000.0),
                         passing_primary("B:primary", 1000, equipment_value=1_999_600.0, sports_area=6_000.0)])
    assessment = assess(units, STD)
    frame = apply_school_rule(assessment, STD.school_rule).reset_index().assign(name=["甲小学", "乙小学"],
                                                                                 stage="primary")
    assert [f.message for f in _unit_failures(frame, STD, assessment)] == [
        "甲小学（小学）：5/7 项达标，需至少 6 项且其余不低于 85%；未达标：生均体育运动场馆面积 6.00 平方米/生（标准 7.5 平方米/生，低于 85%）；"
        "生均教学仪器设备值 1,848 元/生（标准 2,000 元/生）",
        # just under the standard: as many decimals as it takes not to read as 2,000
        "乙小学（小学）：5/7 项达标，需至少 6 项且其余不低于 85%；未达标：生均体育运动场馆面积 6.00 平方米/生（标准 7.5 平方米/生，低于 85%）；"
        "生均教学仪器设备值 1,999.6 元/生（标准 2,000 元/生）"]
