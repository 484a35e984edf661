"""Rolling-origin backtest and the per-series model choice."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.ratios import MeanRatio
from junheng.forecast.selection import ModelSelector, format_percent, rolling_origin_errors

# built to favour each model: a 3-year cycle around 1.0 (any 3-year mean is exactly 1.0),
# two persistent level shifts (the latest year says most), and a straight upward trend
CYCLE = [1.0, 1.2, 0.8] * 4
SHIFTS = [1.0] * 4 + [1.5] * 4 + [0.9] * 4
TREND = [1.0 + 0.05 * t for t in range(12)]


def test_rolling_origin_errors_score_each_origin_on_the_years_after_it():
    # origin 1 trains on [1.0] and predicts 1.0 for years 1, 2 (actual 1.0, 2.0): APE 0, 0.5
    # origin 2 trains on [1.0, 1.0] and predicts 1.0 for year 2 (2.0): APE 0.5; year 3 unknown
    errors = rolling_origin_errors(MeanRatio(1), [1.0, 1.0, 2.0], horizon=2, min_train=1)
    np.testing.assert_allclose(errors[0], [[0.0, 0.5], [0.5, np.nan]])


def test_rolling_origin_errors_skip_origins_with_too_little_history():
    errors = rolling_origin_errors(MeanRatio(1), [np.nan, 1.0, 1.0, 1.0], horizon=1,
                                   min_train=2)
    # origin 2 has one known year before it (< 2): not scored; origin 3 has two
    np.testing.assert_allclose(errors[0, :, 0], [np.nan, 0.0])


def test_selection_prefers_the_mean_on_a_cycle_and_reports_its_mape():
    selector = ModelSelector().fit(CYCLE)
    report = selector.report().iloc[0]
    assert report["model"] == "mean3"
    # the 3-year mean is always 1.0; APE 0 for 1.0, 1/6 for 1.2, 1/4 for 0.8; the 24 scored
    # (origin, horizon) pairs hit years 3..11 with weights 1,2,3,3,...:
    # (2 * 1/6 + 3 * 1/4 + 3 * 1/6 + 3 * 1/4 + 3 * 1/6 + 3 * 1/4) / 24 = 3.5833 / 24 = 14.93%
    assert report["mape_mean3"] == pytest.approx(100 * 3.583333 / 24, abs=1e-3)
    assert report["n_errors"] == 24
    assert report["mape_mean3"] < min(report["mape_ses"], report["mape_damped"])


def test_selection_prefers_smoothing_on_persistent_level_shifts():
    report = ModelSelector().fit(SHIFTS).report().iloc[0]
    assert report["model"] == "ses"
    assert report["mape_ses"] < min(report["mape_mean3"], report["mape_damped"])


def test_selection_prefers_the_damped_trend_on_a_trend():
    report = ModelSelector().fit(TREND).report().iloc[0]
    assert report["model"] == "damped"
    assert report["mape_damped"] < min(report["mape_mean3"], report["mape_ses"])


def test_selection_chooses_per_series_when_fitted_together():
    selector = ModelSelector().fit(np.array([CYCLE, SHIFTS, TREND]))
    assert selector.chosen_.tolist() == ["mean3", "ses", "damped"]
    forecasts = selector.predict(2)
    assert forecasts[0] == pytest.approx([1.0, 1.0])  # mean of 1.0, 1.2, 0.8
    assert forecasts[2] == pytest.approx(selector.models_["damped"].predict(2)[2])


def test_the_reason_names_every_candidates_mape():
    reason = ModelSelector().fit(CYCLE).report()["reason"].iloc[0]
    assert reason.startswith("回测 MAPE 最低（mean3 14.9%，ses ")
    assert "共 24 个误差" in reason


def test_equal_errors_keep_the_first_simplest_candidate():
    assert ModelSelector().fit([1.0] * 8).chosen_.tolist() == ["mean3"]


def test_a_tie_is_said_with_its_rule_and_a_near_tie_with_the_digits_that_part_it():
    # review rv 13: 「最低（近3年均值比率 0.1%，指数平滑比率 0.1%，阻尼趋势比率 0.1%）」 in 266 rows.
    # A constant ratio: every candidate is exact; 8 years, origins 3–7, horizons 3, 3, 3, 2, 1: 12 APEs
    selector = ModelSelector().fit([1.0] * 8)
    assert selector.report()["reason"].iloc[0] == (
        "回测 MAPE 并列最低（mean3 0.0%，ses 0.0%，damped 0.0%；共 12 个误差；相差不足 0.0001 个百分点，"
        "并列时取候选顺序在前、较简单的模型：mean3）")
    # in the workbook's words
    from junheng.report.forecast_xlsx import _reason_text

    assert _reason_text(selector.report()["reason"].iloc[0]).endswith("较简单的模型：近3年均值比率）")
    # MAPEs apart by less than 0.1 point: as many decimals as part the chosen one from the rest
    selector.mape_ = np.array([[0.001412, 0.001381, 0.0015]])
    selector.choice_ = np.array([1])
    assert selector.report()["reason"].iloc[0].startswith(
        "回测 MAPE 最低（mean3 0.141%，ses 0.138%，damped 0.150%；")


def test_a_short_series_gets_the_default_model_and_says_why():
    selector = ModelSelector(default="ses").fit([1.0, 1.1, 1.3])
    report = selector.report().iloc[0]
    assert report["model"] == "ses"
    assert report["reason"] == "可回测的历史不足（0 个误差，少于 2），采用默认模型 ses"


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="模型选择尚未拟合"):
        ModelSelector().predict(3)


def test_a_default_outside_the_candidates_is_rejected():
    with pytest.raises(JunhengError, match="默认模型 'x' 不在候选模型"):
        ModelSelector(default="x").fit([1.0])


def test_selection_parameters_must_be_positive_integers():
    with pytest.raises(JunhengError, match="horizon=0 无效"):
        ModelSelector(horizon=0).fit([1.0])


def test_percentages_format_with_one_decimal_and_a_dash_when_unknown():
    assert format_percent(np.array([2.46, np.nan, 1234.5, 0.0])).tolist() == \
        ["2.5%", "—", ">999.9%", "0.0%"]
