"""A method is used only if it beats the naive forecast (保持上年) on the backtests.

Known series with known answers: a constant ratio (the ratio method is exact), a linear trend
in the ratio (a trend model wins), a step change (naive adapts at once and wins), and a county
whose kindergartens never change while births grow (naive wins, and the county says so).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from forecast_builders import tiny_county, tiny_students

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast import forecast_county
from junheng.forecast.choice import choose_method, margin_for
from junheng.forecast.ets import EtsDampedRatio
from junheng.forecast.stages import clean_births, clean_entrants, forecast_stages

LABELS = {"naive": "保持上年", "mean3": "近3年均值比率", "damped": "阻尼趋势比率"}


def _stage_tables(births: dict[int, float], primary: dict[int, float]):
    b = clean_births(pd.DataFrame({"year": list(births), "births": list(births.values())}))
    e = clean_entrants(pd.DataFrame({"year": list(primary), "stage": "primary",
                                     "entrants": list(primary.values())}))
    return b, e


# -- the rule ----------------------------------------------------------------------------------

def test_a_method_must_beat_naive_by_the_margin_for_its_number_of_origins():
    # ten origins: margin max(1%, 0.5 / 10) = 5%; naive 4.0% -> a method needs < 3.8%
    assert margin_for(10) == pytest.approx(0.05)
    naive = np.full((10, 1), 0.040)
    close = np.full((10, 1), 0.0385)
    clear = np.full((10, 1), 0.0370)
    assert choose_method({"naive": naive, "mean3": close}, LABELS, default="mean3").method \
        == "naive"
    choice = choose_method({"naive": naive, "mean3": clear}, LABELS, default="mean3")
    assert choice.method == "mean3"
    # a space between the method and its error (review rvweb 12: 「逐级推移0.7%」)
    assert choice.reason == ("10 个回测起点的平均绝对百分比误差：近3年均值比率 3.7%，低于“保持上年”4.0%，"
                             "选用近3年均值比率。")


def test_the_simplest_method_within_the_margin_of_the_best_is_chosen():
    naive = np.full((10, 2), 0.10)
    mean3 = np.full((10, 2), 0.052)   # within 5% of the best (0.050)
    damped = np.full((10, 2), 0.050)
    choice = choose_method({"naive": naive, "mean3": mean3, "damped": damped}, LABELS,
                           default="mean3")
    assert choice.method == "mean3"
    assert choice.score == pytest.approx({"naive": 10.0, "mean3": 5.2, "damped": 5.0})


def test_horizons_weigh_equally_in_the_score():
    # naive: 1% at one year (four origins), 20% at two years (three origins): score 10.5%, not
    # the pooled (4 x 1 + 3 x 20) / 7 = 9.1%; the method's 6% at both horizons beats it
    naive = np.array([[0.01, np.nan]] + [[0.01, 0.20]] * 3)
    method = np.array([[0.06, np.nan]] + [[0.06, 0.06]] * 3)
    choice = choose_method({"naive": naive, "mean3": method}, LABELS, default="mean3")
    assert choice.score["naive"] == pytest.approx(10.5)
    assert choice.method == "mean3"


def test_a_horizon_with_fewer_errors_than_three_origins_does_not_count():
    # the two-year horizon has one error only: the score is the one-year MAPE, naive wins
    naive = np.array([[0.01, np.nan]] * 3 + [[0.01, 0.20]])
    method = np.array([[0.06, np.nan]] * 3 + [[0.06, 0.06]])
    choice = choose_method({"naive": naive, "mean3": method}, LABELS, default="mean3")
    assert choice.score == pytest.approx({"naive": 1.0, "mean3": 6.0})
    assert choice.method == "naive"
    assert choice.mape.loc[2, "naive"] == pytest.approx(20.0)  # still reported


def test_with_few_origins_only_the_simplest_method_competes():
    naive = np.full((2, 1), 0.10)
    damped = np.full((2, 1), 0.01)
    choice = choose_method({"naive": naive, "mean3": np.full((2, 1), 0.2), "damped": damped},
                           LABELS, default="mean3", simple=("mean3",))
    assert choice.method == "naive"
    assert choice.reason.startswith("回测起点只有 2 个（少于 3 个），只比较最简单的方法；")


def test_without_any_origin_the_default_is_used_and_the_reason_says_it_was_not_compared():
    empty = np.full((0, 3), np.nan)
    choice = choose_method({"naive": empty, "mean3": empty}, LABELS, default="mean3")
    assert (choice.method, choice.compared, choice.n_origins) == ("mean3", False, 0)
    assert choice.reason == "可回测的历史不足（没有回测起点），无法与“保持上年”比较，按近3年均值比率推算。"


def test_the_naive_errors_are_required():
    with pytest.raises(JunhengError, match="缺少“保持上年”"):
        choose_method({"mean3": np.zeros((3, 1))}, LABELS, default="mean3")


# -- known series ------------------------------------------------------------------------------

def test_a_constant_ratio_is_forecast_exactly_by_the_ratio_method():
    # entrants are 0.8 of births six years earlier; births swing, so naive errs every year
    births = {y: 1000 + 200 * ((y * 7) % 3) for y in range(2000, 2021)}
    primary = {y: 4 * births[y - 6] // 5 for y in range(2008, 2021)}
    result = forecast_stages(*_stage_tables(births, primary), horizon=3)
    table = result.table[result.table["stage"] == "primary"].set_index("year")
    # 2021-2023 need births of 2015-2017: 0.8 * (1000, 1200, 1400)
    expected = [4 * births[y] // 5 for y in (2015, 2016, 2017)]
    assert table.loc[[2021, 2022, 2023], "entrants"].tolist() == expected
    assert table.loc[2021, "method"] == "mean3"
    assert result.skill.query("stage == 'primary'")["mape_chosen"].max() < 1e-9


def test_a_linear_trend_in_the_ratio_is_followed_by_a_trend_model():
    # births constant at 1000, the ratio grows by 0.01 a year from 0.70: entrants 700, 710, ...
    births = dict.fromkeys(range(1990, 2021), 1000)
    primary = {y: 700 + 10 * (y - 2000) for y in range(2000, 2021)}
    result = forecast_stages(*_stage_tables(births, primary), horizon=3)
    choice = result.models.set_index("series").loc["primary_ratio"]
    assert choice["model"] in ("damped", "ets")
    forecast = result.table[result.table["stage"] == "primary"].set_index("year")["entrants"]
    # naive says 900 for ever; a trend continues upward, damped: below the straight line 910..930
    assert 900 < forecast[2021] <= 910 and forecast[2021] < forecast[2023] <= 930


def test_a_step_change_is_caught_by_naive_at_once_and_naive_is_chosen():
    # births constant, entrants 800 until 2012 and 1000 from 2013 (a new catchment): after the
    # step naive is exact while ratio means lag for years
    births = dict.fromkeys(range(1995, 2025), 1000)
    primary = {y: 800 if y <= 2012 else 1000 for y in range(2003, 2025)}
    result = forecast_stages(*_stage_tables(births, primary), horizon=3)
    assert result.models.set_index("series").loc["primary_ratio", "model"] == "naive"
    assert result.table["entrants"].iloc[:3].tolist() == [1000, 1000, 1000]


def test_a_county_stage_that_never_changes_keeps_last_years_pupils_and_says_so():
    # the kindergarten keeps 50 children a grade while births grow 10 a year: naive is exact
    students = {y: {**tiny_students(y), **{("4103060004", g): 50 for g in ("k1", "k2", "k3")}}
                for y in range(2019, 2026)}
    history = [{"school_year": y, "school_id": s, "grade": g, "students": n}
               for y in range(2019, 2025) for (s, g), n in students[y].items()]
    classes = [{"school_id": s, "grade": g, "class_no": "1", "students": n}
               for (s, g), n in students[2025].items()]
    result = forecast_county(tiny_county(enrolment_history=history, classes=classes), horizon=2)
    choices = result.choices.set_index("stage")
    assert choices.loc["preschool", "method"] == "naive"
    assert choices.loc["primary", "method"] == "cohort"
    assert "采用“保持上年”" in choices.loc["preschool", "reason"]
    pre = result.county[result.county["stage"] == "preschool"].set_index("year")["students"]
    assert pre.tolist() == [150, 150, 150]
    assert any(n.startswith("学前：") and n.endswith("按上年人数持平预测。") for n in result.notes)
    skill = result.skill.set_index(["stage", "horizon"])
    assert skill.loc[("preschool", 1), "mape_chosen"] == 0.0
    assert skill.loc[("preschool", 1), "method"] == "naive"


# -- the damped trend toward a cap ---------------------------------------------------------------

def test_the_ets_ratio_approaches_but_never_crosses_its_cap():
    ratios = [0.70, 0.76, 0.81, 0.85, 0.88, 0.905, 0.925, 0.94]
    path = EtsDampedRatio(cap_factor=1.05).fit(ratios).predict(30)
    assert (path > 0.94).all() and (path < 0.94 * 1.05).all()
    assert (np.diff(path) >= -1e-12).all()


def test_the_ets_ratio_keeps_the_last_ratio_for_a_short_series():
    assert EtsDampedRatio().fit([0.9, 0.95, 0.97]).predict(2).tolist() == [0.97, 0.97]


def test_the_ets_backtest_paths_match_fitting_at_each_origin():
    ratios = np.array([0.70, 0.76, 0.81, 0.85, 0.88, 0.905, 0.925, 0.94])
    paths = EtsDampedRatio().backtest_paths(ratios, [5, 7], 2)
    for j, origin in enumerate((5, 7)):
        expected = EtsDampedRatio().fit(ratios[:origin]).predict(2)
        np.testing.assert_allclose(paths[0, j], expected)


@pytest.mark.parametrize(("model", "message"), [
    (EtsDampedRatio(cap_factor=1.0), "cap_factor=1.0 无效"),
    (EtsDampedRatio(min_observed=2), "min_observed=2 无效"),
])
def test_invalid_ets_parameters_are_rejected(model, message):
    with pytest.raises(JunhengError, match=message):
        model.fit([0.9, 0.95, 0.97, 0.98])


def test_ets_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="尚未拟合"):
        EtsDampedRatio().predict(2)
