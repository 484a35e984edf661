"""forecast_county on the hand-worked tiny county: frames, classes, classrooms, highlights."""

from __future__ import annotations

import json

import pytest
from forecast_builders import TOWN, C, J, P, tiny_county

from junheng.errors import JunhengError
from junheng.forecast import forecast_counties, forecast_county, forecast_highlights
from junheng.forecast.serialize import forecast_dict
from junheng.model.county import CountyData


@pytest.fixture(scope="module")
def result():
    return forecast_county(tiny_county(), horizon=2)


def _school(result, school_id, year):
    rows = result.schools
    return rows[(rows["school_id"] == school_id) & (rows["year"] == year)].iloc[0]


def test_base_year_rows_hold_the_reported_students(result):
    # C 2025: 76 + 72 + 68 + 80 + 75 + 70 = 441 (0.4 b(2019..2017), 0.5 b(2016..2014))
    assert _school(result, C, 2025)["students"] == 441
    assert _school(result, C, 2025)["horizon"] == 0


def test_school_totals_classes_and_classrooms_are_worked_out_per_grade(result):
    row = _school(result, C, 2026)
    # 80 + 76 + 72 + 85 + 80 + 75 = 468; each grade needs ceil(n / 45) = 2 classes: 12
    assert row["students"] == 468
    assert row["classes_needed"] == 12
    assert row["classrooms"] == 11
    assert row["classroom_shortfall"] == 1
    assert row["idle_classrooms"] == 0
    assert row["students_per_classroom"] == pytest.approx(468 / 11)
    assert row["utilisation"] == pytest.approx(468 / 45 / 11)
    assert not row["oversized_risk"]


def test_teaching_points_use_classes_of_thirty(result):
    row = _school(result, P, 2026)
    # 20 + 19 + 18 = 57 pupils in three grades of at most 30: 3 classes in 6 rooms
    assert row["students"] == 57
    assert row["classes_needed"] == 3
    assert row["idle_classrooms"] == 3
    assert row["utilisation"] == pytest.approx(57 / 30 / 6)


def test_junior_grades_use_classes_of_fifty(result):
    row = _school(result, J, 2027)
    # 75 + 70 + 65 = 210 pupils: ceil(75/50) + ceil(70/50) + ceil(65/50) = 6 classes
    assert row["students"] == 210
    assert row["classes_needed"] == 6


def test_students_frame_has_low_mid_high_per_school_grade_year():
    students = forecast_county(tiny_county(), horizon=2, interval_floor=0.0).students
    row = students[(students["school_id"] == C) & (students["grade"] == "g4")
                   & (students["year"] == 2026)].iloc[0]
    assert row["students"] == 85
    # the history follows its ratios exactly, so the backtest never erred: no spread
    assert row["students_low"] == row["students_high"] == 85
    assert set(students["grade"][students["school_id"] == P]) == {"g1", "g2", "g3"}


def test_the_default_floor_keeps_every_forecast_strictly_inside_its_interval(result):
    # the same exact history with the default floor of +-0.5% a year: 85 pupils one year ahead
    # get 86 e^-0.005 - 1 = 84.57 -> 84 (a pupil below) and 86 e^0.005 - 1 = 85.43 -> 86
    students = result.students
    row = students[(students["school_id"] == C) & (students["grade"] == "g4")
                   & (students["year"] == 2026)].iloc[0]
    assert (row["students_low"], row["students"], row["students_high"]) == (84, 85, 86)
    for frame in (result.students, result.schools, result.county):
        future = frame[(frame["horizon"] >= 1) & (frame["students"] > 0)]
        assert (future["students_low"] < future["students"]).all()
        assert (future["students"] < future["students_high"]).all()


