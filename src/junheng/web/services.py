"""What the web handlers share: the store, database sessions and a cache of county results.

Pages read the county-year from the store once and reuse it: loaded data, every engine
result and rendered pages are kept in memory keyed by (county, year, data stamp), so a new
import, a school submission, a decision on one or a change of the county's provincial overlay
makes the next request recompute, in every server process, while repeated page views answer
from memory. The stamps are read with the
user on every request (one statement, :func:`user_scope`); a cache hit then costs no thread
and no database round trip (:meth:`CountyService.result_async`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, DateTime, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from junheng.model.county import CountyData
from junheng.store.accounts import (
    AuditEntry,
    Submission,
    SubmissionStatus,
    User,
    school_statuses,
)
from junheng.store.authority import PROVINCE
from junheng.store.models import CountyYearRow
from junheng.store.overlays import OVERLAY_ENTITY
from junheng.store.sessions import WebSession

T = TypeVar("T")


Stamp = tuple[int, int, int, int]
"""(import id, last approved submission id, submission events, last change of the county's
provincial overlay) of a county-year."""


@dataclass(frozen=True)
class CountyYearInfo:
    """A county-year held in the store, as the pages list it, with its data stamp."""

    county_code: str
    county_name: str
    city_name: str
    school_year: int
    import_id: int
    stamp: Stamp


def _stamp_columns():
    """The stamp's two submission parts as correlated subqueries of ``county_years``.

    Every submission starts at version 1 and a decision adds 1, so the sum of the versions
    grows with every submission and every decision (a pending count shown on a page can
    change only then); the last approved id changes when official data do.
    """
    same_county_year = (Submission.county_code == CountyYearRow.county_code,
                        Submission.school_year == CountyYearRow.school_year)
    approved = (select(func.max(Submission.id))
                .where(*same_county_year, Submission.status == SubmissionStatus.APPROVED.value)
                .scalar_subquery())
    events = select(func.coalesce(func.sum(Submission.version), 0)).where(
        *same_county_year).scalar_subquery()
    return approved, events, _overlay_changed()


def _overlay_changed():
    """The audit id of the last setting or clearing of the county's overlay: the audit log
    only grows, so it changes with every change of the thresholds the county is judged by."""
    return (select(func.max(AuditEntry.id))
            .where(AuditEntry.county_code == CountyYearRow.county_code,
                   AuditEntry.entity == OVERLAY_ENTITY)
            .scalar_subquery())


# Statements built once: these run on every request, and building a SQLAlchemy expression
# costs more than running it on SQLite.
_STAMP = select(CountyYearRow.import_id, *_stamp_columns()).where(
    CountyYearRow.county_code == bindparam("county"),
    CountyYearRow.school_year == bindparam("year"))


def _stamp(import_id, approved, events, overlay) -> Stamp:
    return int(import_id), int(approved or 0), int(events or 0), int(overlay or 0)


@dataclass(frozen=True)
class UserRow:
    """The columns of a web user that every request checks."""

    id: int
    username: str
    password_hash: str
    role: str
    county_code: str | None
    city_name: str | None
    school_id: str | None
    active: bool


_USER_COLUMNS = (User.id, User.username, User.password_hash, User.role, User.county_code,
                 User.city_name, User.school_id, User.active)


def _scope_statement(*, by_session: bool):
    """The user and, one row each, the county-years its scope reaches (its county, or its
    city's counties, or every county for a province account), with their stamps; a user
    reaching none gives one row with NULL county-year. ``by_session``: the user of a live web session (its key and ``now``)."""
    columns = (*_USER_COLUMNS, CountyYearRow.county_code, CountyYearRow.county_name,
               CountyYearRow.city_name, CountyYearRow.school_year, CountyYearRow.import_id,
               *_stamp_columns())
    if by_session:
        user_id = select(WebSession.user_id).where(
            WebSession.id == bindparam("key"),
            WebSession.expires_at > bindparam("now", type_=DateTime(timezone=True)))
        query = select(*columns).select_from(User).where(User.id == user_id.scalar_subquery())
    else:
        query = select(*columns).select_from(User).where(User.id == bindparam("id"))
    city_level = and_(User.county_code.is_(None),
                      or_(CountyYearRow.city_name == User.city_name, User.city_name == PROVINCE))
    return (query.outerjoin(CountyYearRow, or_(CountyYearRow.county_code == User.county_code,
                                               city_level))
            .order_by(CountyYearRow.county_code, CountyYearRow.school_year))


_USER_SCOPE = _scope_statement(by_session=False)
_SESSION_SCOPE = _scope_statement(by_session=True)


def _scope_rows(rows) -> tuple[UserRow | None, list[CountyYearInfo]]:
    if not rows:
        return None, []
    width = len(_USER_COLUMNS)
    user = UserRow(*rows[0][:width])
    return user, [CountyYearInfo(*row[width:width + 5], stamp=_stamp(*row[width + 4:]))
                  for row in rows if row[width] is not None]


def user_scope(connection: Connection, user_id: int
               ) -> tuple[UserRow | None, list[CountyYearInfo]]:
    """A user and the county-years it reaches, with their stamps: one statement, so one
    round trip and one snapshot."""
    return _scope_rows(connection.execute(_USER_SCOPE, {"id": user_id}).all())


def session_scope(connection: Connection, key: str, now: datetime
                  ) -> tuple[UserRow | None, list[CountyYearInfo]]:
    """The user of the live web session ``key`` (:func:`junheng.store.sessions.session_key`)
    and the county-years it reaches: the pages run this one statement on every request,
    so a session ended by logout or a password change is refused at once."""
    return _scope_rows(connection.execute(_SESSION_SCOPE, {"key": key, "now": now}).all())


def data_stamp(session: Session | Connection, *, county_code: str, school_year: int
               ) -> Stamp | None:
    """The data stamp of a county-year (see :data:`Stamp`); None when it is not stored."""
    row = session.execute(_STAMP, {"county": county_code, "year": school_year}).first()
    return None if row is None else _stamp(*row)


MISSING = object()
"""What :meth:`ResultCache.peek` returns for a key not computed yet."""


class ResultCache:
    """A small LRU of computed results; each key is computed once even under concurrency."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = compute()
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._key_locks.pop(key, None)
            return value

    def peek(self, key: tuple) -> Any:
        """The cached value of ``key``, or :data:`MISSING` (never computes)."""
        with self._lock:
            value = self._items.get(key, MISSING)
            if value is not MISSING:
                self._items.move_to_end(key)
            return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class CountyService:
    """Loads county-years from the store and caches what the engines compute from them."""

    def __init__(self, store: Any, sessions: sessionmaker, *, cache_size: int = 64,
                 page_cache_size: int = 1024):
        self.store = store
        self.sessions = sessions
        self.cache = ResultCache(cache_size)
        # Rendered HTML apart from the engine results: a county's ~100 school pages would
        # otherwise push its loaded data and evaluation out of the small result cache.
        self.pages = ResultCache(page_cache_size)

    def stamp(self, county_code: str, school_year: int) -> Stamp | None:
        with self.store.engine.connect() as connection:
            return data_stamp(connection, county_code=county_code, school_year=school_year)

    def load(self, county_code: str, school_year: int,
             stamp: Stamp | None = None) -> CountyData:
        """The county-year's data (cached until the next import or approval)."""
        stamp = stamp or self.stamp(county_code, school_year)
        return self.cache.get(("data", county_code, school_year, stamp),
                              lambda: self.store.load_county(county_code, school_year))

    def result(self, kind: str, county_code: str, school_year: int,
               compute: Callable[[CountyData], T], *, extra: tuple = (),
               stamp: Stamp | None = None) -> T:
        """``compute(data)`` for the county-year, cached under ``kind`` and the data stamp
        (pass the request's ``stamp`` to save a query)."""
        stamp = stamp or self.stamp(county_code, school_year)
        return self.cache.get(
            (kind, county_code, school_year, stamp, *extra),
            lambda: compute(self.load(county_code, school_year, stamp)))

    async def result_async(self, kind: str, county_code: str, school_year: int,
                           compute: Callable[[CountyData], T], *, extra: tuple = (),
                           stamp: Stamp | None = None) -> T:
        """:meth:`result` for ``async`` handlers: a cached result is returned at once; a
        miss is computed in the thread pool, off the event loop."""
        if stamp is None:
            return await run_in_threadpool(self.result, kind, county_code, school_year,
                                           compute, extra=extra)
        return await _cached_async(
            self.cache, (kind, county_code, school_year, stamp, *extra),
            lambda: compute(self.load(county_code, school_year, stamp)))

    async def school_statuses(self, county_code: str, school_year: int, stamp: Stamp
                              ) -> dict[str, tuple[int, int]]:
        """{school id: (version of its official 校舍设施 row, pending submissions)}, cached
        under the stamp (which every submission and decision changes)."""
        def read() -> dict[str, tuple[int, int]]:
            with self.store.engine.connect() as connection:
                return school_statuses(connection, county_code=county_code,
                                       school_year=school_year)

        return await _cached_async(self.cache, ("school_statuses", county_code, school_year,
                                                stamp), read)

    async def page(self, key: tuple, render: Callable[[], str]) -> str:
        """A rendered page from the page cache; a miss is rendered in the thread pool."""
        return await _cached_async(self.pages, key, render)

    def history(self, county_code: str, years: list[int]) -> list[CountyData]:
        """Every stored year of a county, oldest first (for the forecast)."""
        return [self.load(county_code, year) for year in sorted(years)]


async def _cached_async(cache: ResultCache, key: tuple, compute: Callable[[], T]) -> T:
    """``cache.get(key, compute)`` without a thread when the value is cached."""
    value = cache.peek(key)
    if value is MISSING:
        value = await run_in_threadpool(cache.get, key, compute)
    return value
