"""The uncertainty of a school's forecast pupils (issue 16 review): the school totals'
backtest errors per year ahead and the hits of the school-level interval, worked out the same
honest way as the county's 回测命中 (intervals fitted without the pair's own origin)."""

import numpy as np
import pandas as pd
import pytest

from junheng.forecast.backtest import (
    ChoiceBacktest,
    LevelErrors,
    ProjectionBacktest,
    school_skill_frame,
)
from junheng.forecast.intervals import EmpiricalIntervals
from junheng.report.forecast_skill import school_skill_table

ORIGINS = np.arange(2019, 2025)
ACTUAL = np.array([96.0, 98.0, 100.0, 101.0, 103.0, 130.0])


def _school_pairs(predicted: float) -> LevelErrors:
    # one school, one year ahead, six backtest origins
    return LevelErrors(np.ones(6, dtype=int), np.full(6, "all", dtype=object),
                       np.full(6, predicted), ACTUAL, ORIGINS, np.zeros(6, dtype=int))


def _backtest() -> ChoiceBacktest:
    chosen = ProjectionBacktest("auto", tuple(ORIGINS), {"school": _school_pairs(100.0)})
    naive = ProjectionBacktest("last", tuple(ORIGINS), {"school": _school_pairs(90.0)})
    return ChoiceBacktest(chosen, naive, np.zeros((1, 4), dtype=bool), pd.DataFrame(),
                          np.ones(6, dtype=bool))


def test_school_errors_and_interval_hits_by_hand():
    # APE of 100 against 96, 98, 100, 101, 103, 130: 4.1667, 2.0408, 0, 0.9901, 2.9126,
    # 23.0769 % — mean 5.53 %, median (2.0408 + 2.9126) / 2 = 2.48 %; naive's 90: 6.25,
    # 8.1633, 10, 10.8911, 12.6214, 30.7692 — mean 13.12 %. The 80 % interval (linear
    # quantiles, at least 2 errors, no floor) fitted on the other five origins holds 98, 100,
    # 101 and 103 but not 96 (the others' 10 % quantile is -1.2 %) nor 130 (90 % quantile
    # 2.2 %): 4 of 6.
    model = EmpiricalIntervals(coverage=0.8, min_errors=2, floor=0.0)
    frame = school_skill_frame(np.array(["410331"]), _backtest(), model)
    row = frame.iloc[0]
    assert (row["county_code"], row["horizon"], row["n"], row["hits"], row["counted"]) == \
        ("410331", 1, 6, 4, 6)
    assert row["mape_chosen"] == pytest.approx(5.5312, abs=1e-4)
    assert row["median_chosen"] == pytest.approx(2.4767, abs=1e-4)
    assert row["mape_naive"] == pytest.approx(13.1158, abs=1e-4)
    header, rows = school_skill_table(frame, 0.8, 2025, 2)
    assert header == ["项目", "2026 学年（1 年后）", "2027 学年（2 年后）"]
    assert rows == [
        ["逐校在校生：平均绝对百分比误差", "5.5%", "没有可回测的历史"],
        ["逐校在校生：误差中位数", "2.5%", "没有可回测的历史"],
        ["保持上年：平均绝对百分比误差", "13.1%", "没有可回测的历史"],
        ["预测区间（约 80%）：回测命中（学校 × 起点）", "4/6", "没有可回测的历史"],
    ]
