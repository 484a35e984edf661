"""Province benchmark: a generated province of small counties (:mod:`junheng.demo.province`)
run by ``junheng.jobs.province`` serially, on a local Dask cluster of 1 worker and of 2 workers;
wall times, speed-ups against the serial run, the per-job distribution of task seconds, and
the projected wall time for 160 counties on N workers.

Each run starts from an empty results table (same tasks, same stamps), so each computes
everything. The store is a SQLite file in a temporary folder unless ``--db`` names a
PostgreSQL database (its ``province_results`` table is emptied).

Projection: a task's mean seconds per county, summed over the jobs, times 160 counties,
divided by N workers times the parallel efficiency measured with 2 workers (speed-up / 2);
on separate machines with their own cores the efficiency is at least that. Both the ideal
projection (efficiency 1) and the one at the measured efficiency are printed: on a shared,
loaded machine the measured one is far too pessimistic (the load average is printed).

    python -m bench.province [--counties 100] [--jobs evaluate,forecast,layout]
                             [--layout-time-limit 10] [--db URL] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from junheng.jobs.province import JobOptions, plan_tasks, run_province
from junheng.jobs.province_tasks import store_for

PROJECTED_COUNTIES = 160


def _prepare(url: str, counties: int) -> None:
    from sqlalchemy import text

    from junheng.demo.province import small_province

    store = store_for(url)
    began = time.perf_counter()
    if not store.counties():
        for history in small_province(counties, years=1):
            for data in history:
                store.import_county(data, source="bench")
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM province_results"))
    print(f"province counties={counties} prepared_s={time.perf_counter() - began:.1f}",
          flush=True)


def _clear(url: str) -> None:
    from sqlalchemy import text

    with store_for(url).engine.begin() as conn:
        conn.execute(text("DELETE FROM province_results"))


def _distribution(rows) -> list[str]:
    lines = []
    for job in sorted({r["job"] for r in rows}):
        secs = sorted(r["seconds"] for r in rows if r["job"] == job)
        p90 = secs[min(len(secs) - 1, int(0.9 * len(secs)))]
        lines.append(f"job={job} tasks={len(secs)} mean_s={statistics.mean(secs):.2f} "
                     f"median_s={statistics.median(secs):.2f} p90_s={p90:.2f} max_s={secs[-1]:.2f}")
    return lines


def run(*, url: str, counties: int, jobs: list[str], options: JobOptions,
        workers: list[int]) -> None:
    import os

    print(f"machine cpus={os.cpu_count()} load_avg_1min={os.getloadavg()[0]:.1f}", flush=True)
    _prepare(url, counties)
    tasks = plan_tasks(store_for(url).counties(), jobs, options)
    serial = run_province(url, tasks, options, serial=True)
    failed = serial.count("failed")
    print(f"case=serial tasks={len(tasks)} wall_s={serial.seconds:.1f} failed={failed} "
          f"timeout={serial.count('timeout')}", flush=True)
    for line in _distribution(serial.rows):
        print(line, flush=True)
    efficiency = 1.0
    for n in workers:
        _clear(url)
        done = run_province(url, tasks, options, workers=n)
        speedup = serial.seconds / done.seconds
        # n workers cannot do more than n times the work: a ratio above 1 means the load of
        # the machine changed between the runs, so the projection caps it at 1
        efficiency = min(speedup / n, 1.0) if n > 1 else efficiency
        print(f"case=dask_local workers={n} wall_s={done.seconds:.1f} "
              f"speedup_vs_serial={speedup:.2f} efficiency={speedup / n:.2f}"
              f"{' (above 1: the machine load changed between runs)' if speedup > n else ''}",
              flush=True)
    per_county = sum(r["seconds"] for r in serial.rows) / counties
    for n in (1, 2, 4, 8, 16, 32):
        ideal = per_county * PROJECTED_COUNTIES / n
        measured = ideal / (efficiency if n > 1 else 1.0)
        print(f"projection counties={PROJECTED_COUNTIES} workers={n} "
              f"wall_min_ideal={ideal / 60:.1f} wall_min_at_measured_efficiency="
              f"{measured / 60:.1f} task_s_per_county={per_county:.1f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--jobs", default="evaluate,forecast,layout")
    parser.add_argument("--layout-time-limit", type=float, default=10.0)
    parser.add_argument("--compliance-time-limit", type=float, default=10.0)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--db", default="")
    args = parser.parse_args(argv)
    options = JobOptions(layout_time_limit=args.layout_time_limit,
                         compliance_time_limit=args.compliance_time_limit)
    workers = [int(w) for w in args.workers.split(",") if w]
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'province.db'}"
        run(url=url, counties=args.counties, jobs=args.jobs.split(","), options=options,
            workers=workers)
    return 0


if __name__ == "__main__":
    main()
