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


def interval_label(coverage: float) -> str:
    """A table's name for the forecast interval, without the statistician's 「名义」 (planner
    review 2026-12-05 finding 12).

    >>> interval_label(0.8)
    '预测区间（约 80%）'
    """
    return f"预测区间（约 {coverage:.0%}）"


def interval_said(coverage: float) -> str:
    """The forecast interval in a sentence: where its width comes from.

    >>> interval_said(0.8)
    '预测区间按回测误差定，约 80%'
    """
    return f"预测区间按回测误差定，约 {coverage:.0%}"


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
    (['小学', '选用：逐级推移', '0.5%', '1.3%'], ['小学', '预测区间（约 80%）：回测命中', '4/5', '3/4'])
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
        rows.append([label, f"{interval_label(coverage)}：回测命中",
                     *(_hits(by_h["coverage"].get(h), by_h["n"].get(h) if "n" in by_h else None)
                       for h in horizons)])
    return header, rows


def _percent(value) -> str:
    from junheng.forecast.choice import error_percent

    return error_percent(value)


def _hits(share, n) -> str:
    """'4/5' (hits of n backtest outcomes); a percentage when n is unknown."""
    if share is None or not math.isfinite(float(share)):
        return "—"
    if n is None or not math.isfinite(float(n)) or int(n) == 0:
        return f"{float(share):.0%}"
    return f"{round(float(share) * int(n))}/{int(n)}"


def school_skill_table(school_skill: pd.DataFrame, coverage: float, base_year: int,
                       horizon: int) -> tuple[list[str], list[list[str]]]:
    """How uncertain a school's forecast pupils are (and so its classroom gap): per year
    ahead the backtest's mean and median absolute percentage error of the school totals,
    naive's mean, and the hits of the school-level interval; years ahead without a backtest
    say so.

    Examples
    --------
    >>> skill = pd.DataFrame({"horizon": [1, 2], "mape_chosen": [4.19, 6.8],
    ...     "median_chosen": [1.26, 2.2], "mape_naive": [8.46, 14.6], "hits": [685, 546],
    ...     "counted": [855, 684]})
    >>> header, rows = school_skill_table(skill, 0.8, 2025, 3)
    >>> header
    ['项目', '2026 学年（1 年后）', '2027 学年（2 年后）', '2028 学年（3 年后）']
    >>> for row in rows: print(row)
    ['逐校在校生：平均绝对百分比误差', '4.2%', '6.8%', '没有可回测的历史']
    ['逐校在校生：误差中位数', '1.3%', '2.2%', '没有可回测的历史']
    ['保持上年：平均绝对百分比误差', '8.5%', '14.6%', '没有可回测的历史']
    ['预测区间（约 80%）：回测命中（学校 × 起点）', '685/855', '546/684', '没有可回测的历史']
    """
    by_h = school_skill.set_index("horizon") if len(school_skill) else pd.DataFrame()
    horizons = range(1, horizon + 1)
    header = ["项目", *(f"{base_year + h} 学年（{h} 年后）" for h in horizons)]
    none = "没有可回测的历史"

    def cells(fmt) -> list[str]:
        return [fmt(by_h.loc[h]) if h in by_h.index else none for h in horizons]

    rows = [["逐校在校生：平均绝对百分比误差", *cells(lambda r: _percent(r["mape_chosen"]))],
            ["逐校在校生：误差中位数", *cells(lambda r: _percent(r["median_chosen"]))],
            ["保持上年：平均绝对百分比误差", *cells(lambda r: _percent(r["mape_naive"]))],
            [f"{interval_label(coverage)}：回测命中（学校 × 起点）",
             *cells(lambda r: f"{int(r['hits'])}/{int(r['counted'])}")]]
    return header, rows


SCHOOL_SKILL_TITLE = ("逐校预测的不确定性（本县历史回测，学校在校生合计；教室缺口由在校生推算，"
                      "误差同源）")
