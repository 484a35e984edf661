"""Facility location benchmark on OR-Library, against plain HiGHS and spopt in the same process.

    python -m bench.facility FILE... [--format cap|pmed|pmedcap] [--capacity C]
                             [--single-source] [--time-limit S] [--json]
                             [--baselines highs,spopt]
    python -m bench.facility --suite [--only cap,capa,pmed,pmedcap] [--time-limit S]
                             [--baselines highs,spopt] [--json]
    python -m bench.facility --school [--seed N]
    python -m bench.facility --realschool DIR [--la NAME] [--phase age] [--max-km KM] [--seed N]
                             [--time-limit S] [--best-known V] [--workers N]
    python -m bench.facility --generated 0,1,2 [--sites 74] [--customers 738]
                             [--area newcastle|gateshead] [--time-limit S]

Per instance it prints name, capacity, objective, best bound, status and seconds (with
``--json`` one object per line with keys ``instance, capacity, objective, bound, status,
seconds`` and more). ``--suite`` runs every instance of ``$JUNHENG_BENCH_DIR/orlib``
(default ``../shared/benchmarks`` next to the repository), compares each objective with the
published optimum, runs the baselines — the same model as a plain HiGHS MILP with no warm
start (``highs``), and PySAL spopt's ``PMedian`` on PuLP/CBC for p-median and capacitated
p-median (``spopt``) — and prints the time ratio ours/baseline per instance and its median.
A ratio counts only where both reached the published optimum; where a baseline stopped at
its time limit short of it, the ratio is shown with ``<`` (ours is at least that much
faster) and kept out of the median. ``--school`` solves a generated school-layout-sized
instance (750 customers × 150 sites, expansions, budget, single source).

``--realschool DIR`` builds the single-source primary-school instance of
:mod:`bench.school_data` from GIAS school rows and ONS output-area files in ``DIR`` (the
expected files are listed there); ``--generated`` builds school-sized instances on the real
output areas kept in ``bench/data`` with placed schools. Both run ours and plain HiGHS
with the same time limit in this process (``--workers N``: ours with N processes, plain
HiGHS with its one thread) and print, per solver, objective, proven bound
and gap, and the distance of each objective to the best known one (the best of the two
runs, or ``--best-known`` when a better value is known from elsewhere), and the wall and
CPU seconds at which ours first held a solution within 0.1 % of it (``time_to_best``,
``cpu_to_best``; from the solve's ``details["trajectory"]``).

Seconds are wall time on the machine as it is; ``cpu`` is this process's CPU time for the
same solve (spopt's CBC runs as a child process and is counted there), steadier on a busy
machine. Benchmark files are read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from junheng.errors import JunhengError
from junheng.optimize import (
    ExpansionStep,
    FacilityProblem,
    SolveOptions,
    read_cap,
    read_pmed,
    read_pmedcap,
    solve_facility,
)
from junheng.optimize.highs import new_highs

REPO = Path(__file__).resolve().parent.parent
CAPA_CAPACITIES = (8000, 10000, 12000, 14000)

#: Published optima (benchmarks/orlib/OPTIMA.md: capopt, pmedopt, pmedcap line 1).
OPTIMA: dict[tuple[str, float | None], float] = {
    ("cap41", None): 1040444.375, ("cap42", None): 1098000.450, ("cap43", None): 1153000.450,
    ("cap44", None): 1235500.450, ("cap51", None): 1025208.225, ("cap61", None): 932615.750,
    ("cap62", None): 977799.400, ("cap63", None): 1014062.050, ("cap64", None): 1045650.250,
    ("cap71", None): 932615.750, ("cap72", None): 977799.400, ("cap73", None): 1010641.450,
    ("cap74", None): 1034976.975,
    ("capa", 8000): 19240822.449, ("capa", 10000): 18438046.543,
    ("capa", 12000): 17765201.949, ("capa", 14000): 17160439.012,
    **{(f"pmed{i}", None): v for i, v in enumerate(
        [5819, 4093, 4250, 3034, 1355, 7824, 5631, 4445, 2734, 1255,
         7696, 6634, 4374, 2968, 1729, 8162, 6999, 4809, 2845, 1789], start=1)},
    **{(f"pmedcap{i:02d}", None): v for i, v in enumerate(
        [713, 740, 751, 651, 664, 778, 787, 820, 715, 829], start=1)},
}
#: Relative tolerance when comparing with a published optimum (printed to 3 decimals).
MATCH = 1e-7


@dataclass(frozen=True)
class Instance:
    name: str
    path: Path
    format: str
    capacity: float | None = None

    @property
    def label(self) -> str:
        return self.name if self.capacity is None else f"{self.name}/{self.capacity:g}"

    @property
    def optimum(self) -> float | None:
        return OPTIMA.get((self.name, self.capacity))


def bench_dir() -> Path:
    return Path(os.environ.get("JUNHENG_BENCH_DIR", REPO.parent / "shared" / "benchmarks"))


def guess_format(path: Path) -> str:
    for prefix in ("pmedcap", "pmed", "cap"):
        if path.stem.startswith(prefix):
            return prefix
    raise SystemExit(f"{path}: 无法从文件名判断格式，请用 --format 指定 cap、pmed 或 pmedcap。")


def load(instance: Instance, *, single_source: bool = False) -> FacilityProblem:
    """The problem an instance file describes (capa needs a capacity)."""
    if instance.format == "pmed":
        problem = read_pmed(instance.path)
    elif instance.format == "pmedcap":
        problem = read_pmedcap(instance.path)
    else:
        problem = read_cap(instance.path, instance.capacity)
    return problem.replace(single_source=True) if single_source else problem


def suite(root: Path, only: set[str]) -> list[Instance]:
    """Every instance of the suite found under ``root/orlib``, in OPTIMA.md order."""
    out: list[Instance] = []
    orlib = root / "orlib"
    for name, capacity in OPTIMA:
        family = "capa" if name == "capa" else re.sub(r"\d+$", "", name)
        if only and family not in only:
            continue
        fmt = "cap" if family in ("cap", "capa") else family
        path = orlib / fmt / f"{name}.txt"
        if path.exists():
            out.append(Instance(name, path, fmt, capacity))
    return out


# --------------------------------------------------------------------------- runners


def _clock() -> tuple[float, float]:
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + child.ru_utime + child.ru_stime


def _since(start: tuple[float, float]) -> tuple[float, float]:
    now = _clock()
    return round(now[0] - start[0], 3), round(now[1] - start[1], 3)


def run_ours(problem: FacilityProblem, time_limit: float, method: str = "auto",
             relative_gap: float = 1e-6, workers: int = 1, seed: int = 0) -> dict:
    """Ours (``method="plain"``: plain HiGHS) with ``workers`` processes and ``seed``."""
    start = _clock()
    try:
        solution = solve_facility(problem, SolveOptions(
            time_limit=time_limit, method=method, relative_gap=relative_gap, workers=workers,
            seed=seed))
    except JunhengError as error:
        seconds, cpu = _since(start)
        return {"objective": None, "bound": None, "status": type(error).__name__,
                "seconds": seconds, "cpu": cpu, "error": str(error)}
    seconds, cpu = _since(start)
    problem.evaluate(solution)  # every reported objective is checked without the solver
    return {"objective": solution.objective, "bound": solution.bound,
            "status": solution.status.value, "gap": solution.gap, "seconds": seconds,
            "cpu": cpu, "open": len(solution.open_sites),
            "trajectory": solution.details.get("trajectory", []),
            **{k: v for k, v in solution.details.items() if k not in ("method", "trajectory")}}


def run_highs(problem: FacilityProblem, time_limit: float, relative_gap: float = 1e-6) -> dict:
    """Baseline: the same strong MILP, plain HiGHS, no warm start, no bounding of ours; one
    thread (HiGHS refuses a second thread count in one process, and its branch and bound
    is serial)."""
    row = run_ours(problem, time_limit, method="plain", relative_gap=relative_gap)
    return {k: row.get(k) for k in ("objective", "bound", "gap", "status", "seconds", "cpu")}


def run_spopt(problem: FacilityProblem, time_limit: float) -> dict:
    """Baseline: spopt PMedian (capacitated when capacities are finite) on PuLP/CBC."""
    import pulp
    from spopt.locate import PMedian

    start = _clock()
    costs, demand = _dense(problem)
    capacitated = bool(np.isfinite(problem.capacity).all())
    # spopt weighs cost by demand; OR-Library pmedcap sums plain distances, so divide first
    unit = costs / np.where(demand > 0, demand, 1.0)[:, None] if capacitated else costs
    try:
        model = PMedian.from_cost_matrix(
            unit, demand, p_facilities=problem.p,
            facility_capacities=problem.capacity if capacitated else None)
        model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, threads=1))
        objective = float(pulp.value(model.problem.objective))
        status = pulp.LpStatus[model.problem.status].lower()
    except Exception as error:  # spopt raises its own errors on time limits
        seconds, cpu = _since(start)
        return {"objective": None, "bound": None, "status": type(error).__name__,
                "seconds": seconds, "cpu": cpu}
    seconds, cpu = _since(start)
    return {"objective": objective, "bound": None, "status": status, "seconds": seconds,
            "cpu": cpu}


def _dense(problem: FacilityProblem) -> tuple[np.ndarray, np.ndarray]:
    """Customers × sites cost matrix (spopt's orientation); forbidden pairs cost a lot."""
    costs = np.full((problem.n_customers, problem.n_sites), problem.pair_cost.max() * 1e3)
    costs[problem.pair_customer, problem.pair_site] = problem.pair_cost
    return costs, problem.demand.copy()


# --------------------------------------------------------------------------- reporting


def _reached(row: dict, optimum: float | None) -> bool:
    if row.get("objective") is None:
        return False
    if optimum is None:
        return True
    return abs(row["objective"] - optimum) <= MATCH * max(1.0, abs(optimum)) + 5e-4


def compare(row: dict, optimum: float | None, name: str, base: dict) -> None:
    """Add the baseline's figures and the time ratio to ``row``."""
    row[f"{name}_seconds"] = base["seconds"]
    row[f"{name}_cpu"] = base["cpu"]
    row[f"{name}_objective"] = base["objective"]
    row[f"{name}_status"] = base["status"]
    ours_ok, base_ok = _reached(row, optimum), _reached(base, optimum)
    ratio = row["seconds"] / base["seconds"] if base["seconds"] else math.nan
    row[f"{name}_ratio"] = round(ratio, 4)
    row[f"{name}_cpu_ratio"] = round(row["cpu"] / base["cpu"], 4) if base["cpu"] else math.nan
    row[f"{name}_ratio_kind"] = ("equal" if ours_ok and base_ok else
                                 "baseline_short" if ours_ok else "ours_short")


def run_instance(instance: Instance, args: argparse.Namespace) -> dict:
    problem = load(instance, single_source=args.single_source)
    row = {"instance": instance.label, "capacity": _capacity(problem, instance),
           "sites": problem.n_sites, "customers": problem.n_customers, "pairs": problem.n_pairs,
           **run_ours(problem, args.time_limit, relative_gap=args.gap)}
    row.pop("trajectory", None)
    optimum = None if args.single_source else instance.optimum
    if optimum is not None:
        row["optimum"] = optimum
        row["matches_optimum"] = _reached(row, optimum)
    for name in args.baselines:
        if name == "spopt" and (problem.p is None or instance.format == "cap"
                                or problem.n_pairs > args.spopt_max_pairs):
            continue
        base = (run_highs(problem, args.time_limit, args.gap) if name == "highs"
                else run_spopt(problem, args.time_limit))
        compare(row, optimum, name, base)
    return row


def _capacity(problem: FacilityProblem, instance: Instance) -> float | None:
    if instance.capacity is not None:
        return instance.capacity
    finite = problem.capacity[np.isfinite(problem.capacity)]
    if not finite.size:
        return None
    return float(finite[0]) if np.all(finite == finite[0]) else None


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 1e5 else f"{value:,.1f}"
    return str(value)


def print_row(row: dict, as_json: bool, baselines: list[str]) -> None:
    if as_json:
        print(json.dumps(row, ensure_ascii=False, default=float), flush=True)
        return
    cells = [f"{row['instance']:<14}", f"cap={_fmt(row['capacity']):<8}",
             f"obj={_fmt(row['objective']):<16}", f"bound={_fmt(row['bound']):<16}",
             f"{row['status']:<11}", f"{row['seconds']:>8.3f}s", f"cpu {row['cpu']:.3f}s"]
    if "matches_optimum" in row:
        cells.append("= opt" if row["matches_optimum"] else "≠ opt")
    for name in baselines:
        if f"{name}_seconds" in row:
            mark = {"equal": "", "baseline_short": "<", "ours_short": "!"}[
                row[f"{name}_ratio_kind"]]
            cells.append(f"{name} {row[f'{name}_seconds']:.3f}s ratio {mark}"
                         f"{row[f'{name}_ratio']:.3f} (cpu {row[f'{name}_cpu_ratio']:.3f})")
    print("  ".join(cells), flush=True)


def summary(rows: list[dict], baselines: list[str]) -> dict:
    """Median ratio per baseline over instances where both reached the optimum."""
    out: dict = {"instances": len(rows),
                 "matched_optimum": sum(bool(r.get("matches_optimum")) for r in rows),
                 "proven_optimal": sum(r["status"] == "optimal" for r in rows)}
    for name in baselines:
        equal = [r for r in rows if r.get(f"{name}_ratio_kind") == "equal"]
        short = [r for r in rows if r.get(f"{name}_ratio_kind") == "baseline_short"]
        wall = [r[f"{name}_ratio"] for r in equal]
        cpu = [r[f"{name}_cpu_ratio"] for r in equal]
        out[name] = {"median_ratio": round(statistics.median(wall), 4) if wall else None,
                     "median_cpu_ratio": round(statistics.median(cpu), 4) if cpu else None,
                     "compared": len(equal), "baseline_missed_optimum": len(short),
                     "ours_missed_optimum": sum(r.get(f"{name}_ratio_kind") == "ours_short"
                                                for r in rows)}
    return out


# --------------------------------------------------------------------------- school-sized case


def school_like(seed: int = 0, villages: int = 250, sites: int = 150,
                radius_km: float = 20.0) -> FacilityProblem:
    """A county-sized layout instance: 3 stage groups per village, existing schools with
    classroom expansions, new candidate sites, a budget, single-source assignment."""
    rng = np.random.default_rng(seed)
    site_xy, village_xy = rng.uniform(0, 60, (sites, 2)), rng.uniform(0, 60, (villages, 2))
    existing = sites * 2 // 3
    old = np.arange(sites) < existing
    capacity = np.where(old, rng.integers(4, 30, sites) * 45, 900).astype(float)
    fixed = np.where(old, 400_000.0, 1_000_000.0)  # 元/year: running, or running + building
    customer_xy = np.repeat(village_xy, 3, axis=0)
    demand = rng.integers(5, 120, villages * 3).astype(float)
    km = np.sqrt(((site_xy[:, None, :] - customer_xy[None, :, :]) ** 2).sum(-1)) * 1.3
    cost = demand[None, :] * km / 25 * 60 * 72.0  # pupil-minutes × 0.2 元 × 360 trips
    allowed = km <= radius_km
    allowed[np.argsort(km, axis=0)[:3], np.arange(km.shape[1])] = True  # 3 nearest always
    steps = [ExpansionStep(i, 40_000.0, 45.0) for i in range(existing) for _ in range(3)]
    return FacilityProblem.from_cost_matrix(
        np.where(allowed, cost, np.inf), demand, fixed, capacity, already_open=range(existing),
        expansions=steps, single_source=True, budget=8_000_000.0)


def school_row(name: str, problem: FacilityProblem, args: argparse.Namespace) -> dict:
    """Ours and plain HiGHS on one single-source school instance, with the best known."""
    row = {"instance": name, "sites": problem.n_sites, "customers": problem.n_customers,
           "pairs": problem.n_pairs, "pupils": problem.total_demand,
           "capacity": float(problem.capacity.sum()),
           **run_ours(problem, args.time_limit, relative_gap=args.gap, workers=args.workers,
                      seed=args.seed)}
    row["workers"], row["seed"] = args.workers, args.seed
    base = NO_HIGHS if args.no_highs else run_highs(problem, args.time_limit, args.gap)
    compare(row, None, "highs", base)
    row["highs_bound"] = base["bound"]
    row["highs_gap"] = base["gap"]
    row["load"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])  # 1, 5, 15 minutes
    known = [v for v in (row["objective"], row["highs_objective"], args.best_known)
             if v is not None]
    best = min(known) if known else None
    row["best_known"] = best
    for key, value in (("gap_to_best", row["objective"]),
                       ("highs_gap_to_best", row["highs_objective"])):
        row[key] = None if value is None or not best else (value - best) / abs(best)
    row["time_to_best"], row["cpu_to_best"] = time_to_best(row.pop("trajectory", []), best)
    return row


