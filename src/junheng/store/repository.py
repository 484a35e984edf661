"""Store operations on an open connection: keyword-only functions, one task each.

They run inside the caller's transaction and never commit, so the web app can combine them
with its own writes (audit log, submissions) atomically; open that transaction with
:func:`junheng.store.engine.transaction` (``write=True`` for writes) to get SQLite's write
lock up front and PostgreSQL snapshot reads. :class:`junheng.store.Store` wraps each in a
transaction of its own and validates data before storing it; these functions do not
validate. Bulk rows go through Core ``executemany`` inserts (one statement per sheet), not
ORM objects, so a county of 15,000 teachers stores in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from junheng.errors import StoreError
from junheng.model import SHEETS_BY_KEY, TABLE_KEYS, CountyData, reported_counts
from junheng.model.times import beijing
from junheng.store.authority import Importer, check_city, check_import
from junheng.store.frames import INFO_KEYS, frame_rows, joined_info, rows_frame, split_info
from junheng.store.models import (
    SHEET_MODELS,
    CountyYearRow,
    ImportLogRow,
    store_column,
)

COUNTY_YEARS = CountyYearRow.__table__
IMPORT_LOG = ImportLogRow.__table__


@dataclass(frozen=True)
class ImportRecord:
    """One entry of the import log: a county-year stored from a file."""

    id: int
    imported_at: datetime
    county_code: str
    school_year: int
    source: str
    file_hash: str
    row_counts: Mapping[str, int]
    user: str
    replaced: bool


@dataclass(frozen=True)
class CountyYear:
    """One county and school year held in the store, with its rows per sheet."""

    county_code: str
    county_name: str
    city_name: str
    school_year: int
    row_counts: Mapping[str, int] = field(default_factory=dict)
    imported_at: datetime | None = None
    import_id: int | None = None
    overlay: str = ""  # the digest of the county's stored provincial overlay ("" for none)


def utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC time (SQLite hands back naive times)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def county_label(county_code: str, school_year: int, county_name: str | None = None) -> str:
    """How messages name a county-year: 示例县（410306）2025 学年."""
    if county_name:
        return f"{county_name}（{county_code}）{school_year} 学年"
    return f"县区 {county_code} {school_year} 学年"


def find_county_year(conn: Connection, *, county_code: str, school_year: int,
                     lock: bool = False) -> Mapping[str, Any] | None:
    """The ``county_years`` row of a county-year, or ``None`` when absent.

    ``lock`` holds the row until the transaction ends (``SELECT … FOR UPDATE`` on
    PostgreSQL; a SQLite write transaction already holds the whole database).
    """
    query = select(COUNTY_YEARS).where(COUNTY_YEARS.c.county_code == county_code,
                                       COUNTY_YEARS.c.school_year == school_year)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    return dict(row) if row is not None else None


def lock_county_year(conn: Connection | Session, *, county_code: str, school_year: int) -> None:
    """Serialise writers of one county-year: imports and approvals take this lock first."""
    conn.execute(select(COUNTY_YEARS.c.id).where(COUNTY_YEARS.c.county_code == county_code,
                                                 COUNTY_YEARS.c.school_year == school_year)
                 .with_for_update())


def store_county(conn: Connection, data: CountyData, *, replace: bool, source: str,
                 file_hash: str, user: str, importer: Importer | None = None) -> ImportRecord:
    """Store a validated county-year, replacing the one held only when ``replace`` is true.

    The county-year is locked first (approvals of school submissions wait, or see the new
    import and refuse); then the store decides whether ``importer`` (a web user; None for the
    command line) may import this county, and refuses a 所属地市 that differs from the city
    the store holds the county in (:mod:`junheng.store.authority`).

    Raises
    ------
    AccessDenied
        ``importer`` may not import this county.
    StoreError
        The county's city would change, the county-year is held and ``replace`` is false,
        or the database refused a row.
    """
    code, year = data.county_code, data.school_year
    held = find_county_year(conn, county_code=code, school_year=year, lock=True)
    city = data.info.get("city_name")
    if importer is not None:
        check_import(conn, county_code=code, city_name=city, importer=importer)
    check_city(conn, county_code=code, city_name=city)
    if held is not None and not replace:
        raise StoreError(_held_message(held))
    if held is not None:
        delete_county_rows(conn, county_code=code, school_year=year)
    return insert_county(conn, data, source=source, file_hash=file_hash, user=user,
                         replaced=held is not None)


def _held_message(held: Mapping[str, Any]) -> str:
    when = beijing(utc(held["imported_at"]))  # Beijing time, as every time a user reads
    label = county_label(held["county_code"], held["school_year"], held["county_name"])
    return (f"{label}的数据已在库中（{when} 导入），本次未导入任何数据。"
            f"如要用本文件替换原有数据，请选择替换导入（命令行加 --replace）。")


def delete_county_rows(conn: Connection, *, county_code: str, school_year: int
                       ) -> dict[str, int]:
    """Delete a county-year's rows from every table; rows deleted per sheet key (v2 sheets
    only when rows were deleted)."""
    deleted: dict[str, int] = {}
    for key in reversed(TABLE_KEYS):
        table = SHEET_MODELS[key].__table__
        result = conn.execute(delete(table).where(table.c.county_code == county_code,
                                                  table.c.school_year == school_year))
        deleted[key] = result.rowcount
    result = conn.execute(delete(COUNTY_YEARS).where(COUNTY_YEARS.c.county_code == county_code,
                                                     COUNTY_YEARS.c.school_year == school_year))
    return reported_counts({"county_info": result.rowcount, **dict(reversed(deleted.items()))})


def insert_county(conn: Connection, data: CountyData, *, source: str, file_hash: str,
                  user: str, replaced: bool, now: datetime | None = None) -> ImportRecord:
    """Log the import, then insert the county-year and every sheet's rows.

    The county-year must not be in the store (delete it first to replace it). A database
    error is raised as :class:`StoreError` naming the sheet; the caller's transaction then
    rolls back everything.
    """
    now = utc(now or datetime.now(UTC))
    info, extra = split_info(data.info)
    code, year = info["county_code"], info["school_year"]
    rows = {key: frame_rows(key, data.tables[key], county_code=code, school_year=year)
            for key in TABLE_KEYS}
    counts = reported_counts({"county_info": 1, **{key: len(r) for key, r in rows.items()}})
    record = ImportRecord(id=0, imported_at=now, county_code=code, school_year=year,
                          source=source, file_hash=file_hash, row_counts=counts, user=user,
                          replaced=replaced)
    with _naming_sheet("county_info", code, year):
        log_id = _insert_log(conn, record)
        conn.execute(insert(COUNTY_YEARS).values(**info, extra_info=extra, imported_at=now,
                                                 import_id=log_id))
    for key in TABLE_KEYS:
        if rows[key]:
            with _naming_sheet(key, code, year):
                conn.execute(insert(SHEET_MODELS[key].__table__), rows[key])
    return replace(record, id=log_id)


def _insert_log(conn: Connection, record: ImportRecord) -> int:
    result = conn.execute(insert(IMPORT_LOG).values(
        imported_at=record.imported_at, county_code=record.county_code,
        school_year=record.school_year, source=record.source, file_hash=record.file_hash,
        row_counts=dict(record.row_counts), user_name=record.user, replaced=record.replaced))
    return int(result.inserted_primary_key[0])


@contextmanager
def _naming_sheet(sheet_key: str, county_code: str, school_year: int) -> Iterator[None]:
    """Turn a database error while writing one sheet into a :class:`StoreError` naming it."""
    try:
        yield
    except DBAPIError as exc:
        where = county_label(county_code, school_year)
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        if isinstance(exc, IntegrityError) and sheet_key == "county_info":
            raise StoreError(f"{where}的数据已在库中（可能是同时进行的另一次导入）："
                             f"本次导入未写入任何数据。数据库提示：{detail}") from exc
        raise StoreError(f"写入{where}的“{SHEETS_BY_KEY[sheet_key].name}”表时数据库报错："
                         f"{detail}。本次导入已全部撤销，库中数据保持不变。") from exc


def read_county(conn: Connection, *, county_code: str, school_year: int) -> CountyData:
    """The county-year as it was imported: 基本信息 and every table in sheet order."""
    found = find_county_year(conn, county_code=county_code, school_year=school_year)
    if found is None:
        raise StoreError(_absent_message(conn, county_code, school_year))
    info = joined_info({k: found[k] for k in INFO_KEYS}, found["extra_info"])
    tables = {key: _read_table(conn, key, county_code, school_year) for key in TABLE_KEYS}
    return CountyData(info, tables)


def _read_table(conn: Connection, sheet_key: str, county_code: str, school_year: int):
    table = SHEET_MODELS[sheet_key].__table__
    columns = [table.c[store_column(sheet_key, k)] for k in SHEETS_BY_KEY[sheet_key].keys]
    rows = conn.execute(select(*columns)
                        .where(table.c.county_code == county_code,
                               table.c.school_year == school_year)
                        .order_by(table.c.row_no, table.c.id)).all()
    return rows_frame(sheet_key, rows)


def _absent_message(conn: Connection, county_code: str, school_year: int) -> str:
    present = county_years_of(conn, county_code=county_code)
    held = f"该县区库中已有：{'、'.join(map(str, present))} 学年。" if present else \
        "库中没有该县区的任何学年。"
    return (f"库中没有{county_label(county_code, school_year)}的数据。{held}"
            f"请先用 junheng import 导入，或用 junheng counties 查看库中已有的县区和学年。")


def county_years_of(conn: Connection, *, county_code: str) -> list[int]:
    """School years held for one county, ascending."""
    return list(conn.execute(select(COUNTY_YEARS.c.school_year)
                             .where(COUNTY_YEARS.c.county_code == county_code)
                             .order_by(COUNTY_YEARS.c.school_year)).scalars())


def list_county_years(conn: Connection) -> list[CountyYear]:
    """Every county-year in the store with its row counts, by county code then year."""
    counts = _row_counts(conn)
    rows = conn.execute(select(COUNTY_YEARS).order_by(COUNTY_YEARS.c.county_code,
                                                      COUNTY_YEARS.c.school_year)).mappings()
    return [CountyYear(county_code=r["county_code"], county_name=r["county_name"],
                       city_name=r["city_name"], school_year=r["school_year"],
                       row_counts=reported_counts(
                           {"county_info": 1,
                            **{k: counts.get((k, r["county_code"], r["school_year"]), 0)
                               for k in TABLE_KEYS}}),
                       imported_at=utc(r["imported_at"]), import_id=r["import_id"])
            for r in rows]


def _row_counts(conn: Connection) -> dict[tuple[str, str, int], int]:
    counts: dict[tuple[str, str, int], int] = {}
    for key in TABLE_KEYS:
        table = SHEET_MODELS[key].__table__
        query = (select(table.c.county_code, table.c.school_year, func.count())
                 .group_by(table.c.county_code, table.c.school_year))
        for code, year, n in conn.execute(query):
            counts[(key, code, year)] = n
    return counts


def list_imports(conn: Connection, *, county_code: str | None = None,
                 school_year: int | None = None) -> list[ImportRecord]:
    """The import log, oldest first, optionally for one county and/or year."""
    query = select(IMPORT_LOG).order_by(IMPORT_LOG.c.id)
    if county_code is not None:
        query = query.where(IMPORT_LOG.c.county_code == county_code)
    if school_year is not None:
        query = query.where(IMPORT_LOG.c.school_year == school_year)
    return [ImportRecord(id=r["id"], imported_at=utc(r["imported_at"]),
                         county_code=r["county_code"], school_year=r["school_year"],
                         source=r["source"], file_hash=r["file_hash"],
                         row_counts=dict(r["row_counts"]), user=r["user_name"],
                         replaced=r["replaced"])
            for r in conn.execute(query).mappings()]
