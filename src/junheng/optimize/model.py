"""The one MILP builder: named variable blocks, numbered row groups, a solver-free check.

Every mixed-integer model the facility core and the planners solve is built here from
numpy arrays (no per-variable Python objects) and solved by
:class:`junheng.optimize.highs.HighsSolver`. Columns are added in named blocks (``"open"``,
``"assign"``, ...); rows in groups named by the constraint number of the formulation they
implement (``"(3)"``), so a check can say which numbered constraint a solution breaks.

Examples
--------
>>> m = Milp()
>>> x = m.add_block("x", cost=[1.0, 2.0], lower=0, upper=1, integer=True)
>>> m.add_row("(1)", x, [1.0, 1.0], lo=1.0)                  # (1) x0 + x1 >= 1
>>> m.n_cols, m.n_rows, m.violations([0.0, 0.0])
(2, 1, {'bounds': 0.0, 'integrality': 0.0, '(1)': 1.0})
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

INF = np.inf


class Milp:
    """A sparse MILP ``min c·v`` s.t. ``lo ≤ A v ≤ hi``, ``lower ≤ v ≤ upper``, some ``v``
    integer; built block by block and row group by row group."""

    def __init__(self) -> None:
        self._blocks: dict[str, np.ndarray] = {}
        self._cost: list[np.ndarray] = []
        self._lower: list[np.ndarray] = []
        self._upper: list[np.ndarray] = []
        self._integer: list[np.ndarray] = []
        self.n_cols = 0
        self._rows: list[np.ndarray] = []
        self._cols: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        self._row_lo: list[np.ndarray] = []
        self._row_hi: list[np.ndarray] = []
        self._groups: list[tuple[str, int, int]] = []  # (name, first row, row count)
        self.n_rows = 0

    # ------------------------------------------------------------------ columns

    def add_block(self, name: str, cost, lower, upper, *, integer) -> np.ndarray:
        """Add ``len(cost)`` columns named ``name``; return their indices. ``integer`` is one
        flag for the block or one per column."""
        if name in self._blocks:
            raise ValueError(f"variable block {name!r} added twice")
        cost = np.asarray(cost, float).ravel()
        n = cost.size
        self._cost.append(cost)
        self._lower.append(np.broadcast_to(np.asarray(lower, float), n).copy())
        self._upper.append(np.broadcast_to(np.asarray(upper, float), n).copy())
        self._integer.append(np.broadcast_to(np.asarray(integer, bool), n).copy())
        index = np.arange(self.n_cols, self.n_cols + n)
        self._blocks[name] = index
        self.n_cols += n
        return index

    def block(self, name: str) -> np.ndarray:
        """Column indices of the block ``name``."""
        return self._blocks[name]

    def set_bounds(self, cols, *, lower=None, upper=None) -> None:
        """Change the bounds of the columns ``cols`` (e.g. fix a binary at 1)."""
        cols = np.asarray(cols, np.int64).ravel()
        for parts, new in ((self._lower, lower), (self._upper, upper)):
            if new is None or cols.size == 0:
                continue
            whole = _concat(parts, float)
            whole[cols] = new
            parts[:] = np.split(whole, np.cumsum([len(q) for q in parts])[:-1])

    @property
    def cost(self) -> np.ndarray:
        return _concat(self._cost, float)

    @property
    def lower(self) -> np.ndarray:
        return _concat(self._lower, float)

    @property
    def upper(self) -> np.ndarray:
        return _concat(self._upper, float)

    @property
    def integer(self) -> np.ndarray:
        return _concat(self._integer, bool)

    # ------------------------------------------------------------------ rows

    def add_rows(self, group: str, rows, cols, coefs, lo, hi, *, count: int | None = None
                 ) -> None:
        """Add rows of constraint ``group``: ``rows`` numbers them 0..k-1 locally.

        ``k`` is ``count`` when given, else the length of ``lo`` or ``hi`` when either is
        an array, else ``max(rows) + 1``. Repeated (row, column) entries are summed.
        """
        rows = np.asarray(rows, np.int64).ravel()
        cols = np.asarray(cols, np.int64).ravel()
        coefs = np.broadcast_to(np.asarray(coefs, float), rows.shape)
        if count is None:
            sized = [np.size(b) for b in (lo, hi) if np.ndim(b) > 0]
            count = sized[0] if sized else (int(rows.max()) + 1 if rows.size else 0)
        if count == 0:
            return
        self._rows.append(rows + self.n_rows)
        self._cols.append(cols)
        self._vals.append(coefs.astype(float))
        self._row_lo.append(np.broadcast_to(np.asarray(lo, float), count).astype(float))
        self._row_hi.append(np.broadcast_to(np.asarray(hi, float), count).astype(float))
        self._groups.append((group, self.n_rows, count))
        self.n_rows += count

    def add_row(self, group: str, cols, coefs, lo: float = -INF, hi: float = INF) -> None:
        """Add one row of constraint ``group``; an empty row must be trivially satisfied."""
        cols = np.asarray(cols, dtype=np.int64).ravel()
        if cols.size == 0:
            if lo > 1e-9 or hi < -1e-9:
                raise ValueError("empty row with a non-trivial bound")
            return
        self.add_rows(group, np.zeros(cols.size, np.int64), cols, coefs, lo, hi, count=1)

    @property
    def row_lower(self) -> np.ndarray:
        return _concat(self._row_lo, float)

    @property
    def row_upper(self) -> np.ndarray:
        return _concat(self._row_hi, float)

    def row_groups(self) -> list[tuple[str, int, int]]:
        """``(group, first row, row count)`` in the order the rows were added."""
        return list(self._groups)

    def matrix(self) -> sp.csc_matrix:
        """The constraint matrix, column-wise, without explicit zeros."""
        rows, cols = _concat(self._rows, np.int64), _concat(self._cols, np.int64)
        vals = _concat(self._vals, float)
        nz = vals != 0
        matrix = sp.csc_matrix((vals[nz], (rows[nz], cols[nz])), shape=(self.n_rows, self.n_cols))
        matrix.sum_duplicates()
        return matrix

    # ------------------------------------------------------------------ checks

    def violations(self, values) -> dict[str, float]:
        """Largest violation of the column bounds, of integrality and of each row group by
        ``values`` (all 0 when the values are a feasible solution)."""
        values = np.asarray(values, float)
        if len(values) != self.n_cols:
            raise ValueError(f"{len(values)} values for {self.n_cols} columns")
        integer = self.integer
        out = {"bounds": _worst(self.lower - values, values - self.upper),
               "integrality": _worst(np.abs(values[integer] - np.round(values[integer])))}
        activity = self.matrix() @ values
        lo, hi = self.row_lower, self.row_upper
        for group, first, count in self._groups:
            part = slice(first, first + count)
            out[group] = max(out.get(group, 0.0), _worst(lo[part] - activity[part],
                                                         activity[part] - hi[part]))
        return out

    def violation(self, values) -> float:
        """Largest violation of a bound, row or integrality by ``values`` (0 when feasible)."""
        return max(self.violations(values).values())

    def objective(self, values) -> float:
        """``c·v`` for the column values ``values``."""
        return float(self.cost @ np.asarray(values, float))


def _concat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype)


def _worst(*parts: np.ndarray) -> float:
    return float(max((np.max(p, initial=0.0) for p in parts), default=0.0))
