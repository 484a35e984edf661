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
   split assignment of ``O ∪ {r} \\ {s}`` (kept only when cheaper than the incumbent) and
   tried as in 3, with ``P`` the pairs of ``M`` to ``O ∪ {r} \\ {s}`` and ``y_r`` free; the
   first cheaper result replaces the incumbent and 1-5 start again. When none is cheaper,
   or at the deadline, it stops.
6. With a ``memo`` (one per solve), a move tried from an open set without improvement is
   not tried again from the same open set: a later call (the search stalled again, in the
   same basin) goes further down the ranking. Without it every kick of the last search on
   Trafford's 74 schools tried the same three closures (4 s of CP-SAT each, none cheaper at
   62 open) and ran out of its 18 s before a swap (docs/facility-bench.md, R15). The memo
   also keeps every split cost computed, so a ranking cut short by the deadline (286 flows
   at 62 open, 10 s of CPU) goes on at the next call instead of starting again.
7. Double swaps join step 5's ranking once it is complete: two of its first
   :data:`PAIRS_FROM` swaps with four different sites, made together
   (``O ∪ {r, r'} \\ {s, s'}``, ``q_s + q_s' ≤ spare + q_r + q_r'``), ranked by their split
   assignment among the single swaps and tried as in 3 with ``y_s = y_s' = 0``. On Trafford's
   74 schools the 120 s runs that miss the best known end two swaps away from its open set
   (seed 4: 52 and 58 closed instead of 43 and 70; seed 9: 8 and 52 instead of 17 and 70),
   where no single swap is cheaper; from seed 4's end (30,051.95) the first double swap of
   15 (split 29,700.51, the best known's own set) gives 29,982.07 with CP-SAT and the
   descent, the best known's open set (docs/facility-bench.md, R16).

Measured on Trafford's 74 schools (25,537 places for 22,875 pupils; best known 29,920.05):
from a 120 s run's end of 30,095.09 (63 open) the flow ranks site 71 first of 19, CP-SAT
proves (1)-(3) in 1.3 s and the descent gives 29,941.80 (62 open); from another end of
30,095.22 the first of 34 gives 30,001.39 with 4 s of CP-SAT.
"""

from __future__ import annotations

import math
import time
from itertools import combinations

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import solve_around
from junheng.optimize._gap_search import descend
from junheng.optimize._neighbourhood import cpu_share
from junheng.optimize.assign import Incumbent, transport_flow

#: Candidates tried with CP-SAT per closure, cheapest split assignment first.
TRIES = 3
#: Closures tried from one open set in all (step 6): at 62 open on Trafford's 74 schools
#: none of the first three is cheaper, and each further one cost a kick 4 s of CP-SAT
#: before its swaps (docs/facility-bench.md, R16).
CLOSURES = 3
#: Share of the time left that a ranking may take.
RANKING = 1.0
#: CP-SAT's limit per candidate in CPU seconds (stretched by the process's share of a core).
SUB_SECONDS = 4.0
#: Single swaps (step 5's ranking, cheapest split first) whose pairs step 7 ranks.
PAIRS_FROM = 8

#: A move: the site closed and the site opened (None for a closure), or for step 7's double
#: swap the two sites closed and the two opened.
Move = tuple[int | tuple[int, ...], int | tuple[int, ...] | None]
#: Split cost of each move whose flow was computed (None: its customers cannot be served).
Flows = dict[Move, float | None]


def candidates(comp: Compiled, inc: Incumbent, *, swap: bool = False,
               deadline: float = math.inf, flows: Flows | None = None
               ) -> list[tuple[float, Move, Incumbent | None]]:
    """Step 1 and 2: (split cost, (closed site, opened site or None), split assignment) of
    each candidate, cheapest first; with ``swap``, step 5's pairs. The flows are computed
    smallest closed site first until ``deadline`` (a swap ranking has a flow for each pair
    of a closed and an open site: 286 on Trafford's 74 schools at 62 open, 10 s); those
    ``flows`` holds are taken from it (split assignment None) and the others added to it."""
    problem = comp.problem
    spare = float(problem.capacity[inc.is_open].sum() - problem.demand.sum())
    closable = inc.is_open & ~comp.forced
    moves = ([(int(s), None) for s in np.flatnonzero(closable & (problem.capacity <= spare + 1e-9))]
             if not swap else
             [(int(s), int(r)) for r in np.flatnonzero(~inc.is_open & comp.usable)
              for s in np.flatnonzero(closable & (problem.capacity
                                                  <= spare + problem.capacity[r] + 1e-9))])
    moves.sort(key=lambda move: (problem.capacity[move[0]], move))
    return _priced(comp, inc, moves, deadline, flows)


def _priced(comp: Compiled, inc: Incumbent, moves: list[Move], deadline: float,
            flows: Flows | None) -> list[tuple[float, Move, Incumbent | None]]:
    """(split cost, move, split assignment) of ``moves`` in turn until ``deadline``, cheapest
    first; a swap kept only when cheaper than ``inc`` (``flows`` as in :func:`candidates`)."""
    flows = {} if flows is None else flows
    ranked: list[tuple[float, Move, Incumbent | None]] = []
    for move in moves:
        split = None
        if move not in flows:
            if time.perf_counter() > deadline:
                break
            split = transport_flow(comp, _moved(inc.is_open, move))
            flows[move] = None if split is None else split.cost
        cost = flows[move]
        if cost is not None and (move[1] is None or cost < inc.cost):
            ranked.append((cost, move, split))
    return sorted(ranked, key=_order)


def _order(item: tuple[float, Move, Incumbent | None]) -> tuple:
    """Cheapest split first; ties by the sites closed, then opened (a closure first)."""
    cost, (shut, opened), _ = item
    return (cost, _sites(shut), (-1,) if opened is None else _sites(opened))


def close_one(comp: Compiled, inc: Incumbent, move: Move, split: Incumbent,
              time_limit: float, seed: int, *, everyone: bool = False) -> Incumbent | None:
    """Step 3 for ``move`` (site closed, site opened or None): CP-SAT over the movers, then
    the descent (None: no solution). With ``everyone``, every customer is a mover: the
    whole single-source assignment of the moved open set, the split assignment rounded as
    hint (where the customers the split flow keeps in place block every single-source
    assignment of the movers: :func:`._haircut_move.haircut_step`'s fallback)."""
    return close_proved(comp, inc, move, split, time_limit, seed, everyone=everyone)[0]


def close_proved(comp: Compiled, inc: Incumbent, move: Move, split: Incumbent,
                 time_limit: float, seed: int, *, everyone: bool = False
                 ) -> tuple[Incumbent | None, bool]:
    """:func:`close_one`'s solution and whether CP-SAT finished (with no solution: proved
    that the movers have no assignment, so that another try with another seed is futile)."""
    s, r = move
    movers = np.full(comp.n, everyone)
    movers[comp.customer[np.abs(split.x - (inc.x > 0.5)) > 1e-6]] = True
    free = np.zeros(comp.m, dtype=bool)
    free[list(_sites(s))] = True
    free[list(_sites(r))] = True
    hint = (_moved(inc.is_open, move), np.where(movers[comp.customer], _largest(comp, split.x),
                                                inc.x > 0.5))
    found, finished = solve_around(comp, inc, free, time_limit, seed, shut=_sites(s),
                                   movers=movers, hint=hint)
    return (None if found is None else descend(comp, found)), finished


def _largest(comp: Compiled, x: np.ndarray) -> np.ndarray:
    """Each customer's pair with the largest share of ``x`` (ties: the lower pair index):
    the split assignment rounded to single source, CP-SAT's hint for the movers (with the
    incumbent's pairs as hint, the movers of the sites closed had none, and CP-SAT found no
    solution of a double swap in 4 s: docs/facility-bench.md, R16)."""
    order = np.lexsort((np.arange(comp.k), -x, comp.customer))
    first = np.r_[True, comp.customer[order][1:] != comp.customer[order][:-1]]
    largest = np.zeros(comp.k, dtype=bool)
    largest[order[first]] = True
    return largest


def double_swaps(comp: Compiled, inc: Incumbent, singles: list[tuple[float, Move, object]],
                 *, deadline: float = math.inf, flows: Flows | None = None
                 ) -> list[tuple[float, Move, Incumbent | None]]:
    """Step 7's ranking: two of the first :data:`PAIRS_FROM` single swaps of ``singles``
    (step 5's ranking, cheapest first) with four different sites made together, each ranked
    by the split assignment of ``O ∪ {r, r'} \\ {s, s'}`` and kept when cheaper than ``inc``
    (``flows`` as in :func:`candidates`)."""
    problem = comp.problem
    spare = float(problem.capacity[inc.is_open].sum() - problem.demand.sum())
    moves: list[Move] = [
        ((s, t), (r, u)) if s < t else ((t, s), (u, r))
        for (_, (s, r), _), (_, (t, u), _) in combinations(singles[:PAIRS_FROM], 2)
        if len({s, r, t, u}) == 4 and (problem.capacity[[s, t]].sum()
                                       <= spare + problem.capacity[[r, u]].sum() + 1e-9)]
    return _priced(comp, inc, moves, deadline, flows)


class Memo:
    """Step 6, for one solve: per open set (:meth:`Incumbent.key`), the moves tried without
    improvement and the split cost of every move whose flow was computed, so that a ranking
    cut short by its deadline goes on where it stopped at the next call (a flow is recomputed
    for a move tried, a few hundredths of a second)."""

    def __init__(self) -> None:
        self.tried: dict[bytes, set[Move]] = {}
        self.flows: dict[bytes, Flows] = {}

    def fresh(self, comp: Compiled, inc: Incumbent, *, swap: bool, deadline: float
              ) -> list[tuple[float, Move, Incumbent | None]]:
        """The ranking of step 2 (with ``swap``: of steps 5 and 7 together, cheapest split
        first) for ``inc`` without the moves tried from its open set; a swap only while its
        split cost is below ``inc``'s cost. The double swaps join once step 5's ranking is
        complete."""
        key = inc.key()
        tried, flows = self.tried.get(key, set()), self.flows.setdefault(key, {})
        ranked = candidates(comp, inc, swap=swap, deadline=deadline, flows=flows)
        if swap and time.perf_counter() <= deadline:
            ranked = sorted(ranked + double_swaps(comp, inc, ranked, deadline=deadline,
                                                  flows=flows), key=_order)
        return [item for item in ranked if item[1] not in tried]

    def closures(self, inc: Incumbent) -> int:
        """How many closures were tried from ``inc``'s open set without improvement."""
        return sum(opened is None for _, opened in self.tried.get(inc.key(), ()))


def deepen(comp: Compiled, start: Incumbent, *, deadline: float, seed: int = 0,
           clock: tuple[float, float] | None = None, tries: int = TRIES,
           sub_seconds: float = SUB_SECONDS, memo: Memo | None = None,
           once: bool = False) -> Incumbent:
    """Steps 1-7 (6 with ``memo``) from ``start`` until nothing improves or ``deadline``
    (with ``once``, after the first improvement); ``clock`` (wall, CPU readings) is where
    the process's share of a core is measured from."""
    began = clock or (time.perf_counter(), time.process_time())
    best, memo = start, Memo() if memo is None else memo
    while time.perf_counter() < deadline:
        found = _first_better(comp, best, deadline, seed, began, tries, sub_seconds, memo)
        if found is None:  # steps 5 and 7
            found = _first_better(comp, best, deadline, seed, began, tries, sub_seconds,
                                  memo, swap=True)
        if found is None:
            return best
        best = found
        if once:
            break
    return best


def _first_better(comp: Compiled, inc: Incumbent, deadline: float, seed: int,
                  began: tuple[float, float], tries: int, sub_seconds: float,
                  memo: Memo, swap: bool = False) -> Incumbent | None:
    """Step 3 for the ranked candidates in turn, leaving out those ``memo`` holds for
    ``inc``'s open set (step 6): the first result cheaper than ``inc``."""
    ranking = time.perf_counter() + RANKING * (deadline - time.perf_counter())
    fresh = memo.fresh(comp, inc, swap=swap, deadline=ranking)
    if not swap:  # step 6: at most CLOSURES closures per open set
        fresh = fresh[:max(CLOSURES - memo.closures(inc), 0)]
    for _, move, split in fresh[:tries]:
        left = deadline - time.perf_counter()
        if left <= 0.05:
            return None
        if split is None:
            split = transport_flow(comp, _moved(inc.is_open, move))
        limit = min(sub_seconds / cpu_share(began), left)
        trial = None if split is None else close_one(comp, inc, move, split, limit, seed)
        if trial is not None and trial.cost < inc.cost - 1e-9 * max(1.0, abs(inc.cost)):
            return trial
        memo.tried.setdefault(inc.key(), set()).add(move)
    return None


def _moved(is_open: np.ndarray, move: Move) -> np.ndarray:
    """``is_open`` with the move's sites closed (and its other sites opened)."""
    shut, opened = move
    is_open = is_open.copy()
    is_open[list(_sites(shut))] = False
    is_open[list(_sites(opened))] = True
    return is_open


def _sites(part: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """A move's closed (or opened) sites: one, several (a double swap) or none."""
    return () if part is None else tuple(int(site) for site in np.atleast_1d(part))
