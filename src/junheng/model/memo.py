"""Results remembered per object, for objects that are not hashable (a plan holding dicts),
and per version of a file.

A frozen plan is rendered by several writers (the workbook, the Word document, the web page,
the HTML report) that each ask for the same derived texts; :func:`per_object` makes each
answer once per plan object. The object is held while cached, so its ``id`` is not reused.
A rules or price file is asked for per school or per scenario; :func:`per_file_version` reads
it once per version (its time and size on disk).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: objects remembered per function, oldest dropped first
KEEP = 8


def per_object(fn: Callable[[Any], Any] | None = None, *, shared: bool = False, deep: bool = False):
    """``fn(obj, ...)`` made once per object, or per objects (by identity; every argument
    positional), and handed out as a shallow copy, with
    ``deep`` a deep copy (a value whose inner lists a caller may keep), or, with ``shared`` (an
    index its callers only read), as the value kept.

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
    >>> facts = per_object(deep=True)(lambda plan: {"new": [len(plan)]})
    >>> got = facts(plan)
    >>> got["new"].append(9)
    >>> facts(plan)
    {'new': [1]}
    >>> pair = per_object(lambda a, b: len(a) + len(b))
    >>> pair(plan, rows), pair(rows, rows), pair(plan, rows)
    (3, 4, 3)
    """
    if fn is None:
        return lambda f: per_object(f, shared=shared, deep=deep)
    made: dict[tuple[int, ...], tuple[tuple, Any]] = {}

    @functools.wraps(fn)
    def remembered(*objs):
        key = tuple(map(id, objs))
        got = made.get(key)
        if got is None or any(a is not b for a, b in zip(got[0], objs, strict=True)):
            if len(made) >= KEEP:
                del made[next(iter(made))]
            got = made[key] = (objs, fn(*objs))
        return got[1] if shared else copy.deepcopy(got[1]) if deep else copy.copy(got[1])

    return remembered


def per_file_version(read: Callable[[Path], T], *, keep: int = 16) -> Callable[[Path | str], T]:
    """``read(path)`` made once per version of the file: its resolved path, modification time
    and size on disk (the last ``keep`` versions kept). A file changed on disk (its time or
    size) is read again; a file that cannot be looked at is read every time, so ``read``
    says why in Chinese. The value read is handed out as kept: callers that change it copy it.
    """
    @functools.lru_cache(maxsize=keep)
    def version(name: str, mtime_ns: int, size: int) -> T:
        return read(Path(name))

    @functools.wraps(read)
    def cached(path: Path | str) -> T:
        path = Path(path)
        try:
            stat = path.stat()
        except OSError:
            return read(path)
        name = _resolved(path) if path.is_absolute() else str(path.resolve())
        return version(name, stat.st_mtime_ns, stat.st_size)

    cached.cache_clear = version.cache_clear  # type: ignore[attr-defined]
    return cached


@functools.lru_cache(maxsize=64)
def _resolved(path: Path) -> str:
    """An absolute ``path`` resolved (its links followed) once: resolving walks the file
    system, 8 s of the demo's layout step when the staffing rules were asked for per teacher
    (a relative path is resolved every time: it depends on the working folder)."""
    return str(path.resolve())
