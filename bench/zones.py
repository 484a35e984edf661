"""Zoning benchmarks: (1) the 12 county districting instances with published optima
(Validi & Buchanan 2022, Gurobi 9.1 on 10 cores), reproduced by
:mod:`junheng.zones.district_labeling` on HiGHS (1 thread; a first try alone, then an
annealing start re-optimised pair by pair and triple by triple) or the Hess model of
:mod:`junheng.zones.district` on HiGHS or CP-SAT, times against the published ones; every
plan is checked by :func:`junheng.zones.check.check_districting`, and is 已证明最优 only
when its bound closes the gap; (2) a generated 500-block,
20-school city (grid of blocks, schools spread with jitter, capacities 80–130 % of today's
nearest-school demand) solved to 1 % gap by the cut and the flow contiguity models.

    python -m bench.zones --districting [--only ME,NM,...] [--solver labeling|highs|cpsat]
                          [--first S] [--warm S] [--seed N] [--polish S] [--time-limit S]
    python -m bench.zones [--blocks N] [--schools K] [--time-limit S] [--methods cut,flow,cpsat]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

import numpy as np

from junheng.zones.check import check_districting, check_plan
from junheng.zones.cpsat import solve_zones_cpsat
from junheng.zones.district import population_band, solve_districting
from junheng.zones.district_heuristic import anneal, cut_edges
from junheng.zones.district_labeling import polish as polish_plan
from junheng.zones.district_labeling import solve_labeling
from junheng.zones.graph import neighbours
from junheng.zones.model import solve_zones
from junheng.zones.problem import ZoneProblem, nearest_candidates

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "districting"
# file: (state, k, published optimal cut edges, Gurobi 9.1 seconds of the labeling model with
# orbitope, fixing and SCF flow contiguity: the MIP_time column of the authors' results log
# results/results_for_config-table13/results_config-table13_2021_Apr_05.csv, 10 cores; the
# GerryChain warm start they ran first, 159–1282 s, is not included)
PUBLISHED = {"county23": ("ME", 2, 16, 0.12), "county35": ("NM", 3, 17, 0.06),
             "county16": ("ID", 2, 10, 0.05), "county54": ("WV", 3, 23, 1.03),
             "county22": ("LA", 6, 49, 512.65), "county01": ("AL", 7, 55, 1269.54),
             "county05": ("AR", 4, 33, 31.79), "county40": ("OK", 5, 40, 4.11),
             "county28": ("MS", 4, 34, 32.06), "county31": ("NE", 3, 19, 0.62),
             "county19": ("IA", 4, 33, 35.59), "county20": ("KS", 4, 32, 13.03)}
STATES = {state: name for name, (state, *_) in PUBLISHED.items()}


def read_dual_graph(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Population and edges of a networkx adjacency JSON dual graph."""
    graph = json.loads(path.read_text())
    ids = [node["id"] for node in graph["nodes"]]
    index = {v: i for i, v in enumerate(ids)}
    population = np.array([node["TOTPOP"] for node in graph["nodes"]], float)
    edges = sorted({tuple(sorted((i, index[a["id"]])))
                    for i, around in enumerate(graph["adjacency"]) for a in around})
    return population, np.array(edges, np.int64)


def districting(names: list[str], limit: float, solver: str = "labeling",
                warm: float = 30.0, polish: float = 60.0, first: float = 10.0,
                seed: int = 0) -> None:
    """Each instance: the MILP alone for ``first`` seconds (labeling model; the small
    instances end here), else ``warm`` seconds of annealing for a start, up to ``polish``
    seconds of re-optimising pairs and triples of districts (labeling model only), then the
    MILP with the rest of ``limit``; 已证明最优 only when the bound meets the plan. CPU
    seconds of this process and the machine's 1-minute load average are printed beside the
    wall time (the machine is shared)."""
    print(f"求解器：{solver}；每个实例限时 {limit:g} 秒（其中退火 {warm:g} 秒，"
          f"分区对/三区重优化至多 {polish:g} 秒）")
    print("州 | 县数 | 边数 | k | 公布最优 | Gurobi 秒 | 退火 | 重优化 | 本程序 | 下界 | 差距 | "
          "状态 | 墙钟秒 | CPU 秒 | 负载")
    for name in names:
        state, k, best, seconds = PUBLISHED[name]
        population, edges = read_dual_graph(DATA / f"{name}.json")
        adjacency = neighbours(len(population), edges)
        began, cpu = time.perf_counter(), time.process_time()
        band = population_band(population, k)
        r = (solve_labeling(population, edges, k, time_limit=min(first, limit))
             if solver == "labeling" and first > 0 else {"status": "no_solution"})
        start = polished = None
        if r["status"] != "optimal":
            start = (anneal(population, adjacency, k, band, seconds=warm, seed=seed)
                     if warm > 0 else None)
            polished = (polish_plan(population, edges, adjacency, start, band, polish)
                        if start is not None and polish > 0 and solver == "labeling" else start)
            left = limit - (time.perf_counter() - began)
            r = (solve_labeling(population, edges, k, start=polished, time_limit=left)
                 if solver == "labeling" else
                 solve_districting(population, edges, k, solver=solver, start=start,
                                   time_limit=left))
        total = time.perf_counter() - began
        if r["district"] is not None and check_districting(population, edges, k, r["district"],
                                                           band):
            raise SystemExit(f"{state}：方案未通过独立校验")
        found, bound = r["cut_edges"], max(math.ceil(r["bound"] - 1e-6), 0)
        heuristic, polished_cut = (("无", "无") if start is None else
                                   (str(cut_edges(start, adjacency)),
                                    str(cut_edges(polished, adjacency))))
        gap = "—" if found is None else f"{(found - bound) / found:.1%}"
        proven = found is not None and found <= bound
        state_text = ("已证明最优" if proven else "未证明") if found is not None else "无方案"
        mark = "" if found is None else ("，与公布一致" if found == best else "，与公布不同")
        print(f"{state} | {len(population)} | {len(edges)} | {k} | {best} | {seconds:g} | "
              f"{heuristic} | {polished_cut} | {'—' if found is None else found}{mark} | "
              f"{bound} | {gap} | {state_text} | {total:.1f} | "
              f"{time.process_time() - cpu:.1f} | {os.getloadavg()[0]:.1f}", flush=True)


