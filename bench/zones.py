"""Zoning benchmarks: (1) the 12 county districting instances with published optima
(Validi & Buchanan 2022, Gurobi 9.1 on 10 cores), reproduced by
:mod:`junheng.zones.district_labeling` on HiGHS (1 thread; a first try alone, then a start
from random spanning-tree plans re-optimised pair by pair and triple by triple) or the Hess
model of :mod:`junheng.zones.district` on HiGHS or CP-SAT, times against the published ones; every
plan is checked by :func:`junheng.zones.check.check_districting`, and is 已证明最优 only
when its bound closes the gap; (2) a generated 500-block,
20-school city (grid of blocks, schools spread with jitter, capacities 80–130 % of today's
nearest-school demand) solved to 1 % gap by the cut and the flow contiguity models.

    python -m bench.zones --districting [--only ME,NM,...] [--solver labeling|highs|cpsat]
                          [--first S] [--start tree|anneal] [--warm S] [--seed N]
                          [--split S] [--polish S] [--cutoff] [--contiguity flow|cut]
                          [--time-limit S]
    python -m bench.zones [--blocks N] [--schools K] [--time-limit S] [--methods cut,flow,cpsat]
    python -m bench.zones --scale [--time-limit S] [--cities grid500,grid2000,poly2000]

(3) ``--scale``: 500 × 20 and 2000 × 40 generated grid cities and a 2000 × 40 city of
irregular polygons (:func:`polygon_city`), the plan of the code before the
window search (baseline: the cut method from today's zones, the better of the two old
models at this size; the CLI's old default, flow, was worse) against the ``auto`` method of
:func:`junheng.jobs.zones.solve_plan` (window search above 1,000 blocks) in the same
process; then a synthetic staff plan per city (today's zones with hand-style relief edits,
:func:`staff_plan`) compared as ``--staff`` does, old (cap on moved only, cut method from
the staff plan) against new (:func:`junheng.jobs.zones_staff.compare_one`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

import numpy as np

from bench.timing import timed
from junheng.zones.check import check_districting, check_plan
from junheng.zones.cpsat import solve_zones_cpsat
from junheng.zones.district import population_band, solve_districting
from junheng.zones.district_heuristic import anneal, cut_edges
from junheng.zones.district_labeling import polish as polish_plan
from junheng.zones.district_labeling import solve_labeling
from junheng.zones.district_split import split_plan
from junheng.zones.district_tree import tree_search
from junheng.zones.graph import components, neighbours
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
                seed: int = 0, cutoff: bool = False, split: float = 0.0,
                heuristic: str = "tree", contiguity: str = "flow") -> None:
    """Each instance: the MILP alone for ``first`` seconds (labeling model; the small
    instances end here), else a start: ``split`` seconds of exact recursive bisection
    (:mod:`junheng.zones.district_split`, when > 0), else (or when it found none) ``warm``
    seconds (CPU seconds for ``tree``) of ``heuristic``: random spanning-tree plans and recombination
    (:mod:`junheng.zones.district_tree`, ``tree``) or annealing (``anneal``), up to
    ``polish`` seconds of re-optimising pairs and triples of districts (labeling model only),
    then the MILP with the rest of ``limit`` (``cutoff``: given the start's cut less one half
    as objective cutoff instead of the start; ``contiguity``: the labeling model's flow rows or
    its separator rounds); 已证明最优 only when the bound meets the plan.
    Time to find: seconds until the printed plan was first held (a MILP's plan: HiGHS's
    improving-solution callback; a start: the end of the step that made it); time to prove:
    the wall time when proven. CPU seconds of this process and the machine's 1-minute load
    average are printed beside the wall time (the machine is shared)."""
    print(f"求解器：{solver}；每个实例限时 {limit:g} 秒（先单独求解 {first:g} 秒；"
          + (f"递归二分 {split:g} 秒" if split > 0
             else f"{'随机生成树划分与重组' if heuristic == 'tree' else '退火'} {warm:g} 秒"
                   + ("（处理器时间）" if heuristic == "tree" else ""))
          + f"，分区对/三区重优化至多 {polish:g} 秒"
          + ("；整体模型以起点割边数减 0.5 为截断值" if cutoff else "")
          + ("；连通性以分离约束逐轮加入" if contiguity == "cut" else "") + "）")
    print("州 | 县数 | 边数 | k | 公布最优 | Gurobi 秒 | 起点 | 重优化 | 本程序 | 下界 | 差距 | "
          "状态 | 找到秒 | 证明秒 | 墙钟秒 | CPU 秒 | 负载")
    for name in names:
        state, k, best, seconds = PUBLISHED[name]
        population, edges = read_dual_graph(DATA / f"{name}.json")
        cpu = time.process_time()
        r = _instance(population, edges, k, limit, solver, warm, polish, first, seed,
                      cutoff, split, heuristic, contiguity)
        if r["district"] is not None and check_districting(population, edges, k, r["district"],
                                                           population_band(population, k)):
            raise SystemExit(f"{state}：方案未通过独立校验")
        print(f"{state} | {len(population)} | {len(edges)} | {k} | {best} | {seconds:g} | "
              + _cells(r, best) + f" | {time.process_time() - cpu:.1f} | "
              f"{os.getloadavg()[0]:.1f}", flush=True)


def _instance(population, edges, k, limit, solver, warm, polish, first, seed, cutoff,
              split, heuristic="tree", contiguity="flow") -> dict:
    """One instance as :func:`districting` describes; the solve's result with ``start`` and
    ``polished`` (cut edges or None), ``found`` (seconds to the plan) and ``total``."""
    adjacency = neighbours(len(population), edges)
    began = time.perf_counter()
    band = population_band(population, k)
    r = (solve_labeling(population, edges, k, time_limit=min(first, limit))
         if solver == "labeling" and first > 0 else {"status": "no_solution"})
    if r["status"] == "optimal":
        return {**r, "start": None, "polished": None, "found": r["found_at"],
                "total": time.perf_counter() - began}
    start = split_plan(population, edges, k, band, split) if split > 0 else None
    if start is None and warm > 0:  # no split asked for, or none found in time
        search = tree_search if heuristic == "tree" else anneal
        start = search(population, adjacency, k, band, seconds=warm, seed=seed)
    polished = (polish_plan(population, edges, adjacency, start, band, polish)
                if start is not None and polish > 0 and solver == "labeling" else start)
    ready = time.perf_counter() - began
    left = limit - ready
    r = (solve_labeling(population, edges, k, start=polished, time_limit=left, cutoff=cutoff,
                        contiguity=contiguity)
         if solver == "labeling" else
         solve_districting(population, edges, k, solver=solver, start=start, time_limit=left))
    found = ready + r["found_at"] if "found_at" in r and r["found_at"] > 0 else ready
    return {**r, "found": found, "total": time.perf_counter() - began,
            "start": None if start is None else cut_edges(start, adjacency),
            "polished": None if polished is None else cut_edges(polished, adjacency)}


def _cells(r: dict, best: int) -> str:
    """起点 | 重优化 | 本程序 | 下界 | 差距 | 状态 | 找到秒 | 证明秒 | 墙钟秒 of one result."""
    found, bound = r["cut_edges"], max(math.ceil(r["bound"] - 1e-6), 0)
    start = "无" if r["start"] is None else str(r["start"])
    polished = "无" if r["polished"] is None else str(r["polished"])
    if found is None:
        return f"{start} | {polished} | — | {bound} | — | 无方案 | — | — | {r['total']:.1f}"
    proven = found <= bound
    mark = "，与公布一致" if found == best else "，与公布不同"
    proof = f"{r['total']:.1f}" if proven else "—"
    return (f"{start} | {polished} | {found}{mark} | {bound} | {(found - bound) / found:.1%} | "
            f"{'已证明最优' if proven else '未证明'} | {r['found']:.1f} | {proof} | "
            f"{r['total']:.1f}")


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


def polygon_city(blocks: int, schools: int, seed: int = 0) -> ZoneProblem:
    """Irregular blocks like census blocks: Voronoi cells of random points in a square of
    about 0.3 km per block near 112.4°E 34.6°N, built by :func:`junheng.zones.build.build_input`
    (shared borders, 6 nearest schools, keep share 80 %); schools in random blocks, today's
    zone the nearest school, capacities 80–130 % of today's demand."""
    import shapely

    from junheng.zones.build import build_input
    from junheng.zones.io import Blocks, Schools

    rng = np.random.default_rng(seed)
    side = 0.3 * np.sqrt(blocks) / 111.0  # degrees
    xy = rng.uniform(0, side, (blocks, 2)) + (112.4, 34.6)
    box = shapely.box(112.4, 34.6, 112.4 + side, 34.6 + side)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=box))
    order = [int(np.argmax(shapely.contains(cells, shapely.points(p)))) for p in xy]
    cells = shapely.intersection(cells[order], box)
    root = rng.choice(blocks, schools, replace=False)
    pupils = rng.integers(5, 60, blocks).astype(float)
    near = np.linalg.norm(xy[:, None] - xy[root][None], axis=2).argmin(axis=1)
    demand = np.bincount(near, weights=pupils, minlength=schools)
    names = [f"学校{s + 1:02d}" for s in range(schools)]
    data = build_input(
        Blocks([f"块{i}" for i in range(blocks)], list(cells), pupils,
               [names[s] for s in near]),
        Schools(names, xy[root, 0], xy[root, 1], np.round(demand * rng.uniform(0.8, 1.3, schools))))
    return data.problem


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


