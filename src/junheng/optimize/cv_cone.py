"""A weighted coefficient of variation kept under a limit inside a MILP, by outer approximation.

For units ``u`` with weights ``w`` (Σ w = 1) and values ``x = x0 + G v`` affine in the model's
columns ``v``, the weighted CV is ``S / x̄`` with ``x̄ = Σ w x`` and ``S² = Σ w (x − x̄)²``.
``CV ≤ c`` is the second-order cone ``‖y‖₂ ≤ t`` with ``yᵤ = √wᵤ (xᵤ − x̄)`` and ``t = c x̄``:
both sides are affine in ``v``, so the constraint is convex in the model's columns.

A MILP solver cannot hold the cone; it holds a polyhedral outer approximation that cuts
tighten where a solution violates the cone (Kelley's cutting planes, the outer-approximation
method of Duran & Grossmann, Math. Programming 36 (1986) 307-339). The approximation here is
the *lifted* (extended) one of Vielma, Dunning, Huchette & Lubin, "Extended formulations in
mixed integer conic quadratic programming", Math. Prog. Comp. 9 (2017) 369-418
(doi:10.1007/s12532-016-0113-y), see also Lubin, Yamangil, Bent & Vielma, IPCO 2016 (LNCS 9682):
the cone is split into one two-dimensional piece per unit,

    (a)  m = Σᵤ wᵤ (G v)ᵤ                      the mean's addition (x̄ = x̄0 + m)
    (b)  Σᵤ sᵤ ≤ t = c (x̄0 + m)
    (c)  sᵤ ≥ yᵤ² / t                           one convex piece per unit

and each piece (c) is approximated by its tangents: for any ratio ``r`` (the value of yᵤ / t
at the point of contact), ``yᵤ²/t ≥ 2 r yᵤ − r² t``, so

    (c_r)  sᵤ − 2 r yᵤ + r² t ≥ 0

is valid for every feasible point. Together (b) and all (c) give ``‖y‖² ≤ t²``. The separable
form needs far fewer rounds than cutting the whole cone at once (the paper's measurements);
:func:`add_cuts` also adds the whole-cone gradient cut ``ŷ·y/‖ŷ‖ ≤ t`` at a violated point.
Every cut is valid for every point inside the cone, so the MILP's bound is a lower bound of the
conic problem at every round.

Examples
--------
>>> import scipy.sparse as sp
>>> from junheng.optimize.model import Milp
>>> from junheng.optimize.highs import HighsSolver
>>> m = Milp()
>>> add = m.add_block("add", cost=[1.0, 1.0], lower=0, upper=10, integer=False)
>>> cone = WeightedCvCone(base=[1.0, 3.0], gain=sp.csr_matrix([[1.0, 0.0], [0.0, 1.0]]),
...                       weights=[0.5, 0.5], limit=0.2)
>>> round(cone.cv(np.zeros(2)), 4)
0.5
>>> cols = cone.attach(m, "(1)")
>>> for _ in range(30):
...     values = HighsSolver().solve(m).values
...     if add_cuts(m, cone, cols, values, "(1)") == 0:
...         break
>>> round(float(values[0]), 3), round(cone.cv(values[:2]), 4)
(1.0, 0.2)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from junheng.evaluate.cv import weighted_stats
from junheng.optimize.model import Milp

#: Initial tangent ratios r of every unit's piece (c): |y| ≤ t bounds every ratio by 1.
INITIAL_RATIOS = (-0.6, -0.25, 0.25, 0.6)
#: A piece is cut again when sᵤ falls short of yᵤ²/t by more than this share of t.
CUT_TOLERANCE = 1e-7


@dataclass(frozen=True, eq=False)
class WeightedCvCone:
    """``weighted CV of (base + gain @ v) ≤ limit`` over the units of one row each.

    ``base``: current values per unit (any positive scale: the CV is scale-free);
    ``gain``: units × model columns, the change of each unit's value per unit of a column;
    ``weights``: the units' weights (normalised to sum 1); ``limit``: the CV limit ``c``.
    """

    base: np.ndarray
    gain: sp.csr_matrix
    weights: np.ndarray
    limit: float

    def __post_init__(self) -> None:
        w = np.asarray(self.weights, float)
        object.__setattr__(self, "base", np.asarray(self.base, float))
        object.__setattr__(self, "weights", w / w.sum())
        object.__setattr__(self, "gain", sp.csr_matrix(self.gain, dtype=float))

    @property
    def n(self) -> int:
        return len(self.base)

    def values(self, v) -> np.ndarray:
        """Unit values ``x`` at the model's column values ``v`` (only the gain's columns)."""
        v = np.asarray(v, float)[: self.gain.shape[1]]
        return self.base + self.gain @ v

    def cv(self, v) -> float:
        """The weighted CV at ``v`` (the engine's own formula)."""
        return weighted_stats(self.values(v), self.weights).cv

    def terms(self, v) -> tuple[np.ndarray, float]:
        """``y`` and ``t`` at ``v``."""
        x = self.values(v)
        mean = float(self.weights @ x)
        return np.sqrt(self.weights) * (x - mean), self.limit * mean

    def violated(self, v, tolerance: float = 1e-12) -> bool:
        """True when the CV at ``v`` exceeds the limit by more than ``tolerance``."""
        cv = self.cv(v)
        return not np.isfinite(cv) or cv > self.limit + tolerance

    def attach(self, model: Milp, group: str, name: str | None = None) -> ConeColumns:
        """Add the cone's columns, rows (a), (b) and the initial tangents (c) to ``model``."""
        name = name or f"cone{group}#{model.n_cols}"
        mean = int(model.add_block(f"{name}:m", cost=[0.0], lower=-np.inf, upper=np.inf,
                                   integer=False)[0])
        pieces = model.add_block(f"{name}:s", cost=np.zeros(self.n), lower=0.0, upper=np.inf,
                                 integer=False)
        cols = ConeColumns(mean, pieces)
        # (a) m − Σᵤ wᵤ (G v)ᵤ = 0
        row = sp.csr_matrix(self.weights @ self.gain)
        model.add_row(group, np.r_[mean, row.indices], np.r_[1.0, -row.data], lo=0.0, hi=0.0)
        # (b) Σᵤ sᵤ − c m ≤ c x̄0
        x0 = float(self.weights @ self.base)
        model.add_row(group, np.r_[pieces, mean], np.r_[np.ones(self.n), -self.limit],
                      hi=self.limit * x0)
        y0, t0 = self.terms(np.zeros(self.gain.shape[1]))
        start = np.clip(y0 / t0, -1.0, 1.0) if t0 > 0 else np.zeros(self.n)
        for ratios in (start, *(np.full(self.n, r) for r in INITIAL_RATIOS)):
            _piece_cuts(self, model, cols, np.arange(self.n), ratios, group)
        return cols


@dataclass(frozen=True)
class ConeColumns:
    """The columns a cone adds to a model: the mean's addition ``m`` and one ``s`` per unit."""

    mean: int
    pieces: np.ndarray




def _piece_cuts(cone: WeightedCvCone, model: Milp, cols: ConeColumns, units: np.ndarray,
                ratios: np.ndarray, group: str) -> None:
    """(c_r) for the given units: sᵤ − 2r√wᵤ (Gᵤ v) + (2r√wᵤ + r²c) m ≥ 2r√wᵤ (x0ᵤ − x̄0) − r²c x̄0."""
    x0 = float(cone.weights @ cone.base)
    root = np.sqrt(cone.weights[units])
    c = cone.limit
    gain = cone.gain[units].tocoo()
    local = np.arange(len(units))
    rows = np.r_[local, gain.row, local]
    cols_ = np.r_[cols.pieces[units], gain.col, np.full(len(units), cols.mean)]
    coefs = np.r_[np.ones(len(units)), -2.0 * ratios[gain.row] * root[gain.row] * gain.data,
                  2.0 * ratios * root + ratios**2 * c]
    lo = 2.0 * ratios * root * (cone.base[units] - x0) - ratios**2 * c * x0
    model.add_rows(group, rows, cols_, coefs, lo, np.inf, count=len(units))


def add_cuts(model: Milp, cone: WeightedCvCone, cols: ConeColumns, values, group: str,
             inner=None) -> int:
    """Cut off ``values`` where it violates the cone; return the number of rows added (0 when
    the point is inside the cone).

    Without ``inner``, the pieces the point underestimates are cut at the point itself
    (Kelley). With ``inner``, a point inside the cone (e.g. the best feasible plan), every
    piece and the whole cone are cut where the segment from ``inner`` to ``values`` leaves the
    cone: the extended supporting hyperplane of Kronqvist, Lundell & Westerlund (J. Global
    Optim. 64 (2016) 249-272), tighter than a cut at the outside point.
    """
    values = np.asarray(values, float)
    if not cone.violated(values):
        return 0
    if inner is not None and not cone.violated(inner):
        point = boundary_point(cone, np.asarray(inner, float), values)
        y, t = cone.terms(point)
        _piece_cuts(cone, model, cols, np.arange(cone.n), np.clip(y / t, -1.0, 1.0), group)
        _gradient_cut(cone, model, cols, y, group)
        return cone.n + 1
    y, t = cone.terms(values)
    if t <= 0:
        return 0
    pieces = values[cols.pieces]
    short = np.flatnonzero(pieces < y**2 / t - CUT_TOLERANCE * t)
    if short.size:
        _piece_cuts(cone, model, cols, short, np.clip(y[short] / t, -1.0, 1.0), group)
    _gradient_cut(cone, model, cols, y, group)
    return int(short.size) + 1


def boundary_point(cone: WeightedCvCone, inner: np.ndarray, outer: np.ndarray,
                   steps: int = 40) -> np.ndarray:
    """Where the segment from ``inner`` (inside the cone) to ``outer`` (outside) crosses the
    cone's boundary, by bisection (the inside end of the last bracket)."""
    n = cone.gain.shape[1]
    a, b = inner[:n], outer[:n]
    low, high = 0.0, 1.0
    for _ in range(steps):
        mid = (low + high) / 2
        if cone.violated(a + mid * (b - a)):
            high = mid
        else:
            low = mid
    return a + low * (b - a)


def _gradient_cut(cone: WeightedCvCone, model: Milp, cols: ConeColumns, y: np.ndarray,
                  group: str) -> None:
    """ĝ·y ≤ t with ĝ = y/‖y‖: Σ ĝᵤ√wᵤ Gᵤ v − (Σ ĝᵤ√wᵤ + c) m ≤ c x̄0 − Σ ĝᵤ√wᵤ (x0ᵤ − x̄0)."""
    norm = float(np.linalg.norm(y))
    if norm == 0:
        return
    g = y / norm * np.sqrt(cone.weights)
    x0 = float(cone.weights @ cone.base)
    row = sp.csr_matrix(g @ cone.gain)
    model.add_row(group, np.r_[row.indices, cols.mean], np.r_[row.data, -(g.sum() + cone.limit)],
                  hi=cone.limit * x0 - float(g @ (cone.base - x0)))


def piece_values(cone: WeightedCvCone, v) -> tuple[float, np.ndarray]:
    """The cone's own columns at a point: ``m`` and ``sᵤ = yᵤ²/t`` (a start for the solver)."""
    x = cone.values(v)
    y, t = cone.terms(v)
    mean = float(cone.weights @ x) - float(cone.weights @ cone.base)
    return mean, (y**2 / t if t > 0 else np.zeros(cone.n))
