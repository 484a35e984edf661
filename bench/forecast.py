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

Run ``python -m bench.forecast [--counties N]``; ``run()`` returns the rows.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from bench.timing import timed, timed_cpu

TARGET_SECONDS = 30.0


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


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark rows as JSON lines, the headline first in Chinese."""
    parser = argparse.ArgumentParser(description="入学预测基准：全省每所学校预测 8 年（含回测）。")
    parser.add_argument("--counties", type=int, default=100, help="生成的县区数（默认 100）。")
    parser.add_argument("--seed", type=int, default=2025, help="生成数据的随机种子。")
    parser.add_argument("--horizon", type=int, default=8, help="预测年数。")
    parser.add_argument("--workers", type=int, default=2, help="生成数据的进程数。")
    parser.add_argument("--baseline-counties", type=int, default=10,
                        help="逐县基准实测的县区数（按比例推算到全省）。")
    args = parser.parse_args(argv)
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
