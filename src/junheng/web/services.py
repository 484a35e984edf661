"""What the web handlers share: the store, database sessions and a cache of county results.

Pages read the county-year from the store once and reuse it: loaded data and every engine
result are kept in memory keyed by (county, year, import id, last approved submission), so a
new import or an approved school submission makes the next request recompute, in every
server process, while repeated page views answer from memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session, sessionmaker

from junheng.model.county import CountyData
from junheng.store.accounts import Submission, SubmissionStatus
from junheng.store.models import CountyYearRow

T = TypeVar("T")


@dataclass(frozen=True)
class CountyYearInfo:
    """A county-year held in the store, as the pages list it."""

    county_code: str
    county_name: str
    city_name: str
    school_year: int
    import_id: int


# Statements built once: these run on every request, and building a SQLAlchemy expression
# costs more than running it on SQLite.
_COUNTY_YEARS = (
    select(CountyYearRow.county_code, CountyYearRow.county_name, CountyYearRow.city_name,
           CountyYearRow.school_year, CountyYearRow.import_id)
    .order_by(CountyYearRow.county_code, CountyYearRow.school_year))
_LAST_APPROVED = (
    select(func.max(Submission.id))
    .where(Submission.county_code == bindparam("county"),
           Submission.school_year == bindparam("year"),
           Submission.status == SubmissionStatus.APPROVED.value)
    .scalar_subquery())
_STAMP = select(CountyYearRow.import_id, _LAST_APPROVED).where(
    CountyYearRow.county_code == bindparam("county"),
    CountyYearRow.school_year == bindparam("year"))


def county_years(session: Session | Connection) -> list[CountyYearInfo]:
    """Every county-year in the store, by county then year."""
    return [CountyYearInfo(*row) for row in session.execute(_COUNTY_YEARS)]


def data_stamp(session: Session | Connection, *, county_code: str, school_year: int
               ) -> tuple[int, int] | None:
    """(import id, last approved submission id) of a county-year; None when it is not stored.

    One query: pages ask for it on every request.
    """
    row = session.execute(_STAMP, {"county": county_code, "year": school_year}).first()
    return None if row is None else (int(row[0]), int(row[1] or 0))


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

    def stamp(self, county_code: str, school_year: int) -> tuple[int, int] | None:
        with self.store.engine.connect() as connection:
            return data_stamp(connection, county_code=county_code, school_year=school_year)

    def load(self, county_code: str, school_year: int,
             stamp: tuple[int, int] | None = None) -> CountyData:
        """The county-year's data (cached until the next import or approval)."""
        stamp = stamp or self.stamp(county_code, school_year)
        return self.cache.get(("data", county_code, school_year, stamp),
                              lambda: self.store.load_county(county_code, school_year))

    def result(self, kind: str, county_code: str, school_year: int,
               compute: Callable[[CountyData], T], *, extra: tuple = (),
               stamp: tuple[int, int] | None = None) -> T:
        """``compute(data)`` for the county-year, cached under ``kind`` and the data stamp
        (pass the request's ``stamp`` to save a query)."""
        stamp = stamp or self.stamp(county_code, school_year)
        return self.cache.get(
            (kind, county_code, school_year, stamp, *extra),
            lambda: compute(self.load(county_code, school_year, stamp)))

    def history(self, county_code: str, years: list[int]) -> list[CountyData]:
        """Every stored year of a county, oldest first (for the forecast)."""
        return [self.load(county_code, year) for year in sorted(years)]
