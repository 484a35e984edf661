"""Results of a province run: one row per county-year, job and data stamp.

A province run (:mod:`junheng.jobs.province`) fans every county-year × job out to Dask
workers; each task writes its result here in one transaction. The key is (county, school
year, job, stamp), where the stamp names the data and options the result was computed from:
a retried task replaces its row (an upsert, never a second row), and a rerun on the same
data skips the rows already done. Migration ``0009_province_results`` creates the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Double,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from junheng.store.base import Base

DONE, TIMEOUT, FAILED = "done", "timeout", "failed"
FINISHED = (DONE, TIMEOUT)  # a rerun on the same stamp skips these; failures run again


class ProvinceResultRow(Base):
    """One job's result on one county-year, for one data stamp."""

    __tablename__ = "province_results"
    __table_args__ = (UniqueConstraint("county_code", "school_year", "job", "stamp",
                                       name="uq_province_results_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String)
    school_year: Mapped[int] = mapped_column(Integer)
    job: Mapped[str] = mapped_column(String)
    stamp: Mapped[str] = mapped_column(String)
    county_name: Mapped[str] = mapped_column(String, default="")
    city_name: Mapped[str] = mapped_column(String, default="")
    import_id: Mapped[int] = mapped_column(Integer, default=0)  # the county-year's import
    status: Mapped[str] = mapped_column(String)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str] = mapped_column(String, default="")
    seconds: Mapped[float] = mapped_column(Double, default=0.0)
    worker: Mapped[str] = mapped_column(String, default="")
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


RESULTS = ProvinceResultRow.__table__
KEY = ("county_code", "school_year", "job", "stamp")


@dataclass(frozen=True)
class ProvinceResult:
    """A stored result (see :class:`ProvinceResultRow`)."""

    county_code: str
    school_year: int
    job: str
    stamp: str
    county_name: str
    city_name: str
    import_id: int
    status: str
    result: Mapping[str, Any]
    error: str
    seconds: float
    worker: str
    finished_at: datetime


def write_result(conn: Connection, values: Mapping[str, Any]) -> None:
    """Insert a result or replace the one with the same key (one statement, idempotent)."""
    row = {**values, "finished_at": values.get("finished_at") or datetime.now(UTC)}
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(RESULTS).values(**row)
    updates = {k: statement.excluded[k] for k in row if k not in KEY}
    conn.execute(statement.on_conflict_do_update(index_elements=list(KEY), set_=updates))


def read_results(conn: Connection, *, stamps: Iterable[str] | None = None,
                 county_codes: Iterable[str] | None = None) -> list[ProvinceResult]:
    """Stored results, by county, year and job; only the given stamps or counties if asked."""
    query = select(RESULTS).order_by(RESULTS.c.county_code, RESULTS.c.school_year,
                                     RESULTS.c.job, RESULTS.c.finished_at)
    if stamps is not None:
        query = query.where(RESULTS.c.stamp.in_(list(stamps)))
    if county_codes is not None:
        query = query.where(RESULTS.c.county_code.in_(list(county_codes)))
    return [ProvinceResult(**{k: r[k] for k in ProvinceResult.__dataclass_fields__})
            for r in conn.execute(query).mappings()]


def finished_keys(conn: Connection, stamps: Iterable[str]) -> set[tuple[str, int, str, str]]:
    """Keys (county, year, job, stamp) already done or timed out for the given stamps."""
    wanted = list(stamps)
    if not wanted:
        return set()
    query = select(*(RESULTS.c[k] for k in KEY)).where(RESULTS.c.stamp.in_(wanted),
                                                       RESULTS.c.status.in_(FINISHED))
    return {tuple(r) for r in conn.execute(query)}
