"""The large single-source branch of :func:`~junheng.optimize.solve.solve_facility`.

School-sized single-source instances (70-150 sites, 500-800 customers, a few thousand
pairs) after the Lagrangian bound: the exact assignment of the Lagrangian's open set as a
start (:func:`assignment_starts`), the shift / swap descent of :mod:`._gap_search`
(:func:`polish`), the kernel MILP of Kernel Search over the LP relaxation's support and
the incumbent (:func:`kernel_mip`), on a loaded machine HiGHS on a RENS-like restriction
of the model recombined with the incumbent by the kernel (:func:`quick_mip`, when plain
HiGHS would get too little CPU: :func:`highs_starved`), the neighbourhood search
of :mod:`._neighbourhood` (:func:`search_neighbourhoods`) to 15 % of the time, the move to
the open set of the split assignment with every capacity cut (:func:`._haircut_move.haircut_step`,
:mod:`._haircut`; where CP-SAT applies), or where it moved nowhere one more closure or a
swap of an open and a closed site where the split flow shows one (:func:`closure_step`,
:mod:`._deepen`), then a
second trajectory from plain HiGHS's solution (:func:`early_mip`, skipped after
:func:`quick_mip`, after a move or a closure, or when it would get too little CPU: HiGHS to 55 %, keeping every
improving solution it finds, the kernel around its solution and those within 1 % of it (:func:`pool_pairs`),
the neighbourhood search from it to 85 %, the kernel over both trajectories' ends and
that pool), and the
neighbourhood search again to 95 % (:func:`last_search`; to 99 % after :func:`quick_mip`), trying :func:`kick_step` (RINS over the customers the
split flow moves, :mod:`._rins`, then :func:`deepen_step`; after a move to a cut set the
regions of the settled open set, :mod:`._region`, then RINS) whenever it stalls; the
pipeline's fixing and final MILP follow in
:mod:`.solve`. Each step takes the pipeline's run state (clock, incumbent, bound) and
offers what it finds to it.
"""

from __future__ import annotations

import math
import time
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from junheng.errors import InfeasibleError
from junheng.optimize._cp_neighbourhood import applies as cp_applies
from junheng.optimize._deepen import Memo, deepen
from junheng.optimize._gap_search import applies as descent_applies
from junheng.optimize._gap_search import descend
from junheng.optimize._haircut_move import haircut_step
from junheng.optimize._milp import Chosen, Restriction, build, solve_mip
from junheng.optimize._neighbourhood import cpu_share, neighbourhood_search
from junheng.optimize._portfolio import GATHER_SHARE, Helper, gather
from junheng.optimize._region import Regions, region_search
from junheng.optimize._rins import rins_search
from junheng.optimize.assign import (
    Incumbent,
    assign,
    cost_of,
    incumbent_from_solution,
)
from junheng.optimize.highs import HighsSolver
from junheng.optimize.lagrangian import LagrangianResult

if TYPE_CHECKING:
    from junheng.optimize._compiled import Compiled
    from junheng.optimize.solve import _Run as Run


def polish(run: Run) -> None:
    """The shift / swap descent of :mod:`._gap_search` on the incumbent, where it applies."""
    if run.incumbent is not None and descent_applies(run.comp):
        run.offer(descend(run.comp, run.incumbent))


#: Share of the time limit (from the start) at which the first neighbourhood search stops
#: for :func:`deepen_step` and plain HiGHS (:func:`early_mip`). It was 0.3: on Trafford's
#: 74 schools the search in the basin the closure reaches is what decides the end, and
#: from 0.15 it has 78 s instead of 60 s of a 120 s run (with the last search's kicks,
#: 7 of 14 runs within 0.1 % of the best known, against none of main's 6;
#: docs/facility-bench.md, R15).
NEIGHBOURHOOD_FIRST = 0.15


