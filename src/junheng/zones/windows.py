"""Large instances (thousands of blocks, dozens of schools): improve a connected plan by
local search, by passing pupils over capacity along chains of zones
(:mod:`junheng.zones.rebalance`), by the cut method of :mod:`junheng.zones.model` for a
share of the time (it proves the easier instances outright) and by exact solves on
neighbourhoods of a few adjacent zones, then bound it.

A *window* is a school and up to ``size − 1`` schools whose zones touch its zone. The
window's blocks (every block of its zones) may be re-zoned among the window's schools
(within their candidates); every other block keeps its school. That is the zoning MILP with
the candidates narrowed, solved as a problem of its own (:func:`sub_problem`: the caps on
moved (4) and over capacity (4c) less what the fixed blocks use, each school's today's
pupils, ceiling and keep of the full problem), so every rule holds as in the full problem.
Each window is solved from the incumbent (a feasible start), so the objective never rises.
Windows are taken in order of the penalty their first school carries (over capacity, new
over, short), then by its share of the objective, and retried only when a zone of theirs
changed; the search stops when the gap to the bound is reached.

The bound is the cut method's (rows (1)–(5) and the separators it added) and, when the gap
is still open, the full model's without contiguity solved again at the end: valid lower
bounds of the contiguous optimum (weak where contiguity binds).

Examples
--------
A path of six blocks, two schools at its ends with 30 places each; today zone A holds 40
pupils. The local search already gives A's last block to B (the cut method then proves it
optimal).

>>> import numpy as np
>>> from junheng.zones.problem import ZoneProblem
>>> p = ZoneProblem(pupils=[10] * 6, edges=[[i, i + 1] for i in range(5)], root=[0, 5],
...                 capacity=[30, 30], distance=np.array([[i, 5 - i] for i in range(6)]),
...                 current=[0, 0, 0, 0, 1, 1])
>>> plan = solve_windows(p, np.array([0, 0, 0, 0, 1, 1]), time_limit=20)
>>> plan.school.tolist(), float(p.over(plan.school).sum())
([0, 0, 0, 1, 1, 1], 0.0)
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from junheng.optimize.highs import HighsSolver
from junheng.optimize.result import relative_gap
from junheng.zones.check import check_plan
from junheng.zones.model import ZoneMilp, solve_zones
from junheng.zones.problem import ZonePlan, ZoneProblem
from junheng.zones.rebalance import rebalance
from junheng.zones.repair import improve

#: Schools per window and seconds per window solve.
WINDOW = 4
WINDOW_SECONDS = 3.0
#: Shares of the time limit: the cut method first, the bound at the end.
CUT_SHARE = 0.3
BOUND_SHARE = 0.15


def solve_windows(problem: ZoneProblem, start: np.ndarray, *, time_limit: float = 120.0,
                  relative_gap_limit: float = 0.01, size: int = WINDOW,
                  window_seconds: float = WINDOW_SECONDS,
                  cut_share: float = CUT_SHARE) -> ZonePlan:
    """Improve the connected plan ``start`` (local search, rebalance), give the cut method
    ``cut_share`` of the time from it (it proves easy instances outright), then improve
    the better plan window by window until the gap to the best bound is reached, then bound
    it again (see the module docstring). ``status``: the cut method's when it finished,
    else ``gap_limit`` when the gap reached ``relative_gap_limit``, else ``time_limit``."""
    began = time.perf_counter()
    adjacency = problem.adjacency
    school = _rebalanced(problem, improve(problem, np.asarray(start, np.int64), adjacency),
                         adjacency)
    first = solve_zones(problem, method="cut", time_limit=time_limit * cut_share,
                        relative_gap_limit=relative_gap_limit, start=school)
    if first.status in ("optimal", "gap_limit"):
        return replace(first, seconds=time.perf_counter() - began)
    if first.school.min() >= 0 and problem.objective(first.school) < problem.objective(school):
        school = first.school
    bound = first.bound
    school, rounds = _search(problem, school, adjacency, (
        began + time_limit * (1 - BOUND_SHARE), bound, relative_gap_limit), size, window_seconds)
    objective = problem.objective(school)
    if relative_gap(objective, bound) > relative_gap_limit:
        bound = max(bound, lower_bound(problem, max(time_limit - (time.perf_counter() - began),
                                                    1.0)))
    gap = relative_gap(objective, bound)
    status = "gap_limit" if gap <= relative_gap_limit else "time_limit"
    return ZonePlan(school=school, status=status, objective=objective, bound=bound, gap=gap,
                    seconds=time.perf_counter() - began, method="windows", rounds=rounds)


def _search(problem: ZoneProblem, school: np.ndarray, adjacency, stop: tuple, size: int,
            window_seconds: float) -> tuple[np.ndarray, int]:
    """Window solves until ``stop`` = (clock, bound, gap) says: out of time or the gap to
    the bound reached; windows are retried only when one of their zones changed."""
    until, bound, gap = stop
    version = np.zeros(problem.k, np.int64)  # times each zone changed
    tried: set[tuple] = set()  # windows solved without gain, with their zones' versions
    rounds = 0
    while ((left := until - time.perf_counter()) > 1.0
           and relative_gap(problem.objective(school), bound) > gap):
        todo = [w for w in windows(problem, school, adjacency, size)
                if (tuple(w), tuple(version[w])) not in tried]
        if not todo:
            break
        window = todo[0]
        found = _window_solve(problem, school, window, min(window_seconds, left))
        rounds += 1
        if found is not None and problem.objective(found) < problem.objective(school) - 1e-6:
            found = improve(problem, found, adjacency)
            changed = np.unique(np.concatenate([school[found != school],
                                                found[found != school]]))
            version[changed] += 1
            school = found
        else:
            tried.add((tuple(window), tuple(version[window])))
    return school, rounds


def _rebalanced(problem: ZoneProblem, school: np.ndarray, adjacency) -> np.ndarray:
    """Pass pupils over capacity along chains of zones (:func:`rebalance`) while that
    keeps every rule and lowers the objective."""
    for _ in range(3):
        found = improve(problem, rebalance(problem, school, adjacency), adjacency)
        if check_plan(problem, found) or problem.objective(found) >= problem.objective(school) - 1e-6:
            return school
        school = found
    return school


def windows(problem: ZoneProblem, school: np.ndarray, adjacency, size: int) -> list[list[int]]:
    """The windows of a plan, one per school, in order of the school's penalty (over
    capacity, new over, short), then its share of the objective. A school with a penalty
    takes the zones around it breadth first (the ones with most spare places first in each
    ring), so pupils over capacity can pass through full zones to free places; one without
    takes its touching zones, nearest first."""
    p = problem
    touching = zone_graph(school, adjacency, p.k)
    penalty = p.over(school) + p.new_over(school) + p.short(school)
    spare = p.capacity - p.load(school)
    share = np.bincount(school, weights=p.pair_cost(np.arange(p.n), school), minlength=p.k)
    out = []
    for s in np.lexsort((-share, -penalty)).tolist():
        if penalty[s] > 0:
            out.append(_rings(s, touching, spare, size))
        else:
            near = sorted(touching[s], key=lambda t: p.distance[p.root[t], s])
            out.append([s, *near[:size - 1]])
    return out


def _rings(s: int, touching, spare: np.ndarray, size: int) -> list[int]:
    """``s`` and the zones around it breadth first, most spare places first in each ring."""
    window, ring = [s], [s]
    while ring and len(window) < size:
        nxt = sorted({t for r in ring for t in touching[r]} - set(window),
                     key=lambda t: -spare[t])
        nxt = nxt[:size - len(window)]
        window += nxt
        ring = nxt
    return window


def zone_graph(school: np.ndarray, adjacency, k: int) -> list[set[int]]:
    """``touching[s]``: the schools whose zones share a border with zone ``s``."""
    touching: list[set[int]] = [set() for _ in range(k)]
    for i, around in enumerate(adjacency):
        for j in around:
            if school[i] != school[j]:
                touching[school[i]].add(int(school[j]))
    return touching


def _window_solve(problem: ZoneProblem, school: np.ndarray, window: list[int],
                  seconds: float) -> np.ndarray | None:
    """The window's optimum (or best found in ``seconds``) from ``school``; None without."""
    sub, blocks = sub_problem(problem, school, window)
    plan = solve_zones(sub, method="flow", time_limit=seconds, relative_gap_limit=1e-4,
                       start=_local(school[blocks], window))
    if plan.school.min() < 0:
        return None
    found = school.copy()
    found[blocks] = np.asarray(window)[plan.school]
    return found


