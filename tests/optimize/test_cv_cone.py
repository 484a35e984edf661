"""The weighted-CV cone's outer approximation: every cut keeps every point inside the cone."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.evaluate import weighted_cv
from junheng.optimize import HighsSolver, Milp
from junheng.optimize.cv_cone import WeightedCvCone, add_cuts, boundary_point, piece_values


def _model(base, weights, limit):
    m = Milp()
    add = m.add_block("add", cost=np.ones(len(base)), lower=0, upper=100, integer=False)
    cone = WeightedCvCone(base, sp.identity(len(base), format="csr"), weights, limit)
    return m, add, cone, cone.attach(m, "(1)")


def _point(m, cone, cols, add):
    v = np.zeros(m.n_cols)
    v[: len(add)] = add
    mean, pieces = piece_values(cone, v)
    v[cols.mean], v[cols.pieces] = mean, pieces
    return v


def test_cv_matches_the_engine():
    cone = WeightedCvCone([2.0, 4.0], sp.identity(2, format="csr"), [100, 300], 0.2)
    assert cone.cv(np.zeros(2)) == pytest.approx(weighted_cv([2.0, 4.0], [100, 300]))


def test_cuts_drive_the_solution_to_the_cheapest_point_on_the_cone():
    # Two equal units at 1 and 3, limit 0.2: the cheapest fix raises the low one by exactly 1.
    m, add, cone, cols = _model([1.0, 3.0], [1.0, 1.0], 0.2)
    for _ in range(50):
        values = HighsSolver().solve(m).values
        if add_cuts(m, cone, cols, values, "(1)", inner=np.array([3.0, 0.0])) == 0:
            break
    assert values[add[0]] == pytest.approx(1.0, abs=1e-6)
    assert cone.cv(values) <= 0.2 + 1e-9


def test_boundary_point_lies_on_the_cone():
    cone = WeightedCvCone([1.0, 3.0], sp.identity(2, format="csr"), [1.0, 1.0], 0.2)
    point = boundary_point(cone, np.array([2.0, 0.0]), np.zeros(2))
    assert cone.cv(point) == pytest.approx(0.2, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(base=st.lists(st.floats(0.5, 5.0), min_size=3, max_size=3),
       weights=st.lists(st.floats(0.1, 3.0), min_size=3, max_size=3),
       outside=st.lists(st.floats(0.0, 4.0), min_size=3, max_size=3),
       inside=st.lists(st.floats(0.0, 4.0), min_size=3, max_size=3))
def test_every_cut_is_valid_for_points_inside_the_cone(base, weights, outside, inside):
    limit = 0.3
    m, add, cone, cols = _model(base, weights, limit)
    far = _point(m, cone, cols, np.array(outside))
    add_cuts(m, cone, cols, far, "(1)")
    add_cuts(m, cone, cols, far, "(1)", inner=_point(m, cone, cols, np.array(inside)))
    feasible = _point(m, cone, cols, np.array(inside))
    if cone.cv(feasible) <= limit:
        assert m.violation(feasible) <= 1e-7 * max(1.0, np.abs(feasible).max())
