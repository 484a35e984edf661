"""Very-large-neighbourhood search for single-source problems: small exact MIPs around a site.

A neighbourhood is a seed site and the ``size - 1`` sites sharing most customers with it
(allowed pairs to both). Its sub-MIP frees, with everything else fixed as in the incumbent:

* the open / closed decision and the expansion steps of the neighbourhood's sites;
* the assignment of every customer served by a neighbourhood site (to any open site or any
  neighbourhood site it has a pair with).

(Also freeing the other customers with a pair to a neighbourhood site was tried: in the
two runs made on the 74-school instance of ``bench.facility --generated`` it gained less
per second.)

It is the full MILP of :mod:`junheng.optimize.facility` with bounds fixing the rest, so
every solution it returns is feasible for the whole problem, and HiGHS solves it from the
incumbent as warm start. This contains every shift, swap and ejection chain among the
customers of the neighbourhood and every open / close / swap move of its sites. Where
:mod:`._cp_neighbourhood` applies (one whole-number capacity, no steps or side rules), CP-SAT
solves the same sub-problem instead (:data:`CP_SAT`): faster on the tight capacity rows of
school-sized instances, and the drop moves it settles found a basin 0.27 % below the best
known before it on Trafford (docs/facility-bench.md, R11). Seeds
cycle over all sites in a seeded random order, each open seed first with itself closed
(a drop move with an exact repair: the optimum of the 16-school real instance closes two
schools, which free sub-MIPs stopped at their limit did not find); after a full cycle without improvement the neighbourhood grows by four sites. A
neighbourhood has at most a third of the sites (at least 4). The sub-MIP's wall-clock
limit is divided by the process's share of a core (:func:`cpu_share`): with 8-10 jobs on
the 2-core machine a 2 s sub-MIP had 0.3 s of CPU and stopped before its neighbourhood was
searched (16-school instance, one run each at load 8-11: 9,137 in 120 s without the stretch,
8,966 with it). Sub-MIPs stop at a 0.01% gap or after ``sub_time``
seconds: on the 74-school instance 10 sites and 2 s gave 26,344 after 60 s of search where
6 sites and 1 s gave 26,600 and 16 sites and 4 s 26,571 (same start, 29,512).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import applies as cp_applies
from junheng.optimize._cp_neighbourhood import solve_around as cp_around
from junheng.optimize._milp import Chosen, Restriction, solve_mip
from junheng.optimize.assign import Incumbent, cost_of
from junheng.optimize.highs import HighsSolver
from junheng.optimize.result import SolveStatus

#: HiGHS settings of a sub-MIP: it starts from the incumbent and is small.
SUB_OPTIONS = {"mip_allow_restart": False, "mip_detect_symmetry": False}
SUB_GAP = 1e-4


def site_neighbours(comp: Compiled) -> np.ndarray:
    """Per site, all sites ordered by the demand of customers they share (most first)."""
    share = sp.csr_matrix((np.ones(comp.k), (comp.site, comp.customer)), shape=(comp.m, comp.n))
    weighted = share.multiply(comp.problem.demand[None, :]).tocsr()
    overlap = np.asarray((weighted @ share.T).todense(), dtype=float)
    np.fill_diagonal(overlap, np.inf)
    return np.argsort(-overlap, axis=1, kind="stable")


def restriction_around(comp: Compiled, inc: Incumbent, free: np.ndarray) -> Restriction:
    """Bounds freeing the sites ``free`` and the customers around them (module docstring)."""
    used = inc.x > 0.5
    own = np.zeros(comp.n, dtype=bool)
    own[comp.customer[used & free[comp.site]]] = True
    outside_open = inc.is_open & ~free
    keep = used | (own[comp.customer] & (free | outside_open)[comp.site])
    return Restriction(closed=~inc.is_open & ~free, opened=outside_open.copy(), keep=keep,
                       x_upper=np.ones(comp.k))


def _solve_around(comp: Compiled, inc: Incumbent, free: np.ndarray,
                  time_limit: float, seed: int, shut: int | None = None
                  ) -> tuple[Incumbent | None, bool]:
    """The sub-MIP freeing ``free``; with ``shut``, that site is closed in it. Second: whether
    HiGHS finished it (optimal within its gap, or infeasible), not stopped by its limit.
    Where :mod:`._cp_neighbourhood` applies (and :data:`CP_SAT`), CP-SAT solves it."""
    if CP_SAT and cp_applies(comp):
        return cp_around(comp, inc, free, time_limit, seed, shut)
    solver = HighsSolver(time_limit=max(time_limit, 0.05), relative_gap=SUB_GAP,
                         absolute_gap=1e-9, seed=seed, options=SUB_OPTIONS)
    rule = restriction_around(comp, inc, free)
    if shut is not None:
        rule.closed[shut] = True
        rule.keep &= comp.site != shut
    warm = (Chosen(inc.is_open, inc.steps, inc.x, inc.w) if shut is None
            else closed_start(comp, inc, shut) if SHUT_WARM else None)
    result, chosen = solve_mip(comp, rule, solver, warm=warm)
    finished = result.status in FINISHED
    if chosen is None:
        return None, finished
    x = np.where(chosen.x > 0.5, 1.0, 0.0)
    cost = cost_of(comp, chosen.is_open, chosen.steps, x, chosen.w)
    return Incumbent(chosen.is_open, chosen.steps, x, cost, chosen.w), finished


def closed_start(comp: Compiled, inc: Incumbent, shut: int) -> Chosen | None:
    """The incumbent with site ``shut`` closed and its customers, largest first, each sent
    to its cheapest other open site with room: the warm start of the sub-MIP that closes
    it (without one, HiGHS stopped at its limit with solutions above the incumbent's
    cost: +219 and +146 pupil-km on Trafford at load 11). None when a customer finds no
    room, or with expansion steps, several capacities or side columns."""
    if comp.has_side or comp.multi or comp.step_site.size:
        return None
    demand, used = comp.problem.demand, inc.x > 0.5
    room = np.where(inc.is_open, comp.problem.capacity, 0.0) - np.bincount(
        comp.site[used], weights=comp.pair_demand[used], minlength=comp.m)
    room[shut] = -np.inf
    x = np.where(used & (comp.site != shut), 1.0, 0.0)
    mine = comp.customer[used & (comp.site == shut)]
    for j in mine[np.argsort(-demand[mine], kind="stable")]:
        options = np.arange(comp.start[j], comp.start[j + 1])  # cheapest first
        fits = options[room[comp.site[options]] >= demand[j] - 1e-9]
        if not fits.size:
            return None
        x[fits[0]] = 1.0
        room[comp.site[fits[0]]] -= demand[j]
    is_open = inc.is_open.copy()
    is_open[shut] = False
    return Chosen(is_open, inc.steps, x, inc.w)


#: Statuses of a sub-MIP that searched its whole neighbourhood.
FINISHED = (SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT, SolveStatus.INFEASIBLE)


class Settled:
    """Which sub-MIPs are known to bring nothing ("don't look bits").

    A sub-MIP around ``free`` reads the incumbent only at the sites of ``free`` and the
    sites its customers have a pair to (:meth:`reach`): their open / closed state, steps
    and customers (the loads). One that finished without improving need not run again
    while none of those sites changed; before, every improvement sent the search through
    all seeds again, re-solving unchanged neighbourhoods. With an open-count rule, a
    budget or side rules every site counts (they link all sites).
    """

    def __init__(self, comp: Compiled):
        problem = comp.problem
        self.comp = comp
        self.linked = problem.p is not None or problem.budget is not None or comp.has_side
        self.clock = 0
        self.changed_at = np.zeros(comp.m, dtype=np.int64)
        self.done: dict[tuple, int] = {}

    def reach(self, inc: Incumbent, free: np.ndarray) -> np.ndarray:
        """The sites whose state the sub-MIP freeing ``free`` reads."""
        comp = self.comp
        if self.linked:
            return np.ones(comp.m, dtype=bool)
        own = np.zeros(comp.n, dtype=bool)
        own[comp.customer[(inc.x > 0.5) & free[comp.site]]] = True
        sites = free.copy()
        sites[comp.site[own[comp.customer]]] = True
        return sites

    def known(self, key: tuple, inc: Incumbent, free: np.ndarray) -> bool:
        """Whether the sub-MIP ``key`` finished without improving and nothing it reads
        has changed since."""
        at = self.done.get(key)
        return at is not None and int(self.changed_at[self.reach(inc, free)].max()) <= at

    def remember(self, key: tuple) -> None:
        self.done[key] = self.clock

    def moved(self, old: Incumbent, new: Incumbent) -> None:
        """Mark the sites whose state differs between ``old`` and ``new``."""
        comp = self.comp
        self.clock += 1
        sites = (old.is_open != new.is_open) | np.asarray(old.steps != new.steps).reshape(
            comp.m, -1).any(axis=1)
        sites[comp.site[(old.x > 0.5) != (new.x > 0.5)]] = True
        self.changed_at[sites] = self.clock


def neighbourhood_search(comp: Compiled, start: Incumbent, *, deadline: float,
                         offer: Callable[[Incumbent], None], size: int = 10,
                         sub_time: float = 2.0, seed: int = 0,
                         polish: Callable[[Incumbent], Incumbent] | None = None,
                         max_size: int | None = None, counts: dict | None = None,
                         clock: tuple[float, float] | None = None,
                         kick: Callable[[Incumbent], Incumbent] | None = None) -> Incumbent:
    """Improve ``start`` by sub-MIPs around each site in turn until ``deadline``, or until
    a full cycle at ``max_size`` sites (default all) or more brings nothing; ``polish``
    (e.g. the shift / swap descent of :mod:`._gap_search`) follows every improvement.
    Each open seed is first tried closed (:data:`CLOSE_FIRST`); a sub-MIP that
    :class:`Settled` knows brings nothing is skipped (:data:`SKIP_SETTLED`). ``counts``
    gets the sub-MIPs ``solved`` and ``skipped``; ``clock`` (wall, CPU readings) is where
    the process's share of a core is measured from (default: this call's start); ``kick``
    (e.g. :mod:`._deepen`'s closure) is tried as :class:`_Kicks` says."""
    order = site_neighbours(comp)
    seeds = np.random.default_rng(seed).permutation(comp.m)
    best, failures, size = start, 0, min(size, max(4, comp.m // 3))
    position, settled, kicks = 0, Settled(comp), _Kicks(kick, deadline)
    counts = {} if counts is None else counts
    began = clock or (time.perf_counter(), time.process_time())
    while time.perf_counter() < deadline:
        site = int(seeds[(position // 2) % comp.m])
        shut = site if position % 2 == 0 else None
        position += 1
        if shut is not None and not (CLOSE_FIRST and best.is_open[site]
                                     and not comp.forced[site]):
            continue
        free = np.zeros(comp.m, dtype=bool)
        free[order[site, :size]] = True
        key = (site, shut is not None, size)
        if SKIP_SETTLED and settled.known(key, best, free):
            counts["skipped"] = counts.get("skipped", 0) + 1
        else:
            counts["solved"] = counts.get("solved", 0) + 1
            limit = min(sub_time / cpu_share(began), deadline - time.perf_counter())
            found, finished = _solve_around(comp, best, free, limit, seed, shut)
            if found is not None and found.cost < best.cost - 1e-9 * max(1.0, abs(best.cost)):
                found = found if polish is None else polish(found)
                settled.moved(best, found)
                best, failures = found, 0
                kicks.improved()
                offer(best)
                continue
            if finished:
                settled.remember(key)
        if kicks.due():
            found = kicks.kick(best)
            if found.cost < best.cost:
                settled.moved(best, found)
                best, failures = found, 0
                kicks.improved()
                continue
        failures += shut is None
        if failures >= comp.m:  # a full cycle without improvement: look wider
            if size >= min(max_size or comp.m, comp.m):
                break
            size, failures = min(size + 4, comp.m), 0
    return best


class _Kicks:
    """When :func:`neighbourhood_search` tries its ``kick``: once :data:`KICK_AT` of the time
    has passed, then :data:`KICK_EVERY` of it after each kick, or after :data:`STALL`
    sub-MIPs in a row without improvement (again after each improvement, and after each
    kick: :mod:`._deepen` remembers the moves it tried, so the next kick goes further down
    its ranking)."""

    def __init__(self, kick: Callable[[Incumbent], Incumbent] | None, deadline: float):
        now = time.perf_counter()
        self.kick, self.at, self.stalled = kick, now + KICK_AT * (deadline - now), 0.0
        self.every = KICK_EVERY * (deadline - now)

    def due(self) -> bool:
        """Called after each sub-MIP without improvement."""
        self.stalled += 1
        if self.kick is None or not (self.stalled >= STALL or time.perf_counter() >= self.at):
            return False
        self.at, self.stalled = time.perf_counter() + self.every, 0.0
        return True

    def improved(self) -> None:
        self.stalled = 0.0


def cpu_share(began: tuple[float, float]) -> float:
    """This process's share of a core since ``began`` (wall, CPU): on a machine shared
    with other jobs a sub-MIP's wall-clock limit is stretched by it, so that each sub-MIP
    gets the CPU time it would get alone (at least a tenth, at most the whole)."""
    wall = time.perf_counter() - began[0]
    if wall < 1.0:
        return 1.0
    return min(max((time.process_time() - began[1]) / wall, 0.1), 1.0)


def capped(cpu_seconds: float, share: float, until: float) -> float:
    """The wall limit giving ``cpu_seconds`` of CPU at ``share`` of a core (:func:`cpu_share`),
    ended by ``until`` (a clock reading; at least 0.05 s)."""
    return max(min(cpu_seconds / share, until - time.perf_counter()), 0.05)


#: Sub-MIPs in a row without improvement after which ``kick`` is tried ...
STALL = 8
#: ... or the share of the time to the deadline after which it is tried first ...
KICK_AT = 0.6
#: ... and again this share of the search's whole time after each kick: 0, at the next
#: sub-MIP without improvement. With :func:`._large_single.kick_step`'s RINS (12 s slices)
#: the last search on Trafford's 74 schools is then mostly RINS, which kept improving where
#: the sub-MIPs around one site had stalled (29,941.72 -> 29,887.24; docs/facility-bench.md
#: R16); on Trafford's 73 schools the last search had kicked once in 90 s.
KICK_EVERY = 0.0
#: Try each open seed site closed (its sub-MIP without it) before the free sub-MIP.
CLOSE_FIRST = True
#: Start the sub-MIP that closes a seed from :func:`closed_start`.
SHUT_WARM = True
#: Solve a neighbourhood with CP-SAT where :mod:`._cp_neighbourhood` applies.
CP_SAT = True
#: Skip the sub-MIPs :class:`Settled` knows bring nothing.
SKIP_SETTLED = True
