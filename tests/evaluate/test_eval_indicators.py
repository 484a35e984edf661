"""Each resource indicator on hand-worked numbers (2017 and 2012)."""

import pytest
from evaluate_builders import classes, county, facility, school, teachers

from junheng.evaluate import build_units, evaluate, per_hundred, per_student
from junheng.evaluate.units import UnitRules


def primary_county():
    """甲小学: 500 pupils (10 classes of 45 and one of 50)."""
    staff = [
        teachers("A", "primary", 10, degree="bachelor", title="first", backbone="county"),
        teachers("A", "primary", 11, degree="associate", title="senior", subject="pe"),
        teachers("A", "primary", 9, degree="secondary_or_below", title="professor",
                 subject="music"),
        # not counted: not full-time; teaching another stage
        teachers("A", "primary", 4, full_time=False, degree="postgraduate", backbone="city",
                 subject="art"),
        teachers("A", "junior", 3, degree="postgraduate"),
    ]
    return county(
        schools=[school("A", name="甲小学")],
        classes=[classes("A", "g1", [45] * 10), classes("A", "g2", [50])],
        teachers=staff,
        facilities=[facility("A", teaching_area=2250.0, sports_area=3750.0,
                             equipment_value=1_000_000.0, multimedia_rooms=12, computers=60,
                             books=15_000)],
    )


def values(ev):
    return ev.units.set_index("unit_id").loc["A:primary"]


def test_per_hundred_and_per_student_leave_units_without_students_unknown():
    assert per_hundred([21, 3], [500, 0]).tolist()[0] == pytest.approx(4.2)
    assert per_student([4500.0, 1.0], [1000, 0]).isna().tolist() == [False, True]


def test_quality_2017_indicators_on_hand_worked_numbers():
    row = values(evaluate(primary_county(), "quality-2017"))
    assert row["students"] == 500  # 10 × 45 + 50
    # 高于规定学历 (primary: 专科+): 10 本科 + 11 专科 = 21 → 21 × 100 / 500 = 4.2
    assert row["higher_degree_teachers_per_100"] == pytest.approx(4.2)
    # 县级以上骨干: 10 县级 (the part-time 市级 ones do not count) → 2.0
    assert row["backbone_teachers_per_100"] == pytest.approx(2.0)
    # 体育艺术: 11 体育 + 9 音乐 = 20 → 4.0 (part-time 美术 not counted)
    assert row["pe_art_teachers_per_100"] == pytest.approx(4.0)
    assert row["teaching_area_per_student"] == pytest.approx(4.5)  # 2250 / 500
    assert row["sports_area_per_student"] == pytest.approx(7.5)  # 3750 / 500
    assert row["equipment_value_per_student"] == pytest.approx(2000.0)  # 1,000,000 / 500
    assert row["multimedia_rooms_per_100"] == pytest.approx(2.4)  # 12 × 100 / 500


def test_basic_2012_indicators_on_hand_worked_numbers():
    row = values(evaluate(primary_county(), "basic-2012"))
    assert row["computers_per_100"] == pytest.approx(12.0)  # 60 × 100 / 500
    assert row["books_per_student"] == pytest.approx(30.0)  # 15,000 / 500
    assert row["teachers_per_student"] == pytest.approx(0.06)  # 30 full-time / 500
    assert row["higher_degree_teachers_per_student"] == pytest.approx(0.042)  # 21 / 500
    # 中级及以上 = 一级 10 + 高级 11 + 正高级 9 = 30 → 30 / 500
    assert row["senior_title_teachers_per_student"] == pytest.approx(0.06)


def test_higher_degree_means_bachelor_and_above_for_junior_teachers():
    data = county(
        schools=[school("J", "junior_school")],
        classes=[classes("J", "g7", [50] * 6)],
        teachers=[teachers("J", "junior", 10, degree="bachelor"),
                  teachers("J", "junior", 2, degree="postgraduate"),
                  teachers("J", "junior", 6, degree="associate")],
    )
    frame = build_units(data, UnitRules()).frame
    # (10 + 2) 本科+ of 300 pupils; the 6 专科 teachers are not above the junior requirement
    assert frame.loc[0, "higher_degree_teachers"] == 12
    ev = evaluate(data)
    assert ev.units.loc[0, "higher_degree_teachers_per_100"] == pytest.approx(4.0)


def test_threshold_reached_exactly_is_met():
    ev = evaluate(primary_county())
    met = ev.assessment.set_index("indicator")["met"]
    assert bool(met["higher_degree_teachers_per_100"]) is True  # 4.2 against 4.2
    assert bool(met["sports_area_per_student"]) is True  # 7.5 against 7.5
    assert bool(met["multimedia_rooms_per_100"]) is True  # 2.4 against 2.3


def test_unknown_facility_is_unknown_not_zero():
    data = county(schools=[school("A")], classes=[classes("A", "g1", [40])],
                  facilities=[facility("A", sports_area=400.0)])
    row = evaluate(data).assessment.set_index("indicator")
    assert row.loc["sports_area_per_student", "value"] == pytest.approx(10.0)
    assert row["value"].isna()["teaching_area_per_student"]
    assert row["met"].isna()["teaching_area_per_student"]