#: Share of the time limit (from the start) by which the neighbourhood search stops and
#: the MILP over the fixed model takes over with the incumbent and the bound (sooner when
#: sub-MIPs over half the sites bring nothing: the MILP is then the better neighbourhood).
#: It was 0.85: on 74 × 738 /1 the last 18 s of MILP finished no node while the
#: neighbourhood search was still improving (25,903 -> 25,848 in its last 5 s).
NEIGHBOURHOOD_UNTIL = 0.95


def assignment_starts(run: Run, lag: LagrangianResult) -> None:
    """The exact assignment of the Lagrangian's open set padded with the sites it values
    most until capacity is 4% over demand (or, failing that, of every usable site).

    Greedy completions often fail when capacity is tight and customers have few pairs,
    and the Lagrangian's own set has just enough capacity (74-school instance: 19,889
    seats for 19,880 pupils, no assignment found in 5 s); padded to 2 / 4 / 6% it gave
    27,274 / 27,119 / 27,932 in 5 s against 29,512 with every site open.
    """
    from junheng.optimize.solve import _allowed_open  # (5), (6) for an open set

    comp = run.comp
    is_open = np.isin(np.arange(comp.m), comp.level_site[lag.chosen]) | comp.forced
    value = np.full(comp.m, np.inf)
    np.minimum.at(value, comp.level_site, lag.level_value)
    for site in np.argsort(value, kind="stable"):
        if comp.covers(is_open, START_MARGIN):
            break
        is_open[site] |= bool(comp.usable[site])
    before = run.upper
    for mask in (is_open, comp.usable.copy()):
        if run.left() > 0 and _allowed_open(comp, mask):
            limit = min(5.0, 0.1 * run.options.time_limit, run.left())
            run.offer(assign(comp, mask, time_limit=limit, relative_gap=1e-2))
        if run.upper < before:
            return


#: Capacity of the padded Lagrangian open set, as a multiple of total demand.
START_MARGIN = 1.04


#: Shares of the time limit (from the start) until which plain HiGHS runs on the whole
#: model and the neighbourhood search from its solution (large single-source problems).
EARLY_MIP_UNTIL, RESTART_UNTIL = 0.55, 0.85


def early_mip(run: Run) -> None:
    """A second trajectory: HiGHS on the whole model from scratch, the kernel MILP around
    its solution and every improving solution it found on the way (:func:`pool_pairs`),
    the neighbourhood search from there, then the kernel MILP over the LP support, the
    incumbent, that trajectory's end and the pool (:func:`kernel_mip`).

    HiGHS's LP-guided heuristics land in another basin than the neighbourhood search from
    the Lagrangian start (74 schools with 12 % spare places: HiGHS's 25,768 after 7.5 s of
    CPU led the search to 25,415, the search from our start stalled at 25,608-25,631 in
    two runs; /1: 26,454, the search from our start stalled at 26,000-26,150 in three runs),
    and the kernel over both solutions recombines them (/1: 26,147 and 26,454 gave 25,908
    in 8 s, and the search then 25,850; best known 25,848). Which solution HiGHS holds
    when it is stopped depends on the CPU it got: on the 12 %-spare instance it holds
    25,768 after 8 s of CPU and 25,720 after 25 s, and the kernel around the later one
    alone gives 25,702, around both 25,471 (one run each, load 2-3). Its bound holds for
    the whole problem. From scratch, not warm: a warm start leads it back to the
    incumbent's basin (and on the 16-school real instance it found nothing in 32 s either
    way). When HiGHS's solution is more than :data:`POOL_FAR` above the incumbent (it got
    too little CPU), no second trajectory starts: the search from the incumbent gets the
    time; nor when the first trajectory closed a site by :mod:`._deepen` (it reached a
    basin with fewer schools, and the search from it gets the time: Trafford's 74 schools,
    docs/facility-bench.md R14; a swap alone does not skip it: on Trafford's 73 schools
    HiGHS's trajectory is what reaches the 63-open basin; the time such a deepen took is
    added to HiGHS's phase, whose end moves by as much)."""
    deepens = run.details.get("deepen", [])
    deepened = any(closed > 0 for *_, closed in deepens)
    limit = run.phase_end(EARLY_MIP_UNTIL) - time.perf_counter() + sum(
        seconds for _, _, seconds, _ in deepens)  # a deepen without closure gives its time back
    share = cpu_share((run.started, run.cpu))
    if (limit <= 1.0 or "quick" in run.cache or limit * share < EARLY_MIN_CPU * run.comp.k
            or deepened or "start" in run.cache):
        run.details["early_mip_skipped"] = round(limit, 3)
        return
    from junheng.optimize.solve import _absorb, _mip  # the pipeline's MILP step

    if run.incumbent is not None:
        _ends(run).append(run.incumbent)  # the first trajectory's end
    result, chosen = _mip(run, Restriction.none(run.comp), warm=EARLY_WARM, tuning=None,
                          time_limit=limit, on_solution=partial(_to_pool, run))
    run.details.update(early_mip_from=run.upper, early_mip_seconds=round(result.seconds, 3),
                       early_mip_pool=[round(cost, 3) for cost, _ in _pool(run)])
    _absorb(run, (result, chosen), math.inf)
    run.details["early_mip_to"] = run.upper
    if chosen is None:
        return
    own = _incumbent(run.comp, chosen)
    if own.cost > run.upper + POOL_FAR * abs(run.upper):
        return  # the time goes to the search from the incumbent
    found = _kernel(run, own, pool_pairs(run))
    run.details["early_mip_found"] = found.cost
    found = _search(run, found, RESTART_UNTIL, kick=True)
    run.details["restart_to"] = found.cost
    _ends(run).append(found)
    run.details["end_pairs"] = np.flatnonzero(end_pairs(run)).tolist()  # for a main process
    if run.incumbent is not None:
        _kernel(run, run.incumbent, end_pairs(run) | pool_pairs(run))


