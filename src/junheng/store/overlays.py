"""A county's provincial overlay kept in the store: ``county_overlays``, one row per county.

The overlay (a small YAML file, see ``examples/overlays/henan.yaml``) changes the 基本均衡 and
学前 thresholds, and may change the size rules. Stored once per county, it is what every
evaluation of the county takes: :meth:`junheng.store.Store.load_county` attaches it to the
county-year it loads. The YAML text is kept as uploaded, with its name and file name; it is
checked with :func:`junheng.standards.parse_overlay` before it is written, so a stored overlay
always loads. Setting and clearing write an audit row. Migration ``0014_county_overlays``
creates the table.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from junheng.standards import Overlay, parse_overlay
from junheng.store.accounts import record_audit
from junheng.store.base import Base

OVERLAY_ENTITY = "county_overlay"  # its audit rows: the web's data stamp reads the newest


class CountyOverlayRow(Base):
    """The provincial overlay of one county."""

    __tablename__ = "county_overlays"

    county_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    file_name: Mapped[str] = mapped_column(String(255))
    yaml_text: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class StoredOverlay:
    """A county's stored overlay: its name, the file it came from, its text, who set it when."""

    county_code: str
    name: str
    file_name: str
    yaml_text: str
    set_by: str
    set_at: datetime

    @property
    def digest(self) -> str:
        """The first 16 hex digits of the text's SHA-256: what a result computed with it names."""
        return hashlib.sha256(self.yaml_text.encode("utf-8")).hexdigest()[:16]

    @property
    def overlay(self) -> Overlay:
        """The overlay the evaluations take (checked when it was stored)."""
        return _parsed(self.yaml_text, self.file_name)


@functools.lru_cache(maxsize=32)
def _parsed(text: str, file_name: str) -> Overlay:
    return parse_overlay(text, file_name)


def set_overlay(
    session: Session, county_code: str, *, text: str, file_name: str, by: str, client: str = ""
) -> StoredOverlay:
    """Check ``text`` and store it as the county's overlay, replacing any (the caller commits).

    Raises
    ------
    ConfigError
        ``text`` is not a valid overlay; the message names the file, the key and the value.
    """
    overlay = parse_overlay(text, file_name)
    row = session.get(CountyOverlayRow, county_code)
    before = _public(row)
    if row is None:
        row = CountyOverlayRow(county_code=county_code)
        session.add(row)
    row.name, row.file_name, row.yaml_text = overlay.name[:128], file_name[:255], text
    row.set_by, row.set_at = by, datetime.now(UTC)
    session.flush()
    record_audit(
        session,
        username=by,
        action="overlay_set",
        entity=OVERLAY_ENTITY,
        entity_key=county_code,
        county_code=county_code,
        before=before,
        after=_public(row),
        client=client,
    )
    return _stored(row)


def clear_overlay(
    session: Session, county_code: str, *, by: str, client: str = ""
) -> StoredOverlay | None:
    """Remove the county's overlay (the caller commits); the one removed, or None."""
    row = session.get(CountyOverlayRow, county_code)
    if row is None:
        return None
    gone = _stored(row)
    record_audit(
        session,
        username=by,
        action="overlay_clear",
        entity=OVERLAY_ENTITY,
        entity_key=county_code,
        county_code=county_code,
        before=_public(row),
        client=client,
    )
    session.delete(row)
    session.flush()
    return gone


def county_overlay(session: Session, county_code: str) -> StoredOverlay | None:
    """The county's stored overlay, or None."""
    row = session.get(CountyOverlayRow, county_code)
    return None if row is None else _stored(row)


def overlays_of(session: Session, county_codes: list[str]) -> dict[str, StoredOverlay]:
    """The stored overlays of these counties, by county code."""
    rows = session.scalars(
        select(CountyOverlayRow).where(CountyOverlayRow.county_code.in_(county_codes))
    )
    return {r.county_code: _stored(r) for r in rows}


def _stored(row: CountyOverlayRow) -> StoredOverlay:
    return StoredOverlay(
        row.county_code, row.name, row.file_name, row.yaml_text, row.set_by, row.set_at
    )


def _public(row: CountyOverlayRow | None) -> dict[str, str] | None:
    """The overlay for the audit log, with Chinese field names: what it changes, one line per
    threshold as the overlay page reads it, and the text's 校验值, not the raw YAML (review
    2026-12-04 finding 20: the log showed 'standards:', 'preschool-2020', 'books_per_student')."""
    if row is None:
        return None
    from junheng.evaluate import overlay_changes

    text = row.yaml_text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return {"省级补充标准": row.name, "文件名": row.file_name,
            "改动": overlay_changes(_parsed(text, row.file_name)) or ["无"], FILE_CHECK: digest}


#: the label of a file's digest in the audit log (review 2, 19: "文件校验值" told a user nothing)
FILE_CHECK = "文件校验码（核对文件内容是否被改动）"
