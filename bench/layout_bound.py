"""The exact per-site bound's figures (:mod:`junheng.planning.layout_bound`'s docstring): per
instance, in one process, the LP bound, ``L`` at the LP duals and three steps with 就近划片 (18)
priced (before brief hbound2) and held by the site knapsacks (now), ``L`` with the class rows
(23), (24), (27) held too (HiGHS on the sites' separable MILP at the same duals; with (18) alone
it must give ``L now``), HiGHS's bound after its root alone (node limit 1) and the best plan at
the product's stop. Instances: the demo's product instance (``junheng demo``'s plan: ``demo``)
and bench.layout's generated counties (``1`` ``2`` ``3``, of the province ``--counties 3``
generates: a county depends on how many are generated).

    python -m bench.layout_bound demo 1 2 3
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from junheng.demo import generate
from junheng.optimize import HighsSolver
from junheng.optimize.highs import highs_lp
from junheng.planning import build_layout_problem, load_layout_config
from junheng.planning import layout_bound as lb
from junheng.planning.layout_data import exempt_sites, layout_arrays
from junheng.planning.layout_model import build_layout_milp, solve_layout_milp

#: the rows the site subproblems held before brief hbound2: (18) priced
BEFORE = lb.SITE_ROWS - {"(18)"}
#: the class rows, held exactly by HiGHS in :func:`held_bound`
CLASS_ROWS = frozenset({"(23)", "(24)", "(27)"})


def instances(which: list[str]) -> Iterator[tuple[str, object, float | None]]:
    """(name, arrays, the product's objective or None) per instance asked for."""
    if "demo" in which:
        from bench.layout_plausible import demo_history
        from junheng.jobs.layout import plan_county_layout

        plan = plan_county_layout(demo_history(), load_layout_config())
        p = plan.problem
        yield "demo", layout_arrays(p, exempt_sites(p)), plan.solution.objective
    numbers = [int(w) for w in which if w.isdigit()]
    for n, years in enumerate(generate(seed=7, counties=max([3, *numbers]), years=1), 1):
        if n in numbers:
            p = build_layout_problem(years[-1], load_layout_config(None))
            yield f"county {n}", layout_arrays(p, exempt_sites(p)), None


def lagrangian(arr, milp, upper: float, held: frozenset[str]) -> tuple[float, float, float]:
    """LP bound, ``L`` after three steps with the sites holding ``held`` ((18) held only when
    in it), and its CPU seconds."""
    orig = lb.priced_rows
    lb.priced_rows = lambda m, duals: orig(m, duals, held)
    cpu = time.process_time()
    try:
        sites = arr if "(18)" in held else replace(arr, zones=())
        found = lb.layout_bound(sites, milp, upper, deadline=math.inf, max_iterations=3)
    finally:
        lb.priced_rows = orig
    return found.lp_bound, found.bound, time.process_time() - cpu


def held_bound(milp, held: frozenset[str]) -> float:
    """``L`` at the LP duals with the rows ``held`` kept and every other row priced at its
    dual (clipped to its sign, as :func:`~junheng.planning.layout_bound.priced_rows`), by HiGHS
    on that (separable) MILP."""
    h = HighsSolver().configured()
    h.passModel(highs_lp(milp, relax=True))
    h.run()
    duals = np.asarray(h.getSolution().row_dual)
    keep = np.zeros(milp.n_rows, bool)
    for group, first, count in milp.row_groups():
        keep[first : first + count] = group in held
    lo, hi = milp.row_lower, milp.row_upper
    lam = np.where(keep, 0.0, duals)
    lam = np.where(np.isfinite(lo), lam, np.minimum(lam, 0.0))
    lam = np.where(np.isfinite(hi), lam, np.maximum(lam, 0.0))
    constant = float(lam @ np.where(lam > 0, lo, np.where(lam < 0, hi, 0.0)))
    model = highs_lp(milp)
    cost = milp.cost - milp.matrix().T @ lam
    model.col_cost_ = np.where(np.abs(cost) <= lb.DUAL_SLACK, 0.0, cost)
    model.row_lower_, model.row_upper_ = np.where(keep, lo, -np.inf), np.where(keep, hi, np.inf)
    h = HighsSolver(time_limit=300, relative_gap=1e-7).configured()
    h.passModel(model)
    h.run()
    return constant + h.getInfo().mip_dual_bound


def row(name: str, arr, product: float | None) -> dict:
    """The figures of the module docstring for one instance."""
    milp, _ = build_layout_milp(arr)
    root, _ = solve_layout_milp(arr, HighsSolver(relative_gap=1e-4, options={"mip_max_nodes": 1}))
    cfg = load_layout_config(None)
    if product is None:
        solver = HighsSolver(time_limit=600, relative_gap=cfg.gap,
                             options={"mip_max_nodes": cfg.node_limit})
        product = solve_layout_milp(arr, solver)[0].objective
    lp, before, before_s = lagrangian(arr, milp, product, BEFORE)
    _, now, now_s = lagrangian(arr, milp, product, lb.SITE_ROWS)
    relaxed = lb.SITE_ROWS - {"(1)", "(5)"}
    return {"instance": name, "lp_bound": round(lp), "L_before": round(before),
            "L_now": round(now), "L_cpu_s": f"{before_s:.2f}/{now_s:.2f}",
            "L_held_18": round(held_bound(milp, relaxed)),
            "L_held_classes": round(held_bound(milp, relaxed | CLASS_ROWS)),
            "highs_root": round(root.bound), "best_plan": round(product)}


def main(argv: list[str] | None = None) -> None:
    for name, arr, product in instances(sys.argv[1:] if argv is None else argv):
        print("  ".join(f"{k}={v}" for k, v in row(name, arr, product).items()), flush=True)


if __name__ == "__main__":
    main()
