"""The store's tables mirror the workbook schema, and the migrations build exactly the models."""

from __future__ import annotations

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Boolean, Date, Double, Integer, String, insert, inspect, text
from sqlalchemy.exc import IntegrityError

from junheng.errors import StoreError
from junheng.model import SHEETS, TABLE_KEYS, Kind, typed_frame
from junheng.store import open_store
from junheng.store.base import Base
from junheng.store.engine import alembic_config, current_revision, downgrade, migrate
from junheng.store.frames import rows_frame
from junheng.store.models import SHEET_MODELS, CountyYearRow, store_column

KIND_TYPES = {Kind.TEXT: String, Kind.CODE: String, Kind.ENUM: String, Kind.INTEGER: Integer,
              Kind.NUMBER: Double, Kind.BOOL: Boolean, Kind.DATE: Date}
SHARED = ["id", "county_code", "school_year", "row_no", "version"]


def test_every_table_sheet_has_a_model_in_workbook_order():
    assert list(SHEET_MODELS) == list(TABLE_KEYS)


@pytest.mark.parametrize("sheet", [s for s in SHEETS if not s.single_row], ids=lambda s: s.key)
def test_model_columns_mirror_the_sheet_with_types_and_nullability(sheet):
    table = SHEET_MODELS[sheet.key].__table__
    expected = SHARED + [store_column(sheet.key, c.key) for c in sheet.columns]
    assert [c.name for c in table.columns] == expected
    for col in sheet.columns:
        stored = table.c[store_column(sheet.key, col.key)]
        assert isinstance(stored.type, KIND_TYPES[col.kind]), col.key
        assert stored.nullable is (not col.required), col.key


def test_county_years_hold_every_basic_info_column():
    info = next(s for s in SHEETS if s.single_row)
    columns = CountyYearRow.__table__.c
    for col in info.columns:
        assert isinstance(columns[col.key].type, KIND_TYPES[col.kind])
        assert columns[col.key].nullable is False


def test_enrolment_history_year_is_stored_apart_from_the_county_year_key():
    assert store_column("enrolment_history", "school_year") == "history_year"
    assert store_column("schools", "school_id") == "school_id"


def test_migrations_start_at_0001_initial_and_form_one_line():
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())  # head first
    assert revisions[-1].revision == "0001_initial"
    assert revisions[-1].down_revision is None
    assert len(script.get_heads()) == 1


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_migrated_database_matches_the_models_exactly(backend, request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite"
           else request.getfixturevalue("pg_session_url"))
    with open_store(url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_open_store_creates_the_schema_at_head_and_reopens_without_change(store_url):
    with open_store(store_url) as store:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert current_revision(store.engine) == head
        tables = set(inspect(store.engine).get_table_names())
    assert {"county_years", "import_log", *(m.__tablename__ for m in SHEET_MODELS.values())
            } <= tables
    with open_store(store_url) as again:
        assert current_revision(again.engine) == head


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    downgrade(store.engine, "base")
    assert current_revision(store.engine) is None
    assert "schools" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert "schools" in inspect(store.engine).get_table_names()
    store.close()


@pytest.mark.parametrize("table", ["classes", "enrolment", "teachers", "facilities", "funding",
                                   "enrolment_history", "schools"])
def test_school_tables_are_indexed_by_county_year_and_school(table, store):
    indexes = inspect(store.engine).get_indexes(table)
    uniques = inspect(store.engine).get_unique_constraints(table)
    leading = [ix["column_names"][:3] for ix in indexes] + [u["column_names"][:3]
                                                            for u in uniques]
    assert ["county_code", "school_year", "school_id"] in leading


def test_data_rows_need_their_county_year(store):
    # A row for a county-year the store does not hold breaks the foreign key.
    row = {"county_code": "410306", "school_year": 2025, "row_no": 0, "town_code": "410306001",
               "year": 2020, "births": 10}
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(insert(SHEET_MODELS["births"].__table__).values(**row))


def test_sqlite_file_store_uses_wal_and_foreign_keys(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_in_memory_store_keeps_its_data_across_connections():
    with open_store("sqlite://") as store:
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (7)"))
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT x FROM t")).scalar() == 7


def test_unreadable_url_is_a_chinese_store_error():
    with pytest.raises(StoreError, match="数据库地址“nonsense”无法识别"):
        open_store("nonsense")


def test_missing_sqlite_directory_is_a_chinese_store_error(tmp_path):
    with pytest.raises(StoreError, match="无法打开数据库.*目录是否存在") as raised:
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    # hcli: the driver's 「unable to open database file」 reached the user in English
    assert "：无法打开数据库文件（目录不存在或没有读写权限）。" in str(raised.value)
    assert "unable" not in str(raised.value)


def test_unreachable_postgres_says_why_in_chinese():
    with pytest.raises(StoreError) as raised:
        open_store("postgresql+psycopg://u@127.0.0.1:1/x?connect_timeout=2")
    assert "：连接被拒绝（数据库服务未启动或端口不对）。" in str(raised.value)


def test_unreachable_postgres_is_a_chinese_store_error_without_the_password():
    with pytest.raises(StoreError, match=r"无法打开数据库 postgresql\+psycopg://u:\*\*\*@127.0.0.1:1/x"):
        open_store("postgresql+psycopg://u:secret@127.0.0.1:1/x?connect_timeout=2")


@pytest.mark.parametrize("sheet_key", TABLE_KEYS)
def test_frames_built_from_no_rows_equal_the_schema_empty_frame(sheet_key):
    pd.testing.assert_frame_equal(rows_frame(sheet_key, []), typed_frame(sheet_key),
                                  check_index_type=True)


def test_frames_built_from_rows_keep_na_per_kind():
    # One row with every optional cell empty: Int64 NA, float NaN, boolean NA, object None.
    row = ("T1", "S1", "primary", "math", True, "bachelor", "first", "none", True, "male",
           1990, 2012, 2015, 12.5, False, None, None, None, None, None, None, None)  # v2 columns empty
    built = rows_frame("teachers", [row])
    expected = typed_frame("teachers", [dict(zip(built.columns, row, strict=True))])
    pd.testing.assert_frame_equal(built, expected, check_exact=True)
    assert built.loc[0, "from_school_id"] is None
