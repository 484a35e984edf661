r"""One more closure: close an open site and re-route the customers the split flow moves.

For the single-source problems :mod:`._cp_neighbourhood` solves (one whole-number capacity,
no steps, budget, open count or side rules). The neighbourhood search of
:mod:`._neighbourhood` closes a site only when its customers fit in the ten sites around
it; with about 1 % of the places spare (school-sized instances whose best solutions close
every school they can) a closure needs spare places from far away, through chains of
moves across the whole authority, and the search ends in a basin with one school more
open than the best known (docs/facility-bench.md, R12-R14). The split assignment names
those chains at once, and CP-SAT makes them single-source.

The move, from an incumbent with open sites ``O`` (capacities ``q``, demands ``d``) leaving
``spare = Σ_{i∈O} q_i − Σ_j d_j`` places:

1. Candidates: every open site ``s`` not forced open with ``q_s ≤ spare``.
2. Rank: the split assignment of ``O \ {s}`` (min-cost flow,
   :func:`~junheng.optimize.assign.transport_flow`), cheapest first; a candidate without one
   (its customers cannot be served) is dropped.
3. For the first :data:`TRIES`: the movers ``M`` are the customers whose split assignment
   differs from the incumbent's (every customer of ``s`` among them), and CP-SAT solves,
   every other customer and every site as in the incumbent (costs scaled and rounded as in
   :mod:`._cp_neighbourhood`, re-priced exactly after)::

       min  Σ_{(i,j)∈P} c_ij x_ij                 P: pairs of M to O \ {s}
       (1)  Σ_{i:(i,j)∈P} x_ij = 1                 for j ∈ M          (served once)
       (2)  Σ_{j∈M} d_j x_ij ≤ q_i − r_i           for i ∈ O \ {s}   (r_i: demand at i outside M)
       (3)  y_s = 0                                                   (the closure)
            x ∈ {0, 1}

   then the shift / swap descent of :mod:`._gap_search`.
4. The first result cheaper than the incumbent replaces it and the move is tried again (a
   further closure).
5. When none of the :data:`TRIES` is cheaper: a swap, a closed site ``r`` (not forced
   closed) opened and an open ``s`` closed, ``q_s ≤ spare + q_r``, each pair ranked by the
   split assignment of ``O ∪ {r} \ {s}`` (kept only when cheaper than the incumbent) and
   tried as in 3, with ``P`` the pairs of ``M`` to ``O ∪ {r} \ {s}`` and ``y_r`` free; the
   first cheaper result replaces the incumbent and 1-5 start again. When none is cheaper,
   or at the deadline, it stops.
6. With a ``memo`` (one per solve), a move tried from an open set without improvement is
   not tried again from the same open set: a later call (the search stalled again, in the
   same basin) goes further down the ranking. Without it every kick of the last search on
   Trafford's 74 schools tried the same three closures (4 s of CP-SAT each, none cheaper at
   62 open) and ran out of its 18 s before a swap (docs/facility-bench.md, R15).

Measured on Trafford's 74 schools (25,537 places for 22,875 pupils; best known 29,920.05):
from a 120 s run's end of 30,095.09 (63 open) the flow ranks site 71 first of 19, CP-SAT
proves (1)-(3) in 1.3 s and the descent gives 29,941.80 (62 open); from another end of
30,095.22 the first of 34 gives 30,001.39 with 4 s of CP-SAT.
"""

from __future__ import annotations

import math
import time

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import solve_around
from junheng.optimize._gap_search import descend
from junheng.optimize._neighbourhood import cpu_share
from junheng.optimize.assign import Incumbent, transport_flow

#: Candidates tried with CP-SAT per closure, cheapest split assignment first.
TRIES = 3
#: Share of the time left that a ranking may take.
RANKING = 1.0
#: CP-SAT's limit per candidate in CPU seconds (stretched by the process's share of a core).
SUB_SECONDS = 4.0


def candidates(comp: Compiled, inc: Incumbent, *, swap: bool = False,
               deadline: float = math.inf
               ) -> list[tuple[float, tuple[int, int | None], Incumbent]]:
    """Step 1 and 2: (split cost, (closed site, opened site or None), split assignment) of
    each candidate, cheapest first; with ``swap``, step 5's pairs. The flows are computed
    smallest closed site first until ``deadline`` (a swap ranking has a flow for each pair
    of a closed and an open site: 576 on Trafford's 73 schools, 5-9 s)."""
    problem = comp.problem
    spare = float(problem.capacity[inc.is_open].sum() - problem.demand.sum())
    closable = inc.is_open & ~comp.forced
    moves = ([(int(s), None) for s in np.flatnonzero(closable & (problem.capacity <= spare + 1e-9))]
             if not swap else
             [(int(s), int(r)) for r in np.flatnonzero(~inc.is_open & comp.usable)
              for s in np.flatnonzero(closable & (problem.capacity
                                                  <= spare + problem.capacity[r] + 1e-9))])
    ranked = []
    for s, r in sorted(moves, key=lambda move: (problem.capacity[move[0]], move)):
        if time.perf_counter() > deadline:
            break
        split = transport_flow(comp, _moved(inc.is_open, (s, r)))
        if split is not None and (r is None or split.cost < inc.cost):
            ranked.append((split.cost, (s, r), split))
    ranked.sort(key=lambda item: (item[0], item[1][0], -1 if item[1][1] is None else item[1][1]))
    return ranked


