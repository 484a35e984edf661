"""Layout planning benchmark: the demo county to a proven gap by each setting of
``solve_layout`` in the same process: ours (the default path: tightened formulation, warm
start, HiGHS), the exact Lagrangian bound and its fixing before HiGHS (``bound``), the
facility core (``core``), HiGHS alone on the same MILP and the aggregated-linking baseline,
with the ratio of ours to each; then the layout path against the facility core on the
single-capacity instance the core can state; the plausibility of the default plan per county
(:mod:`bench.layout_plausible`: gap, time, closures by size band, receivers by type,
cross-town moves, CVs before/after); then a generated province county by county (in
parallel on Dask).

Seconds are wall and CPU (``time.process_time`` of the solving process): on a shared machine
the CPU figures are the ones to compare.

Every solver row is labelled by the path that ran (``LayoutSolution.path``, column ``path``).
A setting whose path did not run prints one row that says why and neither figures nor a
ratio (they would be another setting's solve under its name): ``solve_layout(core=True)``
solves the layout MILP wherever the county has community zones, class rows or area rows,
which every county here has (``core: not applicable (zones=20 class_needs=140
receiver_needs=162 area_sites=12) -> not run`` on the demo county), so the full instance does
not reach the core; ``bound=True`` runs the MILP alone without a warm start plan or with
pupils not whole. The ``bound`` row (:mod:`junheng.planning.layout_bound`) adds the bound's
own figures: its LP bound, its Lagrangian bound at the warm start's objective as cutoff,
the sites held open and closed after its penalty tests (those the rules keep or close
included) and the pairs fixed to 0, and the seconds of bound and tests (inside ``solve_s``). The generated counties of ``--core-counties`` get
the same rows for ours, ``core`` and ``bound``.

The bounds row per county: the full instance's LP bound (layout MILP) against the core's
Lagrangian bound on :func:`~junheng.planning.layout_core.layout_facility_problem` (the
multi-capacity knapsacks, side rules dropped: a bound of a relaxation, computed whichever
path ran) and the exact per-site one (:mod:`junheng.planning.layout_bound`, three steps
from the LP duals), and the columns fixing by LP reduced costs
(:mod:`junheng.optimize.fixing`) would remove with the best plan's objective as the cutoff.

The core comparison (:mod:`junheng.planning.layout_core`): for the demo county and the first
``--core-counties`` generated counties, the single-capacity instance (the size cap as the
one capacity, no classrooms, beds, minimum size, town rule or budget) solved by today's
layout path (warm start + HiGHS), by the facility core (``solve_facility``: Lagrangian
bound, fixing, search, HiGHS) and by plain HiGHS on the core's model, at each gap of
``--core-gaps``; every answer is checked by the other model (layout MILP rows /
``FacilityProblem.evaluate``). The single-capacity view drops the rows it cannot carry
(areas, zones, class rows, towns, floors; a row ``…: single capacity drops`` counts them), so
it is feasible by construction; a comparison that still fails prints a row with its reason
and the run goes on to the plausibility rows. Rows are printed as they are found.

``--rescue`` prints only the rows of :mod:`bench.layout_rescue` (the rescue of a solve that
stops short, :mod:`junheng.planning.layout_rescue`).

    python -m bench.layout [--counties N] [--time-limit S] [--workers W] [--compare-province]
                           [--core-gaps G,...] [--core-counties K]
    python -m bench.layout --rescue [--rescue-counties N] [--rescue-nodes 1,5]
                           [--rescue-extra 1,5,20]
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Iterator

from bench.layout_plausible import demo_history, plausibility
from bench.layout_rescue import rows as rescue_rows
from bench.timing import timed_cpu
from junheng.demo import generate
from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import HighsSolver, SolveOptions, solve_facility
from junheng.planning import build_layout_problem, load_layout_config, solve_layout
from junheng.planning.layout_core import (
    facility_problem,
    facility_solution,
    layout_values,
    single_capacity,
    single_capacity_dropped,
)
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import build_layout_milp, solve_layout_milp

SETTINGS = {
    "ours": {"strong": True, "warm_start": True},
    "core": {"strong": True, "warm_start": True, "core": True},
    "bound": {"strong": True, "warm_start": True, "bound": True},
    "highs_alone": {"strong": True, "warm_start": False},
    "baseline": {"strong": False, "warm_start": False},
}

#: The path each setting asks ``solve_layout`` for (``LayoutSolution.path["ran"]``).
ASKED = {"ours": "milp", "core": "core", "bound": "bound", "highs_alone": "milp",
         "baseline": "milp"}

#: Each path as the rows name it.
PATHS = {"milp": "layout MILP", "core": "facility core (solve_facility)",
         "bound": "exact Lagrangian bound + fixing (layout_bound), then the layout MILP"}

#: Why a path asked for did not run, as ``solve_layout`` documents it: the facility core has
#: no zones, class or area rows; the bound runs after a warm start plan, on whole pupils.
NOT_RUN = {"core": ("zones", "class_needs", "receiver_needs", "area_sites"),
           "bound": "no warm start plan, or pupils not whole"}


def _solve(data, *, setting: str, time_limit: float, rules: dict | None = None) -> dict:
    """One solve of ``data`` by ``setting`` (the default rules, or ``rules`` over them): the
    row labelled by the path that ran, with the bound's figures where it ran; where the path
    asked for did not run, only the row that says so (:func:`_not_run`: its figures would be
    another setting's solve under this name)."""
    cfg = load_layout_config(None, time_limit_s=time_limit, **(rules or {}))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    problem = build_layout_problem(data, cfg)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    sol = solve_layout(problem, **SETTINGS[setting])
    cpu2, wall2 = time.process_time(), time.perf_counter()
    if sol.path["ran"] != ASKED[setting]:
        return _not_run(setting, problem, sol.path["ran"])
    return {"county": data.county_code, "path": PATHS[sol.path["ran"]],
            "customers": len(problem.customers),
            "sites": len(problem.sites), "pairs": len(problem.pairs),
            "build_s": round(wall1 - wall0, 2), "build_cpu_s": round(cpu1 - cpu0, 2),
            "solve_s": round(wall2 - wall1, 2), "solve_cpu_s": round(cpu2 - cpu1, 2),
            "status": sol.status.value, "objective": round(sol.objective),
            "bound": round(sol.bound), "gap": round(sol.gap, 5), **_bound_figures(sol.path),
            "load": round(os.getloadavg()[0], 1)}


def _bound_figures(path: dict) -> dict:
    """The exact bound's figures from ``LayoutSolution.path`` where it ran (``solve_with_fixing``
    of :mod:`junheng.planning.layout_bound`): its LP bound, the Lagrangian bound at the
    start's objective as cutoff, the sites held open and closed (those the rules keep or close
    included) and the pairs fixed to 0 after its penalty tests, and the seconds of the bound
    and tests (within ``solve_s``)."""
    if path["ran"] != "bound":
        return {}
    fixed_open, fixed_closed, fixed_pairs = path["fixed"]
    return {"lp_bound": round(path["lp_bound"]), "lagrangian": round(path["lagrangian"]),
            "fixed_open": fixed_open, "fixed_closed": fixed_closed, "fixed_pairs": fixed_pairs,
            "bound_s": round(path["bound_s"], 2)}


def _not_run(setting: str, problem, ran: str) -> dict:
    """The row of a setting whose path did not run (``solve_layout`` ran ``ran`` instead):
    no figures, so no ratio either; for the core, the rows it cannot carry, counted."""
    asked = ASKED[setting]
    if asked == "core":
        dropped = single_capacity_dropped(layout_arrays(problem))
        why = " ".join(f"{k}={dropped[k]}" for k in NOT_RUN["core"] if dropped[k])
    else:
        why = NOT_RUN[asked]
    return {"case": f"{setting}: not applicable ({why}) -> not run", "not_run": True,
            "ran_instead": PATHS[ran]}


def _county_job(args) -> dict:
    data, setting, time_limit = args
    try:
        return _solve(data, setting=setting, time_limit=time_limit)
    except (InfeasibleError, SolverError) as error:
        status = error.status if isinstance(error, SolverError) else "infeasible"
        return {"county": data.county_code, "build_cpu_s": 0.0, "solve_cpu_s": 0.0,
                "solve_s": 0.0, "status": status, "objective": 0, "gap": 0.0}


def _figures(case: str, county: str, gap_target: float, wall: float, cpu: float, status,
             objective: float, gap: float) -> dict:
    return {"case": f"{county}: {case}", "gap_target": gap_target,
            "solve_s": round(wall, 2), "solve_cpu_s": round(cpu, 2), "status": status.value,
            "objective": round(objective), "gap": round(gap, 5)}


def _core_comparison(data, name: str, *, time_limit: float, gaps: list[float],
                     config=None) -> list[dict]:
    """The single-capacity instance of ``data`` (called ``name``; ``config`` or the default
    rules) by the layout path, the core and plain HiGHS at each gap, each answer checked by
    the other model, and the time ratios."""
    config = load_layout_config(None) if config is None else config
    arr = layout_arrays(build_layout_problem(data, config))
    one = single_capacity(arr)
    core = facility_problem(one)
    milp, _ = build_layout_milp(one)
    rows = [{"case": f"{name}: single capacity drops", **single_capacity_dropped(arr)}]
    for gap in gaps:
        (layout, cols), wall, cpu = timed_cpu(
            solve_layout_milp, one, HighsSolver(time_limit=time_limit, relative_gap=gap))
        core.evaluate(facility_solution(one, cols, layout))  # checked by the core's model
        found = [_figures("single capacity, layout path", name, gap, wall, cpu,
                          layout.status, layout.objective, layout.gap)]
        for method in ("auto", "plain"):
            options = SolveOptions(time_limit=time_limit, relative_gap=gap, method=method)
            solution, wall, cpu = timed_cpu(solve_facility, core, options)
            values = layout_values(one, cols, milp.n_cols, solution)
            if milp.violation(values) > 1e-6:  # checked by the layout MILP's rows
                raise RuntimeError(f"{name}: the core's plan breaks the layout MILP's rows")
            solver = "facility core" if method == "auto" else "plain HiGHS on the core model"
            found.append(_figures(f"single capacity, {solver}", name, gap, wall, cpu,
                                  solution.status, solution.objective, solution.gap))
        rows += found
        rows.append({"case": f"{name}: ratio core/layout path", "gap_target": gap,
                     "solve_s": round(found[1]["solve_s"] / max(found[0]["solve_s"], 1e-3), 3),
                     "solve_cpu_s": round(found[1]["solve_cpu_s"]
                                          / max(found[0]["solve_cpu_s"], 1e-3), 3),
                     "objective": round(found[1]["objective"] / found[0]["objective"], 5)})
    return rows


def _bounds(data, name: str, objective: float, seconds: float = 20.0) -> dict:
    """The full instance's LP bound (layout MILP) against the core's Lagrangian bound
    (multi-capacity knapsacks, side rules dropped) after up to ``seconds`` of ascent, and
    the columns LP reduced-cost fixing (:mod:`junheng.optimize.fixing`) would remove with
    the best plan's ``objective`` as the cutoff (the most any incumbent allows)."""
    from junheng.optimize._compiled import Compiled
    from junheng.optimize.fixing import reduced_cost_fixing
    from junheng.optimize.lagrangian import subgradient
    from junheng.planning.layout_core import layout_facility_problem

    arr = layout_arrays(build_layout_problem(data, load_layout_config(None)))
    milp, _ = build_layout_milp(arr)
    relaxed = HighsSolver(time_limit=60).solve(milp, relax=True)
    lp = relaxed.objective
    fixing = reduced_cost_fixing(milp, relaxed, objective)
    comp = Compiled(layout_facility_problem(arr))
    began = time.perf_counter()
    lag = subgradient(comp, math.inf, tolerance=lambda upper: 0.0,
                      deadline=began + seconds)
    seconds_core = round(time.perf_counter() - began, 2)
    exact, exact_cpu = _exact_bound(arr, milp, objective)
    return {"case": f"{name}: bounds, LP vs core Lagrangian", "lp_bound": round(lp),
            "lagrangian_bound": round(lag.bound), "ratio": round(lag.bound / lp, 5),
            "iterations": lag.iterations, "seconds": seconds_core,
            "exact_site_bound": round(exact.bound), "exact_ratio": round(exact.bound / lp, 5),
            "exact_cpu_s": exact_cpu,
            "columns": milp.n_cols, "lp_fixed_at_best": fixing.fixed,
            "lp_tightened_at_best": fixing.tightened}


def _exact_bound(arr, milp, objective: float):
    """The Lagrangian bound with exact joint site knapsacks (planning.layout_bound) from the
    LP duals, three steps, and its CPU seconds."""
    from junheng.planning.layout_bound import layout_bound

    cpu = time.process_time()
    found = layout_bound(arr, milp, objective, deadline=math.inf, max_iterations=3)
    return found, round(time.process_time() - cpu, 2)


def _compared(data, name: str, *, time_limit: float, gaps: list[float],
              config=None) -> list[dict]:
    """:func:`_core_comparison`, or one row with the reason it failed (the run goes on)."""
    try:
        return _core_comparison(data, name, time_limit=time_limit, gaps=gaps, config=config)
    except (InfeasibleError, SolverError, RuntimeError) as error:
        return [{"case": f"{name}: core comparison failed", "reason": str(error)}]


def _plausible(name: str, history) -> dict:
    """The plausibility row of a county's school years ``history`` (or its one year) as the
    product plans it (:func:`bench.layout_plausible.plausibility`), or the reason the default
    plan was refused (the CV rule may refuse it), so the run goes on."""
    try:
        return {"case": f"{name}: plausibility", **plausibility(name, history)}
    except (InfeasibleError, SolverError) as error:
        return {"case": f"{name}: plausibility failed", "reason": str(error)}


def _setting_rows(name: str, results: dict[str, dict]) -> Iterator[dict]:
    """A county's row per setting (``results`` by setting, ``"ours"`` first: the default
    path), then the ratio of ours to each other setting whose path ran; a setting whose path
    did not run has its :func:`_not_run` row and no ratio."""
    for setting, row in results.items():
        case = f"{name}, {row['case']}" if row.get("not_run") else f"{name}, {setting}"
        yield {"case": case, **{k: v for k, v in row.items() if k != "case"}}
    ours = results["ours"]
    for other, row in results.items():
        if other == "ours" or row.get("not_run"):
            continue
        yield {"case": f"{name}: ratio ours/{other}",
               "solve_s": round(ours["solve_s"] / max(row["solve_s"], 1e-3), 3),
               "solve_cpu_s": round(ours["solve_cpu_s"] / max(row["solve_cpu_s"], 1e-3), 3),
               "objective": round(ours["objective"] / row["objective"], 7)}


def _demo_rows(demo, time_limit: float) -> Iterator[dict]:
    """The demo county by each setting, the ratios of ours to the others that ran, and its
    bounds."""
    results = {name: _solve(demo, setting=name, time_limit=time_limit) for name in SETTINGS}
    yield from _setting_rows("demo county", results)
    yield _bounds(demo, "demo county", results["ours"]["objective"])


def _county_rows(data, name: str, time_limit: float) -> list[dict]:
    """A generated county's full instance by the layout path, the core and the exact bound
    (each labelled by the path that ran), the ratios and its bounds."""
    results = {s: _solve(data, setting=s, time_limit=time_limit) for s in ("ours", "core", "bound")}
    best = min(r["objective"] for r in results.values() if not r.get("not_run"))
    return [*_setting_rows(name, results), _bounds(data, name, best)]


def rows(*, counties: int = 0, time_limit: float = 60.0, workers: int = 2,
         compare_province: bool = False, core_gaps: tuple[float, ...] = (0.01,),
         core_counties: int = 3, demo=None) -> Iterator[dict]:
    """Figures for the demo county (each setting of :data:`SETTINGS`), the core comparison, the
    plausibility rows and, if asked, a province, each row as soon as it is found; ``demo``
    replaces the demo county (a test's small county). The solver rows take the demo county's
    2024 school year without forecast or projects (the instance the timings were measured
    on); its plausibility row takes the plan ``junheng demo`` makes (2025, forecast, projects)."""
    history = demo_history() if demo is None else [demo]
    demo = generate(seed=2025, counties=1, years=1)[0][-1] if demo is None else demo
    yield from _demo_rows(demo, time_limit)
    province = ([years[-1] for years in generate(seed=7, counties=counties, years=1)]
                if counties else [])
    yield from _compared(demo, "demo county", time_limit=time_limit, gaps=list(core_gaps))
    for number, data in enumerate(province[:core_counties], start=1):
        name = f"generated county {number}"
        yield from _county_rows(data, name, time_limit)
        yield from _compared(data, name, time_limit=time_limit, gaps=list(core_gaps))
    yield _plausible("demo county", history)
    for n, data in enumerate(province[:core_counties], start=1):
        yield _plausible(f"generated county {n}", data)
    if province:
        for setting in ("ours", "highs_alone") if compare_province else ("ours",):
            yield _province(province, setting, time_limit, workers)


def run(**kwargs) -> list[dict]:
    """Every row of :func:`rows` (same arguments)."""
    return list(rows(**kwargs))


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
            "gap_limit": sum(r["status"] == "gap_limit" for r in results),
            "infeasible": sum(r["status"] == "infeasible" for r in results),
            "no_solution": sum(r["status"] == "no_solution" for r in results),
            "objective_sum": sum(r["objective"] for r in results)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare-province", action="store_true",
                        help="also run the province with HiGHS alone (no warm start)")
    parser.add_argument("--core-gaps", default="0.01",
                        help="comma list of relative gaps for the core comparison")
    parser.add_argument("--core-counties", type=int, default=3,
                        help="generated counties also solved by ours, core and bound and "
                             "compared with the facility core on the single-capacity instance")
    parser.add_argument("--rescue", action="store_true",
                        help="only the rescue's rows (bench.layout_rescue): the scan of "
                             "--rescue-counties generated counties at the product's stop, then "
                             "the demo county and counties 1-3 stopped short at --rescue-nodes, "
                             "rescued or given as many more nodes as each of --rescue-extra")
    parser.add_argument("--rescue-counties", type=int, default=12)
    parser.add_argument("--rescue-nodes", default="1,5")
    parser.add_argument("--rescue-extra", default="1,5,20")
    args = parser.parse_args(argv)
    if args.rescue:
        _print(rescue_rows(counties=args.rescue_counties, nodes=_ints(args.rescue_nodes),
                           extra=_ints(args.rescue_extra)))
        return
    gaps = tuple(float(g) for g in args.core_gaps.split(",") if g)
    _print(rows(counties=args.counties, time_limit=args.time_limit, workers=args.workers,
                compare_province=args.compare_province, core_gaps=gaps,
                core_counties=args.core_counties))


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in text.split(",") if n)


def _print(found: Iterator[dict]) -> None:
    for row in found:
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
