"""The county seat's classroom balance per stage (review finding 1): a primary school's spare
room cannot take a junior-middle class, so the stages are never netted against each other,
and a new school's rooms are counted from its first year and named beside every gap."""

from __future__ import annotations

from dataclasses import replace

import pytest

from junheng.forecast import NewSchoolRooms, forecast_county, forecast_highlights
from junheng.jobs.figures import ClassroomShortage, headline_figures
from junheng.model import CountyData

PRIMARY = ("g1", "g2", "g3", "g4", "g5", "g6")
JUNIOR = ("g7", "g8", "g9")


def _school(sid, name, kind, code="111"):
    return {"school_id": sid, "name": name, "school_type": kind, "town_code": "410306001",
            "urban_rural_code": code}


def _grades(sid, grades, years=None):
    if years is None:
        return [{"school_id": sid, "grade": g, "class_no": "1", "students": 40} for g in grades]
    return [{"school_year": y, "school_id": sid, "grade": g, "students": 40}
            for y in years for g in grades]


@pytest.fixture(scope="module")
def forecast():
    """40 pupils a grade, flat for years: 城关小学 needs 6 classes (40 ≤ 45 a class) in 4
    rooms, short 2; 城关初中 needs 3 (40 ≤ 50) in 8 rooms, 5 spare. Netted, the seat would
    have 3 rooms spare (9 classes, 12 rooms) and no shortage at all."""
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[_school("S1", "城关小学", "primary_school"),
                 _school("J1", "城关初中", "junior_school")],
        classes=_grades("S1", PRIMARY) + _grades("J1", JUNIOR),
        facilities=[{"school_id": "S1", "classrooms": 4}, {"school_id": "J1", "classrooms": 8}],
        enrolment_history=_grades("S1", PRIMARY, (2023, 2024)) + _grades("J1", JUNIOR,
                                                                          (2023, 2024)))
    return forecast_county(data, horizon=1)


def test_seat_balance_is_per_stage_never_netted(forecast):
    seat = forecast_highlights(forecast).seat
    assert seat["net_shortfall"].tolist() == [-3, -3]  # 9 - 12, kept for checking only
    assert seat["net_primary"].tolist() == [2, 2]      # 6 - 4
    assert seat["net_junior"].tolist() == [-5, -5]     # 3 - 8
    assert "net_through" not in seat  # no 一贯制 school in the seat: no column
    short = ClassroomShortage.from_highlights(forecast_highlights(forecast))
    assert short.years == (2025, 2026)
    assert short.sentence() == (
        "县城（主城区、城乡结合区）义务教育学校教室按学段分计（一个学段富余的教室不能容纳另一学段的"
        "班级，不跨学段相抵）：小学：2025—2026 学年教室不足（2025 学年为基年实际数），2025 学年最多，缺 2 间；"
        "初中预测期内够用。各学段缺口为该学段县城各校所需班数之和减普通教室数（同学段一校富余可抵另一校"
        "不足）；逐校相加（达标路径的算法，未计布局调整）2025 学年缺 2 间。")


def test_the_headline_rows_give_each_stage_its_own_balance(forecast):
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[_school("S1", "城关小学", "primary_school")],
        classes=_grades("S1", PRIMARY))
    rows = dict(headline_figures(data, (), forecast).rows())
    assert rows["县城义务教育学校教室开始不足的学年"] == "小学：2025 学年（基年已不足）；初中：预测期内够用"
    assert rows["县城义务教育学校教室缺口：2026 学年（招生预测，未计布局调整）"] == \
        "小学缺 2 间；初中富余 5 间；逐校相加缺 2 间"


