"""Optimisation cores: capacitated facility location, p-median, and OR-Library readers.

Build a :class:`FacilityProblem` (``from_cost_matrix``, ``from_pairs``, ``from_points``),
solve it with :func:`solve_facility`, check any solution with ``problem.evaluate``.
"""

from junheng.optimize.facility import (
    Assignment,
    ExpansionStep,
    FacilityProblem,
    FacilitySolution,
    OpenRule,
)
from junheng.optimize.highs import HighsSession, HighsSolver
from junheng.optimize.model import Milp
from junheng.optimize.pmedian import capacitated_p_median_problem, p_median_problem
from junheng.optimize.readers import (
    parse_cap,
    parse_pmed,
    parse_pmedcap,
    read_cap,
    read_pmed,
    read_pmedcap,
)
from junheng.optimize.result import OPTIMALITY_GAP, MilpResult, SolveStatus, relative_gap
from junheng.optimize.solve import SolveOptions, solve_facility

__all__ = [
    "OPTIMALITY_GAP",
    "Assignment",
    "ExpansionStep",
    "FacilityProblem",
    "FacilitySolution",
    "HighsSession",
    "HighsSolver",
    "Milp",
    "MilpResult",
    "OpenRule",
    "SolveOptions",
    "SolveStatus",
    "capacitated_p_median_problem",
    "p_median_problem",
    "parse_cap",
    "parse_pmed",
    "parse_pmedcap",
    "read_cap",
    "read_pmed",
    "read_pmedcap",
    "relative_gap",
    "solve_facility",
]
