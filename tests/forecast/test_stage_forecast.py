"""Stage mode: primary entrants from births six years earlier, junior from primary six earlier."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from junheng.errors import NotFittedError, ValidationError
from junheng.forecast.stages import (
    StageProjection,
    backtest_stages,
    clean_births,
    clean_entrants,
    forecast_stages,
)

BIRTHS = dict(zip(range(2010, 2022), [100, 110, 120, 130, 140, 150, 160, 150, 140, 130, 120, 110],
                  strict=True))


def _worked_example() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Primary entrants are 0.9 of births six years earlier; junior entrants all of the
    primary entrants six years earlier."""
    births = pd.DataFrame({"year": list(BIRTHS), "births": list(BIRTHS.values())})
    primary = {y: 9 * BIRTHS[y - 6] // 10 for y in range(2016, 2025)}
    junior = {y: primary[y - 6] for y in range(2022, 2025)}
    entrants = pd.DataFrame(
        [{"year": y, "stage": "primary", "entrants": n} for y, n in primary.items()]
        + [{"year": y, "stage": "junior", "entrants": n} for y, n in junior.items()])
    return clean_births(births), clean_entrants(entrants)


def test_worked_example_projects_both_stages():
    result = forecast_stages(*_worked_example(), horizon=3)
    table = result.table.set_index(["stage", "year"])
    # primary: 0.9 * b(2019, 2020, 2021) = 0.9 * (130, 120, 110) = 117, 108, 99
    assert table.loc["primary", "entrants"].tolist() == [117, 108, 99]
    # junior: primary entrants of 2019, 2020, 2021 = 0.9 * b(2013, 2014, 2015) = 117, 126, 135
    assert table.loc["junior", "entrants"].tolist() == [117, 126, 135]
    assert result.base_year == 2024
    assert list(result.table.columns) == ["year", "stage", "entrants", "lower", "upper",
                                          "method"]


def test_an_exact_history_gives_a_zero_width_interval_without_a_floor():
    table = forecast_stages(*_worked_example(), horizon=3, interval_floor=0.0).table
    primary = table[table["stage"] == "primary"]
    assert (primary["lower"] == primary["entrants"]).all()
    assert (primary["upper"] == primary["entrants"]).all()


def test_the_default_floor_keeps_an_exact_history_strictly_inside_its_interval():
    # +-0.5% per year ahead on log(x + 1), mid 117, 108, 99 at 1, 2, 3 years:
    # 118 e^-0.005 - 1 = 116.41, 118 e^0.005 - 1 = 117.59 -> 116, 118 (one pupil from 117);
    # 109 e^-0.010 - 1 = 106.92, 109 e^0.010 - 1 = 109.10 -> 107, 109;
    # 100 e^-0.015 - 1 = 97.51, 100 e^0.015 - 1 = 100.51 -> 98, 101
    table = forecast_stages(*_worked_example(), horizon=3).table
    primary = table[table["stage"] == "primary"]
    assert primary["lower"].tolist() == [116, 107, 98]
    assert primary["upper"].tolist() == [118, 109, 101]
    assert (primary["lower"] < primary["entrants"]).all()
    assert (primary["entrants"] < primary["upper"]).all()


def test_a_stage_without_enough_backtest_errors_gets_the_stated_fallback_interval():
    result = forecast_stages(*_worked_example(), horizon=3)
    junior = result.table[result.table["stage"] == "junior"].iloc[0]
    # +-5% on the log scale at horizon 1: 118 * exp(-0.05) - 1 = 111.2, 118 * exp(0.05) - 1 = 123.0
    assert (junior["lower"], junior["upper"]) == (111, 123)
    assert any("junior 回测误差不足" in note for note in result.notes)


def test_future_births_come_from_the_birth_ratio_model_and_the_method_says_so():
    # births fall by exactly 20% a year from 2015 to 2025; entrants are half of births 6 years
    # earlier. 2032 entrants need births of 2026 = 0.8 * b(2025)
    b = {y: 4 ** (y - 2015) * 5 ** (2025 - y) for y in range(2015, 2026)}
    births = clean_births(pd.DataFrame({"year": list(b), "births": list(b.values())}))
    entrants = clean_entrants(pd.DataFrame({"year": list(range(2021, 2032)), "stage": "primary",
                                            "entrants": [b[y - 6] // 2 for y in range(2021,
                                                                                       2032)]}))
    table = forecast_stages(births, entrants, horizon=2).table
    primary = table[table["stage"] == "primary"].set_index("year")
    assert primary.loc[2032, "entrants"] == round(0.5 * 0.8 * b[2025])
    assert primary.loc[2032, "method"] == "mean3+births:mean3"
    assert primary.loc[2033, "entrants"] == round(0.5 * 0.64 * b[2025])