def staff_plan(problem: ZoneProblem, edits: int) -> np.ndarray:
    """A synthetic staff plan: today's zones, then for each school over capacity (most over
    first) border blocks handed to the touching zone with most free places, as a planner
    redraws a boundary by hand — at most ``edits`` blocks, every zone kept connected."""
    school = problem.current.copy()
    adjacency = neighbours(problem.n, problem.edges)
    roots = set(problem.root.tolist())
    for s in np.argsort(-problem.over(school)).tolist():
        for i in np.nonzero(school == s)[0].tolist():
            spare = problem.capacity - problem.load(school)
            if edits <= 0 or spare[s] >= 0 or i in roots:
                continue
            touching = [int(school[j]) for j in adjacency[i] if school[j] != s
                        and problem.allowed[i, school[j]]]
            if not touching:
                continue
            t = max(touching, key=lambda t: spare[t])
            if spare[t] < problem.pupils[i]:
                continue
            school[i] = t
            if len(components(np.nonzero(school == s)[0].tolist(), adjacency)) > 1:
                school[i] = s
                continue
            edits -= 1
    return school


def _line(name: str, problem: ZoneProblem, plan, seconds: float) -> str:
    ok = plan.school.min() >= 0 and not check_plan(problem, plan.school)
    if plan.school.min() < 0:
        return f"  {name}: 无方案（{plan.status}），{seconds:.1f} 秒"
    return (f"  {name}: 超员 {problem.over(plan.school).sum():,.0f} 人，调整 "
            f"{problem.moved(plan.school):,.0f} 人，目标 {plan.objective:,.0f}，差距 "
            f"{plan.gap:.2%}，{seconds:.1f} 秒，校验{'通过' if ok else '未通过'}")


