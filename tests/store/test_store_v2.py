"""The store holds every format-v2 sheet and column exactly; migration 0004 keeps v1 data."""

from __future__ import annotations

from pathlib import Path

import pytest
from county_builders import assert_same_county
from sqlalchemy import text

from junheng.io import example_county, inspect_workbook, read_workbook, write_workbook
from junheng.io.resolve import with_indicator_codes
from junheng.model import OPTIONAL_KEYS, typed_frame
from junheng.store import open_store
from junheng.store.backup import backup_store, restore_store
from junheng.store.engine import current_revision, downgrade, head_revision, migrate

V1_EXAMPLE = Path(__file__).parents[1] / "io" / "fixtures" / "example_county_v1.xlsx"


def test_the_workbook_v2_migration_is_on_the_one_line_to_the_head():
    from alembic.script import ScriptDirectory

    from junheng.store.engine import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    line = [r.revision for r in script.walk_revisions()]  # head first, one branch
    assert len(script.get_heads()) == 1 and line[0] == head_revision()
    assert line[-4:] == ["0004_workbook_v2", "0003_security", "0002_accounts", "0001_initial"]


def test_every_v2_sheet_round_trips_through_the_store(store):
    county = example_county()
    record = store.import_county(county, source="示例县.xlsx")
    assert {key: record.row_counts[key] for key in OPTIONAL_KEYS} == {
        key: len(county.tables[key]) for key in OPTIONAL_KEYS}
    assert_same_county(store.load_county("410306", 2025), county)


def test_a_v2_workbook_stores_and_loads_back_as_read(store, tmp_path):
    read = read_workbook(write_workbook(example_county(), tmp_path / "c.xlsx"))
    store.import_county(read)
    back = store.load_county("410306", 2025)
    assert_same_county(back, read)
    assert back.projects["start_date"].dt.date.tolist()[:2] == [
        read.projects["start_date"].iloc[0].date(), read.projects["start_date"].iloc[1].date()]


def test_an_indicator_named_by_its_chinese_name_alone_is_stored_with_its_code(store):
    county = example_county()
    named = typed_frame("county_indicators", [{"indicator_name": "初中三年巩固率", "value": 0.97}])
    store.import_county(county.with_tables(county_indicators=with_indicator_codes(named)))
    loaded = store.load_county("410306", 2025).county_indicators
    assert loaded["indicator_code"].tolist() == ["junior_retention_rate"]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_migrating_down_to_0002_and_up_again_keeps_a_v1_county(backend, request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite"
           else request.getfixturevalue("pg_session_url"))
    if backend == "postgresql":
        request.getfixturevalue("pg_emptier")()
    v1 = inspect_workbook(V1_EXAMPLE).data
    with open_store(url) as store:
        store.import_county(v1, source="v1.xlsx")
        downgrade(store.engine, "0002_accounts")
        assert current_revision(store.engine) == "0002_accounts"
        with store.engine.connect() as conn:
            columns = list(conn.execute(text("SELECT * FROM teachers LIMIT 1")).keys())
            teachers = conn.execute(text("SELECT count(*) FROM teachers")).scalar()
        assert "backbone_year" not in columns and teachers == len(v1.teachers)
        migrate(store.engine)
        assert current_revision(store.engine) == head_revision()
        assert_same_county(store.load_county("410306", 2025), v1)
        store.delete_county("410306", 2025)
        store.import_county(example_county())  # the v2 tables work after the round trip


def test_sqlite_tables_rebuilt_by_the_migration_keep_autoincrement(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as store, store.engine.connect() as conn:
        rebuilt = conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE name IN "
            "('teachers', 'facilities', 'county_indicators')")).all()
    assert len(rebuilt) == 3 and all("AUTOINCREMENT" in sql for _, sql in rebuilt)


@pytest.mark.parametrize("target", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_a_backup_carries_the_v2_sheets_and_their_dates(target, tmp_path, request):
    source = f"sqlite:///{tmp_path / 'held.db'}"
    with open_store(source) as store:
        store.import_county(example_county())
    backup_store(source, tmp_path / "b.zip")
    fresh = (f"sqlite:///{tmp_path / 'restored.db'}" if target == "sqlite"
             else request.getfixturevalue("pg_session_url"))
    if target == "postgresql":
        request.getfixturevalue("pg_emptier")()
    restore_store(fresh, tmp_path / "b.zip", force=True)
    with open_store(fresh) as restored:
        assert_same_county(restored.load_county("410306", 2025), example_county())
