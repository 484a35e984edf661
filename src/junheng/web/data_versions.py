"""Which version of a county-year's data a plan was computed on, and whether the data have
changed since (review rvweb 5: a plan made before an approved submission was not marked, and
达标路径 offered it as its base).

A county-year's data change with each successful import (``import_log``) and each approved
submission; its data version N is the number of those changes so far. The worker stores the
version it read in the job folder (:func:`read_history`, ``data_version.json``): a plan queued
while a submission was approved ran on the new data and says so (review rvweb2 finding 1: it
was dated by the time it was asked for). Jobs made before that file are dated by their
``created_at``: the version in force when they were asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from junheng.model.times import beijing
from junheng.store.accounts import Submission, SubmissionStatus
from junheng.store.models import ImportLogRow


@dataclass(frozen=True)
class DataNote:
    """A plan's data version, the time that version was made, and the county-year's current
    version."""

    number: int
    made_at: datetime | None
    current: int

    @property
    def stale(self) -> bool:
        return self.current > self.number

    @property
    def text(self) -> str:
        """「依据数据版本 2（2026-12-06 22:32）」; '' for a plan dated before the county-year's
        first import (a hand-made job folder), which has no version to name."""
        if self.number == 0:
            return ""
        when = f"（{beijing(self.made_at)}）" if self.made_at is not None else ""
        return f"依据数据版本 {self.number}{when}"

    @property
    def notice(self) -> str:
        """「数据已更新（当前为数据版本 3），建议重新计算」 when the data changed since; ''."""
        return f"数据已更新（当前为数据版本 {self.current}），建议重新计算" if self.stale else ""


def _utc(value: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back naive, in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def data_changes(session: Session, county_code: str, school_year: int) -> list[datetime]:
    """The times the county-year's data changed, oldest first: imports and approvals."""
    imports = session.scalars(select(ImportLogRow.imported_at).where(
        ImportLogRow.county_code == county_code, ImportLogRow.school_year == school_year))
    approvals = session.scalars(select(Submission.decided_at).where(
        Submission.county_code == county_code, Submission.school_year == school_year,
        Submission.status == SubmissionStatus.APPROVED.value))
    return sorted(_utc(t) for t in (*imports, *approvals) if t is not None)


def note_at(changes: list[datetime], when: str | datetime) -> DataNote:
    """The data version in force at ``when`` (a job's ``created_at``) among ``changes``.

    >>> day = [datetime(2026, 12, 6, 14, 0, tzinfo=UTC), datetime(2026, 12, 6, 14, 32, tzinfo=UTC)]
    >>> before = note_at(day, "2026-12-06T14:31:00+00:00")
    >>> before.text, before.notice
    ('依据数据版本 1（2026-12-06 22:00）', '数据已更新（当前为数据版本 2），建议重新计算')
    >>> note_at(day, "2026-12-06T14:40:00+00:00").stale
    False
    """
    moment = _utc(datetime.fromisoformat(when) if isinstance(when, str) else when)
    made = [t for t in changes if t <= moment]
    return DataNote(len(made), made[-1] if made else None, len(changes))


def note_of(changes: list[datetime], number: int) -> DataNote:
    """Data version ``number`` (the one a job read) among ``changes``.

    >>> day = [datetime(2026, 12, 6, 14, 0, tzinfo=UTC), datetime(2026, 12, 6, 14, 32, tzinfo=UTC)]
    >>> note_of(day, 2).text, note_of(day, 2).stale
    ('依据数据版本 2（2026-12-06 22:32）', False)
    """
    made = changes[number - 1] if 0 < number <= len(changes) else None
    return DataNote(number, made, len(changes))


def job_notes(session: Session, jobs: Iterable) -> dict[str, DataNote]:
    """Each job's :class:`DataNote` by job id (jobs with ``job_id``, ``county_code``,
    ``school_year``, ``created_at`` and ``data_version``, the version the worker read or
    None), one pair of queries per county-year."""
    changes: dict[tuple[str, int], list[datetime]] = {}
    notes = {}
    for job in jobs:
        key = (job.county_code, int(job.school_year))
        if key not in changes:
            changes[key] = data_changes(session, *key)
        read = getattr(job, "data_version", None)
        if read is not None:
            notes[job.job_id] = note_of(changes[key], read)
        elif job.created_at:
            notes[job.job_id] = note_at(changes[key], job.created_at)
    return notes


def notes_for(request, jobs: Iterable) -> dict[str, DataNote]:
    """:func:`job_notes` in the web app's store."""
    from junheng.web.deps import web_state

    jobs = list(jobs)
    if not jobs:
        return {}
    with web_state(request).sessions() as session:
        return job_notes(session, jobs)


def option_label(name: str, target_year: int | None, job, note: DataNote | None) -> str:
    """A layout plan as the 达标路径 form offers it, told apart from the county's other runs
    by its time and data version (review rvweb 5: three identical 「默认方案（规划年 2030 学年）」).

    >>> from types import SimpleNamespace
    >>> job = SimpleNamespace(created_at="2026-12-06T14:31:00+00:00")
    >>> note = DataNote(1, datetime(2026, 12, 6, 14, 0, tzinfo=UTC), 2)
    >>> option_label("默认方案", 2030, job, note)
    '默认方案（规划年 2030 学年）· 2026-12-06 22:31 计算 · 数据版本 1，数据已更新'
    """
    text = f"{name}（规划年 {target_year} 学年）· {beijing(job.created_at)} 计算"
    if note is not None:
        text += f" · 数据版本 {note.number}" + ("，数据已更新" if note.stale else "")
    return text


def data_version(session: Session, county_code: str, school_year: int) -> int:
    """The county-year's current data version (0: never imported)."""
    return len(data_changes(session, county_code, school_year))


def read_history(store, county_code: str, school_year: int, *, earlier: bool = True
                 ) -> tuple[list, int]:
    """The county's school years up to ``school_year`` (oldest first) as the worker reads them,
    and the data version of ``school_year`` they are: counted before and after reading, read
    again if a submission was approved meanwhile; without ``earlier``, that year alone."""
    for _ in range(3):
        with store.session() as session:
            before = data_version(session, county_code, school_year)
        years = [y for y in store.years(county_code) if y <= school_year] if earlier \
            else [school_year]
        history = [store.load_county(county_code, y) for y in sorted(years)]
        with store.session() as session:
            after = data_version(session, county_code, school_year)
        if after == before:
            break
    return history, after
