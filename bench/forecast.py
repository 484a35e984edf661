"""Benchmark: forecast every school of a generated province (8-year horizon, with backtests).

The province is :func:`junheng.demo.generate` with ``counties`` counties of two school years
each (about 150 schools per county; 100 counties ≈ 15,000 schools). Generating it is timed
separately; the measured step is :func:`junheng.forecast.forecast_counties`, which merges the
histories, chooses a ratio model per series by rolling-origin backtest, projects every school
and grade, backtests the whole projection from up to six origins and builds the tidy frames.
Target: ≤ 30 s on 2 cores.

Baselines, run in the same process on a sample and scaled to the province:

* county by county: :func:`junheng.forecast.forecast_county` called once per county;
* series one at a time: the model choice (rolling-origin backtest of three models) fitted on
  one ratio series per call instead of all series in one array.

Accuracy on published series (tests/forecast/data, sources in its README): the stage forecast
of China's national primary and junior entrants (history to 2024, and to 2018 with 2019-2024
held out, as the project's acceptance test does) and of US public-school grades 1 and 7; per
stage and horizon the backtest MAPE of the chosen method, of naive (last value carried forward)
and their ratio, the interval's backtest coverage, and the held-out MAPEs.

Run ``python -m bench.forecast [--counties N] [--real-only]``; ``run()`` and ``real_series()``
return the rows.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bench.timing import timed, timed_cpu

TARGET_SECONDS = 30.0
DATA = Path(__file__).resolve().parent.parent / "tests" / "forecast" / "data"
SERIES = (("china", None, 8), ("china", 2018, 6), ("us", None, 6))


def province(counties: int = 100, seed: int = 2025, years: int = 2, workers: int = 2):
    """The generated province: per county, its school years."""
    from junheng.demo import generate

    return generate(seed=seed, counties=counties, years=years, workers=workers)



def run(counties: int = 100, seed: int = 2025, horizon: int = 8, workers: int = 2,
        baseline_counties: int = 10, baseline_series: int = 1000) -> list[dict]:
    """The province forecast, the two baselines, and the ratios against them."""
    from junheng.forecast import forecast_counties, forecast_county

    generated, generate_s = timed(province, counties, seed, workers=workers)
    datas = [data for county in generated for data in county]
    result, seconds, cpu_s = timed_cpu(forecast_counties, datas, horizon)
    schools = len(result.schools[["county_code", "school_id"]].drop_duplicates())
    series = int((result.models["kind"] != "births").sum())
    county_mape = result.accuracy.query("level == 'county_stage' and stage == 'all'")
    rows = [{
        "case": f"province in one run, {counties} counties", "counties": counties,
        "schools": schools, "series": series, "horizon": horizon,
        "backtest_origins": len(result.backtest_origins), "compute_s": round(seconds, 2),
        "compute_cpu_s": round(cpu_s, 2), "target_s": TARGET_SECONDS, "within_target": seconds <= TARGET_SECONDS,
        "generate_s": round(generate_s, 1),
        "county_mape_by_horizon": {int(r.horizon): round(float(r.mape), 2)
                                   for r in county_mape.itertuples()},
    }]
    sample = generated[:max(1, min(baseline_counties, counties))]
    _, sample_s = timed(lambda: [forecast_county(county, horizon) for county in sample])
    by_county = sample_s * counties / len(sample)
    rows.append({"case": "county by county (baseline)", "counties_timed": len(sample),
                 "per_county_s": round(sample_s / len(sample), 3),
                 "compute_s_scaled": round(by_county, 1)})
    rows.append({"case": "ratio one run / county by county", "ratio": round(seconds / by_county, 3)})
    rows.extend(_series_baseline(datas, baseline_series))
    return rows


def _series_baseline(datas, sample: int) -> list[dict]:
    """Model choice on every progression series at once against one series per call."""
    from junheng.forecast.cohort import CohortProjection
    from junheng.forecast.panel import build_panel
    from junheng.forecast.selection import ModelSelector

    ratios = CohortProjection().fit(build_panel(datas)).progression_series_.ratios
    _, together_s = timed(ModelSelector().fit, ratios)
    rows = ratios[np.linspace(0, len(ratios) - 1, min(sample, len(ratios))).astype(int)]
    _, alone_s = timed(lambda: [ModelSelector().fit(row) for row in rows])
    scaled = alone_s * len(ratios) / len(rows)
    return [
        {"case": "model choice, all series in one array", "series": len(ratios),
         "compute_s": round(together_s, 2)},
        {"case": "model choice, one series per call (baseline)", "series_timed": len(rows),
         "compute_s_scaled": round(scaled, 1)},
        {"case": "ratio one array / one series per call", "ratio": round(together_s / scaled, 4)},
    ]


def _stage_tables(prefix: str, last_year: int | None):
    import pandas as pd

    from junheng.forecast.stages import clean_births, clean_entrants

    births = pd.read_csv(DATA / f"{prefix}_births.csv", dtype=str)
    entrants = pd.read_csv(DATA / f"{prefix}_entrants.csv", dtype=str)
    if last_year is not None:
        births = births[births["year"].astype(int) <= last_year]
        entrants = entrants[entrants["year"].astype(int) <= last_year]
    return clean_births(births), clean_entrants(entrants)


def real_series() -> list[dict]:
    """Backtest and held-out accuracy of the stage forecast on the published series."""
    import pandas as pd

    from junheng.forecast.stages import forecast_stages

    rows = []
    for prefix, last_year, horizon in SERIES:
        name = prefix if last_year is None else f"{prefix} to {last_year}"
        result, seconds = timed(forecast_stages, *_stage_tables(prefix, last_year), horizon)
        models = result.models.set_index("series")
        for stage, group in result.skill.groupby("stage", sort=False):
            rows.append({
                "case": f"real series {name}, {stage}", "method": models.loc[f"{stage}_ratio",
                                                                            "model"],
                "compute_s": round(seconds, 2),
                "mape_chosen": {int(r.horizon): round(float(r.mape_chosen), 2)
                                for r in group.itertuples()},
                "mape_naive": {int(r.horizon): round(float(r.mape_naive), 2)
                               for r in group.itertuples()},
                "ratio_to_naive": {int(r.horizon): round(float(r.ratio), 3)
                                   for r in group.itertuples() if r.ratio == r.ratio},
                "coverage": round(float(result.coverage_observed.get(stage, float("nan"))), 3),
                **_held_out(prefix, last_year, result, stage, pd)})
    return rows


def _held_out(prefix: str, last_year: int | None, result, stage: str, pd) -> dict:
    if last_year is None:
        return {}
    entrants = pd.read_csv(DATA / f"{prefix}_entrants.csv")
    actual = entrants[entrants["stage"] == stage].set_index("year")["entrants"]
    table = result.table[result.table["stage"] == stage].set_index("year")
    known = actual.reindex(table.index).dropna()
    if known.empty:
        return {}
    forecast = table.loc[known.index, "entrants"]
    naive = actual[last_year]
    chosen = float((abs(forecast - known) / known).mean() * 100)
    base = float((abs(naive - known) / known).mean() * 100)
    inside = ((table.loc[known.index, "lower"] <= known)
              & (known <= table.loc[known.index, "upper"])).sum()
    return {"held_out_years": f"{known.index.min()}-{known.index.max()}",
            "held_out_mape_chosen": round(chosen, 2), "held_out_mape_naive": round(base, 2),
            "held_out_ratio": round(chosen / base, 3) if base else None,
            "held_out_inside_interval": f"{int(inside)}/{len(known)}"}


SERIES_NAMES = {"china": "中国全国", "china to 2018": "中国全国（历史到 2018 年）",
                "us": "美国公立学校"}
STAGE_NAMES = {"primary": "小学新生", "junior": "初中新生"}


def _print_real(rows: list[dict]) -> None:
    from junheng.report.forecast_skill import method_text

    for row in rows:
        name, stage = row["case"].removeprefix("real series ").rsplit(", ", 1)
        mean_c = sum(row["mape_chosen"].values()) / len(row["mape_chosen"])
        mean_n = sum(row["mape_naive"].values()) / len(row["mape_naive"])
        line = (f"{SERIES_NAMES.get(name, name)}{STAGE_NAMES.get(stage, stage)}：选用"
                f"{method_text(row['method'])}，回测平均绝对百分比误差 {mean_c:.2f}%，保持上年 "
                f"{mean_n:.2f}%（比值 {mean_c / mean_n:.2f}），区间覆盖率 {row['coverage']:.0%}")
        if "held_out_mape_chosen" in row:
            line += (f"；{row['held_out_years']} 留出检验 {row['held_out_mape_chosen']:.2f}% 对 "
                     f"{row['held_out_mape_naive']:.2f}%，区间含实际 {row['held_out_inside_interval']}")
        print(line)


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark rows as JSON lines, the headline first in Chinese."""
    parser = argparse.ArgumentParser(description="入学预测基准：全省每所学校预测 8 年（含回测）。")
    parser.add_argument("--counties", type=int, default=100, help="生成的县区数（默认 100）。")
    parser.add_argument("--seed", type=int, default=2025, help="生成数据的随机种子。")
    parser.add_argument("--horizon", type=int, default=8, help="预测年数。")
    parser.add_argument("--workers", type=int, default=2, help="生成数据的进程数。")
    parser.add_argument("--baseline-counties", type=int, default=10,
                        help="逐县基准实测的县区数（按比例推算到全省）。")
    parser.add_argument("--real-only", action="store_true",
                        help="只测公开的真实序列（中国、美国）的回测与留出检验，不生成全省。")
    args = parser.parse_args(argv)
    real = real_series()
    _print_real(real)
    for row in real:
        print(json.dumps(row, ensure_ascii=False))
    if args.real_only:
        return 0
    rows = run(args.counties, args.seed, args.horizon, args.workers, args.baseline_counties)
    head = rows[0]
    verdict = "达标" if head["within_target"] else "未达标"
    print(f"forecast: {head['schools']:,} 所学校、{head['series']:,} 条比率序列，预测 "
          f"{head['horizon']} 年含 {head['backtest_origins']} 个回测起点：{head['compute_s']:.1f} 秒"
          f"（CPU {head['compute_cpu_s']:.1f} 秒；目标 ≤ {head['target_s']:.0f} 秒，{verdict}）；生成数据 {head['generate_s']:.1f} 秒")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