CITIES = {"grid500": (500, 20, city), "grid2000": (2000, 40, city),
          "poly2000": (2000, 40, polygon_city)}


def scale(limit: float, cities: list[str]) -> None:
    """The ``--scale`` benchmark (module docstring, item 3)."""
    from dataclasses import replace

    from junheng.jobs.zones import solve_plan
    from junheng.jobs.zones_staff import compare_one

    for blocks, schools, make in (CITIES[c] for c in cities):
        p = make(blocks, schools)
        print(f"{'多边形' if make is polygon_city else ''}城区 {p.n} × {p.k}：学生 {p.pupils.sum():,.0f}，学位 {p.capacity.sum():,.0f}，"
              f"现状超员 {p.over(p.current).sum():,.0f} 人；每次限时 {limit:g} 秒", flush=True)
        old, t_old = timed(solve_zones, p, method="cut", time_limit=limit,
                           relative_gap_limit=0.01, start=p.current)
        print(_line("原方法（cut）", p, old, t_old), flush=True)
        new, t_new = timed(solve_plan, p, p.current, time_limit=limit, gap=0.01)
        print(_line(f"新方法（{new.method}）", p, new, t_new), flush=True)
        staff = staff_plan(p, edits=schools * 3)
        capped = replace(p, max_moved=p.moved(staff))
        print(f"  人工方案（合成）：超员 {p.over(staff).sum():,.0f} 人，调整 {p.moved(staff):,.0f} 人，"
              f"目标 {p.objective(staff):,.0f}", flush=True)
        old, t_old = timed(solve_zones, capped, method="cut", time_limit=limit,
                           relative_gap_limit=0.01, start=staff)
        print(_line("  原方法（调整上限=人工方案）", capped, old, t_old), flush=True)
        result, t_new = timed(compare_one, p, "合成", staff,
                              lambda q, start: solve_plan(q, start, time_limit=limit, gap=0.01))
        print(_line("  新方法（对比人工方案）", result.problem, result.plan, t_new)
              + f"；{result.verdict}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--districting", action="store_true",
                        help="the 12 county districting instances instead of the city")
    parser.add_argument("--only", default="", help="states or files, e.g. ME,NM,county16")
    parser.add_argument("--solver", default="labeling", choices=("labeling", "highs", "cpsat"),
                        help="the labeling model on HiGHS, or the Hess model on HiGHS or CP-SAT")
    parser.add_argument("--first", type=float, default=10.0,
                        help="seconds of the MILP alone before any heuristic")
    parser.add_argument("--start", default="tree", choices=("tree", "anneal"),
                        help="the start: random spanning-tree plans and recombination, or "
                        "annealing")
    parser.add_argument("--warm", type=float, default=30.0,
                        help="seconds of the start search (CPU seconds for --start tree)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the start search")
    parser.add_argument("--polish", type=float, default=60.0,
                        help="seconds of re-optimising pairs/triples of districts")
    parser.add_argument("--split", type=float, default=0.0,
                        help="seconds of recursive bisection for the start instead of annealing")
    parser.add_argument("--cutoff", action="store_true",
                        help="the start's cut less one half as the MILP's cutoff")
    parser.add_argument("--contiguity", default="flow", choices=("flow", "cut"),
                        help="labeling model: single-commodity flow or separator rounds")
    parser.add_argument("--blocks", type=int, default=500)
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds per instance (default 240 districting, 60 city)")
    parser.add_argument("--methods", default="cut,flow,cpsat")
    parser.add_argument("--scale", action="store_true",
                        help="500 × 20 and 2000 × 40: old against new, and a staff plan")
    parser.add_argument("--cities", default=",".join(CITIES), help="with --scale: "
                        + ", ".join(CITIES))
    args = parser.parse_args(argv)
    if args.scale:
        scale(args.time_limit or 120.0, args.cities.split(","))
    elif args.districting:
        names = [STATES.get(x, x) for x in args.only.split(",") if x] or list(PUBLISHED)
        districting(names, args.time_limit or 240.0, args.solver, args.warm, args.polish,
                    args.first, args.seed, args.cutoff, args.split, args.start,
                    args.contiguity)
    else:
        generated(args.blocks, args.schools, args.time_limit or 60.0, args.methods.split(","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