def _ends(run: Run) -> list[Incumbent]:
    """The ends of the run's trajectories (:func:`early_mip`): the first one's, from the
    Lagrangian start, and the second one's, from plain HiGHS's solution."""
    return run.cache.setdefault("ends", [])


def end_pairs(run: Run) -> np.ndarray:
    """The pairs used by any trajectory's end: the kernel over both ends recombines them
    even when the second end is the incumbent (it took only the incumbent's and the second
    end's pairs, the same solution then, and the first end's were lost). The kernel over
    four 120 s ends on Trafford (31,011.57-31,074.22, 1,035 pairs with the LP support)
    gave 30,920.44 in 2.9 s, 0.29 % below the best of them."""
    used = np.zeros(run.comp.k, dtype=bool)
    for end in _ends(run):
        used |= end.x > 0.5
    return used


def _incumbent(comp: Compiled, chosen: Chosen) -> Incumbent:
    """A MILP's solution as an incumbent, x rounded to 0 / 1 and its cost recomputed."""
    x = np.where(chosen.x > 0.5, 1.0, 0.0)
    return Incumbent(chosen.is_open, chosen.steps, x,
                     cost_of(comp, chosen.is_open, chosen.steps, x), chosen.w)


def _pool(run: Run) -> list[tuple[float, np.ndarray]]:
    """(cost, pairs used) of each improving solution plain HiGHS found (:func:`early_mip`)."""
    return run.cache.setdefault("pool", [])


def _to_pool(run: Run, chosen: Chosen) -> None:
    used = chosen.x > 0.5
    _pool(run).append((cost_of(run.comp, chosen.is_open, chosen.steps, used.astype(float),
                               chosen.w), used))


def pool_pairs(run: Run) -> np.ndarray:
    """The pairs of the pool's solutions within :data:`POOL_WITHIN` of its best (every
    pair of a far worse early solution would make the kernel too big: with the first
    solution, 31,354, the 12 %-spare kernel had 1,370 pairs and stopped at its limit at
    25,872 instead of 25,471)."""
    pool, used = _pool(run), np.zeros(run.comp.k, dtype=bool)
    if pool:
        best = min(cost for cost, _ in pool)
        for cost, pairs in pool:
            if cost <= best + POOL_WITHIN * abs(best):
                used |= pairs
    return used


