r"""The assignment of a fixed open set, re-optimised where it differs from the split flow.

For the single-source problems :mod:`._cp_neighbourhood` solves. RINS (Danna, Rothberg and
Le Pape, Math. Prog. 102, 2005) fixes the variables on which the incumbent and the LP
relaxation agree and solves the rest as a sub-MIP. Here the relaxation is the split
assignment of the incumbent's open set ``O`` (min-cost flow,
:func:`~junheng.optimize.assign.transport_flow`); the movers ``M`` are the customers whose
split assignment differs from the incumbent's, and CP-SAT solves, every other customer and
every site as in the incumbent (costs scaled and rounded as in :mod:`._cp_neighbourhood`,
re-priced exactly after)::

    min  Σ_{(i,j)∈P} c_ij x_ij                 P: pairs of M to O
    (1)  Σ_{i:(i,j)∈P} x_ij = 1                 for j ∈ M          (served once)
    (2)  Σ_{j∈M} d_j x_ij ≤ q_i − r_i           for i ∈ O          (r_i: demand at i outside M)
         x ∈ {0, 1}

then the shift / swap descent of :mod:`._gap_search`. The movers lie all over the
authority, where the neighbourhood search's sub-MIPs each see ten sites around one: with
about 3 places spare a school, a better single-source assignment moves pupils along chains
no such sub-MIP holds.

:func:`rins_search` repeats it until a deadline with the customers of :data:`SITES` sites
drawn at random added to ``M`` each time (from an end where the neighbourhood search had
stalled, 29,941.72 on Trafford's 74 schools: 29,898.26 after 40 s, 51 sub-problems of
142-161 customers, each within 3 s).

Measured on Trafford's 74 schools at the ends of five 120 s runs (62 open, 94-114 movers):
30,106.68 -> 30,063.56, 30,101.80 -> 30,097.62, 30,149.03 -> 30,110.97, 30,003.81 ->
29,940.01 and 29,958.07 -> 29,929.89, each proved optimal within its movers in 1-5 s
(docs/facility-bench.md, R16).
"""

from __future__ import annotations

import time

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import solve_around
from junheng.optimize._gap_search import descend
from junheng.optimize.assign import Incumbent, transport_flow


def movers(comp: Compiled, inc: Incumbent) -> np.ndarray | None:
    """The customers whose split assignment of ``inc``'s open set differs from ``inc``'s
    (None: the open set has no split assignment)."""
    split = transport_flow(comp, inc.is_open)
    if split is None:
        return None
    moving = np.zeros(comp.n, dtype=bool)
    moving[comp.customer[np.abs(split.x - (inc.x > 0.5)) > 1e-6]] = True
    return moving


def rins(comp: Compiled, inc: Incumbent, time_limit: float, seed: int = 0) -> Incumbent:
    """(1)-(2) for ``inc``'s movers, then the descent: the result when cheaper than
    ``inc``, else ``inc``."""
    moving = movers(comp, inc)
    if moving is None or not moving.any():
        return inc
    found, _ = solve_around(comp, inc, np.zeros(comp.m, dtype=bool), time_limit, seed,
                            movers=moving)
    if found is None:
        return inc
    found = descend(comp, found)
    return found if found.cost < inc.cost - 1e-9 * max(1.0, abs(inc.cost)) else inc


#: Sites whose customers :func:`rins_search` adds to the movers each time.
SITES = 6
#: CP-SAT's limit per sub-problem of :func:`rins_search`, in seconds of CPU.
SUB_SECONDS = 3.0


def rins_search(comp: Compiled, start: Incumbent, deadline: float, seed: int = 0,
                share: float = 1.0) -> Incumbent:
    """(1)-(2) again and again until ``deadline``, the customers of :data:`SITES` random
    sites added to the movers each time after the first: the best assignment reached
    (``start`` when none is cheaper). ``share`` is the process's share of a core (each
    sub-problem gets :data:`SUB_SECONDS` of CPU)."""
    rng = np.random.default_rng(seed)
    best, first = start, True
    while time.perf_counter() < deadline:
        moving = movers(comp, best)
        if moving is None:
            return best
        if not first:
            extra = rng.choice(comp.m, min(SITES, comp.m), replace=False)
            moving[comp.customer[(best.x > 0.5) & np.isin(comp.site, extra)]] = True
        first = False
        limit = min(SUB_SECONDS / share, deadline - time.perf_counter())
        if limit <= 0.05:
            break
        if not moving.any():
            continue
        found, _ = solve_around(comp, best, np.zeros(comp.m, dtype=bool), limit,
                                seed + int(rng.integers(1 << 30)), movers=moving)
        if found is not None:
            found = descend(comp, found)
            if found.cost < best.cost - 1e-9 * max(1.0, abs(best.cost)):
                best = found
    return best