def test_a_county_seat_new_school_is_counted_from_its_first_year_and_named(forecast):
    # review rv 15: the new school's rooms were left out of every gap. 城东小学's 24 rooms from
    # 2026: 12 + 24 = 36 rooms, 小学 2 − 24 = −22 (spare 22); 2025 (before it opens) unchanged;
    # the schools' own shortfalls added up stay 2 (a school with no pupils lacks no room)
    new = (NewSchoolRooms("城东小学", "primary_school", "111", 24, 2026),
           NewSchoolRooms("河口乡初中", "junior_school", "210", 20, 2026),  # not in the 县城
           NewSchoolRooms("城东幼儿园", "kindergarten", "111", 12, 2026))   # not compulsory
    highlights = forecast_highlights(replace(forecast, new_schools=new))
    assert highlights.new_schools == new[:1]
    seat = highlights.seat
    assert seat["classrooms"].tolist() == [12, 36] and seat["new_school_rooms"].tolist() == [0, 24]
    assert seat["net_primary"].tolist() == [2, -22] and seat["net_junior"].tolist() == [-5, -5]
    assert seat["net_shortfall"].tolist() == [-3, -27] and seat["shortfall_by_school"].tolist() == [2, 2]
    short = ClassroomShortage.from_highlights(highlights)
    assert short.years == (2025,)
    assert short.sentence().endswith(
        "新建学校城东小学（小学，24 间普通教室，2026 学年起投入使用）的教室自 2026 学年起计入以上普通教室数和小学缺口："
        "招生预测按各校现有在校生推算，该校尚无在校生，预测中没有自己的学生，其学生须经就近划片由周边学校分流。")
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[_school("S1", "城关小学", "primary_school")], classes=_grades("S1", PRIMARY))
    rows = dict(headline_figures(data, (), replace(forecast, new_schools=new)).rows())
    assert rows["县城新建学校（自投入使用学年起计入上列缺口）"].startswith("新建学校城东小学（小学，24 间")


def test_a_new_school_the_layout_plan_fills_says_its_pupils_wherever_it_is_named(forecast):
    # Review 2026-12-05 finding 2: the 自评报告 said 城东新区第二小学 had 「尚无预测学生」 in its
    # 主要数据 and 招生预测 sections while the layout plan (and the 达标路径 after it) gave it
    # 423 pupils in 2030: the forecast has none (no pupils of its own yet), the layout does.
    from junheng.jobs.figures import with_layout
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    from junheng.report.plan_rows import forecast_summary

    new = (NewSchoolRooms("城东小学", "primary_school", "111", 24, 2026),)
    plan = LayoutOutcome("optimal", (PlannedSchool("N1", "城东小学", "keep",
                                                   students_after={"primary": 423}),),
                         {"before": {"urban_classroom_shortfall": 2},
                          "after": {"urban_classroom_shortfall": 0}}, target_year=2026)
    said = ("新建学校城东小学（小学，24 间普通教室，2026 学年起投入使用）的教室自 2026 学年起计入以上普通教室数和小学缺口："
            "招生预测按各校现有在校生推算，该校尚无在校生，预测中没有自己的学生；布局调整方案按就近划片给该校分配学生，"
            "2026 学年 423 人，以上各学年仍计在原就读学校（分流不改变县城该学段的合计）。")
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[_school("S1", "城关小学", "primary_school")], classes=_grades("S1", PRIMARY))
    rows = dict(with_layout(headline_figures(data, (), replace(forecast, new_schools=new)),
                            plan).rows())
    assert rows["县城新建学校（自投入使用学年起计入上列缺口）"] == said
    summary = forecast_summary(replace(forecast, new_schools=new), plan)
    assert summary.lines[0].endswith(said)
    # without the layout plan: the forecast's own words
    assert forecast_summary(replace(forecast, new_schools=new)).lines[0].endswith(
        "预测中没有自己的学生，其学生须经就近划片由周边学校分流。")
    # the 教室供需 table counts its 24 rooms from 2026 and says so under the table
    summary = forecast_summary(replace(forecast, new_schools=new))
    assert summary.seat_table()[1] == [["2025", "9", "12", "+2", "-5"], ["2026", "9", "36", "-22", "-5"]]
    assert summary.seat_note == ("注：普通教室数含新建学校城东小学 24 间（2026 学年起）；该校在招生预测中没有自己的学生，"
                                 "其学生由周边学校划片分流，仍计在原就读学校。")


def test_the_seat_table_shows_each_stage_and_flags_its_shortage(forecast):
    from junheng.report.plan_rows import forecast_summary

    headers, rows, flags = forecast_summary(forecast).seat_table()
    assert headers == ["学年", "所需班数", "普通教室数", "小学缺口（正为不足）", "初中缺口（正为不足）"]
    assert rows == [["2025", "9", "12", "+2", "-5"], ["2026", "9", "12", "+2", "-5"]]
    assert flags == [[False, False, False, True, False]] * 2
