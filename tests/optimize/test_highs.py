"""HiGHS behind one door: status mapping, results, sessions; nobody else imports highspy."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import HighsSession, HighsSolver, Milp, SolveStatus

ROOT = Path(__file__).resolve().parents[2]


def knapsack(n: int = 60, seed: int = 1) -> Milp:
    """max Σ v_k x_k s.t. Σ w_k x_k ≤ half the weight, as a minimisation."""
    rng = np.random.default_rng(seed)
    weight = rng.integers(20, 100, n).astype(float)
    value = weight + rng.integers(-5, 5, n)
    m = Milp()
    x = m.add_block("take", -value, 0, 1, integer=True)
    m.add_row("(1)", x, weight, hi=float(weight.sum() // 2) + 0.5)
    return m


def two_choices() -> Milp:
    """min 3 x0 + 2 x1 s.t. (1) x0 + x1 ≥ 1, x binary: optimum 2 at x = (0, 1)."""
    m = Milp()
    x = m.add_block("x", [3.0, 2.0], 0, 1, integer=True)
    m.add_row("(1)", x, [1.0, 1.0], lo=1.0)
    return m


def test_a_solved_milp_reports_optimal_with_values_bound_and_gap():
    result = HighsSolver().solve(two_choices())
    assert result.status is SolveStatus.OPTIMAL
    assert (result.objective, result.bound, result.gap) == (2.0, 2.0, 0.0)
    assert result.values.tolist() == [0.0, 1.0]


def test_each_improving_solution_is_handed_over_with_its_values():
    calls, seen = [], []
    result = HighsSolver().solve(knapsack(), on_improving=lambda: calls.append(1),
                                 on_solution=seen.append)
    assert len(seen) == len(calls) >= 1
    costs = [float(knapsack().cost @ values) for values in seen]
    assert costs == sorted(costs, reverse=True)  # each one better than the one before
    assert seen[-1].tolist() == result.values.tolist()
    seen.clear()
    HighsSolver().solve(two_choices(), on_solution=seen.append)
    assert [v.tolist() for v in seen][-1] == [0.0, 1.0]


def test_lp_relaxation_and_column_bound_overrides():
    m = two_choices()
    m.add_row("(2)", m.block("x"), [1.0, -1.0], lo=0.0)  # x0 ≥ x1: LP takes 1/2 each
    relaxed = HighsSolver().solve(m, relax=True)
    assert relaxed.status is SolveStatus.OPTIMAL and relaxed.objective == pytest.approx(2.5)
    assert relaxed.bound == relaxed.objective
    fixed = HighsSolver().solve(m, lower=[1.0, 0.0], upper=[1.0, 0.0])  # x = (1, 0)
    assert fixed.objective == 3.0


def test_infeasible_model_is_infeasible_and_refuses_values():
    m = two_choices()
    m.add_row("(2)", m.block("x"), [1.0, 1.0], hi=0.0)
    result = HighsSolver().solve(m)
    assert result.status is SolveStatus.INFEASIBLE and result.bound == math.inf
    assert result.values is None and result.gap is None
    with pytest.raises(InfeasibleError, match="选址模型无可行解") as caught:
        result.require_values("选址模型")
    assert caught.value.details["status"] == "infeasible"


def test_stopping_at_the_requested_gap_is_not_called_optimal():
    # HiGHS stops at its root with a plan 0.38 % above the bound (-1,824 vs -1,831)
    result = HighsSolver(relative_gap=0.3).solve(knapsack(), start=np.zeros(60))
    assert result.status is SolveStatus.GAP_LIMIT
    assert 0 < result.gap <= 0.3
    assert result.gap == pytest.approx((result.objective - result.bound) / abs(result.objective))


def test_time_limit_with_and_without_a_start():
    with_start = HighsSolver(time_limit=0.0).solve(knapsack(), start=np.zeros(60))
    assert with_start.status is SolveStatus.TIME_LIMIT and with_start.objective == 0.0
    without = HighsSolver(time_limit=0.0).solve(knapsack())
    assert without.status is SolveStatus.NO_SOLUTION
    with pytest.raises(SolverError, match="时间限制内没有找到可行解") as caught:
        without.require_values()
    assert caught.value.status == "no_solution"


def test_a_session_resolves_after_cost_and_row_bound_changes():
    session = HighsSession(two_choices(), HighsSolver(), relax=False)
    assert session.solve().objective == 2.0
    session.set_costs([1.0, 2.0])
    assert session.solve().values.tolist() == [1.0, 0.0]
    session.set_row_bounds(0, 2.0, math.inf)  # (1) now needs both
    assert session.solve().objective == 3.0


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _python_files(word: str) -> list[Path]:
    """The modules under src, bench and tests whose text mentions ``word`` (the others
    cannot import or call it)."""
    return [p for folder in ("src", "bench", "tests") for p in (ROOT / folder).rglob("*.py")
            if word in p.read_text(encoding="utf-8")]


def test_nothing_outside_optimize_imports_highspy():
    optimize = ROOT / "src" / "junheng" / "optimize"
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("highspy")
                 if "highspy" in _imports(p) and optimize not in p.parents]
    assert offenders == []


def _is_highs_call(node: ast.AST) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    return (isinstance(func, ast.Attribute) and func.attr == "Highs") or (
        isinstance(func, ast.Name) and func.id == "Highs")


def _highs_calls(path: Path) -> list[str]:
    """Where the module calls ``Highs(...)``: the function names, ``<module>`` outside one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, inside = [], 0
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            calls = sum(map(_is_highs_call, ast.walk(function)))
            found += [function.name] * calls
            inside += calls
    outside = sum(map(_is_highs_call, ast.walk(tree))) - inside
    return found + ["<module>"] * max(outside, 0)


def test_new_highs_is_the_only_constructor():
    found = {str(p.relative_to(ROOT)): _highs_calls(p) for p in _python_files("Highs")}
    assert {path: calls for path, calls in found.items() if calls} == {
        "src/junheng/optimize/highs.py": ["new_highs"]}