def _local(schools: np.ndarray, window: list[int]) -> np.ndarray:
    return np.array([window.index(s) for s in schools.tolist()], np.int64)


def sub_problem(problem: ZoneProblem, school: np.ndarray, window: list[int]
                ) -> tuple[ZoneProblem, np.ndarray]:
    """The window as a problem of its own: its blocks and schools (local indices in the
    order of ``window``), the caps less what the fixed blocks use, and each school's today's
    pupils, ceiling and keep of the full problem. Returns it and the window's blocks."""
    p = problem
    blocks = np.nonzero(np.isin(school, window))[0]
    local = np.full(p.n, -1, np.int64)
    local[blocks] = np.arange(len(blocks))
    edges = local[p.zone_edges]
    edges = edges[(edges >= 0).all(axis=1)]
    index = np.full(p.k, -1, np.int64)
    index[window] = np.arange(len(window))
    current = index[np.maximum(p.current[blocks], 0)] * (p.current[blocks] >= 0) - (
        p.current[blocks] < 0)
    outside = np.ones(p.n, bool)
    outside[blocks] = False
    fixed_moved = p.pupils[outside & (p.current >= 0) & (school != p.current)].sum() + p.pupils[
        blocks][(p.current[blocks] >= 0) & (current < 0)].sum()
    others = np.setdiff1d(np.arange(p.k), window)
    fixed_over = p.over(school)[others].sum()
    sub = replace(p, pupils=p.pupils[blocks], edges=edges, root=local[p.root[window]],
                  capacity=p.capacity[window], distance=p.distance[np.ix_(blocks, window)],
                  current=current, allowed=p.allowed[np.ix_(blocks, window)],
                  cross=p.cross[np.ix_(blocks, window)], links=np.zeros((0, 2), np.int64),
                  max_moved=None if p.max_moved is None else p.max_moved - fixed_moved,
                  max_over=None if p.max_over is None else p.max_over - fixed_over)
    # the full problem's figures of the window's schools (cached properties)
    sub.__dict__.update(today=p.today[window], ceiling=p.ceiling[window],
                        keep=p.keep[window])
    return sub, blocks


def lower_bound(problem: ZoneProblem, seconds: float) -> float:
    """The bound of the zoning MILP without contiguity rows (6)–(8) after ``seconds``."""
    zm = ZoneMilp(problem, method="cut")
    result = HighsSolver(time_limit=seconds, relative_gap=1e-4, threads=1).solve(zm.milp)
    return result.bound if result.bound is not None else -math.inf
