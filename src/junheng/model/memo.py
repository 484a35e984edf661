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


def per_value(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn(*args)`` made once per value of its positional arguments (:func:`value_key`: a
    DataFrame by its contents, a set, list or dict by its items, a number or string as
    itself, any other object by identity, held while cached) and handed out as a deep copy;
    arguments with no such key (a cell holding a list) are made every time.

    >>> calls = []
    >>> @per_value
    ... def total(frame, names):
    ...     calls.append(1)
    ...     return {"n": [int(frame["x"].sum()), len(names)]}
    >>> import pandas as pd
    >>> f = pd.DataFrame({"x": [1, 2]})
    >>> total(f, {"a"}), total(f.copy(), {"a"}), len(calls)
    ({'n': [3, 1]}, {'n': [3, 1]}, 1)
    >>> total(f.assign(x=[1, 3]), {"a"}), total(f, {"a", "b"}), len(calls)
    ({'n': [4, 1]}, {'n': [3, 2]}, 3)
    >>> listed = pd.DataFrame({"x": [1], "y": [[0]]})  # a list in a cell: no key, made each time
    >>> total(listed, []), total(listed, []), len(calls)
    ({'n': [1, 0]}, {'n': [1, 0]}, 5)
    >>> kinds = per_value(lambda frame: [type(v).__name__ for v in frame["x"]])  # 2 and "2" hash alike
    >>> kinds(f.astype(object)), kinds(f.astype(object).assign(x=[1, "2"]))
    (['int', 'int'], ['int', 'str'])
    """
    made: dict[tuple, tuple[tuple, Any]] = {}

    @functools.wraps(fn)
    def remembered(*args):
        key, held = value_key(args)
        if key is None:
            return fn(*args)
        got = made.get(key)
        if got is None or any(a is not b for a, b in zip(got[0], held, strict=True)):
            if len(made) >= KEEP:
                del made[next(iter(made))]
            got = made[key] = (held, fn(*args))
        return copy.deepcopy(got[1])

    return remembered


def value_key(args: tuple) -> tuple[tuple | None, tuple]:
    """(a hashable key of ``args``' values, the objects in it by identity); (None, ()) where an
    argument has no such key (:func:`per_value`)."""
    import pandas as pd

    parts, held = [], []
    try:
        for a in args:
            if a is None or isinstance(a, (bool, int, float, str, bytes)):
                parts.append(("v", type(a).__name__, a))
            elif isinstance(a, pd.DataFrame):
                hashed = pd.util.hash_pandas_object(a, index=True).to_numpy().tobytes()
                # pandas hashes an object cell by its text (1 and "1", None and NaN alike): their types too
                kinds = tuple(hash(tuple(map(type, a[c].to_numpy()))) for c in a.columns if a[c].dtype == object)
                parts.append(("f", tuple(a.columns), tuple(map(str, a.dtypes)), hashed, kinds))
            elif isinstance(a, (set, frozenset)):
                parts.append(("s", frozenset(a)))
            elif isinstance(a, (list, tuple)):
                parts.append(("t", tuple(a)))
            elif isinstance(a, dict):
                parts.append(("d", tuple(a.items())))
            else:
                parts.append(("o", id(a)))
                held.append(a)
        key = tuple(parts)
        hash(key)
    except TypeError:  # a value that cannot be hashed
        return None, ()
    return key, tuple(held)


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
