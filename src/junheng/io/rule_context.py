"""What every workbook rule works on: the county's frames, their Excel rows, shared helpers.

A rule is a function ``(ctx) -> problems`` (:data:`Rule`); :class:`Context` gives it the frames
by sheet key (``county_info`` as a one-row frame), the schools' types, the county code and
school year, and :meth:`Context.problem` to locate a problem by sheet, frame row and column.
Empty optional cells are unknown: :func:`mask` counts NA as False, so unknown never breaks a rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from junheng.errors import Problem
from junheng.io.writer import cell_value
from junheng.model import SHEETS_BY_KEY, Column, CountyData, typed_frame

RowMap = Mapping[str, Sequence[int]]


def mask(values: pd.Series | np.ndarray) -> np.ndarray:
    """A plain bool array, NA counted as False (unknown never breaks a rule)."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=bool, na_value=False)
    return np.asarray(values, dtype=bool)


def plain(value: Any) -> Any:
    """A frame cell as a plain Python value: None for NA/NaT/NaN, a day for a timestamp."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if isinstance(value, np.generic) else value


def shown_value(column: Column, value: Any) -> Any:
    """The value as a user sees it in the workbook (Chinese label, whole floats as int)."""
    value = plain(value)
    if value is None:
        return None
    try:
        shown = cell_value(column, value)
    except (TypeError, ValueError, OverflowError):
        return value
    if isinstance(shown, float) and shown.is_integer():
        return int(shown)
    if isinstance(shown, dt.date):
        return shown.isoformat()
    return shown


def fmt(number: float | None) -> str:
    """A number as a message shows it: 12, 12.5 (never 12.0 or 1.2e+01)."""
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


@dataclass(frozen=True)
class Context:
    """The county a rule checks, its frames (by position) and the Excel row of each frame row."""

    data: CountyData
    rows: RowMap | None

    @cached_property
    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {k: v.reset_index(drop=True) for k, v in self.data.tables.items()}
        frames["county_info"] = typed_frame("county_info", [self._info_record])
        return frames

    @cached_property
    def _info_record(self) -> dict[str, Any]:
        keys = set(SHEETS_BY_KEY["county_info"].keys)
        return {k: plain(v) for k, v in self.data.info.items() if k in keys}

    @cached_property
    def info_empty(self) -> bool:
        return all(v is None for v in self._info_record.values())

    @cached_property
    def school_types(self) -> dict[str, str]:
        schools = self.frames["schools"].dropna(subset=["school_id"])
        return dict(zip(schools["school_id"], schools["school_type"], strict=True))

    @cached_property
    def county_code(self) -> str | None:
        code = self._info_record.get("county_code")
        return code if isinstance(code, str) and re.fullmatch(r"\d{6}", code) else None

    @cached_property
    def school_year(self) -> int | None:
        year = self._info_record.get("school_year")
        try:
            return None if year is None else int(year)
        except (TypeError, ValueError):
            return None  # reported by the column rules

    def row(self, sheet_key: str, position: int) -> int:
        mapping = (self.rows or {}).get(sheet_key)
        if mapping is not None and position < len(mapping):
            return int(mapping[position])
        return position + 2

    def problem(self, sheet_key: str, position: int | None, column_key: str | None,
                value: Any, message: str, *, raw: bool = False) -> Problem:
        sheet = SHEETS_BY_KEY[sheet_key]
        column = sheet.column(column_key) if column_key else None
        shown = plain(value) if raw or column is None else shown_value(column, value)
        if isinstance(shown, dt.date):
            shown = shown.isoformat()
        row = None if position is None else self.row(sheet_key, position)
        return Problem(sheet.name, row, column.header if column else None, shown, message)

    def type_of(self, school_ids: pd.Series) -> pd.Series:
        return school_ids.map(self.school_types)

    @cached_property
    def dated_year(self) -> int | None:
        """The school year when it is one dates can be compared with (2000–2100), else None."""
        year = self.school_year
        return year if year is not None and 2000 <= year <= 2100 else None

    @cached_property
    def year_span(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The school year's first and last day (1 September to 31 August), when it is known."""
        if self.dated_year is None:
            return None
        return pd.Timestamp(self.dated_year, 9, 1), pd.Timestamp(self.dated_year + 1, 8, 31)


Rule = Callable[[Context], Iterator[Problem]]


def duplicates(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(position, position of its first occurrence) for each repeated fully-known key."""
    first_of: dict[tuple, int] = {}
    keys = zip(*(frame[c].tolist() for c in columns), strict=True)
    for pos, key in enumerate(keys):
        if any(plain(k) is None for k in key):
            continue
        if key in first_of:
            yield pos, first_of[key]
        else:
            first_of[key] = pos


def not_after_year(ctx: Context, key: str, column: str, header: str, slack: int = 0
                   ) -> Iterator[Problem]:
    """Problems for years in ``column`` after the workbook's 学年 (plus ``slack`` years)."""
    if ctx.school_year is None:
        return
    values = ctx.frames[key][column]
    for i in np.flatnonzero(mask(values > ctx.school_year + slack)):
        yield ctx.problem(key, i, column, values.iloc[i],
                          f"{header}晚于 {ctx.school_year + slack} 年（本工作簿学年 {ctx.school_year}"
                          f"{' 的次年' if slack else ''}）：请核对。")
