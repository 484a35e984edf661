"""The exact per-site bound holds 就近划片 (18) in its site knapsacks (planning.layout_bound): the
parts of a zone at a site are one item, and a part whose zone has a part without a pair at the
site cannot go there; (18) is no longer priced at its LP duals."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from test_layout_core import arrays
from test_layout_core_bound import _check_bound_and_fixing, _random_county

from junheng.planning.layout_bound import LayoutLagrangian
from junheng.planning.layout_bound_sites import _Site, _Stage, forced_values, solve_site

INF = math.inf


def _zoned_site(item) -> _Site:
    """Three primary pairs of 20 pupils on 40 seats, no room to add (a total over 40 costs
    inf), no junior pair, size cap 120, 1,000 元 to open; ``item``: the pairs' items."""
    w = np.arange(61)
    demand = np.array([20, 20, 20] if item is None else [40, 20], np.int64)
    primary = _Stage(np.arange(3), demand, np.where(w <= 40, 0.0, INF), item)
    junior = _Stage(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(1))
    return _Site(1000.0, (primary, junior), np.zeros(121))


def test_a_zone_is_one_item_of_the_site_knapsack():
    # pairs 0 and 1 are the two parts of a zone (reduced costs -100 each), pair 2 another
    # village (-150): the zone together (40 pupils) fills the 40 seats, -200 (V = 800), the
    # best; without the tie the two cheapest pairs of 20 fit: -100 - 150 = -250 (V = 750)
    tied = solve_site(_zoned_site(np.array([0, 0, 1])), np.array([-100.0, -100.0, -150.0]))
    assert tied.value == pytest.approx(800.0) and sorted(tied.chosen) == [0, 1]
    # (18) priced instead, x0 - x1 = 0 at any multiplier λ (x0 -λ, x1 +λ): at most 750
    for lam in (-60.0, 0.0, 60.0):
        loose = solve_site(_zoned_site(None), np.array([-100.0 - lam, -100.0 + lam, -150.0]))
        assert loose.value == pytest.approx(750.0 - abs(lam))
    # forced in: either part brings the whole zone (800); pair 2 is bounded by h over every
    # item, the zone's -200 with it beyond the seats (h(20) = -150 from pair 2 itself):
    # 1,000 - 150 - 150 = 700, at most its true 850 (pair 2 alone: the zone no longer fits)
    forced = forced_values(_zoned_site(np.array([0, 0, 1])), tied, np.array([-100.0, -100.0, -150.0]))
    assert forced == pytest.approx({0: 800.0, 1: 800.0, 2: 700.0})


def test_a_part_whose_zone_cannot_reach_the_site_is_barred_there():
    # the line county: village 3's grades 1-3 (customer 2) may go to TP01 (pair 2) or to the
    # central school (pair 3); zoned with village 2's grades 1-3 (customer 1, the central
    # school only) it may not go to TP01: that pair is barred, its forced value inf
    _, arr = arrays()
    arr = replace(arr, zones=(np.array([1, 2]),))
    lag = LayoutLagrangian(arr)
    tp = int(arr.pair_site[2])
    assert lag.sites[tp].barred.tolist() == [2]
    assert [s.pairs.size for s in lag.sites[tp].stages] == [0, 0]
    central = lag.sites[int(arr.pair_site[3])].stages[0]
    # at the central school the zone is one item of 30 + 12 pupils; grades 1-3 of village 1
    # (60) and grades 4-6 of villages 1-3 (60, 30, 12) one item each
    assert sorted(central.demand.tolist()) == [12, 30, 42, 60, 60]
    reduced = lag.reduced(np.zeros(arr.n_customers), np.zeros(arr.n_sites))
    sol = solve_site(lag.sites[tp], reduced)
    assert forced_values(lag.sites[tp], sol, reduced) == {2: INF}


@pytest.mark.parametrize("zone", [(1, 2), (0, 1, 2), (2, 5)])
@pytest.mark.parametrize("seed", range(2))
def test_zoned_counties_keep_the_bound_and_the_fixing_valid(zone, seed):
    # the MILP holds (18) for the zone (x_ij = x_ij0 at every site), so the brute-force
    # optimum (every assignment, the MILP with x fixed) respects it: L at most that optimum,
    # and the penalty tests keep a plan of its cost
    _check_bound_and_fixing(replace(_random_county(seed), zones=(np.array(zone),)))
