"""Small facility problems built in code, with optima worked out by hand in the tests."""

from __future__ import annotations

from junheng.optimize import ExpansionStep, FacilityProblem


def two_sites(capacity0: float = 5.0, **options) -> FacilityProblem:
    """Sites 0, 1 (fixed 10, 12); customers 0, 1, 2 with demand 2 each."""
    return FacilityProblem.from_cost_matrix(
        [[1, 2, 9], [9, 3, 1]], demand=[2, 2, 2], fixed_cost=[10, 12],
        capacity=[capacity0, 5], **options)


def line(p: int | None = None, fixed: float = 0.0, **options) -> FacilityProblem:
    """Four points at 0, 1, 10, 11 on a line, each a customer of weight 1 and a site."""
    xs = [0, 1, 10, 11]
    costs = [[abs(a - b) for b in xs] for a in xs]
    return FacilityProblem.from_cost_matrix(costs, [1, 1, 1, 1], fixed, p=p, **options)


def expandable(**options) -> FacilityProblem:
    """Site 0: fixed 1, capacity 2, two steps (+2 for 3, +2 for 5); site 1: fixed 100,
    capacity 10. Customers: demand 3 and 2, cost 1 each at site 0, 50 each at site 1."""
    return FacilityProblem.from_cost_matrix(
        [[1, 1], [50, 50]], demand=[3, 2], fixed_cost=[1, 100], capacity=[2, 10],
        expansions=[ExpansionStep(0, 3, 2), ExpansionStep(0, 5, 2)], single_source=True,
        **options)
