"""Fixtures for the workbook tests: the example county, edits of it, raw xlsx grids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import xlsxwriter

from junheng.io import example_county, write_workbook
from junheng.io.writer import sheet_rows
from junheng.model import SHEETS, CountyData, typed_frame

_EXAMPLE = example_county()


@pytest.fixture
def county() -> CountyData:
    """The example county (a copy, so a test may change it freely)."""
    return CountyData(dict(_EXAMPLE.info), {k: v.copy() for k, v in _EXAMPLE.tables.items()})


def _edit(data: CountyData, sheet_key: str, position: int, **changes: Any) -> CountyData:
    if sheet_key == "county_info":
        return CountyData({**data.info, **changes}, data.tables)
    frame = data.tables[sheet_key].copy()
    for key, value in changes.items():
        if value is None and frame[key].dtype != object:
            value = pd.NA
        frame.at[position, key] = value
    return data.with_tables(**{sheet_key: frame})


def _append(data: CountyData, sheet_key: str, **record: Any) -> CountyData:
    frame = data.tables[sheet_key]
    extra = typed_frame(sheet_key, [record])
    return data.with_tables(**{sheet_key: pd.concat([frame, extra], ignore_index=True)})


@pytest.fixture
def edit() -> Callable[..., CountyData]:
    """``edit(data, sheet_key, position, column=value, ...)``: a copy with cells changed."""
    return _edit


@pytest.fixture
def append() -> Callable[..., CountyData]:
    """``append(data, sheet_key, column=value, ...)``: a copy with one more row."""
    return _append


def county_grids(data: CountyData) -> dict[str, list[list[Any]]]:
    """The workbook as ``{sheet name: rows}`` with the header, as read_grids takes it."""
    return {s.name: [[c.header_with_unit for c in s.columns], *sheet_rows(s, data)]
            for s in SHEETS}


def write_grids(path: Path, grids: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """Write raw cell values (str, numbers, bools, None) to an xlsx, no conversion at all."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False,
                                               "nan_inf_to_errors": True})
    for name, rows in grids.items():
        ws = workbook.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(i, j, value)
                elif isinstance(value, bool):
                    ws.write_boolean(i, j, value)
                else:
                    ws.write(i, j, value)
    workbook.close()
    return path


@pytest.fixture
def grids_of() -> Callable[[CountyData], dict[str, list[list[Any]]]]:
    return county_grids


@pytest.fixture
def xlsx_of(tmp_path) -> Callable[..., Path]:
    """``xlsx_of(data, name="c.xlsx")``: the county written as a workbook by write_workbook."""

    def write(data: CountyData, name: str = "county.xlsx") -> Path:
        return write_workbook(data, tmp_path / name)

    return write


@pytest.fixture
def raw_xlsx(tmp_path) -> Callable[..., Path]:
    """``raw_xlsx(grids, name=...)``: raw grids written cell by cell."""

    def write(grids, name: str = "raw.xlsx") -> Path:
        return write_grids(tmp_path / name, grids)

    return write
