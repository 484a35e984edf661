"""A workbook written by format v1 imports exactly as it did before v2 existed.

The fixtures were written by the v1 writer and read by the v1 reader at the same commit
(tests/io/fixtures/README.md); v1_readings.json holds what that reader made of them.
"""

import json
from pathlib import Path

import pandas as pd
import pytest

from junheng.io import example_county, inspect_workbook, validate_county
from junheng.model import OPTIONAL_KEYS, SHEETS, TABLE_KEYS
from junheng.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = json.loads((FIXTURES / "v1_readings.json").read_text(encoding="utf-8"))
FILES = sorted(RECORDED["readings"])


def _hash(frame: pd.DataFrame) -> str:
    return str(int(pd.util.hash_pandas_object(frame, index=False).sum() % 2**61))


@pytest.fixture(scope="module", params=FILES)
def reading(request):
    return request.param, inspect_workbook(FIXTURES / request.param)


def test_a_v1_workbook_reads_as_v1_without_problems_or_new_notices(reading):
    name, got = reading
    recorded = RECORDED["readings"][name]
    assert got.format_version == "v1"
    assert got.problems == []
    assert got.notices == recorded["notices"] == []
    assert got.data.info == recorded["info"]


def test_every_v1_frame_is_what_the_v1_reader_made(reading):
    name, got = reading
    recorded = RECORDED["readings"][name]
    for key, columns in RECORDED["columns"].items():
        if key == "county_info":
            continue
        frame = got.data.tables[key]
        assert len(frame) == recorded["rows"][key], key
        assert _hash(frame[columns]) == recorded["hashes"][key], key


def test_a_v1_workbook_has_empty_v2_sheets_and_unknown_v2_columns(reading):
    _, got = reading
    for key in OPTIONAL_KEYS:
        assert got.data.tables[key].empty, key
    v1_columns = RECORDED["columns"]
    for sheet in SHEETS:
        if sheet.optional or sheet.single_row:
            continue
        added = [c for c in sheet.keys if c not in v1_columns[sheet.key]]
        assert got.data.tables[sheet.key][added].isna().all().all(), sheet.key
    assert validate_county(got.data) == []


def test_the_v1_example_workbook_is_the_example_county_on_the_v1_columns():
    got = inspect_workbook(FIXTURES / "example_county_v1.xlsx").data
    county = example_county()
    for key in TABLE_KEYS:
        columns = RECORDED["columns"].get(key)
        if columns is None:
            continue
        pd.testing.assert_frame_equal(got.tables[key][columns], county.tables[key][columns],
                                      obj=key)


def test_a_v1_workbook_stores_and_loads_back_unchanged(reading, tmp_path):
    _, got = reading
    with open_store(f"sqlite:///{tmp_path / 'v1.db'}") as store:
        record = store.import_county(got.data, source="v1.xlsx")
        back = store.load_county(got.data.county_code, got.data.school_year)
    assert set(record.row_counts) == set(RECORDED["columns"])  # exactly the v1 sheets
    for key in TABLE_KEYS:
        pd.testing.assert_frame_equal(back.tables[key], got.data.tables[key], obj=key)
