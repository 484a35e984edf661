"""Several capacities per site (seats, beds): optima worked out by hand, the solver-free
check naming the resource, the Lagrangian bound staying below the optimum, and brute force
on small random instances."""

from __future__ import annotations

import itertools
import math
import time

import numpy as np
import pytest

from junheng.errors import InfeasibleError
from junheng.optimize import (
    Assignment,
    Entries,
    ExpansionStep,
    FacilityProblem,
    SideBlock,
    SolveOptions,
    SolveStatus,
    solve_facility,
)
from junheng.optimize._compiled import Compiled
from junheng.optimize.facility import FacilitySolution
from junheng.optimize.lagrangian import subgradient

SEATS, BEDS = 0, 1

#: (site, customer, cost, seats used, beds used): customer 1 boards wherever it goes
PAIRS = [(0, 0, 1, 5, 0), (1, 0, 5, 5, 0), (2, 0, 2, 5, 0),
         (0, 1, 1, 5, 5), (1, 1, 3, 5, 5), (2, 1, 2, 5, 5)]


def beds_decide(step_cost: float = 4.0, **options) -> FacilityProblem:
    """Sites 甲 (fixed 10, 10 seats, no beds, a block of 5 beds for ``step_cost``), 乙 (fixed
    10, 10 seats, 10 beds), 丙 (fixed 3, 5 seats, no beds); customers 0 (day pupils) and 1
    (boarders), 5 pupils each."""
    table = np.array(PAIRS, dtype=float)
    return FacilityProblem(
        fixed_cost=[10, 10, 3], capacity=[[10, 0], [10, 10], [5, 0]], demand=[5, 5],
        pair_site=table[:, 0], pair_customer=table[:, 1], pair_cost=table[:, 2],
        usage=table[:, 3:], expansions=[ExpansionStep(0, step_cost, 5, resource=BEDS)],
        site_names=("甲", "乙", "丙"), resource_names=("学位", "床位"),
        **{"single_source": True, **options})


def solved(problem: FacilityProblem, **options) -> FacilitySolution:
    solution = solve_facility(problem, SolveOptions(**options))
    assert problem.evaluate(solution) == pytest.approx(solution.objective)
    assert solution.bound <= solution.objective + 1e-6
    return solution


@pytest.mark.parametrize("method", ["auto", "mip", "plain"])
def test_beds_decide_the_optimum(method):
    # seats alone: 甲 holds both (10 seats): 10 + 1 + 1 = 12. With beds, customer 1 needs 5
    # beds: 甲 + its bed block 10 + 4 + 1 + 1 = 16 beats 乙 alone 10 + 5 + 3 = 18, 乙 + 丙
    # 10 + 3 + 2 + 3 = 18 and 甲 + 乙 10 + 10 + 1 + 3 = 24; 丙 has no beds.
    solution = solved(beds_decide(), method=method)
    assert solution.objective == pytest.approx(16.0)
    assert solution.status is SolveStatus.OPTIMAL
    assert solution.open_sites == (0,)
    assert solution.expansions == {(0, BEDS): 1}


def test_seats_alone_would_open_one_site_for_12():
    problem = beds_decide()
    seats_only = problem.replace(capacity=np.asarray(problem.capacity)[:, :1], usage=None,
                                 expansions=(), resource_names=None)
    assert solved(seats_only).objective == pytest.approx(12.0)


def test_a_dear_bed_block_sends_the_boarders_to_the_school_with_beds():
    # the block at 9: 甲 costs 10 + 9 + 2 = 21 > 18, so 乙 takes the boarders (18)
    solution = solved(beds_decide(step_cost=9.0))
    assert solution.objective == pytest.approx(18.0)
    assert 1 in solution.open_sites and solution.expansions == {}


def test_split_demand_gives_the_same_optimum():
    assert solved(beds_decide(single_source=False)).objective == pytest.approx(16.0)


