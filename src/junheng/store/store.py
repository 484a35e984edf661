"""The store: many counties and school years in one SQLite or PostgreSQL database.

:func:`open_store` connects and migrates; each :class:`Store` method is one transaction, so an
import stores every row or none, and replacing a county-year swaps it atomically.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from junheng.errors import StoreError, ValidationError
from junheng.io import validate_county
from junheng.model import CountyData
from junheng.store import overlays
from junheng.store import repository as repo
from junheng.store.authority import Importer, check_city, check_import
from junheng.store.engine import make_engine, migrate, transaction, write_session
from junheng.store.overlays import StoredOverlay
from junheng.store.repository import CountyYear, ImportRecord, county_label


class Store:
    """Counties and school years in one database; build it with :func:`open_store`.

    Parameters
    ----------
    engine
        A migrated engine (see :func:`junheng.store.engine.make_engine`).

    Examples
    --------
    >>> store = open_store("sqlite://")
    >>> store.counties()
    []
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def session(self) -> Session:
        """A new ORM session on the store (use it as a context manager)."""
        return self._sessions()

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Connection]:
        try:
            with transaction(self.engine, write=write) as connection:
                yield connection
        except DBAPIError as exc:
            raise _failed(exc) from exc

    def import_county(self, data: CountyData, *, replace: bool = False, source: str = "",
                      file_hash: str = "", user: str = "",
                      importer: Importer | None = None) -> ImportRecord:
        """Validate ``data`` and store all its rows in one transaction, or none.

        Parameters
        ----------
        data
            One county and school year.
        replace
            Replace the county-year if the store already holds it (in the same transaction,
            so a failure keeps the old data). Without it a held county-year is refused.
        source, file_hash, user
            The file name, its SHA-256 and who imported it, for the import log.
        importer
            The web user importing: the store refuses a county outside its scope, deciding
            in the importing transaction (:mod:`junheng.store.authority`).

        Returns
        -------
        ImportRecord
            The import log entry, with row counts per sheet key.

        Raises
        ------
        ValidationError
            ``data`` breaks a workbook rule; nothing is stored.
        AccessDenied
            ``importer`` may not import this county; nothing is stored.
        StoreError
            The workbook would change the county's city, the county-year is held and
            ``replace`` is false, or the database refused a row.
        """
        problems = validate_county(data)
        if problems:
            raise ValidationError(problems)
        with self._transaction(write=True) as conn:
            return repo.store_county(conn, data, replace=replace, source=source,
                                     file_hash=file_hash, user=user, importer=importer)

    def check_import(self, data: CountyData, *, importer: Importer | None = None) -> None:
        """Refuse now what :meth:`import_county` would refuse for the county's scope or
        city (the web checks an upload before asking the user to confirm it).

        Raises
        ------
        AccessDenied, StoreError
            As :meth:`import_county`.
        """
        city = data.info.get("city_name")
        with self._transaction() as conn:
            if importer is not None:
                check_import(conn, county_code=data.county_code, city_name=city,
                             importer=importer)
            check_city(conn, county_code=data.county_code, city_name=city)

    def load_county(self, county_code: str, school_year: int) -> CountyData:
        """The county-year exactly as it was imported (typed frames in sheet order).

        Raises
        ------
        StoreError
            The store does not hold that county-year; the message lists the years it holds.
        """
        with self._transaction() as conn:
            data = repo.read_county(conn, county_code=str(county_code),
                                    school_year=int(school_year))
        stored = self.overlay(data.county_code)
        return data if stored is None else replace(data, overlay=stored.overlay)

    def overlay(self, county_code: str) -> StoredOverlay | None:
        """The provincial overlay stored for ``county_code``, or None."""
        with self._orm() as session:
            return overlays.county_overlay(session, str(county_code))

    def set_overlay(self, county_code: str, *, text: str, file_name: str, user: str = ""
                    ) -> StoredOverlay:
        """Check ``text`` and store it as the county's provincial overlay (replacing any).

        Raises
        ------
        ConfigError
            ``text`` is not a valid overlay (the loader's message); nothing is stored.
        StoreError
            The store holds no year of the county.
        """
        code = self._held(county_code)
        with self._orm(write=True) as session:
            stored = overlays.set_overlay(session, code, text=text, file_name=file_name, by=user)
            session.commit()
        return stored

    def clear_overlay(self, county_code: str, *, user: str = "") -> StoredOverlay | None:
        """Remove the county's provincial overlay; the one removed, or None when none was set."""
        with self._orm(write=True) as session:
            gone = overlays.clear_overlay(session, str(county_code), by=user)
            session.commit()
        return gone

    def _held(self, county_code: str) -> str:
        code = str(county_code)
        if not self.years(code):
            raise StoreError(f"库中没有县区 {code} 的数据：请先用 junheng import 导入该县区的"
                             f"工作簿，再设置省级补充标准。")
        return code

    @contextmanager
    def _orm(self, *, write: bool = False) -> Iterator[Session]:
        try:
            with write_session(self._sessions) if write else self.session() as session:
                yield session
        except DBAPIError as exc:
            raise _failed(exc) from exc

    def counties(self) -> list[CountyYear]:
        """Every county-year held, by county code then year, with row counts per sheet and
        the digest of the county's provincial overlay (province jobs put it in their stamps)."""
        with self._transaction() as conn:
            held = repo.list_county_years(conn)
        with self._orm() as session:
            stored = overlays.overlays_of(session, sorted({cy.county_code for cy in held}))
        return [replace(cy, overlay=stored[cy.county_code].digest) if cy.county_code in stored
                else cy for cy in held]

    def years(self, county_code: str) -> list[int]:
        """The school years held for ``county_code``, ascending."""
        with self._transaction() as conn:
            return repo.county_years_of(conn, county_code=str(county_code))

    def import_log(self, *, county_code: str | None = None, school_year: int | None = None
                   ) -> list[ImportRecord]:
        """Every successful import, oldest first, optionally for one county and/or year."""
        with self._transaction() as conn:
            return repo.list_imports(conn, county_code=county_code, school_year=school_year)

    def delete_county(self, county_code: str, school_year: int) -> dict[str, int]:
        """Delete a county-year and all its rows; returns rows deleted per sheet key.

        Raises
        ------
        StoreError
            The store does not hold that county-year.
        """
        code, year = str(county_code), int(school_year)
        with self._transaction(write=True) as conn:
            if repo.find_county_year(conn, county_code=code, school_year=year) is None:
                raise StoreError(f"库中没有{county_label(code, year)}的数据，无需删除。"
                                 f"可用 junheng counties 查看库中已有的县区和学年。")
            return repo.delete_county_rows(conn, county_code=code, school_year=year)


