"""Orders of a layout plan's lists: ``kept_reasons`` in the plan's school order, so two runs
of the same code write the same plan.json and the documents list kept schools alike (the
notes were once gathered through a set, whose order changed with the hash seed); a
closure's receivers main first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def school_ordered(reasons: Mapping[str, str], schools: Iterable) -> dict[str, str]:
    """``reasons`` keyed in the order of ``schools`` (their ``school_id``), ids not among them
    last in id order.

    >>> from types import SimpleNamespace as NS
    >>> school_ordered({"C": "c", "Z": "z", "A": "a"}, (NS(school_id="A"), NS(school_id="C")))
    {'A': 'a', 'C': 'c', 'Z': 'z'}
    """
    rank = {s.school_id: n for n, s in enumerate(schools)}
    return {k: reasons[k] for k in sorted(reasons, key=lambda k: (rank.get(k, len(rank)), k))}


def main_first(by: Mapping[str, float], main: object) -> dict[str, float]:
    """``by`` (receiver -> pupils) ordered as a closure's receivers are split and listed:
    its main receiver first, then by pupils (most first), then by code.

    >>> main_first({"C": 30, "B": 40, "A": 30}, "C")
    {'C': 30, 'B': 40, 'A': 30}
    """
    return {k: by[k] for k in sorted(by, key=lambda k: (k != main, -by[k], k))}
