"""The building blocks of the workbook format: column kinds, columns, sheets.

:mod:`junheng.model.schema` (format v1 and the v2 additions to v1 sheets) and
:mod:`junheng.model.schema_v2` (the sheets format v2 adds) are written with the small
constructors below, so a column reads as one line: key, Chinese header, unit, range, note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from junheng.model import codes

INTEGER_RANGE = (-(2**31), 2**31 - 1)
"""The values an integer column of the store holds (PostgreSQL ``INTEGER``, 32 bits)."""


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # digits kept as text, leading zeros matter
    INTEGER = "integer"
    NUMBER = "number"
    ENUM = "enum"  # Chinese label on the sheet, English code in frames
    BOOL = "bool"  # 是 / 否
    DATE = "date"  # an Excel date or text such as 2025-09-01 on the sheet, a day in frames


@dataclass(frozen=True)
class Column:
    """One column of one sheet.

    ``since`` is the format version that added the column ("v1" or "v2"); a v1 workbook
    lacks the v2 columns without notice. ``suggestions`` are the values a free-text column's
    template drop-down offers (other values stay allowed).
    """

    key: str
    header: str
    kind: Kind
    required: bool = True
    unit: str | None = None
    choices: dict[str, object] | None = None
    digits: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    note: str = ""
    example: object = None
    since: str = "v1"
    suggestions: tuple[str, ...] = ()

    @property
    def header_with_unit(self) -> str:
        """The header as the template writes it, unit in Chinese brackets."""
        return f"{self.header}（{self.unit}）" if self.unit else self.header


@dataclass(frozen=True)
class Sheet:
    """One sheet: its Chinese name, English key, columns and whether it holds one row.

    ``since`` is the format version that added the sheet; sheets added by v2 are optional
    (a workbook without one reads it as empty).
    """

    key: str
    name: str
    columns: tuple[Column, ...]
    description: str
    single_row: bool = False
    key_columns: tuple[str, ...] = field(default=())
    since: str = "v1"

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> dict[str, Column]:
        return {c.header: c for c in self.columns}

    @property
    def optional(self) -> bool:
        """True for a sheet a valid workbook may leave out (every sheet v2 added)."""
        return self.since != "v1"


def code_column(key, header, digits, note="", required=True, example=None, since="v1"):
    return Column(key, header, Kind.CODE, required=required, digits=digits, note=note,
                  example=example, since=since)


def text_column(key, header, note="", required=True, example=None, since="v1",
                suggestions=()):
    return Column(key, header, Kind.TEXT, required=required, note=note, example=example,
                  since=since, suggestions=tuple(suggestions))


def int_column(key, header, unit=None, minimum=0, maximum=None, note="", required=True,
               example=None, since="v1"):
    return Column(key, header, Kind.INTEGER, required=required, unit=unit, minimum=minimum,
                  maximum=maximum, note=note, example=example, since=since)


def num_column(key, header, unit=None, minimum=0.0, maximum=None, note="", required=True,
               example=None, since="v1"):
    return Column(key, header, Kind.NUMBER, required=required, unit=unit, minimum=minimum,
                  maximum=maximum, note=note, example=example, since=since)


def enum_column(key, header, choices, note="", required=True, example=None, since="v1"):
    return Column(key, header, Kind.ENUM, required=required, choices=choices, note=note,
                  example=example, since=since)


def bool_column(key, header, note="", required=True, example=None, since="v1"):
    return Column(key, header, Kind.BOOL, required=required, choices=codes.YES_NO, note=note,
                  example=example, since=since)


def date_column(key, header, note="", required=True, example=None, since="v2"):
    return Column(key, header, Kind.DATE, required=required, note=note, example=example,
                  since=since)


EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
"""Dates outside this span are typing accidents (a year typed as 20255, a serial number)."""
