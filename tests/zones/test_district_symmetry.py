"""The ordered-representatives labeling model (front order, label order, representative =
first vertex, extended cut rows, separators) against brute force on small graphs: symmetry
breaking and fixing must never cut off a connected in-band plan, so the solver's optimum
equals the best of every partition enumerated by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from junheng.zones.check import check_districting
from junheng.zones.district import population_band
from junheng.zones.district_labeling import LabelingModel, front_order, polish, solve_labeling
from junheng.zones.graph import components, neighbours

# A 3 × 3 grid (0 1 2 / 3 4 5 / 6 7 8) with unequal populations 5,1,2 / 1,3,1 / 2,1,4
# (total 20); at ±10 % the band for 3 districts is [ceil(0.9·20/3), floor(1.1·20/3)] = [6, 7].
GRID = ([(r * 3 + c, r * 3 + c + 1) for r in range(3) for c in range(2)]
        + [(r * 3 + c, (r + 1) * 3 + c) for r in range(2) for c in range(3)])
GRID_POP = np.array([5, 1, 2, 1, 3, 1, 2, 1, 4])
# A 2 × 6 ladder: top 0..5, bottom 6..11, rungs i–(i+6); 16 edges, population 1 each.
LADDER = ([(i, i + 1) for i in range(5)] + [(i + 6, i + 7) for i in range(5)]
          + [(i, i + 6) for i in range(6)])
DATA = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "districting"


def partitions(n: int, k: int):
    """Every partition of 0..n-1 into k non-empty blocks (restricted growth strings)."""
    def grow(prefix, used):
        if len(prefix) == n:
            if used == k:
                yield np.array(prefix)
            return
        for label in range(min(used + 1, k)):
            yield from grow(prefix + [label], max(used, label + 1))
    yield from grow([0], 1)


def feasible_plans(pop, edges, k, band):
    adjacency = neighbours(len(pop), np.array(edges))
    for plan in partitions(len(pop), k):
        sizes = np.bincount(plan, weights=pop, minlength=k)
        if (sizes < band[0]).any() or (sizes > band[1]).any():
            continue
        if all(len(components(np.nonzero(plan == j)[0].tolist(), adjacency)) == 1
               for j in range(k)):
            yield plan


def cut(plan, edges) -> int:
    return sum(plan[u] != plan[v] for u, v in edges)


# (k, tolerance, band, connected in-band partitions, fewest cut edges): enumerated above.
# k = 3 at ±25 %: best 5, e.g. {0, 1, 2} (8), {3, 4, 6, 7} (7), {5, 8} (5) cutting 0–3, 1–4,
# 2–5, 4–5, 7–8; k = 4 at ±30 % has four plans, all cutting 7; k = 2 at ±10 %: best 4, e.g.
# {0, 1, 2, 3, 6} (11) / {4, 5, 7, 8} (9) cutting 1–4, 3–4, 2–5, 6–7.
CASES = [(3, 0.25, (5, 8), 24, 5), (4, 0.3, (4, 6), 4, 7), (2, 0.1, (9, 11), 12, 4)]


@pytest.mark.parametrize(("k", "tolerance", "band", "count", "best"), CASES)
def test_brute_force_counts(k, tolerance, band, count, best):
    assert population_band(GRID_POP, k, tolerance) == band
    plans = list(feasible_plans(GRID_POP, GRID, k, band))
    assert len(plans) == count and min(cut(p, GRID) for p in plans) == best


@pytest.mark.parametrize("contiguity", ["flow", "cut"])
@pytest.mark.parametrize(("k", "tolerance", "band", "count", "best"), CASES)
def test_every_connected_plan_meets_the_symmetry_rows(contiguity, k, tolerance, band, count,
                                                      best):
    # The canonical columns of every feasible partition satisfy every row of the model: the
    # label order, representatives, fixing and separators remove none of them.
    edges = np.array(GRID)
    model = LabelingModel(GRID_POP, edges, neighbours(9, edges), k, band, contiguity)
    for plan in feasible_plans(GRID_POP, GRID, k, band):
        assert model.milp.violation(model.values(plan)) <= 1e-9, plan.tolist()


@pytest.mark.parametrize("contiguity", ["flow", "cut"])
@pytest.mark.parametrize(("k", "tolerance", "band", "count", "best"), CASES)
def test_solver_optimum_equals_brute_force(contiguity, k, tolerance, band, count, best):
    result = solve_labeling(GRID_POP, GRID, k, tolerance=tolerance, time_limit=30,
                            contiguity=contiguity)
    assert result["status"] == "optimal" and result["cut_edges"] == best
    assert result["bound"] == pytest.approx(best, abs=1e-6)
    assert check_districting(GRID_POP, GRID, k, result["district"], band) == []


def test_front_pieces_are_below_the_lower_bound():
    # L = 5: the front takes 0 (5), 8 (4) and 4 (3); B = {1, 2, 3, 5, 6, 7} splits into
    # {1, 2, 5} (4) and {3, 6, 7} (4), both below 5, so every district holds 0, 4 or 8.
    order, f = front_order(GRID_POP, neighbours(9, np.array(GRID)), 5)
    assert order[:f].tolist() == [0, 8, 4]
    back = order[f:].tolist()
    assert [GRID_POP[p].sum() for p in components(back, neighbours(9, np.array(GRID)))] == [4, 4]


def test_polish_turns_two_rows_into_two_squares():
    # Start: top 0–3, bottom 6–9 and the square {4, 5, 10, 11}: cut 1 (3–4) + 1 (9–10) + the
    # four rungs 0–6 … 3–9 = 6. Re-splitting the pair of rows (a 2 × 4 ladder) into two
    # 2 × 2 squares cuts 2 there, 4 in all: the brute-force optimum of the ladder.
    start = np.array([0, 0, 0, 0, 2, 2, 1, 1, 1, 1, 2, 2])
    edges = np.array(LADDER)
    assert cut(start, LADDER) == 6
    best = polish(np.ones(12), edges, neighbours(12, edges), start, (4, 4), 30.0)
    assert cut(best, LADDER) == 4
    assert min(cut(p, LADDER) for p in feasible_plans(np.ones(12), LADDER, 3, (4, 4))) == 4
    assert check_districting(np.ones(12), LADDER, 3, best, (4, 4)) == []


@pytest.mark.skipif(not DATA.exists(), reason="needs ../shared/benchmarks/districting")
@pytest.mark.parametrize(("name", "k", "optimum"), [("county23", 2, 16), ("county35", 3, 17),
                                                    ("county16", 2, 10)])
def test_published_optimum_proven_for_maine_new_mexico_and_idaho(name, k, optimum):
    # 1–2 s each unloaded (4.5, 6.3, 4.6 s wall at load 8.5–8.8); the limit leaves room.
    from bench.zones import read_dual_graph

    population, edges = read_dual_graph(DATA / f"{name}.json")
    result = solve_labeling(population, edges, k, time_limit=60)
    assert result["status"] == "optimal" and result["cut_edges"] == optimum
    assert 0 < result["found_at"] <= result["seconds"]  # HiGHS's plan, no start given
    band = population_band(population, k)
    assert check_districting(population, edges, k, result["district"], band) == []
