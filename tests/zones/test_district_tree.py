"""Random spanning-tree starts for districting (zones.district_tree) on graphs worked out by
hand; every plan is verified by the solver-free check_districting."""

from __future__ import annotations

import random

import numpy as np
from tests.zones.test_district import BINDS, BINDS_POP, GRID

from junheng.zones.check import check_districting
from junheng.zones.district_heuristic import cut_edges
from junheng.zones.district_tree import recombination, split_off, tree_plan, tree_search
from junheng.zones.graph import neighbours

GRID_NEAR = neighbours(9, np.array(GRID))
BINDS_NEAR = neighbours(7, np.array(BINDS))


def test_every_tree_plan_of_the_grid_is_connected_and_in_the_band():
    # 3 × 3 grid, one person each, three districts of exactly 3 people.
    rng = random.Random(0)
    plans = [tree_plan([1.0] * 9, GRID_NEAR, 3, (3, 3), rng) for _ in range(30)]
    assert all(plan is not None for plan in plans)
    assert all(check_districting(np.ones(9), GRID, 3, plan, (3, 3)) == [] for plan in plans)


def test_split_off_cuts_the_heavy_end_or_the_rest_of_the_path():
    # Path 0–1–2–3 with populations 1, 1, 1, 3 and both sides in [3, 3]: the only split
    # is {3} | {0, 1, 2}; either side may come back.
    path = [[1], [0, 2], [1, 3], [2]]
    for seed in range(10):
        piece = split_off([0, 1, 2, 3], path, [1, 1, 1, 3], (3, 3), (3, 3), random.Random(seed), 5)
        assert piece in ({3}, {0, 1, 2})


def test_tree_search_finds_the_optima_of_both_hand_graphs():
    # Grid: 6 cut edges (three rows); the seven-vertex graph: 4, where contiguity binds
    # (tests/zones/test_district.py works both out by hand).
    grid = tree_search(np.ones(9), GRID_NEAR, 3, (3, 3), seconds=0.3)
    assert cut_edges(grid, GRID_NEAR) == 6
    assert check_districting(np.ones(9), GRID, 3, grid, (3, 3)) == []
    binds = tree_search(BINDS_POP, BINDS_NEAR, 2, (6, 6), seconds=0.3)
    assert cut_edges(binds, BINDS_NEAR) == 4
    assert check_districting(BINDS_POP, BINDS, 2, binds, (6, 6)) == []


def test_tree_search_gives_none_when_no_plan_fits_the_band():
    # Two districts of 3 people each cannot be made of a 1-2-1 path (4 people).
    assert tree_search([1, 2, 1], [[1], [0, 2], [1]], 2, (3, 3), seconds=0.1) is None


def test_recombination_goes_from_rows_to_the_two_squares_of_a_ladder():
    # 2 × 4 ladder, one person each, two districts of 4: the rows cut the 4 rungs; the two
    # 2 × 2 squares cut 2 edges, the fewest (the ladder has no bridge).
    ladder = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 7), (0, 4), (1, 5), (2, 6), (3, 7)]
    near = neighbours(8, np.array(ladder))
    rows = [0, 0, 0, 0, 1, 1, 1, 1]
    assert cut_edges(rows, near) == 4
    best = recombination([1.0] * 8, near, rows, (4, 4), 0.3, random.Random(0))
    assert cut_edges(best, near) == 2
    assert check_districting(np.ones(8), ladder, 2, best, (4, 4)) == []
    assert best[0] == best[1] == best[4] == best[5]
