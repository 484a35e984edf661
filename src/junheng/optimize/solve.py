"""Solve a :class:`FacilityProblem`: heuristics, Lagrangian bound, sound fixing, then a tree.

The formulation (constraints (1)-(9)) is in :mod:`junheng.optimize.facility`.

Pipeline by problem type (chosen from the data, measured on OR-Library and a county-sized
layout case; figures below)
------------------------------------------------------------------------------------------
* **Capacity never binds** (p-median, uncapacitated location, cap71-74): greedy opening
  and best-improvement add/drop/swap descent (Whitaker's fast interchange, vectorised);
  Lagrangian bound (relax (1); subgradient); penalty tests fix sites and drop pairs; then
  a best-first Lagrangian tree over "site open / closed" (:mod:`._branch`). HiGHS is used
  only with a budget. Measured: on pmed16 the strong LP left after fixing takes HiGHS 8 s
  to solve once and no node was finished in 56 s; the tree proves optimality in 111 nodes.
* **Splittable with capacities, small** (≤ 5,000 pairs, cap41-64): HiGHS on the strong
  MILP directly. It proves these in 0.01-0.25 s; every bounding step we tried costs more.
* **Splittable with capacities, large** (capa): Lagrangian with the aggregate capacity cut
  (9) in the master (Beasley 1988), primal repairs priced by OR-Tools' min-cost flow
  (40-60 ms against 540 ms for the HiGHS LP on capa), open-set search, penalty tests
  (closing 82-95 of 100 sites), then the Lagrangian tree with knapsack values when all
  capacities are equal, else HiGHS. Plain HiGHS does not finish the root LP of capa/8000
  (100,000 linking rows) in 90 s.
* **Single-source with capacities** (capacitated p-median, school layout): Lagrangian
  with exact 0-1 knapsacks by dynamic programming when demands and capacities are small
  integers (pmedcap01: bound 699 -> 705, optimum 713), open-set search priced by exact
  assignment MIPs up to 5,000 pairs (1,000 when the open count is free), fixing, then HiGHS
  with the incumbent as warm start. Larger (school-sized) instances: up to 15% of the time
  on the bound; the exact assignment of the Lagrangian's open set as start; close / open
  moves and the shift / swap descent of :mod:`._gap_search`; the kernel MILP over the LP
  support and the incumbent (:func:`~._large_single.kernel_mip`); HiGHS on the model
  restricted to the LP's fully open and shut sites and cheapest pairs by reduced cost,
  recombined with the incumbent (:func:`~._large_single.quick_mip`); the neighbourhood search
  of :mod:`._neighbourhood` (sub-MIPs over neighbouring sites, each open seed first tried
  closed) until 15% of the time; one more closure or a swap where the split flow shows one
  (:mod:`._deepen`, again whenever a later search stalls, unless it started from a move to
  a cut set); plain HiGHS from scratch until
  55% (only when no closure was found), when it would get
  2 s of CPU per 1,000 pairs or more (every improving
  solution kept for the kernel), the neighbourhood search from its solution until 85% and
  the kernel over both ends
  (:func:`~._large_single.early_mip`); the search again until 95% (99% after the quick
  MILP: the final MILP would get too little CPU there); fixing and HiGHS from
  the incumbent for the rest. With ``workers > 1`` these phases fit in the helpers' share
  of the time, then :func:`~._large_single.join_helpers`. Figures
  (``bench.facility --generated``, ``--realschool``): :mod:`junheng.optimize` docstring.

Solver choice: HiGHS (highspy) for every MILP, built from numpy arrays with
:class:`~junheng.optimize.model.Milp`. Against CP-SAT (OR-Tools 9.15): pmedcap01 3.2 s / 4.9 s
(1 / 2 workers) vs HiGHS 2.6 s; pmedcap02 1.3 / 3.6 vs 0.12 s; pmed6 CP-SAT bound 5,128 vs
optimum 7,824 after 30 s (HiGHS proves it in 3-10 s); layout kernel 66.4 M vs 64.1 M in 30 s.
After a good warm start HiGHS runs without own heuristics, restarts or symmetry detection
(pmed6: 12.5 s -> 3.9 s).

Several capacities and side rules (:mod:`junheng.optimize.side`): the same pipeline; the
Lagrangian uses per-resource knapsacks (:class:`~junheng.optimize.lagrangian.MultiKnapsacks`),
the greedy close / open search and the tree are single-resource only, and with side rules
every completion is the exact assignment MILP. With side rules and a caller's start (the
layout on the core) the MILP is preceded by fixing by LP reduced costs
(:mod:`junheng.optimize.fixing`) and runs without HiGHS's start heuristics.

Soundness: every fixing removes only solutions whose Lagrangian bound is within the
tolerance of the incumbent, and the reported bound is the minimum of the reduced search's
bound and the bounds of everything removed, so ``bound`` is valid for the full problem.
For integer data with integral optimal assignments, bounds are rounded up.

Determinism: only HiGHS's randomness, seeded by ``SolveOptions.seed``.

OR-Library figures (47 instances, all proven at the published optimum) are in the
:mod:`junheng.optimize` docstring. County-sized layout case (``--school``: 750 customers, 150 sites, 18,486 pairs,
expansions, budget, single source): 1.18% gap at 60 s (objective 63.85 M; plain HiGHS
64.61 M with the same bound). The demo county and generated counties with the size cap as
the one capacity (``python -m bench.layout``, the comparison with the layout planner's own
path) are in the :mod:`junheng.optimize` docstring.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from junheng.errors import InfeasibleError, SolverError
from junheng.optimize._branch import branch_and_bound
from junheng.optimize._compiled import Compiled
from junheng.optimize._large_single import (
    TRAJECTORY,
    assignment_starts,
    join_helpers,
    kernel_mip,
    polish,
    quick_mip,
)
from junheng.optimize._milp import Chosen, Restriction, solve_mip, solve_mip_fixed
from junheng.optimize._portfolio import HELPER_SHARE as SHARE
from junheng.optimize._portfolio import Helper, helper_count, idle_cores, start_helpers, stop
from junheng.optimize._solution import solution_from_arrays
from junheng.optimize.assign import (
    Incumbent,
    assign,
    cost_of,
    incumbent_from_pairs,
    incumbent_from_solution,
    quick_assign,
)
from junheng.optimize.facility import (
    FacilityProblem,
    FacilitySolution,
    OpenRule,
)
from junheng.optimize.heuristics import (
    NearestCosts,
    open_set_search,
    single_source_search,
    uncapacitated_search,
)
from junheng.optimize.highs import HighsSolver
from junheng.optimize.lagrangian import LagrangianResult, count_limits, subgradient
from junheng.optimize.options import SolveOptions
from junheng.optimize.result import OPTIMALITY_GAP, MilpResult, SolveStatus, relative_gap


class _Run:
    """State of one solve: the clock, the incumbent and the best bound so far."""

    def __init__(self, problem: FacilityProblem, options: SolveOptions):
        self.started = time.perf_counter()
        self.deadline = self.started + options.time_limit
        self.options = options
        self.comp = Compiled(problem)
        self.cpu = time.process_time()
        self.incumbent: Incumbent | None = None
        self.bound = -math.inf
        self.details: dict = {"trajectory": []}
        self.cache: dict = {}  # what a step computes once per run (the LP support)
        self.horizon = 1.0  # share of the time limit the phases are laid out in (phase_end)

    def left(self) -> float:
        return max(self.deadline - time.perf_counter(), 0.0)

    def phase_end(self, share: float) -> float:
        """The clock reading at ``share`` of the time limit (of its ``horizon`` share)."""
        return min(self.deadline, self.started + share * self.horizon * self.options.time_limit)

    def offer(self, candidate: Incumbent | None) -> None:
        if candidate is not None and self.comp.has_side and candidate.w is None:
            return  # a completion that does not know the side rows
        if candidate is not None and (self.incumbent is None or candidate.cost
                                      < self.incumbent.cost - 1e-9 * max(1.0, abs(candidate.cost))):
            self.incumbent = candidate
            seconds = round(time.perf_counter() - self.started, 3)
            self.details["incumbent_seconds"] = seconds
            self.details["trajectory"].append(
                (seconds, round(time.process_time() - self.cpu, 3), candidate.cost))

    @property
    def upper(self) -> float:
        return self.incumbent.cost if self.incumbent is not None else math.inf

    def tolerance(self, upper: float) -> float:
        """Slack for pruning and fixing: half the requested gap, so the final gap is within it."""
        return self.comp.tolerance(upper, 0.5 * self.options.relative_gap)

    def closed(self) -> bool:
        return self.incumbent is not None and self.bound >= self.upper - self.tolerance(self.upper)


def _allowed(comp: Compiled, is_open: np.ndarray) -> bool:
    """(5), (6) and (7) hold for an open set without expansions."""
    problem = comp.problem
    if (comp.forced & ~is_open).any() or (is_open & ~comp.usable).any():
        return False
    count = int(is_open.sum())
    exact = problem.open_rule is OpenRule.EXACTLY
    if problem.p is not None and (count > problem.p or (exact and count != problem.p)):
        return False
    if problem.budget is not None:
        spend = comp.level_spend[comp.level_start[:-1]][is_open].sum()
        return bool(spend <= problem.budget + 1e-9)
    return True


def _allowed_open(comp: Compiled, is_open: np.ndarray) -> bool:
    """(5) and (6) for an open set; the budget is checked once steps are known."""
    problem = comp.problem
    if (comp.forced & ~is_open).any() or (is_open & ~comp.usable).any():
        return False
    count = int(is_open.sum())
    exact = problem.open_rule is OpenRule.EXACTLY
    return problem.p is None or (count <= problem.p and (not exact or count == problem.p))


def _fallback_start(comp: Compiled) -> Incumbent | None:
    """Existing and forced sites, plus the cheapest new ones until capacity covers demand."""
    is_open = comp.usable & (comp.already | comp.forced)
    capacity = comp.max_cap.min(axis=1)
    spend = comp.level_spend[comp.level_start[:-1]]
    budget = math.inf if comp.problem.budget is None else comp.problem.budget
    for site in np.argsort(spend / np.maximum(capacity, 1e-9), kind="stable"):
        if comp.covers(is_open):
            break
        if comp.usable[site] and not is_open[site] and spend[is_open].sum() + spend[site] <= budget:
            is_open[site] = True
    if not _allowed_open(comp, is_open):
        return None
    return quick_assign(comp, is_open)


def _primal(run: _Run):
    comp = run.comp
    seen: set[bytes] = set()

    def from_levels(chosen: np.ndarray) -> float:
        is_open = np.zeros(comp.m, dtype=bool)
        is_open[comp.level_site[chosen]] = True
        key = np.packbits(is_open).tobytes()
        if key in seen or not _allowed(comp, is_open):
            return run.upper
        seen.add(key)
        run.offer(quick_assign(comp, is_open, time_limit=min(5.0, run.left())))
        return run.upper

    return from_levels


def _heuristic(run: _Run, starts: list[np.ndarray]) -> None:
    comp = run.comp
    if comp.uncapacitated and comp.dense is not None:
        found = uncapacitated_search(comp, deadline=run.deadline, starts=starts)
        if math.isfinite(found.cost) and _allowed(comp, found.is_open):
            run.offer(assign(comp, found.is_open))
        return
    for start in starts:  # the exact completion of promising open sets
        if run.left() > 0:
            run.offer(assign(comp, start, time_limit=min(5.0, run.left())))


def _lagrangian(run: _Run) -> LagrangianResult:
    comp = run.comp
    patience = 10 if comp.uncapacitated else 20  # capacitated bounds creep up slowly
    share = 0.15 if comp.problem.single_source and not comp.uncapacitated else 0.5
    quick = not run.options.search and run.incumbent is not None
    share = QUICK_BOUND_SHARE if quick else share
    # the tree refines an uncapacitated bound anyway: stop the root ascent sooner
    min_theta = 0.01 if comp.uncapacitated else 1e-3
    result = subgradient(comp, run.upper, tolerance=run.tolerance,
                         deadline=run.started + share * run.options.time_limit,
                         primal=None if quick else _primal(run), patience=patience,
                         min_theta=min_theta)
    if result.bound == math.inf:
        raise InfeasibleError(
            "开设数量、必须开设或关闭的设施、预算和总容量无法同时满足，本问题无可行解："
            "请放宽预算或开设数量，或增加候选设施。", details={"status": "infeasible"})
    run.bound = max(run.bound, result.bound)
    return result


def _restrict(run: _Run, lag: LagrangianResult) -> tuple[Restriction, float]:
    """Fix what the penalty tests allow; return the restriction and the bound it leaves."""
    comp, inc = run.comp, run.incumbent
    assert inc is not None
    cutoff = run.upper - run.tolerance(run.upper)
    restriction = Restriction.none(comp)
    keep_open = inc.is_open
    restriction.closed = (lag.open_bound >= cutoff) & ~keep_open & comp.usable
    restriction.opened = (lag.closed_bound >= cutoff) & keep_open & ~comp.forced
    floor = min(np.min(lag.open_bound[restriction.closed], initial=math.inf),
                np.min(lag.closed_bound[restriction.opened], initial=math.inf))
    pair_bound = lag.pair_bound(comp)
    used = inc.x > 0
    binary = comp.problem.single_source or comp.uncapacitated
    drop = (pair_bound >= cutoff) & (lag.reduced_cost > 0) & ~used
    if binary:
        restriction.keep = ~drop & ~restriction.closed[comp.site]
        floor = min(floor, np.min(pair_bound[drop], initial=math.inf))
    else:
        base = pair_bound - np.maximum(lag.reduced_cost, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            limit = np.where(lag.reduced_cost > 0, (cutoff - base) / lag.reduced_cost, 1.0)
        tight = (limit < 1.0) & ~used
        restriction.x_upper = np.where(tight, np.clip(limit, 0.0, 1.0), 1.0)
        restriction.keep = ~restriction.closed[comp.site]
        if tight.any():
            floor = min(floor, cutoff)
    run.details.update(fixed_closed=int(restriction.closed.sum()),
                       fixed_open=int(restriction.opened.sum()),
                       pairs_kept=int(restriction.keep.sum()))
    return restriction, floor


#: HiGHS settings once a good incumbent is known: its own heuristics and restarts
#: mostly re-find what we already have (measured on pmed6: 12.5 s -> 3.9 s).
TUNED = {"mip_heuristic_effort": 0.0, "mip_allow_restart": False, "mip_detect_symmetry": False}


def _mip(run: _Run, restriction: Restriction, *, warm: bool, tuning: dict | None,
         time_limit: float | None = None,
         on_solution: Callable[[Chosen], None] | None = None
         ) -> tuple[MilpResult, Chosen | None]:
    options, inc = run.options, run.incumbent
    absolute = 1.0 - 1e-6 if run.comp.integral else 1e-9
    start = Chosen(inc.is_open, inc.steps, inc.x, inc.w) if (warm and inc is not None) else None
    limit = run.left() if time_limit is None else min(time_limit, run.left())
    solver = HighsSolver(time_limit=max(limit, 0.01), relative_gap=0.999 * options.relative_gap,
                         absolute_gap=absolute, seed=options.seed, threads=options.threads,
                         log=options.log, options=tuning or {})
    if start is not None and run.comp.has_side and LP_FIXING:  # the layout: fixing.py
        result, chosen, found = solve_mip_fixed(run.comp, restriction, solver, warm=start,
                                                cutoff=run.upper - run.tolerance(run.upper))
        run.details.update(found)
        return result, chosen
    return solve_mip(run.comp, restriction, solver, warm=start, on_solution=on_solution)


#: Fix by LP reduced costs before the MILP of a problem with side rules (the layout).
LP_FIXING = True
#: HiGHS's searches for a first solution, off when a caller's start has side rules (the
#: layout's warm start; as :data:`junheng.planning.layout_model.START_SKIPS`).
SIDE_TUNING = dict.fromkeys(("mip_heuristic_run_rens", "mip_heuristic_run_root_reduced_cost",
                             "mip_heuristic_run_feasibility_jump"), False)


def _absorb(run: _Run, solved: tuple[MilpResult, Chosen | None], floor: float) -> None:
    result, chosen = solved
    run.details.update(mip_seconds=round(result.seconds, 3), mip_nodes=result.nodes)
    if chosen is not None:
        cost = cost_of(run.comp, chosen.is_open, chosen.steps, chosen.x, chosen.w)
        run.offer(Incumbent(chosen.is_open, chosen.steps, chosen.x, cost, chosen.w))
    run.bound = max(run.bound, min(result.bound, floor))
    if run.incumbent is None and result.status is SolveStatus.INFEASIBLE:
        raise InfeasibleError("求解器证明本问题无可行解（容量、开设数量、预算等约束无法同时满足）："
                              "请放宽预算或开设数量，或增加候选设施。",
                              details={"status": "infeasible"})


def _status(run: _Run) -> SolveStatus:
    gap = relative_gap(run.upper, run.bound)
    if gap <= OPTIMALITY_GAP or (run.comp.integral and run.bound > run.upper - 1 + 1e-6):
        return SolveStatus.OPTIMAL
    if gap <= run.options.relative_gap:
        return SolveStatus.GAP_LIMIT
    return SolveStatus.TIME_LIMIT


def _result(run: _Run) -> FacilitySolution:
    inc = run.incumbent
    if inc is None:
        raise SolverError("在时间限制内没有找到可行解：请延长时间限制或放宽约束。",
                          status=SolveStatus.NO_SOLUTION.value, bound=run.bound)
    bound = min(run.bound, inc.cost)
    if run.comp.integral and math.isfinite(bound):  # no bound yet: -inf stays
        bound = min(math.ceil(bound - 1e-6), inc.cost)
    run.details["method"] = run.options.method
    return solution_from_arrays(
        run.comp.problem, open_sites=np.flatnonzero(inc.is_open).tolist(), pair_fraction=inc.x,
        steps=run.comp.expansions(inc.steps), status=_status(run),
        objective=inc.cost, bound=bound, seconds=time.perf_counter() - run.started,
        details=run.details, side_values=inc.w)


#: Capacitated problems with at most this many pairs go straight to HiGHS: on cap41-cap64
#: (800 pairs) it proves optimality in 0.01-0.15 s, faster than any bounding we add.
SMALL_PAIRS = 5_000


def _solve_uncapacitated(run: _Run) -> None:
    """Swap search, Lagrangian bound and fixing, then a Lagrangian tree if a gap remains."""
    comp = run.comp
    _heuristic(run, [])
    lag = _lagrangian(run)
    _heuristic(run, [np.isin(np.arange(comp.m), comp.level_site[lag.chosen])])
    _close(run, lag, tuning=TUNED, price=NearestCosts(comp).cost)


def _note(run: _Run, lag: LagrangianResult) -> None:
    run.details.update(lagrangian_bound=lag.bound, lagrangian_iterations=lag.iterations,
                       lagrangian_seconds=round(lag.seconds, 3))


def _reduced(comp: Compiled, restriction: Restriction) -> Compiled:
    """The problem left after fixing: kept pairs only, fixed-closed sites forced closed."""
    problem = comp.problem
    keep = restriction.keep & ~restriction.closed[comp.site]
    closed = problem.forced_closed | {int(i) for i in np.flatnonzero(restriction.closed)}
    usage = None if problem.usage is None else problem.usage[keep]
    return Compiled(problem.replace(pair_site=comp.site[keep], pair_customer=comp.customer[keep],
                                    pair_cost=comp.cost[keep], forced_closed=closed,
                                    usage=usage))


def _tree_limits(comp: Compiled) -> tuple[int, int] | None:
    """Open-count limits when the Lagrangian tree applies (else None: use the MILP)."""
    if (comp.problem.budget is not None or comp.level_site.size != comp.m or comp.multi
            or comp.has_side):
        return None
    low, high = count_limits(comp, aggregate=comp.needs_aggregate)
    return None if low is None else (low, high)


def _tree(run: _Run, lag: LagrangianResult, restriction: Restriction, floor: float,
          price: Callable[[np.ndarray], float]) -> bool:
    """Close the gap with the Lagrangian tree; False when it does not apply."""
    reduced = _reduced(run.comp, restriction)
    limits = _tree_limits(reduced)
    if limits is None:
        return False
    tree = branch_and_bound(
        reduced, forced=restriction.opened, multipliers=lag.multipliers, root_bound=lag.bound,
        upper=run.upper, low=limits[0], high=limits[1], tolerance=run.tolerance,
        evaluate=price, deadline=run.deadline)
    run.details.update(tree_nodes=tree.nodes, tree_finished=tree.finished)
    if tree.best_open is not None:
        run.offer(assign(run.comp, tree.best_open, time_limit=max(run.left(), 1.0)))
    run.bound = max(run.bound, min(tree.bound, floor))
    return True


#: Single-source problems up to this many pairs get an open-set search priced by exact
#: generalised-assignment MIPs (pmedcap: 2,500 pairs, a few ms per MIP); larger ones go to
#: HiGHS directly, which on the county-sized layout case reached 1% sooner than any search.
SEARCH_PAIRS_SINGLE = 5_000


#: The same limit when the number of open sites is free (school instances): on the 16-school
#: real instance (1,610 pairs, ``bench/data/tyneside``) the open-set search ended 2.6 % above
#: the optimum (30 s and 60 s runs), the neighbourhood search 0.3 % (120 s, load 10).
SEARCH_PAIRS_FREE = 1_000


#: Share of the time limit the Lagrangian may take with ``search=False`` and a start.
QUICK_BOUND_SHARE = 0.05


def _solve_capacitated(run: _Run) -> None:
    """Lagrangian with primal repairs, a local search, fixing, then the tree or the MILP;
    on large single-source problems with ``workers > 1`` the helper processes of
    :mod:`._portfolio` run beside it (always stopped on return)."""
    comp = run.comp
    single = comp.problem.single_source
    small = SEARCH_PAIRS_SINGLE if comp.problem.p is not None else SEARCH_PAIRS_FREE
    exact_search = not single or comp.k <= small
    helpers = []
    if single and not exact_search and run.options.search and run.options.workers > 1:
        idle = idle_cores()
        helpers = start_helpers(comp.problem, run.options,
                                helper_count(run.options.workers, idle))
        run.details["helpers"] = [f"{len(helpers)} of {run.options.workers - 1} started "
                                  f"(idle cores {idle:.2f})"]
    try:
        _search_capacitated(run, exact_search, helpers)
    finally:
        for helper in helpers:
            stop(helper)


def _search_capacitated(run: _Run, exact_search: bool, helpers: list[Helper]) -> None:
    """The body of :func:`_solve_capacitated` (``helpers``: :mod:`._portfolio`)."""
    comp, single = run.comp, run.comp.problem.single_source
    lag = _lagrangian(run)
    if not run.options.search and run.incumbent is not None:
        _close(run, lag, tuning=SIDE_TUNING if comp.has_side else None)
        return
    if exact_search:
        starts = [np.isin(np.arange(comp.m), comp.level_site[lag.chosen])]
        if run.incumbent is not None:
            starts.append(run.incumbent.is_open)
        _heuristic(run, starts)
    if run.incumbent is None:
        run.offer(_fallback_start(comp))
    if single and not exact_search:
        assignment_starts(run, lag)
    polish(run)
    if run.incumbent is not None and not run.closed() and (exact_search or not comp.multi):
        (_search_open_sets if exact_search else _search_single_source)(run, lag)
        polish(run)
    if single and not exact_search and run.incumbent is not None and not run.closed():
        run.horizon = SHARE if helpers else 1.0  # own phases end with the helpers'
        kernel_mip(run)
        quick_mip(run)
        for step in TRAJECTORY:
            if not run.closed():
                step(run)
    if helpers and not run.closed():
        join_helpers(run, helpers)
    # with a searched incumbent HiGHS's own heuristics mostly re-find it (pmedcap07: 9.6 s
    # of MIP with them, 4.8 s without); on large single-source problems they are needed.
    # Splittable with equal capacities (capa): the Lagrangian tree proved capa/8000 in 8 s
    # of CPU against 19 s for HiGHS on the same fixed model; single-source (pmedcap): the
    # tree was no faster than HiGHS, whose cover cuts tighten the knapsack rows.
    tree = not single and TREE_CAPACITATED
    _close(run, lag, tuning=TUNED if exact_search else None,
           price=_pricer(run, quick_assign) if tree else None)


def _search_open_sets(run: _Run, lag: LagrangianResult) -> None:
    """Drop / swap / add moves on the open set, each priced by an exact assignment."""
    comp, single = run.comp, run.comp.problem.single_source
    rank = np.full(comp.m, np.inf)
    np.minimum.at(rank, comp.level_site, lag.level_value)
    share = 0.15 if single else 0.25
    deadline = min(run.deadline, time.perf_counter() + share * run.options.time_limit)
    price = assign if single else quick_assign
    run.offer(open_set_search(
        comp, run.incumbent, rank, deadline=deadline,
        evaluate=lambda mask: price(comp, mask, time_limit=min(5.0, run.left()))
        if _allowed(comp, mask) else None))


def _search_single_source(run: _Run, lag: LagrangianResult) -> None:
    """Close / open moves with greedy reassignment (large single-source problems)."""
    comp = run.comp
    began, before = time.perf_counter(), run.upper
    deadline = min(run.deadline, began + 0.15 * run.options.time_limit)
    run.offer(single_source_search(
        comp, run.incumbent, deadline=deadline, allowed=lambda mask: _allowed_open(comp, mask),
        complete=lambda is_open, pair: incumbent_from_pairs(comp, is_open, pair)))
    run.details.update(search_from=before, search_to=run.upper,
                       search_seconds=round(time.perf_counter() - began, 3))


#: Use the Lagrangian tree (not the MILP) for splittable problems with equal capacities.
TREE_CAPACITATED = True


def _pricer(run: _Run, complete: Callable[..., Incumbent | None]) -> Callable[[np.ndarray], float]:
    """Price an open set by completing it, keeping the completion if it is the best."""
    def price(is_open: np.ndarray) -> float:
        if not _allowed(run.comp, is_open):
            return math.inf
        found = complete(run.comp, is_open, time_limit=min(5.0, max(run.left(), 0.1)))
        run.offer(found)
        return found.cost if found is not None else math.inf

    return price


def _close(run: _Run, lag: LagrangianResult, tuning: dict | None,
           price: Callable[[np.ndarray], float] | None = None) -> None:
    """Fix what the bound allows, then the Lagrangian tree if ``price`` is given and it
    applies, else the MILP with the incumbent as warm start."""
    _note(run, lag)
    if run.closed():
        return
    if run.incumbent is None:
        _absorb(run, _mip(run, Restriction.none(run.comp), warm=False, tuning=None), math.inf)
        return
    restriction, floor = _restrict(run, lag)
    if price is not None and _tree(run, lag, restriction, floor, price):
        return
    _absorb(run, _mip(run, restriction, warm=True, tuning=tuning), floor)


def _start_from(run: _Run, start: FacilitySolution) -> None:
    """Offer a caller's solution as the first incumbent (ignored when it breaks a rule)."""
    try:
        found = incumbent_from_solution(run.comp, start)
    except InfeasibleError as error:
        run.details["start_rejected"] = str(error)
        return
    run.offer(found)
    run.details["start_objective"] = found.cost


