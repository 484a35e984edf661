"""Import, load, replace and delete county-years: all rows or none, and nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
from county_builders import assert_same_county, large_county, records, sample_county
from sqlalchemy import inspect, select, text
from sqlalchemy.orm.exc import StaleDataError

from junheng.errors import StoreError, ValidationError
from junheng.io import example_county, read_workbook, write_workbook
from junheng.model import CountyData
from junheng.store import open_store
from junheng.store.models import School

SAMPLE_COUNTS = {"county_info": 1, "schools": 5, "classes": 9, "enrolment": 3, "teachers": 6,
                 "facilities": 5, "funding": 4, "villages": 3, "births": 18,
                 "enrolment_history": 8, "county_indicators": 3}


def snapshot(store) -> dict[str, list[tuple]]:
    """Every row of every table, in id order: the whole content of the store."""
    with store.engine.connect() as conn:
        names = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        return {name: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}" ORDER BY 1'))]
                for name in names}


# --- round trips -----------------------------------------------------------------------


def test_load_returns_exactly_what_was_imported(store):
    county = sample_county()
    store.import_county(county, source="示例县.xlsx")
    assert_same_county(store.load_county("410306", 2025), county)


def test_load_keeps_na_in_optional_cells_and_leading_zeros(store):
    store.import_county(sample_county())
    back = store.load_county("410306", 2025)
    # Row 0 of 班级 has boarders unknown (NA) and disabled pupils known to be 0.
    assert back.classes.loc[0, "boarders"] is pd.NA
    assert back.classes.loc[0, "disabled_students"] == 0
    assert back.schools["affordable"].tolist() == [pd.NA, pd.NA, pd.NA, pd.NA, True]
    assert back.facilities.loc[3].drop("school_id").isna().all()
    assert back.teachers.loc[4, "teacher_id"] == "0005"
    assert back.schools.loc[3, "school_id"] == "0012TP"
    assert back.teachers.loc[1, "training_hours_5y"] == 0.1 + 0.2  # 0.30000000000000004


def test_import_export_import_is_lossless(store, tmp_path):
    first = read_workbook(write_workbook(example_county(), tmp_path / "in.xlsx"))
    store.import_county(first, source="in.xlsx")
    exported = write_workbook(store.load_county("410306", 2025), tmp_path / "out.xlsx")
    second = read_workbook(exported)
    assert_same_county(second, first)
    store.import_county(second, replace=True, source="out.xlsx")
    assert_same_county(store.load_county("410306", 2025), first)


def test_na_cells_and_leading_zeros_survive_export_and_import(tmp_path):
    # Through the workbook, not only the database (SQLite suffices: the store part is above).
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        first = read_workbook(write_workbook(sample_county(), tmp_path / "in.xlsx"))
        store.import_county(first)
        second = read_workbook(write_workbook(store.load_county("410306", 2025),
                                              tmp_path / "out.xlsx"))
    assert_same_county(second, first)
    assert second.teachers.loc[4, "teacher_id"] == "0005"
    assert second.classes.loc[0, "boarders"] is pd.NA


# --- many counties and years -----------------------------------------------------------


def test_one_store_holds_many_counties_and_years(store):
    store.import_county(sample_county("410306", 2025))
    store.import_county(sample_county("410306", 2024))
    store.import_county(sample_county("410322", 2025, name="孟津区"))
    held = store.counties()
    assert [(c.county_code, c.school_year) for c in held] == [
        ("410306", 2024), ("410306", 2025), ("410322", 2025)]
    assert [c.county_name for c in held] == ["示例县", "示例县", "孟津区"]
    assert all(dict(c.row_counts) == SAMPLE_COUNTS for c in held)
    assert store.years("410306") == [2024, 2025]
    assert store.years("410322") == [2025]
    assert store.years("999999") == []
    other = store.load_county("410322", 2025)
    assert other.schools["school_id"].tolist()[0] == "4103220001"
    assert_same_county(other, sample_county("410322", 2025, name="孟津区"))


def test_load_of_a_missing_year_names_the_years_held(store):
    store.import_county(sample_county("410306", 2025))
    with pytest.raises(StoreError, match="库中没有县区 410306 2019 学年的数据。该县区库中已有：2025 学年"):
        store.load_county("410306", 2019)
    with pytest.raises(StoreError, match="库中没有该县区的任何学年"):
        store.load_county("110101", 2025)


def test_delete_county_removes_only_that_county_year(store):
    store.import_county(sample_county("410306", 2025))
    store.import_county(sample_county("410306", 2024))
    deleted = store.delete_county("410306", 2025)
    assert deleted == SAMPLE_COUNTS
    assert store.years("410306") == [2024]
    assert_same_county(store.load_county("410306", 2024), sample_county("410306", 2024))
    with pytest.raises(StoreError, match="库中没有县区 410306 2025 学年的数据，无需删除"):
        store.delete_county("410306", 2025)


# --- refusing and replacing ------------------------------------------------------------


def smaller_county() -> CountyData:
    """The sample county a year on: the kindergarten and its teacher gone, one new teacher."""
    county = sample_county()
    teachers = county.teachers[county.teachers["school_id"] != "4103060005"]
    new = pd.concat([teachers, county.teachers.iloc[[0]].assign(teacher_id="T0100")],
                    ignore_index=True)
    return county.with_tables(
        schools=county.schools[county.schools["school_type"] != "kindergarten"]
        .reset_index(drop=True),
        classes=county.classes[county.classes["school_id"] != "4103060005"]
        .reset_index(drop=True),
        facilities=county.facilities[county.facilities["school_id"] != "4103060005"]
        .reset_index(drop=True),
        teachers=new)


def test_a_held_county_year_is_refused_without_replace_and_nothing_changes(store):
    store.import_county(sample_county(), source="a.xlsx")
    before = snapshot(store)
    with pytest.raises(StoreError, match=r"示例县（410306）2025 学年的数据已在库中.*--replace"):
        store.import_county(smaller_county(), source="b.xlsx")
    assert snapshot(store) == before


def test_replace_swaps_the_county_year_and_old_rows_are_gone(store):
    store.import_county(sample_county("410322", 2025))  # a bystander
    first = store.import_county(sample_county(), source="a.xlsx", user="李四")
    second = store.import_county(smaller_county(), replace=True, source="b.xlsx", user="张三")
    back = store.load_county("410306", 2025)
    assert_same_county(back, smaller_county())
    assert "T0006" not in back.teachers["teacher_id"].tolist()
    assert "4103060005" not in back.schools["school_id"].tolist()
    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT COUNT(*) FROM teachers WHERE county_code = '410306'"))
        assert kept.scalar() == 6  # 6 - 1 kindergarten teacher + 1 new
    assert_same_county(store.load_county("410322", 2025), sample_county("410322", 2025))
    log = store.import_log(county_code="410306")
    assert [(r.id, r.source, r.user, r.replaced) for r in log] == [
        (first.id, "a.xlsx", "李四", False), (second.id, "b.xlsx", "张三", True)]
    assert log[1].row_counts["schools"] == 4 and log[1].row_counts["teachers"] == 6
    assert store.counties()[0].import_id == second.id


def test_replace_of_a_county_year_not_held_is_a_plain_import(store):
    record = store.import_county(sample_county(), replace=True)
    assert record.replaced is False
    assert store.years("410306") == [2025]


# --- atomicity -------------------------------------------------------------------------

FAIL_SQLITE = ("CREATE TRIGGER fail_indicators BEFORE INSERT ON county_indicators "
               "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
FAIL_PG = ("CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS "
           "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$",
           "CREATE TRIGGER fail_indicators BEFORE INSERT ON county_indicators "
           "FOR EACH ROW EXECUTE FUNCTION fail_insert()")


@pytest.fixture
def failing_last_sheet(store):
    """Make the database refuse any row of 县级指标, the last sheet written."""
    postgres = store.engine.dialect.name == "postgresql"
    with store.engine.begin() as conn:
        for statement in FAIL_PG if postgres else (FAIL_SQLITE,):
            conn.execute(text(statement))
    yield store
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER fail_indicators" + (" ON county_indicators"
                                                            if postgres else "")))
        if postgres:
            conn.execute(text("DROP FUNCTION fail_insert()"))


def test_a_database_error_in_the_last_sheet_leaves_the_store_as_before(failing_last_sheet):
    store = failing_last_sheet
    bystander = sample_county("410322", 2025, indicators=[])  # no indicator rows: stores fine
    store.import_county(bystander)
    before = snapshot(store)
    with pytest.raises(StoreError, match="“县级指标”表时数据库报错：.*injected failure.*已全部撤销"):
        store.import_county(sample_county())
    assert snapshot(store) == before
    assert store.years("410306") == []
    assert len(store.import_log()) == 1


def test_a_failed_replace_keeps_the_old_county_year(failing_last_sheet):
    store = failing_last_sheet
    old = sample_county(indicators=[])
    store.import_county(old)
    before = snapshot(store)
    with pytest.raises(StoreError, match="县级指标"):
        store.import_county(sample_county(), replace=True)
    assert snapshot(store) == before
    assert_same_county(store.load_county("410306", 2025), old)


def test_a_validation_error_in_the_last_sheet_stores_nothing(store):
    store.import_county(sample_county("410322", 2025))
    before = snapshot(store)
    bad = records("indicator_code indicator_name value evidence",
                  [("satisfaction_rate", "群众满意度", 0.9, None),
                   ("teacher_pay_ratio", "教师平均工资与公务员之比", None, None)])
    with pytest.raises(ValidationError) as caught:
        store.import_county(sample_county(indicators=bad))
    assert [(p.sheet, p.column) for p in caught.value.problems] == [("县级指标", "数值")]
    assert snapshot(store) == before


def test_validation_runs_before_the_held_check(store):
    # A broken file for a held county-year reports its problems, not "already held".
    store.import_county(sample_county())
    broken = sample_county()
    broken = broken.with_tables(classes=broken.classes.assign(students=-3))
    with pytest.raises(ValidationError, match="未做任何导入"):
        store.import_county(broken, replace=True)
    assert_same_county(store.load_county("410306", 2025), sample_county())


# --- the import log --------------------------------------------------------------------


def test_import_log_records_time_file_hash_counts_and_user(store):
    start = datetime.now(UTC)
    record = store.import_county(sample_county(), source="示例县2025.xlsx",
                                 file_hash="ab" * 32, user="王五")
    end = datetime.now(UTC)
    (logged,) = store.import_log()
    assert logged == record
    assert logged.id == 1
    assert start <= logged.imported_at <= end and logged.imported_at.tzinfo is UTC
    assert (logged.county_code, logged.school_year) == ("410306", 2025)
    assert (logged.source, logged.file_hash, logged.user) == ("示例县2025.xlsx", "ab" * 32, "王五")
    assert dict(logged.row_counts) == SAMPLE_COUNTS
    assert logged.replaced is False
    assert store.import_log(county_code="410322") == []
    assert store.import_log(school_year=2025) == [record]


def test_county_years_report_their_import(store):
    record = store.import_county(sample_county())
    (held,) = store.counties()
    assert (held.county_name, held.city_name) == ("示例县", "洛阳市")
    assert held.import_id == record.id and held.imported_at == record.imported_at


# --- optimistic concurrency ------------------------------------------------------------


def test_rows_start_at_version_one_and_a_stale_edit_is_refused(store):
    store.import_county(sample_county())
    query = select(School).where(School.school_id == "4103060001")
    with store.session() as first, store.session() as second:
        mine, theirs = first.scalars(query).one(), second.scalars(query).one()
        assert mine.version == theirs.version == 1
        mine.name = "示例县实验小学"
        first.commit()
        assert mine.version == 2
        theirs.name = "示例县城关小学"
        with pytest.raises(StaleDataError):
            second.commit()
    assert store.load_county("410306", 2025).schools.loc[0, "name"] == "示例县实验小学"


# --- size ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_county_of_15000_teachers_imports_whole(store):
    # speed is bench's business (bench.province imports many counties and prints the times);
    # here: a county of this size goes in whole
    county = large_county()  # 150 schools × 100 teachers, 3,000 classes, 250 villages
    assert len(county.teachers) == 15_000
    store.import_county(county)
    assert store.counties()[0].row_counts["teachers"] == 15_000


def test_open_store_again_sees_the_same_data(store_url):
    with open_store(store_url) as first:
        first.import_county(sample_county())
    with open_store(store_url) as again:
        assert_same_county(again.load_county("410306", 2025), sample_county())