#: Relative distance to the pool's best within which a solution's pairs join the kernel.
POOL_WITHIN = 0.01
#: HiGHS's best more than this above the incumbent starts no second trajectory: 37,650
#: (20 % above, the only solution HiGHS held after 7 s of CPU on Trafford at load 13) gave
#: a kernel of 31,440 against the incumbent's 31,398 after 40 s, and the run ended there
#: (three runs); from 33,803 (8.9 % above) the kernel over both trajectories' ends gave
#: 31,145 (one run; with 2 % here the search from the incumbent alone ended at 31,213).
POOL_FAR = 0.10


#: Plain HiGHS is not started when it would get fewer CPU seconds than this times the
#: pairs (its wall limit times the run's CPU share so far; 2 s per 1,000 pairs, 14.7 s
#: on Trafford's 7,370, a share of 0.49 of a core for its 30 s): there it holds 37,650
#: after 0.4 s of CPU, 31,898 after 10.4 s and 31,446 after 12.7 s. With 33-47 s of CPU
#: in 120 s (load 5-9) the search from :func:`quick_mip`'s recombination ended at
#: 31,055.59-31,074.25 in four runs of five, when HiGHS ran (about 13 s of CPU, 46.5 s
#: in all) at 31,139.97. At 3 s per 1,000 pairs (share 0.74) Trafford with 70 s of CPU
#: ended at 31,016.92 and 31,028.59 (HiGHS's path with 78 s: 31,116.52), but newcastle
#: /0 with 74 s at 0.72 % above its best known: kept at 2 s. Small models need less: on
#: tyneside (1,610 pairs) HiGHS's solutions lead to the optimum in 16 s of CPU, and
#: skipping HiGHS there (15 s flat) ended 0.59 % above it.
EARLY_MIN_CPU = 2e-3


#: Whether plain HiGHS starts from the incumbent.
EARLY_WARM = False


def search_neighbourhoods(run: Run, until: float, kick: bool = False) -> None:
    """The neighbourhood search from the incumbent until ``until`` times the time limit
    from the start (with ``kick``, :func:`deepen_step` whenever it stalls);
    ``details["neighbourhoods"]`` gets (from, to, seconds) of each call."""
    start = run.cache.pop("start", run.incumbent)  # haircut_step's move, else the incumbent
    if start is not None:
        _search(run, start, until, kick=kick)


def last_search(run: Run) -> None:
    """The neighbourhood search with kicks until :data:`NEIGHBOURHOOD_UNTIL` of the time
    limit, or until :data:`STARVED_UNTIL` where :func:`quick_mip` took plain HiGHS's place
    (the run gets too little CPU for HiGHS) and CP-SAT's neighbourhoods apply (no side
    rules, budget or open count, which the final MILP's fixing serves): there the pipeline's
    final MILP over the whole model (:mod:`.solve`) would get a few seconds of CPU, in which
    it finished no node on Trafford (0 nodes in 6 s of wall time in each of four runs with
    22-24 s of CPU in 120 s, docs/facility-bench.md R22), and the search makes better use
    of them."""
    starved = "quick" in run.cache and cp_applies(run.comp)
    until = STARVED_UNTIL if starved else NEIGHBOURHOOD_UNTIL
    search_neighbourhoods(run, until, kick=True)


#: Share of the time limit until which :func:`last_search` runs after :func:`quick_mip`.
STARVED_UNTIL = 0.99


