"""Write a :class:`CountyData` as a county workbook of the newest format (the export format).

English codes go back to their Chinese labels, booleans to 是/否, NA to an empty cell, days to
Excel dates shown as 2025-09-01; codes are written as text so leading zeros survive. Headers
carry units in Chinese brackets. Every sheet is written, the v2 ones too (empty when the
county has no such rows).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd

from junheng.io.excel import new_workbook
from junheng.model import SHEETS, Column, CountyData, Kind, Sheet


def cell_value(column: Column, value: Any) -> Any:
    """The value a cell holds for ``value`` of ``column`` (None for an empty cell)."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and math.isnan(value)):
        return None
    if column.kind in (Kind.ENUM, Kind.BOOL):
        for label, code in column.choices.items():
            if code == value:
                return label
        return str(value)
    if column.kind is Kind.INTEGER:
        return int(value)
    if column.kind is Kind.NUMBER:
        return float(value)
    if column.kind is Kind.DATE:
        return pd.Timestamp(value).date()
    return str(value)


def sheet_rows(sheet: Sheet, data: CountyData) -> list[list[Any]]:
    """The data rows of one sheet, in column order."""
    if sheet.single_row:
        return [[cell_value(c, data.info.get(c.key)) for c in sheet.columns]]
    frame = data.tables[sheet.key]
    if sheet.key == "county_indicators":
        frame = clerk_indicators(frame)
    columns = [frame[c.key].tolist() for c in sheet.columns]
    return [[cell_value(c, v) for c, v in zip(sheet.columns, row, strict=True)]
            for row in zip(*columns, strict=True)] if len(frame) else []


def clerk_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """县级指标 as a clerk reads it: the English 指标代码 left empty where the Chinese 指标名称
    beside it is a listed name of that code (read back to the same code, docs/workbook.md);
    a code the name does not give (an own indicator) stays (rv18 10: teacher_pay_ratio shown).

    >>> frame = pd.DataFrame({"indicator_code": ["junior_retention_rate", "own_code"],
    ...                       "indicator_name": ["初中三年巩固率", "本县自定指标"]})
    >>> clerk_indicators(frame)["indicator_code"].tolist()
    [None, 'own_code']
    """
    from junheng.model.county_items import indicator_code_of

    named = frame["indicator_name"].map(indicator_code_of)
    return frame.assign(indicator_code=frame["indicator_code"].astype(object).where(
        named.isna() | named.ne(frame["indicator_code"]), None))


def write_workbook(data: CountyData, path: str | Path) -> Path:
    """Write ``data`` to ``path`` as a workbook (every sheet of the format) and return the path.

    Examples
    --------
    >>> from junheng.model import CountyData
    >>> import tempfile, os
    >>> d = CountyData.from_records({"county_code": "410306", "county_name": "示例县",
    ...     "city_name": "洛阳市", "school_year": 2025, "primary_funding_quota": 720,
    ...     "junior_funding_quota": 940})
    >>> write_workbook(d, os.path.join(tempfile.mkdtemp(), "x.xlsx")).suffix
    '.xlsx'
    """
    path = Path(path)
    workbook = new_workbook(path)
    # A fixed creation stamp keeps the file's bytes a function of its data alone.
    title = f"{data.info.get('county_name', '')} {data.info.get('school_year', '')} 学年县域教育数据"
    workbook.set_properties({"title": title, "created": dt.datetime(2000, 1, 1)})
    try:
        header_fmt = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                          "text_wrap": True, "valign": "vcenter"})
        text_fmt = workbook.add_format({"num_format": "@"})
        date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for sheet in SHEETS:
            _write_sheet(workbook, sheet, sheet_rows(sheet, data), header_fmt,
                         {"text": text_fmt, "date": date_fmt})
    finally:
        workbook.close()
    return path


def _write_sheet(workbook, sheet: Sheet, rows, header_fmt, formats) -> None:
    ws = workbook.add_worksheet(sheet.name)
    for j, col in enumerate(sheet.columns):
        ws.write_string(0, j, col.header_with_unit, header_fmt)
        text = col.kind in (Kind.CODE, Kind.TEXT)
        ws.set_column(j, j, max(10, len(col.header_with_unit) * 2 + 2),
                      formats["text"] if text else None)
    ws.freeze_panes(1, 0)
    for i, row in enumerate(rows, start=1):
        for j, (col, value) in enumerate(zip(sheet.columns, row, strict=True)):
            if value is None:
                continue
            if col.kind in (Kind.CODE, Kind.TEXT) or isinstance(value, str):
                ws.write_string(i, j, str(value), formats["text"])
            elif isinstance(value, dt.date):
                ws.write_datetime(i, j, value, formats["date"])
            else:
                ws.write_number(i, j, value)
