"""Children per village and stage group some years after the data year, by ageing today's.

A layout plan asks for them about a thousand times (every check and every year of every
repair), so each villages frame's answer is made once per shift and kept while the frame lives
(frames are never changed in place: ``CountyData`` copies on change); callers get a copy of
the frame, or :func:`children_by_group`'s plain dicts for lookups per row.
"""

from __future__ import annotations

import weakref

import pandas as pd

from junheng.model import CountyData

#: id of a villages frame -> (what, shift) -> its children (dropped with the frame: a DataFrame
#: is not hashable, so it cannot be a weak key)
_MADE: dict[int, dict[tuple[str, int], object]] = {}


def group_children(data: CountyData, shift: int) -> pd.DataFrame:
    """Children per village (index) and stage group (columns) ``shift`` years after the data
    year, by ageing today's children; a group whose ages are not yet born is left out.

    >>> from types import SimpleNamespace
    >>> v = pd.DataFrame({"village_code": ["V"], **{f"age_{a}": [1.0] for a in range(0, 15)}})
    >>> group_children(SimpleNamespace(villages=v), 1).loc["V"].tolist()
    [3.0, 3.0, 3.0]
    """
    return _kept(data.villages, "frame", shift, _aged).copy()


def children_by_group(data: CountyData, shift: int) -> dict[str, dict]:
    """Stage group -> {village: children} of :func:`group_children` (dict lookups: a plan's
    yearly growth factors ask per row and year, a quarter of a million times on the demo)."""
    made = _kept(data.villages, "groups", shift, lambda villages, k: {
        group: column.to_dict() for group, column in _kept(villages, "frame", k, _aged).items()})
    return {group: dict(by) for group, by in made.items()}


def village_children(data: CountyData, shift: int) -> dict[tuple[str, str], float | None]:
    """(village, stage group) -> its children ``shift`` years after the data year, None where
    the group is not yet born (a missing age counts none), every village and group: the
    checks' count (:mod:`~.layout_check_years`, 350 times on the demo).

    >>> from types import SimpleNamespace
    >>> v = pd.DataFrame({"village_code": ["V"], **{f"age_{a}": [1.0] for a in range(0, 14)}})
    >>> got = village_children(SimpleNamespace(villages=v), -1)  # a year before: grades 7–9 aged 13–15, only 13 given
    >>> got[("V", "grades_1_3")], got[("V", "grades_7_9")], got == village_children(SimpleNamespace(villages=v), -1)
    (3.0, 1.0, True)
    >>> village_children(SimpleNamespace(villages=v), 7)[("V", "grades_1_3")] is None  # not yet born
    True
    """
    return dict(_kept(data.villages, "pairs", shift, _pairs))


def _kept(villages: pd.DataFrame, what: str, shift: int, make):
    """``make(villages, shift)`` once per villages frame (while it lives), ``what`` and shift."""
    made = _MADE.get(id(villages))
    if made is None:
        made = _MADE[id(villages)] = {}
        weakref.finalize(villages, _MADE.pop, id(villages), None)
    if (what, shift) not in made:
        made[(what, shift)] = make(villages, shift)
    return made[(what, shift)]


def _pairs(villages: pd.DataFrame, shift: int) -> dict[tuple[str, str], float | None]:
    from junheng.planning.layout_data import GROUP_AGES  # layout_data imports this module

    out: dict[tuple[str, str], float | None] = {}
    for row in villages.to_dict("records"):
        for group, ages in GROUP_AGES.items():
            if min(ages) - shift < 0:
                out[(row["village_code"], group)] = None
                continue
            out[(row["village_code"], group)] = sum(float(row.get(f"age_{a - shift}") or 0.0) for a in ages)
    return out


def _aged(villages: pd.DataFrame, shift: int) -> pd.DataFrame:
    from junheng.planning.layout_data import GROUP_AGES  # layout_data imports this module

    villages, out = villages.set_index("village_code"), {}
    for group, ages in GROUP_AGES.items():
        cols = [f"age_{a - shift}" for a in ages]
        if min(a - shift for a in ages) < 0 or not set(cols) <= set(villages.columns):
            continue
        out[group] = villages[cols].astype("float64").fillna(0).sum(axis=1)
    return pd.DataFrame(out)
