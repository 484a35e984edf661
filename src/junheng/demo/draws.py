"""Random draws that belong to a person, not to a year: keyed by an id number.

A teacher keeps his or her 岗位类别 and 编制 from one school year to the next, whoever else is
hired or retires. :func:`keyed_uniforms` gives every id number its own uniforms, drawn in blocks
from a generator keyed by (seed, county, stream, block), so an id's draws depend on nothing
else: not on the other ids, not on how many years are generated.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

BLOCK = 4096
_BLOCK_OFFSET = 100_000  # keeps block keys apart from the year keys of the same stream


def keyed_uniforms(stream: Callable[[int], np.random.Generator], numbers: np.ndarray,
                   width: int) -> np.ndarray:
    """Uniforms of shape ``(len(numbers), width)``, row ``i`` a function of ``numbers[i]`` alone.

    Examples
    --------
    >>> import numpy as np
    >>> make = lambda k: np.random.default_rng([7, k])
    >>> a = keyed_uniforms(make, np.array([5, 9000]), 2)
    >>> b = keyed_uniforms(make, np.array([9000, 1, 5]), 2)
    >>> bool((a[0] == b[2]).all() and (a[1] == b[0]).all())
    True
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    out = np.empty((len(numbers), width))
    blocks = numbers // BLOCK
    for block in np.unique(blocks):
        rows = blocks == block
        table = stream(_BLOCK_OFFSET + int(block)).random((BLOCK, width))
        out[rows] = table[numbers[rows] % BLOCK]
    return out


def id_numbers(ids: np.ndarray) -> np.ndarray:
    """The trailing digits of ids such as ``T41033100042`` or ``P4103310007`` (42, 7)."""
    return np.array([int(str(i)[-5:]) for i in ids], dtype=np.int64)
