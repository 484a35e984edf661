"""The one MILP builder: named blocks, numbered row groups and the solver-free check."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.optimize import Milp


def test_violation_measures_bounds_rows_and_integrality():
    m = Milp()
    x = m.add_block("x", [1.0, 1.0], 0, 1, integer=True)
    z = m.add_block("z", [0.0], 0, 10, integer=False)
    m.add_row("(1)", np.r_[x, z], [1.0, 1.0, -1.0], hi=0.5)  # x0 + x1 - z <= 0.5
    assert m.violation([0, 1, 0.5]) == 0.0
    assert m.violation([1, 1, 0.5]) == pytest.approx(1.0)   # row: 1.5 - 0.5
    assert m.violation([0.25, 0, 0]) == pytest.approx(0.25)  # integrality of x0
    assert m.violation([0, 0, 12]) == pytest.approx(2.0)     # upper bound of z
    with pytest.raises(ValueError, match="2 values for 3 columns"):
        m.violation([0, 0])


def test_violations_name_the_numbered_group_a_solution_breaks():
    # (1) x0 + x1 = 1 for two customers' worth of rows; (2) x0 <= y, x1 <= y
    m = Milp()
    x = m.add_block("assign", [2.0, 3.0], 0, 1, integer=True)
    y = m.add_block("open", [5.0], 0, 1, integer=True)
    m.add_rows("(1)", [0, 0], x, 1.0, 1.0, 1.0)
    m.add_rows("(2)", [0, 0, 1, 1], [x[0], y[0], x[1], y[0]], [1, -1, 1, -1], -np.inf, 0.0,
               count=2)
    assert m.violations([1, 0, 1]) == {"bounds": 0.0, "integrality": 0.0, "(1)": 0.0,
                                       "(2)": 0.0}
    assert m.violations([1, 0, 0])["(2)"] == 1.0  # served by a closed site
    assert m.violations([1, 1, 1])["(1)"] == 1.0  # served twice
    assert m.objective([1, 0, 1]) == 7.0
    assert m.block("open").tolist() == [2] and (m.n_cols, m.n_rows) == (3, 3)
    assert [g for g, _, _ in m.row_groups()] == ["(1)", "(2)"]


def test_repeated_entries_are_summed_and_zeros_dropped():
    m = Milp()
    x = m.add_block("x", [1.0, 1.0], 0, 1, integer=False)
    m.add_rows("(1)", [0, 0, 0], [x[0], x[0], x[1]], [1.0, 2.0, 0.0], -np.inf, 4.0)
    assert m.matrix().toarray().tolist() == [[3.0, 0.0]]


def test_a_block_name_is_used_once_and_an_empty_row_must_hold():
    m = Milp()
    m.add_block("x", [1.0], 0, 1, integer=True)
    with pytest.raises(ValueError, match="added twice"):
        m.add_block("x", [1.0], 0, 1, integer=True)
    m.add_row("(1)", [], [], lo=0.0)  # trivially true: no row is added
    assert m.n_rows == 0
    with pytest.raises(ValueError, match="non-trivial bound"):
        m.add_row("(1)", [], [], lo=1.0)
