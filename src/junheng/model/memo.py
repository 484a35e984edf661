"""Results remembered per object, for objects that are not hashable (a plan holding dicts).

A frozen plan is rendered by several writers (the workbook, the Word document, the web page,
the HTML report) that each ask for the same derived texts; :func:`per_object` makes each
answer once per plan object. The object is held while cached, so its ``id`` is not reused.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

#: objects remembered per function, oldest dropped first
KEEP = 8


def per_object(fn: Callable[[Any], Any] | None = None, *, shared: bool = False):
    """``fn(obj)`` made once per object (by identity) and handed out as a shallow copy, or, with
    ``shared`` (an index its callers only read), as the value kept.

    >>> calls = []
    >>> @per_object
    ... def notes(plan):
    ...     calls.append(plan)
    ...     return [len(plan)]
    >>> plan = {"a": 1}
    >>> notes(plan), notes(plan), notes({"b": 2, "c": 3}), len(calls)
    ([1], [1], [2], 2)
    >>> index = per_object(shared=True)(lambda rows: {r: i for i, r in enumerate(rows)})
    >>> rows = ("a", "b")
    >>> index(rows) is index(rows), index(rows)["b"]
    (True, 1)
    """
    if fn is None:
        return lambda f: per_object(f, shared=shared)
    made: dict[int, tuple[Any, Any]] = {}

    @functools.wraps(fn)
    def remembered(obj):
        got = made.get(id(obj))
        if got is None or got[0] is not obj:
            if len(made) >= KEEP:
                del made[next(iter(made))]
            got = made[id(obj)] = (obj, fn(obj))
        return got[1] if shared else copy.copy(got[1])

    return remembered
