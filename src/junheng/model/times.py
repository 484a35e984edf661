"""Times as users read them: Beijing time (UTC+8), 'YYYY-MM-DD HH:MM'. The store keeps UTC;
a time without a zone (SQLite drops it) is taken as UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8), "北京时间")


def today_beijing(now: datetime | None = None) -> date:
    """Today's date in Beijing time, whatever the machine's zone: every date a user reads
    (报告日期, 编制日期 and the 首个可实施学年 it sets) — review 2026-12-04 finding 15: taken in
    UTC, a report made between 00:00 and 08:00 Beijing time was dated the day before.

    >>> today_beijing(datetime(2026, 12, 4, 16, 25, tzinfo=UTC))
    datetime.date(2026, 12, 5)
    >>> today_beijing(datetime(2026, 12, 4, 15, 59, tzinfo=UTC))
    datetime.date(2026, 12, 4)
    """
    return (now or datetime.now(UTC)).astimezone(BEIJING).date()


def folder_stamp(now: datetime | None = None) -> str:
    """A job or output folder's time stamp, 'YYYYMMDDHHMMSS' in Beijing time like every other
    time a user reads (the demo's and the web's job folders were stamped in UTC, 8 hours
    behind the 编制日期 beside them).

    >>> folder_stamp(datetime(2026, 12, 4, 16, 25, 7, tzinfo=UTC))
    '20261205002507'
    """
    return (now or datetime.now(UTC)).astimezone(BEIJING).strftime("%Y%m%d%H%M%S")


def beijing(value: Any, seconds: bool = False) -> str:
    """A datetime or ISO text in Beijing time; '' for None.

    >>> beijing(datetime(2026, 3, 1, 16, 30, tzinfo=UTC))
    '2026-03-02 00:30'
    >>> beijing("2026-03-01T16:30:05", seconds=True)
    '2026-03-02 00:30:05'
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else ""))
