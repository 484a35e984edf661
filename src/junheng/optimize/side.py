"""Side rules of a facility problem: extra columns and linear rows the core's MILP appends.

A planner whose model is the facility problem plus rules of its own (the school layout's
minimum size, boarding school per town, construction budget, relief and funding floors)
states them as a :class:`SideBlock`: columns ``w`` with cost, bounds and integrality, and
rows numbered by the planner's own constraint numbers,

    (S) lo_t ≤ Σ_i A^y_ti y_i + Σ_s A^z_ts z_s + Σ_(i,j) A^x_tij x_ij + Σ_c A^w_tc w_c ≤ hi_t,

where ``s`` numbers the problem's ``expansions`` in the order given (each step's ``z`` is
1 when the step is taken) and ``(i,j)`` the pairs in the order given to the problem. The
objective gains ``Σ_c cost_c w_c``.

How the solver treats them. The MILP (:mod:`._milp`) appends the columns and rows, so every
solution HiGHS, the exact completions and the neighbourhood sub-MIPs return satisfies them.
The Lagrangian bound (:mod:`.lagrangian`) drops the rows and the columns: that is a
relaxation, hence a valid lower bound, when every side column can sit at a cheapest value
of 0 — ``cost ≥ 0`` and ``lower = 0`` — which the block requires (a block breaking it is
refused rather than given an invalid bound). Greedy completions
do not know the rows, so with a side block every open set is completed by the exact
assignment MILP. ``problem.evaluate`` checks every side row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _array(values, dtype, size: int | None = None) -> np.ndarray:
    array = np.asarray(values, dtype=dtype).ravel()
    if size is not None:
        array = np.broadcast_to(array, (size,)).copy()
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Entries:
    """Sparse coefficients: ``row[k]`` gets ``coef[k]`` times the column ``index[k]``."""

    row: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    index: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    coef: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        for name, dtype in (("row", np.int64), ("index", np.int64), ("coef", float)):
            object.__setattr__(self, name, _array(getattr(self, name), dtype))
        if not self.row.size == self.index.size == self.coef.size:
            raise ValueError("附加约束的行号、列号与系数长度不一致。")

    def remap(self, position: np.ndarray) -> Entries:
        """The entries with column ``index`` renumbered to ``position[index]`` (entries whose
        position is -1 dropped)."""
        where = position[self.index]
        keep = where >= 0
        return Entries(self.row[keep], where[keep], self.coef[keep])


@dataclass(frozen=True, eq=False)
class SideBlock:
    """Extra columns ``w`` and rows (module docstring); ``groups`` names each row's rule."""

    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    groups: tuple[str, ...]
    on_open: Entries = field(default_factory=Entries)
    on_step: Entries = field(default_factory=Entries)
    on_pair: Entries = field(default_factory=Entries)
    on_side: Entries = field(default_factory=Entries)

    def __post_init__(self) -> None:
        n = np.size(self.cost)
        object.__setattr__(self, "cost", _array(self.cost, float))
        for name in ("lower", "upper"):
            object.__setattr__(self, name, _array(getattr(self, name), float, n))
        object.__setattr__(self, "integer", _array(self.integer, bool, n))
        rows = len(self.groups)
        for name in ("row_lower", "row_upper"):
            object.__setattr__(self, name, _array(getattr(self, name), float, rows))
        object.__setattr__(self, "groups", tuple(str(g) for g in self.groups))
        if not ((self.cost >= 0).all() and (self.lower == 0).all()):
            raise ValueError("附加列的费用必须非负、下界必须为 0（否则拉格朗日下界不再有效）。")
        for part in (self.on_open, self.on_step, self.on_pair, self.on_side):
            if part.row.size and (part.row.min() < 0 or part.row.max() >= rows):
                raise ValueError(f"附加约束的行号应在 0 到 {rows - 1} 之间。")

    @property
    def n_cols(self) -> int:
        return int(self.cost.size)

    @property
    def n_rows(self) -> int:
        return len(self.groups)

    def activity(self, is_open: np.ndarray, step_taken: np.ndarray, pair_value: np.ndarray,
                 side: np.ndarray) -> np.ndarray:
        """Row activities of a solution (steps and pairs in the problem's given order)."""
        total = np.zeros(self.n_rows)
        for part, values in ((self.on_open, is_open), (self.on_step, step_taken),
                             (self.on_pair, pair_value), (self.on_side, side)):
            np.add.at(total, part.row, part.coef * np.asarray(values, float)[part.index])
        return total
