"""The stage forecast on published series (tests/forecast/data, sources in its README).

The held-out check repeats the project's acceptance test: national births and entrants of China
known up to 2018, entrants forecast for 2019-2024 and compared with what the ministry published.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from junheng.forecast.stages import clean_births, clean_entrants, forecast_stages

DATA = Path(__file__).parent / "data"


def _load(prefix: str, last_year: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    births = pd.read_csv(DATA / f"{prefix}_births.csv", dtype=str)
    entrants = pd.read_csv(DATA / f"{prefix}_entrants.csv", dtype=str)
    if last_year is not None:
        births = births[births["year"].astype(int) <= last_year]
        entrants = entrants[entrants["year"].astype(int) <= last_year]
    return clean_births(births), clean_entrants(entrants)


def _actual(prefix: str, stage: str, years) -> np.ndarray:
    entrants = pd.read_csv(DATA / f"{prefix}_entrants.csv")
    rows = entrants[entrants["stage"] == stage].set_index("year")["entrants"]
    return rows.reindex(list(years)).to_numpy(dtype=float)


@pytest.fixture(scope="module")
def series():
    return {"china": forecast_stages(*_load("china"), horizon=8),
            "china_2018": forecast_stages(*_load("china", 2018), horizon=6),
            "us": forecast_stages(*_load("us"), horizon=6)}


@pytest.fixture(scope="module")
def china_2018(series):
    return series["china_2018"]


def _held_out_mape(result, stage: str) -> tuple[float, float]:
    table = result.table[result.table["stage"] == stage]
    actual = _actual("china", stage, table["year"])
    naive = _actual("china", stage, [2018])[0]
    chosen = np.mean(np.abs(table["entrants"].to_numpy() - actual) / actual) * 100
    return chosen, float(np.mean(np.abs(naive - actual) / actual) * 100)


def test_held_out_2019_2024_primary_keeps_naive_because_no_ratio_beat_it(china_2018):
    # 2019-2024 primary entrants against 18,673,000 carried forward:
    # |1867.30 - (1869.04, 1808.09, 1782.58, 1701.39, 1877.89, 1616.64)| / actual, mean 5.66%
    chosen, naive = _held_out_mape(china_2018, "primary")
    assert naive == pytest.approx(5.657, abs=0.001)
    assert chosen == pytest.approx(naive)
    assert china_2018.models.set_index("series").loc["primary_ratio", "model"] == "naive"


def test_held_out_2019_2024_junior_beats_naive(china_2018):
    # the junior transition ratio rose from 0.86 (2013) to 0.94 (2018): the damped trend keeps
    # part of that rise and lands nearer the 2019-2024 entrants than 16,025,900 carried forward
    chosen, naive = _held_out_mape(china_2018, "junior")
    assert naive == pytest.approx(6.578, abs=0.001)
    assert chosen == pytest.approx(6.258, abs=0.001)
    assert chosen <= naive


def test_held_out_2019_2024_outcomes_fall_inside_most_80_percent_intervals(china_2018):
    table = china_2018.table
    actual = _actual("china", "primary", range(2019, 2025)).tolist() + \
        _actual("china", "junior", range(2019, 2025)).tolist()
    inside = (table["lower"] <= actual) & (np.asarray(actual) <= table["upper"])
    assert int(inside.sum()) == 11  # of 12: only primary 2024 (16,166,400) falls below


@pytest.mark.parametrize("name", ["china", "china_2018", "us"])
def test_on_every_real_series_the_chosen_method_is_no_worse_than_naive(series, name):
    skill = series[name].skill
    mean = skill.groupby("stage")[["mape_chosen", "mape_naive"]].mean()
    assert (mean["mape_chosen"] <= mean["mape_naive"] + 1e-9).all()


@pytest.mark.parametrize("name", ["china", "china_2018", "us"])
def test_backtest_coverage_of_the_80_percent_interval_is_between_70_and_95_percent(series,
                                                                                    name):
    result = series[name]
    pairs = result.skill.groupby("stage")["n"].sum()
    judged = [s for s, n in pairs.items() if n >= 20]  # US junior has three pairs only
    assert judged
    for stage in judged:
        assert 0.70 <= result.coverage_observed[stage] <= 0.95, stage


def test_naive_chosen_with_cohorts_falling_says_what_the_ratio_method_gives(series):
    # China to 2024: no ratio model beat naive for primary, but births fell from 15.23 to 9.54
    # million (2018 -> 2024); the note gives the 近3年均值 ratio figure for 2032
    note = next(n for n in series["china"].notes if n.startswith("小学新生按“保持上年”预测"))
    assert "2032 年约为" in note and "少 40%" in note


def test_us_junior_with_two_origins_keeps_naive_under_the_small_sample_guard(series):
    reason = series["us"].models.set_index("series").loc["junior_ratio", "reason"]
    assert reason.startswith("回测起点只有 2 个（少于 3 个），只比较最简单的方法")
    assert series["us"].models.set_index("series").loc["junior_ratio", "model"] == "naive"
