"""OR-Library readers on small inline texts, and a few real instances to their optimum."""

from __future__ import annotations

import pytest

from junheng.optimize import (
    SolveOptions,
    SolveStatus,
    parse_cap,
    parse_pmed,
    parse_pmedcap,
    read_cap,
    read_pmed,
    read_pmedcap,
    solve_facility,
)


def test_cap_reads_sites_then_customers_with_costs_of_all_demand():
    # 2 sites (capacity, fixed), then per customer: demand and its cost at each site
    problem = parse_cap("2 2\n 10 5.\n 12 7.\n 4\n 1.5 2.5\n 3\n 9 1\n")
    assert problem.capacity.tolist() == [10, 12]
    assert problem.fixed_cost.tolist() == [5, 7]
    assert problem.demand.tolist() == [4, 3]
    assert sorted(problem.pair_cost.tolist()) == [1, 1.5, 2.5, 9]
    assert not problem.single_source


def test_cap_capacity_word_needs_a_capacity():
    text = "1 1\n capacity 100.\n 5\n 3.\n"
    with pytest.raises(ValueError, match="请用 capacity 参数指定容量"):
        parse_cap(text)
    assert parse_cap(text, capacity=8000).capacity.tolist() == [8000]


def test_pmed_keeps_the_last_cost_of_a_repeated_edge_then_takes_shortest_paths():
    # edge 1-2 first costs 5, then 2: the later one counts; 1-3 goes through 2: 2 + 4
    problem = parse_pmed("3 3 1\n 1 2 5\n 2 3 4\n 1 2 2\n")
    cost = {(s, c): v for s, c, v in zip(problem.pair_site.tolist(),
                                         problem.pair_customer.tolist(),
                                         problem.pair_cost.tolist(), strict=True)}
    assert cost[(0, 1)] == 2 and cost[(0, 2)] == 6 and cost[(1, 1)] == 0
    assert problem.p == 1


def test_pmedcap_uses_floor_of_euclidean_distance():
    # (0,0)-(1,1) is 1.41 -> 1; (0,0)-(3,4) is 5
    problem = parse_pmedcap("1 99\n 3 1 10\n 1 0 0 2\n 2 1 1 3\n 3 3 4 4\n")
    cost = {(s, c): v for s, c, v in zip(problem.pair_site.tolist(),
                                         problem.pair_customer.tolist(),
                                         problem.pair_cost.tolist(), strict=True)}
    assert cost[(0, 1)] == 1 and cost[(0, 2)] == 5
    assert problem.single_source and problem.p == 1
    assert problem.capacity.tolist() == [10, 10, 10]


def _optimal(problem, expected):
    solution = solve_facility(problem, SolveOptions(time_limit=60))
    assert solution.status is SolveStatus.OPTIMAL
    assert solution.objective == pytest.approx(expected, rel=1e-8)
    assert problem.evaluate(solution) == pytest.approx(expected, rel=1e-8)


def test_cap41_reaches_the_published_optimum(orlib):
    _optimal(read_cap(orlib / "cap" / "cap41.txt"), 1040444.375)


def test_cap71_is_uncapacitated_in_effect_and_reaches_the_optimum(orlib):
    _optimal(read_cap(orlib / "cap" / "cap71.txt"), 932615.750)


def test_pmed1_reaches_the_published_optimum(orlib):
    _optimal(read_pmed(orlib / "pmed" / "pmed1.txt"), 5819)


def test_pmedcap01_reaches_the_published_optimum(orlib):
    _optimal(read_pmedcap(orlib / "pmedcap" / "pmedcap01.txt"), 713)
