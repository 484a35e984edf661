"""Manual ledger values entered in the web, with their evidence files, versioned and audited.

A plan's ``manual`` targets (:mod:`junheng.ledger.plan`) get their values per school year from
people, not from data. The county admin enters one on the ledger page: the value, the date it
refers to, a note and one or more evidence files (佐证材料). Each entry is a new row: the
``version`` counts the entries of the same (county, plan, target, school year), the newest one
counts, and older versions stay listed and downloadable — nothing is overwritten or deleted.
Files live in the database (``ledger_files``), so a backup of the store keeps them. Every
entry writes an audit row. Migration ``0010_ledger_entries`` creates both tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from junheng.store.accounts import record_audit
from junheng.store.base import Base


class LedgerEntryRow(Base):
    """One version of one manual target's value for one county and school year."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        UniqueConstraint("county_code", "plan", "target_id", "school_year", "version",
                         name="uq_ledger_entries_key"),
        Index("ix_ledger_entries_county_plan", "county_code", "plan"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    plan: Mapped[str] = mapped_column(String(128))
    target_id: Mapped[str] = mapped_column(String(64))
    school_year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    value: Mapped[Any] = mapped_column(JSON)
    value_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LedgerFileRow(Base):
    """One evidence file of an entry, its bytes kept in the store."""

    __tablename__ = "ledger_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


@dataclass(frozen=True)
class EvidenceUpload:
    """A file as the form sent it."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class StoredFile:
    id: int
    filename: str
    size: int


@dataclass(frozen=True)
class LedgerEntry:
    """An entry as the pages read it (no file bytes)."""

    id: int
    county_code: str
    plan: str
    target_id: str
    school_year: int
    version: int
    value: bool | float
    value_date: date | None
    note: str
    entered_by: str
    entered_at: datetime
    files: tuple[StoredFile, ...]

    def evidence_text(self) -> str:
        """The entry as the ledger's evidence line: date, note and file names."""
        parts = [f"{self.value_date.isoformat()}" if self.value_date else "",
                 self.note.strip(),
                 "佐证材料：" + "、".join(f.filename for f in self.files) if self.files else ""]
        return "；".join(p for p in parts if p) or "网页填报"


def add_entry(session: Session, *, county_code: str, plan: str, target_id: str,
              school_year: int, value: bool | float, value_date: date | None, note: str,
              files: Sequence[EvidenceUpload], by: str, client: str = "",
              plan_title: str = "", target_name: str = "") -> LedgerEntryRow:
    """Store a new version of a manual value with its files and one audit row (the caller
    commits). Earlier versions are kept. The audit row reads in Chinese: the plan's title and
    the target's name (default: the plan key and target id) and Chinese field names."""
    key = (LedgerEntryRow.county_code == county_code, LedgerEntryRow.plan == plan,
           LedgerEntryRow.target_id == target_id, LedgerEntryRow.school_year == school_year)
    latest = session.scalar(select(func.max(LedgerEntryRow.version)).where(*key)) or 0
    names = (plan_title or plan, target_name or target_id)
    before = _current_public(session, key, names)
    row = LedgerEntryRow(county_code=county_code, plan=plan, target_id=target_id,
                         school_year=school_year, version=latest + 1, value=value,
                         value_date=value_date, note=note.strip(), entered_by=by,
                         entered_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    for upload in files:
        session.add(LedgerFileRow(entry_id=row.id, filename=upload.filename,
                                  content_type=upload.content_type or "application/octet-stream",
                                  size=len(upload.data),
                                  sha256=hashlib.sha256(upload.data).hexdigest(),
                                  data=upload.data))
    session.flush()
    after = {**_public(row, names), "佐证材料": [u.filename for u in files]}
    record_audit(session, username=by, action="ledger_entry", entity="ledger_entry",
                 entity_key=f"{names[1]} {school_year} 学年 第 {row.version} 版",
                 county_code=county_code, school_year=school_year, before=before, after=after,
                 client=client)
    return row


def _public(row: LedgerEntryRow, names: tuple[str, str]) -> dict[str, Any]:
    """The entry for the audit log, with Chinese field names (the audit page shows them)."""
    value = ("是" if row.value else "否") if isinstance(row.value, bool) else row.value
    return {"规划": names[0], "目标": names[1], "学年": row.school_year,
            "版本": row.version, "填报值": value,
            "日期": row.value_date.isoformat() if row.value_date else "", "说明": row.note}


def _current_public(session: Session, key: tuple, names: tuple[str, str]
                    ) -> dict[str, Any] | None:
    row = session.scalar(select(LedgerEntryRow).where(*key)
                         .order_by(LedgerEntryRow.version.desc()).limit(1))
    return _public(row, names) if row is not None else None


def list_entries(session: Session, *, county_code: str, plan: str) -> list[LedgerEntry]:
    """Every version entered for the county's plan: by target, school year, newest first."""
    rows = session.scalars(
        select(LedgerEntryRow).where(LedgerEntryRow.county_code == county_code,
                                     LedgerEntryRow.plan == plan)
        .order_by(LedgerEntryRow.target_id, LedgerEntryRow.school_year,
                  LedgerEntryRow.version.desc())).all()
    files: dict[int, list[StoredFile]] = {}
    if rows:
        query = (select(LedgerFileRow.id, LedgerFileRow.entry_id, LedgerFileRow.filename,
                        LedgerFileRow.size)
                 .where(LedgerFileRow.entry_id.in_([r.id for r in rows]))
                 .order_by(LedgerFileRow.id))
        for file_id, entry_id, name, size in session.execute(query):
            files.setdefault(entry_id, []).append(StoredFile(file_id, name, size))
    return [LedgerEntry(r.id, r.county_code, r.plan, r.target_id, r.school_year, r.version,
                        r.value, r.value_date, r.note, r.entered_by, r.entered_at,
                        tuple(files.get(r.id, ()))) for r in rows]


def entered_plans(session: Session, *, county_code: str) -> list[str]:
    """The plans (file stems) the county has entered values for, the newest entry's first."""
    rows = session.execute(select(LedgerEntryRow.plan, func.max(LedgerEntryRow.id))
                           .where(LedgerEntryRow.county_code == county_code)
                           .group_by(LedgerEntryRow.plan)).all()
    return [plan for plan, _ in sorted(rows, key=lambda r: -r[1])]


def current_entries(entries: Sequence[LedgerEntry]) -> dict[str, dict[int, LedgerEntry]]:
    """The newest version per target and school year: ``{target_id: {year: entry}}``."""
    current: dict[str, dict[int, LedgerEntry]] = {}
    for entry in entries:
        held = current.setdefault(entry.target_id, {}).get(entry.school_year)
        if held is None or entry.version > held.version:
            current[entry.target_id][entry.school_year] = entry
    return current


def get_file(session: Session, file_id: int) -> tuple[LedgerFileRow, str] | None:
    """The file and the county its entry belongs to, or None."""
    found = session.execute(
        select(LedgerFileRow, LedgerEntryRow.county_code)
        .join(LedgerEntryRow, LedgerEntryRow.id == LedgerFileRow.entry_id)
        .where(LedgerFileRow.id == file_id)).first()
    return (found[0], found[1]) if found is not None else None