def solve_facility(problem: FacilityProblem, options: SolveOptions | None = None, *,
                   start: FacilitySolution | None = None) -> FacilitySolution:
    """Solve ``problem``; the result carries status, objective, best bound and gap.

    ``start``, a solution the caller already has (checked by ``problem.evaluate``), is the
    first incumbent: the searches improve on it and the MILP starts from the best found.

    Raises :class:`InfeasibleError` (with the reason, in Chinese) when the problem has no
    solution, and :class:`SolverError` when the time limit passes before any solution.

    Examples
    --------
    >>> problem = FacilityProblem.from_cost_matrix(
    ...     [[1, 9], [9, 1]], demand=[1, 1], fixed_cost=[5, 5], capacity=[1, 1])
    >>> solution = solve_facility(problem)
    >>> solution.status.value, solution.objective, solution.open_sites
    ('optimal', 12.0, (0, 1))
    """
    options = options or SolveOptions()
    problem.check_feasible()
    run = _Run(problem, options)
    comp = run.comp
    if start is not None and options.method != "plain":
        _start_from(run, start)
    if options.method == "plain":
        _absorb(run, _mip(run, Restriction.none(comp), warm=False, tuning=None), math.inf)
    elif options.method == "mip" or (
            not comp.uncapacitated and comp.k <= SMALL_PAIRS and not problem.single_source):
        _heuristic(run, [])
        _absorb(run, _mip(run, Restriction.none(comp), warm=True, tuning=None), math.inf)
    elif comp.uncapacitated and comp.dense is not None:
        _solve_uncapacitated(run)
    else:
        _solve_capacitated(run)
    return _result(run)
