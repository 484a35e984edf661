"""Assertions the workbook rule tests share: one located problem with its exact message."""

from __future__ import annotations

from junheng.errors import Problem
from junheng.io import validate_county


def one_problem(problems) -> Problem:
    """The only problem of ``problems`` (fails, listing them, when there are more or none)."""
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def check_problem(data, sheet, row, column, value, message) -> None:
    """``data`` breaks exactly one rule, at this sheet, row, column and value, saying so."""
    problem = one_problem(validate_county(data))
    assert (problem.sheet, problem.row, problem.column, problem.value) == (sheet, row, column, value)
    assert problem.message == message
