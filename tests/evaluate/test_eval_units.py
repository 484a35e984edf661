"""Evaluation units: the stage split of 一贯制 schools, teachers by stage, teaching points."""

import pytest
from evaluate_builders import classes, county, facility, school, teachers

from junheng.errors import ConfigError
from junheng.evaluate import build_units, evaluate
from junheng.evaluate.serialize import evaluation_dict
from junheng.evaluate.units import UnitRules
from junheng.standards import load_standard

WEIGHTS = load_standard("quality-2017").split_weights


def units_of(data, **rules):
    frame = build_units(data, UnitRules(split_weights=WEIGHTS, **rules)).frame
    return frame.set_index("unit_id")


def nine_year_county():
    """A nine-year school: 600 primary, 300 junior pupils, 9,000 m² of teaching rooms."""
    return county(
        schools=[school("N", "nine_year", name="九年一贯制学校")],
        classes=[classes("N", "g1", [50] * 12), classes("N", "g7", [50] * 6)],
        teachers=[teachers("N", "primary", 30), teachers("N", "junior", 25, subject="pe"),
                  teachers("N", "preschool", 3)],
        facilities=[facility("N", teaching_area=9000.0, sports_area=18600.0,
                             multimedia_rooms=31)],
    )


def test_nine_year_school_splits_facilities_one_to_one_point_one():
    # weighted pupils: primary 600 × 1 = 600, junior 300 × 1.1 = 330, total 930
    # primary share 600 / 930, junior 330 / 930
    # teaching area: primary 9000 × 600/930 = 5806.4516, junior 9000 × 330/930 = 3193.5484
    units = units_of(nine_year_county())
    assert list(units.index) == ["N:primary", "N:junior"]
    assert units.loc["N:primary", "teaching_area"] == pytest.approx(5806.4516, abs=1e-4)
    assert units.loc["N:junior", "teaching_area"] == pytest.approx(3193.5484, abs=1e-4)
    # sports: 18,600 × 600/930 = 12,000 and × 330/930 = 6,600 → 20 and 22 m² per pupil
    assert units.loc["N:primary", "sports_area"] == pytest.approx(12000.0)
    assert units.loc["N:junior", "sports_area"] == pytest.approx(6600.0)
    # multimedia rooms split too: 31 × 600/930 = 20, 31 × 330/930 = 11
    assert units.loc["N:primary", "multimedia_rooms"] == pytest.approx(20.0)
    assert units.loc["N:junior", "multimedia_rooms"] == pytest.approx(11.0)


def test_nine_year_school_counts_teachers_in_the_stage_they_teach():
    units = units_of(nine_year_county())
    assert units.loc["N:primary", "full_time_teachers"] == 30
    assert units.loc["N:junior", "full_time_teachers"] == 25
    assert units.loc["N:junior", "pe_art_teachers"] == 25
    assert units.loc["N:primary", "pe_art_teachers"] == 0
    # per-student values follow from the split: 12,000 / 600 and 6,600 / 300
    ev = evaluate(nine_year_county()).units.set_index("unit_id")
    assert ev.loc["N:primary", "sports_area_per_student"] == pytest.approx(20.0)
    assert ev.loc["N:junior", "sports_area_per_student"] == pytest.approx(22.0)


def test_twelve_year_and_complete_secondary_leave_the_senior_share_out():
    data = county(
        schools=[school("T", "twelve_year"), school("C", "complete_secondary")],
        classes=[classes("T", "g1", [50] * 12), classes("T", "g7", [50] * 6),
                 classes("T", "s1", [50] * 8), classes("C", "g7", [50] * 10),
                 classes("C", "s1", [50] * 12)],
        facilities=[facility("T", teaching_area=14580.0), facility("C", teaching_area=12200.0)],
    )
    units = units_of(data)
    # twelve-year: 600 + 300 × 1.1 + 400 × 1.32 = 600 + 330 + 528 = 1458
    assert units.loc["T:primary", "teaching_area"] == pytest.approx(14580.0 * 600 / 1458)
    assert units.loc["T:junior", "teaching_area"] == pytest.approx(14580.0 * 330 / 1458)
    # complete secondary: 500 + 600 × 1.2 = 1220 → junior 12,200 × 500/1220 = 5,000
    assert units.loc["C:junior", "teaching_area"] == pytest.approx(5000.0)
    assert "C:primary" not in units.index
    assert {"T:senior", "C:senior"}.isdisjoint(units.index)