def _search(run: Run, start: Incumbent, until: float, kick: bool = False) -> Incumbent:
    """Sub-MIPs around each site in turn from ``start`` (the incumbent or another
    solution), offering every improvement to the run; the best reached is returned. With
    ``kick``, :func:`deepen_step` when the search stalls (the last search, and HiGHS's
    trajectory, which runs when the first one found no closure)."""
    began, before = time.perf_counter(), start.cost
    deadline = run.phase_end(until)
    calls = run.details.setdefault("neighbourhoods", [])
    smooth = partial(descend, run.comp) if descent_applies(run.comp) else None
    best = neighbourhood_search(run.comp, start, deadline=deadline, offer=run.offer,
                                seed=run.options.seed + len(calls), polish=smooth,
                                max_size=run.comp.m // 2,
                                counts=run.details.setdefault("sub_mips", {}),
                                clock=(run.started, run.cpu),
                                kick=partial(kick_step, run, until=deadline) if kick else None)
    calls.append((before, best.cost, round(time.perf_counter() - began, 3)))
    return best


def deepen_step(run: Run, start: Incumbent | None = None, until: float = math.inf
                ) -> Incumbent | None:
    """One more closure (or a swap) from ``start`` (default: the incumbent) by
    :mod:`._deepen`, within :data:`DEEPEN_SHARE` of the time limit and before ``until`` (a
    clock reading), stopping at the first improvement (the neighbourhood search from it
    gets the rest: a further closure at 62 open on Trafford's 74 schools failed and took
    the step's whole 18 s in every run, docs/facility-bench.md R16); what it finds is
    offered to the run and returned; ``details["deepen"]`` gets (from, to, seconds, sites
    closed) of each call."""
    start = run.incumbent if start is None else start
    if start is None or not cp_applies(run.comp) or run.left() <= 0:
        return start
    began = time.perf_counter()
    deadline = min(run.deadline, until, began + DEEPEN_SHARE * run.options.time_limit)
    found = deepen(run.comp, start, seed=run.options.seed, clock=(run.started, run.cpu),
                   deadline=deadline, memo=run.cache.setdefault("deepen_memo", Memo()),
                   once=True)
    run.offer(found)
    run.details.setdefault("deepen", []).append(
        (start.cost, found.cost, round(time.perf_counter() - began, 3),
         int(start.is_open.sum() - found.is_open.sum())))
    return found


def kick_step(run: Run, start: Incumbent, until: float = math.inf) -> Incumbent:
    """What the neighbourhood search tries when it stalls: :func:`._rins.rins_search` for
    :data:`KICK_SLICE` of the time limit, and when that finds nothing cheaper,
    :func:`deepen_step`. After :func:`._haircut_move.haircut_step` moved (the open set is
    settled, :data:`REGIONS_AFTER_MOVE`) a slice of :func:`._region.region_search` comes
    first and RINS only when it finds nothing cheaper, and no deepen
    (:data:`DEEPEN_AFTER_MOVE`); ``details["rins"]`` and ``details["regions"]`` get (from,
    to, seconds) of each slice."""
    if not cp_applies(run.comp) or run.left() <= 0:
        return start
    moved = "moved" in run.cache
    if moved and REGIONS_AFTER_MOVE:
        found = _slice(run, start, until, "regions")
        if found.cost < start.cost:
            return found
    found = _slice(run, start, until, "rins")
    if found.cost < start.cost or (moved and not DEEPEN_AFTER_MOVE):
        return found
    return deepen_step(run, start, until=until)


def _slice(run: Run, start: Incumbent, until: float, kind: str) -> Incumbent:
    """One slice of :data:`KICK_SLICE` of the time limit (before ``until``) of RINS
    (``kind`` "rins") or of the regions (``kind`` "regions"), recorded in ``details[kind]``;
    what it finds cheaper is offered and returned, else ``start``."""
    began = time.perf_counter()
    deadline = min(until, run.deadline, began + KICK_SLICE * run.options.time_limit)
    share = cpu_share((run.started, run.cpu))
    slices = run.details.setdefault(kind, [])
    if kind == "rins":
        found = rins_search(run.comp, start, deadline, seed=run.options.seed + len(slices),
                            share=share)
    else:
        regions = run.cache.setdefault("regions", Regions(run.comp, run.options.seed))
        found = region_search(run.comp, start, deadline, regions, seed=run.options.seed,
                              share=share)
    slices.append((start.cost, found.cost, round(time.perf_counter() - began, 3)))
    if found.cost < start.cost:
        run.offer(found)
        return found
    return start