def _failed(exc: DBAPIError) -> StoreError:
    return StoreError(f"数据库操作失败，未做任何修改：{_first_line(exc)}。"
                      f"请检查数据库服务是否正常，稍后重试。")


#: the database drivers' English reasons a user may meet, in Chinese (the first that matches)
DRIVER_REASONS = (
    ("unable to open database file", "无法打开数据库文件（目录不存在或没有读写权限）"),
    ("file is not a database", "该文件不是数据库文件"),
    ("database is locked", "数据库正被其他程序占用"),
    ("password authentication failed", "用户名或密码不对"),
    ("does not exist", "数据库或用户不存在"),
    ("could not translate host name", "找不到数据库主机"),
    ("name or service not known", "找不到数据库主机"),
    ("connection refused", "连接被拒绝（数据库服务未启动或端口不对）"),
    ("timeout", "连接超时"),
    ("timed out", "连接超时"),
)


def _first_line(exc: DBAPIError) -> str:
    """Why the driver failed, in Chinese: its English (「unable to open database file」) reached
    the user."""
    text = str(exc.orig if exc.orig is not None else exc).strip().lower()
    return next((zh for en, zh in DRIVER_REASONS if en in text), "数据库驱动报告错误")


def open_store(url: str) -> Store:
    """Connect to the database at ``url``, migrate it to the newest schema, return the store.

    Parameters
    ----------
    url
        ``sqlite:///path.db`` (created when missing; ``sqlite://`` is in memory) or
        ``postgresql+psycopg://user@host:5432/db`` (the database must exist).

    Raises
    ------
    StoreError
        The database cannot be reached or opened, or its schema is newer than this program.

    Examples
    --------
    >>> store = open_store("sqlite://")
    >>> store.years("410306")
    []
    """
    engine = make_engine(url)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(f"无法打开数据库 {shown}：{_first_line(exc)}。"
                         f"请检查地址是否正确、数据库服务是否已启动、目录是否存在。") from exc
    except CommandError as exc:
        engine.dispose()
        raise StoreError(f"数据库 {shown} 的结构版本无法识别（{exc}）：它可能由更新版本的 junheng "
                         f"创建，请升级 junheng 后再打开。") from exc
    return Store(engine)
