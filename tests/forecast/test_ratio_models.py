"""Each ratio model on series where its answer is known, bounds, and the fit/predict contract."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.ratios import DampedTrendRatio, ExpSmoothingRatio, MeanRatio


def test_mean_ratio_averages_the_last_k_years_and_holds_flat():
    # (1.0 + 1.1 + 1.2) / 3 = 1.1
    assert MeanRatio(3).fit([0.9, 1.0, 1.1, 1.2]).predict(3) == pytest.approx([1.1, 1.1, 1.1])


def test_mean_ratio_skips_unknown_years_when_counting_k():
    # last two known: (1.3 + 1.6) / 2 = 1.45
    assert MeanRatio(2).fit([1.0, np.nan, 1.3, np.nan, 1.6]).predict(1) == pytest.approx([1.45])


def test_mean_ratio_without_k_is_the_mean_of_all_history():
    # (0.8 + 0.9 + 1.0 + 1.3) / 4 = 1.0
    assert MeanRatio(None).fit([0.8, 0.9, 1.0, 1.3]).predict(2) == pytest.approx([1.0, 1.0])


def test_exponential_smoothing_weights_recent_years_by_alpha():
    # level 1.0 -> 0.5*2 + 0.5*1 = 1.5 -> 0.5*2 + 0.5*1.5 = 1.75
    assert ExpSmoothingRatio(0.5).fit([1.0, 2.0, 2.0]).predict(2) == pytest.approx([1.75, 1.75])


def test_exponential_smoothing_keeps_its_level_through_unknown_years():
    # 1.0, (gap), then 0.5*2 + 0.5*1 = 1.5
    assert ExpSmoothingRatio(0.5).fit([1.0, np.nan, 2.0]).predict(1) == pytest.approx([1.5])


def test_damped_trend_adds_a_geometrically_damped_slope():
    # alpha = beta = 1: level 1.2, slope 0.1; h=1: 1.2 + 0.5*0.1, h=2: + 0.75*0.1, h=3: + 0.875*0.1
    model = DampedTrendRatio(alpha=1.0, beta=1.0, phi=0.5).fit([1.0, 1.1, 1.2])
    assert model.predict(3) == pytest.approx([1.25, 1.275, 1.2875])


def test_undamped_trend_continues_a_straight_line_exactly():
    # slope 0.1 from the first two years, every Holt update then stays on the line
    model = DampedTrendRatio(phi=1.0).fit([1.0, 1.1, 1.2, 1.3])
    assert model.predict(3) == pytest.approx([1.4, 1.5, 1.6])


def test_damped_trend_measures_its_first_slope_across_a_gap():
    # 1.0 then (gap) 1.2: slope 0.1 a year; phi = 1, alpha = beta = 1: 1.3, 1.4
    model = DampedTrendRatio(alpha=1.0, beta=1.0, phi=1.0).fit([1.0, np.nan, 1.2])
    assert model.predict(2) == pytest.approx([1.3, 1.4])


def test_damped_trend_stays_within_reach_of_the_observed_range():
    # unbounded: 1.6, 1.8; reach 0.1 caps at 1.4 * 1.1 = 1.54
    model = DampedTrendRatio(alpha=1.0, beta=1.0, phi=1.0, reach=0.1).fit([1.0, 1.2, 1.4])
    assert model.predict(2) == pytest.approx([1.54, 1.54])


def test_every_model_clips_to_its_absolute_bounds():
    # falling by 0.1 a year from 0.1: -0.0, -0.1 -> clipped to 0
    falling = DampedTrendRatio(alpha=1.0, beta=1.0, phi=1.0, reach=None).fit([0.3, 0.2, 0.1])
    assert falling.predict(2) == pytest.approx([0.0, 0.0])
    assert MeanRatio(2, upper=1.5).fit([1.8, 2.0]).predict(1) == pytest.approx([1.5])


def test_models_forecast_many_series_at_once_like_one_at_a_time():
    rows = np.array([[1.0, 1.1, 1.2, np.nan], [0.9, np.nan, 0.95, 1.0], [2.0, 2.0, 2.0, 2.0]])
    for model in (MeanRatio(3), ExpSmoothingRatio(0.3), DampedTrendRatio()):
        together = model.clone().fit(rows).predict(4)
        alone = np.vstack([model.clone().fit(row).predict(4) for row in rows])
        assert together == pytest.approx(alone)


def test_a_series_with_no_known_year_forecasts_unknown():
    assert np.isnan(MeanRatio(3).fit([np.nan, np.nan]).predict(2)).all()
    assert np.isnan(DampedTrendRatio().fit([np.nan, np.nan]).predict(2)).all()


@pytest.mark.parametrize("model", [MeanRatio(3), ExpSmoothingRatio(), DampedTrendRatio()])
def test_predict_before_fit_raises_not_fitted(model):
    with pytest.raises(NotFittedError, match="尚未拟合"):
        model.predict(1)


def test_init_only_stores_arguments_and_fit_validates_them():
    model = MeanRatio(k=0)  # no error yet: __init__ only stores
    assert model.get_params() == {"k": 0, "lower": 0.0, "upper": np.inf}
    with pytest.raises(JunhengError, match="k=0 无效"):
        model.fit([1.0])


@pytest.mark.parametrize(("model", "message"), [
    (ExpSmoothingRatio(alpha=0.0), "alpha=0.0 无效"),
    (DampedTrendRatio(phi=1.5), "phi=1.5 无效"),
    (DampedTrendRatio(beta=-0.1), "beta=-0.1 无效"),
    (DampedTrendRatio(reach=-1), "reach=-1 无效"),
    (MeanRatio(3, lower=2.0, upper=1.0), "下限 2.0 须小于上限 1.0"),
])
def test_invalid_parameters_are_rejected_at_fit(model, message):
    with pytest.raises(JunhengError, match=message):
        model.fit([1.0, 1.1])


def test_predict_rejects_a_horizon_below_one():
    with pytest.raises(JunhengError, match="预测步数 0 无效"):
        MeanRatio(3).fit([1.0]).predict(0)


ratio_rows = st.lists(st.one_of(st.none(), st.floats(0.1, 3.0)), min_size=2, max_size=9)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ratio_rows, min_size=1, max_size=4), horizon=st.integers(1, 4))
def test_backtest_paths_equal_refitting_on_each_prefix(rows, horizon):
    width = max(len(r) for r in rows)
    values = np.array([[np.nan if v is None else v for v in r] + [np.nan] * (width - len(r))
                       for r in rows])
    origins = list(range(1, width))
    for model in (MeanRatio(2), ExpSmoothingRatio(0.4), DampedTrendRatio(phi=0.9)):
        paths = model.backtest_paths(values, origins, horizon)
        for i, origin in enumerate(origins):
            expected = model.clone().fit(values[:, :origin]).predict(horizon)
            np.testing.assert_allclose(paths[:, i, :], expected, equal_nan=True)
