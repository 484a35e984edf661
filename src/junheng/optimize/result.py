"""How a solve ended: one status enum, one gap definition and one MILP result for every
optimiser (the facility core and the planners)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from junheng.errors import InfeasibleError, SolverError

#: Relative gap at or below which a solution is reported as optimal (the project's rule is
#: 0.01 %; this is stricter).
OPTIMALITY_GAP = 1e-6


class SolveStatus(StrEnum):
    """How a solve ended (mapped from every backend's own status)."""

    OPTIMAL = "optimal"  # gap ≤ OPTIMALITY_GAP (or closed exactly for integer data)
    GAP_LIMIT = "gap_limit"  # stopped at the requested relative gap
    TIME_LIMIT = "time_limit"  # stopped by the time (or another) limit with a feasible solution
    INFEASIBLE = "infeasible"  # proven to have no feasible solution
    NO_SOLUTION = "no_solution"  # stopped without finding any feasible solution
    ERROR = "error"  # the solver failed (model or numerical error)

    @property
    def has_solution(self) -> bool:
        """True when the solve ended with a feasible solution."""
        return self in (SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT, SolveStatus.TIME_LIMIT)


def relative_gap(objective: float, bound: float) -> float:
    """``(objective - bound) / max(|objective|, 1)``, never negative.

    Examples
    --------
    >>> relative_gap(200.0, 198.0), relative_gap(0.5, 0.0), relative_gap(5.0, -math.inf)
    (0.01, 0.5, inf)
    """
    if not math.isfinite(objective) or not math.isfinite(bound):
        return math.inf
    return max(0.0, objective - bound) / max(abs(objective), 1.0)


def status_at_gap(gap: float) -> SolveStatus:
    """OPTIMAL when ``gap`` is within :data:`OPTIMALITY_GAP`, else GAP_LIMIT (for a solve
    that stopped because it reached the requested gap)."""
    return SolveStatus.OPTIMAL if gap <= OPTIMALITY_GAP else SolveStatus.GAP_LIMIT


@dataclass(frozen=True, eq=False)
class MilpResult:
    """One solve of a :class:`~junheng.optimize.model.Milp`.

    ``objective`` and ``gap`` are None without a solution; ``bound`` is the best proven
    lower bound (``-inf`` when none is known, ``+inf`` when the model is infeasible);
    ``gap`` is :func:`relative_gap`; ``values`` holds one value per column (None without a
    solution); ``seconds`` is the solver's own run time; ``nodes`` its branch-and-bound nodes.
    """

    status: SolveStatus
    objective: float | None
    bound: float
    gap: float | None
    seconds: float
    nodes: int
    values: np.ndarray | None
    reduced_costs: np.ndarray | None = None

    def require_values(self, what: str = "模型") -> np.ndarray:
        """The solution's values; raise a domain error carrying status, bound and gap when
        there is none (:class:`InfeasibleError` when infeasibility is proven).

        Examples
        --------
        >>> MilpResult(SolveStatus.NO_SOLUTION, None, 3.0, None, 1.0, 0, None).require_values()
        Traceback (most recent call last):
        ...
        junheng.errors.SolverError: 模型在时间限制内没有找到可行解：请延长求解时间或放宽约束。
        """
        if self.values is not None:
            return self.values
        details = {"status": self.status.value, "bound": self.bound, "gap": self.gap}
        if self.status is SolveStatus.INFEASIBLE:
            raise InfeasibleError(f"{what}无可行解：约束无法同时满足。", details=details)
        message = (f"{what}求解失败（求解器报告数值或模型错误）：请检查输入数据后重试。"
                   if self.status is SolveStatus.ERROR
                   else f"{what}在时间限制内没有找到可行解：请延长求解时间或放宽约束。")
        raise SolverError(message, status=self.status.value, bound=self.bound, gap=self.gap)
