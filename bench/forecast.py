"""Benchmark: forecast every school of a generated province (8-year horizon, with backtests).

The province is :func:`junheng.demo.generate` with ``counties`` counties of two school years
each (about 150 schools per county; 100 counties ≈ 15,000 schools). Generating it is timed
separately; the measured step is :func:`junheng.forecast.forecast_counties`, which merges the
histories, chooses a ratio model per series by rolling-origin backtest, projects every school
and grade, backtests the whole projection from up to six origins and builds the tidy frames.
Target: ≤ 30 s on 2 cores.

Run ``python bench/forecast.py [--counties N]``; ``run()`` returns the rows for ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import time

TARGET_SECONDS = 30.0


def province(counties: int = 100, seed: int = 2025, years: int = 2):
    """The generated province as a flat list of CountyData (every county's school years)."""
    from junheng.demo import generate

    return [data for county in generate(seed=seed, counties=counties, years=years)
            for data in county]


def run(counties: int = 100, seed: int = 2025, horizon: int = 8) -> list[dict]:
    """Generate the province, forecast it once, and return one result row."""
    from junheng.forecast import forecast_counties

    started = time.perf_counter()
    datas = province(counties, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = forecast_counties(datas, horizon)
    seconds = time.perf_counter() - started
    schools = len(result.schools[["county_code", "school_id"]].drop_duplicates())
    county_mape = result.accuracy.query("level == 'county_stage' and stage == 'all'")
    return [{
        "bench": "forecast",
        "case": f"province_{counties}_counties",
        "counties": counties,
        "schools": schools,
        "series": int((result.models["kind"] != "births").sum()),
        "horizon": horizon,
        "backtest_origins": len(result.backtest_origins),
        "seconds": round(seconds, 2),
        "generate_seconds": round(generated, 2),
        "target_seconds": TARGET_SECONDS,
        "within_target": seconds <= TARGET_SECONDS,
        "county_mape_by_horizon": {int(r.horizon): round(float(r.mape), 2)
                                   for r in county_mape.itertuples()},
    }]


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark rows as a table and as JSON lines."""
    parser = argparse.ArgumentParser(description="入学预测基准：全省每所学校预测 8 年（含回测）。")
    parser.add_argument("--counties", type=int, default=100, help="生成的县区数（默认 100）。")
    parser.add_argument("--seed", type=int, default=2025, help="生成数据的随机种子。")
    parser.add_argument("--horizon", type=int, default=8, help="预测年数。")
    args = parser.parse_args(argv)
    for row in run(args.counties, args.seed, args.horizon):
        verdict = "达标" if row["within_target"] else "未达标"
        print(f"forecast: {row['schools']:,} 所学校、{row['series']:,} 条比率序列，"
              f"预测 {row['horizon']} 年含 {row['backtest_origins']} 个回测起点："
              f"{row['seconds']:.1f} 秒（目标 ≤ {row['target_seconds']:.0f} 秒，{verdict}）；"
              f"生成数据 {row['generate_seconds']:.1f} 秒")
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