#: Wall time of one :func:`kick_step`'s RINS, as a share of the time limit (12 s of 120:
#: from a stalled end on Trafford's 74 schools it found 4 improvements in its first 12 s).
KICK_SLICE = 0.1
#: Whether :func:`kick_step` deepens after :func:`._haircut_move.haircut_step` moved (the
#: open set is then the cut model's): in the last searches of R22-R24 on Trafford deepen
#: found nothing after a move in any run and took up to 18 s of one (0-18 s of 119 s of
#: CPU); without it the kicks are RINS slices, which still gained there
#: (docs/facility-bench.md R24).
DEEPEN_AFTER_MOVE = False
#: Whether :func:`kick_step` tries the regions of :mod:`._region` first after a move: from
#: the stalled ends in set A of Trafford's 73 schools where RINS found nothing in 20 s
#: (31,013.61) they reached 30,882.87 in 60 s of CPU, and 30,930.24 -> 30,894.27 in 3 s; the
#: 120 s runs ending in set A ended at +0.010 % to +0.191 % of the best known (median
#: +0.110 %, 6 runs; main's +0.251 %, 6 runs; docs/facility-bench.md R25).
REGIONS_AFTER_MOVE = True


def closure_step(run: Run) -> None:
    """:func:`deepen_step` when :func:`haircut_step` moved nowhere."""
    if "start" not in run.cache:
        deepen_step(run)


#: Wall-time limit of one :func:`deepen_step`, as a share of the time limit.
DEEPEN_SHARE = 0.15
#: The steps after :func:`quick_mip` (module docstring), each run while time is left.
TRAJECTORY = (partial(search_neighbourhoods, until=NEIGHBOURHOOD_FIRST), haircut_step,
              closure_step, early_mip, last_search)


def lp_support(run: Run) -> np.ndarray:
    """The pairs the LP relaxation of the whole model uses (x > 0), computed once per run;
    its bound is a bound of the problem (74 × 738: 0.1 s, 827 of 7,380 pairs)."""
    if "lp_support" not in run.cache:
        model, lay = build(run.comp, Restriction.none(run.comp))
        relaxed = HighsSolver(time_limit=max(run.left(), 0.01)).solve(model, relax=True)
        support = np.zeros(run.comp.k, dtype=bool)
        reduced, opened = np.zeros(run.comp.k), np.full(run.comp.m, np.nan)
        if relaxed.values is not None:
            opened = relaxed.values[: run.comp.m]
            support[lay.pairs] = relaxed.values[lay.x0: lay.w0] > KERNEL_EPS
            run.bound = max(run.bound, relaxed.bound)
        if relaxed.reduced_costs is not None:
            reduced[lay.pairs] = relaxed.reduced_costs[lay.x0: lay.w0]
        run.cache["lp_reduced"], run.cache["lp_open"] = reduced, opened
        run.cache["lp_support"] = support
        run.details["lp_bound"] = relaxed.bound
    return run.cache["lp_support"]


#: An LP value above this puts a pair in the kernel.
KERNEL_EPS = 1e-6