def test_kindergartens_special_and_senior_schools_are_not_units():
    data = county(
        schools=[school("P"), school("K", "kindergarten"), school("S", "special_education"),
                 school("H", "senior_school")],
        classes=[classes("P", "g1", [40]), classes("K", "k1", [25]), classes("S", "g1", [8]),
                 classes("H", "s1", [50])],
    )
    assert list(units_of(data).index) == ["P:primary"]


def county_with_points():
    """A central primary school with two teaching points of 30 and 60 pupils."""
    return county(
        schools=[school("C", name="中心校"),
                 school("P1", "teaching_point", name="甲教学点", central_school="C"),
                 school("P2", "teaching_point", name="乙教学点", central_school="C")],
        classes=[classes("C", "g1", [50] * 8), classes("P1", "g1", [30]),
                 classes("P2", "g1", [30, 30])],
        teachers=[teachers("C", "primary", 20), teachers("P1", "primary", 2),
                  teachers("P2", "primary", 3)],
        facilities=[facility("C", teaching_area=2000.0, sports_area=4000.0),
                    facility("P2", teaching_area=300.0)],
    )


def test_teaching_points_merge_into_their_central_school_by_default():
    units = units_of(county_with_points())
    # one unit: 400 + 30 + 60 = 490 pupils, 20 + 2 + 3 teachers, 2,000 + 300 m²
    # (甲教学点 has no facility row: a point reports through its central school)
    assert list(units.index) == ["C:primary"]
    row = units.loc["C:primary"]
    assert (row["students"], row["full_time_teachers"], row["points_merged"]) == (490, 25, 2)
    assert row["teaching_area"] == pytest.approx(2300.0)
    assert row["sports_area"] == pytest.approx(4000.0)


def test_separate_teaching_points_are_units_of_their_own():
    units = units_of(county_with_points(), teaching_points="separate")
    assert list(units.index) == ["C:primary", "P1:primary", "P2:primary"]
    assert units["students"].tolist() == [400, 30, 60]
    assert units.loc["P2:primary", "teaching_area"] == pytest.approx(300.0)
    # a separate point's own missing facility stays unknown
    assert units["sports_area"].isna().tolist() == [False, True, True]


def test_merge_and_separate_give_different_cvs():
    data = county_with_points()
    merged = evaluate(data).stages["primary"].indicators["teaching_area_per_student"]
    separate = evaluate(data, teaching_points="separate").stages["primary"] \
        .indicators["teaching_area_per_student"]
    # merged: one unit, CV 0; separate: 5.0 (400), 5.0 (60), P1 unknown → CV 0 over 2 units
    assert (merged.n, separate.n) == (1, 2)
    assert merged.cv == pytest.approx(0.0)


def test_points_under_the_limit_are_excluded():
    units = units_of(county_with_points(), exclude_points_under=50)
    # 甲教学点 (30) is left out; 乙教学点 (60) still merges
    assert units.loc["C:primary", "students"] == 460
    assert units.loc["C:primary", "full_time_teachers"] == 23
    separate = units_of(county_with_points(), teaching_points="separate",
                        exclude_points_under=50)
    assert list(separate.index) == ["C:primary", "P2:primary"]


def test_exclusion_is_stated_in_the_rules():
    ev = evaluate(county_with_points(), exclude_points_under=50)
    assert "不足 50 名学生的教学点不参加评估" in ev.rules.describe()
    assert evaluation_dict(ev)["rules"]["exclude_points_under"] == 50
    assert "教学点并入所属中心校计算" in ev.rules.describe()


def test_invalid_teaching_point_rule_is_a_config_error():
    # the choices in Chinese, no option code (review 2026-12-04 C2)
    with pytest.raises(ConfigError, match="^教学点处理方式“drop”无效：可选“并入所属中心校”（默认）或“单独作为评估单位”。$"):
        evaluate(county_with_points(), teaching_points="drop")
    with pytest.raises(ConfigError, match="排除教学点的人数下限 -1 无效"):
        evaluate(county_with_points(), exclude_points_under=-1)


def test_teaching_point_rule_may_be_given_in_its_chinese_words():
    assert UnitRules(teaching_points="单独作为评估单位").teaching_points == "separate"
    assert UnitRules(teaching_points="并入所属中心校").teaching_points == "merge"
