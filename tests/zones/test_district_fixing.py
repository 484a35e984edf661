"""L-, reach-, U- and Z-fixing and the orbitope rows of the labeling model (rules (5),
(10)–(13) of :mod:`junheng.zones.district_labeling`): worked by hand on a path, and checked
against every connected in-band partition of small graphs enumerated by brute force."""

from __future__ import annotations

import numpy as np
import pytest
from tests.zones.test_district_symmetry import GRID, GRID_POP, LADDER, cut, feasible_plans

from junheng.zones.district import population_band
from junheng.zones.district_fixing import back_start, most_members, root_labels
from junheng.zones.district_labeling import LabelingModel, front_order, solve_labeling
from junheng.zones.graph import neighbours

# Path 0–1–2–3–4, populations 3, 1, 1, 1, 3, two districts of 4..5 people.
PATH = np.array([[0, 1], [1, 2], [2, 3], [3, 4]])
PATH_POP = np.array([3, 1, 1, 1, 3])


def path_model() -> LabelingModel:
    return LabelingModel(PATH_POP, PATH, neighbours(5, PATH), 2, (4, 5))


def test_path_front_and_l_fixing():
    # Greedy front: removing 2 leaves pieces {0, 1} and {3, 4} of 4 = L; then 4 (heavier
    # than 3) and 0: F = {0, 4, 2}, order 0, 4, 2 | 1, 3. The tail {2, 1, 3} holds 3 < 4 and
    # adding 4 makes {1, 2, 3, 4} = 6, so q = 2: vertex 2 represents nothing (11).
    adjacency = neighbours(5, PATH)
    order, front = front_order(PATH_POP, adjacency, 4)
    assert order.tolist() == [0, 4, 2, 1, 3] and front == 3
    assert back_start(PATH_POP, adjacency, order, 4) == 2
    model = path_model()
    assert model.f == 2 and model.order.tolist() == [0, 4, 2, 1, 3]


def test_path_fixings_by_hand():
    # U-fixing (10): 0 takes label 0; 4 is 3+1+1+1+3 = 9 > 5 from 0, so it takes label 1.
    # Reach (12) from 0 (all vertices): 1 at 4, 2 at 5, 3 at 6 > 5, so label 0 reaches
    # {0, 1, 2}; from 4 (vertices placed at or after it: 4, 2, 1, 3): 3 at 4, 2 at 5, 1 at 6,
    # so label 1 reaches {2, 3, 4}. Z (13): 0–1 and 3–4 join vertices with one and the same
    # label, so they are not cut. M: the lightest three (1 + 1 + 1 = 3 ≤ 5) fit, four (6) not.
    model = path_model()
    m = model.milp
    assert m.upper[model.x].astype(int).tolist() == [[1, 0], [1, 0], [1, 1], [0, 1], [0, 1]]
    assert m.lower[model.x][[0, 4]].tolist() == [[1, 0], [0, 1]]
    assert m.upper[model.r].astype(int).tolist() == [[1, 0], [0, 1]]
    assert m.upper[model.y].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert model.most == 3 == most_members(PATH_POP, 5)


def test_path_both_optima_stay_feasible():
    # {0, 1, 2} (5) | {3, 4} (4) and {0, 1} (4) | {2, 3, 4} (5) each cut one edge: both meet
    # every row and bound; the solver proves 1.
    model = path_model()
    for plan in ([0, 0, 0, 1, 1], [0, 0, 1, 1, 1]):
        assert model.milp.violation(model.values(np.array(plan))) <= 1e-9
    result = solve_labeling(PATH_POP, PATH, 2, tolerance=0.12, time_limit=30)
    assert population_band(PATH_POP, 2, 0.12) == (4, 5)
    assert result["status"] == "optimal" and result["cut_edges"] == 1


def test_root_labels_of_three_labels_over_five_front_vertices():
    # v_p represents j only if j ≤ p (D) and the k − 1 − j later labels find a representative
    # among the 4 − p front vertices after it (L): j ≥ 3 − (5 − p).
    assert root_labels(5, 3).astype(int).tolist() == [[1, 0, 0], [1, 1, 0], [1, 1, 1],
                                                      [0, 1, 1], [0, 0, 1]]


# (graph, population, k, tolerance, band): the grid's cases and the 2 × 6 ladder in 2 and 3
# parts (equal people), and in 3 with people 1..12 (78, a mean of 26: 21..31 at ±20 %).
CASES = [(GRID, GRID_POP, 3, 0.25, (5, 8)), (GRID, GRID_POP, 4, 0.3, (4, 6)),
         (GRID, GRID_POP, 2, 0.1, (9, 11)), (GRID, GRID_POP, 3, 0.1, (6, 7)),
         (LADDER, np.ones(12), 2, 0.0, (6, 6)), (LADDER, np.ones(12), 3, 0.0, (4, 4)),
         (LADDER, np.arange(1, 13), 3, 0.2, (21, 31))]


@pytest.mark.parametrize(("graph", "pop", "k", "tolerance", "band"), CASES)
def test_fixings_cut_off_no_connected_plan(graph, pop, k, tolerance, band):
    # Every connected in-band partition, in its canonical labels, meets every row and column
    # bound of the model with all fixings, so the solver's optimum is the brute-force best.
    assert population_band(pop, k, tolerance) == band
    edges = np.array(graph)
    model = LabelingModel(pop, edges, neighbours(len(pop), edges), k, band)
    plans = list(feasible_plans(pop, graph, k, band))
    assert plans
    for plan in plans:
        assert model.milp.violation(model.values(plan)) <= 1e-9, plan.tolist()
    result = solve_labeling(pop, graph, k, tolerance=tolerance, time_limit=30)
    assert result["status"] == "optimal"
    assert result["cut_edges"] == min(cut(p, graph) for p in plans)
