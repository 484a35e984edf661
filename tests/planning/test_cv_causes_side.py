"""rv5 12: a resource CV over its limit names the schools on the side that hurts. The 整改 said
「须另行解决差距最大的学校的场地」 and named a village school at 71.6 m² a pupil, far above the
county mean; the schools to give more ground are the ones below it.

The county: 甲小学 100 pupils at 70 m² a pupil, 乙小学 500 at 5, 丙小学 400 at 8.
Mean (100 × 70 + 500 × 5 + 400 × 8) / 1,000 = (7,000 + 2,500 + 3,200) / 1,000 = 12.7.
Weighted squared deviations: 甲 100 × 57.3² = 328,329; 乙 500 × 7.7² = 29,645;
丙 400 × 4.7² = 8,836; total 366,810. 甲 holds 328,329 / 366,810 = 89.5% (≥ 50%: named alone).
"""

from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd
from test_compliance_sports_path import land_path

from junheng.planning.compliance_sports_path import path_lines
from junheng.planning.cv_causes import below_text, cause_text, cv_causes

KEY = "sports_area_per_student"


def county():
    units = pd.DataFrame({"school_id": ["A", "B", "C"], "name": ["甲小学", "乙小学", "丙小学"],
                          "stage": "primary", "students": [100, 500, 400], "ownership": "public",
                          KEY: [70.0, 5.0, 8.0]})
    indicator = NS(cv=1.5, limit=0.5, name="生均体育运动场馆面积")
    return NS(units=units, stages={"primary": NS(indicators={KEY: indicator})})


def test_the_cause_says_which_side_of_the_mean_each_school_is_on():
    causes = cv_causes(county(), "primary", KEY)
    assert cause_text(causes, when="目标学年") == (
        "主要由甲小学（高于平均，目标学年 100 人，生均 70.0 平方米，全县平均 12.7 平方米）造成，"
        "占学生加权离差平方和的 90%")


def test_the_measure_names_the_schools_below_the_mean():
    # below the mean: 乙 (29,645) before 丙 (8,836); 甲 above it is not one to give more ground
    below = below_text(county(), "primary", KEY, "目标学年")
    assert below == ("低于全县平均（12.7 平方米）最多的是乙小学（目标学年 500 人，生均 5.0 平方米）、"
                     "丙小学（目标学年 400 人，生均 8.0 平方米）")
    path = land_path([{"stage": "primary", "before": 1.5, "after": 1.5, "limit": 0.5,
                       "met": False, "causes": "", "below": below}])
    assert "差距最大" not in path_lines(path)[1]
    assert path_lines(path)[1] == (
        "按评估办法复核：采用此途径后，全县仍不能通过复核。第一初级中学补足场地后通过学校达标复核；"
        "但小学生均体育运动场馆面积差异系数达标路径实施后 1.500，采用此途径后 1.500"
        "（限值 0.50），仍超过限值（此途径不涉及小学学校，数值不变）：本方案不能使其降到限值以下，"
        f"须另行增加低于全县平均的学校的场地后方可申请复核：{below}。")


def test_a_private_school_below_the_mean_is_named_as_such():
    # 乙 民办: named first still (its share is the larger), said 民办 (its 举办者 mends it)
    units = county().units.assign(ownership=["public", "private", "public"])
    assert below_text(NS(units=units), "primary", KEY).startswith(
        "低于全县平均（12.7 平方米）最多的是乙小学（民办，规划年 500 人，生均 5.0 平方米）、丙小学（规划年 400 人")


def test_nobody_below_the_mean_names_nobody():
    units = county().units.assign(**{KEY: 9.0})
    assert below_text(NS(units=units), "primary", KEY) == ""