#: Plain HiGHS's row with ``--no-highs``: not run (its figures stay empty).
NO_HIGHS = {"objective": None, "bound": None, "gap": None, "status": "not_run", "seconds": 0.0,
            "cpu": 0.0}
#: "Reached the best known": within this relative distance of it (issue 16 item 6).
NEAR_BEST = 1e-3


def time_to_best(trajectory: list, best: float | None) -> tuple[float | None, float | None]:
    """Wall and CPU seconds at which ours first held an incumbent within :data:`NEAR_BEST`
    of ``best`` (the solve's ``details["trajectory"]``: seconds, CPU seconds, objective
    of each new incumbent); None when it never did.

    >>> time_to_best([(5.0, 4.0, 110.0), (9.0, 7.5, 100.05), (12.0, 9.0, 100.0)], 100.0)
    (9.0, 7.5)
    """
    for seconds, cpu, objective in trajectory:
        if best is not None and objective <= best + NEAR_BEST * abs(best):
            return seconds, cpu
    return None, None


def print_school_row(row: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(row, ensure_ascii=False, default=float), flush=True)
        return
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.3f}%"
    print(f"{row['instance']}: {row['sites']} schools × {row['customers']} areas, "
          f"{row['pairs']} pairs, pupils {row['pupils']:,.0f}, capacity {row['capacity']:,.0f}\n"
          f"  ours   obj={_fmt(row['objective'])} bound={_fmt(row['bound'])} "
          f"gap={pct(row.get('gap'))} {row['status']} {row['seconds']:.1f}s "
          f"cpu {row['cpu']:.1f}s  to best known {pct(row['gap_to_best'])}\n"
          f"  highs  obj={_fmt(row['highs_objective'])} bound={_fmt(row.get('highs_bound'))} "
          f"gap={pct(row.get('highs_gap'))} {row['highs_status']} "
          f"{row['highs_seconds']:.1f}s cpu {row['highs_cpu']:.1f}s  "
          f"to best known {pct(row['highs_gap_to_best'])}\n"
          f"  ours within {100 * NEAR_BEST:g}% of best known: {_when_reached(row)}\n"
          f"  best known {_fmt(row['best_known'])}  workers {row.get('workers', 1)} "
          f"({'; '.join(row.get('helpers', [])) or 'one process'})  "
          f"load {row['load']}", flush=True)


