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

#: id of a villages frame -> shift -> its children (dropped with the frame: a DataFrame is not
#: hashable, so it cannot be a weak key)
_MADE: dict[int, dict[int, pd.DataFrame]] = {}


def group_children(data: CountyData, shift: int) -> pd.DataFrame:
    """Children per village (index) and stage group (columns) ``shift`` years after the data
    year, by ageing today's children; a group whose ages are not yet born is left out.

    >>> from types import SimpleNamespace
    >>> v = pd.DataFrame({"village_code": ["V"], **{f"age_{a}": [1.0] for a in range(0, 15)}})
    >>> group_children(SimpleNamespace(villages=v), 1).loc["V"].tolist()
    [3.0, 3.0, 3.0]
    """
    villages = data.villages
    made = _MADE.get(id(villages))
    if made is None:
        made = _MADE[id(villages)] = {}
        weakref.finalize(villages, _MADE.pop, id(villages), None)
    if shift not in made:
        made[shift] = _aged(villages, shift)
    return made[shift].copy()


def children_by_group(data: CountyData, shift: int) -> dict[str, dict]:
    """Stage group -> {village: children} of :func:`group_children` (dict lookups: a plan's
    yearly growth factors ask per row and year, a quarter of a million times on the demo)."""
    frame = group_children(data, shift)
    return {group: frame[group].to_dict() for group in frame.columns}


def _aged(villages: pd.DataFrame, shift: int) -> pd.DataFrame:
    from junheng.planning.layout_data import GROUP_AGES  # layout_data imports this module

    villages, out = villages.set_index("village_code"), {}
    for group, ages in GROUP_AGES.items():
        cols = [f"age_{a - shift}" for a in ages]
        if min(a - shift for a in ages) < 0 or not set(cols) <= set(villages.columns):
            continue
        out[group] = villages[cols].astype("float64").fillna(0).sum(axis=1)
    return pd.DataFrame(out)
