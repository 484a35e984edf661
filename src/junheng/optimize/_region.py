r"""The assignment of a settled open set re-optimised one region at a time.

For the single-source problems :mod:`._cp_neighbourhood` solves. Once
:func:`._haircut_move.haircut_step` has moved to a cut set, the open set ``O`` is settled
(every run on Trafford's 73 schools ended in the set it moved to, docs/facility-bench.md
R24-R25) and what is left is the single-source generalized assignment problem of ``O``:
with about 0.9 % of the places spare (Trafford 73: 199 places over 63 schools, 52 of them
with fewer than 5) a better assignment moves pupils along chains through 20-40 schools
(R25: the end of seed 1 and that of seed 0 differ in 73 areas over 32 schools). Plain
HiGHS on the whole assignment (737 areas, 6,340 pairs) finished no node in 20 s of CPU,
and neither it nor CP-SAT over every customer improved a stalled end in 15-20 s; RINS
(:mod:`._rins`) adds the customers of sites drawn at random, all over the authority.

A *region* is a seed site and the :data:`SIZE` - 1 open sites sharing most customers with
it (:func:`._neighbourhood.site_neighbours`, closed sites skipped); its movers ``M`` are the
customers the incumbent serves from the region, and CP-SAT solves, every other customer
and every site as in the incumbent (costs scaled and rounded as in
:mod:`._cp_neighbourhood`, re-priced exactly after)::

    min  Σ_{(i,j)∈P} c_ij x_ij                 P: pairs of M to O
    (1)  Σ_{i:(i,j)∈P} x_ij = 1                 for j ∈ M          (served once)
    (2)  Σ_{j∈M} d_j x_ij ≤ q_i − r_i           for i ∈ O          (r_i: demand at i outside M)
         x ∈ {0, 1}

then the shift / swap descent of :mod:`._gap_search`. The seeds cycle over the open sites
in a seeded random order, across calls (:class:`Regions`).

Measured from stalled ends in set A on Trafford's 73 schools (CPU seconds): 31,013.61 ->
30,882.87 and 30,940.65 in 60 s (11 sites, 3 s a region, two seeds), 30,909.90 and
30,942.27 (14 sites, 4 s); 30,930.24 -> 30,880.11 in 45 s (11 sites); with HiGHS instead of
CP-SAT on the same regions 31,013.61 -> 30,921.54 (14 sites). In 120 s runs the regions gained
in every run after a move, but the count within 0.1 % of the best known was decided by
whether the move reached set A (docs/facility-bench.md, R25).
"""

from __future__ import annotations

import time

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import solve_around
from junheng.optimize._gap_search import descend
from junheng.optimize._neighbourhood import site_neighbours
from junheng.optimize.assign import Incumbent

#: Open sites in a region (the seed included).
SIZE = 11
#: CP-SAT's limit per region, in seconds of CPU (stretched by the process's share of a core).
SUB_SECONDS = 3.0


class Regions:
    """The seed cycle of :func:`region_search`, kept across calls (one per solve): a later
    call goes on with the next seed instead of trying the first ones again."""

    def __init__(self, comp: Compiled, seed: int = 0):
        self.order = site_neighbours(comp)
        self.seeds = np.random.default_rng(seed).permutation(comp.m)
        self.position = 0

    def next_seed(self, is_open: np.ndarray) -> int | None:
        """The next open site of the cycle (None when no site is open)."""
        for _ in range(self.seeds.size):
            site = int(self.seeds[self.position % self.seeds.size])
            self.position += 1
            if is_open[site]:
                return site
        return None

    def region(self, site: int, is_open: np.ndarray) -> np.ndarray:
        """``site`` and the :data:`SIZE` - 1 open sites sharing most customers with it."""
        near = [int(i) for i in self.order[site] if is_open[i] and i != site]
        free = np.zeros(is_open.size, dtype=bool)
        free[[site, *near[: SIZE - 1]]] = True
        return free


def region_search(comp: Compiled, start: Incumbent, deadline: float, regions: Regions,
                  seed: int = 0, share: float = 1.0) -> Incumbent:
    """(1)-(2) over one region after another until ``deadline``, or until CP-SAT has proved
    a region optimal without improvement around every open seed in a row: the best
    assignment reached (``start`` when none is cheaper). ``share`` is the process's share
    of a core (each region gets :data:`SUB_SECONDS` of CPU)."""
    best, settled = start, 0
    while settled < int(best.is_open.sum()):
        limit = min(SUB_SECONDS / share, deadline - time.perf_counter())
        site = regions.next_seed(best.is_open)
        if limit <= 0.05 or site is None:
            break
        used = best.x > 0.5
        moving = np.zeros(comp.n, dtype=bool)
        moving[comp.customer[used & regions.region(site, best.is_open)[comp.site]]] = True
        found, finished = solve_around(comp, best, np.zeros(comp.m, dtype=bool), limit,
                                       seed + regions.position, movers=moving)
        found = None if found is None else descend(comp, found)
        if found is not None and found.cost < best.cost - 1e-9 * max(1.0, abs(best.cost)):
            best, settled = found, 0
        else:
            settled = settled + 1 if finished else 0
    return best
