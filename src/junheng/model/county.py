"""The in-memory county: one school year of one county as typed DataFrames.

Every engine takes a :class:`CountyData`. Frames have the English column keys of
:mod:`junheng.model.schema` and English codes for enumerations (``school_type`` is
``"teaching_point"``, ``grade`` is ``"g7"``, yes/no are booleans, dates are ``datetime64``).
Empty cells are NA (NaT for dates), never zero. A county read from a v1 workbook has every
v2 table, empty, and NA in every v2 column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from junheng.model.schema import SHEETS, SHEETS_BY_KEY, Column, Kind, Sheet

if TYPE_CHECKING:
    from junheng.standards import Overlay

TABLE_KEYS = tuple(s.key for s in SHEETS if not s.single_row)
OPTIONAL_KEYS = frozenset(s.key for s in SHEETS if s.optional)
"""The sheets format v2 added: a county need not have any of their rows."""


def reported_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Rows per sheet as reports show them: every v1 sheet, a v2 sheet only when it has rows.

    Examples
    --------
    >>> reported_counts({"schools": 0, "projects": 0, "principals": 3})
    {'schools': 0, 'principals': 3}
    """
    return {key: n for key, n in counts.items() if n or key not in OPTIONAL_KEYS}


def dtype_of(column: Column) -> str:
    """The pandas dtype a column has in a frame."""
    if column.kind is Kind.INTEGER:
        return "Int64"
    if column.kind is Kind.NUMBER:
        return "float64"
    if column.kind is Kind.BOOL:
        return "boolean"
    if column.kind is Kind.DATE:
        return "datetime64[ns]"
    return "object"


def typed_frame(sheet: Sheet | str, records: Iterable[Mapping[str, Any]] | pd.DataFrame = ()
                ) -> pd.DataFrame:
    """Build a frame with exactly ``sheet``'s columns and dtypes from records (missing -> NA).

    Examples
    --------
    >>> typed_frame("births", [{"town_code": "410306001", "year": 2019, "births": 800}]).dtypes["births"]
    Int64Dtype()
    """
    sheet = SHEETS_BY_KEY[sheet] if isinstance(sheet, str) else sheet
    frame = records.copy() if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    unknown = set(frame.columns) - set(sheet.keys)
    if unknown:
        raise KeyError(f"{sheet.name} 没有这些列：{sorted(unknown)}")
    out = {}
    for col in sheet.columns:
        values = frame[col.key] if col.key in frame else pd.Series([None] * len(frame))
        dtype = dtype_of(col)
        if dtype == "object":
            values = values.astype(object).where(values.notna(), None)
        out[col.key] = pd.Series(values.to_numpy(), dtype=dtype if dtype != "object" else object)
    return pd.DataFrame(out, columns=sheet.keys)


@dataclass(frozen=True)
class CountyData:
    """One county and school year: the 基本信息 values and a frame per table sheet.

    ``overlay`` is the provincial overlay stored for the county (the store attaches it when it
    loads one): every evaluation of the county takes its thresholds unless it names another.
    """

    info: Mapping[str, Any]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    overlay: Overlay | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        tables = dict(self.tables)
        for key in TABLE_KEYS:
            if key not in tables:
                tables[key] = typed_frame(key)
        object.__setattr__(self, "tables", tables)

    @classmethod
    def from_records(cls, info: Mapping[str, Any], **tables: Iterable[Mapping[str, Any]]
                     ) -> CountyData:
        """Build from plain records per table key (fixtures, generators)."""
        return cls(dict(info), {k: typed_frame(k, v) for k, v in tables.items()})

    @property
    def county_code(self) -> str:
        return str(self.info["county_code"])

    @property
    def school_year(self) -> int:
        return int(self.info["school_year"])

    @property
    def schools(self) -> pd.DataFrame:
        return self.tables["schools"]

    @property
    def classes(self) -> pd.DataFrame:
        return self.tables["classes"]

    @property
    def enrolment(self) -> pd.DataFrame:
        return self.tables["enrolment"]

    @property
    def teachers(self) -> pd.DataFrame:
        return self.tables["teachers"]

    @property
    def facilities(self) -> pd.DataFrame:
        return self.tables["facilities"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    @property
    def villages(self) -> pd.DataFrame:
        return self.tables["villages"]

    @property
    def births(self) -> pd.DataFrame:
        return self.tables["births"]

    @property
    def enrolment_history(self) -> pd.DataFrame:
        return self.tables["enrolment_history"]

    @property
    def county_indicators(self) -> pd.DataFrame:
        return self.tables["county_indicators"]

    @property
    def school_groups(self) -> pd.DataFrame:
        return self.tables["school_groups"]

    @property
    def rotations(self) -> pd.DataFrame:
        return self.tables["rotations"]

    @property
    def training(self) -> pd.DataFrame:
        return self.tables["training"]

    @property
    def principals(self) -> pd.DataFrame:
        return self.tables["principals"]

    @property
    def staffing(self) -> pd.DataFrame:
        return self.tables["staffing"]

    @property
    def special_rooms(self) -> pd.DataFrame:
        return self.tables["special_rooms"]

    @property
    def projects(self) -> pd.DataFrame:
        return self.tables["projects"]

    @property
    def county_figures(self) -> pd.DataFrame:
        return self.tables["county_figures"]

    @property
    def county_attestations(self) -> pd.DataFrame:
        return self.tables["county_attestations"]

    @property
    def towns(self) -> pd.DataFrame:
        """乡镇 (format v2, optional): town codes and names."""
        return self.tables["towns"]

    def with_tables(self, **tables: pd.DataFrame) -> CountyData:
        """A copy with some tables replaced (frames are not copied)."""
        return replace(self, tables={**self.tables, **tables})

    def row_counts(self) -> dict[str, int]:
        """Rows per sheet key, 基本信息 counted as one (v2 sheets only when they have rows)."""
        return reported_counts({"county_info": 1, **{k: len(v) for k, v in self.tables.items()}})
