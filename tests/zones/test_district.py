"""k-part districting with minimum cut edges on graphs worked out by hand; every plan is
verified by the solver-free :func:`junheng.zones.check.check_districting`."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.zones.check import check_districting
from junheng.zones.district import population_band, solve_districting
from junheng.zones.district_heuristic import anneal, cut_edges
from junheng.zones.district_labeling import labeling_fixing, solve_labeling
from junheng.zones.fixing import hess_fixing
from junheng.zones.graph import neighbours

GRID = ([(r * 3 + c, r * 3 + c + 1) for r in range(3) for c in range(2)]
        + [(r * 3 + c, (r + 1) * 3 + c) for r in range(2) for c in range(3)])
# Seven vertices where contiguity binds. Populations 2,1,1,2,4,1,1 (total 12, band [6, 6]).
# {3, 4} (2 + 4) cuts only 0–3, 2–4, 4–5 = 3 edges but 3 and 4 are not adjacent. Vertex 4's
# connected districts of population 6 are {2,4,5}, {1,2,4}, {1,4,5} (its neighbours 2 and 5
# and their pop-1 neighbour 1; 6 touches only 0); each leaves a connected rest through 0
# and cuts 4 edges (0–2,1–2,0–5,1–5 / 0–1,0–2,1–5,4–5 / 0–1,1–2,0–5,2–4).
BINDS = [(0, 1), (0, 2), (0, 3), (0, 5), (0, 6), (1, 2), (1, 5), (2, 4), (4, 5)]
BINDS_POP = np.array([2, 1, 1, 2, 4, 1, 1])


@pytest.mark.parametrize("solver", ["highs", "cpsat"])
@pytest.mark.parametrize("contiguity", ["flow", "cut"])
def test_three_by_three_grid_in_three_parts_cuts_six_edges(solver, contiguity):
    # 12 edges; a connected triple keeps at most 2 (the grid has no triangle), so at least
    # 12 - 3·2 = 6 are cut, and three rows cut exactly 6. The band for 9 people in 3 parts
    # at ±0.5 % is [3, 3].
    result = solve_districting(np.ones(9), GRID, 3, time_limit=60, solver=solver,
                               contiguity=contiguity)
    assert result["status"] == "optimal" and result["cut_edges"] == 6
    assert check_districting(np.ones(9), GRID, 3, result["district"], (3, 3)) == []


@pytest.mark.parametrize("solver", ["highs", "cpsat"])
@pytest.mark.parametrize("contiguity", ["flow", "cut"])
def test_contiguity_binds_four_cut_edges_not_three(solver, contiguity):
    result = solve_districting(BINDS_POP, BINDS, 2, time_limit=60, solver=solver,
                               contiguity=contiguity)
    assert result["status"] == "optimal" and result["cut_edges"] == 4
    assert result["bound"] == pytest.approx(4)
    assert check_districting(BINDS_POP, BINDS, 2, result["district"], (6, 6)) == []
    assert check_districting(BINDS_POP, BINDS, 2, [0, 0, 0, 1, 1, 0, 0], (6, 6)) == [
        "第 2 区不连通：分成 2 片（各片首个单元：单元 4、单元 5）。"]


def test_start_plan_is_kept_when_the_solver_has_no_time():
    start = np.array([0, 0, 1, 0, 1, 1, 0])  # {2, 4, 5}: 4 cut edges, connected
    result = solve_districting(BINDS_POP, BINDS, 2, time_limit=0.0, start=start)
    assert result["cut_edges"] == 4 and result["status"] == "time_limit"
    assert result["district"].tolist() == [0, 0, 4, 0, 4, 4, 0]  # centres: 0 and 4
    assert check_districting(BINDS_POP, BINDS, 2, result["district"], (6, 6)) == []


def test_fixing_leaves_vertex_four_only_its_own_district_or_the_heavier_first():
    # order by population: 4 (4), 0 (2), 3 (2), then 1, 2, 5, 6. Vertex 4 comes first, so it
    # centres its district; 0 may centre the other (reach 0,1,2,3,5,6 = 8 ≥ 6), and a vertex
    # joins 0 only along paths of population ≤ 6 avoiding 4.
    order, allowed = hess_fixing(BINDS_POP, neighbours(7, np.array(BINDS)), (6, 6))
    assert order.tolist() == [4, 0, 3, 1, 2, 5, 6]
    assert np.nonzero(allowed[:, 4])[0].tolist() == [1, 2, 4, 5]  # 1 via 2 or 5: 4+1+1
    assert np.nonzero(allowed[:, 0])[0].tolist() == [0, 1, 2, 3, 5, 6]
    assert not allowed[3, 3] and allowed.sum() == 10  # 3 reaches only itself past 0


def test_anneal_finds_the_contiguous_optimum_of_the_small_graph():
    adjacency = neighbours(7, np.array(BINDS))
    plan = anneal(BINDS_POP, adjacency, 2, population_band(BINDS_POP, 2), seconds=2.0)
    assert cut_edges(plan, adjacency) == 4
    assert check_districting(BINDS_POP, BINDS, 2, plan, (6, 6)) == []


def test_labeling_model_agrees_on_both_hand_graphs():
    grid = solve_labeling(np.ones(9), GRID, 3, time_limit=60)
    assert grid["status"] == "optimal" and grid["cut_edges"] == 6
    assert check_districting(np.ones(9), GRID, 3, grid["district"], (3, 3)) == []
    binds = solve_labeling(BINDS_POP, BINDS, 2, time_limit=60)
    assert binds["status"] == "optimal" and binds["cut_edges"] == 4
    assert check_districting(BINDS_POP, BINDS, 2, binds["district"], (6, 6)) == []


def test_labeling_fixing_pins_vertex_four_to_label_zero():
    # Order 4, 0, 3, …: 4 leads label 0; vertex 0 is 2 + 1 + 4 = 7 > U = 6 from 4, so the two
    # cannot share a district and 0 leads label 1. Label 0 keeps 4's U-ball {1, 2, 4, 5}
    # (4+1, 4+1, 4+1+1); label 1 everything but 4 (D-fixing bars nothing else: k = 2).
    order, allowed, fixed = labeling_fixing(BINDS_POP, neighbours(7, np.array(BINDS)), 2, 6)
    assert fixed == [4, 0]
    assert np.nonzero(allowed[:, 0])[0].tolist() == [1, 2, 4, 5]
    assert np.nonzero(allowed[:, 1])[0].tolist() == [0, 1, 2, 3, 5, 6]
