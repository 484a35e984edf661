"""The data schema: workbook sheets and columns, code lists, and the in-memory county."""

from junheng.model import codes, codes_v2, county_items
from junheng.model.county import (
    OPTIONAL_KEYS,
    TABLE_KEYS,
    CountyData,
    dtype_of,
    reported_counts,
    typed_frame,
)
from junheng.model.schema import (
    EXAMPLE_MARKER,
    FORMAT_VERSION,
    INTEGER_RANGE,
    SHEETS,
    SHEETS_BY_KEY,
    SHEETS_BY_NAME,
    V1_SHEETS,
    Column,
    Kind,
    Sheet,
)

__all__ = [
    "EXAMPLE_MARKER", "FORMAT_VERSION", "INTEGER_RANGE", "SHEETS", "SHEETS_BY_KEY",
    "SHEETS_BY_NAME", "TABLE_KEYS", "OPTIONAL_KEYS", "V1_SHEETS", "Column", "CountyData", "Kind",
    "Sheet", "codes", "codes_v2", "county_items", "dtype_of", "reported_counts", "typed_frame",
]
