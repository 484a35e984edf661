"""A plan's pupils by school year and school, looked up instead of scanned.

``LayoutOutcome.year_pupils`` is a flat tuple of (school year, school, stage, pupils), several
thousand rows on a county; the lending and 过渡期 rules ask one school's pupils of one year
about two hundred thousand times a demo, each a scan of the whole tuple before this index.
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model.memo import per_object


def pupils_at(year_pupils: tuple, year: int, school: str) -> Mapping[str, int]:
    """Stage -> ``school``'s pupils in ``year`` (rows of one stage added up; empty when none).

    >>> rows = ((2027, "A", "primary", 10), (2027, "A", "junior", 5), (2028, "A", "primary", 9))
    >>> dict(pupils_at(rows, 2027, "A")), dict(pupils_at(rows, 2029, "A"))
    ({'primary': 10, 'junior': 5}, {})
    """
    return _index(year_pupils).get((year, school), {})


@per_object(shared=True)  # one index per plan's tuple, read only
def _index(year_pupils: tuple) -> dict[tuple[int, str], dict[str, int]]:
    index: dict[tuple[int, str], dict[str, int]] = {}
    for y, k, stage, n in year_pupils:
        at = index.setdefault((y, k), {})
        at[stage] = at.get(stage, 0) + n
    return index


def total_at(year_pupils: tuple, year: int, school: str) -> int:
    """``school``'s pupils of every stage in ``year``."""
    return sum(pupils_at(year_pupils, year, school).values())
