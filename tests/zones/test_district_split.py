"""A band per label in the labeling model, the recursive-bisection start and the cutoff
solve, against brute force on the small graphs of ``test_district_symmetry``."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.zones.check import check_districting
from junheng.zones.district_labeling import LabelingModel, solve_labeling
from junheng.zones.district_split import split_plan
from junheng.zones.graph import components, neighbours

from .test_district_symmetry import GRID, GRID_POP, LADDER, cut, feasible_plans, partitions

EDGES = np.array(GRID)


def bisections(low, high):
    """Connected 2-partitions of the grid, labelled as the model does (label 0 holds the
    first vertex of its order, vertex 0), with label j's population in [low[j], high[j]]."""
    adjacency = neighbours(9, EDGES)
    for plan in partitions(9, 2):
        plan = plan if plan[0] == 0 else 1 - plan
        sizes = np.bincount(plan, weights=GRID_POP, minlength=2)
        if ((sizes >= low) & (sizes <= high)).all() and all(
                len(components(np.nonzero(plan == j)[0].tolist(), adjacency)) == 1
                for j in range(2)):
            yield plan


# Grid 5 1 2 / 1 3 1 / 2 1 4 (total 20), bands of one and two districts of [6, 7]. Label 0
# (vertex 0, 5 people) one district: {0, 1} and {0, 3} (6 people) cut 3 edges each
# (0–3, 1–2, 1–4 / 0–1, 3–4, 3–6), {0, 1, 3} (7) cuts 4 (1–2, 1–4, 3–4, 3–6); nothing else
# holds 6 or 7 with vertex 0 (its other neighbours bring 3 or more). Label 1 one district
# without vertex 0 and a connected rest: 6 people {5,7,8} {4,6,7} {3,4,6} {2,4,5} {1,2,4},
# 7 people {6,7,8} {3,4,6,7} {2,5,8} {1,2,4,5}; the bottom row and the right column cut 3
# (3–6, 4–7, 5–8 / 1–2, 4–5, 7–8), {5,7,8} 4 (2–5, 4–5, 4–7, 6–7), the L-shapes of four 4,
# the other four 5.
PER_LABEL = [(([6, 12], [7, 14]), [3, 3, 4]),
             (([12, 6], [14, 7]), [3, 3, 4, 4, 4, 5, 5, 5, 5])]


@pytest.mark.parametrize(("band", "cuts"), PER_LABEL)
def test_band_per_label_cuts_off_no_bisection(band, cuts):
    from junheng.optimize.highs import HighsSolver

    model = LabelingModel(GRID_POP, EDGES, neighbours(9, EDGES), 2, band)
    assert model.order[0] == 0
    plans = list(bisections(np.array(band[0]), np.array(band[1])))
    assert sorted(cut(p, GRID) for p in plans) == cuts
    for plan in plans:
        assert model.milp.violation(model.values(plan)) <= 1e-9, plan.tolist()
    labels = model.labels(HighsSolver(time_limit=30).solve(model.milp).values)
    assert cut(labels, GRID) == 3 and any((labels == p).all() for p in plans)


def test_split_plan_cuts_a_ladder_into_three_squares():
    # 2 × 6 ladder, one person per vertex, 3 districts of 4: the first bisection takes a
    # 2 × 2 square at an end (4 | 8 people, 2 edges cut: the two rails), the second splits
    # the 2 × 4 rest into two squares (2 more): 4, the brute-force optimum.
    plan = split_plan(np.ones(12), LADDER, 3, (4, 4), 30)
    assert cut(plan, LADDER) == 4
    assert min(cut(p, LADDER) for p in feasible_plans(np.ones(12), LADDER, 3, (4, 4))) == 4
    assert check_districting(np.ones(12), LADDER, 3, plan, (4, 4)) == []


def test_split_plan_says_none_when_no_bisection_fits():
    # Three vertices of 1, 1, 4 in two districts of [3, 3]: no part holds 3.
    assert split_plan([1, 1, 4], [(0, 1), (1, 2)], 2, (3, 3), 10) is None


@pytest.mark.parametrize(("start", "cut_edges"), [([0, 0, 0, 1, 1, 2, 1, 1, 2], 5),
                                                   ([0, 0, 0, 1, 1, 1, 2, 2, 2], 6)])
def test_cutoff_proves_an_optimal_start_and_improves_a_worse_one(start, cut_edges):
    # k = 3 at ±25 %: band [5, 8], brute-force best 5 ({0,1,2} 8, {3,4,6,7} 7, {5,8} 5);
    # the three rows (8 / 5 / 7 people) cut 6. With the start's cut less one half as cutoff
    # HiGHS finds no plan below 5 (infeasible: the start is proven) and some plan below 6.
    start = np.array(start)
    assert cut(start, GRID) == cut_edges
    result = solve_labeling(GRID_POP, GRID, 3, tolerance=0.25, time_limit=30, start=start,
                            cutoff=True)
    assert result["status"] == "optimal" and result["cut_edges"] == 5
    assert result["bound"] == pytest.approx(5, abs=1e-6)
    assert (result["found_at"] == 0.0) == (cut_edges == 5)
    assert check_districting(GRID_POP, GRID, 3, result["district"], (5, 8)) == []
