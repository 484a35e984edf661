"""Read a date cell: an Excel date, or text such as 2025-09-01, 2025/9/1 or 2025年9月1日.

Cells arrive as python-calamine gives them: a ``datetime``/``date`` for a cell Excel formats
as a date, a ``float`` when the date format was lost (the Excel serial number, days since
1899-12-30), or text. Only whole days between 1990 and 2100 are dates here; a month alone
(2025年9月) is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from junheng.model.columns import EARLIEST_DATE, LATEST_DATE, Column

EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = ((EARLIEST_DATE - EXCEL_EPOCH).days, (LATEST_DATE - EXCEL_EPOCH).days)
_SEPARATED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                        r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_ONLY = re.compile(r"^\d{4}\s*[-/.年]\s*(\d{1,2})\s*月?$")


class DateError(ValueError):
    """A cell that is not a date; the message is the Chinese 说明."""


def _expected(column: Column) -> str:
    return f"“{column.header}”应填日期（如 2025-09-01）"


def _checked(day: dt.date, column: Column) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise DateError(f"“{column.header}”为 {day.isoformat()}，应在 1990-01-01 至 2100-12-31 之间。")
    return day


def _from_parts(year: str, month: str, day: str, text: str, column: Column) -> dt.date:
    try:
        return _checked(dt.date(int(year), int(month), int(day)), column)
    except ValueError:
        raise DateError(f"“{column.header}”填的“{text}”不是有效日期：请核对月份和日期。") from None


def _from_number(number: float, column: Column) -> dt.date:
    if not math.isfinite(number):
        raise DateError(f"{_expected(column)}，单元格不是日期。")
    if number != int(number):
        shown = f"{number:.6f}".rstrip("0").rstrip(".")
        raise DateError(f"{_expected(column)}，{shown} 不是日期。")
    whole = int(number)
    text = str(whole)
    if _COMPACT.match(text):
        return _from_parts(text[:4], text[4:6], text[6:], text, column)
    if _SERIALS[0] <= whole <= _SERIALS[1]:
        return EXCEL_EPOCH + dt.timedelta(days=whole)
    raise DateError(f"{_expected(column)}，{whole} 不是日期。")


def _from_text(raw: str, column: Column) -> dt.date:
    text = unicodedata.normalize("NFKC", raw).strip()
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match:
        return _from_parts(*match.groups(), text, column)
    if (month := _MONTH_ONLY.match(text)) and not 1 <= int(month.group(1)) <= 12:
        # rv2 finding 13: 「2026年13月」 read 「只有年月」; the month is what is wrong
        raise DateError(f"“{column.header}”填的“{text}”的月份 {int(month.group(1))} 无效：月份应为 1 至 12。")
    if month:
        raise DateError(f"“{column.header}”填的“{text}”只有年月：请填写完整日期（年、月、日）。")
    raise DateError(f"{_expected(column)}，“{text}”不是日期。")


def parse_date(value: Any, column: Column) -> dt.date:
    """The day a non-empty cell holds for a date column.

    Raises
    ------
    DateError
        With a Chinese sentence naming the column and the expected form.

    Examples
    --------
    >>> from junheng.model import SHEETS_BY_KEY
    >>> start = SHEETS_BY_KEY["projects"].column("start_date")
    >>> [parse_date(v, start).isoformat() for v in ("2025-9-1", "2025年9月1日", 45901.0)]
    ['2025-09-01', '2025-09-01', '2025-09-01']
    >>> for text in ("2026年13月", "2026年9月"):
    ...     try:
    ...         parse_date(text, start)
    ...     except DateError as exc:
    ...         print(exc)
    “开工日期”填的“2026年13月”的月份 13 无效：月份应为 1 至 12。
    “开工日期”填的“2026年9月”只有年月：请填写完整日期（年、月、日）。
    """
    if isinstance(value, dt.datetime):
        return _checked(value.date(), column)
    if isinstance(value, dt.date):
        return _checked(value, column)
    if isinstance(value, bool | dt.time | dt.timedelta):
        raise DateError(f"{_expected(column)}，单元格不是日期。")
    if isinstance(value, int | float):
        return _from_number(float(value), column)
    return _from_text(str(value), column)