def close_one(comp: Compiled, inc: Incumbent, move: tuple[int, int | None], split: Incumbent,
              time_limit: float, seed: int) -> Incumbent | None:
    """Step 3 for ``move`` (site closed, site opened or None): CP-SAT over the movers, then
    the descent (None: no solution)."""
    s, r = move
    movers = np.zeros(comp.n, dtype=bool)
    movers[comp.customer[np.abs(split.x - (inc.x > 0.5)) > 1e-6]] = True
    free = np.zeros(comp.m, dtype=bool)
    free[s] = True
    if r is not None:
        free[r] = True
    found, _ = solve_around(comp, inc, free, time_limit, seed, shut=s, movers=movers)
    return None if found is None else descend(comp, found)


class Memo:
    """Step 6, for one solve: per open set (:meth:`Incumbent.key`), the moves tried without
    improvement and each complete ranking (split cost, move; the flows are recomputed for
    the moves tried, a few hundredths of a second each)."""

    def __init__(self) -> None:
        self.tried: dict[bytes, set[tuple[int, int | None]]] = {}
        self.ranked: dict[tuple[bytes, bool], list[tuple[float, tuple[int, int | None]]]] = {}

    def fresh(self, comp: Compiled, inc: Incumbent, *, swap: bool, deadline: float
              ) -> list[tuple[float, tuple[int, int | None], Incumbent | None]]:
        """The ranking of step 2 for ``inc`` without the moves tried from its open set
        (a swap only while its split cost is below ``inc``'s cost); the split assignment is
        None where the ranking came from the memo."""
        key, tried = inc.key(), self.tried.get(inc.key(), set())
        known = self.ranked.get((key, swap))
        if known is None:
            found = candidates(comp, inc, swap=swap, deadline=deadline)
            if time.perf_counter() <= deadline:  # complete: kept
                self.ranked[(key, swap)] = [(cost, move) for cost, move, _ in found]
            return [item for item in found if item[1] not in tried]
        return [(cost, move, None) for cost, move in known
                if move not in tried and (move[1] is None or cost < inc.cost)]


def deepen(comp: Compiled, start: Incumbent, *, deadline: float, seed: int = 0,
           clock: tuple[float, float] | None = None, tries: int = TRIES,
           sub_seconds: float = SUB_SECONDS, memo: Memo | None = None) -> Incumbent:
    """Steps 1-4 (and 6 with ``memo``) from ``start`` until nothing improves or
    ``deadline``; ``clock`` (wall, CPU readings) is where the process's share of a core is
    measured from."""
    began = clock or (time.perf_counter(), time.process_time())
    best, memo = start, Memo() if memo is None else memo
    while time.perf_counter() < deadline:
        found = _first_better(comp, best, deadline, seed, began, tries, sub_seconds, memo)
        if found is None:  # step 5
            found = _first_better(comp, best, deadline, seed, began, tries, sub_seconds,
                                  memo, swap=True)
        if found is None:
            return best
        best = found
    return best


def _first_better(comp: Compiled, inc: Incumbent, deadline: float, seed: int,
                  began: tuple[float, float], tries: int, sub_seconds: float,
                  memo: Memo, swap: bool = False) -> Incumbent | None:
    """Step 3 for the ranked candidates in turn, leaving out those ``memo`` holds for
    ``inc``'s open set (step 6): the first result cheaper than ``inc``."""
    ranking = time.perf_counter() + RANKING * (deadline - time.perf_counter())
    for _, move, split in memo.fresh(comp, inc, swap=swap, deadline=ranking)[:tries]:
        left = deadline - time.perf_counter()
        if left <= 0.05:
            return None
        if split is None:
            split = transport_flow(comp, _moved(inc.is_open, move))
        trial = None if split is None else close_one(comp, inc, move, split, min(sub_seconds / cpu_share(began), left),
                          seed)
        if trial is not None and trial.cost < inc.cost - 1e-9 * max(1.0, abs(inc.cost)):
            return trial
        memo.tried.setdefault(inc.key(), set()).add(move)
    return None


def _moved(is_open: np.ndarray, move: tuple[int, int | None]) -> np.ndarray:
    """``is_open`` with the move's site closed (and its other site opened)."""
    shut, opened = move
    is_open = is_open.copy()
    is_open[shut] = False
    if opened is not None:
        is_open[opened] = True
    return is_open
