"""Benchmark: generate the 100-county demo province, and write one county workbook.

Generation is :func:`junheng.demo.generate` (one school year per county; about 150 schools a
county, ≈ 15,000 schools in all) in one process and, as a second row, in two worker processes.
Writing is :func:`junheng.io.write_workbook` of the default county's first year. Target for
generation: under 60 s on 2 cores. Rows report wall and CPU seconds: on a shared, busy host the
wall time can be several times the CPU time.

Run ``python bench/demo_data.py [--counties N] [--workers W]``; ``run()`` returns the rows for
``make bench``.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0


def _generation_row(counties: int, seed: int, workers: int) -> dict:
    from junheng.demo import generate

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    province = generate(seed=seed, counties=counties, years=1, workers=workers)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    years = [county[0] for county in province]
    return {
        "bench": "demo_data", "case": f"generate_{counties}_counties_{workers}_workers",
        "counties": counties, "workers": workers,
        "schools": sum(len(d.schools) for d in years),
        "teaching_points": sum(int((d.schools["school_type"] == "teaching_point").sum())
                               for d in years),
        "classes": sum(len(d.classes) for d in years),
        "students": sum(int(d.classes["students"].sum()) for d in years),
        "teachers": sum(len(d.teachers) for d in years),
        "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
        "target_seconds": TARGET_SECONDS, "within_target": seconds <= TARGET_SECONDS,
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (wall time suffers on a busy host)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _write_row(seed: int, bench_dir: Path) -> dict:
    from junheng.demo import generate
    from junheng.io import write_workbook

    data = generate(seed=seed, years=1)[0][0]
    path = bench_dir / f"{data.county_code}_{data.school_year}.xlsx"
    started = time.perf_counter()
    write_workbook(data, path)
    seconds = time.perf_counter() - started
    return {
        "bench": "demo_data", "case": "write_one_county_workbook", "county": data.county_code,
        "rows": sum(data.row_counts().values()), "bytes": path.stat().st_size,
        "seconds": round(seconds, 2),
    }


def run(bench_dir: str | Path | None = None, *, counties: int = 100, seed: int = 2025,
        workers: tuple[int, ...] = (1, 2)) -> list[dict]:
    """Time province generation (once per worker count) and one workbook write."""
    rows = [_generation_row(counties, seed, w) for w in workers]
    if bench_dir is None:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(_write_row(seed, Path(tmp)))
    else:
        Path(bench_dir).mkdir(parents=True, exist_ok=True)
        rows.append(_write_row(seed, Path(bench_dir)))
    return rows


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark rows in Chinese and as JSON lines."""
    parser = argparse.ArgumentParser(description="演示数据基准：生成全省演示县区、写出一个县区工作簿的用时。")
    parser.add_argument("--counties", type=int, default=100, help="生成的县区数（默认 100）。")
    parser.add_argument("--seed", type=int, default=2025, help="随机种子。")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="并行进程数，可给多个分别计时（默认 1 和 2）。")
    parser.add_argument("--bench-dir", default=None, help="写出工作簿的目录（默认临时目录）。")
    args = parser.parse_args(argv)
    for row in run(args.bench_dir, counties=args.counties, seed=args.seed,
                   workers=tuple(args.workers)):
        if row["case"].startswith("generate"):
            verdict = "达标" if row["within_target"] else "未达标"
            print(f"demo_data: 生成 {row['counties']} 个县区（{row['workers']} 个进程）："
                  f"{row['schools']:,} 所学校（教学点 {row['teaching_points']:,}）、"
                  f"{row['teachers']:,} 名教职工、{row['students']:,} 名学生，"
                  f"{row['seconds']:.1f} 秒（CPU {row['cpu_seconds']:.1f} 秒；"
                  f"目标 ≤ {row['target_seconds']:.0f} 秒，{verdict}）")
        else:
            print(f"demo_data: 写出一个县区工作簿（{row['rows']:,} 行，{row['bytes'] / 1e6:.1f} MB）："
                  f"{row['seconds']:.1f} 秒")
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