def quick_mip(run: Run) -> None:
    """A second start from the LP relaxation, cheaper than plain HiGHS on the whole model:
    HiGHS from scratch on the model restricted as RENS restricts it (Berthold, Math. Prog.
    Comp. 6, 2014: the sites the LP opens fully stay open, those it leaves shut stay
    closed) and to the LP support and each customer's :data:`QUICK_PAIRS` pairs of least
    LP reduced cost (:func:`cheapest_pairs`); its solution, after the shift / swap descent,
    is offered, and the kernel MILP recombines it with the incumbent (:func:`_kernel`).

    On Trafford (73 × 737, 7,370 pairs: 57 sites fixed open, 6 closed, 2,948 pairs) it
    holds 31,369.60 after 3.3 s of CPU, where plain HiGHS holds 37,650 until 10.4 s of CPU
    and 31,446 after 12.7 s; with the LP support alone and 3 pairs, no site fixed:
    31,661 after 4.6 s (one run each, load 3-5)."""
    comp = run.comp
    if run.incumbent is None or run.left() <= 0 or not highs_starved(run):
        return
    run.cache["quick"] = True  # instead of plain HiGHS (:func:`early_mip`)
    keep = lp_support(run) | cheapest_pairs(comp, run.cache["lp_reduced"], QUICK_PAIRS)
    y = run.cache["lp_open"]
    rule = Restriction(closed=~np.isin(np.arange(comp.m), comp.site[keep]) | (y < KERNEL_EPS),
                       opened=y > 1 - KERNEL_EPS, keep=keep, x_upper=np.ones(comp.k))
    limit = min(QUICK_SECONDS / cpu_share((run.started, run.cpu)),
                QUICK_WALL * run.options.time_limit, run.left())
    solver = HighsSolver(time_limit=limit, relative_gap=1e-4, seed=run.options.seed)
    result, chosen = solve_mip(comp, rule, solver)
    run.details["quick_mip_seconds"] = round(result.seconds, 3)
    if chosen is None:
        return
    found = _incumbent(comp, chosen)
    if descent_applies(comp):
        found = descend(comp, found)
    run.details["quick_mip_found"] = found.cost
    base, other = sorted((run.incumbent, found), key=lambda solution: solution.cost)
    run.offer(found)
    run.details["quick_kernel_to"] = _kernel(run, base, other.x > 0.5).cost


#: Pairs per customer (least LP reduced cost first) in :func:`quick_mip`'s model besides
#: the LP support (Trafford: 3 gave 31,647 after 5.3 s of CPU, 4 31,369.60 after 3.3 s,
#: 5 31,620 after 6.3 s; one run each, HiGHS's path changes with the model).
QUICK_PAIRS = 4
#: :func:`quick_mip`'s limit in CPU seconds (its wall limit is this divided by the run's
#: CPU share), and at most this share of the time limit in wall time.
QUICK_SECONDS, QUICK_WALL = 6.0, 0.15


def highs_starved(run: Run) -> bool:
    """Whether plain HiGHS's phase (:func:`early_mip`, from :data:`NEIGHBOURHOOD_FIRST` to
    :data:`EARLY_MIP_UNTIL` of the time limit) would get fewer CPU seconds than
    :data:`EARLY_MIN_CPU` per pair at the run's CPU share so far: :func:`quick_mip` then
    takes its place (on a quiet machine HiGHS runs, as before)."""
    wall = (EARLY_MIP_UNTIL - NEIGHBOURHOOD_FIRST) * run.options.time_limit
    return wall * cpu_share((run.started, run.cpu)) < EARLY_MIN_CPU * run.comp.k


def cheapest_pairs(comp: Compiled, key: np.ndarray, count: int) -> np.ndarray:
    """Each customer's ``count`` pairs of least ``key`` (ties: the lower pair index)."""
    order = np.lexsort((key, comp.customer))  # by customer, then key
    rank = np.empty(comp.k, dtype=np.int64)
    rank[order] = np.arange(comp.k) - comp.start[comp.customer[order]]
    return rank < count


def kernel_mip(run: Run) -> None:
    """The kernel MILP around the incumbent (:func:`_kernel`), if there is one."""
    if run.incumbent is not None:
        _kernel(run, run.incumbent)


