"""Empirical prediction intervals: quantiles of backtest errors per horizon, widening."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.intervals import (
    EmpiricalIntervals,
    backtest_coverage,
    coverage_flags,
    log_errors,
    round_outward,
)


def _pairs(errors_by_horizon: dict[int, list[float]]):
    """Backtest pairs whose log error log((a+1)/(p+1)) is exactly the given value."""
    horizons, predicted, actual = [], [], []
    for h, errors in errors_by_horizon.items():
        for e in errors:
            horizons.append(h)
            predicted.append(99.0)  # p + 1 = 100
            actual.append(100.0 * np.exp(e) - 1.0)
    return horizons, predicted, actual


def test_log_errors_are_relative_and_defined_at_zero():
    assert log_errors([99.0, 0.0], [199.0, 0.0]) == pytest.approx([np.log(2.0), 0.0])


def test_bounds_are_the_error_quantiles_at_each_horizon():
    # coverage 0.5: the 25th and 75th percentiles of (-0.2, -0.1, 0, 0.1, 0.2) are -0.1, 0.1
    model = EmpiricalIntervals(coverage=0.5).fit(*_pairs({1: [-0.2, -0.1, 0.0, 0.1, 0.2]}))
    low, high = model.predict([99.0], [1])
    assert low == pytest.approx([100 * np.exp(-0.1) - 1])
    assert high == pytest.approx([100 * np.exp(0.1) - 1])


def test_intervals_widen_with_the_horizon():
    errors = {1: [-0.02, -0.01, 0.0, 0.01, 0.02], 2: [-0.06, -0.03, 0.0, 0.03, 0.06],
              3: [-0.1, -0.05, 0.0, 0.05, 0.1]}
    model = EmpiricalIntervals(coverage=0.5).fit(*_pairs(errors))
    low, high = model.predict([500.0, 500.0, 500.0], [1, 2, 3])
    assert low[0] > low[1] > low[2]
    assert high[0] < high[1] < high[2]


def test_a_horizon_with_narrower_errors_never_narrows_the_interval():
    # horizon 2 happens to have smaller errors than horizon 1: its bounds stay at horizon 1's
    errors = {1: [-0.1, -0.05, 0.0, 0.05, 0.1], 2: [-0.02, -0.01, 0.0, 0.01, 0.02]}
    model = EmpiricalIntervals(coverage=0.5).fit(*_pairs(errors))
    assert model.lower_ == pytest.approx([-0.05, -0.05])
    assert model.upper_ == pytest.approx([0.05, 0.05])


def test_horizons_beyond_the_backtest_grow_with_the_square_root():
    model = EmpiricalIntervals(coverage=0.5).fit(*_pairs({1: [-0.2, -0.1, 0.0, 0.1, 0.2],
                                                          2: [-0.2, -0.1, 0.0, 0.1, 0.2]}))
    lower, upper = model.bounds([2, 8])
    # horizon 8 = horizon 2 times sqrt(8 / 2) = 2
    assert lower == pytest.approx([-0.1, -0.2])
    assert upper == pytest.approx([0.1, 0.2])


def test_a_horizon_with_too_few_errors_borrows_the_previous_one():
    model = EmpiricalIntervals(coverage=0.5, min_errors=5).fit(
        *_pairs({1: [-0.2, -0.1, 0.0, 0.1, 0.2], 2: [0.5], 3: [-0.4, -0.2, 0.0, 0.2, 0.4]}))
    assert model.upper_ == pytest.approx([0.1, 0.1, 0.2])
    assert model.n_errors_.tolist() == [5, 1, 5]


def test_without_any_errors_the_stated_fallback_width_is_used():
    model = EmpiricalIntervals(fallback_width=0.05).fit([], [], [])
    assert model.source_ == "fallback"
    lower, upper = model.bounds([1, 4])
    assert lower == pytest.approx([-0.05, -0.1])  # 0.05 * sqrt(h)
    assert upper == pytest.approx([0.05, 0.1])


def test_the_interval_always_contains_the_forecast_and_is_never_negative():
    model = EmpiricalIntervals(coverage=0.5).fit(*_pairs({1: [0.1, 0.2, 0.3, 0.4, 0.5]}))
    low, high = model.predict([0.0, 10.0], [1, 1])
    assert (low <= [0.0, 10.0]).all() and (low >= 0).all()
    assert (high >= [0.0, 10.0]).all()


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="预测区间尚未拟合"):
        EmpiricalIntervals().predict([1.0], [1])


@pytest.mark.parametrize(("model", "message"), [
    (EmpiricalIntervals(coverage=1.2), "coverage=1.2 无效"),
    (EmpiricalIntervals(min_errors=0), "min_errors=0 无效"),
])
def test_invalid_parameters_are_rejected_at_fit(model, message):
    with pytest.raises(JunhengError, match=message):
        model.fit([1], [1.0], [1.0])


def test_mismatched_pairs_are_rejected():
    with pytest.raises(JunhengError, match="数量不一致"):
        EmpiricalIntervals().fit([1, 2], [1.0], [1.0])


def test_the_floor_widens_an_interval_the_backtest_never_needed():
    # five exact backtests: the quantiles are 0, the floor gives +-0.5% per year ahead
    model = EmpiricalIntervals(coverage=0.8, floor=0.005).fit(*_pairs({1: [0.0] * 5}))
    lower, upper = model.bounds([1, 4])
    assert lower == pytest.approx([-0.005, -0.02])
    assert upper == pytest.approx([0.005, 0.02])


def test_with_the_floor_a_forecast_is_strictly_inside_even_if_every_error_had_one_sign():
    model = EmpiricalIntervals(coverage=0.5, floor=0.005).fit(
        *_pairs({1: [0.1, 0.2, 0.3, 0.4, 0.5]}))
    low, high = model.predict([999.0], [1])
    assert low[0] == pytest.approx(1000 * np.exp(-0.005) - 1)  # 994.01
    assert high[0] == pytest.approx(1000 * np.exp(0.4) - 1)
    assert low[0] < 999.0 < high[0]


def test_weibull_quantiles_are_wider_with_few_errors():
    # five errors -0.2..0.2, 80%: linear puts the 10th percentile at -0.16, weibull at the
    # position 0.1 * (5 + 1) = 0.6 -> below the smallest error -> -0.2
    errors = _pairs({1: [-0.2, -0.1, 0.0, 0.1, 0.2]})
    linear = EmpiricalIntervals(coverage=0.8, floor=0.0).fit(*errors)
    weibull = EmpiricalIntervals(coverage=0.8, floor=0.0, quantiles="weibull").fit(*errors)
    assert linear.lower_ == pytest.approx([-0.16])
    assert weibull.lower_ == pytest.approx([-0.2])


def test_coverage_is_judged_with_intervals_fitted_without_the_origin():
    # six origins, one-year errors (log): -0.04 -0.02 0 0.01 0.03 0.26; leaving out -0.04 the
    # others' 10-90% (linear) run from -0.012 to 0.168: -0.04 falls outside; leaving out 0.26
    # they run to 0.022: outside; the other four fall inside
    errors = [-0.04, -0.02, 0.0, 0.01, 0.03, 0.26]
    horizons, predicted, actual = _pairs({1: errors})
    model = EmpiricalIntervals(coverage=0.8, min_errors=2, floor=0.0)
    flags = coverage_flags(horizons, range(6), predicted, actual, model)
    assert flags.tolist() == [0, 1, 1, 1, 1, 0]
    by_h, overall = backtest_coverage(horizons, range(6), predicted, actual, model)
    assert overall == pytest.approx(4 / 6) and by_h.tolist() == pytest.approx([4 / 6])


def test_coverage_needs_two_origins():
    horizons, predicted, actual = _pairs({1: [0.0, 0.1]})
    by_h, overall = backtest_coverage(horizons, [2020, 2020], predicted, actual,
                                      EmpiricalIntervals())
    assert np.isnan(overall) and np.isnan(by_h).all()


def test_rounded_bounds_keep_one_pupil_either_side_of_the_rounded_forecast():
    low, high = round_outward([99.8, 0.0, 40.0], [100.2, 0.0, 40.0], [100.4, 1.2, 40.0])
    assert low.tolist() == [99.0, 0.0, 40.0]   # 99.8 would round onto 100
    assert high.tolist() == [101.0, 1.0, 40.0]  # a zero-width band stays zero-width


@pytest.mark.parametrize(("model", "message"), [
    (EmpiricalIntervals(floor=-0.1), "floor=-0.1 无效"),
    (EmpiricalIntervals(quantiles="median"), "quantiles='median' 无效"),
])
def test_invalid_floor_or_quantile_method_is_rejected(model, message):
    with pytest.raises(JunhengError, match=message):
        model.fit([1], [1.0], [1.0])
