"""The move to the open set of :mod:`._haircut`: a step of :mod:`._large_single`'s trajectory.

Each cut of :data:`HAIRCUTS` gives an open set (:func:`cut_sets`, ordered by
:func:`set_order`); the incumbent is moved to each in turn (:func:`move_to`; ordered
sets up to the first one reached, :data:`FIRST_ORDERED`) until :data:`HAIRCUT_WALL` of
the time limit has passed, and one move is kept (:func:`._haircut.chosen_move`) as the
last search's start.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from junheng.optimize._cp_neighbourhood import applies as cp_applies
from junheng.optimize._deepen import SUB_SECONDS, close_proved
from junheng.optimize._haircut import HAIRCUT, chosen_move, chosen_sites, move_between
from junheng.optimize._neighbourhood import capped, cpu_share
from junheng.optimize._rins import rins
from junheng.optimize.assign import Incumbent, transport_flow

if TYPE_CHECKING:
    from junheng.optimize.solve import _Run as Run


def haircut_step(run: Run) -> None:
    """The incumbent moved to the open set of :mod:`._haircut` for each cut of
    :data:`HAIRCUTS` giving a new set (:func:`move_to`), in :func:`cut_sets`' order (where
    the sets are ordered, up to the first one reached, :data:`FIRST_ORDERED`, and a set
    ordered before it and missed is tried again from that move), one move kept
    (:func:`chosen_move`), offered to the run; the last search starts from it even
    when it is dearer than the incumbent (a set's single-source cost shows only after the
    search: on Trafford's 74 schools the best known's set reached from a run's end was
    30,110.84 after CP-SAT, 30,000.26 after 20 s of search, against the end's own 30,051.95;
    docs/facility-bench.md R16). With no move the incumbent stays (:func:`closure_step`
    tries a closure). ``details["haircut"]`` gets (from, to, seconds, sites closed, sites
    opened) of the move kept, ``details["haircuts"]`` (cut, sites open, cost reached or
    None) of each set moved to, in turn; ``details["haircut_capped"]`` the cuts not
    reached by :data:`HAIRCUT_WALL` (:data:`STARVED_WALL` after the quick MILP)."""
    start = run.incumbent
    if start is None or not cp_applies(run.comp) or run.left() <= 0:
        return
    began, moves = time.perf_counter(), []
    wall = STARVED_WALL if run.cache.get("quick") else HAIRCUT_WALL
    until = min(run.deadline, began + wall * run.options.time_limit)
    sets, ordered = cut_sets(run, start, until)
    first, missed = ordered and FIRST_ORDERED, []
    for cut, sites, split in sets:
        if moves and first:
            break
        if time.perf_counter() >= until:
            run.details.setdefault("haircut_capped", []).append(cut)
            continue
        found = _moved(run, [start] + sorted((m[0] for m in moves), key=_cost)[:1],
                       (cut, sites, split), until)
        if found is not None:
            moves.append((found, split.cost, sites))
        else:
            missed.append((cut, sites, split))
    for cut, sites, split in missed if moves and first else []:
        found = _moved(run, [moves[0][0]], (cut, sites, split), until)
        if found is not None:
            moves.append((found, split.cost, sites))
    best, sites = chosen_move(moves) if moves else (start, start.is_open)
    if moves:
        run.offer(best)
        run.cache["start"] = run.cache["moved"] = best
    shut, opened = move_between(start.is_open, sites)
    run.details["haircut"] = (start.cost, best.cost, round(time.perf_counter() - began, 3),
                              len(shut), len(opened))


def _moved(run: Run, bases: list[Incumbent], item: tuple[float, np.ndarray, Incumbent],
           until: float) -> Incumbent | None:
    """:func:`move_to` the set of ``item`` (cut, open set, split assignment) from ``bases``,
    recorded in ``details["haircuts"]``."""
    cut, sites, split = item
    found = move_to(run, bases, sites, split, until=until)
    run.details.setdefault("haircuts", []).append(
        (cut, int(sites.sum()), None if found is None else found.cost))
    return found


def cut_sets(run: Run, start: Incumbent, until: float
             ) -> tuple[Iterable[tuple[float, np.ndarray, Incumbent]], bool]:
    """(cut, open set, its split assignment) of each cut of :data:`HAIRCUTS` whose set is
    new (not ``start``'s, not an earlier cut's) and has a split assignment, and whether
    they are ordered (by :func:`set_order`, below), computed until
    ``until`` (the cuts after it go to ``details["haircut_capped"]``). When the step can
    get :data:`ORDER_CPU` seconds of CPU before ``until`` at the run's share of a core so
    far, all sets are computed before any move (about 2 s of CPU each on Trafford) and
    ordered by :func:`set_order`, so that when :data:`HAIRCUT_WALL` leaves time for one
    move it goes to the set ordered first: on Trafford's 73 schools cut 0.05's (set A,
    the best known's, split 30,600.12), where the cuts' order moved first to cut 0.1's
    (set B, split 30,694.61, whose runs ended 30,908.82-31,030.86) and ran out of time
    before A in most runs at load 5-11 (docs/facility-bench.md R20). With less CPU each
    set is moved to as soon as it is computed, in the cuts' order: at 15-17 s of CPU in
    120 s (load 12-14) the two models took 26 of the step's 42 s and no move to A was
    found in the 16 s left in 6 runs, where the cuts' order found the move to B in 2
    (R21)."""
    sets = _new_sets(run, start, until)
    if cpu_share((run.started, run.cpu)) * (until - time.perf_counter()) >= ORDER_CPU:
        return sorted(sets, key=set_order), True
    return sets, False


def _new_sets(run: Run, start: Incumbent, until: float
              ) -> Iterator[tuple[float, np.ndarray, Incumbent]]:
    """:func:`cut_sets`' sets in the cuts' order, each computed when asked for."""
    seen = [start.is_open]
    for cut in HAIRCUTS:
        if time.perf_counter() >= until:
            run.details.setdefault("haircut_capped", []).append(cut)
            return
        share = cpu_share((run.started, run.cpu))
        sites = chosen_sites(run.comp, capped(HAIRCUT_SHARE * run.options.time_limit, share,
                                              until), seed=run.options.seed, haircut=cut)
        split = None if sites is None else transport_flow(run.comp, sites)
        if split is None or any(np.array_equal(sites, other) for other in seen):
            continue
        seen.append(sites)
        yield cut, sites, split


def set_order(item: tuple[float, np.ndarray, Incumbent]) -> tuple[int, float]:
    """The order of :func:`cut_sets`: more sites open first, then less split cost. A set
    with fewer sites leaves fewer places spare, and its split cost understates its
    single-source cost the more: on Trafford's 74 schools cut 0.05's 61-open set (split
    29,609.82) is below cut 0.1's 62 (29,700.51, the best known's set), but runs that kept
    it ended 0.18-0.38 % above the best known (R18); of sets as large, the one of less
    split cost (on the 73, cut 0.05's set A)."""
    _, sites, split = item
    return -int(sites.sum()), split.cost


def _cost(inc: Incumbent) -> float:
    return inc.cost


def move_to(run: Run, bases: list[Incumbent], sites: np.ndarray, split: Incumbent,
            until: float = math.inf) -> Incumbent | None:
    """The first of ``bases`` (the incumbent, then the cheapest earlier move) moved to the
    open set ``sites`` (``split`` its split assignment): CP-SAT over the customers whose
    split assignment differs from the base's (:func:`._deepen.close_one`,
    :data:`HAIRCUT_MOVE` seconds of CPU) for each base in turn, tried again with another
    seed up to :data:`MOVE_TRIES` times while it neither finds an assignment nor proves
    there is none; when none finds one and CP-SAT proved for a base that its movers have
    none (the customers the split flow keeps in place can leave the others no
    single-source assignment), CP-SAT over every customer from the first base, the split
    flow rounded as hint (``details["haircut_fallback"]``: the cost it reached, None for
    none; on Trafford's 73 schools it found none in 8 s in any try, where the movers' tries
    ran out of time: there it is not tried, docs/facility-bench.md R26); then RINS
    (:func:`._rins.rins`). None when nothing finds an assignment. Every limit ends by ``until`` (a clock reading, and the run's deadline),
    no base is tried after it. ``details["haircut_tries"]`` gets the tries of each call."""
    until = min(until, run.deadline)
    run.details.setdefault("haircut_tries", []).append(0)
    blocked = False
    for base in bases:
        found, proved = _tries(run, base, sites, split, until)
        if found is not None:
            return found
        blocked |= proved
    if blocked:
        return _tries(run, bases[0], sites, split, until, everyone=True)[0]
    return None


def _tries(run: Run, base: Incumbent, sites: np.ndarray, split: Incumbent, until: float,
           everyone: bool = False) -> tuple[Incumbent | None, bool]:
    """:func:`move_to` from ``base``: up to :data:`MOVE_TRIES` tries (one ``everyone``)
    until one finds an assignment (then RINS from it), one proves there is none, or
    ``until``; second: whether proved."""
    for attempt in range(1 if everyone else MOVE_TRIES):
        if time.perf_counter() >= until:
            break
        run.details["haircut_tries"][-1] += 1
        found, proved = _tried(run, base, sites, split, until,
                               run.options.seed + attempt * MOVE_SEED, everyone)
        if found is not None:
            return rins(run.comp, found, capped(SUB_SECONDS, cpu_share(
                (run.started, run.cpu)), until), seed=run.options.seed), True
        if proved:
            return None, True  # no assignment of these movers: no other seed finds one
    return None, False


def _tried(run: Run, base: Incumbent, sites: np.ndarray, split: Incumbent, until: float,
           seed: int, everyone: bool) -> tuple[Incumbent | None, bool]:
    """One try of :func:`move_to` (:func:`._deepen.close_proved`) from ``base``."""
    share = cpu_share((run.started, run.cpu))
    found, proved = close_proved(run.comp, base, move_between(base.is_open, sites), split,
                                 capped(HAIRCUT_MOVE, share, until), seed, everyone=everyone)
    if everyone:
        run.details["haircut_fallback"] = None if found is None else found.cost
    return found, proved


#: Wall-time limit of :mod:`._haircut`'s model, as a share of the time limit, and CP-SAT's
#: limit in CPU seconds for the move to its set.
HAIRCUT_SHARE, HAIRCUT_MOVE = 0.15, 8.0
#: Wall time of the whole :func:`haircut_step` (its limits above stretched by the CPU share),
#: as a share of the time limit: at load 7-12 it took 72-102 s of 120 (facility-bench R19-R20).
HAIRCUT_WALL = 0.35
#: ... and where :func:`._large_single.quick_mip` ran (``run.cache["quick"]``: plain HiGHS
#: would be starved: on Trafford under a third of a core): the step's last 6 s of wall
#: time there ran CP-SAT's move on at a fifth of a core, the last search makes more of them
#: (Trafford with 20-22 s of CPU in 120 s: at 0.3 the move was found on the same seeds as
#: at 0.35 and the runs ended lower, docs/facility-bench.md R22).
STARVED_WALL = 0.3
#: Seconds of CPU the step must be able to get before its wall time ends for
#: :func:`cut_sets` to compute every set before any move: the two models (about 2 s each
#: on Trafford) and one move (:data:`HAIRCUT_MOVE`).
ORDER_CPU = 12.0
#: The cuts of :mod:`._haircut` (in mean customer demands) whose sets :func:`haircut_step`
#: moves to, in turn (the same set once). 0.1 gives the best known's set on Trafford's 74
#: schools, 0.05 on its 73 (docs/facility-bench.md, R17).
HAIRCUTS = (HAIRCUT, 0.05)
#: Where the sets are ordered (:func:`cut_sets`), the step ends at the first set a move
#: reaches, after trying the sets missed before it again from that move: the later sets'
#: moves took 8-15 s of the step on Trafford and none was kept where the first was
#: reached (73: set B's move, 74: the 61-open set's, none found in 3 of 4 runs), and on
#: the 73 the move to set A missed from the first search's end in 3 of 8 runs, every one
#: then ending in B at +0.27-0.31 % (docs/facility-bench.md R24).
FIRST_ORDERED = True
#: Tries of CP-SAT over a base's movers in :func:`move_to` (each with another seed: the run's
#: own, then ``MOVE_SEED`` more each time) while it neither finds an assignment nor proves
#: that there is none. CP-SAT's first assignment of a move comes after 0.5-7.8 s of CPU or
#: not at all, by the seed: on Trafford's 73 schools, from four first searches' ends, 29 of
#: 32 seeds moved to set A within 8 s (from the end that the run's own seed missed, the 7
#: other seeds all moved), and runs kept in set B ended +0.16 % or more above the best known
#: (docs/facility-bench.md R23-R24; R26 for the tries).
MOVE_TRIES, MOVE_SEED = 3, 1000
