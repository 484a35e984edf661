"""Compliance-path benchmark (达标路径): the least-cost plan against the greedy fix a bureau
would reach by hand (school by school, then CV by CV: ``compliance_repair.greedy_values``),
the proven gap and the time, on the demo county, generated counties and a generated province
(counties in parallel on Dask).

Per county: target year = data year + 3 with the forecast's pupils, the shipped unit costs,
no budget; the solve stops at a proven 0.01 % or the time limit. Printed: units, cost of the
plan and of the greedy fix (万元) and their ratio, bound and gap, seconds to a proven 1 % and
in all (wall and CPU of the solving process), rounds, whether the evaluation engine confirms
the plan on the county after it. Target: ≤ 1 % gap in ≤ 60 s per county on 2 cores.

    python -m bench.compliance [--counties N] [--province N] [--time-limit S] [--workers W]
"""

from __future__ import annotations

import argparse
import time

from junheng.demo import generate
from junheng.forecast import forecast_county
from junheng.planning.compliance import plan_compliance


def solve_county(data, time_limit: float) -> dict:
    """One county's plan and figures (forecast included in neither time)."""
    forecast = forecast_county(data, horizon=3)
    students = forecast.students[["school_id", "grade", "year", "students"]]
    cpu, wall = time.process_time(), time.perf_counter()
    plan = plan_compliance(data, students, data.school_year + 3, time_limit=time_limit,
                           diagnose=False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    s = plan.solution
    ratio = s.objective / s.greedy if s.objective and s.greedy else None
    return {"county": data.county_code, "units": len(plan.problem.units),
            "status": s.status.value, "cost": _round(s.objective), "greedy": _round(s.greedy),
            "ratio": None if ratio is None else round(ratio, 4), "bound": _round(s.bound),
            "gap": None if s.gap is None else round(s.gap, 6),
            "to_1pct_s": _round(s.seconds_to(0.01), 1), "solve_s": round(s.seconds, 1),
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "rounds": len(s.rounds),
            "confirmed": plan.confirmed}


def _round(value, digits: int = 1):
    return None if value is None else round(float(value), digits)


def _county_job(args) -> dict:
    data, time_limit = args
    return solve_county(data, time_limit)


def province(counties: list, time_limit: float, workers: int) -> dict:
    """Every county in parallel (processes); totals and the worst county."""
    import dask.bag as db

    began = time.perf_counter()
    jobs = db.from_sequence([(d, time_limit) for d in counties], npartitions=len(counties))
    rows = jobs.map(_county_job).compute(scheduler="processes", num_workers=workers)
    done = [r for r in rows if r["cost"] is not None]
    return {"case": f"province {len(counties)} counties, {workers} workers",
            "total_s": round(time.perf_counter() - began, 1),
            "cpu_s_sum": round(sum(r["cpu_s"] for r in rows), 1),
            "wall_s_max": max(r["wall_s"] for r in rows),
            "max_gap": max((r["gap"] for r in done), default=None),
            "within_1pct": sum(r["gap"] is not None and r["gap"] <= 0.01 for r in rows),
            "confirmed": sum(r["confirmed"] for r in rows),
            "cost_sum": round(sum(r["cost"] for r in done)),
            "greedy_sum": round(sum(r["greedy"] for r in done if r["greedy"])),
            "ratio_median": sorted(r["ratio"] for r in done if r["ratio"])[len(done) // 2]
            if done else None}


def run(*, counties: int = 2, province_size: int = 0, time_limit: float = 60.0,
        workers: int = 2) -> list[dict]:
    rows = [{"case": "demo", **solve_county(generate(seed=2025, counties=1, years=1)[0][-1],
                                            time_limit)}]
    generated = [years[-1] for years in generate(seed=7, counties=max(counties, 1) + 1,
                                                 years=1)[1:]]
    for number, data in enumerate(generated[:counties], start=1):
        rows.append({"case": f"generated county {number}", **solve_county(data, time_limit)})
    if province_size:
        many = [y[-1] for y in generate(seed=11, counties=province_size, years=1, workers=workers)]
        rows.append(province(many, time_limit, workers))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=2, help="generated counties one by one")
    parser.add_argument("--province", type=int, default=0,
                        help="generated counties run as a province in parallel")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    for row in run(counties=args.counties, province_size=args.province,
                   time_limit=args.time_limit, workers=args.workers):
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