def _kernel(run: Run, base: Incumbent, other: np.ndarray | None = None) -> Incumbent:
    """The MILP over the kernel of Kernel Search (Guastaroba & Speranza, EJOR 238, 2014):
    the pairs of the LP relaxation's support, of ``base`` and ``other`` (pairs of another
    solution), every other pair dropped (sites with no kept pair closed), from ``base`` as
    warm start; what it finds, after the shift / swap descent, is offered to the run and
    returned (``base`` when nothing better). It is small (74 × 738: about 960 of 7,380
    pairs) and HiGHS solves it to 0.01 % in about a second: from the padded Lagrangian
    start 27,065 -> 26,693, from the neighbourhood search's local optima 26,473 -> 26,350,
    26,299 -> 26,175. Adding the next pairs by reduced cost in buckets (with "a bucket
    pair used") was measured and dropped: kernels of 1,500 pairs stopped at their 5-30 s
    limits without improving."""
    comp = run.comp
    if run.left() <= 0:
        return base
    keep = lp_support(run) | (base.x > 0.5) | (False if other is None else other)
    run.details["kernel_pairs"] = int(keep.sum())  # of the last kernel
    rule = Restriction(closed=~np.isin(np.arange(comp.m), comp.site[keep]),
                       opened=np.zeros(comp.m, dtype=bool), keep=keep, x_upper=np.ones(comp.k))
    limit = min(KERNEL_SECONDS / cpu_share((run.started, run.cpu)),
                KERNEL_WALL * run.options.time_limit, run.left())
    solver = HighsSolver(time_limit=limit, relative_gap=1e-4, seed=run.options.seed)
    _, chosen = solve_mip(comp, rule, solver,
                          warm=Chosen(base.is_open, base.steps, base.x, base.w))
    if chosen is None:
        return base
    found = _incumbent(comp, chosen)
    if descent_applies(comp):
        found = descend(comp, found)
    run.offer(found)
    return found if found.cost < base.cost else base


#: Limit of the kernel MILP in seconds of CPU: its wall-clock limit is this divided by the
#: run's share of a core so far (as a sub-MIP's, :func:`._neighbourhood.cpu_share`). The
#: kernel with the pool of HiGHS's solutions took 8.6-10 s alone on the 12 %-spare
#: instance (load 2-3); under a load that halves the CPU a 10 s wall limit would cut it.
KERNEL_SECONDS = 10.0
#: ... and at most this share of the time limit in wall time: with a fifth of a core (load
#: 13, Trafford) the kernel around HiGHS's only solution (37,650, 20 % above the incumbent)
#: had a 47 s limit, ran to it, and left no time to the searches after it.
KERNEL_WALL = 0.15


def join_helpers(run: Run, helpers: list[Helper]) -> None:
    """The helpers' solutions (:mod:`._portfolio`), waited for until
    :data:`~._portfolio.GATHER_SHARE` of the time limit: each is checked and offered, its
    bound taken (each helper's bound holds for the whole problem), and the kernel MILP
    recombines the best with the pairs of all the others and of every process's
    trajectory ends (:func:`end_pairs`; a helper sends its own in ``details["end_pairs"]``,
    indices of the compiled pairs, the same in every process for the same problem); the
    neighbourhood search then goes on from the result until
    :data:`NEIGHBOURHOOD_UNTIL` of the whole time limit (the main process's own phases were
    laid out in the helpers' share, ``run.horizon``)."""
    run.horizon = 1.0
    own = run.incumbent
    found, notes = gather(helpers, run.phase_end(GATHER_SHARE))
    run.details.setdefault("helpers", []).extend(notes)
    ends = [] if own is None else [own]
    extra = np.zeros(run.comp.k, dtype=bool)  # the helpers' trajectory ends (end_pairs)
    for solution in found:
        try:
            other = incumbent_from_solution(run.comp, solution)
        except InfeasibleError as error:
            run.details["helpers"].append(f"rejected: {error}")
            continue
        run.bound = max(run.bound, solution.bound)
        run.offer(other)
        ends.append(other)
        helper_ends = np.asarray(solution.details.get("end_pairs", []), dtype=np.int64)
        extra[helper_ends[(helper_ends >= 0) & (helper_ends < run.comp.k)]] = True
    if run.incumbent is not None and len(ends) > 1:
        pairs = end_pairs(run) | extra  # every process's trajectory ends too
        for end in ends:
            pairs |= end.x > 0.5
        run.details["helpers_from"] = run.upper
        _kernel(run, run.incumbent, pairs)
        run.details["helpers_to"] = run.upper
    search_neighbourhoods(run, NEIGHBOURHOOD_UNTIL)  # also when no helper answered
