"""The 校额 cap met by fewer pupils than the forecast's error is a named risk (review rv10
finding 11: 第一初级中学 1,998 of 2,000 and 实验中学 1,986 stood as 「按测算 2030 学年达到标准」)."""

import pandas as pd
import pytest

from junheng.io import example_county
from junheng.jobs.compliance import stage_interval
from junheng.planning.size_margins import near_cap, size_margins, size_risk
from junheng.report.compliance_floor import write_floor
from junheng.report.word_document import WordReport

JUNIOR = {"junior": (-0.0245, 0.0256)}


def test_a_school_is_named_when_the_forecast_s_upper_bound_takes_it_over_its_cap():
    schools = pd.DataFrame({"name": ["一初中", "实验中学", "二初中", "大校"], "school_type": "junior_school",
                            "students": [1998, 1986, 1951, 2100], "cap": 2000.0})
    # 一初中 ⌈1,998 × 0.0256⌉ = 52 > 2; 实验中学 ⌈1,986 × 0.0256⌉ = 51 > 14; 二初中
    # ⌈1,951 × 0.0256⌉ = ⌈49.9⌉ = 50 > 49, named; 大校 is over its cap already (the 大校额 row)
    got = near_cap(schools, JUNIOR)
    assert [(m["name"], m["margin"], m["more"]) for m in got] == [("一初中", 2, 52), ("实验中学", 14, 51),
                                                                  ("二初中", 49, 50)]
    # a primary school is read against the primary interval, absent here: not named
    assert near_cap(schools.assign(school_type="primary_school"), JUNIOR) == []


def test_the_county_after_the_plan_names_its_public_schools_against_their_caps():
    # example county: 城关第一小学 542 of 2,000 (margin 1,458), 九年一贯制 306 of 2,500; at an
    # upper bound of +300 %, ⌈542 × 3⌉ = 1,626 > 1,458 and ⌈306 × 3⌉ = 918 < 2,194
    county = example_county()
    got = size_margins(county, {"primary": (-0.1, 3.0)})
    assert [(m["name"], m["students"], m["cap"], m["margin"]) for m in got] == [("示例县城关第一小学", 542, 2000, 1458)]
    assert size_margins(county, {}) == [] and size_margins(None, JUNIOR) == []


def test_the_stage_interval_is_the_forecast_s_county_bounds_over_its_middle_figure():
    # the 自评's 表 20, 2030: 初中 15,959 (15,568—16,367): −391 / 15,959, +408 / 15,959;
    # 小学 20,659 (20,147—21,180); other years and stages are not read
    f = pd.DataFrame({"stage": ["junior", "primary", "junior", "preschool"], "year": [2030, 2030, 2029, 2030],
                      "students": [15959.0, 20659.0, 1.0, 100.0], "students_low": [15568.0, 20147.0, 1.0, 50.0],
                      "students_high": [16367.0, 21180.0, 1.0, 150.0]})
    got = stage_interval(f, 2030)
    assert got == {"junior": pytest.approx((-391 / 15959, 408 / 15959)),
                   "primary": pytest.approx((-512 / 20659, 521 / 20659))}
    assert stage_interval(f.drop(columns="students_low"), 2030) == {}


def test_the_risk_paragraph_names_the_margins_beside_the_sports_margins():
    margins = [{"name": "洛北县第一初级中学", "students": 1998, "cap": 2000, "margin": 2, "low": -0.0245, "high": 0.0256}]
    said = size_risk(margins, 2030)
    assert said == (
        "风险：校额按招生预测的中位数于 2030 学年不超过上限，余量小于预测误差：洛北县第一初级中学（规划年 1,998 人，"
        "上限 2,000 人）余 2 人；全县同学段招生预测区间为中位数的 −2.5%—+2.6%（按此约 ±50 人），单校误差通常更大。"
        "须逐年核对其招生，超出上限时以划片分流。")
    assert size_risk([], 2030) == ""
    # written by the 体育场馆建设 section also where no school is planned to the sports floor
    r = WordReport()
    write_floor(r, {"target_year": 2030, "sports_floor": [], "size_margins": margins})
    assert [p.text for p in r.doc.paragraphs][-1] == said
