"""Layout planning benchmark: the demo county to a proven gap, ours (tightened formulation and
warm start) against HiGHS alone on the same MILP and against the aggregated-linking baseline,
in the same process; then a generated province county by county (in parallel on Dask).

Seconds are wall and CPU (``time.process_time`` of the solving process): on a shared machine
the CPU figures are the ones to compare.

    python -m bench.layout [--counties N] [--time-limit S] [--workers W] [--compare-province]
"""

from __future__ import annotations

import argparse
import time

from junheng.demo import generate
from junheng.errors import InfeasibleError
from junheng.planning import build_layout_problem, load_layout_config, solve_layout

SETTINGS = {
    "ours": {"strong": True, "warm_start": True},
    "highs_alone": {"strong": True, "warm_start": False},
    "baseline": {"strong": False, "warm_start": False},
}


def _solve(data, *, setting: str, time_limit: float) -> dict:
    cfg = load_layout_config(None, time_limit_s=time_limit)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    problem = build_layout_problem(data, cfg)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    sol = solve_layout(problem, **SETTINGS[setting])
    cpu2, wall2 = time.process_time(), time.perf_counter()
    return {"county": data.county_code, "customers": len(problem.customers),
            "sites": len(problem.sites), "pairs": len(problem.pairs),
            "build_s": round(wall1 - wall0, 2), "build_cpu_s": round(cpu1 - cpu0, 2),
            "solve_s": round(wall2 - wall1, 2), "solve_cpu_s": round(cpu2 - cpu1, 2),
            "status": sol.status, "objective": round(sol.objective), "gap": round(sol.gap, 5)}


def _county_job(args) -> dict:
    data, setting, time_limit = args
    try:
        return _solve(data, setting=setting, time_limit=time_limit)
    except InfeasibleError:
        return {"county": data.county_code, "build_cpu_s": 0.0, "solve_cpu_s": 0.0,
                "solve_s": 0.0, "status": "infeasible", "objective": 0, "gap": 0.0}


def run(*, counties: int = 0, time_limit: float = 60.0, workers: int = 2,
        compare_province: bool = False) -> list[dict]:
    """Figures for the demo county (ours, HiGHS alone, baseline) and, if asked, a province."""
    demo = generate(seed=2025, counties=1, years=1)[0][-1]
    results = {name: _solve(demo, setting=name, time_limit=time_limit) for name in SETTINGS}
    rows = [{"case": f"demo county, {name}", **r} for name, r in results.items()]
    ours = results["ours"]
    for other in ("highs_alone", "baseline"):
        rows.append({"case": f"ratio ours/{other}",
                     "solve_s": round(ours["solve_s"] / results[other]["solve_s"], 3),
                     "solve_cpu_s": round(ours["solve_cpu_s"] / results[other]["solve_cpu_s"], 3),
                     "objective": round(ours["objective"] / results[other]["objective"], 5)})
    if counties:
        province = [years[-1] for years in generate(seed=7, counties=counties, years=1)]
        for setting in ("ours", "highs_alone") if compare_province else ("ours",):
            rows.append(_province(province, setting, time_limit, workers))
    return rows


def _province(province: list, setting: str, time_limit: float, workers: int) -> dict:
    import dask.bag as db

    began = time.perf_counter()
    jobs = db.from_sequence([(d, setting, time_limit) for d in province],
                            npartitions=len(province))
    results = jobs.map(_county_job).compute(scheduler="processes", num_workers=workers)
    total = time.perf_counter() - began
    return {"case": f"province {len(province)} counties, {workers} workers, {setting}",
            "total_s": round(total, 1),
            "cpu_s_sum": round(sum(r["build_cpu_s"] + r["solve_cpu_s"] for r in results), 1),
            "solve_s_max": max(r["solve_s"] for r in results),
            "max_gap": max(r["gap"] for r in results),
            "optimal": sum(r["status"] == "optimal" for r in results),
            "infeasible": sum(r["status"] == "infeasible" for r in results),
            "objective_sum": sum(r["objective"] for r in results)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare-province", action="store_true",
                        help="also run the province with HiGHS alone (no warm start)")
    args = parser.parse_args(argv)
    for row in run(counties=args.counties, time_limit=args.time_limit, workers=args.workers,
                   compare_province=args.compare_province):
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
