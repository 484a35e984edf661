"""The rescue of a layout solve that stops short (:mod:`junheng.planning.layout_rescue`):
a scan of generated counties at the product's stop (node limit, gap 0.01 %), then, on
instances stopped short by a lowered node limit, the same process's three answers:
HiGHS at the limit (``default``), the same plus the rescue within ``extra`` nodes
(``rescue``) and plain HiGHS with the limit plus ``extra`` nodes (``plain``).

CPU seconds are ``time.process_time`` of this process (build, warm start and solve).

    python -m bench.layout --rescue [--rescue-counties N] [--rescue-nodes 1,5]
                                    [--rescue-extra 1,5,20]
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from junheng.demo import generate
from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import HighsSolver
from junheng.planning import build_layout_problem, load_layout_config
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import exempt_sites, solve_layout_milp


def _arrays(data, time_limit: float):
    """The layout arrays of ``data`` as ``solve_layout`` builds them, and the scenario."""
    cfg = load_layout_config(None, time_limit_s=time_limit)
    problem = build_layout_problem(data, cfg)
    return layout_arrays(problem, exempt_sites(problem)), cfg


def _solve(arr, cfg, nodes: int, rescue_nodes: int = 0) -> dict:
    """One solve of ``arr`` at the product's settings but ``nodes``: its figures and path."""
    solver = HighsSolver(time_limit=cfg.time_limit_s, relative_gap=cfg.gap,
                         options={"mip_max_nodes": int(nodes)})
    cpu, path = time.process_time(), {"ran": "milp"}
    result, _ = solve_layout_milp(arr, solver, rescue_nodes=rescue_nodes, path=path)
    cpu = time.process_time() - cpu
    gap = result.gap if result.gap is not None else float("inf")
    stop = ("gap" if gap <= cfg.gap + 1e-12 else "nodes" if result.nodes >= nodes
            else "time")
    return {"cpu_s": round(cpu, 2), "nodes": result.nodes, "gap_pct": round(100 * gap, 4),
            "stop": stop, "status": result.status.value,
            "objective": round(result.objective or 0), "bound": round(result.bound),
            **_rescue_figures(path.get("rescue"))}


def _rescue_figures(figures) -> dict:
    """The rescue's figures in a row (its fixing and bounds), or what the path says."""
    if not isinstance(figures, dict):
        return {} if figures is None else {"rescue": figures}
    opened, closed, pairs = figures["fixed"]
    return {"lagrangian": round(figures["lagrangian"]), "reduced_bound": round(figures["reduced_bound"]),
            "fixed_open": opened, "fixed_closed": closed, "fixed_pairs": pairs,
            "rescue_nodes": figures["nodes"]}


def scan(*, counties: int = 12, seed: int = 7, time_limit: float = 120.0) -> Iterator[dict]:
    """Each generated county at the product's stop (node limit 2,000, gap 0.01 %; a county is
    skipped after ``time_limit`` seconds): which stop short."""
    for number, years in enumerate(generate(seed=seed, counties=counties, years=1), start=1):
        name = f"scan county {number}"
        try:
            arr, cfg = _arrays(years[-1], time_limit)
            row = _solve(arr, cfg, cfg.node_limit)
        except (InfeasibleError, SolverError) as error:
            yield {"case": name, "failed": type(error).__name__, "reason": str(error)[:80]}
            continue
        yield {"case": name, "sites": arr.n_sites, "pairs": len(arr.pair_site), **row}


def instances() -> list[tuple[str, object]]:
    """bench.layout's demo county and generated counties 1-3."""
    demo = generate(seed=2025, counties=1, years=1)[0][-1]
    return [("demo county", demo)] + [
        (f"generated county {n}", years[-1])
        for n, years in enumerate(generate(seed=7, counties=3, years=1), start=1)]


def compare(named, *, nodes: tuple[int, ...] = (1,), extra: tuple[int, ...] = (1, 5, 20),
            time_limit: float = 120.0) -> Iterator[dict]:
    """Per instance and node limit: HiGHS at the limit, then per extra budget the rescue and
    plain HiGHS with as many more nodes (only where the limit stops short)."""
    for name, data in named:
        arr, cfg = _arrays(data, time_limit)
        for limit in nodes:
            first = _solve(arr, cfg, limit)
            yield {"case": f"{name}: default, node limit {limit}", **first}
            if first["stop"] == "gap":
                continue
            for more in extra:
                yield {"case": f"{name}: default + rescue {more} nodes", **_solve(arr, cfg, limit, more)}
                yield {"case": f"{name}: plain HiGHS, node limit {limit + more}",
                       **_solve(arr, cfg, limit + more)}


def rows(*, counties: int = 12, nodes=(1,), extra=(1, 5, 20)) -> Iterator[dict]:
    """The scan, then the comparison on the demo county and generated counties 1-3."""
    if counties:
        yield from scan(counties=counties)
    yield from compare(instances(), nodes=tuple(nodes), extra=tuple(extra))