def test_models_are_reported_per_series():
    models = forecast_stages(*_worked_example(), horizon=3).models
    assert models["series"].tolist() == ["primary_ratio", "junior_ratio", "births_growth"]
    assert models.loc[1, "reason"].startswith("可回测的历史不足")


def test_backtest_compares_methods_with_the_two_baselines():
    # entrants are half of births; births double in 2013: the last-value baseline misses the
    # jump once (|50 - 100| / 100 = 0.5) in five one-year-ahead forecasts: MAPE 10%
    births = clean_births(pd.DataFrame({"year": range(2010, 2016),
                                        "births": [100, 100, 100, 200, 200, 200]}))
    entrants = clean_entrants(pd.DataFrame({"year": range(2016, 2022), "stage": "primary",
                                            "entrants": [50, 50, 50, 100, 100, 100]}))
    table = backtest_stages(births, entrants, horizon=1)
    mape = table[table["stage"] == "all"].set_index("method")["mape"]
    assert mape["last"] == pytest.approx(10.0)
    assert mape["auto"] == pytest.approx(0.0)
    assert mape["mean_all"] == pytest.approx(0.0)
    assert set(mape.index) == {"auto", "mean3", "ses", "damped", "ets", "last", "mean_all"}


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="学段预测尚未拟合"):
        StageProjection().predict(3)


def _problems(error: ValidationError) -> list[str]:
    return [str(p) for p in error.problems]


def test_bad_births_cells_are_located_by_file_row_and_column():
    frame = pd.DataFrame({"year": ["2019", "20x0", "2021"], "births": ["820", "790", "-5"]})
    with pytest.raises(ValidationError) as caught:
        clean_births(frame, source="births.csv")
    assert _problems(caught.value) == [
        "births.csv / 第 3 行 / year（值：20x0）：年份须为 1900–2100 的整数。",
        "births.csv / 第 4 行 / births（值：-5）：出生人数须为非负整数。",
    ]


def test_duplicate_years_are_reported():
    frame = pd.DataFrame({"year": ["2019", "2019"], "births": ["820", "790"]})
    with pytest.raises(ValidationError, match="1 处问题") as caught:
        clean_births(frame, source="births.csv")
    assert "2019 年重复出现" in _problems(caught.value)[0]


def test_a_missing_column_is_named():
    with pytest.raises(ValidationError) as caught:
        clean_entrants(pd.DataFrame({"year": ["2020"], "entrants": ["5"]}), source="e.csv")
    assert _problems(caught.value) == ["e.csv / 第 1 行 / stage：缺少必需的列“stage”：表头须为 "
                                       "year,stage,entrants。"]


def test_unknown_stages_and_duplicate_stage_years_are_reported():
    frame = pd.DataFrame({"year": ["2020", "2020", "2021"],
                          "stage": ["primary", "primary", "高中"],
                          "entrants": ["5", "6", "7"]})
    with pytest.raises(ValidationError) as caught:
        clean_entrants(frame, source="entrants.csv")
    problems = _problems(caught.value)
    assert problems[0] == ("entrants.csv / 第 4 行 / stage（值：高中）：学段须为 primary（小学一年级）"
                           "或 junior（初中七年级）。")
    assert "与第 2 行重复" in problems[1]


def test_checked_tables_are_typed_and_sorted():
    table = clean_entrants(pd.DataFrame({"year": ["2021", "2020"], "stage": ["Junior", "primary"],
                                         "entrants": ["7", "5.0"]}))
    assert table.to_dict("records") == [{"year": 2021, "stage": "junior", "entrants": 7},
                                        {"year": 2020, "stage": "primary", "entrants": 5}]
    assert np.issubdtype(table["entrants"].dtype, np.integer)
