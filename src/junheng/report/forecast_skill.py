"""How good the forecast has been: backtest MAPE of the chosen method next to naive's, in Chinese.

One table for every face (terminal, Excel, web page, HTML report): per stage three rows, the
chosen method's backtest MAPE by horizon, the naive forecast's ("保持上年") and how many
backtest outcomes the nominal interval held (hits / outcomes: with a handful of origins a
percentage would read as a calibrated coverage), with one column per horizon.
"""

from __future__ import annotations

import math

import pandas as pd

from junheng.forecast.backtest import METHOD_LABELS as COHORT_LABELS
from junheng.forecast.county import STAGE_LABELS
from junheng.forecast.stage_projection import METHOD_LABELS as STAGE_METHOD_LABELS

METHOD_LABELS = {**STAGE_METHOD_LABELS, **COHORT_LABELS}


def method_text(code: str) -> str:
    """A method code of a forecast table in Chinese, e.g. ``damped+births:ses``.

    Examples
    --------
    >>> method_text("damped+births:ses")
    '阻尼趋势比率（出生人数按指数平滑比率外推）'
    """
    method, _, births = str(code).partition("+births:")
    text = METHOD_LABELS.get(method, method)
    if births:
        text += f"（出生人数按{METHOD_LABELS.get(births, births)}外推）"
    return text


def skill_table(skill: pd.DataFrame, coverage: float) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the backtest comparison (one county or stage-mode result).

    Examples
    --------
    >>> skill = pd.DataFrame({"stage": ["primary"] * 2, "horizon": [1, 2],
    ...                       "method": ["cohort"] * 2, "mape_chosen": [0.5, 1.26],
    ...                       "mape_naive": [3.0, 6.0], "n": [5, 4], "coverage": [0.8, 0.75]})
    >>> header, rows = skill_table(skill, 0.8)
    >>> header
    ['学段', '项目', '1 年后', '2 年后']
    >>> rows[0], rows[2]
    (['小学', '选用：逐级推移', '0.5%', '1.3%'], ['小学', '名义 80% 区间：回测命中', '4/5', '3/4'])
    """
    horizons = sorted(int(h) for h in skill["horizon"].unique()) if len(skill) else []
    header = ["学段", "项目", *(f"{h} 年后" for h in horizons)]
    rows = []
    for stage, group in skill.groupby("stage", sort=False):
        by_h = group.set_index("horizon")
        label = STAGE_LABELS.get(stage, stage)
        method = METHOD_LABELS.get(group["method"].iloc[0], group["method"].iloc[0])
        for item, column in ((f"选用：{method}", "mape_chosen"), ("保持上年", "mape_naive")):
            rows.append([label, item, *(_percent(by_h[column].get(h)) for h in horizons)])
        # a share of a handful of backtest origins is no coverage rate: show hits / origins
        rows.append([label, f"名义 {coverage:.0%} 区间：回测命中",
                     *(_hits(by_h["coverage"].get(h), by_h["n"].get(h) if "n" in by_h else None)
                       for h in horizons)])
    return header, rows


def _percent(value) -> str:
    return "—" if value is None or not math.isfinite(float(value)) else f"{float(value):.1f}%"


def _hits(share, n) -> str:
    """'4/5' (hits of n backtest outcomes); a percentage when n is unknown."""
    if share is None or not math.isfinite(float(share)):
        return "—"
    if n is None or not math.isfinite(float(n)) or int(n) == 0:
        return f"{float(share):.0%}"
    return f"{round(float(share) * int(n))}/{int(n)}"
