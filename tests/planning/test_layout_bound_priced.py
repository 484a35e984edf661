"""The exact per-site bound prices every row its site subproblems do not hold
(planning.layout_bound.priced_rows): on generated county 3 of the province bench the 就近划片
rows (18) carried duals of up to 9.6e9 that u (the duals of (1)) absorbed; with them dropped
the bound at the LP duals was -1,159,993,597 against the LP's 378,557,215 (stop 53's
"exact_site_bound negative on generated counties 2-3")."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from junheng.demo.generator import county_specs, generate_county
from junheng.optimize import Milp
from junheng.planning import build_layout_problem, load_layout_config
from junheng.planning.layout_bound import SITE_BLOCKS, SITE_ROWS, layout_bound, priced_rows
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import build_layout_milp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # bench: a folder of the repository
from bench.layout_bound import CLASS_ROWS, held_bound  # noqa: E402

INF = math.inf


def _hand_milp(tie: str = "(E)") -> Milp:
    """x0, x1 (one customer's two pairs), y, a^P, a^J, b, r, z; o (a boarding flag, cost 0,
    0..1) and t (m² of teaching area, 5 元 each, unbounded) outside the sites; the equality
    x0 = x1 in row group ``tie``."""
    m = Milp()
    for name in SITE_BLOCKS:
        m.add_block(name, np.full(2 if name == "assign" else 1, 10.0), 0, 1, integer=True)
    m.add_block("boarding", [0.0], 0, 1, integer=True)
    m.add_block("teaching_area", [5.0], 0, INF, integer=False)
    x, y, a_p = m.block("assign"), m.block("open"), m.block("rooms_primary")
    o, t = m.block("boarding"), m.block("teaching_area")
    m.add_row("(1)", x, [1.0, 1.0], 1.0, 1.0)
    m.add_row(tie, x, [1.0, -1.0], 0.0, 0.0)  # x0 = x1
    m.add_row("(9)", o, [1.0], lo=1.0)  # (9c) Σ o ≥ 1
    m.add_row("(9)", np.r_[o, y], [1.0, -1.0], hi=0.0)  # (9a) o ≤ y
    m.add_row("(14)", np.r_[t, a_p], [1.0, -120.0], lo=-50.0)  # t + 120 a^P ≥ −50, as (14)
    return m


def test_the_rows_outside_the_sites_priced_by_hand():
    # duals of (1), (E), (9c), (9a), (14): 7 (a site row: not priced), 40 (free: an
    # equality), 3 (≥ row: kept), 2 (a ≤ row must have λ ≤ 0: clipped to 0), 5 (≥: kept)
    priced = priced_rows(_hand_milp(), np.array([7.0, 40.0, 3.0, 2.0, 5.0]))
    # shifts −Aᵀλ: x0 −40, x1 +40; y 0 (its row clipped); a^P +120·5 = +600
    assert priced.pairs.tolist() == [-40.0, 40.0]
    assert priced.open.tolist() == [0.0]
    assert [r.tolist() for r in priced.rooms] == [[600.0], [0.0]] and priced.beds.tolist() == [0.0]
    # constant Σ λ b: 40·0 + 3·1 + 5·(−50) = −247; outside columns at their least reduced
    # cost: o 0 − 3 = −3 at o = 1, t 5 − 5 = 0: −247 − 3 = −250
    assert priced.constant == pytest.approx(-250.0, abs=1e-12)


def test_the_zoning_rows_are_held_by_the_sites_not_priced():
    # x0 = x1 as a 就近划片 row (18): the site knapsacks take a zone's parts as one item, so its
    # dual 40 shifts no pair (it did, −40 / +40, when (18) was priced); the constant is as above
    priced = priced_rows(_hand_milp("(18)"), np.array([7.0, 40.0, 3.0, 2.0, 5.0]))
    assert priced.pairs.tolist() == [0.0, 0.0]
    assert priced.constant == pytest.approx(-250.0, abs=1e-12)


@pytest.fixture(scope="module")
def county_3():
    """bench.layout's generated county 3: its arrays and layout MILP."""
    data = generate_county(county_specs(7, 3)[2], seed=7, years=1)[-1]
    arr = layout_arrays(build_layout_problem(data, load_layout_config(None)))
    return arr, build_layout_milp(arr)[0]


def test_the_bound_of_generated_county_3_is_at_least_its_lp_bound(county_3):
    # one evaluation at the LP duals: every row outside the sites priced at its dual, so
    # L is the LP's partial Lagrangian with integer sites, at least the LP bound (by LP
    # duality) up to round-off; measured 378,557,635 against the LP's 378,557,215 before rule (27)'s
    # borrowed rooms β (brief hborrow5): a column of no site in the Lagrangian's split, priced at its
    # least reduced cost, so the evaluation at the LP duals now gives the LP bound itself; brief hsite:
    # the per-site cost at 1.6 万元, not 10 万元, takes 4,032,000 (48 × 84,000) off 378,557,215;
    # brief hguard: 1.92 万元 (河南 minimum wage) adds 153,600 (48 × 3,200): 374,678,815;
    # brief hbound2: the sites hold its 14 zones (18) as one knapsack item each, not priced:
    # L 374,692,675, 13,860 above the LP (HiGHS's root alone: 374,797,385)
    arr, milp = county_3
    found = layout_bound(arr, milp, 4e8, deadline=INF, max_iterations=1)
    assert found.lp_bound > 0
    assert found.bound >= found.lp_bound * (1 - 1e-9)
    assert round(found.lp_bound) == 374_678_815 and round(found.bound) == 374_692_675


def test_highs_on_the_sites_gives_the_knapsacks_bound_and_the_class_rows_add_little(county_3):
    # bench.layout_bound's check: the sites' separable MILP at the same LP duals, (1) and (5)
    # relaxed, (18) kept, solved by HiGHS gives the DP's L to the 元; with the class rows (23),
    # (24), (27) kept too 374,704,015 (11,340 more), still under HiGHS's root bound 374,797,385
    _, milp = county_3
    sites = SITE_ROWS - {"(1)", "(5)"}
    assert round(held_bound(milp, sites)) == 374_692_675
    assert round(held_bound(milp, sites | CLASS_ROWS)) == 374_704_015