def test_the_checker_rejects_a_plan_breaking_only_the_beds_row():
    # both customers at 甲 without the block: seats 10 <= 10 hold, beds 5 > 0 do not
    plan = FacilitySolution(
        status=SolveStatus.OPTIMAL, objective=12.0, bound=12.0, gap=0.0, open_sites=(0,),
        expansions={}, assignment=(Assignment(0, 0, 1.0), Assignment(1, 0, 1.0)), seconds=0.0)
    with pytest.raises(InfeasibleError, match=r"约束 \(3\)：设施 甲 承担床位 5，超过容量 0") as error:
        beds_decide().evaluate(plan)
    assert error.value.details["resource"] == BEDS
    with_block = FacilitySolution(**{**plan.__dict__, "expansions": {(0, BEDS): 1}})
    assert beds_decide().evaluate(with_block) == pytest.approx(16.0)


def test_the_lagrangian_bound_stays_below_the_optimum():
    comp = Compiled(beds_decide())
    result = subgradient(comp, math.inf, tolerance=lambda upper: 0.0,
                         deadline=time.perf_counter() + 10)
    # each resource alone is a relaxation of the site's problem: a valid bound <= 16
    assert result.bound <= 16.0 + 1e-9
    assert result.bound >= 12.0 - 1e-9  # at least the seats-only optimum's LP-free bound


def test_too_few_beds_anywhere_is_reported_before_solving():
    # without the block only 乙's 4 beds remain for the 5 boarders
    problem = beds_decide().replace(capacity=[[10, 0], [10, 4], [5, 0]], expansions=())
    with pytest.raises(InfeasibleError, match="床位总容量 4 小于需求 5"):
        problem.check_feasible()


def test_usage_and_step_resources_are_validated():
    with pytest.raises(ValueError, match="不存在的资源 2"):
        beds_decide().replace(expansions=[ExpansionStep(0, 1.0, 1.0, resource=2)])
    with pytest.raises(ValueError, match="资源占用有 3 列"):
        beds_decide().replace(usage=np.ones((6, 3)))
    with pytest.raises(ValueError, match="必须等于客户需求"):
        FacilityProblem.from_pairs([(0, 0, 1.0)], demand=[2], capacity=[5], usage=[[3.0]])


def brute_force(problem: FacilityProblem) -> float:
    """Cheapest single-source plan by enumeration: open the sites used, take each chain's
    fewest steps that cover the load (steps cost >= 0), no other rule."""
    cap = problem.capacity_matrix
    use, best = problem.pair_usage, math.inf
    options = [np.flatnonzero(problem.pair_customer == j) for j in range(problem.n_customers)]
    for choice in itertools.product(*options):
        choice = np.array(choice)
        load = np.zeros(cap.shape)
        np.add.at(load, problem.pair_site[choice], use[choice])
        sites = np.unique(problem.pair_site[choice])
        cost = problem.fixed_cost[sites].sum() + problem.pair_cost[choice].sum()
        for i, r in itertools.product(sites, range(cap.shape[1])):
            added, steps = cap[i, r], problem.expansion_steps(int(i), r)
            for step in steps:
                if added >= load[i, r] - 1e-9:
                    break
                added, cost = added + step.capacity, cost + step.cost
            if added < load[i, r] - 1e-9:
                cost = math.inf
        best = min(best, cost)
    return best


def random_problem(seed: int) -> FacilityProblem:
    rng = np.random.default_rng(seed)
    sites, customers = 3, 5
    demand = rng.integers(1, 6, customers)
    board = rng.random((sites, customers)) < 0.5
    site, customer = np.divmod(np.arange(sites * customers), customers)
    usage = np.c_[demand[customer], demand[customer] * board[site, customer]]
    return FacilityProblem(
        fixed_cost=rng.integers(0, 15, sites), capacity=np.c_[rng.integers(6, 14, sites),
                                                                rng.integers(0, 6, sites)],
        demand=demand, pair_site=site, pair_customer=customer,
        pair_cost=rng.integers(1, 20, sites * customers), usage=usage,
        expansions=[ExpansionStep(i, float(rng.integers(1, 8)), 4.0, resource=r)
                    for i in range(sites) for r in (0, 1) for _ in range(2)],
        single_source=True)


