"""The data schema: workbook sheets and columns, code lists, and the in-memory county."""

from junheng.model import codes
from junheng.model.county import TABLE_KEYS, CountyData, dtype_of, typed_frame
from junheng.model.schema import (
    EXAMPLE_MARKER,
    FORMAT_VERSION,
    INTEGER_RANGE,
    SHEETS,
    SHEETS_BY_KEY,
    SHEETS_BY_NAME,
    Column,
    Kind,
    Sheet,
)

__all__ = [
    "EXAMPLE_MARKER", "FORMAT_VERSION", "INTEGER_RANGE", "SHEETS", "SHEETS_BY_KEY",
    "SHEETS_BY_NAME", "TABLE_KEYS", "Column", "CountyData", "Kind", "Sheet", "codes", "dtype_of",
    "typed_frame",
]