def city(blocks: int, schools: int, seed: int = 0) -> ZoneProblem:
    """A generated city: a grid of ``blocks`` blocks (0.3 km apart), ``schools`` schools."""
    rng = np.random.default_rng(seed)
    cols = int(round(np.sqrt(blocks * 1.25)))
    rows = blocks // cols
    n = rows * cols
    xy = np.array([(r, c) for r in range(rows) for c in range(cols)], float) * 0.3
    edges = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    edges += [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    side = int(np.ceil(np.sqrt(schools)))
    centres = [(rows * (a + 0.5) / side, cols * (b + 0.5) / side)
               for a in range(side) for b in range(side)][:schools]
    root = np.array([min(int(r + rng.integers(-1, 2)), rows - 1) * cols
                     + min(int(c + rng.integers(-1, 2)), cols - 1) for r, c in centres])
    pupils = rng.integers(5, 60, n).astype(float)
    distance = np.linalg.norm(xy[:, None] - xy[root][None], axis=2)
    current = distance.argmin(axis=1)
    demand = np.bincount(current, weights=pupils, minlength=schools)
    capacity = np.round(demand * rng.uniform(0.8, 1.3, schools))
    return ZoneProblem(pupils=pupils, edges=edges, root=root, capacity=capacity,
                       distance=distance, current=current,
                       allowed=nearest_candidates(distance, 4, current))


def generated(blocks: int, schools: int, limit: float, methods: list[str]) -> None:
    problem = city(blocks, schools)
    today = problem.current
    print(f"生成城区：{problem.n} 个地块，{problem.k} 所学校，学位 {problem.capacity.sum():.0f}，"
          f"学生 {problem.pupils.sum():.0f}；现状超员 {problem.over(today).sum():.0f} 人")
    for method in methods:
        if method == "cpsat":
            plan = solve_zones_cpsat(problem, time_limit=limit, relative_gap_limit=0.01,
                                     start=today)
        else:
            plan = solve_zones(problem, method=method, time_limit=limit,
                               relative_gap_limit=0.01, start=today)
        ok = "通过" if plan.school.min() >= 0 and not check_plan(problem, plan.school) else "未通过"
        over = problem.over(plan.school).sum() if plan.school.min() >= 0 else float("nan")
        moved = problem.moved(plan.school) if plan.school.min() >= 0 else float("nan")
        print(f"  {method}: {plan.status}，差距 {plan.gap:.2%}，{plan.seconds:.1f} 秒，"
              f"{plan.rounds} 轮；超员 {over:.0f} 人，调整 {moved:.0f} 人；校验{ok}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--districting", action="store_true",
                        help="the 12 county districting instances instead of the city")
    parser.add_argument("--only", default="", help="states or files, e.g. ME,NM,county16")
    parser.add_argument("--solver", default="labeling", choices=("labeling", "highs", "cpsat"),
                        help="the labeling model on HiGHS, or the Hess model on HiGHS or CP-SAT")
    parser.add_argument("--first", type=float, default=10.0,
                        help="seconds of the MILP alone before any heuristic")
    parser.add_argument("--warm", type=float, default=30.0, help="annealing seconds")
    parser.add_argument("--seed", type=int, default=0, help="annealing seed")
    parser.add_argument("--polish", type=float, default=60.0,
                        help="seconds of re-optimising pairs/triples of districts")
    parser.add_argument("--blocks", type=int, default=500)
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds per instance (default 240 districting, 60 city)")
    parser.add_argument("--methods", default="cut,flow,cpsat")
    args = parser.parse_args(argv)
    if args.districting:
        names = [STATES.get(x, x) for x in args.only.split(",") if x] or list(PUBLISHED)
        districting(names, args.time_limit or 240.0, args.solver, args.warm, args.polish,
                    args.first, args.seed)
    else:
        generated(args.blocks, args.schools, args.time_limit or 60.0, args.methods.split(","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
