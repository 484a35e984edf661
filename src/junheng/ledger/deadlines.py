"""Plan deadlines as dates: a target due 'by 2025-06' is checked against the school years' dates.

A school year is dated by its start, 1 September of the year that names it (the statistics
are collected after the autumn term starts). A deadline written as a date is due in the first
school year dated on or after it: 2025-06 (end of June 2025) → school year 2025 (1 Sep 2025);
2025-12 → 2026, because the 2025 figures predate the deadline and cannot show it was met;
2025-09-01 → 2025. A month without a day means the month's last day. A deadline written as a
year stays that school year (docs/plan-yaml.md). The school year a date falls due in is the
one rule of :func:`junheng.planning.projects.first_year` (a project finished on a date is in use
from the same school year).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_DATE = re.compile(r"^\s*(\d{4})\s*[-/年]\s*(\d{1,2})\s*(?:月)?\s*(?:[-/]?\s*(\d{1,2})\s*日?)?\s*$")
MESSAGE = "期限须为学年（如 2026）或日期（如 2025-06 或 2025-06-30）"


def parse_deadline(value: object) -> date:
    """A date from ``2025-06`` (the month's last day), ``2025-06-30``, ``2025年6月`` or a date.

    Examples
    --------
    >>> parse_deadline("2025-06"), parse_deadline("2024-2"), parse_deadline("2025-09-01")
    (datetime.date(2025, 6, 30), datetime.date(2024, 2, 29), datetime.date(2025, 9, 1))
    """
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value))
    if not match:
        raise ValueError(MESSAGE)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(MESSAGE)
    day = int(match.group(3)) if match.group(3) else calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(MESSAGE) from None


def deadline_text(deadline: date) -> str:
    """Chinese text of a date deadline: 2025年6月 for a month's last day, else 2025年6月3日."""
    last = calendar.monthrange(deadline.year, deadline.month)[1]
    day = "" if deadline.day == last else f"{deadline.day}日"
    return f"{deadline.year}年{deadline.month}月{day}"
