"""Times as users read them: Beijing time (UTC+8), 'YYYY-MM-DD HH:MM'. The store keeps UTC;
a time without a zone (SQLite drops it) is taken as UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8), "北京时间")


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
