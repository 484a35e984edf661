"""Engines for the store's two back ends, and migrating a database to the newest schema.

SQLite (the default, one file) gets foreign keys on and write-ahead logging for file databases
(readers do not block the writer). PostgreSQL is reached with
``postgresql+psycopg://user@host/db``.

Transactions (:func:`transaction`): a read sees one consistent snapshot, so a county loaded
while another import commits is either all old or all new (PostgreSQL REPEATABLE READ, SQLite
an explicit ``BEGIN``; the ``sqlite3`` driver alone would run each SELECT on its own). A write
on SQLite takes the write lock at its start (``BEGIN IMMEDIATE``), so a concurrent importer
waits for it instead of failing half-way. ORM sessions keep the driver's default behaviour.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from junheng.errors import StoreError

HEAD = "head"
# A writer waits up to 30 s for SQLite's lock (the driver's default, 5 s, was exceeded by a
# second process migrating or importing the same file on a loaded machine: "database is locked").
_SQLITE_CONNECT = {"check_same_thread": False, "timeout": 30.0}
MIGRATION_LOCK = 0x6A756E68  # "junh": PostgreSQL advisory lock key held while migrating


def make_engine(url: str) -> Engine:
    """An engine for ``url`` set up for the store (see the module docstring)."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with an English message
        raise StoreError(f"数据库地址“{url}”无法识别：请写成 sqlite:///文件.db 或 "
                         f"postgresql+psycopg://用户@主机/库名。") from exc
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    in_memory = parsed.database in (None, "", ":memory:")
    options: dict[str, Any] = {"poolclass": StaticPool} if in_memory else {}
    engine = create_engine(parsed, connect_args=_SQLITE_CONNECT, **options)
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def make_reader_engine(engine: Engine) -> Engine | None:
    """A read-only engine on the same SQLite file for short reads on one thread (a web
    server's event loop), or None when ``engine`` is not a SQLite file database.

    One connection per thread (``SingletonThreadPool``), so the thread never waits for the
    main engine's pool, and ``PRAGMA query_only``, so it cannot write. Under write-ahead
    logging a reader is never blocked by a writer.
    """
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    reader = create_engine(url, poolclass=SingletonThreadPool, connect_args=_SQLITE_CONNECT)
    _configure_sqlite(reader, wal=True, query_only=True)
    return reader


def _configure_sqlite(engine: Engine, *, wal: bool, query_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:  # synchronous stays FULL: a committed import survives a power cut
            _set_wal(cursor)
        if query_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()


def _set_wal(cursor, wait: float = 30.0) -> None:
    """Switch a new file to write-ahead logging. The switch needs the file to itself, and
    SQLite can refuse it with "database is locked" at once, without the driver's wait, when
    another program opens the same new file at that moment (seen on a loaded machine):
    retry for up to ``wait`` seconds, as the driver waits for a write lock."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def transaction(engine: Engine, *, write: bool = False) -> Iterator[Connection]:
    """A connection in one transaction, committed at the end or rolled back on error.

    Reads see one snapshot; a write on SQLite holds the write lock from the start (see the
    module docstring).
    """
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql" and not write:
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            sqlite_begin(connection, immediate=write)
            yield connection


@contextmanager
def write_session(sessions: sessionmaker) -> Iterator[Session]:
    """An ORM session for one write transaction; the caller commits.

    On SQLite the write lock is taken at the start (``BEGIN IMMEDIATE``): reads made to
    decide a write (a submission's base version, the county-year's import) cannot go stale
    before it, which the driver's default (no transaction until the first write) allowed.
    On PostgreSQL the writes lock what they depend on (``FOR UPDATE``).
    """
    with sessions() as session:
        sqlite_begin(session.connection(), immediate=True)
        yield session


def sqlite_begin(connection: Connection, *, immediate: bool) -> None:
    """Start SQLite's transaction now (the driver would wait for the first write)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("junheng") / "migrations"))
    return config


def migrate(engine: Engine, revision: str = HEAD) -> None:
    """Upgrade the database behind ``engine`` to ``revision`` (default: the newest).

    A database already at the newest revision is left alone without running Alembic.
    """
    if revision == HEAD and current_revision(engine) == head_revision():
        return
    _run_alembic(engine, command.upgrade, revision)


@functools.cache
def head_revision() -> str | None:
    """The newest revision shipped with this program."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision`` (``"base"``: empty)."""
    _run_alembic(engine, command.downgrade, revision)


def _run_alembic(engine: Engine, step, revision: str) -> None:
    config = alembic_config()
    with (engine.connect() as connection, sqlite_foreign_keys_off(connection),
          connection.begin()):
        # One migration at a time, as one transaction: a second process opening a new
        # database waits, then finds it at the head and does nothing.
        sqlite_begin(connection, immediate=True)
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        step(config, revision)


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Switch SQLite's foreign keys off on ``connection`` for a migration, then on again.

    Batch migrations copy and drop tables; with foreign keys on, SQLite would refuse or
    cascade. The pragma only takes effect outside a transaction, so it goes to the driver
    connection before SQLAlchemy begins one. Other back ends are left alone.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
