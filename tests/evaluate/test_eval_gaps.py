"""Gaps in natural units for failing schools, and greedy fixes for failing CVs."""

import pandas as pd
import pytest
from evaluate_builders import (
    classes,
    county,
    facility,
    passing_primary,
    school,
    teachers,
    units_frame,
)

from junheng.cli.evaluate import cv_fix_lines
from junheng.evaluate import (
    apply_school_rule,
    assess,
    ceil_to,
    evaluate,
    unit_gaps,
    water_fill,
    weighted_cv,
)
from junheng.standards import load_standard

STD = load_standard("quality-2017")


def gaps_of(*rows) -> pd.DataFrame:
    units = units_frame(list(rows))
    tidy = assess(units, STD)
    passes = apply_school_rule(tidy, STD.school_rule)["passes"]
    return unit_gaps(tidy, units, STD, passes).set_index(["unit_id", "indicator"])


def test_sports_area_gap_in_square_metres():
    # 500 pupils need 7.5 × 500 = 3,750 m²; they have 2,600 → 1,150 m²
    # the 85% floor needs 0.85 × 3,750 = 3,187.5 → 588 m² (rounded up)
    gaps = gaps_of(passing_primary("A:primary", 500, sports_area=2600.0))
    row = gaps.loc[("A:primary", "sports_area_per_student")]
    assert row["text"] == "需增加体育运动场馆 1,150 平方米"
    assert (row["amount"], row["floor_amount"], row["unit"]) == (1150.0, 588.0, "平方米")
    assert len(gaps) == 1


def test_teacher_gap_is_rounded_up_to_whole_teachers():
    # 0.9 per 100 pupils × 500 = 4.5 → 5 teachers needed, 3 present → 2
    gaps = gaps_of(passing_primary("A:primary", 500, pe_art_teachers=3.0))
    assert gaps.loc[("A:primary", "pe_art_teachers_per_100"), "text"] == "需增配体育、音乐、美术专任教师 2 名"


def test_room_and_equipment_gaps_round_up():
    # multimedia: 2.3 × 430 / 100 = 9.89 → 10 rooms, 8 present → 2
    # equipment: 2,000 × 430 = 860,000 yuan, 859,999.5 present → 1 yuan
    gaps = gaps_of(passing_primary("A:primary", 430, multimedia_rooms=8.0,
                                   equipment_value=859_999.5))
    assert gaps.loc[("A:primary", "multimedia_rooms_per_100"), "text"] == "需增加网络多媒体教室 2 间"
    assert gaps.loc[("A:primary", "equipment_value_per_student"), "amount"] == 1.0


def test_gap_is_required_only_when_the_school_fails():
    # A misses one indicator but stays above 85% (passes); B misses two (fails)
    gaps = gaps_of(passing_primary("A:primary", 1000, sports_area=7000.0),
                   passing_primary("B:primary", 1000, sports_area=7000.0, teaching_area=4000.0))
    required = gaps["required"].to_dict()
    assert required == {("A:primary", "sports_area_per_student"): False,
                        ("B:primary", "sports_area_per_student"): True,
                        ("B:primary", "teaching_area_per_student"): True}


def test_unknown_value_asks_for_the_data():
    gaps = gaps_of(passing_primary("A:primary", 1000, books=None, sports_area=float("nan")))
    assert gaps.loc[("A:primary", "sports_area_per_student"), "text"] == "数据缺失：请补填体育运动场馆数据"


def test_ceil_to_ignores_float_noise_and_negative_shortfalls():
    assert ceil_to([4.5 * 100 - 450.00000000000006, -2.0, 0.2], 1.0).tolist() == [0.0, 0.0, 1.0]


def test_water_fill_raises_the_lowest_school_first():
    # pe/art teachers per 100: 12 of 1,000 (1.2), 2 of 500 (0.4), 1 of 500 (0.2)
    # weights 0.5, 0.25, 0.25: x̄ = 0.75, S² = 0.5·0.2025 + 0.25·0.1225 + 0.25·0.3025 = 0.2075
    # CV = √0.2075 / 0.75 = 0.6074 > 0.50. One more teacher at the third school gives
    # 1.2, 0.4, 0.4: x̄ = 0.8, S² = 0.16, CV = 0.4 / 0.8 = 0.50 — within the limit.
    values, students = [1.2, 0.4, 0.2], [1000, 500, 500]
    assert weighted_cv(values, students) == pytest.approx(0.607362, abs=1e-6)
    additions, cv_after = water_fill(values, students, per=100, step=1, limit=0.50)
    assert additions.tolist() == [0.0, 0.0, 1.0]
    assert cv_after == pytest.approx(0.50)


def test_water_fill_reports_when_no_raise_reaches_the_limit():
    assert water_fill([0.0, 0.0], [10, 10], per=100, step=1, limit=0.5) is None


def failing_cv_county():
    """Four primary schools; one has almost no sports ground."""
    return county(
        schools=[school(s) for s in "ABCD"],
        classes=[classes(s, "g1", [50] * 10) for s in "ABCD"],
        teachers=[teachers(s, "primary", 30, subject="pe", backbone="county") for s in "ABCD"],
        facilities=[facility(s, sports_area=area, teaching_area=3000.0, equipment_value=1.5e6,
                             multimedia_rooms=15)
                    for s, area in zip("ABCD", (5000.0, 5000.0, 5000.0, 200.0), strict=True)],
    )


def test_failing_cv_names_its_main_contributor_and_a_greedy_fix():
    ev = evaluate(failing_cv_county())
    # sports per pupil 10, 10, 10, 0.4 (equal weights): x̄ = 7.6, S = 4.1569, CV = 0.547
    cv = ev.stages["primary"].indicators["sports_area_per_student"]
    assert cv.cv == pytest.approx(4.156922 / 7.6, abs=1e-6) and cv.met is False
    fix = next(f for f in ev.cv_fixes if f.indicator == "sports_area_per_student")
    assert fix.contributors.loc[0, "school_id"] == "D"
    assert fix.contributors.loc[0, "variance_share"] == pytest.approx(0.75)
    assert fix.additions["school_id"].tolist() == ["D"]
    # by hand, D at y m² per pupil (d = 10 − y): x̄ = 10 − d/4, S = √3·d/4, so CV ≤ 0.5 needs
    # d ≤ 5 / (√3/4 + 1/8) = 8.96037 → y ≥ 1.03963 → area ≥ 519.81 m² → add 320 m² (319 fails)
    assert fix.additions.loc[0, "amount"] == 320.0
    # check the fix independently: D's new area brings the CV within 0.50
    new_d = (200.0 + fix.additions.loc[0, "amount"]) / 500
    assert weighted_cv([10, 10, 10, new_d], [500] * 4) <= 0.50 + 1e-9
    assert fix.cv_after == pytest.approx(weighted_cv([10, 10, 10, new_d], [500] * 4))
    assert fix.additions.loc[0, "text"].startswith("需增加体育运动场馆")
    failure = next(f for f in ev.verdict.failures if f.id == "sports_area_per_student")
    assert failure.message == "小学生均体育运动场馆面积差异系数 0.547，超过 0.50"
    lines = cv_fix_lines(ev)
    assert "  拉大差异最多的学校：D校、A校、B校" in lines
    assert "  贪心补足方案：1 所学校共需增加体育运动场馆 320 平方米，差异系数降至 0.500（详见整改清单）" in lines