def test_town_and_county_totals_add_up_by_stage(result):
    towns = result.towns
    primary = towns[(towns["town_code"] == TOWN) & (towns["stage"] == "primary")
                    & (towns["year"] == 2026)].iloc[0]
    assert primary["students"] == 468 + 57
    county = result.county.set_index(["stage", "year"])
    # preschool 2026: 115 + 110 + 105; junior 70 + 65 + 60
    assert county.loc[("preschool", 2026), "students"] == 330
    assert county.loc[("junior", 2026), "students"] == 195
    assert county.loc[("all", 2026), "students"] == 330 + 525 + 195
    assert county.loc[("all", 2026), "classrooms"] == 11 + 6 + 6 + 12


def test_highlights_name_the_seat_shortfall_years_and_half_empty_schools(result):
    highlights = forecast_highlights(result)
    # seat (111) compulsory schools C and J: 12 + 6 = 18 classes in 11 + 6 = 17 rooms
    assert highlights.seat_shortfall_years == (2026, 2027)
    seat = highlights.seat.set_index("year")
    assert seat.loc[2026, "net_shortfall"] == 1
    under = highlights.under_half
    assert under["school_id"].tolist() == [P]
    assert under.iloc[0]["first_year"] == 2026


def test_accuracy_reports_backtest_mape_by_level_and_horizon(result):
    accuracy = result.accuracy
    assert set(accuracy["level"]) == {"school_grade", "school", "town_stage", "county_stage"}
    county = accuracy[(accuracy["level"] == "county_stage") & (accuracy["stage"] == "all")]
    assert county["horizon"].tolist() == [1, 2]
    assert county["mape"].max() == pytest.approx(0.0, abs=1e-9)
    assert result.backtest_origins == (2020, 2021, 2022, 2023, 2024)


def test_models_list_every_series_and_the_births_model(result):
    kinds = set(result.models["kind"])
    assert kinds == {"progression", "entry", "births"}


def test_to_dict_is_json_ready(result):
    text = json.dumps(forecast_dict(result), ensure_ascii=False)
    assert '"base_year": 2025' in text


def test_horizon_must_be_one_to_ten():
    with pytest.raises(JunhengError, match="预测年限 11 无效：须为 1–10 的整数"):
        forecast_county(tiny_county(), horizon=11)


def test_forecast_county_refuses_two_counties():
    other = CountyData(dict(tiny_county().info, county_code="410307"), tiny_county().tables)
    with pytest.raises(JunhengError, match="只接受同一县区的数据"):
        forecast_county([tiny_county(), other])


def test_counties_with_different_latest_years_are_refused():
    other = CountyData(dict(tiny_county().info, county_code="410307", school_year=2024),
                       tiny_county().tables)
    with pytest.raises(JunhengError, match="各县区最新学年不一致"):
        forecast_counties([tiny_county(), other])


def test_a_county_without_any_enrolment_is_refused():
    empty = tiny_county(classes=[], enrolment_history=[])
    with pytest.raises(JunhengError, match="没有任何在校生数据"):
        forecast_county(empty)


def test_a_latest_year_without_classes_is_refused():
    with pytest.raises(JunhengError, match="最新学年 2025 没有任何在校生数据"):
        forecast_county(tiny_county(classes=[]))


def test_a_school_without_base_year_students_is_noted():
    classes = [c for c in tiny_county().classes.to_dict("records") if c["school_id"] != P]
    result = forecast_county(tiny_county(classes=classes), horizon=1)
    assert "1 所学校基年没有在校生数据，按 0 人起算。" in result.notes


def test_later_workbooks_history_and_each_years_classes_are_merged():
    # the 2025 workbook carries no history at all; the 2024 workbook has 2019-2023 history
    # and its own classes for 2024: merged, the county has 2019-2025 and backtests from 2020
    old = tiny_county(base_year=2024)
    new = tiny_county(enrolment_history=[])
    assert forecast_county(new, horizon=1).backtest_origins == ()
    merged = forecast_county([old, new], horizon=1)
    assert merged.backtest_origins == (2020, 2021, 2022, 2023, 2024)
    students = merged.students
    assert students[(students["school_id"] == C) & (students["grade"] == "g4")
                    & (students["year"] == 2026)]["students"].item() == 85
