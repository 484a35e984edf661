"""Sequencing the end state into phases: builds under a cumulative yearly budget, and
closures only after their receivers are built (先建后撤)."""

from __future__ import annotations

from collections.abc import Mapping


def schedule_builds(costs: Mapping[str, float], priority: Mapping[str, int], *,
                    annual_budget: float | None, phases: int,
                    earliest: Mapping[str, int] | None = None) -> dict[str, int]:
    """Phase (1-based) of every build so that spending up to phase t is ≤ t × budget, and no
    build before its ``earliest`` phase (the school year it is first needed; default 1).

    Builds needed sooner go first, then those that enable more closures, then cheaper ones.
    A build larger than what any phase can hold goes to the first phase whose cumulative
    budget covers it (possibly after ``phases``), so the plan states honestly how long the
    money takes.

    >>> schedule_builds({"A": 5, "B": 5}, {}, annual_budget=None, phases=3, earliest={"B": 3})
    {'A': 1, 'B': 3}
    >>> schedule_builds({"A": 5, "B": 5}, {"B": 1}, annual_budget=6, phases=3, earliest={"A": 2})
    {'B': 1, 'A': 2}
    """
    first = dict(earliest or {})
    order = sorted(costs, key=lambda s: (first.get(s, 1), -priority.get(s, 0), costs[s], s))
    if annual_budget is None or annual_budget <= 0:
        return {s: max(first.get(s, 1), 1) for s in order}
    spent: dict[int, float] = {}
    out = {}
    for site in order:
        cost = costs[site]
        t = max(first.get(site, 1), 1)
        while not _fits(spent, t, cost, annual_budget):
            t += 1
        spent[t] = spent.get(t, 0.0) + cost
        out[site] = t
    return out


def _fits(spent: dict[int, float], t: int, cost: float, budget: float) -> bool:
    horizon = max([t, *spent])
    running = sum(v for k, v in spent.items() if k < t)
    for k in range(t, horizon + 1):
        running += spent.get(k, 0.0) + (cost if k == t else 0.0)
        if running > k * budget + 1e-6:
            return False
    return True


def closure_phases(receivers: Mapping[str, set[str]], build_phase: Mapping[str, int]
                   ) -> dict[str, int]:
    """A school closes the phase after the last build at any of its receivers (else phase 1)."""
    return {site: max([0, *(build_phase.get(r, 0) for r in recv)]) + 1
            for site, recv in receivers.items()}
