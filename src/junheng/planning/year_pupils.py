"""A plan's pupils by school year and school, looked up instead of scanned.

``LayoutOutcome.year_pupils`` is a flat tuple of (school year, school, stage, pupils), several
thousand rows on a county; the lending and 过渡期 rules ask one school's pupils of one year
about two hundred thousand times a demo, each a scan of the whole tuple before this index.
"""

from __future__ import annotations

from collections.abc import Mapping

#: id of a year_pupils tuple -> (the tuple, its index); the tuple is held so its id is not
#: reused while cached; a few plans at a time (a solve's repairs make one each)
_INDEX: dict[int, tuple[tuple, dict]] = {}
_KEEP = 16


def pupils_at(year_pupils: tuple, year: int, school: str) -> Mapping[str, int]:
    """Stage -> ``school``'s pupils in ``year`` (rows of one stage added up; empty when none).

    >>> rows = ((2027, "A", "primary", 10), (2027, "A", "junior", 5), (2028, "A", "primary", 9))
    >>> dict(pupils_at(rows, 2027, "A")), dict(pupils_at(rows, 2029, "A"))
    ({'primary': 10, 'junior': 5}, {})
    """
    got = _INDEX.get(id(year_pupils))
    if got is None or got[0] is not year_pupils:
        index: dict[tuple[int, str], dict[str, int]] = {}
        for y, k, stage, n in year_pupils:
            at = index.setdefault((y, k), {})
            at[stage] = at.get(stage, 0) + n
        if len(_INDEX) >= _KEEP:
            _INDEX.clear()
        got = _INDEX[id(year_pupils)] = (year_pupils, index)
    return got[1].get((year, school), {})


def total_at(year_pupils: tuple, year: int, school: str) -> int:
    """``school``'s pupils of every stage in ``year``."""
    return sum(pupils_at(year_pupils, year, school).values())
