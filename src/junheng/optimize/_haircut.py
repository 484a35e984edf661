r"""Which sites to open, chosen by the split assignment with every site's capacity cut.

For the single-source problems :mod:`._cp_neighbourhood` solves. A single-source assignment
cannot fill a site to its last place: on Trafford's 74 schools the best known solution
leaves 212 places over its 62 schools (3.4 a school for areas of 31 children). The
splittable problem fills every place, and its optimum opens one school fewer (61, every
closed school of the best known's and one more); with each capacity cut by ``h`` places
it opens the best known's 62 exactly (``h`` = 3; 2.5 and 3.5 give sets one swap away).
The neighbourhood search from a closure lands in a set two or three swaps from it in about
half the runs, and the single-source cost of a set is only known after a long search, so
the set is taken from this model instead (docs/facility-bench.md, R16).

The model (``x`` continuous, ``y`` binary; ``d_j`` demands, ``q_i`` capacities,
``f_i`` fixed costs, ``c_ij`` pair costs)::

    min  Σ_i f_i y_i + Σ_{(i,j)} c_ij x_ij
    (1)  Σ_i x_ij = 1                          for each customer j   (served, split allowed)
    (2)  Σ_j d_j x_ij ≤ (q_i − h) y_i          for each site i       (capacity less h)
    (3)  x_ij ≤ y_i                            for each pair         (only by an open site)
    (4)  y_i = 1 / 0                           for sites forced open / closed
         0 ≤ x ≤ 1, y ∈ {0, 1}

solved as RENS restricts it (Berthold, Math. Prog. Comp. 6, 2014): the sites the LP
relaxation opens fully stay open, those it leaves shut stay closed, and HiGHS branches on
the rest (Trafford's 74: 10 of 74 sites fractional, 3.5-4.9 s; the whole model took 34 s).
``h`` is :data:`HAIRCUT` times the mean demand of a customer. The pipeline moves to the
sets of two cuts (:data:`._haircut_move.HAIRCUTS`: 0.1 gives the best known's set on
Trafford's 74 schools, 0.05 on its 73; docs/facility-bench.md R17) and keeps one
(:func:`chosen_move`).

The incumbent is then moved to the chosen set as :mod:`._deepen` moves it to a closure:
CP-SAT over the customers whose split assignment (true capacities) differs from the
incumbent's, the sites that change state free (over every customer when that finds no
assignment: the customers the split flow keeps in place can block all of them), then the
shift / swap descent (:func:`._haircut_move.move_to`).
"""

from __future__ import annotations

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize._deepen import Move
from junheng.optimize.assign import Incumbent
from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import Milp

#: The cut of every capacity, in mean customer demands (Trafford's 74 schools: 3 places of
#: 31 children a customer, the best known's own set; 0 opens one school fewer).
HAIRCUT = 0.1
#: An LP value within this of 0 or 1 fixes a site (RENS).
INTEGRAL = 1e-6


def model(comp: Compiled, cut: float) -> Milp:
    """(1)-(4) with every capacity cut by ``cut`` places (a capacity below it: 0)."""
    problem = comp.problem
    m = Milp()
    lower = np.zeros(comp.m)
    upper = np.where(comp.usable, 1.0, 0.0)
    lower[comp.forced] = 1.0  # (4)
    y = m.add_block("y", problem.fixed_cost.astype(float), lower, upper, integer=True)
    x = m.add_block("x", comp.cost.astype(float), 0.0, 1.0, integer=False)
    m.add_rows("(1)", comp.customer, x, 1.0, np.ones(comp.n), np.ones(comp.n))
    room = np.maximum(problem.capacity.astype(float) - cut, 0.0)
    m.add_rows("(2)", np.r_[comp.site, np.arange(comp.m)], np.r_[x, y],
               np.r_[comp.pair_demand, -room], -np.inf, np.zeros(comp.m))
    pairs = np.arange(comp.k)
    m.add_rows("(3)", np.r_[pairs, pairs], np.r_[x, y[comp.site]],
               np.r_[np.ones(comp.k), -np.ones(comp.k)], -np.inf, np.zeros(comp.k))
    return m


def chosen_sites(comp: Compiled, time_limit: float, seed: int = 0,
                 haircut: float = HAIRCUT) -> np.ndarray | None:
    """The open sites of (1)-(4) solved as RENS restricts it, ``h`` = ``haircut`` times the
    mean demand (None: no solution within ``time_limit`` seconds)."""
    demand = comp.problem.demand
    cut = haircut * float(demand.sum()) / max(int((demand > 0).sum()), 1)
    milp = model(comp, cut)
    y = milp.block("y")
    relaxed = HighsSolver(time_limit=time_limit).solve(milp, relax=True)
    if relaxed.values is None:
        return None
    opened = relaxed.values[y]
    lower, upper = milp.lower.copy(), milp.upper.copy()
    lower[y[opened > 1 - INTEGRAL]] = 1.0
    upper[y[opened < INTEGRAL]] = 0.0
    solved = HighsSolver(time_limit=time_limit, relative_gap=1e-5, seed=seed).solve(
        milp, lower=lower, upper=upper)
    if solved.values is None:
        return None
    return solved.values[y] > 0.5


def chosen_move(moves: list[tuple[Incumbent, float, np.ndarray]]
                ) -> tuple[Incumbent, np.ndarray]:
    """Of the moves (solution, split cost of the set moved to: a bound of its cost, the set)
    within :data:`MOVE_TIE` of the cheapest, the one whose set opens the most sites, then
    has the least bound (the order of :func:`._haircut_move.set_order`)."""
    cheapest = min(found.cost for found, *_ in moves)
    near = [(-int(sites.sum()), bound, found.cost, index)
            for index, (found, bound, sites) in enumerate(moves)
            if found.cost <= cheapest + MOVE_TIE * abs(cheapest)]
    found, _, sites = moves[min(near)[3]]
    return found, sites


def move_between(is_open: np.ndarray, sites: np.ndarray) -> Move:
    """The sites ``is_open`` has and ``sites`` has not, and those ``sites`` adds."""
    return (tuple(np.flatnonzero(is_open & ~sites).tolist()),
            tuple(np.flatnonzero(sites & ~is_open).tolist()))


#: Moves within this share of the cheapest are told apart by their open set (more sites
#: open, then less split cost): a move's cost after CP-SAT and one RINS says little of the
#: set's single-source cost. On Trafford's 73 schools the move to set A (split 30,600.12,
#: the best known's) cost 0.21-0.69 % more than the move to B (30,694.61) in 4 of 8 runs,
#: B was kept at 0.1 % and every run kept in B ended 0.16-0.43 % above the best known
#: (docs/facility-bench.md R23; R17-R18: 0 of 21 runs ending in B within 0.1 %).
MOVE_TIE = 1e-2