@pytest.mark.parametrize("seed", range(12))
def test_small_random_instances_reach_the_brute_force_optimum(seed):
    problem = random_problem(seed)
    best = brute_force(problem)
    if not math.isfinite(best):
        with pytest.raises(InfeasibleError):
            solve_facility(problem)
        return
    for method in ("auto", "plain"):
        assert solved(problem, method=method).objective == pytest.approx(best)
    comp = Compiled(problem)
    bound = subgradient(comp, math.inf, tolerance=lambda upper: 0.0,
                        deadline=time.perf_counter() + 10).bound
    assert bound <= best + 1e-6


def with_side_rules(problem: FacilityProblem, seed: int) -> FacilityProblem:
    """``problem`` with its pairs given in a shuffled order and two side rules: (L) each
    open site serves at least 6 pupils or pays 5 per pupil short (column s_i ≤ 6), and
    (P) at most 2 sites open."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(problem.n_pairs)
    site, customer = problem.pair_site[order], problem.pair_customer[order]
    m = problem.n_sites
    rows_pair = np.flatnonzero(np.ones(order.size, bool))
    side = SideBlock(
        cost=np.full(m, 5.0), lower=0.0, upper=6.0, integer=False,
        row_lower=[0.0] * m + [-np.inf], row_upper=[np.inf] * m + [2.0],
        groups=("(L)",) * m + ("(P)",),
        on_open=Entries(np.r_[np.arange(m), np.full(m, m)], np.r_[np.arange(m), np.arange(m)],
                        np.r_[np.full(m, -6.0), np.ones(m)]),
        on_pair=Entries(site, rows_pair, problem.demand[customer]),
        on_side=Entries(np.arange(m), np.arange(m), np.ones(m)))
    return problem.replace(pair_site=site, pair_customer=customer,
                           pair_cost=problem.pair_cost[order],
                           usage=np.asarray(problem.pair_usage)[order], side=side)


def brute_force_side(problem: FacilityProblem) -> float:
    """:func:`brute_force` with the two side rules of :func:`with_side_rules`."""
    best = math.inf
    options = [np.flatnonzero(problem.pair_customer == j) for j in range(problem.n_customers)]
    for choice in itertools.product(*options):
        choice = np.array(choice)
        sites = np.unique(problem.pair_site[choice])
        if sites.size > 2:
            continue
        one = problem.replace(pair_site=problem.pair_site[choice],
                              pair_customer=problem.pair_customer[choice],
                              pair_cost=problem.pair_cost[choice],
                              usage=np.asarray(problem.pair_usage)[choice], side=None)
        load = np.bincount(one.pair_site, weights=one.demand[one.pair_customer],
                           minlength=one.n_sites)[sites]
        best = min(best, brute_force(one) + 5.0 * np.maximum(6.0 - load, 0.0).sum())
    return best


@pytest.mark.parametrize("seed", range(6))
def test_side_rules_on_shuffled_pairs_reach_the_brute_force_optimum(seed):
    problem = with_side_rules(random_problem(seed), seed)
    best = brute_force_side(problem)
    if not math.isfinite(best):
        return
    for method in ("auto", "plain"):
        solution = solved(problem, method=method)
        assert solution.objective == pytest.approx(best)
        assert len(solution.open_sites) <= 2


def test_side_columns_with_a_negative_cost_are_refused():
    with pytest.raises(ValueError, match="费用必须非负"):
        SideBlock(cost=[-1.0], lower=0.0, upper=1.0, integer=False, row_lower=[0.0],
                  row_upper=[1.0], groups=("(S)",))
