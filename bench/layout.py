"""Layout planning benchmark: the demo county to a proven gap, against a weak-formulation
baseline in the same process, and a generated province county by county (in parallel on Dask).

    python -m bench.layout [--counties N] [--time-limit S] [--workers W]
"""

from __future__ import annotations

import argparse
import time

from junheng.demo import generate
from junheng.planning import build_layout_problem, load_layout_config, solve_layout


def _solve(data, *, strong: bool, time_limit: float) -> dict:
    cfg = load_layout_config(None, time_limit_s=time_limit)
    t0 = time.perf_counter()
    problem = build_layout_problem(data, cfg)
    built = time.perf_counter() - t0
    sol = solve_layout(problem, strong=strong)
    return {"county": data.county_code, "customers": len(problem.customers),
            "sites": len(problem.sites), "pairs": len(problem.pairs), "build_s": round(built, 2),
            "solve_s": round(sol.seconds, 2), "status": sol.status,
            "objective": round(sol.objective), "gap": round(sol.gap, 5)}


def _county_job(args) -> dict:
    data, time_limit = args
    return _solve(data, strong=True, time_limit=time_limit)


def run(*, counties: int = 0, time_limit: float = 60.0, workers: int = 2) -> list[dict]:
    """Figures for the demo county (ours and the baseline) and, if asked, a province."""
    demo = generate(seed=2025, counties=1, years=1)[0][-1]
    ours = _solve(demo, strong=True, time_limit=time_limit)
    base = _solve(demo, strong=False, time_limit=time_limit)
    rows = [{"case": "demo county, strong linking (ours)", **ours},
            {"case": "demo county, aggregated linking (baseline)", **base},
            {"case": "ratio ours/baseline", "solve_s": round(ours["solve_s"] / base["solve_s"], 3),
             "objective": round(ours["objective"] / base["objective"], 5)}]
    if counties:
        rows.append(_province(counties, time_limit, workers))
    return rows


def _province(counties: int, time_limit: float, workers: int) -> dict:
    import dask.bag as db

    province = [years[-1] for years in generate(seed=7, counties=counties, years=1)]
    began = time.perf_counter()
    jobs = db.from_sequence([(d, time_limit) for d in province], npartitions=counties)
    results = jobs.map(_county_job).compute(scheduler="processes", num_workers=workers)
    total = time.perf_counter() - began
    return {"case": f"province {counties} counties, {workers} workers",
            "total_s": round(total, 1),
            "max_gap": max(r["gap"] for r in results),
            "optimal": sum(r["status"] == "optimal" for r in results),
            "solve_s_sum": round(sum(r["solve_s"] for r in results), 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    for row in run(counties=args.counties, time_limit=args.time_limit, workers=args.workers):
        print("  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