def _when_reached(row: dict) -> str:
    """When ours first held a solution within :data:`NEAR_BEST` of the best known.

    >>> _when_reached({"time_to_best": None, "cpu_to_best": None})
    'never'
    >>> _when_reached({"time_to_best": 9.0, "cpu_to_best": 7.5})
    'after 9.000s (cpu 7.500s)'
    """
    if row["time_to_best"] is None:
        return "never"
    return f"after {_fmt(row['time_to_best'])}s (cpu {_fmt(row['cpu_to_best'])}s)"


def _school_instances(args: argparse.Namespace) -> list[tuple[str, FacilityProblem]]:
    from bench import school_data

    if args.realschool:
        given = {"phase": args.phase, "max_km": args.max_km}
        return [(args.realschool.name, school_data.read_directory(
            args.realschool, la=args.la, **{k: v for k, v in given.items() if v is not None}))]
    spare = "" if args.slack == 0.10 else f" spare {100 * args.slack:g}%"
    return [(f"{args.area}-{args.sites}x{args.customers}/{seed}{spare}",
             school_data.generated(int(seed), args.sites, args.customers, slack=args.slack,
                                   name=args.area))
            for seed in args.generated.split(",")]


# --------------------------------------------------------------------------- command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.facility", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="instance files")
    parser.add_argument("--format", choices=["cap", "pmed", "pmedcap"],
                        help="file format (default: from the file name)")
    parser.add_argument("--capacity", type=float, help="capacity for every site (capa/b/c)")
    parser.add_argument("--single-source", action="store_true",
                        help="each customer served by one site only")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per solve")
    parser.add_argument("--gap", type=float, default=1e-6, help="relative gap to stop at")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--baselines", default="",
                        help="comma list of baselines to run too: highs, spopt")
    parser.add_argument("--spopt-max-pairs", type=int, default=50_000,
                        help="skip spopt above this many pairs (PuLP needs minutes to build "
                             "pmed11's 90,000 variables)")
    parser.add_argument("--suite", action="store_true",
                        help="every OR-Library instance with a published optimum")
    parser.add_argument("--only", default="", help="suite families: cap,capa,pmed,pmedcap")
    parser.add_argument("--school", action="store_true",
                        help="a generated school-layout-sized instance")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of --school, and of ours on --realschool/--generated "
                             "(SolveOptions.seed)")
    parser.add_argument("--realschool", type=Path,
                        help="folder with GIAS schools and ONS output areas (bench.school_data)")
    parser.add_argument("--generated", default="",
                        help="comma list of seeds: school-sized instances on real areas")
    parser.add_argument("--sites", type=int, default=74, help="schools of --generated")
    parser.add_argument("--customers", type=int, default=738, help="areas of --generated")
    parser.add_argument("--slack", type=float, default=0.10,
                        help="spare capacity of --generated (0.12: Trafford's 25,537 seats "
                             "for 22,875 pupils)")
    parser.add_argument("--area", default="newcastle", choices=["newcastle", "gateshead"],
                        help="output areas of --generated (bench/data)")
    parser.add_argument("--la", help="local authority of --realschool (GIAS name or code)")
    parser.add_argument("--phase",
                        help="schools of --realschool: a pattern of GIAS's phase column "
                             "(default primary|all-through), or 'age' for primary schools by "
                             "statutory age range (bench.school_data)")
    parser.add_argument("--max-km", type=float,
                        help="without an authority column, --realschool keeps the areas whose "
                             "nearest school is a kept one within this many km (default 5)")
    parser.add_argument("--best-known", type=float, help="best known objective, if better")
    parser.add_argument("--no-highs", action="store_true",
                        help="--realschool/--generated: ours only, plain HiGHS not run")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes of ours on --school/--realschool/--generated "
                             "(SolveOptions.workers); plain HiGHS keeps one thread")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    new_highs()  # HiGHS prints its banner with the first solver of a process: absorb it
    args.baselines = [b for b in args.baselines.split(",") if b]
    unknown = set(args.baselines) - {"highs", "spopt"}
    if unknown:
        raise SystemExit(f"未知的基线 {sorted(unknown)}：可选 highs、spopt。")
    if args.realschool or args.generated:
        for name, problem in _school_instances(args):
            print_school_row(school_row(name, problem, args), args.json)
        return 0
    if args.school:
        problem = school_like(args.seed)
        row = {"instance": f"school-like/{args.seed}", "capacity": None,
               "pairs": problem.n_pairs, **run_ours(problem, args.time_limit, relative_gap=0.01)}
        for name in args.baselines:
            if name == "highs":
                compare(row, None, name, run_highs(problem, args.time_limit, 0.01))
        print_row(row, args.json, args.baselines)
        return 0
    if args.suite:
        instances = suite(bench_dir(), {s for s in args.only.split(",") if s})
        if not instances:
            raise SystemExit(f"{bench_dir() / 'orlib'} 下没有找到基准实例：请设置 JUNHENG_BENCH_DIR。")
    else:
        if not args.files:
            raise SystemExit("请给出实例文件，或用 --suite。")
        instances = [_file_instance(path, args) for path in args.files]
    rows = []
    for instance in instances:
        rows.append(run_instance(instance, args))
        print_row(rows[-1], args.json, args.baselines)
    if len(rows) > 1 or args.suite:
        result = summary(rows, args.baselines)
        print(json.dumps({"summary": result}, ensure_ascii=False) if args.json
              else f"summary: {json.dumps(result, ensure_ascii=False)}")
    return 0


def _file_instance(path: Path, args: argparse.Namespace) -> Instance:
    fmt = args.format or guess_format(path)
    return Instance(path.stem, path, fmt, args.capacity)


if __name__ == "__main__":
    sys.exit(main())
