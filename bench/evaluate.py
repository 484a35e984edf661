"""Evaluation benchmark: a generated province evaluated against 优质均衡 2017 (and the others).

The province (``junheng.demo.generate``, 100 counties ≈ 15,000 schools by default) is evaluated
two ways: as one dataset in a single :func:`junheng.evaluate.evaluate` call (the vectorised
path; target ≤ 2 s of compute) and county by county (the baseline: one call per county). Generation, JSON and Excel writing are
timed separately from the compute. Compute is reported as wall time and as this process's CPU
time (the latter is what to compare on a shared, busy machine).

    python -m bench.evaluate [--counties N] [--seed S] [--workers W] [--standard ID|all]
                             [--no-per-county] [--no-io]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import pandas as pd

from bench.timing import timed, timed_cpu
from junheng.demo import generate
from junheng.evaluate import evaluate
from junheng.evaluate.serialize import write_evaluations_json
from junheng.model import CountyData
from junheng.report.evaluation_xlsx import write_evaluation_xlsx
from junheng.standards import STANDARD_IDS

TARGET_S = 2.0


def province_as_one(counties: list[CountyData]) -> CountyData:
    """All counties' tables stacked into one dataset (school ids are unique across counties)."""
    first = counties[0]
    tables = {key: pd.concat([c.tables[key] for c in counties], ignore_index=True)
              for key in first.tables}
    info = {**first.info, "county_code": "410000", "county_name": "示例省（合并）"}
    return CountyData(info, tables)



def _io(ev, out_dir: Path) -> tuple[float, float]:
    """Seconds to write the evaluation as JSON and as the Excel workbook."""
    _, json_s = timed(write_evaluations_json, [ev], out_dir / f"{ev.standard.id}.json")
    _, xlsx_s = timed(write_evaluation_xlsx, ev, out_dir / f"{ev.standard.id}.xlsx")
    return json_s, xlsx_s


def run(*, counties: int = 100, seed: int = 7, workers: int = 2,
        standards: tuple[str, ...] = ("quality-2017",), per_county: bool = False,
        io: bool = True) -> list[dict]:
    """Benchmark rows: one per standard for the province as one dataset, and optionally the
    county-by-county total. Compute seconds exclude generation and writing."""
    generated, gen_s = timed(generate, seed=seed, counties=counties, years=1, workers=workers)
    datas = [years[-1] for years in generated]
    province, stack_s = timed(province_as_one, datas)
    schools = len(province.schools)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for std in standards:
            evaluate(datas[0], std)  # warm the standard cache and imports
            ev, compute_s, cpu_s = timed_cpu(evaluate, province, std)
            json_s, xlsx_s = _io(ev, Path(tmp)) if io else (None, None)
            rows.append({
                "case": f"province as one dataset, {std}", "counties": counties,
                "schools": schools, "classes": len(province.classes),
                "teachers": len(province.teachers), "units": len(ev.units),
                "compute_s": round(compute_s, 3), "compute_cpu_s": round(cpu_s, 3),
                "target_s": TARGET_S, "within_target": compute_s <= TARGET_S,
                "generate_s": round(gen_s, 1),
                "stack_s": round(stack_s, 2),
                "json_s": None if json_s is None else round(json_s, 2),
                "xlsx_s": None if xlsx_s is None else round(xlsx_s, 2),
                "failures": len(ev.verdict.failures),
            })
            if per_county:
                _, total, cpu = timed_cpu(lambda s=std: [evaluate(d, s) for d in datas])
                rows.append({"case": f"county by county (baseline), {std}", "counties": counties,
                             "compute_s": round(total, 2), "compute_cpu_s": round(cpu, 2),
                             "per_county_ms": round(1000 * total / counties, 1)})
                rows.append({"case": f"ratio one dataset / county by county, {std}",
                             "compute_s": round(compute_s / total, 3),
                             "compute_cpu_s": round(cpu_s / cpu, 3)})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=100, help="counties to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="processes generating counties")
    parser.add_argument("--standard", default="quality-2017",
                        choices=(*STANDARD_IDS, "all"))
    parser.add_argument("--no-per-county", dest="per_county", action="store_false",
                        help="skip the county-by-county baseline")
    parser.add_argument("--no-io", action="store_true", help="skip JSON and Excel writing")
    args = parser.parse_args(argv)
    standards = STANDARD_IDS if args.standard == "all" else (args.standard,)
    for row in run(counties=args.counties, seed=args.seed, workers=args.workers,
                   standards=standards, per_county=args.per_county, io=not args.no_io):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
